package destination

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/internal/fixtures"
)

// write makes the files of tree under root: path -> content.
func write(t *testing.T, root string, tree map[string]string) {
	t.Helper()
	for rel, data := range tree {
		p := filepath.Join(root, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// names lists the entries of dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func diff(t *testing.T, got, want map[string]string) {
	t.Helper()
	for _, k := range slices.Sorted(maps.Keys(want)) {
		if g, ok := got[k]; !ok {
			t.Errorf("%s is missing", k)
		} else if g != want[k] {
			t.Errorf("%s = %q, want %q", k, g, want[k])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[k]; !ok {
			t.Errorf("%s should be gone", k)
		}
	}
}

// oldSite is a destination after an earlier build, with what a user
// keeps there and leftovers of a build that was killed.
var oldSite = map[string]string{
	"index.html":                   "old home",
	"notes/gone/index.html":        "a note made private since",
	"notes/gone/diagram.png":       "its attachment",
	"notes/kept/index.html":        "old text",
	"search/f/old-shard.json":      "old shard",
	"user-notes.txt":               "a file the user put there",
	"CNAME":                        "notes.example.com",
	".nojekyll":                    "",
	".well-known/security.txt":     "Contact: x",
	".crib-build-123/index.html":   "a killed build",
	"notes/.hidden-deep/stale.txt": "dot names deeper down are the site's",
}

var newSite = map[string]string{
	"index.html":              "new home",
	"notes/kept/index.html":   "new text",
	"search/f/new-shard.json": "new shard",
}

func TestCommit(t *testing.T) {
	for _, tc := range []struct {
		name    string
		git     map[string]string // the .git the user keeps
		inPlace bool
	}{
		{"worktree .git file", map[string]string{".git": "gitdir: /repo/.git/worktrees/public\n"}, false},
		{"clone .git folder", map[string]string{".git/HEAD": "ref: refs/heads/gh-pages\n", ".git/objects/ab/cdef": "x"}, false},
		{"in place, worktree .git file", map[string]string{".git": "gitdir: /repo/.git/worktrees/public\n"}, true},
		{"in place, clone .git folder", map[string]string{".git/HEAD": "ref: refs/heads/gh-pages\n"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			write(t, dest, oldSite)
			write(t, dest, tc.git)
			s, err := begin(dest, tc.inPlace)
			if err != nil {
				t.Fatal(err)
			}
			write(t, s.Dir, newSite)
			if err := s.Commit(); err != nil {
				t.Fatal(err)
			}
			want := maps.Clone(newSite)
			maps.Copy(want, tc.git)
			for _, k := range []string{"CNAME", ".nojekyll", ".well-known/security.txt"} {
				want[k] = oldSite[k]
			}
			diff(t, fixtures.Tree(t, dest), want)
			if got := names(t, parent); !slices.Equal(got, []string{"public"}) {
				t.Errorf("beside the destination: %q, want only public", got)
			}
			if info, err := os.Stat(dest); err != nil || info.Mode().Perm() != 0o755 {
				t.Errorf("destination mode %v, %v; want 0755", info.Mode(), err)
			}
		})
	}
}

// TestCommitNewWins: what the build makes from static/ replaces what the
// user kept under the same name.
func TestCommitNewWins(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, map[string]string{"index.html": "old", "CNAME": "old.example.com", ".nojekyll": ""})
	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	write(t, s.Dir, map[string]string{"index.html": "new", "CNAME": "new.example.com"})
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	diff(t, fixtures.Tree(t, dest), map[string]string{"index.html": "new", "CNAME": "new.example.com", ".nojekyll": ""})
}

// TestAbort: a failed build changes nothing and leaves nothing behind.
func TestAbort(t *testing.T) {
	for _, inPlace := range []bool{false, true} {
		parent := t.TempDir()
		dest := filepath.Join(parent, "public")
		write(t, dest, oldSite)
		before := fixtures.Tree(t, dest)
		s, err := begin(dest, inPlace)
		if err != nil {
			t.Fatal(err)
		}
		write(t, s.Dir, map[string]string{"index.html": "half a site"})
		if err := s.Abort(); err != nil {
			t.Fatal(err)
		}
		diff(t, fixtures.Tree(t, dest), before)
		if got := names(t, parent); !slices.Equal(got, []string{"public"}) {
			t.Errorf("in place %v: beside the destination: %q", inPlace, got)
		}
	}
}

// TestCommitNew: a destination that does not exist yet is made, with its
// parent folders, readable by a web server.
func TestCommitNew(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "out", "public")
	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	write(t, s.Dir, newSite)
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	diff(t, fixtures.Tree(t, dest), newSite)
	if info, err := os.Stat(dest); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("destination mode %v, %v; want 0755", info.Mode(), err)
	}
}

