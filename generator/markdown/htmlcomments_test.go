package markdown

import (
	"bytes"
	"testing"

	"github.com/yuin/goldmark"
)

func TestWithoutHTMLComments(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"none", "Plain text.\n", "Plain text.\n"},
		{"inline", "Text <!-- hidden --> more.\n", "Text <!----> more.\n"},
		{"inline over three lines", "Text <!-- hidden\nhidden\nstill hidden --> more.\n", "Text <!--\n.\n--> more.\n"},
		{"block", "Before.\n\n<!--\nhidden\n\nhidden\n-->\n\nAfter.\n", "Before.\n\n<!--\n.\n\n.\n-->\n\nAfter.\n"},
		{"block with text after the close", "<!-- a --> also omitted\nnext\n", "<!---->\nnext\n"},
		{"block never closed", "Before.\n\n<!-- hidden\nhidden too\n", "Before.\n\n<!--\n.\n"},
		{"block in a quote", "> <!--\n> hidden\n> -->\n> After.\n", "> <!--\n> .\n> -->\n> After.\n"},
		{"empty comments", "a <!--> <!---> b\n", "a <!--> <!---> b\n"},
		{"empty comment block", "<!--> <!---> a\n", "<!-->\n"},
		{"comment inside another HTML block", "<div>\n<!-- a --> <b>x</b> <!-- b -->\n</div>\n", "<div>\n<!----> <b>x</b> <!---->\n</div>\n"},
		{"comment across lines inside another HTML block", "<div> <!-- a\nb --> c\n</div>\n", "<div> <!--\n--> c\n</div>\n"},
		{"heading", "# Title <!-- hidden -->\n", "# Title <!---->\n"},
		{"list item", "- a\n  - <!--\n    hidden\n    -->\n", "- a\n  - <!--\n    .\n    -->\n"},
		{"code span keeps it", "Use `<!-- x -->` in HTML.\n", "Use `<!-- x -->` in HTML.\n"},
		{"fence keeps it", "```html\n<!-- x -->\n```\n", "```html\n<!-- x -->\n```\n"},
		{"indented code keeps it", "Text.\n\n    <!-- x -->\n", "Text.\n\n    <!-- x -->\n"},
		{"unclosed inline is text", "a <!-- b\n", "a <!-- b\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(WithoutHTMLComments([]byte(tt.src))); got != tt.want {
				t.Errorf("WithoutHTMLComments(%q)\n got %q\nwant %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestCutHTMLComments(t *testing.T) {
	tests := []struct{ src, want string }{
		{"# Title <!-- hidden -->", "# Title "},
		{"# A <!-- x --> `<!-- code -->` <!-- y -->b", "# A  `<!-- code -->` b"},
		{"<!-- a block --> and its line", ""},
		{"Title <!-- never closed", "Title <!-- never closed"},
	}
	for _, tt := range tests {
		if got := string(CutHTMLComments([]byte(tt.src))); got != tt.want {
			t.Errorf("CutHTMLComments(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

// Whatever the input, WithoutHTMLComments keeps the lines, renders the
// same (raw HTML omitted, as on the site), is idempotent, and leaves no
// text inside a comment but the "." of a line.
func FuzzWithoutHTMLComments(f *testing.F) {
	for _, s := range []string{
		"a <!-- b --> c", "<!--\nx\n-->\n", "> <!-- a\n> b -->\n", "- item <!-- x -->\n  - <!--\n  y\n  -->\n",
		"<div>\n<!-- a\nb -->\n</div>", "`<!-- x -->` <!-- y -->", "<!-- a --> b\n\n<!-- c",
	} {
		f.Add(s)
	}
	md := goldmark.New(Options()...)
	render := func(t *testing.T, src []byte) string {
		var b bytes.Buffer
		if err := md.Convert(src, &b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	f.Fuzz(func(t *testing.T, s string) {
		src := []byte(s)
		out := WithoutHTMLComments(src)
		if again := WithoutHTMLComments(out); !bytes.Equal(again, out) {
			t.Fatalf("not idempotent: %q -> %q -> %q", src, out, again)
		}
		if bytes.Count(out, []byte("\n")) != bytes.Count(src, []byte("\n")) {
			t.Fatalf("lines changed: %q -> %q", src, out)
		}
		if a, b := render(t, src), render(t, out); a != b {
			t.Fatalf("rendering changed:\n%q\n%q\n%q\n%q", src, out, a, b)
		}
		for _, c := range htmlComments(out) {
			last := len(c.pieces) - 1
			for i, p := range c.pieces {
				start, stop := p.Start, p.Stop
				if i == 0 {
					start = c.open + len(commentOpen)
				}
				if i == last && c.close >= 0 {
					stop = c.close
					if c.rest && c.close+len(commentClose) < p.Stop {
						t.Fatalf("text after a comment block is left: %q", out[c.close:p.Stop])
					}
				}
				left := string(out[start:max(start, stop)])
				if left != "" && (left != "." || i == 0 || i == last && c.close >= 0) {
					t.Fatalf("comment text %q is left in %q (from %q)", left, out, src)
				}
			}
		}
	})
}
