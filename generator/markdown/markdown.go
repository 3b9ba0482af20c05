// Package markdown parses normalized note bodies with goldmark configured
// the way Hugo configures it, so that the AST Crib extracts from (headings,
// anchors, lists, tables) is the AST Hugo renders. It also tells, for the
// rest of Crib, which parts of a body are code (Segments): goldmark's own
// code parsers, wrapped, record where they found code, so nothing decides
// it by hand. The one thing written here besides is an index of a
// paragraph's backtick runs that answers for goldmark's code span parser
// when it is sure to find no closer, since that parser alone reads the
// rest of the paragraph for each stray run and is quadratic on thousands.
package markdown

import (
	"bytes"
	"slices"
	"strings"

	"github.com/crib-notes/crib/generator/markdown/blockattr"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Parser parses Markdown into a goldmark AST. It is safe for concurrent use.
type Parser struct {
	md goldmark.Markdown
}

// Options returns the goldmark options of Hugo's default Markdown: its
// extensions (tables, strikethrough, linkify, task lists, definition
// lists, footnotes), heading attributes, block attribute lines
// ({id="..."} after a block) and math passthrough ("$…$", "$$…$$", read
// by Obsidian's rules: see math.go), as the site's hugo.toml enables them. Everything
// in Crib that reads or renders note Markdown starts from these. The first
// option sets goldmark's parser itself (goldmark's defaults, with quick
// tests in front of two of them), so parser options go after these.
func Options() []goldmark.Option { return options(inlineParsers(), true) }

// options returns Options with inline as goldmark's inline parsers.
func options(inline []util.PrioritizedValue, links bool) []goldmark.Option {
	return optionsWithMath(inline, links, mathExtension)
}

// optionsWithMath is options with math as the math extension.
func optionsWithMath(inline []util.PrioritizedValue, links bool, math goldmark.Extender) []goldmark.Option {
	ext := []goldmark.Extender{extension.Table, extension.Strikethrough}
	if links {
		ext = append(ext, linkify) // extension.Linkify, answering faster
	}
	ext = append(ext, extension.TaskList, extension.DefinitionList, extension.Footnote, blockattr.Extension, math)
	return []goldmark.Option{
		goldmark.WithParser(parser.NewParser(
			parser.WithBlockParsers(blockParsers()...),
			parser.WithInlineParsers(inline...),
			parser.WithParagraphTransformers(util.Prioritized(linkReferences{}, 100)),
		)),
		goldmark.WithExtensions(ext...),
		goldmark.WithParserOptions(parser.WithAttribute()),
	}
}

// blockParsers returns goldmark's default block parsers with the ATX
// heading parser replaced by atxHeadings, and the code block parsers
// wrapped to record where code is (see Segments).
func blockParsers() []util.PrioritizedValue {
	ps := parser.DefaultBlockParsers()
	for i, p := range ps {
		switch bp := p.Value.(parser.BlockParser); {
		case slices.Equal(bp.Trigger(), []byte{'#'}):
			ps[i].Value = &atxHeadings{attributes: bp, plain: parser.NewATXHeadingParser()}
		case bp == parser.NewFencedCodeBlockParser():
			ps[i].Value = recordedFences{bp}
		case bp == parser.NewCodeBlockParser():
			ps[i].Value = recordedIndented{bp}
		}
	}
	return ps
}

// inlineParsers returns goldmark's default inline parsers with the code
// span parser wrapped to record where code is (see Segments), and runs of
// emphasis delimiters too long to be read as such taken for text first
// (longRunParser).
func inlineParsers() []util.PrioritizedValue {
	ps := parser.DefaultInlineParsers()
	for i, p := range ps {
		if ip := p.Value.(parser.InlineParser); ip == parser.NewCodeSpanParser() {
			ps[i].Value = recordedSpans{ip}
		}
	}
	return append(ps, longRunParser)
}

// atxHeadings is goldmark's ATX heading parser, which reads a heading's
// attributes ("## Title {#id .class}") when the parser has the attribute
// option, with a quick test in front: a heading line without a '{' has
// none, and goldmark's search for them reads every heading byte by byte.
// Such lines go to a second parser without the attribute option; the
// heading it makes is the same.
type atxHeadings struct {
	attributes parser.BlockParser // with every option the parser has
	plain      parser.BlockParser // without the attribute option
}

// optAttribute is the name of goldmark's attribute option (parser.WithAttribute).
const optAttribute parser.OptionName = "Attribute"

// SetOption implements parser.SetOptioner.
func (p *atxHeadings) SetOption(name parser.OptionName, value any) {
	p.attributes.(parser.SetOptioner).SetOption(name, value)
	if name != optAttribute {
		p.plain.(parser.SetOptioner).SetOption(name, value)
	}
}

func (p *atxHeadings) Trigger() []byte { return p.attributes.Trigger() }

func (p *atxHeadings) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if line, _ := reader.PeekLine(); bytes.IndexByte(line, '{') < 0 {
		return p.plain.Open(parent, reader, pc)
	}
	return p.attributes.Open(parent, reader, pc)
}

func (p *atxHeadings) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	return p.attributes.Continue(node, reader, pc)
}

