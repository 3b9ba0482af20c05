package markdown

import (
	"bytes"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/crib-notes/crib/generator/markdown/blockattr"
	"github.com/crib-notes/crib/generator/synth"
	"github.com/crib-notes/crib/internal/fixtures"
)

// TestParserGivesGoldmarksAST parses messy notes with the parser and with
// goldmark's own parser, extensions and Linkify, and compares every node:
// the quick tests in front of Linkify and of link reference definitions
// must never change the AST.
func TestParserGivesGoldmarksAST(t *testing.T) {
	// Options with goldmark's default parser and Linkify in place of the
	// quick ones.
	ref := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.TaskList,
			extension.DefinitionList, extension.Footnote, blockattr.Extension, mathExtension),
		goldmark.WithParserOptions(parser.WithAttribute(), parser.WithAutoHeadingID()),
	)
	ours := NewParser()

	inputs := map[string][]byte{
		// Each on its own, so that a document-wide check missing one shows.
		"only-www":   []byte("See www.example.com today.\n"),
		"only-mail":  []byte("Write to a@b.io now.\n"),
		"only-ftp":   []byte("Get ftp://f.org/x now.\n"),
		"only-http":  []byte("At http://x.io now.\n"),
		"only-https": []byte("At https://x.io now.\n"),
		"edge": []byte(strings.Join([]string{
			"See http://example.com, https://x.io/a_(b) and ftp://f.org/x.",
			"Visit www.example.com or (www.paren.org) or *www.em.com* or _https://u.dev_ ~ftp://t.x~",
			"Mail me at a.b+c@example.com or x@y or @handle or me@host.co.uk.",
			"word@ " + strings.Repeat("a", 64) + "@long.com " + strings.Repeat("b", 65) + "@toolong.com",
			"httpx: wwwx. ftp http:/ www. h f w",
			"- item with https://a.b/c?d=e#f and mail@d.io",
			"| a | http://t.co | b@c.de |",
			"|---|---|---|",
			"| x | www.y.com | z |",
			"[link www.a.com](http://b.com) `code http://c.com` <http://d.com>",
			"**bold http://e.com** and trailing www.f.com.",
			strings.Repeat("many words here ", 20) + "then http://far.io/x and " + strings.Repeat("more ", 30) + "mail@far.org end",
			"# Heading with www.h.com and a note[^1]",
			"> quote with https://q.io",
			">\t- tabbed item www.tab.com",
			"-\tdash tab http://dt.io",
			"\t- deeper\tx@y.zz and (http://paren.io)",
			"[^1]: footnote http://fn.io and a@b.cd",
			"Term",
			": definition www.def.io",
			"- [ ] task https://task.io",
			"~~struck www.s.com~~ and <span>raw http://raw.io</span>",
			"",
		}, "\n")),
		"heading-attributes": []byte(strings.Join([]string{
			"# Title {#custom}",
			"## Classes {.a #b data-x=\"y\"}",
			"## Not attributes { here",
			"## Escaped \\{#no}",
			"### Closed ### {#closed}",
			"#\tTabbed {#tab}",
			"## Code `{#c}` in it",
			"## {#only}",
			"## Same",
			"## Same {#same}",
			"## Same",
			"- ## In a list {#li}",
			"> ## Quoted {.q}",
			"Setext {#setext}",
			"======",
			"",
		}, "\n")),
		"link-references": []byte(strings.Join([]string{
			"[foo]: /url \"title\"",
			"[Bar]:",
			"  /bar",
			"",
			"See [foo], [bar][] and [baz].",
			"",
			"   [baz]: </b a z> 'quoted'",
			"text after a definition",
			"",
			"[not a definition] at the start",
			"",
			" \t[tab]: /tab",
			"",
			"- [item]: /in-list",
			"  [item] and [foo]",
			"",
			"> [q]: /quote",
			"> [q]",
			"",
			"Text first",
			"[late]: /not-a-definition",
			"",
			"[^fn]: a footnote, not a definition",
			"",
			"[[wiki]] and [x](/y)",
			"",
		}, "\n")),
	}
	for _, name := range []string{fixtures.Networking, fixtures.GitCI} {
		inputs[name] = fixtures.Read(t, name)
	}
	_ = filepath.WalkDir(filepath.Join("..", "..", "notes"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			inputs[p] = b
		}
		return nil
	})
	for _, mix := range []synth.Mix{synth.Prose, synth.Code} {
		for _, f := range synth.Generate(40, synth.Options{Mix: mix}, 7) {
			inputs[mix.String()+"/"+f.Path] = f.Data
		}
	}
	compare := func(t *testing.T, inputs map[string][]byte) {
		for name, src := range inputs {
			ctx := parser.NewContext(parser.WithIDs(NewIDs()))
			want := dumpAST(ref.Parser().Parse(text.NewReader(src), parser.WithContext(ctx)), src)
			if got := dumpAST(ours.Parse(src), src); got != want {
				t.Errorf("%s: AST differs from goldmark's:\n got %.2000s\nwant %.2000s", name, got, want)
			}
		}
	}
	compare(t, inputs)
	if len(inputs) < 80 {
		t.Fatalf("only %d inputs", len(inputs))
	}
	t.Run("shared", func(t *testing.T) {
		compare(t, map[string][]byte{
			fixtures.SharedSeed: fixtures.Shared(t, fixtures.SharedSeed),
			fixtures.SharedReal: fixtures.Shared(t, fixtures.SharedReal),
		})
	})
}

