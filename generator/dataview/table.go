package dataview

import (
	"path"
	"slices"
	"strings"
	"time"
)

// Page is what queries know of one published note.
type Page struct {
	Path string // vault path, "Docker/Docker Basics.md"
	Dest string // its page on the site, "/notes/docker/docker-basics"
	// Fields are the front matter's fields: nil, string, bool, int,
	// float64, time.Time, []any and map[string]any values. Strings that
	// are a date or a [[link]] are read as one.
	Fields  map[string]any
	Tags    []string // as shown, without '#'
	Aliases []string
	// Ctime and Mtime are when the note was made and last changed
	// (file.ctime, file.mtime).
	Ctime, Mtime time.Time
	Size         int      // bytes (file.size)
	Links        []string // the notes it links to and embeds, as written: "Note", "Folder/Note#Heading"
	Tasks        []Task

	// Set by NewTable.
	name, folder string
	link         *Link
	values       fields            // Fields, read
	canon        map[string]string // canonical name -> key of values
	tagKeys      []string
	outlinks     []*Link
	inlinks      []*Link
	tasks        []any // *taskRow
	day          any   // file.day: a date, or nil
	// The values of file's lists and days, made once.
	tags, etags, aliases, outlinkList, inlinkList []any
	ctime, mtime, cday, mday                      any
}

// Task is a task list item ("- [ ] text") of a note.
type Task struct {
	Line   int    // its line in the file, 1-based
	Status string // what is between the brackets: " ", "x", "/", ...
	Text   string // the Markdown after the checkbox
	Tags   []string
}

// Table holds the published notes of a vault for queries. It is
// read-only once made: queries may run on it in parallel.
type Table struct {
	pages  []*Page // by path
	byPath map[string]*Page
	o      Options
}

// Options tell a Table about the vault.
type Options struct {
	// TagKey is the identity of a tag: tags with the same key are one tag
	// ("Docker", "docker"). Nil compares tags as written.
	TagKey func(tag string) string
	// Resolve finds the published note a link from the note at path from
	// leads to, and its destination on the site (with the fragment's
	// anchor); source is "" when there is none.
	Resolve func(from, target, fragment string) (source, dest string)
}

// NewTable makes the table of pages, which it takes: it fills in what
// queries read from them.
func NewTable(pages []*Page, o Options) *Table {
	if o.TagKey == nil {
		o.TagKey = func(t string) string { return t }
	}
	if o.Resolve == nil {
		o.Resolve = func(string, string, string) (string, string) { return "", "" }
	}
	t := &Table{pages: slices.Clone(pages), byPath: make(map[string]*Page, len(pages)), o: o}
	slices.SortFunc(t.pages, func(a, b *Page) int { return strings.Compare(a.Path, b.Path) })
	for _, p := range t.pages {
		t.byPath[p.Path] = p
	}
	for _, p := range t.pages {
		p.name = strings.TrimSuffix(path.Base(p.Path), path.Ext(p.Path))
		if p.folder = path.Dir(p.Path); p.folder == "." {
			p.folder = ""
		}
		p.link = &Link{Target: strings.TrimSuffix(p.Path, ".md"), source: p.Path, dest: p.Dest}
		p.values = make(fields, len(p.Fields))
		p.canon = make(map[string]string, len(p.Fields))
		for k, v := range p.Fields {
			p.values[k] = t.read(p, v, 0)
		}
		for k := range p.values {
			if c := canonical(k); c != k {
				if _, taken := p.values[c]; !taken {
					// Of two keys with one canonical name, the smaller
					// one, whatever the order of the map.
					if prev, ok := p.canon[c]; !ok || k < prev {
						p.canon[c] = k
					}
				}
			}
		}
		p.tagKeys = make([]string, len(p.Tags))
		for i, tag := range p.Tags {
			p.tagKeys[i] = t.o.TagKey(tag)
		}
		seen := map[string]bool{}
		for _, raw := range p.Links {
			if seen[raw] {
				continue
			}
			seen[raw] = true
			target, fragment, _ := splitLink(raw)
			p.outlinks = append(p.outlinks, t.resolve(p.Path, &Link{Target: target, Fragment: fragment}))
		}
		p.tasks = make([]any, len(p.Tasks))
		for i := range p.Tasks {
			p.tasks[i] = &taskRow{t: &p.Tasks[i], p: p}
		}
		if d, _, ok := dateInName(p.name); ok {
			p.day = d
		} else if d, ok := p.values["date"].(time.Time); ok {
			p.day = d
		}
	}
	for _, p := range t.pages {
		linked := map[string]bool{}
		for _, l := range p.outlinks {
			if q := t.byPath[l.source]; q != nil && !linked[l.source] {
				linked[l.source] = true
				q.inlinks = append(q.inlinks, p.link)
			}
		}
	}
	for _, p := range t.pages {
		p.tags, p.etags = tagList(p.Tags, true), tagList(p.Tags, false)
		p.aliases = stringList(p.Aliases)
		p.outlinkList, p.inlinkList = linkList(p.outlinks), linkList(p.inlinks)
		p.ctime, p.mtime, p.cday, p.mday = dateOrNil(p.Ctime), dateOrNil(p.Mtime), day(p.Ctime), day(p.Mtime)
	}
	return t
}

