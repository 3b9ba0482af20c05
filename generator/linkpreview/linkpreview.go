// Package linkpreview writes the data of the site's link previews: the
// previews of all published notes, in shard files of 8 to 16 previews
// under static/preview/, which the note page's script fetches the first time a
// reader hovers or focuses a link to a note of that shard. A preview holds
// the note's title and tags, the text of its first paragraphs, and the
// text under each heading and of each block with an id that a link of the
// vault names, so a link to "Note#Heading" or "Note#^id" previews what it
// points at without loading the whole target page, and the preview of a
// note whose parts no link names holds little more than its first
// paragraphs.
//
// Shards, not a file per note: Hugo copies static/ into the site on every
// build, file by file, and thousands of files of about a kilobyte cost
// more to copy (and to host) than their bytes. A note's shard is FNV-1a
// (32 bits) of its page path, masked by the shard count, a power of two
// chosen so that a shard holds about 8 to 16 previews; the script
// computes the same hash. The shard count is in the files' path
// (static/preview/<shards>/<shard in hex>.json), so a build that changes
// it never mixes two layouts, and in static/preview/index.json, which the
// script fetches before its first shard. Not in a data file for the
// theme: Hugo renders again every page that reads hugo.Data whenever any
// data file changes, and the practice deck's changes with most saves.
//
// The text is plain text (the visible text of the Markdown and of the
// HTML the site keeps, as the search index shows it) that the script
// sets with textContent: nothing in a preview is ever read as HTML.
// Only published notes are given to an output, so a private note has no
// preview in any shard, and the site writer removes the shards the
// build no longer writes.
package linkpreview

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/internal/jsonenc"
	"github.com/crib-notes/crib/generator/internal/parallel"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/rawhtml"
)

// Dir is where the preview shards go, relative to the site root.
const Dir = "static/preview"

// IndexFile tells the script the shard count, relative to the site root.
const IndexFile = Dir + "/index.json"

// perShard is the most previews a shard holds on average: a shard of 8
// to 16 previews is still one small fetch (2 to 3 KB gzipped on a
// synthetic prose vault), and a vault of 5,000 notes makes 512 files.
const perShard = 16

// Bytes of text a preview keeps: about what a small card shows in a few
// lines. The intro is longer, since it stands for the whole note.
const (
	introMax = 280
	partMax  = 200
	// minPiece is the least of a paragraph worth showing once the
	// paragraphs before it fill most of the card.
	minPiece = 60
)

// Preview is what a link to a note shows.
type Preview struct {
	Title string   `json:"title"`
	Tags  []string `json:"tags,omitempty"`
	// Text is the note's first paragraphs, list items and quotes.
	Text []string `json:"text,omitempty"`
	// Sections are by heading id, the id Hugo gives the heading.
	Sections map[string]Part `json:"sections,omitempty"`
	// Blocks are by HTML id ("^b1" for the Obsidian block id ^b1).
	Blocks map[string][]string `json:"blocks,omitempty"`
}

// Part is the text under one heading.
type Part struct {
	Heading string   `json:"heading"`
	Text    []string `json:"text,omitempty"`
}

// Shards is the number of shards for n notes: the smallest power of two
// that is at least n/16, and at least 1.
func Shards(n int) int {
	k := 1
	for k*perShard < n {
		k *= 2
	}
	return k
}

// Shard is the shard, of k (a power of two), that holds the preview of
// the note at page path p.
func Shard(p string, k int) int {
	h := fnv.New32a()
	h.Write([]byte(p))
	return int(h.Sum32() & uint32(k-1))
}

// ShardPath is the site path of shard i of k.
func ShardPath(i, k int) string { return fmt.Sprintf("%s/%d/%x.json", Dir, k, i) }

// Of returns the preview of n, memoized, so that it can be made while
// the note's syntax tree is in memory and written after it is dropped.
func Of(n *note.Note) Preview {
	return note.Memo(n, "linkpreview.data", func() Preview { return build(n) })
}

