package pipeline

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/internal/fixtures"
)

// gatedWriter holds every note page's write until open is closed, as
// serve's pacing holds a write until Hugo has taken the group before.
type gatedWriter struct {
	content.Memory
	open chan struct{}
	once sync.Once
}

func (w *gatedWriter) WriteFile(rel string, data []byte) error {
	if strings.HasPrefix(rel, "content/notes/") {
		<-w.open
	}
	return w.Memory.WriteFile(rel, data)
}

// countingOutput counts the notes prepared, and opens the gate once
// every note has been: the workers finish notes while the writes wait.
type countingOutput struct {
	prepared atomic.Int64
	total    int64
	w        *gatedWriter
}

func (o *countingOutput) Name() string { return "counting" }
func (o *countingOutput) Prepare(*note.Note) {
	if o.prepared.Add(1) == o.total {
		o.w.once.Do(func() { close(o.w.open) })
	}
}
func (o *countingOutput) Write(context.Context, content.Writer, []*note.Note) []diag.Diagnostic {
	return nil
}

// TestPagesWrittenAhead: while the writes of note pages wait (serve's
// pacing), the notes after them are finished all the same, so that the
// pages of a group reach the site at once when the wait ends. A page
// written by the worker that finished its note would hold that worker,
// and no more notes than workers would be finished.
func TestPagesWrittenAhead(t *testing.T) {
	vault := t.TempDir()
	const n = 40
	for i := range n {
		writeFile(t, vault, fmt.Sprintf("Note %02d.md", i), fmt.Sprintf("# Note %d\n\nSome text of note %d.\n", i, i))
	}
	w := &gatedWriter{open: make(chan struct{})}
	out := &countingOutput{total: n, w: w}
	// Without the writes ahead, the run would wait for the gate forever:
	// open it after a while, and fail.
	timeout := time.AfterFunc(10*time.Second, func() { w.once.Do(func() { close(w.open) }) })
	defer timeout.Stop()
	start := time.Now()
	_, err := Run(context.Background(), Options{Config: config.Default(), VaultDir: vault, Writer: w, Outputs: []Output{out}}, fixtures.Listing(t, vault))
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d >= 10*time.Second {
		t.Errorf("the notes were not finished while their pages waited to be written (run took %v)", d)
	}
	pages := 0
	for rel := range w.Files {
		if strings.HasPrefix(rel, "content/notes/") && strings.HasSuffix(rel, "/index.md") {
			pages++
		}
	}
	if pages != n {
		t.Errorf("%d note pages written, want %d", pages, n)
	}
}

// failingWriter fails the write of one file.
type failingWriter struct {
	content.Memory
	fail string
}

func (w *failingWriter) WriteFile(rel string, data []byte) error {
	if strings.HasSuffix(rel, w.fail) {
		return fmt.Errorf("disk full writing %s", rel)
	}
	return w.Memory.WriteFile(rel, data)
}

// TestPageWriteFails: a page that cannot be written ends the run with
// its error, however many pages wait to be written behind it.
func TestPageWriteFails(t *testing.T) {
	vault := t.TempDir()
	for i := range 600 {
		writeFile(t, vault, fmt.Sprintf("Note %03d.md", i), fmt.Sprintf("# Note %d\n\nText.\n", i))
	}
	w := &failingWriter{fail: "/note-007/index.md"}
	_, err := Run(context.Background(), Options{Config: config.Default(), VaultDir: vault, Writer: w}, fixtures.Listing(t, vault))
	if err == nil || !strings.Contains(err.Error(), "disk full writing content/notes/note-007/index.md") {
		t.Fatalf("Run = %v, want the write's error", err)
	}
}
