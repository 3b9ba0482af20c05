package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"runtime"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
)

// BenchmarkBuild indexes synthetic vaults of seed-sized notes. Targets:
// under 0.7 s for 1,000 notes and 7 s for 10,000 (2 cores). Every build
// is a cold one: what earlier builds memoized on the notes is dropped
// first.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			notes := synthVault(b, n, 1)
			var idx *Index
			var cpu time.Duration
			b.ResetTimer()
			for b.Loop() {
				b.StopTimer()
				for _, n := range notes {
					note.Forget(n, "search.")
				}
				idx = nil
				runtime.GC()
				cpu0 := cpuTime()
				b.StartTimer()
				var err error
				if idx, err = Build(notes, Options{}); err != nil {
					b.Fatal(err)
				}
				cpu += cpuTime() - cpu0
			}
			b.StopTimer()
			var total int
			for _, name := range idx.Names() {
				total += len(idx.File(name))
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/build")
			// CPU seconds of the process per build: on a shared machine
			// the wall clock above also counts other programs' turns.
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/build")
			b.ReportMetric(float64(idx.Docs()), "docs")
			b.ReportMetric(float64(len(idx.Names())), "files")
			b.ReportMetric(float64(total)/(1<<20), "MB")
		})
	}
}

// firstQueryQueries are measured by BenchmarkFirstQuery.
var firstQueryQueries = []string{"conntrack", "contrack", "network policy", "tag:docker expose", "goroutnie", "container", "kubernetes pods"}

// BenchmarkFirstQuery reports what a first query downloads, gzip-
// compressed (as a server sends it, gzip -6), without the client script
// (the browser test measures the whole page): the manifest, the
// dictionary shards, posting packs, tag file and the fragments of the
// ten results shown first. Targets with the script: under 60 KB at
// 1,000 notes, 120 KB at 10,000.
func BenchmarkFirstQuery(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			idx, err := Build(synthVault(b, n, 1), Options{})
			if err != nil {
				b.Fatal(err)
			}
			gz := map[string]int{}
			for _, name := range idx.Names() {
				gz[name] = gzipSize(idx.File(name))
			}
			var worst, sum int
			var worstQ string
			var queryTime time.Duration
			for _, q := range firstQueryQueries {
				files := Fetched(idx, q, 10)
				size := 0
				for _, f := range files {
					size += gz[f]
				}
				sum += size
				if size > worst {
					worst, worstQ = size, q
				}
				b.Logf("%d notes: %-20q %3d files %6.1f KB gzip", n, q, len(files), float64(size)/1024)
			}
			b.ResetTimer()
			for b.Loop() {
				for _, q := range firstQueryQueries {
					Search(idx, q)
				}
			}
			queryTime = b.Elapsed() / time.Duration(b.N*len(firstQueryQueries))
			b.ReportMetric(float64(worst)/1024, "KB-gz-worst")
			b.ReportMetric(float64(sum)/1024/float64(len(firstQueryQueries)), "KB-gz-mean")
			b.ReportMetric(float64(queryTime.Microseconds())/1000, "ms/query-go")
			b.Logf("worst: %q", worstQ)
		})
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func gzipSize(b []byte) int {
	if len(b) >= 2 && b[0] == 0x1f && b[1] == 0x8b {
		return len(b) // stored compressed, sent as it is
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, 6)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// BenchmarkRebuild is what a preview server's index build costs after
// one note was saved, on a 5,000-note vault: every other note has its
// documents and terms memoized from earlier builds. It also reports the
// live heap the memoized terms hold.
func BenchmarkRebuild(b *testing.B) {
	const n = 5000
	notes := synthVault(b, n, 1)
	for range 2 { // the second build memoizes the terms
		if _, err := Build(notes, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	edited := n / 2
	bodies := [][]byte{notes[edited].Body, append(slices.Clone(notes[edited].Body), "\n\nOne more line about goroutines.\n"...)}
	var cpu time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		old := notes[edited]
		body := bodies[(i+1)%2]
		notes[edited] = &note.Note{Title: old.Title, Folder: old.Folder, Source: old.Source, Tags: old.Tags,
			Path: old.Path, URL: old.URL, Body: body, Doc: markdown.NewParser().Parse(body)}
		runtime.GC()
		cpu0 := cpuTime()
		b.StartTimer()
		if _, err := Build(notes, Options{}); err != nil {
			b.Fatal(err)
		}
		cpu += cpuTime() - cpu0
	}
	b.StopTimer()
	b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/build")
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/build")
	with := liveHeap()
	for _, n := range notes {
		note.Forget(n, termsKey)
	}
	b.ReportMetric(float64(with-liveHeap())/(1<<20), "terms-MB")
	runtime.KeepAlive(notes)
}

// liveHeap returns the bytes of live heap objects after a collection.
func liveHeap() int64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
