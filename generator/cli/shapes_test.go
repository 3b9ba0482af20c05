package cli

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/search"
	"github.com/crib-notes/crib/internal/fixtures"
	"github.com/crib-notes/crib/internal/htmltest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// shapesVault is a vault of the shapes real vaults have that Crib once
// read wrongly or loudly: template folders (by name and as Obsidian's
// settings name them), a template beside the notes and a note that writes
// about Templater, "---\" delimiters, Dataview and Tasks blocks, daily
// notes that name their weekday, Excalidraw drawings with and without an
// exported image, 200 one-liners, and a few broken links.
const shapesVault = repoRoot + "/testdata/vault-shapes"

// TestShapesDiagnostics pins what check says of the vault, line for line
// (testdata/shapes-check.txt; -update rewrites it): one line per note
// and kind of problem, then a count of each kind, largest first.
func TestShapesDiagnostics(t *testing.T) {
	code, _, stderr := runCLI(t, "check", "--site", t.TempDir(), "--vault", shapesVault)
	if code != exitOK {
		t.Errorf("check exit %d, want %d (warnings only)", code, exitOK)
	}
	golden := filepath.Join("testdata", "shapes-check.txt")
	if *update {
		writeFile(t, ".", golden, []byte(stderr))
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if stderr != string(want) {
		t.Errorf("check printed:\n%s\nwant (%s):\n%s", stderr, golden, want)
	}
	for _, quiet := range []string{"unknown code fence language", "tasks", "ad-tip", "_templates", "Meta/Note templates", "System/Templater", "Templater tips", "2023-05-14", "2023-05-16"} {
		if strings.Contains(stderr, quiet) {
			t.Errorf("check says something of %q:\n%s", quiet, stderr)
		}
	}
	// --verbose gives every problem its line.
	_, _, all := runCLI(t, "check", "--verbose", "--site", t.TempDir(), "--vault", shapesVault)
	// Of the Dataview blocks, the query is run and the dataviewjs block
	// is shown as its source: one warning, the same with --verbose.
	const dataviewjs = "Dataview/Reading list.md:12: warning: dataviewjs is never run; the block is shown as its source\n"
	for _, out := range []string{stderr, all} {
		if strings.Count(out, "Reading list") != 1 || !strings.Contains(out, dataviewjs) {
			t.Errorf("want one warning of the Dataview blocks, %q:\n%s", dataviewjs, out)
		}
	}
	for _, want := range []string{
		`Daily/2023-05-17.md:5:10: warning: cannot resolve [[Structured concurrency]]: no note named "Structured concurrency"` + "\n",
		`Daily/2023-05-17.md:5:38: warning: cannot resolve [[Dispatchers]]`,
		`Daily/2023-05-17.md:6:1: warning: cannot resolve [[Exception handling]]`,
		`Daily/2023-05-17.md:6:34: warning: cannot resolve [[Flow#Operators]]: no heading "Operators" in "Flow"`,
		"crib: 4 unresolved wikilinks · ",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("check --verbose lacks %q:\n%s", want, all)
		}
	}
	if code, _, _ := runCLI(t, "check", "--site", t.TempDir(), "--vault", shapesVault, "--strict"); code != exitNotes {
		t.Errorf("check --strict exit %d, want %d", code, exitNotes)
	}
	// Asked for the one page, pdf still fails when it cannot make it.
	if code, _, stderr := runCLI(t, "pdf", "--site", t.TempDir(), "--vault", shapesVault, "-o", filepath.Join(t.TempDir(), "sheet.pdf")); code != exitNotes || !strings.Contains(stderr, "does not fit") {
		t.Errorf("pdf exit %d, want %d:\n%s", code, exitNotes, stderr)
	}
}

