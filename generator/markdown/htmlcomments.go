package markdown

import (
	"bytes"
	"slices"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// commentParser finds comments. It sets no heading ids, which are made
// without comments (see headingIDText).
var commentParser = sync.OnceValue(func() parser.Parser { return goldmark.New(Options()...).Parser() })

var (
	commentOpen  = []byte("<!--")
	commentClose = []byte("-->")
)

// WithoutHTMLComments returns src with the text of every HTML comment
// goldmark reads in it taken out: inline comments, comment blocks (and
// the rest of their lines, which the site omits with them) and comments
// inside other HTML blocks. The comments themselves stay, empty ("<!---->"),
// and a line inside one keeps a "." so that it is not blank: the Markdown
// still parses into the same blocks and renders the same, line for line,
// but nothing a comment held can reach whoever reads it. What goldmark
// reads as code is left alone. src itself is not changed.
func WithoutHTMLComments(src []byte) []byte {
	if !bytes.Contains(src, commentOpen) {
		return src
	}
	var edits []edit
	for _, c := range htmlComments(src) {
		edits = c.hide(edits)
	}
	return apply(src, edits)
}

// CutHTMLComments returns src without the HTML comments goldmark reads in
// it, and without the rest of a comment block's line: for text of one
// line, such as a heading that becomes a title, where no block structure
// is at stake.
func CutHTMLComments(src []byte) []byte {
	if !bytes.Contains(src, commentOpen) {
		return src
	}
	var edits []edit
	for _, c := range htmlComments(src) {
		last := len(c.pieces) - 1
		for i, p := range c.pieces {
			start, stop := p.Start, p.Stop
			if i == 0 {
				start = c.open
			}
			if i == last && c.close >= 0 && !c.rest {
				stop = c.close + len(commentClose)
			}
			edits = append(edits, edit{start, stop, ""})
		}
	}
	return apply(src, edits)
}

// apply makes the edits, which do not overlap, to a copy of src.
func apply(src []byte, edits []edit) []byte {
	if len(edits) == 0 {
		return src
	}
	slices.SortFunc(edits, func(a, b edit) int { return a.start - b.start })
	out := make([]byte, 0, len(src))
	at := 0
	for _, e := range edits {
		out = append(out, src[at:e.start]...)
		out = append(out, e.with...)
		at = e.stop
	}
	return append(out, src[at:]...)
}

// edit replaces src[start:stop] with with.
type edit struct {
	start, stop int
	with        string
}

// htmlComment is one comment: the pieces of the lines it covers (without
// their line endings), the offset of its "<!--" in the first, and the
// offset of its "-->" in the last (-1 when it is never closed). rest says
// that the text after the "-->" is omitted with it (a comment block).
type htmlComment struct {
	pieces []text.Segment
	open   int
	close  int
	rest   bool
}

// hide appends the edits that empty c: its first line keeps the text
// up to "<!--", its last line "-->" and what follows (unless rest), and
// every other line that is not blank a ".".
func (c htmlComment) hide(edits []edit) []edit {
	last := len(c.pieces) - 1
	for i, p := range c.pieces {
		start, stop, with := p.Start, p.Stop, "."
		if i == 0 {
			start, with = c.open+len(commentOpen), ""
		}
		if i == last && c.close >= 0 {
			stop, with = c.close, ""
			if c.rest {
				edits = append(edits, edit{c.close + len(commentClose), p.Stop, ""})
			}
		}
		if i > 0 && p.Start == p.Stop && (i < last || c.close < 0) {
			continue // a blank line inside a comment block
		}
		stop = max(stop, start) // "<!-->"
		if start < stop || with != "" {
			edits = append(edits, edit{start, stop, with})
		}
	}
	return edits
}

// htmlComments returns every HTML comment goldmark reads in src.
func htmlComments(src []byte) []htmlComment {
	var out []htmlComment
	doc := commentParser().Parse(text.NewReader(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.RawHTML:
			pieces := lines(src, n.Segments.Sliced(0, n.Segments.Len()))
			if len(pieces) > 0 && bytes.HasPrefix(src[pieces[0].Start:], commentOpen) {
				out = append(out, comment(src, pieces, pieces[0].Start, false)...)
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			segs := n.Lines().Sliced(0, n.Lines().Len())
			if n.HasClosure() {
				segs = append(slices.Clip(segs), n.ClosureLine)
			}
			pieces := lines(src, segs)
			for len(pieces) > 0 {
				i := bytes.Index(src[pieces[0].Start:pieces[0].Stop], commentOpen)
				if i < 0 {
					pieces = pieces[1:]
					continue
				}
				block := n.HTMLBlockType == ast.HTMLBlockType2
				cs := comment(src, pieces, pieces[0].Start+i, block)
				out = append(out, cs...)
				if len(cs) == 0 || cs[0].close < 0 || block {
					break // a comment block ends with its comment
				}
				// Go on after the "-->": another comment may follow.
				c := cs[0]
				k := len(c.pieces) - 1
				pieces = append([]text.Segment{text.NewSegment(c.close+len(commentClose), c.pieces[k].Stop)}, pieces[k+1:]...)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

// comment reads the comment that opens at offset open in the first of
// pieces: up to the first "-->" after it ("<!-->" closes where it opens,
// as HTML reads it), or to the end of pieces. It returns nothing for an
// empty comment.
func comment(src []byte, pieces []text.Segment, open int, rest bool) []htmlComment {
	from := open + 2
	for i, p := range pieces {
		if i > 0 {
			from = p.Start
		}
		if j := bytes.Index(src[from:p.Stop], commentClose); j >= 0 {
			if i == 0 && from+j <= open+len(commentOpen) && !rest {
				return nil // "<!-->" or "<!--->": nothing to hide
			}
			return []htmlComment{{pieces: pieces[:i+1], open: open, close: from + j, rest: rest}}
		}
	}
	return []htmlComment{{pieces: pieces, open: open, close: -1, rest: rest}}
}

// lines returns segs without their line endings.
func lines(src []byte, segs []text.Segment) []text.Segment {
	out := make([]text.Segment, 0, len(segs))
	for _, s := range segs {
		stop := s.Stop
		for stop > s.Start && (src[stop-1] == '\n' || src[stop-1] == '\r') {
			stop--
		}
		out = append(out, text.NewSegment(s.Start, stop))
	}
	return out
}

// headingIDText is the text of a heading line that its id is made from:
// Hugo leaves HTML comments out.
func headingIDText(value []byte) []byte {
	if !bytes.Contains(value, commentOpen) {
		return value
	}
	// Read as the heading it is: alone, a line that starts with "<!--"
	// would be a comment block.
	line := append([]byte("# "), value...)
	return CutHTMLComments(line)[2:]
}
