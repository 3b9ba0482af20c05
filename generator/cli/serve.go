package cli

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
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
	served, err := newServed(siteDir)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	p := newPreview(e, pipeline.New(options(cfg, siteDir, vaultDir, site, e)), siteDir, vaultDir, cfg.Ignore, site, served)
	if err := p.pages(ctx); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if err := p.outputs(ctx, p.last, p.start); err != nil {
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
	// From now on Hugo's server watches what the generator writes: keep
	// each burst of changes below the size it takes for a mass edit.
	hugo := newHugoReports()
	site.Pace(hugoBatchEvents, 0, nil, hugo.taken)
	p.lastGood = time.Now() // Hugo's first build reads every page written so far
	go p.watch(ctx, w, vaultDir, ignore, hugo)

	// Hugo's server runs for the life of the process: it cannot be
	// stopped and started again cleanly in one process. It watches the
	// site folder and reloads the browser when the generator's files land.
	// When a rebuild fails, it goes on serving the pages it rendered
	// before instead of its error page (see withhold.go).
	hugoFlags := []string{"--source", siteDir, "--destination", served.dir, "--disableBrowserError", "--port", strconv.Itoa(port), "--bind", bind}
	if err := hugorun.Serve(hugoFlags, hugo.begin, hugo.tookFile, hugo.report, liveHeap()); err != nil {
		e.errorf("hugo server: %v", err)
		var l diag.List
		l.Add(p.startFailure(err)...)
		l.Print(e.stderr)
		return exitNotes
	}
	return exitOK
}

// liveHeap is the size of what the process keeps live, after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
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

// Hugo's server collects file events for hugoBatchInterval and rebuilds
// the whole site when a batch holds more than 50; serve makes at most
// hugoBatchEvents file events per batch, pages and other products alike,
// each group once Hugo has taken the last change of the one before into
// a rebuild (see content.Site.Pace and hugoReports.taken).
const (
	hugoBatchInterval = 500 * time.Millisecond
	hugoBatchEvents   = 44
)

// After publishing pages, serve rebuilds the cheat sheet, search index and
// cards once Hugo has rebuilt the saved note's page and the browser has had
// a moment to load it (outputsAfterHugo), or after outputsMaxDelay if Hugo
// reports nothing: the two then never compete for the CPU while a reader
// waits, and a burst of saves costs one rebuild.
const (
	outputsAfterHugo = 200 * time.Millisecond
	outputsMaxDelay  = 2 * time.Second
)

// preview keeps the site up to date with the vault while serve runs.
type preview struct {
	e       *env
	b       *pipeline.Builder
	siteDir string
	// vaultDir and ignore are listed again for each pages run: the
	// watcher saw something change.
	vaultDir string
	ignore   []string
	site     *content.Site
	served   *served
	last     *pipeline.Result // of the last pages run, for the outputs
	start    time.Time
	wrote    time.Time       // when the last pages run was written
	printed  map[string]bool // diagnostics already shown
	// suspects are the vault files saved since Hugo last rebuilt the
	// site without an error (see withhold).
	suspects map[string]bool
	// lastGood is when the last rebuild Hugo finished without an error
	// began; rewritten, the note pages written over since (see retry),
	// with the modification time that gave them.
	lastGood  time.Time
	rewritten map[string]time.Time
}

func newPreview(e *env, b *pipeline.Builder, siteDir, vaultDir string, ignore []string, site *content.Site, served *served) *preview {
	return &preview{e: e, b: b, siteDir: siteDir, vaultDir: vaultDir, ignore: ignore, site: site, served: served, printed: map[string]bool{}, suspects: map[string]bool{}, rewritten: map[string]time.Time{}}
}

// pages publishes the notes' pages.
func (p *preview) pages(ctx context.Context) error {
	p.start = time.Now()
	v, err := vault.Open(ctx, p.vaultDir, p.ignore)
	if err != nil {
		return err
	}
	res, err := p.b.Pages(ctx, v)
	if err != nil {
		return err
	}
	removed, _, err := p.site.FinishScope(ctx, pipeline.PagePaths)
	if err != nil {
		return err
	}
	p.served.remove(removed)
	p.last, p.wrote = res, time.Now()
	return nil
}

