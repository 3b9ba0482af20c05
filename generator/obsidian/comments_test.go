package obsidian

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
)

// spansOf returns the code spans goldmark finds in text, as offsets into
// text: what a caller passes with a text run. Code blocks are left out.
func spansOf(text []byte) []markdown.Span {
	var spans []markdown.Span
	for _, s := range markdown.Segments(text) {
		for _, sp := range s.Spans {
			spans = append(spans, markdown.Span{Start: s.Start + sp.Start, End: s.Start + sp.End})
		}
	}
	return spans
}

func TestStripBodyComments(t *testing.T) {
	tests := []struct {
		name, in, want string
		problemLines   []int // lines of the comments hidden to the end
	}{
		{"none", "no comment here, 100% sure", "no comment here, 100% sure", nil},
		{"inline", "a %%hidden%% b", "a  b", nil},
		{"two", "%%x%%a%%y%%b", "ab", nil},
		{"block", "before\n\n%%\nsecret\nlines\n%%\n\nafter", "before\n\n\n\n\n\n\nafter", nil},
		{"mid paragraph", "a %%multi\nline%% b", "a \nb", nil},
		{"in callout", "> [!note]\n> a %%\n> hidden\n> %% b", "> [!note]\n> a \n> \n> b", nil},
		{"code span", "`%%not%%` %%yes%%`%%`", "`%%not%%` `%%`", nil},
		{"double code span", "``a %% ` b`` %%c%%", "``a %% ` b`` ", nil},
		{"escaped", `\%%not a comment\%%`, `\%%not a comment\%%`, nil},
		{"unclosed", "text %%open\nmore", "text \n", []int{1}},
		{"backticks kept apart", "`a`%%x%%`b`", "`a` `b`", nil},
		{"empty comment", "a%%%%b", "ab", nil},
		{"percent", "50% off, 10%% rate", "50% off, 10", []int{1}},
		{"code kept", "text\n```\n%% code %%\n```\n", "text\n```\n%% code %%\n```\n", nil},
		{"code between comments", "a %%x%%\n```\n%%not%%\n```\nb %%y%%\n", "a \n```\n%%not%%\n```\nb \n", nil},
		{"fence commented out", "a %%\n```\ncode\n```\n%% b\n", "a \n\n\n\nb\n", nil},
		{"open to the end", "a %%\n```\ncode\n```\nrest\n", "a \n\n\n\n\n", []int{1}},
		{"quoted fence", "> %%\n> ```\n> x\n> ```\n> %%\n> after\n", "> \n> \n> \n> \n> \n> after\n", nil},
		{"ordered item fence", "1. ```bash\n   echo %%x%%\n   ```\n2. %%y%% z\n", "1. ```bash\n   echo %%x%%\n   ```\n2. z\n", nil},
		{"indented backticks are code, not a fence", "a\n\n    ```\n\nb %%y%%\n\n    ```\n", "a\n\n    ```\n\nb \n\n    ```\n", nil},
		{"markdown fence with quoted fences", "```markdown\n> ```\n> %%x%%\n> ```\n```\nb %%y%%\n", "```markdown\n> ```\n> %%x%%\n> ```\n```\nb \n", nil},
		{"stray backticks in two items", "- a ` b\n- c %%y%% d ` e\n", "- a ` b\n- c  d ` e\n", nil},
		{"stray backticks around a heading", "a ` b\n# H %%y%% `c\n", "a ` b\n# H  `c\n", nil},
		// A comment whose next "%%" is in code has no clear end: it
		// hides the rest.
		{"closed fence inside a comment", "a %%\n```\n%% x\n```\n%% b\n", "a \n\n\n\n\n", []int{1}},
		{"code span inside a comment", "a %% x `y %%` z %% b\nc", "a \n", []int{1}},
		{"stray backtick inside a comment", "a %% x ` y %% z ` w\n", "a \n", []int{1}},
		{"code without %% inside a comment", "a %% x `y` z\n```\nq\n```\n%% b\n", "a \n\n\n\nb\n", nil},
		{"unclosed fence inside a comment", "a %% x\n```\n%%\nb %% c\n", "a \n\n\n\n", []int{1}},
		{"end inside a code span", "a %% ` %% b %%y%% c `\nd\n", "a \n\n", []int{1}},
		// What the body says before a comment is removed decides: here
		// "%%y%%" is a comment, though removing the first one makes a
		// fence of the line.
		{"comment before a fence marker", "%%x%%```\n%%y%%\n", "```\n\n", nil},
		{"percent signs kept apart", `\%%%x%%%`, `\% %`, nil},
		// A comment that begins a line's content leaves what follows it
		// at the same column: "-  z" would start its list item's content
		// one column later, and the item's indented code would be text.
		{"comment beginning an item", "- %%y%% z\n\n      code %%k%%\n", "- z\n\n      code %%k%%\n", nil},
		{"comment beginning a line", "a\n\n%%y%%    b %%k%%\n", "a\n\nb \n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, segs, problems := StripBodyComments([]byte(tt.in))
			if string(got) != tt.want {
				t.Errorf("StripBodyComments(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			var lines []int
			for _, p := range problems {
				lines = append(lines, p.Line)
			}
			if !slices.Equal(lines, tt.problemLines) {
				t.Errorf("problems at lines %v, want %v: %+v", lines, tt.problemLines, problems)
			}
			if n, m := bytes.Count(got, []byte("\n")), bytes.Count([]byte(tt.in), []byte("\n")); n != m {
				t.Errorf("line count changed from %d to %d", m, n)
			}
			if want := markdown.Segments(got); !reflect.DeepEqual(segs, want) {
				t.Errorf("segments %+v, want %+v", segs, want)
			}
		})
	}
}

// TestCommentsTangledWithCode checks what StripBodyComments does when
// reading the body again keeps finding comments: once it has read it
// maxCommentPasses times, everything from the first comment on is hidden.
func TestCommentsTangledWithCode(t *testing.T) {
	defer func(n int) { maxCommentPasses = n }(maxCommentPasses)
	maxCommentPasses = 0
	got, _, problems := StripBodyComments([]byte("a\n\nb %%x%% c\n\nd\n"))
	if string(got) != "a\n\nb \n\n\n" {
		t.Errorf("got %q", got)
	}
	if len(problems) != 1 || problems[0].Line != 3 || !strings.Contains(problems[0].Message, "tangled") {
		t.Errorf("problems: %+v", problems)
	}
}

// commentOutsideCode returns the offset of the first "%%" outside code
// (as goldmark reads src) that no backslash escapes, or -1.
func commentOutsideCode(src []byte) int {
	for _, s := range markdown.Segments(src) {
		if s.Code() {
			continue
		}
		text := src[s.Start:s.End]
		code := newCodeSpans(text, s.Spans)
		for i := 0; i < len(text); i++ {
			switch text[i] {
			case '`':
				j, _ := code.skip(i)
				i = j - 1
			case '\\':
				if i+1 < len(text) && isPunct(text[i+1]) {
					i++
				}
			case '%':
				if i+1 < len(text) && text[i+1] == '%' {
					return s.Start + i
				}
			}
		}
	}
	return -1
}

// TestStripBodyCommentsLeavesNoneOutsideCode runs StripBodyComments on
// text made of the pieces that decide what is code and what is a comment,
// and checks what it promises: no "%%" is left outside code, lines keep
// their numbers, and a second run changes nothing.
func TestStripBodyCommentsLeavesNoneOutsideCode(t *testing.T) {
	pieces := []string{"%%", "%", "`", "``", "```", "~~~", "\n", "\n\n", "> ", "- ", "1. ", "    ", "x", " ", "\\", "#"}
	rng := rand.New(rand.NewPCG(21, 22))
	for range 20000 {
		var b []byte
		for range rng.IntN(24) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		checkStripped(t, b)
	}
}

func checkStripped(t *testing.T, in []byte) {
	t.Helper()
	out, _, problems := StripBodyComments(in)
	if n, m := bytes.Count(out, []byte("\n")), bytes.Count(in, []byte("\n")); n != m {
		t.Fatalf("line count %d -> %d\n in %q\nout %q", m, n, in, out)
	}
	if len(out) > len(in) {
		t.Fatalf("output grew: %q -> %q", in, out)
	}
	if k := commentOutsideCode(out); k >= 0 {
		t.Fatalf("a %%%% is left outside code at %d:\n in %q\nout %q", k, in, out)
	}
	for _, p := range problems {
		if p.Line < 1 || p.Line > bytes.Count(in, []byte("\n"))+1 || !strings.Contains(p.Message, "hidden") {
			t.Fatalf("problem out of range: %+v for %q", p, in)
		}
	}
	if again, _, more := StripBodyComments(out); !bytes.Equal(again, out) || len(more) > 0 {
		t.Fatalf("not idempotent: %q -> %q -> %q %v", in, out, again, more)
	}
}
