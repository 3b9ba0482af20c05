package obsidian

import (
	"bytes"
	"fmt"
	"strings"
)

// Rewrite turns the Obsidian syntax of a text run into Markdown Hugo
// renders:
//
//   - [[Note]], [[Note|text]], [[Note#Heading]], [[#Heading]],
//     [[Note#^block]], [[path/Note]] become [text](dest), the text being
//     what Obsidian shows: the alias, else "Note > Heading", else the name;
//   - ![[image.png]], ![[image.png|300]], ![[image.png|alt|300]] become
//     ![alt](dest) or ![alt](dest?w=300); other embedded files become links;
//   - ![[Note]] and ![[Note#Heading]] alone on a line are replaced by the
//     Markdown Transclude returns; inside a line they become links;
//   - a link that does not resolve becomes its plain display text, and
//     a Problem says why, so nothing the user wrote is lost;
//   - inside a heading line links become plain text, never links (heading
//     anchors are computed from the heading text; see HeadingText);
//   - callout types are lowercased: > [!TIP]- Title becomes > [!tip]- Title;
//   - block ids become attribute lines (see BlockAnchor).
//
// Code spans and backslash escapes are kept as written, and so is
// everything else, ==highlights== and #tags included. Lines keep their
// numbers except where a transclusion is inlined or a block id at the end
// of a paragraph gets its attribute line. Comments must already be gone
// (StripComments). out is text itself when there is nothing to rewrite.
func Rewrite(text []byte, r Resolver) (out []byte, problems []Problem) {
	if !mayNeedRewrite(text) {
		return text, nil
	}
	w := newRewriter(text, r)
	w.run()
	return w.out, w.problems
}

// HeadingText returns a heading line as Rewrite writes it: its wikilinks
// and embeds replaced by their display text. Heading anchors are computed
// from this text.
func HeadingText(line []byte) []byte {
	if !bytes.Contains(line, []byte("[[")) {
		return line
	}
	w := newRewriter(line, nil)
	w.inline(0, len(line), true)
	return w.out
}

// mayNeedRewrite is a quick test that lets most runs through untouched.
func mayNeedRewrite(text []byte) bool {
	return bytes.Contains(text, []byte("[[")) || bytes.Contains(text, []byte("[!")) || bytes.IndexByte(text, '^') >= 0
}

type rewriter struct {
	src      []byte
	r        Resolver // nil: links become their display text
	out      []byte
	spans    codeSpans
	problems []Problem
	ids      []string // block ids given an anchor

	// Where Problems are counted from, and the offset of the last one.
	lineNo, lineOff, lineStart int
	reported                   int

	// The previous line written, for moving a block id above a blank line.
	havePrev, prevBlank bool
	prevOut             int // offset in out where that line starts

	// The last search for a link's closing "]]" (see closing).
	close struct{ from, end, at, lastOpen int }

	// A block id of a tight list item, written after the list.
	listID     string
	listPrefix []byte
}

func newRewriter(src []byte, r Resolver) *rewriter {
	return &rewriter{
		src:      src,
		r:        r,
		out:      make([]byte, 0, len(src)+len(src)/16),
		spans:    newCodeSpans(src),
		lineNo:   1,
		reported: -1,
		close:    struct{ from, end, at, lastOpen int }{at: -1, end: -1},
	}
}

func (w *rewriter) problem(off int, format string, args ...any) {
	if off == w.reported {
		return // the same embed, already reported once
	}
	if off < w.lineOff {
		w.lineOff, w.lineNo, w.lineStart = 0, 1, 0
	}
	seen := w.src[w.lineOff:off]
	if k := bytes.LastIndexByte(seen, '\n'); k >= 0 {
		w.lineNo += bytes.Count(seen, []byte{'\n'})
		w.lineStart = w.lineOff + k + 1
	}
	w.lineOff = off
	w.problems = append(w.problems, Problem{
		Offset:  off,
		Line:    w.lineNo,
		Col:     off - w.lineStart + 1,
		Message: fmt.Sprintf(format, args...),
	})
	w.reported = off
}

