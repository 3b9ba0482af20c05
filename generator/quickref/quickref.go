// Package quickref finds the one-liners of a note's quick-reference
// sections (a list, table or definition list under a heading such as
// "Quick Reference: One-Liners"), term and definition each, for the
// printed cheat sheet. It walks the goldmark AST the note was parsed
// into and keeps each entry's 1-based source line.
package quickref

import (
	"bytes"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/crib-notes/crib/generator/markdown"
)

// OneLiner is one entry of a quick-reference list: a term and its short
// definition, as the cheat sheet prints it.
//
// Term and Definition are inline Markdown (the site renders them with
// markdownify); TermRuns and DefinitionRuns are the same text as styled
// runs, taken from the AST, for renderers that do not speak Markdown (the
// PDF). The term is always shown bold, so its runs and Markdown do not
// carry the bold of a "**Term**: ..." item.
type OneLiner struct {
	Term       string `json:"term"` // "" for a definition-only item
	Definition string `json:"definition"`
	// Line is the 1-based line of the item in the note body.
	Line int `json:"line"`
	// Anchor is the id Hugo gives the heading of the item's section (the
	// nearest heading above it), for links from the cheat sheet.
	Anchor string `json:"anchor"`

	TermRuns       []StyledRun `json:"-"`
	DefinitionRuns []StyledRun `json:"-"`
}

// RunStyle is a set of inline styles.
type RunStyle uint8

const (
	RunBold RunStyle = 1 << iota
	RunItalic
	RunCode
	RunLink
	RunStrike
)

// StyledRun is a piece of inline text in one style.
type StyledRun struct {
	Text  string
	Style RunStyle
	URL   string // link destination when Style has RunLink
}

// Options configure OneLiners. The zero value uses the default
// headings.
type Options struct {
	// Headings are the phrases that make a heading (of any level) start a
	// one-liner section. A heading matches when a phrase appears in it as
	// whole words, ignoring case and punctuation: "Quick Reference" matches
	// "## Quick Reference: One-Liners for Each Topic" but not "## Summary".
	// Empty means DefaultHeadings.
	Headings []string
}

// DefaultHeadings returns the phrases that start a one-liner
// section when none are configured.
func DefaultHeadings() []string {
	return []string{"quick reference", "one-liners", "one-liner", "one liners", "oneliners",
		"cheat sheet", "cheatsheet", "tl;dr", "tldr", "key takeaways"}
}

// OptOut is the marker that leaves one item out of the cheat sheet:
// an HTML comment anywhere in the item. Hugo does not render it, so the
// item still reads normally on the note page.
const OptOut = "<!-- nocheatsheet -->"

var optOutRe = regexp.MustCompile(`(?i)^<!--\s*nocheat(sheet)?\s*-->$`)

// Limits for a plain "Term: definition" item: longer text before the
// separator is a sentence that happens to contain a colon, not a term.
const (
	maxPlainTermRunes = 60
	maxPlainTermWords = 8
)

// OneLiners returns the one-liners of a note body, in source order. doc is
// the AST of src as parsed by markdown.Parser.
//
// A section starts at a heading matching opts.Headings and runs, with its
// sub-headings, until the next heading of the same or a higher level.
// Every list item in it (also in lists inside callouts) is one one-liner,
// shaped like one of these:
//
//	**Term**: definition    **Term:** definition    `term` — definition
//	[Term](url) - definition    Term - definition    Term: definition
//
// with ":", "—", "–", "-", "=" or "→" as the separator ("-", "=", "–",
// "→" between spaces in a plain item). An item without a separator is kept
// whole as a definition-only one-liner. A nested list is folded into its
// parent item ("parent; child; child"), so nothing is lost and an entry
// never splits. Rows of a table and entries of a definition list in the
// section are one-liners too (first cell or the term, then the rest). An
// item, row or entry containing OptOut is left out.
func OneLiners(doc ast.Node, src []byte, opts Options) []OneLiner {
	phrases := opts.Headings
	if len(phrases) == 0 {
		phrases = DefaultHeadings()
	}
	x := oneLinerExtractor{src: src}
	for _, p := range phrases {
		if n := normalizeHeadingWords(p); n != "" {
			x.phrases = append(x.phrases, " "+n+" ")
		}
	}

	var (
		in     bool
		level  int
		anchor string
	)
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok {
			if in && h.Level <= level {
				in = false
			}
			if !in && x.matches(h) {
				in, level = true, h.Level
			}
			anchor = markdown.HeadingID(h)
			continue
		}
		if in {
			x.collect(n, anchor)
		}
	}
	return x.out
}

