package normalize

import (
	"bytes"
	"fmt"
	"io/fs"
	"iter"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/crib-notes/crib/generator/dataview"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/fences"
	"github.com/crib-notes/crib/generator/index"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/nesting"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/obsidian"
	"github.com/crib-notes/crib/generator/rawhtml"
	"github.com/crib-notes/crib/generator/tables"
	"github.com/crib-notes/crib/generator/tags"
)

// Vault is the vault-wide knowledge Finish resolves a note against. It is
// read-only while notes are finished, so notes can be finished in
// parallel.
type Vault struct {
	Index       *index.Index
	Attachments *Attachments
	Tags        *tags.Spellings
	Parser      *markdown.Parser
	// Drafts holds every published note's draft by source path, for
	// transclusions.
	Drafts map[string]*Draft
	// queryTable is what Dataview queries run on.
	queryTable queryTable
	// released says which drafts' bodies a single run let go of.
	released released
	// markBroken: see MarkBrokenLinks.
	markBroken bool
	// buffers holds *obsidian.Buffer for Finish: a worker finishing
	// note after note rewrites into storage grown for earlier notes.
	buffers sync.Pool
}

// Copy is an attachment to copy next to a page.
type Copy struct {
	From string // vault path
	To   string // file name inside the page bundle
}

// Dep is one name a note's body resolved against the vault: a wikilink or
// embed target and the note or attachment it led to ("" when none). A
// note must be finished again when one of its deps resolves differently
// or the note it leads to changed.
type Dep struct {
	From       string // the note whose body named it (differs from the finished note inside embeds)
	Target     string
	Attachment bool
	Resolved   string
}

// Stale reports whether a dep recorded earlier may now give another
// result: it resolves to another file, or to one changed says changed.
func (v *Vault) Stale(dep Dep, changed func(source string) bool) bool {
	var now string
	if dep.Attachment {
		now, _ = v.Attachments.Find(dep.From, dep.Target)
	} else if e, ok := v.Index.Lookup(dep.From, dep.Target); ok {
		now = e.Source
	}
	return now != dep.Resolved || (now != "" && changed(now))
}

// ResolvesAs reports whether every link and embed resolves in v as in
// prev: the same notes under the same names, and the same attachments.
// Then a note finished against prev is stale only when something it
// resolved to changed, and its links need not be looked up again.
func (v *Vault) ResolvesAs(prev *Vault) bool {
	return prev != nil && v.Index.SameNames(prev.Index) && slices.Equal(v.Attachments.paths, prev.Attachments.paths)
}

// Finished is a note after the second pass.
type Finished struct {
	Note   *note.Note
	Copies []Copy // attachments its page needs
	Diags  []diag.Diagnostic
	Deps   []Dep
	// Queries is set when the page shows the results of a Dataview
	// query, which may change with any note of the vault.
	Queries bool
}

