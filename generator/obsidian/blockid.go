package obsidian

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

// BlockIDs returns the block ids defined in a text run that Rewrite gives
// an anchor (see BlockAnchor), in order. The index uses it to know which
// [[Note#^id]] links can resolve.
func BlockIDs(text []byte) []string {
	w := newRewriter(text, nil)
	w.run()
	return w.ids
}
