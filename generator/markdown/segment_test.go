package markdown

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

func TestSegments(t *testing.T) {
	type seg struct {
		kind   string // "text", "fence" or "indented"
		text   string
		info   string
		closed bool
		spans  []string // text: the code spans, as written
	}
	tests := []struct {
		name string
		src  string
		want []seg
	}{
		{"text only", "a\nb\n", []seg{{kind: "text", text: "a\nb\n"}}},
		{"empty", "", []seg{{kind: "text", text: ""}}},
		{"one fence", "x\n```go\ncode\n```\ny\n", []seg{
			{kind: "text", text: "x\n"}, {kind: "fence", text: "```go\ncode\n```\n", info: "go", closed: true}, {kind: "text", text: "y\n"}}},
		{"tilde with longer close", "~~~\na\n~~~~\n", []seg{{kind: "fence", text: "~~~\na\n~~~~\n", closed: true}}},
		{"shorter close does not close", "````\n```\n````\n", []seg{{kind: "fence", text: "````\n```\n````\n", closed: true}}},
		{"backticks do not close tildes", "~~~\n```\n~~~\n", []seg{{kind: "fence", text: "~~~\n```\n~~~\n", closed: true}}},
		{"backtick fence with backtick info is a code span", "```a`b```\n", []seg{{kind: "text", text: "```a`b```\n", spans: []string{"```a`b```"}}}},
		{"unclosed runs to end", "```\nx\n", []seg{{kind: "fence", text: "```\nx\n"}}},
		{"in list item", "- step\n  ```bash\n  ls\n  ```\n", []seg{
			{kind: "text", text: "- step\n"}, {kind: "fence", text: "  ```bash\n  ls\n  ```\n", info: "bash", closed: true}}},
		{"on a bullet item's line", "- ```go\n  x\n  ```\n- y\n", []seg{
			{kind: "fence", text: "- ```go\n  x\n  ```\n", info: "go", closed: true}, {kind: "text", text: "- y\n"}}},
		{"on an ordered item's line", "1. a\n2. ```bash\n   ls\n   ```\n3. b\n", []seg{
			{kind: "text", text: "1. a\n"}, {kind: "fence", text: "2. ```bash\n   ls\n   ```\n", info: "bash", closed: true}, {kind: "text", text: "3. b\n"}}},
		{"ended by its list item", "- a\n  ```\n  x\n- b\n", []seg{
			{kind: "text", text: "- a\n"}, {kind: "fence", text: "  ```\n  x\n"}, {kind: "text", text: "- b\n"}}},
		{"ended by its blockquote", "> ```\n> x\nlazy\n", []seg{
			{kind: "fence", text: "> ```\n> x\n"}, {kind: "text", text: "lazy\n"}}},
		{"in callout", "> [!tip]\n> ```\n> a\n> ```\nafter\n", []seg{
			{kind: "text", text: "> [!tip]\n"}, {kind: "fence", text: "> ```\n> a\n> ```\n", closed: true}, {kind: "text", text: "after\n"}}},
		{"quoted fences inside a fence are code", "```markdown\n> ```\n> x\n> ```\n```\nafter\n", []seg{
			{kind: "fence", text: "```markdown\n> ```\n> x\n> ```\n```\n", info: "markdown", closed: true}, {kind: "text", text: "after\n"}}},
		{"three spaces in is a fence", "   ```\n   x\n   ```\n", []seg{{kind: "fence", text: "   ```\n   x\n   ```\n", closed: true}}},
		{"four spaces in is indented code", "a\n\n    ```\n    x\n\nb\n", []seg{
			{kind: "text", text: "a\n\n"}, {kind: "indented", text: "    ```\n    x\n"}, {kind: "text", text: "\nb\n"}}},
		{"four spaces in after a paragraph is text", "a\n    ```\nb `c`\n", []seg{{kind: "text", text: "a\n    ```\nb `c`\n", spans: []string{"`c`"}}}},
		{"indented code in a list item", "- a\n\n      code\n", []seg{{kind: "text", text: "- a\n\n"}, {kind: "indented", text: "      code\n"}}},
		{"tab indented code", "\tcode\n", []seg{{kind: "indented", text: "\tcode\n"}}},
		{"info with attributes", "``` Dockerfile {linenos=true}\nFROM x\n```", []seg{
			{kind: "fence", text: "``` Dockerfile {linenos=true}\nFROM x\n```", info: "Dockerfile {linenos=true}", closed: true}}},
		{"crlf", "```yml\r\na: 1\r\n```\r\n", []seg{{kind: "fence", text: "```yml\r\na: 1\r\n```\r\n", info: "yml", closed: true}}},
		{"code span over two lines", "a `b\nc` d\n", []seg{{kind: "text", text: "a `b\nc` d\n", spans: []string{"`b\nc`"}}}},
		{"stray backticks in two list items", "- a ` b\n- c ` d\n", []seg{{kind: "text", text: "- a ` b\n- c ` d\n"}}},
		{"stray backticks around a heading", "a ` b\n# H ` c\n", []seg{{kind: "text", text: "a ` b\n# H ` c\n"}}},
		{"escaped backtick", "\\`a` `b`\n", []seg{{kind: "text", text: "\\`a` `b`\n", spans: []string{"` `"}}}},
		{"span in a quote", "> `%%` x\n", []seg{{kind: "text", text: "> `%%` x\n", spans: []string{"`%%`"}}}},
		{"pipes split cells, even in backticks", "| a | `b` |\n|---|---|\n| `c|d` | e |\n", []seg{{kind: "text", text: "| a | `b` |\n|---|---|\n| `c|d` | e |\n", spans: []string{"`b`"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Segments([]byte(tt.src))
			checkCover(t, []byte(tt.src), got)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d segments %+v, want %d", len(got), got, len(tt.want))
			}
			for i, g := range got {
				w := tt.want[i]
				text := tt.src[g.Start:g.End]
				kind := "text"
				if g.Fence {
					kind = "fence"
				} else if g.Indented {
					kind = "indented"
				}
				var spans []string
				for _, s := range g.Spans {
					spans = append(spans, text[s.Start:s.End])
				}
				if kind != w.kind || text != w.text || g.Info != w.info || (g.Fence && g.Closed != w.closed) || fmt.Sprint(spans) != fmt.Sprint(w.spans) {
					t.Errorf("segment %d = {%s text:%q info:%q closed:%v spans:%q}, want %+v", i, kind, text, g.Info, g.Closed, spans, w)
				}
				if g.Fence && tt.src[g.InfoStart:g.InfoEnd] != g.Info {
					t.Errorf("segment %d info offsets give %q", i, tt.src[g.InfoStart:g.InfoEnd])
				}
			}
		})
	}
}

func TestSegmentFenceFields(t *testing.T) {
	src := "> - ```go title\n>   x\n>   ```\n\n1. ```\n   y\n"
	segs := Segments([]byte(src))
	var fences []Segment
	for _, s := range segs {
		if s.Fence {
			fences = append(fences, s)
		}
	}
	if len(fences) != 2 {
		t.Fatalf("fences = %+v", segs)
	}
	a, b := fences[0], fences[1]
	if a.Prefix != "> - " || a.Indent != ">   " || a.Marker != "```" || a.Info != "go title" || src[a.CodeStart:a.CodeEnd] != ">   x\n" || !a.Closed || a.Line != 1 {
		t.Errorf("first fence = %+v", a)
	}
	if b.Prefix != "1. " || b.Indent != "   " || b.Closed || src[b.CodeStart:b.CodeEnd] != "   y\n" || b.End != len(src) || b.Line != 5 {
		t.Errorf("second fence = %+v", b)
	}
}

func TestSegmentLines(t *testing.T) {
	src := "a\nb\n```\nc\n```\nd\n\n    e\n"
	got := Segments([]byte(src))
	var lines []int
	for _, s := range got {
		lines = append(lines, s.Line)
	}
	if fmt.Sprint(lines) != "[1 3 6 8]" {
		t.Errorf("lines = %v, want [1 3 6 8]", lines)
	}
}

// checkCover checks that segments cover src in order, that no two code
// blocks touch without text between only when they are separate blocks,
// and that every span lies in its segment and is a code span.
func checkCover(t *testing.T, src []byte, segs []Segment) {
	t.Helper()
	pos := 0
	for i, s := range segs {
		if s.Start != pos || s.End < s.Start || s.End > len(src) {
			t.Fatalf("segment %d [%d,%d) does not follow %d in %q", i, s.Start, s.End, pos, src)
		}
		if want := bytes.Count(src[:s.Start], []byte{'\n'}) + 1; s.Line != want {
			t.Fatalf("segment %d line %d, want %d in %q", i, s.Line, want, src)
		}
		if !s.Code() && i > 0 && !segs[i-1].Code() {
			t.Fatalf("two text segments in a row in %q", src)
		}
		if s.Fence && (s.CodeStart < s.Start || s.CodeEnd < s.CodeStart || s.CodeEnd > s.End || s.InfoStart > s.InfoEnd || s.InfoEnd > s.CodeStart) {
			t.Fatalf("fence fields out of order: %+v in %q", s, src)
		}
		end := 0
		for _, sp := range s.Spans {
			text := src[s.Start:s.End]
			if sp.Start < end || sp.End <= sp.Start || sp.End > len(text) || text[sp.Start] != '`' || text[sp.End-1] != '`' {
				t.Fatalf("span %+v out of place in %q", sp, text)
			}
			end = sp.End
		}
		pos = s.End
	}
	if pos != len(src) {
		t.Fatalf("segments end at %d of %d in %q", pos, len(src), src)
	}
}

// plain parses as Options say, recording nothing.
var plain = sync.OnceValue(func() goldmark.Markdown { return goldmark.New(Options()...) })

// goldmarkCode returns, from a plain goldmark parse with Options, the
// text of each code block (its lines joined) and each code span, in
// order: what Hugo renders as code.
func goldmarkCode(src []byte) (blocks, spans []string) {
	doc := plain().Parser().Parse(text.NewReader(src))
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			var b strings.Builder
			for i := range n.Lines().Len() {
				seg := n.Lines().At(i)
				b.Write(seg.Value(src))
			}
			blocks = append(blocks, b.String())
		case *ast.CodeSpan:
			var b strings.Builder
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				b.Write(c.(*ast.Text).Segment.Value(src))
			}
			spans = append(spans, b.String())
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return blocks, spans
}

