// Package pipeline runs Crib's one-way data flow: the vault's listing
// (made by the command, package vault) -> drafts -> vault-wide index ->
// notes -> outputs (the notes' pages and the section pages first, then the
// cheat sheet, search index, practice cards and the rest). Hugo itself
// runs after it (package hugorun).
package pipeline

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/internal/parallel"
	"github.com/crib-notes/crib/generator/normalize"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/sections"
	"github.com/crib-notes/crib/generator/tags"
	"github.com/crib-notes/crib/generator/vault"
)

// Output is one product made from the published notes (the cheat sheet,
// the search index, the practice cards). Outputs run after the pages are
// written, each with the same notes in site order.
type Output interface {
	Name() string
	Write(ctx context.Context, w content.Writer, notes []*note.Note) []diag.Diagnostic
}

// Preparer is an Output that extracts what it needs from a note while the
// note's syntax tree is still in memory (memoized with note.Memo, under
// keys that start with the output's Name and a dot). The pipeline
// prepares every output for a note as soon as its page is made, then
// drops the tree, so a large vault never holds every tree at once.
type Preparer interface {
	Prepare(n *note.Note)
}

// Options says what to publish and where.
type Options struct {
	Config config.Config
	// VaultDir is the vault folder (Config.Vault resolved against the
	// site), as the user named it, for messages; a run reads the listing
	// it is given.
	VaultDir string
	// Writer receives every generated file: a *content.Site to publish,
	// a *content.Discard to check without writing.
	Writer content.Writer
	// Outputs run after the pages run (the notes' pages and the section
	// pages, which every run writes).
	Outputs []Output
	// Prepare lists more preparers, for callers that use Result.Notes
	// themselves (the export commands): every note is prepared for them
	// before its syntax tree is dropped.
	Prepare []Preparer
	// Annotate adds values to a page's params.crib (counts of questions
	// and one-liners, for the theme).
	Annotate []func(*note.Note) map[string]any
	// Counts are summed over the notes of every folder for its list page
	// and the home page (see package sections).
	Counts []sections.Count
	// Progress, when set, gets a progress line for long runs.
	Progress io.Writer
	// Before is how long the command took before the run, to list the
	// vault and check its stamp: the "stamp" stage of the timings.
	Before time.Duration
}

// Result is what a run published.
type Result struct {
	Total       int          // notes in the vault
	Notes       []*note.Note // published, in site order
	Skipped     []string     // drafts and private notes, by source path
	Diags       *diag.List
	Attachments int
	// Tags shows every tag of the vault as the notes show it, synonyms
	// merged: the spelling to match a tag a user asks for against
	// Note.Tags.
	Tags *tags.Spellings

	tm *timings // the run's stage timings, if asked for
}

// Summary is the one-line report the command line prints last.
func (r *Result) Summary() string {
	w, e := r.Diags.Count()
	return fmt.Sprintf("%d notes: %d published, %d skipped, %d warnings, %d errors", r.Total, len(r.Notes), len(r.Skipped), w, e)
}

// Run publishes the vault once, from its listing v (vault.Open). Unlike a
// Builder, it keeps nothing for a later run (see retention).
func Run(ctx context.Context, o Options, v *vault.Vault) (*Result, error) {
	b := New(o)
	b.keep = singleRun
	return b.Run(ctx, v)
}

// retention is what a run keeps, and for how long: the one difference
// between serve's runs and a single one.
type retention struct {
	// nextRun keeps what a run read and made (drafts, finished notes,
	// the index) for the next run, which redoes only what changed.
	// Without it a run keeps nothing past itself and lets go of each
	// note's text as soon as nothing needs it any more, so that a large
	// vault is never held in memory whole: a note's Body once its page
	// is written and every output has prepared it (when every output is
	// a Preparer; Result.Notes then have no Body), and what an output
	// memoized once that output has run.
	nextRun bool
	// text is how many bytes of note text a run that does not keep it
	// for the next run holds from its first pass to its second. The text
	// of the notes read after that is read again when the note is
	// finished: a large vault is then never held whole, and a small one
	// is read once.
	text int64
}