// Finish rewrites a draft's body against the vault and returns the note,
// the attachments its page needs, what was repaired or is broken, and
// what it depends on.
func Finish(d *Draft, v *Vault) Finished {
	e := v.Index.Entry(d.Source)
	buf, _ := v.buffers.Get().(*obsidian.Buffer)
	if buf == nil {
		buf = new(obsidian.Buffer)
	}
	r := &resolver{v: v, from: e, stack: []string{d.Source}, buf: buf, budget: embedBudget(len(d.Body))}
	body := r.body(d.text(), d.segments(), d.BodyLine)
	v.buffers.Put(r.buf)
	// Scan kept each note within the nesting limit; an embed quotes a
	// note inside the line that embeds it, so the page can go deeper.
	if r.embeds != nil {
		if limited, deep, _ := nesting.Limit(body, nesting.MaxDepth); deep != nil {
			body = limited
			r.diags = append(r.diags, diag.Markdown.Warnf(d.Source, 0, "embeds nest this page's blockquotes and lists more than %d deep: the deeper part is shown as code", nesting.MaxDepth))
		}
	}

	n := &note.Note{
		Source:     d.Source,
		Folder:     e.Folder,
		Title:      d.Title,
		Date:       d.Date,
		Lastmod:    d.Lastmod,
		Aliases:    d.Meta.Aliases,
		Params:     d.Meta.Params,
		Cheatsheet: d.Meta.InCheatsheet(),
		Path:       e.Path,
		URL:        e.URL,
		Body:       body,
		BodyLine:   d.BodyLine,
		Doc:        v.Parser.Parse(body),
	}
	if flat, starts := nesting.LimitInline(n.Body, n.Doc, nesting.MaxInlineDepth); len(flat) != len(n.Body) {
		if starts != nil {
			line := 0 // embeds move lines: then the note is named alone
			if r.embeds == nil {
				line = d.BodyLine + bytes.Count(n.Body[:starts[0]], []byte{'\n'})
			}
			r.diags = append(r.diags, diag.Markdown.Warnf(d.Source, line, "emphasis and links nested more than %d deep (%s, the first here): their markers are shown as text", nesting.MaxInlineDepth, count(len(starts), "paragraph")))
		}
		n.Body, n.Doc = flat, v.Parser.Parse(flat)
	}
	// Math as Hugo reads it: the other dollars escaped (see
	// markdown.HugoMath). Lines stay where they were.
	if math := markdown.HugoMath(n.Body, n.Doc); math != nil {
		n.Body, n.Doc = math, v.Parser.Parse(math)
	}
	n.Tags = d.DisplayTags(v.Tags)
	n.Links = linked(d.Source, r.deps)
	r.cleanHTML(n, d.BodyLine)
	return Finished{Note: n, Copies: r.copies, Diags: unique(r.diags), Deps: r.deps, Queries: r.queried}
}

