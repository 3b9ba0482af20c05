package cli

import (
	"bytes"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/destination"
	"github.com/crib-notes/crib/internal/fixtures"
)

// secretNote is the note of testdata/hostile/destination that is private
// as written; every trace of it carries the leak marker.
const secretNote = "CRIBLEAK Secret.md"

// setPrivate rewrites the private: line of a note's front matter.
func setPrivate(t *testing.T, note string, private bool) {
	t.Helper()
	data, err := os.ReadFile(note)
	if err != nil {
		t.Fatal(err)
	}
	from, to := "private: false\n", "private: true\n"
	if !private {
		from, to = to, from
	}
	if !bytes.Contains(data, []byte(from)) && !bytes.Contains(data, []byte(to)) {
		t.Fatalf("%s has no private: line", note)
	}
	if err := os.WriteFile(note, bytes.Replace(data, []byte(from), []byte(to), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// withoutKept is the tree of a destination without what the user keeps
// there.
func withoutKept(files map[string]string) map[string]string {
	maps.DeleteFunc(files, func(rel string, _ string) bool {
		return destination.Kept(strings.Split(rel, "/")[0])
	})
	return files
}

// putUserEntries writes files a user keeps in a destination (path ->
// content) into dest.
func putUserEntries(t *testing.T, dest string, user map[string]string) {
	t.Helper()
	for rel, data := range user {
		writeFile(t, dest, rel, []byte(data))
	}
}

// checkUserEntries fails unless dest holds the user's files as written.
func checkUserEntries(t *testing.T, dest string, user map[string]string) {
	t.Helper()
	for rel, want := range user {
		if data, err := os.ReadFile(filepath.Join(dest, rel)); err != nil || string(data) != want {
			t.Errorf("%s = %q, %v; want it kept as %q", rel, data, err, want)
		}
	}
}

// TestBuildUnpublishes builds a vault, makes one of its notes private and
// builds again: nothing of the note is left in public/ (page, tag page,
// attachment, search shards, cards, cheat sheet), nor in the generated
// content/ and static/ files, while what the user keeps in public/ (a
// gh-pages worktree's .git file, CNAME, .nojekyll, other dot names)
// survives and anything else is removed. A third build gives the same
// site byte for byte.
func TestBuildUnpublishes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo three times")
	}
	site := copySite(t)
	vault := hostileVault(t, "destination", nil)
	secret := filepath.Join(vault, secretNote)
	setPrivate(t, secret, false)
	pub := filepath.Join(t.TempDir(), "public")
	build := func(dest string) {
		t.Helper()
		if code, _, stderr := runCLI(t, "build", "--site", site, "--vault", vault, "--destination", dest); code != exitOK {
			t.Fatalf("build exit %d:\n%s", code, stderr)
		}
	}

	build(pub)
	// While the note is published, its traces are where the checks
	// below look for them.
	found := slices.Collect(maps.Keys(leaks(t, pub, leakMarker)))
	where := []string{"notes/cribleak-secret/index.html", "notes/cribleak-secret/cribleak-diagram.png", "tags/cribleak-tag/", "search/", "anki/", "practice/cards/", "cheatsheet-cribleak-tag.pdf"}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		where = append(where, "cheatsheet.pdf")
	}
	for _, where := range where {
		if !slices.ContainsFunc(found, func(f string) bool { return strings.HasPrefix(f, where) }) {
			t.Errorf("the published note left no trace in %s; found %q", where, found)
		}
	}

	user := map[string]string{
		".git":                     "gitdir: /home/me/notes/.git/worktrees/public\n",
		"CNAME":                    "notes.example.com\n",
		".nojekyll":                "",
		".well-known/security.txt": "Contact: mailto:me@example.com\n",
	}
	putUserEntries(t, pub, user)
	writeFile(t, pub, "left-by-hand.html", []byte("a file put in public/ by hand"))
	setPrivate(t, secret, true)
	build(pub)

	for _, dir := range []string{pub, filepath.Join(site, "content"), filepath.Join(site, "static")} {
		noLeaks(t, dir, leakMarker)
	}
	checkUserEntries(t, pub, user)
	if _, err := os.Stat(filepath.Join(pub, "left-by-hand.html")); err == nil {
		t.Errorf("left-by-hand.html survived the build: files to publish belong in static/")
	}
	if _, err := os.Stat(filepath.Join(pub, "notes/ok-public-note/index.html")); err != nil {
		t.Errorf("the public note's page is missing: %v", err)
	}
	if entries, _ := os.ReadDir(filepath.Dir(pub)); len(entries) != 1 {
		t.Errorf("the build left %d entries beside public/, want none", len(entries)-1)
	}

	again := filepath.Join(t.TempDir(), "public")
	build(again)
	first, second := withoutKept(fixtures.Tree(t, pub)), fixtures.Tree(t, again)
	if !maps.Equal(first, second) {
		for _, k := range slices.Sorted(maps.Keys(first)) {
			if first[k] != second[k] {
				t.Errorf("%s differs between two builds of the same vault", k)
			}
		}
		for k := range second {
			if _, ok := first[k]; !ok {
				t.Errorf("%s is only in the second build", k)
			}
		}
	}
}

