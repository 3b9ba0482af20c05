package nesting

import (
	"bytes"

	"github.com/yuin/goldmark"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
)

func TestLimitInline(t *testing.T) {
	const n = 300
	tests := []struct{ name, src, kept string }{
		{"strong in strong", strings.Repeat("**", n) + "word" + strings.Repeat("**", n), "word"},
		{"emphasis alternating", strings.Repeat("*a _a ", n) + "word" + strings.Repeat(" a_ a*", n), "word"},
		{"strikethrough and strong", strings.Repeat("~~a **a ", n) + "word" + strings.Repeat(" a** a~~", n), "word"},
		{"images in images", strings.Repeat("![", n) + "word" + strings.Repeat("](a.png)", n), "word"},
		{"code is kept", "`**a_b**` " + strings.Repeat("**", n) + "word" + strings.Repeat("**", n), "<code>**a_b**</code>"},
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

// render is src as HTML, with the options Hugo's Markdown has.
func render(t *testing.T, src []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := goldmark.New(markdown.Options()...).Convert(src, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