func build(n *note.Note) Preview {
	p := Preview{Title: n.Title, Tags: n.Tags}
	if n.Doc == nil {
		return p
	}
	src := n.Body
	var buf bytes.Buffer
	// The intro is the first text of the note up to the heading after
	// it: a note that opens with a heading (a question label) is
	// introduced by the text under it.
	intro := texts{limit: introMax}
	for c := n.Doc.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok {
			if len(intro.list) > 0 {
				intro.limit = 0
			}
			if id := markdown.HeadingID(h); id != "" {
				if p.Sections == nil {
					p.Sections = map[string]Part{}
				}
				p.Sections[id] = Part{Heading: oneLine([]byte(markdown.PlainText(h, src)), partMax), Text: section(h, src, &buf)}
			}
			continue
		}
		if !intro.full() {
			intro.add(c, src, &buf)
		}
	}
	p.Text = intro.list
	_ = ast.Walk(n.Doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if id := blockID(c); id != "" {
			if p.Blocks == nil {
				p.Blocks = map[string][]string{}
			}
			if _, dup := p.Blocks[id]; !dup {
				b := texts{limit: partMax}
				b.addAll(c, src, &buf)
				p.Blocks[id] = b.list
			}
		}
		return ast.WalkContinue, nil
	})
	return p
}

// section is the text under heading h: the blocks after it up to the
// next heading of its level or above. Subheadings are skipped, their
// text is kept.
func section(h *ast.Heading, src []byte, buf *bytes.Buffer) []string {
	t := texts{limit: partMax}
	for c := h.NextSibling(); c != nil && !t.full(); c = c.NextSibling() {
		if next, ok := c.(*ast.Heading); ok {
			if next.Level <= h.Level {
				break
			}
			continue
		}
		t.add(c, src, buf)
	}
	return t.list
}

// blockID is the id of a block that has an Obsidian block id ("^b1"),
// or "". Headings have ids too, never starting with '^'.
func blockID(n ast.Node) string {
	v, ok := n.AttributeString("id")
	if !ok {
		return ""
	}
	var id string
	switch v := v.(type) {
	case []byte:
		id = string(v)
	case string:
		id = v
	}
	if !strings.HasPrefix(id, "^") {
		return ""
	}
	return id
}

// texts collects the text of blocks, one string a paragraph, up to
// limit bytes in all; the block that reaches the limit is cut at a word
// and ends in "…".
type texts struct {
	list  []string
	size  int
	limit int
}

func (t *texts) full() bool { return t.size >= t.limit }

// add takes the text of a paragraph, list or quote; other blocks (code,
// tables, HTML, rules) do not read well in a few lines and are left out.
func (t *texts) add(n ast.Node, src []byte, buf *bytes.Buffer) {
	switch n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		t.addAll(n, src, buf)
	case *ast.List:
		for item := n.FirstChild(); item != nil && !t.full(); item = item.NextSibling() {
			t.addAll(item, src, buf)
		}
	case *ast.Blockquote:
		for c := n.FirstChild(); c != nil && !t.full(); c = c.NextSibling() {
			t.add(c, src, buf)
		}
	}
}

// addAll takes all the visible text of n as one paragraph.
func (t *texts) addAll(n ast.Node, src []byte, buf *bytes.Buffer) {
	buf.Reset()
	rawhtml.VisibleText(buf, n, src)
	if t.full() {
		return
	}
	b := bytes.TrimLeftFunc(buf.Bytes(), unicode.IsSpace)
	if m := calloutMarker.FindIndex(b[:min(len(b), 64)]); m != nil {
		b = b[m[1]:]
	}
	// One byte past the room is enough to know that the text is cut.
	s := oneLine(b, t.limit-t.size+1)
	if s == "" {
		return
	}
	if room := t.limit - t.size; len(s) > room {
		if room < minPiece && len(t.list) > 0 {
			// A word or two of a paragraph reads as a stub ("Cre…").
			t.size = t.limit
			return
		}
		s = cut(s, room) + "…"
	}
	t.list = append(t.list, s)
	t.size += len(s)
}

// calloutMarker is the "[!tip]" (and fold sign) a callout's text opens
// with, which the site shows as the callout's style, not as text.
var calloutMarker = regexp.MustCompile(`^\[![\w-]+\][+-]?\s*`)

