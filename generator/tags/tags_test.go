package tags

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/crib-notes/crib/generator/internal/filename"
	"github.com/gohugoio/hugo/common/paths"
)

func TestClean(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"docker", "docker", true},
		{"DocKer", "DocKer", true},
		{"#docker", "docker", true},
		{"##docker", "docker", true},
		{"  #DevOps  ", "DevOps", true},
		{"interview/devops", "interview/devops", true},
		{"#Interview/DevOps", "Interview/DevOps", true},
		{"interview//devops/", "interview/devops", true},
		{"/interview/", "interview", true},
		{"interview / devops", "interview/devops", true},
		{"machine learning", "machine-learning", true},
		{"machine \t  learning", "machine-learning", true},
		{"Machine - Learning", "Machine-Learning", true},
		{"a -- b", "a-b", true},
		{"-", "-", true},
		{"a---b", "a---b", true},
		{"machine\u00a0learning", "machine-learning", true}, // no-break space
		{"zero\u200bwidth", "zero-width", true},             // zero-width space is not a letter
		{"Système", "Système", true},
		{"c++", "c++", true},
		{"y2025", "y2025", true},
		{"2025-12-19", "2025-12-19", true},
		{"1/2", "1/2", true},
		{"#123", "", false},
		{"123", "", false},
		{"", "", false},
		{"#", "", false},
		{" # ", "", false},
		{"///", "", false},
		{"# #a", "a", true},
		{"/#a", "a", true},
		{"bad\xffutf8", "badutf8", true},
		{"tab\tinside", "tab-inside", true},
		// Segments that would put a tag page elsewhere than under /tags/.
		{"..", "", false},
		{".", "", false},
		{"../notes", "notes", true},
		{"a/../../b", "a/b", true},
		{"x/./y", "x/y", true},
		{"...", "", false},
		{"%2e%2E/x", "x", true},
		{"?/x/&", "x", true},
		{"a\\..\\b", "a/b", true},
		{"ctl\x01char", "ctl-char", true},
		{"\x00", "", false},
		// Trailing dots, which Windows drops from a file name.
		{"a.", "a", true},
		{"Inc.../x.", "Inc/x", true},
		{"node.js", "node.js", true},
		{".net", ".net", true},
		// Windows device names.
		{"CON", "CON_", true},
		{"aux/x", "aux_/x", true},
		{"x/nul.txt", "x/nul_.txt", true},
		{"Com1", "Com1_", true},
		{"lpt9.a.b", "lpt9_.a.b", true},
		{"con_", "con_", true},
		{"console", "console", true},
		{"com10", "com10", true},
	}
	for _, tt := range tests {
		got, ok := Clean(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Clean(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"docker", "docker"},
		{"DocKer", "docker"},
		{"Docker", "docker"},
		{"#DOCKER", "docker"},
		{"Système", "systeme"},
		{"systeme", "systeme"},
		{"SYSTÈME", "systeme"},
		{"Interview/DevOps", "interview/devops"},
		{"Straße", "strasse"},
		{"ﬁle", "file"},      // ligature
		{"ＤＯＣＫＥＲ", "docker"}, // full-width letters
		{"İstanbul", "istanbul"},
		{"machine learning", "machine-learning"},
		{"Ελληνικά", "ελληνικα"},
		{"#123", ""},
		{"", ""},
		// Tags Hugo publishes at one URL are one tag.
		{"Q&A", "qa"},
		{"a?b:c", "abc"},
		{"C#", "c#"},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFields(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"docker, k8s", []string{"docker", "k8s"}},
		{"#docker #k8s", []string{"#docker", "#k8s"}},
		{"docker,k8s devops", []string{"docker", "k8s", "devops"}},
		{" , ,", nil},
		{"interview/devops", []string{"interview/devops"}},
	}
	for _, tt := range tests {
		if got := Fields(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Fields(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUnique(t *testing.T) {
	got := Unique([]string{"DevOps", "#devops", "DocKer", "docker", "", "#123", "Système", "systeme", "interview/DevOps"})
	want := []string{"DevOps", "DocKer", "Système", "interview/DevOps"}
	if !slices.Equal(got, want) {
		t.Errorf("Unique = %q, want %q", got, want)
	}
}

func TestConventional(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"docker", true},
		{"Docker", true},
		{"AWS", true},
		{"machine-learning", true},
		{"Machine-Learning", true},
		{"interview/devops", true},
		{"DocKer", false},
		{"DevOps", false},
		{"dOCKER", false},
		{"k8s", true},
		{"K8S", true},
		{"x", true},
		{"X", true},
		{"日本語", true},
	}
	for _, tt := range tests {
		if got := Conventional(tt.in); got != tt.want {
			t.Errorf("Conventional(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestSpellingsDisplay(t *testing.T) {
	type use struct {
		spelling string
		n        int
	}
	tests := []struct {
		name string
		uses []use
		pins map[string]string
		ask  string
		want string
	}{
		{"most used wins", []use{{"FooBar", 3}, {"foobar", 2}, {"Foobar", 1}}, nil, "foobar", "FooBar"},
		{"tie prefers conventional over odd", []use{{"FooBar", 2}, {"foobar", 2}}, nil, "foobar", "foobar"},
		{"odd case of a known term is spelled as the term", []use{{"DocKer", 1}}, nil, "docker", "Docker"},
		{"most used odd case of a known term", []use{{"KuberNetes", 3}, {"kubernetes", 1}}, nil, "kubernetes", "Kubernetes"},
		{"conventional spelling of a known term stays", []use{{"docker", 2}, {"Docker", 1}}, nil, "docker", "docker"},
		{"known term written as its project writes it", []use{{"GraphQL", 1}}, nil, "graphql", "GraphQL"},
		{"known words of a nested tag", []use{{"Interview/KuberNetes", 1}}, nil, "interview/kubernetes", "Interview/Kubernetes"},
		{"unknown odd word stays", []use{{"InterView/DocKer", 1}}, nil, "interview/docker", "InterView/Docker"},
		{"lexer name", []use{{"PowerSHELL", 1}}, nil, "powershell", "PowerShell"},
		{"synonyms are one tag", []use{{"k8s", 2}, {"kubernetes", 1}}, nil, "Kubernetes", "k8s"},
		{"synonym asks for the merged tag", []use{{"k8s", 1}, {"Kubernetes", 1}}, nil, "K8S", "Kubernetes"},
		{"synonym inside a nested tag", []use{{"k8s/pods", 1}, {"Kubernetes/pods", 2}}, nil, "k8s/pods", "Kubernetes/pods"},
		{"synonym word of a tag no note uses", []use{{"k8s/pods", 1}}, nil, "k8s/pods", "Kubernetes/pods"},
		{"synonym word as the vault shows the tag", []use{{"k8s/pods", 1}, {"kubernetes", 1}}, nil, "k8s/pods", "kubernetes/pods"},
		{"pin may name a synonym", []use{{"k8s", 5}}, map[string]string{"k8s": "Kubernetes"}, "k8s", "Kubernetes"},
		{"golang is go", []use{{"golang", 1}, {"Go", 1}}, nil, "golang", "Go"},
		{"tie between conventional goes lexical", []use{{"docker", 1}, {"Docker", 1}, {"DocKer", 1}}, nil, "DOCKER", "Docker"},
		{"acronym is conventional", []use{{"AwS", 1}, {"AWS", 1}}, nil, "aws", "AWS"},
		{"accents are one tag", []use{{"systeme", 1}, {"Système", 2}}, nil, "SYSTEME", "Système"},
		{"seed tag", []use{{"DevOps", 1}}, nil, "devops", "DevOps"},
		{"nested", []use{{"interview/devops", 2}, {"Interview/DevOps", 1}}, nil, "#Interview/Devops", "interview/devops"},
		{"pin beats counts", []use{{"devops", 9}, {"DevOps", 1}}, map[string]string{"devops": "DevOps"}, "devops", "DevOps"},
		{"pin key is any spelling", nil, map[string]string{"Kubernetes": "kubernetes"}, "KUBERNETES", "kubernetes"},
		{"unknown tag is shown cleaned", nil, nil, "#New Tag", "New-Tag"},
		{"unknown known term is spelled as the term", nil, nil, "#PostGreSQL", "PostgreSQL"},
		{"not a tag", nil, nil, "#42", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := NewSpellings(tt.pins, nil)
			if err != nil {
				t.Fatal(err)
			}
			for _, u := range tt.uses {
				s.AddCount(u.spelling, u.n)
			}
			if got := s.Display(tt.ask); got != tt.want {
				t.Errorf("Display(%q) = %q, want %q", tt.ask, got, tt.want)
			}
		})
	}
}

func TestSpellingsBadPin(t *testing.T) {
	s, err := NewSpellings(map[string]string{"docker": "Podman", "aws": "AWS", "x": ""}, nil)
	if err == nil {
		t.Fatal("NewSpellings accepted a pin that renames a tag")
	}
	if want := `tag display pins must respell the same tag or a synonym of it, and synonyms must be tag words: "docker" = "Podman", "x" = ""`; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if got := s.Display("aws"); got != "AWS" {
		t.Errorf("valid pin not applied: Display(aws) = %q", got)
	}
	if got := s.Display("docker"); got != "docker" {
		t.Errorf("invalid pin applied: Display(docker) = %q", got)
	}
}

func TestSpellingsSynonyms(t *testing.T) {
	s, err := NewSpellings(nil, map[string][]string{
		"Kubernetes": {"kube"}, // adds to the built-in k8s
		"js":         {},       // keeps js apart from javascript
		"ml":         {"Machine-Learning", "a/b", "#"},
	})
	if err == nil || !strings.Contains(err.Error(), `synonym "a/b" of "ml": not a tag word`) || !strings.Contains(err.Error(), `synonym "#" of "ml"`) {
		t.Errorf("error = %v, want the two bad synonyms named", err)
	}
	for _, tt := range []struct{ a, b string }{
		{"kube", "kubernetes"}, {"k8s", "KUBERNETES"}, {"machine-learning", "ML"}, {"golang", "go"}, {"postgres", "PostgreSQL"},
	} {
		if s.Key(tt.a) != s.Key(tt.b) {
			t.Errorf("Key(%q) = %q, Key(%q) = %q: want one tag", tt.a, s.Key(tt.a), tt.b, s.Key(tt.b))
		}
	}
	for _, tt := range []struct{ a, b string }{{"js", "javascript"}, {"kubernetes", "docker"}, {"k8s/x", "kubernetes"}} {
		if s.Key(tt.a) == s.Key(tt.b) {
			t.Errorf("Key(%q) == Key(%q) = %q: want two tags", tt.a, tt.b, s.Key(tt.a))
		}
	}
	s.Add("kube")
	s.Add("k8s")
	s.Add("Kubernetes")
	if got := s.Keys(); !slices.Equal(got, []string{"kubernetes"}) {
		t.Errorf("Keys = %v, want one merged key", got)
	}
}

// The chosen spelling must not depend on the order or the goroutines
// that fed the chooser.
func TestSpellingsOrderIndependent(t *testing.T) {
	spellings := []string{"DocKer", "docker", "Docker", "DOCKER", "#docker", "Système", "systeme", "SYSTEME"}
	var want map[string]string
	for round := range 20 {
		s, _ := NewSpellings(nil, nil)
		var wg sync.WaitGroup
		for i, sp := range spellings {
			wg.Go(func() {
				for range (i+round)%3 + 1 {
					s.Add(sp)
				}
			})
		}
		wg.Wait()
		got := map[string]string{}
		for _, k := range s.Keys() {
			got[k] = s.Display(k)
		}
		if round%3 == 0 {
			// same counts every third round: the answer must be identical
			if want == nil {
				want = got
			} else if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Fatalf("round %d: %v, want %v", round, got, want)
			}
		}
	}
	// Round 0 counts: docker 2+2 ("#docker"), Docker 3, DocKer 1, DOCKER 1;
	// Système 3, SYSTEME 2, systeme 1.
	if fmt.Sprint(want) != "map[docker:docker systeme:Système]" {
		t.Errorf("chosen = %v", want)
	}
}

func FuzzTag(f *testing.F) {
	for _, s := range []string{"DocKer", "#Interview/DevOps", "Système", "#123", "machine learning", "/#a", "İ", "ℌ", "ﬁ", "a//b", "\u200b#x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := Clean(s)
		if !ok {
			if c != "" || Key(s) != "" {
				t.Fatalf("Clean(%q) rejected but returned %q / Key %q", s, c, Key(s))
			}
			return
		}
		if !utf8.ValidString(c) {
			t.Fatalf("Clean(%q) = %q, invalid UTF-8", s, c)
		}
		if c2, ok2 := Clean(c); c2 != c || !ok2 {
			t.Fatalf("Clean not idempotent: %q -> %q -> %q", s, c, c2)
		}
		k := Key(s)
		if k == "" {
			t.Fatalf("Key(%q) empty for tag %q", s, c)
		}
		if k2 := Key(k); k2 != k {
			t.Fatalf("Key not idempotent: %q -> %q -> %q", s, k, k2)
		}
		if Key(c) != k {
			t.Fatalf("Key(Clean(%q)) = %q, Key = %q", s, Key(c), k)
		}
		sp, _ := NewSpellings(nil, nil)
		sp.Add(s)
		if d := sp.Display(k); d != wellKnownWords(c) {
			t.Fatalf("Display(%q) = %q, want %q", k, d, wellKnownWords(c))
		}
		if d := sp.Display(k); Key(d) != k {
			t.Fatalf("Display(%q) = %q: another tag", k, d)
		}
		for seg := range strings.SplitSeq(c, "/") {
			p := hugoPath(seg)
			if strings.Trim(strings.ReplaceAll(p, "%2e", "."), ".") == "" || strings.HasSuffix(seg, ".") || filename.Reserved(seg) {
				t.Fatalf("Clean(%q) = %q has segment %q, which Hugo writes as %q", s, c, seg, p)
			}
		}
	})
}

// hugoPath is the path Hugo gives a term page, below /tags/.
func hugoPath(tag string) string { return strings.ToLower(paths.Sanitize(tag)) }

// Two tags that Hugo would publish at the same URL have the same key, so
// that one spelling is used for both and Hugo writes one page.
func FuzzTagPaths(f *testing.F) {
	f.Add("Q&A", "QA")
	f.Add("a?b", "a:b")
	f.Add("x..", "x")
	f.Add("Système", "SYSTÈME")
	f.Fuzz(func(t *testing.T, a, b string) {
		ca, oka := Clean(a)
		cb, okb := Clean(b)
		if !oka || !okb || hugoPath(ca) != hugoPath(cb) {
			return
		}
		if Key(a) != Key(b) {
			t.Fatalf("%q and %q are both published at /tags/%s/ but have the keys %q and %q", ca, cb, hugoPath(ca), Key(a), Key(b))
		}
	})
}

func BenchmarkKey(b *testing.B) {
	in := []string{"DevOps", "DocKer", "interview/devops", "Système", "kubernetes"}
	n := 0
	for _, s := range in {
		n += len(s)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, s := range in {
			Key(s)
		}
	}
}

// TestDisplayFollowsLaterAdds checks that a spelling chosen once is chosen
// again only while no use of the tag was added since.
func TestDisplayFollowsLaterAdds(t *testing.T) {
	s, _ := NewSpellings(nil, nil)
	s.Add("FooBar")
	if got := s.Display("foobar"); got != "FooBar" {
		t.Fatalf("Display = %q, want the only spelling", got)
	}
	s.AddCount("Foobar", 2)
	if got := s.Display("FOOBAR"); got != "Foobar" {
		t.Errorf("after more uses of Foobar, Display = %q", got)
	}
	s.AddCount("FooBar", 5)
	if got := s.Display("foobar"); got != "FooBar" {
		t.Errorf("after more uses of FooBar, Display = %q", got)
	}
	if got := s.Display("kubernetes"); got != "kubernetes" {
		t.Errorf("unknown tag: Display = %q", got)
	}
}
