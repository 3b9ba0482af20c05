package index

import (
	"strings"
	"testing"
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

func TestHumanize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"docker-basics", "Docker basics"},
		{"go_concurrency_patterns", "Go concurrency patterns"},
		{"Docker Interview Notes", "Docker Interview Notes"},
		{"K8s", "K8s"},
		{"", "Untitled"},
	}
	for _, tt := range tests {
		if got := Humanize(tt.in); got != tt.want {
			t.Errorf("Humanize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
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