type oneLinerExtractor struct {
	src       []byte
	phrases   []string // normalized, padded with spaces
	lineStart []int    // offsets where lines start, built on first use
	out       []OneLiner
}

func (x *oneLinerExtractor) matches(h *ast.Heading) bool {
	text := " " + normalizeHeadingWords(markdown.PlainText(h, x.src)) + " "
	for _, p := range x.phrases {
		if strings.Contains(text, p) {
			return true
		}
	}
	return false
}

// normalizeHeadingWords lower-cases s and turns every run of characters
// that are not letters or digits into one space, so "TL;DR", "tl dr" and
// "One-Liners" compare as words.
func normalizeHeadingWords(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		} else {
			space = true
		}
	}
	return b.String()
}

// collect finds the lists in a block of a one-liner section.
func (x *oneLinerExtractor) collect(n ast.Node, anchor string) {
	switch n := n.(type) {
	case *ast.List:
		for li := n.FirstChild(); li != nil; li = li.NextSibling() {
			x.item(li, anchor)
		}
	case *east.Table:
		x.table(n, anchor)
	case *east.DefinitionList:
		x.definitionList(n, anchor)
	case *ast.Blockquote:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			x.collect(c, anchor)
		}
	}
}

// item turns one list item into a one-liner.
func (x *oneLinerExtractor) item(li ast.Node, anchor string) {
	own, children, line, skip := x.itemRuns(li)
	if skip {
		return
	}
	term, def := splitTerm(own)
	if len(children) > 0 {
		if term == nil && validPlainTerm(def) {
			term, def = def, nil
		}
		for _, c := range children {
			if len(def) > 0 {
				def = append(def, StyledRun{Text: "; "})
			}
			def = append(def, c...)
		}
	}
	x.emit(term, def, line, anchor)
}

// table turns each body row of a table into a one-liner: the first cell is
// the term; a second cell is the definition, and with more columns every
// other cell is labelled by its column heading ("Docker: process; VM:
// kernel").
func (x *oneLinerExtractor) table(t *east.Table, anchor string) {
	var header [][]StyledRun
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells [][]StyledRun
		skip := false
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			runs, s := x.inlineRuns(nil, c, 0, "")
			cells = append(cells, trimRuns(runs))
			skip = skip || s
		}
		if _, ok := row.(*east.TableHeader); ok {
			header = cells
			continue
		}
		if skip || len(cells) == 0 {
			continue
		}
		var def []StyledRun
		for i, c := range cells[1:] {
			if len(c) == 0 {
				continue
			}
			if len(def) > 0 {
				def = append(def, StyledRun{Text: "; "})
			}
			if len(cells) > 2 && i+1 < len(header) && len(header[i+1]) > 0 {
				def = append(def, header[i+1]...)
				def = append(def, StyledRun{Text: ": "})
			}
			def = append(def, c...)
		}
		x.emit(cells[0], def, x.firstLine(row), anchor)
	}
}

// definitionList turns each term of a definition list ("Term" then
// ": definition") into a one-liner, its definitions joined.
func (x *oneLinerExtractor) definitionList(l *east.DefinitionList, anchor string) {
	var (
		term, def []StyledRun
		line      int
		skip      bool
		open      bool
	)
	flush := func() {
		if open && !skip {
			x.emit(term, def, line, anchor)
		}
		term, def, skip, open = nil, nil, false, false
	}
	for c := l.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *east.DefinitionTerm:
			flush()
			term, skip = x.inlineRuns(nil, c, 0, "")
			line, open = x.firstLine(c), true
		case *east.DefinitionDescription:
			d, s := x.blockRuns(nil, c)
			if d = trimRuns(d); len(d) > 0 {
				if len(def) > 0 {
					def = append(def, StyledRun{Text: "; "})
				}
				def = append(def, d...)
			}
			skip = skip || s
		}
	}
	flush()
}

