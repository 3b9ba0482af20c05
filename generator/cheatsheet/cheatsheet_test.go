package cheatsheet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/pdf"
	"github.com/crib-notes/crib/generator/quickref"
	"github.com/crib-notes/crib/internal/fixtures"
	"github.com/crib-notes/crib/internal/hugotest"
)

func day(d int) time.Time { return time.Date(2026, 1, d, 0, 0, 0, 0, time.UTC) }

// newNote builds a published note the way the pipeline does.
func newNote(folder, title string, tags []string, lastmod time.Time, body string) *note.Note {
	slug := strings.ToLower(strings.ReplaceAll(title, " ", "-"))
	return &note.Note{
		Source:     folder + "/" + title + ".md",
		Folder:     folder,
		Title:      title,
		Lastmod:    lastmod,
		Tags:       tags,
		Cheatsheet: true,
		Path:       "/notes/" + strings.ToLower(folder) + "/" + slug,
		URL:        "notes/" + strings.ToLower(folder) + "/" + slug + "/",
		Body:       []byte(body),
		Doc:        markdown.NewParser().Parse([]byte(body)),
	}
}

// seedNote is the vault's interview note as the pipeline would publish it.
func seedNote(t testing.TB) *note.Note {
	t.Helper()
	body, _ := fixtures.Body(t, fixtures.Networking)
	return newNote("Docker", "Container Networking", []string{"DevOps", "Docker"}, time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC), string(body))
}

func vault(t testing.TB) []*note.Note {
	k8s := newNote("Kubernetes", "Kubernetes Basics", []string{"interview/devops", "k8s"}, day(3),
		"# K8s\n\n## TL;DR\n\n- **Pod**: smallest unit\n- **Service**: stable address <!-- nocheatsheet -->\n- `kubectl get pods` — list pods\n")
	git := newNote("Git", "Git Basics", []string{"Interview/Tools"}, day(9),
		"## Key Takeaways\n\n- rebase = rewrite history\n\n## Summary\n\n- **merge**: not listed\n")
	optOut := newNote("Git", "Git Secrets", []string{"interview"}, day(20), "## TL;DR\n\n- **secret**: hidden\n")
	optOut.Cheatsheet = false
	none := newNote("Go", "Go Notes", []string{"go"}, day(25), "## Summary\n\n- **goroutine**: cheap thread\n")
	// Out of site order on purpose.
	return []*note.Note{k8s, none, seedNote(t), optOut, git}
}