var (
	// serveRuns is a Builder's: everything is kept for the next run.
	serveRuns = retention{nextRun: true}
	// singleRun is Run's.
	singleRun = retention{text: 32 << 20}
)

// keepsText reports whether a note's text of n bytes is kept from the
// first pass to the second, given the bytes kept so far.
func (r retention) keepsText(kept *atomic.Int64, n int) bool {
	return r.nextRun || kept.Add(int64(n)) <= r.text
}

// Builder publishes a vault again and again (for serve), redoing only what
// a change touches: notes whose files changed are scanned again, and a
// note is finished again only when it changed or something it links to,
// embeds or is tagged with did. Outputs always see every note.
type Builder struct {
	o    Options
	keep retention
	// What the last run left for this one (with keep.nextRun).
	files    map[string]fileState
	attach   map[string]fileState // attachments, by vault path
	finished map[string]*finishedNote
	named    map[string]pageName // source -> its page in the last run
	vault    *normalize.Vault    // of the last run
	withheld map[string]withheld
}

// pageName is where a note's page is and what it is called: a note
// whose page moved or was retitled changes for the notes that link to or
// embed it, even when its file did not change.
type pageName struct{ path, title string }

type fileState struct {
	size    int64
	modTime time.Time
	draft   *normalize.Draft
}

// withheld is a note published as a placeholder, or not at all, until its
// file changes (see Withhold).
type withheld struct {
	size    int64
	modTime time.Time
	line    int
	why     string
	page    bool // publish a placeholder page
}

type finishedNote struct {
	normalize.Finished
	tags []string // display tags when finished
}

// New returns a Builder for the options.
func New(o Options) *Builder {
	return &Builder{o: o, keep: serveRuns, files: map[string]fileState{}, attach: map[string]fileState{}, finished: map[string]*finishedNote{}, named: map[string]pageName{}, withheld: map[string]withheld{}}
}

// Withhold makes the runs that follow publish the note from source, as
// the last run read it, as a placeholder page that says why instead of
// its text (or with page false, no page at all), and leave it out of the
// outputs, until its file changes; each run reports why as an error at
// line of the note (0 for none). serve withholds a note that Hugo cannot
// render, so that Hugo can render the others. Not to be called while a
// run is in progress.
func (b *Builder) Withhold(source string, line int, why string, page bool) {
	if f, ok := b.files[source]; ok {
		b.withheld[source] = withheld{size: f.size, modTime: f.modTime, line: line, why: why, page: page}
	}
}

// Withheld reports whether the note from source is withheld, and if so
// whether it has a placeholder page.
func (b *Builder) Withheld(source string) (page, ok bool) {
	w, ok := b.withheld[source]
	return w.page, ok
}

// Run publishes the vault from its listing v (vault.Open, made again for
// each run), reusing what the previous Run did when the files it came
// from are unchanged: the pages run, then the other outputs. err is for
// failures that stop the whole run (a file cannot be written); problems
// in notes are diagnostics and never stop the other notes.
func (b *Builder) Run(ctx context.Context, v *vault.Vault) (*Result, error) {
	res, err := b.Pages(ctx, v)
	if err != nil {
		return nil, err
	}
	if err := b.Outputs(ctx, res); err != nil {
		return nil, err
	}
	res.tm.report()
	return res, nil
}

// Outputs runs every output over the notes of a Pages result, adding
// their diagnostics to it.
func (b *Builder) Outputs(ctx context.Context, res *Result) error {
	// The outputs are independent (each writes its own files) and most
	// have a serial part (a PDF, one big JSON file), so a single run has
	// them run side by side rather than leaving cores idle in turn. serve
	// runs them one after the other, in the background of Hugo's rebuild
	// of the page just saved, which should have the other core.
	// Diagnostics keep the outputs' order.
	outs := b.o.Outputs
	diags := make([][]diag.Diagnostic, len(outs))
	took := make([]time.Duration, len(outs))
	write := func(i int, out Output) {
		if ctx.Err() != nil {
			return
		}
		start := time.Now()
		diags[i] = out.Write(ctx, b.o.Writer, res.Notes)
		if !b.keep.nextRun {
			for _, n := range res.Notes {
				note.Forget(n, out.Name()+".")
			}
		}
		took[i] = time.Since(start)
	}
	var wg sync.WaitGroup
	for i, out := range outs {
		if b.keep.nextRun {
			write(i, out)
		} else {
			wg.Go(func() { write(i, out) })
		}
	}
	wg.Wait()
	for i, out := range outs {
		res.Diags.Add(diags[i]...)
		res.tm.took(out.Name(), took[i])
	}
	return ctx.Err()
}

