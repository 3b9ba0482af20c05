// Package destination puts a finished build in the folder the site is
// published to (public/), so that afterwards the folder holds what that
// build produced and nothing else: a page of a note that was deleted,
// renamed or made private in the meantime is gone, with its attachments,
// search shards and cards.
//
// Hugo writes the site into a fresh folder beside the destination (Begin);
// Commit then exchanges the two folders in one rename and removes the old
// site. A build that fails is thrown away (Abort) and leaves the last good
// site whole. Hugo's own --cleanDestinationDir is no substitute: it empties
// the destination before the pages are rendered, so a failed build leaves
// half a site, and it deletes files such as CNAME and a worktree's .git
// file, which people keep in a published folder.
//
// What the user keeps in the destination (see Kept) moves into the new
// site before the exchange. When the destination cannot be renamed (it is
// a mount point, or its parent folder is read-only), the build is made in
// a hidden folder inside it and moved into place entry by entry instead:
// a failed build still changes nothing, but a reader may see the two sites
// mixed while the entries move.
package destination

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/crib-notes/crib/generator/internal/parallel"
)

// Kept reports whether the top-level entry name of a destination is the
// user's: it survives every build unless the build itself produces an
// entry of that name (from static/). These are CNAME (GitHub Pages' custom
// domain) and every name that starts with a dot: .git (a folder, or the
// file of a gh-pages worktree), .nojekyll, .github, .well-known and the
// like. Crib never publishes a top-level dot name from a vault, so keeping
// them cannot keep a note online. Everything else in the destination is
// removed by the next build: files meant to be published belong in
// static/. Names starting with ".crib-" are Crib's own leftovers and are
// removed too.
func Kept(name string) bool {
	if strings.HasPrefix(name, ".crib-") {
		return false
	}
	return name == "CNAME" || strings.HasPrefix(name, ".")
}

// sourceDirs are the folders of a Hugo site that hold its sources, and
// Crib's own: a destination inside one of them would replace them.
var sourceDirs = []string{"archetypes", "assets", "content", "data", "i18n", "layouts", "static", "themes", "resources", ".crib", ".cache", ".git"}

// Check returns an error when replacing the contents of dest would destroy
// something other than an earlier build: when dest is "/", the home
// folder or holds it, is the site folder or holds it, is inside one of
// the site's source folders, is the vault, is inside it or holds it, is
// not a folder, or is a folder with other files and no index.html (not
// a site) unless it is built, the folder the last build is recorded to
// have published to ("" for none): that one is a site that lost its
// index.html.
func Check(dest, site, vault, built string) error {
	d, err := Resolve(dest)
	if err != nil {
		return err
	}
	refuse := func(why string) error {
		return fmt.Errorf("refusing to publish to %s: %s", dest, why)
	}
	if filepath.Dir(d) == d {
		return refuse("it is the root of the file system")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		if h, err := Resolve(home); err == nil && within(h, d) {
			return refuse("it is or holds the home folder")
		}
	}
	if site != "" {
		s, err := Resolve(site)
		if err != nil {
			return err
		}
		if within(s, d) {
			return refuse("it is or holds the site folder")
		}
		for _, name := range sourceDirs {
			if within(d, filepath.Join(s, name)) {
				return refuse(fmt.Sprintf("it is inside the site's %s/ folder", name))
			}
		}
	}
	if vault != "" {
		v, err := Resolve(vault)
		if err != nil {
			return err
		}
		if within(v, d) || within(d, v) {
			return refuse("it is, holds or is inside the vault, which is only ever read")
		}
	}
	info, err := os.Stat(d)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !info.IsDir():
		return refuse("it is not a folder")
	}
	entries, err := os.ReadDir(d)
	if err != nil {
		return err
	}
	hasIndex := false
	var other string
	for _, e := range entries {
		switch {
		case e.Name() == "index.html":
			hasIndex = true
		case !Kept(e.Name()) && other == "":
			other = e.Name()
		}
	}
	if other != "" && !hasIndex && !sameFolder(d, built) {
		return refuse(fmt.Sprintf("it holds %s and no index.html, so it is not a site an earlier build made; empty it or choose another folder", other))
	}
	return nil
}