// TestShapesBuild builds the vault through Hugo: every note that is not a
// template is published and the build succeeds, although the cheat sheet
// of the whole vault does not fit on a page; templates are nowhere on the
// site; a drawing shows as its exported image or as a placeholder.
func TestShapesBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	site := copySite(t)
	pub := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runCLI(t, "build", "--site", site, "--vault", shapesVault, "--destination", pub)
	if code != exitOK {
		t.Fatalf("build exit %d, want %d:\n%s", code, exitOK, stderr)
	}
	if !strings.Contains(stderr, "static/cheatsheet.pdf not written: cheat sheet does not fit") || !strings.Contains(stderr, "15 published, 1 skipped") {
		t.Errorf("build did not say what it left out:\n%s", stderr)
	}
	for _, sheet := range []string{"cheatsheet-http.pdf", "cheatsheet-ports.pdf", "cheatsheet-git.pdf", "cheatsheet-sql.pdf"} {
		if _, err := os.Stat(filepath.Join(pub, sheet)); err != nil {
			t.Errorf("per-tag sheet: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(pub, "cheatsheet.pdf")); err == nil {
		t.Error("cheatsheet.pdf published although it does not fit")
	}

	// Templates: no page, no search entry, no card.
	for _, gone := range []string{"notes/_templates", "notes/meta", "notes/system", "notes/inbox", "notes/excalidraw"} {
		if _, err := os.Stat(filepath.Join(pub, filepath.FromSlash(gone))); err == nil {
			t.Errorf("%s is published", gone)
		}
	}
	for _, published := range []string{"notes/tools/templater-tips", "notes/linux/signals", "notes/daily/2023-05-14", "notes/dataview/reading-list"} {
		if _, err := os.Stat(filepath.Join(pub, filepath.FromSlash(published), "index.html")); err != nil {
			t.Errorf("not published: %v", err)
		}
	}
	// What only the templates and the drawings say is in nothing the
	// build wrote, while what a published note says is.
	written := map[string]string{}
	for _, dir := range []string{"content/notes", search.Dir, "static/anki", "data/crib"} {
		for rel, data := range fixtures.Tree(t, filepath.Join(site, filepath.FromSlash(dir))) {
			written[dir+"/"+rel] = data
		}
	}
	for _, marker := range []string{"Kahn", "EXCALIDRAW VIEW", "Вопрос", "Why it matters", "tp.file.cursor", `prompt("Question")`} {
		found := false
		for rel, data := range written {
			if strings.Contains(data, marker) {
				found = true
				if marker != "Kahn" {
					t.Errorf("%s holds %q, of a template or a drawing", rel, marker)
				}
			}
		}
		if marker == "Kahn" && !found {
			t.Error("no output holds the published notes' text")
		}
	}

	// The dataview query's results are on the page, linked.
	reading := htmltest.ParseFile(t, filepath.Join(pub, "notes/dataview/reading-list/index.html"))
	var kotlin []string
	for _, table := range htmltest.FindAll(reading, htmltest.Tag("table")) {
		for _, a := range htmltest.FindAll(table, htmltest.Tag("a")) {
			if href := htmltest.Attr(a, "href"); strings.Contains(href, "/notes/kotlin/") {
				kotlin = append(kotlin, htmltest.Text(a))
			}
		}
	}
	if len(kotlin) != 3 {
		t.Errorf("dataview results link %q, want the 3 Kotlin notes", kotlin)
	}

	// Drawings.
	page := filepath.Join(pub, "notes/algorithms/topological-sort")
	doc := htmltest.ParseFile(t, filepath.Join(page, "index.html"))
	var srcs []string
	for _, img := range htmltest.FindAll(doc, htmltest.Tag("img")) {
		srcs = append(srcs, htmltest.Attr(img, "src"))
	}
	if len(srcs) != 1 || !strings.HasSuffix(srcs[0], "topological-sort-2022-06-25-23-21-30-excalidraw.svg") {
		t.Errorf("images %q, want the exported drawing", srcs)
	}
	if _, err := os.Stat(filepath.Join(page, "topological-sort-2022-06-25-23-21-30-excalidraw.svg")); err != nil {
		t.Errorf("the exported drawing is not beside the page: %v", err)
	}
	var placeholder bool
	for _, em := range htmltest.FindAll(doc, htmltest.Tag("em")) {
		placeholder = placeholder || htmltest.Text(em) == "Excalidraw drawing: Dijkstra sketch (not exported)"
	}
	if !placeholder {
		t.Error("no placeholder for the drawing that has no exported image")
	}
}
