// Package normalize turns one vault file into one clean note. It works in
// two passes so that links can be resolved vault-wide: Scan reads a note
// on its own (front matter, title, headings, tags), the caller builds the
// index from every scan, and Finish rewrites the body against that index.
// Both passes are pure: they read only their arguments.
package normalize

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"iter"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/crib-notes/crib/generator/dataview"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/extract"
	"github.com/crib-notes/crib/generator/frontmatter"
	"github.com/crib-notes/crib/generator/index"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/nesting"
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
	// Body is the text after the front matter, with LF line endings,
	// comments removed and long stray backtick runs escapes (see
	// markdown.EscapeStrayTicks). Line numbers are kept: line n of Body
	// is line n+BodyLine-1 of the file.
	Body     []byte
	BodyLine int
	Headings []index.Heading
	Blocks   []string
	// Size is the file's size in bytes.
	Size int
	// Links are the notes the body links to and embeds, as written
	// ("Note", "Folder/Note#Heading"), and Tasks its task list items:
	// what Dataview queries read besides the front matter.
	Links []string
	Tasks []dataview.Task
	// Skip is true for drafts and private notes, which are never published.
	Skip  bool
	Diags []diag.Diagnostic

	// What the title is settled from: the opening H1 and the questions
	// that may title the note. restoreH1 is set when the vault found
	// the H1 Scan removed as the title to be a label.
	h1        openingH1
	questions []titleQuestion
	restoreH1 bool

	// code is what Scan read of Body's code, for Finish (see keepCode).
	code bodyCode
}

// bodyCode is markdown.Segments of a body, kept with a checksum of the
// body it was read from: whatever sets Body to another text (the pipeline
// drops and reads bodies again) leaves it stale, and then Finish reads
// the body's code again.
type bodyCode struct {
	segs []markdown.Segment
	size int
	sum  uint64
}

// bodySeed seeds the checksums of bodyCode.
var bodySeed = maphash.MakeSeed()

// keepCode records segs as the segments of body: they serve as long as
// Body is that text.
func (d *Draft) keepCode(body []byte, segs []markdown.Segment) {
	d.code = bodyCode{segs: segs, size: len(body), sum: maphash.Bytes(bodySeed, body)}
}

// keptCode returns the segments keepCode recorded, or nil when Body has
// changed since.
func (d *Draft) keptCode() []markdown.Segment {
	c := &d.code
	if c.segs != nil && c.size == len(d.Body) && c.sum == maphash.Bytes(bodySeed, d.Body) {
		return c.segs
	}
	return nil
}

// segments returns markdown.Segments(d.text()), read again only when that
// is not the text Scan read.
func (d *Draft) segments() []markdown.Segment {
	if !d.restoreH1 {
		if segs := d.keptCode(); segs != nil {
			return segs
		}
	}
	return markdown.Segments(d.text())
}

