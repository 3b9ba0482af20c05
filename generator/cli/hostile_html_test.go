package cli

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/crib-notes/crib/internal/htmltest"
)

// hostileHTML is a vault of notes that write HTML: what Obsidian shows
// and the site shows too (ok-inline-html), every trick to run, load or
// restyle something (ok-tricks), tags never closed, HTML in code, tables
// and callouts, and comments that must stay private.
var hostileHTML = filepath.Join(repoRoot, "testdata", "hostile", "html")

// TestBuildHostileHTML builds hostileHTML with the real site and reads
// the pages: the HTML that shows text is on the page where the note put
// it, and in the search index, the card and the cheat sheet as its text;
// nothing a note writes runs, loads, restyles, leaks a comment or takes
// in the page after it; and what was left out is reported at its line.
func TestBuildHostileHTML(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	site := copySite(t)
	pub := filepath.Join(t.TempDir(), "public")
	// --verbose: each image left out is reported at its own line.
	code, _, stderr := runCLI(t, "build", "--verbose", "--site", site, "--vault", hostileHTML, "--destination", pub)
	if code != exitOK && code != exitNotes {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	for _, want := range []string{
		"ok-tricks.md:5: warning: raw HTML is not shown on the site (",
		"tags in this note left out or cut, the first here: <ScRiPt>)",
		`ok-tricks.md:7: warning: cannot show <img src=nothere.png onerror=alert(2)>: no attachment named "nothere.png" in the vault`,
		"ok-tables-callouts.md:8: warning: raw HTML is not shown on the site (",
		"6 notes: 6 published, 0 skipped",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	for _, quiet := range []string{"ok-inline-html.md", "ok-html-in-code.md", "comments.md", "ok-unclosed.md"} {
		if strings.Contains(stderr, quiet) {
			t.Errorf("%s reported:\n%s", quiet, stderr)
		}
	}

	content := func(note string) *html.Node {
		t.Helper()
		doc := htmltest.ParseFile(t, filepath.Join(pub, "notes", note, "index.html"))
		c := htmltest.Find(doc, func(n *html.Node) bool { return strings.Contains(htmltest.Attr(n, "class"), "content prose") })
		if c == nil {
			t.Fatalf("%s: no content", note)
		}
		return c
	}
	texts := func(root *html.Node, tag string) []string {
		var out []string
		for _, n := range htmltest.FindAll(root, htmltest.Tag(tag)) {
			out = append(out, htmltest.Text(n))
		}
		return out
	}

	// What shows text is shown.
	page := content("ok-inline-html")
	for tag, want := range map[string]string{
		"sub": "2 2 4 2 2", "sup": "2 23", "kbd": "Ctrl C Ctrl V two", "mark": "important ionic", "u": "underlined",
		"s": "struck", "small": "small", "abbr": "DNS", "summary": "Why does ice float?", "dt": "Mole",
	} {
		if got := strings.Join(texts(page, tag), " "); got != want {
			t.Errorf("<%s>: %q, want %q", tag, got, want)
		}
	}
	if d := htmltest.Find(page, htmltest.Tag("details")); d == nil || !strings.Contains(htmltest.Text(d), "Because it is less dense than water.") {
		t.Errorf("the details do not hold their Markdown")
	}
	if th := htmltest.Find(page, htmltest.Tag("th")); th == nil || len(htmltest.FindAll(page, htmltest.Tag("td"))) != 6 ||
		htmltest.Attr(htmltest.FindAll(page, htmltest.Tag("th"))[1], "colspan") != "2" {
		t.Errorf("the table is not shown as written: %v", texts(page, "td"))
	}
	img := htmltest.Find(page, func(n *html.Node) bool { return n.Data == "img" && htmltest.Attr(n, "alt") == "A beaker" })
	if img == nil || htmltest.Attr(img, "width") != "120" {
		t.Errorf("the image is not shown")
	} else if _, err := os.Stat(filepath.Join(pub, "notes", "ok-inline-html", htmltest.Attr(img, "src"))); err != nil {
		t.Errorf("the image's file is not published: %v", err)
	}
	if a := htmltest.Find(page, func(n *html.Node) bool { return n.Data == "a" && htmltest.Attr(n, "href") == "https://go.dev/" }); a == nil {
		t.Errorf("the HTML link is not kept")
	}

	// A tag never closed takes in nothing after its paragraph or note.
	page = content("ok-unclosed")
	for _, p := range htmltest.FindAll(page, htmltest.Tag("p")) {
		for a := p.Parent; a != nil && a != page; a = a.Parent {
			if text := htmltest.Text(p); strings.HasPrefix(text, "And the next") || strings.HasPrefix(text, "The last paragraph") {
				t.Errorf("%q is inside <%s>", text, a.Data)
			}
		}
	}
	if page.NextSibling == nil && page.Parent.LastChild == page {
		t.Errorf("nothing of the page follows the note's content")
	}
	if nav := htmltest.Find(page, func(n *html.Node) bool { return strings.Contains(htmltest.Attr(n, "class"), "prev-next") }); nav != nil {
		t.Errorf("the page's navigation is inside the note's content")
	}

	// Code is code.
	codeText := strings.Join(texts(content("ok-html-in-code"), "code"), "\n")
	for _, want := range []string{"<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "<details open ontoggle=alert(3)>", `<iframe src="https://evil.example/"></iframe>`, "<style>body{display:none}</style>"} {
		if !strings.Contains(codeText, want) {
			t.Errorf("code lacks %q:\n%s", want, codeText)
		}
	}
	if text := htmltest.Text(content("ok-tricks")); !strings.Contains(text, "A closing tag out of nowhere and the text goes on.") {
		t.Errorf("the tricks' text is not shown: %q", text)
	}
	if text := htmltest.Text(content("comments")); !strings.Contains(text, "Inside a block still shown.") || !strings.Contains(text, "The end.") {
		t.Errorf("the comments' note is not shown: %q", text)
	}

	// Nothing from a note runs, loads, restyles or leaks.
	err := filepath.WalkDir(pub, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(leakMarker)) {
			t.Errorf("%s: %s published", p, leakMarker)
		}
		if !strings.HasSuffix(p, ".html") {
			return nil
		}
		doc := htmltest.ParseFile(t, p)
		for _, c := range htmltest.FindAll(doc, func(n *html.Node) bool {
			return strings.Contains(htmltest.Attr(n, "class"), "content prose") || htmltest.Attr(n, "class") == "answer"
		}) {
			for n := range c.Descendants() {
				if n.Type != html.ElementNode {
					continue
				}
				if activeElements[n.Data] || n.Data == "iframe" || n.Data == "meta" || n.Data == "base" {
					t.Errorf("%s: <%s> from a note", p, n.Data)
				}
				for _, a := range n.Attr {
					v := strings.ToLower(strings.TrimSpace(a.Val))
					if strings.HasPrefix(a.Key, "on") || a.Key == "id" && n.Data != "h2" && n.Data != "h3" && n.Data != "li" && n.Data != "sup" ||
						a.Key == "style" && !tableAlign.MatchString(a.Val) || a.Key == "class" && n.Data == "p" && a.Val == "header" ||
						strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.Contains(v, "evil.example") {
						t.Errorf("%s: <%s %s=%q> from a note", p, n.Data, a.Key, a.Val)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// The card, the search index and the cheat sheet read the text.
	cards, _ := filepath.Glob(filepath.Join(pub, "practice", "cards", "*", "index.html"))
	if len(cards) != 1 {
		t.Fatalf("card pages %v", cards)
	}
	if answer := htmltest.Find(htmltest.ParseFile(t, cards[0]), func(n *html.Node) bool { return htmltest.Attr(n, "class") == "answer" }); answer == nil ||
		strings.Join(texts(answer, "sub"), "") != "2" || strings.Join(texts(answer, "kbd"), "") != "two" {
		t.Errorf("the card's answer does not show its HTML")
	}
	var index []byte
	err = filepath.WalkDir(filepath.Join(pub, "search"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := readPublished(p)
		index = append(index, b...)
		return err
	})
	if err != nil || len(index) == 0 {
		t.Fatalf("search index: %v (%d bytes)", err, len(index))
	}
	for _, want := range []string{"Water is H2O and the area is r2·π.", "Why does ice float?", "Carbon dioxide CO2 linear"} {
		if !bytes.Contains(index, []byte(want)) {
			t.Errorf("search index lacks %q", want)
		}
	}
	if bytes.Contains(index, []byte("<sub>")) || bytes.Contains(index, []byte(`\u003csub`)) {
		t.Errorf("search index holds tags")
	}
	if out, err := exec.Command("pdftotext", "-q", filepath.Join(pub, "cheatsheet.pdf"), "-").Output(); err != nil {
		t.Logf("cheat sheet not read: %v", err)
	} else if !strings.Contains(string(out), "H2O: water, two hydrogen atoms") || strings.Contains(string(out), "sub>") {
		t.Errorf("cheat sheet:\n%s", out)
	}
}
