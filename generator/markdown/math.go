package markdown

import (
	"bytes"
	"strings"

	"github.com/crib-notes/crib/generator/mathtext"
	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Math in notes is written as Obsidian reads it: "$…$" inline and
// "$$…$$" display. The site renders it with Hugo's passthrough extension
// (the delimiters below, set in hugo.toml) and KaTeX, at build time.
//
// Hugo's passthrough parser takes any "$" that a "$" follows later in
// the paragraph, so "costs $5 and $10" would be a formula. Obsidian's
// rules are stricter, and they decide here: no space after the opening
// "$" nor before the closing one, a closing "$" not followed by a digit,
// the first "$" that is not escaped being the only closer tried, never
// inside code. mathParser reads them as one of goldmark's inline parsers,
// so code spans, autolinks and escapes take their places as goldmark
// gives them. HugoMath then writes a note so that Hugo's parser finds
// exactly the same formulas: every other "$" escaped.
var (
	// InlineMath and DisplayMath are the passthrough delimiters of the
	// site's hugo.toml.
	InlineMath  = passthrough.Delimiters{Open: "$", Close: "$"}
	DisplayMath = passthrough.Delimiters{Open: "$$", Close: "$$"}
)

// mathExtension is Hugo's passthrough extension with the site's
// delimiters (its node kinds, and the transformer that makes display
// math a block of its own), and mathParser in front of its parser.
var mathExtension goldmark.Extender = mathExtender{}

type mathExtender struct{}

func (mathExtender) Extend(m goldmark.Markdown) {
	passthrough.New(passthrough.Config{
		InlineDelimiters: []passthrough.Delimiters{InlineMath},
		BlockDelimiters:  []passthrough.Delimiters{DisplayMath},
	}).Extend(m)
	// Hugo's parser has priority 201: this one answers first, for every
	// '$' and for "\\$". Hugo's transformer has priority 0: this one
	// splits paragraphs first.
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(mathParser{}, 200)),
		parser.WithASTTransformers(util.Prioritized(displaySplit{}, -1)),
	)
}

// displaySplit makes display math a block of its own, as Hugo's
// passthrough transformer does: the paragraph (or tight list item's
// text) it was in is split before and after it, and in a list item the
// white space next to it is trimmed. Hugo's transformer rebuilds every
// paragraph that holds math, inline math too, and gives the paragraphs
// it makes no lines, while everything in Crib that names a line or a
// block reads them: here each part keeps its share of the lines, and is
// marked as one Hugo's transformer has made, which it then leaves alone.
type displaySplit struct{}

// hugoProcessed is the attribute by which Hugo's transformer knows the
// paragraphs it made; goldmark's renderer writes no such attribute.
var hugoProcessed = []byte("passthrough_processed")

func (displaySplit) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var split []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Kind() != ast.KindParagraph && n.Kind() != ast.KindTextBlock {
			return ast.WalkContinue, nil
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if isDisplay(c) {
				split = append(split, n)
				break
			}
			if c.Kind() == passthrough.KindPassthroughInline {
				n.SetAttribute(hugoProcessed, "true")
			}
		}
		return ast.WalkSkipChildren, nil
	})
	for _, n := range split {
		splitDisplay(n, reader.Source())
	}
}

func isDisplay(n ast.Node) bool {
	m, ok := n.(*passthrough.PassthroughInline)
	return ok && *m.Delimiters == DisplayMath
}

// splitDisplay replaces n, a paragraph or text block holding display
// math, with its parts.
func splitDisplay(n ast.Node, src []byte) {
	parent, lines := n.Parent(), n.Lines()
	tight := n.Kind() == ast.KindTextBlock
	at := n
	from := 0
	part := newInline(n)
	flush := func(to int) {
		if part.ChildCount() == 0 {
			return
		}
		if tight {
			trimText(part.LastChild(), src, false)
			if at.Kind() == passthrough.KindPassthroughBlock {
				trimText(part.FirstChild(), src, true)
			}
		}
		for i := range lines.Len() {
			seg := lines.At(i)
			if s, e := max(seg.Start, from), min(seg.Stop, to); s < e {
				part.Lines().Append(text.NewSegment(s, e))
			}
		}
		part.SetAttribute(hugoProcessed, "true")
		parent.InsertAfter(parent, at, part)
		at = part
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		if !isDisplay(c) {
			part.AppendChild(part, c)
			c = next
			continue
		}
		m := c.(*passthrough.PassthroughInline)
		flush(m.Segment.Start)
		b := &passthrough.PassthroughBlock{Delimiters: m.Delimiters}
		b.SetPos(m.Pos())
		b.Lines().Append(m.Segment)
		parent.InsertAfter(parent, at, b)
		at, from, part = b, m.Segment.Stop, newInline(n)
		c = next
	}
	flush(len(src))
	parent.RemoveChild(parent, n)
}

func newInline(like ast.Node) ast.Node {
	if like.Kind() == ast.KindTextBlock {
		return ast.NewTextBlock()
	}
	return ast.NewParagraph()
}