func (p *atxHeadings) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.attributes.Close(node, reader, pc)
}

func (p *atxHeadings) CanInterruptParagraph() bool { return p.attributes.CanInterruptParagraph() }

func (p *atxHeadings) CanAcceptIndentedLine() bool { return p.attributes.CanAcceptIndentedLine() }

// linkReferences is goldmark's default paragraph transformer, which reads
// link reference definitions ("[id]: /url") at the start of a paragraph,
// with a quick test in front: it reads one only where the paragraph's
// first character other than white space is '['. goldmark makes a block
// reader for every paragraph to find that out; nearly every paragraph
// starts with something else, and there the transformer does nothing.
type linkReferences struct{}

func (linkReferences) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	if firstNonSpace(node.Lines(), reader.Source()) != '[' {
		return
	}
	parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
}

// firstNonSpace returns the first byte of lines that is not white space
// as goldmark counts it (util.IsSpace), or 0.
func firstNonSpace(lines *text.Segments, src []byte) byte {
	for i := range lines.Len() {
		seg := lines.At(i)
		for _, c := range seg.Value(src) {
			if !util.IsSpace(c) {
				return c
			}
		}
	}
	return 0
}

// NewParser returns a parser configured as Options, that sets heading ids.
func NewParser() *Parser {
	opts := append(Options(), goldmark.WithParserOptions(parser.WithAutoHeadingID()))
	return &Parser{md: goldmark.New(opts...)}
}

// Parse parses src and sets every heading's "id" attribute to the id Hugo
// gives it in the rendered HTML.
func (p *Parser) Parse(src []byte) ast.Node {
	ctx := parser.NewContext(parser.WithIDs(NewIDs()))
	ctx.Set(docKey, &docContext{marks: linkMarks(src)})
	return p.md.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
}

// HeadingID returns the "id" attribute of a heading node, or "".
func HeadingID(h *ast.Heading) string {
	v, ok := h.AttributeString("id")
	if !ok {
		return ""
	}
	switch v := v.(type) {
	case []byte:
		return string(v)
	case string:
		return v
	}
	return ""
}

// BrokenLink is the destination of a link that leads nowhere: a wikilink
// that named no note, kept as a link so that the theme's render-link hook
// shows it as marked text whose tooltip (the link's title) says why.
// Outputs other than the site show such a link as its text.
const BrokenLink = "crib:broken"

// PlainText returns the text of n's inline content with Markdown syntax
// removed: what a reader sees of a heading or list item, math as
// readable text (MathText).
func PlainText(n ast.Node, src []byte) string { return plainText(n, src, false) }

// PlainTextWithCode is PlainText with code spans kept as code spans
// ("a `Flow`"): for text shown where Markdown is not rendered, such as a
// title, in which a name in code still reads as one.
func PlainTextWithCode(n ast.Node, src []byte) string { return plainText(n, src, true) }

// PlainTextAround is PlainText of n, and where in it the text of mark,
// an inline node inside n (a link in its paragraph, say), starts and
// ends; both are -1 when mark is not inside n.
func PlainTextAround(n, mark ast.Node, src []byte) (text string, start, end int) {
	return plainTextMarked(n, mark, src, false)
}

func plainText(n ast.Node, src []byte, code bool) string {
	s, _, _ := plainTextMarked(n, nil, src, code)
	return s
}

func plainTextMarked(n, mark ast.Node, src []byte, code bool) (string, int, int) {
	var buf []byte
	start, end := -1, -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if mark != nil && c == mark {
			if entering {
				start = len(buf)
			} else {
				end = len(buf)
			}
		}
		if !entering {
			return ast.WalkContinue, nil
		}
		if t, ok := MathText(c, src); ok {
			buf = append(buf, t...)
			return ast.WalkSkipChildren, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			buf = AppendText(buf, c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				buf = append(buf, ' ')
			}
		case *ast.String:
			buf = append(buf, c.Value...)
		case *ast.CodeSpan:
			var text []byte
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					text = append(text, s.Segment.Value(src)...)
				}
			}
			if code {
				buf = appendCodeSpan(buf, text)
			} else {
				buf = append(buf, text...)
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			buf = append(buf, c.Label(src)...)
		}
		return ast.WalkContinue, nil
	})
	if end < 0 {
		start = -1
	}
	return string(buf), start, end
}

// appendCodeSpan writes text as a code span: fenced by one backtick more
// than its longest run of them, and spaced from a backtick at either end.
func appendCodeSpan(buf, text []byte) []byte {
	longest, run := 0, 0
	for _, c := range text {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := bytes.Repeat([]byte{'`'}, longest+1)
	pad := len(text) > 0 && (text[0] == '`' || text[len(text)-1] == '`')
	buf = append(buf, fence...)
	if pad {
		buf = append(buf, ' ')
	}
	buf = append(buf, text...)
	if pad {
		buf = append(buf, ' ')
	}
	return append(buf, fence...)
}

// CollapseSpace writes every run of spaces, tabs and line breaks in
// plain text as one space, as a browser shows it; a run at either end
// stays one space, for text that a neighbour continues.
func CollapseSpace(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}
