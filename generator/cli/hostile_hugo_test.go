package cli

import (
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/crib-notes/crib/internal/htmltest"
	"golang.org/x/net/html"
)

// hostileHugo is a vault of notes that broke the whole site or ran
// something in it: quoted link destinations, image widths that are not
// numbers, Hugo shortcodes in text, code and card answers, fence info
// strings and attribute lists Hugo cannot read or would write into the
// page unescaped. Every note is to be published (the names say "ok-");
// text that must never be published says CRIBLEAK.
var hostileHugo = filepath.Join(repoRoot, "testdata", "hostile", "hugo")

// TestBuildHostileHugoVault builds hostileHugo with the real site: the
// build succeeds, every note is published, what was repaired or left out
// is reported at its vault file and line, quoted shortcodes are shown as
// written, and nothing from a note runs script or leaks.
func TestBuildHostileHugoVault(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	site := copySite(t)
	pub := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runCLI(t, "build", "--verbose", "--site", site, "--vault", hostileHugo, "--destination", pub)
	if code != exitOK && code != exitNotes {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	for _, want := range []string{
		"ok-quoted-links.md:6: warning: link destination \"https://developer.android.com/docs\" is in quotes; written without them",
		"ok-odd-destinations.md:6:1: warning: hugo: image width \"abc\" is not a number of pixels; left out",
		"ok-odd-destinations.md:12:1: warning: hugo: link \"%zz\" is not a URL; shown as text",
		"ok-fence-info.md:13: warning: code fence attributes {scale: 0.62} cannot be read; dropped",
		"ok-fence-info.md:33: warning: code fence attributes id, onclick, style dropped",
		"ok-block-attributes.md:10: warning: attributes style dropped",
		"8 notes: 8 published, 0 skipped",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}

	notes, _ := filepath.Glob(filepath.Join(hostileHugo, "*.md"))
	pages, _ := filepath.Glob(filepath.Join(pub, "notes", "*", "index.html"))
	if len(pages) != len(notes) || len(notes) < 8 {
		t.Errorf("%d note pages for %d notes", len(pages), len(notes))
	}
	shortcodes := htmltest.ParseFile(t, filepath.Join(pub, "notes", "ok-hugo-shortcodes", "index.html"))
	text := htmltest.Text(shortcodes)
	for _, want := range []string{"Embed a video with {{< youtube dQw4w9WgXcQ >}} in text.", `{{% param "crib.vault" %}}`, "{{< /card >}}", "{{< nosuch >}}", "Unclosed at the end: {{< youtube"} {
		if !strings.Contains(text, want) {
			t.Errorf("shortcode page does not show %q:\n%s", want, text)
		}
	}
	// Answers in their question's paragraph are taken from the note page,
	// which shows them as written and says where they are; one behind a
	// code span that holds the line break comes from a card page.
	answers := htmltest.ParseFile(t, filepath.Join(pub, "notes", "ok-card-answers", "index.html"))
	if text := htmltest.Text(answers); !strings.Contains(text, "You write {{< /card >}} and then {{< youtube dQw4w9WgXcQ >}} after it.") {
		t.Errorf("the note page does not show the answer as written:\n%s", text)
	}
	content := htmltest.Find(answers, func(n *html.Node) bool { _, ok := htmltest.HasAttr(n, "data-cards"); return ok })
	if content == nil {
		t.Fatal("the note page has no data-cards")
	}
	if data := htmltest.Attr(content, "data-cards"); strings.Count(data, `"A:",1]`) != 2 {
		t.Errorf("the note page places %s, want two answers after a line break", data)
	}
	// Shapes the extractor once crashed on or placed wrongly: published,
	// the answers the page cannot show apart on a card page, the one it
	// can on the note page.
	shapes := htmltest.ParseFile(t, filepath.Join(pub, "notes", "ok-card-shapes", "index.html"))
	if text := htmltest.Text(shapes); !strings.Contains(text, "A:**00 stays as written") || !strings.Contains(text, "Потому что") {
		t.Errorf("the card shapes page does not show its text:\n%s", text)
	}
	if c := htmltest.Find(shapes, func(n *html.Node) bool { _, ok := htmltest.HasAttr(n, "data-cards"); return ok }); c == nil || strings.Count(htmltest.Attr(c, "data-cards"), `"A:",2]`) != 1 {
		t.Errorf("the card shapes page does not place its two-line question's answer after two line breaks")
	}
	cards, _ := filepath.Glob(filepath.Join(pub, "practice", "cards", "*", "index.html"))
	if len(cards) != 2 || !strings.Contains(cardText(t, cards), "Then {{< /card >}} and {{< youtube dQw4w9WgXcQ >}} come from a card page, as written.") {
		t.Errorf("card pages %v do not show the answer as written", cards)
	}
	if text := cardText(t, cards); !strings.Contains(text, "00 stays as written") {
		t.Errorf("the marker shown as text is not on a card page:\n%s", text)
	}

	// Nothing from a note: no script, frame, handler, style or
	// javascript: link in a note's content, no CRIBLEAK anywhere.
	leak := regexp.MustCompile(`CRIBLEAK`)
	err := filepath.WalkDir(pub, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := readPublished(p)
		if err != nil {
			return err
		}
		if leak.Match(b) {
			t.Errorf("%s: CRIBLEAK published", p)
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
				if n.Data == "script" || n.Data == "iframe" || n.Data == "object" || n.Data == "embed" {
					t.Errorf("%s: <%s> from a note", p, n.Data)
				}
				for _, a := range n.Attr {
					if strings.HasPrefix(a.Key, "on") || a.Key == "style" && n.Data != "th" && n.Data != "td" ||
						strings.HasPrefix(strings.TrimSpace(strings.ToLower(a.Val)), "javascript:") {
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
}

// cardText is the text of the card pages.
func cardText(t *testing.T, pages []string) string {
	var b strings.Builder
	for _, p := range pages {
		b.WriteString(htmltest.Text(htmltest.ParseFile(t, p)) + "\n")
	}
	return b.String()
}