// trimText trims the white space at one end of a text node, as Hugo's
// transformer does in a tight list.
func trimText(n ast.Node, src []byte, leading bool) {
	t, ok := n.(*ast.Text)
	if !ok {
		return
	}
	v := t.Segment.Value(src)
	if leading {
		t.Segment = t.Segment.WithStart(t.Segment.Start + len(v) - len(bytes.TrimLeft(v, " \t")))
	} else {
		t.Segment = t.Segment.WithStop(t.Segment.Stop - len(v) + len(bytes.TrimRight(v, " \t")))
	}
}

// mathParser reads Obsidian's math.
type mathParser struct{}

func (mathParser) Trigger() []byte { return []byte{'$', '\\'} }

func (mathParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if line[0] == '\\' {
		// An escaped backslash before a '$', which may open math. Hugo's
		// passthrough parser would read "\\$" as an escaped opener.
		if len(line) > 2 && line[1] == '\\' && line[2] == '$' {
			block.Advance(2)
			return ast.NewTextSegment(seg.WithStop(seg.Start + 2))
		}
		return nil
	}
	d := InlineMath
	if len(line) > 1 && line[1] == '$' {
		d = DisplayMath
	}
	if stop, ok := mathEnd(block, seg.Start, d); ok {
		return &passthrough.PassthroughInline{Segment: seg.WithStop(stop), Delimiters: &d}
	}
	// Not math: the dollars are text, and no other parser reads them.
	block.Advance(len(d.Open))
	t := ast.NewTextSegment(seg.WithStop(seg.Start + len(d.Open)))
	t.SetAttribute(literalDollars, true)
	return t
}

// literalDollars marks a text node that starts with dollars goldmark read
// unescaped but that are not math: HugoMath escapes them. goldmark adds
// the text that follows to the node, never text before it. (Whether a
// '$' is escaped is goldmark's to say, not the backslashes' before it:
// goldmark carries an escape over a line break in some cases.)
var literalDollars = []byte("crib-dollars")

// mathEnd finds the end of the formula opening with d at start, the
// reader's position. When there is one, it returns the offset after its
// closing delimiter and leaves the reader there; when there is none, it
// leaves the reader where it was.
func mathEnd(block text.Reader, start int, d passthrough.Delimiters) (int, bool) {
	src := block.Source()
	open := len(d.Open)
	if d == InlineMath && (start+1 >= len(src) || isMathSpace(src[start+1])) {
		return 0, false
	}
	l, pos := block.Position()
	block.Advance(open)
	fail := func() (int, bool) {
		block.SetPosition(l, pos)
		return 0, false
	}
	blank := true // only white space so far, container markers aside
	for {
		line, seg := block.PeekLine()
		if line == nil {
			return fail()
		}
		escaped := false
		for i := 0; i < len(line); i++ {
			c := line[i]
			if escaped {
				escaped = false
				continue
			}
			if c == '\\' {
				escaped, blank = true, false
				continue
			}
			if c != '$' {
				blank = blank && isMathSpace(c)
				continue
			}
			// The first '$' not escaped closes the formula, or
			// nothing does.
			at := seg.Start + i
			if d == DisplayMath {
				if i+1 >= len(line) || line[i+1] != '$' || blank {
					return fail()
				}
				block.Advance(i + 2)
				return at + 2, true
			}
			if i == 0 || isMathSpace(line[i-1]) || i+1 < len(line) && line[i+1] >= '0' && line[i+1] <= '9' {
				return fail()
			}
			block.Advance(i + 1)
			return at + 1, true
		}
		block.AdvanceLine()
	}
}

func isMathSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// Math returns the TeX of a math node (a formula without its delimiters)
// and whether it is shown as a display; ok is false for any other node.
func Math(n ast.Node, src []byte) (tex string, display, ok bool) {
	switch n := n.(type) {
	case *passthrough.PassthroughInline:
		v := n.Segment.Value(src)
		d := n.Delimiters
		if len(v) < len(d.Open)+len(d.Close) {
			return "", false, false
		}
		return string(v[len(d.Open) : len(v)-len(d.Close)]), false, true
	case *passthrough.PassthroughBlock:
		var v []byte
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			v = append(v, seg.Value(src)...)
		}
		d := n.Delimiters
		if len(v) < len(d.Open)+len(d.Close) {
			return "", true, false
		}
		return string(v[len(d.Open) : len(v)-len(d.Close)]), true, true
	}
	return "", false, false
}

// WrittenMath is Math with the TeX as the note wrote it, for a reader
// other than Hugo: a dollar HugoMath wrote as "{\char36}" is "\$" again.
func WrittenMath(n ast.Node, src []byte) (tex string, display, ok bool) {
	tex, display, ok = Math(n, src)
	return strings.ReplaceAll(tex, char36, `\$`), display, ok
}

// MathText returns what a reader of plain text should see of a math
// node: its TeX as readable text (see mathtext). ok is false for any
// other node.
func MathText(n ast.Node, src []byte) (string, bool) {
	tex, _, ok := Math(n, src)
	if !ok {
		return "", false
	}
	return mathtext.Text(tex), true
}