// linked returns the notes the text of source itself resolved names to
// (see note.Note.Links), from its deps.
func linked(source string, deps []Dep) []string {
	var out []string
	for _, d := range deps {
		if d.From == source && !d.Attachment && d.Resolved != "" && d.Resolved != source {
			out = append(out, d.Resolved)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// unique drops repeated diagnostics, keeping the first of each: a note
// embedded under two others is normalized twice and would say the same
// twice.
func unique(diags []diag.Diagnostic) []diag.Diagnostic {
	if len(diags) < 2 {
		return diags
	}
	seen := make(map[diag.Diagnostic]bool, len(diags))
	out := diags[:0]
	for _, d := range diags {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

// cleanHTML keeps the HTML of a note's body that only shows text
// (rawhtml.Clean) and reports what it left out: one warning per note for
// tags, at the first, and one for each image whose file is not published.
// HTML must not run code in a reader's browser, so the rest is dropped,
// and the author is told where rather than losing it silently.
func (r *resolver) cleanHTML(n *note.Note, firstLine int) {
	body, doc, drops := rawhtml.Clean(n.Body, n.Doc, r.v.Parser.Parse, rawhtml.Options{Image: r.image})
	n.Body, n.Doc = body, doc
	left, first, tag := 0, 0, ""
	for _, d := range drops {
		line := d.Line + firstLine
		if d.Err != nil {
			r.diags = append(r.diags, diag.KindOf(d.Err).Warnf(n.Source, line, "cannot show %s: %v", d.Tag, d.Err))
			continue
		}
		if left == 0 {
			first, tag = line, d.Tag
		}
		left++
	}
	if left > 0 {
		r.diags = append(r.diags, diag.HTML.Warnf(n.Source, first, "raw HTML is not shown on the site (%s in this note left out or cut, the first here: %s); write it as Markdown or in a code span", count(left, "tag"), tag))
	}
}

// image implements rawhtml.Options.Image: an <img> of a file in the
// vault shows the file's copy in the page bundle, as an embed does.
func (r *resolver) image(src string) (string, error) {
	target := src
	if u, err := url.PathUnescape(src); err == nil {
		target = u
	}
	target, _, _ = strings.Cut(target, "?")
	target, _, _ = strings.Cut(target, "#")
	return r.Attachment(strings.TrimPrefix(target, "./"))
}

// DisplayTags returns the draft's tags in their vault-wide spelling,
// once each: two tags of the note that are synonyms ("k8s",
// "Kubernetes") are shown as one.
func (d *Draft) DisplayTags(s *tags.Spellings) []string {
	out := make([]string, 0, len(d.Tags))
	for _, t := range d.Tags {
		if dt := s.Display(t); !slices.Contains(out, dt) {
			out = append(out, dt)
		}
	}
	return out
}

// lookup resolves a note name and records it as a dep.
func (r *resolver) lookup(target string) (*index.Entry, bool) {
	from := r.stack[len(r.stack)-1]
	e, ok := r.v.Index.Lookup(from, lookupKey(target))
	dep := Dep{From: from, Target: target}
	if ok {
		dep.Resolved = e.Source
	}
	r.deps = append(r.deps, dep)
	return e, ok
}

// lookupKey is a wikilink target lower-cased, which the index finds as
// it finds the target (it compares names case-insensitively) without
// lower-casing and splitting it again: most names then are already its
// keys. A target ending in ".md" in another case is left as written, as
// the index strips only ".md" and ".MD".
func lookupKey(target string) string {
	key := strings.ToLower(target)
	if strings.HasSuffix(strings.TrimSpace(key), ".md") {
		return target
	}
	return key
}

// findAttachment resolves an attachment name and records it as a dep.
func (r *resolver) findAttachment(target string) (string, bool) {
	from := r.stack[len(r.stack)-1]
	found, escapes := r.v.Attachments.Find(from, target)
	r.deps = append(r.deps, Dep{From: from, Target: target, Attachment: true, Resolved: found})
	return found, escapes
}

// resolver rewrites bodies for one published note; it implements
// obsidian.Resolver for that note.
type resolver struct {
	v      *Vault
	from   *index.Entry
	stack  []string // sources being transcluded, outermost first
	copies []Copy
	diags  []diag.Diagnostic
	deps   []Dep
	buf    *obsidian.Buffer // reused by body; nil while in use

	// embeds holds what Transclude returned, by note, fragment and the
	// notes embedding it (the result depends on nothing else until the
	// budget runs out), so that a note embedded many times is normalized
	// once per page.
	embeds map[string]embedded
	spent  int  // bytes of embedded text on the page, embedCost for each embed included
	budget int  // how many it may hold (embedBudget)
	over   bool // the budget ran out: every later embed is a link

	// queried is set once a Dataview query of the page ran, and
	// queryBudget is what its queries may still spend; queriesStopped
	// once one was not run for the page's budgets, and said so: every
	// later one is shown as its source without a word.
	queried        bool
	queryBudget    *dataview.Budget
	queriesStopped bool
}

var _ obsidian.Resolver = (*resolver)(nil)

// body normalizes a note body (or a transcluded part of one), whose
// segments are segs, and whose first line is line firstLine of the file
// being reported on.
func (r *resolver) body(src []byte, segs []markdown.Segment, firstLine int) []byte {
	out := make([]byte, 0, len(src)+len(src)/8)
	source := r.stack[len(r.stack)-1]
	// A transclusion met while rewriting is rewritten with a buffer of
	// its own.
	buf := r.buf
	r.buf = nil
	if buf == nil {
		buf = new(obsidian.Buffer)
	}
	for _, s := range segs {
		line := firstLine + s.Line - 1
		if s.Fence {
			if lang := queryLanguage(s.Info); lang != "" {
				out = r.query(out, src, s, lang, source, line, buf)
			} else {
				out = r.fence(out, src, s, source, line)
			}
			continue
		}
		if s.Indented {
			out = append(out, src[s.Start:s.End]...)
			continue
		}
		text, probs := buf.Rewrite(src[s.Start:s.End], s.Spans, r)
		for _, p := range probs {
			r.diags = append(r.diags, diag.Diagnostic{Path: source, Line: line + p.Line - 1, Col: p.Col, Severity: diag.Warning, Message: p.Message, Kind: problemKind(p)})
		}
		text, ads := cleanAttributes(text, source, line)
		r.diags = append(r.diags, ads...)
		text, lds := unquoteLinks(text, r.v.Parser.Parse, source, line)
		r.diags = append(r.diags, lds...)
		var tds []diag.Diagnostic
		out, tds = tables.AppendNormalize(out, source, line, text)
		r.diags = append(r.diags, tds...)
	}
	r.buf = buf
	return out
}

// problemKind is the kind of a problem Rewrite reports: that of the
// error the resolver gave it, else a repair of Rewrite's own.
func problemKind(p obsidian.Problem) diag.Kind {
	if p.Err == nil {
		return diag.Markdown
	}
	return diag.KindOf(p.Err)
}

// fence writes a code fence with its language made canonical, closing it
// if the note never did.
func (r *resolver) fence(out, src []byte, s markdown.Segment, source string, line int) []byte {
	info, problems := fences.Normalize(s.Info, src[s.CodeStart:s.CodeEnd])
	for _, p := range problems {
		r.diags = append(r.diags, p.Kind.Warnf(source, line, "%s", p.Message))
	}
	return r.writeFence(out, src, s, info, source, line)
}

// Link implements obsidian.Resolver.
func (r *resolver) Link(target, fragment string) (string, error) {
	cur := r.stack[len(r.stack)-1]
	if escapesVault(cur, target) {
		return "", diag.OutsideVault.Newf("%q leads outside the vault; not published", target)
	}
	var e *index.Entry
	if target == "" {
		e = r.v.Index.Entry(cur)
	} else {
		var ok bool
		if e, ok = r.lookup(target); !ok {
			if a, _ := r.findAttachment(target); a != "" || isDrawing(target) {
				return r.Attachment(target)
			}
			return "", diag.UnresolvedLink.Newf("no note named %q", target)
		}
	}
	anchor, err := anchorIn(e, fragment)
	if err != nil {
		return "", err
	}
	// Links into the same note name the note too: the answer they sit in
	// is also shown on the practice page, where a bare "#anchor" would
	// point nowhere.
	if anchor == "" {
		return e.Path, nil
	}
	return e.Path + "#" + anchor, nil
}

// MarkBroken implements obsidian.BrokenLinkMarker.
func (r *resolver) MarkBroken() bool { return r.v.markBroken }

// anchorIn returns the anchor of a fragment of a link into the note of e:
// a heading's id or a block's anchor, "" for none.
func anchorIn(e *index.Entry, fragment string) (string, error) {
	switch {
	case fragment == "":
		return "", nil
	case strings.HasPrefix(fragment, "^"):
		if !e.HasBlock(fragment[1:]) {
			return "", diag.UnresolvedLink.Newf("no block %s in %q", fragment, e.Title)
		}
		return obsidian.BlockAnchor(fragment[1:]), nil
	}
	id, ok := e.HeadingID(strings.ToLower(fragment))
	if !ok {
		return "", diag.UnresolvedLink.Newf("no heading %q in %q", fragment, e.Title)
	}
	return id, nil
}

// Attachment implements obsidian.Resolver: it finds the file and names its
// copy inside the page bundle. An Excalidraw drawing is its exported
// image (see drawing).
func (r *resolver) Attachment(target string) (string, error) {
	if isDrawing(target) {
		return r.drawing(target)
	}
	found, escapes := r.findAttachment(target)
	if escapes {
		return "", diag.OutsideVault.Newf("%q leads outside the vault; not published", target)
	}
	if found == "" {
		return "", diag.Attachment.Newf("no attachment named %q in the vault", target)
	}
	if err := r.v.Attachments.Passive(found); err != nil {
		return "", diag.Unpublished.Newf("%s is not published: %v", found, err)
	}
	return r.copyOf(found), nil
}

// copyOf names the copy of the attachment at vault path found inside the
// page bundle, adding it to the copies.
func (r *resolver) copyOf(found string) string {
	for _, c := range r.copies {
		if c.From == found {
			return c.To
		}
	}
	// The copy's name is a slug, so it holds no path; "index" is the
	// page's own name in a bundle, which Hugo would take a file for.
	name := index.Slug(trimExt(path.Base(found))) + strings.ToLower(path.Ext(found))
	base, ext := trimExt(name), path.Ext(name)
	taken := func(name string) bool {
		return trimExt(name) == "index" || slices.ContainsFunc(r.copies, func(c Copy) bool { return c.To == name })
	}
	for i := 2; taken(name); i++ {
		name = fmt.Sprintf("%s-%d%s", base, i, ext)
	}
	r.copies = append(r.copies, Copy{From: found, To: name})
	return name
}

// isDrawing reports whether an embed or link names an Excalidraw
// drawing: "Board.excalidraw", or its file "Board.excalidraw.md".
func isDrawing(target string) bool {
	t := strings.ToLower(strings.TrimSpace(target))
	return strings.HasSuffix(t, ".excalidraw") || strings.HasSuffix(t, ".excalidraw.md")
}

// drawing resolves an Excalidraw drawing to the image the plugin's
// auto-export writes beside it (its name, extension and all, with ".svg"
// or ".png"; ".light.svg" when it exports a light and a dark one; the
// name without ".excalidraw" for drawings of the plugin's first
// versions): the first of these that is in the vault and may be
// published. The drawing itself is compressed JSON, never published (see
// vault.File.IsNote).
func (r *resolver) drawing(target string) (string, error) {
	name := strings.TrimSpace(target)
	if strings.HasSuffix(strings.ToLower(name), ".md") {
		name = name[:len(name)-len(".md")]
	}
	stem := name[:len(name)-len(".excalidraw")]
	var refused error
	for _, export := range []string{name + ".svg", name + ".png", name + ".light.svg", name + ".light.png", stem + ".svg", stem + ".png"} {
		found, escapes := r.findAttachment(export)
		if escapes {
			return "", diag.OutsideVault.Newf("%q leads outside the vault; not published", target)
		}
		if found == "" {
			continue
		}
		if err := r.v.Attachments.Passive(found); err != nil {
			if refused == nil {
				refused = diag.Unpublished.Newf("%s is not published: %v", found, err)
			}
			continue
		}
		return r.copyOf(found), nil
	}
	if refused != nil {
		return "", refused
	}
	return "", diag.WithKind(diag.Excalidraw, noExport(path.Base(stem)))
}

// noExport is a drawing with no exported image: it is not there
// (fs.ErrNotExist), which the rewriter says in its place.
type noExport string

func (d noExport) Error() string {
	return fmt.Sprintf("Excalidraw drawing %q has no exported image beside it; turn on auto-export (SVG or PNG) in the Excalidraw plugin's settings", string(d))
}

func (noExport) Is(target error) bool { return target == fs.ErrNotExist }

// maxTransclusionDepth bounds nested embeds that are not cycles.
const maxTransclusionDepth = 8

// Transclude implements obsidian.Resolver: the embedded note, or its
// section or block, normalized, with headings turned into bold lines (so
// the embedding page's heading ids stay what the index computed) and a
// title line linking to the source.
func (r *resolver) Transclude(target, fragment string) ([]byte, error) {
	if escapesVault(r.stack[len(r.stack)-1], target) {
		return nil, diag.OutsideVault.Newf("%q leads outside the vault; not published", target)
	}
	e, ok := r.lookup(target)
	if !ok {
		return nil, diag.UnresolvedLink.Newf("no note named %q to embed", target)
	}
	d, err := r.v.draft(e.Source)
	if err != nil {
		return nil, err
	}
	if d == nil {
		return nil, diag.Embed.Newf("%q is not published, so it cannot be embedded", target)
	}
	if i := slices.Index(r.stack, e.Source); i >= 0 {
		return nil, diag.Embed.Newf("embedding %q makes a cycle: %s", target, strings.Join(append(r.stack[i:], e.Source), " → "))
	}
	if len(r.stack) >= maxTransclusionDepth {
		return nil, diag.Embed.Newf("embeds nested more than %d deep", maxTransclusionDepth)
	}
	if r.over {
		return nil, obsidian.ErrLinked
	}
	key := e.Source + "\x00" + fragment + "\x00" + strings.Join(r.stack, "\x00")
	if e, ok := r.embeds[key]; ok {
		if r.spent+e.cost > r.budget {
			return nil, r.overBudget()
		}
		r.spent += e.cost
		return e.md, nil
	}
	part, firstLine, err := section(d, fragment)
	if err != nil {
		return nil, diag.WithKind(diag.UnresolvedLink, err)
	}
	if r.spent+len(part)+embedCost > r.budget {
		return nil, r.overBudget()
	}
	spent := r.spent
	r.spent += embedCost
	segs := d.segments()
	if fragment != "" {
		segs = markdown.Segments(part)
	}
	md := r.transclude(e, target, fragment, part, segs, firstLine)
	// Embeds inside this one counted themselves, and md holds their text.
	r.spent = max(r.spent, spent+embedCost+len(md))
	if r.embeds == nil {
		r.embeds = map[string]embedded{}
	}
	r.embeds[key] = embedded{md: md, cost: r.spent - spent}
	return md, nil
}

// embedded is what Transclude returned, and what it cost the budget.
type embedded struct {
	md   []byte
	cost int
}

// embedCost is what each embed costs the budget besides its text: Hugo
// renders a callout around it, a template run, and embeds of a few words
// each would otherwise fill a page with tens of thousands of callouts.
const embedCost = 1 << 10

// overBudget marks the page's embed budget as spent and says so, once:
// every later embed is a link without a word.
func (r *resolver) overBudget() error {
	r.over = true
	return diag.Embed.Newf("the page of %s already holds %d KB of embedded text, as much as a page of its size may; linked instead", r.stack[0], r.spent>>10)
}

// transclude normalizes part, the embedded section of the note of e, and
// quotes it under a title line linking to it.
func (r *resolver) transclude(e *index.Entry, target, fragment string, part []byte, segs []markdown.Segment, firstLine int) []byte {
	r.stack = append(r.stack, e.Source)
	defer func() { r.stack = r.stack[:len(r.stack)-1] }()
	body := demoteHeadings(r.body(part, segs, firstLine))

	title := e.Title
	if fragment != "" && !strings.HasPrefix(fragment, "^") {
		title += " › " + fragment
	}
	dest, err := r.Link(target, fragment)
	if err != nil {
		dest = e.Path
	}
	var b bytes.Buffer
	// The blank line after the title keeps the body's first block from
	// running on into the title's paragraph (indented code would be text).
	fmt.Fprintf(&b, "> [!quote] [%s](%s)\n>\n", escapeLinkText(title), dest)
	for line := range bytes.Lines(bytes.TrimRight(body, "\n")) {
		if len(bytes.TrimSpace(line)) == 0 {
			b.WriteString(">\n")
			continue
		}
		b.WriteString("> ")
		b.Write(line)
		if line[len(line)-1] != '\n' {
			b.WriteByte('\n')
		}
	}
	return bytes.TrimRight(b.Bytes(), "\n")
}

// section cuts the part of a draft's body a fragment names: everything
// (""), a heading's section ("Heading"), or a block ("^id"). Headings and
// block ids are looked for outside code only (markdown.Segments), so a
// heading inside a fence, however it is fenced, neither starts nor ends a
// section.
func section(d *Draft, fragment string) ([]byte, int, error) {
	body := d.text()
	if fragment == "" {
		return body, d.BodyLine, nil
	}
	lineOf := func(off int) int { return d.BodyLine + bytes.Count(body[:off], []byte{'\n'}) }
	if id, ok := strings.CutPrefix(fragment, "^"); ok {
		for l := range textLines(body, d.segments()) {
			off, end := l.start, l.end
			if !bytes.HasSuffix(bytes.TrimRight(body[off:end], " \t\n"), []byte("^"+id)) {
				continue
			}
			// The block is the paragraph ending on this line.
			start := off
			for start > l.run {
				prev := bytes.LastIndexByte(body[:start-1], '\n') + 1
				if prev < l.run || len(bytes.TrimSpace(body[prev:start])) == 0 {
					break
				}
				start = prev
			}
			return body[start:end], lineOf(start), nil
		}
		return nil, 0, fmt.Errorf("no block %s in %q", fragment, d.Title)
	}
	want := fragment
	if i := strings.LastIndex(want, "#"); i >= 0 {
		want = want[i+1:]
	}
	want = strings.ToLower(strings.Join(strings.Fields(want), " "))
	start, level := -1, 0
	for l := range textLines(body, d.segments()) {
		lv, text := atxHeading(body[l.start:l.end])
		if lv == 0 {
			continue
		}
		if start >= 0 && lv <= level {
			return body[start:l.start], lineOf(start), nil
		}
		if start < 0 && strings.ToLower(strings.Join(strings.Fields(string(obsidian.HeadingText(text))), " ")) == want {
			start, level = l.end, lv
		}
	}
	if start < 0 {
		return nil, 0, fmt.Errorf("no heading %q in %q", fragment, d.Title)
	}
	return body[start:], lineOf(start), nil
}

// textLine is a line outside code: [start, end) holds it with its '\n',
// and run is the start of the text run (markdown.Segment) holding it.
type textLine struct{ run, start, end int }

// textLines yields the lines of src, whose segments are segs, outside
// code blocks.
func textLines(src []byte, segs []markdown.Segment) iter.Seq[textLine] {
	return func(yield func(textLine) bool) {
		for _, s := range segs {
			if s.Code() {
				continue
			}
			for off := s.Start; off < s.End; {
				end := s.End
				if k := bytes.IndexByte(src[off:s.End], '\n'); k >= 0 {
					end = off + k + 1
				}
				if !yield(textLine{s.Start, off, end}) {
					return
				}
				off = end
			}
		}
	}
}

// escapesVault reports whether a link target climbs out of the vault.
func escapesVault(from, target string) bool {
	if !strings.Contains(target, "..") {
		return false
	}
	p := path.Join(path.Dir(from), target)
	return p == ".." || strings.HasPrefix(p, "../")
}

// demoteHeadings turns ATX headings outside code into bold lines. A
// heading is a block of its own, which a bold line is not: a line of
// text next to it would run on into it, and a code span could then pair
// backticks across it. So a blank line keeps it apart from such lines.
func demoteHeadings(src []byte) []byte {
	var out []byte
	apart := false // the last line written is a demoted heading
	for _, s := range markdown.Segments(src) {
		text := src[s.Start:s.End]
		if s.Code() {
			out = append(out, text...)
			apart = false
			continue
		}
		for line := range bytes.Lines(text) {
			blank := len(bytes.TrimSpace(line)) == 0
			if lv, t := atxHeading(line); lv > 0 && len(t) > 0 {
				if len(out) > 1 && !bytes.HasSuffix(out, []byte("\n\n")) {
					out = append(out, '\n')
				}
				out = append(out, "**"...)
				out = append(out, t...)
				out = append(out, "**\n"...)
				apart = true
				continue
			}
			if apart && !blank {
				out = append(out, '\n')
			}
			apart = false
			out = append(out, line...)
		}
	}
	return out
}

func escapeLinkText(s string) string {
	return strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`).Replace(s)
}

// A page holds at most embedBudget(len(its own text)) bytes of embedded
// text: twice its own, so that a note of embeds (small itself) still shows
// them, at least embedFloor and at most embedCeiling. Ten notes that each
// embed the next ten times would otherwise give their first page 10^7
// copies of the last; within the budget, nine such notes of 500 KB add
// 9 MB of embedded text to the site.
const (
	embedMultiple = 2
	embedFloor    = 512 << 10
	embedCeiling  = 2 << 20
)

func embedBudget(own int) int {
	return min(max(embedMultiple*own, embedFloor), embedCeiling)
}
