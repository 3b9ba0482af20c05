package cli

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/hugorun"
	"github.com/crib-notes/crib/generator/pipeline"
)

// A note that Hugo cannot render must not take the preview down. Hugo's
// server then fails the whole rebuild, and would show its error page for
// every URL until the note is fixed; serve runs it with
// --disableBrowserError, so every page it rendered before goes on being
// served, and withholds the note: it is published as a placeholder page
// that shows Hugo's error, and left out of the search index, the cards and
// the cheat sheet, until its file changes (pipeline.Builder.Withhold).
// Hugo can then render the site again, including the notes saved next.
//
// The note is found from the content files Hugo's error names, through
// the generated-file marker at their start. When the error names none
// (a list page failed, say), the notes saved since Hugo last rebuilt the
// site without an error are withheld, if there are only a few. When even
// a note's placeholder fails, the note is left out entirely.

// hugoReports passes the rebuilds Hugo's server reports, on the goroutine
// that reads Hugo's log, to serve's watch loop.
type hugoReports struct {
	rebuilt chan struct{} // a value after each rebuild, unless one waits

	mu      sync.Mutex
	reports []hugorun.Rebuild // not yet taken
	began   []time.Time       // when the last few rebuilds began, oldest first
	took    map[string]time.Time
}

// begin is hugorun.Serve's callback for the start of a rebuild.
func (h *hugoReports) begin(at time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.began = append(h.began, at)
	if len(h.began) > rebuildsToTake {
		h.began = h.began[1:]
	}
}

// tookFile is hugorun.Serve's callback for a file Hugo names in a
// rebuild: it took the file's last change so far.
func (h *hugoReports) tookFile(name string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if len(h.took) > maxTook {
		clear(h.took) // the gate asks about the last few files only
	}
	h.took[hugorun.NormalizeLogName(name)] = time.Now()
}

// maxTook bounds the files named by Hugo that are remembered.
const maxTook = 10000

func newHugoReports() *hugoReports {
	return &hugoReports{rebuilt: make(chan struct{}, 1), took: map[string]time.Time{}}
}

// report is hugorun.Serve's callback.
func (h *hugoReports) report(r hugorun.Rebuild) {
	h.mu.Lock()
	h.reports = append(h.reports, r)
	h.mu.Unlock()
	select {
	case h.rebuilt <- struct{}{}:
	default:
	}
}

// take returns the rebuilds reported since the last take.
func (h *hugoReports) take() []hugorun.Rebuild {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.reports
	h.reports = nil
	return r
}

// gateMax bounds how long serve waits for Hugo to take a group of
// changes, for changes Hugo takes no note of.
const gateMax = 5 * time.Second

// rebuildsToTake is how many rebuilds begun after a change make sure that
// one of them took it: up to two batches of file events cut before the
// change can still wait for a rebuild (one in Hugo's watcher's channel,
// one its batcher holds while the channel is full), and the next holds
// the change.
const rebuildsToTake = 3

// taken returns once Hugo has taken lastRel's change at last, a group's
// last change, into a rebuild, or after gateMax: content.Site.Pace's gate.
// Hugo cuts a batch of file events, then says it rebuilds, so a rebuild
// begun after the change does not prove the change was in its batch; the
// rest of the group would then ride in the next batch with the next
// group, over Hugo's limit. Hugo's log names most files it takes; for a
// file it does not name, such as a removed folder, the gate waits for
// rebuildsToTake rebuilds to begin.
func (h *hugoReports) taken(lastRel string, last time.Time) {
	name := hugorun.LogName(lastRel)
	for deadline := time.Now().Add(gateMax); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		h.mu.Lock()
		at, named := h.took[name]
		since := 0
		for _, b := range h.began {
			if b.After(last) {
				since++
			}
		}
		h.mu.Unlock()
		if (named && at.After(last)) || since >= rebuildsToTake {
			return
		}
	}
}

// maxSuspects is the most notes saved since the last good rebuild that a
// failure naming no note withholds: more is a mass change, where
// withholding would hide much for a guess.
const maxSuspects = 5

// culprit is a note whose generated file Hugo named in an error.
type culprit struct {
	line int // in the note, where its page went wrong; 0 if unknown
	why  string
	page bool // the file is the note's page (not a card page)
}

