package normalize_test

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/internal/cputime"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/markdown/blockattr"
	"github.com/crib-notes/crib/generator/normalize"
	"github.com/crib-notes/crib/generator/synth"
	"github.com/crib-notes/crib/generator/tags"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// BenchmarkNormalize runs both passes over an in-memory synthetic vault as
// the pipeline does: Scan every note in parallel, build the vault index,
// Finish every note in parallel. MB/s is of vault bytes; the target is 50
// MB/s on 2 cores.
func BenchmarkNormalize(b *testing.B) {
	for _, mix := range []synth.Mix{synth.Prose, synth.Code} {
		b.Run(mix.String(), func(b *testing.B) {
			files := synth.Generate(500, synth.Options{Mix: mix}, 1)
			b.SetBytes(synth.Size(files))
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				normalizeVault(files)
			}
			// CPU time does not grow when other processes share the
			// machine; MB per CPU-second times the cores is the wall-clock
			// throughput the machine would give alone.
			mb := float64(synth.Size(files)) * float64(b.N) / 1e6
			b.ReportMetric(mb/(cpuTime()-cpu).Seconds(), "MB/cpu-s")
			b.ReportMetric(float64(len(files))*float64(b.N)/b.Elapsed().Seconds(), "notes/s")
		})
	}
}

// BenchmarkParse parses the bodies Finish writes for the same vaults as
// BenchmarkNormalize, on every CPU: with markdown.Parser, which every
// note's Doc comes from, and with stock goldmark configured alike
// (extension.Linkify, goldmark's default parser and heading ids). The
// parse is most of Finish, so this is the ceiling of BenchmarkNormalize.
func BenchmarkParse(b *testing.B) {
	for _, mix := range []synth.Mix{synth.Prose, synth.Code} {
		bodies := finishedBodies(synth.Generate(500, synth.Options{Mix: mix}, 1))
		size := 0
		for _, body := range bodies {
			size += len(body)
		}
		stock := goldmark.New(
			goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.TaskList,
				extension.DefinitionList, extension.Footnote, blockattr.Extension),
			goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
		)
		crib := markdown.NewParser()
		for _, p := range []struct {
			name  string
			parse func([]byte)
		}{
			{"crib", func(src []byte) { crib.Parse(src) }},
			{"goldmark", func(src []byte) { stock.Parser().Parse(text.NewReader(src)) }},
		} {
			b.Run(mix.String()+"/"+p.name, func(b *testing.B) {
				b.SetBytes(int64(size))
				b.ReportAllocs()
				cpu := cpuTime()
				for b.Loop() {
					each(len(bodies), func(i int) { p.parse(bodies[i]) })
				}
				b.ReportMetric(float64(size)*float64(b.N)/1e6/(cpuTime()-cpu).Seconds(), "MB/cpu-s")
			})
		}
	}
}

// finishedBodies returns the bodies Finish writes for a vault.
func finishedBodies(files []synth.File) [][]byte {
	drafts := make([]*normalize.Draft, len(files))
	for i, f := range files {
		drafts[i] = normalize.Scan(f.Path, f.Data, time.Time{})
	}
	spellings, _ := tags.NewSpellings(nil, nil)
	v, published, _ := normalize.NewVault(drafts, nil, spellings)
	bodies := make([][]byte, len(published))
	for i, d := range published {
		bodies[i] = normalize.Finish(d, v).Note.Body
	}
	return bodies
}

// cpuTime is the user and system CPU time of the process so far.
var cpuTime = cputime.Process

// normalizeVault is the pipeline's two passes without the file system.
func normalizeVault(files []synth.File) int {
	drafts := make([]*normalize.Draft, len(files))
	each(len(files), func(i int) {
		drafts[i] = normalize.Scan(files[i].Path, files[i].Data, time.Time{})
	})
	spellings, _ := tags.NewSpellings(nil, nil)
	v, published, _ := normalize.NewVault(drafts, nil, spellings)
	var out atomic.Int64
	each(len(published), func(i int) {
		f := normalize.Finish(published[i], v)
		out.Add(int64(len(f.Note.Body)))
	})
	return int(out.Load())
}

// each runs fn for 0..n-1 on every CPU.
func each(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				fn(i)
			}
		}()
	}
	wg.Wait()
}
