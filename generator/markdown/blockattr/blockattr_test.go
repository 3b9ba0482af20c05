package blockattr_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/markdown/blockattr"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// blocks parses src and describes its top-level blocks as
// "Kind#id: text", the text being the block's source lines.
func blocks(src string) []string {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, blockattr.Extension),
		goldmark.WithParserOptions(parser.WithAttribute()),
	)
	doc := md.Parser().Parse(text.NewReader([]byte(src)))
	var out []string
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		d := n.Kind().String()
		if id, ok := n.AttributeString("id"); ok {
			d += fmt.Sprintf("#%s", id)
		}
		if c, ok := n.AttributeString("class"); ok {
			d += fmt.Sprintf(".%s", c)
		}
		var lines []string
		_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if t, ok := c.(*ast.Text); ok && entering {
				lines = append(lines, string(t.Segment.Value([]byte(src))))
			}
			return ast.WalkContinue, nil
		})
		out = append(out, d+": "+strings.Join(lines, "|"))
	}
	return out
}

func TestBlockAttributes(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"paragraph", "Para text\n{id=\"^p1\"}\n\nNext", []string{"Paragraph#^p1: Para text", "Paragraph: Next"}},
		{"tight list", "- a\n- b\n{id=\"^l1\"}\n", []string{"List#^l1: a|b"}},
		{"table", "| a |\n|---|\n| 1 |\n{id=\"^t1\"}\n", []string{"Table#^t1: a|1"}},
		{"quote", "> q\n{id=\"^q1\"}\n", []string{"Blockquote#^q1: q"}},
		{"class", "Para\n{.note}\n", []string{"Paragraph.note: Para"}},
		{"after a blank line", "Para\n\n{id=\"x\"}\n", []string{"Paragraph: Para"}},
		{"first wins", "Para\n{id=\"a\"}\n{id=\"b\"}\n", []string{"Paragraph#a: Para"}},
		{"after code", "```\nx\n```\n{id=\"c\"}\n", []string{"FencedCodeBlock: "}},
		{"not attributes", "Para\n{not attributes\n", []string{"Paragraph: Para|{not attributes"}},
		{"heading attribute kept", "## H {#h}\n", []string{"Heading#h: H"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := blocks(tt.in)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("blocks(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
