package search

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
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

// TestTitleOutranksRarerLongerWords checks that a page titled with the
// word typed ranks above a section that never has that word but repeats
// a rarer, longer one it is a prefix of: the longer word counts with the
// typed word's idf at most. Without that cap the section's rare word
// outscores the title.
func TestTitleOutranksRarerLongerWords(t *testing.T) {
	p := markdown.NewParser()
	mk := func(slug, title, body string) *note.Note {
		b := []byte(body)
		return &note.Note{Source: slug + ".md", Title: title, URL: "notes/" + slug + "/", Path: "/notes/" + slug, Body: b, Doc: p.Parse(b)}
	}
	notes := []*note.Note{
		mk("cache", "Cache", "What a cache keeps.\n"),
		mk("other", "Other", "## Cachelines\n\n"+strings.Repeat("Cachelines and cachelines again. ", 6)+"\n"),
	}
	// The typed word is common: many pages mention it once.
	for i := range 40 {
		notes = append(notes, mk(fmt.Sprintf("filler-%d", i), fmt.Sprintf("Filler %d", i), "A cache, mentioned once.\n"))
	}
	idx, err := Build(notes, Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := Query(idx, "cache")
	if len(res) == 0 || res[0].URL != "notes/cache/" {
		var got []string
		for _, r := range res[:min(3, len(res))] {
			got = append(got, r.URL)
		}
		t.Errorf("first results %v, want notes/cache/ first", got)
	}
}
