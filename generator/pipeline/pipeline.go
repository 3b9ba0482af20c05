// Package pipeline runs Crib's one-way data flow: vault -> drafts ->
// vault-wide index -> notes -> outputs (Hugo content, cheat sheet, search
// index, practice cards). Hugo itself runs after it (package hugorun).
package pipeline

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/index"
	"github.com/crib-notes/crib/generator/internal/parallel"
	"github.com/crib-notes/crib/generator/normalize"
	"github.com/crib-notes/crib/generator/note"
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
// prepares every output for a note as soon as its page is written, then
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
	// Outputs run after the pages are written.
	Outputs []Output
	// Prepare lists more preparers, for callers that use Result.Notes
	// themselves (the export commands): every note is prepared for them
	// before its syntax tree is dropped.
	Prepare []Preparer
	// Annotate adds values to a page's params.crib (counts of questions
	// and one-liners, for the theme).
	Annotate []func(*note.Note) map[string]any
	// Counts are summed over the notes of every folder for its list page
	// and the home page (see writeSections).
	Counts []Count
	// Progress, when set, gets a progress line for long runs.
	Progress io.Writer
	// Before is how long the command took before the run, to list the
	// vault and check its stamp: the "stamp" stage of the timings.
	Before time.Duration
}

// Count is one number per note that folders and tags show totals of.
type Count struct {
	Name string // the key in params.crib.totals
	Of   func(*note.Note) int
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

// Run publishes the vault once, from its listing v (vault.Open). Unlike a Builder, it keeps nothing for a
// later run, and it lets go of each note's text as soon as nothing needs
// it any more, so that a large vault is never held in memory whole: a
// note's Body once its page is written and every output has prepared it
// (when every output is a Preparer; Result.Notes then have no Body), and
// what an output memoized once that output has run.
func Run(ctx context.Context, o Options, v *vault.Vault) (*Result, error) {
	b := New(o)
	b.once, b.keepText = true, keepText
	return b.Run(ctx, v)
}

// Builder publishes a vault again and again (for serve), redoing only what
// a change touches: notes whose files changed are scanned again, and a
// note is finished again only when it changed or something it links to,
// embeds or is tagged with did. Outputs always see every note.
type Builder struct {
	o        Options
	files    map[string]fileState
	attach   map[string]fileState // attachments, by vault path
	finished map[string]*finishedNote
	named    map[string]pageName // source -> its page in the last run
	vault    *normalize.Vault    // of the last run
	withheld map[string]withheld
	// once is set for a single run: nothing is kept for the next one,
	// and notes are released as soon as the outputs are done with them.
	once bool
	// keepText is how many bytes of note text a single run keeps from
	// the first pass to the second.
	keepText int64
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
	return &Builder{o: o, files: map[string]fileState{}, attach: map[string]fileState{}, finished: map[string]*finishedNote{}, named: map[string]pageName{}, withheld: map[string]withheld{}}
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
// from are unchanged. err is for failures that stop the
// whole run (the vault cannot be read, a file cannot be written); problems
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

// keepText is how many bytes of note text a single run keeps between its
// two passes. The text of the notes read after that is read again when
// the note is finished: a large vault is then never held whole, and a
// small one is read once.
const keepText = 32 << 20

// PagePaths are the site paths Pages writes; Outputs writes the rest.
var PagePaths = []string{"content/notes/"}

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
		if b.once {
			for _, n := range res.Notes {
				note.Forget(n, out.Name()+".")
			}
		}
		took[i] = time.Since(start)
	}
	var wg sync.WaitGroup
	for i, out := range outs {
		if b.once {
			wg.Go(func() { write(i, out) })
		} else {
			write(i, out)
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

// Pages publishes the notes' pages (the first half of Run): what a reader
// of one note waits for, from the vault's listing v.
func (b *Builder) Pages(ctx context.Context, v *vault.Vault) (*Result, error) {
	o := b.o
	tm := startTimings(o.Before) // CRIB_TIMINGS=1: stage timings on stderr, reported by Run
	res := &Result{Diags: &diag.List{}, tm: tm}
	res.Diags.Add(v.Diags...)
	res.Total = len(v.Notes)
	var gitDates map[string]time.Time

	// Pass 1: scan the notes whose files changed.
	drafts := make([]*normalize.Draft, len(v.Notes))
	var failed []string   // notes left out after an internal error
	var kept atomic.Int64 // bytes of text kept for pass 2
	rescanned := map[string]bool{}
	var mu sync.Mutex
	progress := newProgress(o.Progress, "reading", len(v.Notes))
	err := parallel.For(ctx, len(v.Notes), func(i int) error {
		f := v.Notes[i]
		st, err := os.Stat(f.Abs)
		if err != nil {
			res.Diags.Add(diag.File.Errorf(f.Path, 0, "cannot read: %v", err))
			return nil
		}
		mu.Lock()
		prev, ok := b.files[f.Path]
		mu.Unlock()
		if ok && prev.size == st.Size() && prev.modTime.Equal(st.ModTime()) {
			drafts[i] = prev.draft
			return nil
		}
		src, err := os.ReadFile(f.Abs)
		if err != nil {
			res.Diags.Add(diag.File.Errorf(f.Path, 0, "cannot read: %v", err))
			return nil
		}
		mu.Lock()
		if gitDates == nil {
			gitDates = vault.GitDates(ctx, v.Root)
		}
		gd := gitDates[f.Path]
		mu.Unlock()
		d := scanNote(f.Path, src, gd, res.Diags)
		if d == nil {
			mu.Lock()
			rescanned[f.Path] = true
			failed = append(failed, f.Path)
			mu.Unlock()
			return nil
		}
		if b.once && kept.Add(int64(len(src))) > b.keepText {
			// The index needs only what Scan read; this note's text
			// is read again when it is finished.
			d.Body = nil
		}
		drafts[i] = d
		mu.Lock()
		if !b.once {
			b.files[f.Path] = fileState{size: st.Size(), modTime: st.ModTime(), draft: d}
		}
		rescanned[f.Path] = true
		mu.Unlock()
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
			rescanned[p] = true // gone: whatever linked to it must change
		}
	}
	for p, w := range b.withheld {
		if f, ok := b.files[p]; !ok || f.size != w.size || !f.modTime.Equal(w.modTime) {
			delete(b.withheld, p)
			rescanned[p] = true // its page is to be written again
		}
	}

	tm.mark("read")
	// The vault-wide index, from published drafts in source order.
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
			rescanned[a.Path] = true
		}
	}
	for p := range b.attach {
		if !seen[p] {
			delete(b.attach, p)
			rescanned[p] = true
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
	// A single run kept the text of only some drafts (pass 1): the
	// others, and every draft once its note is finished, are read again
	// for the note itself and for embeds.
	var reread func(source string) (*normalize.Draft, error)
	if b.once {
		clear(drafts)
		abs := make(map[string]string, len(v.Notes))
		for _, f := range v.Notes {
			abs[f.Path] = f.Abs
		}
		reread = func(source string) (*normalize.Draft, error) {
			src, err := os.ReadFile(abs[source])
			if err != nil {
				return nil, err
			}
			return scan(source, src, time.Time{}), nil
		}
		nv.ReleaseWith(reread)
		for _, d := range published {
			if d.Body == nil {
				nv.Release(d.Source)
			}
		}
	}
	ix, bySource := nv.Index, nv.Drafts
	// A note's title may change with other notes (see
	// normalize.NewVault), and its page then with it.
	renamed := map[string]bool{}
	for _, e := range ix.Entries() {
		if b.named[e.Source] != (pageName{e.Path, e.Title}) {
			renamed[e.Source] = true
		}
	}
	changed := func(source string) bool { return rescanned[source] || renamed[source] }
	// A page showing Dataview results is finished again whenever any note
	// changed: its queries may read any note.
	anyChanged := len(rescanned) > 0 || len(renamed) > 0
	resolvesAsBefore := nv.ResolvesAs(b.vault)
	if !b.once {
		b.vault = nv
	}
	tm.mark("index")

	// Pass 2: finish the notes that need it and write every page.
	preparers, allPrepare := o.preparers()
	release := b.once && allPrepare
	notes := make([]*note.Note, len(published))
	var attached atomic.Int64
	progress = newProgress(o.Progress, "writing", len(published))
	err = parallel.For(ctx, len(published), func(i int) error {
		d := published[i]
		if w, ok := b.withheld[d.Source]; ok {
			res.Diags.Add(diag.Errorf(d.Source, w.line, "%s", w.why))
			progress.tick()
			if !w.page {
				return nil
			}
			return writePlaceholder(o.Writer, ix.Entry(d.Source).Dir(), d.Source, w.why)
		}
		mu.Lock()
		f := b.finished[d.Source]
		mu.Unlock()
		if f == nil || f.Queries && anyChanged || b.stale(f, d, nv, resolvesAsBefore, changed) {
			var err error
			if f, err = finishNote(d, nv, reread, res.Diags); err != nil {
				return err
			}
			if f == nil {
				mu.Lock()
				failed = append(failed, d.Source)
				delete(b.finished, d.Source)
				mu.Unlock()
				nv.Release(d.Source)
				progress.tick()
				return nil
			}
			f.tags = d.DisplayTags(spellings)
			if !b.once {
				mu.Lock()
				b.finished[d.Source] = f
				mu.Unlock()
			}
			if err := writePage(o, f.Note, f.Copies, attachedFile, false); err != nil {
				return err
			}
			for _, p := range preparers {
				p.Prepare(f.Note)
			}
			f.Note.Doc = nil
			if release {
				f.Note.Body = nil
			}
			nv.Release(d.Source)
		} else if err := writePage(o, f.Note, f.Copies, attachedFile, true); err != nil {
			return err
		}
		res.Diags.Add(f.Diags...)
		notes[i] = f.Note
		attached.Add(int64(len(f.Copies)))
		progress.tick()
		return nil
	})
	progress.done()
	if err != nil {
		return nil, err
	}
	for src := range b.finished {
		if bySource[src] == nil {
			delete(b.finished, src)
		}
	}
	clear(b.named)
	for _, e := range ix.Entries() {
		b.named[e.Source] = pageName{e.Path, e.Title}
	}
	res.Attachments = int(attached.Load())
	if err := writeSections(o.Writer, ix, notes, o.Counts); err != nil {
		return nil, err
	}
	tm.mark("pages")

	slices.Sort(failed)
	res.Skipped = append(res.Skipped, failed...)
	notes = slices.DeleteFunc(notes, func(n *note.Note) bool { return n == nil }) // failed or withheld
	slices.SortFunc(notes, note.CompareSiteOrder)
	res.Notes = notes
	if len(notes) == 0 {
		res.Diags.Add(diag.Site.Warnf("", 0, "no notes to publish in %s", o.VaultDir))
	}
	return res, nil
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

// writePage writes one note's page bundle: index.md and its attachments.
// keeper is a Writer that can keep a file from an earlier run unchanged
// without being handed its bytes again (content.Site).
type keeper interface {
	Keep(rel string) bool
}

// writePage writes one note's page bundle: index.md and its attachments,
// read from their files on disk (files, by vault path). With unchanged
// set, files the writer still holds are kept as they are.
func writePage(o Options, n *note.Note, copies []normalize.Copy, files map[string]string, unchanged bool) error {
	dir := "content" + n.Path
	k, canKeep := o.Writer.(keeper)
	kept := func(rel string) bool { return unchanged && canKeep && k.Keep(rel) }
	if !kept(dir + "/index.md") {
		crib := map[string]any{"source": n.Source}
		if n.BodyLine > 0 {
			// The vault line of the page's first line of text (the page
			// starts at the first line that is not empty), from which
			// content.SourceLine names the vault line of a warning Hugo
			// gives about the page.
			crib["line"] = n.BodyLine + len(n.Body) - len(bytes.TrimLeft(n.Body, "\n"))
		}
		if len(n.Aliases) > 0 {
			crib["aliases"] = n.Aliases
		}
		for _, a := range o.Annotate {
			for k, v := range a(n) {
				crib[k] = v
			}
		}
		params := map[string]any{}
		for k, v := range n.Params {
			params[k] = v
		}
		params["crib"] = crib
		page := content.Page{Source: n.Source, Title: n.Title, Date: n.Date, Lastmod: n.Lastmod, Tags: n.Tags, Params: params, Body: n.Body}
		data, err := page.Encode()
		if err != nil {
			return fmt.Errorf("%s: %w", n.Source, err)
		}
		if err := o.Writer.WriteFile(dir+"/index.md", data); err != nil {
			return err
		}
	}
	for _, c := range copies {
		if kept(dir + "/" + c.To) {
			continue
		}
		data, err := os.ReadFile(files[c.From])
		if err != nil {
			return fmt.Errorf("%s: %w", c.From, err)
		}
		if err := o.Writer.WriteFile(dir+"/"+c.To, data); err != nil {
			return err
		}
	}
	return nil
}

// writePlaceholder writes the page of a withheld note: titled by its
// file name, it says why the note is not shown, as plain text (the note's
// title may be what could not be rendered).
func writePlaceholder(w content.Writer, dir, source, why string) error {
	title := strings.TrimSuffix(path.Base(source), path.Ext(source))
	body := plainText(why) + "\n"
	page := content.Page{Source: source, Title: title, Params: map[string]any{"crib": map[string]any{"source": source, "withheld": true}}, Body: []byte(body)}
	data, err := page.Encode()
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	return w.WriteFile(dir+"/index.md", data)
}

// plainText writes s as one Markdown paragraph that shows it as it is:
// every ASCII punctuation character is escaped (CommonMark lets a
// backslash escape any of them), so nothing in it becomes markup, HTML or
// a Hugo shortcode.
func plainText(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(strings.Join(strings.Fields(s), " ")) {
		if strings.ContainsRune(asciiPunctuation, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

const asciiPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// writeSections writes the list page of the notes section and of every
// folder, so Hugo shows folders as sections with their names. Each carries
// the newest date and lastmod of the notes below it: the dates Hugo would
// give it, written out because Hugo's server recomputes a dateless
// section's dates on every rebuild and then counts every section as
// changed, which made saving one note re-check every page of a large
// vault (seconds at 5,000 notes).
//
// Each also carries params.crib.totals, the number of notes below it and
// the sum of each of counts over them; the notes section also the totals
// of the notes directly in it (own) and by top-level tag (tags). The
// theme shows these on the home and folder pages: summing over every
// note in templates took half a second at 5,000 notes, which the home
// page paid again after every save in serve.
func writeSections(w content.Writer, ix *index.Index, notes []*note.Note, counts []Count) error {
	dates := sectionDates(notes)
	vals := countsOf(notes, counts)
	totals, own := sectionTotals(notes, counts, vals)
	root := "/" + index.Section
	pages := []content.Page{{Source: "(vault)", Title: "Notes", Date: dates[root].date, Lastmod: dates[root].lastmod,
		Params: map[string]any{"crib": map[string]any{"totals": totals[root], "own": own, "tags": tagTotals(notes, counts, vals)}}}}
	paths := []string{root}
	for _, f := range ix.Folders() {
		d := dates[f.Path]
		pages = append(pages, content.Page{Source: f.Source + "/", Title: f.Name, Date: d.date, Lastmod: d.lastmod,
			Params: map[string]any{"crib": map[string]any{"folder": f.Source, "totals": totals[f.Path]}}})
		paths = append(paths, f.Path)
	}
	for i, p := range pages {
		data, err := p.Encode()
		if err != nil {
			return err
		}
		if err := w.WriteFile("content"+paths[i]+"/_index.md", data); err != nil {
			return err
		}
	}
	return nil
}

// totals are a number of notes and the sums of counts over them.
type totals map[string]int

// add counts one note, whose counts are vals (in the order of counts).
func (t totals) add(counts []Count, vals []int) {
	t["notes"]++
	for i, c := range counts {
		t[c.Name] += vals[i]
	}
}

// countsOf is each of counts for every note (nil for a skipped note).
func countsOf(notes []*note.Note, counts []Count) [][]int {
	out := make([][]int, len(notes))
	for i, n := range notes {
		if n == nil {
			continue
		}
		out[i] = make([]int, len(counts))
		for j, c := range counts {
			out[i][j] = c.Of(n)
		}
	}
	return out
}

func newTotals(counts []Count) totals {
	t := totals{"notes": 0}
	for _, c := range counts {
		t[c.Name] = 0
	}
	return t
}

// sectionTotals returns the totals of the notes at any depth below each
// section path, and of the notes directly in the notes section.
func sectionTotals(notes []*note.Note, counts []Count, vals [][]int) (map[string]totals, totals) {
	out := map[string]totals{"/" + index.Section: newTotals(counts)}
	own := newTotals(counts)
	for i, n := range notes {
		if n == nil {
			continue
		}
		if path.Dir(n.Path) == "/"+index.Section {
			own.add(counts, vals[i])
		}
		for p := path.Dir(n.Path); p != "/" && p != "."; p = path.Dir(p) {
			t := out[p]
			if t == nil {
				t = newTotals(counts)
				out[p] = t
			}
			t.add(counts, vals[i])
		}
	}
	return out, own
}

// tagTotals groups the notes by top-level tag ("interview/devops" counts
// under "interview", a note once per group), biggest group first. Each
// group is {key, name, totals...}: key is the top tag's key in Hugo's
// taxonomy (site.GetPage "/tags/<key>" is its term page when some note
// uses the tag itself), name the tag's own spelling when some note uses
// it, else the first segment of the first nested tag's spelling by key.
func tagTotals(notes []*note.Note, counts []Count, vals [][]int) []map[string]any {
	type group struct {
		key, name string
		named     bool // name is the top tag's own spelling
		first     string
		t         totals
	}
	groups := map[string]*group{}
	for i, n := range notes {
		if n == nil {
			continue
		}
		seen := map[string]bool{}
		for _, tag := range n.Tags {
			key := TermKey(tag)
			top, _, nested := strings.Cut(key, "/")
			if top == "" {
				continue
			}
			g := groups[top]
			if g == nil {
				g = &group{key: top, t: newTotals(counts)}
				groups[top] = g
			}
			if !nested {
				g.name, g.named = tag, true
			} else if !g.named && (g.first == "" || key < g.first) {
				g.first, g.name = key, strings.SplitN(tag, "/", 2)[0]
			}
			if !seen[top] {
				seen[top] = true
				g.t.add(counts, vals[i])
			}
		}
	}
	list := slices.Collect(maps.Values(groups))
	slices.SortFunc(list, func(a, b *group) int {
		return cmp.Or(cmp.Compare(b.t["notes"], a.t["notes"]), cmp.Compare(a.key, b.key))
	})
	out := make([]map[string]any, len(list))
	for i, g := range list {
		row := map[string]any{"key": g.key, "name": g.name}
		for k, v := range g.t {
			row[k] = v
		}
		out[i] = row
	}
	return out
}

// TermKey is Hugo's key for a tag in site.Taxonomies: the spelling in
// lower case. (Its term page's path is made from it; site.GetPage finds
// the page by the key.)
func TermKey(tag string) string {
	return strings.ToLower(tag)
}

type dates struct{ date, lastmod time.Time }

// sectionDates returns, by section path, the newest date and the newest
// lastmod of the notes at any depth below it, as Hugo aggregates them (a
// note without a lastmod counts with its date).
func sectionDates(notes []*note.Note) map[string]dates {
	out := map[string]dates{}
	for _, n := range notes {
		if n == nil {
			continue
		}
		lastmod := n.Lastmod
		if lastmod.IsZero() {
			lastmod = n.Date
		}
		for p := path.Dir(n.Path); p != "/" && p != "."; p = path.Dir(p) {
			d := out[p]
			if n.Date.After(d.date) {
				d.date = n.Date
			}
			if lastmod.After(d.lastmod) {
				d.lastmod = lastmod
			}
			out[p] = d
		}
	}
	return out
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
