// Package nesting keeps a note's blockquotes, list items, emphasis and
// links from nesting deeper than a limit.
//
// Markdown puts no limit on nesting, and a line of markers nests as deep
// as it is long: 200,000 '>' make 200,000 blockquotes, "- - - x" a list
// in a list in a list. goldmark reads such a line in time quadratic in
// its depth, and every tree walk over the result (the generator's, Hugo's
// renderer and its render hooks) recurses once a level, until Go's stack
// overflows and the process dies, which no recover can stop. Limit cuts
// such lines at the limit: the marker that would open one level too many
// is indented by four more spaces, so it and the rest of the line are
// shown as code in the deepest level allowed (or as text, where the line
// continues a paragraph). Code rather than an escaped marker, because
// Hugo's HTML minifier takes time quadratic in the length of a run of
// text times the number of entities ("&gt;") in it, and the rest of such
// a line is mostly '>'; inside <pre> it copies the text as it is.
//
// goldmark has no option for a limit, and what is nested cannot be known
// from a tree that takes the problem's own time to build, so Limit reads
// the container structure itself, line by line, as CommonMark defines it:
// blockquote markers, list items continued by indentation or by a lazy
// line, thematic breaks, headings and indented code. Fenced code and HTML
// blocks it reads as Markdown, and where it is unsure it counts a level
// rather than miss one, so the depth it sees is never below goldmark's
// (FuzzLimit checks it against goldmark): a line of code that looks
// nested past the limit is cut too. The work is one pass over each
// line's container prefix.
//
// Emphasis and links nest too (LimitInline), but how deep is known only
// once goldmark has matched their delimiters.
package nesting

import (
	"bytes"
	"fmt"
)

// MaxDepth is how deep blockquotes and list items may nest. Real notes
// nest fewer than ten levels, and a page squeezes its text to nothing
// long before fifty (each level indents it). The cost sets the limit:
// Hugo's blockquote render hook copies a quote's rendered content at
// every level, so a line d levels deep is copied d times; at 32 levels a
// 10 MB line costs 320 MB of copies, at 100 a gigabyte.
const MaxDepth = 32

// MaxMarkersShown is how many bytes of the markers that follow a cut are
// kept in the code it becomes. Past the limit a line of markers has said
// all it can (a quote or a list forty levels deep looks the same as one
// a million deep), and each byte costs: a 10 MB line of '>' is 40 MB of
// HTML once escaped, which Hugo's quote render hook copies at every one
// of the levels around it and then holds in the page, its summary and
// the minified file, over 700 MB at its peak. The bytes left out are
// replaced by a note of how many there were, so the reader sees that
// the line went on.
const MaxMarkersShown = 1024

// Limit returns src with every container marker that would open a level
// deeper than limit indented into code, the numbers (1-based) of the
// lines where it did so, and how many bytes of markers it left out: the
// markers after a cut past the first MaxMarkersShown (see there). It
// returns src itself when nothing is that deep.
func Limit(src []byte, limit int) (out []byte, lines []int, dropped int) {
	return limitShown(src, limit, MaxMarkersShown)
}

// limitShown is Limit keeping shown bytes of markers after a cut.
func limitShown(src []byte, limit, shown int) (out []byte, lines []int, dropped int) {
	if !mayNest(src, limit) {
		return src, nil, 0
	}
	var s state
	copied := 0
	lineNo := 0
	for pos := 0; pos < len(src); {
		lineNo++
		end := len(src)
		if i := bytes.IndexByte(src[pos:], '\n'); i >= 0 {
			end = pos + i
		}
		if at, pad := s.line(src[pos:end], limit); pad > 0 {
			if out == nil {
				out = make([]byte, 0, len(src)+64)
			}
			out = append(out, src[copied:pos+at]...)
			out = append(out, "     "[:pad]...)
			copied = pos + at
			lines = append(lines, lineNo)
			if n := markerRun(src[pos+at : end]); n > shown {
				out = append(out, src[copied:copied+shown]...)
				out = fmt.Appendf(out, " [… %d more bytes of quote and list markers left out …] ", n-shown)
				copied += n
				dropped += n - shown
			}
		}
		pos = end + 1
	}
	if out == nil {
		return src, nil, 0
	}
	return append(out, src[copied:]...), lines, dropped
}

// markerRun is the length of the run of container markers (and the
// white space between them) that l starts with. An Obsidian comment
// opened and closed within the run is part of it: removing comments
// joins the markers around them, and a comment left out whole publishes
// nothing of it.
func markerRun(l []byte) int {
	for i := 0; i < len(l); i++ {
		switch c := l[i]; {
		case markerByte(c) || c == ' ' || c == '\t':
		case c == '%' && i+1 < len(l) && l[i+1] == '%':
			end := bytes.Index(l[i+2:], []byte("%%"))
			if end < 0 {
				return i
			}
			i += 2 + end + 1
		default:
			return i
		}
	}
	return len(l)
}

