package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/internal/fixtures"
)

// TestIncremental edits a vault between runs of one Builder and checks
// that exactly the affected pages change.
func TestIncremental(t *testing.T) {
	vault, siteDir := t.TempDir(), t.TempDir()
	writeFile(t, vault, "A.md", "## Target\n\nSee [[B]].\n")
	writeFile(t, vault, "B.md", "Links to [[A#Target]].\n")
	writeFile(t, vault, "C.md", "Standalone.\n")
	writeFile(t, vault, "img.png", "png1")
	writeFile(t, vault, "D.md", "![[img.png]]\n")
	site, err := content.OpenSite(siteDir)
	if err != nil {
		t.Fatal(err)
	}
	var finished []string
	var mu sync.Mutex // pages are written in parallel
	b := New(Options{Config: config.Default(), VaultDir: vault, Writer: site,
		Annotate: []func(*note.Note) map[string]any{func(n *note.Note) map[string]any {
			mu.Lock()
			defer mu.Unlock()
			finished = append(finished, n.Source) // called once per page written
			return nil
		}}})
	step := func(name string) (changed int) {
		t.Helper()
		finished = nil
		if _, err := b.Run(context.Background(), fixtures.Listing(t, vault)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		_, changed, err := site.Finish()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return changed
	}
	read := func(rel string) string {
		data, _ := os.ReadFile(filepath.Join(siteDir, rel))
		return string(data)
	}
	touch := func(rel, data string) {
		writeFile(t, vault, rel, data)
		// A later modification time even on coarse file systems.
		later := time.Now().Add(time.Duration(len(data)) * time.Second)
		os.Chtimes(filepath.Join(vault, rel), later, later)
	}

	step("first")
	if len(finished) != 4 {
		t.Fatalf("first run wrote %v", finished)
	}
	if got := step("no change"); got != 0 || len(finished) != 0 {
		t.Errorf("unchanged vault rewrote %d files: %v", got, finished)
	}

	touch("A.md", "## Renamed Target\n\nSee [[B]].\n")
	step("heading renamed")
	if strings.Join(finished, ",") != "A.md,B.md" && strings.Join(finished, ",") != "B.md,A.md" {
		t.Errorf("heading rename refinished %v, want A.md and B.md", finished)
	}
	if b := read("content/notes/b/index.md"); strings.Contains(b, "](/notes/a#target)") || !strings.Contains(b, "Links to [A > Target](crib:broken ") {
		t.Errorf("B does not mark its link to the old heading as broken:\n%s", read("content/notes/b/index.md"))
	}

	touch("img.png", "png2 changed")
	step("attachment changed")
	if strings.Join(finished, ",") != "D.md" || read("content/notes/d/img.png") != "png2 changed" {
		t.Errorf("attachment change: refinished %v, copy %q", finished, read("content/notes/d/img.png"))
	}

	os.Remove(filepath.Join(vault, "C.md"))
	step("note deleted")
	if _, err := os.Stat(filepath.Join(siteDir, "content/notes/c")); !os.IsNotExist(err) {
		t.Errorf("page of a deleted note is still there")
	}
	if len(finished) != 0 {
		t.Errorf("deleting an unlinked note refinished %v", finished)
	}

	// Changes that make a link resolve elsewhere refinish the linking
	// note even though its own file and the files it resolved to did not
	// change.
	touch("F.md", "See [[Gamma]] and ![[pic.png]].\n")
	step("note with broken links added")
	if strings.Join(finished, ",") != "F.md" {
		t.Errorf("new note: refinished %v, want F.md", finished)
	}
	touch("E.md", "---\naliases: [Gamma]\n---\nThe E note.\n")
	step("alias added that a link names")
	if got := strings.Join(finished, ","); got != "E.md,F.md" && got != "F.md,E.md" {
		t.Errorf("alias added: refinished %v, want E.md and F.md", finished)
	}
	if f := read("content/notes/f/index.md"); !strings.Contains(f, "](/notes/e)") {
		t.Errorf("F does not link to E by its new alias:\n%s", f)
	}
	touch("pic.png", "png")
	step("attachment added that an embed names")
	if strings.Join(finished, ",") != "F.md" || read("content/notes/f/pic.png") != "png" {
		t.Errorf("attachment added: refinished %v, copy %q", finished, read("content/notes/f/pic.png"))
	}
	touch("E.md", "---\naliases: [Delta]\n---\nThe E note.\n")
	step("alias removed that a link named")
	if got := strings.Join(finished, ","); got != "E.md,F.md" && got != "F.md,E.md" {
		t.Errorf("alias removed: refinished %v, want E.md and F.md", finished)
	}

	// A third note that opens with "# Overview" makes it a label: the
	// two notes that opened with it before are titled again, and so is
	// the quote of one of them where another embeds it, though none of
	// their files changed.
	touch("O/one.md", "# Overview\n\nWhat is one?\n")
	touch("O/two.md", "# Overview\n\nTwo things.\n")
	touch("Embeds.md", "![[one]]\n")
	step("two notes open with one H1")
	if one := read("content/notes/o/one/index.md"); !strings.Contains(one, "title: Overview\n") {
		t.Errorf("one is not titled by its H1:\n%s", one)
	}
	touch("O/three.md", "# Overview\n\nThree things.\n")
	step("a third note opens with the same H1")
	slices.Sort(finished)
	if got := strings.Join(finished, ","); got != "Embeds.md,O/one.md,O/three.md,O/two.md" {
		t.Errorf("third Overview: refinished %v, want Embeds.md and the three", finished)
	}
	for rel, want := range map[string]string{
		"content/notes/o/one/index.md":  "title: What is one?\n",
		"content/notes/o/two/index.md":  "title: two\n",
		"content/notes/embeds/index.md": "[What is one?](/notes/o/one)",
	} {
		if got := read(rel); !strings.Contains(got, want) {
			t.Errorf("%s without %q:\n%s", rel, want, got)
		}
	}
	if got := read("content/notes/o/two/index.md"); !strings.Contains(got, "# Overview\n") {
		t.Errorf("two lost its label heading:\n%s", got)
	}
}

// TestIncrementalQueries checks that a page showing Dataview results is
// finished again whenever any note changed, and only then: its queries
// may read any note, which a change to a note it does not link to can
// add to or take from its results.
func TestIncrementalQueries(t *testing.T) {
	vault, siteDir := t.TempDir(), t.TempDir()
	writeFile(t, vault, "MOC.md", "```dataview\nLIST WHERE level = 1\n```\n")
	writeFile(t, vault, "A.md", "---\nlevel: 1\n---\nA.\n")
	writeFile(t, vault, "B.md", "---\nlevel: 2\n---\nB.\n")
	site, err := content.OpenSite(siteDir)
	if err != nil {
		t.Fatal(err)
	}
	var finished []string
	var mu sync.Mutex
	b := New(Options{Config: config.Default(), VaultDir: vault, Writer: site,
		Annotate: []func(*note.Note) map[string]any{func(n *note.Note) map[string]any {
			mu.Lock()
			defer mu.Unlock()
			finished = append(finished, n.Source)
			return nil
		}}})
	step := func(name string) string {
		t.Helper()
		finished = nil
		if _, err := b.Run(context.Background(), fixtures.Listing(t, vault)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, _, err := site.Finish(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		slices.Sort(finished)
		data, _ := os.ReadFile(filepath.Join(siteDir, "content/notes/moc/index.md"))
		return string(data)
	}
	if moc := step("first"); !strings.Contains(moc, "- [A](/notes/a)") || strings.Contains(moc, "[B]") {
		t.Fatalf("first run:\n%s", moc)
	}
	if step("no change"); len(finished) != 0 {
		t.Errorf("unchanged vault refinished %v", finished)
	}
	writeFile(t, vault, "B.md", "---\nlevel: 1\n---\nB.\n")
	later := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(vault, "B.md"), later, later)
	moc := step("B's level changed")
	if strings.Join(finished, ",") != "B.md,MOC.md" {
		t.Errorf("refinished %v, want B.md and MOC.md", finished)
	}
	if !strings.Contains(moc, "- [B](/notes/b)") {
		t.Errorf("MOC does not list B now:\n%s", moc)
	}
	os.Remove(filepath.Join(vault, "A.md"))
	if moc := step("A deleted"); strings.Join(finished, ",") != "MOC.md" || strings.Contains(moc, "[A]") {
		t.Errorf("refinished %v; MOC:\n%s", finished, moc)
	}
}