// checkAgainstGoldmark checks Segments against goldmark's AST: one code
// segment for each code block, whose lines hold the block's code, and one
// span for each code span, holding its text.
func checkAgainstGoldmark(t *testing.T, src []byte) {
	t.Helper()
	segs := Segments(src)
	checkCover(t, src, segs)
	blocks, spans := goldmarkCode(src)
	var gotBlocks, gotSpans []Segment
	var spanText []string
	for _, s := range segs {
		if s.Code() {
			gotBlocks = append(gotBlocks, s)
		}
		for _, sp := range s.Spans {
			gotSpans = append(gotSpans, s)
			spanText = append(spanText, string(src[s.Start+sp.Start:s.Start+sp.End]))
		}
	}
	if len(gotBlocks) != len(blocks) || len(gotSpans) != len(spans) {
		t.Fatalf("Segments(%q) finds %d code blocks and %d spans; goldmark %d and %d\n%+v", src, len(gotBlocks), len(gotSpans), len(blocks), len(spans), segs)
	}
	for i, b := range gotBlocks {
		code := src[b.CodeStart:b.CodeEnd]
		// Every line of code goldmark read lies in the segment's code,
		// after the container's markers.
		for line := range strings.Lines(blocks[i]) {
			line = strings.TrimLeft(strings.TrimRight(line, "\n"), " \t")
			if !bytes.Contains(code, []byte(line)) {
				t.Fatalf("Segments(%q): block %d %q lacks goldmark's line %q", src, i, code, line)
			}
		}
	}
	for i, s := range spanText {
		for line := range strings.Lines(spans[i]) {
			if line = strings.TrimSpace(line); !strings.Contains(s, line) {
				t.Fatalf("Segments(%q): span %q lacks goldmark's %q", src, s, spans[i])
			}
		}
	}
}

