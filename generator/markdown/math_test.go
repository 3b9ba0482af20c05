package markdown

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/pelletier/go-toml/v2"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// formulas lists the math of a parsed document: "I:tex" inline, "D:tex"
// display.
func formulas(doc ast.Node, src []byte) []string {
	var out []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if tex, display, ok := Math(n, src); ok && entering {
			kind := "I:"
			if display {
				kind = "D:"
			}
			out = append(out, kind+tex)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out
}

func parseMath(src string) ([]string, ast.Node) {
	doc := NewParser().Parse([]byte(src))
	return formulas(doc, []byte(src)), doc
}

// What is math is what Obsidian shows as math.
func TestMathRules(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"inline", "a $x^2$ b", []string{"I:x^2"}},
		{"two prices", "costs $5 and $10 today", nil},
		{"space after the opener", "$ x$", nil},
		{"space before the closer", "$x $", nil},
		{"digit after the closer", "$x$5", nil},
		{"space then digit", "$x$ 5", []string{"I:x"}},
		{"punctuation after", "($x$), $y$.", []string{"I:x", "I:y"}},
		{"escaped dollars", `\$x\$`, nil},
		{"escaped backslash before", `\\$x$`, []string{"I:x"}},
		{"escaped dollar inside", `$\$5$`, []string{`I:\$5`}},
		{"first closer only", "$a $b$", []string{"I:b"}},
		{"code span", "`$x$` and `$$y$$`", nil},
		{"Kotlin template in code", "val s = `\"$$price\"`", nil},
		{"Kotlin template in prose", "\"$$price\" costs $5", nil},
		{"fence", "```kotlin\nval a = \"$$b\"\n$x$\n```\n", nil},
		{"indented code", "    $x$\n", nil},
		{"code inside math", "$a `b` c$", []string{"I:a `b` c"}},
		{"math before code", "$x$ `y` $z$", []string{"I:x", "I:z"}},
		{"display inline", "a $$x^2$$ b", []string{"D:x^2"}},
		{"display block", "$$\n\\sum_i x_i\n$$\n", []string{"D:\n\\sum_i x_i\n"}},
		{"empty display", "$$ $$", nil},
		{"display needs its closer", "$$x$", nil},
		{"display with a lone dollar", "$$a $ b$$", nil},
		{"multi-line inline", "$a\nb$", []string{"I:a\nb"}},
		{"not across paragraphs", "$a\n\nb$", nil},
		{"not at a line start after a break", "$a\n$", nil},
		{"failing formula", `$\frac{$`, []string{`I:\frac{`}},
		{"link text", "[$x$](https://e.org/$y$)", []string{"I:x"}},
		{"autolink", "<https://e.org/$x$>", nil},
		{"table", "| a | $x^2$ |\n| --- | --- |\n| $y$ | $5 |\n", []string{"I:x^2", "I:y"}},
		{"heading", "## Cost $O(n)$\n", []string{"I:O(n)"}},
		{"callout", "> [!note] Sum\n> $$\n> x\n> $$\n", []string{"D:\n> x\n> "}},
		{"list", "- $a$\n- $$b$$\n", []string{"I:a", "D:b"}},
		{"dollar at the end", "costs 5$", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := parseMath(tt.src)
			if !slices.Equal(got, tt.want) {
				t.Errorf("%q: math %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestHugoMath(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a $x$ b", ""},
		{"no math", ""},
		{"costs $5 and $10", `costs \$5 and \$10`},
		{`already \$5`, ""},
		{"$ x$ and $x $ and $x$5", `\$ x\$ and \$x \$ and \$x\$5`},
		{`\\$x$`, `&#92;$x$`},
		{`\\\\$x$`, `\\&#92;$x$`},
		{`\\$ x$`, `\\\$ x\$`},
		{`$\$5$ and $$\$$$`, `${\char36}5$ and $${\char36}$$`},
		{"`$x$` $5", "`$x$` \\$5"},
		{"```\n$5 $6\n```\n$7", "```\n$5 $6\n```\n\\$7"},
		{"[$5](https://e.org/$6) <https://e.org/$7>", "[\\$5](https://e.org/$6) <https://e.org/$7>"},
		{"> $$\n> x\n> $$\n> after", "> $$\nx\n$$\n> after"},
		{"> > a $x\n> > y$ b", "> > a $x\ny$ b"},
		{"> - $$\n>   x\n>   $$", "> - $$\n  x\n  $$"},
		{"$$\nx\n$$ $5", "$$\nx\n$$ \\$5"},
	}
	for _, tt := range tests {
		_, doc := parseMath(tt.src)
		got := HugoMath([]byte(tt.src), doc)
		if string(got) != tt.want {
			t.Errorf("HugoMath(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// hugoParser parses as Hugo does: the same options, with Hugo's own
// passthrough extension (the site's delimiters) instead of Obsidian's
// rules.
func hugoParser() goldmark.Markdown {
	return goldmark.New(optionsWithMath(inlineParsers(), true, passthrough.New(passthrough.Config{
		InlineDelimiters: []passthrough.Delimiters{InlineMath},
		BlockDelimiters:  []passthrough.Delimiters{DisplayMath},
	}))...)
}

// checkHugoAgrees checks that Hugo reads the formulas of src written by
// HugoMath as Crib reads them, and that HugoMath has nothing more to do
// on what it wrote.
func checkHugoAgrees(t *testing.T, hugo goldmark.Markdown, src string) {
	t.Helper()
	_, doc := parseMath(src)
	out := src
	if b := HugoMath([]byte(src), doc); b != nil {
		out = string(b)
	}
	if strings.Count(out, "\n") != strings.Count(src, "\n") {
		t.Fatalf("%q -> %q: lines changed", src, out)
	}
	crib, doc2 := parseMath(out)
	hdoc := hugo.Parser().Parse(text.NewReader([]byte(out)))
	if h := formulas(hdoc, []byte(out)); !slices.Equal(h, crib) {
		t.Fatalf("%q -> %q:\nHugo reads %q\nCrib reads %q", src, out, h, crib)
	}
	if h, c := shape(hdoc, []byte(out)), shape(doc2, []byte(out)); h != c {
		t.Fatalf("%q -> %q:\nHugo's AST %s\nCrib's AST %s", src, out, h, c)
	}
	before, _ := parseMath(src)
	if len(before) != len(crib) {
		t.Fatalf("%q -> %q: %d formulas became %d", src, out, len(before), len(crib))
	}
	if again := HugoMath([]byte(out), doc2); again != nil {
		t.Fatalf("%q -> %q -> %q: not idempotent", src, out, again)
	}
}

// shape is a document's nodes and text, without lines or attributes.
func shape(doc ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			b.WriteString(")")
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "(%s", n.Kind())
		if t, ok := n.(*ast.Text); ok {
			fmt.Fprintf(&b, " %q", t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// Random text of the characters that matter gives Hugo the formulas
// Crib found and no others.
func TestHugoMathAgreesWithHugo(t *testing.T) {
	hugo := hugoParser()
	pieces := []string{"$", "$", "$$", `\`, `\\`, "`", " ", "x", "5", "\n", "\n\n", "> ", "- ", "[", "](u)", "{", "}", "|", "*", "\t", "<", "a>"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		var b strings.Builder
		for range 1 + rng.IntN(16) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		checkHugoAgrees(t, hugo, b.String())
	}
}

func FuzzHugoMath(f *testing.F) {
	for _, s := range []string{"costs $5 and $10", `$\$5$`, `\\$x$`, "> $$\n> x\n> $$", "$a `b` c$", "| $x$ | $5 |\n|-|-|\n"} {
		f.Add(s)
	}
	hugo := hugoParser()
	f.Fuzz(func(t *testing.T, src string) {
		checkHugoAgrees(t, hugo, src)
	})
}

// The site's hugo.toml gives Hugo the delimiters Crib writes formulas
// with.
func TestHugoTOMLMathDelimiters(t *testing.T) {
	b, err := os.ReadFile("../../hugo.toml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Markup struct {
			Goldmark struct {
				Extensions struct {
					Passthrough struct {
						Enable     bool
						Delimiters struct{ Inline, Block [][]string }
					}
				}
			}
		}
	}
	if err := toml.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	p := cfg.Markup.Goldmark.Extensions.Passthrough
	got := fmt.Sprint(p.Enable, p.Delimiters.Inline, p.Delimiters.Block)
	want := fmt.Sprint(true, [][]string{{InlineMath.Open, InlineMath.Close}}, [][]string{{DisplayMath.Open, DisplayMath.Close}})
	if got != want {
		t.Errorf("hugo.toml passthrough: %s, want %s", got, want)
	}
}

func TestPlainTextMath(t *testing.T) {
	tests := []struct{ src, want string }{
		{"Sort in $O(n \\log n)$ time", "Sort in O(n log n) time"},
		{"costs \\$5 and \\$10", "costs $5 and $10"},
		{"keeps \\* and \\\\$x$", "keeps \\* and \\\\x"},
		{"$$\\alpha^2$$", "α²"},
	}
	for _, tt := range tests {
		doc := NewParser().Parse([]byte(tt.src))
		if got := PlainText(doc.FirstChild(), []byte(tt.src)); got != tt.want {
			t.Errorf("PlainText(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// Display math splits its paragraph as in Hugo, and each part keeps its
// lines, which extractors read.
func TestDisplaySplitKeepsLines(t *testing.T) {
	src := []byte("before\n$$x$$ after $z$\nmore\n\n- a $$y$$ b\n\nonly $i$ inline\n\n- $j$ in a list\n")
	doc := NewParser().Parse(src)
	var got []string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Type() == ast.TypeBlock && n.Kind() != ast.KindDocument && n.Kind() != ast.KindList && n.Kind() != ast.KindListItem {
			var lines []string
			for i := range n.Lines().Len() {
				seg := n.Lines().At(i)
				lines = append(lines, string(seg.Value(src)))
			}
			got = append(got, fmt.Sprintf("%s%q", n.Kind(), lines))
		}
		return ast.WalkContinue, nil
	})
	want := []string{`Paragraph["before\n"]`, `PassthroughBlock["$$x$$"]`, `Paragraph[" after $z$\n" "more"]`,
		`TextBlock["a "]`, `PassthroughBlock["$$y$$"]`, `TextBlock[" b"]`,
		`Paragraph["only $i$ inline"]`, `TextBlock["$j$ in a list"]`}
	if !slices.Equal(got, want) {
		t.Errorf("blocks:\n got %q\nwant %q", got, want)
	}
}
