package synth

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// openingFences returns the label of every fence in s.
func openingFences(s string) []string {
	var labels []string
	open := false
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "```") {
			if !open {
				labels = append(labels, l[3:])
			}
			open = !open
		}
	}
	return labels
}

func TestDeterministic(t *testing.T) {
	a := Generate(30, Options{Mix: Code}, 7)
	b := Generate(30, Options{Mix: Code}, 7)
	c := Generate(30, Options{Mix: Code}, 8)
	same := true
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("note %d differs between two runs with one seed", i)
		}
		same = same && bytes.Equal(a[i].Data, c[i].Data)
	}
	if same {
		t.Fatal("seeds 7 and 8 gave the same vault")
	}
}

func TestShape(t *testing.T) {
	for _, tc := range []struct {
		mix                  Mix
		minFences, maxFences int
	}{
		{Prose, 0, 3},
		{Code, 8, 12},
	} {
		t.Run(tc.mix.String(), func(t *testing.T) {
			files := Generate(200, Options{Mix: tc.mix}, 1)
			paths := map[string]bool{}
			langs := map[string]int{}
			fm := map[string]int{}
			for _, f := range files {
				if paths[f.Path] {
					t.Errorf("two notes at %s", f.Path)
				}
				paths[f.Path] = true
				s := string(f.Data)
				if n := len(f.Data); n < 14000 || n > 24000 {
					t.Errorf("%s: %d bytes, want about 15-18 KB", f.Path, n)
				}
				fences := openingFences(s)
				if len(fences) < tc.minFences || len(fences) > tc.maxFences {
					t.Errorf("%s: %d fences, want %d..%d", f.Path, len(fences), tc.minFences, tc.maxFences)
				}
				for _, l := range fences {
					langs[l]++
				}
				for _, want := range []string{"### Interview Q:", "> [!", "[["} {
					if !strings.Contains(s, want) {
						t.Errorf("%s: no %q", f.Path, want)
					}
				}
				for name, mark := range map[string]string{"placeholder map": "\"{ Title }\":", "templater": "<% tp.", "date placeholder": "{{date}}", "junk delimiter": "---\\\n", "tab indent": "\n\t- ", "table": "|---|"} {
					if strings.Contains(s, mark) {
						fm[name]++
					}
				}
			}
			for _, name := range []string{"placeholder map", "templater", "date placeholder", "junk delimiter", "tab indent", "table"} {
				if fm[name] == 0 {
					t.Errorf("no note has a %s", name)
				}
			}
			if tc.mix == Code {
				for _, l := range []string{"go", "kotlin", "bash", "yaml", "dockerfile", "python", ""} {
					if langs[l] == 0 {
						t.Errorf("no fence labelled %q", l)
					}
				}
			}
		})
	}
}

func TestLinksPointAtGeneratedNotes(t *testing.T) {
	files := Generate(50, Options{}, 3)
	titles := map[string]bool{}
	for _, f := range files {
		name := f.Path[strings.LastIndex(f.Path, "/")+1:]
		titles[strings.TrimSuffix(name, ".md")] = true
	}
	link := regexp.MustCompile(`\[\[([^\]|#]+)`)
	fenced := regexp.MustCompile("(?s)```[A-Za-z]*\n.*?```\n")
	n := 0
	for _, f := range files {
		for _, m := range link.FindAllStringSubmatch(fenced.ReplaceAllString(string(f.Data), ""), -1) {
			n++
			if !titles[m[1]] {
				t.Errorf("%s links to %q, which is not a generated note", f.Path, m[1])
			}
		}
	}
	if n == 0 {
		t.Fatal("no wikilinks")
	}
}

// TestFenceLines: FenceLines bounds the length of the fences.
func TestFenceLines(t *testing.T) {
	fence := regexp.MustCompile("(?s)```[A-Za-z]*\n(.*?)```\n")
	for _, tc := range []struct{ fenceLines, lo, hi int }{
		{0, 10, 40}, // the default
		{28, 7, 28},
		{12, 3, 12},
	} {
		t.Run(fmt.Sprint(tc.fenceLines), func(t *testing.T) {
			longest, shortest := 0, 1<<30
			for _, f := range Generate(40, Options{Mix: Code, FenceLines: tc.fenceLines}, 3) {
				for _, m := range fence.FindAllStringSubmatch(string(f.Data), -1) {
					n := strings.Count(m[1], "\n")
					longest, shortest = max(longest, n), min(shortest, n)
				}
			}
			// codeFor writes about the lines asked for: it ends the
			// construct it is in, up to 8 lines more.
			if shortest < tc.lo-2 || longest > tc.hi+8 || longest < tc.hi-3 {
				t.Errorf("fences of %d to %d lines, want about %d to %d", shortest, longest, tc.lo, tc.hi)
			}
		})
	}
}
