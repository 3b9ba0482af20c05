package content_test

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/internal/htmltest"
	"github.com/crib-notes/crib/internal/hugotest"
	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"
)

// TestHugoShowsShortcodesAsWritten builds a Hugo site whose pages hold
// every shortcode-like text in every place a note can hold it, escaped
// as the generator writes them, and reads the HTML: the site builds
// (no shortcode runs, none is missing), and each text is shown as
// written. Code shows it byte for byte; text renders as the same text
// with its braces written as entities, which Hugo cannot take for a
// shortcode, renders.
func TestHugoShowsShortcodesAsWritten(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	var cases []string
	for _, s := range content.ShortcodeLike() {
		if !strings.Contains(s, "```") {
			cases = append(cases, s)
		}
	}
	// Hugo's own placeholder is shown with a zero-width space in it.
	shown := strings.NewReplacer("HAHAHUGOSHORTCODE", "HAHAHUGO\u200bSHORTCODE").Replace
	inline := func(s string) bool { return !strings.ContainsAny(s, "\r\n|`") }

	var fences, spans, text, oracle, cards strings.Builder
	var rendered []string
	for i, s := range cases {
		fmt.Fprintf(&fences, "```text\n%s\n```\n\n", s)
		if inline(s) {
			fmt.Fprintf(&fences, "> [!note] %d\n> ```text\n> %s\n> ```\n\n", i, s)
			fmt.Fprintf(&spans, "`` %s ``\n\n| n | code |\n|---|---|\n| %d | `` %s `` |\n\n", s, i, s)
			fmt.Fprintf(&text, "T%d %s\n\n", i, s)
			fmt.Fprintf(&oracle, "T%d %s\n\n", i, shown(strings.ReplaceAll(s, "{", "&#123;")))
			rendered = append(rendered, content.EscapeShortcodesString("`` "+s+" ``"))
		}
		// A practice card: the page reads the answer, then the card
		// shortcode renders its Inner with RenderString.
		answer := content.EscapeShortcodesString("```text\n" + s + "\n```")
		fmt.Fprintf(&cards, "{{< card \"c%d\" >}}\n%s\n{{< /card >}}\n\n", i, content.EscapeShortcodes([]byte(answer)))
	}
	page := func(title, body string) string {
		return "---\ntitle: " + title + "\n---\n" + string(content.EscapeShortcodes([]byte(body)))
	}
	params, err := yaml.Marshal(map[string]any{"title": "rendered", "rendered": rendered})
	if err != nil {
		t.Fatal(err)
	}
	card, err := os.ReadFile(filepath.Join("..", "..", "themes", "crib", "layouts", "_shortcodes", "card.html"))
	if err != nil {
		t.Fatal(err)
	}
	site := hugotest.Build(t, map[string]string{
		"hugo.toml": `baseURL = "/"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "section", "home", "404"]
ignoreLogs = ["warning-goldmark-raw-html"]
[markup.goldmark.parser.attribute]
block = true
title = true
`,
		"layouts/page.html":             "{{ .Content }}",
		"layouts/rendered.html":         `{{ range .Params.rendered }}<div class=rendered>{{ $.RenderString . }}</div>{{ end }}`,
		"layouts/_shortcodes/card.html": string(card),
		"content/fences.md":             page("fences", fences.String()),
		"content/spans.md":              page("spans", spans.String()),
		"content/text.md":               page("text", text.String()),
		"content/oracle.md":             "---\ntitle: oracle\n---\n" + oracle.String(),
		"content/cards.md":              "---\ntitle: cards\n---\n" + cards.String(),
		"content/rendered.md":           "---\n" + string(params) + "layout: rendered\n---\n",
	})
	read := func(name string) *html.Node {
		return htmltest.ParseFile(t, filepath.Join(site, "public", name, "index.html"))
	}

	var wantFences, wantSpans, wantRendered []string
	for i, s := range cases {
		s = shown(s)
		cases[i] = s
		wantFences = append(wantFences, s)
		if inline(s) {
			wantFences = append(wantFences, s)
			wantSpans = append(wantSpans, s, s)
			wantRendered = append(wantRendered, s)
		}
	}
	compare(t, "fence", codeTexts(read("fences"), "pre"), wantFences, exact)
	compare(t, "code span", codeTexts(read("spans"), "code"), wantSpans, collapsed)
	compare(t, "card", codeTexts(read("cards"), "pre"), cases, exact)
	compare(t, "RenderString", codeTexts(read("rendered"), "code"), wantRendered, collapsed)

	got, want := htmlOf(t, read("text")), htmlOf(t, read("oracle"))
	if got != want {
		t.Errorf("text renders otherwise than the same text with entities:\n%s", firstDiff(want, got))
	}
	for _, page := range []string{"fences", "spans", "text", "cards", "rendered"} {
		b, _ := os.ReadFile(filepath.Join(site, "public", page, "index.html"))
		if m := regexp.MustCompile(`<iframe|<figure|<img`).Find(b); m != nil {
			t.Errorf("%s: a shortcode ran: %q in the HTML", page, m)
		}
	}
}

// codeTexts returns the text of every element named tag, in order: what
// a reader sees of each code block or code span.
func codeTexts(doc *html.Node, tag string) []string {
	var out []string
	for _, n := range htmltest.FindAll(doc, htmltest.Tag(tag)) {
		var b strings.Builder
		for d := range n.Descendants() {
			if d.Type == html.TextNode {
				b.WriteString(d.Data)
			}
		}
		out = append(out, b.String())
	}
	return out
}

// exact compares a code block's text with the code: Hugo drops the
// code's last newline, and Chroma ends every line with one.
func exact(got, want string) bool {
	return strings.TrimRight(got, "\n") == strings.TrimRight(strings.ReplaceAll(want, "\r\n", "\n"), "\n")
}

// collapsed compares a code span's text with the code: the minifier
// collapses runs of white space outside <pre>.
func collapsed(got, want string) bool {
	return strings.Join(strings.Fields(got), " ") == strings.Join(strings.Fields(want), " ")
}

func compare(t *testing.T, where string, got, want []string, same func(got, want string) bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d shown, want %d:\n%q", where, len(got), len(want), got)
		return
	}
	for i := range want {
		if !same(got[i], want[i]) {
			t.Errorf("%s: shown as %q, written %q", where, got[i], want[i])
		}
	}
}

// htmlOf renders the children of a page's body.
func htmlOf(t *testing.T, doc *html.Node) string {
	t.Helper()
	var b strings.Builder
	body := htmltest.Find(doc, htmltest.Tag("body"))
	for c := range body.ChildNodes() {
		if err := html.Render(&b, c); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-100)
	return fmt.Sprintf("want: %q\ngot:  %q", a[lo:min(len(a), i+100)], b[lo:min(len(b), i+100)])
}
