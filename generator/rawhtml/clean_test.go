package rawhtml

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/crib-notes/crib/generator/markdown"
)

func clean(md string, opts Options) (string, []Drop) {
	out, _, drops := Clean([]byte(md), nil, parser().Parse, opts)
	return string(out), drops
}

// TestClean is a table of Markdown in, Markdown out and what was
// reported, by line and tag.
func TestClean(t *testing.T) {
	images := Options{Image: func(src string) (string, error) {
		if src == "pics/cat.png" {
			return "cat.png", nil
		}
		return "", errors.New("not in the vault")
	}}
	for _, c := range []struct {
		name, in, out string
		drops         []string // "line tag"
		opts          Options
	}{
		{name: "formatting kept", in: "H<sub>2</sub>O, x<sup>2</sup>, <kbd>Ctrl</kbd>+<kbd>C</kbd>, <mark>hot</mark>, <u>u</u>, <small>s</small>, <abbr title=\"HyperText\">HTML</abbr>\n",
			out: "H<sub>2</sub>O, x<sup>2</sup>, <kbd>Ctrl</kbd>+<kbd>C</kbd>, <mark>hot</mark>, <u>u</u>, <small>s</small>, <abbr title=\"HyperText\">HTML</abbr>\n"},
		{name: "written as a browser reads it", in: "<KBD>A</KBD> <Span Title=x>t</SPAN> a<br/>b<BR>c\n",
			out: "<kbd>A</kbd> <span title=\"x\">t</span> a<br>b<br>c\n"},
		{name: "details around Markdown", in: "<details open>\n<summary>Answer</summary>\n\nSome **Markdown**.\n\n</details>\n",
			out: "<details open=\"\">\n<summary>Answer</summary>\n\nSome **Markdown**.\n\n</details>\n"},
		{name: "table with spans and implied ends", in: "<table>\n<tr><th colspan=2 align=center>h</th></tr>\n<tr><td>a<td rowspan=\"x\">b\n</table>\n",
			out: "<table>\n<tr><th colspan=\"2\" align=\"center\">h</th></tr>\n<tr><td>a</td><td>b\n</td></tr></table>\n", drops: []string{"3 <td rowspan=\"x\">"}},
		{name: "style, class, id and handlers dropped", in: "<span style=\"color:red\" class=\"btn\" id=\"top\" onclick=\"x()\">red</span>\n",
			out: "<span>red</span>\n", drops: []string{"1 <span style=\"color:red\" class=\"btn\" id=\"top\" onclick=\"x()\">"}},
		{name: "script block and its text", in: "<script>\nalert(1)\n</script>\n\nafter\n",
			out: "\n\n\n\nafter\n", drops: []string{"1 <script>", "3 </script>"}},
		{name: "style block", in: "<style>body{display:none}</style>\n", out: "\n", drops: []string{"1 <style>", "1 </style>"}},
		{name: "inline script tags", in: "a <script>alert(1)</script> b\n", out: "a alert(1) b\n", drops: []string{"1 <script>", "1 </script>"}},
		{name: "javascript links", in: "<a href=\"javascript:alert(1)\">x</a> <a href=\"&#106;avascript:y\">y</a> <a href=\" JaVaScRiPt:z\">z</a>\n",
			out: "x y z\n", drops: []string{"1 <a href=\"javascript:alert(1)\">", "1 </a>", "1 <a href=\"&#106;avascript:y\">", "1 </a>", "1 <a href=\" JaVaScRiPt:z\">", "1 </a>"}},
		{name: "web links kept, relative ones not", in: "<a href=\"https://go.dev/\" title=t>go</a> <a href=\"mailto:a@b.c\">m</a> <a href=\"#part\">p</a> <a href=\"Other.md\">o</a>\n",
			out: "<a href=\"https://go.dev/\" title=\"t\">go</a> <a href=\"mailto:a@b.c\">m</a> <a href=\"#part\">p</a> o\n", drops: []string{"1 <a href=\"Other.md\">", "1 </a>"}},
		{name: "image of the vault", in: "<img src=\"pics/cat.png\" width=200 alt=\"A cat\" onerror=\"x\">\n", opts: images,
			out: "<img src=\"cat.png\" width=\"200\" alt=\"A cat\">\n", drops: []string{"1 <img src=\"pics/cat.png\" width=200 alt=\"A cat\" onerror=\"x\">"}},
		{name: "image not in the vault", in: "a <img src=x onerror=alert(1)> b\n", opts: images, out: "a  b\n", drops: []string{"1 <img src=x onerror=alert(1)> not in the vault"}},
		{name: "image from the web", in: "<img src=\"https://example.com/a.png\">\n", opts: images, out: "<img src=\"https://example.com/a.png\">\n"},
		{name: "image from another host without scheme", in: "<img src=\"//evil.example/a.png\">\n", opts: images, out: "\n", drops: []string{"1 <img src=\"//evil.example/a.png\">"}},
		{name: "svg with a script", in: "<svg><script>alert(1)</script></svg>\n", out: "alert(1)\n", drops: []string{"1 <svg>", "1 <script>", "1 </script>", "1 </svg>"}},
		{name: "svg block with a script", in: "<svg>\n<script>alert(1)</script>\n</svg>\n", out: "\n\n\n", drops: []string{"1 <svg>", "2 <script>", "2 </script>", "3 </svg>"}},
		{name: "dangerous elements", in: "<base href=\"https://evil/\"><meta http-equiv=refresh content=0><form action=x><input name=a></form><object data=x></object><embed src=x><iframe src=x></iframe>\n",
			out: "\n", drops: []string{"1 <base href=\"https://evil/\">", "1 <meta http-equiv=refresh content=0>", "1 <form action=x>", "1 <input name=a>", "1 </form>", "1 <object data=x>", "1 </object>", "1 <embed src=x>", "1 <iframe src=x>", "1 </iframe>"}},
		{name: "stray end tags", in: "text </div></details></article> more\n", out: "text  more\n", drops: []string{"1 </div>", "1 </details>", "1 </article>"}},
		{name: "unclosed inline tag closed in its paragraph", in: "a <b>bold\n\nnext\n", out: "a <b></b>bold\n\nnext\n"},
		{name: "unclosed details closed in its note", in: "<details>\n<summary>S</summary>\n\nrest\n", out: "<details>\n<summary>S</summary></details>\n\nrest\n"},
		{name: "closed in another container", in: "> <div>\n> quoted\n\n</div>\n", out: "> <div>\n> quoted</div>\n\n\n", drops: []string{"4 </div>"}},
		{name: "misnested", in: "<b><i>x</b></i>\n", out: "<b><i>x</i></b>\n", drops: []string{"1 </i>"}},
		{name: "item outside a list", in: "- <li>x</li>\n", out: "- x\n", drops: []string{"1 <li>", "1 </li>"}},
		{name: "cell outside a table", in: "a <td>x</td> <summary>s</summary>\n", out: "a x s\n", drops: []string{"1 <td>", "1 </td>", "1 <summary>", "1 </summary>"}},
		{name: "self-closing is not closed", in: "<b/>bold?\n", out: "<b></b>bold?\n"},
		{name: "code stays code", in: "`<script>` and\n\n```html\n<script>alert(1)</script>\n```\n\n    <iframe>\n", out: "`<script>` and\n\n```html\n<script>alert(1)</script>\n```\n\n    <iframe>\n"},
		{name: "comments kept for the writer", in: "a <!-- note --> b\n\n<!--\nblock\n-->\n", out: "a <!-- note --> b\n\n<!--\nblock\n-->\n"},
		{name: "comment never closed in a block", in: "<div><!-- open\nmore</div>\n", out: "<div></div>\n\n", drops: []string{"1 <!-- open more</div>"}},
		{name: "processing instruction and CDATA", in: "a <?php echo 1; ?> b <![CDATA[x]]> c\n", out: "a  b  c\n", drops: []string{"1 <?php echo 1; ?>", "1 <![CDATA[x]]>"}},
		{name: "in a table", in: "| a | b |\n|---|---|\n| x<br>y | <b>z</b> <i>open |\n", out: "| a | b |\n|---|---|\n| x<br>y | <b>z</b> <i></i>open |\n"},
		{name: "in a callout", in: "> [!note] Title\n> Press <kbd>K</kbd> <font color=red>red</font>\n", out: "> [!note] Title\n> Press <kbd>K</kbd> red\n", drops: []string{"2 <font color=red>", "2 </font>"}},
		{name: "multi-line tag", in: "a <span\ntitle=\"x\" style=\"y\">b</span>\n", out: "a <span title=\"x\">\nb</span>\n", drops: []string{"1 <span title=\"x\" style=\"y\">"}},
		{name: "text with '<' in a block", in: "<div>\na < b\n</div>\n", out: "<div>\na &lt; b\n</div>\n"},
		{name: "lines kept in a quote", in: "> <div onclick=x>\n> <script>\n> x\n> </script>\n> </div>\n", out: "> <div>\n> \n> \n> \n> </div>\n", drops: []string{"1 <div onclick=x>", "2 <script>", "4 </script>"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, drops := clean(c.in, c.opts)
			if out != c.out {
				t.Errorf("Clean(%q)\n got %q\nwant %q", c.in, out, c.out)
			}
			var got []string
			for _, d := range drops {
				s := fmt.Sprintf("%d %s", d.Line+1, d.Tag)
				if d.Err != nil {
					s += " " + d.Err.Error()
				}
				got = append(got, s)
			}
			if strings.Join(got, "\n") != strings.Join(c.drops, "\n") {
				t.Errorf("drops\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.drops, "\n"))
			}
			if again, drops := clean(out, Options{}); again != out || len(drops) > 0 {
				t.Errorf("Clean is not done: again %q, drops %v", again, drops)
			}
		})
	}
}

// TestGuardEmptiesComments checks that the Markdown written for Hugo
// holds no comment's text, inline, as a block, or inside an HTML block,
// and keeps its lines.
func TestGuardEmptiesComments(t *testing.T) {
	in := "a <!-- CRIBLEAK 1 --> b\n\n<!--\nCRIBLEAK 2\n-->\n\n<div><!-- CRIBLEAK 3 --></div>\n\n`<!-- code -->`\n"
	out := string(Guard([]byte(in)))
	if strings.Contains(out, "CRIBLEAK") {
		t.Errorf("Guard(%q) = %q", in, out)
	}
	if strings.Count(out, "\n") != strings.Count(in, "\n") || !strings.Contains(out, "`<!-- code -->`") {
		t.Errorf("Guard(%q) = %q: lines or code changed", in, out)
	}
}

// FuzzClean checks what Clean promises on any Markdown: rendered with raw
// HTML, the result has no element or attribute outside the allow-list,
// no URL but http, https, mailto, a fragment or (images) a path; a
// second Clean changes nothing; the lines stay; and code is kept.
func FuzzClean(f *testing.F) {
	for _, s := range []string{
		"H<sub>2</sub>O <kbd>C</kbd>\n",
		"<details open ontoggle=alert(1)>\n<summary>x</summary>\n\ny\n\n</details>\n",
		"<img src=x onerror=alert(1)>",
		"<a href=\"&#106;avascript:x\">e</a>",
		"<svg><script>alert(1)</script></svg>",
		"<table><tr><td>a<td>b</table>",
		"> <div>\n> x\n\n</div>",
		"- <li>x\n- </li>",
		"<pre>\n`\n</pre>\ntext `<script>` more\n",
		"<div\nonclick=x>\n**b**\n</div>",
		"<style>\n\n</style>\n<p style=x>",
		"`a` <b>`</b>` c",
		"<!-- x --> <b>",
		"<textarea><script>x</script></textarea>",
		"<a href=\"https://x\">[y](javascript:z)</a>",
	} {
		f.Add(s)
	}
	// Raw HTML rendered as the site renders it; Markdown links and
	// images are the theme's render hooks' to check, so goldmark's safe
	// renderer writes them here.
	render := goldmark.New(append(markdown.Options(), goldmark.WithRendererOptions(gmhtml.WithUnsafe(),
		renderer.WithNodeRenderers(util.Prioritized(safeLinks{}, 0))))...)
	f.Fuzz(func(t *testing.T, md string) {
		if len(md) > 4096 {
			return
		}
		out, doc, _ := Clean([]byte(md), nil, parser().Parse, Options{})
		if doc == nil {
			doc = parser().Parse(out)
		}
		if bytes.Count(out, []byte("\n")) != strings.Count(md, "\n") {
			t.Fatalf("lines changed: %q -> %q", md, out)
		}
		again, _, drops := Clean(out, doc, parser().Parse, Options{})
		if !bytes.Equal(again, out) || len(drops) > 0 {
			t.Fatalf("not done: %q -> %q -> %q (%v)", md, out, again, drops)
		}
		var page bytes.Buffer
		if err := render.Renderer().Render(&page, out, doc); err != nil {
			t.Fatal(err)
		}
		checkPage(t, md, page.Bytes())
	})
}

// safeLinks renders Markdown links and images with goldmark's safe
// renderer, which leaves out dangerous URLs.
type safeLinks struct{}

func (safeLinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	gmhtml.NewRenderer().RegisterFuncs(linksOnly{reg})
}

type linksOnly struct {
	renderer.NodeRendererFuncRegisterer
}

func (l linksOnly) Register(k ast.NodeKind, f renderer.NodeRendererFunc) {
	if k == ast.KindLink || k == ast.KindImage || k == ast.KindAutoLink {
		l.NodeRendererFuncRegisterer.Register(k, f)
	}
}

// checkPage fails for an element or attribute of rendered HTML that
// neither goldmark writes for Markdown nor the allow-list keeps.
func checkPage(t *testing.T, md string, page []byte) {
	t.Helper()
	root := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(bytes.NewReader(page), root)
	if err != nil {
		t.Fatal(err)
	}
	markdownElements := map[string]bool{"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "input": true,
		"section": true, "sup": true, "a": true, "img": true, "figure": true, "figcaption": true}
	for _, n := range nodes {
		for d := range n.Descendants() {
			if d.Type != html.ElementNode {
				continue
			}
			if !allowed[d.Data] && !markdownElements[d.Data] {
				t.Fatalf("<%s> from %q:\n%s", d.Data, md, page)
			}
			for _, a := range d.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				switch {
				case strings.HasPrefix(a.Key, "on"), a.Key == "style", a.Key == "srcdoc", a.Key == "formaction":
					t.Fatalf("<%s %s=%q> from %q:\n%s", d.Data, a.Key, a.Val, md, page)
				case (a.Key == "href" || a.Key == "src") && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:")):
					t.Fatalf("<%s %s=%q> from %q:\n%s", d.Data, a.Key, a.Val, md, page)
				}
			}
		}
	}
}

// TestCleanedDocIsTheParse checks that the tree Clean returns is the
// parse of the Markdown it returns.
func TestCleanedDocIsTheParse(t *testing.T) {
	out, doc, _ := Clean([]byte("<div onclick=x>\n\n# Title\n"), nil, parser().Parse, Options{})
	var h *ast.Heading
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if hh, ok := n.(*ast.Heading); ok {
			h = hh
		}
	}
	if h == nil || markdown.HeadingID(h) != "title" || string(out) != "<div></div>\n\n# Title\n" {
		t.Errorf("Clean = %q, heading %v", out, h)
	}
}
