package hugotest_test

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crib-notes/crib/internal/fixtures"
	"github.com/crib-notes/crib/internal/htmltest"
	"github.com/crib-notes/crib/internal/hugotest"
	"golang.org/x/net/html"
	"golang.org/x/tools/txtar"
)

// hostileSite is a note page, in the shape the generator writes, holding
// what a note's Markdown can give the theme's render hooks that they
// cannot use as written, and blocks Crib never writes (attributes on a
// fence) that the hooks must still show safely.
const hostileSite = `
-- content/notes/_index.md --
---
title: Notes
---
-- content/notes/hooks/index.md --
---
title: Hooks
params:
  crib:
    source: Hooks.md
    line: 5
---
[quoted]("https://developer.android.com/docs") [escape](%zz) [host](http://[::1)

[ok](https://example.com/x) [dots](..) [root](/) [query](?x=1) [frag](#) [mail](mailto:a@b.c) [js](javascript:alert(1))

![letters](gopher.png?w=abc) ![zero](gopher.png?w=08) ![sized](gopher.png?w=120) ![broken](broken.png) ![unparsed](%zz)

## Array {data-x=[1,2] style="color:red" .ok}

> quote
{data-y=[3,"4-5"] style="position:fixed" lang=en}

| A |
|---|
| 1 |
{data-z=[1] title="t"}

` + "```go {title=\"main.go\"}" + `
package main
` + "```" + `

` + "```js {class=\"x\\\"><img src=x onerror=alert(1)>\"}" + `
alert(1)
` + "```" + `

` + "```x\"><img/src=x/onerror=alert(2)>" + `
alert(2)
` + "```" + `

` + "```go {linenostart=\"abc\"}" + `
x := 1
` + "```" + `
`

// gopherPNG is a 240×160 PNG.
const gopherPNG = "iVBORw0KGgoAAAANSUhEUgAAAPAAAACgCAIAAAC9uXYyAAAAh0lEQVR42u3BgQAAAADDoPlTH+ECVQEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAADPAMKvAAEC1MjPAAAAAElFTkSuQmCC"

// TestHooksTakeAnyMarkdown builds hostileSite with the repository's
// theme: the site builds, what a hook cannot use is shown as text or left
// out with a warning at its place, and nothing from the note runs script
// or styles the page.
func TestHooksTakeAnyMarkdown(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	files := themeFiles(t)
	for _, f := range txtar.Parse([]byte(hostileSite)).Files {
		files[f.Name] = string(f.Data)
	}
	png, _ := base64.StdEncoding.DecodeString(gopherPNG)
	files["content/notes/hooks/gopher.png"] = string(png)
	files["content/notes/hooks/broken.png"] = "not a PNG"
	site, warnings := hugotest.BuildWarnings(t, files)

	var got []string
	for _, w := range warnings {
		got = append(got, w.String())
	}
	for _, want := range []string{
		`content/notes/hooks/index.md:8:1: warning: hugo: link "\"https://developer.android.com/docs\"" is not a URL; shown as text`,
		`content/notes/hooks/index.md:8:`, // %zz
		`warning: hugo: link "http://[::1" is not a URL; shown as text`,
		`content/notes/hooks/index.md:12:1: warning: hugo: image width "abc" is not a number of pixels; left out`,
		`warning: hugo: image width "08" is not a number of pixels; left out`,
		`warning: hugo: image "%zz" is not a URL; its text is shown instead`,
		`content/notes/hooks/index.md:28:1: warning: hugo: code block cannot be highlighted safely; shown as plain code`,
		`content/notes/hooks/index.md:32:1: warning: hugo: code block cannot be highlighted safely; shown as plain code`,
		`content/notes/hooks/index.md:36:1: warning: hugo: code block cannot be highlighted safely; shown as plain code`,
	} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("no warning %s; warnings:\n%s", want, strings.Join(got, "\n"))
		}
	}

	doc := htmltest.ParseFile(t, filepath.Join(site, "public", "notes", "hooks", "index.html"))
	body := htmltest.Find(doc, func(n *html.Node) bool { return strings.Contains(htmltest.Attr(n, "class"), "content prose") })
	if body == nil {
		t.Fatal("no content")
	}
	text := htmltest.Text(body)
	for _, want := range []string{"quoted", "escape", "host", "unparsed", "package main", "alert(1)", "alert(2)", "x := 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("page text lacks %q:\n%s", want, text)
		}
	}
	links := map[string]string{}
	for _, a := range htmltest.FindAll(body, htmltest.Tag("a")) {
		links[htmltest.Text(a)] = htmltest.Attr(a, "href")
	}
	for name, href := range map[string]string{"ok": "https://example.com/x", "mail": "mailto:a@b.c", "query": "?x=1"} {
		if links[name] != href {
			t.Errorf("link %q: href %q, want %q", name, links[name], href)
		}
	}
	for _, name := range []string{"quoted", "escape", "host"} {
		if _, ok := links[name]; ok {
			t.Errorf("link %q is still a link", name)
		}
	}
	if strings.HasPrefix(links["js"], "javascript:") {
		t.Errorf("javascript: link kept: %q", links["js"])
	}
	sizes := map[string]string{}
	for _, img := range htmltest.FindAll(body, htmltest.Tag("img")) {
		sizes[htmltest.Attr(img, "alt")] = htmltest.Attr(img, "width") + "x" + htmltest.Attr(img, "height")
	}
	for alt, want := range map[string]string{"letters": "240x160", "zero": "240x160", "sized": "120x80", "broken": "x"} {
		if sizes[alt] != want {
			t.Errorf("image %q: size %q, want %q", alt, sizes[alt], want)
		}
	}
	if len(sizes) != 4 {
		t.Errorf("images %v, want 4", sizes)
	}
	if h := htmltest.Find(body, htmltest.Tag("h2")); h == nil || htmltest.Attr(h, "class") != "ok" {
		t.Errorf("heading: %v", h)
	}
	if q := htmltest.Find(body, htmltest.Tag("blockquote")); q == nil || htmltest.Attr(q, "lang") != "en" {
		t.Errorf("blockquote lost its lang")
	}
	if tb := htmltest.Find(body, htmltest.Tag("table")); tb == nil || htmltest.Attr(tb, "title") != "t" {
		t.Errorf("table lost its title")
	}
	if c := htmltest.Find(body, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "code-title" }); c == nil || htmltest.Text(c) != "main.go" {
		t.Errorf("code block caption: %v", c)
	}
	for n := range body.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if n.Data == "script" || n.Data == "iframe" || n.Data == "img" && htmltest.Attr(n, "alt") == "" {
			t.Errorf("<%s> from the note", n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "style" && n.Data != "th" && n.Data != "td" || a.Key == "data-x" || a.Key == "data-y" || a.Key == "data-z" {
				t.Errorf("<%s %s=%q> from the note", n.Data, a.Key, a.Val)
			}
		}
	}
}

