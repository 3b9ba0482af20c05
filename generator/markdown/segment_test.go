package markdown

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

func TestSegments(t *testing.T) {
	type seg struct {
		fence  bool
		text   string
		info   string
		closed bool
	}
	tests := []struct {
		name string
		src  string
		want []seg
	}{
		{"text only", "a\nb\n", []seg{{text: "a\nb\n"}}},
		{"empty", "", []seg{{text: ""}}},
		{"one fence", "x\n```go\ncode\n```\ny\n", []seg{
			{text: "x\n"}, {fence: true, text: "```go\ncode\n```\n", info: "go", closed: true}, {text: "y\n"}}},
		{"tilde with longer close", "~~~\na\n~~~~\n", []seg{{fence: true, text: "~~~\na\n~~~~\n", closed: true}}},
		{"shorter close does not close", "````\n```\n````\n", []seg{{fence: true, text: "````\n```\n````\n", closed: true}}},
		{"backtick fence with backtick info is a code span", "```a`b```\n", []seg{{text: "```a`b```\n"}}},
		{"unclosed runs to end", "```\nx\n", []seg{{fence: true, text: "```\nx\n"}}},
		{"in list item", "- step\n  ```bash\n  ls\n  ```\n", []seg{
			{text: "- step\n"}, {fence: true, text: "  ```bash\n  ls\n  ```\n", info: "bash", closed: true}}},
		{"in callout", "> [!tip]\n> ```\n> a\n> ```\nafter\n", []seg{
			{text: "> [!tip]\n"}, {fence: true, text: "> ```\n> a\n> ```\n", closed: true}, {text: "after\n"}}},
		{"info with attributes", "``` Dockerfile {linenos=true}\nFROM x\n```", []seg{
			{fence: true, text: "``` Dockerfile {linenos=true}\nFROM x\n```", info: "Dockerfile {linenos=true}", closed: true}}},
		{"crlf", "```yml\r\na: 1\r\n```\r\n", []seg{{fence: true, text: "```yml\r\na: 1\r\n```\r\n", info: "yml", closed: true}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Segments([]byte(tt.src))
			if len(got) != len(tt.want) {
				t.Fatalf("got %d segments %+v, want %d", len(got), got, len(tt.want))
			}
			var joined strings.Builder
			for i, g := range got {
				w := tt.want[i]
				text := tt.src[g.Start:g.End]
				joined.WriteString(text)
				if g.Fence != w.fence || text != w.text || g.Info != w.info || (g.Fence && g.Closed != w.closed) {
					t.Errorf("segment %d = {fence:%v text:%q info:%q closed:%v}, want %+v", i, g.Fence, text, g.Info, g.Closed, w)
				}
				if g.Fence && tt.src[g.InfoStart:g.InfoEnd] != g.Info {
					t.Errorf("segment %d info offsets give %q", i, tt.src[g.InfoStart:g.InfoEnd])
				}
			}
			if joined.String() != tt.src {
				t.Errorf("segments do not cover the source")
			}
		})
	}
}

func TestSegmentLines(t *testing.T) {
	src := "a\nb\n```\nc\n```\nd\n"
	got := Segments([]byte(src))
	lines := [3]int{got[0].Line, got[1].Line, got[2].Line}
	if lines != [3]int{1, 3, 6} {
		t.Errorf("lines = %v, want [1 3 6]", lines)
	}
}

// TestSegmentsSkipsToFences checks Segments, which looks only at lines
// holding a fence marker's characters, against reading every line.
func TestSegmentsSkipsToFences(t *testing.T) {
	pieces := []string{"```", "````", "~~~", "`", "~", "go", " ", "  ", "\t", "> ", "- ", "x", "\n", "\n\n", "\r\n"}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 100000 {
		var b []byte
		for range rng.IntN(30) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		if got, want := Segments(b), segmentsLineByLine(b); !reflect.DeepEqual(got, want) {
			t.Fatalf("Segments(%q) =\n%+v\nreading every line:\n%+v", b, got, want)
		}
	}
}

// segmentsLineByLine is Segments reading every line.
func segmentsLineByLine(src []byte) []Segment {
	// Every fence holds a marker, and text segments lie between fences:
	// twice the markers plus one is room for all of them.
	markers := bytes.Count(src, []byte("```")) + bytes.Count(src, []byte("~~~"))
	segs := make([]Segment, 0, 2*markers+1)
	textStart, textLine := 0, 1
	line := 1
	for pos := 0; pos < len(src); {
		end := lineEnd(src, pos)
		prefixLen, marker, ok := openingFence(src[pos:end])
		if !ok {
			pos, line = end, line+1
			continue
		}
		if pos > textStart {
			segs = append(segs, Segment{Start: textStart, End: pos, Line: textLine})
		}
		seg := Segment{Fence: true, Start: pos, Line: line, Prefix: string(src[pos : pos+prefixLen]), Marker: markerString(marker)}
		infoStart := pos + prefixLen + len(marker)
		infoEnd := end
		for infoEnd > infoStart && isSpaceOrNewline(src[infoEnd-1]) {
			infoEnd--
		}
		for infoStart < infoEnd && (src[infoStart] == ' ' || src[infoStart] == '\t') {
			infoStart++
		}
		seg.InfoStart, seg.InfoEnd, seg.Info = infoStart, infoEnd, string(src[infoStart:infoEnd])
		seg.CodeStart = end
		depth := quoteDepth(seg.Prefix)
		pos, line = end, line+1
		seg.CodeEnd, seg.End = len(src), len(src)
		for pos < len(src) {
			end = lineEnd(src, pos)
			if closingFence(src[pos:end], marker, depth) {
				seg.CodeEnd, seg.End, seg.Closed = pos, end, true
				pos, line = end, line+1
				break
			}
			pos, line = end, line+1
		}
		segs = append(segs, seg)
		textStart, textLine = pos, line
	}
	if textStart < len(src) || len(segs) == 0 {
		segs = append(segs, Segment{Start: textStart, End: len(src), Line: textLine})
	}
	return segs
}