// Stage is a build on its way to its destination.
type Stage struct {
	// Dest is the destination, with symbolic links resolved: a link to
	// the published folder stays a link.
	Dest string
	// Dir is the empty folder the build writes into.
	Dir string

	inPlace bool // Dir is inside Dest (see the package comment)
}

// Begin makes the folder a build for dest writes into.
func Begin(dest string) (*Stage, error) {
	return begin(dest, false)
}

// begin is Begin; inPlace makes the build inside dest even when dest
// could be renamed, for tests.
func begin(dest string, inPlace bool) (*Stage, error) {
	d, err := Resolve(dest)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(d)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	perm := fs.FileMode(0o755)
	info, err := os.Stat(d)
	exists := err == nil
	switch {
	case exists && !info.IsDir():
		return nil, fmt.Errorf("%s is not a folder", dest)
	case exists:
		perm = info.Mode().Perm()
		inPlace = inPlace || !sameDevice(info, parent)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	s := &Stage{Dest: d}
	if !inPlace {
		s.Dir, err = os.MkdirTemp(parent, "."+filepath.Base(d)+".crib-")
		if err != nil && exists {
			inPlace = true
		}
	}
	if inPlace {
		s.Dir, err = os.MkdirTemp(d, ".crib-build-")
		s.inPlace = true
	}
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(s.Dir, perm); err != nil {
		os.Remove(s.Dir)
		return nil, err
	}
	return s, nil
}

// Commit makes the finished build in Dir the destination's contents,
// keeping what Kept names, and removes the earlier site.
func (s *Stage) Commit() error {
	if s.inPlace {
		return s.commitInPlace()
	}
	if _, err := os.Lstat(s.Dest); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(s.Dir, s.Dest)
	}
	moved, err := moveKept(s.Dest, s.Dir)
	if err == nil {
		err = exchange(s.Dir, s.Dest)
	}
	if err != nil {
		for _, name := range moved {
			os.Rename(filepath.Join(s.Dir, name), filepath.Join(s.Dest, name))
		}
		return fmt.Errorf("publishing to %s: %w", s.Dest, err)
	}
	// Dir now holds the earlier site.
	return os.RemoveAll(s.Dir)
}

// commitInPlace is Commit for a build made inside the destination.
func (s *Stage) commitInPlace() error {
	fail := func(err error) error { return fmt.Errorf("publishing to %s: %w", s.Dest, err) }
	old, err := os.ReadDir(s.Dest)
	if err != nil {
		return fail(err)
	}
	self := filepath.Base(s.Dir)
	for _, e := range old {
		name := e.Name()
		if name == self || Kept(name) && !exists(filepath.Join(s.Dir, name)) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(s.Dest, name)); err != nil {
			return fail(err)
		}
	}
	built, err := os.ReadDir(s.Dir)
	if err != nil {
		return fail(err)
	}
	for _, e := range built {
		if err := os.Rename(filepath.Join(s.Dir, e.Name()), filepath.Join(s.Dest, e.Name())); err != nil {
			return fail(err)
		}
	}
	return os.Remove(s.Dir)
}

// Abort throws the build away; the destination stays as it was.
func (s *Stage) Abort() error {
	return os.RemoveAll(s.Dir)
}

// moveKept moves the entries of from that Kept names into to, unless to
// has one of that name already, and returns the names moved.
func moveKept(from, to string) ([]string, error) {
	entries, err := os.ReadDir(from)
	if err != nil {
		return nil, err
	}
	var moved []string
	for _, e := range entries {
		name := e.Name()
		if !Kept(name) || exists(filepath.Join(to, name)) {
			continue
		}
		if err := os.Rename(filepath.Join(from, name), filepath.Join(to, name)); err != nil {
			return moved, err
		}
		moved = append(moved, name)
	}
	return moved, nil
}

// exchange swaps the folders a and b: atomically where the system can,
// else with two renames (for a moment, b is missing).
func exchange(a, b string) error {
	err := exchangeAtomic(a, b)
	if !errors.Is(err, errNoExchange) {
		return err
	}
	aside := a + ".old"
	if err := os.Rename(b, aside); err != nil {
		return err
	}
	if err := os.Rename(a, b); err != nil {
		os.Rename(aside, b)
		return err
	}
	return os.Rename(aside, a)
}

