package markdown

import (
	"bytes"
	"slices"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Segment is a run of a note body that is fenced code, an indented code
// block, or text with no code block in it. Whatever decides what is code
// in Crib (comment removal, tags, wikilinks, fence labels, headings)
// reads it from Segments, which takes it from goldmark's own parser: the
// code Crib leaves alone is the code Hugo renders as code.
type Segment struct {
	Fence      bool // fenced code
	Indented   bool // an indented code block: code, but no fence
	Start, End int  // byte offsets into the source; End is exclusive
	Line       int  // 1-based line of Start within the source

	// Fence only. Start is the start of the opening line and End the end
	// of the closing line, or of the last line of code when the fence is
	// not closed (its container or the source ends first).
	Prefix             string // what comes before the opening marker on its line: indentation, blockquote and list markers
	Marker             string // the opening run of backticks or tildes
	Info               string // the info string, trimmed
	InfoStart, InfoEnd int    // where the info string sits in the source
	CodeStart, CodeEnd int    // the code between the fence lines
	Closed             bool   // false when no closing line ends the fence
	// Indent is Prefix with its list markers written as spaces: what a
	// line inside the fence's container starts with, for writing the
	// closing line of a fence that has none.
	Indent string

	// Text only: the inline code spans in the text, as offsets into
	// src[Start:End], in order.
	Spans []Span
}

// Code reports whether the segment is a code block, fenced or indented.
func (s Segment) Code() bool { return s.Fence || s.Indented }

// Span is a range of bytes [Start, End). A code span's range runs from
// its opening backticks to the end of its closing ones.
type Span struct{ Start, End int }

// Segments splits src into text and code-block segments that together
// cover src exactly, as goldmark parses src with Options: fences inside
// list items (also on the item's own line, "1. ```bash") and
// blockquotes, fences indented up to three spaces in their container,
// the closing fence's character and length, indented code blocks, and
// code spans that end where their paragraph, list item or heading ends.
// Text with no backtick, tilde, tab or four spaces in a row holds no
// code, and is not parsed.
func Segments(src []byte) []Segment {
	if !mayHoldCode(src) {
		return []Segment{{Start: 0, End: len(src), Line: 1}}
	}
	rec := parseCode(src)
	return rec.segments()
}

// mayHoldCode reports whether src may hold code at all: a fence or a
// code span needs a backtick or a tilde, and indented code four columns
// of white space after its container's markers.
func mayHoldCode(src []byte) bool {
	return bytes.IndexByte(src, '`') >= 0 || bytes.IndexByte(src, '~') >= 0 ||
		bytes.IndexByte(src, '\t') >= 0 || bytes.Contains(src, []byte("    "))
}

// structure parses for Segments: Options, without heading ids, and with
// emphasisRuns for goldmark's emphasis parser. plainStructure parses
// sources in which Linkify can find no link (see linkMarks): without
// Linkify, and without emphasisRuns, as no other parser looks at '*' and
// '_'.
var (
	structure = sync.OnceValue(func() goldmark.Markdown {
		inline := inlineParsers()
		for i, p := range inline {
			if p.Value.(parser.InlineParser) == parser.NewEmphasisParser() {
				inline[i].Value = emphasisRuns{}
			}
		}
		return goldmark.New(options(inline, true)...)
	})
	plainStructure = sync.OnceValue(func() goldmark.Markdown {
		inline := slices.DeleteFunc(inlineParsers(), func(p util.PrioritizedValue) bool {
			return p.Value.(parser.InlineParser) == parser.NewEmphasisParser()
		})
		return goldmark.New(options(inline, false)...)
	})
)

// emphasisRuns stands in for goldmark's emphasis parser where only code
// matters. It takes the runs of '*' and '_' that parser takes, so every
// other parser (Linkify's too, which '*' and '_' also trigger) is asked
// about the same text, but as plain text: what is code never depends on
// emphasis, and leaving the delimiters out halves the parse's memory.
type emphasisRuns struct{}

func (emphasisRuns) Trigger() []byte { return []byte{'*', '_'} }

func (emphasisRuns) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, seg := block.PeekLine()
	d := parser.ScanDelimiter(line, before, 1, emphasisChars{})
	if d == nil {
		return nil
	}
	block.Advance(d.OriginalLength)
	return ast.NewTextSegment(seg.WithStop(seg.Start + d.OriginalLength))
}

// emphasisChars is goldmark's emphasis delimiter processor, for
// parser.ScanDelimiter.
type emphasisChars struct{}