// preparers are the outputs that prepare notes, then o.Prepare. all is
// false when some output is not a Preparer and may need a note's Body.
func (o *Options) preparers() (ps []Preparer, all bool) {
	all = true
	for _, out := range o.Outputs {
		if p, ok := out.(Preparer); ok {
			ps = append(ps, p)
		} else {
			all = false
		}
	}
	return append(ps, o.Prepare...), all
}

// Pages is the first half of Run, what a reader of one note waits for:
// from the vault's listing v, it scans the notes, builds the vault-wide
// index, finishes the notes and runs the outputs of the pages run (the
// notes' pages, then the section pages).
func (b *Builder) Pages(ctx context.Context, v *vault.Vault) (*Result, error) {
	r := &pagesRun{b: b, o: b.o, v: v, tm: startTimings(b.o.Before), rescanned: map[string]bool{}}
	r.res = &Result{Diags: &diag.List{}, Total: len(v.Notes), tm: r.tm}
	r.res.Diags.Add(v.Diags...)
	drafts, err := r.scan(ctx)
	if err != nil {
		return nil, err
	}
	r.tm.mark("read")
	ix, err := r.index(drafts)
	if err != nil {
		return nil, err
	}
	r.tm.mark("index")
	// The outputs of the pages run: each note's page as the note is
	// finished, then the section pages over all of them.
	pages := &notePages{w: b.o.Writer, annotate: b.o.Annotate, files: ix.attachments}
	notes, err := r.finish(ctx, ix, pages)
	if err != nil {
		return nil, err
	}
	if err := sections.Write(b.o.Writer, ix.nv.Index.Folders(), notes, b.o.Counts); err != nil {
		return nil, err
	}
	r.tm.mark("pages")
	res := r.res
	slices.Sort(r.failed)
	res.Skipped = append(res.Skipped, r.failed...)
	slices.SortFunc(notes, note.CompareSiteOrder)
	res.Notes = notes
	if len(notes) == 0 {
		res.Diags.Add(diag.Site.Warnf("", 0, "no notes to publish in %s", b.o.VaultDir))
	}
	return res, nil
}

// pagesRun is one run of Pages.
type pagesRun struct {
	b   *Builder
	o   Options
	v   *vault.Vault
	res *Result
	tm  *timings

	mu        sync.Mutex
	rescanned map[string]bool // notes and attachments read again, or gone
	failed    []string        // notes left out after an internal error
}

