package cheatsheet

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/pdf"
	"github.com/crib-notes/crib/generator/quickref"
	"github.com/crib-notes/crib/generator/rawhtml"
)

// Where the outputs go, relative to the site root.
const (
	DataFile = "data/crib/cheatsheet.json"
	PDFDir   = "static"
	PDFFile  = "cheatsheet.pdf" // the whole vault; per tag: cheatsheet-<tag>.pdf
)

// WriteOptions configure Write.
type WriteOptions struct {
	Title     string // site title, heading every sheet
	Paper     string // "A4" or "Letter"
	OneLiners quickref.Options
}

// Output is the cheat sheet as one of the pipeline's outputs. Made with
// NewOutput, it remembers its sheets from run to run (serve), so that a
// sheet whose content did not change is not laid out again: the file it
// made is kept, and a sheet that did not fit is reported again as it was.
type Output struct {
	Options WriteOptions
	sheets  *sheetMemo
}

// NewOutput returns an Output that remembers its sheets.
func NewOutput(opts WriteOptions) Output {
	return Output{Options: opts, sheets: &sheetMemo{unfit: map[string]error{}}}
}

// sheetMemo remembers, by pdf.Key, the sheets that did not fit on a page
// and why (a *pdf.FitError).
type sheetMemo struct {
	mu     sync.Mutex
	unfit  map[string]error
	render func(pdf.Sheet, pdf.Options) ([]byte, error) // pdf.Render; tests count the layouts
}

func (m *sheetMemo) unfitFor(key string) error {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.unfit[key]
}

func (m *sheetMemo) renderPDF(key string, s pdf.Sheet, opts pdf.Options) ([]byte, error) {
	render := pdf.Render
	if m != nil && m.render != nil {
		render = m.render
	}
	b, err := render(s, opts)
	var fe *pdf.FitError
	if m != nil && errors.As(err, &fe) {
		m.mu.Lock()
		m.unfit[key] = err
		m.mu.Unlock()
	}
	return b, err
}

// Name names the output in messages.
func (Output) Name() string { return "cheatsheet" }

// Prepare extracts the note's one-liners while its syntax tree is at hand.
func (o Output) Prepare(n *note.Note) { OneLiners(n, o.Options.OneLiners) }

// Write writes the cheat sheets and their page data; see Write.
func (o Output) Write(ctx context.Context, w content.Writer, notes []*note.Note) []diag.Diagnostic {
	return write(ctx, w, notes, o.Options, o.sheets)
}

// Write prints the cheat sheet of every note to static/cheatsheet.pdf, one
// per top-level tag to static/cheatsheet-<tag>.pdf, and writes
// data/crib/cheatsheet.json, from which the site's /cheatsheet/ page lists
// the same one-liners and links the PDFs.
//
// A vault without one-liners gets no PDF and one warning. A sheet that
// does not fit on one page is not written, with a warning: the site's
// cheat sheet page lists its one-liners and says why there is no PDF,
// and the other sheets and the data file are still written. (The pdf
// command, asked for that one page, fails instead.)
func Write(ctx context.Context, w content.Writer, notes []*note.Note, opts WriteOptions) []diag.Diagnostic {
	return write(ctx, w, notes, opts, nil)
}

func write(ctx context.Context, w content.Writer, notes []*note.Note, opts WriteOptions, memo *sheetMemo) []diag.Diagnostic {
	all, diags := Build(notes, Options{Title: opts.Title, OneLiners: opts.OneLiners})
	data := pageData{Title: all.Title, Count: all.Len(), PDFs: []pdfLink{}, Groups: []groupData{}}
	if !all.Date.IsZero() {
		data.Date = all.Date.Format("2006-01-02")
	}
	for _, g := range all.Groups {
		gd := groupData{Title: g.Title, Path: g.Path, URL: g.URL, Source: g.Source, Items: make([]itemData, len(g.Items))}
		for i, it := range g.Items {
			// The page renders the text that is not plain with
			// RenderString, which would run the shortcodes in it and
			// render its HTML.
			it.Term, it.Definition = content.EscapeShortcodesString(guard(it.Term)), content.EscapeShortcodesString(guard(it.Definition))
			gd.Items[i] = itemData{OneLiner: it, TermPlain: it.Term != "" && renderedAsIs(it.Term), DefinitionPlain: renderedAsIs(it.Definition)}
		}
		data.Groups = append(data.Groups, gd)
	}

	if all.Len() == 0 {
		diags = append(diags, diag.Site.Warnf("", 0,
			"no one-liners in the vault, so no cheat sheet PDF: list them under a heading such as \"## Quick Reference\" (- **Term**: definition)"))
	} else {
		sheets := []sheetFile{{all, PDFFile, "All notes", ""}}
		used := map[string]bool{}
		for _, t := range topTags(all) {
			s, _ := Build(notes, Options{Title: opts.Title, Tags: []string{t.display}, OneLiners: opts.OneLiners})
			if s.Len() == 0 {
				continue
			}
			slug := uniqueSlug(tagSlug(t.key), used)
			sheets = append(sheets, sheetFile{s, "cheatsheet-" + slug + ".pdf", t.display, t.display})
		}
		for _, sh := range sheets {
			if err := ctx.Err(); err != nil {
				return append(diags, diag.Site.Errorf("", 0, "cheat sheet: %v", err))
			}
			rel := PDFDir + "/" + sh.file
			popts := pdf.Options{Paper: opts.Paper}
			doc := sh.sheet.PDF()
			key := pdf.Key(doc, popts)
			link := pdfLink{Label: sh.label, Tag: sh.tag, File: sh.file, Count: sh.sheet.Len()}
			var b []byte
			err := memo.unfitFor(key)
			if err == nil {
				if content.Unchanged(w, rel, key) {
					data.PDFs = append(data.PDFs, link)
					continue
				}
				b, err = memo.renderPDF(key, doc, popts)
			}
			if err != nil {
				var fe *pdf.FitError
				if errors.As(err, &fe) {
					diags = append(diags, diag.Cheatsheet.Warnf("", 0, "%s not written: %v", rel, err))
					data.Unprinted = append(data.Unprinted, unprinted{Label: sh.label, Tag: sh.tag, Count: fe.Items, Fitted: fe.Fitted})
				} else {
					diags = append(diags, diag.Site.Errorf("", 0, "%s: cannot render: %v", rel, err))
				}
				continue
			}
			if err := w.WriteFile(rel, b); err != nil {
				diags = append(diags, diag.Site.Errorf("", 0, "%s: %v", rel, err))
				continue
			}
			content.MadeFrom(w, rel, key)
			data.PDFs = append(data.PDFs, link)
		}
	}

	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(data); err != nil {
		return append(diags, diag.Site.Errorf("", 0, "%s: %v", DataFile, err))
	}
	if err := w.WriteFile(DataFile, buf.Bytes()); err != nil {
		diags = append(diags, diag.Site.Errorf("", 0, "%s: %v", DataFile, err))
	}
	return diags
}

