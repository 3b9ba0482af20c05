package index

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Docker Interview Notes", "docker-interview-notes"},
		{"  Git   Basics!! ", "git-basics"},
		{"Système & Réseau", "systeme-reseau"},
		{"../../etc/passwd", "etc-passwd"},
		{"..", "note"},
		{"", "note"},
		{"C++ / C#", "c-c"},
		{"日本語ノート", "日本語ノート"},
		{strings.Repeat("long ", 40), strings.TrimRight(strings.Repeat("long-", 16), "-")},
		// Windows device names.
		{"CON", "con_"},
		{"Aux", "aux_"},
		{"nul.txt", "nul-txt"},
		{"COM1", "com1_"},
		{"LPT9", "lpt9_"},
		{"con notes", "con-notes"},
		// Control characters and invalid UTF-8.
		{"bad\xffname", "bad-name"},
		{"tab\there\x00", "tab-here"},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPathSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"q-what-is-flow--kotlin--medium", "q-what-is-flow--kotlin--medium"},
		{"70-Kotlin", "70-kotlin"},
		{"Docker Interview Notes", "docker-interview-notes"},
		{"  Git   Basics ", "git-basics"},
		{"Docker - Basics", "docker-basics"},
		{"A b", "a-b"},
		{"a-b", "a-b"},
		// Letters of every script stay, accents too; macOS writes names
		// decomposed, which read the same.
		{"Что такое Flow", "что-такое-flow"},
		{"Système & Réseau", "système-réseau"},
		{"Syste\u0300me", "système"},
		{"Й", "й"},
		{"И\u0306", "й"},
		{"日本語ノート", "日本語ノート"},
		{"Node.js basics", "node-js-basics"},
		{"index.html", "index-html"},
		{"v1.2 - notes", "v1-2-notes"},
		{"snake_case_name", "snake_case_name"},
		// What a URL or a file system would misread is left out.
		{"What is Flow? #kotlin", "what-is-flow-kotlin"},
		{"100% CPU & 'quotes' \"too\"", "100-cpu-quotes-too"},
		{"C++ / C#", "c-c"},
		{"a\\b:c*d|e<f>g", "abcdefg"},
		{"tab\there\x00\x1f", "tab-here"},
		{"bad\xffname", "badname"},
		{"(Kotlin) Flow", "kotlin-flow"},
		// Never empty, a dot name, hidden, or a Windows device.
		{"", "note"},
		{"???", "note"},
		{"..", "note"},
		{".", "note"},
		{"...hidden.", "hidden"},
		{"_index", "index"},
		{"_draft", "draft"},
		{"--draft--", "draft"},
		{" - ", "note"},
		{"CON", "con_"},
		{"nul", "nul_"},
		{"Com1", "com1_"},
		{"con notes", "con-notes"},
		{strings.Repeat("длинно ", 40), strings.TrimSuffix(strings.Repeat("длинно-", 7), "-")},
		{strings.Repeat("x", 200), strings.Repeat("x", 100)},
	}
	for _, tt := range tests {
		if got := PathSlug(tt.in); got != tt.want {
			t.Errorf("PathSlug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzPathSlug: whatever a file name holds, its slug is one short,
// non-empty, valid UTF-8 path segment without what URLs and file systems
// misread, in lower case, and the same when slugged again.
func FuzzPathSlug(f *testing.F) {
	for _, s := range []string{"Docker Basics", "..", "CON", "Что такое Flow?", "a/b", `x\y`, "%2e%2e", " - ", "Syste\u0300me"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := PathSlug(s)
		if got == "" || got == "." || got == ".." || strings.ContainsAny(got, "/\\?#%&:*\"'<>| \t\n.") || !utf8.ValidString(got) ||
			len(got) > maxPathSlug || strings.HasPrefix(got, ".") || strings.HasSuffix(got, ".") {
			t.Fatalf("PathSlug(%q) = %q", s, got)
		}
		if again := PathSlug(got); again != got {
			t.Fatalf("PathSlug(%q) = %q, then %q", s, got, again)
		}
	})
}

func build(t *testing.T, entries ...*Entry) *Index {
	t.Helper()
	ix, _ := Build(entries)
	return ix
}

func TestBuildURLsAndCollisions(t *testing.T) {
	a := &Entry{Source: "Git Basics.md", Title: "Git Basics"}
	b := &Entry{Source: "git/git-basics.md", Title: "Git Basics"}
	c := &Entry{Source: "git-basics.md", Title: "Git Basics"}
	d := &Entry{Source: "Git.md", Title: "Git"}
	// Reversed input order must give the same URLs.
	ix, diags := Build([]*Entry{d, c, b, a})
	want := map[*Entry]string{
		a: "/notes/git-basics",
		c: "/notes/git-basics-2",
		b: "/notes/git/git-basics",
		d: "/notes/git-2", // the folder "git" holds /notes/git
	}
	for e, p := range want {
		if e.Path != p {
			t.Errorf("%s: Path = %s, want %s", e.Source, e.Path, p)
		}
	}
	if a.URL != "notes/git-basics/" || b.Folder != "git" || a.Folder != "" {
		t.Errorf("URL/Folder wrong: %+v %+v", a, b)
	}
	if len(diags) != 2 {
		t.Errorf("diags = %v, want two collision warnings", diags)
	}
	if f := ix.Folders(); len(f) != 1 || f[0].Path != "/notes/git" || f[0].Name != "git" {
		t.Errorf("folders = %+v", f)
	}
}

func TestLookup(t *testing.T) {
	basics := &Entry{Source: "Docker/Docker Basics.md", Title: "Containers 101", Aliases: []string{"dkr"}}
	volumes := &Entry{Source: "Docker/Advanced/Volumes.md", Title: "Volumes"}
	other := &Entry{Source: "K8s/Volumes.md", Title: "Volumes"}
	ix := build(t, basics, volumes, other)
	tests := []struct {
		from, target string
		want         *Entry
	}{
		{"x.md", "Docker Basics", basics},
		{"x.md", "docker basics", basics},
		{"x.md", "Containers 101", basics},
		{"x.md", "DKR", basics},
		{"x.md", "Docker/Docker Basics.md", basics},
		{"x.md", "Advanced/Volumes", volumes},
		{"K8s/Pods.md", "Volumes", other},
		{"Docker/Advanced/x.md", "Volumes", volumes},
		{"x.md", "Volumes", volumes},
		{"x.md", "Nope", nil},
		{"x.md", "", nil},
	}
	for _, tt := range tests {
		got, ok := ix.Lookup(tt.from, tt.target)
		if (tt.want == nil) != !ok || (ok && got != tt.want) {
			t.Errorf("Lookup(%q, %q) = %v, %v; want %v", tt.from, tt.target, got, ok, tt.want)
		}
	}
}

func TestHeadingID(t *testing.T) {
	e := &Entry{Headings: []Heading{{2, "Kernel Sharing Explanation:", "kernel-sharing-explanation"}, {3, "Same", "same-1"}}}
	if id, ok := e.HeadingID("kernel sharing  explanation:"); !ok || id != "kernel-sharing-explanation" {
		t.Errorf("got %q %v", id, ok)
	}
	if id, ok := e.HeadingID("Parent#Same"); !ok || id != "same-1" {
		t.Errorf("nested: got %q %v", id, ok)
	}
	if _, ok := e.HeadingID("missing"); ok {
		t.Errorf("missing heading found")
	}
}

// TestNameKey checks nameKey's quick path against the general form on
// names of every shape: keys already, upper case, runs of spaces, other
// white space, non-ASCII letters.
func TestNameKey(t *testing.T) {
	names := []string{
		"", " ", "docker basics", "Docker Basics", "DOCKER  BASICS", " Docker", "Docker ", "a\tb", "a\vb", "a\fb",
		"line\nbreak", "cr\rhere", "Ünïcode Notes", "nbsp\u00a0here", "x", "X", "Interview Q: Why?", "C++ / C#",
		"[brackets] & (parens)", "ALL-CAPS_WITH_UNDERSCORES", "tail\t", "\u0085next line",
	}
	for _, n := range names {
		if got, want := nameKey(n), nameKeySlow(n); got != want {
			t.Errorf("nameKey(%q) = %q, want %q", n, got, want)
		}
	}
	// Every short string over a small alphabet of the bytes that matter.
	alphabet := []byte{'a', 'Z', ' ', '\t', '-', 0xc3, 0x9c}
	var walk func(prefix []byte)
	walk = func(prefix []byte) {
		if got, want := nameKey(string(prefix)), nameKeySlow(string(prefix)); got != want {
			t.Errorf("nameKey(%q) = %q, want %q", prefix, got, want)
		}
		if len(prefix) == 5 {
			return
		}
		for _, c := range alphabet {
			walk(append(prefix, c))
		}
	}
	walk(nil)
}

// TestURLsFromPaths: a note's URL is its vault path, slugged part by
// part; its title plays no part, and front matter "slug" names the last
// part.
func TestURLsFromPaths(t *testing.T) {
	flow := &Entry{Source: "70-Kotlin/q-what-is-flow--kotlin--medium.md", Title: "What is `Flow` in Kotlin?"}
	ru := &Entry{Source: "Вопросы/Что такое Flow.md", Title: "Что такое Flow?"}
	odd := &Entry{Source: "Misc/What is C#? 100%.md", Title: "Overview"}
	spaced := &Entry{Source: "Misc/A b.md", Title: "A b"}
	dashed := &Entry{Source: "Misc/a-b.md", Title: "a-b"}
	slugged := &Entry{Source: "Misc/Long name of a note.md", Title: "Long", Slug: "Short One?"}
	ix, diags := Build([]*Entry{dashed, slugged, odd, ru, flow, spaced})
	want := map[*Entry]string{
		flow:    "/notes/70-kotlin/q-what-is-flow--kotlin--medium",
		ru:      "/notes/вопросы/что-такое-flow",
		odd:     "/notes/misc/what-is-c-100",
		spaced:  "/notes/misc/a-b",
		dashed:  "/notes/misc/a-b-2", // after "Misc/A b.md" by source path
		slugged: "/notes/misc/short-one",
	}
	for e, p := range want {
		if e.Path != p {
			t.Errorf("%s: Path = %s, want %s", e.Source, e.Path, p)
		}
	}
	if len(diags) != 1 || diags[0].Path != "Misc/a-b.md" || !strings.Contains(diags[0].Message, "Misc/A b.md") || !strings.Contains(diags[0].Message, "/notes/misc/a-b-2/") {
		t.Errorf("diags = %v, want one naming Misc/a-b.md, Misc/A b.md and the new URL", diags)
	}
	if got, ok := ix.Lookup("x.md", "What is `Flow` in Kotlin?"); !ok || got != flow {
		t.Errorf("a title is not a name to link by: %v", got)
	}
	if got, ok := ix.Lookup("x.md", "q-what-is-flow--kotlin--medium"); !ok || got != flow {
		t.Errorf("a file name is not a name to link by: %v", got)
	}

	// Another title, or another note taking this one's old title, moves
	// nothing.
	again := []*Entry{
		{Source: flow.Source, Title: "Flow"},
		{Source: "70-Kotlin/other.md", Title: "What is `Flow` in Kotlin?"},
	}
	Build(again)
	if again[0].Path != flow.Path || again[1].Path != "/notes/70-kotlin/other" {
		t.Errorf("paths after retitling: %s, %s", again[0].Path, again[1].Path)
	}
}
