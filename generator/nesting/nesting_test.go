package nesting

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
)

func TestLimit(t *testing.T) {
	tests := []struct {
		name, in, want string
		lines          []int
	}{
		{"shallow text is kept", "> a\n> > b\n- c\n  - d\n", "> a\n> > b\n- c\n  - d\n", nil},
		{"quote markers on one line", ">>>>> deep\n", ">>>     >> deep\n", []int{1}},
		{"quote markers with spaces", "> > > > deep\n", "> > >     > deep\n", []int{1}},
		{"bullets on one line", "- - - - item\n", "- - -     - item\n", []int{1}},
		{"stars and pluses", "* + * + item\n", "* + *     + item\n", []int{1}},
		{"ordered items", "1. 2) 3. 4. item\n", "1. 2) 3.     4. item\n", []int{1}},
		{"quotes and items mixed", "> - > - x\n", "> - >     - x\n", []int{1}},
		{"items continued by indentation", "- a\n  - b\n    - c\n      - d\n", "- a\n  - b\n    - c\n          - d\n", []int{4}},
		{"quotes continued on the next line", "> > > a\n> > > > b\n", "> > > a\n> > >     > b\n", []int{2}},
		{"a lazy line keeps the items open", "- - - a\nlazy\n      - b\n", "- - - a\nlazy\n          - b\n", []int{3}},
		{"a blank line keeps items, ends quotes", "- - - a\n\n      - b\n> > > c\n\n> d\n", "- - - a\n\n          - b\n> > > c\n\n> d\n", []int{3}},
		{"a heading ends lazy continuation", "- - - a\n# h\n      - b\n", "- - - a\n# h\n      - b\n", nil},
		{"a tag is not a heading", "- - - a\n#tag\n      - b\n", "- - - a\n#tag\n          - b\n", []int{3}},
		{"a thematic break is not a list", "- - - - - -\n* * * * *\n", "- - - - - -\n* * * * *\n", nil},
		{"a thematic break after markers", "> > > - - - -\n", "> > > - - - -\n", nil},
		{"indented code is not a container", "    > > > > > x\n", "    > > > > > x\n", nil},
		{"a marker without a space is text", ">>>-x\n-x\n1.x\n", ">>>-x\n-x\n1.x\n", nil},
		{"ten digits are no marker", "> > > 1234567890. x\n", "> > > 1234567890. x\n", nil},
		{"tabs count as columns", "-\t-\t-\t- x\n", "-\t-\t-\t    - x\n", []int{1}},
		{"no newline at the end", "> > > > x", "> > >     > x", []int{1}},
		{"every deep line", ">>>> a\n>>>> b\n", ">>>     > a\n>>>     > b\n", []int{1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, lines, dropped := Limit([]byte(tt.in), 3)
			if string(got) != tt.want {
				t.Errorf("Limit(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			if !equalInts(lines, tt.lines) {
				t.Errorf("lines %v, want %v", lines, tt.lines)
			}
			if dropped != 0 {
				t.Errorf("%d bytes left out of a short line", dropped)
			}
		})
	}
}

// TestLimitShortensLongRuns checks that past a cut, markers beyond
// MaxMarkersShown are replaced by a note of how many there were, and
// that the text after them and the lines around stay.
func TestLimitShortensLongRuns(t *testing.T) {
	tests := []struct {
		name, line string
		markers    int // bytes of markers and spaces after the cut
	}{
		{"quote", strings.Repeat(">", 100_000) + " deepest text", 100_000 - MaxDepth + 1},
		{"spaced quote", strings.Repeat("> ", 50_000) + "deepest text", 100_000 - 2*MaxDepth},
		{"bullets", strings.Repeat("- ", 50_000) + "deepest text", 100_000 - 2*MaxDepth},
		{"mixed", strings.Repeat("1. > ", 20_000) + "deepest text", 100_000 - 5*(MaxDepth/2)},
		{"all shown", strings.Repeat(">", MaxDepth+MaxMarkersShown-1) + " deepest text", MaxMarkersShown},
		{"one byte left out", strings.Repeat(">", MaxDepth+MaxMarkersShown) + " deepest text", MaxMarkersShown + 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "before\n\n" + tt.line + "\n\nafter\n"
			out, lines, dropped := Limit([]byte(src), MaxDepth)
			if want := max(0, tt.markers-MaxMarkersShown); dropped != want {
				t.Errorf("dropped %d bytes, want %d", dropped, want)
			}
			if len(lines) != 1 || lines[0] != 3 {
				t.Errorf("lines %v, want [3]", lines)
			}
			got := string(out)
			if !strings.HasPrefix(got, "before\n\n") || !strings.HasSuffix(got, "deepest text\n\nafter\n") {
				t.Errorf("text around the run lost: %.80q … %.80q", got, got[max(0, len(got)-80):])
			}
			note := fmt.Sprintf("[… %d more bytes of quote and list markers left out …]", dropped)
			if (dropped > 0) != strings.Contains(got, note) {
				t.Errorf("note %q present: %v, dropped %d", note, strings.Contains(got, note), dropped)
			}
			if len(got) > 2*MaxMarkersShown+len(src)-tt.markers+200 {
				t.Errorf("%d bytes kept of a %d-byte line", len(got), len(src))
			}
			if d, _ := Depths(markdown.NewParser().Parse(out)); d > MaxDepth {
				t.Errorf("goldmark nests %d deep after Limit", d)
			}
			again, more, _ := Limit(out, MaxDepth)
			if !bytes.Equal(again, out) || more != nil {
				t.Errorf("Limit is not idempotent on its shortened output")
			}
		})
	}
}