// dumpAST writes every node with what distinguishes it.
func dumpAST(doc ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			b.WriteString(")")
			return ast.WalkContinue, nil
		}
		fmt.Fprintf(&b, "(%s", n.Kind())
		switch n := n.(type) {
		case *ast.Text:
			fmt.Fprintf(&b, " %d-%d %v %v %q", n.Segment.Start, n.Segment.Stop, n.SoftLineBreak(), n.HardLineBreak(), n.Segment.Value(src))
		case *ast.AutoLink:
			fmt.Fprintf(&b, " %d %q %q", n.AutoLinkType, n.Protocol, n.URL(src))
		case *ast.Heading:
			fmt.Fprintf(&b, " %d %q", n.Level, HeadingID(n))
		case *ast.Link:
			fmt.Fprintf(&b, " %q %q", n.Destination, n.Title)
		case *ast.Image:
			fmt.Fprintf(&b, " %q %q", n.Destination, n.Title)
		}
		for _, a := range n.Attributes() {
			fmt.Fprintf(&b, " %s=%v", a.Name, a.Value)
		}
		if n.Type() == ast.TypeBlock {
			for i := range n.Lines().Len() {
				s := n.Lines().At(i)
				fmt.Fprintf(&b, " [%d-%d]", s.Start, s.Stop)
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// TestMayStartLink checks the quick test against goldmark's own: where it
// says no, goldmark's Linkify parser finds no URL prefix and no e-mail.
func TestMayStartLink(t *testing.T) {
	alphabet := []byte("ahtpfw:./@ _-+(),\"<>[]\\é1\t")
	rng := rand.New(rand.NewPCG(1, 2))
	check := func(b []byte) {
		if mayStartLink(b) {
			return
		}
		for _, p := range []string{"http:", "https:", "ftp:", "www."} {
			if bytes.HasPrefix(b, []byte(p)) {
				t.Fatalf("mayStartLink(%q) = false, but it starts with %q", b, p)
			}
		}
		if i := util.FindEmailIndex(b); i >= 0 {
			t.Fatalf("mayStartLink(%q) = false, but goldmark finds an e-mail address ending at %d", b, i)
		}
	}
	for range 200000 {
		b := make([]byte, rng.IntN(80))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		check(b)
	}
	check([]byte(strings.Repeat("a", 64) + "@b.com"))
	check([]byte(strings.Repeat("a", 63) + "@b.com"))
	if mayStartLink([]byte("word and more")) {
		t.Errorf("mayStartLink(word) = true; the quick test lets ordinary words through")
	}
	if !mayStartLink([]byte("me@example.com")) || !mayStartLink([]byte("https://x.io")) {
		t.Errorf("mayStartLink misses an address")
	}
}

// TestLinkMarks checks the marks against plain searches for the five
// things Linkify starts from.
func TestLinkMarks(t *testing.T) {
	alphabet := []byte("htpsfw:.@ x")
	rng := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		b := make([]byte, rng.IntN(40))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		var want []int
		for i := range b {
			for _, w := range []string{"@", "http:", "https:", "ftp:", "www."} {
				if bytes.HasSuffix(b[:i+1], []byte(w)) && !slices.Contains(want, i) {
					want = append(want, i)
				}
			}
		}
		if got := linkMarks(b); !slices.Equal(got, want) {
			t.Fatalf("linkMarks(%q) = %v, want %v", b, got, want)
		}
	}
}