// markerByte reports whether c can be part of a container marker: '>',
// a bullet, or an ordered item's number and its '.' or ')'.
func markerByte(c byte) bool {
	switch c {
	case '>', '-', '*', '+', '.', ')', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return true
	}
	return false
}

// mayNest reports whether a line of src may be more than limit containers
// deep: a line can continue a list item only with two or more columns of
// indentation, a blockquote only with a '>', and open a container only with
// a marker, so no line is deeper than its prefix's markers and half its
// columns of indentation. Most notes are told apart from the pathological
// ones by this alone, at the cost of reading each line's prefix.
func mayNest(src []byte, limit int) bool {
	for pos := 0; pos < len(src); {
		depth, cols := 0, 0
		i := pos
	prefix:
		for ; i < len(src); i++ {
			switch c := src[i]; {
			case c == ' ':
				cols++
			case c == '\t':
				cols += 4
			case c >= '0' && c <= '9':
			case markerByte(c):
				depth++
			default:
				break prefix
			}
		}
		if depth+cols/2 > limit {
			return true
		}
		k := bytes.IndexByte(src[i:], '\n')
		if k < 0 {
			break
		}
		pos = i + k + 1
	}
	return false
}

// container is an open blockquote or list item.
type container struct {
	quote bool
	// indent is, for a list item, the columns a line must be indented by
	// (past its parent's content) to continue it.
	indent int
}

// state is what Limit knows between lines.
type state struct {
	open      []container
	paragraph bool // the last line may be paragraph text, which a lazy line continues
}

// line reads one line (without its '\n') and updates the state. When a
// marker would nest too deep, it returns where the marker starts and how
// many spaces make it indented code there; pad is 0 otherwise.
//
// Code blocks and HTML blocks are read as if they were Markdown. Inside
// them nothing opens a container, so reading their lines as text keeps a
// container open at most longer than goldmark does, never shorter; the
// other way, a line wrongly taken for the start of code would hide the
// depth of everything after it.
func (s *state) line(l []byte, limit int) (at, pad int) {
	c := cursor{line: l}
	matched := 0
	for matched < len(s.open) {
		if s.open[matched].quote {
			if ind := c.indent(); ind <= 3 && c.at(ind) == '>' {
				c.skip(ind)
				c.marker(1)
				c.skipOptionalSpace()
				matched++
				continue
			}
			break
		}
		if c.blank() {
			matched++
			continue
		}
		if c.indent() >= s.open[matched].indent {
			c.skip(s.open[matched].indent)
			matched++
			continue
		}
		break
	}
	if c.blank() {
		s.open = s.open[:matched]
		s.paragraph = false
		return 0, 0
	}

	opened := false // the line opened a container
	depth := func() int {
		if opened {
			return len(s.open)
		}
		return matched
	}
	push := func(ct container) {
		if !opened {
			s.open = s.open[:matched]
			opened = true
		}
		s.open = append(s.open, ct)
	}
	// leaf ends the line at a block; text says whether it may be
	// paragraph text, which the next line can continue lazily.
	leaf := func(text bool) {
		if opened || !text || !s.paragraph {
			s.open = s.open[:depth()]
		}
		s.paragraph = text
	}
	// cut is where the line goes past the limit: what follows becomes
	// indented code in the innermost container.
	cut := func(at, ind int) (int, int) {
		leaf(!opened && s.paragraph)
		pad := 4 - ind
		if c.bareQuote {
			pad++ // goldmark takes a quote's optional space from the padding
		}
		return at, max(1, pad)
	}
	var breaks breakFinder
	for {
		ind := c.indent()
		if ind >= 4 {
			// Indented code, or a paragraph's continuation.
			leaf(s.paragraph && !opened)
			return 0, 0
		}
		at := c.i + c.bytesOf(ind)
		switch ch := c.at(ind); {
		case ch == '>':
			if depth() >= limit {
				return cut(at, ind)
			}
			c.skip(ind)
			c.marker(1)
			c.skipOptionalSpace()
			push(container{quote: true})
			continue
		case ch == '-' || ch == '*' || ch == '+':
			if ch != '+' && breaks.at(l, at, ch) {
				leaf(false)
				return 0, 0
			}
			if !markerEnds(l, at+1) {
				break
			}
			if depth() >= limit {
				return cut(at, ind)
			}
			c.skip(ind)
			c.marker(1)
			push(container{indent: ind + 1 + c.itemSpaces()})
			continue
		case ch >= '0' && ch <= '9':
			d := 0
			for d < 9 && at+d < len(l) && l[at+d] >= '0' && l[at+d] <= '9' {
				d++
			}
			if at+d >= len(l) || (l[at+d] != '.' && l[at+d] != ')') || !markerEnds(l, at+d+1) {
				break
			}
			if depth() >= limit {
				return cut(at, ind)
			}
			c.skip(ind)
			c.marker(d + 1)
			push(container{indent: ind + d + 1 + c.itemSpaces()})
			continue
		case ch == '#':
			if atxHeading(l[at:]) {
				leaf(false)
				return 0, 0
			}
		}
		break
	}
	leaf(true)
	return 0, 0
}