// run rewrites the whole run, one line at a time.
func (w *rewriter) run() {
	src := w.src
	for i := 0; i < len(src); {
		eol := lineEnd(src, i)
		next := min(eol+1, len(src))
		line := src[i:eol]
		pl := prefixLen(line)
		cs, ce := i+pl, i+max(trimRight(line), pl)
		content := src[cs:ce]
		blank := cs == ce
		w.flushListID(i, line, pl, blank)

		heading := isHeading(content) || !blank && listMarker(content) == 0 && w.underlined(next, src[i:cs])
		idStart, id, hasID := -1, "", false
		if !heading && !blank && content[0] != '|' {
			if s, v, ok := blockID(content); ok {
				idStart, id, hasID = cs+s, v, true
			}
		}
		switch {
		case hasID && idStart == cs:
			w.standaloneID(src[i:cs], id, eol)
			i = next
			continue
		case hasID && !w.endsBlock(next, src[i:cs]):
			hasID = false
		}
		if !heading && !hasID && w.r != nil && w.transclusion(i, cs, ce, eol) {
			i = next
			continue
		}

		start := len(w.out)
		w.out = append(w.out, src[i:cs]...)
		p := cs
		if !heading && pl > 0 && bytes.Contains(src[i:cs], []byte(">")) {
			p = w.callout(cs, ce)
		}
		stop, escape := ce, -1
		if hasID {
			stop = idStart
			// What is left must not end in something read as a block
			// id when the output is read again: "a ^x ^y".
			rest := src[cs:stop]
			if _, caret := blockIDAt(rest[:trimRight(rest)]); caret >= 0 && cs+caret >= p {
				escape = cs + caret
			}
		}
		end := stop
		if escape >= 0 {
			if end = w.inline(p, escape, heading); end == escape {
				w.out = append(w.out, '\\')
				p, end = escape, stop
			}
		}
		if end == stop {
			end = w.inline(p, stop, heading)
		}
		if end > stop {
			// A code span ran on into later lines: they are copied.
			eol, hasID = end, false
			next = min(eol+1, len(src))
		} else if hasID {
			w.out = append(w.out, src[ce:eol]...) // a trailing '\r' and spaces
		} else {
			w.out = append(w.out, src[stop:eol]...)
		}
		if eol < len(src) {
			w.out = append(w.out, '\n')
		}
		w.havePrev, w.prevBlank, w.prevOut = true, blank, start
		if hasID {
			w.itemID(src[i:cs], content, id, next)
		}
		i = next
	}
	if w.listID != "" {
		if len(w.out) > 0 && w.out[len(w.out)-1] != '\n' {
			w.out = append(w.out, '\n')
		}
		w.out = appendBlockAttr(w.out, w.listPrefix, w.listID)
		w.listID = ""
	}
}

// underlined reports whether the line starting at next, under a line
// whose container prefix is prefix, is a setext heading underline ("===",
// "---"): then the line above is a heading.
func (w *rewriter) underlined(next int, prefix []byte) bool {
	if next >= len(w.src) {
		return false
	}
	line := w.src[next:lineEnd(w.src, next)]
	pl := prefixLen(line)
	c := line[pl:]
	q1, _ := nesting(prefix)
	q2, in := nesting(line[:pl])
	return q1 == q2 && in <= 3 && isUnderline(c)
}

