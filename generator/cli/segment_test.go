package cli

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/crib-notes/crib/internal/fixtures"
)

const rendersChanged = "crib: Hugo rendered the lists and"

// TestBuildRendersChangedPages builds one site (the hostile notes of
// testdata/hostile/segments) after one change at a time. A change to notes' text renders those notes' pages and the lists
// and keeps the other pages; a change that can show on other pages (a
// title, a note added or removed, a layout) renders every page. Either
// way the destination is then byte for byte what a full build of the same
// site makes, and the report is the same.
func TestBuildRendersChangedPages(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	site := copySite(t)
	vault := hostileVault(t, "segments", map[string]string{
		"Go/Glob {a,b} [x]*?!.md": "# Glob\n\nA page whose path is a pattern.\n",
	})
	pub := filepath.Join(t.TempDir(), "public")
	build := func(site, pub string) (string, int) {
		t.Helper()
		code, _, stderr := runCLI(t, "build", "--site", site, "--vault", vault, "--destination", pub)
		if code == exitUsage {
			t.Fatalf("build failed (exit %d):\n%s", code, stderr)
		}
		return stderr, code
	}
	// full builds a copy of the site, without the record of its last run,
	// into another destination.
	full := func() (map[string]string, string) {
		t.Helper()
		other := t.TempDir()
		copyTree(t, site, other)
		if err := os.Remove(filepath.Join(other, ".crib", "published.json")); err != nil {
			t.Fatal(err)
		}
		dest := filepath.Join(t.TempDir(), "public")
		report, _ := build(other, dest)
		if strings.Contains(report, rendersChanged) {
			t.Fatalf("a build with no record rendered part of the site:\n%s", report)
		}
		return fixtures.Tree(t, dest), report
	}
	edit := func(rel, old, new string) {
		t.Helper()
		p := filepath.Join(vault, filepath.FromSlash(rel))
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), old) {
			t.Fatalf("%s has no %q", rel, old)
		}
		writeFile(t, vault, rel, []byte(strings.Replace(string(data), old, new, 1)))
	}

	if first, _ := build(site, pub); strings.Contains(first, rendersChanged) {
		t.Fatalf("the first build rendered part of the site:\n%s", first)
	}
	for _, tc := range []struct {
		name    string
		change  func()
		partial string // the count of pages rendered again, "" for all
	}{
		{"one note's text", func() { edit("Go/Buffered.md", "is full", "is full, and a receive when it is empty") }, " 1 changed note pages "},
		{"two notes' text", func() {
			edit("Go/Buffered.md", "A send", "Any send")
			edit("Go/Отмена.md", "Cancellation", "Отмена")
		}, " 2 changed note pages "},
		// Select's page, and Buffered's, whose "Linked from" quotes the
		// link.
		{"a note whose path looks like a pattern", func() { edit("Go/Glob {a,b} [x]*?!.md", "A page", "The page") }, " 1 changed note pages "},
		{"a link", func() { edit("Go/Select.md", "[[Buffered]]", "[[Buffered|buffered channels]]") }, " 2 changed note pages "},
		// The five notes of the folder, whose prev-next shows the title,
		// and Python's note, whose graph of links does.
		{"a title", func() { edit("Go/Buffered.md", "# Buffered channels", "# Buffered channels, again") }, " 6 changed note pages "},
		{"a title's second line", func() { edit("Go/Two lines.md", "on two lines", "on 2 lines") }, " 6 changed note pages "},
		{"a note added", func() {
			writeFile(t, vault, "Go/Unbuffered.md", []byte("# Unbuffered\n\nA send waits for a receive.\n"))
		}, ""},
		{"the same text again after a full build", func() { edit("Go/Unbuffered.md", "waits", "blocks") }, " 1 changed note pages "},
		{"a note removed", func() {
			if err := os.Remove(filepath.Join(vault, "Go", "Unbuffered.md")); err != nil {
				t.Fatal(err)
			}
		}, ""},
		{"a layout", func() { writeFile(t, site, "layouts/_partials/extra.html", []byte("<p>extra</p>\n")) }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.change()
			copies := stats(t, pub, staticCopies...)
			report, _ := build(site, pub)
			switch {
			case tc.partial != "" && !strings.Contains(report, rendersChanged+tc.partial):
				t.Errorf("want the lists and%s rendered again:\n%s", tc.partial, report)
			case tc.partial == "" && strings.Contains(report, rendersChanged):
				t.Errorf("want every page rendered again:\n%s", report)
			}
			// A build of every page finds the static files the last one
			// copied in place: it writes none of them again.
			if tc.partial == "" {
				for rel, now := range stats(t, pub, staticCopies...) {
					if !os.SameFile(now, copies[rel]) {
						t.Errorf("%s was copied again", rel)
					}
				}
			}
			want, wantReport := full()
			if got := fixtures.Tree(t, pub); !maps.Equal(got, want) {
				t.Errorf("the destination differs from a full build's: %v", changedFiles(got, want))
			}
			// The missing image's warning, given when Select's page was
			// last rendered, is reported by every build.
			if !strings.Contains(report, "nowhere.png") || warnings(report) != warnings(wantReport) {
				t.Errorf("report:\n%s\nwant the warnings of a full build:\n%s", report, wantReport)
			}
		})
	}
}

// staticCopies are destination files Hugo copies from the site's static
// folder and the theme's.
var staticCopies = []string{"favicon.svg", "vendor/mermaid/LICENSE"}

// stats returns what os.Stat says of the files rel of dir.
func stats(t *testing.T, dir string, rel ...string) map[string]os.FileInfo {
	t.Helper()
	out := map[string]os.FileInfo{}
	for _, r := range rel {
		info, err := os.Stat(filepath.Join(dir, filepath.FromSlash(r)))
		if err != nil {
			t.Fatal(err)
		}
		out[r] = info
	}
	return out
}

// warnings are the lines of a build's report that name a vault file.
func warnings(report string) string {
	var out []string
	for _, l := range strings.Split(report, "\n") {
		if strings.Contains(l, ".md:") {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return strings.Join(out, "\n")
}
