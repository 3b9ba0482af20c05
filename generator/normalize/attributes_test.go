package normalize

import (
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/markdown/blockattr"
	"github.com/yuin/goldmark/ast"
)

// TestCleanAttributes pins what a note's attribute lists keep: an id,
// classes, a title, lang, dir and data-*, with plain values; event
// handlers, styles and lists are dropped with a warning at their line.
func TestCleanAttributes(t *testing.T) {
	for _, tc := range []struct{ in, want, warn string }{
		{"Para\n{style=\"position:fixed\" title=\"t\"}\n", "Para\n{title=\"t\"}\n", "x.md:11: warning: attributes style dropped: a block keeps an id and classes as text, and title, lang, dir and data-* with plain values"},
		{"## H {onclick=\"alert(1)\" data-x=[1,2] .ok}\n", "## H {class=\"ok\"}\n", "x.md:10: warning: attributes onclick, data-x dropped: a block keeps an id and classes as text, and title, lang, dir and data-* with plain values"},
		{"> quote\n> {onmouseover=\"x\" #q}\n", "> quote\n> {id=\"q\"}\n", "x.md:11: warning: attributes onmouseover dropped: a block keeps an id and classes as text, and title, lang, dir and data-* with plain values"},
		{"| a |\n|---|\n{hidden=true}\n", "| a |\n|---|\n{}\n", "x.md:12: warning: attributes hidden dropped: a block keeps an id and classes as text, and title, lang, dir and data-* with plain values"},
		{"Para\n{style=\"x\" title=\"say \\\"hi\\\" \\\\ \\n\"}\n", "Para\n{title=\"say \\\"hi\\\" \\\\ \\n\"}\n", "x.md:11: warning: attributes style dropped: a block keeps an id and classes as text, and title, lang, dir and data-* with plain values"},
		{"## H {id=5}\n", "## H {}\n", "x.md:10: warning: attributes id dropped: a block keeps an id and classes as text, and title, lang, dir and data-* with plain values"},
		{"Para\n{style=\"x\"\n title=\"t\"}\nNext\n", "Para\n{title=\"t\"}\nNext\n", "x.md:11: warning: attributes style dropped: a block keeps an id and classes as text, and title, lang, dir and data-* with plain values"},
		{"Para\n{hidden=true}0\n", "Para\n{}0\n", "x.md:11: warning: attributes hidden dropped: a block keeps an id and classes as text, and title, lang, dir and data-* with plain values"},
		// Kept as written: nothing to drop, not an attribute list, code.
		{"Para\n{id=\"^b1\"}\n", "Para\n{id=\"^b1\"}\n", ""},
		{"## H {#id .c data-n=2 lang=en}\n", "## H {#id .c data-n=2 lang=en}\n", ""},
		{"Para\n{scale: 0.62}\n", "Para\n{scale: 0.62}\n", ""},
		{"Para {style=x} in text\n", "Para {style=x} in text\n", ""},
		{"Para\n    {style=x}\n", "Para\n    {style=x}\n", ""},
		{"## H \\{style=x}\n", "## H \\{style=x}\n", ""},
		{"a {\nb }\n", "a {\nb }\n", ""},
	} {
		got, diags := cleanAttributes([]byte(tc.in), "x.md", 10)
		var warn []string
		for _, d := range diags {
			warn = append(warn, d.String())
		}
		if string(got) != tc.want || strings.Join(warn, "\n") != tc.warn {
			t.Errorf("cleanAttributes(%q) = %q, %q; want %q, %q", tc.in, got, warn, tc.want, tc.warn)
		}
		if again, diags := cleanAttributes(got, "x.md", 10); string(again) != string(got) || len(diags) > 0 {
			t.Errorf("not idempotent: %q gives %q, %v", got, again, diags)
		}
	}
}

// FuzzCleanAttributes checks that what cleanAttributes leaves gives no
// block an attribute it does not keep, as goldmark reads the text the
// way Hugo does, and that cleaning again changes nothing.
func FuzzCleanAttributes(f *testing.F) {
	for _, s := range []string{
		"Para\n{style=\"x\" title=\"t\"}\n", "## H {onclick=\"a\" .ok}\n", "> q\n> {onmouseover=x #q}\n",
		"| a |\n|---|\n{hidden=true}\n", "## H {id=5}\n", "- item\n{style=x}\n", "Para\n    {style=x}\n",
	} {
		f.Add(s)
	}
	p := markdown.NewParser()
	f.Fuzz(func(t *testing.T, text string) {
		out, _ := cleanAttributes([]byte(text), "x.md", 1)
		if again, diags := cleanAttributes(out, "x.md", 1); string(again) != string(out) || len(diags) > 0 {
			t.Fatalf("not idempotent: %q gives %q, then %q", text, out, again)
		}
		_ = ast.Walk(p.Parse(out), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering || n.Type() != ast.TypeBlock {
				return ast.WalkContinue, nil
			}
			for _, a := range n.Attributes() {
				if !blockattr.Kept(a.Name, a.Value) {
					t.Fatalf("%q cleaned to %q: a %s keeps %s=%v", text, out, n.Kind(), a.Name, a.Value)
				}
			}
			return ast.WalkContinue, nil
		})
	})
}
