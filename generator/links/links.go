// Package links is the web of links between published notes: which note
// links to (or embeds) which, with the sentence around each link, from
// which every note page gets its "Linked from" list and the picture of
// its neighbourhood (package graph).
//
// The links are read from each note's normalized Markdown, where every
// wikilink and embed the vault resolved is already a Markdown link to a
// note's path ("/notes/docker/basics#volumes"): what the site links is
// what the web holds. A link the vault could not resolve, or one to a
// note that is not published, leads to no published note and is no
// part of it.
package links

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// MaxContext is the most text, in bytes, kept around a link as its
// context: a sentence, or as much of one as fits. A page lists every
// note that links to it, so this bounds its weight.
const MaxContext = 200

// Context is the text around a link: Before, the link's own text Mark,
// then After, as plain text.
type Context struct {
	Before string `json:"before"`
	Mark   string `json:"mark"`
	After  string `json:"after"`
}

// Ref is one link of a note to a note: the target's page path
// ("/notes/docker/basics") and the context of the link.
type Ref struct {
	Target  string
	Context Context
}

// memoKey is where Outgoing keeps a note's links (see note.Memo).
const memoKey = "links.refs"

// Outgoing returns the links of a note's body to paths of the site
// ("/notes/..."), the first of each target only, in the order of the
// body. It is memoized on the note, so it can be called once its syntax
// tree is gone if it was called while the tree was there.
func Outgoing(n *note.Note) []Ref {
	return note.Memo(n, memoKey, func() []Ref {
		if n.Doc == nil {
			return nil
		}
		var refs []Ref
		seen := map[string]bool{}
		_ = ast.Walk(n.Doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			l, ok := c.(*ast.Link)
			if !ok {
				return ast.WalkContinue, nil
			}
			target := targetPath(string(l.Destination))
			if target == "" || target == n.Path || seen[target] {
				return ast.WalkSkipChildren, nil
			}
			seen[target] = true
			refs = append(refs, Ref{Target: target, Context: contextOf(l, n.Body)})
			return ast.WalkSkipChildren, nil
		})
		return refs
	})
}

// targetPath is the page path a destination leads to, or "" when it
// leads to no note's page.
func targetPath(dest string) string {
	if !strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") {
		return ""
	}
	if k := strings.IndexAny(dest, "#?"); k >= 0 {
		dest = dest[:k]
	}
	return strings.TrimSuffix(dest, "/")
}

// contextOf is the text of the block a link stands in (its paragraph,
// list item or table cell), cut to the sentence around the link.
func contextOf(l *ast.Link, src []byte) Context {
	var block ast.Node = l
find:
	for p := l.Parent(); p != nil; p = p.Parent() {
		block = p
		switch p.(type) {
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *east.TableCell:
			break find
		}
	}
	text, start, end := markdown.PlainTextAround(block, l, src)
	if start < 0 {
		return Context{Mark: markdown.PlainText(l, src)}
	}
	// A callout's type ("[!quote] " before an embed's title) is no text
	// of the note's.
	if k := calloutType(text); k > 0 && k <= start {
		text, start, end = text[k:], start-k, end-k
	}
	return cut(text, start, end)
}

// calloutType is the length of the callout type ("[!tip]- ") text opens
// with, or 0.
func calloutType(text string) int {
	if !strings.HasPrefix(text, "[!") {
		return 0
	}
	k := strings.IndexByte(text, ']')
	if k < 0 {
		return 0
	}
	k++
	if k < len(text) && (text[k] == '-' || text[k] == '+') {
		k++
	}
	for k < len(text) && text[k] == ' ' {
		k++
	}
	return k
}