// TestSegmentsAgreeWithGoldmark checks Segments against goldmark's own
// AST on text made of the pieces that decide what is code.
func TestSegmentsAgreeWithGoldmark(t *testing.T) {
	pieces := []string{"```", "````", "~~~", "`", "``", "~", "go", " ", "  ", "    ", "\t", "> ", "- ", "1. ", "x", "#", "\n", "\n\n", "\\", "<a>", "|",
		"*", "**", "_", "www.a.io/", "http://b.io/", "[", "](", ")", "<http://c.io/", ">", "[^1]", ": ", strings.Repeat("`", 33)}
	rng := rand.New(rand.NewPCG(9, 10))
	for range 20000 {
		var b []byte
		for range rng.IntN(30) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		checkAgainstGoldmark(t, b)
	}
}

// FuzzSegments checks Segments against goldmark's AST; seeds in
// testdata/fuzz/FuzzSegments hold every shape that once went wrong.
func FuzzSegments(f *testing.F) {
	for _, s := range []string{
		"1. ```bash\n   ls\n   ```\n2. x %%c%%\n",
		"Para.\n\n    ```\n\nText %%c%%\n\n    ```\n",
		"```markdown\n> ```\n> x\n> ```\n```\n%%c%%\n",
		"- a ` b\n- c %%c%% d ` e\n",
		"a ` b\n# H %%c%% `c\n",
		"````\n```\nx\n```\n````\n",
		"> - ```\n>   a\n> b\n",
		"| `a | b` |\n|---|---|\n",
		"\\```\n`x`\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkAgainstGoldmark(t, []byte(src))
	})
}

