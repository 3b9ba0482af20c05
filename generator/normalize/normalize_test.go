package normalize

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/index"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/tags"
)

// vaultOf scans and finishes a small in-memory vault the way the pipeline
// does, returning the finished notes by source path and all diagnostics.
func vaultOf(t *testing.T, files map[string]string, attachments ...string) (map[string]*note.Note, map[string][]Copy, []diag.Diagnostic) {
	t.Helper()
	return vaultIn(t, "", files, attachments...)
}

// vaultIn is vaultOf for a site whose question titles are preferred in
// language.
func vaultIn(t *testing.T, language string, files map[string]string, attachments ...string) (map[string]*note.Note, map[string][]Copy, []diag.Diagnostic) {
	t.Helper()
	var names []string
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	var diags []diag.Diagnostic
	var scanned []*Draft
	for _, name := range names {
		d := Scan(name, []byte(files[name]), time.Time{})
		diags = append(diags, d.Diags...)
		scanned = append(scanned, d)
	}
	sp, _ := tags.NewSpellings(nil, nil)
	v, _, ds := NewVault(scanned, attachments, sp, Language(language))
	diags = append(diags, ds...)
	drafts := v.Drafts
	notes := map[string]*note.Note{}
	copies := map[string][]Copy{}
	for _, name := range names {
		if d := drafts[name]; d != nil {
			f := Finish(d, v)
			notes[name], copies[name] = f.Note, f.Copies
			diags = append(diags, f.Diags...)
		}
	}
	return notes, copies, diags
}

func diagStrings(ds []diag.Diagnostic) string {
	var s []string
	for _, d := range ds {
		s = append(s, d.String())
	}
	return strings.Join(s, "\n")
}

func TestTitle(t *testing.T) {
	tests := []struct {
		name, file, src string
		want            string
		bodyHasH1       bool
	}{
		{"front matter", "a.md", "---\ntitle: Real Title\n---\n# Other\n", "Real Title", true},
		{"placeholder falls to H1", "a.md", "---\ntitle: \"{{title}}\"\n---\n\n# From H1\ntext\n", "From H1", false},
		{"templater falls to file name", "docker-basics.md", "---\ntitle: <% tp.file.title %>\n---\ntext\n", "docker-basics", false},
		{"seed map placeholder", "Docker Interview Notes.md", "---\ntitle:\n  \"{ Title }\":\n---\n## x\n", "Docker Interview Notes", false},
		{"H1 equal to title is dropped", "a.md", "---\ntitle: Same\n---\n# same\nbody\n", "Same", false},
		{"H1 with wikilink", "a.md", "# About [[b|B notes]]\n", "About B notes", false},
		{"no front matter no H1", "Go Concurrency.md", "text\n", "Go Concurrency", false},
		// A question label heads the question's section: its card needs it.
		// The question under it titles the note.
		{"question label H1 stays in the body", "flow.md", "# Вопрос (RU)\n> Что такое Flow?\n# Question (EN)\n> What is Flow?\n", "Что такое Flow?", true},
		{"answer label H1 stays in the body", "a.md", "# Answer [en]\ntext\n", "a", true},
		{"code stays code", "q.md", "# Question (EN)\n\n> What is `Flow` in **Kotlin**?\n", "What is `Flow` in Kotlin?", true},
		{"a wikilink is its text", "q.md", "# Task\nWhat does [[Flow|a flow]] emit?\n", "What does a flow emit?", true},
		{"a callout's type is not the question", "q.md", "# Question\n> [!question] Who closes a channel?\n", "Who closes a channel?", true},
		{"a label asks what is under it", "q.md", "# Задача\n> Найдите индекс элемента.\n", "Найдите индекс элемента.", true},
		{"a label over a list asks nothing", "q-list.md", "# Question\n> - one\n> - two\n", "q-list", true},
		{"a label over a quote of two paragraphs asks nothing", "q-two.md", "# Question\n> What?\n>\n> Why?\n", "q-two", true},
		{"a label later in the note", "scope.md", "Intro.\n\n# Question (EN)\n\n> Why a scope?\n", "Why a scope?", false},
		{"a question label below H1 level titles nothing", "select.md", "## Question (EN)\n\nWhat does default do?\n", "select", false},
		// Alone, an H1 is a title; the vault may find it a label (see
		// TestVaultTitles).
		{"H1 that may be a label", "a.md", "# Overview\n\nWhat is DNS?\n", "Overview", false},
		{"file name as written", "q-what-is-flow--kotlin--medium.md", "text\n", "q-what-is-flow--kotlin--medium", false},
		{"H1 with HTML comments", "a.md", "# <!-- CRIBLEAK --> Title <!-- CRIBLEAK -->\ntext\n", "Title", false},
		{"H1 with a comment in code", "a.md", "# Title `<!-- x -->`\ntext\n", "Title `<!-- x -->`", false},
		{"H1 with a comment equal to title", "a.md", "---\ntitle: Title\n---\n# Title <!-- CRIBLEAK -->\ntext\n", "Title", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Scan(tt.file, []byte(tt.src), time.Time{})
			if d.Title != tt.want {
				t.Errorf("Title = %q, want %q", d.Title, tt.want)
			}
			if has := strings.HasPrefix(strings.TrimLeft(string(d.Body), "\n"), "# "); has != tt.bodyHasH1 {
				t.Errorf("body H1 kept = %v, want %v; body %q", has, tt.bodyHasH1, d.Body)
			}
		})
	}
}

