package tables

import (
	"bytes"
	"slices"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// nextPipe returns the index of the first pipe at or after from that splits
// cells, or -1. A pipe does not split when it is escaped ("\|", goldmark's
// rule: any pipe right after a backslash), inside a code span, or inside a
// [[wikilink]] (Obsidian's [[Note|text]]). tk finds code spans in s.
func nextPipe(s []byte, from int, tk *ticks) int {
	for i := from; i < len(s); {
		if !special[s[i]] {
			i++
			continue
		}
		switch s[i] {
		case '\\':
			if i+1 < len(s) && s[i+1] == '`' {
				i += 2 // an escaped backtick opens no code span
				continue
			}
			i++
		case '`':
			n := runLen(s, i, '`')
			if end := tk.closing(i+n, n); end >= 0 {
				i = end
			} else {
				i += n
			}
		case '[':
			if i+1 < len(s) && s[i+1] == '[' {
				if j := bytes.Index(s[i+2:], []byte("]]")); j >= 0 {
					i += 2 + j + 2
					continue
				}
			}
			i++
		case '|':
			if i > 0 && s[i-1] == '\\' {
				i++
				continue
			}
			return i
		default:
			i++
		}
	}
	return -1
}

// special marks the bytes nextPipe must look at.
var special = [256]bool{'\\': true, '`': true, '[': true, '|': true}

// runLen is the length of the run of c starting at i.
func runLen(s []byte, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// ticks finds the runs of backticks that close code spans in one line,
// s. A line of thousands of runs that close nothing would be read to its
// end once for each of them: after a few such reads, the runs are indexed
// by length, once. The zero value with s set is ready.
type ticks struct {
	s     []byte
	reads int
	byLen map[int][]int // run length -> where the runs of that length start, in order
}

// closing is closingRun(tk.s, from, n).
func (tk *ticks) closing(from, n int) int {
	if tk.byLen == nil {
		if tk.reads < 8 {
			tk.reads++
			return closingRun(tk.s, from, n)
		}
		tk.byLen = map[int][]int{}
		for i := 0; i < len(tk.s); {
			k := bytes.IndexByte(tk.s[i:], '`')
			if k < 0 {
				break
			}
			i += k
			m := runLen(tk.s, i, '`')
			tk.byLen[m] = append(tk.byLen[m], i)
			i += m
		}
	}
	starts := tk.byLen[n]
	i, _ := slices.BinarySearch(starts, from)
	if i == len(starts) {
		return -1
	}
	return starts[i] + n
}

// closingRun finds a run of exactly n backticks at or after from and returns
// the index just past it, or -1: the end of a code span opened by n
// backticks. from is not inside a run.
func closingRun(s []byte, from, n int) int {
	for j := from; j < len(s); {
		k := bytes.IndexByte(s[j:], '`')
		if k < 0 {
			return -1
		}
		j += k
		m := runLen(s, j, '`')
		if m == n {
			return j + m
		}
		j += m
	}
	return -1
}

// splitRow splits a table line (blockquote markers already removed) into
// trimmed cells, appending them to dst. It follows goldmark: one leading
// and one trailing pipe are outer pipes, the text between them is split at
// every splitting pipe, and an empty last segment makes no cell ("|a||" has
// one cell). outer reports whether the line has both outer pipes.
func splitRow(line []byte, dst [][]byte) (cells [][]byte, outer bool) {
	s := trimSpace(line)
	start, limit := 0, len(s)
	leading := len(s) > 0 && s[0] == '|'
	if leading {
		start = 1
	}
	trailing := limit > start && s[limit-1] == '|' && s[limit-2] != '\\'
	if trailing {
		limit--
	}
	content := s[:limit]
	tk := ticks{s: content}
	for pos := start; pos < limit; {
		p := nextPipe(content, pos, &tk)
		if p < 0 {
			p = limit
		}
		dst = append(dst, trimSpace(content[pos:p]))
		pos = p + 1
	}
	return dst, leading && trailing
}

// hasPipe reports whether a line has a pipe that splits cells.
func hasPipe(line []byte) bool {
	tk := ticks{s: line}
	return nextPipe(line, 0, &tk) >= 0
}

func trimSpace(s []byte) []byte {
	for len(s) > 0 && isSpace(s[0]) {
		s = s[1:]
	}
	for len(s) > 0 && isSpace(s[len(s)-1]) {
		s = s[:len(s)-1]
	}
	return s
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'
}

// escapeCell returns the cell as it must be written inside a table: pipes
// inside code spans and wikilinks are escaped, because goldmark splits cells
// at every unescaped pipe, code span or not (and renders "\|" in a code
// span as "|"). It returns cell itself when nothing needs escaping.
func escapeCell(cell []byte) []byte {
	var out []byte
	copied := 0
	tk := ticks{s: cell}
	for i := 0; ; {
		start, end, resume := nextProtected(cell, i, &tk)
		if start < 0 {
			break
		}
		for k := start; k < end; k++ {
			// start > 0: a protected range follows its opening marker.
			if cell[k] == '|' && cell[k-1] != '\\' {
				if out == nil {
					out = make([]byte, 0, len(cell)+8)
				}
				out = append(out, cell[copied:k]...)
				out = append(out, '\\', '|')
				copied = k + 1
			}
		}
		i = resume
	}
	if out == nil {
		return cell
	}
	return append(out, cell[copied:]...)
}

// nextProtected finds the next code span or wikilink at or after i and
// returns its content range [start, end) and where scanning resumes after
// it; start is -1 when there is none.
func nextProtected(s []byte, i int, tk *ticks) (start, end, resume int) {
	for i < len(s) {
		switch s[i] {
		case '\\':
			if i+1 < len(s) && s[i+1] == '`' {
				i += 2
				continue
			}
			i++
		case '`':
			n := runLen(s, i, '`')
			if e := tk.closing(i+n, n); e >= 0 {
				return i + n, e - n, e
			}
			i += n
		case '[':
			if i+1 < len(s) && s[i+1] == '[' {
				if j := bytes.Index(s[i+2:], []byte("]]")); j >= 0 {
					return i + 2, i + 2 + j, i + 2 + j + 2
				}
			}
			i++
		default:
			i++
		}
	}
	return -1, -1, len(s)
}

// displayWidth is the number of terminal columns s takes: East Asian wide
// and full-width characters (CJK, most emoji) count two, combining marks
// and format characters zero, everything else one.
func displayWidth(s []byte) int {
	w := 0
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			w++
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		i += size
		w += runeWidth(r)
	}
	return w
}

func runeWidth(r rune) int {
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}