// scan scans the notes whose files changed since the last run (pass 1),
// returning a draft per note of the listing (nil for a note that could
// not be read or scanned).
func (r *pagesRun) scan(ctx context.Context) ([]*normalize.Draft, error) {
	b, v, res := r.b, r.v, r.res
	var gitDates map[string]time.Time
	drafts := make([]*normalize.Draft, len(v.Notes))
	var kept atomic.Int64 // bytes of text kept for pass 2
	progress := newProgress(r.o.Progress, "reading", len(v.Notes))
	err := parallel.For(ctx, len(v.Notes), func(i int) error {
		f := v.Notes[i]
		st, err := os.Stat(f.Abs)
		if err != nil {
			res.Diags.Add(diag.File.Errorf(f.Path, 0, "cannot read: %v", err))
			return nil
		}
		r.mu.Lock()
		prev, ok := b.files[f.Path]
		r.mu.Unlock()
		if ok && prev.size == st.Size() && prev.modTime.Equal(st.ModTime()) {
			drafts[i] = prev.draft
			return nil
		}
		src, err := os.ReadFile(f.Abs)
		if err != nil {
			res.Diags.Add(diag.File.Errorf(f.Path, 0, "cannot read: %v", err))
			return nil
		}
		r.mu.Lock()
		if gitDates == nil {
			gitDates = vault.GitDates(ctx, v.Root)
		}
		gd := gitDates[f.Path]
		r.mu.Unlock()
		d := scanNote(f.Path, src, gd, res.Diags)
		if d == nil {
			r.mu.Lock()
			r.rescanned[f.Path] = true
			r.failed = append(r.failed, f.Path)
			r.mu.Unlock()
			return nil
		}
		if !b.keep.keepsText(&kept, len(src)) {
			// The index needs only what Scan read; this note's text
			// is read again when it is finished.
			d.Body = nil
		}
		drafts[i] = d
		r.mu.Lock()
		if b.keep.nextRun {
			b.files[f.Path] = fileState{size: st.Size(), modTime: st.ModTime(), draft: d}
		}
		r.rescanned[f.Path] = true
		r.mu.Unlock()
		progress.tick()
		return nil
	})
	progress.done()
	if err != nil {
		return nil, err
	}
	present := map[string]bool{}
	for _, f := range v.Notes {
		present[f.Path] = true
	}
	for p := range b.files {
		if !present[p] {
			delete(b.files, p)
			r.rescanned[p] = true // gone: whatever linked to it must change
		}
	}
	for p, w := range b.withheld {
		if f, ok := b.files[p]; !ok || f.size != w.size || !f.modTime.Equal(w.modTime) {
			delete(b.withheld, p)
			r.rescanned[p] = true // its page is to be written again
		}
	}
	return drafts, nil
}

// indexed is the vault-wide index of a run, and what changed since the
// last run.
type indexed struct {
	nv        *normalize.Vault
	published []*normalize.Draft
	// reread reads a note's draft again, for a run that does not keep
	// every note's text (nil when it does).
	reread func(source string) (*normalize.Draft, error)
	// attachments are the attachments' files on disk, by vault path.
	attachments map[string]string
	// changed reports whether a note or attachment changed since the
	// last run; anyChanged whether any did.
	changed    func(source string) bool
	anyChanged bool
	// resolvesAsBefore says that every link resolves as in the last run
	// (see normalize.Vault.ResolvesAs).
	resolvesAsBefore bool
}