// crashTemplate renders a code block of language "crashtest" and makes
// Hugo fail on one that holds CRASHME (crashNote): a stand-in for
// whatever input a template still cannot take.
const (
	crashTemplate = `{{ if strings.Contains .Inner "CRASHME" }}{{ int "CRASHME is not a number" }}{{ end }}<pre>{{ .Inner }}</pre>`
	crashNote     = "# Crash\n\n```crashtest\nCRASHME\n```\n"
)

// crashingSite returns a copy of the site with crashTemplate, and a copy
// of the destination vault.
func crashingSite(t *testing.T) (site, vault string) {
	t.Helper()
	site = copySite(t)
	writeFile(t, site, "layouts/_markup/render-codeblock-crashtest.html", []byte(crashTemplate))
	return site, hostileVault(t, "destination", nil)
}

// TestBuildKeepsSiteWhenHugoFails: when Hugo fails, public/ is left as the
// last build made it, and nothing is left beside it.
func TestBuildKeepsSiteWhenHugoFails(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo twice")
	}
	site, vault := crashingSite(t)
	pub := filepath.Join(t.TempDir(), "public")
	args := []string{"build", "--site", site, "--vault", vault, "--destination", pub}
	if code, _, stderr := runCLI(t, args...); code != exitOK {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	before := fixtures.Tree(t, pub)
	writeFile(t, vault, "Crash.md", []byte(crashNote))
	code, _, stderr := runCLI(t, args...)
	if code == exitOK || !strings.Contains(stderr, "CRASHME is not a number") {
		t.Fatalf("build with a note Hugo cannot render: exit %d:\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "left as it was") {
		t.Errorf("the report does not say that public/ is unchanged:\n%s", stderr)
	}
	if after := fixtures.Tree(t, pub); !maps.Equal(before, after) {
		t.Errorf("a failed build changed public/: %d files before, %d after", len(before), len(after))
	}
	if entries, _ := os.ReadDir(filepath.Dir(pub)); len(entries) != 1 {
		t.Errorf("the failed build left %d entries beside public/", len(entries)-1)
	}
}

// TestBuildRefusesDestination: a destination whose replacement would
// destroy the vault, the site or unrelated files is refused before
// anything is written.
func TestBuildRefusesDestination(t *testing.T) {
	site := copySite(t)
	vault := hostileVault(t, "destination", nil)
	docs := t.TempDir()
	writeFile(t, docs, "thesis.txt", []byte("not a site"))
	for _, dest := range []string{vault, filepath.Join(vault, "public"), site, filepath.Join(site, "static"), docs} {
		code, _, stderr := runCLI(t, "build", "--site", site, "--vault", vault, "--destination", dest)
		if code != exitUsage || !strings.Contains(stderr, "refusing to publish to") {
			t.Errorf("--destination %s: exit %d, want %d and a refusal:\n%s", dest, code, exitUsage, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "content", "notes")); err == nil {
		t.Errorf("a refused build wrote content/notes/")
	}
	if data, err := os.ReadFile(filepath.Join(docs, "thesis.txt")); err != nil || string(data) != "not a site" {
		t.Errorf("a refused build touched the folder: %q, %v", data, err)
	}
}

// TestBuildSkipsHugoBesideKeptEntries: the record of the last Hugo run is
// of the destination hugo.toml's publishDir names, and leaves out what
// the user keeps there. A gh-pages worktree committing in the destination
// (its .git changing), or a CNAME and .nojekyll put there, is no reason
// to run Hugo again and survives the build; any other file put there is,
// and the build that follows removes it.
func TestBuildSkipsHugoBesideKeptEntries(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	site := copySite(t)
	cfg, err := os.ReadFile(filepath.Join(site, "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, site, "hugo.toml", append([]byte("publishDir = \"docs\"\n"), cfg...))
	vault := fixtureVault(t, nil)
	docs := filepath.Join(site, "docs")
	build := func() string {
		t.Helper()
		code, _, stderr := runCLI(t, "build", "--site", site, "--vault", vault)
		if code == exitUsage {
			t.Fatalf("build failed (exit %d):\n%s", code, stderr)
		}
		return stderr
	}
	skipped := func(stderr string) bool { return strings.Contains(stderr, hugoSkipped) }

	build()
	if _, err := os.Stat(filepath.Join(docs, "index.html")); err != nil {
		t.Fatalf("the build did not publish to publishDir: %v", err)
	}
	user := map[string]string{
		".git/HEAD":   "ref: refs/heads/gh-pages\n",
		".git/index":  "one\n",
		"CNAME":       "notes.example.com\n",
		".nojekyll":   "",
		".github/x.y": "kept\n",
	}
	putUserEntries(t, docs, user)
	if out := build(); !skipped(out) {
		t.Errorf("entries the user keeps in the destination made the build run Hugo:\n%s", out)
	}
	user[".git/index"] = "two, after a commit\n"
	writeFile(t, docs, ".git/index", []byte(user[".git/index"]))
	if out := build(); !skipped(out) {
		t.Errorf("a commit in the destination's .git made the build run Hugo:\n%s", out)
	}

	writeFile(t, docs, "left-by-hand.html", []byte("a file put in the destination by hand"))
	if out := build(); skipped(out) {
		t.Errorf("a file put in the destination by hand did not make the build run Hugo:\n%s", out)
	}
	if _, err := os.Stat(filepath.Join(docs, "left-by-hand.html")); err == nil {
		t.Error("left-by-hand.html survived the build")
	}
	checkUserEntries(t, docs, user)
	if out := build(); !skipped(out) {
		t.Errorf("the build after a full one ran Hugo:\n%s", out)
	}
}

// TestBuildKeepsSiteWithStaticDirs: when hugo.toml names static folders
// of its own, a build cannot tell which file Hugo copies to a destination
// path, and it leaves every static copy for Hugo to make: a failed build
// after the winning folder's file changed leaves public/ as it was, in
// either order of the folders.
func TestBuildKeepsSiteWithStaticDirs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo four times")
	}
	for _, dirs := range []string{`["static", "extra"]`, `["extra", "static"]`} {
		t.Run(dirs, func(t *testing.T) {
			site, vault := crashingSite(t)
			cfg, err := os.ReadFile(filepath.Join(site, "hugo.toml"))
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, site, "hugo.toml", append([]byte("staticDir = "+dirs+"\n"), cfg...))
			writeFile(t, site, "static/shared.txt", []byte("the same bytes"))
			writeFile(t, site, "extra/shared.txt", []byte("the same bytes"))
			pub := filepath.Join(t.TempDir(), "public")
			args := []string{"build", "--site", site, "--vault", vault, "--destination", pub}
			if code, _, stderr := runCLI(t, args...); code != exitOK {
				t.Fatalf("build exit %d:\n%s", code, stderr)
			}
			before := fixtures.Tree(t, pub)
			if before["shared.txt"] != "the same bytes" {
				t.Fatalf("shared.txt = %q", before["shared.txt"])
			}
			writeFile(t, site, "extra/shared.txt", []byte("extra's new bytes"))
			writeFile(t, vault, "Crash.md", []byte(crashNote))
			if code, _, stderr := runCLI(t, args...); code == exitOK {
				t.Fatalf("build with a note Hugo cannot render: exit %d:\n%s", code, stderr)
			}
			if after := fixtures.Tree(t, pub); !maps.Equal(before, after) {
				t.Errorf("a failed build changed public/: shared.txt = %q", after["shared.txt"])
			}
		})
	}
}
