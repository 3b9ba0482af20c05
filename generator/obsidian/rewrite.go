package obsidian

import (
	"bytes"
	"fmt"

	"github.com/crib-notes/crib/generator/markdown"
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
// Code spans (spans: the text's markdown.Segment.Spans) and backslash
// escapes are kept as written, and so is everything else, ==highlights==
// and #tags included. Lines keep their numbers except where a
// transclusion is inlined or a block id at the end of a paragraph gets
// its attribute line. Comments must already be gone (StripBodyComments).
// out is text itself when there is nothing to rewrite.
func Rewrite(text []byte, spans []markdown.Span, r Resolver) (out []byte, problems []Problem) {
	if !mayNeedRewrite(text) {
		return text, nil
	}
	w := newRewriter(text, spans, r, nil)
	w.run()
	return w.out, w.problems
}

// Buffer holds what Rewrite allocates, for reuse by the next call: a
// caller rewriting the runs of a body one after another allocates once.
// The zero value is ready. A Buffer must not be used again while one of
// its calls is running (from a Resolver's Transclude, say).
type Buffer struct {
	w rewriter
}

// Rewrite is Rewrite writing into the buffer. out is valid until the next
// call.
func (b *Buffer) Rewrite(text []byte, spans []markdown.Span, r Resolver) (out []byte, problems []Problem) {
	if !mayNeedRewrite(text) {
		return text, nil
	}
	b.w = *newRewriter(text, spans, r, b.w.out[:0])
	b.w.run()
	out, problems = b.w.out, b.w.problems
	// Only the storage is kept: a Buffer kept for later must not hold on
	// to the text or the resolver.
	b.w = rewriter{out: out}
	return out, problems
}

// HeadingText returns a heading line (or just its text) as Rewrite writes
// it: wikilinks and embeds replaced by their display text. Hugo computes
// the heading's anchor from it. The result is Markdown: characters of a
// note name that Markdown would read as syntax are backslash-escaped
// ("\*"), and a backtick is written "&#96;".
func HeadingText(line []byte) []byte {
	if !bytes.Contains(line, []byte("[[")) {
		return line
	}
	w := newRewriter(line, headingSpans(line), nil, nil)
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

	// next holds, for '[', '`' and '^', the offset of the first one at
	// or after the offset it was searched from (len(src) for none); see
	// plainUntil.
	next [3]struct{ from, at int }
	// lineByLine turns plainUntil off, for tests comparing the two.
	lineByLine bool
}

// headingSpans returns the code spans of a heading line, or of a
// heading's text, as goldmark reads the heading.
func headingSpans(line []byte) []markdown.Span {
	shift := 0
	if len(line) == 0 || line[0] != '#' {
		line = append([]byte("# "), line...)
		shift = 2
	}
	var spans []markdown.Span
	for _, s := range markdown.Segments(line) {
		for _, sp := range s.Spans {
			spans = append(spans, markdown.Span{Start: s.Start + sp.Start - shift, End: s.Start + sp.End - shift})
		}
	}
	return spans
}

// newRewriter returns a rewriter for src, whose code spans are spans,
// that writes into buf's storage when it has room (buf is nil or empty).
func newRewriter(src []byte, spans []markdown.Span, r Resolver, buf []byte) *rewriter {
	if c := len(src) + len(src)/16; cap(buf) < c {
		buf = make([]byte, 0, c)
	}
	w := &rewriter{
		src:      src,
		r:        r,
		out:      buf,
		spans:    newCodeSpans(src, spans),
		lineNo:   1,
		reported: -1,
		close:    struct{ from, end, at, lastOpen int }{at: -1, end: -1},
	}
	for k := range w.next {
		w.next[k].at = -1 // not searched yet
	}
	return w
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
	p := Problem{
		Offset:  off,
		Line:    w.lineNo,
		Col:     off - w.lineStart + 1,
		Message: fmt.Sprintf(format, args...),
	}
	for _, a := range args {
		if err, ok := a.(error); ok {
			p.Err = err // the Resolver's, which the caller may sort by
		}
	}
	w.problems = append(w.problems, p)
	w.reported = off
}

// run rewrites the whole run, one line at a time.
func (w *rewriter) run() {
	src := w.src
	for i := 0; i < len(src); {
		if k := w.plainUntil(i); k > i {
			// Written as they are; the last of them is the line before
			// the next one.
			end := k
			if src[k-1] == '\n' {
				end--
			}
			last := i + bytes.LastIndexByte(src[i:end], '\n') + 1
			w.havePrev, w.prevBlank, w.prevOut = true, isBlank(src[last:end]), len(w.out)+last-i
			w.out = append(w.out, src[i:k]...)
			i = k
			continue
		}
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

// plainUntil returns where the lines from the line start i on stop being
// plain (the start of the first line holding a '[', '`' or '^', or the
// end of the run), or i when the line at i is not. A plain line holds no
// link, embed, code span, callout or block id: it is written as it is.
// Nor does it end a tight list that has an id to write after it, so
// while one is pending, no line is plain.
func (w *rewriter) plainUntil(i int) int {
	if w.listID != "" || w.lineByLine {
		return i
	}
	src := w.src
	first := len(src)
	for k, c := range [3]byte{'[', '`', '^'} {
		n := &w.next[k]
		if n.at < i || n.from > i {
			n.from, n.at = i, len(src)
			if j := bytes.IndexByte(src[i:], c); j >= 0 {
				n.at = i + j
			}
		}
		first = min(first, n.at)
	}
	if first == len(src) {
		return first
	}
	return max(i, bytes.LastIndexByte(src[:first], '\n')+1)
}

// underlined reports whether the line starting at next, under a line
// whose container prefix is prefix, is a setext heading underline ("===",
// "---"): then the line above is a heading.
func (w *rewriter) underlined(next int, prefix []byte) bool {
	p := next
	for p < len(w.src) && (w.src[p] == ' ' || w.src[p] == '\t' || w.src[p] == '>' || w.src[p] == '\r') {
		p++
	}
	if p == len(w.src) || w.src[p] != '=' && w.src[p] != '-' {
		return false // most lines: the next one starts with something else
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

// nesting returns a container prefix's blockquote depth and the
// indentation after its blockquote markers.
func nesting(prefix []byte) (quotes, indent int) {
	q := quotePrefix(prefix)
	return bytes.Count(q, []byte(">")), len(prefix) - len(q)
}

// special marks the bytes the inline scanner stops at.
var special = [256]bool{'\\': true, '`': true, '[': true, '!': true}

// inline rewrites the inline content src[i:end]. When a code span starting
// before end closes on a later line, it copies through to the end of that
// line and returns that line's end instead of end.
func (w *rewriter) inline(i, end int, heading bool) int {
	src := w.src
	if bytes.IndexByte(src[i:end], '[') < 0 && bytes.IndexByte(src[i:end], '`') < 0 {
		// No link, embed or code span starts here (a backslash or '!' matters
		// only before one): most lines.
		w.out = append(w.out, src[i:end]...)
		return end
	}
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
