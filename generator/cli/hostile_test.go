package cli

import (
	"bytes"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// The hostile vaults of testdata/hostile/: one folder per kind of trouble.
// Notes whose file name starts with "ok-" must be published; the others
// must not be. Text that must never be published holds the marker below.
const (
	hostileDir = repoRoot + "/testdata/hostile"
	leakMarker = "CRIBLEAK"
)

// hostileVault copies testdata/hostile/<class> into a new vault, adding
// files (vault path: content) that a repository cannot hold on every
// system.
func hostileVault(t *testing.T, class string, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, filepath.Join(hostileDir, class), dir)
	for name, text := range extra {
		writeFile(t, dir, name, []byte(text))
	}
	return dir
}

// copyTree copies the files under from into to.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		writeFile(t, to, filepath.ToSlash(rel), data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// buildHostile builds a vault into a copy of the site, Hugo included (a
// page written over another fails the test, see runCLI), and returns the
// site, its public folder, the exit code and what was printed.
func buildHostile(t *testing.T, vault string) (site, pub string, code int, stderr string) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	site = copySite(t)
	pub = filepath.Join(t.TempDir(), "public")
	code, _, stderr = runCLI(t, "build", "--verbose", "--site", site, "--vault", vault, "--destination", pub)
	if code != exitOK && code != exitNotes {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	return site, pub, code, stderr
}

