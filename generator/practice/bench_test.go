package practice

import (
	"context"
	"fmt"
	"testing"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/note"
)

// syntheticVault is n notes shaped like the seed (20 questions each), in
// ten folders.
func syntheticVault(b *testing.B, n int) []*note.Note {
	body := seedBody(b)
	notes := make([]*note.Note, n)
	for i := range notes {
		notes[i] = newNote(fmt.Sprintf("F%d/Note %d.md", i%10, i), fmt.Sprintf("Note %d", i), fmt.Sprintf("f%d", i%10), []string{"DevOps", fmt.Sprintf("topic/t%d", i%7)}, body)
	}
	return notes
}

// BenchmarkCards measures extraction of the cards of a 1,000-note vault
// from the parsed notes (parsing is the normalizer's and not counted).
func BenchmarkCards(b *testing.B) {
	notes := syntheticVault(b, 1000)
	b.ResetTimer()
	var cards int
	for b.Loop() {
		cards = len(Cards(notes))
	}
	b.ReportMetric(float64(cards), "cards/op")
	b.ReportMetric(float64(cards)*float64(b.N)/b.Elapsed().Seconds(), "cards/s")
}

// BenchmarkDeckFiles measures writing the site deck for a 1,000-note
// vault and reports its size.
func BenchmarkDeckFiles(b *testing.B) {
	cards := Cards(syntheticVault(b, 1000))
	b.ResetTimer()
	var size, data int
	for b.Loop() {
		files, err := DeckFiles(cards, "")
		if err != nil {
			b.Fatal(err)
		}
		size, data = 0, 0
		for _, f := range files {
			size += len(f.Data)
			if f.Path == DataPath {
				data = len(f.Data)
			}
		}
	}
	b.ReportMetric(float64(size)/1e6, "MB-written")
	b.ReportMetric(float64(data)/1e3, "kB-data")
}

// BenchmarkAnki measures the Anki export (answers rendered to HTML) of a
// 1,000-note vault.
func BenchmarkAnki(b *testing.B) {
	cards := Cards(syntheticVault(b, 1000))
	b.ResetTimer()
	var size int
	for b.Loop() {
		size = len(Anki(cards, Options{}))
	}
	b.ReportMetric(float64(size)/1e6, "MB")
	b.ReportMetric(float64(len(cards))*float64(b.N)/b.Elapsed().Seconds(), "cards/s")
}

// BenchmarkWrite measures the whole practice step of a build for a
// 1,000-note vault: cards, Anki file, cards.json and the site deck.
func BenchmarkWrite(b *testing.B) {
	notes := syntheticVault(b, 1000)
	b.ResetTimer()
	for b.Loop() {
		var m content.Memory
		if ds := Write(context.Background(), &m, notes, Options{}); len(ds) != 0 {
			b.Fatal(ds)
		}
	}
	b.ReportMetric(1000*float64(b.N)/b.Elapsed().Seconds(), "notes/s")
}