// outputs rebuilds the other products from the pages run res, which
// started at start, and reports.
func (p *preview) outputs(ctx context.Context, res *pipeline.Result, start time.Time) error {
	if err := p.b.Outputs(ctx, res); err != nil {
		return err
	}
	removed, changed, err := p.site.FinishScope(ctx, outputPaths())
	if err != nil {
		return err
	}
	p.served.remove(removed)
	// Show what is new since the last report; a vault's standing warnings
	// were shown once already.
	now := map[string]bool{}
	var fresh diag.List
	for _, d := range res.Diags.Sorted() {
		s := d.String()
		now[s] = true
		if !p.printed[s] {
			fresh.Add(d)
		}
	}
	p.e.print(&fresh)
	p.printed = now
	fmt.Fprintf(p.e.stderr, "crib: %s; %d files changed in %v\n", res.Summary(), changed, time.Since(start).Round(time.Millisecond))
	return nil
}

// outputPaths are the generated paths other than the pages.
func outputPaths() []string {
	var out []string
	for _, o := range content.Owned {
		if !slices.Contains(pipeline.PagePaths, o) {
			out = append(out, o)
		}
	}
	return out
}

// watch republishes after each settled burst of changes in the vault:
// pages at once, the other products in the background once the vault has
// been quiet for a moment. A save while they are being made stops them,
// and its page is written without waiting for them to wind down; they are
// made again once the vault is quiet.
//
// hugo reports each rebuild Hugo finishes; the notes of a failed one are
// withheld and the pages published again, or when no note is to blame,
// the pages it read are read again (see withhold.go).
func (p *preview) watch(ctx context.Context, w *fsnotify.Watcher, root string, ignore *vault.Matcher, hugo *hugoReports) {
	var settled, quiet <-chan time.Time
	awaitingHugo := false // pages were written; Hugo has not rebuilt since
	var running *background
	defer func() {
		if running != nil {
			running.cancel()
			<-running.done
		}
	}()
	for {
		var finished <-chan struct{}
		if running != nil {
			finished = running.done
		}
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
			p.suspect(root, ev.Name)
			settled = time.After(settle)
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			p.e.errorf("watching %s: %v", root, err)
		case <-settled:
			settled = nil
			if running != nil {
				// The stopped run only reads the notes of the last pages run
				// and writes other files than the pages; it winds down on
				// its own while this run goes on.
				running.cancel()
			}
			select {
			case <-hugo.rebuilt: // a rebuild from before these pages; its report waits for the next
			default:
			}
			if err := p.pages(ctx); err != nil {
				p.e.errorf("%v", err)
				continue
			}
			awaitingHugo = true
			quiet = time.After(outputsMaxDelay)
		case <-hugo.rebuilt:
			p.served.sweep()
			if p.heard(hugo.take()) {
				settled = time.After(0)
				continue
			}
			if awaitingHugo {
				awaitingHugo = false
				quiet = time.After(outputsAfterHugo)
			}
		case <-quiet:
			quiet, awaitingHugo = nil, false
			if settled != nil {
				continue // more changes are coming; their pages go first
			}
			if running != nil {
				<-running.done // a stopped run hands its files over first
			}
			running = p.background(ctx, p.last, p.start)
		case <-finished:
			running = nil
		}
	}
}

// background is one run of the outputs in the background.
type background struct {
	cancel context.CancelFunc
	done   chan struct{}
}

// background starts making the outputs of the pages run res.
func (p *preview) background(ctx context.Context, res *pipeline.Result, start time.Time) *background {
	ctx, cancel := context.WithCancel(ctx)
	bg := &background{cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(bg.done)
		defer cancel()
		err := p.outputs(ctx, res, start)
		if ctx.Err() != nil {
			// Stopped by a save: the next run starts from what this one
			// wrote, and may write the same files again.
			err = p.site.AbandonScope(outputPaths())
		}
		if err != nil {
			p.e.errorf("%v", err)
		}
	}()
	return bg
}
