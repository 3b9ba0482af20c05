package cli

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crib-notes/crib/internal/htmltest"
	"golang.org/x/net/html"
)

// linksVault copies testdata/links (a note that three others link to, one
// private note that links to it too, a broken link) into a new folder.
func linksVault(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir("testdata/links", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("testdata/links", p)
		writeFile(t, dst, filepath.ToSlash(rel), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

const linksBase = "https://example.org/sub/"

// buildLinks builds the links vault into a new site, with extra lines
// added to [params.crib], and returns the public folder.
func buildLinks(t *testing.T, vault string, params ...string) string {
	t.Helper()
	site := copySite(t)
	if len(params) > 0 {
		cfg, err := os.ReadFile(filepath.Join(site, "hugo.toml"))
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range params {
			key, _, _ := strings.Cut(p, " =")
			cfg = bytes.Replace(cfg, []byte("\n"+key+" = true\n"), []byte("\n"+p+"\n"), 1)
			if !bytes.Contains(cfg, []byte(p)) {
				t.Fatalf("hugo.toml has no %q to set", key)
			}
		}
		writeFile(t, site, "hugo.toml", cfg)
	}
	pub := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runCLI(t, "build", "--site", site, "--vault", vault, "--destination", pub, "--baseURL", linksBase)
	if code != exitOK && code != exitNotes {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	return pub
}

func hasClass(class string) func(*html.Node) bool {
	return func(n *html.Node) bool { return slices.Contains(strings.Fields(htmltest.Attr(n, "class")), class) }
}

func TestBacklinksGraphAndBrokenLinks(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	vault := linksVault(t)
	pub := buildLinks(t, vault)
	target := htmltest.ParseFile(t, filepath.Join(pub, "notes/target/index.html"))

	// Linked from: the three notes that link to it, by title, each once,
	// with the sentence around its first link; never the private note.
	sec := htmltest.Find(target, hasClass("backlinks"))
	if sec == nil {
		t.Fatal("the target page has no backlinks section")
	}
	type backlink struct{ title, href, context, mark string }
	var got []backlink
	for _, li := range htmltest.FindAll(sec, htmltest.Tag("li")) {
		a := htmltest.Find(li, htmltest.Tag("a"))
		var context, mark string
		if p := htmltest.Find(li, htmltest.Tag("p")); p != nil {
			context = htmltest.Text(p)
		}
		if m := htmltest.Find(li, htmltest.Tag("mark")); m != nil {
			mark = htmltest.Text(m)
		}
		got = append(got, backlink{htmltest.Text(a), htmltest.Attr(a, "href"), context, mark})
	}
	want := []backlink{
		// Links relative to the page, which hold under any base URL.
		{"Alpha", "../alpha/", "one item links to Target here", "Target"},
		{"Bravo", "../bravo/", "", ""}, // an embed: its title line is all its context, not shown
		{"Charlie <deep>", "../charlie/deep/", "Charlie cites the target twice: Target again.", "the target"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("backlinks:\n%q\nwant\n%q", got, want)
	}
	if page, _ := os.ReadFile(filepath.Join(pub, "notes/target/index.html")); bytes.Contains(page, []byte("secret")) || bytes.Contains(page, []byte("private")) {
		t.Error("the target page shows the private note")
	}

	// The graph: exactly its neighbours, each a link to a built page
	// under the sub-path.
	svg := htmltest.Find(target, hasClass("graph"))
	if svg == nil {
		t.Fatal("the target page has no graph")
	}
	if htmltest.Attr(svg, "role") != "img" || htmltest.Attr(svg, "aria-label") == "" {
		t.Errorf("graph role %q aria-label %q", htmltest.Attr(svg, "role"), htmltest.Attr(svg, "aria-label"))
	}
	page, _ := url.Parse(linksBase + "notes/target/")
	var neighbours []string
	for _, a := range htmltest.FindAll(svg, htmltest.Tag("a")) {
		u, err := page.Parse(htmltest.Attr(a, "href"))
		if err != nil || !strings.HasPrefix(u.Path, "/sub/") {
			t.Errorf("graph link %q leaves the site: %v", htmltest.Attr(a, "href"), u)
			continue
		}
		if _, err := os.Stat(filepath.Join(pub, strings.TrimPrefix(u.Path, "/sub/"), "index.html")); err != nil {
			t.Errorf("graph link %q: no page at %s", htmltest.Attr(a, "href"), u.Path)
		}
		neighbours = append(neighbours, htmltest.Text(htmltest.Find(a, htmltest.Tag("title"))))
	}
	if want := []string{"Alpha", "Bravo", "Charlie <deep>"}; !slices.Equal(neighbours, want) {
		t.Errorf("graph nodes %q, want %q", neighbours, want)
	}
	// Alpha is a neighbour of the target, the only one of its own.
	alpha := htmltest.ParseFile(t, filepath.Join(pub, "notes/alpha/index.html"))
	if n := len(htmltest.FindAll(htmltest.Find(alpha, hasClass("graph")), htmltest.Tag("a"))); n != 1 {
		t.Errorf("alpha's graph has %d nodes, want 1", n)
	}
	// A note nothing links to and that links nowhere shows neither.
	alone := htmltest.ParseFile(t, filepath.Join(pub, "notes/alone/index.html"))
	if htmltest.Find(alone, hasClass("graph")) != nil || htmltest.Find(alone, hasClass("backlinks")) != nil {
		t.Error("a note without links shows a graph or backlinks")
	}

	// A broken link is a marked span, its text and tooltip escaped.
	broken := htmltest.ParseFile(t, filepath.Join(pub, "notes/broken/index.html"))
	span := htmltest.Find(broken, hasClass("broken-link"))
	if span == nil {
		t.Fatal("the broken link is not marked")
	}
	if span.Data != "span" || htmltest.Text(span) != "Nowhere <b>" || htmltest.Attr(span, "title") != "no note named “Nowhere <b>”" {
		t.Errorf("broken link: <%s> %q title %q", span.Data, htmltest.Text(span), htmltest.Attr(span, "title"))
	}

	// The same vault gives the same pages.
	again := buildLinks(t, vault)
	for _, p := range []string{"notes/target/index.html", "notes/charlie/deep/index.html", "notes/broken/index.html"} {
		a, _ := os.ReadFile(filepath.Join(pub, p))
		b, _ := os.ReadFile(filepath.Join(again, p))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds", p)
		}
	}
}

func TestConnectedNotesOff(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	vault := linksVault(t)
	pub := buildLinks(t, vault, "backlinks = false", "graph = false", "brokenLinks = false")
	target := htmltest.ParseFile(t, filepath.Join(pub, "notes/target/index.html"))
	if htmltest.Find(target, hasClass("backlinks")) != nil || htmltest.Find(target, hasClass("graph")) != nil {
		t.Error("backlinks or graph shown with both off")
	}
	broken := htmltest.ParseFile(t, filepath.Join(pub, "notes/broken/index.html"))
	body := htmltest.Find(broken, hasClass("content"))
	if htmltest.Find(broken, hasClass("broken-link")) != nil || !strings.Contains(htmltest.Text(body), "A link to Nowhere <b> stays visible.") {
		t.Errorf("broken link with brokenLinks off: %q", htmltest.Text(body))
	}

	// Each alone.
	pub = buildLinks(t, vault, "graph = false")
	target = htmltest.ParseFile(t, filepath.Join(pub, "notes/target/index.html"))
	if htmltest.Find(target, hasClass("backlinks")) == nil || htmltest.Find(target, hasClass("graph")) != nil {
		t.Error("graph = false: want backlinks and no graph")
	}
	pub = buildLinks(t, vault, "backlinks = false")
	target = htmltest.ParseFile(t, filepath.Join(pub, "notes/target/index.html"))
	if htmltest.Find(target, hasClass("backlinks")) != nil || htmltest.Find(target, hasClass("graph")) == nil {
		t.Error("backlinks = false: want a graph and no backlinks")
	}
}