// emit records a one-liner. The term is shown bold anyway, so its own bold
// is dropped; a term without a definition becomes a definition-only item.
func (x *oneLinerExtractor) emit(term, def []StyledRun, line int, anchor string) {
	term, def = trimRuns(term), trimRuns(def)
	if len(def) == 0 {
		term, def = nil, term
	}
	if len(def) == 0 {
		return
	}
	for i := range term {
		term[i].Style &^= RunBold
	}
	term, def = mergeRuns(term), mergeRuns(def)
	x.out = append(x.out, OneLiner{
		Term:           runsMarkdown(term),
		Definition:     runsMarkdown(def),
		Line:           line,
		Anchor:         anchor,
		TermRuns:       term,
		DefinitionRuns: def,
	})
}

// itemRuns returns the item's own text as runs, each nested item folded
// into runs ("term: definition"), the item's first line, and whether the
// item opted out.
func (x *oneLinerExtractor) itemRuns(li ast.Node) (own []StyledRun, children [][]StyledRun, line int, skip bool) {
	for b := li.FirstChild(); b != nil; b = b.NextSibling() {
		switch b := b.(type) {
		case *ast.List:
			for c := b.FirstChild(); c != nil; c = c.NextSibling() {
				cown, cchildren, _, cskip := x.itemRuns(c)
				if cskip {
					continue
				}
				t, d := splitTerm(cown)
				var runs []StyledRun
				if t = trimRuns(t); len(t) > 0 {
					for i := range t {
						t[i].Style |= RunBold
					}
					runs = append(append(runs, t...), StyledRun{Text: ": "})
				}
				runs = append(runs, trimRuns(d)...)
				for _, cc := range cchildren {
					runs = append(runs, StyledRun{Text: "; "})
					runs = append(runs, cc...)
				}
				if runs = trimRuns(runs); len(runs) > 0 {
					children = append(children, runs)
				}
			}
		default:
			if line == 0 && b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
				line = x.line(b.Lines().At(0).Start)
			}
			if len(own) > 0 {
				own = append(own, StyledRun{Text: " "})
			}
			var s bool
			own, s = x.blockRuns(own, b)
			skip = skip || s
		}
	}
	if line == 0 {
		line = x.firstLine(li)
	}
	return own, children, line, skip
}

// blockRuns appends the text of a block inside a list item: paragraphs
// with their inline styles, code blocks as code.
func (x *oneLinerExtractor) blockRuns(runs []StyledRun, b ast.Node) ([]StyledRun, bool) {
	if t, ok := markdown.MathText(b, x.src); ok {
		return append(runs, StyledRun{Text: t}), false
	}
	switch b := b.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		return x.inlineRuns(runs, b, 0, "")
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		var parts []string
		for i := 0; i < b.Lines().Len(); i++ {
			seg := b.Lines().At(i)
			if s := strings.TrimSpace(string(seg.Value(x.src))); s != "" {
				parts = append(parts, s)
			}
		}
		return append(runs, StyledRun{Text: strings.Join(parts, " "), Style: RunCode}), false
	}
	skip := false
	for c := b.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() != ast.TypeBlock {
			return x.inlineRuns(runs, b, 0, "")
		}
		if len(runs) > 0 {
			runs = append(runs, StyledRun{Text: " "})
		}
		var s bool
		runs, s = x.blockRuns(runs, c)
		skip = skip || s
	}
	return runs, skip
}

