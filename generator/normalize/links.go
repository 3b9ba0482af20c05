package normalize

import (
	"bytes"
	"regexp"
	"slices"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/yuin/goldmark/ast"
)

// quotedLink matches the part after a link's or image's text whose
// destination is in quotes, as some notes write it:
// [docs]("https://example.com") or [docs]('https://example.com' "Title").
// CommonMark reads the quotes as part of the destination, which then is
// no URL. Groups: the destination in its quotes, the destination, the
// title with the space before it.
var quotedLink = regexp.MustCompile(`\]\([ \t]*(["']([^"'\s<>]+)["'])((?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|\([^)\n]*\)))?)[ \t]*\)`)

// mayHaveQuoted is a quick test that lets most text runs through: a '('
// right after a ']', then a quote.
func mayHaveQuoted(text []byte) bool {
	for i := 0; ; {
		k := bytes.Index(text[i:], []byte("]("))
		if k < 0 {
			return false
		}
		i += k + 2
		rest := bytes.TrimLeft(text[i:], " \t")
		if len(rest) > 0 && (rest[0] == '"' || rest[0] == '\'') {
			return true
		}
	}
}

// unquoteLinks writes the quoted destinations of a text run's links and
// images without their quotes, with a warning at each; firstLine is the
// run's first line in the vault file. A destination is repaired only
// where goldmark reads a link or an image with exactly that quoted
// destination, outside code and raw HTML: parse parses the run.
func unquoteLinks(text []byte, parse func([]byte) ast.Node, source string, firstLine int) ([]byte, []diag.Diagnostic) {
	if !mayHaveQuoted(text) {
		return text, nil
	}
	doc := parse(text)
	var dests [][]byte   // quoted destinations of links and images, in order
	var literal [][2]int // code and raw HTML, where nothing is a link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if isQuoted(n.Destination) {
				dests = append(dests, n.Destination)
			}
		case *ast.Image:
			if isQuoted(n.Destination) {
				dests = append(dests, n.Destination)
			}
		case *ast.CodeSpan, *ast.RawHTML, *ast.AutoLink:
			if r, ok := span(n); ok {
				literal = append(literal, r)
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			if l := n.Lines(); l.Len() > 0 {
				literal = append(literal, [2]int{l.At(0).Start, l.At(l.Len() - 1).Stop})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(dests) == 0 {
		return text, nil
	}
	var out []byte
	var diags []diag.Diagnostic
	done := 0
	for _, m := range quotedLink.FindAllSubmatchIndex(text, -1) {
		if len(dests) == 0 {
			break
		}
		quoted := text[m[2]:m[3]]
		if inside(literal, m[0]) {
			continue
		}
		// The links come in the order their text does; one the pattern
		// does not match is passed over.
		k := slices.IndexFunc(dests, func(d []byte) bool { return bytes.Equal(d, quoted) })
		if k < 0 {
			continue
		}
		dests = dests[k+1:]
		out = append(out, text[done:m[0]]...)
		out = append(out, "]("...)
		out = append(out, text[m[4]:m[5]]...)
		out = append(out, text[m[6]:m[7]]...)
		out = append(out, ')')
		done = m[1]
		line := firstLine + bytes.Count(text[:m[0]], []byte{'\n'})
		diags = append(diags, diag.Markdown.Warnf(source, line, "link destination %s is in quotes; written without them", quoted))
	}
	if out == nil {
		return text, nil
	}
	return append(out, text[done:]...), diags
}

func isQuoted(dest []byte) bool {
	return len(dest) > 2 && (dest[0] == '"' || dest[0] == '\'') && dest[len(dest)-1] == dest[0]
}

// span returns the source range an inline node's text covers.
func span(n ast.Node) ([2]int, bool) {
	r := [2]int{-1, -1}
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		var segs []int
		switch c := c.(type) {
		case *ast.Text:
			segs = []int{c.Segment.Start, c.Segment.Stop}
		case *ast.RawHTML:
			for i := range c.Segments.Len() {
				segs = append(segs, c.Segments.At(i).Start, c.Segments.At(i).Stop)
			}
		case *ast.AutoLink:
			// Its label is no Text child: the value's start is unknown,
			// and an autolink holds no "](" anyway.
		}
		for _, s := range segs {
			if r[0] < 0 || s < r[0] {
				r[0] = s
			}
			r[1] = max(r[1], s)
		}
		return ast.WalkContinue, nil
	})
	return r, r[0] >= 0
}

// inside reports whether offset i lies in one of the ranges.
func inside(ranges [][2]int, i int) bool {
	for _, r := range ranges {
		if i >= r[0] && i < r[1] {
			return true
		}
	}
	return false
}
