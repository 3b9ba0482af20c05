package markdown

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
)

func TestAnchor(t *testing.T) {
	tests := []struct{ in, want string }{
		{`Interview Q: "What were the actual pain points before Docker?"`, "interview-q-what-were-the-actual-pain-points-before-docker"},
		{"1. THE OLD PROBLEM: Single-Server Deployment", "1-the-old-problem-single-server-deployment"},
		{"LINUX vs WINDOWS CONTAINERS", "linux-vs-windows-containers"},
		{"Hypervisors: Type 1 vs Type 2", "hypervisors-type-1-vs-type-2"},
		{"**Bold** `code` snake_case", "bold-code-snake_case"},
		{"Système d'exploitation", "système-dexploitation"},
		{"日本語", "日本語"},
		{"  padded  ", "padded"},
	}
	for _, tt := range tests {
		if got := Anchor(tt.in); got != tt.want {
			t.Errorf("Anchor(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// The ASCII path agrees with the rune path on every ASCII byte and on
	// text longer than its stack buffer.
	var all []byte
	for c := range 128 {
		all = append(all, byte(c))
	}
	for _, in := range []string{string(all), strings.Repeat("Ab-C d_9 ", 20), "x\u00e9" + strings.Repeat("Z", 70)} {
		if got, want := Anchor(in), anchorRunes(strings.TrimSpace(in)); got != want {
			t.Errorf("Anchor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseHeadingIDs(t *testing.T) {
	src := []byte("# Same\n\n## Same\n\n### ???\n\n## Custom {#mine}\n\n## Same\n\n## Same 3\n\n## Same\n\n## ???\n\n## Été\n\n## été\n")
	doc := NewParser().Parse(src)
	var got []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			got = append(got, HeadingID(h))
		}
		return ast.WalkContinue, nil
	})
	want := []string{"same", "same-1", "heading", "mine", "same-2", "same-3", "same-4", "heading-1", "été", "été-1"}
	if len(got) != len(want) {
		t.Fatalf("ids = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("id %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestPlainText(t *testing.T) {
	src := []byte("- **Term**: a `code` [link](x) and <https://a.b>\n")
	doc := NewParser().Parse(src)
	item := doc.FirstChild().FirstChild()
	if got, want := PlainText(item, src), "Term: a code link and https://a.b"; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
	if got, want := PlainTextWithCode(item, src), "Term: a `code` link and https://a.b"; got != want {
		t.Errorf("PlainTextWithCode = %q, want %q", got, want)
	}
	// A code span that holds backticks is fenced with more of them.
	src = []byte("Is ``a`b`` or `` `x` `` code?\n")
	doc = NewParser().Parse(src)
	if got, want := PlainTextWithCode(doc.FirstChild(), src), "Is ``a`b`` or `` `x` `` code?"; got != want {
		t.Errorf("PlainTextWithCode = %q, want %q", got, want)
	}
}

func TestCollapseSpace(t *testing.T) {
	for in, want := range map[string]string{
		"plain":             "plain",
		"a  b\tc\r\n\nd":    "a b c d",
		"  edges \n":        " edges ",
		"non\u00a0breaking": "non\u00a0breaking",
	} {
		if got := CollapseSpace(in); got != want {
			t.Errorf("CollapseSpace(%q) = %q, want %q", in, got, want)
		}
	}
}