// atxHeading reports whether l starts an ATX heading: one to six '#' and
// then white space or the end of the line.
func atxHeading(l []byte) bool {
	n := 0
	for n < len(l) && l[n] == '#' {
		n++
	}
	return n <= 6 && markerEnds(l, n)
}

// markerEnds reports whether a marker ending before byte j of l is one:
// followed by white space or the end of the line.
func markerEnds(l []byte, j int) bool {
	return j >= len(l) || l[j] == ' ' || l[j] == '\t' || l[j] == '\r'
}

// breakFinder answers whether a line is a thematic break from a given
// byte on ("- - -", "***"): three or more of one character and nothing
// else but spaces and tabs. A line of list markers asks at every marker,
// so it reads the line once, from its end, on the first question.
type breakFinder struct {
	done bool
	// other is, for '-' and '*', the last byte of the line that is
	// neither that character nor white space (-1: none).
	other [2]int
}

func (b *breakFinder) at(l []byte, i int, ch byte) bool {
	if !b.done {
		b.done = true
		b.other = [2]int{-1, -1}
		for j := len(l) - 1; j >= 0 && (b.other[0] < 0 || b.other[1] < 0); j-- {
			switch l[j] {
			case ' ', '\t', '\r':
			case '-':
				if b.other[1] < 0 {
					b.other[1] = j
				}
			case '*':
				if b.other[0] < 0 {
					b.other[0] = j
				}
			default:
				b.other[0], b.other[1] = max(b.other[0], j), max(b.other[1], j)
			}
		}
	}
	k := 0
	if ch == '*' {
		k = 1
	}
	if b.other[k] >= i {
		return false
	}
	// Only ch and white space from i on: are there three?
	n := 0
	for j := i; j < len(l) && n < 3; j++ {
		if l[j] == ch {
			n++
		}
	}
	return n >= 3
}

// cursor walks a line's container prefix, counting columns as CommonMark
// does (a tab advances to the next multiple of four).
type cursor struct {
	line []byte
	i    int // the next byte
	col  int // its column
	// virt is the columns of a tab before i that are not consumed yet.
	virt int
	// bareQuote is set right after a '>' that had no space after it:
	// the next space is still the marker's.
	bareQuote bool
}

// indent is the columns of white space at the cursor.
func (c *cursor) indent() int {
	cols, col := c.virt, c.col+c.virt
	for j := c.i; j < len(c.line); j++ {
		switch c.line[j] {
		case ' ':
			cols++
			col++
		case '\t':
			w := 4 - col%4
			cols += w
			col += w
		default:
			return cols
		}
	}
	return cols
}

// bytesOf is how many bytes from the cursor hold n columns of white
// space, a tab reaching past them included.
func (c *cursor) bytesOf(n int) int {
	n -= c.virt
	col := c.col + c.virt
	j := c.i
	for n > 0 && j < len(c.line) {
		w := 1
		if c.line[j] == '\t' {
			w = 4 - col%4
		}
		n -= w
		col += w
		j++
	}
	return j - c.i
}

// at is the byte after n columns of white space, or 0 at the end.
func (c *cursor) at(n int) byte {
	j := c.i + c.bytesOf(n)
	if j >= len(c.line) {
		return 0
	}
	return c.line[j]
}

// skip consumes n columns of white space.
func (c *cursor) skip(n int) {
	if n > 0 {
		c.bareQuote = false
	}
	d := min(n, c.virt)
	c.virt -= d
	c.col += d
	n -= d
	for n > 0 && c.i < len(c.line) {
		w := 1
		if c.line[c.i] == '\t' {
			w = 4 - c.col%4
		}
		c.i++
		if w > n {
			c.virt = w - n
			c.col += n
			return
		}
		c.col += w
		n -= w
	}
}

// marker consumes a marker of n bytes at the cursor.
func (c *cursor) marker(n int) {
	c.i += n
	c.col += n
	c.bareQuote = false
}

// skipOptionalSpace consumes the one column of white space a blockquote
// marker may be followed by.
func (c *cursor) skipOptionalSpace() {
	if c.indent() > 0 {
		c.skip(1)
	} else {
		c.bareQuote = true
	}
}

// blank reports whether the rest of the line is white space.
func (c *cursor) blank() bool {
	for _, b := range c.line[c.i:] {
		if b != ' ' && b != '\t' && b != '\r' {
			return false
		}
	}
	return true
}

// itemSpaces consumes the white space after a list marker and returns the
// columns that belong to the marker: one to four, or one when there are
// five or more (the item then starts with indented code) or none (an
// empty item).
func (c *cursor) itemSpaces() int {
	n := c.indent()
	switch {
	case n == 0 || c.blank():
		return 1
	case n >= 5:
		c.skip(1)
		return 1
	}
	c.skip(n)
	return n
}
