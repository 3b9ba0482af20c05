package cli

import (
	"os"
	"path/filepath"
	"testing"
)

// TestServedRemove: the files Hugo's server rendered from removed content
// go at once, and again when a rebuild renders them again, but not once
// the content is back.
func TestServedRemove(t *testing.T) {
	site := t.TempDir()
	writeFile(t, site, filepath.Join(serveDir, "stale-from-last-session.html"), nil)
	s, err := newServed(site)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(s.dir, "stale-from-last-session.html")); err == nil {
		t.Errorf("what an earlier session rendered is still served")
	}
	render := func(rels ...string) {
		for _, rel := range rels {
			writeFile(t, s.dir, rel, []byte("rendered"))
		}
	}
	isServed := func(rel string) bool {
		_, err := os.Stat(filepath.Join(s.dir, filepath.FromSlash(rel)))
		return err == nil
	}
	render("notes/a/index.html", "notes/a/b/index.html", "notes/a/b/diagram.png", "notes/a/c/index.html",
		"practice/cards/b-1234/index.html")

	s.remove([]string{"content/notes/a/b/index.md", "content/notes/a/b/diagram.png", "content/practice/cards/b-1234/index.md", "static/search/x.json"})
	for rel, want := range map[string]bool{
		"notes/a/b/index.html": false, "notes/a/b/diagram.png": false, "notes/a/b": false,
		"practice/cards/b-1234": false, "practice": false,
		"notes/a/index.html": true, "notes/a/c/index.html": true,
	} {
		if isServed(rel) != want {
			t.Errorf("after the removal, %s served: %v, want %v", rel, !want, want)
		}
	}

	// Hugo renders the page once more before it knows it is gone.
	render("notes/a/b/index.html")
	s.sweep()
	if isServed("notes/a/b/index.html") {
		t.Errorf("a page rendered again after its removal is still served after a rebuild")
	}
	// The note is back: its page stays.
	writeFile(t, site, "content/notes/a/b/index.md", []byte("---\n---\n"))
	render("notes/a/b/index.html")
	s.sweep()
	if !isServed("notes/a/b/index.html") {
		t.Errorf("a page whose content is back was removed")
	}
	for range sweeps + 1 {
		s.sweep()
	}
	if len(s.gone) != 0 {
		t.Errorf("removals still swept after %d rebuilds: %v", sweeps+1, s.gone)
	}
}