func (emphasisChars) IsDelimiter(b byte) bool { return b == '*' || b == '_' }

func (emphasisChars) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (emphasisChars) OnMatch(consumes int) ast.Node { return ast.NewEmphasis(consumes) }

// parseCode parses src and returns what its parse recorded.
func parseCode(src []byte) *codeRecorder {
	rec := &codeRecorder{src: src}
	ctx := parser.NewContext()
	ctx.Set(codeKey, rec)
	marks := linkMarks(src)
	ctx.Set(docKey, &docContext{marks: marks})
	md := structure()
	if len(marks) == 0 {
		md = plainStructure()
	}
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	if bytes.Contains(src, []byte("[^")) {
		// goldmark drops the footnote definitions nothing refers to,
		// code and all, after parsing them: what it does not render is
		// not code.
		rec.keepRendered(doc)
	}
	return rec
}

// keepRendered drops what was recorded of the nodes no longer in doc.
func (r *codeRecorder) keepRendered(doc ast.Node) {
	in := map[ast.Node]bool{}
	for n := doc; n != nil; {
		switch n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.CodeSpan:
			in[n] = true
		}
		if c := n.FirstChild(); c != nil {
			n = c
			continue
		}
		for n != doc && n.NextSibling() == nil {
			n = n.Parent()
		}
		if n == doc {
			break
		}
		n = n.NextSibling()
	}
	r.blocks = slices.DeleteFunc(r.blocks, func(b codeBlock) bool { return !in[b.node] })
	k := 0
	for i, s := range r.spans {
		if in[r.spanNodes[i]] {
			r.spans[k] = s
			k++
		}
	}
	r.spans, r.spanNodes = r.spans[:k], nil
}

// codeKey holds, in a parser context, the *codeRecorder the code parsers
// write to. Parses without one (rendering, extraction) record nothing.
var codeKey = parser.NewContextKey()

// codeRecorder is what the code parsers (recordedFences,
// recordedIndented, recordedSpans) saw of one parse.
type codeRecorder struct {
	src    []byte
	blocks []codeBlock
	spans  []Span // absolute
	// spanNodes holds the node of each of spans.
	spanNodes []ast.Node
	// failed holds the stray backtick runs (opening runs with no closing
	// run) longer than maxRemembered, which EscapeStrayTicks escapes.
	failed []Span
	// runs indexes the backtick runs of the block being parsed once an
	// opening run there found no closer (see recordedSpans).
	runs backtickRuns
	// misses counts the opening runs for which goldmark's parser read
	// the rest of their block and found no closer: at most one a block.
	misses int
}

// codeBlock is one fenced or indented code block, by source offsets.
type codeBlock struct {
	node       ast.Node
	fence      bool
	start, end int // the start of its first line, the end of its last
	marker     int // fence: the offset of its opening marker
	closeStart int // fence: the start of its closing line, or -1
}

func (r *codeRecorder) block(node ast.Node) *codeBlock {
	for i := len(r.blocks) - 1; i >= 0; i-- {
		if r.blocks[i].node == node {
			return &r.blocks[i]
		}
	}
	return nil
}

// lineStart returns the start of the line holding i.
func lineStart(src []byte, i int) int { return bytes.LastIndexByte(src[:i], '\n') + 1 }

// lineEndAfter returns the offset after the '\n' ending the line holding
// i, or len(src).
func lineEndAfter(src []byte, i int) int {
	if k := bytes.IndexByte(src[i:], '\n'); k >= 0 {
		return i + k + 1
	}
	return len(src)
}

// recordedFences is goldmark's fenced code block parser, recording where
// each fence's lines are.
type recordedFences struct{ parser.BlockParser }

func (p recordedFences) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	_, seg := reader.PeekLine()
	node, state := p.BlockParser.Open(parent, reader, pc)
	if rec, ok := pc.Get(codeKey).(*codeRecorder); ok && node != nil {
		src := reader.Source()
		start := lineStart(src, seg.Start)
		// Container markers hold no backtick or tilde: the first one
		// on the line opens the fence.
		marker := start + bytes.IndexAny(src[start:], "`~")
		rec.blocks = append(rec.blocks, codeBlock{node: node, fence: true, start: start, marker: marker, closeStart: -1})
	}
	return node, state
}

func (p recordedFences) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	_, seg := reader.PeekLine()
	state := p.BlockParser.Continue(node, reader, pc)
	if state&parser.Close != 0 {
		if rec, ok := pc.Get(codeKey).(*codeRecorder); ok {
			if b := rec.block(node); b != nil {
				b.closeStart = lineStart(rec.src, seg.Start)
				b.end = lineEndAfter(rec.src, seg.Start)
			}
		}
	}
	return state
}

