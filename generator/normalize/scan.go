// Package normalize turns one vault file into one clean note. It works in
// two passes so that links can be resolved vault-wide: Scan reads a note
// on its own (front matter, title, headings, tags), the caller builds the
// index from every scan, and Finish rewrites the body against that index.
// Both passes are pure: they read only their arguments.
package normalize

import (
	"bytes"
	"fmt"
	"iter"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

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
	Title  string
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
}

// Scan reads one note. gitDate is the last commit that changed the file,
// zero when unknown.
func Scan(source string, src []byte, gitDate time.Time) *Draft {
	if why := binaryData(src); why != "" {
		return &Draft{Source: source, Skip: true, Diags: []diag.Diagnostic{diag.Warnf(source, 0, "%s", why)}}
	}
	src = lf(src)
	res, diags := frontmatter.Parse(source, src)
	d := &Draft{Source: source, Meta: res.Meta, BodyLine: res.BodyLine, Diags: diags, Skip: res.Meta.Draft}
	// Nesting is limited before anything parses the body, and again
	// once comments are gone: removing one can join the markers on
	// either side of it into a deeper line.
	body, deep := nesting.Limit(res.Body, nesting.MaxDepth)
	body, deeper := nesting.Limit(obsidian.StripBodyComments(body), nesting.MaxDepth)
	d.Body = body
	if deep = slices.Compact(slices.Sorted(slices.Values(append(deep, deeper...)))); len(deep) > 0 {
		d.Diags = append(d.Diags, diag.Warnf(source, d.BodyLine+deep[0]-1,
			"blockquotes and lists nested more than %d deep (%s, the first here): the deeper part is shown as code",
			nesting.MaxDepth, count(len(deep), "line")))
	}
	if v, ok := d.Meta.Params[reservedParam]; ok {
		// params.crib holds what the generator tells the theme.
		delete(d.Meta.Params, reservedParam)
		d.Meta.Params[renamedParam] = v
		d.Diags = append(d.Diags, diag.Warnf(source, 0, "front matter key %q is reserved for Crib; kept as %q", reservedParam, renamedParam))
	}

	d.Title = res.Meta.Title
	if d.dropTitleHeading() == "" && d.Title == "" {
		d.Title = index.Humanize(trimExt(path.Base(source)))
	}
	d.scanText()

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
	return &index.Entry{Source: d.Source, Title: d.Title, Aliases: d.Meta.Aliases, Headings: d.Headings, Blocks: d.Blocks}
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

// dropTitleHeading removes a leading "# H1" that names the note: the page
// shows the title itself. A question or answer label stays. Without a front matter title, the H1 becomes the
// title. It returns the H1's text, or "".
func (d *Draft) dropTitleHeading() string {
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
	level, text := atxHeading(b[i : i+end])
	if level != 1 {
		return ""
	}
	h1 := string(obsidian.HeadingText(text))
	if d.Title == "" {
		d.Title = h1
	} else if !sameText(h1, d.Title) {
		return h1
	}
	if extract.IsSectionLabel(h1) {
		// "# Question (EN)" heads the section a practice card is made of,
		// not the note.
		return h1
	}
	if i == 0 {
		// The usual case: the heading is the first line, and what follows
		// it, from the '\n' that ended it, is the body.
		d.Body = b[end:]
		return h1
	}
	d.Body = append(append(b[:i:i], '\n'), b[i+end+min(1, len(b)-i-end):]...)
	if i+end == len(b) {
		d.Body = d.Body[:len(d.Body)-1]
	}
	return h1
}

// sameText compares two titles ignoring case and runs of spaces.
func sameText(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
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
	for _, s := range markdown.Segments(d.Body) {
		if s.Fence {
			continue
		}
		text := d.Body[s.Start:s.End]
		for line := range headingCandidates(text) {
			if level, raw := atxHeading(line); level > 0 {
				visible, id := ids.next(string(obsidian.HeadingText(raw)))
				d.Headings = append(d.Headings, index.Heading{Level: level, Text: visible, ID: id})
			}
		}
		d.Blocks = append(d.Blocks, obsidian.BlockIDs(text)...)
		for _, t := range obsidian.InlineTags(text) {
			addTag(t)
		}
	}
	d.Tags = tagList
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
