package obsidian

import (
	"bytes"
	"slices"

	"github.com/crib-notes/crib/generator/markdown"
)

// Byte-level helpers shared by the scanners. All of them work on one text
// run and never allocate.

// isPunct reports whether c is ASCII punctuation: the characters a
// backslash escapes in CommonMark.
func isPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// isSpace reports a space or tab; a stray '\r' is one too, as CommonMark
// reads it as a line break.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

// lineEnd returns the index of the '\n' ending the line that holds i, or
// len(src).
func lineEnd(src []byte, i int) int {
	if k := bytes.IndexByte(src[i:], '\n'); k >= 0 {
		return i + k
	}
	return len(src)
}

// isBlank reports whether a line holds nothing but spaces, tabs, '\r' and
// blockquote markers: a paragraph break at any quote depth.
func isBlank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '>' && c != '\r' {
			return false
		}
	}
	return true
}

// prefixLen returns the length of a line's container prefix: the
// indentation and blockquote markers before its content. A stray '\r'
// counts as a space, as it does for isBlank and trimRight.
func prefixLen(line []byte) int {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '>' || line[i] == '\r') {
		i++
	}
	return i
}

// trimRight returns the end of line without trailing spaces, tabs and '\r'.
func trimRight(line []byte) int {
	n := len(line)
	for n > 0 && (line[n-1] == ' ' || line[n-1] == '\t' || line[n-1] == '\r') {
		n--
	}
	return n
}

// codeSpans answers, at a backtick, whether a code span starts there and
// where it ends. The spans are the ones goldmark finds
// (markdown.Segment.Spans): nothing here decides what is code. Positions
// are asked about mostly in order, so the answer is searched for from the
// last one.
type codeSpans struct {
	src   []byte
	spans []markdown.Span
	k     int // the first span that ends after the last position asked about
}

func newCodeSpans(src []byte, spans []markdown.Span) codeSpans {
	return codeSpans{src: src, spans: spans}
}

// at returns the end of the code span holding i and true, or false.
func (c *codeSpans) at(i int) (int, bool) {
	if c.k > 0 && c.spans[c.k-1].End > i {
		c.k, _ = slices.BinarySearchFunc(c.spans, i, func(s markdown.Span, i int) int { return s.End - 1 - i })
	}
	for c.k < len(c.spans) && c.spans[c.k].End <= i {
		c.k++
	}
	if c.k < len(c.spans) && c.spans[c.k].Start <= i {
		return c.spans[c.k].End, true
	}
	return 0, false
}

// skip is called at a backtick at i. It returns the end of the code span
// holding i and true, or the end of the backtick run at i and false when
// the run is literal text.
func (c *codeSpans) skip(i int) (int, bool) {
	if end, in := c.at(i); in {
		return end, true
	}
	next := len(c.src)
	if c.k < len(c.spans) {
		next = c.spans[c.k].Start
	}
	j := i
	for j < next && c.src[j] == '`' {
		j++
	}
	return max(j, i+1), false
}