// isUnderline reports whether content (after the container prefix) is a
// run of '=' or of '-' and trailing spaces.
func isUnderline(content []byte) bool {
	c := content[:trimRight(content)]
	if len(c) == 0 || c[0] != '=' && c[0] != '-' {
		return false
	}
	for _, b := range c {
		if b != c[0] {
			return false
		}
	}
	return true
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

// nesting returns a container prefix's blockquote depth and the
// indentation after its blockquote markers.
func nesting(prefix []byte) (quotes, indent int) {
	q := quotePrefix(prefix)
	return bytes.Count(q, []byte(">")), len(prefix) - len(q)
}

// callout lowercases the type of a callout's first line ("[!TIP]") at cs,
// writing it, and returns where the rest of the line starts.
func (w *rewriter) callout(cs, ce int) int {
	src := w.src
	if ce-cs < 4 || src[cs] != '[' || src[cs+1] != '!' {
		return cs
	}
	k := cs + 2
	for k < ce && (isBlockIDByte(src[k]) || src[k] == '_') {
		k++
	}
	if k == cs+2 || k == ce || src[k] != ']' {
		return cs
	}
	w.out = append(w.out, "[!"...)
	w.out = append(w.out, strings.ToLower(string(src[cs+2:k]))...)
	w.out = append(w.out, ']')
	return k + 1
}

// special marks the bytes the inline scanner stops at.
var special = [256]bool{'\\': true, '`': true, '[': true, '!': true}

// inline rewrites the inline content src[i:end]. When a code span starting
// before end closes on a later line, it copies through to the end of that
// line and returns that line's end instead of end.
func (w *rewriter) inline(i, end int, heading bool) int {
	src := w.src
	start := i
	for i < end {
		c := src[i]
		if !special[c] {
			i++
			continue
		}
		switch c {
		case '\\':
			if i+1 < end && isPunct(src[i+1]) {
				i += 2
				continue
			}
		case '`':
			j, _ := w.spans.skip(i)
			if j > end {
				eol := lineEnd(src, j)
				// The rest of the closing line is scanned too.
				w.out = append(w.out, src[start:j]...)
				return max(w.inline(j, eol, false), eol)
			}
			i = j
			continue
		case '[', '!':
			embed := c == '!'
			open := i
			if embed {
				open++
			}
			if open+1 >= end || src[open] != '[' || src[open+1] != '[' {
				break
			}
			closeAt, nested := w.closing(open+2, end)
			if closeAt < 0 {
				break
			}
			if nested {
				if !w.linkAt(w.close.lastOpen, closeAt) {
					break
				}
				// The inner link is the link; escaping the outer "[" keeps
				// the outer brackets from enclosing its plain text as a
				// new link when the output is read again.
				w.out = append(w.out, src[start:open]...)
				w.out = append(w.out, '\\', '[')
				i, start = open+1, open+1
				continue
			}
			k := closeAt - (open + 2)
			inner := src[open+2 : closeAt]
			if w.spanLeaves(open+2, closeAt) {
				break
			}
			l, ok := parseWikilink(inner)
			if !ok {
				break
			}
			w.out = append(w.out, src[start:i]...)
			raw := src[i : open+4+k]
			if embed {
				w.embed(i, raw, l, heading)
			} else {
				w.link(i, raw, l, heading)
			}
			i = open + 4 + k
			start = i
			continue
		}
		i++
	}
	w.out = append(w.out, src[start:end]...)
	return end
}

// closing returns where the "]]" closing a link whose inside starts at
// from is, or -1, and whether a "[[" comes before it (then the link is
// not one: the inner one may be). A run of "[[" on a long line would
// make every search cover the same ground, so the last answer is kept:
// from any later start up to the same "]]" the answer is the same.
func (w *rewriter) closing(from, end int) (closeAt int, nested bool) {
	c := &w.close
	if end != c.end || from < c.from || c.at >= 0 && from > c.at {
		c.from, c.end = from, end
		c.at, c.lastOpen = -1, -1
		if k := closeBrackets(w.src[from:end]); k >= 0 {
			c.at = from + k
			if o := lastOpenBrackets(w.src[from:c.at]); o >= 0 {
				c.lastOpen = from + o
			}
		}
	}
	return c.at, c.at >= 0 && c.lastOpen >= from
}

// linkAt reports whether the "[[" at open, closed by the "]]" at closeAt
// with no "[[" between, is a link Rewrite rewrites.
func (w *rewriter) linkAt(open, closeAt int) bool {
	_, ok := parseWikilink(w.src[open+2 : closeAt])
	return ok && !w.spanLeaves(open+2, closeAt)
}

// lastOpenBrackets returns the index of the last "[[" in s whose first
// '[' is not backslash-escaped, or -1.
func lastOpenBrackets(s []byte) int {
	last := -1
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			if s[i+1] == '[' {
				last = i
			}
		}
	}
	return last
}

// closeBrackets returns the index of the first "]]" in s that is not
// backslash-escaped, or -1.
func closeBrackets(s []byte) int {
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case ']':
			if s[i+1] == ']' {
				return i
			}
		}
	}
	return -1
}

// spanLeaves reports whether a code span opening in src[from:to] closes
// after to: code spans bind tighter than links, so src[from:to] is then
// not the inside of a link.
func (w *rewriter) spanLeaves(from, to int) bool {
	src := w.src
	for i := from; i < to; i++ {
		switch src[i] {
		case '\\':
			i++
		case '`':
			j, ok := w.spans.skip(i)
			if ok && j > to {
				return true
			}
			i = j - 1
		}
	}
	return false
}

// appendDisplay writes a link's display text as plain text.
func (w *rewriter) appendDisplay(l wikilink) {
	text, literal := l.display()
	if w.atLineStart() && strings.ContainsAny(text[:1], "#>+-=") {
		// Not to start a heading, quote, list item or underline of its own.
		w.out = append(w.out, '\\')
	}
	if literal {
		w.out = appendLiteral(w.out, text)
	} else {
		w.out = appendAlias(w.out, text)
	}
}

// atLineStart reports whether nothing but a container prefix has been
// written on the current output line.
func (w *rewriter) atLineStart() bool {
	for i := len(w.out) - 1; i >= 0; i-- {
		switch w.out[i] {
		case '\n':
			return true
		case ' ', '\t', '>':
		default:
			return false
		}
	}
	return true
}

