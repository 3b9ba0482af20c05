// Package blockattr parses block attribute lines the way Hugo does when
// markup.goldmark.parser.attribute.block is on: a line such as
// {id="^b1"} or {.note} right after a paragraph, list, table or quote
// sets that block's attributes and is not content. Crib writes such lines
// for Obsidian block ids (see obsidian.BlockAnchor); with this extension
// its own parser sees the same blocks, ids and text Hugo renders, instead
// of a paragraph ending in "{id=...}".
package blockattr

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Extension adds block attribute lines to a goldmark parser.
var Extension goldmark.Extender = extension{}

type extension struct{}

func (extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(blockParser{}, 100)),
		parser.WithASTTransformers(util.Prioritized(transformer{}, 100)),
	)
}

// KindAttributes is the kind of the transient node an attribute line
// parses to; the transformer removes every one of them.
var KindAttributes = ast.NewNodeKind("BlockAttributes")

type attributes struct{ ast.BaseBlock }

// seenKey is set in a document's parser context once an attribute line
// was read.
var seenKey = parser.NewContextKey()

func (a *attributes) Kind() ast.NodeKind { return KindAttributes }

func (a *attributes) Dump(source []byte, level int) { ast.DumpHelper(a, source, level, nil, nil) }

// blockParser reads a line starting with '{' as attributes. Like Hugo's,
// it may interrupt a paragraph: that is how the line attaches to the
// paragraph above it.
type blockParser struct{}

func (blockParser) Trigger() []byte { return []byte{'{'} }

func (blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	attrs, ok := parser.ParseAttributes(reader)
	if !ok {
		return nil, parser.RequireParagraph
	}
	pc.Set(seenKey, true)
	n := &attributes{}
	for _, a := range attrs {
		n.SetAttribute(a.Name, a.Value)
	}
	return n, parser.NoChildren
}

func (blockParser) Continue(ast.Node, text.Reader, parser.Context) parser.State { return parser.Close }

func (blockParser) Close(ast.Node, text.Reader, parser.Context) {}

func (blockParser) CanInterruptParagraph() bool { return true }

func (blockParser) CanAcceptIndentedLine() bool { return false }

// transformer gives each attribute line's attributes to the block right
// above it (unless a blank line or a fenced code block comes between, as
// in Hugo; attributes already set win) and removes the line.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if pc.Get(seenKey) == nil {
		return // no attribute line: nothing to walk the document for
	}
	var lines []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == KindAttributes {
			lines = append(lines, n)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, n := range lines {
		prev := n.PreviousSibling()
		if prev != nil && prev.Type() == ast.TypeBlock && prev.Kind() != ast.KindFencedCodeBlock && !n.HasBlankPreviousLines() {
			for _, a := range n.Attributes() {
				if _, ok := prev.Attribute(a.Name); !ok {
					prev.SetAttribute(a.Name, a.Value)
				}
			}
		}
		n.Parent().RemoveChild(n.Parent(), n)
	}
}

// A note's attribute lists ({#id .class key="value"} after a block or
// at the end of a heading) reach the page's HTML: Hugo drops only
// on... attributes, and goldmark writes a paragraph's style or a list's
// attributes as they are. So a block keeps only what Kept allows.

// Kept reports whether a block keeps an attribute: an id, classes, a
// title, lang, dir or a data-* attribute, whose value is text, a number
// or a boolean (a list such as [1,2] makes Hugo's hooks fail), and text
// for an id (Hugo's table of contents stops the build on any other).
func Kept(name []byte, value any) bool {
	switch value.(type) {
	case []byte:
	case float64, bool:
		if string(name) == "id" {
			return false
		}
	default:
		return false
	}
	switch string(name) {
	case "id", "class", "title", "lang", "dir":
		return true
	}
	rest, ok := bytes.CutPrefix(name, []byte("data-"))
	return ok && len(rest) > 0
}

// Clean reads the attribute list at the start of src as goldmark reads
// it and returns it with only the attributes a block keeps (Kept),
// written back, and the names it drops; n is the list's length, 0 when
// src does not start with one.
func Clean(src []byte) (clean []byte, dropped []string, n int) {
	r := text.NewReader(src)
	attrs, ok := parser.ParseAttributes(r)
	if !ok {
		return nil, nil, 0
	}
	_, pos := r.Position()
	clean = append(clean, '{')
	for _, a := range attrs {
		if !Kept(a.Name, a.Value) {
			dropped = append(dropped, string(a.Name))
			continue
		}
		if len(clean) > 1 {
			clean = append(clean, ' ')
		}
		clean = append(clean, a.Name...)
		clean = append(clean, '=')
		switch v := a.Value.(type) {
		case []byte:
			clean = append(clean, '"')
			for _, c := range v {
				switch c {
				case '"', '\\':
					clean = append(clean, '\\', c)
				case '\n':
					clean = append(clean, `\n`...)
				case '\t':
					clean = append(clean, `\t`...)
				case '\r':
					clean = append(clean, `\r`...)
				default:
					if c >= 0x20 && c != 0x7f {
						clean = append(clean, c)
					}
				}
			}
			clean = append(clean, '"')
		case float64:
			clean = strconv.AppendFloat(clean, v, 'f', -1, 64)
		case bool:
			clean = strconv.AppendBool(clean, v)
		}
	}
	return append(clean, '}'), dropped, pos.Start
}
