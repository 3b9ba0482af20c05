// Package index is the vault-wide view built after every note is parsed:
// each note's URL, and the names (titles, file names, aliases, paths) and
// headings that wikilinks resolve against.
package index

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/crib-notes/crib/generator/diag"
)

// Section is the Hugo section all notes live under.
const Section = "notes"

// Heading is one heading of a note, with the id Hugo renders for it.
type Heading struct {
	Level int
	Text  string // the heading's visible text
	ID    string
}

// Entry is what the index knows about one note.
type Entry struct {
	Source   string // vault-relative path, "Docker/Docker Basics.md"
	Title    string
	Slug     string // front matter "slug": the last part of the URL instead of the file name
	Aliases  []string
	Headings []Heading
	Blocks   []string // Obsidian block ids (^id) defined in the note

	// Set by Build.
	Folder string // vault folder, "" at the root
	Path   string // Hugo logical path, "/notes/docker/docker-basics"
	URL    string // "notes/docker/docker-basics/"

	// headingIDs maps the name key of a heading's text to its id, first
	// wins. Made on the first heading link to the note: most notes are
	// never linked to by heading, and keying every heading of the vault
	// on every rebuild cost more than all the links that use them.
	headingIDs     map[string]string
	headingIDsOnce sync.Once
}

// Dir returns the content directory of the note's page bundle, relative to
// the site root: "content/notes/docker/docker-basics".
func (e *Entry) Dir() string { return "content" + e.Path }

// Folder is one vault folder that holds published notes.
type Folder struct {
	Source string // "Docker/Advanced"
	Name   string // "Advanced"
	Path   string // "/notes/docker/advanced"
}

// Index answers vault-wide questions. It is read-only after Build and safe
// for concurrent use.
type Index struct {
	entries []*Entry
	folders []Folder
	byName  map[string][]*Entry // lowercased names to notes
	byPath  map[string]*Entry   // lowercased source path without extension
	bySrc   map[string]*Entry   // exact source path
}

// Build computes URLs for the entries (in their source-path order, so the
// result does not depend on the order they were parsed in) and the name
// lookups. A URL is the note's vault path, each part made a PathSlug (the
// last from Slug when set): it stays the same however the note or any
// other is titled. Two notes that would share a URL keep distinct,
// stable ones: the first by source path keeps the plain slug, the others
// get "-2", "-3", and a warning.
func Build(entries []*Entry) (*Index, []diag.Diagnostic) {
	ix := &Index{
		entries: slices.Clone(entries),
		byName:  map[string][]*Entry{},
		byPath:  map[string]*Entry{},
		bySrc:   map[string]*Entry{},
	}
	slices.SortFunc(ix.entries, func(a, b *Entry) int { return strings.Compare(a.Source, b.Source) })

	var diags []diag.Diagnostic
	taken := map[string]string{} // URL path -> what holds it
	folderPaths := map[string]string{"": "/" + Section}
	for _, e := range ix.entries {
		e.Folder = path.Dir(e.Source)
		if e.Folder == "." {
			e.Folder = ""
		}
		ix.folderPath(e.Folder, folderPaths, taken, &diags)
	}
	for _, e := range ix.entries {
		name := e.Slug
		if name == "" {
			name = strings.TrimSuffix(path.Base(e.Source), path.Ext(e.Source))
		}
		base := folderPaths[e.Folder] + "/" + PathSlug(name)
		p := base
		for i := 2; taken[p] != ""; i++ {
			p = fmt.Sprintf("%s-%d", base, i)
		}
		if p != base {
			diags = append(diags, diag.URL.Warnf(e.Source, 0, "URL %s/ is taken by %s; this note is published at %s/", base, taken[base], p))
		}
		taken[p] = e.Source
		e.Path = p
		e.URL = strings.TrimPrefix(p, "/") + "/"
	}
	for _, e := range ix.entries {
		names := []string{e.Title, strings.TrimSuffix(path.Base(e.Source), path.Ext(e.Source))}
		names = append(names, e.Aliases...)
		for _, n := range names {
			k := nameKey(n)
			if k == "" || slices.Contains(ix.byName[k], e) {
				continue
			}
			ix.byName[k] = append(ix.byName[k], e)
		}
		ix.byPath[strings.ToLower(strings.TrimSuffix(e.Source, path.Ext(e.Source)))] = e
		ix.bySrc[e.Source] = e
	}
	slices.SortFunc(ix.folders, func(a, b Folder) int { return strings.Compare(a.Source, b.Source) })
	return ix, diags
}