func (p recordedFences) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	rec, ok := pc.Get(codeKey).(*codeRecorder)
	if !ok {
		return
	}
	b := rec.block(node)
	if b == nil || b.closeStart >= 0 {
		return
	}
	// Ended by its container or by the source: the fence runs to the
	// end of its last line of code.
	b.end = lineEndAfter(rec.src, b.marker)
	if lines := node.Lines(); lines.Len() > 0 {
		b.end = max(b.end, lines.At(lines.Len()-1).Stop)
	}
}

// recordedIndented is goldmark's indented code block parser, recording
// where each block's lines are.
type recordedIndented struct{ parser.BlockParser }

func (p recordedIndented) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc) // drops trailing blank lines
	rec, ok := pc.Get(codeKey).(*codeRecorder)
	lines := node.Lines()
	if !ok || lines.Len() == 0 {
		return
	}
	first, last := lines.At(0), lines.At(lines.Len()-1)
	rec.blocks = append(rec.blocks, codeBlock{node: node, start: lineStart(rec.src, first.Start), end: lineEndAfter(rec.src, max(first.Start, last.Stop-1))})
}

// maxRemembered is the longest stray backtick run goldmark itself can
// afford: for every opening run it finds no closer for, it reads on to
// the end of the paragraph, so each length of stray run costs a read of
// the paragraph. Up to this length that is a bounded number of reads;
// longer stray runs are escaped (EscapeStrayTicks).
const maxRemembered = 32

// recordedSpans is goldmark's code span parser, recording where each
// code span is. It also keeps the parse linear: once an opening run in a
// block has found no closer, the block's backtick runs are indexed, and
// an opening run whose length has no run left after it fails at once,
// as goldmark's parser would after reading the rest of the block.
type recordedSpans struct{ parser.InlineParser }

func (p recordedSpans) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	rec, ok := pc.Get(codeKey).(*codeRecorder)
	if !ok {
		return p.InlineParser.Parse(parent, block, pc)
	}
	line, seg := block.PeekLine()
	n := 0
	for n < len(line) && line[n] == '`' {
		n++
	}
	if rec.runs.block == parent && !rec.runs.after(n, seg.Start+n) {
		// What goldmark's parser returns for an opening run with no
		// closer.
		block.Advance(n)
		rec.stray(seg.Start, n)
		return ast.NewTextSegment(seg.WithStop(seg.Start + n))
	}
	node := p.InlineParser.Parse(parent, block, pc)
	if _, ok := node.(*ast.CodeSpan); ok {
		rec.spans = append(rec.spans, Span{seg.Start, ClosingRun(rec.src, seg.Start+n, n)})
		rec.spanNodes = append(rec.spanNodes, node)
		return node
	}
	rec.misses++
	if rec.runs.block != parent {
		rec.runs.index(parent, block)
	}
	rec.stray(seg.Start, n)
	return node
}

// stray records an opening run with no closer.
func (r *codeRecorder) stray(start, n int) {
	if n > maxRemembered {
		r.failed = append(r.failed, Span{start, start + n})
	}
}

// ClosingRun returns the end of the first run of exactly n backticks at
// or after from in src, or -1: where the code span an opening run of n
// backticks before from ends, when src is one line or paragraph.
func ClosingRun(src []byte, from, n int) int {
	for i := from; i < len(src); {
		k := bytes.IndexByte(src[i:], '`')
		if k < 0 {
			break
		}
		j := i + k
		e := j
		for e < len(src) && src[e] == '`' {
			e++
		}
		if e-j == n {
			return e
		}
		i = e
	}
	return -1
}

// backtickRuns indexes the backtick runs of the rest of one block from
// where it was made, as goldmark's code span parser finds them: runs in
// each line, as long as they are, read from the line's start.
type backtickRuns struct {
	block ast.Node
	last  map[int]int // run length -> start of the last run of that length
}

// index reads the rest of the block, leaving the reader where it was.
func (b *backtickRuns) index(block ast.Node, r text.Reader) {
	b.block = block
	b.last = map[int]int{}
	l, pos := r.Position()
	for {
		line, seg := r.PeekLine()
		if line == nil {
			break
		}
		for i := 0; i < len(line); i++ {
			if line[i] != '`' {
				continue
			}
			j := i
			for i < len(line) && line[i] == '`' {
				i++
			}
			b.last[i-j] = seg.Start - seg.Padding + j
		}
		r.AdvanceLine()
	}
	r.SetPosition(l, pos)
}

