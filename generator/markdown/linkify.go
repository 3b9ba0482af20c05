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

// emailLocalMax is the longest local part goldmark's e-mail scan reads
// before it wants the '@' (util.FindEmailIndex).
const emailLocalMax = 64

// emailLocal holds the bytes goldmark allows in an e-mail address's
// local part (util.FindEmailIndex), or more: a byte outside it ends the
// local part for goldmark too.
var emailLocal = func() (t [256]bool) {
	for _, c := range []byte("!#$%&'*+-./0123456789=?ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~") {
		t[c] = true
	}
	return t
}()

// docContext is the parser context of one document that Parser.Parse
// hands goldmark, with what it knows of the whole document.
type docContext struct {
	parser.Context
	noLinks bool // nowhere could Linkify find a link (see mayHaveLinks)
}

// mayHaveLinks reports whether goldmark's Linkify parser could find a
// link anywhere in src: it needs "http:", "https:", "ftp:" or "www." for
// a URL and an '@' for an e-mail address. Searching for the rarer last
// byte of each, rather than for the words, keeps this to a fraction of a
// pass over prose.
func mayHaveLinks(src []byte) bool {
	return bytes.IndexByte(src, '@') >= 0 ||
		anyAfter(src, ':', "http", "https", "ftp") ||
		anyAfter(src, '.', "www")
}

// anyAfter reports whether c occurs in src right after one of words.
func anyAfter(src []byte, c byte, words ...string) bool {
	for i := 0; i < len(src); {
		k := bytes.IndexByte(src[i:], c)
		if k < 0 {
			return false
		}
		before := src[:i+k]
		for _, w := range words {
			if len(before) >= len(w) && string(before[len(before)-len(w):]) == w {
				return true
			}
		}
		i += k + 1
	}
	return false
}

// Parse implements parser.InlineParser.
func (p quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if dc, ok := pc.(*docContext); ok && dc.noLinks {
		return nil
	}
	line, _ := block.PeekLine()
	rest := line
	if len(rest) > 0 {
		switch rest[0] {
		case ' ', '*', '_', '~', '(':
			rest = rest[1:]
		}
	}
	if !mayStartLink(rest) {
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}

// mayStartLink reports whether goldmark's Linkify parser may find a link
// at the start of rest (the line after the trigger character). It looks
// for a URL only at "http:", "https:", "ftp:" or "www.", and otherwise
// for an e-mail address, whose local part must end in an '@' within 64
// bytes; when neither can be there it returns nil, and so does Parse.
// Unsure cases answer true: goldmark's parser then decides.
func mayStartLink(rest []byte) bool {
	if len(rest) == 0 {
		return true
	}
	switch rest[0] {
	case 'h':
		if hasPrefix(rest, "http:") || hasPrefix(rest, "https:") {
			return true
		}
	case 'f':
		if hasPrefix(rest, "ftp:") {
			return true
		}
	case 'w':
		if hasPrefix(rest, "www.") {
			return true
		}
	}
	for i, c := range rest {
		if c == '@' || i == emailLocalMax {
			return true
		}
		if !emailLocal[c] {
			return false
		}
	}
	return false // no '@' before the line ends
}

func hasPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == prefix
}