func (w *rewriter) link(off int, raw []byte, l wikilink, heading bool) {
	if heading || w.r == nil {
		w.appendDisplay(l)
		return
	}
	dest, err := w.r.Link(l.noteName(), l.fragment)
	if err != nil {
		w.problem(off, "cannot resolve %s: %v", raw, err)
		w.appendDisplay(l)
		return
	}
	w.out = append(w.out, '[')
	w.appendDisplay(l)
	w.out = append(w.out, "]("...)
	w.out = appendDest(w.out, dest)
	w.out = append(w.out, ')')
}

func (w *rewriter) embed(off int, raw []byte, l wikilink, heading bool) {
	ext := l.attachmentExt()
	if ext == "" {
		w.link(off, raw, l, heading)
		return
	}
	if !imageExts[ext] {
		w.attachmentLink(off, raw, l, heading)
		return
	}
	alt, width := l.imageParts()
	appendAlt := func() {
		if alt != "" {
			w.out = appendAlias(w.out, alt)
		} else {
			w.out = appendLiteral(w.out, baseName(l.name))
		}
	}
	if heading || w.r == nil {
		appendAlt()
		return
	}
	dest, err := w.r.Attachment(l.name)
	if err != nil {
		w.problem(off, "cannot embed %s: %v", raw, err)
		appendAlt()
		return
	}
	if width != "" {
		sep := "?"
		if strings.Contains(dest, "?") {
			sep = "&"
		}
		dest += sep + "w=" + width
	}
	w.out = append(w.out, "!["...)
	appendAlt()
	w.out = append(w.out, "]("...)
	w.out = appendDest(w.out, dest)
	w.out = append(w.out, ')')
}

// attachmentLink links to an embedded file that is not an image (a PDF,
// audio): Markdown has no embed for it.
func (w *rewriter) attachmentLink(off int, raw []byte, l wikilink, heading bool) {
	text := func() {
		if a := strings.TrimSpace(l.alias); a != "" {
			w.out = appendAlias(w.out, a)
		} else {
			w.out = appendLiteral(w.out, baseName(l.name))
		}
	}
	if heading || w.r == nil {
		text()
		return
	}
	dest, err := w.r.Attachment(l.name)
	if err != nil {
		w.problem(off, "cannot embed %s: %v", raw, err)
		text()
		return
	}
	if l.fragment != "" {
		dest += "#" + l.fragment
	}
	w.out = append(w.out, '[')
	text()
	w.out = append(w.out, "]("...)
	w.out = appendDest(w.out, dest)
	w.out = append(w.out, ')')
}

func baseName(name string) string {
	if k := strings.LastIndexByte(name, '/'); k >= 0 {
		return name[k+1:]
	}
	return name
}

// transclusion replaces a line holding only a note embed with the embedded
// Markdown, each line under the same container prefix, set apart by blank
// lines. It reports false when the line is not such an embed.
func (w *rewriter) transclusion(i, cs, ce, eol int) bool {
	src := w.src
	if ce-cs < 6 || src[cs] != '!' || src[cs+1] != '[' || src[cs+2] != '[' || src[ce-1] != ']' || src[ce-2] != ']' {
		return false
	}
	inner := src[cs+3 : ce-2]
	if closeBrackets(src[cs+3:ce]) != len(inner) || bytes.Contains(inner, []byte("[[")) || w.spanLeaves(cs+3, ce-2) {
		return false
	}
	l, ok := parseWikilink(inner)
	if !ok || l.attachmentExt() != "" {
		return false
	}
	md, err := w.r.Transclude(l.noteName(), l.fragment)
	if err != nil {
		w.problem(cs, "cannot embed %s: %v", src[cs:ce], err)
		return false
	}
	prefix := src[i:cs]
	bare := prefix[:trimRight(prefix)]
	start := len(w.out)
	if w.havePrev && !w.prevBlank {
		w.out = append(w.out, bare...)
		w.out = append(w.out, '\n')
	}
	md = bytes.TrimRight(md, "\n")
	for first := true; ; first = false {
		k := bytes.IndexByte(md, '\n')
		line := md
		if k >= 0 {
			line = md[:k]
		}
		if !first {
			w.out = append(w.out, '\n')
		}
		if len(line) == 0 {
			w.out = append(w.out, bare...)
		} else {
			w.out = append(w.out, prefix...)
			w.out = append(w.out, line...)
		}
		if k < 0 {
			break
		}
		md = md[k+1:]
	}
	if eol < len(src) {
		nextEnd := lineEnd(src, eol+1)
		if !isBlank(src[eol+1 : nextEnd]) {
			w.out = append(w.out, '\n')
			w.out = append(w.out, bare...)
		}
		w.out = append(w.out, '\n')
	}
	w.havePrev, w.prevBlank, w.prevOut = true, false, start
	return true
}