// TestCommitThroughLink: a destination that is a symbolic link stays a
// link; the folder it points to gets the new site.
func TestCommitThroughLink(t *testing.T) {
	root := t.TempDir()
	real := filepath.Join(root, "www", "site")
	write(t, real, oldSite)
	link := filepath.Join(root, "public")
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	s, err := Begin(link)
	if err != nil {
		t.Fatal(err)
	}
	write(t, s.Dir, newSite)
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("public is no longer a link: %v, %v", info, err)
	}
	if got := fixtures.Tree(t, real)["notes/kept/index.html"]; got != "new text" {
		t.Errorf("the linked folder has %q", got)
	}
	if got := names(t, filepath.Dir(real)); !slices.Equal(got, []string{"site"}) {
		t.Errorf("beside the linked folder: %q", got)
	}
}

func TestCheck(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	vault := filepath.Join(root, "vault")
	home := filepath.Join(root, "home")
	t.Setenv("HOME", home)
	write(t, site, map[string]string{"hugo.toml": "", "static/favicon.svg": ""})
	write(t, vault, map[string]string{"Note.md": "# Note"})
	write(t, root, map[string]string{
		"built/index.html":     "a site",
		"built/stray.txt":      "",
		"kept-only/.git":       "gitdir: x",
		"kept-only/CNAME":      "x",
		"docs/report.txt":      "not a site",
		"lost-index/404.html":  "an earlier build, its index.html deleted",
		"a-file":               "",
		"home/elsewhere/x.txt": "",
	})
	os.Mkdir(filepath.Join(root, "empty"), 0o755)
	os.Symlink(vault, filepath.Join(root, "vault-link"))
	for _, tc := range []struct {
		dest  string // relative to root
		why   string // "" when allowed
		built string // relative to root: the folder the last build published to
	}{
		{dest: "site/public"},
		{dest: "out/public"},
		{dest: "built"},
		{dest: "kept-only"},
		{dest: "empty"},
		{dest: "home/sites/public"},
		{dest: "/", why: "root of the file system"},
		{dest: "home", why: "home folder"},
		{dest: ".", why: "home folder"}, // holds home
		{dest: "site", why: "site folder"},
		{dest: "site/static", why: "site's static/ folder"},
		{dest: "site/content/notes", why: "site's content/ folder"},
		{dest: "site/.git", why: "site's .git/ folder"},
		{dest: "vault", why: "vault"},
		{dest: "vault/public", why: "vault"},
		{dest: "vault-link/public", why: "vault"},
		{dest: "docs", why: "holds report.txt and no index.html"},
		{dest: "a-file", why: "not a folder"},
		{dest: "lost-index", why: "holds 404.html and no index.html"},
		{dest: "lost-index", why: "holds 404.html and no index.html", built: "built"},
		{dest: "lost-index", built: "lost-index"},
		{dest: "home", why: "home folder", built: "home"},
		{dest: "vault", why: "vault", built: "vault"},
	} {
		dest := tc.dest
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(root, dest)
		}
		built := ""
		if tc.built != "" {
			built = filepath.Join(root, tc.built)
		}
		err := Check(dest, site, vault, built)
		switch {
		case tc.why == "" && err != nil:
			t.Errorf("%s: %v", tc.dest, err)
		case tc.why != "" && err == nil:
			t.Errorf("%s: allowed, want refused (%s)", tc.dest, tc.why)
		case tc.why != "" && !strings.Contains(err.Error(), tc.why):
			t.Errorf("%s: %v, want it to say %q", tc.dest, err, tc.why)
		}
	}
}

func TestKept(t *testing.T) {
	for name, want := range map[string]bool{
		".git": true, "CNAME": true, ".nojekyll": true, ".github": true, ".well-known": true,
		"index.html": false, "notes": false, "cname": false, "README.md": false,
		".crib-build-1": false,
	} {
		if Kept(name) != want {
			t.Errorf("Kept(%q) = %v", name, !want)
		}
	}
}

