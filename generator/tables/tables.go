// Package tables finds the GFM tables people type by hand in notes,
// repairs them so that Hugo's Markdown (goldmark) renders every cell, and
// writes them back aligned.
//
// What counts as a table (checked line by line; a line's blockquote
// markers, "> " or ">", are set aside first and tables must not mix
// quote depths):
//
//   - A header line followed by a separator-like line: the header has a
//     pipe that splits cells, the separator has a pipe, at least one dash
//     and nothing but pipes, dashes (also "–" and "—"), colons and spaces
//     ("|---|---|", "---|---", ":--:|--", "|—|—|").
//   - Or, with no separator at all, two or more consecutive lines that each
//     start and end with a pipe and have two or more cells: the first line
//     becomes the header and a separator is inserted. A run of such lines
//     that has a separator further down is left for that separator: the
//     lines above it stay a paragraph, as goldmark reads them.
//   - Anything else is prose: a single line with a pipe, or "a | b" lines
//     without outer pipes and without a separator, are left alone.
//   - Rows continue while lines have a splitting pipe; a blank line, a
//     heading, a list item or a change of quote depth ends the table.
//
// Pipes that do not split cells: "\|" (any pipe right after a backslash,
// as in goldmark), pipes in code spans ("`a|b`") and in wikilinks
// ("[[Note|text]]"). goldmark itself splits at pipes in code spans and
// wikilinks, so the writer escapes them ("`a\|b`"); goldmark renders "\|"
// inside code as "|", and Obsidian reads "[[Note\|text]]" in tables.
//
// Left alone deliberately: lines indented by white space (after any quote
// markers), which are tables inside list items or indented code; moving
// them would change which list item they belong to.
//
// Repairs: a missing separator is inserted, a separator with the wrong
// number of cells or damaged cells is rewritten keeping its alignments,
// short rows are padded, and a row with more cells than the header widens
// the table (goldmark would drop the extra cells). A blank line is put
// between the table and a line of text right after it, which goldmark
// would read as one more row, and above the table unless the line above
// has a pipe (see emit). Cells are padded to the column's display width;
// alignment colons are kept and the padding follows them.
//
// Bounded: the repaired table is at most about twice the size of the one
// written, whatever its shape. A table is widened for a row only while
// padding every row to it keeps the cells within twice those written; a
// row wider than that is left as written (goldmark drops its extra cells),
// with a warning. A table that aligned would be more than twice its size
// (one wide cell makes every row as wide) is written without padding,
// with a warning. Code spans and separators below a run of rows are found
// in time linear in the line and the run.
//
// Only lines with a pipe are examined, so text without tables costs one
// byte search per line and no allocation.
//
// Normalizing normalized text changes nothing.
package tables

import (
	"bytes"

	"github.com/crib-notes/crib/generator/diag"
)

// Normalize rewrites every table in text, a run of Markdown with no code
// fences whose first line is line firstLine of the file at path (a
// vault-relative path, for diagnostics). It returns text itself when
// nothing changed, so the common case allocates nothing.
func Normalize(path string, firstLine int, text []byte) ([]byte, []diag.Diagnostic) {
	if bytes.IndexByte(text, '|') < 0 {
		return text, nil
	}
	n := normalizer{path: path, text: text}
	n.run(firstLine)
	if !n.wrote {
		return text, n.diags
	}
	return append(n.out, text[n.copied:]...), n.diags
}

// AppendNormalize appends what Normalize returns for text to dst, writing
// the repaired tables straight into dst rather than into a copy of text.
// text must not share storage with dst.
func AppendNormalize(dst []byte, path string, firstLine int, text []byte) ([]byte, []diag.Diagnostic) {
	if bytes.IndexByte(text, '|') < 0 {
		return append(dst, text...), nil
	}
	n := normalizer{path: path, text: text, out: dst, wrote: true}
	n.run(firstLine)
	return append(n.out, text[n.copied:]...), n.diags
}

// line is one line of the text: its position, its content without the line
// ending, and its blockquote depth and the content after the markers.
type line struct {
	start, next int // next is where the following line starts
	content     []byte
	depth       int
	rest        []byte
	eol         string // "\n", "\r\n" or "" at the end of text
}

