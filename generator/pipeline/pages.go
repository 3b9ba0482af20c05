package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"strings"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/normalize"
	"github.com/crib-notes/crib/generator/note"
)

// PagePaths are the site paths the pages run writes (the notes' pages
// and the section pages); the other outputs write the rest.
var PagePaths = []string{"content/notes/"}

// notePages is the output of the notes' own pages: each note's page
// bundle, index.md and its attachments, written as soon as the note is
// finished, while its text is in memory. Unlike the other outputs it sees
// one note at a time, so that a single run can let go of each note once
// its page is written.
type notePages struct {
	w        content.Writer
	annotate []func(*note.Note) map[string]any
	// files are the attachments' files on disk, by vault path.
	files map[string]string
}

// keeper is a Writer that can keep a file from an earlier run unchanged
// without being handed its bytes again (content.Site).
type keeper interface {
	Keep(rel string) bool
}

// write writes one note's page bundle, its attachments read from their
// files on disk. With unchanged set, files the writer still holds are
// kept as they are.
func (p *notePages) write(n *note.Note, copies []normalize.Copy, unchanged bool) error {
	dir := "content" + n.Path
	k, canKeep := p.w.(keeper)
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
			return fmt.Errorf("%s: %w", n.Source, err)
		}
		if err := p.w.WriteFile(dir+"/index.md", data); err != nil {
			return err
		}
	}
	for _, c := range copies {
		if kept(dir + "/" + c.To) {
			continue
		}
		data, err := os.ReadFile(p.files[c.From])
		if err != nil {
			return fmt.Errorf("%s: %w", c.From, err)
		}
		if err := p.w.WriteFile(dir+"/"+c.To, data); err != nil {
			return err
		}
	}
	return nil
}

// placeholder writes the page of a withheld note, in the folder dir:
// titled by its file name, it says why the note is not shown, as plain
// text (the note's title may be what could not be rendered).
func (p *notePages) placeholder(dir, source, why string) error {
	title := strings.TrimSuffix(path.Base(source), path.Ext(source))
	body := plainText(why) + "\n"
	page := content.Page{Source: source, Title: title, Params: map[string]any{"crib": map[string]any{"source": source, "withheld": true}}, Body: []byte(body)}
	data, err := page.Encode()
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	return p.w.WriteFile(dir+"/index.md", data)
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
