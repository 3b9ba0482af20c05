package e2e

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/synth"
)

// BenchmarkServeMassEdit runs "serve" on a real-shaped vault (1,700
// code-heavy notes of 8 to 13 KB, as bench/run --real-shape builds),
// then changes 300 notes at once, as a "git pull" does, and reads their
// pages over HTTP until each shows its change: the time until the first
// and the last shows, and then the time a single save after it takes to
// show. CRIB_SERVE_NOTES and CRIB_SERVE_CHANGED set the sizes.
//
//	go test ./e2e -run '^$' -bench ServeMassEdit -benchtime 1x -v
func BenchmarkServeMassEdit(b *testing.B) {
	n, changed := 1700, 300
	for _, v := range []struct {
		env string
		to  *int
	}{{"CRIB_SERVE_NOTES", &n}, {"CRIB_SERVE_CHANGED", &changed}} {
		if s := os.Getenv(v.env); s != "" {
			var err error
			if *v.to, err = strconv.Atoi(s); err != nil {
				b.Fatalf("%s=%q: %v", v.env, s, err)
			}
		}
	}
	srv := startServe(b, 0, func(site, vault string) {
		opts := synth.Options{Mix: synth.Code, MinSize: 8000, MaxSize: 13000, FenceLines: 28}
		if err := synth.Write(vault, n, opts, 1); err != nil {
			b.Fatal(err)
		}
	})
	pages := publishedPages(b, srv.site)
	if len(pages) < changed+1 {
		b.Fatalf("%d pages published, want more than %d", len(pages), changed)
	}
	// Every pages/changed-th page, so the changes spread over the folders.
	step := len(pages) / changed
	var edits []publishedPage
	for i := 0; i < changed; i++ {
		edits = append(edits, pages[i*step])
	}
	change := func(pg publishedPage, marker string) {
		path := filepath.Join(srv.vault, filepath.FromSlash(pg.source))
		src, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(path, append(src, "\n\n"+marker+"\n"...), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	markerOf := func(i int) string { return fmt.Sprintf("MassEdit%dMarker", i) }

	b.ResetTimer()
	start := time.Now()
	for i, pg := range edits {
		change(pg, markerOf(i))
	}
	wrote := time.Since(start)
	seen := make([]time.Duration, len(edits))
	pending := make(chan int, len(edits))
	for i := range edits {
		pending <- i
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	left := len(edits)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				done := left == 0
				mu.Unlock()
				if done || time.Since(start) > 5*time.Minute {
					return
				}
				var i int
				select {
				case i = <-pending:
				default:
					time.Sleep(20 * time.Millisecond)
					continue
				}
				if shows(srv.base+edits[i].url, markerOf(i)) {
					mu.Lock()
					seen[i] = time.Since(start)
					left--
					mu.Unlock()
					continue
				}
				pending <- i
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	wg.Wait()
	if left > 0 {
		b.Fatalf("%d of %d changed pages did not show their change within 5 minutes", left, len(edits))
	}
	first, last := seen[0], seen[0]
	for _, d := range seen {
		first, last = min(first, d), max(last, d)
	}

	// One save right after, as the next edit of the day.
	one := pages[len(pages)-1]
	saved := time.Now()
	change(one, "SingleSaveMarker")
	for !shows(srv.base+one.url, "SingleSaveMarker") {
		if time.Since(saved) > 2*time.Minute {
			b.Fatal("a single save after the mass change did not show within 2 minutes")
		}
		time.Sleep(10 * time.Millisecond)
	}
	single := time.Since(saved)
	b.StopTimer()

	b.Logf("%d notes, %d changed at once (written in %v): first shown after %v, last after %v; a single save after it shown after %v",
		len(pages), len(edits), wrote.Round(time.Millisecond), first.Round(time.Millisecond), last.Round(time.Millisecond), single.Round(time.Millisecond))
	// Hugo's server takes a batch of more than 50 file events for a mass
	// edit and rebuilds the whole site beside the partial rebuilds of the
	// batches after it, which can crash it: serve never lets it come to
	// that.
	log, _ := os.ReadFile(srv.log)
	var rebuilds, pageRebuilds int
	var took time.Duration
	for _, line := range strings.Split(string(log), "\n") {
		line = strings.TrimSpace(line)
		if strings.Contains(line, "detected, rebuilding site") {
			rebuilds++
		}
		if ms, ok := strings.CutPrefix(line, "Total in "); ok {
			pageRebuilds++
			d, _ := time.ParseDuration(strings.ReplaceAll(ms, " ", ""))
			took += d
		}
	}
	b.Logf("Hugo rebuilt %d times, %d of them pages, in %v in all", rebuilds, pageRebuilds, took)
	if strings.Contains(string(log), "Rebuilt in") || strings.Contains(string(log), "panic:") {
		b.Errorf("Hugo rebuilt the whole site or crashed")
	}
	b.ReportMetric(first.Seconds(), "s-first")
	b.ReportMetric(last.Seconds(), "s-last")
	b.ReportMetric(single.Seconds(), "s-single-after")
}

// shows reports whether the page at url answers with marker in it.
func shows(url, marker string) bool {
	resp, err := http.Get(url)
	if err != nil {
		return false
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return err == nil && resp.StatusCode == 200 && strings.Contains(string(body), marker)
}
