package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkify is goldmark's Linkify extension (the one Hugo enables) with a
// quick test in front of its parser. goldmark asks the parser at every
// space of every line whether a bare URL or e-mail address starts there;
// almost never, and the quick test answers those asks without the full
// scan. Whenever it lets a position through, goldmark's own parser
// decides, so the AST is exactly the one extension.Linkify gives.
var linkify goldmark.Extender = linkifyExtender{}

type linkifyExtender struct{}

// Extend registers the parser as extension.Linkify does.
func (linkifyExtender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999),
	))
}

type quickLinkify struct{ parser.InlineParser }

var (
	protoHTTP  = []byte("http:")
	protoHTTPS = []byte("https:")
	protoFTP   = []byte("ftp:")
	domainWWW  = []byte("www.")
)

// emailLocalMax is the longest local part goldmark's e-mail scan reads
// before it wants the '@' (util.FindEmailIndex).
const emailLocalMax = 64

// Parse implements parser.InlineParser. goldmark's parser, after
// stepping over the trigger character, looks for a URL only at "http:",
// "https:", "ftp:" or "www.", and otherwise for an e-mail address, whose
// local part must end in an '@' within its first 65 bytes; without
// either it returns nil, and so does this.
func (p quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	rest := line
	if len(rest) > 0 {
		switch rest[0] {
		case ' ', '*', '_', '~', '(':
			rest = rest[1:]
		}
	}
	if !bytes.HasPrefix(rest, protoHTTP) && !bytes.HasPrefix(rest, protoHTTPS) &&
		!bytes.HasPrefix(rest, protoFTP) && !bytes.HasPrefix(rest, domainWWW) &&
		bytes.IndexByte(rest[:min(len(rest), emailLocalMax+1)], '@') < 0 {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}
