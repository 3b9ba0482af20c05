package search

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/rawhtml"
)

// document is one searchable record: a whole page, or one heading section
// of it.
type document struct {
	page     int      // index of the page in site order
	url      string   // relative to the site root, with "#id" for a section
	title    string   // the page title
	headings []string // heading path down to this section; empty for a page
	tags     []string // display spellings
	aliases  []string
	text     string // visible text: the section's own text, or a page's intro
}

// Field numbers and the weight a term hit in each field gets.
const (
	fieldTitle = iota
	fieldHeadings
	fieldTags
	fieldBody
	numFields
)

var fieldBoost = [numFields]float64{fieldTitle: 6, fieldHeadings: 3, fieldTags: 2, fieldBody: 1}

// Prepare cuts a note into its search records while its syntax tree is at
// hand; Build then works from them.
func Prepare(n *note.Note) { pageDocuments(n, 0, nil) }

// pageDocuments is documents memoized on the note (for its first page
// number; other numbers get a renumbered copy), so the index can be built
// after the pipeline has dropped the note's syntax tree.
func pageDocuments(n *note.Note, page int, scratch *bytes.Buffer) []document {
	docs := note.Memo(n, "search.documents", func() []document { return documents(n, page, scratch) })
	if len(docs) > 0 && docs[0].page != page {
		docs = slices.Clone(docs)
		for i := range docs {
			docs[i].page = page
		}
	}
	return docs
}

// documents cuts a note into its page record and one record per heading
// section, in document order. Only top-level headings start sections; a
// heading quoted inside a list or callout stays text of its section.
// scratch, when not nil, is a buffer to reuse for the text.
func documents(n *note.Note, page int, scratch *bytes.Buffer) []document {
	page0 := document{page: page, url: n.URL, title: n.Title, tags: n.Tags, aliases: n.Aliases}
	docs := []document{page0}
	if n.Doc == nil {
		docs[0].text = collapse(n.Body)
		return docs
	}
	type level struct {
		n    int
		text string
	}
	var stack []level
	if scratch == nil {
		scratch = new(bytes.Buffer)
	}
	buf := scratch
	buf.Reset()
	cur := 0
	flush := func() {
		docs[cur].text = collapse(buf.Bytes())
		buf.Reset()
	}
	for c := n.Doc.FirstChild(); c != nil; c = c.NextSibling() {
		h, ok := c.(*ast.Heading)
		if !ok {
			rawhtml.VisibleText(buf, c, n.Body)
			buf.WriteByte('\n')
			continue
		}
		if len(docs) == 1<<pageBits {
			// Out of section numbers: the rest is text of the last section.
			rawhtml.VisibleText(buf, c, n.Body)
			buf.WriteByte('\n')
			continue
		}
		flush()
		for len(stack) > 0 && stack[len(stack)-1].n >= h.Level {
			stack = stack[:len(stack)-1]
		}
		text := collapse(markdown.PlainText(h, n.Body))
		stack = append(stack, level{h.Level, text})
		path := make([]string, len(stack))
		for i, l := range stack {
			path[i] = l.text
		}
		url := n.URL
		if id := markdown.HeadingID(h); id != "" {
			url += "#" + id
		}
		docs = append(docs, document{page: page, url: url, title: n.Title, headings: path, tags: n.Tags})
		cur = len(docs) - 1
	}
	flush()
	return docs
}

// collapse turns every run of white space into one space and trims the
// ends: display text is one line. Text whose white space is already
// single spaces is copied a stretch at a time; only non-ASCII runes are
// decoded, to find Unicode spaces.
func collapse[T string | []byte](s T) string {
	var out strings.Builder
	out.Grow(len(s))
	i := skipSpace(s, 0)
	for i < len(s) {
		// s[start:i] is text whose only white space is single ' '
		// between words: it is copied as it is.
		start := i
		for i < len(s) {
			n, space := runeAt(s, i)
			if space {
				if s[i] != ' ' || i+1 == len(s) {
					break
				}
				if _, next := runeAt(s, i+1); next {
					break
				}
			}
			i += n
		}
		writeText(&out, s[start:i])
		if i = skipSpace(s, i); i < len(s) {
			out.WriteByte(' ')
		}
	}
	return out.String()
}

// asciiSpace is the ASCII white space unicode.IsSpace reports.
var asciiSpace = [utf8.RuneSelf]bool{' ': true, '\n': true, '\t': true, '\r': true, '\f': true, '\v': true}

// runeAt returns the length of the rune at s[i] and whether it is white
// space. An invalid byte counts as a one-byte rune that is not.
func runeAt[T string | []byte](s T, i int) (int, bool) {
	if c := s[i]; c < utf8.RuneSelf {
		return 1, asciiSpace[c]
	}
	r, n := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
	return n, unicode.IsSpace(r)
}

// skipSpace returns the index of the first rune at or after i that is
// not white space.
func skipSpace[T string | []byte](s T, i int) int {
	for i < len(s) {
		n, space := runeAt(s, i)
		if !space {
			break
		}
		i += n
	}
	return i
}

// writeText appends s to out without converting it first.
func writeText[T string | []byte](out *strings.Builder, s T) {
	switch s := any(s).(type) {
	case string:
		out.WriteString(s)
	case []byte:
		out.Write(s)
	}
}

// truncate cuts s to at most n bytes at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
