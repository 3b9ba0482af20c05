package cli

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// serveDir is the folder, relative to the site, that Hugo's server renders
// into during serve and serves from. It is serve's own: emptied when serve
// starts, so that no page of an earlier session or build is served, and
// never the destination of build.
const serveDir = ".crib/serve"

// served keeps the folder Hugo's server serves free of pages whose notes
// are gone. Hugo's server renders a changed page to disk, but when a
// content file is removed it drops the page from its site and leaves the
// page's file, which it then serves for as long as it runs: a note
// deleted, renamed or made private would still answer at its old URL.
// serve removes the files of every generated content file the generator
// removes, as soon as it removes it, and again after each of the next
// few rebuilds, since Hugo's server renders a page it still knows when a
// browser asks for it before its rebuild.
type served struct {
	site string // the site folder
	dir  string // the folder Hugo's server serves

	mu   sync.Mutex
	gone map[string]int // removed content files (site paths): rebuilds since
}

// sweeps is how many of Hugo's rebuilds after a removal sweep its files
// again.
const sweeps = 3

// newServed empties the folder Hugo's server is to serve for the site.
func newServed(site string) (*served, error) {
	s := &served{site: site, dir: filepath.Join(site, filepath.FromSlash(serveDir)), gone: map[string]int{}}
	return s, os.RemoveAll(s.dir)
}

// remove removes what Hugo's server rendered from the generated content
// files removed (site paths, such as content/notes/x/index.md).
func (s *served) remove(removed []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range removed {
		if strings.HasPrefix(f, "content/") {
			s.gone[f] = 0
			s.unlink(f)
		}
	}
}

// sweep runs after each of Hugo's rebuilds: the files of content removed
// in the last few rebuilds are removed again, unless the content is back.
func (s *served) sweep() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for f, n := range s.gone {
		if _, err := os.Lstat(filepath.Join(s.site, filepath.FromSlash(f))); err == nil || n >= sweeps {
			delete(s.gone, f)
			continue
		}
		s.gone[f] = n + 1
		s.unlink(f)
	}
}

// unlink removes the files Hugo renders from the content file f: a page's
// index.md or a section's _index.md becomes index.html (and index.xml or
// index.json in other output formats) in the page's folder; any other
// file of a bundle is published as it is. Crib's page paths are their
// URLs. Folders left empty go too. s.mu is held.
func (s *served) unlink(f string) {
	rel := strings.TrimPrefix(f, "content/")
	dir, base := path.Split(rel)
	var files []string
	if base == "index.md" || base == "_index.md" {
		entries, _ := os.ReadDir(filepath.Join(s.dir, filepath.FromSlash(dir)))
		for _, e := range entries {
			if !e.IsDir() && strings.HasPrefix(e.Name(), "index.") {
				files = append(files, path.Join(dir, e.Name()))
			}
		}
	} else {
		files = append(files, rel)
	}
	for _, r := range files {
		// What cannot be removed now is tried again by the next sweep.
		os.Remove(filepath.Join(s.dir, filepath.FromSlash(r)))
	}
	for d := path.Clean(dir); d != "." && d != "/"; d = path.Dir(d) {
		if os.Remove(filepath.Join(s.dir, filepath.FromSlash(d))) != nil {
			break
		}
	}
}