// inlineRuns appends the inline content of n in the given style; it
// reports whether it met the opt-out marker.
func (x *oneLinerExtractor) inlineRuns(runs []StyledRun, n ast.Node, style RunStyle, url string) ([]StyledRun, bool) {
	skip := false
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := markdown.MathText(c, x.src); ok {
			// Paper shows text: the formula as it reads, one run
			// with the text around it, so that a separator next to
			// it is found ("$\alpha$: rate").
			runs = appendText(runs, t, style, url, true)
			continue
		}
		var s bool
		switch c := c.(type) {
		case *ast.Text:
			text := resolveText(c.Segment.Value(x.src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				text += " "
			}
			_, afterMath := markdown.MathText(c.PreviousSibling(), x.src)
			runs = appendText(runs, text, style, url, afterMath)
		case *ast.String:
			runs = append(runs, StyledRun{Text: string(c.Value), Style: style, URL: url})
		case *ast.CodeSpan:
			var b strings.Builder
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				switch t := t.(type) {
				case *ast.Text:
					b.Write(t.Segment.Value(x.src))
				case *ast.String:
					b.Write(t.Value)
				}
			}
			text := strings.ReplaceAll(b.String(), "\n", " ")
			runs = append(runs, StyledRun{Text: text, Style: style | RunCode, URL: url})
		case *ast.Emphasis:
			st := RunItalic
			if c.Level >= 2 {
				st = RunBold
			}
			runs, s = x.inlineRuns(runs, c, style|st, url)
		case *ast.Link:
			if string(c.Destination) == markdown.BrokenLink {
				runs, s = x.inlineRuns(runs, c, style, url) // leads nowhere: its text
				break
			}
			runs, s = x.inlineRuns(runs, c, style|RunLink, string(c.Destination))
		case *ast.AutoLink:
			runs = append(runs, StyledRun{Text: string(c.Label(x.src)), Style: style | RunLink, URL: string(c.URL(x.src))})
		case *ast.Image:
			runs, s = x.inlineRuns(runs, c, style, url) // its alt text
		case *ast.RawHTML:
			var b bytes.Buffer
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				b.Write(seg.Value(x.src))
			}
			s = optOutRe.Match(bytes.TrimSpace(b.Bytes()))
		case *east.Strikethrough:
			runs, s = x.inlineRuns(runs, c, style|RunStrike, url)
		case *east.TaskCheckBox, *east.FootnoteLink:
			// Not part of the text.
		default:
			runs, s = x.inlineRuns(runs, c, style, url)
		}
		skip = skip || s
	}
	return runs, skip
}

// appendText appends text in a style to runs, to the last run when join
// is set and that run has the same style.
func appendText(runs []StyledRun, text string, style RunStyle, url string, join bool) []StyledRun {
	if k := len(runs) - 1; join && k >= 0 && runs[k].Style == style && runs[k].URL == url {
		runs[k].Text += text
		return runs
	}
	return append(runs, StyledRun{Text: text, Style: style, URL: url})
}

// resolveText turns the source of a text node into the text it shows:
// backslash escapes and character references resolved.
func resolveText(b []byte) string {
	if bytes.IndexByte(b, '\\') >= 0 {
		b = util.UnescapePunctuations(b)
	}
	if bytes.IndexByte(b, '&') >= 0 {
		b = util.ResolveEntityNames(util.ResolveNumericReferences(b))
	}
	return string(b)
}

// line returns the 1-based line of a byte offset of src.
func (x *oneLinerExtractor) line(off int) int {
	if x.lineStart == nil {
		x.lineStart = []int{0}
		for i, c := range x.src {
			if c == '\n' {
				x.lineStart = append(x.lineStart, i+1)
			}
		}
	}
	return sort.Search(len(x.lineStart), func(i int) bool { return x.lineStart[i] > off })
}

