package normalize

import (
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/yuin/goldmark/ast"
)

// TestUnquoteLinks pins the repair of quoted link destinations: links
// and images goldmark reads with quotes around the URL get the URL, and
// code, raw HTML and text that is no link keep what they wrote.
func TestUnquoteLinks(t *testing.T) {
	p := markdown.NewParser()
	for _, tc := range []struct{ in, want, warn string }{
		{`Read [Android docs]("https://developer.android.com/docs") first.`, `Read [Android docs](https://developer.android.com/docs) first.`,
			`x.md:3: warning: link destination "https://developer.android.com/docs" is in quotes; written without them`},
		{"a\n[s]('https://example.com/s') and [t](  \"https://e.com/t\"  \"Title\" )", "a\n[s](https://example.com/s) and [t](https://e.com/t  \"Title\")",
			"x.md:4: warning: link destination 'https://example.com/s' is in quotes; written without them\nx.md:4: warning: link destination \"https://e.com/t\" is in quotes; written without them"},
		{`![diagram]("diagram.png")`, `![diagram](diagram.png)`, `x.md:3: warning: link destination "diagram.png" is in quotes; written without them`},
		{`[w](https://en.wikipedia.org/wiki/X_(y))`, `[w](https://en.wikipedia.org/wiki/X_(y))`, ""},
		// Kept as written.
		{"`[x](\"https://example.com/code\")` and [y](\"https://e.com/y\")", "`[x](\"https://example.com/code\")` and [y](https://e.com/y)",
			`x.md:3: warning: link destination "https://e.com/y" is in quotes; written without them`},
		{"    [x](\"https://indented.example/code\")\n", "    [x](\"https://indented.example/code\")\n", ""},
		{`[t](https://example.com "A title")`, `[t](https://example.com "A title")`, ""},
		{`[t]("a b")`, `[t]("a b")`, ""},
		{`<a href="x">[t]("https://e.com")</a>`, `<a href="x">[t](https://e.com)</a>`, `x.md:3: warning: link destination "https://e.com" is in quotes; written without them`},
		{`<span title='[t]("https://e.com")'>`, `<span title='[t]("https://e.com")'>`, ""},
		{`\[t]("https://e.com")`, `\[t]("https://e.com")`, ""},
	} {
		got, diags := unquoteLinks([]byte(tc.in), p.Parse, "x.md", 3)
		var warn []string
		for _, d := range diags {
			warn = append(warn, d.String())
		}
		if string(got) != tc.want || strings.Join(warn, "\n") != tc.warn {
			t.Errorf("unquoteLinks(%q) =\n  %q, %q\nwant\n  %q, %q", tc.in, got, warn, tc.want, tc.warn)
		}
	}
}

// FuzzUnquoteLinks checks that the repair leaves code as it was, and
// that repairing again changes nothing.
func FuzzUnquoteLinks(f *testing.F) {
	for _, s := range []string{`[a]("https://x")`, "`[a](\"https://x\")` [b]('y')", "    [a](\"x\")", `<b title='[a]("x")'>`, `![i]("p.png" "t")`} {
		f.Add(s)
	}
	p := markdown.NewParser()
	codeOf := func(src []byte) []string {
		var code []string
		_ = ast.Walk(p.Parse(src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && (n.Kind() == ast.KindCodeSpan || n.Kind() == ast.KindCodeBlock || n.Kind() == ast.KindFencedCodeBlock) {
				if r, ok := span(n); ok {
					code = append(code, string(src[r[0]:r[1]]))
				} else if l := n.Lines(); l.Len() > 0 {
					code = append(code, string(src[l.At(0).Start:l.At(l.Len()-1).Stop]))
				}
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
		return code
	}
	f.Fuzz(func(t *testing.T, text string) {
		out, _ := unquoteLinks([]byte(text), p.Parse, "x.md", 1)
		if again, _ := unquoteLinks(out, p.Parse, "x.md", 1); string(again) != string(out) {
			t.Fatalf("not idempotent: %q gives %q, then %q", text, out, again)
		}
		if string(out) != text && strings.Join(codeOf(out), "\x00") != strings.Join(codeOf([]byte(text)), "\x00") {
			t.Fatalf("%q repaired to %q changed its code: %q, now %q", text, out, codeOf([]byte(text)), codeOf(out))
		}
	})
}
