package normalize

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/crib-notes/crib/generator/dataview"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/fences"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/obsidian"
)

// Dataview blocks. A "dataview" fence is replaced by its query's results
// (package dataview), evaluated against every published note; a query
// Crib does not run, and every "dataviewjs" fence, stays a fence of that
// language exactly, which the theme's render hooks show as a box with the
// source, never run.

// queryBudget is how many steps (see dataview.Budget) the queries of one
// page may take in all: far more than a page of real queries over a
// vault of tens of thousands of notes needs, and under a second.
var queryBudget = 20_000_000

// queryTable is the vault's notes as queries see them, made on first use:
// most vaults have no query.
type queryTable struct {
	once  sync.Once
	table *dataview.Table
}

// queries returns the table queries run on: the published notes only.
func (v *Vault) queries() *dataview.Table {
	v.queryTable.once.Do(func() {
		pages := make([]*dataview.Page, 0, len(v.Drafts))
		for _, d := range v.Drafts {
			e := v.Index.Entry(d.Source)
			if e == nil {
				continue
			}
			pages = append(pages, &dataview.Page{
				Path:    d.Source,
				Dest:    e.Path,
				Fields:  queryFields(d),
				Tags:    d.DisplayTags(v.Tags),
				Aliases: d.Meta.Aliases,
				Ctime:   d.Date,
				Mtime:   d.Lastmod,
				Size:    d.Size,
				Links:   d.Links,
				Tasks:   d.Tasks,
			})
		}
		v.queryTable.table = dataview.NewTable(pages, dataview.Options{
			TagKey:  v.Tags.Key,
			Resolve: v.resolveLink,
		})
	})
	return v.queryTable.table
}