func TestDates(t *testing.T) {
	day := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	git := day("2026-02-01")
	tests := []struct {
		name, src     string
		git           time.Time
		date, lastmod string
	}{
		{"both", "---\ncreated: 2025-12-19\nupdated: 2026-01-05\n---\n", time.Time{}, "2025-12-19", "2026-01-05"},
		{"lastmod from git", "---\ncreated: 2025-12-19\nupdated: \"{{date}}\"\n---\n", git, "2025-12-19", "2026-02-01"},
		{"lastmod from date", "---\ndate: 2025-12-19\n---\n", time.Time{}, "2025-12-19", "2025-12-19"},
		{"date from lastmod", "---\nmodified: 2026-01-05\n---\n", time.Time{}, "2026-01-05", "2026-01-05"},
		{"date from git", "text\n", git, "2026-02-01", "2026-02-01"},
		{"none", "text\n", time.Time{}, "", ""},
		{"invalid falls back", "---\ncreated: 2025-13-45\n---\n", git, "2026-02-01", "2026-02-01"},
	}
	f := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02")
	}
	for _, tt := range tests {
		d := Scan("a.md", []byte(tt.src), tt.git)
		if f(d.Date) != tt.date || f(d.Lastmod) != tt.lastmod {
			t.Errorf("%s: date, lastmod = %s, %s; want %s, %s", tt.name, f(d.Date), f(d.Lastmod), tt.date, tt.lastmod)
		}
	}
}

func TestScanTagsSkipAndLines(t *testing.T) {
	d := Scan("a.md", []byte("---\r\ntags: [DocKer, devops]\r\ndraft: true\r\n---\r\nSee #docker and #k8s/pods, not `#code`.\r\n%% secret #hidden %%\r\n"), time.Time{})
	if !d.Skip {
		t.Errorf("draft not skipped")
	}
	if got := strings.Join(d.Tags, ","); got != "DocKer,devops,k8s/pods" {
		t.Errorf("Tags = %s", got)
	}
	if strings.Contains(string(d.Body), "secret") || strings.Contains(string(d.Body), "\r") {
		t.Errorf("Body = %q", d.Body)
	}
	if d.BodyLine != 5 {
		t.Errorf("BodyLine = %d, want 5", d.BodyLine)
	}
}