// publishedNotes returns the vault path of every note that has a page in
// pub, by the page's folder: the generator's bundles name their source,
// and each must have been rendered.
func publishedNotes(t *testing.T, site, pub string) map[string]string {
	t.Helper()
	out := map[string]string{}
	root := filepath.Join(site, "content", "notes")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Name() != "index.md" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var fm struct {
			Params struct {
				Crib struct {
					Source string `yaml:"source"`
				} `yaml:"crib"`
			} `yaml:"params"`
		}
		front, _, _ := strings.Cut(strings.TrimPrefix(string(data), "---\n"), "\n---\n")
		if err := yaml.Unmarshal([]byte(front), &fm); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		rel, _ := filepath.Rel(filepath.Join(site, "content"), filepath.Dir(p))
		if _, err := os.Stat(filepath.Join(pub, rel, "index.html")); err != nil {
			t.Errorf("%s has no page: %v", fm.Params.Crib.Source, err)
		}
		if prev, dup := out[fm.Params.Crib.Source]; dup {
			t.Errorf("%s is published twice: %s and %s", fm.Params.Crib.Source, prev, rel)
		}
		out[fm.Params.Crib.Source] = filepath.ToSlash(rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// notesIn returns the vault path of every note in a vault folder.
func notesIn(t *testing.T, vault string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(vault, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			rel, _ := filepath.Rel(vault, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// noLeaks fails t for every file of dir that leaks finds.
func noLeaks(t *testing.T, dir string, markers ...string) {
	t.Helper()
	found := leaks(t, dir, markers...)
	for _, rel := range slices.Sorted(maps.Keys(found)) {
		t.Errorf("%s holds %s", rel, found[rel])
	}
}

// leaks returns the files of dir whose path or text holds text that must
// not be published (in any case: ids are lower case), each with the text
// around it. PDFs are read as text too when pdftotext is installed.
func leaks(t *testing.T, dir string, markers ...string) map[string]string {
	t.Helper()
	found := map[string]string{}
	pdftotext, _ := exec.LookPath("pdftotext")
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		data, err := readPublished(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".pdf") && pdftotext != "" {
			text, err := exec.Command(pdftotext, p, "-").Output()
			if err != nil {
				t.Errorf("pdftotext %s: %v", p, err)
			}
			data = append(data, text...)
		}
		// Lower case can change the length of what is not UTF-8 (a PDF):
		// the text around the marker is taken from the lower-case copy.
		lower := bytes.ToLower(data)
		for _, m := range markers {
			m := bytes.ToLower([]byte(m))
			if bytes.Contains(bytes.ToLower([]byte(rel)), m) {
				found[rel] = "the marker in its name"
			} else if i := bytes.Index(lower, m); i >= 0 {
				found[rel] = fmt.Sprintf("%q", lower[max(0, i-60):min(len(lower), i+60)])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// Private notes whose front matter is damaged are kept back with an error
// naming their line, the other notes publish, and nothing private (the
// kept-back notes, HTML and Obsidian comments) reaches any published
// file: pages, search index, cards, Anki file, cheat sheets.
func TestBuildHostilePrivate(t *testing.T) {
	vault := hostileVault(t, "private", nil)
	site, pub, code, stderr := buildHostile(t, vault)
	if code != exitNotes {
		t.Errorf("exit %d, want %d for the notes kept back with errors", code, exitNotes)
	}
	got := publishedNotes(t, site, pub)
	for _, n := range notesIn(t, vault) {
		_, ok := got[n]
		if want := strings.HasPrefix(path.Base(n), "ok-"); ok != want {
			t.Errorf("%s published %v, want %v", n, ok, want)
		}
		if !strings.HasPrefix(path.Base(n), "ok-") && !strings.Contains(stderr, "\n"+n+":") {
			t.Errorf("no diagnostic names %s:\n%s", n, stderr)
		}
	}
	for _, line := range strings.Split(stderr, "\n") {
		if strings.Contains(line, ": error: ") && !strings.HasPrefix(line, "crib:") && !strings.Contains(line, ".md:") {
			t.Errorf("error without file and line: %s", line)
		}
	}
	noLeaks(t, pub, leakMarker)
}

// Tags and names that could put a page outside its folder or over
// another page: each note has its own page under /notes/, each tag its
// own under /tags/, Hugo writes no page twice (runCLI checks), and what
// is printed is text.
func TestBuildHostileNames(t *testing.T) {
	vault := hostileVault(t, "names", map[string]string{
		"CON.md":                 "A file named like a Windows device.\n",
		"aux.md":                 "Another.\n",
		"Nul.txt.md":             "Another, with an extension.\n",
		"CON/in-a-device.md":     "In a folder named like a device.\n",
		"bad\xff.md":             "A file name that is not UTF-8.\n",
		"bad\xfe.md":             "Another, which reads the same once made text.\n",
		"ctl\x01\x1b[31mname.md": "A file name with control characters.\n",
		"Same.md":                "Differs from same.md by case only.\n",
		"same.md":                "Differs from Same.md by case only.\n",
		"Caf\u00e9.md":           "NFC.\n",
		"Cafe\u0301.md":          "NFD.\n",
		"Dot..md":                "Trailing dot.\n",
		"Dot .md":                "Trailing space.\n",
		"Dir/a.md":               "Folder.\n",
		"dir/b.md":               "Folder in another case.\n",
		"Dir./c.md":              "Folder with a trailing dot.\n",
		"Dir /d.md":              "Folder with a trailing space.\n",
	})
	site, pub, code, stderr := buildHostile(t, vault)
	if code != exitOK {
		t.Errorf("exit %d, want %d:\n%s", code, exitOK, stderr)
	}
	got := publishedNotes(t, site, pub)
	if all := notesIn(t, vault); len(got) != len(all)-1 { // one bad name reads as the other
		t.Errorf("%d notes published of %d:\n%q", len(got), len(all), got)
	}
	for source, page := range got {
		if !strings.HasPrefix(page, "notes/") {
			t.Errorf("%s is published at %s, outside notes/", source, page)
		}
		for seg := range strings.SplitSeq(page, "/") {
			if base, _, _ := strings.Cut(seg, "."); slices.Contains([]string{"con", "aux", "nul", "prn", "com1", "lpt1"}, base) {
				t.Errorf("%s is published at %s, which Windows cannot create", source, page)
			}
		}
	}
	for _, escaped := range []string{"b", "c", "up", "x/y", "notes/tags"} {
		if _, err := os.Stat(filepath.Join(pub, escaped)); err == nil {
			t.Errorf("a tag page escaped /tags/ to /%s/", escaped)
		}
	}
	tags, _ := os.ReadDir(filepath.Join(pub, "tags"))
	for _, d := range tags {
		if base, _, _ := strings.Cut(d.Name(), "."); slices.Contains([]string{"con", "aux", "nul", "com1", "lpt9"}, base) || strings.HasSuffix(d.Name(), ".") {
			t.Errorf("tag folder %q cannot be created on Windows", d.Name())
		}
	}
	if !utf8.ValidString(stderr) || strings.ContainsFunc(stderr, func(r rune) bool { return unicode.IsControl(r) && r != '\n' }) {
		t.Errorf("diagnostics are not text: %q", stderr)
	}
}

// Only passive attachments are published: the active ones (HTML, XHTML,
// XML, scripts, SVGs with scripts, HTML under an image's name, ...) are
// left out with a warning naming the line that links them, and no copy
// is named so that Hugo would render it as a page.
func TestBuildHostileAttachments(t *testing.T) {
	vault := hostileVault(t, "attachments", nil)
	site, pub, code, stderr := buildHostile(t, vault)
	if code != exitOK {
		t.Errorf("exit %d, want %d:\n%s", code, exitOK, stderr)
	}
	page, ok := publishedNotes(t, site, pub)["ok-links.md"]
	if !ok {
		t.Fatal("ok-links.md is not published")
	}
	entries, err := os.ReadDir(filepath.Join(pub, page))
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
	}
	if want := []string{"clean.svg", "con_.png", "diagram.png", "index-2.png", "index.html", "readme.txt"}; !slices.Equal(files, want) {
		t.Errorf("the page's folder holds %q, want %q", files, want)
	}
	for line := 15; line <= 30; line++ {
		if want := fmt.Sprintf("\nok-links.md:%d:1: warning: ", line); !strings.Contains(stderr, want) || !strings.Contains(stderr, "is not published") {
			t.Errorf("no warning on ok-links.md:%d:\n%s", line, stderr)
		}
	}
	noLeaks(t, pub, leakMarker)
}