// AppendText appends the source of a text node to b as it reads, but
// for the dollars HugoMath escaped ("\$" is "$"); other escapes are
// kept as written, as plain text has always shown them.
func AppendText(b, text []byte) []byte {
	if !bytes.Contains(text, []byte(`\$`)) {
		return append(b, text...)
	}
	for i := 0; i < len(text); i++ {
		switch {
		case text[i] != '\\' || i+1 == len(text):
			b = append(b, text[i])
		case text[i+1] == '$':
			b = append(b, '$')
			i++
		default:
			b = append(b, text[i], text[i+1])
			i++
		}
	}
	return b
}

// HugoMath returns src, parsed by this package's parser into doc,
// written so that Hugo's passthrough parser, which knows nothing of
// Obsidian's rules, finds in it the formulas doc holds and no others; or
// nil when src already reads so. It changes no line breaks (the page's
// lines stay the note's), and leaves code, link destinations and
// everything else goldmark does not read as text alone:
//
//   - a '$' of the text that is not a delimiter is escaped ("\$", or
//     "&#36;" in the rare note where goldmark carries escapes over a
//     line break: see carriesEscape);
//   - a '$' inside a formula, which Hugo's parser would take for its
//     end, is written "{\char36}" (the same character to KaTeX);
//   - an escaped backslash right before a formula is written "&#92;",
//     since Hugo's parser reads "\\$" as an escaped delimiter;
//   - a formula over several lines of a blockquote loses the quote
//     markers of its later lines, which Hugo would pass to KaTeX: they
//     stay in the quote as lazy continuation lines.
func HugoMath(src []byte, doc ast.Node) []byte {
	if bytes.IndexByte(src, '$') < 0 {
		return nil
	}
	var edits []edit
	carried := carriesEscape(src)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			if _, ok := n.Attribute(literalDollars); ok {
				for i := n.Segment.Start; i < n.Segment.Stop && src[i] == '$'; i++ {
					if carried {
						edits = append(edits, edit{start: i, stop: i + 1, with: "&#36;"})
					} else {
						edits = append(edits, edit{start: i, stop: i, with: `\`})
					}
				}
			}
		case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *passthrough.PassthroughInline:
			edits = mathEdits(edits, src, n, n.Segment, n.Delimiters)
			return ast.WalkSkipChildren, nil
		case *passthrough.PassthroughBlock:
			lines := n.Lines()
			if lines.Len() > 0 {
				edits = mathEdits(edits, src, n, text.NewSegment(lines.At(0).Start, lines.At(lines.Len()-1).Stop), n.Delimiters)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(edits) == 0 {
		return nil
	}
	return apply(src, edits)
}

// carriesEscape reports whether src has a line that ends in an odd run
// of three or more backslashes (one is a hard line break). goldmark then
// carries the escape over to what comes next, even past the characters
// it still asks the inline parsers about: a backslash written before a
// '$' there could be read as the escaped character, and the '$' as a
// delimiter. Such notes get "&#36;" for their literal dollars instead,
// which no escape changes.
func carriesEscape(src []byte) bool {
	for i := 0; ; {
		k := bytes.Index(src[i:], []byte("\\\\\\"))
		if k < 0 {
			return false
		}
		i += k
		j := i
		for j < len(src) && src[j] == '\\' {
			j++
		}
		if (j-i)%2 == 1 && (j == len(src) || src[j] == '\n' || src[j] == '\r') {
			return true
		}
		i = j
	}
}

// char36 is '$' written so that no '$' is: the character of code 36.
const char36 = `{\char36}`

// mathEdits writes the formula at seg (delimiters included) of node n
// for Hugo's parser; see HugoMath.
func mathEdits(edits []edit, src []byte, n ast.Node, seg text.Segment, d *passthrough.Delimiters) []edit {
	start, stop := seg.Start, seg.Stop
	if start >= 2 && src[start-1] == '\\' && src[start-2] == '\\' {
		edits = append(edits, edit{start: start - 2, stop: start, with: "&#92;"})
	}
	depth := 0
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindBlockquote {
			depth++
		}
	}
	for i := start + len(d.Open); i < stop-len(d.Close); i++ {
		switch src[i] {
		case '\\':
			switch {
			case src[i+1] == '$':
				edits = append(edits, edit{start: i, stop: i + 2, with: char36})
				i++
			case src[i+1] != '\n':
				i++
			}
		case '$':
			edits = append(edits, edit{start: i, stop: i + 1, with: char36})
		case '\n':
			if depth > 0 {
				if k := quoteMarkers(src, i+1, depth); k > i+1 {
					edits = append(edits, edit{start: i + 1, stop: k})
				}
			}
		}
	}
	return edits
}

// quoteMarkers returns the end of the blockquote markers (up to depth of
// them, each with the white space around it) that the line at i starts
// with, or i when it starts with none.
func quoteMarkers(src []byte, i, depth int) int {
	k, end := i, i
	for range depth {
		for k < len(src) && k-end < 3 && (src[k] == ' ' || src[k] == '\t') {
			k++
		}
		if k >= len(src) || src[k] != '>' {
			break
		}
		k++
		if k < len(src) && (src[k] == ' ' || src[k] == '\t') {
			k++
		}
		end = k
	}
	return end
}