// themeFiles returns the repository's hugo.toml and theme as site files.
func themeFiles(t *testing.T) map[string]string {
	t.Helper()
	root := filepath.Join("..", "..")
	files := map[string]string{}
	b, err := os.ReadFile(filepath.Join(root, "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	files["hugo.toml"] = string(b)
	for rel, data := range fixtures.Tree(t, filepath.Join(root, "themes")) {
		files["themes/"+rel] = data
	}
	return files
}

// TestSiteSecurity builds a page whose template tries what a template or
// shortcode from a note must never do, with the site's hugo.toml: read
// the environment, fetch a URL, run a program. Each is refused.
func TestSiteSecurity(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	files := themeFiles(t)
	files["assets/x.css"] = "a { color: red }"
	files["layouts/home.html"] = `
{{- with try (os.Getenv "HOME") }}getenv:{{ with .Err }}{{ . }}{{ else }}{{ .Value }}{{ end }}{{ end }}
{{ with try (resources.GetRemote "https://example.com/") }}remote:{{ with .Err }}{{ . }}{{ else }}fetched{{ end }}{{ end }}
{{ with try ((resources.Get "x.css" | css.PostCSS).Content) }}exec:{{ with .Err }}{{ . }}{{ else }}ran{{ end }}{{ end }}`
	site, _ := hugotest.BuildWarnings(t, files)
	got := hugotest.Read(t, site, "index.html")
	for _, want := range []string{`Getenv: access denied`, `GetRemote: access denied`, `access denied: "postcss" is not whitelisted`} {
		if !strings.Contains(got, want) {
			t.Errorf("not refused: want %q in\n%s", want, got)
		}
	}
}

// TestPagePreviews checks that a note page names the folder of the link
// previews, and loads their script, unless the site turns previews off.
func TestPagePreviews(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	for _, tt := range []struct {
		name    string
		off     bool   // previews = false
		preview string // the data-preview attribute; "" for none
	}{
		{"previews on", false, "/preview/"},
		{"previews off", true, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := themeFiles(t)
			if tt.off {
				files["hugo.toml"] = strings.Replace(files["hugo.toml"], "\npreviews = true\n", "\npreviews = false\n", 1)
			}
			files["content/notes/a/index.md"] = "---\ntitle: A\n---\nSee [b](/notes/b/).\n"
			files["content/notes/b/index.md"] = "---\ntitle: B\n---\nText.\n"
			site, _ := hugotest.BuildWarnings(t, files)
			doc, err := html.Parse(strings.NewReader(hugotest.Read(t, site, "notes/a/index.html")))
			if err != nil {
				t.Fatal(err)
			}
			var preview string
			if box := htmltest.Find(doc, func(n *html.Node) bool { _, ok := htmltest.HasAttr(n, "data-preview"); return ok }); box != nil {
				preview = htmltest.Attr(box, "data-preview")
			}
			script := htmltest.Find(doc, func(n *html.Node) bool {
				return n.Type == html.ElementNode && n.Data == "script" && strings.Contains(htmltest.Attr(n, "src"), "preview")
			})
			if preview != tt.preview || (script != nil) != (tt.preview != "") {
				t.Errorf("data-preview %q, preview script %v; want %q, %v", preview, script != nil, tt.preview, tt.preview != "")
			}
		})
	}
}
