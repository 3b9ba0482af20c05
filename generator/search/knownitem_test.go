package search

import (
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/search/searchtest"
)

// TestKnownItem runs the known-item queries of a synthetic vault (two or
// three words of a note's title, clean and with one typo) and requires
// the note among the first five pages nearly always, and the hub notes,
// which list fifty notes by their titles, never ranked above the note.
// bench/run runs the same benchmark on a larger vault beside Pagefind.
func TestKnownItem(t *testing.T) {
	k := searchtest.NewKnownItem(500, 150, 1)
	notes := k.NoteList()
	idx, err := Build(notes, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var clean, typo searchtest.Ranks
	for _, q := range k.Queries {
		want := notes[q.Target].URL
		for _, c := range []struct {
			q     string
			ranks *searchtest.Ranks
		}{{q.Clean, &clean}, {q.Typo, &typo}} {
			var pages []string
			hubFirst := false
			for i, r := range Query(idx, c.q) {
				page, _, _ := strings.Cut(r.URL, "#")
				pages = append(pages, page)
				if i == 0 && strings.Contains(page, "-overview-") {
					hubFirst = true
				}
			}
			rank := searchtest.RankOf(pages, want)
			*c.ranks = append(*c.ranks, rank)
			if hubFirst && c.ranks == &clean {
				t.Errorf("%q: a hub note ranks above %s", c.q, want)
			}
			if testing.Verbose() && rank != 1 {
				t.Logf("%q: %s at rank %d of %v", c.q, want, rank, pages[:min(5, len(pages))])
			}
		}
	}
	t.Logf("clean: %v", clean)
	t.Logf("typo:  %v", typo)
	if s := clean.Success(5); s < 0.97 {
		t.Errorf("clean success@5 %.3f, want at least 0.97", s)
	}
	if s := clean.Success(1); s < 0.9 {
		t.Errorf("clean success@1 %.3f, want at least 0.9", s)
	}
	if s := typo.Success(5); s < 0.9 {
		t.Errorf("success@5 with a typo %.3f, want at least 0.9", s)
	}
}
