// Package pipeline runs Crib's one-way data flow: vault -> drafts ->
// vault-wide index -> notes -> outputs (Hugo content, cheat sheet, search
// index, practice cards). Hugo itself runs after it (package hugorun).
package pipeline

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/index"
	"github.com/crib-notes/crib/generator/markdown"
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

// Options says what to publish and where.
type Options struct {
	Config config.Config
	// VaultDir is the vault folder (Config.Vault resolved against the site).
	VaultDir string
	// Writer receives every generated file: a *content.Site to publish,
	// a *content.Memory to check without writing.
	Writer content.Writer
	// Outputs run after the pages are written.
	Outputs []Output
	// Annotate adds values to a page's params.crib (counts of questions
	// and one-liners, for the theme).
	Annotate []func(*note.Note) map[string]any
	// Progress, when set, gets a progress line for long runs.
	Progress io.Writer
}

// Result is what a run published.
type Result struct {
	Total       int          // notes in the vault
	Notes       []*note.Note // published, in site order
	Skipped     []string     // drafts and private notes, by source path
	Diags       *diag.List
	Attachments int
}

// Summary is the one-line report the command line prints last.
func (r *Result) Summary() string {
	w, e := r.Diags.Count()
	return fmt.Sprintf("%d notes: %d published, %d skipped, %d warnings, %d errors", r.Total, len(r.Notes), len(r.Skipped), w, e)
}

// Run publishes the vault. err is for failures that stop the whole run
// (the vault cannot be read, a file cannot be written); problems in notes
// are diagnostics and never stop the other notes.
func Run(ctx context.Context, o Options) (*Result, error) {
	res := &Result{Diags: &diag.List{}}
	v, diags, err := vault.Open(ctx, o.VaultDir, o.Config.Ignore)
	if err != nil {
		return nil, err
	}
	res.Diags.Add(diags...)
	res.Total = len(v.Notes)
	gitDates := vault.GitDates(ctx, v.Root)

	// Pass 1: read and scan every note on its own.
	drafts := make([]*normalize.Draft, len(v.Notes))
	progress := newProgress(o.Progress, "reading", len(v.Notes))
	err = parallel(ctx, len(v.Notes), func(i int) error {
		f := v.Notes[i]
		src, err := os.ReadFile(f.Abs)
		if err != nil {
			res.Diags.Add(diag.Errorf(f.Path, 0, "cannot read: %v", err))
			return nil
		}
		drafts[i] = normalize.Scan(f.Path, src, gitDates[f.Path])
		progress.tick()
		return nil
	})
	progress.done()
	if err != nil {
		return nil, err
	}

	// The vault-wide index, from published drafts in source order.
	var published []*normalize.Draft
	var entries []*index.Entry
	byEntry := map[*index.Entry]*normalize.Draft{}
	spellings, err := tags.NewSpellings(o.Config.Tags)
	if err != nil {
		return nil, fmt.Errorf("hugo.toml params.crib.tags: %w", err)
	}
	bySource := map[string]*normalize.Draft{}
	for _, d := range drafts {
		if d == nil {
			continue
		}
		res.Diags.Add(d.Diags...)
		if d.Skip {
			res.Skipped = append(res.Skipped, d.Source)
			continue
		}
		published = append(published, d)
		e := d.Entry()
		entries = append(entries, e)
		byEntry[e] = d
		bySource[d.Source] = d
		for _, t := range d.Tags {
			spellings.Add(t)
		}
	}
	ix, diags := index.Build(entries)
	res.Diags.Add(diags...)
	var attachments []string
	for _, a := range v.Attachments {
		attachments = append(attachments, a.Path)
	}
	nv := &normalize.Vault{
		Index:       ix,
		Attachments: normalize.NewAttachments(attachments),
		Tags:        spellings,
		Parser:      markdown.NewParser(),
		Drafts:      bySource,
	}

	// Pass 2: finish every note against the index and write its page.
	notes := make([]*note.Note, len(published))
	var attached atomic.Int64
	progress = newProgress(o.Progress, "writing", len(published))
	err = parallel(ctx, len(published), func(i int) error {
		n, copies, diags := normalize.Finish(published[i], nv)
		res.Diags.Add(diags...)
		notes[i] = n
		if err := writePage(o, n, copies, v.Root); err != nil {
			return err
		}
		attached.Add(int64(len(copies)))
		progress.tick()
		return nil
	})
	progress.done()
	if err != nil {
		return nil, err
	}
	res.Attachments = int(attached.Load())
	if err := writeSections(o.Writer, ix); err != nil {
		return nil, err
	}

	slices.SortFunc(notes, note.CompareSiteOrder)
	res.Notes = notes
	for _, out := range o.Outputs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		res.Diags.Add(out.Write(ctx, o.Writer, notes)...)
	}
	if len(notes) == 0 {
		res.Diags.Add(diag.Warnf("", 0, "no notes to publish in %s", o.VaultDir))
	}
	return res, nil
}

// writePage writes one note's page bundle: index.md and its attachments.
func writePage(o Options, n *note.Note, copies []normalize.Copy, vaultRoot string) error {
	crib := map[string]any{"source": n.Source}
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
	dir := "content" + n.Path
	if err := o.Writer.WriteFile(dir+"/index.md", data); err != nil {
		return err
	}
	for _, c := range copies {
		data, err := os.ReadFile(path.Join(vaultRoot, c.From))
		if err != nil {
			return fmt.Errorf("%s: %w", c.From, err)
		}
		if err := o.Writer.WriteFile(dir+"/"+c.To, data); err != nil {
			return err
		}
	}
	return nil
}

// writeSections writes the list page of the notes section and of every
// folder, so Hugo shows folders as sections with their names.
func writeSections(w content.Writer, ix *index.Index) error {
	pages := []content.Page{{Source: "(vault)", Title: "Notes"}}
	paths := []string{"/" + index.Section}
	for _, f := range ix.Folders() {
		pages = append(pages, content.Page{Source: f.Source + "/", Title: f.Name, Params: map[string]any{"crib": map[string]any{"folder": f.Source}}})
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

// parallel runs fn for 0..n-1 on every CPU. The first error cancels the
// rest.
func parallel(ctx context.Context, n int, fn func(i int) error) error {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var next atomic.Int64
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := fn(i); err != nil {
					cancel(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	return context.Cause(ctx)
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