// TestSeed: a stage seeded with some of the destination's files holds
// copies of them with their times, so that writing over one in the stage
// leaves the published file as it was until Commit.
func TestSeed(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	write(t, dest, oldSite)
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(dest, "notes", "kept", "index.html"), when, when); err != nil {
		t.Fatal(err)
	}
	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Seed([]string{"index.html", "notes/kept/index.html", "search/f/old-shard.json"}, func(rel string) bool { return rel == "search/f/old-shard.json" }); err != nil {
		t.Fatal(err)
	}
	diff(t, fixtures.Tree(t, s.Dir), map[string]string{"index.html": "old home", "notes/kept/index.html": "old text", "search/f/old-shard.json": "old shard"})
	info, err := os.Stat(filepath.Join(s.Dir, "notes", "kept", "index.html"))
	if err != nil || !info.ModTime().Equal(when) {
		t.Errorf("seeded file's time %v (%v), want %v", info.ModTime(), err, when)
	}
	write(t, s.Dir, map[string]string{"index.html": "new home"})
	if got := fixtures.Tree(t, dest)["index.html"]; got != "old home" {
		t.Errorf("writing in the stage changed the destination: %q", got)
	}
	a, _ := os.Stat(filepath.Join(dest, "search", "f", "old-shard.json"))
	b, _ := os.Stat(filepath.Join(s.Dir, "search", "f", "old-shard.json"))
	if a == nil || b == nil || !os.SameFile(a, b) {
		t.Error("the file to link was copied")
	}
	if err := s.Seed([]string{"notes/gone/missing.html"}, nil); err == nil {
		t.Error("seeding a file the destination does not have")
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := fixtures.Tree(t, dest)["index.html"]; got != "new home" {
		t.Errorf("after Commit: %q", got)
	}
}

// TestLinkSame: a destination file is linked into the stage only when it
// holds the bytes of every one of its sources; any other is left for Hugo
// to copy, and the published files are not changed.
func TestLinkSame(t *testing.T) {
	root := t.TempDir()
	dest, src := filepath.Join(root, "public"), filepath.Join(root, "site")
	big := strings.Repeat("0123456789abcdef", 5000) // longer than a read buffer
	write(t, dest, map[string]string{
		"same.txt":            "same",
		"search/f/shard.bin":  big,
		"edited.txt":          "old bytes",
		"grown.txt":           "short",
		"late-diff.txt":       big + "x",
		"two-sources.txt":     "site",
		"both-same.txt":       "both",
		"empty.txt":           "",
		"no-source.txt":       "gone from static/",
		"dir-source/file.txt": "a folder in static/ now",
	})
	write(t, src, map[string]string{
		"static/same.txt":                 "same",
		"static/search/f/shard.bin":       big,
		"static/edited.txt":               "new bytes",
		"static/grown.txt":                "longer now",
		"static/late-diff.txt":            big + "y",
		"static/two-sources.txt":          "site",
		"themes/a/static/two-sources.txt": "theme",
		"static/both-same.txt":            "both",
		"themes/a/static/both-same.txt":   "both",
		"static/empty.txt":                "",
		"static/dir-source/file.txt/x":    "",
	})
	if err := os.Symlink(filepath.Join(src, "static", "same.txt"), filepath.Join(dest, "symlink.txt")); err != nil {
		t.Fatal(err)
	}
	write(t, src, map[string]string{"static/symlink.txt": "same"})
	sources := map[string][]string{}
	for _, rel := range []string{"same.txt", "search/f/shard.bin", "edited.txt", "grown.txt", "late-diff.txt", "two-sources.txt", "both-same.txt", "empty.txt", "missing.txt", "symlink.txt", "dir-source/file.txt", "../outside.txt"} {
		sources[rel] = append(sources[rel], filepath.Join(src, "static", filepath.FromSlash(rel)))
	}
	for _, rel := range []string{"two-sources.txt", "both-same.txt"} {
		sources[rel] = append(sources[rel], filepath.Join(src, "themes", "a", "static", rel))
	}
	before := fixtures.Tree(t, dest)
	s, err := Begin(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	if n := s.LinkSame(sources); n != 4 {
		t.Errorf("LinkSame linked %d files, want 4", n)
	}
	diff(t, fixtures.Tree(t, s.Dir), map[string]string{"same.txt": "same", "search/f/shard.bin": big, "both-same.txt": "both", "empty.txt": ""})
	for _, rel := range []string{"same.txt", "search/f/shard.bin", "both-same.txt", "empty.txt"} {
		a, _ := os.Stat(filepath.Join(dest, filepath.FromSlash(rel)))
		b, _ := os.Stat(filepath.Join(s.Dir, filepath.FromSlash(rel)))
		if a == nil || b == nil || !os.SameFile(a, b) {
			t.Errorf("%s was not linked", rel)
		}
	}
	if after := fixtures.Tree(t, dest); !maps.Equal(before, after) {
		t.Error("LinkSame changed the destination")
	}
}
