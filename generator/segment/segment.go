// Package segment decides which pages a Hugo run may leave as the last
// run wrote them, so that a build after editing a few notes renders
// those notes' pages and the lists, not the whole site again (Hugo's
// segmented rendering, --renderSegments).
//
// A note's page shows its own page files (its index.md, its attachments,
// its "Linked from" asset) and, of other pages, only what the site's
// structure decides: which pages exist (the targets of links), and the
// titles of the notes of its section (the neighbours of prev-next). So a
// run may keep the page of every note whose own files did not change, as
// long as no page was added or removed and no note of its section changed
// its title; everything else
// (list pages, the cheat sheet, the practice pages, the feed, the
// sitemap) is rendered every time. Any other change to what Hugo reads -
// a layout, the configuration, a section's or tag's page, the theme - or
// anything this package cannot place means a full render.
package segment

import (
	"bufio"
	"bytes"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/hugorun"
)

// Site paths of the files a note's page is made of.
const (
	notesDir = "content/notes/"
	linksDir = "assets/crib/links/"
	// staticDir's files are copied by Hugo into the destination on
	// every run, whatever it renders.
	staticDir = "static/"
)

// Plan is what a run renders again of a site whose last run left the
// destination intact.
type Plan struct {
	// Keep are the logical paths of the note pages left as they are.
	Keep []string
	// Render are the note pages rendered again.
	Render []string
	// Remove are destination files, slash-separated, that the last run
	// copied from static/ and whose source is gone.
	Remove []string

	keptDirs map[string]bool // the kept pages' folders in the destination
	// sameStatic are the destination files copied from static files
	// (the site's or a theme's) that did not change since the last run.
	sameStatic map[string]bool
}

// Untouched reports whether the run leaves the destination file rel
// (slash-separated) as the last run left it: a file of a kept note page's
// folder, which Hugo does not render, or the copy of a static file that
// did not change, which Hugo finds equal and does not write. A stage may
// link such a file to the published one instead of copying it.
func (p Plan) Untouched(rel string) bool {
	if p.sameStatic[rel] {
		return true
	}
	for dir := path.Dir(rel); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if p.keptDirs[dir] {
			return true
		}
	}
	return false
}

// Of returns the plan for a run that reads the site files now, when the
// last run read before and saw the note pages' titles titles (Titles);
// ok is false when the run must render every page. site is the site
// folder, to read the titles of the pages that changed.
func Of(site string, before, now map[string]content.FileState, titles map[string]string) (plan Plan, ok bool) {
	if before == nil || now == nil || titles == nil {
		return Plan{}, false
	}
	render := map[string]bool{}
	retitled := map[string]bool{} // sections with a note retitled
	for rel, was := range before {
		is, still := now[rel]
		if still && is == was {
			continue
		}
		if !still {
			// A file gone: a page or section gone, or a static file
			// whose copy must go too.
			if out, ok := strings.CutPrefix(rel, staticDir); ok {
				plan.Remove = append(plan.Remove, out)
				continue
			}
			return Plan{}, false
		}
		page, ok := pageOf(rel)
		if !ok {
			return Plan{}, false
		}
		if page == "" {
			continue // static and data files: no note page shows them
		}
		if path.Base(rel) == "index.md" && strings.HasPrefix(rel, notesDir) {
			t, ok := titleLine(filepath.Join(site, filepath.FromSlash(rel)))
			if !ok {
				return Plan{}, false
			}
			if t != titles[rel] {
				// Retitled: the neighbours in its section show the title.
				retitled[sectionOf(rel, now)] = true
			}
		}
		render[page] = true
	}
	for rel := range now {
		if _, was := before[rel]; was {
			continue
		}
		if !strings.HasPrefix(rel, staticDir) && !strings.HasPrefix(rel, "data/") {
			return Plan{}, false // a page, an attachment or a layout added
		}
	}
	for rel := range now {
		if p, ok := notePage(rel); ok {
			if render[p] || (len(retitled) > 0 && retitled[sectionOf(rel, now)]) {
				plan.Render = append(plan.Render, p)
			} else {
				plan.Keep = append(plan.Keep, p)
			}
		}
	}
	slices.Sort(plan.Keep)
	slices.Sort(plan.Render)
	slices.Sort(plan.Remove)
	plan.keptDirs = map[string]bool{}
	for _, p := range plan.Keep {
		plan.keptDirs[strings.TrimPrefix(p, "/")] = true
	}
	plan.sameStatic = map[string]bool{}
	changed := map[string]bool{}
	for rel, st := range now {
		out, ok := staticOutput(rel)
		if !ok {
			continue
		}
		if was, ok := before[rel]; ok && was == st && !changed[out] {
			plan.sameStatic[out] = true
		} else {
			changed[out] = true
			delete(plan.sameStatic, out)
		}
	}
	return plan, true
}

// StaticSources maps each destination file Hugo copies from a static
// file among the site files now (slash-separated) to the files it may be
// copied from: the site's static file and the themes' of the same name.
// Which one Hugo takes depends on the configuration; a file linked for
// Hugo to find equal must equal them all (destination.Stage.LinkSame).
func StaticSources(site string, now map[string]content.FileState) map[string][]string {
	sources := map[string][]string{}
	for rel := range now {
		if out, ok := staticOutput(rel); ok {
			sources[out] = append(sources[out], filepath.Join(site, filepath.FromSlash(rel)))
		}
	}
	return sources
}