// TestLimitKeepsSource checks that text within the limit comes back as
// the same slice: the common case copies nothing.
func TestLimitKeepsSource(t *testing.T) {
	src := []byte("# Title\n\n> quote\n> - item\n>   - nested\n\n```\n> > > > > code\n```\n")
	got, lines, _ := Limit(src, MaxDepth)
	if &got[0] != &src[0] || lines != nil {
		t.Errorf("Limit copied text within the limit: %q %v", got, lines)
	}
}

// TestLimitHostile runs the shapes that nest deepest per byte at a
// megabyte: each line is cut at the limit, and goldmark then parses the
// result to a tree no deeper than the limit.
func TestLimitHostile(t *testing.T) {
	const size = 1 << 20
	shapes := map[string]string{
		"quote":    strings.Repeat(">", size) + " text\n",
		"spaced":   strings.Repeat("> ", size/2) + "text\n",
		"bullets":  strings.Repeat("- ", size/2) + "item\n",
		"ordered":  strings.Repeat("1. ", size/3) + "item\n",
		"mixed":    strings.Repeat("1. > ", size/5) + "item\n",
		"repeated": strings.Repeat(strings.Repeat(">", 1000)+" x\n", size/1000),
	}
	for name, src := range shapes {
		t.Run(name, func(t *testing.T) {
			out, lines, _ := Limit([]byte(src), MaxDepth)
			if len(lines) == 0 || len(out) > len(src)+5*len(lines) {
				t.Fatalf("%d lines cut, %d bytes added", len(lines), len(out)-len(src))
			}
			if d, _ := Depths(markdown.NewParser().Parse(out)); d > MaxDepth {
				t.Errorf("goldmark nests %d deep after Limit", d)
			}
		})
	}
}

// FuzzLimit checks on any text that goldmark never nests blockquotes and
// list items deeper than the limit after Limit, that Limit only adds a
// few spaces to the lines it names, and that it has nothing to do on its
// own output.
func FuzzLimit(f *testing.F) {
	for _, s := range []string{
		">>>> a", "- - - - a", "1. 1. 1. 1. a", "> - > - a", "- a\n  - b\n    - c\n      - d",
		"- - - a\nlazy\n      - b", "> > > a\n> > > > b", "-\t-\t-\t- x", "* - + 1) > x",
		"- - - a\n\n      - b", "```\n> > > > x\n```", "<pre>\n```\n</pre>\n> > > > x",
		"- a\n - b\n  - c\n   - d\n    - e", "1.  a\n    1.  b\n        1. c\n           1. d",
		">\t>\t>\t>\tx", " > > > > x", "- > - >\n  > - > x",
	} {
		f.Add([]byte(s))
	}
	const limit = 3
	p := markdown.NewParser()
	f.Fuzz(func(t *testing.T, src []byte) {
		// Every marker kept: only spaces are added.
		out, lines, _ := limitShown(src, limit, len(src))
		if d, _ := Depths(p.Parse(out)); d > limit {
			t.Fatalf("goldmark nests %d deep after Limit(%q) = %q", d, src, out)
		}
		if len(out) > len(src)+5*len(lines) || !bytes.Equal(withoutAdded(out, src), src) {
			t.Fatalf("Limit(%q) = %q changed more than a few spaces", src, out)
		}
		again, more, _ := limitShown(out, limit, len(out))
		if !bytes.Equal(again, out) || more != nil {
			t.Fatalf("Limit is not idempotent on %q: %q", out, again)
		}
		// Few markers kept: still no deeper, still idempotent, and
		// nothing but markers left out.
		const shown = 4
		short, _, dropped := limitShown(src, limit, shown)
		if d, _ := Depths(p.Parse(short)); d > limit {
			t.Fatalf("goldmark nests %d deep after limitShown(%q) = %q", d, src, short)
		}
		if again, _, more := limitShown(short, limit, shown); !bytes.Equal(again, short) || more != 0 {
			t.Fatalf("limitShown is not idempotent on %q: %q", short, again)
		}
		if !isSubsequence(nonMarkers(src), nonMarkers(short)) {
			t.Fatalf("limitShown(%q) = %q lost more than markers", src, short)
		}
		if (dropped > 0) != bytes.Contains(short, []byte("markers left out")) {
			t.Fatalf("limitShown(%q) = %q dropped %d without a note", src, short, dropped)
		}
	})
}

// nonMarkers is s without container markers and white space.
func nonMarkers(s []byte) []byte {
	var b []byte
	for len(s) > 0 {
		if n := markerRun(s); n > 0 {
			s = s[n:]
			continue
		}
		b = append(b, s[0])
		s = s[1:]
	}
	return b
}

// isSubsequence reports whether every byte of sub appears in s, in order.
func isSubsequence(sub, s []byte) bool {
	for _, c := range s {
		if len(sub) > 0 && sub[0] == c {
			sub = sub[1:]
		}
	}
	return len(sub) == 0
}

// withoutAdded removes from out the spaces Limit inserted into src.
func withoutAdded(out, src []byte) []byte {
	var b []byte
	j := 0
	for i := 0; i < len(out); i++ {
		if j < len(src) && out[i] == src[j] {
			b = append(b, out[i])
			j++
		} else if out[i] != ' ' {
			return nil
		}
	}
	return b
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
