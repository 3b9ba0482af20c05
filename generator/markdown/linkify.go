package markdown

import (
	"bytes"
	"slices"

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

// docContext is what Parser.Parse knows of the whole document it hands
// goldmark, kept in the parser context under docKey: where Linkify could
// find a link at all. (It is not a parser.Context wrapping goldmark's:
// goldmark calls the context's methods many times a line, and each call
// through a wrapper costs an extra call.)
type docContext struct {
	marks []int // ascending offsets of every link mark (see linkMarks)
	next  int   // index of the first mark at or after the last position asked about
}

// docKey holds a document's *docContext in its parser context.
var docKey = parser.NewContextKey()

// linkMarks returns, in order, the offsets of the bytes a link found by
// goldmark's Linkify parser must contain: the ':' of "http:", "https:"
// and "ftp:", the '.' of "www." and every '@' (of an e-mail address).
// They are found by their rarer last byte rather than by the words,
// which keeps this to a fraction of a pass over prose.
func linkMarks(src []byte) []int {
	var marks []int
	marks = appendAfter(marks, src, '@')
	marks = appendAfter(marks, src, ':', "http", "https", "ftp")
	marks = appendAfter(marks, src, '.', "www")
	slices.Sort(marks)
	return marks
}

// appendAfter appends the offsets of every c in src that comes right
// after one of words (any c when there are none).
func appendAfter(marks []int, src []byte, c byte, words ...string) []int {
	var last [256]bool // the words' last letters
	for _, w := range words {
		last[w[len(w)-1]] = true
	}
	for i := 0; i < len(src); {
		k := bytes.IndexByte(src[i:], c)
		if k < 0 {
			break
		}
		before := src[:i+k]
		found := len(words) == 0
		// Most colons and dots follow none of the words: the byte before
		// is checked first.
		if !found && len(before) > 0 && last[before[len(before)-1]] {
			for _, w := range words {
				found = found || len(before) >= len(w) && string(before[len(before)-len(w):]) == w
			}
		}
		if found {
			marks = append(marks, i+k)
		}
		i += k + 1
	}
	return marks
}

// linkWindow bounds how far after the position goldmark asks about a
// link's mark can be: the trigger character, then "https:" or an e-mail
// local part of up to 64 bytes and its '@', plus room for the spaces a
// tab in the indentation counts as.
const linkWindow = 1 + emailLocalMax + 1 + 16

// markNear reports whether a mark lies in [pos, pos+linkWindow]. goldmark
// asks about positions mostly in document order, so the search goes on
// from the last answer.
func (d *docContext) markNear(pos int) bool {
	if d.next > 0 && d.marks[d.next-1] >= pos {
		d.next, _ = slices.BinarySearch(d.marks, pos)
	}
	for d.next < len(d.marks) && d.marks[d.next] < pos {
		d.next++
	}
	return d.next < len(d.marks) && d.marks[d.next] <= pos+linkWindow
}

// Parse implements parser.InlineParser. With no link mark near, goldmark's
// parser cannot find a link here; otherwise the line is looked at.
func (p quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	if dc, ok := pc.Get(docKey).(*docContext); ok {
		if len(dc.marks) == 0 {
			return nil // most notes: no bare link anywhere
		}
		if _, pos := block.Position(); !dc.markNear(pos.Start) {
			return nil
		}
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
// bytes; where neither can be, that parser returns nil, and so does
// Parse. Unsure cases answer true: goldmark's parser then decides.
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