// sheetFile is one sheet to print and where.
type sheetFile struct {
	sheet       Sheet
	file, label string
	tag         string
}

// pageData is data/crib/cheatsheet.json, read by the theme's cheat sheet
// page as site.Data.crib.cheatsheet.
type pageData struct {
	Title string    `json:"title"`
	Date  string    `json:"date,omitempty"` // newest note, YYYY-MM-DD
	Count int       `json:"count"`
	PDFs  []pdfLink `json:"pdfs"`
	// Unprinted are the sheets with too many one-liners for one page.
	Unprinted []unprinted `json:"unprinted,omitempty"`
	Groups    []groupData `json:"groups"`
}

type unprinted struct {
	Label  string `json:"label"`
	Tag    string `json:"tag,omitempty"`
	Count  int    `json:"count"`  // one-liners on the sheet
	Fitted int    `json:"fitted"` // how many one page holds
}

type pdfLink struct {
	Label string `json:"label"`
	Tag   string `json:"tag,omitempty"`
	File  string `json:"file"` // relative to the site root: pass through relURL
	Count int    `json:"count"`
}

type groupData struct {
	Title  string     `json:"title"`
	Path   string     `json:"path"` // for site.GetPage
	URL    string     `json:"url"`
	Source string     `json:"source"`
	Items  []itemData `json:"items"`
}

// itemData is one one-liner on the page. TermPlain and DefinitionPlain
// say that the text renders as itself, so the page shows it without
// rendering it as Markdown: rendering every one-liner once took the page
// about half a second of a code-heavy 1,000-note build, on one core.
type itemData struct {
	quickref.OneLiner
	TermPlain       bool `json:"term_plain,omitempty"`
	DefinitionPlain bool `json:"definition_plain,omitempty"`
}

// renderedAsIs reports whether inline Markdown s renders in Hugo to s
// itself (which the template then escapes the same way): no character
// that Markdown, Hugo's typographer, linkify or html/template's escaping
// acts on, and nothing a block can start with.
func renderedAsIs(s string) bool {
	if s == "" || s != strings.TrimSpace(s) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7f || strings.IndexByte("`*_[]<>&\\!~=|\"'@^${}+#", c) >= 0 {
			return false
		}
	}
	low := strings.ToLower(s)
	for _, bad := range []string{"--", "...", "://", "www.", "mailto:"} {
		if strings.Contains(low, bad) {
			return false
		}
	}
	// A list item ("-", "1.", "1)") or a definition (":") at the start.
	if s[0] == '-' || s[0] == ':' {
		return false
	}
	digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
	return digits == 0 || digits == len(s) || (s[digits] != '.' && s[digits] != ')')
}

// tagSlug makes a file-name-safe slug of a tag key: lower-case ASCII
// letters, digits and dashes. Keys with nothing of that get a short hash.
func tagSlug(key string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(key) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		sum := sha256.Sum256([]byte(key))
		return "tag-" + hex.EncodeToString(sum[:4])
	}
	return b.String()
}

// uniqueSlug returns slug, or slug-2, slug-3 ... when it is taken.
func uniqueSlug(slug string, used map[string]bool) string {
	s := slug
	for i := 2; used[s]; i++ {
		s = fmt.Sprintf("%s-%d", slug, i)
	}
	used[s] = true
	return s
}

// guard is rawhtml.Guard for a line of the cheat sheet.
func guard(md string) string { return string(rawhtml.Guard([]byte(md))) }
