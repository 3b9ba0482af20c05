package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/generator/synth"
)

// BenchmarkServeRebuild measures what serve does after a saved note on a
// 1,000-note vault: the pages run that puts the note's page where Hugo's
// watcher sees it (pages-ms, what a reader waits for), then the outputs
// (cheat sheets, search index, cards) it runs once the vault is quiet
// (outputs-ms).
func BenchmarkServeRebuild(b *testing.B) {
	vault, siteDir := b.TempDir(), b.TempDir()
	if err := synth.Write(vault, 1000, synth.Options{}, 1); err != nil {
		b.Fatal(err)
	}
	var notes []string
	filepath.WalkDir(vault, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			notes = append(notes, p)
		}
		return nil
	})
	site, err := content.OpenSite(siteDir)
	if err != nil {
		b.Fatal(err)
	}
	cfg := config.Default()
	o := options(cfg, siteDir, vault, site, &env{stdout: nil, stderr: nil})
	o.Progress = nil
	builder := pipeline.New(o)
	ctx := context.Background()
	if _, err := builder.Run(ctx); err != nil {
		b.Fatal(err)
	}
	site.Finish()
	edited := notes[len(notes)/2]
	src, _ := os.ReadFile(edited)
	var pages, outs time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		data := append([]byte(nil), src...)
		data = fmt.Appendf(data, "\n\nedit %d\n", i)
		os.WriteFile(edited, data, 0o644)
		later := time.Now().Add(time.Duration(i+1) * time.Second)
		os.Chtimes(edited, later, later)
		start := time.Now()
		res, err := builder.Pages(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := site.FinishScope(pipeline.PagePaths); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if err := builder.Outputs(ctx, res); err != nil {
			b.Fatal(err)
		}
		if _, _, err := site.FinishScope(outputPaths()); err != nil {
			b.Fatal(err)
		}
		pages += mid.Sub(start)
		outs += time.Since(mid)
	}
	b.ReportMetric(float64(pages.Milliseconds())/float64(b.N), "pages-ms/op")
	b.ReportMetric(float64(outs.Milliseconds())/float64(b.N), "outputs-ms/op")
}
