// Package normalize turns one vault file into one clean note. It works in
// two passes so that links can be resolved vault-wide: Scan reads a note
// on its own (front matter, title, headings, tags), the caller builds the
// index from every scan, and Finish rewrites the body against that index.
// Both passes are pure: they read only their arguments.
package normalize

import (
	"bytes"
	"iter"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/extract"
	"github.com/crib-notes/crib/generator/frontmatter"
	"github.com/crib-notes/crib/generator/index"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/obsidian"
	"github.com/crib-notes/crib/generator/tags"
)

// Draft is a note after the first pass.
type Draft struct {
	Source string
	Meta   frontmatter.Meta
	// Title is the note's title as the note alone gives it (see
	// settleTitle), settled vault-wide by NewVault.
	Title string
	// Date and Lastmod after the fallbacks (git, each other).
	Date, Lastmod time.Time
	// Tags are the front matter tags followed by the body's inline tags,
	// cleaned, without two of the same key; display spellings are chosen
	// vault-wide later.
	Tags []string
	// Body is the text after the front matter, with LF line endings and
	// comments removed. Line numbers are kept: line n of Body is line
	// n+BodyLine-1 of the file.
	Body     []byte
	BodyLine int
	Headings []index.Heading
	Blocks   []string
	// Skip is true for drafts and private notes, which are never published.
	Skip  bool
	Diags []diag.Diagnostic

	// What the title is settled from: the opening H1 and the questions
	// that may title the note. restoreH1 is set when the vault found
	// the H1 Scan removed as the title to be a label.
	h1        openingH1
	questions []titleQuestion
	restoreH1 bool
}

// Scan reads one note. gitDate is the last commit that changed the file,
// zero when unknown.
func Scan(source string, src []byte, gitDate time.Time) *Draft {
	src = lf(src)
	res, diags := frontmatter.Parse(source, src)
	d := &Draft{Source: source, Meta: res.Meta, BodyLine: res.BodyLine, Diags: diags, Skip: res.Meta.Draft}
	d.Body = obsidian.StripBodyComments(res.Body)
	if v, ok := d.Meta.Params[reservedParam]; ok {
		// params.crib holds what the generator tells the theme.
		delete(d.Meta.Params, reservedParam)
		d.Meta.Params[renamedParam] = v
		d.Diags = append(d.Diags, diag.FrontMatter.Warnf(source, 0, "front matter key %q is reserved for Crib; kept as %q", reservedParam, renamedParam))
	}

	d.Title = res.Meta.Title
	d.dropTitleHeading()
	d.scanText()
	d.settleTitle(false, "")

	d.Date, d.Lastmod = res.Meta.Date, res.Meta.Lastmod
	if d.Lastmod.IsZero() {
		d.Lastmod = gitDate
	}
	if d.Lastmod.IsZero() {
		d.Lastmod = d.Date
	}
	if d.Date.IsZero() {
		d.Date = d.Lastmod
	}
	if !d.Date.IsZero() && d.Lastmod.Before(d.Date) {
		d.Lastmod = d.Date
	}
	if line, command := templaterCommand(src, res); line > 0 {
		// What else the template has to say is of no use.
		d.Skip = true
		d.Diags = []diag.Diagnostic{diag.Template.Warnf(source, line, "Templater command %s was never run: a template, not a note; not published", command)}
	}
	return d
}

const (
	reservedParam = "crib"
	renamedParam  = "crib_user"
)

// Entry is what the vault index needs to know about the note.
func (d *Draft) Entry() *index.Entry {
	return &index.Entry{Source: d.Source, Title: d.Title, Slug: d.Meta.Slug, Aliases: d.Meta.Aliases, Headings: d.headings(), Blocks: d.Blocks}
}

// lf converts CRLF and lone CR line endings to LF, keeping line numbers.
func lf(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}

func trimExt(name string) string { return name[:len(name)-len(path.Ext(name))] }

