package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/hugorun"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/generator/synth"
	"github.com/crib-notes/crib/generator/vault"
	"github.com/crib-notes/crib/internal/fixtures"
	"github.com/fsnotify/fsnotify"
)

// TestSaveDuringOutputs is what serve does when a note is saved while the
// outputs of the previous save are being made: the outputs are stopped,
// the saved note's page is written while they wind down, and the next
// outputs run takes over the files the stopped one wrote. Run it with
// -race: the stopped run and the pages run overlap.
func TestSaveDuringOutputs(t *testing.T) {
	p := publish(t, 30)
	b, site, res := p.b, p.site, p.res
	ctx := context.Background()
	edited := p.notes[0]
	src, _ := os.ReadFile(edited)
	for i := range 3 {
		// The outputs of the last save start, and a save stops them at
		// some point of their run.
		outCtx, stop := context.WithCancel(ctx)
		done := make(chan error)
		go func() { done <- b.Outputs(outCtx, res) }()
		time.Sleep(time.Duration(i*40) * time.Millisecond)
		stop()
		save(edited, src, i)
		next, err := b.Pages(ctx, fixtures.Listing(t, p.vault))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := site.FinishScope(context.Background(), pipeline.PagePaths); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err == nil {
			// It finished before the save: its files count as done.
			if _, _, err := site.FinishScope(context.Background(), outputPaths()); err != nil {
				t.Fatal(err)
			}
		} else if err := site.AbandonScope(outputPaths()); err != nil {
			t.Fatal(err)
		}
		res = next
		if err := b.Outputs(ctx, res); err != nil {
			t.Fatalf("outputs after save %d: %v", i, err)
		}
		for _, d := range res.Diags.Sorted() {
			if strings.Contains(d.Message, "twice") || strings.Contains(d.Message, "canceled") {
				t.Fatalf("save %d: %s", i, d)
			}
		}
		if _, _, err := site.FinishScope(context.Background(), outputPaths()); err != nil {
			t.Fatal(err)
		}
	}
	// The index on disk is whole: every dictionary shard the manifest
	// names is there.
	data, err := os.ReadFile(filepath.Join(p.dir, "static", "search", "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Dict [][2]string `json:"dict"`
	}
	if err := json.Unmarshal(data, &m); err != nil || len(m.Dict) == 0 {
		t.Fatalf("search manifest after the saves: %v\n%.200s", err, data)
	}
	for _, d := range m.Dict {
		if _, err := os.Stat(filepath.Join(p.dir, "static", "search", d[1])); err != nil {
			t.Errorf("the manifest names a missing shard: %v", err)
		}
	}
}

// TestOutputsWaitForHugo runs serve's watch loop on a vault: after a
// save, the page is written at once, and the other outputs are made only
// once Hugo reports that it has rebuilt the site.
func TestOutputsWaitForHugo(t *testing.T) {
	p := publish(t, 30)
	var log syncBuffer
	served, err := newServed(p.dir)
	if err != nil {
		t.Fatal(err)
	}
	pv := newPreview(&env{stdout: &log, stderr: &log}, p.b, p.dir, p.vault, config.Default().Ignore, p.site, served)
	pv.last = p.res
	w, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	root := p.vault
	if err := watchTree(w, root, vault.NewMatcher(nil)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	hugo := newHugoReports()
	go pv.watch(ctx, w, root, vault.NewMatcher(nil), hugo)

	edited := p.notes[0]
	src, _ := os.ReadFile(edited)
	save(edited, src, 0)
	deadline := time.Now().Add(10 * time.Second)
	for !p.published("Saved 0") {
		if time.Now().After(deadline) {
			t.Fatal("the saved note's page was not written")
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(outputsMaxDelay / 2)
	if strings.Contains(log.String(), "files changed") {
		t.Fatalf("outputs made before Hugo rebuilt:\n%s", log.String())
	}
	hugo.report(hugorun.Rebuild{Started: time.Now()})
	deadline = time.Now().Add(outputsMaxDelay/2 + 10*time.Second)
	for !strings.Contains(log.String(), "files changed") {
		if time.Now().After(deadline) {
			t.Fatalf("no outputs after Hugo rebuilt:\n%s", log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// published is a synthetic vault published once, as serve starts: its
// Builder, with the real outputs, keeps what it did for the next run.
type published struct {
	vault string
	notes []string // the vault's note files
	dir   string   // the site's folder
	site  *content.Site
	b     *pipeline.Builder
	res   *pipeline.Result
}

func publish(tb testing.TB, n int) *published {
	tb.Helper()
	vault, siteDir := tb.TempDir(), tb.TempDir()
	if err := synth.Write(vault, n, synth.Options{}, 1); err != nil {
		tb.Fatal(err)
	}
	p := &published{vault: vault, dir: siteDir}
	filepath.WalkDir(vault, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			p.notes = append(p.notes, path)
		}
		return nil
	})
	var err error
	if p.site, err = content.OpenSite(siteDir); err != nil {
		tb.Fatal(err)
	}
	o := options(config.Default(), siteDir, vault, p.site, &env{})
	o.Progress = nil
	p.b = pipeline.New(o)
	if p.res, err = p.b.Run(context.Background(), fixtures.Listing(tb, vault)); err != nil {
		tb.Fatal(err)
	}
	if _, _, err := p.site.Finish(); err != nil {
		tb.Fatal(err)
	}
	return p
}

// save writes src plus an i-th added line to path, with a modification
// time later than any before.
// published reports whether a page of the site holds text.
func (p *published) published(text string) bool {
	found := false
	filepath.WalkDir(filepath.Join(p.dir, "content", "notes"), func(path string, d os.DirEntry, err error) error {
		if err == nil && !found && d.Name() == "index.md" {
			data, _ := os.ReadFile(path)
			found = strings.Contains(string(data), text)
		}
		return nil
	})
	return found
}

// syncBuffer is a bytes.Buffer safe for concurrent use.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func save(path string, src []byte, i int) {
	os.WriteFile(path, fmt.Appendf(append([]byte(nil), src...), "\n\nSaved %d\n", i), 0o644)
	later := time.Now().Add(time.Duration(i+1) * time.Hour)
	os.Chtimes(path, later, later)
}
