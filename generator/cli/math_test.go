package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/crib-notes/crib/internal/htmltest"
	"golang.org/x/net/html"
)

// mathVault holds notes with formulas, inline and display, in tables,
// callouts, lists and headings, one KaTeX cannot read, and the dollar
// signs that are not math: prices, "$ x$", "$x $", "$x$5", code, escapes.
var mathVault = filepath.Join(repoRoot, "testdata", "hostile", "math")

// TestBuildMathVault builds mathVault with the real site: every formula
// is MathML and no "$" of one is left, the dollars that are not math are
// shown as written, the formula KaTeX cannot read is shown as its source
// with a warning at its line, and the cheat sheet reads math as text.
func TestBuildMathVault(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site with Hugo")
	}
	site := copySite(t)
	pub := filepath.Join(t.TempDir(), "public")
	code, _, stderr := runCLI(t, "build", "--site", site, "--vault", mathVault, "--destination", pub)
	if code != exitOK && code != exitNotes {
		t.Fatalf("build exit %d:\n%s", code, stderr)
	}
	if want := "Complexity.md:35:39: warning: hugo: formula cannot be read (Unexpected end of input in a macro argument, expected '}'); shown as written"; !strings.Contains(stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr)
	}

	complexity := noteContent(t, filepath.Join(pub, "notes", "complexity", "index.html"))
	maths := htmltest.FindAll(complexity, htmltest.Tag("math"))
	if len(maths) != 24 {
		t.Errorf("%d formulas as MathML, want 24", len(maths))
	}
	if n := len(htmltest.FindAll(complexity, class("math-display"))); n != 3 {
		t.Errorf("%d display formulas, want 3", n)
	}
	for _, m := range maths {
		if tex := htmltest.Text(m); strings.Contains(tex, "$") {
			t.Errorf("a dollar left in a formula: %q", tex)
		}
	}
	// The text around the formulas has no TeX and no dollars left but
	// the formula that cannot be read, shown as written.
	text := htmltest.TextWithout(complexity, "math")
	for _, want := range []string{"its recurrence is\n, which solves to .", "$\\frac{$ is shown as written"} {
		if !strings.Contains(text, want) {
			t.Errorf("complexity page lacks %q:\n%s", want, text)
		}
	}
	if strings.Count(text, "$") != 2 || strings.Contains(text, `\log`) {
		t.Errorf("TeX left outside MathML:\n%s", text)
	}
	if src := htmltest.Find(complexity, class("math-source")); src == nil || src.Data != "code" {
		t.Errorf("the formula that cannot be read is not shown as code")
	}

	traps := noteContent(t, filepath.Join(pub, "notes", "dollar-traps", "index.html"))
	text = htmltest.TextWithout(traps, "math")
	for _, want := range []string{
		"The plan costs $5 and $10 a month; the upgrade is $20.",
		"Not math: $ x$ and $x $ and $x$5, and a lone $ sign.",
		"An escaped dollar $HOME stays, and so does $y$.",
		`A Kotlin string template in code: "$$price" and $x$.`,
		`val total = "$$price and $tax"`,
		`echo "$HOME costs $5"`,
		`An escaped backslash before math: \ renders the backslash, then .`,
		"A dollar inside a formula:  is $8 in total.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("traps page lacks %q:\n%s", want, text)
		}
	}
	maths = htmltest.FindAll(traps, htmltest.Tag("math"))
	if len(maths) != 3 {
		t.Fatalf("%d formulas on the traps page, want 3", len(maths))
	}
	// The dollar written "\$" in a formula is one to KaTeX, and its TeX
	// (the annotation) reads as the note wrote it.
	if got := htmltest.Text(maths[2]); !strings.Contains(got, "$5+$3") || !strings.Contains(got, `\$5 + \$3`) {
		t.Errorf("dollars in a formula: %q", got)
	}

	sheet := string(pdfText(t, filepath.Join(pub, "cheatsheet.pdf"), nil))
	sheet = strings.Join(strings.Fields(sheet), " ")
	for _, want := range []string{"Binary search: O(log n) by halving the range", "Greek: α, β and x² read as text on paper", "Fraction: a/b per item"} {
		if !strings.Contains(sheet, want) {
			t.Errorf("cheat sheet lacks %q:\n%s", want, sheet)
		}
	}
}

// noteContent is the note content of a page.
func noteContent(t *testing.T, page string) *html.Node {
	t.Helper()
	c := htmltest.Find(htmltest.ParseFile(t, page), class("content"))
	if c == nil {
		t.Fatalf("%s: no content", page)
	}
	return c
}

func class(name string) func(*html.Node) bool {
	return func(n *html.Node) bool {
		return n.Type == html.ElementNode && strings.Contains(" "+htmltest.Attr(n, "class")+" ", " "+name+" ")
	}
}