// oneLine turns every run of white space of b into one space and trims
// the ends, stopping after max bytes: a long block is read only as far
// as a preview shows it.
func oneLine(b []byte, max int) string {
	out := make([]byte, 0, min(len(b), max))
	space := false
	for i := 0; i < len(b) && len(out) < max; {
		r, size := utf8.DecodeRune(b[i:])
		if unicode.IsSpace(r) {
			space = true
		} else {
			if space && len(out) > 0 {
				out = append(out, ' ')
			}
			space = false
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return string(out)
}

// cut shortens s to at most n bytes, at the last space before that when
// there is one, never inside a rune.
func cut(s string, n int) string {
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	s = s[:n]
	if i := strings.LastIndexByte(s, ' '); i > n/2 {
		s = s[:i]
	}
	return strings.TrimRight(s, " ,;:.")
}

// linkedParts are the fragments (heading and block ids) the links of n
// name, by the page path of the note they lead to; a link into n itself
// ("#id") is under n.Path. Memoized, as Of is.
func linkedParts(n *note.Note) map[string][]string {
	return note.Memo(n, "linkpreview.links", func() map[string][]string {
		if n.Doc == nil {
			return nil
		}
		var parts map[string][]string
		_ = ast.Walk(n.Doc, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
			l, ok := c.(*ast.Link)
			if !entering || !ok {
				return ast.WalkContinue, nil
			}
			u, err := url.Parse(string(l.Destination))
			if err != nil || u.Fragment == "" || u.Scheme != "" || u.Host != "" {
				return ast.WalkContinue, nil
			}
			path := u.Path
			if path == "" {
				path = n.Path
			}
			if parts == nil {
				parts = map[string][]string{}
			}
			parts[path] = append(parts[path], u.Fragment)
			return ast.WalkContinue, nil
		})
		return parts
	})
}

// only returns p with just the sections and blocks whose ids are in
// linked: those nothing links to are never shown.
func (p Preview) only(linked map[string]bool) Preview {
	sections, blocks := p.Sections, p.Blocks
	p.Sections, p.Blocks = nil, nil
	for id, s := range sections {
		if linked[id] {
			if p.Sections == nil {
				p.Sections = map[string]Part{}
			}
			p.Sections[id] = s
		}
	}
	for id, b := range blocks {
		if linked[id] {
			if p.Blocks == nil {
				p.Blocks = map[string][]string{}
			}
			p.Blocks[id] = b
		}
	}
	return p
}

// Write writes the previews of notes, with the sections and blocks that
// the links of notes name, into their shards, and the shard count into
// IndexFile. With no notes it writes nothing, and a link shows no
// preview.
func Write(ctx context.Context, w content.Writer, notes []*note.Note) []diag.Diagnostic {
	if len(notes) == 0 {
		return nil
	}
	linked := map[string]map[string]bool{}
	for _, n := range notes {
		for path, ids := range linkedParts(n) {
			if linked[path] == nil {
				linked[path] = map[string]bool{}
			}
			for _, id := range ids {
				linked[path][id] = true
			}
		}
	}
	k := Shards(len(notes))
	members := make([][]*note.Note, k)
	for _, n := range notes {
		i := Shard(n.Path, k)
		members[i] = append(members[i], n)
	}
	errs := make([]error, k)
	// Hundreds of files: a few at a time, as the search index writes its
	// own. Every shard is written, an empty one too, so no fetch fails.
	parallel.Each(writers, k, func(i int) {
		if ctx.Err() != nil {
			return
		}
		shard := make(map[string]Preview, len(members[i]))
		for _, n := range members[i] {
			shard[n.Path] = Of(n).only(linked[n.Path])
		}
		// A map's keys are encoded sorted: the same notes give the
		// same bytes, in whatever order they come.
		data, err := jsonenc.Marshal(shard)
		if err == nil {
			err = w.WriteFile(ShardPath(i, k), data)
		}
		errs[i] = err
	})
	if ctx.Err() != nil {
		return nil
	}
	if err := errors.Join(errs...); err != nil {
		return []diag.Diagnostic{diag.Site.Errorf("", 0, "link preview: %v", err)}
	}
	data, err := jsonenc.Marshal(struct {
		Shards int `json:"shards"`
	}{k})
	if err == nil {
		err = w.WriteFile(IndexFile, data)
	}
	if err != nil {
		return []diag.Diagnostic{diag.Site.Errorf("", 0, "link preview: %v", err)}
	}
	return nil
}

const writers = 4

// Output is the link previews as a pipeline output.
type Output struct{}

// Name implements the pipeline's Output.
func (Output) Name() string { return "linkpreview" }

// Prepare implements the pipeline's Preparer: the preview and the
// note's links are read while its syntax tree is at hand.
func (Output) Prepare(n *note.Note) {
	Of(n)
	linkedParts(n)
}

// Write implements the pipeline's Output.
func (Output) Write(ctx context.Context, w content.Writer, notes []*note.Note) []diag.Diagnostic {
	return Write(ctx, w, notes)
}
