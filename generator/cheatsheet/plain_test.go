package cheatsheet

import (
	"encoding/json"
	"html/template"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/synth"
	"github.com/crib-notes/crib/internal/fixtures"
	"github.com/crib-notes/crib/internal/hugotest"
)

func TestRenderedAsIs(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"Goroutines are cheap threads scheduled by the runtime", true},
		{"Use sync.Pool for short-lived objects (not caches)", true},
		{"Exit code 137: killed by the OOM killer", true},
		{"2024 was the year", true},
		{"42", true},
		{"", false},
		{" leading space", false},
		{"trailing space ", false},
		{"**bold**", false},
		{"`code`", false},
		{"a [link](x)", false},
		{"it's", false},     // typographer: ’
		{`"quoted"`, false}, // typographer and escaping
		{"a -- b", false},   // typographer: –
		{"wait...", false},  // typographer: …
		{"see www.example.com", false},
		{"https://example.com", false},
		{"mail me@example.com", false},
		{"a < b", false},
		{"a & b", false},
		{"C++", false}, // html/template writes &#43;
		{"- a list", false},
		{"1. first", false},
		{"2) second", false},
		{"# heading", false},
		{": definition", false},
		{"==marked==", false},
		{"x^2", false},
		{"line\nbreak", false},
	} {
		if got := renderedAsIs(tc.s); got != tc.want {
			t.Errorf("renderedAsIs(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

// TestRenderedAsIsInHugo renders every line of the vault's notes and of a
// synthetic vault that renderedAsIs calls plain with Hugo's RenderString,
// with the site's Markdown settings, and requires the escaped line itself;
// then the lines of the shared layer's real notes.
func TestRenderedAsIsInHugo(t *testing.T) {
	texts := []string{string(fixtures.Read(t, fixtures.Networking)), string(fixtures.Read(t, fixtures.GitCI))}
	for _, f := range synth.Generate(60, synth.Options{Mix: synth.Code}, 7) {
		texts = append(texts, string(f.Data))
	}
	if n := checkRenderedAsIs(t, texts); n < 1000 {
		t.Fatalf("only %d plain lines to check", n)
	}
	t.Run("shared", func(t *testing.T) {
		checkRenderedAsIs(t, []string{string(fixtures.Shared(t, fixtures.SharedSeed)), string(fixtures.Shared(t, fixtures.SharedReal))})
	})
}

// checkRenderedAsIs renders the lines of texts that renderedAsIs calls
// plain in a Hugo site and checks that each comes out as itself. It
// returns how many lines it checked.
func checkRenderedAsIs(t *testing.T, texts []string) int {
	t.Helper()
	var corpus []string
	seen := map[string]bool{}
	for _, text := range texts {
		for _, line := range strings.Split(text, "\n") {
			for _, s := range []string{line, strings.TrimSpace(line), strings.TrimSpace(strings.TrimLeft(line, "-*#>0123456789. "))} {
				if _, after, ok := strings.Cut(s, "**:"); ok {
					s = strings.TrimSpace(after)
				}
				if renderedAsIs(s) && !seen[s] {
					seen[s] = true
					corpus = append(corpus, s)
				}
			}
		}
	}
	data, _ := json.Marshal(corpus)
	hugoToml, err := os.ReadFile("../../hugo.toml")
	if err != nil {
		t.Fatal(err)
	}
	site := hugotest.Build(t, map[string]string{
		// The site's Markdown settings, without its theme.
		"hugo.toml":         regexp.MustCompile(`(?m)^theme\s*=.*$`).ReplaceAllString(string(hugoToml), ""),
		"data/lines.json":   string(data),
		"layouts/home.html": "{{ range hugo.Data.lines }}{{ $.RenderString . }}<i>|</i>{{ . }}<b>|</b>{{ end }}",
		"layouts/page.html": "p", "layouts/list.html": "l",
	})
	out := hugotest.Read(t, site, "index.html")
	// Separated by markup the build's minifier keeps.
	lines := strings.Split(strings.TrimSuffix(out, "<b>|</b>"), "<b>|</b>")
	if len(lines) != len(corpus) {
		t.Fatalf("%d lines rendered, want %d", len(lines), len(corpus))
	}
	bad := 0
	for i, line := range lines {
		rendered, plain, _ := strings.Cut(line, "<i>|</i>")
		if rendered != plain || plain != template.HTMLEscapeString(corpus[i]) {
			if bad++; bad <= 10 {
				t.Errorf("%q: RenderString %q, as is %q", corpus[i], rendered, plain)
			}
		}
	}
	t.Logf("%d plain lines render as themselves", len(corpus)-bad)
	return len(corpus)
}
