package obsidian_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/obsidian"
	"github.com/crib-notes/crib/internal/hugotest"
)

// TestHugoRendersRewrite builds a one-page Hugo site from Rewrite's output
// and checks the HTML: block ids become the ids links point at, links and
// images keep their destinations, highlights and code stay intact.
func TestHugoRendersRewrite(t *testing.T) {
	body := "Intro [[Docker|the whale]], [[Docker#Image Layers]] and [[#^p1|back]].\n\n" +
		"Para with ==mark== and `[[code]]` ^p1\n\n" +
		"- tight one ^l1\n- tight two\n\n" +
		"Text between.\n\n" +
		"- loose one ^l2\n\n- loose two\n\n" +
		"> quote ^q1\n\n" +
		"| a | b |\n|---|---|\n| [[Docker\\|whale]] | ![[shot.png\\|50]] |\n\n^t1\n\n" +
		"![[my shot.png|A shot|300]]\n"
	segs := markdown.Segments([]byte(body))
	if len(segs) != 1 {
		t.Fatalf("segments: %+v", segs)
	}
	out, problems := obsidian.Rewrite([]byte(body), segs[0].Spans, vault{})
	if len(problems) > 0 {
		t.Fatalf("problems: %+v", problems)
	}

	site := hugotest.Build(t, map[string]string{
		"hugo.toml": `baseURL = "https://example.org/"
disableKinds = ["taxonomy", "term", "rss", "sitemap", "section", "home", "404"]
[markup.goldmark.parser.attribute]
block = true
[markup.goldmark.extensions.extras.mark]
enable = true
`,
		"layouts/page.html": "{{ .Content }}",
		"content/p.md":      "---\ntitle: p\n---\n" + string(out),
	})
	html := hugotest.Read(t, site, "p/index.html")
	got := string(html) // minified: attribute quotes dropped where HTML allows
	for _, want := range []string{
		`<a href=/notes/docker>the whale</a>`,
		`<a href=/notes/docker#image-layers>Docker > Image Layers</a>`,
		`<a href=#%5Ep1>back</a>`,
		`<p id=^p1>Para with <mark>mark</mark> and <code>[[code]]</code></p>`,
		`<ul id=^l1><li>tight one</li>`,
		`<li><p id=^l2>loose one</p></li>`,
		`<blockquote><p id=^q1>quote</p></blockquote>`,
		`<table id=^t1>`,
		`<td><a href=/notes/docker>whale</a></td>`,
		`<img src="shot.png?w=50" alt=shot.png>`,
		`<img src="my%20shot.png?w=300" alt="A shot">`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML lacks %s", want)
		}
	}
	if m := regexp.MustCompile(`\^[a-z0-9]+\s*<|\{id=|\[\[`).FindString(strings.ReplaceAll(got, "<code>[[code]]</code>", "")); m != "" {
		t.Errorf("Obsidian syntax left in the HTML: %q\n%s", m, got)
	}
}