// firstLine returns the line of the first source text under n, or 0.
func (x *oneLinerExtractor) firstLine(n ast.Node) int {
	line := 0
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if t, ok := c.(*ast.Text); ok {
			line = x.line(t.Segment.Start)
			return ast.WalkStop, nil
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			line = x.line(c.Lines().At(0).Start)
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return line
}

// termStyle is what makes a leading run a term in "**Term**: definition",
// "`term` — definition" and "[Term](url) - definition".
const termStyle = RunBold | RunCode | RunLink

// splitTerm splits an item's runs at its separator. It returns a nil term
// for a definition-only item.
func splitTerm(runs []StyledRun) (term, def []StyledRun) {
	runs = trimRuns(runs)
	if len(runs) == 0 {
		return nil, nil
	}
	// A styled term: the leading runs in bold, code or link style, with
	// the separator either at the end of the styled text ("**Term:**") or
	// at the start of what follows ("**Term**: ...").
	if runs[0].Style&termStyle != 0 {
		k := 1
		for k < len(runs) && runs[k].Style&termStyle != 0 {
			k++
		}
		if k < len(runs) {
			styled := cloneRuns(runs[:k])
			last := &styled[k-1]
			if t, ok := cutSeparatorSuffix(last.Text); ok && last.Style&RunCode == 0 {
				last.Text = t
				if d := trimRuns(cloneRuns(runs[k:])); len(d) > 0 && len(trimRuns(styled)) > 0 {
					return trimRuns(styled), d
				}
			}
			if rest, ok := cutSeparatorPrefix(runs[k].Text); ok {
				d := append([]StyledRun{{Text: rest, Style: runs[k].Style, URL: runs[k].URL}}, runs[k+1:]...)
				if d = trimRuns(cloneRuns(d)); len(d) > 0 {
					return cloneRuns(runs[:k]), d
				}
			}
		}
	}
	// A plain term: everything before the first separator, if it is short
	// enough to be a term.
	for i, r := range runs {
		if r.Style&RunCode != 0 {
			continue
		}
		start, end := findSeparator(r.Text)
		if start < 0 {
			continue
		}
		term = append(cloneRuns(runs[:i]), StyledRun{Text: r.Text[:start], Style: r.Style, URL: r.URL})
		def = append([]StyledRun{{Text: r.Text[end:], Style: r.Style, URL: r.URL}}, cloneRuns(runs[i+1:])...)
		term, def = trimRuns(term), trimRuns(def)
		if len(def) > 0 && validPlainTerm(term) {
			return term, def
		}
		break
	}
	return nil, runs
}

// validPlainTerm reports whether runs are short enough to be a term.
func validPlainTerm(runs []StyledRun) bool {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	s := strings.TrimSpace(b.String())
	return s != "" && utf8.RuneCountInString(s) <= maxPlainTermRunes && len(strings.Fields(s)) <= maxPlainTermWords
}

// isSpace reports whether the byte at i of s is a space or s ends there.
func spaceAt(s string, i int) bool {
	return i >= len(s) || s[i] == ' ' || s[i] == '\t'
}

// findSeparator returns the byte range of the first separator in the text
// of a plain item: ": ", or one of " - ", " = ", " – ", " — ", " → ".
// It returns -1, -1 when there is none.
func findSeparator(s string) (start, end int) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case ':':
			if spaceAt(s, i+1) && i > 0 {
				return i, i + size
			}
		case '-', '=', '–', '—', '→':
			if i > 0 && spaceAt(s, i-1) && spaceAt(s, i+size) {
				return i, i + size
			}
		}
		i += size
	}
	return -1, -1
}

// separators that may follow or end a styled term.
var termSeparators = []string{":", "—", "–", "→", "=", "-"}

// cutSeparatorPrefix removes a separator at the start of s (after spaces):
// the text right after "**Term**".
func cutSeparatorPrefix(s string) (string, bool) {
	t := strings.TrimLeft(s, " \t")
	for _, sep := range termSeparators {
		if rest, ok := strings.CutPrefix(t, sep); ok {
			if sep == "—" || sep == "–" || sep == "→" || spaceAt(rest, 0) {
				return rest, true
			}
		}
	}
	return s, false
}

// cutSeparatorSuffix removes a separator at the end of s: "**Term:**".
func cutSeparatorSuffix(s string) (string, bool) {
	t := strings.TrimRight(s, " \t")
	for _, sep := range termSeparators {
		if rest, ok := strings.CutSuffix(t, sep); ok {
			if sep == "-" && !strings.HasSuffix(rest, " ") {
				continue // "**Follow-**"... a hyphenated word, not a separator
			}
			return rest, true
		}
	}
	return s, false
}

func cloneRuns(runs []StyledRun) []StyledRun {
	return append([]StyledRun(nil), runs...)
}