func (n *normalizer) lineAt(pos int) line {
	l := line{start: pos, next: len(n.text)}
	end := len(n.text)
	if i := bytes.IndexByte(n.text[pos:], '\n'); i >= 0 {
		end, l.next, l.eol = pos+i, pos+i+1, "\n"
		if end > pos && n.text[end-1] == '\r' {
			end--
			l.eol = "\r\n"
		}
	}
	l.content = n.text[pos:end]
	l.depth, l.rest = quotePrefix(l.content)
	return l
}

// quotePrefix strips blockquote markers: up to three spaces, ">", and one
// optional space, repeated.
func quotePrefix(s []byte) (depth int, rest []byte) {
	for {
		i := 0
		for i < 3 && i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) || s[i] != '>' {
			return depth, s
		}
		depth++
		s = s[i+1:]
		if len(s) > 0 && s[0] == ' ' {
			s = s[1:]
		}
	}
}

// blank reports whether l is a blank line: spaces and tabs only, as in
// CommonMark (a form feed is text).
func (l line) blank() bool {
	for _, c := range l.rest {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// plain reports whether a line can be a table row: not indented, and not
// the start of another block (heading, list item) that would end one.
func (l line) plain() bool {
	r := l.rest
	if len(r) == 0 || r[0] == ' ' || r[0] == '\t' {
		return false
	}
	switch {
	case r[0] == '#':
		h := runLen(r, 0, '#')
		return h > 6 || (h < len(r) && r[h] != ' ' && r[h] != '\t')
	case r[0] == '-' || r[0] == '*' || r[0] == '+':
		return len(r) < 2 || (r[1] != ' ' && r[1] != '\t')
	case r[0] >= '0' && r[0] <= '9':
		d := 0
		for d < len(r) && d < 10 && r[d] >= '0' && r[d] <= '9' {
			d++
		}
		return !(d < 10 && d+1 < len(r) && (r[d] == '.' || r[d] == ')') && (r[d+1] == ' ' || r[d+1] == '\t'))
	}
	return true
}

// header reports whether l can be the first line of a table. A line of
// dashes can be a header too, as in goldmark, but only above a separator.
func (l line) header() bool {
	return bytes.IndexByte(l.content, '|') >= 0 && l.plain() && hasPipe(l.rest)
}

// outerPipes reports whether s starts and ends with a pipe, a quick
// necessary condition for a row with outer pipes.
func outerPipes(s []byte) bool {
	s = trimSpace(s)
	return len(s) >= 2 && s[0] == '|' && s[len(s)-1] == '|'
}

// row reports whether l continues a table at the given quote depth.
func (l line) row(depth int) bool {
	return l.depth == depth && l.plain() && hasPipe(l.rest)
}

// separator reports whether l looks like a separator row, damaged or not.
func (l line) separator() bool {
	r := trimSpace(l.rest)
	pipe, dash := false, false
	for i := 0; i < len(r); i++ {
		switch c := r[i]; c {
		case '|':
			pipe = true
		case '-':
			dash = true
		case ':', ' ', '\t':
		default:
			// "–" (U+2013) and "—" (U+2014), typed by smart punctuation.
			if c == 0xE2 && i+2 < len(r) && r[i+1] == 0x80 && (r[i+2] == 0x93 || r[i+2] == 0x94) {
				dash = true
				i += 2
				continue
			}
			return false
		}
	}
	return pipe && dash
}

// normalizer is the state of one Normalize call.
type normalizer struct {
	path   string
	text   []byte
	out    []byte // nil until the first change, unless appending
	wrote  bool   // out holds the text up to copied
	copied int    // text[copied:] is not yet in out
	diags  []diag.Diagnostic
	t      table // reused between tables
	buf    []byte
	// sepBelow is where the separator line found below a run of rows
	// with outer pipes starts, plus one (0: none): every line of the run
	// above it is a paragraph, which is known without looking again.
	sepBelow int

	visit func(*table) // if set, sees every table as found (for tests)
}

// run finds and rewrites every table; firstLine is the number of the
// text's first line.
func (n *normalizer) run(firstLine int) {
	var prev line
	havePrev := false
	lineNo := firstLine
	for pos := 0; pos < len(n.text); {
		// Jump to the next line with a pipe; only such lines start tables.
		i := bytes.IndexByte(n.text[pos:], '|')
		if i < 0 {
			return
		}
		if ls := pos + bytes.LastIndexByte(n.text[pos:pos+i], '\n') + 1; ls > pos {
			lineNo += bytes.Count(n.text[pos:ls], []byte{'\n'})
			prev, havePrev = n.lineAt(bytes.LastIndexByte(n.text[:ls-1], '\n')+1), true
			pos = ls
		}
		l := n.lineAt(pos)
		if l.header() {
			if end, lines, ok := n.table(l, prev, havePrev, lineNo); ok {
				if n.visit != nil {
					n.visit(&n.t)
				}
				blankAfter := n.emit(prev, havePrev, l, end)
				prev, havePrev = end, true
				if blankAfter {
					prev = line{} // the blank line written after the table
				}
				lineNo += lines
				pos = end.next
				continue
			}
		}
		prev, havePrev = l, true
		pos = l.next
		lineNo++
	}
}

// table parses the table whose header is h, if there is one, into n.t and
// returns its last line and number of lines. prev is the line before h,
// if there is one.
//
// A header whose cells are all dashes or empty is taken only above a
// separator and when the line before it has no pipe: otherwise goldmark
// reads the line before as the header and this one as the separator.
func (n *normalizer) table(h, prev line, havePrev bool, lineNo int) (last line, lines int, ok bool) {
	if h.next >= len(n.text) {
		return line{}, 0, false
	}
	second := n.lineAt(h.next)
	if second.depth != h.depth {
		return line{}, 0, false
	}
	// Cheap checks first: most lines with a pipe are prose.
	sep := second.separator()
	if !sep && !(outerPipes(h.rest) && outerPipes(second.rest)) {
		return line{}, 0, false
	}
	t := &n.t
	t.reset(h, lineNo)
	dashes := t.dashes(t.rows[0])
	switch {
	case sep:
		if dashes && havePrev && prev.row(h.depth) {
			return line{}, 0, false
		}
		t.setSeparator(second.rest, lineNo+1)
		last, lines = second, 2
	case t.outerHeader && second.row(h.depth) && t.rows[0].len() >= 2 && !dashes:
		if outer := t.addRow(second, lineNo+1); !outer || t.rows[1].len() < 2 {
			return line{}, 0, false
		}
		// A separator further down makes this a paragraph above a table.
		if h.start < n.sepBelow-1 {
			return line{}, 0, false
		}
		for l := second; l.row(h.depth); l = n.lineAt(l.next) {
			if l.separator() {
				n.sepBelow = l.start + 1
				return line{}, 0, false
			}
		}
		last, lines = second, 2
	default:
		return line{}, 0, false
	}
	for last.next < len(n.text) {
		l := n.lineAt(last.next)
		if !l.row(h.depth) {
			break
		}
		t.addRow(l, lineNo+lines)
		last = l
		lines++
	}
	return last, lines, true
}

// emit writes the table in n.t, spanning the lines from first to last, and
// blank lines around it where the neighbouring lines would run into it. It
// reports whether it wrote a blank line after the table.
//
// No blank line goes above a table whose previous line has a pipe: those
// lines are a paragraph above the table for goldmark, but set apart by a
// blank line they could make a table of their own on the next run.
func (n *normalizer) emit(prev line, havePrev bool, first, last line) (blankAfter bool) {
	t := &n.t
	t.finish(n.path, &n.diags)
	eol := first.eol
	if eol == "" {
		eol = "\n"
	}
	n.buf = n.buf[:0]
	if havePrev && !prev.blank() && prev.depth >= first.depth && !prev.row(first.depth) {
		n.buf = appendBlank(n.buf, first.depth, eol)
	}
	n.buf = t.write(n.buf, first.depth, eol)
	end := last.next
	if last.eol == "" {
		n.buf = n.buf[:len(n.buf)-len(eol)] // the text ended without one
	} else if end < len(n.text) {
		if next := n.lineAt(end); !next.blank() && next.depth <= first.depth {
			n.buf = appendBlank(n.buf, min(next.depth, first.depth), eol)
			blankAfter = true
		}
	}
	if bytes.Equal(n.buf, n.text[first.start:end]) {
		return blankAfter
	}
	if !n.wrote {
		n.out = make([]byte, 0, len(n.text)+len(n.text)/4)
		n.wrote = true
	}
	n.out = append(n.out, n.text[n.copied:first.start]...)
	n.out = append(n.out, n.buf...)
	n.copied = end
	return blankAfter
}

func appendBlank(b []byte, depth int, eol string) []byte {
	for i := 0; i < depth; i++ {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, '>')
	}
	return append(b, eol...)
}
