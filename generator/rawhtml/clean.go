// Package rawhtml keeps the HTML a note writes that only shows text
// (<sup>, <kbd>, <mark>, <details>, a simple <table>...), as Obsidian
// shows it, and leaves out the rest: what could run a script, load
// something, send a form or restyle the page.
//
// Which tags and attributes are harmless is bluemonday's to decide, with
// the allow-list in policy.go. What bluemonday cannot know is written
// here: where goldmark reads raw HTML in Markdown (one node per inline
// tag, one per HTML block), which tags belong together, and how to edit
// Markdown without changing its lines. A tag a note opens is kept only
// when it is closed in the same paragraph (inline) or among the HTML
// blocks of the same list item, quote or note (blocks): a <details> or
// <b> never closed would take in the rest of the page, and a stray </div>
// would close the theme's. Comments are kept as they are; the caller
// empties them before the page is written (markdown.WithoutHTMLComments,
// see Guard).
package rawhtml

import (
	"bytes"
	"cmp"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
)

// Options says how Clean treats what it cannot decide alone.
type Options struct {
	// Image resolves the src of an <img> written as a path (a file of
	// the vault) and returns the URL to write, or why the file is not
	// published. Nil keeps such a src as it is.
	Image func(src string) (string, error)
}

// Drop is HTML Clean left out of a note, or a tag it kept without some
// of its attributes.
type Drop struct {
	Line int    // the line of the Markdown that holds it, from 0
	Tag  string // as written, at most maxTag bytes
	Err  error  // why an image was left out, when its file was
	pos  int    // its offset in the pass that found it, for the order
}

const (
	maxTag = 60
	// maxPasses bounds the passes that edit the HTML: an edit can make
	// a line blank, which ends an HTML block, and what followed it in
	// the block is read again as Markdown. After these, every raw HTML
	// node left is escaped.
	maxPasses = 4
)

// Clean returns md, which doc was parsed from, with every raw HTML node
// goldmark reads in it either harmless HTML that Clean would leave as it
// is, or text; the parse of the result (doc itself when nothing
// changed); and what was left out. parse must parse as doc was parsed
// (heading ids included); doc may be nil, for Clean to parse md only when
// it may hold HTML (the tree returned is then nil when it holds none).
// The result has the lines of md: each line keeps its number and its
// container markers ("> ", indentation).
func Clean(md []byte, doc ast.Node, parse func([]byte) ast.Node, opts Options) ([]byte, ast.Node, []Drop) {
	if !mayHoldHTML(md) {
		return md, doc, nil
	}
	var drops []Drop
	cache, tags := map[string]sanitized{}, map[string]parsedTag{}
	for pass := 0; ; pass++ {
		if doc == nil {
			doc = parse(md)
		}
		c := cleaner{src: md, escape: pass >= maxPasses, cache: cache, tags: tags}
		if pass == 0 {
			c.image = opts.Image
		}
		c.walk(doc)
		drops = append(drops, c.drops...)
		if len(c.edits) == 0 {
			slices.SortStableFunc(drops, func(a, b Drop) int { return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.pos, b.pos)) })
			return md, doc, drops
		}
		md = apply(md, c.edits)
		doc = nil
		if pass > maxPasses {
			// Escaping raw HTML can only turn more of a note into text,
			// but code spans pair up anew; this is the end of that.
			md = bytes.ReplaceAll(md, []byte("<"), []byte("&lt;"))
			return md, parse(md), drops
		}
	}
}