// resolve returns l with where it leads filled in.
func (t *Table) resolve(from string, l *Link) *Link {
	r := *l
	r.source, r.dest = t.o.Resolve(from, l.Target, l.Fragment)
	return &r
}

// read turns a front matter value of p into a query value: numbers are
// float64, and strings that are a [[link]] or a date are one.
func (t *Table) read(p *Page, v any, depth int) any {
	if depth > maxValueDepth {
		return nil
	}
	switch v := v.(type) {
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case string:
		s := strings.TrimSpace(v)
		if inner, ok := strings.CutPrefix(s, "[["); ok {
			if inner, ok := strings.CutSuffix(inner, "]]"); ok && !strings.ContainsAny(inner, "[]") {
				target, fragment, display := splitLink(inner)
				return t.resolve(p.Path, &Link{Target: target, Fragment: fragment, Display: display})
			}
		}
		if d, n, ok := parseDate(s); ok && n == len(s) {
			return d
		}
		return v
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = t.read(p, x, depth+1)
		}
		return out
	case map[string]any:
		out := make(fields, len(v))
		for k, x := range v {
			out[k] = t.read(p, x, depth+1)
		}
		return out
	}
	return v
}

// dateInName finds a date written yyyy-mm-dd in a file name, as Dataview
// gives daily notes their file.day.
func dateInName(name string) (time.Time, int, bool) {
	for i := 0; i+10 <= len(name); i++ {
		if name[i] < '0' || name[i] > '9' {
			continue
		}
		if d, n, ok := parseDate(name[i : i+10]); ok && n == 10 {
			return d, i, true
		}
	}
	return time.Time{}, 0, false
}

// Rows.

// get reads a field of the note as a row: its front matter, and "file".
func (p *Page) get(name string) (any, bool) {
	if name == "file" {
		return fileObj{p}, true
	}
	if v, ok := p.values[name]; ok {
		return v, true
	}
	if k, ok := p.canon[name]; ok {
		return p.values[k], true
	}
	return nil, false
}

// fileObj is a note's "file" field: what Dataview knows of every file.
type fileObj struct{ p *Page }

func (f fileObj) get(name string) (any, bool) {
	p := f.p
	switch name {
	case "name":
		return p.name, true
	case "folder":
		return p.folder, true
	case "path":
		return p.Path, true
	case "ext":
		return strings.TrimPrefix(path.Ext(p.Path), "."), true
	case "link":
		return p.link, true
	case "size":
		return float64(p.Size), true
	case "ctime":
		return p.ctime, true
	case "mtime":
		return p.mtime, true
	case "cday":
		return p.cday, true
	case "mday":
		return p.mday, true
	case "day":
		return p.day, true
	case "tags":
		return p.tags, true
	case "etags":
		return p.etags, true
	case "aliases":
		return p.aliases, true
	case "outlinks":
		return p.outlinkList, true
	case "inlinks":
		return p.inlinkList, true
	case "tasks":
		return p.tasks, true
	case "frontmatter":
		return p.values, true
	}
	return nil, false
}

func dateOrNil(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

func day(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// tagList is tags as Dataview lists them, with '#'; with parents, every
// tag above a nested one too ("#a/b" gives "#a" and "#a/b").
func tagList(tags []string, parents bool) []any {
	out := make([]any, 0, len(tags))
	seen := map[string]bool{}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, "#"+t)
		}
	}
	for _, t := range tags {
		if parents {
			for i := range len(t) {
				if t[i] == '/' {
					add(t[:i])
				}
			}
		}
		add(t)
	}
	return out
}

func stringList(s []string) []any {
	out := make([]any, len(s))
	for i, x := range s {
		out[i] = x
	}
	return out
}

func linkList(links []*Link) []any {
	out := make([]any, len(links))
	for i, l := range links {
		out[i] = l
	}
	return out
}

// taskRow is a task as a row of a TASK query: the task's fields, then
// its note's.
type taskRow struct {
	t *Task
	p *Page
}

func (r *taskRow) get(name string) (any, bool) {
	t := r.t
	switch name {
	case "text":
		return t.Text, true
	case "status":
		return t.Status, true
	case "completed", "fullyCompleted":
		return t.Status == "x" || t.Status == "X", true
	case "checked":
		return t.Status != " ", true
	case "task":
		return true, true
	case "line":
		return float64(t.Line - 1), true // Dataview counts lines from 0
	case "path":
		return r.p.Path, true
	case "link", "section":
		return r.p.link, true
	case "tags":
		return tagList(t.Tags, false), true
	case "children", "subtasks":
		return []any{}, true
	}
	return r.p.get(name)
}

// group is a row of a grouped query: the rows with one key.
type group struct {
	name string // what the key is called: "key" and this
	key  any
	rows []any
}

func (g *group) get(name string) (any, bool) {
	switch name {
	case "key", g.name:
		return g.key, true
	case "rows":
		return g.rows, true
	}
	return nil, false
}