// after reports whether a run of n backticks starts at or after from.
func (b *backtickRuns) after(n, from int) bool {
	s, ok := b.last[n]
	return ok && s >= from
}

// segments turns what was recorded into Segments.
func (r *codeRecorder) segments() []Segment {
	src := r.src
	slices.SortFunc(r.blocks, func(a, b codeBlock) int { return a.start - b.start })
	slices.SortFunc(r.spans, func(a, b Span) int { return a.Start - b.Start })
	segs := make([]Segment, 0, 2*len(r.blocks)+1)
	pos, line := 0, 1
	spans := r.spans
	text := func(end int) {
		s := Segment{Start: pos, End: end, Line: line}
		k := 0
		for k < len(spans) && spans[k].Start < end {
			k++
		}
		// The spans become offsets into the segment, in place.
		for i := range spans[:k] {
			spans[i].Start -= pos
			spans[i].End -= pos
		}
		if k > 0 {
			s.Spans = spans[:k:k]
		}
		spans = spans[k:]
		segs = append(segs, s)
		line += bytes.Count(src[pos:end], []byte{'\n'})
		pos = end
	}
	for _, b := range r.blocks {
		if b.start < pos || b.end <= b.start {
			continue // cannot happen: blocks never share a line
		}
		if b.start > pos {
			text(b.start)
		}
		segs = append(segs, r.segment(b, line))
		line += bytes.Count(src[b.start:b.end], []byte{'\n'})
		pos = b.end
	}
	if pos < len(src) || len(segs) == 0 {
		text(len(src))
	}
	return segs
}

// segment returns the Segment of a code block starting on line.
func (r *codeRecorder) segment(b codeBlock, line int) Segment {
	src := r.src
	s := Segment{Start: b.start, End: b.end, Line: line, CodeStart: b.start, CodeEnd: b.end}
	if !b.fence {
		s.Indented = true
		return s
	}
	s.Fence = true
	m := b.marker
	k := m
	for k < len(src) && src[k] == src[m] {
		k++
	}
	s.Prefix, s.Marker = string(src[b.start:m]), markerString(src[m:k])
	s.Indent = indent(s.Prefix)
	s.InfoStart, s.InfoEnd = k, k
	if info := b.node.(*ast.FencedCodeBlock).Info; info != nil {
		s.InfoStart, s.InfoEnd = info.Segment.Start, info.Segment.Stop
		s.Info = string(src[s.InfoStart:s.InfoEnd])
	}
	s.CodeStart = lineEndAfter(src, m)
	s.CodeEnd = b.end
	if b.closeStart >= 0 {
		s.CodeEnd, s.Closed = b.closeStart, true
	}
	s.CodeEnd = max(s.CodeEnd, s.CodeStart)
	return s
}

// indent returns a fence's prefix with everything but blockquote markers
// and tabs written as spaces.
func indent(prefix string) string {
	b := []byte(prefix)
	changed := false
	for i, c := range b {
		if c != '>' && c != '\t' && c != ' ' {
			b[i], changed = ' ', true
		}
	}
	if !changed {
		return prefix
	}
	return string(b)
}

// markerString is string(marker) without an allocation for the usual
// markers.
func markerString(marker []byte) string {
	switch string(marker) {
	case "```":
		return "```"
	case "~~~":
		return "~~~"
	}
	return string(marker)
}

// EscapeStrayTicks returns src with every backtick of each stray run
// (an opening run that no run of the same length closes) longer than 32
// backticks written as "\`". Such runs are text either way, but goldmark,
// and so Hugo, reads to the end of the paragraph for each length of them:
// thousands of them make the page take minutes to render. src itself is
// returned when there are none.
func EscapeStrayTicks(src []byte) []byte {
	if !bytes.Contains(src, longRun) {
		return src
	}
	rec := parseCode(src)
	if len(rec.failed) == 0 {
		return src
	}
	slices.SortFunc(rec.failed, func(a, b Span) int { return a.Start - b.Start })
	out := make([]byte, 0, len(src)+len(rec.failed)*(maxRemembered+1))
	pos := 0
	for _, f := range rec.failed {
		out = append(out, src[pos:f.Start]...)
		for range f.End - f.Start {
			out = append(out, '\\', '`')
		}
		pos = f.End
	}
	return append(out, src[pos:]...)
}

// longRun is the shortest stray run EscapeStrayTicks escapes.
var longRun = bytes.Repeat([]byte{'`'}, maxRemembered+1)
