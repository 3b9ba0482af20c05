package markdown

import (
	"bytes"
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
	var stack [64]byte
	return string(appendAnchor(stack[:0], strings.TrimSpace(raw)))
}

// appendAnchor appends the anchor of raw, already trimmed, to b.
func appendAnchor[T string | []byte](b []byte, raw T) []byte {
	// Headings are mostly ASCII: map bytes directly.
	start := len(b)
	for i := range len(raw) {
		c := raw[i]
		switch {
		case c >= utf8.RuneSelf:
			return append(b[:start], anchorRunes(string(raw))...)
		case c == '-' || c == ' ':
			b = append(b, '-')
		case c >= 'A' && c <= 'Z':
			b = append(b, c+'a'-'A')
		case c == '_' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			b = append(b, c)
		}
	}
	return b
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
func NewIDs() *IDs {
	// Room for the headings of a long note: growing the set step by step
	// cost more than the headings' ids themselves.
	return &IDs{seen: make(map[string]bool, 32)}
}

// Generate implements parser.IDs.
func (ids *IDs) Generate(value []byte, kind ast.NodeKind) []byte {
	value = headingIDText(value)
	id, _ := ids.unique(appendAnchor(make([]byte, 0, len(value)+2), bytes.TrimSpace(value)), kind)
	return id
}

// Next returns the unique id for a heading (or other node kind) whose raw
// text is value.
func (ids *IDs) Next(value string, kind ast.NodeKind) string {
	var stack [64]byte
	if strings.Contains(value, "<!--") {
		value = string(headingIDText([]byte(value)))
	}
	_, id := ids.unique(appendAnchor(stack[:0], strings.TrimSpace(value)), kind)
	return id
}

// unique turns an anchor into the document's next id, in place, and
// records it: an empty anchor becomes "heading" (or "id"), a taken one
// gets the first free "-1", "-2", ... suffix.
func (ids *IDs) unique(anchor []byte, kind ast.NodeKind) ([]byte, string) {
	if len(anchor) == 0 {
		if kind == ast.KindHeading {
			anchor = append(anchor, "heading"...)
		} else {
			anchor = append(anchor, "id"...)
		}
	}
	if ids.seen[string(anchor)] {
		n := len(anchor)
		for i := 1; ; i++ {
			anchor = strconv.AppendInt(append(anchor[:n], '-'), int64(i), 10)
			if !ids.seen[string(anchor)] {
				break
			}
		}
	}
	id := string(anchor)
	ids.seen[id] = true
	return anchor, id
}

// Put implements parser.IDs: it reserves an id given explicitly ({#id}).
func (ids *IDs) Put(value []byte) { ids.seen[string(value)] = true }