// withhold withholds the notes Hugo failed to render in the rebuilds
// reported and reports whether it withheld any: the pages are then to be
// published again.
func (p *preview) withhold(reports []hugorun.Rebuild) bool {
	culprits := map[string]culprit{}
	for _, r := range reports {
		if len(r.Errors) == 0 {
			if !r.Started.Before(p.wrote) {
				clear(p.suspects) // every page saved so far rendered
			}
			continue
		}
		named := false
		for _, msg := range r.Errors {
			for _, f := range hugorun.ContentFiles(p.siteDir, msg) {
				named = true
				src, line, ok := p.renderedFrom(f, r.Started)
				if !ok {
					continue
				}
				c := culprits[src]
				switch why := p.hugoError(msg); {
				case c.why == "":
					c.why = why
				case !strings.Contains(c.why, why):
					c.why += "; " + why
				}
				if c.line == 0 {
					c.line = line
				}
				c.page = c.page || strings.HasPrefix(f.Path, "content/notes/")
				culprits[src] = c
			}
		}
		if !named && !r.Started.Before(p.wrote) && len(p.suspects) <= maxSuspects {
			for src := range p.suspects {
				culprits[src] = culprit{why: p.hugoError(strings.Join(r.Errors, "; ")), page: true}
			}
		}
	}
	changed := false
	for _, src := range slices.Sorted(maps.Keys(culprits)) {
		c := culprits[src]
		switch page, held := p.b.Withheld(src); {
		case !held:
			p.b.Withhold(src, c.line, "Hugo cannot render this note, so serve shows a placeholder for it until it is saved again: "+c.why, true)
			changed = true
		case page && c.page:
			p.b.Withhold(src, c.line, "Hugo cannot render this note nor a placeholder for it, so serve leaves it out until it is saved again: "+c.why, false)
			changed = true
		}
	}
	return changed
}

// startFailure returns a diagnostic for each note that Hugo's error names
// when its server failed to start: its first build failed, and a server
// that did not start cannot be started again in the same process, so the
// notes have to be fixed (or made private) first.
func (p *preview) startFailure(err error) []diag.Diagnostic {
	var diags []diag.Diagnostic
	for _, f := range hugorun.ContentFiles(p.siteDir, err.Error()) {
		if src, line, ok := p.renderedFrom(f, time.Now()); ok {
			diags = append(diags, diag.Errorf(src, line, "Hugo cannot render this note, so serve cannot start: fix it, or make it private, and start serve again"))
		}
	}
	return diags
}

// renderedFrom returns the vault note, and the line in it, of the place
// in the generated content file f that a Hugo error names, if Hugo's
// rebuild that started at started read the file as it is now: a file
// written since is the next rebuild's to judge. A note's page names its
// note and line (content.SourceLine); any other generated file, a card
// page say, only its note (content.GeneratedFrom).
func (p *preview) renderedFrom(f hugorun.ContentFile, started time.Time) (source string, line int, ok bool) {
	name := filepath.Join(p.siteDir, filepath.FromSlash(f.Path))
	if st, err := os.Stat(name); err != nil || st.ModTime().After(started) {
		return "", 0, false
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return "", 0, false
	}
	if source, line, ok := content.SourceLine(data, f.Line); ok {
		return source, line, true
	}
	source, ok = content.GeneratedFrom(data)
	return source, 0, ok
}

// hugoError is a Hugo error as a diagnostic shows it: with paths relative
// to the site.
func (p *preview) hugoError(msg string) string {
	return strings.ReplaceAll(msg, p.siteDir+string(filepath.Separator), "")
}

// suspect records a file of the vault that changed.
func (p *preview) suspect(root, name string) {
	if rel, err := filepath.Rel(root, name); err == nil && strings.HasSuffix(rel, ".md") {
		p.suspects[filepath.ToSlash(rel)] = true
	}
}

// heard handles the rebuilds Hugo's server reported: it withholds the
// notes Hugo could not render and reports whether it did (the pages are
// then to be published again); after a failure that no note explains, it
// has Hugo read the pages of the failed rebuild again (retry).
func (p *preview) heard(reports []hugorun.Rebuild) bool {
	withheld := p.withhold(reports)
	p.retry(reports, !withheld)
	return withheld
}

// retry writes over, with the same bytes, the note pages that a failed
// rebuild read but may not have rendered, when rewrite is set. Hugo's
// server renders in a rebuild the pages whose files changed in its batch
// of events; when the rebuild fails for a reason of its own (a section
// file the generator removed while Hugo read it, say), the next rebuild
// renders only its own batch, and a note moved in the failed one would
// answer 404 until saved again. Pages written since the last good
// rebuild began (less a batch interval, for events that came late) and
// before the failed one began are written again, each once: a failure
// that keeps coming back does not have them written again and again.
func (p *preview) retry(reports []hugorun.Rebuild, rewrite bool) {
	var from, until time.Time
	for _, r := range reports {
		switch {
		case len(r.Errors) == 0:
			if r.Started.After(p.lastGood) {
				p.lastGood = r.Started
			}
			clear(p.rewritten)
		case from.IsZero():
			from, until = p.lastGood.Add(-hugoBatchInterval), r.Started
		default:
			until = r.Started
		}
	}
	if !rewrite || from.IsZero() {
		return
	}
	for _, rel := range p.site.Files() {
		if !strings.HasSuffix(rel, ".md") || !slices.ContainsFunc(pipeline.PagePaths, func(dir string) bool { return strings.HasPrefix(rel, dir) }) {
			continue
		}
		name := filepath.Join(p.siteDir, filepath.FromSlash(rel))
		st, err := os.Stat(name)
		if err != nil {
			continue
		}
		if m := st.ModTime(); m.Before(from) || !m.Before(until) || m.Equal(p.rewritten[rel]) {
			continue
		}
		if err := p.site.Rewrite(rel); err != nil {
			p.e.errorf("%v", err)
			continue
		}
		if st, err := os.Stat(name); err == nil {
			p.rewritten[rel] = st.ModTime()
		}
	}
}
