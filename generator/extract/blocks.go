package extract

import (
	"bytes"
	"strings"
	"sync"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// topBlock is one top-level block of a note: the bytes from the start of
// its first line to the start of the next block, and its index among the
// rendered page's top-level elements (-1 when it renders as none).
type topBlock struct {
	node       ast.Node
	start, end int
	elem       int
}

// unknownElem marks a block whose elements on the page are not known:
// an HTML block that is more than comments renders as whatever elements
// a browser builds from its tags, which may take in the blocks after it
// (a <details> closed three blocks later), so it and every block after it
// are not counted.
const unknownElem = -2

// topBlocks lists the top-level blocks of doc in source order. Footnote
// definitions are left out: they are moved to the end of the page.
func topBlocks(doc ast.Node, src []byte) []topBlock {
	var bs []topBlock
	elem := 0
	unknown := false
	for b := doc.FirstChild(); b != nil; b = b.NextSibling() {
		if _, ok := b.(*east.FootnoteList); ok {
			continue
		}
		tb := topBlock{node: b, start: lineStart(src, blockStart(b, src)), elem: -1}
		h, raw := b.(*ast.HTMLBlock)
		unknown = unknown || raw && !onlyComments(h, src)
		switch {
		case unknown:
			tb.elem = unknownElem
		case !raw:
			tb.elem = elem
			elem++
		}
		if n := len(bs); n > 0 {
			bs[n-1].end = tb.start
		}
		bs = append(bs, tb)
	}
	if n := len(bs); n > 0 {
		bs[n-1].end = len(src)
	}
	return bs
}

// onlyComments reports whether an HTML block holds nothing but comments,
// which render as no element.
func onlyComments(h *ast.HTMLBlock, src []byte) bool {
	var b []byte
	for i := range h.Lines().Len() {
		seg := h.Lines().At(i)
		b = append(b, seg.Value(src)...)
	}
	if h.HasClosure() {
		b = append(b, h.ClosureLine.Value(src)...)
	}
	for {
		b = bytes.TrimSpace(b)
		rest, ok := bytes.CutPrefix(b, []byte("<!--"))
		if !ok {
			return len(b) == 0
		}
		_, after, closed := bytes.Cut(rest, []byte("-->"))
		if !closed {
			return true
		}
		b = after
	}
}

// trimmable reports whether the page shows block b as the answer's
// Markdown renders it once the marker cut is dropped from the start of
// b's text (what the practice page does to the copied elements). A
// paragraph is; so is a list whose first item starts with the marker,
// unless the marker is all that item holds and dropping the item would
// change the list: an ordered list would start at 2, and a loose list
// whose only blank line followed that item would turn tight.
func trimmable(b ast.Node, cut [2]int, src []byte) bool {
	switch b := b.(type) {
	case *ast.Paragraph:
		return true
	case *ast.List:
		wholeItem := cut[0] == lineStart(src, cut[0]) && (cut[1] >= len(src) || src[cut[1]-1] == '\n')
		return !wholeItem || (!b.IsOrdered() && b.IsTight)
	}
	return false
}

// noBlocks marks an answer that is not a run of whole blocks.
var noBlocks = BlockRange{Start: -1, End: -1}

// locate maps the open answer, bytes start to end with x.cuts removed, to
// the elements of the rendered page, as close does to Markdown: markers
// cut, separators at the end dropped.
func (x *qextractor) locate(start, end int) BlockRange {
	src, bs := x.src, x.blocks
	i := 0
	for i < len(bs) && bs[i].start < start {
		i++
	}
	// The answer must begin after the previous block's text, or on a line
	// of a top-level paragraph the page shows it on too.
	var r BlockRange
	if i > 0 && start < leafEnd(bs[i-1], src) {
		p, ok := bs[i-1].node.(*ast.Paragraph)
		// A lone CR ends a line for goldmark, not for these byte offsets
		// (the pipeline turns it into LF before).
		if !ok || bs[i-1].elem < 0 || bytes.IndexByte(src[bs[i-1].start:bs[i-1].end], '\r') >= 0 {
			return noBlocks
		}
		if r.Lines, ok = breaksBefore(p, start, src); !ok || !x.aloneAsParagraph(start, leafEnd(bs[i-1], src)) {
			return noBlocks
		}
		i--
	}
	j := i
	for j < len(bs) && bs[j].end <= end {
		if bs[j].elem == unknownElem {
			return noBlocks
		}
		j++
	}
	if j < len(bs) && bs[j].start < end {
		return noBlocks
	}
	for _, c := range x.cuts {
		if c[0] < start || c[1] > end {
			continue
		}
		if i >= j || c[0] < bs[i].start || c[0] >= bs[i].end {
			return noBlocks // a marker anywhere but in the first block
		}
		if len(bytes.TrimSpace(src[c[1]:bs[i].end])) == 0 {
			i++ // the block held only the marker
			r.Lines = 0
			continue
		}
		if !trimmable(bs[i].node, c, src) || r.Trim != "" {
			return noBlocks
		}
		marker := string(src[c[0]:c[1]])
		if _, ok := bs[i].node.(*ast.List); ok {
			// A cut of the whole first item holds its bullet, which is
			// not text on the page.
			marker = strings.TrimLeft(marker, "-*+0123456789.) \t")
		}
		r.Trim = strings.TrimSpace(strings.Map(func(r rune) rune {
			if r == '*' || r == '_' {
				return -1
			}
			return r
		}, marker))
		if !showsAs(src, c, r.Trim) {
			return noBlocks // "A:**": asterisks the page shows as text
		}
	}
	for j > i && separatorBlock(bs[j-1].node, src) {
		j--
	}
	r.Start, r.End = elemIndex(bs, i), elemIndex(bs, j)
	if r.Start == r.End {
		r.Trim, r.Lines = "", 0
	}
	return r
}

// breaksBefore returns how many line breaks of paragraph p come before
// byte start, which begins one of its lines: each is a newline or a <br>
// on the page. ok is false when start begins no line of p, or when a line
// break before it is not one the page shows as such: one inside a code
// span or raw HTML (shown as a space, or not as text), or inside an
// inline this does not know.
func breaksBefore(p *ast.Paragraph, start int, src []byte) (int, bool) {
	lines := p.Lines()
	line := -1
	for k := range lines.Len() {
		if lineStart(src, lines.At(k).Start) == start {
			line = k
			break
		}
	}
	if line <= 0 {
		return 0, false
	}
	shown := 0
	ast.Walk(p, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Paragraph, *ast.Emphasis, *ast.Link, *ast.String:
			return ast.WalkContinue, nil
		case *ast.Text:
			if entering && n.Segment.Stop <= start && (n.SoftLineBreak() || n.HardLineBreak()) {
				shown++
			}
			return ast.WalkContinue, nil
		}
		return ast.WalkSkipChildren, nil
	})
	return line, shown == line
}