// index builds the vault-wide index from the published drafts, in
// source order.
func (r *pagesRun) index(drafts []*normalize.Draft) (*indexed, error) {
	b, o, v, res := r.b, r.o, r.v, r.res
	spellings, err := tags.NewSpellings(o.Config.Tags, o.Config.TagSynonyms)
	if err != nil {
		return nil, fmt.Errorf("hugo.toml params.crib: %w", err)
	}
	res.Tags = spellings
	for _, d := range drafts {
		if d == nil {
			continue
		}
		res.Diags.Add(d.Diags...)
		if d.Skip {
			res.Skipped = append(res.Skipped, d.Source)
		}
	}
	var attachments []string
	seen := map[string]bool{}
	attachedFile := make(map[string]string, len(v.Attachments)) // vault path -> file on disk
	for _, a := range v.Attachments {
		attachments = append(attachments, a.Path)
		seen[a.Path] = true
		attachedFile[a.Path] = a.Abs
		st, err := os.Stat(a.Abs)
		if err != nil {
			continue
		}
		if prev, ok := b.attach[a.Path]; !ok || prev.size != st.Size() || !prev.modTime.Equal(st.ModTime()) {
			b.attach[a.Path] = fileState{size: st.Size(), modTime: st.ModTime()}
			r.rescanned[a.Path] = true
		}
	}
	for p := range b.attach {
		if !seen[p] {
			delete(b.attach, p)
			r.rescanned[p] = true
		}
	}
	nv, published, diags := normalize.NewVault(drafts, attachments, spellings, normalize.Language(o.Config.Language), normalize.MarkBrokenLinks(o.Config.BrokenLinks))
	res.Diags.Add(diags...)
	nv.Attachments.InspectWith(func(p string) (io.ReadCloser, error) {
		f, ok := attachedFile[p]
		if !ok {
			return nil, fs.ErrNotExist
		}
		return os.Open(f)
	})
	ix := &indexed{nv: nv, published: published, attachments: attachedFile}
	if !b.keep.nextRun {
		// Only some drafts kept their text (pass 1): the others, and
		// every draft once its note is finished, are read again for the
		// note itself and for embeds.
		clear(drafts)
		abs := make(map[string]string, len(v.Notes))
		for _, f := range v.Notes {
			abs[f.Path] = f.Abs
		}
		ix.reread = func(source string) (*normalize.Draft, error) {
			src, err := os.ReadFile(abs[source])
			if err != nil {
				return nil, err
			}
			return scan(source, src, time.Time{}), nil
		}
		nv.ReleaseWith(ix.reread)
		for _, d := range published {
			if d.Body == nil {
				nv.Release(d.Source)
			}
		}
	}
	// A note's title may change with other notes (see
	// normalize.NewVault), and its page then with it.
	renamed := map[string]bool{}
	for _, e := range nv.Index.Entries() {
		if b.named[e.Source] != (pageName{e.Path, e.Title}) {
			renamed[e.Source] = true
		}
	}
	ix.changed = func(source string) bool { return r.rescanned[source] || renamed[source] }
	// A page showing Dataview results is finished again whenever any note
	// changed: its queries may read any note.
	ix.anyChanged = len(r.rescanned) > 0 || len(renamed) > 0
	ix.resolvesAsBefore = nv.ResolvesAs(b.vault)
	if b.keep.nextRun {
		b.vault = nv
	}
	return ix, nil
}

// finish finishes the notes that need it and hands every note to the
// outputs (pass 2): its page is written to pages and every Preparer
// prepares it, and then its syntax tree is dropped. It returns
// the published notes, in the order of ix.published, failed and withheld
// notes left out.
func (r *pagesRun) finish(ctx context.Context, ix *indexed, pages *notePages) ([]*note.Note, error) {
	b, o, res, nv := r.b, r.o, r.res, ix.nv
	preparers, allPrepare := o.preparers()
	release := !b.keep.nextRun && allPrepare
	notes := make([]*note.Note, len(ix.published))
	var attached atomic.Int64
	progress := newProgress(o.Progress, "writing", len(ix.published))
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	write, written := pages.writing(stop)
	err := parallel.For(ctx, len(ix.published), func(i int) error {
		d := ix.published[i]
		if w, ok := b.withheld[d.Source]; ok {
			res.Diags.Add(diag.Errorf(d.Source, w.line, "%s", w.why))
			progress.tick()
			if !w.page {
				return nil
			}
			files, err := pages.placeholder(nv.Index.Entry(d.Source).Dir(), d.Source, w.why)
			if err == nil {
				write(files)
			}
			return err
		}
		r.mu.Lock()
		f := b.finished[d.Source]
		r.mu.Unlock()
		if f == nil || f.Queries && ix.anyChanged || b.stale(f, d, nv, ix.resolvesAsBefore, ix.changed) {
			var err error
			if f, err = finishNote(d, nv, ix.reread, res.Diags); err != nil {
				return err
			}
			if f == nil {
				r.mu.Lock()
				r.failed = append(r.failed, d.Source)
				delete(b.finished, d.Source)
				r.mu.Unlock()
				nv.Release(d.Source)
				progress.tick()
				return nil
			}
			f.tags = d.DisplayTags(res.Tags)
			if b.keep.nextRun {
				r.mu.Lock()
				b.finished[d.Source] = f
				r.mu.Unlock()
			}
			files, err := pages.bundle(f.Note, f.Copies, false)
			if err != nil {
				return err
			}
			write(files)
			for _, p := range preparers {
				p.Prepare(f.Note)
			}
			f.Note.Doc = nil
			if release {
				f.Note.Body = nil
			}
			nv.Release(d.Source)
		} else {
			files, err := pages.bundle(f.Note, f.Copies, true)
			if err != nil {
				return err
			}
			write(files)
		}
		res.Diags.Add(f.Diags...)
		notes[i] = f.Note
		attached.Add(int64(len(f.Copies)))
		progress.tick()
		return nil
	})
	if werr := written(); err == nil {
		err = werr
	}
	progress.done()
	if err != nil {
		return nil, err
	}
	for src := range b.finished {
		if nv.Drafts[src] == nil {
			delete(b.finished, src)
		}
	}
	clear(b.named)
	for _, e := range nv.Index.Entries() {
		b.named[e.Source] = pageName{e.Path, e.Title}
	}
	res.Attachments = int(attached.Load())
	return slices.DeleteFunc(notes, func(n *note.Note) bool { return n == nil }), nil // failed or withheld
}

