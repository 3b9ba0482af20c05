package nesting

import (
	"bytes"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

func TestLimitInline(t *testing.T) {
	const n = 300
	tests := []struct{ name, src, kept string }{
		{"strong in strong", strings.Repeat("**", 30) + "word" + strings.Repeat("**", 30), "word"},
		{"emphasis alternating", strings.Repeat("*a _a ", n) + "word" + strings.Repeat(" a_ a*", n), "word"},
		{"strikethrough and strong", strings.Repeat("~~a **a ", n) + "word" + strings.Repeat(" a** a~~", n), "word"},
		{"images in images", strings.Repeat("![", n) + "word" + strings.Repeat("](a.png)", n), "word"},
		{"code is kept", "`**a_b**` " + strings.Repeat("*a ", n) + "word" + strings.Repeat(" a*", n), "<code>**a_b**</code>"},
		{"in a quote, over lines", "> " + strings.Repeat("*a _a ", n) + "\n> word\n> " + strings.Repeat(" a_ a*", n), "word"},
	}
	p := markdown.NewParser()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte("Before.\n\n" + tt.src + "\n\nAfter *one* **two**.\n")
			out, starts := LimitInline(src, p.Parse(src), 10)
			if len(starts) != 1 || starts[0] < len("Before.\n\n") {
				t.Errorf("blocks at %v", starts)
			}
			doc := p.Parse(out)
			if _, d := Depths(doc); d > 10 {
				t.Errorf("still nests %d deep", d)
			}
			html := render(t, out)
			if !strings.Contains(html, tt.kept) || !strings.Contains(html, "<em>one</em> <strong>two</strong>") {
				t.Errorf("text lost or other blocks changed: %.300s", html)
			}
			if again, more := LimitInline(out, doc, 10); string(again) != string(out) || more != nil {
				t.Errorf("not idempotent")
			}
		})
	}
}

func TestLimitInlineKeepsSource(t *testing.T) {
	src := []byte("Some *emphasis*, **strong**, ~~gone~~ and [a **link**](x).\n")
	if out, starts := LimitInline(src, markdown.NewParser().Parse(src), MaxInlineDepth); &out[0] != &src[0] || starts != nil {
		t.Errorf("changed %q", out)
	}
}

func TestLimitInlineLongRuns(t *testing.T) {
	long := markdown.MaxDelimiterRun + 1
	tests := []struct {
		name, src string
		kept      []string // in the HTML Hugo's parser makes of the result
		same      bool     // src needs nothing escaped
	}{
		{"strong in strong", strings.Repeat("**", 300) + "word" + strings.Repeat("**", 300) + " and [a link](x)",
			[]string{strings.Repeat("*", 600) + "word" + strings.Repeat("*", 600), `<a href="x">a link</a>`}, false},
		{"a filler line", "Name: " + strings.Repeat("_", long) + " and *this*",
			[]string{"Name: " + strings.Repeat("_", long), "<em>this</em>"}, false},
		{"strikethrough", "x " + strings.Repeat("~", long) + "gone" + strings.Repeat("~", long),
			[]string{"x " + strings.Repeat("~", long) + "gone"}, false},
		{"one short of long", strings.Repeat("*", markdown.MaxDelimiterRun) + " x",
			[]string{strings.Repeat("*", markdown.MaxDelimiterRun) + " x"}, true},
		{"in a code span", "`" + strings.Repeat("*", long) + "` *b*",
			[]string{"<code>" + strings.Repeat("*", long) + "</code>", "<em>b</em>"}, true},
		{"in a fence", "```\n" + strings.Repeat("*", long) + "\n```",
			[]string{strings.Repeat("*", long)}, true},
	}
	p := markdown.NewParser()
	hugo := goldmark.New(goldmark.WithExtensions(extension.GFM))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte("Before.\n\n" + tt.src + "\n\nAfter *one* **two**.\n")
			doc := p.Parse(src)
			out, starts := LimitInline(src, doc, MaxInlineDepth)
			if starts != nil {
				t.Errorf("long runs counted as deep blocks at %v", starts)
			}
			if tt.same != (&out[0] == &src[0]) {
				t.Errorf("escaped nothing: %v, want %v", &out[0] == &src[0], tt.same)
			}
			if !tt.same && len(out) <= len(src) {
				t.Errorf("escaped, yet no longer than the source")
			}
			var b bytes.Buffer
			if err := hugo.Convert(out, &b); err != nil {
				t.Fatal(err)
			}
			html := b.String()
			for _, k := range append(tt.kept, "<em>one</em> <strong>two</strong>") {
				if !strings.Contains(html, k) {
					t.Errorf("missing %.80q in %s", k, html[len(html)-400:])
				}
			}
			if _, d := Depths(markdown.NewParser().Parse(out)); d > MaxInlineDepth {
				t.Errorf("nests %d deep", d)
			}
			if again, _ := LimitInline(out, p.Parse(out), MaxInlineDepth); string(again) != string(out) {
				t.Errorf("not idempotent")
			}
		})
	}
}

// render is src as HTML, with the options Hugo's Markdown has.
func render(t *testing.T, src []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := goldmark.New(markdown.Options()...).Convert(src, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
