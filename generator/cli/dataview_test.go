package cli

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/crib-notes/crib/internal/htmltest"
)

// TestDataviewSite builds testdata/vault-dataview through Hugo under a
// sub-path and reads what a reader gets: each query's results in order,
// every link in them leading to a page (and heading) of the site, the
// blocks that are not run shown as their source in a box, as text, with
// no script of theirs, and the private note's text nowhere.
func TestDataviewSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	site := copySite(t)
	vault := t.TempDir()
	if err := os.CopyFS(vault, os.DirFS(filepath.Join(repoRoot, "testdata", "vault-dataview"))); err != nil {
		t.Fatal(err)
	}
	pub := filepath.Join(t.TempDir(), "public")
	const base = "/sub/"
	code, _, stderr := runCLI(t, "build", "--site", site, "--vault", vault, "--destination", pub, "--baseURL", "https://example.org"+base)
	if code != exitOK {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	page := func(rel string) *html.Node {
		return htmltest.ParseFile(t, filepath.Join(pub, filepath.FromSlash(rel), "index.html"))
	}
	content := func(doc *html.Node) *html.Node {
		c := htmltest.Find(doc, func(n *html.Node) bool { return strings.Contains(htmltest.Attr(n, "class"), "content prose") })
		if c == nil {
			t.Fatal("no content on the page")
		}
		return c
	}
	texts := func(nodes []*html.Node) []string {
		var out []string
		for _, n := range nodes {
			out = append(out, strings.Join(strings.Fields(htmltest.Text(n)), " "))
		}
		return out
	}

	// Rows in order, as the query sorts and limits them.
	var rows []string
	for _, tr := range htmltest.FindAll(content(page("notes/queries/table-without-id")), htmltest.Tag("tr")) {
		rows = append(rows, strings.Join(texts(htmltest.FindAll(tr, func(n *html.Node) bool { return n.Data == "td" || n.Data == "th" })), " | "))
	}
	if got := strings.Join(rows, " / "); got != "Note (2) | difficulty / Networking | hard / Compose | medium" {
		t.Errorf("table rows: %s", got)
	}
	items := texts(htmltest.FindAll(content(page("notes/queries/combined-sources")), htmltest.Tag("li")))
	if got := strings.Join(items, " / "); got != "TCP / Swarm / Networking / Docker Basics" {
		t.Errorf("list items: %s", got)
	}
	tasks := content(page("notes/queries/open-tasks"))
	if boxes := htmltest.FindAll(tasks, func(n *html.Node) bool { return n.Data == "input" && htmltest.Attr(n, "type") == "checkbox" }); len(boxes) != 2 {
		t.Errorf("open tasks have %d checkboxes, want 2 (the third task is [/])", len(boxes))
	}

	// Every link a query wrote leads to a page of the site, under the
	// sub-path, and to an id on it.
	checked := 0
	queries := filepath.Join(pub, "notes", "queries")
	err := filepath.WalkDir(queries, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Name() != "index.html" || filepath.Dir(p) == queries {
			return err
		}
		for _, a := range htmltest.FindAll(content(htmltest.ParseFile(t, p)), htmltest.Tag("a")) {
			href := htmltest.Attr(a, "href")
			if strings.HasPrefix(href, "#") {
				continue
			}
			pagePath, frag, _ := strings.Cut(href, "#")
			if !strings.HasPrefix(pagePath, base+"notes/") {
				t.Errorf("%s: link %q is not under %snotes/", p, href, base)
				continue
			}
			target := filepath.Join(pub, filepath.FromSlash(strings.TrimPrefix(pagePath, base)), "index.html")
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s: link %q leads to no page", p, href)
				continue
			}
			if frag, _ = url.PathUnescape(frag); frag != "" && !idsIn(htmltest.ParseFile(t, target))[frag] {
				t.Errorf("%s: link %q: no id %q", p, href, frag)
			}
			checked++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 30 {
		t.Errorf("checked %d links in query results, want at least 30", checked)
	}

	// The blocks that are not run: a box each, the source as text.
	notRun := page("notes/queries/not-run")
	boxes := htmltest.FindAll(notRun, func(n *html.Node) bool { return strings.Contains(htmltest.Attr(n, "class"), "dataview-query") })
	var sources []string
	for _, b := range boxes {
		if code := htmltest.Find(b, htmltest.Tag("code")); code != nil {
			sources = append(sources, htmltest.Text(code))
		}
	}
	want := []string{
		`TABLE tags FROM "Docker" FLATTEN tags`,
		"LIST FROM WHERE",
		"LIST WHERE file.mtime > date(today)",
		"dv.list(dv.pages(\"#docker\").file.name)\ndocument.body.insertAdjacentHTML(\"beforeend\", \"<script>alert(1)</script>\")",
	}
	if strings.Join(sources, "\n--\n") != strings.Join(want, "\n--\n") {
		t.Errorf("boxes show:\n%s\nwant:\n%s", strings.Join(sources, "\n--\n"), strings.Join(want, "\n--\n"))
	}
	scripts := func(doc *html.Node) int { return len(htmltest.FindAll(doc, htmltest.Tag("script"))) }
	if n, theme := scripts(notRun), scripts(page("notes/queries/outgoing")); n != theme {
		t.Errorf("the page of dataviewjs has %d scripts, a page without it %d", n, theme)
	}
	raw, err := os.ReadFile(filepath.Join(pub, "notes/queries/not-run/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("<script>alert")) {
		t.Errorf("the dataviewjs source reaches the page as HTML")
	}
	if code := htmltest.Find(content(notRun), func(n *html.Node) bool {
		return n.Data == "code" && htmltest.Text(n) == "$= dv.current().file.name"
	}); code == nil {
		t.Errorf("inline dataviewjs is not kept as code text")
	}

	// The private note and the draft are nowhere.
	err = filepath.WalkDir(pub, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := readPublished(p)
		if bytes.Contains(data, []byte("CRIBSECRET")) {
			t.Errorf("%s holds text of the private note or the draft", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
