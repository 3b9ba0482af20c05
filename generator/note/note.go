// Package note defines a parsed, normalized note: the one value every
// output of Crib (Hugo content, the cheat sheet, the search index, the
// practice cards) is made from.
package note

import (
	"cmp"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark/ast"
)

// Note is one published note after normalization.
type Note struct {
	// Source is the vault-relative, slash-separated path of the Markdown
	// file, e.g. "Docker/Docker Interview Notes.md".
	Source string
	// Folder is the vault folder the note sits in ("" at the root).
	Folder string

	Title   string
	Date    time.Time // zero when the note has no date at all
	Lastmod time.Time // zero when the note has no date at all
	Tags    []string  // display spellings, in the note's order, no duplicates
	Aliases []string  // Obsidian aliases: other names for links and search
	Params  map[string]any

	// Cheatsheet is false when the note opted out of the cheat sheet
	// (front matter "cheatsheet: false").
	Cheatsheet bool

	// Path is the Hugo logical path of the page, usable with site.GetPage
	// and as a link destination, e.g. "/notes/docker/docker-interview-notes".
	Path string
	// URL is the page's URL relative to the site root, with a trailing
	// slash and no leading one: "notes/docker/docker-interview-notes/".
	URL string
	// Links are the source paths of the notes the note's own text links
	// to or embeds, sorted, each once: not those of the text of a note it
	// embeds, which the page shows but the note does not say.
	Links []string

	// Body is the normalized Markdown written to the page (no front matter).
	Body []byte
	// BodyLine is the line of the vault file that Body's first line comes
	// from (0 when unknown). Lines keep their numbers, except after an
	// embedded note's text.
	BodyLine int
	// Doc is the goldmark AST of Body, parsed with markdown.Parser, whose
	// heading ids are the ids Hugo renders. The pipeline sets it to nil
	// once the note's page is written and its outputs have memoized what
	// they need (see Memo).
	Doc ast.Node

	memoMu sync.Mutex
	memo   map[string]any
}

// CompareSiteOrder orders notes as the site lists them: by folder, then
// by title, then by source path so that the order is total.
func CompareSiteOrder(a, b *Note) int {
	return cmp.Or(
		cmp.Compare(a.Folder, b.Folder),
		cmp.Compare(a.Title, b.Title),
		cmp.Compare(a.Source, b.Source),
	)
}

// Memo returns what compute returns for n, computing it once per key.
// Outputs memoize what they extract from Doc, so that the pipeline can
// drop each note's syntax tree as soon as the note is written: a large
// vault then never holds every tree in memory at once. Safe for
// concurrent use.
func Memo[T any](n *Note, key string, compute func() T) T {
	n.memoMu.Lock()
	if v, ok := n.memo[key]; ok {
		n.memoMu.Unlock()
		return v.(T)
	}
	n.memoMu.Unlock()
	v := compute()
	n.memoMu.Lock()
	if n.memo == nil {
		n.memo = map[string]any{}
	}
	n.memo[key] = v
	n.memoMu.Unlock()
	return v
}

// Forget drops what Memo keeps for n under the keys that start with
// prefix. An output memoizes under keys that start with its name and a
// dot ("search.documents"), so that a run can let go of them as soon as
// that output is done with the note.
func Forget(n *Note, prefix string) {
	n.memoMu.Lock()
	defer n.memoMu.Unlock()
	for k := range n.memo {
		if strings.HasPrefix(k, prefix) {
			delete(n.memo, k)
		}
	}
}
