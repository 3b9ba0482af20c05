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
	raw      []byte // the line as written, quote markers included
	// asWritten is set for a row with more cells than the table can be
	// widened to: it is written back as it was.
	asWritten bool
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

	ncol    int
	widths  []int
	aligned bool // cells are padded to their column's width
}

func (t *table) reset(header line, lineNo int) {
	t.cells, t.rows, t.aligns, t.widths = t.cells[:0], t.rows[:0], t.aligns[:0], t.widths[:0]
	t.hasSep, t.sepLine, t.sepCells, t.sepValid, t.ncol = false, lineNo, 0, false, 0
	var outer bool
	t.cells, outer = splitRow(header.rest, t.cells)
	t.rows = append(t.rows, row{from: 0, to: len(t.cells), line: lineNo, raw: header.content})
	t.outerHeader = outer
}

// addRow adds a body row and reports whether its line has outer pipes.
func (t *table) addRow(l line, lineNo int) (outer bool) {
	from := len(t.cells)
	t.cells, outer = splitRow(l.rest, t.cells)
	t.rows = append(t.rows, row{from: from, to: len(t.cells), line: lineNo, raw: l.content})
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

// columns is the number of columns the repaired table has: the most any
// row has, so that no cell is lost, as long as padding every row to it
// keeps the table within twice the cells written (goldmark makes a node
// of every cell, padding included). A row with more cells than that is
// left as written. A header with no cell ("||") still makes a one-column
// table, as in goldmark.
func (t *table) columns() int {
	limit := (2*len(t.cells) + widenSlack) / len(t.rows)
	n := max(1, t.rows[0].len())
	for _, r := range t.rows {
		if r.len() <= limit {
			n = max(n, r.len())
		}
	}
	return n
}

// widenSlack lets a small table be widened whatever its shape.
const widenSlack = 1024

// alignSlack lets a small table be aligned whatever its shape; past it, a
// table is aligned only if that at most doubles it.
const alignSlack = 64 << 10

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
	widened, cut := false, false
	for i := range t.rows[1:] {
		r := &t.rows[i+1]
		switch {
		case r.len() > t.ncol:
			r.asWritten = true
			if !cut {
				cut = true
				*diags = append(*diags, diag.Table.Warnf(path, r.line, "table row has %s but the table has %d columns: left as written, so goldmark shows only the first %d; widening the table to fit it would pad every row to its size", cells(r.len()), t.ncol, t.ncol))
			}
		case r.len() > header && !widened:
			widened = true
			*diags = append(*diags, diag.Table.Warnf(path, r.line, "table row has %s but the header has %d: widened the table to %d columns so that no cell is lost", cells(r.len()), header, t.ncol))
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
	widest := 0
	for _, r := range t.rows {
		if r.asWritten {
			continue
		}
		for c := 0; c < r.len(); c++ {
			cell := escapeCell(t.cells[r.from+c])
			t.cells[r.from+c] = cell
			w := displayWidth(cell)
			t.widths[c] = max(t.widths[c], w)
			widest = max(widest, w)
		}
	}
	// Aligned, every row is as wide as the widest cells of all columns:
	// one wide cell would make every row as long as it.
	line, size := 0, 0
	for c := range t.widths {
		line += t.widths[c] + 3
	}
	for _, r := range t.rows {
		size += len(r.raw)
	}
	t.aligned = (len(t.rows)+1)*line <= 2*size+alignSlack
	if !t.aligned {
		*diags = append(*diags, diag.Table.Warnf(path, t.rows[0].line, "table is too large to align (%d rows, a cell %d characters wide): written without padding", len(t.rows), widest))
		for c := range t.widths {
			t.widths[c] = 3
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
		if r.asWritten {
			b = append(b, r.raw...)
			b = append(b, eol...)
			continue
		}
		b = appendPrefix(b, depth)
		b = append(b, '|')
		for c := 0; c < t.ncol; c++ {
			if !t.aligned && c >= r.len() {
				break // goldmark adds the missing cells
			}
			var cell []byte
			if c < r.len() {
				cell = t.cells[r.from+c]
			}
			b = append(b, ' ')
			if t.aligned {
				b = appendPadded(b, cell, t.widths[c], t.aligns[c])
			} else {
				b = append(b, cell...)
			}
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