func summary(s Sheet) string {
	var b strings.Builder
	for _, g := range s.Groups {
		fmt.Fprintf(&b, "%s:", g.Title)
		for _, it := range g.Items {
			fmt.Fprintf(&b, " [%s]", it.Term)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestBuild(t *testing.T) {
	notes := vault(t)
	tests := []struct {
		name  string
		tags  []string
		want  string
		date  time.Time
		diags int
	}{
		{"all notes in site order", nil,
			"Container Networking: [Shared host] [Bridge] [veth pair] [Published port] [Overlay] [Network namespace] [conntrack] [IPv6] [Routed CNI] [Service] [Request path]\n" +
				"Git Basics: [rebase]\nKubernetes Basics: [Pod] [`kubectl get pods`]\n", day(9), 0},
		{"tag, any spelling", []string{"DOCKER"},
			"Container Networking: [Shared host] [Bridge] [veth pair] [Published port] [Overlay] [Network namespace] [conntrack] [IPv6] [Routed CNI] [Service] [Request path]\n",
			time.Date(2025, 11, 3, 0, 0, 0, 0, time.UTC), 0},
		{"nested tags match their parent", []string{"#interview"},
			"Git Basics: [rebase]\nKubernetes Basics: [Pod] [`kubectl get pods`]\n", day(9), 0},
		{"nested tag itself", []string{"interview/devops"}, "Kubernetes Basics: [Pod] [`kubectl get pods`]\n", day(3), 0},
		{"a tag is not a prefix of a word", []string{"inter"}, "", time.Time{}, 1},
		{"several tags", []string{"k8s", "interview/tools"}, "Git Basics: [rebase]\nKubernetes Basics: [Pod] [`kubectl get pods`]\n", day(9), 0},
		{"tag without one-liners", []string{"go"}, "", time.Time{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, diags := Build(notes, Options{Title: "Crib", Tags: tt.tags})
			if got := summary(s); got != tt.want {
				t.Errorf("sheet:\n%swant:\n%s", got, tt.want)
			}
			if !s.Date.Equal(tt.date) {
				t.Errorf("date %v, want %v (newest note on the sheet)", s.Date, tt.date)
			}
			if len(diags) != tt.diags {
				t.Errorf("diagnostics %v, want %d", diags, tt.diags)
			}
		})
	}
}

func TestSheetPDF(t *testing.T) {
	s, _ := Build(vault(t), Options{Title: "Crib", Tags: []string{"interview"}})
	p := s.PDF()
	if p.Title != "Crib" || p.Subtitle != "tag: interview" || !p.Date.Equal(day(9)) || p.Items() != 3 {
		t.Errorf("pdf sheet = %+v", p)
	}
	if _, err := RenderPDF(s, pdf.Options{Paper: "Letter"}); err != nil {
		t.Error(err)
	}
}

func TestWrite(t *testing.T) {
	var m content.Memory
	diags := Write(context.Background(), &m, vault(t), WriteOptions{Title: "Crib", Paper: "A4"})
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
	var files []string
	for f := range m.Files {
		files = append(files, f)
	}
	wantFiles := []string{DataFile, "static/cheatsheet.pdf", "static/cheatsheet-devops.pdf", "static/cheatsheet-docker.pdf",
		"static/cheatsheet-interview.pdf", "static/cheatsheet-k8s.pdf"}
	for _, f := range wantFiles {
		if b, ok := m.Files[f]; !ok {
			t.Errorf("%s not written; files: %v", f, files)
		} else if strings.HasSuffix(f, ".pdf") && !strings.HasPrefix(string(b), "%PDF-") {
			t.Errorf("%s is not a PDF", f)
		}
	}
	if len(m.Files) != len(wantFiles) {
		t.Errorf("files %v, want %v", files, wantFiles)
	}

	var data struct {
		Title string
		Date  string
		Count int
		PDFs  []struct {
			Label, Tag, File string
			Count            int
		}
		Groups []struct {
			Title, Path, URL, Source string
			Items                    []struct {
				Term, Definition, Anchor string
				Line                     int
			}
		}
	}
	if err := json.Unmarshal(m.Files[DataFile], &data); err != nil {
		t.Fatal(err)
	}
	if data.Title != "Crib" || data.Date != "2026-01-09" || data.Count != 14 || len(data.Groups) != 3 {
		t.Errorf("data = %+v", data)
	}
	var pdfs []string
	for _, p := range data.PDFs {
		pdfs = append(pdfs, fmt.Sprintf("%s|%s|%s|%d", p.Label, p.Tag, p.File, p.Count))
	}
	if got, want := strings.Join(pdfs, " "), "All notes||cheatsheet.pdf|14 DevOps|DevOps|cheatsheet-devops.pdf|11 Docker|Docker|cheatsheet-docker.pdf|11 Interview|Interview|cheatsheet-interview.pdf|3 k8s|k8s|cheatsheet-k8s.pdf|2"; got != want {
		t.Errorf("pdfs:\n%s\nwant\n%s", got, want)
	}
	k8s := data.Groups[2]
	if k8s.Path != "/notes/kubernetes/kubernetes-basics" || k8s.Items[1].Term != "`kubectl get pods`" || k8s.Items[1].Anchor != "tldr" || k8s.Items[1].Line != 7 {
		t.Errorf("kubernetes group = %+v", k8s)
	}
	seed := data.Groups[0]
	if it := seed.Items[10]; it.Term != "Request path" || it.Definition != "Client → load balancer → ingress → Service → pod" ||
		it.Anchor != "quick-reference-one-liners-to-remember" {
		t.Errorf("seed item = %+v", it)
	}

	// The same notes give the same bytes.
	var again content.Memory
	Write(context.Background(), &again, vault(t), WriteOptions{Title: "Crib", Paper: "A4"})
	for f, b := range m.Files {
		if string(again.Files[f]) != string(b) {
			t.Errorf("%s differs between two runs", f)
		}
	}
}

func TestWriteNoOneLiners(t *testing.T) {
	notes := []*note.Note{newNote("Go", "Go Notes", []string{"go"}, day(1), "## Summary\n\n- **goroutine**: cheap thread\n")}
	var m content.Memory
	diags := Write(context.Background(), &m, notes, WriteOptions{Title: "Crib"})
	if len(diags) != 1 || diags[0].Severity != diag.Warning || !strings.Contains(diags[0].Message, "no one-liners") {
		t.Errorf("diagnostics %v, want one warning about no one-liners", diags)
	}
	if len(m.Files) != 1 || m.Files[DataFile] == nil {
		t.Errorf("files %v, want only %s", m.Files, DataFile)
	}
	if !strings.Contains(string(m.Files[DataFile]), `"groups": []`) {
		t.Errorf("data file: %s", m.Files[DataFile])
	}
}

func TestWriteTooMany(t *testing.T) {
	var big strings.Builder
	big.WriteString("## Cheat Sheet\n\n")
	for i := range 400 {
		fmt.Fprintf(&big, "- **Term %d**: a definition long enough to take a line or two of a narrow column\n", i)
	}
	notes := []*note.Note{
		newNote("Big", "Big Note", []string{"big"}, day(2), big.String()),
		newNote("Small", "Small Note", []string{"small"}, day(1), "## TL;DR\n\n- **a**: b\n"),
	}
	var m content.Memory
	diags := Write(context.Background(), &m, notes, WriteOptions{Title: "Crib", Paper: "Letter"})
	// The site's cheat sheet page says which sheets do not fit, and
	// the others are written: a warning, not a failed build.
	var unfit []diag.Diagnostic
	for _, d := range diags {
		if d.Severity == diag.Error {
			t.Errorf("error %s", d)
		}
		if d.Kind == diag.Cheatsheet {
			unfit = append(unfit, d)
		}
	}
	if len(unfit) != 2 { // the whole vault, and the "big" tag
		t.Fatalf("too long %v, want 2", unfit)
	}
	msg := unfit[0].String()
	for _, want := range []string{"static/cheatsheet.pdf", "401 one-liners", `"Big Note" (400)`, "--tag", "Letter"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not mention %q", msg, want)
		}
	}
	if _, ok := m.Files["static/cheatsheet.pdf"]; ok {
		t.Error("static/cheatsheet.pdf written although it does not fit")
	}
	if _, ok := m.Files["static/cheatsheet-small.pdf"]; !ok {
		t.Error("the sheet that fits was not written")
	}
	var data struct {
		PDFs      []struct{ File string }
		Unprinted []struct {
			Label         string
			Count, Fitted int
		}
	}
	if err := json.Unmarshal(m.Files[DataFile], &data); err != nil {
		t.Fatalf("data file: %v", err)
	}
	if len(data.PDFs) != 1 || data.PDFs[0].File != "cheatsheet-small.pdf" {
		t.Errorf("listed PDFs %+v, want only the small one", data.PDFs)
	}
	if len(data.Unprinted) != 2 || data.Unprinted[0].Label != "All notes" || data.Unprinted[0].Count != 401 || data.Unprinted[0].Fitted == 0 {
		t.Errorf("unprinted sheets %+v", data.Unprinted)
	}
}

func TestWriteCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var m content.Memory
	diags := Write(ctx, &m, vault(t), WriteOptions{Title: "Crib"})
	if len(diags) == 0 || !errors.Is(ctx.Err(), context.Canceled) || !strings.Contains(diags[len(diags)-1].Message, "canceled") {
		t.Errorf("diagnostics %v, want a cancellation error", diags)
	}
}

func TestTagSlug(t *testing.T) {
	tests := map[string]string{
		"docker":       "docker",
		"c++":          "c",
		"ci/cd":        "ci-cd",
		"système":      "syst-me",
		"日本語":          "tag-",
		"--a--b--":     "a-b",
		"Kubernetes 1": "kubernetes-1",
	}
	for in, want := range tests {
		got := tagSlug(in)
		if !strings.HasPrefix(got, want) || (want != "tag-" && got != want) {
			t.Errorf("tagSlug(%q) = %q, want %q", in, got, want)
		}
	}
	used := map[string]bool{}
	if a, b := uniqueSlug("c", used), uniqueSlug("c", used); a != "c" || b != "c-2" {
		t.Errorf("unique slugs %q, %q", a, b)
	}
}

func TestAnnotation(t *testing.T) {
	count := Annotation(quickref.Options{})
	want := map[string]int{"Kubernetes Basics": 2, "Go Notes": 0, "Container Networking": 11, "Git Secrets": 0, "Git Basics": 1}
	for _, n := range vault(t) {
		if got := count(n)["oneliners"]; got != want[n.Title] {
			t.Errorf("%s: oneliners = %v, want %d", n.Title, got, want[n.Title])
		}
	}
}

// TestOutputRemembersSheets: run after run (serve), the Output lays out
// again only the sheets whose content changed; the files, the data file
// and the diagnostics are those of a fresh run.
func TestOutputRemembersSheets(t *testing.T) {
	var big strings.Builder
	big.WriteString("## Cheat Sheet\n\n")
	for i := range 400 {
		fmt.Fprintf(&big, "- **Term %d**: a definition long enough to take a line or two of a narrow column\n", i)
	}
	bigNote := newNote("Big", "Big Note", []string{"big"}, day(2), big.String())
	small := func(def string) *note.Note {
		return newNote("Small", "Small Note", []string{"small"}, day(1), "## TL;DR\n\n- **a**: "+def+"\n")
	}
	opts := WriteOptions{Title: "Crib", Paper: "Letter"}
	dir := t.TempDir()
	site, err := content.OpenSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	o := NewOutput(opts)
	layouts := 0
	o.sheets.render = func(s pdf.Sheet, po pdf.Options) ([]byte, error) { layouts++; return pdf.Render(s, po) }
	run := func(notes ...*note.Note) []diag.Diagnostic {
		t.Helper()
		layouts = 0
		ds := o.Write(context.Background(), site, notes)
		if _, _, err := site.Finish(); err != nil {
			t.Fatal(err)
		}
		return ds
	}
	same := func(name string, ds []diag.Diagnostic, notes ...*note.Note) {
		t.Helper()
		var fresh content.Memory
		want := Write(context.Background(), &fresh, notes, opts)
		if fmt.Sprint(ds) != fmt.Sprint(want) {
			t.Errorf("%s: diagnostics\n%v\nwant\n%v", name, ds, want)
		}
		for _, rel := range []string{DataFile, PDFDir + "/cheatsheet-small.pdf"} {
			got, _ := os.ReadFile(filepath.Join(dir, rel))
			if !bytes.Equal(got, fresh.Files[rel]) {
				t.Errorf("%s: %s differs from a fresh run", name, rel)
			}
		}
	}

	ds := run(bigNote, small("b"))
	if layouts != 3 { // the whole vault and "big" do not fit; "small" does
		t.Fatalf("first run laid out %d sheets, want 3", layouts)
	}
	same("first run", ds, bigNote, small("b"))

	ds = run(bigNote, small("b"))
	if layouts != 0 {
		t.Errorf("unchanged run laid out %d sheets, want none", layouts)
	}
	same("unchanged run", ds, bigNote, small("b"))

	// The small note changes: its sheet and the whole vault's (which
	// still does not fit) are laid out again, the "big" sheet is not.
	ds = run(bigNote, small("c"))
	if layouts != 2 {
		t.Errorf("run after a change laid out %d sheets, want 2", layouts)
	}
	same("run after a change", ds, bigNote, small("c"))
}

// TestWriteEscapesShortcodes checks that the one-liners the cheat sheet
// page renders with RenderString quote shortcodes instead of running
// them: Hugo's lexer reads each back as written.
func TestWriteEscapesShortcodes(t *testing.T) {
	n := newNote("Hugo", "Hugo Basics", []string{"hugo"}, day(1),
		"## TL;DR\n\n- **`{{< figure >}}`**: shows {{< youtube id >}} inline\n- {{% param \"crib.vault\" %}} unclosed {{<\n")
	var m content.Memory
	Write(context.Background(), &m, []*note.Note{n}, WriteOptions{Title: "Crib", Paper: "A4"})
	var data struct {
		Groups []struct {
			Items []struct{ Term, Definition string }
		}
	}
	if err := json.Unmarshal(m.Files[DataFile], &data); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range data.Groups[0].Items {
		for _, s := range []string{it.Term, it.Definition} {
			if s == "" {
				continue
			}
			text, other := hugotest.RenderStringText(s)
			if len(other) > 0 {
				t.Errorf("%q: Hugo reads %q", s, other)
			}
			text, _, _ = strings.Cut(text, "\n\n[//]: #")
			got = append(got, text)
		}
	}
	sheet, _ := Build([]*note.Note{n}, Options{Title: "Crib"})
	var want []string
	for _, it := range sheet.Groups[0].Items {
		for _, s := range []string{it.Term, it.Definition} {
			if s != "" {
				want = append(want, s)
			}
		}
	}
	if len(want) != 3 || want[0] != "`{{< figure >}}`" {
		t.Fatalf("one-liners: %q", want)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("one-liners read back as %q, want %q", got, want)
	}
}
