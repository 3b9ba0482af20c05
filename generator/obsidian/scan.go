package obsidian

import "bytes"

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

// maxTicks bounds the backtick run lengths whose failed closer searches
// are remembered; longer runs are rare enough to search every time.
const maxTicks = 32

// codeSpans finds inline code spans the way CommonMark does: a run of n
// backticks opens a span that the next run of exactly n backticks closes;
// with no such run the backticks are literal. A span never crosses a
// blank line (a paragraph break). Failed searches are remembered per run
// length and paragraph, so a run full of stray backticks stays linear.
type codeSpans struct {
	src []byte
	// limit is the start of the first blank line after limitFrom; it is
	// the search bound for every opener in [limitFrom, limit).
	limitFrom, limit int
	// failed[n] records a search for a closer of n backticks that found
	// none between from and limit: a later search from a position at or
	// after from, with the same limit, fails too.
	failed [maxTicks + 1]struct{ from, limit int }
}

func newCodeSpans(src []byte) codeSpans { return codeSpans{src: src, limit: -1} }

// skip is called at a backtick at i. It returns the position after the
// code span's closing run and true, or the position after the opening run
// and false when the run is literal text.
func (c *codeSpans) skip(i int) (int, bool) {
	src := c.src
	j := i
	for j < len(src) && src[j] == '`' {
		j++
	}
	n := j - i
	limit := c.paragraphEnd(i)
	if n <= maxTicks && c.failed[n].limit == limit+1 && j >= c.failed[n].from {
		return j, false
	}
	for k := j; k < limit; {
		if src[k] != '`' {
			k++
			continue
		}
		m := k
		for m < limit && src[m] == '`' {
			m++
		}
		if m-k == n {
			return m, true
		}
		k = m
	}
	if n <= maxTicks {
		c.failed[n].from, c.failed[n].limit = j, limit+1
	}
	return j, false
}

// paragraphEnd returns the start of the first blank line after the line
// holding i, or len(src).
func (c *codeSpans) paragraphEnd(i int) int {
	if i >= c.limitFrom && i < c.limit {
		return c.limit
	}
	src := c.src
	p := lineEnd(src, i)
	for p < len(src) {
		start := p + 1
		end := lineEnd(src, start)
		if isBlank(src[start:end]) {
			p = start
			break
		}
		p = end
	}
	if p > len(src) {
		p = len(src)
	}
	c.limitFrom, c.limit = i, p
	return p
}
