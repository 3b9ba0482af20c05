// Package sections writes the list pages of the notes section and of
// each folder of notes: the dates Hugo would give them and the totals the
// theme shows on the home and folder pages, by folder and by top-level
// tag. It is an output of the pages run: the section pages sit beside the
// notes' pages under content/notes/.
package sections

import (
	"cmp"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/index"
	"github.com/crib-notes/crib/generator/note"
)

// Count is one number per note that folders and tags show totals of.
type Count struct {
	Name string // the key in params.crib.totals
	Of   func(*note.Note) int
}

// Write writes the list page of the notes section and of every
// folder, so Hugo shows folders as sections with their names. Each carries
// the newest date and lastmod of the notes below it: the dates Hugo would
// give it, written out because Hugo's server recomputes a dateless
// section's dates on every rebuild and then counts every section as
// changed, which made saving one note re-check every page of a large
// vault (seconds at 5,000 notes).
//
// Each also carries params.crib.totals, the number of notes below it and
// the sum of each of counts over them; the notes section also the totals
// of the notes directly in it (own) and by top-level tag (tags). The
// theme shows these on the home and folder pages: summing over every
// note in templates took half a second at 5,000 notes, which the home
// page paid again after every save in serve.
func Write(w content.Writer, folders []index.Folder, notes []*note.Note, counts []Count) error {
	dates := sectionDates(notes)
	vals := countsOf(notes, counts)
	totals, own := sectionTotals(notes, counts, vals)
	root := "/" + index.Section
	pages := []content.Page{{Source: "(vault)", Title: "Notes", Date: dates[root].date, Lastmod: dates[root].lastmod,
		Params: map[string]any{"crib": map[string]any{"totals": totals[root], "own": own, "tags": tagTotals(notes, counts, vals)}}}}
	paths := []string{root}
	for _, f := range folders {
		d := dates[f.Path]
		pages = append(pages, content.Page{Source: f.Source + "/", Title: f.Name, Date: d.date, Lastmod: d.lastmod,
			Params: map[string]any{"crib": map[string]any{"folder": f.Source, "totals": totals[f.Path]}}})
		paths = append(paths, f.Path)
	}
	for i, p := range pages {
		data, err := p.Encode()
		if err != nil {
			return err
		}
		if err := w.WriteFile("content"+paths[i]+"/_index.md", data); err != nil {
			return err
		}
	}
	return nil
}

// totals are a number of notes and the sums of counts over them.
type totals map[string]int

// add counts one note, whose counts are vals (in the order of counts).
func (t totals) add(counts []Count, vals []int) {
	t["notes"]++
	for i, c := range counts {
		t[c.Name] += vals[i]
	}
}

// countsOf is each of counts for every note (nil for a skipped note).
func countsOf(notes []*note.Note, counts []Count) [][]int {
	out := make([][]int, len(notes))
	for i, n := range notes {
		if n == nil {
			continue
		}
		out[i] = make([]int, len(counts))
		for j, c := range counts {
			out[i][j] = c.Of(n)
		}
	}
	return out
}

func newTotals(counts []Count) totals {
	t := totals{"notes": 0}
	for _, c := range counts {
		t[c.Name] = 0
	}
	return t
}

// sectionTotals returns the totals of the notes at any depth below each
// section path, and of the notes directly in the notes section.
func sectionTotals(notes []*note.Note, counts []Count, vals [][]int) (map[string]totals, totals) {
	out := map[string]totals{"/" + index.Section: newTotals(counts)}
	own := newTotals(counts)
	for i, n := range notes {
		if n == nil {
			continue
		}
		if path.Dir(n.Path) == "/"+index.Section {
			own.add(counts, vals[i])
		}
		for p := path.Dir(n.Path); p != "/" && p != "."; p = path.Dir(p) {
			t := out[p]
			if t == nil {
				t = newTotals(counts)
				out[p] = t
			}
			t.add(counts, vals[i])
		}
	}
	return out, own
}

// tagTotals groups the notes by top-level tag ("interview/devops" counts
// under "interview", a note once per group), biggest group first. Each
// group is {key, name, totals...}: key is the top tag's key in Hugo's
// taxonomy (site.GetPage "/tags/<key>" is its term page when some note
// uses the tag itself), name the tag's own spelling when some note uses
// it, else the first segment of the first nested tag's spelling by key.
func tagTotals(notes []*note.Note, counts []Count, vals [][]int) []map[string]any {
	type group struct {
		key, name string
		named     bool // name is the top tag's own spelling
		first     string
		t         totals
	}
	groups := map[string]*group{}
	for i, n := range notes {
		if n == nil {
			continue
		}
		seen := map[string]bool{}
		for _, tag := range n.Tags {
			key := TermKey(tag)
			top, _, nested := strings.Cut(key, "/")
			if top == "" {
				continue
			}
			g := groups[top]
			if g == nil {
				g = &group{key: top, t: newTotals(counts)}
				groups[top] = g
			}
			if !nested {
				g.name, g.named = tag, true
			} else if !g.named && (g.first == "" || key < g.first) {
				g.first, g.name = key, strings.SplitN(tag, "/", 2)[0]
			}
			if !seen[top] {
				seen[top] = true
				g.t.add(counts, vals[i])
			}
		}
	}
	list := slices.Collect(maps.Values(groups))
	slices.SortFunc(list, func(a, b *group) int {
		return cmp.Or(cmp.Compare(b.t["notes"], a.t["notes"]), cmp.Compare(a.key, b.key))
	})
	out := make([]map[string]any, len(list))
	for i, g := range list {
		row := map[string]any{"key": g.key, "name": g.name}
		for k, v := range g.t {
			row[k] = v
		}
		out[i] = row
	}
	return out
}

// TermKey is Hugo's key for a tag in site.Taxonomies: the spelling in
// lower case. (Its term page's path is made from it; site.GetPage finds
// the page by the key.)
func TermKey(tag string) string {
	return strings.ToLower(tag)
}

type dates struct{ date, lastmod time.Time }

// sectionDates returns, by section path, the newest date and the newest
// lastmod of the notes at any depth below it, as Hugo aggregates them (a
// note without a lastmod counts with its date).
func sectionDates(notes []*note.Note) map[string]dates {
	out := map[string]dates{}
	for _, n := range notes {
		if n == nil {
			continue
		}
		lastmod := n.Lastmod
		if lastmod.IsZero() {
			lastmod = n.Date
		}
		for p := path.Dir(n.Path); p != "/" && p != "."; p = path.Dir(p) {
			d := out[p]
			if n.Date.After(d.date) {
				d.date = n.Date
			}
			if lastmod.After(d.lastmod) {
				d.lastmod = lastmod
			}
			out[p] = d
		}
	}
	return out
}