func TestLinks(t *testing.T) {
	files := map[string]string{
		"Docker/Docker Basics.md": "---\naliases: [dkr]\n---\n## Volumes and Mounts\n\nKeep data. ^keep\n\n## Volumes and Mounts\n",
		"Go/Channels.md": strings.Join([]string{
			"See [[Docker Basics]], [[docker basics|the basics]], [[dkr]].",
			"Heading [[Docker Basics#Volumes and Mounts]] and block [[Docker Basics#^keep]].",
			"Here [[#Local Heading]] and missing [[Nope]] and [[Docker Basics#Nowhere]].",
			"Code `[[Docker Basics]]` stays.",
			"",
			"## Local Heading",
			"",
		}, "\n"),
	}
	notes, _, diags := vaultOf(t, files)
	body := string(notes["Go/Channels.md"].Body)
	for _, want := range []string{
		"[Docker Basics](/notes/docker/docker-basics)",
		"[the basics](/notes/docker/docker-basics)",
		"(/notes/docker/docker-basics#volumes-and-mounts)",
		"(/notes/docker/docker-basics#^keep)",
		"(/notes/go/channels#local-heading)",
		"missing Nope and",
		"`[[Docker Basics]]`",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	ds := diagStrings(diags)
	for _, want := range []string{`Go/Channels.md:3:`, `no note named "Nope"`, `no heading "Nowhere"`} {
		if !strings.Contains(ds, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, ds)
		}
	}
	// The anchors the index computed are the ids in the parsed page.
	ids := headingsOf(notes["Docker/Docker Basics.md"])
	if got := strings.Join(ids, ","); got != "volumes-and-mounts,volumes-and-mounts-1" {
		t.Errorf("ids = %s", got)
	}
}

func TestAttachmentsAndTransclusion(t *testing.T) {
	files := map[string]string{
		"Docker/Basics.md": "![[diagram.png|300]]\n\n![[../../../etc/passwd]]\n\n![[missing.png]]\n\n![[Layers#Cache]]\n\n![[Loop]]\n",
		"Docker/Layers.md": "## Cache\n\nLayers are cached. See [[Basics]].\n\n### Detail\n\nmore\n\n## Other\n\nnot embedded\n",
		"Loop.md":          "![[Loop2]]\n",
		"Loop2.md":         "![[Loop]]\n",
	}
	notes, copies, diags := vaultOf(t, files, "attachments/diagram.png", "other/diagram.png")
	body := string(notes["Docker/Basics.md"].Body)
	if !strings.Contains(body, "![diagram.png](diagram.png?w=300)") && !strings.Contains(body, "(diagram.png?w=300)") {
		t.Errorf("image not embedded:\n%s", body)
	}
	if c := copies["Docker/Basics.md"]; len(c) != 1 || c[0].From != "attachments/diagram.png" || c[0].To != "diagram.png" {
		t.Errorf("copies = %+v", c)
	}
	for _, want := range []string{"> [!quote]", "> Layers are cached.", "> **Detail**"} {
		if !strings.Contains(body, want) {
			t.Errorf("transclusion lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "not embedded") || strings.Contains(body, "passwd)") {
		t.Errorf("body has what it must not:\n%s", body)
	}
	ds := diagStrings(diags)
	for _, want := range []string{"outside the vault", `no attachment named "missing.png"`, "cycle"} {
		if !strings.Contains(ds, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, ds)
		}
	}
}

func TestFences(t *testing.T) {
	files := map[string]string{"a.md": "```Dockerfile\nFROM x\n```\n\n```\n+--+\n|  |\n+--+\n```\n\n```yml {linenos=true}\na: 1\n```\n\n```madeup\nx\n```\n\n```go\nunclosed\n"}
	notes, _, diags := vaultOf(t, files)
	body := string(notes["a.md"].Body)
	for _, want := range []string{"```docker\n", "```text\n", "```yaml {linenos=true}\n", "```madeup\n", "unclosed\n```\n"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	ds := diagStrings(diags)
	if !strings.Contains(ds, "a.md:19:") || !strings.Contains(ds, "never closed") || !strings.Contains(ds, "madeup") {
		t.Errorf("diagnostics:\n%s", ds)
	}
}

func headingsOf(n *note.Note) []string {
	var ids []string
	for c := n.Doc.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(interface{ AttributeString(string) (any, bool) }); ok {
			if v, ok := h.AttributeString("id"); ok && c.Kind().String() == "Heading" {
				ids = append(ids, string(v.([]byte)))
			}
		}
	}
	return ids
}

