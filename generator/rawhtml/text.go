package rawhtml

import (
	"bytes"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"golang.org/x/net/html"
)

// AppendText appends to dst the text a reader sees of raw HTML (an HTML
// block, or one inline tag) that Clean has kept: its text, entities
// read, without comments or what an element left out held; a space where
// a line break or a block element parts words ("a<br>b" reads "a b").
func AppendText(dst, raw []byte) []byte {
	if bytes.IndexByte(raw, '<') < 0 && bytes.IndexByte(raw, '&') < 0 {
		return append(dst, raw...)
	}
	z := html.NewTokenizerFragment(bytes.NewReader(raw), "div")
	skip := false
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return dst
		case html.TextToken:
			if !skip {
				dst = append(dst, z.Text()...)
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			if void[string(name)] || blockElement[string(name)] {
				dst = append(dst, ' ')
			}
			skip = tt == html.StartTagToken && rawText[string(name)]
			continue
		}
		skip = false
	}
}

// blockElement is an element of blockElements, which a browser shows
// apart from the text around it.
var blockElement = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range blockElements {
		m[e] = true
	}
	return m
}()

// VisibleText appends what a reader sees of a block: inline text without
// Markdown syntax, math as it reads, code blocks as text, table cells and list items
// separated by spaces, the text of HTML the site shows (its tags and
// comments are not text). The search index and the link previews show
// this text.
func VisibleText(b *bytes.Buffer, n ast.Node, src []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if c.Type() == ast.TypeBlock {
				b.WriteByte('\n')
			} else if _, ok := c.(*east.TableCell); ok {
				b.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		if t, ok := markdown.MathText(c, src); ok {
			b.WriteString(t)
			return ast.WalkSkipChildren, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(markdown.AppendText(b.AvailableBuffer(), c.Segment.Value(src)))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					b.Write(s.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			lines := c.Lines()
			for i := 0; i < lines.Len(); i++ {
				s := lines.At(i)
				b.Write(s.Value(src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			var raw []byte
			for i := range c.Segments.Len() {
				s := c.Segments.At(i)
				raw = append(raw, s.Value(src)...)
			}
			b.Write(AppendText(nil, raw))
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			var raw []byte
			for i := range c.Lines().Len() {
				s := c.Lines().At(i)
				raw = append(raw, s.Value(src)...)
			}
			if c.HasClosure() {
				raw = append(raw, c.ClosureLine.Value(src)...)
			}
			b.Write(AppendText(nil, raw))
			return ast.WalkSkipChildren, nil
		case *east.TableCell:
			b.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
}
