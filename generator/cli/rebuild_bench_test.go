package cli

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/internal/fixtures"
)

// BenchmarkServeRebuild measures what serve does after a saved note on a
// 1,000-note vault: the pages run that puts the note's page where Hugo's
// watcher sees it (pages-ms, what a reader waits for), then the outputs
// (cheat sheets, search index, cards) it runs once the vault is quiet
// (outputs-ms).
func BenchmarkServeRebuild(b *testing.B) {
	p := publish(b, 1000)
	builder, site := p.b, p.site
	ctx := context.Background()
	edited := p.notes[len(p.notes)/2]
	src, _ := os.ReadFile(edited)
	var pages, outs time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		save(edited, src, i)
		start := time.Now()
		res, err := builder.Pages(ctx, fixtures.Listing(b, p.vault))
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := site.FinishScope(context.Background(), pipeline.PagePaths); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if err := builder.Outputs(ctx, res); err != nil {
			b.Fatal(err)
		}
		if _, _, err := site.FinishScope(context.Background(), outputPaths()); err != nil {
			b.Fatal(err)
		}
		pages += mid.Sub(start)
		outs += time.Since(mid)
	}
	b.ReportMetric(float64(pages.Milliseconds())/float64(b.N), "pages-ms/op")
	b.ReportMetric(float64(outs.Milliseconds())/float64(b.N), "outputs-ms/op")
}
