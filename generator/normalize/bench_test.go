package normalize_test

import (
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/normalize"
	"github.com/crib-notes/crib/generator/synth"
	"github.com/crib-notes/crib/generator/tags"
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

// cpuTime is the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// normalizeVault is the pipeline's two passes without the file system.
func normalizeVault(files []synth.File) int {
	drafts := make([]*normalize.Draft, len(files))
	each(len(files), func(i int) {
		drafts[i] = normalize.Scan(files[i].Path, files[i].Data, time.Time{})
	})
	spellings, _ := tags.NewSpellings(nil)
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
