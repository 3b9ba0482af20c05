package obsidian

import (
	"bytes"

	"github.com/crib-notes/crib/generator/markdown"
)

// Obsidian block ids ("^b1" at the end of a paragraph or list item, or on
// its own line after a table, quote or list) become Hugo block attributes:
// a line `{id="^b1"}` right after the block, which Hugo applies when
// markup.goldmark.parser.attribute.block is on. Hugo puts such an id on
// paragraphs, blockquotes, lists and tables, but drops it on the text of
// an item in a tight list; there the id goes on the whole list (the first
// one only: a list has one id).

// BlockAnchor returns the HTML id of the block whose Obsidian block id is
// id (written without '^'). It keeps Obsidian's "^" so that it can never
// collide with a heading id, which has no '^'.
func BlockAnchor(id string) string { return "^" + id }

// appendBlockAttr appends the attribute line giving a block its anchor.
func appendBlockAttr(out, prefix []byte, id string) []byte {
	out = append(out, prefix...)
	out = append(out, `{id="`...)
	out = append(out, BlockAnchor(id)...)
	return append(out, `"}`...)
}

func isBlockIDByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-'
}

// blockID finds a block id at the end of a line's content (trimmed on the
// right). start is where the id and the spaces before it begin; start is
// 0 when the id is all there is.
func blockID(content []byte) (start int, id string, ok bool) {
	start, caret := blockIDAt(content)
	if caret < 0 {
		return 0, "", false
	}
	return start, string(content[caret+1:]), true
}

// blockIDAt returns where a block id at the end of content starts
// (spaces before it included) and where its '^' is; caret is -1 when
// there is none.
func blockIDAt(content []byte) (start, caret int) {
	n := len(content)
	k := n
	for k > 0 && isBlockIDByte(content[k-1]) {
		k--
	}
	if k == n || k == 0 || content[k-1] != '^' {
		return 0, -1
	}
	caret = k - 1
	if caret > 0 && !isSpace(content[caret-1]) {
		return 0, -1
	}
	start = caret
	for start > 0 && isSpace(content[start-1]) {
		start--
	}
	return start, caret
}

// listMarker returns the width of a list item's marker and the space after
// it ("- ", "12. "), or 0 when content does not start a list item.
func listMarker(content []byte) int {
	i := 0
	switch {
	case len(content) > 0 && (content[0] == '-' || content[0] == '*' || content[0] == '+'):
		i = 1
	default:
		for i < len(content) && i < 9 && content[i] >= '0' && content[i] <= '9' {
			i++
		}
		if i == 0 || i == len(content) || (content[i] != '.' && content[i] != ')') {
			return 0
		}
		i++
	}
	if i == len(content) {
		return i
	}
	if !isSpace(content[i]) {
		return 0
	}
	return i + 1
}

// isHeading reports whether content is an ATX heading line.
func isHeading(content []byte) bool {
	i := 0
	for i < len(content) && content[i] == '#' {
		i++
	}
	return i >= 1 && i <= 6 && (i == len(content) || isSpace(content[i]))
}

// quotePrefix returns the blockquote part of a container prefix: up to and
// including the last '>' and one space after it.
func quotePrefix(prefix []byte) []byte {
	k := -1
	for i, c := range prefix {
		if c == '>' {
			k = i
		}
	}
	if k < 0 {
		return nil
	}
	if k+1 < len(prefix) && prefix[k+1] == ' ' {
		k++
	}
	return prefix[:k+1]
}

// BlockIDs returns the block ids defined in a text run, whose code spans
// are spans, that Rewrite gives an anchor (see BlockAnchor), in order.
// The index uses it to know which [[Note#^id]] links can resolve.
func BlockIDs(text []byte, spans []markdown.Span) []string {
	if bytes.IndexByte(text, '^') < 0 {
		return nil // every block id has one
	}
	w := newRewriter(text, spans, nil, nil)
	w.run()
	return w.ids
}

// endsBlock reports whether the line before next, whose container prefix
// is prefix, is the last line of its paragraph or list item: a block id
// only counts there.
func (w *rewriter) endsBlock(next int, prefix []byte) bool {
	if next >= len(w.src) {
		return true
	}
	line := w.src[next:lineEnd(w.src, next)]
	pl := prefixLen(line)
	c := line[pl:]
	c = c[:trimRight(c)]
	q1, _ := nesting(prefix)
	q2, _ := nesting(line[:pl])
	return len(c) == 0 || q1 != q2 || listMarker(c) > 0 || isHeading(c)
}

