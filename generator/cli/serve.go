package cli

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/crib-notes/crib/generator/hugorun"
	"github.com/crib-notes/crib/generator/pipeline"
	"github.com/crib-notes/crib/generator/vault"
	"github.com/fsnotify/fsnotify"
)

// settle is how long serve waits after a change before rebuilding, so
// that an editor's burst of events (write, rename, chmod) is one rebuild.
const settle = 40 * time.Millisecond

func runServe(ctx context.Context, e *env, args []string) int {
	var sf siteFlags
	var port int
	var bind string
	fs := newFlags(e, "serve", "[--vault DIR] [--site DIR] [--port N] [--bind ADDR]")
	sf.register(fs)
	fs.IntVar(&port, "port", 1313, "the port to serve on")
	fs.StringVar(&bind, "bind", "127.0.0.1", "the interface to serve on")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	cfg, siteDir, vaultDir, site, ok := sf.openSite(e)
	if !ok {
		return exitUsage
	}
	b := pipeline.New(options(cfg, vaultDir, site, e))
	rebuild := func() error {
		start := time.Now()
		res, err := b.Run(ctx)
		if err != nil {
			return err
		}
		_, changed, err := site.Finish()
		if err != nil {
			return err
		}
		res.Diags.Print(e.stderr)
		fmt.Fprintf(e.stderr, "crib: %s; %d files changed in %v\n", res.Summary(), changed, time.Since(start).Round(time.Millisecond))
		return nil
	}
	if err := rebuild(); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}

	w, err := fsnotify.NewWatcher()
	if err != nil {
		e.errorf("watching %s: %v", vaultDir, err)
		return exitUsage
	}
	defer w.Close()
	ignore := vault.NewMatcher(cfg.Ignore)
	if err := watchTree(w, vaultDir, ignore); err != nil {
		e.errorf("watching %s: %v", vaultDir, err)
		return exitUsage
	}
	go watchLoop(ctx, e, w, vaultDir, ignore, rebuild)

	// Hugo's server runs for the life of the process: it cannot be
	// stopped and started again cleanly in one process. It watches the
	// site folder and reloads the browser when the generator's files land.
	hugoFlags := []string{"--source", siteDir, "--port", strconv.Itoa(port), "--bind", bind}
	if err := hugorun.Serve(hugoFlags); err != nil {
		e.errorf("hugo server: %v", err)
		return exitNotes
	}
	return exitOK
}

// watchTree watches dir and every folder below it that is published.
func watchTree(w *fsnotify.Watcher, root string, ignore *vault.Matcher) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		if p != root {
			rel := filepath.ToSlash(p[len(root)+1:])
			if strings.HasPrefix(d.Name(), ".") || ignore.Match(rel, true) {
				return filepath.SkipDir
			}
		}
		return w.Add(p)
	})
}

// watchLoop rebuilds after each settled burst of changes in the vault.
func watchLoop(ctx context.Context, e *env, w *fsnotify.Watcher, root string, ignore *vault.Matcher, rebuild func() error) {
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if strings.HasPrefix(filepath.Base(ev.Name), ".") {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					watchTree(w, ev.Name, ignore)
				}
			}
			timer = time.After(settle)
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			e.errorf("watching %s: %v", root, err)
		case <-timer:
			timer = nil
			if err := rebuild(); err != nil {
				e.errorf("%v", err)
			}
		}
	}
}