// errNoExchange is exchangeAtomic's error where the system or the file
// system has no atomic exchange.
var errNoExchange = errors.New("no atomic exchange")

func exists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}

// Resolve makes p absolute and resolves the symbolic links of the part of
// it that exists: the folder a build for destination p is put in
// (Stage.Dest).
func Resolve(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for {
		r, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(p)
		if parent == p {
			return filepath.Join(p, rest), nil
		}
		rest = filepath.Join(filepath.Base(p), rest)
		p = parent
	}
}

// sameFolder reports whether the resolved path d names the folder p.
func sameFolder(d, p string) bool {
	if p == "" {
		return false
	}
	r, err := Resolve(p)
	return err == nil && r == d
}

// within reports whether path p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Seed puts into the stage the destination's files named in files
// (slash-separated, relative to it), so that a run that renders only some
// pages (package segment) finds the others as the last build left them,
// and Hugo copies again only the static files that changed. A file that
// linked says the run leaves as it is is linked to the published one;
// any other is copied, with its modification time, since Hugo writes over
// a file in place, which would change the published site before Commit.
func (s *Stage) Seed(files []string, linked func(rel string) bool) error {
	return parallel.For(context.Background(), len(files), func(i int) error {
		rel := filepath.FromSlash(files[i])
		from, to := filepath.Join(s.Dest, rel), filepath.Join(s.Dir, rel)
		if linked != nil && linked(files[i]) {
			if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
				return err
			}
			if os.Link(from, to) == nil {
				return nil
			}
		}
		return copyFile(from, to)
	})
}

// LinkSame links into the stage each file of the destination that holds,
// byte for byte, what every one of its sources holds now: sources maps a
// destination file (slash-separated) to the site files Hugo copies there
// (its static files). Hugo compares a static file with the one it finds in
// the stage before copying it, so a run that renders every page still
// writes none of these: on a site whose static files are the search index
// and the exports, that is tens of megabytes and thousands of files a full
// render does not write again. A file that differs, or that cannot be read
// or linked, is left for Hugo to copy; LinkSame returns how many it linked.
func (s *Stage) LinkSame(sources map[string][]string) int {
	outs := make([]string, 0, len(sources))
	for out := range sources {
		outs = append(outs, out)
	}
	linked := make([]bool, len(outs))
	parallel.Each(0, len(outs), func(i int) {
		rel := filepath.FromSlash(outs[i])
		from, to := filepath.Join(s.Dest, rel), filepath.Join(s.Dir, rel)
		if !filepath.IsLocal(rel) || !sameBytes(from, sources[outs[i]]) {
			return
		}
		if os.MkdirAll(filepath.Dir(to), 0o755) == nil && os.Link(from, to) == nil {
			linked[i] = true
		}
	})
	n := 0
	for _, ok := range linked {
		if ok {
			n++
		}
	}
	return n
}

// sameBytes reports whether the regular file name holds the same bytes as
// each of the files others.
func sameBytes(name string, others []string) bool {
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() || len(others) == 0 {
		return false
	}
	for _, o := range others {
		if oi, err := os.Stat(o); err != nil || !oi.Mode().IsRegular() || oi.Size() != info.Size() || !equalFiles(name, o) {
			return false
		}
	}
	return true
}

// equalFiles compares two files of the same size.
func equalFiles(a, b string) bool {
	fa, err := os.Open(a)
	if err != nil {
		return false
	}
	defer fa.Close()
	fb, err := os.Open(b)
	if err != nil {
		return false
	}
	defer fb.Close()
	var ba, bb [32 << 10]byte
	for {
		na, ea := io.ReadFull(fa, ba[:])
		nb, eb := io.ReadFull(fb, bb[:])
		if na != nb || !bytes.Equal(ba[:na], bb[:nb]) {
			return false
		}
		if ea != nil || eb != nil {
			return (ea == io.EOF || ea == io.ErrUnexpectedEOF) && (eb == io.EOF || eb == io.ErrUnexpectedEOF)
		}
	}
}

// copyFile copies the regular file from to the new file to, with from's
// modification time.
func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	info, err := src.Stat()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, info.Mode().Perm())
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, src)
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Chtimes(to, info.ModTime(), info.ModTime())
}
