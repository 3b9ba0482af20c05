package tables

import (
	"fmt"

	"github.com/crib-notes/crib/generator/diag"
)

type align uint8

const (
	alignNone align = iota
	alignLeft
	alignRight
	alignCenter
)

// row is a range of table.cells and the line the row is on.
type row struct {
	from, to int
	line     int
}

func (r row) len() int { return r.to - r.from }

// table is one table being repaired. Its slices are reused from one table
// to the next.
type table struct {
	cells       [][]byte // every row's cells, in order; slices of the text until escaped
	rows        []row    // rows[0] is the header
	outerHeader bool     // the header line starts and ends with a pipe

	hasSep   bool
	sepLine  int
	sepCells int
	sepValid bool // every separator cell is :?-+:? in ASCII
	aligns   []align

	ncol   int
	widths []int
}

func (t *table) reset(header line, lineNo int) {
	t.cells, t.rows, t.aligns, t.widths = t.cells[:0], t.rows[:0], t.aligns[:0], t.widths[:0]
	t.hasSep, t.sepLine, t.sepCells, t.sepValid, t.ncol = false, lineNo, 0, false, 0
	var outer bool
	t.cells, outer = splitRow(header.rest, t.cells)
	t.rows = append(t.rows, row{from: 0, to: len(t.cells), line: lineNo})
	t.outerHeader = outer
}

// addRow adds a body row and reports whether its line has outer pipes.
func (t *table) addRow(rest []byte, lineNo int) (outer bool) {
	from := len(t.cells)
	t.cells, outer = splitRow(rest, t.cells)
	t.rows = append(t.rows, row{from: from, to: len(t.cells), line: lineNo})
	return outer
}

// dashes reports whether a row, written out, would look like a separator
// row: every cell empty or made of dashes and colons, at least one dash.
func (t *table) dashes(r row) bool {
	dash := false
	for _, cell := range t.cells[r.from:r.to] {
		for i := 0; i < len(cell); i++ {
			switch c := cell[i]; {
			case c == '-':
				dash = true
			case c == ':' || c == ' ' || c == '\t':
			case c == 0xE2 && i+2 < len(cell) && cell[i+1] == 0x80 && (cell[i+2] == 0x93 || cell[i+2] == 0x94):
				dash = true
				i += 2
			default:
				return false
			}
		}
	}
	return dash
}

// setSeparator reads the alignments of a separator-like line.
func (t *table) setSeparator(rest []byte, lineNo int) {
	t.hasSep, t.sepLine, t.sepValid = true, lineNo, true
	s := trimSpace(rest)
	if len(s) > 0 && s[0] == '|' {
		s = s[1:]
	}
	if len(s) > 0 && s[len(s)-1] == '|' {
		s = s[:len(s)-1]
	}
	for len(s) > 0 || t.sepCells == 0 {
		cell := s
		if i := indexPipe(s); i >= 0 {
			cell, s = s[:i], s[i+1:]
		} else {
			s = nil
		}
		cell = trimSpace(cell)
		t.sepCells++
		var a align
		left := len(cell) > 0 && cell[0] == ':'
		right := len(cell) > 1 && cell[len(cell)-1] == ':'
		switch {
		case left && right:
			a = alignCenter
		case left:
			a = alignLeft
		case right:
			a = alignRight
		}
		t.aligns = append(t.aligns, a)
		if !validSepCell(cell) {
			t.sepValid = false
		}
	}
}

func indexPipe(s []byte) int {
	for i, c := range s {
		if c == '|' {
			return i
		}
	}
	return -1
}

func validSepCell(c []byte) bool {
	if len(c) > 0 && c[0] == ':' {
		c = c[1:]
	}
	if len(c) > 0 && c[len(c)-1] == ':' {
		c = c[:len(c)-1]
	}
	if len(c) == 0 {
		return false
	}
	for _, b := range c {
		if b != '-' {
			return false
		}
	}
	return true
}