// TestRawHTMLIsReported checks that harmless HTML is kept without a
// word, and that what is left out is reported once per note, at the
// first place, naming the tag; an image whose file is not in the vault
// gets a warning of its own.
func TestRawHTMLIsReported(t *testing.T) {
	files := map[string]string{
		"a.md": "Intro.\n\n<div class=\"x\">block</div>\n\nText with <b>bold</b> and `<code>` and <!-- nocheatsheet -->.\n\n<script>x</script> <u>kept</u>\n",
		"b.md": "Only a comment <!-- hidden --> and `<img src=x>` in code.\n",
		"c.md": "H<sub>2</sub>O, <kbd>Ctrl</kbd>, <mark>m</mark>\n\n<details>\n<summary>More</summary>\n\nText.\n\n</details>\n",
		"d.md": "Pictures:\n\n<img src=\"pic.png\" width=\"200\" alt=\"A pic\">\n\n<img src=\"missing.png\">\n",
	}
	notes, copies, diags := vaultOf(t, files, "pic.png")
	ds := diagStrings(diags)
	for _, want := range []string{
		`a.md:3: warning: raw HTML is not shown on the site (3 tags in this note left out or cut, the first here: <div class="x">)`,
		`d.md:5: warning: cannot show <img src="missing.png">: no attachment named "missing.png" in the vault`,
	} {
		if !strings.Contains(ds, want) {
			t.Errorf("diagnostics lack %s:\n%s", want, ds)
		}
	}
	for _, quiet := range []string{"b.md", "c.md", "d.md:3"} {
		if strings.Contains(ds, quiet) {
			t.Errorf("%s reported:\n%s", quiet, ds)
		}
	}
	bodies := map[string]string{}
	for _, n := range notes {
		bodies[n.Source] = string(n.Body)
	}
	if want := []Copy{{From: "pic.png", To: "pic.png"}}; !slices.Equal(copies["d.md"], want) {
		t.Errorf("d.md copies %v, want %v", copies["d.md"], want)
	}
	for src, want := range map[string]string{
		"a.md": "<div>block</div>\n\nText with <b>bold</b> and `<code>` and <!-- nocheatsheet -->.\n\n <u>kept</u>",
		"c.md": "H<sub>2</sub>O, <kbd>Ctrl</kbd>, <mark>m</mark>\n\n<details>\n<summary>More</summary>",
		"d.md": `<img src="pic.png" width="200" alt="A pic">`,
	} {
		if !strings.Contains(bodies[src], want) {
			t.Errorf("%s body lacks %q:\n%s", src, want, bodies[src])
		}
	}
}

// TestLookupKey checks that the index finds a lower-cased target as it
// finds the target itself, and headings likewise.
func TestLookupKey(t *testing.T) {
	ix, _ := index.Build([]*index.Entry{
		{Source: "Docker/Docker Basics.md", Title: "Docker Basics", Aliases: []string{"Containers 101"}, Headings: []index.Heading{{Level: 2, Text: "Interview Q: Why?", ID: "interview-q-why"}}},
		{Source: "Go/Ünïcode Notes.md", Title: "Ünïcode Notes"},
		{Source: "Go/readme.md", Title: "ReadMe"},
		{Source: "K8s/Pods.md", Title: "Pods"},
	})
	targets := []string{
		"Docker Basics", "docker basics", "DOCKER  BASICS", " Docker Basics ", "Docker/Docker Basics", "docker/docker basics.md",
		"Docker Basics.MD", "Docker Basics.Md", "CONTAINERS 101", "ÜNÏCODE NOTES", "Go/README", "README.mD", "readme",
		"../Docker/Docker Basics", "Pods", "pods.md", "Nothing", "", "\xff",
	}
	for _, from := range []string{"K8s/Pods.md", "Top.md"} {
		for _, target := range targets {
			want, wantOK := ix.Lookup(from, target)
			got, gotOK := ix.Lookup(from, lookupKey(target))
			if got != want || gotOK != wantOK {
				t.Errorf("Lookup(%q, %q): %v, %v with the key %q; %v, %v without", from, target, got, gotOK, lookupKey(target), want, wantOK)
			}
		}
	}
	e := ix.Entry("Docker/Docker Basics.md")
	for _, h := range []string{"Interview Q: Why?", "interview q:  WHY?", "Note#Interview Q: Why?", "why"} {
		want, wantOK := e.HeadingID(h)
		if got, ok := e.HeadingID(strings.ToLower(h)); got != want || ok != wantOK {
			t.Errorf("HeadingID(%q) = %q, %v lower-cased; %q, %v as written", h, got, ok, want, wantOK)
		}
	}
}

