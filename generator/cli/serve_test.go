package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/generator/synth"
)

// TestSaveDuringOutputs is what serve does when a note is saved while the
// outputs of the previous save are being made: the outputs are stopped,
// the saved note's page is written while they wind down, and the next
// outputs run takes over the files the stopped one wrote. Run it with
// -race: the stopped run and the pages run overlap.
func TestSaveDuringOutputs(t *testing.T) {
	vault, siteDir := t.TempDir(), t.TempDir()
	if err := synth.Write(vault, 30, synth.Options{}, 1); err != nil {
		t.Fatal(err)
	}
	site, err := content.OpenSite(siteDir)
	if err != nil {
		t.Fatal(err)
	}
	o := options(config.Default(), siteDir, vault, site, &env{})
	o.Progress = nil
	b := pipeline.New(o)
	ctx := context.Background()
	res, err := b.Pages(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Outputs(ctx, res); err != nil {
		t.Fatal(err)
	}
	if _, _, err := site.Finish(); err != nil {
		t.Fatal(err)
	}

	var edited string
	filepath.WalkDir(vault, func(p string, d os.DirEntry, err error) error {
		if edited == "" && err == nil && strings.HasSuffix(p, ".md") {
			edited = p
		}
		return nil
	})
	for i := range 3 {
		// The outputs of the last save start, and a save stops them at
		// some point of their run.
		outCtx, stop := context.WithCancel(ctx)
		done := make(chan error)
		go func() { done <- b.Outputs(outCtx, res) }()
		time.Sleep(time.Duration(i*40) * time.Millisecond)
		stop()
		src, _ := os.ReadFile(edited)
		os.WriteFile(edited, fmt.Appendf(src, "\n\nSaved %d\n", i), 0o644)
		later := time.Now().Add(time.Duration(i+1) * time.Hour)
		os.Chtimes(edited, later, later)
		next, err := b.Pages(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := site.FinishScope(pipeline.PagePaths); err != nil {
			t.Fatal(err)
		}
		if err := <-done; err == nil {
			// It finished before the save: its files count as done.
			if _, _, err := site.FinishScope(outputPaths()); err != nil {
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
		if _, _, err := site.FinishScope(outputPaths()); err != nil {
			t.Fatal(err)
		}
	}
	// The index on disk is whole: every dictionary shard the manifest
	// names is there.
	data, err := os.ReadFile(filepath.Join(siteDir, "static", "search", "manifest.json"))
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
		if _, err := os.Stat(filepath.Join(siteDir, "static", "search", d[1])); err != nil {
			t.Errorf("the manifest names a missing shard: %v", err)
		}
	}
}