// Scan reads one note. gitDate is the last commit that changed the file,
// zero when unknown.
func Scan(source string, src []byte, gitDate time.Time) *Draft {
	if why := binaryData(src); why != "" {
		return &Draft{Source: source, Skip: true, Diags: []diag.Diagnostic{diag.File.Warnf(source, 0, "%s", why)}}
	}
	size := len(src)
	src = lf(src)
	res, diags := frontmatter.Parse(source, src)
	d := &Draft{Source: source, Meta: res.Meta, BodyLine: res.BodyLine, Diags: diags, Skip: res.Meta.Draft, Size: size}
	// Nesting is limited before anything parses the body, and again
	// once comments are gone: removing one can join the markers on
	// either side of it into a deeper line.
	limited, deep, dropped := nesting.Limit(res.Body, nesting.MaxDepth)
	body, segs, problems := obsidian.StripBodyComments(limited)
	for _, p := range problems {
		d.Diags = append(d.Diags, diag.Markdown.Warnf(source, res.BodyLine+p.Line-1, "%s", p.Message))
	}
	if again, deeper, more := nesting.Limit(body, nesting.MaxDepth); deeper != nil {
		body, segs = again, markdown.Segments(again)
		deep = append(deep, deeper...)
		dropped += more
	}
	if escaped := markdown.EscapeStrayTicks(body); len(escaped) != len(body) {
		body, segs = escaped, markdown.Segments(escaped)
	}
	if line, command := templaterCommand(src, res, body, segs); line > 0 {
		// What else a template has to say is of no use.
		return &Draft{Source: source, Skip: true, Diags: []diag.Diagnostic{diag.Template.Warnf(source, line, "Templater command %s was never run: a template, not a note; not published", command)}}
	}
	d.Body = body
	d.keepCode(body, segs)
	if deep = slices.Compact(slices.Sorted(slices.Values(deep))); len(deep) > 0 {
		left := ""
		if dropped > 0 {
			left = fmt.Sprintf(", and %d bytes of markers past the first %d of each such line are left out", dropped, nesting.MaxMarkersShown)
		}
		d.Diags = append(d.Diags, diag.Markdown.Warnf(source, d.BodyLine+deep[0]-1,
			"blockquotes and lists nested more than %d deep (%s, the first here): the deeper part is shown as code%s",
			nesting.MaxDepth, count(len(deep), "line"), left))
	}
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

// count is "1 line", "2 lines" and so on.
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// binaryData says why src is not a note and is not published, or "" when
// it is text: a NUL
// byte, which no text holds (git decides the same way), or mostly bytes
// that are not UTF-8. Text in another 8-bit encoding with a few accented
// letters passes, and shows them as U+FFFD; publishing what is mostly
// noise would only fill the search index with it.
func binaryData(src []byte) string {
	switch {
	case bytes.HasPrefix(src, []byte("\xff\xfe")) || bytes.HasPrefix(src, []byte("\xfe\xff")):
		return "UTF-16 text; not published (save the note as UTF-8)"
	case bytes.IndexByte(src, 0) >= 0:
		return "binary data, not a Markdown note; not published"
	}
	sample := src[:min(len(src), binarySample)]
	invalid := 0
	for i := 0; i < len(sample); {
		r, n := utf8.DecodeRune(sample[i:])
		if r == utf8.RuneError && n == 1 {
			invalid++
		}
		i += n
	}
	if invalid > len(sample)/2 {
		return "binary data, not a Markdown note; not published (a note must be UTF-8 text)"
	}
	return ""
}

// binarySample is how much of a file binaryData reads for bytes that are
// not UTF-8: enough to tell, and no more for a large file.
const binarySample = 64 << 10

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
	// The heading's line, b[i:i+end], is removed, and so is it from the
	// body's code segments.
	segs := d.keptCode()
	if i == 0 {
		// The usual case: the heading is the first line, and what follows
		// it, from the '\n' that ended it, is the body.
		d.Body = b[end:]
	} else {
		d.Body = append(append(b[:i:i], '\n'), b[i+end+min(1, len(b)-i-end):]...)
		if i+end == len(b) {
			d.Body = d.Body[:len(d.Body)-1]
		}
	}
	d.keepCode(d.Body, cutSegments(segs, i, i+end))
}

// cutSegments returns segs, the segments of a body, for the body without
// its bytes [from, to): part of one line of text, which leaves what is
// code where it was (a heading's line, which then is empty). It returns
// nil when [from, to) is not in one text segment.
func cutSegments(segs []markdown.Segment, from, to int) []markdown.Segment {
	if segs == nil {
		return nil
	}
	n := to - from
	out := make([]markdown.Segment, 0, len(segs))
	for _, s := range segs {
		switch {
		case s.End <= from:
		case s.Start >= to:
			s.Start, s.End = s.Start-n, s.End-n
			if s.Fence {
				s.InfoStart, s.InfoEnd = s.InfoStart-n, s.InfoEnd-n
				s.CodeStart, s.CodeEnd = s.CodeStart-n, s.CodeEnd-n
			} else if s.Indented {
				s.CodeStart, s.CodeEnd = s.CodeStart-n, s.CodeEnd-n
			}
		case s.Code() || s.Start > from || s.End < to:
			return nil
		default:
			s.End -= n
			var spans []markdown.Span
			for _, sp := range s.Spans {
				switch {
				case sp.End <= from-s.Start:
					spans = append(spans, sp)
				case sp.Start >= to-s.Start:
					spans = append(spans, markdown.Span{Start: sp.Start - n, End: sp.End - n})
				}
			}
			s.Spans = spans
		}
		out = append(out, s)
	}
	return out
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
	for _, s := range d.segments() {
		if s.Code() {
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
		d.Blocks = append(d.Blocks, obsidian.BlockIDs(text, s.Spans)...)
		for _, t := range obsidian.InlineTags(text, s.Spans) {
			addTag(t)
		}
		d.Links = appendLinks(d.Links, text, s.Spans)
		d.Tasks = dataview.AppendTasks(d.Tasks, text, d.BodyLine+s.Line-1)
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