// parser reads the bits of an answer that must read on their own as on
// the page; one for the package, as a Markdown parser takes long to set up
// and is read side by side safely (normalize shares one over a vault).
var parser = sync.OnceValue(markdown.NewParser)

// showsAs reports whether the answer marker cut from src shows as the
// text trim on the page (spacing aside): its line read on its own shows
// trim and then what follows the marker. Its asterisks and underscores
// are emphasis there, not text ("**A:**0" is text: a closing "**" cannot
// come right before a letter or digit).
func showsAs(src []byte, cut [2]int, trim string) bool {
	end := max(lineEnd(src, cut[0]), cut[0])
	plain := func(b []byte) string {
		b = bytes.TrimSpace(b)
		return strings.Join(strings.Fields(markdown.PlainText(parser().Parse(b), b)), "")
	}
	rest := ""
	if cut[1] < end {
		rest = plain(src[cut[1]:end])
	}
	return plain(src[cut[0]:end]) == strings.Join(strings.Fields(trim), "")+rest
}

// aloneAsParagraph reports whether the answer's part of a paragraph,
// bytes start to stop with the markers cut, reads on its own as one
// paragraph of the same lines, as the answer's Markdown is read on its
// own for a card: a line that alone opens a list, a heading, a quote or
// a link definition ("*", "# x", "> x") is text inside the paragraph.
func (x *qextractor) aloneAsParagraph(start, stop int) bool {
	var b []byte
	pos := start
	for _, c := range x.cuts {
		if c[0] >= pos && c[1] <= stop {
			b = append(b, x.src[pos:c[0]]...)
			pos = c[1]
		}
	}
	b = bytes.TrimLeft(append(b, x.src[pos:stop]...), " \t")
	doc := parser().Parse(b)
	p, ok := doc.FirstChild().(*ast.Paragraph)
	return ok && doc.ChildCount() == 1 && p.Lines().Len() == bytes.Count(bytes.TrimRight(b, "\n"), []byte("\n"))+1
}

// elemIndex is the index of the first element at or after block i: the
// number of elements before it when none after it is counted.
func elemIndex(bs []topBlock, i int) int {
	for ; i < len(bs) && bs[i].elem != unknownElem; i++ {
		if bs[i].elem >= 0 {
			return bs[i].elem
		}
	}
	n := 0
	for _, b := range bs[:i] {
		if b.elem >= 0 {
			n = b.elem + 1
		}
	}
	return n
}

// leafEnd is where a block's text ends: the end of its last line for a
// leaf block, the end of its bytes for a container.
func leafEnd(b topBlock, src []byte) int {
	if b.node.Lines().Len() > 0 {
		return b.node.Lines().At(b.node.Lines().Len() - 1).Stop
	}
	if h, ok := b.node.(*ast.Heading); ok {
		return headingEnd(h, src, b.start)
	}
	return b.end
}

// separatorBlock reports a block that trimSeparators drops from the end of
// an answer: a rule, or a paragraph of rule characters.
func separatorBlock(n ast.Node, src []byte) bool {
	switch n := n.(type) {
	case *ast.ThematicBreak:
		return true
	case *ast.Paragraph:
		if n.Lines().Len() != 1 {
			return false
		}
		seg := n.Lines().At(0)
		return trimSeparators(string(seg.Value(src))) == ""
	}
	return false
}