// scan and finish normalize one note; tests replace them to make a note
// fail.
var (
	scan   = normalize.Scan
	finish = normalize.Finish
)

// scanNote scans one note. A panic, which is a bug in Crib, costs only
// that note: it is reported as an internal error naming the note, and
// the draft is nil.
func scanNote(source string, src []byte, gitDate time.Time, diags *diag.List) (d *normalize.Draft) {
	defer func() {
		if r := recover(); r != nil {
			d = nil
			diags.Add(internalError(source, r))
		}
	}()
	return scan(source, src, gitDate)
}

// finishNote finishes one note, reading its text again first when the
// draft let go of it (reread). A panic costs only that note, as in
// scanNote: f is then nil. err is for a file that cannot be read.
func finishNote(d *normalize.Draft, v *normalize.Vault, reread func(string) (*normalize.Draft, error), diags *diag.List) (f *finishedNote, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, nil
			diags.Add(internalError(d.Source, r))
		}
	}()
	if reread != nil && d.Body == nil {
		again, err := reread(d.Source)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read again: %w", d.Source, err)
		}
		withText := *d
		withText.Body, withText.BodyLine = again.Body, again.BodyLine
		d = &withText
	}
	return &finishedNote{Finished: finish(d, v)}, nil
}

func internalError(source string, r any) diag.Diagnostic {
	return diag.Internal.Errorf(source, 0, "internal error: %v; the note is not published (please report this)", r)
}

// stale reports whether a note finished earlier must be finished again.
// resolvesAsBefore says that every link resolves as in the last run (see
// normalize.Vault.ResolvesAs), so only what the note's links led to can
// have changed.
func (b *Builder) stale(f *finishedNote, d *normalize.Draft, v *normalize.Vault, resolvesAsBefore bool, changed func(string) bool) bool {
	if changed(d.Source) || !slices.Equal(f.tags, d.DisplayTags(v.Tags)) {
		return true
	}
	for _, dep := range f.Deps {
		if resolvesAsBefore {
			if dep.Resolved != "" && changed(dep.Resolved) {
				return true
			}
		} else if v.Stale(dep, changed) {
			return true
		}
	}
	return false
}

// progress prints "reading 1200/5000" on a terminal, at most ten times a
// second, and nothing elsewhere.
type progress struct {
	w     io.Writer
	what  string
	total int
	n     atomic.Int64
	last  atomic.Int64
}

func newProgress(w io.Writer, what string, total int) *progress {
	if f, ok := w.(*os.File); !ok || !isTerminal(f) || total < 200 {
		w = nil
	}
	return &progress{w: w, what: what, total: total}
}

func (p *progress) tick() {
	n := p.n.Add(1)
	if p.w == nil {
		return
	}
	now := time.Now().UnixMilli()
	if last := p.last.Load(); now-last >= 100 && p.last.CompareAndSwap(last, now) {
		fmt.Fprintf(p.w, "\rcrib: %s %d/%d", p.what, n, p.total)
	}
}

func (p *progress) done() {
	if p.w != nil {
		fmt.Fprintf(p.w, "\r\033[K")
	}
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