// dropTitleHeading reads the "# H1" that opens the body, if any, into
// d.h1, and removes it when it names the note (the page shows the title
// itself): when it is the front matter title, or the title (d.Title) is
// unset. A question or answer label stays, as what a practice card is
// made of; so does an H1 the vault later finds a label, put back (see
// Draft.text).
func (d *Draft) dropTitleHeading() {
	b := d.Body
	i := 0
	for i < len(b) && (b[i] == '\n' || b[i] == ' ' || b[i] == '\t') {
		i++
	}
	for i > 0 && b[i-1] != '\n' {
		i--
	}
	end := bytes.IndexByte(b[i:], '\n')
	if end < 0 {
		end = len(b) - i
	}
	// A title is shown everywhere, so it keeps nothing of an HTML
	// comment the heading holds.
	level, text := atxHeading(markdown.CutHTMLComments(b[i : i+end]))
	if level != 1 {
		return
	}
	h1 := string(obsidian.HeadingText(text))
	d.h1 = openingH1{text: h1, line: d.BodyLine + bytes.Count(b[:i], []byte{'\n'})}
	if d.Title != "" && index.NameKey(h1) != index.NameKey(d.Title) || extract.IsSectionLabel(h1) {
		return
	}
	d.h1.removed, d.h1.at = string(b[i:i+end]), i
	if i == 0 {
		// The usual case: the heading is the first line, and what follows
		// it, from the '\n' that ended it, is the body.
		d.Body = b[end:]
		return
	}
	d.Body = append(append(b[:i:i], '\n'), b[i+end+min(1, len(b)-i-end):]...)
	if i+end == len(b) {
		d.Body = d.Body[:len(d.Body)-1]
	}
}

// scanText reads headings, block ids and inline tags from the text runs.
func (d *Draft) scanText() {
	ids := headingIDs{markdown.NewIDs()}
	seen := map[string]bool{}
	var tagList []string
	addTag := func(t string) {
		if c, ok := tags.Clean(t); ok && !seen[tags.Key(c)] {
			seen[tags.Key(c)] = true
			tagList = append(tagList, c)
		}
	}
	for _, t := range d.Meta.Tags {
		addTag(t)
	}
	// The raw texts of the headings, when the removed H1 may come back
	// and their ids be read again; the H1s, when questions may title
	// the note.
	var raws []string
	var h1s []bodyH1
	for _, s := range markdown.Segments(d.Body) {
		if s.Fence {
			continue
		}
		text := d.Body[s.Start:s.End]
		for line := range headingCandidates(text) {
			if level, raw := atxHeading(line); level > 0 {
				t := string(obsidian.HeadingText(raw))
				visible, id := ids.next(t)
				d.Headings = append(d.Headings, index.Heading{Level: level, Text: visible, ID: id})
				if d.h1.removed != "" {
					raws = append(raws, t)
				}
				if level == 1 && d.Meta.Title == "" {
					// line is a slice of text: its offset in text is
					// what their capacities differ by.
					end := s.Start + cap(text) - cap(line) + len(line)
					h1s = append(h1s, bodyH1{text: visible, end: end})
				}
			}
		}
		d.Blocks = append(d.Blocks, obsidian.BlockIDs(text)...)
		for _, t := range obsidian.InlineTags(text) {
			addTag(t)
		}
	}
	d.Tags = tagList
	if d.h1.removed != "" {
		d.keptH1Headings(raws)
	}
	if d.Meta.Title == "" {
		d.readQuestions(h1s)
	}
}

// keptH1Headings reads the ids of the headings again as if the removed
// H1 were in the body, for when the vault puts it back: a later heading
// with the same text then has another id.
func (d *Draft) keptH1Headings(raws []string) {
	ids := headingIDs{markdown.NewIDs()}
	visible, id := ids.next(d.h1.text)
	d.h1.heading = index.Heading{Level: 1, Text: visible, ID: id}
	if !slices.ContainsFunc(d.Headings, func(h index.Heading) bool { return h.ID == id || strings.HasPrefix(h.ID, id+"-") }) {
		return // only the H1's id, or one with a number after it, can move
	}
	var kept []index.Heading
	for i, raw := range raws {
		visible, id := ids.next(raw)
		if kept == nil && id != d.Headings[i].ID {
			kept = append([]index.Heading{d.h1.heading}, d.Headings[:i]...)
		}
		if kept != nil {
			kept = append(kept, index.Heading{Level: d.Headings[i].Level, Text: visible, ID: id})
		}
	}
	d.h1.headings = kept
}

// headingCandidates yields, in order, the lines of text (with their '\n')
// whose first '#' comes after at most three spaces: the only lines that
// can be ATX headings. Lines are found from the '#'s, which are rare.
func headingCandidates(text []byte) iter.Seq[[]byte] {
	return func(yield func([]byte) bool) {
		for i := 0; i < len(text); {
			k := bytes.IndexByte(text[i:], '#')
			if k < 0 {
				return
			}
			h := i + k
			start := bytes.LastIndexByte(text[:h], '\n') + 1
			next := len(text)
			if e := bytes.IndexByte(text[h:], '\n'); e >= 0 {
				next = h + e + 1
			}
			if h-start <= 3 && len(bytes.TrimLeft(text[start:h], " ")) == 0 && !yield(text[start:next]) {
				return
			}
			i = next
		}
	}
}