// staticOutput returns where Hugo copies the site file rel when it is a
// static file: the site's static/ or a theme's.
func staticOutput(rel string) (string, bool) {
	if out, ok := strings.CutPrefix(rel, staticDir); ok {
		return out, true
	}
	if rest, ok := strings.CutPrefix(rel, "themes/"); ok {
		if _, out, ok := strings.Cut(rest, "/static/"); ok && !strings.Contains(rest[:strings.Index(rest, "/static/")], "/") {
			return out, true
		}
	}
	return "", false
}

// pageOf returns the note page a changed site file belongs to: "" for a
// file no page is made of (static files, data files), and ok false for a
// file that may change any page.
func pageOf(rel string) (page string, ok bool) {
	switch {
	case strings.HasPrefix(rel, staticDir), strings.HasPrefix(rel, "data/"):
		// Data files are read by list and practice pages, which are
		// rendered every time.
		return "", true
	case strings.HasPrefix(rel, linksDir):
		p, ok := strings.CutSuffix(strings.TrimPrefix(rel, linksDir), ".html")
		if !ok || !strings.HasPrefix(p, "notes/") {
			return "", false
		}
		return "/" + p, true
	case strings.HasPrefix(rel, notesDir):
		if path.Base(rel) == "_index.md" {
			return "", false // a folder's page: its title is every breadcrumb's
		}
		// A page file or an attachment of the page bundle it is in.
		return "/" + strings.TrimPrefix(path.Dir(rel), "content/"), true
	}
	return "", false
}

// sectionOf returns the folder of the section the note page file rel
// (its index.md) is in, as Hugo decides it: the nearest folder above the
// page's bundle with an _index.md among the site files now. Its pages'
// prev-next shows the titles of their neighbours.
func sectionOf(rel string, now map[string]content.FileState) string {
	dir := path.Dir(path.Dir(rel))
	for ; strings.HasPrefix(dir, "content/"); dir = path.Dir(dir) {
		if _, ok := now[dir+"/_index.md"]; ok {
			return dir
		}
	}
	return dir
}

// notePage returns the logical path of the note page whose index.md rel
// is.
func notePage(rel string) (string, bool) {
	dir, ok := strings.CutSuffix(rel, "/index.md")
	if !ok || !strings.HasPrefix(rel, notesDir) {
		return "", false
	}
	return "/" + strings.TrimPrefix(dir, "content/"), true
}

// Titles returns the title line of every note page among the site files,
// by site path, for the next run's Of; nil when one cannot be read. A
// page file as it was in before keeps its title in known (the last run's
// Titles): only the pages that changed are read.
func Titles(site string, files, before map[string]content.FileState, known map[string]string) map[string]string {
	titles := map[string]string{}
	for rel, st := range files {
		if _, ok := notePage(rel); !ok {
			continue
		}
		if t, ok := known[rel]; ok && before[rel] == st {
			titles[rel] = t
			continue
		}
		t, ok := titleLine(filepath.Join(site, filepath.FromSlash(rel)))
		if !ok {
			return nil
		}
		titles[rel] = t
	}
	return titles
}

// titleLine returns the "title:" entry of a page's front matter as
// written: its line, and the indented lines that continue it (a title the
// YAML encoder writes as a block); comparing them compares titles.
func titleLine(file string) (string, bool) {
	f, err := os.Open(file)
	if err != nil {
		return "", false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	var title []byte
	in := false
	for i := 0; sc.Scan(); i++ {
		line := sc.Bytes()
		switch {
		case i == 0:
			if string(line) != "---" {
				return "", false
			}
		case in && len(line) > 0 && (line[0] == ' ' || line[0] == '\t'):
			title = append(append(title, '\n'), line...)
		case in:
			return string(title), true
		case string(line) == "---":
			return "", false
		default:
			if t, ok := bytes.CutPrefix(line, []byte("title:")); ok {
				title, in = append([]byte(nil), t...), true
			}
		}
	}
	return string(title), in
}

// Config is the Hugo configuration of the segment that renders every
// page but the note pages keep: merged with the site's own (see
// hugorun.Options.Segment).
func Config(keep []string) []byte {
	const name = hugorun.SegmentName
	var b bytes.Buffer
	b.WriteString("# Written by Crib for one run: the pages it renders again.\n")
	b.WriteString("[segments." + name + "]\n")
	b.WriteString("[[segments." + name + ".includes]]\nkind = \"*\"\n")
	if len(keep) > 0 {
		b.WriteString("[[segments." + name + ".excludes]]\nkind = \"page\"\npath = ")
		b.WriteString(tomlString(pattern(keep)))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// pattern is a path pattern that matches the paths and nothing else.
func pattern(paths []string) string {
	var g strings.Builder
	g.WriteByte('{')
	for i, p := range paths {
		if i > 0 {
			g.WriteByte(',')
		}
		g.WriteString(globEscape(p))
	}
	g.WriteByte('}')
	return g.String()
}

// globEscape escapes the characters Hugo's glob matcher (gobwas/glob)
// reads as syntax, so that a path matches itself only.
func globEscape(p string) string {
	var b strings.Builder
	for _, r := range p {
		if strings.ContainsRune(`*?[]{}\,!`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[r>>4])
			b.WriteByte("0123456789abcdef"[r&15])
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