// TestReleasedDraftIsEmbedded finishes notes in an order where an
// embedded note's body was released before the note that embeds it is
// finished: the embed reads it again and gives what it gives unreleased.
func TestReleasedDraftIsEmbedded(t *testing.T) {
	files := map[string]string{
		"Base.md":   "---\ntitle: Base\n---\n# Base\n\n## Part\n\nThe embedded text.\n",
		"Middle.md": "![[Base#Part]]\n",
		"Top.md":    "# Top\n\n![[Middle]]\n\n![[Base]]\n",
	}
	finish := func(release bool) (map[string]string, int) {
		var scanned []*Draft
		for _, name := range []string{"Base.md", "Middle.md", "Top.md"} {
			scanned = append(scanned, Scan(name, []byte(files[name]), time.Time{}))
		}
		sp, _ := tags.NewSpellings(nil, nil)
		v, published, _ := NewVault(scanned, nil, sp)
		reads := 0
		if release {
			v.ReleaseWith(func(source string) (*Draft, error) {
				reads++
				return Scan(source, []byte(files[source]), time.Time{}), nil
			})
		}
		bodies := map[string]string{}
		for _, d := range published {
			f := Finish(d, v)
			if len(f.Diags) > 0 {
				t.Errorf("%s: %v", d.Source, f.Diags)
			}
			bodies[d.Source] = string(f.Note.Body)
			v.Release(d.Source)
			if release && d.Body != nil {
				t.Errorf("%s: body kept after Release", d.Source)
			}
		}
		return bodies, reads
	}
	kept, _ := finish(false)
	released, reads := finish(true)
	if !strings.Contains(kept["Top.md"], "The embedded text.") {
		t.Fatalf("Top does not embed Base:\n%s", kept["Top.md"])
	}
	for name, body := range kept {
		if released[name] != body {
			t.Errorf("%s after releases:\n%s\nwant:\n%s", name, released[name], body)
		}
	}
	if reads != 4 {
		t.Errorf("%d notes read again, want 4 (Base for Middle, Middle and Base through it for Top, Base for Top)", reads)
	}
}

// TestHeadingCandidates checks that the lines found from their '#' hold
// every ATX heading that reading every line finds, in order.
func TestHeadingCandidates(t *testing.T) {
	pieces := []string{"#", "##", "# ", "a", " ", "   ", "    ", "\t", "\n", "\r\n", "x#y", "#######", "> "}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 50000 {
		var b []byte
		for range rng.IntN(20) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		var want, got []string
		for line := range bytes.Lines(b) {
			if level, text := atxHeading(line); level > 0 {
				want = append(want, fmt.Sprint(level, string(text)))
			}
		}
		for line := range headingCandidates(b) {
			if level, text := atxHeading(line); level > 0 {
				got = append(got, fmt.Sprint(level, string(text)))
			}
		}
		if !slices.Equal(got, want) {
			t.Fatalf("headings of %q: %q, reading every line gives %q", b, got, want)
		}
	}
}

// TestDropTitleHeadingKeepsLines checks the body left when the title's H1
// is dropped: the heading's line stays, empty, so that line numbers hold.
func TestDropTitleHeadingKeepsLines(t *testing.T) {
	tests := []struct{ body, want string }{
		{"# T\nbody\n", "\nbody\n"},
		{"# T\n", "\n"},
		{"# T", ""},
		{"  # T\n\ntext", "\n\ntext"},
		{"\n\n# T\nbody", "\n\n\nbody"},
		{"\n \n# T", "\n \n"},
		{"# Other\nbody\n", "# Other\nbody\n"},
	}
	for _, tt := range tests {
		d := &Draft{Title: "T", Body: []byte(tt.body)}
		d.dropTitleHeading()
		if string(d.Body) != tt.want {
			t.Errorf("body %q: left %q, want %q", tt.body, d.Body, tt.want)
		}
	}
}
