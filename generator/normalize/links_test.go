package normalize

import (
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
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