// folderPath assigns a URL path to a vault folder and its parents.
func (ix *Index) folderPath(folder string, paths, taken map[string]string, diags *[]diag.Diagnostic) string {
	if folder == "" {
		return "/" + Section
	}
	if p, ok := paths[folder]; ok {
		return p
	}
	parent := path.Dir(folder)
	if parent == "." {
		parent = ""
	}
	base := ix.folderPath(parent, paths, taken, diags) + "/" + PathSlug(path.Base(folder))
	p := base
	for i := 2; taken[p] != ""; i++ {
		p = fmt.Sprintf("%s-%d", base, i)
	}
	if p != base {
		*diags = append(*diags, diag.URL.Warnf(folder, 0, "folder URL %s/ is taken by %s; this folder is published at %s/", base, taken[base], p))
	}
	taken[p] = folder + "/"
	paths[folder] = p
	ix.folders = append(ix.folders, Folder{Source: folder, Name: path.Base(folder), Path: p})
	return p
}

// SameNames reports whether every name a link can use resolves in ix as
// in o: the same notes, with the same titles and aliases. Headings are
// not compared (a link to a heading names its note).
func (ix *Index) SameNames(o *Index) bool {
	if o == nil || len(ix.entries) != len(o.entries) {
		return false
	}
	for i, e := range ix.entries {
		p := o.entries[i]
		if e.Source != p.Source || e.Title != p.Title || !slices.Equal(e.Aliases, p.Aliases) {
			return false
		}
	}
	return true
}

// Entry returns the note at a source path, or nil.
func (ix *Index) Entry(source string) *Entry { return ix.bySrc[source] }

// Entries returns every note, sorted by source path.
func (ix *Index) Entries() []*Entry { return ix.entries }

// Folders returns every folder that holds a published note (at any
// depth), sorted by source path.
func (ix *Index) Folders() []Folder { return ix.folders }

// Lookup finds the note a wikilink target names, as Obsidian does:
// a path ("Docker/Basics", with or without ".md") relative to the vault
// root or to the linking note's folder, else a file name, title or alias,
// compared case-insensitively. Among several notes with the same name the
// one nearest to the linking note wins, then the first by path.
func (ix *Index) Lookup(from, target string) (*Entry, bool) {
	t := strings.TrimSpace(target)
	t = strings.TrimSuffix(strings.TrimSuffix(t, ".md"), ".MD")
	if t == "" {
		return nil, false
	}
	if strings.Contains(t, "/") {
		lower := strings.ToLower(strings.TrimPrefix(t, "/"))
		if e, ok := ix.byPath[lower]; ok {
			return e, true
		}
		dir := path.Dir(from)
		if dir != "." {
			if e, ok := ix.byPath[strings.ToLower(path.Clean(dir+"/"+t))]; ok {
				return e, true
			}
		}
		// Obsidian also accepts a path suffix: "Advanced/Volumes".
		for _, e := range ix.entries {
			src := strings.ToLower(strings.TrimSuffix(e.Source, path.Ext(e.Source)))
			if strings.HasSuffix(src, "/"+lower) {
				return e, true
			}
		}
		return nil, false
	}
	cands := ix.byName[nameKey(t)]
	if len(cands) == 0 {
		return nil, false
	}
	best := cands[0]
	dir := path.Dir(from)
	for _, c := range cands {
		if path.Dir(c.Source) == dir {
			return c, true
		}
	}
	return best, true
}

// HeadingID returns the id of the note's heading whose text matches
// heading (case-insensitively, ignoring extra spaces), as Obsidian matches
// [[Note#Heading]]. A nested "A#B" path matches its last part.
func (e *Entry) HeadingID(heading string) (string, bool) {
	if i := strings.LastIndex(heading, "#"); i >= 0 {
		heading = heading[i+1:]
	}
	e.headingIDsOnce.Do(func() {
		e.headingIDs = make(map[string]string, len(e.Headings))
		for _, h := range e.Headings {
			if k := nameKey(h.Text); e.headingIDs[k] == "" {
				e.headingIDs[k] = h.ID
			}
		}
	})
	id, ok := e.headingIDs[nameKey(heading)]
	return id, ok
}

// HasBlock reports whether the note defines the block id (without "^").
func (e *Entry) HasBlock(id string) bool {
	return slices.Contains(e.Blocks, id)
}

// NameKey is how names (titles, file names, aliases, headings) are
// compared: case-insensitively, with runs of white space as one space.
func NameKey(s string) string { return nameKey(s) }

func nameKey(s string) string {
	// Most names are ASCII with single spaces between words: lower-case
	// them in one pass (none at all when they already are keys) rather
	// than splitting and joining them.
	upper, space := false, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || (c == ' ' && space) {
			return nameKeySlow(s)
		}
		upper = upper || ('A' <= c && c <= 'Z')
		space = c == ' '
	}
	if space {
		return nameKeySlow(s) // empty, or a trailing space
	}
	if !upper {
		return s
	}
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

// nameKeySlow is nameKey for any text: words split at Unicode spaces,
// joined by one space, lower-cased.
func nameKeySlow(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
