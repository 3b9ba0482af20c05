package e2e

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
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
// show. CRIB_SERVE_NOTES and CRIB_SERVE_CHANGED set the sizes;
// CRIB_SERVE_LOG names a file to keep serve's log in.
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
	b.Logf("%d notes, %d changed at once (written in %v): first shown after %v, half after %v, last after %v; a single save after it shown after %v",
		r.notes, r.changed, r.wrote.Round(time.Millisecond), r.first.Round(time.Millisecond), r.median.Round(time.Millisecond), r.last.Round(time.Millisecond), r.single.Round(time.Millisecond))
	b.Logf("all %d changed pages fetched over HTTP with their change after %v", r.changed, r.fetched.Round(time.Millisecond))
	b.Logf("Hugo rebuilt %d times, %d of them pages, in %v in all", r.rebuilds, r.pageRebuilds, r.rebuilding)
	b.ReportMetric(r.first.Seconds(), "s-first")
	b.ReportMetric(r.last.Seconds(), "s-last")
	b.ReportMetric(r.single.Seconds(), "s-single-after")
}

// massChangeRun is what massChange saw.
type massChangeRun struct {
	notes, changed         int
	wrote, first, last     time.Duration // since the first change was written
	median                 time.Duration // half the pages shown
	fetched                time.Duration // every page fetched with its change once all were shown
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
	// A change adds a marker at the end of the note; every other one also
	// cuts the note's last lines, as a pull shortens some notes and
	// lengthens others (a page written over shorter is more file events).
	change := func(pg publishedPage, marker string, shorten bool) {
		path := filepath.Join(srv.vault, filepath.FromSlash(pg.source))
		src, err := os.ReadFile(path)
		if err != nil {
			tb.Fatal(err)
		}
		if cut := bytes.LastIndexByte(src[:max(0, len(src)-300)], '\n'); shorten && cut > len(src)/2 {
			src = src[:cut]
		}
		if err := os.WriteFile(path, append(src, "\n\n"+marker+"\n"...), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	markerOf := func(i int) string { return fmt.Sprintf("MassEdit%dMarker", i) }

	r := massChangeRun{notes: len(pages), changed: len(edits)}
	start := time.Now()
	for i, pg := range edits {
		change(pg, markerOf(i), i%2 == 1)
	}
	r.wrote = time.Since(start)
	// A page counts as shown once the server has written it with its
	// change into the folder it serves from: looking there costs the
	// server nothing, where fetching hundreds of pages over and over would
	// compete with it for the CPU and time the fetching. Every page is
	// then fetched once over HTTP, to check that the server shows it.
	served := filepath.Join(srv.site, ".crib", "serve")
	seen := make([]time.Duration, len(edits))
	// A page is read again when its time or size changed since it was
	// last read, or when it was written too recently for its time to
	// tell: file times advance by the kernel's clock tick, so a read
	// halfway through Hugo's writing can have the time the file ends with.
	type state struct {
		mod  time.Time
		size int64
	}
	checked := make([]state, len(edits))
	left := len(edits)
	for left > 0 {
		if time.Since(start) > 5*time.Minute {
			var missing []string
			for i, d := range seen {
				if d == 0 {
					missing = append(missing, edits[i].url)
				}
			}
			tb.Fatalf("%d of %d changed pages did not show their change within 5 minutes: %s", left, len(edits), strings.Join(missing, ", "))
		}
		for i, pg := range edits {
			if seen[i] != 0 {
				continue
			}
			name := filepath.Join(served, filepath.FromSlash(pg.url), "index.html")
			info, err := os.Stat(name)
			if err != nil {
				continue
			}
			now := state{info.ModTime(), info.Size()}
			if now == checked[i] && time.Since(now.mod) > 100*time.Millisecond {
				continue
			}
			at := time.Since(start)
			checked[i] = now
			if data, err := os.ReadFile(name); err == nil && bytes.Contains(data, []byte(markerOf(i))) {
				seen[i] = at
				left--
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	var wg sync.WaitGroup
	work := make(chan int, len(edits))
	for i := range edits {
		work <- i
	}
	close(work)
	for range 4 {
		wg.Go(func() {
			for i := range work {
				if !shows(srv.base+edits[i].url, markerOf(i)) {
					tb.Errorf("%s: written with its change, but not served with it", edits[i].url)
				}
			}
		})
	}
	wg.Wait()
	r.fetched = time.Since(start)
	sorted := slices.Clone(seen)
	slices.Sort(sorted)
	r.first, r.median, r.last = sorted[0], sorted[len(sorted)/2], sorted[len(sorted)-1]
	if os.Getenv("CRIB_SERVE_LOG") != "" {
		for i, d := range seen {
			tb.Logf("shown after %v: %s", d.Round(time.Millisecond), edits[i].url)
		}
	}

	// One save right after, as the next edit of the day.
	one := pages[len(pages)-1]
	saved := time.Now()
	change(one, "SingleSaveMarker", false)
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
	if keep := os.Getenv("CRIB_SERVE_LOG"); keep != "" {
		if err := os.WriteFile(keep, log, 0o644); err != nil {
			tb.Error(err)
		}
	}
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
