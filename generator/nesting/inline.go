package nesting

import (
	"bytes"
	"slices"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// MaxInlineDepth is how deep emphasis, strikethrough and links may nest
// inside one block. Text set in bold inside italics inside a link is
// three levels; a run of 200,000 asterisks on each side of a word is
// 100,000, which Hugo renders in minutes and the generator's walks recurse
// through level by level. The limit is MaxDepth's, for the same cost:
// Hugo's link and image render hooks copy their rendered text at every
// level.
const MaxInlineDepth = MaxDepth

// A run of 2n delimiters opens at most n levels, so the parser's reading a
// run longer than markdown.MaxDelimiterRun as text must only ever concern
// runs that could nest past MaxInlineDepth: this fails to compile
// otherwise.
const _ = uint(markdown.MaxDelimiterRun - 2*MaxInlineDepth)

// LimitInline returns src, which doc was parsed from, with the markers of
// emphasis, strikethrough and links ('*', '_', '~', '[' and ']') escaped
// in every block whose inline content nests deeper than limit, so that the
// text is shown as written; and the offsets in src where those blocks
// start. Code spans and raw HTML in the block are left alone.
//
// Every run of delimiters the parser read as text (markdown.LongRun) is
// escaped too, wherever it is, without counting as a deep block: Hugo's
// parser would read it as delimiters, and such a run (65 asterisks or
// more) is a rule drawn across the line or a filler, never emphasis meant
// to nest 32 deep, so it is shown as written and needs no warning.
//
// It returns src itself when nothing is escaped: the result is longer
// than src exactly when something was.
//
// Inline nesting is known only once goldmark has matched the delimiters
// (the same run of asterisks can open one level or fifty), so it is
// checked on the parsed tree, without recursion, and the caller parses
// the result again.
func LimitInline(src []byte, doc ast.Node, limit int) ([]byte, []int) {
	// A level of emphasis takes two of '*', '_' or '~' (an opening and a
	// closing one), a link or image a '['; a note with too few of them
	// cannot nest too deep.
	delims := 0
	for _, c := range []byte("*_~") {
		delims += bytes.Count(src, []byte{c})
	}
	if bytes.Count(src, []byte{'['})+delims/2 <= limit {
		return src, nil
	}
	deep, runs := deepBlocks(doc, limit)
	if len(deep) == 0 && len(runs) == 0 {
		return src, nil
	}
	var at []int // where a backslash goes
	for _, run := range runs {
		for j := run.Start; j < run.Stop; j++ {
			at = append(at, j)
		}
	}
	var starts []int
	for _, b := range deep {
		keep := kept(b)
		lines := b.Lines()
		if lines.Len() == 0 {
			continue
		}
		starts = append(starts, lines.At(0).Start)
		for i := range lines.Len() {
			seg := lines.At(i)
			escaped := false
			for j := seg.Start; j < seg.Stop; j++ {
				c := src[j]
				switch {
				case c == '\\':
					escaped = !escaped
					continue
				case !escaped && (c == '*' || c == '_' || c == '~' || c == '[' || c == ']') && !inside(keep, j):
					at = append(at, j)
				}
				escaped = false
			}
		}
	}
	if len(at) == 0 {
		return src, nil
	}
	slices.Sort(at)
	at = slices.Compact(at) // a long run inside a deep block
	out := make([]byte, 0, len(src)+len(at))
	prev := 0
	for _, j := range at {
		out = append(out, src[prev:j]...)
		out = append(out, '\\')
		prev = j
	}
	slices.Sort(starts)
	return append(out, src[prev:]...), starts
}

// deepBlocks returns the blocks of doc whose inline content nests deeper
// than limit, in document order, and the runs of delimiters read as text.
func deepBlocks(doc ast.Node, limit int) (deep []ast.Node, runs []text.Segment) {
	type item struct {
		n     ast.Node
		block ast.Node // the innermost block around n
		depth int      // inline nodes with children around n
	}
	var seen map[ast.Node]bool // made for the first deep block
	stack := []item{{n: doc, block: doc}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if it.depth > limit {
			if seen == nil {
				seen = map[ast.Node]bool{}
			}
			if !seen[it.block] {
				seen[it.block] = true
				deep = append(deep, it.block)
			}
			continue // the block is flattened whole
		}
		if run, ok := markdown.LongRun(it.n); ok {
			runs = append(runs, run)
			continue
		}
		block, depth := it.block, it.depth
		if it.n.Type() == ast.TypeBlock || it.n.Type() == ast.TypeDocument {
			block, depth = it.n, 0
		} else if it.n.HasChildren() {
			depth++
		}
		// Last child first, so that the stack pops them in order.
		for c := it.n.LastChild(); c != nil; c = c.PreviousSibling() {
			stack = append(stack, item{c, block, depth})
		}
	}
	return deep, runs
}

// kept returns the source ranges in block that are code or raw HTML,
// where a backslash is not an escape.
func kept(block ast.Node) []text.Segment {
	var keep []text.Segment
	stack := []ast.Node{block}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch n := n.(type) {
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					keep = append(keep, t.Segment)
				}
			}
			continue
		case *ast.RawHTML:
			for i := range n.Segments.Len() {
				keep = append(keep, n.Segments.At(i))
			}
			continue
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			stack = append(stack, c)
		}
	}
	slices.SortFunc(keep, func(a, b text.Segment) int { return a.Start - b.Start })
	return keep
}

// inside reports whether offset j is in one of the sorted ranges.
func inside(keep []text.Segment, j int) bool {
	i, _ := slices.BinarySearchFunc(keep, j, func(s text.Segment, j int) int {
		switch {
		case s.Stop <= j:
			return -1
		case s.Start > j:
			return 1
		}
		return 0
	})
	return i < len(keep) && keep[i].Start <= j && j < keep[i].Stop
}

// Depths returns how deep doc nests: the most blockquotes and list items
// any node is inside, and the most inline nodes with children (emphasis,
// links). It reads the tree without recursion, so it can check any tree.
func Depths(doc ast.Node) (containers, inline int) {
	type item struct {
		n         ast.Node
		container int
		inline    int
	}
	stack := []item{{n: doc}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch it.n.(type) {
		case *ast.Blockquote, *ast.ListItem:
			it.container++
		default:
			if it.n.Type() == ast.TypeInline && it.n.HasChildren() {
				it.inline++
			}
		}
		containers, inline = max(containers, it.container), max(inline, it.inline)
		for c := it.n.FirstChild(); c != nil; c = c.NextSibling() {
			stack = append(stack, item{c, it.container, it.inline})
		}
	}
	return containers, inline
}
