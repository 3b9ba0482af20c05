package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"runtime"
	"strings"
	"sync"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/normalize"
	"github.com/crib-notes/crib/generator/note"
)

// PagePaths are the site paths the pages run writes (the notes' pages
// and the section pages); the other outputs write the rest.
var PagePaths = []string{"content/notes/"}

// notePages is the output of the notes' own pages: each note's page
// bundle, index.md and its attachments, made as soon as the note is
// finished, while its text is in memory. Unlike the other outputs it sees
// one note at a time, so that a single run can let go of each note once
// its page is made.
//
// A page is made by the worker that finished its note and written by
// the pages' own writers (see writing): under serve's pacing a write
// waits for Hugo, and the workers go on finishing notes meanwhile, so
// that each group of changes reaches Hugo's watcher at once, within one
// of its batches, instead of spread over the time the notes take.
type notePages struct {
	w        content.Writer
	annotate []func(*note.Note) map[string]any
	// files are the attachments' files on disk, by vault path.
	files map[string]string
}

// pageFile is one file of a page bundle to write: its bytes, or the
// file on disk to copy them from (an attachment, vault its vault path).
type pageFile struct {
	rel         string
	data        []byte
	from, vault string
}

// keeper is a Writer that can keep a file from an earlier run unchanged
// without being handed its bytes again (content.Site).
type keeper interface {
	Keep(rel string) bool
}

// bundle returns the files of one note's page bundle to write, its
// attachments to be read from their files on disk. With unchanged set,
// files the writer still holds are kept as they are and not returned.
func (p *notePages) bundle(n *note.Note, copies []normalize.Copy, unchanged bool) ([]pageFile, error) {
	dir := "content" + n.Path
	k, canKeep := p.w.(keeper)
	kept := func(rel string) bool { return unchanged && canKeep && k.Keep(rel) }
	var files []pageFile
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
		for _, a := range p.annotate {
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
			return nil, fmt.Errorf("%s: %w", n.Source, err)
		}
		files = append(files, pageFile{rel: dir + "/index.md", data: data})
	}
	for _, c := range copies {
		if !kept(dir + "/" + c.To) {
			files = append(files, pageFile{rel: dir + "/" + c.To, from: p.files[c.From], vault: c.From})
		}
	}
	return files, nil
}

// placeholder returns the page of a withheld note, in the folder dir:
// titled by its file name, it says why the note is not shown, as plain
// text (the note's title may be what could not be rendered).
func (p *notePages) placeholder(dir, source, why string) ([]pageFile, error) {
	title := strings.TrimSuffix(path.Base(source), path.Ext(source))
	body := plainText(why) + "\n"
	page := content.Page{Source: source, Title: title, Params: map[string]any{"crib": map[string]any{"source": source, "withheld": true}}, Body: []byte(body)}
	data, err := page.Encode()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	return []pageFile{{rel: dir + "/index.md", data: data}}, nil
}

// writeAhead is how many notes' pages may wait for the writers.
const writeAhead = 256

// writing starts the writers of page bundles and returns the function
// that hands them one, and the one that waits until all are written and
// returns the first error. A write that fails ends the run: stop is
// called with the error, and the bundles after it are dropped.
func (p *notePages) writing(stop func(error)) (write func([]pageFile), wait func() error) {
	queue := make(chan []pageFile, writeAhead)
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for files := range queue {
				mu.Lock()
				failed := first != nil
				mu.Unlock()
				if failed {
					continue
				}
				if err := p.store(files); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					stop(err)
				}
			}
		})
	}
	return func(files []pageFile) { queue <- files }, func() error {
		close(queue)
		wg.Wait()
		return first
	}
}

// store writes the files of a page bundle.
func (p *notePages) store(files []pageFile) error {
	for _, f := range files {
		data := f.data
		if f.from != "" {
			var err error
			if data, err = os.ReadFile(f.from); err != nil {
				return fmt.Errorf("%s: %w", f.vault, err)
			}
		}
		if err := p.w.WriteFile(f.rel, data); err != nil {
			return err
		}
	}
	return nil
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
