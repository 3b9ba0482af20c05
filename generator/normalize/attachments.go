package normalize

import (
	"io"
	"path"
	"slices"
	"strings"
	"sync"
)

// Attachments finds the vault files that embeds and links name, the way
// Obsidian does: an exact vault path, a path relative to the note, else
// the file name anywhere in the vault (the shortest path wins), and says
// which of them may be published (Passive).
type Attachments struct {
	paths  []string
	byPath map[string]string   // lowercased vault path -> vault path
	byName map[string][]string // lowercased base name -> vault paths, shortest first

	open    func(path string) (io.ReadCloser, error) // see InspectWith
	checked sync.Map                                 // vault path -> func() error, run once
}

// InspectWith lets Passive read attachments: open opens the file of a
// vault path. Until it is called, no attachment whose content must be
// checked (an SVG) is published.
func (a *Attachments) InspectWith(open func(path string) (io.ReadCloser, error)) {
	a.open = open
}

// Passive returns why the attachment at vault path p must not be
// published (its type can run code in the site's pages, or its content
// does), or nil. Each file is checked once.
func (a *Attachments) Passive(p string) error {
	check, _ := a.checked.LoadOrStore(p, sync.OnceValue(func() error { return passive(p, a.open) }))
	return check.(func() error)()
}

// NewAttachments indexes the vault's non-note files.
func NewAttachments(paths []string) *Attachments {
	a := &Attachments{paths: paths, byPath: map[string]string{}, byName: map[string][]string{}}
	for _, p := range paths {
		a.byPath[strings.ToLower(p)] = p
		k := strings.ToLower(path.Base(p))
		a.byName[k] = append(a.byName[k], p)
	}
	for _, ps := range a.byName {
		slices.SortFunc(ps, func(x, y string) int {
			if d := strings.Count(x, "/") - strings.Count(y, "/"); d != 0 {
				return d
			}
			return strings.Compare(x, y)
		})
	}
	return a
}

// Find returns the vault path of the attachment target names, seen from
// the note at from. escapes is true when the target climbs out of the
// vault ("../../x.png"): such a target is never resolved.
func (a *Attachments) Find(from, target string) (found string, escapes bool) {
	t := strings.TrimSpace(strings.TrimPrefix(target, "./"))
	if t == "" {
		return "", false
	}
	if strings.HasPrefix(t, "/") {
		t = strings.TrimLeft(t, "/")
	} else if rel := path.Join(path.Dir(from), t); strings.HasPrefix(rel, "../") || rel == ".." {
		if strings.Contains(t, "../") {
			return "", true
		}
	} else if p, ok := a.byPath[strings.ToLower(rel)]; ok {
		return p, false
	}
	clean := path.Clean(t)
	if strings.HasPrefix(clean, "../") || clean == ".." {
		return "", true
	}
	if p, ok := a.byPath[strings.ToLower(clean)]; ok {
		return p, false
	}
	if ps := a.byName[strings.ToLower(path.Base(clean))]; len(ps) > 0 {
		if !strings.Contains(clean, "/") {
			return ps[0], false
		}
		for _, p := range ps {
			if strings.HasSuffix(strings.ToLower(p), "/"+strings.ToLower(clean)) {
				return p, false
			}
		}
	}
	return "", false
}