// columns is the number of columns the repaired table has. A header with
// no cell ("||") still makes a one-column table, as in goldmark.
func (t *table) columns() int {
	n := 1
	for _, r := range t.rows {
		n = max(n, r.len())
	}
	return n
}

// finish settles the column count, alignments and widths, and reports
// what was repaired.
func (t *table) finish(path string, diags *[]diag.Diagnostic) {
	t.ncol = t.columns()
	header := t.rows[0].len()
	switch {
	case !t.hasSep:
		*diags = append(*diags, diag.Table.Warnf(path, t.sepLine, "table has no separator row under its header: inserted one"))
	case t.sepCells != header:
		*diags = append(*diags, diag.Table.Warnf(path, t.sepLine, "table separator row has %s but the header has %d: rewrote it", cells(t.sepCells), header))
	case !t.sepValid:
		*diags = append(*diags, diag.Table.Warnf(path, t.sepLine, "table separator row is malformed: rewrote it"))
	}
	for _, r := range t.rows[1:] {
		if r.len() > header {
			*diags = append(*diags, diag.Table.Warnf(path, r.line, "table row has %s but the header has %d: widened the table to %d columns so that no cell is lost", cells(r.len()), header, t.ncol))
			break
		}
	}
	for len(t.aligns) < t.ncol {
		t.aligns = append(t.aligns, alignNone)
	}
	t.aligns = t.aligns[:t.ncol]
	for len(t.widths) < t.ncol {
		t.widths = append(t.widths, 0)
	}
	t.widths = t.widths[:t.ncol]
	for c := range t.widths {
		t.widths[c] = 3 // the shortest separator cell, "---"
	}
	for _, r := range t.rows {
		for c := 0; c < r.len(); c++ {
			cell := escapeCell(t.cells[r.from+c])
			t.cells[r.from+c] = cell
			t.widths[c] = max(t.widths[c], displayWidth(cell))
		}
	}
}

func cells(n int) string {
	if n == 1 {
		return "1 cell"
	}
	return fmt.Sprintf("%d cells", n)
}

// write appends the table, aligned, each line prefixed with depth
// blockquote markers.
func (t *table) write(b []byte, depth int, eol string) []byte {
	for i, r := range t.rows {
		b = appendPrefix(b, depth)
		b = append(b, '|')
		for c := 0; c < t.ncol; c++ {
			var cell []byte
			if c < r.len() {
				cell = t.cells[r.from+c]
			}
			b = append(b, ' ')
			b = appendPadded(b, cell, t.widths[c], t.aligns[c])
			b = append(b, ' ', '|')
		}
		b = append(b, eol...)
		if i == 0 {
			b = t.writeSeparator(b, depth, eol)
		}
	}
	return b
}

func (t *table) writeSeparator(b []byte, depth int, eol string) []byte {
	b = appendPrefix(b, depth)
	b = append(b, '|')
	for c := 0; c < t.ncol; c++ {
		w, a := t.widths[c], t.aligns[c]
		b = append(b, ' ')
		dashes := w
		if a == alignLeft || a == alignCenter {
			b = append(b, ':')
			dashes--
		}
		if a == alignRight || a == alignCenter {
			dashes--
		}
		b = appendRepeat(b, '-', dashes)
		if a == alignRight || a == alignCenter {
			b = append(b, ':')
		}
		b = append(b, ' ', '|')
	}
	return append(b, eol...)
}

func appendPrefix(b []byte, depth int) []byte {
	for range depth {
		b = append(b, '>', ' ')
	}
	return b
}

func appendPadded(b, cell []byte, w int, a align) []byte {
	pad := w - displayWidth(cell)
	left := 0
	switch a {
	case alignRight:
		left = pad
	case alignCenter:
		left = pad / 2
	}
	b = appendRepeat(b, ' ', left)
	b = append(b, cell...)
	return appendRepeat(b, ' ', pad-left)
}

func appendRepeat(b []byte, c byte, n int) []byte {
	for range n {
		b = append(b, c)
	}
	return b
}
