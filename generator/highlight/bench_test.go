package highlight

import (
	"context"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/synth"
	hl "github.com/gohugoio/hugo/markup/highlight"
)

// BenchmarkFill fills the cache for 100 code-heavy synthetic notes (about
// 1,000 fences): cold (empty cache, every block highlighted) and warm
// (every pack already there).
func BenchmarkFill(b *testing.B) {
	var notes []*note.Note
	p := markdown.NewParser()
	for _, f := range synth.Generate(100, synth.Options{Mix: synth.Code}, 1) {
		notes = append(notes, &note.Note{Body: f.Data, Doc: p.Parse(f.Data)})
	}
	cfg := hl.DefaultConfig
	cfg.NoClasses = false
	ctx := context.Background()
	b.Run("cold", func(b *testing.B) {
		var st Stats
		for b.Loop() {
			b.StopTimer()
			dir := b.TempDir()
			b.StartTimer()
			_, st, _ = Fill(ctx, dir, notes, cfg)
		}
		b.ReportMetric(float64(st.Blocks), "blocks")
	})
	b.Run("warm", func(b *testing.B) {
		dir := b.TempDir()
		Fill(ctx, dir, notes, cfg)
		var st Stats
		for b.Loop() {
			_, st, _ = Fill(ctx, dir, notes, cfg)
		}
		b.ReportMetric(float64(st.Hits), "blocks")
	})
}
