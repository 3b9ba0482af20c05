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

// TestServeMassChange changes 120 notes of a 300-note vault at once, as a
// pull does, while serve runs: every page shows its change, and Hugo
// never takes the burst for a mass edit (which crashed its server).
func TestServeMassChange(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the serve command")
	}
	r := massChange(t, 300, 120, synth.Options{})
	t.Logf("%d of %d notes changed at once: first shown after %v, last after %v; a single save after it shown after %v",
		r.changed, r.notes, r.first.Round(time.Millisecond), r.last.Round(time.Millisecond), r.single.Round(time.Millisecond))
}

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
	b.ResetTimer()
	r := massChange(b, n, changed, synth.Options{Mix: synth.Code, MinSize: 8000, MaxSize: 13000, FenceLines: 28})
	b.StopTimer()
	b.Logf("%d notes, %d changed at once (written in %v): first shown after %v, last after %v; a single save after it shown after %v",
		r.notes, r.changed, r.wrote.Round(time.Millisecond), r.first.Round(time.Millisecond), r.last.Round(time.Millisecond), r.single.Round(time.Millisecond))
	b.Logf("Hugo rebuilt %d times, %d of them pages, in %v in all", r.rebuilds, r.pageRebuilds, r.rebuilding)
	b.ReportMetric(r.first.Seconds(), "s-first")
	b.ReportMetric(r.last.Seconds(), "s-last")
	b.ReportMetric(r.single.Seconds(), "s-single-after")
}

// massChangeRun is what massChange saw.
type massChangeRun struct {
	notes, changed         int
	wrote, first, last     time.Duration // since the first change was written
	single                 time.Duration // a save after, to shown
	rebuilds, pageRebuilds int           // Hugo's, in all
	rebuilding             time.Duration // Hugo's page rebuilds, in all
}

// massChange runs serve on a vault of n notes made with opts, changes
// changed of them at once and reads their pages over HTTP until each
// shows its change, then saves one more note and waits for it. It fails
// when a page does not show its change within minutes, or when Hugo
// rebuilt the whole site or crashed.
func massChange(tb testing.TB, n, changed int, opts synth.Options) massChangeRun {
	tb.Helper()
	srv := startServe(tb, 0, func(site, vault string) {
		if err := synth.Write(vault, n, opts, 1); err != nil {
			tb.Fatal(err)
		}
	})
	pages := publishedPages(tb, srv.site)
	if len(pages) < changed+1 {
		tb.Fatalf("%d pages published, want more than %d", len(pages), changed)
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
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, append(src, "\n\n"+marker+"\n"...), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	markerOf := func(i int) string { return fmt.Sprintf("MassEdit%dMarker", i) }

	r := massChangeRun{notes: len(pages), changed: len(edits)}
	start := time.Now()
	for i, pg := range edits {
		change(pg, markerOf(i))
	}
	r.wrote = time.Since(start)
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
		tb.Fatalf("%d of %d changed pages did not show their change within 5 minutes", left, len(edits))
	}
	r.first, r.last = seen[0], seen[0]
	for _, d := range seen {
		r.first, r.last = min(r.first, d), max(r.last, d)
	}

	// One save right after, as the next edit of the day.
	one := pages[len(pages)-1]
	saved := time.Now()
	change(one, "SingleSaveMarker")
	for !shows(srv.base+one.url, "SingleSaveMarker") {
		if time.Since(saved) > 2*time.Minute {
			tb.Fatal("a single save after the mass change did not show within 2 minutes")
		}
		time.Sleep(10 * time.Millisecond)
	}
	r.single = time.Since(saved)

	// Hugo's server takes a batch of more than 50 file events for a mass
	// edit and rebuilds the whole site beside the partial rebuilds of the
	// batches after it, which can crash it: serve never lets it come to
	// that.
	log, _ := os.ReadFile(srv.log)
	for _, line := range strings.Split(string(log), "\n") {
		line = strings.TrimSpace(line)
		if strings.Contains(line, "detected, rebuilding site") {
			r.rebuilds++
		}
		if ms, ok := strings.CutPrefix(line, "Total in "); ok {
			r.pageRebuilds++
			d, _ := time.ParseDuration(strings.ReplaceAll(ms, " ", ""))
			r.rebuilding += d
		}
	}
	if strings.Contains(string(log), "Rebuilt in") || strings.Contains(string(log), "panic:") {
		tb.Errorf("Hugo rebuilt the whole site or crashed")
	}
	return r
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
