package pipeline

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/internal/fixtures"
	"github.com/yuin/goldmark"
)

// TestWithhold: a withheld note is published as a placeholder that shows
// why as plain text, or not at all, and is left out of the outputs, until
// its file changes.
func TestWithhold(t *testing.T) {
	vault, siteDir := t.TempDir(), t.TempDir()
	writeFile(t, vault, "A.md", "# A\n\nThe text of A: AText.\n\n![[img.png]]\n")
	writeFile(t, vault, "B.md", "# B\n\nSee [[A]].\n")
	writeFile(t, vault, "img.png", "png")
	site, err := content.OpenSite(siteDir)
	if err != nil {
		t.Fatal(err)
	}
	b := New(Options{Config: config.Default(), VaultDir: vault, Writer: site})
	run := func() *Result {
		t.Helper()
		res, err := b.Run(context.Background(), fixtures.Listing(t, vault))
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := site.Finish(); err != nil {
			t.Fatal(err)
		}
		return res
	}
	page := func(rel string) string {
		data, _ := os.ReadFile(filepath.Join(siteDir, "content/notes", rel))
		return string(data)
	}
	published := func(res *Result) (sources []string) {
		for _, n := range res.Notes {
			sources = append(sources, n.Source)
		}
		return sources
	}

	run()
	if b.Withhold("Gone.md", 0, "x", true); len(b.withheld) != 0 {
		t.Errorf("a note not in the vault was withheld")
	}
	why := `hugo failed at "{{< card >}}" in <b>x</b> [a](b) *y* {{% z %}}`
	b.Withhold("A.md", 3, why, true)
	if p, ok := b.Withheld("A.md"); !p || !ok {
		t.Errorf("Withheld(A.md) = %v, %v", p, ok)
	}
	res := run()
	a := page("a/index.md")
	if strings.Contains(a, "AText") || strings.Contains(a, "{{<") || strings.Contains(a, "{{%") {
		t.Errorf("the placeholder holds the note's text or a shortcode:\n%s", a)
	}
	var html bytes.Buffer
	_, body, _ := strings.Cut(strings.TrimPrefix(a, "---\n"), "---\n")
	if err := goldmark.Convert([]byte(body), &html); err != nil {
		t.Fatal(err)
	}
	shown := strings.NewReplacer("&quot;", `"`, "&lt;", "<", "&gt;", ">").Replace(html.String())
	if !strings.Contains(shown, why) || strings.Contains(html.String(), "<b>") {
		t.Errorf("the placeholder does not show why as plain text:\n%s", html.String())
	}
	if page("a/img.png") != "" {
		t.Errorf("the withheld note's attachment is still published")
	}
	if got := published(res); strings.Join(got, ",") != "B.md" {
		t.Errorf("notes given to the outputs: %q, want only B.md", got)
	}
	if d := res.Diags.Sorted(); len(d) != 1 || d[0].Path != "A.md" || d[0].Line != 3 || !strings.Contains(d[0].Message, why) {
		t.Errorf("diagnostics = %v, want one for A.md:3", d)
	}
	if res := run(); len(res.Notes) != 1 || !strings.Contains(page("a/index.md"), "withheld") {
		t.Errorf("an unchanged withheld note came back")
	}

	b.Withhold("A.md", 3, why, false)
	run()
	if _, err := os.Stat(filepath.Join(siteDir, "content/notes/a")); !os.IsNotExist(err) {
		t.Errorf("a note withheld without a page still has one: %v", err)
	}
	if !strings.Contains(page("b/index.md"), "See [A](/notes/a") {
		t.Errorf("B's link to A changed:\n%s", page("b/index.md"))
	}

	later := time.Now().Add(time.Hour)
	writeFile(t, vault, "A.md", "# A\n\nThe text of A, saved again: AText.\n\n![[img.png]]\n")
	os.Chtimes(filepath.Join(vault, "A.md"), later, later)
	res = run()
	if !strings.Contains(page("a/index.md"), "saved again") || page("a/img.png") != "png" || len(res.Notes) != 2 {
		t.Errorf("the note did not come back once saved:\n%s", page("a/index.md"))
	}
	if _, ok := b.Withheld("A.md"); ok {
		t.Errorf("A.md is still withheld after it changed")
	}
}

func TestPlainText(t *testing.T) {
	for in, want := range map[string]string{
		"plain words":       "plain words",
		"a {{< x >}} b":     `a \{\{\< x \>\}\} b`,
		"1. not a list":     `1\. not a list`,
		"    not code\nnor": `not code nor`,
		"é & `c`":           "é \\& \\`c\\`",
	} {
		if got := plainText(in); got != want {
			t.Errorf("plainText(%q) = %q, want %q", in, got, want)
		}
	}
}
