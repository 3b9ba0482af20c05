package pipeline_test

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/cli"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/internal/hostile"
)

var hostileSize = flag.Int("hostile.size", 10<<20, "the size of each shape in BenchmarkHostile, in bytes")

// BenchmarkHostile is "crib check" (the whole pipeline: every page and
// every output, nothing written) on a vault of one pathological shape of
// internal/hostile, 10 MB by default (-hostile.size): embeds that
// multiply, tables that would be padded to huge sizes, nesting deep enough
// to overflow a recursive walk, runs of backticks and tildes, binary data.
// It reports the bytes allocated and the peak heap and resident memory of
// a run besides the time. The target is under 5 s and 500 MB at 10 MB on
// two cores.
func BenchmarkHostile(b *testing.B) {
	for _, s := range hostile.Shapes {
		b.Run(s.Name, func(b *testing.B) {
			dir := b.TempDir()
			if err := hostile.Write(dir, s, *hostileSize); err != nil {
				b.Fatal(err)
			}
			vault := filepath.Join(dir, s.Name)
			site := b.TempDir()
			b.SetBytes(vaultSize(b, vault))
			var peak, heap int64
			var alloc uint64
			for b.Loop() {
				b.StopTimer()
				runtime.GC()
				debug.FreeOSMemory()
				resetPeakRSS()
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				stop := sampleHeap(&heap)
				b.StartTimer()
				err := checkHostile(vault, site)
				b.StopTimer()
				stop()
				runtime.ReadMemStats(&after)
				if err != nil {
					b.Fatal(err)
				}
				alloc += after.TotalAlloc - before.TotalAlloc
				peak = max(peak, pipeline.PeakRSS())
				b.StartTimer()
			}
			b.ReportMetric(float64(alloc)/float64(b.N)/(1<<20), "alloc-MB/op")
			b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
			if peak > 0 {
				b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MB")
			}
		})
	}
}

// TestHostileShapesAreBounded runs "crib check" on each shape at 2 MB with
// generous bounds: a minute against hangs, and at most hostileAlloc
// allocated. BenchmarkHostile has the figures.
func TestHostileShapesAreBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("megabytes of pathological notes")
	}
	const size = 2 << 20
	for _, s := range hostile.Shapes {
		t.Run(s.Name, func(t *testing.T) {
			dir := t.TempDir()
			if err := hostile.Write(dir, s, size); err != nil {
				t.Fatal(err)
			}
			vault := filepath.Join(dir, s.Name)
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			done := make(chan error, 1)
			go func() { done <- checkHostile(vault, t.TempDir()) }()
			select {
			case err := <-done:
				if err != nil {
					t.Fatal(err)
				}
			case <-time.After(time.Minute):
				t.Fatalf("check still running after a minute")
			}
			runtime.ReadMemStats(&after)
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > hostileAlloc*size {
				t.Errorf("allocated %d MB for a %d MB shape, more than %d times its size", alloc>>20, size>>20, hostileAlloc)
			}
		})
	}
}

// hostileAlloc is how many times its size a pathological shape may make
// the pipeline allocate, all its stages together. A sample note takes
// about 60; the embeds shape makes each of its pages up to its embed
// budget (1 MiB at least), ten times the shape's size, and the first page
// would hold 10^7 copies without one.
const hostileAlloc = 512

// checkHostile runs "crib check" on the vault; it must exit 0 or 1.
func checkHostile(vault, site string) error {
	var stderr bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if code := cli.Run(ctx, []string{"check", "--vault", vault, "--site", site}, io.Discard, &stderr); code > 1 {
		return fmt.Errorf("check exited %d:\n%s", code, tail(stderr.Bytes()))
	}
	return nil
}
