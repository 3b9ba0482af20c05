package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// Words counts the words a reader sees in doc (its text, code spans and
// code blocks) split on white space, as Hugo counts .WordCount on the
// rendered page. The site shows reading time from it, which spares Hugo
// stripping every rendered page back to text.
func Words(doc ast.Node, src []byte) int {
	n := 0
	inWord := false
	count := func(b []byte) {
		for len(b) > 0 {
			i := bytes.IndexAny(b, " \t\r\n\f\v")
			if i < 0 {
				i = len(b)
			}
			if i > 0 && !inWord {
				n++
			}
			inWord = i == len(b)
			if i < len(b) {
				b = b[i+1:]
			} else {
				b = nil
			}
		}
	}
	_ = ast.Walk(doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if c.Type() == ast.TypeBlock {
				inWord = false
			}
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			count(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				inWord = false
			}
		case *ast.String:
			count(c.Value)
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := c.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				count(seg.Value(src))
				inWord = false
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return n
}
