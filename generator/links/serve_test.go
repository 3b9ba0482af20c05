package links_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/links"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/internal/fixtures"
	"github.com/crib-notes/crib/internal/htmltest"
	"golang.org/x/net/html"
)

// TestSavedLinkUpdatesItsNotes moves a link from one note to another
// between runs of one Builder, as serve does on a save: the pages the
// link left and joined get new backlinks and graphs, and no other
// page's asset is written again. B, linked from nothing after the save,
// keeps an asset that shows nothing: its page still reads it.
func TestSavedLinkUpdatesItsNotes(t *testing.T) {
	vault, siteDir := t.TempDir(), t.TempDir()
	write := func(name, text string, at time.Time) {
		p := filepath.Join(vault, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, at, at)
	}
	start := time.Now().Add(-time.Hour)
	write("A.md", "# A\n\nA links to [[B]].\n", start)
	write("B.md", "# B\n\nPlain.\n", start)
	write("C.md", "# C\n\nPlain.\n", start)
	write("D.md", "# D\n\nD links to [[C]].\n", start)
	site, err := content.OpenSite(siteDir)
	if err != nil {
		t.Fatal(err)
	}
	b := pipeline.New(pipeline.Options{Config: config.Default(), VaultDir: vault, Writer: site,
		Outputs: []pipeline.Output{links.Output{Backlinks: true, Graph: true}}})
	run := func() (removed []string) {
		t.Helper()
		if _, err := b.Run(context.Background(), fixtures.Listing(t, vault)); err != nil {
			t.Fatal(err)
		}
		removed, _, err := site.Finish()
		if err != nil {
			t.Fatal(err)
		}
		return removed
	}
	asset := func(name string) string { return filepath.Join(siteDir, links.Dir, "notes", name+".html") }
	backlinks := func(name string) (titles []string) {
		t.Helper()
		data, err := os.ReadFile(asset(name))
		if err != nil {
			return nil
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if sec := htmltest.Find(doc, func(n *html.Node) bool { return htmltest.Attr(n, "class") == "backlinks" }); sec != nil {
			for _, li := range htmltest.FindAll(sec, htmltest.Tag("li")) {
				titles = append(titles, htmltest.Text(htmltest.Find(li, htmltest.Tag("a"))))
			}
		}
		return titles
	}

	run()
	if got := backlinks("b"); !slices.Equal(got, []string{"A"}) {
		t.Fatalf("B linked from %v, want [A]", got)
	}
	if got := backlinks("c"); !slices.Equal(got, []string{"D"}) {
		t.Fatalf("C linked from %v, want [D]", got)
	}
	dBefore, _ := os.Stat(asset("d"))

	write("A.md", "# A\n\nA links to [[C]] now.\n", time.Now())
	removed := run()
	if got := backlinks("c"); !slices.Equal(got, []string{"A", "D"}) {
		t.Errorf("after the save C is linked from %v, want [A D]", got)
	}
	if got := backlinks("b"); got != nil || len(removed) > 0 {
		t.Errorf("B, linked from nothing now, is linked from %v (files removed: %v)", got, removed)
	}
	a, _ := os.ReadFile(asset("a"))
	if !strings.Contains(string(a), `href="../c/"`) || strings.Contains(string(a), `href="../b/"`) {
		t.Errorf("A's graph does not show the move:\n%s", a)
	}
	if dAfter, _ := os.Stat(asset("d")); !dAfter.ModTime().Equal(dBefore.ModTime()) {
		t.Error("D's asset was written again, though nothing of D's links changed")
	}
}
