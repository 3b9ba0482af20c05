package content

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// TestPacedEventsCoverWatcher writes, writes over, and removes generated
// files while a watcher sees the site as Hugo's server does (every folder,
// new ones added as they come, Chmod left out), and checks that each
// change makes no more file events than the pacer counted for it: serve
// keeps each of Hugo's batches under the size Hugo takes for a mass edit
// by these counts. It also checks that the counts are not padded where the
// events are known: a file written over is one event, shrinking or not.
func TestPacedEventsCoverWatcher(t *testing.T) {
	root := t.TempDir()
	s, err := OpenSite(root)
	if err != nil {
		t.Fatal(err)
	}
	page := func(body string) []byte { return []byte(generatedHead + "\n---\n" + body + "\n") }
	for rel, data := range map[string][]byte{
		"content/notes/a/index.md":  page("first"),
		"content/notes/a2/index.md": page("first, and a longer body"),
		"content/notes/a3/index.md": page("same size"),
		// A megabyte table cut to one line, in a folder named in Cyrillic
		// with spaces: a mapping of many pages, cut to less than one.
		"content/notes/Заметки о Go/index.md": page(strings.Repeat("| a | б |\n", 100000)),
		"content/notes/b/index.md":            page("gone soon"),
		"content/notes/b/figure.png":          []byte("png"),
		"content/notes/d/e/index.md":          page("nested, gone soon"),
		"static/search/x.json":                []byte(`{"a long index file":"of many words"}`),
	} {
		if err := s.WriteFile(rel, data); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := s.Finish(); err != nil {
		t.Fatal(err)
	}

	seen := watchLikeHugo(t, root)
	counted := 0
	s.Pace(1000, 0, nil, nil)
	s.pace.admitted = func(_ string, events int, _ time.Time) { counted += events }
	// settle waits for the watcher to drain, then returns the events of
	// the step and what the pacer counted for it.
	settle := func() (observed []fsnotify.Event, want int) {
		// Quiet for 150 ms, or 5 s in all on a busy machine.
		for start, n, quiet := time.Now(), -1, time.Now(); time.Since(start) < 5*time.Second; time.Sleep(10 * time.Millisecond) {
			if m := seen.count(); m != n {
				n, quiet = m, time.Now()
			} else if time.Since(quiet) >= 150*time.Millisecond {
				break
			}
		}
		s.pace.mu.Lock()
		want, counted = counted, 0
		s.pace.mu.Unlock()
		return seen.take(), want
	}

	steps := []struct {
		name  string
		do    func() error
		exact bool // the count is the events, not an upper bound
	}{
		{"grown page written over", func() error { return s.WriteFile("content/notes/a/index.md", page("first, and a longer body")) }, true},
		{"same-size page written over", func() error { return s.WriteFile("content/notes/a3/index.md", page("SAME SIZE")) }, true},
		{"huge page cut to a line", func() error { return s.WriteFile("content/notes/Заметки о Go/index.md", page("| a | б |")) }, true},
		{"shrunk page written over", func() error { return s.WriteFile("content/notes/a2/index.md", page("short")) }, true},
		{"shrunk file written over", func() error { return s.WriteFile("static/search/x.json", []byte(`{}`)) }, true},
		{"new file in a folder", func() error { return s.WriteFile("static/search/y.json", []byte(`{}`)) }, true},
		{"new page in a new folder", func() error { return s.WriteFile("content/notes/c/index.md", page("new")) }, false},
		{"new page two folders down", func() error { return s.WriteFile("content/notes/f/g/index.md", page("new")) }, false},
		{"rewritten page", func() error { return s.Rewrite("content/notes/a/index.md") }, true},
		{"pages and folders removed", func() error {
			_, _, err := s.Finish() // removes b's page and figure, d/e's page, and their folders
			return err
		}, false},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		observed, want := settle()
		if len(observed) > want || (st.exact && len(observed) != want) {
			t.Errorf("%s: %d file events %v, counted %d", st.name, len(observed), observed, want)
		}
		if want == 0 {
			t.Errorf("%s: counted no events", st.name)
		}
	}
	for rel, want := range map[string][]byte{
		"static/search/x.json":                []byte(`{}`),
		"content/notes/a2/index.md":           page("short"),
		"content/notes/a/index.md":            page("first, and a longer body"),
		"content/notes/a3/index.md":           page("SAME SIZE"),
		"content/notes/Заметки о Go/index.md": page("| a | б |"),
	} {
		if got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel))); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s holds %q (%v), want %q", rel, got, err, want)
		}
	}
	for _, rel := range []string{"content/notes/b", "content/notes/d"} {
		if _, err := os.Stat(filepath.Join(root, rel)); !os.IsNotExist(err) {
			t.Errorf("%s still there after its page was removed (%v)", rel, err)
		}
	}
}

// hugoLikeWatcher gathers the events Hugo's server would count.
type hugoLikeWatcher struct {
	mu  sync.Mutex
	evs []fsnotify.Event
}

func (w *hugoLikeWatcher) count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.evs)
}

func (w *hugoLikeWatcher) take() []fsnotify.Event {
	w.mu.Lock()
	defer w.mu.Unlock()
	evs := w.evs
	w.evs = nil
	return evs
}

// watchLikeHugo watches every folder under root, and each new folder as
// its creation is seen, as Hugo's server does.
func watchLikeHugo(t *testing.T, root string) *hugoLikeWatcher {
	t.Helper()
	w, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	add := func(dir string) {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				if d.Name() == ".crib" {
					return filepath.SkipDir // Hugo does not watch it
				}
				w.Add(p)
			}
			return nil
		})
	}
	add(root)
	hw := &hugoLikeWatcher{}
	go func() {
		for ev := range w.Events {
			if ev.Op == fsnotify.Chmod || strings.Contains(ev.Name, string(filepath.Separator)+".crib") {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					add(ev.Name)
				}
			}
			hw.mu.Lock()
			hw.evs = append(hw.evs, ev)
			hw.mu.Unlock()
		}
	}()
	return hw
}

// TestOverwriteShrinkingIsOneEvent: a file written over with fewer bytes
// makes one file event, however slowly the watcher reads, where the
// bytes go through a mapping; written and then truncated it makes two
// when the watcher reads the first before the second comes (the kernel
// merges them otherwise), which shows that the watcher can tell.
func TestOverwriteShrinkingIsOneEvent(t *testing.T) {
	for _, mapped := range []bool{true, false} {
		root := t.TempDir()
		file := filepath.Join(root, "page.md")
		if err := os.WriteFile(file, []byte("a longer body than the next"), 0o644); err != nil {
			t.Fatal(err)
		}
		seen := watchLikeHugo(t, root)
		mapWrites, beforeTruncate = mapped, func() { time.Sleep(200 * time.Millisecond) }
		made, err := overwrite(file, []byte("short"))
		mapWrites, beforeTruncate = true, func() {}
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
		evs := seen.take()
		want := map[bool]int{true: 1, false: 2}[mapped]
		if len(evs) != want || made != want {
			t.Errorf("mapped %v: %d file events %v, overwrite says %d, want %d", mapped, len(evs), evs, made, want)
		}
		if got, err := os.ReadFile(file); err != nil || string(got) != "short" {
			t.Errorf("mapped %v: the file holds %q (%v)", mapped, got, err)
		}
	}
}