// trimRuns removes leading and trailing white space (and the runs it
// empties) and collapses inner runs of white space.
func trimRuns(runs []StyledRun) []StyledRun {
	out := runs[:0:0]
	for _, r := range runs {
		if r.Style&RunCode == 0 {
			r.Text = markdown.CollapseSpace(r.Text)
		}
		if r.Text != "" {
			out = append(out, r)
		}
	}
	for len(out) > 0 {
		t := strings.TrimLeft(out[0].Text, " \t")
		if t != "" {
			out[0].Text = t
			break
		}
		out = out[1:]
	}
	for len(out) > 0 {
		t := strings.TrimRight(out[len(out)-1].Text, " \t")
		if t != "" {
			out[len(out)-1].Text = t
			break
		}
		out = out[:len(out)-1]
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// mergeRuns joins neighbouring runs of the same style and destination,
// and moves white space at the edges of styled runs out of the style (so
// that "**Term **" never needs to be written).
func mergeRuns(runs []StyledRun) []StyledRun {
	var out []StyledRun
	add := func(r StyledRun) {
		if r.Text == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Style == r.Style && out[n-1].URL == r.URL {
			out[n-1].Text += r.Text
			return
		}
		out = append(out, r)
	}
	for _, r := range runs {
		if r.Style == 0 || r.Style&RunCode != 0 {
			add(r)
			continue
		}
		core := strings.TrimSpace(r.Text)
		if core == "" {
			add(StyledRun{Text: r.Text})
			continue
		}
		i := strings.Index(r.Text, core)
		add(StyledRun{Text: r.Text[:i]})
		add(StyledRun{Text: core, Style: r.Style, URL: r.URL})
		add(StyledRun{Text: r.Text[i+len(core):]})
	}
	return out
}

// runsMarkdown writes runs back as inline Markdown that renders to the
// same styled text.
func runsMarkdown(runs []StyledRun) string {
	var b strings.Builder
	for i, r := range runs {
		var s string
		if r.Style&RunCode != 0 {
			s = codeSpan(r.Text)
		} else {
			s = escapeMarkdown(r.Text, i == 0)
		}
		if r.Style&RunItalic != 0 {
			s = "*" + s + "*"
		}
		if r.Style&RunBold != 0 {
			s = "**" + s + "**"
		}
		if r.Style&RunStrike != 0 {
			s = "~~" + s + "~~"
		}
		if r.Style&RunLink != 0 {
			if r.URL == r.Text && r.Style == RunLink && !strings.ContainsAny(r.URL, " <>") {
				s = "<" + r.URL + ">"
			} else {
				s = "[" + s + "](" + linkDestination(r.URL) + ")"
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

func codeSpan(text string) string {
	longest, n := 0, 0
	for i := 0; i < len(text); i++ {
		if text[i] == '`' {
			n++
			longest = max(longest, n)
		} else {
			n = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if strings.HasPrefix(text, "`") || strings.HasSuffix(text, "`") ||
		(strings.HasPrefix(text, " ") && strings.HasSuffix(text, " ") && strings.TrimSpace(text) != "") {
		text = " " + text + " "
	}
	return fence + text + fence
}

func linkDestination(url string) string {
	if strings.ContainsAny(url, " ()<>") {
		return "<" + strings.NewReplacer("<", "%3C", ">", "%3E").Replace(url) + ">"
	}
	return url
}

var orderedMarkerRe = regexp.MustCompile(`^([0-9]{1,9})([.)])( |$)`)

// escapeMarkdown escapes the characters that would start inline Markdown,
// and at the very start of the text those that would start a block.
func escapeMarkdown(s string, first bool) string {
	var b strings.Builder
	if first {
		if m := orderedMarkerRe.FindStringSubmatchIndex(s); m != nil {
			b.WriteString(s[:m[3]])
			b.WriteByte('\\')
			s = s[m[3]:]
		} else if s != "" && strings.ContainsRune("#>+-", rune(s[0])) {
			b.WriteByte('\\')
		}
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', '`', '*', '_', '[', ']', '<', '>', '~', '&', '|', '$':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
