package pipeline_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/cli"
	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/internal/cputime"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/generator/synth"
	crvault "github.com/crib-notes/crib/generator/vault"
)

// BenchmarkCheck is "crib check" on a vault of 1,000 synthetic notes on
// disk, run through the command line exactly as a user runs it: read,
// normalize, index, render every page and every output (cheat sheet,
// search index, practice cards) without writing anything.
func BenchmarkCheck(b *testing.B) {
	for _, mix := range []synth.Mix{synth.Prose, synth.Code} {
		b.Run(mix.String(), func(b *testing.B) {
			benchRun(b, 1000, mix, check)
		})
	}
}

// BenchmarkCheckPeakMemory runs "crib check" on 5,000 seed-sized notes and
// reports the process's peak resident set while it runs (VmHWM from
// /proc/self/status, reset before each run); the target is under 300 MB.
func BenchmarkCheckPeakMemory(b *testing.B) {
	benchRun(b, 5000, synth.Prose, check)
}

// BenchmarkPagesPeakMemory is the normalizer's part of check on the same
// 5,000 notes: read, normalize, index and render every page, without the
// outputs (cheat sheet, practice cards) check then makes.
func BenchmarkPagesPeakMemory(b *testing.B) {
	benchRun(b, 5000, synth.Prose, func(n int, vault, _ string) error {
		v, err := crvault.Open(context.Background(), vault, config.Default().Ignore)
		if err != nil {
			return err
		}
		res, err := pipeline.Run(context.Background(), pipeline.Options{Config: config.Default(), VaultDir: vault, Writer: &content.Discard{}}, v)
		// Synthetic vaults hold templates, which are skipped.
		if err == nil && (len(res.Notes)+len(res.Skipped) != n || len(res.Notes) < n/2) {
			err = fmt.Errorf("%d of %d notes published, %d skipped", len(res.Notes), n, len(res.Skipped))
		}
		return err
	})
}

// check runs "crib check" on the vault as the command line does.
func check(n int, vault, site string) error {
	var stderr bytes.Buffer
	code := cli.Run(context.Background(), []string{"check", "--vault", vault, "--site", site}, io.Discard, &stderr)
	// Synthetic vaults hold templates, which are skipped.
	m := regexp.MustCompile(fmt.Sprintf(`crib: %d notes: (\d+) published`, n)).FindSubmatch(stderr.Bytes())
	if code > 1 || m == nil || atoi(m[1]) < n/2 {
		return fmt.Errorf("check exited %d:\n%s", code, tail(stderr.Bytes()))
	}
	return nil
}

func atoi(b []byte) int {
	n, _ := strconv.Atoi(string(b))
	return n
}

// benchRun measures run on a synthetic vault of n notes on disk.
func benchRun(b *testing.B, n int, mix synth.Mix, run func(n int, vault, site string) error) {
	dir := b.TempDir()
	if err := synth.Write(dir, n, synth.Options{Mix: mix}, 1); err != nil {
		b.Fatal(err)
	}
	size := vaultSize(b, dir)
	b.SetBytes(size)
	site := b.TempDir() // no hugo.toml: the default configuration
	var peak, heap int64
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		debug.FreeOSMemory()
		resetPeakRSS()
		start := cpuTime()
		stop := sampleHeap(&heap)
		b.StartTimer()
		err := run(n, dir, site)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		stop()
		cpu += cpuTime() - start
		peak = max(peak, pipeline.PeakRSS())
		b.StartTimer()
	}
	b.ReportMetric(float64(size)*float64(b.N)/1e6/cpu.Seconds(), "MB/cpu-s")
	b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
	if peak > 0 {
		b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MB")
	}
}

// tail is the last lines of a command's output, for a failure message.
func tail(out []byte) []byte {
	lines := bytes.SplitAfter(out, []byte("\n"))
	return bytes.Join(lines[max(0, len(lines)-10):], nil)
}

// vaultSize is the size of the files under dir in bytes.
func vaultSize(b *testing.B, dir string) int64 {
	var size int64
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		size += info.Size()
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return size
}

var cpuTime = cputime.Process

// sampleHeap records in peak the largest heap (live and not yet
// collected objects) seen every millisecond until stop is called.
func sampleHeap(peak *int64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			*peak = max(*peak, int64(s[0].Value.Uint64()))
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

// resetPeakRSS resets the kernel's peak resident set of this process, so
// that VmHWM says how much one run needed.
func resetPeakRSS() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}