// mayHoldHTML reports whether md has a '<' that can start raw HTML: one
// followed by a letter, '/', '!' or '?'.
func mayHoldHTML(md []byte) bool {
	for i := bytes.IndexByte(md, '<'); i >= 0 && i+1 < len(md); {
		c := md[i+1]
		if c|0x20 >= 'a' && c|0x20 <= 'z' || c == '/' || c == '!' || c == '?' {
			return true
		}
		k := bytes.IndexByte(md[i+1:], '<')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	return false
}

// cleaner makes one pass over a parsed body.
type cleaner struct {
	src    []byte
	image  func(string) (string, error)
	escape bool // escape every raw HTML node
	cache  map[string]sanitized
	tags   map[string]parsedTag
	lines  []int // where each line of src starts, once a drop needs it
	edits  []edit
	drops  []Drop
}

// item is one raw HTML node: the source ranges of its lines, their bytes
// joined, and whether it is inline (one tag or comment in text) or an
// HTML block.
type item struct {
	pieces []text.Segment
	offs   []int // where each piece starts in text
	text   []byte
	inline bool
}

// tok is one token of an item.
type tok struct {
	it         *item
	start, end int // in it.text
	typ        html.TokenType
	name       string
	out        string // what to write instead, when changed
	changed    bool
	escapeText bool // write the text with '<' escaped, line by line
	close      string
}

func (c *cleaner) walk(doc ast.Node) {
	scopes := map[ast.Node][]*item{}
	var order []ast.Node
	add := func(scope ast.Node, it *item) {
		if _, ok := scopes[scope]; !ok {
			order = append(order, scope)
		}
		scopes[scope] = append(scopes[scope], it)
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock:
			segs := n.Lines().Sliced(0, n.Lines().Len())
			if n.HasClosure() {
				segs = append(slices.Clip(segs), n.ClosureLine)
			}
			add(n.Parent(), c.item(segs, false))
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			block := n.Parent()
			for block != nil && block.Type() != ast.TypeBlock {
				block = block.Parent()
			}
			add(block, c.item(n.Segments.Sliced(0, n.Segments.Len()), true))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, s := range order {
		items := scopes[s]
		if c.escape {
			for _, it := range items {
				c.edit(&tok{it: it, end: len(it.text), escapeText: true, changed: true})
			}
			continue
		}
		var toks []*tok
		for _, it := range items {
			toks = append(toks, c.tokens(it)...)
		}
		c.balance(toks)
		for _, t := range toks {
			if t.changed || t.close != "" {
				c.edit(t)
			}
		}
	}
}

func (c *cleaner) item(segs []text.Segment, inline bool) *item {
	it := &item{pieces: segs, inline: inline, offs: make([]int, len(segs))}
	for i, s := range segs {
		it.offs[i] = len(it.text)
		it.text = append(it.text, c.src[s.Start:s.Stop]...)
	}
	return it
}

// tokens splits an item into tokens and decides what each becomes.
func (c *cleaner) tokens(it *item) []*tok {
	s := string(it.text)
	if it.inline {
		t := &tok{it: it, end: len(s)}
		switch {
		case strings.HasPrefix(s, "<!--"):
			t.typ = html.CommentToken
		case strings.HasPrefix(s, "<!"), strings.HasPrefix(s, "<?"):
			c.drop(t, nil) // a declaration, CDATA or processing instruction
		default:
			h, ok := c.parseTag(s)
			if !ok {
				c.drop(t, nil) // goldmark and a browser read it apart
				break
			}
			c.tag(t, h)
		}
		return []*tok{t}
	}
	var toks []*tok
	z := html.NewTokenizerFragment(strings.NewReader(s), "div")
	skip := false // the text of an element left out with it
	for pos := 0; ; {
		tt := z.Next()
		if tt == html.ErrorToken {
			if pos < len(s) {
				// A tag the block ends inside of: a browser would read
				// on into the page after it, so it is text.
				toks = append(toks, &tok{it: it, start: pos, end: len(s), typ: html.TextToken, escapeText: true, changed: true})
			}
			break
		}
		raw := z.Raw()
		t := &tok{it: it, start: pos, end: pos + len(raw), typ: tt}
		pos = t.end
		toks = append(toks, t)
		switch tt {
		case html.TextToken:
			if skip {
				t.out, t.changed = "", true
			} else if bytes.IndexByte(raw, '<') >= 0 {
				t.escapeText, t.changed = true, true
			}
		case html.CommentToken:
			if !strings.HasPrefix(string(raw), "<!--") || !(bytes.HasSuffix(raw, []byte("-->")) || bytes.HasSuffix(raw, []byte("--!>"))) {
				c.drop(t, nil) // a comment never closed would hide the page after it
			}
		case html.DoctypeToken:
			c.drop(t, nil)
		default:
			c.tag(t, z.Token())
		}
		skip = (tt == html.StartTagToken) && rawText[t.name]
	}
	return toks
}

// parseTag reads one tag as a browser does, and whether the tag is the
// whole of s. A note repeats its tags, so each is read once.
func (c *cleaner) parseTag(s string) (html.Token, bool) {
	p, ok := c.tags[s]
	if !ok {
		z := html.NewTokenizerFragment(strings.NewReader(s), "div")
		z.Next()
		p = parsedTag{z.Token(), len(z.Raw()) == len(s)}
		c.tags[s] = p
	}
	h := p.tok
	h.Attr = slices.Clone(h.Attr) // tag edits them
	return h, p.whole
}

type parsedTag struct {
	tok   html.Token
	whole bool
}

// tag decides what a start, end or self-closing tag becomes.
func (c *cleaner) tag(t *tok, h html.Token) {
	t.typ, t.name = h.Type, h.Data
	raw := string(t.it.text[t.start:t.end])
	if !allowed[t.name] || h.Type == html.EndTagToken && void[t.name] {
		c.drop(t, nil)
		return
	}
	if h.Type == html.EndTagToken {
		c.set(t, "</"+t.name+">")
		return
	}
	lost := false
	var imageErr error
	if key := urlAttr(t.name); key != "" {
		for i, a := range h.Attr {
			if a.Key != key {
				continue
			}
			v := a.Val
			if t.name == "img" && c.image != nil && isPath(v) {
				v, imageErr = c.image(v)
			}
			if imageErr == nil && checkURL(t.name, v, t.name == "img") {
				h.Attr[i].Val = v
			} else {
				h.Attr = withoutAttr(h.Attr, key)
				lost = true
			}
			break
		}
	}
	n := len(h.Attr)
	selfClosing := h.Type == html.SelfClosingTagToken
	h.Type = html.StartTagToken
	out, kept := c.sanitize(h.String())
	if out == "" {
		c.drop(t, imageErr)
		return
	}
	if selfClosing && !void[t.name] {
		out += "</" + t.name + ">"
		t.typ = html.SelfClosingTagToken
	} else if void[t.name] {
		t.typ = html.SelfClosingTagToken
	}
	if lost || kept < n {
		c.report(t, imageErr)
	}
	if out != raw {
		c.set(t, out)
	}
}

// sanitize returns the start tag as bluemonday keeps it (on one line),
// or "" when it is left out, and how many attributes it keeps. A note
// repeats its tags, so each is sanitized once.
func (c *cleaner) sanitize(tag string) (string, int) {
	if s, ok := c.cache[tag]; ok {
		return s.out, s.kept
	}
	out := policy().Sanitize(tag)
	kept := 0
	if out != "" {
		z := html.NewTokenizer(strings.NewReader(out))
		z.Next()
		kept = len(z.Token().Attr)
		out = strings.ReplaceAll(out, "\n", "&#10;")
	}
	c.cache[tag] = sanitized{out, kept}
	return out, kept
}

type sanitized struct {
	out  string
	kept int
}

// isPath reports whether a src names a file rather than a URL.
func isPath(v string) bool {
	v = strings.TrimSpace(v)
	return v != "" && !strings.HasPrefix(v, "#") && !strings.HasPrefix(v, "//") && !strings.Contains(strings.SplitN(v, "/", 2)[0], ":")
}

// set writes out instead of the token, where they differ.
func (c *cleaner) set(t *tok, out string) {
	if out != string(t.it.text[t.start:t.end]) {
		t.out, t.changed = out, true
	}
}

// drop leaves a token out and reports it.
func (c *cleaner) drop(t *tok, err error) {
	t.out, t.changed = "", true
	if t.typ != html.TextToken {
		c.report(t, err)
	}
	t.typ = html.ErrorToken // no longer a tag to balance
}

func (c *cleaner) report(t *tok, err error) {
	raw := t.it.text[t.start:t.end]
	if len(raw) > maxTag {
		raw = append(bytes.Clone(raw[:maxTag-len("…")]), "…"...)
	}
	line, off := 0, 0
	if off, _ = t.it.at(t.start); off >= 0 {
		if c.lines == nil {
			c.lines = []int{0}
			for i, b := range c.src {
				if b == '\n' {
					c.lines = append(c.lines, i+1)
				}
			}
		}
		line, _ = slices.BinarySearch(c.lines, off+1)
		line--
	}
	c.drops = append(c.drops, Drop{Line: line, Tag: strings.Join(strings.Fields(string(raw)), " "), Err: err, pos: off})
}

// balance keeps a start tag only where its element is closed in the
// same scope, in a parent it may have, and an end tag only where it
// closes one; an end tag closes the elements opened after its own, as a
// browser would, and elements still open at the end of the scope are
// closed there.
func (c *cleaner) balance(toks []*tok) {
	type open struct {
		name string
		t    *tok
	}
	var stack []open
	var last *tok
	for _, t := range toks {
		if t.typ == html.TextToken || t.typ == html.StartTagToken || t.typ == html.EndTagToken || t.typ == html.SelfClosingTagToken || t.typ == html.CommentToken {
			last = t
		}
		switch t.typ {
		case html.StartTagToken, html.SelfClosingTagToken:
			if ps := parents[t.name]; ps != nil {
				// A browser ends a cell at the next cell, a row at the
				// next row, an item at the next item: so does this.
				i := len(stack) - 1
				for i >= 0 && !slices.Contains(ps, stack[i].name) && optionalEnd[stack[i].name] {
					i--
				}
				if i < 0 || !slices.Contains(ps, stack[i].name) {
					c.drop(t, nil)
					continue
				}
				if i < len(stack)-1 {
					var closers strings.Builder
					for k := len(stack) - 1; k > i; k-- {
						closers.WriteString("</" + stack[k].name + ">")
					}
					out := t.out
					if !t.changed {
						out = string(t.it.text[t.start:t.end])
					}
					c.set(t, closers.String()+out)
					stack = stack[:i+1]
				}
			}
			if t.typ == html.StartTagToken {
				stack = append(stack, open{t.name, t})
			}
		case html.EndTagToken:
			i := len(stack) - 1
			for i >= 0 && stack[i].name != t.name {
				i--
			}
			if i < 0 {
				c.drop(t, nil)
				continue
			}
			var closers strings.Builder
			for k := len(stack) - 1; k > i; k-- {
				closers.WriteString("</" + stack[k].name + ">")
			}
			if closers.Len() > 0 {
				c.set(t, closers.String()+"</"+t.name+">")
			}
			stack = stack[:i]
		}
	}
	if len(stack) == 0 {
		return
	}
	if last == nil {
		last = toks[len(toks)-1]
	}
	var closers strings.Builder
	for k := len(stack) - 1; k >= 0; k-- {
		closers.WriteString("</" + stack[k].name + ">")
	}
	last.close = closers.String()
}

// at maps an offset in it.text to the source, and the index of its piece.
func (it *item) at(off int) (int, int) {
	if len(it.pieces) == 0 || off > len(it.text) {
		return -1, -1
	}
	i := it.piece(off)
	return it.pieces[i].Start + off - it.offs[i], i
}

// piece returns the index of the piece holding offset off of it.text
// (the last piece for the end of the text).
func (it *item) piece(off int) int {
	i, found := slices.BinarySearch(it.offs, off)
	if !found {
		i--
	}
	return min(max(i, 0), len(it.pieces)-1)
}

// edit records what a changed token becomes, line by line: the new text
// in place of its first line's part, its other lines' parts emptied, every
// line ending kept. Text with '<' is escaped on each line instead.
// Closers go after the token, before its line ending.
func (c *cleaner) edit(t *tok) {
	first := true
	var lastStop int
	for k := t.it.piece(t.start); k < len(t.it.pieces) && t.it.offs[k] < t.end; k++ {
		p := t.it.pieces[k]
		pstart := t.it.offs[k]
		pend := pstart + (p.Stop - p.Start)
		from, to := max(pstart, t.start), min(pend, t.end)
		if from >= to {
			continue
		}
		s, e := p.Start+(from-pstart), p.Start+(to-pstart)
		// The line ending stays.
		for e > s && (c.src[e-1] == '\n' || c.src[e-1] == '\r') {
			e--
		}
		lastStop = e
		if !t.changed {
			continue
		}
		var with string
		switch {
		case t.escapeText:
			with = strings.ReplaceAll(string(c.src[s:e]), "<", "&lt;")
		case first:
			with = t.out
		}
		first = false
		c.edits = append(c.edits, edit{s, e, with})
	}
	if t.close != "" {
		c.edits = append(c.edits, edit{lastStop, lastStop, t.close})
	}
}

// edit replaces src[start:stop] with with.
type edit struct {
	start, stop int
	with        string
}

// apply makes the edits, which do not overlap, to a copy of src.
func apply(src []byte, edits []edit) []byte {
	slices.SortStableFunc(edits, func(a, b edit) int { return cmp.Compare(a.start, b.start) })
	out := make([]byte, 0, len(src)+len(src)/8)
	at := 0
	for _, e := range edits {
		out = append(out, src[at:e.start]...)
		out = append(out, e.with...)
		at = e.stop
	}
	return append(out, src[at:]...)
}
