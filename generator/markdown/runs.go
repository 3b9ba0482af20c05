package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// MaxDelimiterRun is the longest run of '*', '_' or '~' that is read as
// delimiters of emphasis or strikethrough. A run of 2n asterisks opens up
// to n levels, so a longer run can only nest past nesting.MaxInlineDepth
// (32); goldmark would first build every one of those levels, a node each
// (a 10 MB run is millions of nodes and most of a gigabyte), only for
// nesting.LimitInline to escape the block. The parser reads it as text
// instead, and LimitInline, which knows such a run by LongRun, escapes
// the block's markers so that Hugo reads the same.
const MaxDelimiterRun = 64

// longRunAttr marks the text node of a run read as text; its value is
// the run's length, since goldmark merges the text that follows into the
// node.
var longRunAttr = []byte("crib-long-delimiter-run")

// longRuns is an inline parser, given a higher priority than goldmark's
// emphasis and strikethrough parsers, that reads a run of one of their
// delimiters longer than MaxDelimiterRun as text and leaves every shorter
// run to them.
var longRunParser = util.Prioritized(longRuns{}, 50)

type longRuns struct{}

func (longRuns) Trigger() []byte { return []byte{'*', '_', '~'} }

func (longRuns) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	c := line[0]
	n := 1
	for n < len(line) && line[n] == c {
		n++
	}
	if n <= MaxDelimiterRun {
		return nil
	}
	block.Advance(n)
	t := ast.NewTextSegment(text.NewSegment(seg.Start, seg.Start+n))
	t.SetAttribute(longRunAttr, n)
	return t
}

// LongRun returns the run of delimiters, longer than MaxDelimiterRun,
// that n begins with and the parser read as text, if there is one.
func LongRun(n ast.Node) (text.Segment, bool) {
	t, ok := n.(*ast.Text)
	if !ok {
		return text.Segment{}, false
	}
	v, ok := t.Attribute(longRunAttr)
	if !ok {
		return text.Segment{}, false
	}
	return text.NewSegment(t.Segment.Start, t.Segment.Start+v.(int)), true
}
