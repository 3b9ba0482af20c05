package markdown_test

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/internal/hugotest"
	"github.com/yuin/goldmark/ast"
)

// Heading ids are the ids Hugo renders, also for headings that hold an
// HTML comment, which Hugo leaves out of the id (and so must Crib: the
// ids go into links, cards and the search index).
func TestHeadingIDsMatchHugo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	body := strings.Join([]string{
		"## Plain heading",
		"## Question? <!-- CRIBLEAK note to self -->",
		"## <!-- CRIBLEAK first --> Comment first",
		"## Two <!-- CRIBLEAK a --> comments <!--CRIBLEAK b-->",
		"## Code `<!-- kept -->` stays",
		"## Question?",
		"Setext <!-- CRIBLEAK -->",
		"---",
		"",
	}, "\n\n")
	var want []string
	doc := markdown.NewParser().Parse([]byte(body))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			want = append(want, markdown.HeadingID(h))
		}
		return ast.WalkContinue, nil
	})
	site := hugotest.Build(t, map[string]string{
		"hugo.toml":         "baseURL = \"https://example.org/\"\ndisableKinds = [\"taxonomy\", \"term\", \"rss\", \"sitemap\", \"section\", \"home\", \"404\"]\n",
		"layouts/page.html": "{{ .Content }}",
		"content/p.md":      "---\ntitle: p\n---\n" + body,
	})
	var got []string
	for _, m := range regexp.MustCompile(`<h2 id=("[^"]*"|[^ >]*)`).FindAllStringSubmatch(hugotest.Read(t, site, "p/index.html"), -1) {
		got = append(got, strings.Trim(m[1], `"`))
	}
	if !slices.Equal(got, want) {
		t.Errorf("heading ids:\nHugo %q\nCrib %q", got, want)
	}
	for _, id := range want {
		if strings.Contains(id, "cribleak") {
			t.Errorf("id %q holds a comment's text", id)
		}
	}
}
