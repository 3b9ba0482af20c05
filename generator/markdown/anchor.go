package markdown

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// Anchor returns the id Hugo's default "github" heading id type gives the
// raw source text of a heading line, before de-duplication. It mirrors
// markup/goldmark/autoid.go in Hugo: trim spaces, keep letters, digits and
// '_' lowercased, turn ' ' and '-' into '-', drop everything else.
func Anchor(raw string) string {
	raw = strings.TrimSpace(raw)
	// Headings are mostly ASCII: map bytes directly, one allocation.
	var stack [64]byte
	b := stack[:0]
	for i := range len(raw) {
		c := raw[i]
		switch {
		case c >= utf8.RuneSelf:
			return anchorRunes(raw)
		case c == '-' || c == ' ':
			b = append(b, '-')
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c == '_' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b = append(b, c)
		}
	}
	return string(b)
}

// anchorRunes is Anchor for text with non-ASCII characters.
func anchorRunes(raw string) string {
	var b strings.Builder
	for _, r := range raw {
		switch {
		case r == '-' || r == ' ':
			b.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// IDs hands out heading ids within one document exactly as Hugo does: an
// empty id becomes "heading", and a repeated one gets "-1", "-2", ...
// The zero value is not ready; use NewIDs.
type IDs struct {
	seen map[string]bool
}

var _ parser.IDs = (*IDs)(nil)

// NewIDs returns an empty id set for one document.
func NewIDs() *IDs { return &IDs{seen: map[string]bool{}} }

// Generate implements parser.IDs.
func (ids *IDs) Generate(value []byte, kind ast.NodeKind) []byte {
	return []byte(ids.Next(string(value), kind))
}

// Next returns the unique id for a heading (or other node kind) whose raw
// text is value.
func (ids *IDs) Next(value string, kind ast.NodeKind) string {
	id := Anchor(value)
	if id == "" {
		switch kind {
		case ast.KindHeading:
			id = "heading"
		default:
			id = "id"
		}
	}
	if ids.seen[id] {
		for i := 1; ; i++ {
			c := id + "-" + strconv.Itoa(i)
			if !ids.seen[c] {
				id = c
				break
			}
		}
	}
	ids.seen[id] = true
	return id
}

// Put implements parser.IDs: it reserves an id given explicitly ({#id}).
func (ids *IDs) Put(value []byte) { ids.seen[string(value)] = true }