// strayRuns returns a paragraph of about size bytes made of backtick runs
// of lengths first, first+step, ..., none of which closes another.
func strayRuns(size, first, step int) []byte {
	var b bytes.Buffer
	for n := first; b.Len() < size; n += step {
		b.WriteString(strings.Repeat("`", n))
		b.WriteString(" w ")
	}
	return b.Bytes()
}

// TestStrayRunsAreReadOnce checks what keeps Segments linear on a
// paragraph of stray backtick runs of many lengths: goldmark's parser
// reads the rest of the paragraph for the first of them only, and the
// index of the paragraph's runs answers for the others, as goldmark
// would have.
func TestStrayRunsAreReadOnce(t *testing.T) {
	src := strayRuns(1<<20, 33, 1)
	rec := parseCode(src)
	if rec.misses != 1 {
		t.Errorf("goldmark's parser read the paragraph for %d stray runs, want 1", rec.misses)
	}
	if _, spans := goldmarkCode(src); len(spans) != 0 || len(rec.spans) != 0 {
		t.Errorf("spans: goldmark %d, Segments %d", len(spans), len(rec.spans))
	}
	// Two paragraphs, with spans between the stray runs.
	src = []byte("`a` ``` `b` ```` `c`\n\n`` x ``` y `z`\n")
	rec = parseCode(src)
	if rec.misses != 2 {
		t.Errorf("misses = %d, want one a paragraph", rec.misses)
	}
	checkAgainstGoldmark(t, src)
}

func TestEscapeStrayTicks(t *testing.T) {
	long := strings.Repeat("`", 33)
	escaped := strings.Repeat("\\`", 33)
	tests := []struct{ in, want string }{
		{"no long runs ` `` here", "no long runs ` `` here"},
		{"a " + long + " b", "a " + escaped + " b"},
		{"a " + long + "code" + long + " b", "a " + long + "code" + long + " b"},
		{"```\n" + long + "\n```\n", "```\n" + long + "\n```\n"},
		{"a `" + long + " b ` " + long + " `", "a \\`" + escaped + " b ` " + long + " `"},
	}
	for _, tt := range tests {
		got := string(EscapeStrayTicks([]byte(tt.in)))
		if got != tt.want {
			t.Errorf("EscapeStrayTicks(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
		// What goldmark reads as code is the same.
		gb, gs := goldmarkCode([]byte(tt.in))
		wb, ws := goldmarkCode([]byte(got))
		if fmt.Sprint(gb, gs) != fmt.Sprint(wb, ws) {
			t.Errorf("EscapeStrayTicks(%q) changed the code: %q %q -> %q %q", tt.in, gb, gs, wb, ws)
		}
	}
}

// BenchmarkSegmentsHostile reports the time and memory Segments takes on
// the shapes that make careless scanners quadratic.
func BenchmarkSegmentsHostile(b *testing.B) {
	shapes := []struct {
		name string
		src  []byte
	}{
		{"stray-runs-33+", strayRuns(4<<20, 33, 1)},
		{"stray-runs-1-32", strayRuns(4<<20, 1, 0)},
		{"tilde-run-6MB", bytes.Repeat([]byte("~"), 6<<20)},
		{"backtick-run-6MB", bytes.Repeat([]byte("`"), 6<<20)},
		{"tilde-lines", bytes.Repeat([]byte("~~~\n"), 6<<20/4)},
		{"markers-in-paragraph", bytes.Repeat([]byte("a ``` ~~~ `` `\n"), 4<<20/15)},
	}
	for _, s := range shapes {
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(s.src)))
			b.ReportAllocs()
			for b.Loop() {
				Segments(s.src)
			}
		})
	}
}
