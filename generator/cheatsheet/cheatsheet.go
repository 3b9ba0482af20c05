// Package cheatsheet gathers the one-liners of the published notes into
// cheat sheets: one for the whole vault and one per top-level tag, printed
// as one-page PDFs and listed, with the same groups and items, on the
// site's /cheatsheet/ page.
package cheatsheet

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/pdf"
	"github.com/crib-notes/crib/generator/quickref"
	"github.com/crib-notes/crib/generator/tags"
)

// Options say which notes a sheet takes and how it is headed.
type Options struct {
	// Title heads the sheet, normally the site title.
	Title string
	// Tags keeps only notes with one of these tags or a tag nested under
	// one ("interview" keeps "interview/devops"). Empty keeps every note.
	Tags []string
	// OneLiners configures which sections hold one-liners.
	OneLiners quickref.Options
}

// Sheet is the one-liners of a set of notes, grouped by note.
type Sheet struct {
	Title string
	// Tags is the tag filter as given (empty for the whole vault).
	Tags []string
	// Date is the newest modification date of the notes on the sheet.
	Date   time.Time
	Groups []Group
}

// Group is one note's one-liners.
type Group struct {
	Title  string
	Source string // vault path, for diagnostics
	Path   string // Hugo logical path, for links
	URL    string // page URL relative to the site root
	Tags   []string
	Items  []quickref.OneLiner
}

// Len returns how many one-liners the sheet has.
func (s Sheet) Len() int {
	n := 0
	for _, g := range s.Groups {
		n += len(g.Items)
	}
	return n
}

// Build gathers the one-liners of notes into a sheet: notes in site order,
// each note's items in note order under its title. Notes that opted out
// (cheatsheet: false) and notes without one-liners are left out.
func Build(notes []*note.Note, opts Options) (Sheet, []diag.Diagnostic) {
	var diags []diag.Diagnostic
	s := Sheet{Title: opts.Title, Tags: opts.Tags}
	filter := make([]string, 0, len(opts.Tags))
	for _, t := range opts.Tags {
		k := tags.Key(t)
		if k == "" {
			diags = append(diags, diag.Site.Warnf("", 0, "cheat sheet: %q is not a tag; ignored", t))
			continue
		}
		filter = append(filter, k)
	}
	if len(opts.Tags) > 0 && len(filter) == 0 {
		return s, diags
	}

	ordered := slices.Clone(notes)
	slices.SortStableFunc(ordered, note.CompareSiteOrder)
	matched := make([]bool, len(filter))
	for _, n := range ordered {
		if !n.Cheatsheet {
			continue
		}
		if len(filter) > 0 {
			hit := false
			for i, f := range filter {
				if hasTag(n, f) {
					matched[i], hit = true, true
				}
			}
			if !hit {
				continue
			}
		}
		items := OneLiners(n, opts.OneLiners)
		if len(items) == 0 {
			continue
		}
		s.Groups = append(s.Groups, Group{
			Title:  n.Title,
			Source: n.Source,
			Path:   n.Path,
			URL:    n.URL,
			Tags:   n.Tags,
			Items:  items,
		})
		if d := noteDate(n); d.After(s.Date) {
			s.Date = d
		}
	}
	for i, ok := range matched {
		if !ok {
			diags = append(diags, diag.Site.Warnf("", 0, "cheat sheet: no published note has the tag %q", opts.Tags[i]))
		}
	}
	return s, diags
}

// OneLiners returns the one-liners of one note, using its parsed body. A
// note built without a Doc (never the case in the pipeline) is parsed.
func OneLiners(n *note.Note, opts quickref.Options) []quickref.OneLiner {
	key := "cheatsheet.oneliners\x00" + strings.Join(opts.Headings, "\x00")
	return note.Memo(n, key, func() []quickref.OneLiner {
		doc := n.Doc
		if doc == nil {
			doc = markdown.NewParser().Parse(n.Body)
		}
		return quickref.OneLiners(doc, n.Body, opts)
	})
}

// Annotation returns the page annotation that tells the theme how many
// one-liners a note has ({"oneliners": n} in params.crib).
func Annotation(opts quickref.Options) func(*note.Note) map[string]any {
	count := Count(opts)
	return func(n *note.Note) map[string]any {
		return map[string]any{"oneliners": count(n)}
	}
}

// Count is the number of one-liners a note puts on the sheet.
func Count(opts quickref.Options) func(*note.Note) int {
	return func(n *note.Note) int {
		if !n.Cheatsheet {
			return 0
		}
		return len(OneLiners(n, opts))
	}
}

// hasTag reports whether n has the tag with key k or one nested under it.
func hasTag(n *note.Note, k string) bool {
	for _, t := range n.Tags {
		nk := tags.Key(t)
		if nk == k || strings.HasPrefix(nk, k+"/") {
			return true
		}
	}
	return false
}

func noteDate(n *note.Note) time.Time {
	if !n.Lastmod.IsZero() {
		return n.Lastmod
	}
	return n.Date
}

// PDF returns the sheet as the PDF renderer takes it.
func (s Sheet) PDF() pdf.Sheet {
	out := pdf.Sheet{Title: s.Title, Date: s.Date}
	if len(s.Tags) == 1 {
		out.Subtitle = "tag: " + s.Tags[0]
	} else if len(s.Tags) > 1 {
		out.Subtitle = "tags: " + strings.Join(s.Tags, ", ")
	}
	for _, g := range s.Groups {
		pg := pdf.Group{Title: g.Title, Items: make([]pdf.Item, 0, len(g.Items))}
		for _, it := range g.Items {
			pg.Items = append(pg.Items, pdf.Item{Term: it.TermRuns, Definition: it.DefinitionRuns})
		}
		out.Groups = append(out.Groups, pg)
	}
	return out
}

// RenderPDF prints the sheet on one page (see pdf.Render); a sheet that
// does not fit gives a *pdf.FitError.
func RenderPDF(s Sheet, opts pdf.Options) ([]byte, error) {
	return pdf.Render(s.PDF(), opts)
}

// topTags returns the top-level tags of the notes on a sheet, as keys
// with a display spelling (the first met in site order), sorted by key.
func topTags(s Sheet) []tagLabel {
	seen := map[string]string{}
	for _, g := range s.Groups {
		for _, t := range g.Tags {
			k := tags.Key(t)
			if k == "" {
				continue
			}
			top, _, _ := strings.Cut(k, "/")
			if _, ok := seen[top]; !ok {
				display, _, _ := strings.Cut(t, "/")
				seen[top] = strings.TrimPrefix(display, "#")
			}
		}
	}
	out := make([]tagLabel, 0, len(seen))
	for k, d := range seen {
		out = append(out, tagLabel{key: k, display: d})
	}
	slices.SortFunc(out, func(a, b tagLabel) int { return cmp.Compare(a.key, b.key) })
	return out
}

type tagLabel struct{ key, display string }