// queryFields are a draft's front matter fields as Dataview reads them:
// the fields Crib keeps as they are, and those it reads itself under
// their usual names.
func queryFields(d *Draft) map[string]any {
	f := make(map[string]any, len(d.Meta.Params)+5)
	for k, v := range d.Meta.Params {
		f[k] = v
	}
	if d.Meta.Title != "" {
		f["title"] = d.Meta.Title
	}
	if len(d.Meta.Tags) > 0 {
		f["tags"] = toAny(d.Meta.Tags)
	}
	if len(d.Meta.Aliases) > 0 {
		f["aliases"] = toAny(d.Meta.Aliases)
	}
	for k, t := range map[string]time.Time{"date": d.Meta.Date, "lastmod": d.Meta.Lastmod} {
		if !t.IsZero() {
			f[k] = t
		}
	}
	return f
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

// resolveLink finds the published note a link from the note from leads
// to, as a wikilink there would, and its destination on the site.
func (v *Vault) resolveLink(from, target, fragment string) (source, dest string) {
	if escapesVault(from, target) {
		return "", ""
	}
	e, ok := v.Index.Lookup(from, lookupKey(target))
	if !ok {
		return "", ""
	}
	if anchor, err := anchorIn(e, fragment); err == nil && anchor != "" {
		return e.Source, e.Path + "#" + anchor
	}
	return e.Source, e.Path
}

// linkRecorder is an obsidian.Resolver that records the notes a text
// links to and embeds, for Scan: Rewrite finds the links exactly where
// it rewrites them in Finish.
type linkRecorder struct{ links []string }

func (l *linkRecorder) Link(target, fragment string) (string, error) {
	if target != "" {
		if fragment != "" {
			target += "#" + fragment
		}
		l.links = append(l.links, target)
	}
	return "#", nil
}

func (l *linkRecorder) Attachment(string) (string, error) { return "#", nil }

// Transclude leaves the embed to Link, which records it.
func (l *linkRecorder) Transclude(string, string) ([]byte, error) { return nil, obsidian.ErrLinked }

// appendLinks appends the wikilink and embed targets of a text run.
func appendLinks(links []string, text []byte, spans []markdown.Span) []string {
	if !bytes.Contains(text, []byte("[[")) {
		return links
	}
	r := &linkRecorder{links: links}
	obsidian.Rewrite(text, spans, r)
	return r.links
}

// queryLanguage returns "dataview" or "dataviewjs" for a fence of a
// Dataview block, and "" for any other.
func queryLanguage(info string) string {
	lang, _ := fences.Split(info)
	switch lang = strings.ToLower(lang); lang {
	case "dataview", "dataviewjs":
		return lang
	}
	return ""
}

// query writes a Dataview block: a dataview query's results, or the
// block as a fence of its language alone when it is not run.
func (r *resolver) query(out, src []byte, s markdown.Segment, lang, source string, line int, buf *obsidian.Buffer) []byte {
	code := uncontained(src[s.CodeStart:s.CodeEnd], s.Indent)
	shown := func(format string, args ...any) []byte {
		r.diags = append(r.diags, diag.Dataview.Warnf(source, line, format, args...))
		return r.writeFence(out, src, s, lang, source, line)
	}
	if lang == "dataviewjs" {
		return shown("dataviewjs is never run; the block is shown as its source")
	}
	q, err := dataview.Parse(string(code))
	if err != nil {
		var pe *dataview.Error
		if errors.As(err, &pe) {
			line += 1 + bytes.Count(code[:min(pe.Offset, len(code))], []byte{'\n'})
		}
		if pe != nil && pe.Unsupported {
			return shown("dataview query not run, Crib does not support it: %v; shown as its source", err)
		}
		return shown("dataview query not run, it cannot be read: %v; shown as its source", err)
	}
	r.queried = true
	if r.queriesStopped {
		return r.writeFence(out, src, s, lang, source, line)
	}
	stop := func(format string, args ...any) []byte {
		r.queriesStopped = true
		return shown(format+"; so is every later query of the page", args...)
	}
	if r.over {
		return stop("dataview query not run: the page of %s already holds %d KB of embedded text and results; shown as its source", r.stack[0], r.spent>>10)
	}
	if r.queryBudget == nil {
		r.queryBudget = dataview.NewBudget(queryBudget)
	}
	res, err := q.Eval(r.v.queries(), source, r.queryBudget)
	switch {
	case errors.Is(err, dataview.ErrBudget):
		return stop("dataview query not run: %v; shown as its source", err)
	case err != nil:
		return shown("dataview query failed: %v; shown as its source", err)
	}
	md := res.Markdown()
	if r.spent+len(md) > r.budget {
		r.over = true
		return stop("dataview query results would take the page of %s over %d KB of embedded text; shown as its source", r.stack[0], r.budget>>10)
	}
	r.spent += len(md)
	// Links in the results' text (front matter strings, tasks) resolve as
	// they would in this note; what cannot be resolved is shown as text,
	// and was reported where it was written.
	var shownMD []byte
	for _, seg := range markdown.Segments(md) {
		text := md[seg.Start:seg.End]
		if !seg.Code() {
			text, _ = buf.Rewrite(text, seg.Spans, r)
		}
		shownMD = append(shownMD, text...)
	}
	return contained(out, shownMD, s, src)
}

// writeFence writes a fence with the info string info.
func (r *resolver) writeFence(out, src []byte, s markdown.Segment, info, source string, line int) []byte {
	out = append(out, src[s.Start:s.InfoStart]...)
	out = append(out, info...)
	out = append(out, src[s.InfoEnd:s.End]...)
	if !s.Closed {
		where := "the end of the note"
		if s.End < len(src) {
			where = "the end of its list item or quote"
		}
		r.diags = append(r.diags, diag.Fence.Warnf(source, line, "code fence is never closed; closed at %s", where))
		if len(out) > 0 && out[len(out)-1] != '\n' {
			out = append(out, '\n')
		}
		out = append(out, s.Indent...)
		out = append(out, s.Marker...)
		out = append(out, '\n')
	}
	return out
}

// uncontained returns the code of a fence without the container markers
// (indentation, '>') its lines start with, indent being what the line of
// the fence's container starts with.
func uncontained(code []byte, indent string) []byte {
	if indent == "" {
		return code
	}
	var b []byte
	for line := range bytes.Lines(code) {
		for i := 0; i < len(indent) && len(line) > 0; i++ {
			switch indent[i] {
			case '>':
				line = bytes.TrimLeft(line, " ")
				line, _ = bytes.CutPrefix(line, []byte(">"))
			default:
				if line[0] == ' ' || line[0] == '\t' {
					line = line[1:]
				}
			}
		}
		b = append(b, line...)
	}
	return b
}

// contained writes md in place of the fence s: its first line after the
// fence's prefix, the others inside its container, set apart from the
// text around it by blank lines (a line of text right after a list would
// run on into its last item).
func contained(out, md []byte, s markdown.Segment, src []byte) []byte {
	bare := strings.TrimRight(s.Indent, " \t")
	// A fence on the line of its list item's marker starts the item: the
	// results start it too.
	if s.Prefix == s.Indent && !lastLineBlank(out) {
		out = append(out, bare...)
		out = append(out, '\n')
	}
	md = bytes.TrimRight(md, "\n")
	for i, line := range bytes.Split(md, []byte{'\n'}) {
		switch {
		case i == 0:
			out = append(out, s.Prefix...)
		case len(line) == 0:
			out = append(out, bare...)
		default:
			out = append(out, s.Indent...)
		}
		out = append(out, line...)
		out = append(out, '\n')
	}
	if end := s.End; end < len(src) {
		next := src[end:]
		if i := bytes.IndexByte(next, '\n'); i >= 0 {
			next = next[:i]
		}
		if len(bytes.TrimSpace(bytes.Trim(next, " >\t"))) > 0 {
			out = append(out, bare...)
			out = append(out, '\n')
		}
	}
	return out
}

// lastLineBlank reports whether the last line of out is blank (white
// space and quote markers only), or out is empty.
func lastLineBlank(out []byte) bool {
	if len(out) == 0 {
		return true
	}
	text := bytes.TrimSuffix(out, []byte{'\n'})
	line := text[bytes.LastIndexByte(text, '\n')+1:]
	return len(bytes.Trim(line, " >\t")) == 0
}