// standaloneID handles a line holding only a block id: the id of the block
// just above it. Separated from that block by a blank line (Obsidian's
// form for tables, lists and quotes), the attribute line and the blank
// line trade places, so the line count stays the same.
func (w *rewriter) standaloneID(prefix []byte, id string, eol int) {
	switch {
	case !w.havePrev:
		// The block is outside this run (a code fence): nothing to anchor.
	case !w.prevBlank:
		w.out = appendBlockAttr(w.out, prefix, id)
		w.ids = append(w.ids, id)
	default:
		blankLine := string(w.out[w.prevOut : len(w.out)-1])
		w.out = appendBlockAttr(w.out[:w.prevOut], quotePrefix(prefix), id)
		w.out = append(w.out, '\n')
		w.out = append(w.out, blankLine...)
		w.ids = append(w.ids, id)
	}
	start := len(w.out)
	if eol < len(w.src) {
		w.out = append(w.out, '\n')
	}
	// The line now ending is the blank one when the two traded places.
	w.havePrev, w.prevOut = true, start
	if w.prevBlank {
		w.prevOut = bytes.LastIndexByte(w.out[:start], '\n') + 1
	}
}

// itemID places the attribute line for a block id that ended the line
// just written (prefix and content are that line's). Paragraphs and
// items of loose lists get it on the next line; a tight list gets it
// after its last line.
func (w *rewriter) itemID(prefix, content []byte, id string, next int) {
	marker := listMarker(content)
	inList := marker > 0 || len(prefix) > len(quotePrefix(prefix))
	if !inList {
		w.attrLine(prefix, id)
		return
	}
	if w.looseAfter(next) {
		indent := make([]byte, 0, len(prefix)+marker)
		indent = append(indent, prefix...)
		for range marker {
			indent = append(indent, ' ')
		}
		w.attrLine(indent, id)
		return
	}
	if w.listID != "" {
		w.problem(next-1, "block id ^%s is dropped: the list already has the id ^%s", id, w.listID)
		return
	}
	w.listID, w.listPrefix = id, prefix
	if marker == 0 {
		w.listPrefix = quotePrefix(prefix)
	}
	w.ids = append(w.ids, id)
}

// attrLine writes an attribute line after the line just written.
func (w *rewriter) attrLine(prefix []byte, id string) {
	if n := len(w.out); n > 0 && w.out[n-1] != '\n' {
		w.out = append(w.out, '\n')
		w.out = appendBlockAttr(w.out, prefix, id)
	} else {
		w.out = appendBlockAttr(w.out, prefix, id)
		w.out = append(w.out, '\n')
	}
	w.ids = append(w.ids, id)
}

// looseAfter reports whether the list item ending before next is followed
// by a blank line and more of the list: then its text is a paragraph.
func (w *rewriter) looseAfter(next int) bool {
	src := w.src
	if next >= len(src) || !isBlank(src[next:lineEnd(src, next)]) {
		return false
	}
	for p := next; p < len(src); {
		e := lineEnd(src, p)
		if line := src[p:e]; !isBlank(line) {
			pl := prefixLen(line)
			return listMarker(line[pl:]) > 0 || pl > len(quotePrefix(line[:pl]))
		}
		p = e + 1
	}
	return false
}

// flushListID writes a pending list block id before the line at i when
// that line is past the end of the list.
func (w *rewriter) flushListID(i int, line []byte, pl int, blank bool) {
	if w.listID == "" {
		return
	}
	// A line is still in the list when it is an item at the list's
	// indentation or anything indented deeper.
	quotes, indent := nesting(w.listPrefix)
	inList := func(line []byte, pl int) bool {
		q, in := nesting(line[:pl])
		return q == quotes && (in > indent || in == indent && listMarker(line[pl:]) > 0)
	}
	if blank {
		src := w.src
		for p := min(i+len(line)+1, len(src)); p < len(src); {
			e := lineEnd(src, p)
			if l := src[p:e]; !isBlank(l) {
				if inList(l, prefixLen(l)) {
					return
				}
				break
			}
			p = e + 1
		}
	} else if inList(line, pl) || isUnderline(line[pl:]) {
		// An underline stays under the line above it (which may be a
		// heading); the id goes after it.
		return
	}
	w.out = appendBlockAttr(w.out, w.listPrefix, w.listID)
	w.out = append(w.out, '\n')
	w.listID = ""
}