// cut keeps the sentence of text that holds text[start:end], then at
// most MaxContext bytes of it, cut at spaces, with "…" where text was
// left out.
func cut(text string, start, end int) Context {
	from, to := 0, len(text)
	// The sentence: after the last sentence end before the mark, up to
	// the first one after it.
	for i := start - 1; i > 0; i-- {
		if text[i] == ' ' && strings.ContainsRune(".!?", rune(text[i-1])) {
			from = i + 1
			break
		}
	}
	for i := end; i < len(text)-1; i++ {
		if strings.ContainsRune(".!?", rune(text[i])) && text[i+1] == ' ' {
			to = i + 1
			break
		}
	}
	mark := text[start:end]
	if len(mark) > MaxContext {
		mark = trimEnd(mark, MaxContext) + "…"
	}
	room := max(MaxContext-len(mark), 0)
	before, after := text[from:start], text[end:to]
	if len(before)+len(after) > room {
		// Keep as much on each side as the room allows, the side that
		// needs less first.
		b := min(len(before), max(room/2, room-len(after)))
		a := min(len(after), room-b)
		if b < len(before) {
			before = "…" + trimStart(before, b)
		}
		if a < len(after) {
			after = trimEnd(after, a) + "…"
		}
	}
	if from > 0 && !strings.HasPrefix(before, "…") {
		before = strings.TrimLeftFunc(before, unicode.IsSpace)
	}
	return Context{
		Before: markdown.CollapseSpace(before),
		Mark:   markdown.CollapseSpace(mark),
		After:  markdown.CollapseSpace(after),
	}
}

// trimEnd returns the first at most n bytes of s, ending at a space when
// there is one, and never inside a character.
func trimEnd(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	s = s[:n]
	if k := strings.LastIndexByte(s, ' '); k > n/2 {
		s = s[:k+1]
	}
	return s
}

// trimStart returns the last at most n bytes of s, starting after a
// space when there is one, and never inside a character.
func trimStart(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	s = s[i:]
	if k := strings.IndexByte(s, ' '); k >= 0 && k < len(s)/2 {
		s = s[k:]
	}
	return s
}

// Backlink is a note that links to another, with the context of its
// first link there.
type Backlink struct {
	Note    *note.Note
	Context Context
}

// Web is the links between a set of published notes.
type Web struct {
	byPath map[string]*note.Note
	out    map[*note.Note][]*note.Note // targets, by title
	in     map[*note.Note][]Backlink   // sources, by title
	// rank is each note's place among all by title (see byTitle): the
	// lists are sorted by it, which compares no text.
	rank map[*note.Note]int
}

// NewWeb builds the web of the notes' links (see Outgoing). Links to a
// path that is none of the notes' are left out, and so are links a page
// shows only because it embeds a note that makes them: a note links to
// the notes in its Links.
func NewWeb(notes []*note.Note) *Web {
	w := &Web{byPath: make(map[string]*note.Note, len(notes)), out: map[*note.Note][]*note.Note{}, in: map[*note.Note][]Backlink{}, rank: make(map[*note.Note]int, len(notes))}
	for _, n := range notes {
		w.byPath[n.Path] = n
	}
	sorted := slices.Clone(notes)
	slices.SortFunc(sorted, byTitle)
	for i, n := range sorted {
		w.rank[n] = i
	}
	for _, n := range notes {
		for _, r := range Outgoing(n) {
			t := w.byPath[r.Target]
			if t == nil || t == n {
				continue
			}
			if _, own := slices.BinarySearch(n.Links, t.Source); !own {
				continue // a link in the text of a note n embeds
			}
			w.out[n] = append(w.out[n], t)
			w.in[t] = append(w.in[t], Backlink{Note: n, Context: r.Context})
		}
	}
	for _, ts := range w.out {
		slices.SortFunc(ts, w.byRank)
	}
	for _, bs := range w.in {
		slices.SortFunc(bs, func(a, b Backlink) int { return w.byRank(a.Note, b.Note) })
	}
	return w
}

// byTitle orders notes by title, then by source path, so the order is
// total.
func byTitle(a, b *note.Note) int {
	return cmp.Or(cmp.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)), cmp.Compare(a.Title, b.Title), cmp.Compare(a.Source, b.Source))
}

func (w *Web) byRank(a, b *note.Note) int { return cmp.Compare(w.rank[a], w.rank[b]) }

// Links returns the notes n links to, by title.
func (w *Web) Links(n *note.Note) []*note.Note { return w.out[n] }

// Backlinks returns the notes that link to n, by title, each once.
func (w *Web) Backlinks(n *note.Note) []Backlink { return w.in[n] }

// Neighbours returns the notes n links to or is linked from, by title,
// each once.
func (w *Web) Neighbours(n *note.Note) []*note.Note {
	out := slices.Clone(w.out[n])
	for _, b := range w.in[n] {
		out = append(out, b.Note)
	}
	slices.SortFunc(out, w.byRank)
	return slices.Compact(out)
}
