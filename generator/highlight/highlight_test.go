package highlight

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/hugorun"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/internal/hugotest"
	hl "github.com/gohugoio/hugo/markup/highlight"
)

// corpus is fences in many languages, labelled and not, with the
// characters that need escaping, tabs, blank lines and odd labels.
var corpus = []struct{ info, code string }{
	{"go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tch := make(chan int, 1)\n\tch <- 1 << 3\n\tfmt.Println(<-ch, \"a & b\")\n}\n"},
	{"kotlin", "suspend fun load(id: String): User = withContext(Dispatchers.IO) {\n    dao.find(id) ?: api.fetch(id).also { dao.insert(it) }\n}\n"},
	{"bash", "#!/usr/bin/env bash\nset -euo pipefail\nfor i in $(seq 1 3); do\n  curl -fsS \"http://localhost:8080/health?x=1&y=2\" || echo \"retry $i\" >&2\ndone\n"},
	{"sh", "echo 'single' \"double\" `backtick`\n"},
	{"yaml", "apiVersion: apps/v1\nkind: Deployment\nspec:\n  replicas: 3 # comment\n  template: {a: [1, 2]}\n"},
	{"yml", "key: value\n"},
	{"dockerfile", "FROM golang:1.23-alpine AS build\nRUN go build -o /out/app ./cmd/app\nENTRYPOINT [\"/app\"]\n"},
	{"Dockerfile", "FROM alpine\n"},
	{"docker", "COPY --from=build /out/ /app/\n"},
	{"python", "class S:\n    async def get(self, id: str) -> dict:\n        return {\"id\": id, 'x': 1 < 2}\n"},
	{"py", "print(f\"{x!r:>10}\")\n"},
	{"javascript", "const f = async (a) => { return a?.b ?? `t${a}`; };\n"},
	{"ts", "interface A<T> { x: T[] }\n"},
	{"rust", "fn main() { let v: Vec<&str> = vec![\"a\"]; println!(\"{:?}\", v); }\n"},
	{"java", "public class A { public static void main(String[] a) { System.out.println(\"<hi>\"); } }\n"},
	{"c", "#include <stdio.h>\nint main(void) { printf(\"%d\\n\", 1 & 2); }\n"},
	{"cpp", "template <typename T> T max(T a, T b) { return a > b ? a : b; }\n"},
	{"sql", "SELECT u.id, COUNT(*) FROM users u JOIN orders o ON o.user_id = u.id WHERE o.total > 100 GROUP BY u.id;\n"},
	{"json", "{\"a\": [1, 2, {\"b\": null}], \"c\": \"<&>\"}\n"},
	{"toml", "[params.crib]\nvault = \"notes\"\n"},
	{"html", "<div class=\"x\">&amp; <b>bold</b></div>\n"},
	{"css", ".a > .b::before { content: \"\\201C\"; }\n"},
	{"diff", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n"},
	{"makefile", "all:\n\tgo build ./...\n"},
	{"hcl", "resource \"aws_s3_bucket\" \"b\" { bucket = \"x\" }\n"},
	{"text", "plain <text> & more\n"},
	{"plaintext", "plain\n"},
	{"console", "$ go test ./...\nok  \tcrib\t0.1s\n"},
	{"", "unlabelled <fence> & \"quotes\"\n\twith a tab\n"},
	{"", "func main() {}\n"},
	{"notalanguage", "unknown label <x>\n"},
	{"GO", "var x = 1\n"},
	{"go", ""},
	{"go", "\n\nx := 1\n\n\n"},
	{"python", "s = 'unicode: héllo — 日本語 🚀'\n"},
	{"go", "// trailing spaces   \nx := 1   \n"},
	{"go {linenos=true}", "x := 1\ny := 2\n"},
	{"go {hl_lines=[2]}", "x := 1\ny := 2\n"},
	// Shortcodes, which the generator escapes: Hugo's hook still sees
	// the code as written.
	{"go-html-template", "{{< youtube x >}}\n{{% param \"crib.vault\" %}}\n{{< /card >}}\n"},
	{"text", "{{</* escaped */>}} and one {{< that\n"},
	{"text", "closes in the next block >}}\n"},
	// A caption, which the hook shows and highlights the block without.
	{`go {title="main.go"}`, "package main\n"},
	{`python {title="say \"hi\" <b> & x"}`, "print('hi')\n"},
}

// page is the corpus as one Markdown body, each fence also once inside a
// list item and once inside a callout.
func page() string {
	var b strings.Builder
	b.WriteString("Intro.\n\n")
	for i, c := range corpus {
		fmt.Fprintf(&b, "## Block %d\n\n```%s\n%s```\n\n", i, c.info, c.code)
	}
	b.WriteString("- a list item:\n\n  ```go\n  x := 1\n  \ty := 2\n  ```\n\n")
	b.WriteString("> [!tip] In a callout\n> ```bash\n> echo \"quoted\"\n> ```\n\n")
	b.WriteString("~~~yaml\ntilde: fence\n~~~\n\n")
	b.WriteString("```go\nunclosed := true\n")
	return b.String()
}

// site writes a minimal Hugo site using the theme's real code block hook,
// with the given markup.highlight settings.
func site(t *testing.T, highlightToml, body string) string {
	t.Helper()
	dir := t.TempDir()
	theme := filepath.Join("..", "..", "themes", "crib", "layouts")
	files := map[string]string{
		"hugo.toml": "baseURL = \"/\"\ndisableKinds = [\"taxonomy\", \"term\", \"rss\", \"sitemap\", \"robotstxt\", \"404\"]\n" +
			"[markup.goldmark.parser.attribute]\nblock = true\n[markup.highlight]\n" + highlightToml,
		"layouts/page.html":                     "{{ .Content }}",
		"layouts/home.html":                     "home",
		"layouts/section.html":                  "section",
		"content/notes/a/index.md":              "---\ntitle: A\n---\n" + string(content.EscapeShortcodes([]byte(body))),
		"layouts/_markup/render-codeblock.html": readFile(t, filepath.Join(theme, "_markup", "render-codeblock.html")),
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func build(t *testing.T, dir string) string {
	t.Helper()
	os.RemoveAll(filepath.Join(dir, "public"))
	diags, err := hugorun.Build(hugorun.Options{Source: dir})
	if err != nil {
		t.Fatalf("hugo: %v %v", err, diags)
	}
	hugotest.NoDuplicatePaths(t, fmt.Sprint(diags))
	for _, d := range diags {
		t.Logf("hugo: %v", d)
	}
	return readFile(t, filepath.Join(dir, "public", "notes", "a", "index.html"))
}

// fill fills the site's cache as a build does and writes the data file.
// With pack set, the page names its pack, as the generator's pages do.
func fill(t *testing.T, dir string, body string, pack bool) (string, Stats) {
	t.Helper()
	c, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := c.Highlight
	n := &note.Note{Source: "a.md", Body: []byte(body), Doc: markdown.NewParser().Parse([]byte(body))}
	gen, st, err := Fill(context.Background(), filepath.Join(dir, ".cache", "crib"), []*note.Note{n}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	rel, _ := filepath.Rel(dir, gen)
	data, _ := json.Marshal(Data{Dir: filepath.ToSlash(rel), Hugo: HugoVersion()})
	p := filepath.Join(dir, DataFile)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if pack {
		fm := fmt.Sprintf("---\ntitle: A\nparams:\n  crib:\n    highlight: %s\n---\n", Annotation(n)["highlight"])
		if err := os.WriteFile(filepath.Join(dir, "content/notes/a/index.md"), []byte(fm+string(content.EscapeShortcodes([]byte(body)))), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return gen, st
}

var codeBlock = regexp.MustCompile(`<div class="?code-block`)

// mark prefixes the HTML of every block in the packs, so that a build
// shows which blocks came from the cache.
func mark(t *testing.T, gen string) {
	t.Helper()
	packs, _ := filepath.Glob(filepath.Join(gen, packsDir, "*", "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("%d packs, want 1", len(packs))
	}
	fields := strings.Split(readFile(t, packs[0]), packSep)
	for i := 1; i < len(fields); i += 2 {
		if fields[i] != "" {
			fields[i] = "<i>pack</i>" + fields[i]
		}
	}
	os.WriteFile(packs[0], []byte(strings.Join(fields, packSep)), 0o644)
}

// TestCachedEqualsHugo builds the same page with Hugo's highlighter and
// with the cache, and requires identical HTML; then it marks every block
// of the pack to prove the second build really read them. A page that
// names no pack is highlighted by Hugo.
func TestCachedEqualsHugo(t *testing.T) {
	body := page()
	for _, tc := range []struct {
		name, toml string
		pack       bool
	}{
		{"site settings", "noClasses = false\n", true},
		{"site settings, no pack", "noClasses = false\n", false},
		{"Hugo defaults", "", true},
		{"style, tabs, guessing, line numbers", "noClasses = false\nstyle = \"github\"\ntabWidth = 2\nguessSyntax = true\nlineNos = true\nlineNumbersInTable = false\n", true},
		{"line numbers in a table", "lineNos = true\nlineNumbersInTable = true\nhl_Lines = \"1\"\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := site(t, tc.toml, body)
			html := build(t, dir)
			if !strings.Contains(html, `<span class=code-title>say "hi" &lt;b> & x</span>`) {
				t.Errorf("the caption is not shown escaped:\n%s", html)
			}
			blocks := len(codeBlock.FindAllString(html, -1))
			if blocks < len(corpus)+3 {
				t.Fatalf("only %d code blocks rendered:\n%s", blocks, html)
			}

			gen, st := fill(t, dir, body, tc.pack)
			if st.Written != 1 || st.Hits != 0 || st.Packs != 1 || st.Blocks < len(corpus) {
				t.Fatalf("first fill: %v", st)
			}
			if got := build(t, dir); got != html {
				t.Errorf("cached HTML differs from Hugo's:\n%s", firstDiff(html, got))
			}

			mark(t, gen)
			got := build(t, dir)
			// Blocks with options ({linenos=true}, {hl_lines=[2]}) are
			// left to Hugo; the others come from the pack when the page
			// names one.
			want := 0
			if tc.pack {
				want = blocks - 2
			}
			if n := strings.Count(got, "<i>pack</i>"); n != want {
				t.Errorf("%d blocks came from the pack, want %d", n, want)
			}
		})
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-200)
	return fmt.Sprintf("hugo:   %q\ncached: %q", a[lo:min(len(a), i+200)], b[lo:min(len(b), i+200)])
}

func TestFillAndPrune(t *testing.T) {
	cfg := hl.DefaultConfig
	cache := t.TempDir()
	mk := func(body string) *note.Note {
		return &note.Note{Body: []byte(body), Doc: markdown.NewParser().Parse([]byte(body))}
	}
	a := mk("```go\nx := 1\n```\n\n```bash\necho a\n```\n")
	b := mk("```go\nx := 1\n```\n\n```python\nprint(1)\n```\n\n```go {linenos=true}\nskipped := 1\n```\n")
	sameAsA := mk(string(a.Body))

	// A stale generation, and an entry of the layout before packs, are
	// removed.
	stale := filepath.Join(cache, "highlight", "0000000000000000", "ab", "ab.html")
	if err := writeAtomic(stale, []byte("old")); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(Dir(cache, cfg), "ab", "ab.html")
	if err := writeAtomic(old, []byte("old")); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	gen, st, err := Fill(ctx, cache, []*note.Note{a, b, sameAsA}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	// "x := 1" is in both packs and highlighted once.
	if want := (Stats{Packs: 2, Written: 2, Blocks: 3, Pruned: 2}); st != want {
		t.Errorf("first fill: %+v, want %+v", st, want)
	}
	for _, p := range []string{stale, old} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s kept: %v", p, err)
		}
	}
	fields := strings.Split(readFile(t, PackPath(gen, packKey(b))), packSep)
	html, _ := Highlight(cfg, "go", "x := 1")
	if len(fields) != 6 || fields[0] != Key("go", "x := 1") || fields[1] != html || !strings.Contains(html, "language-go") || fields[4] != "" || fields[5] != "" {
		t.Errorf("pack of b = %q", fields)
	}

	// Warm: every pack is there. Then note b goes away.
	if _, st, _ = Fill(ctx, cache, []*note.Note{a, b}, cfg); st != (Stats{Packs: 2, Hits: 2}) {
		t.Errorf("warm fill: %+v", st)
	}
	if _, st, _ = Fill(ctx, cache, []*note.Note{a}, cfg); st != (Stats{Packs: 1, Hits: 1, Pruned: 1}) {
		t.Errorf("fill after a note was removed: %+v", st)
	}
	if _, err := os.Stat(PackPath(gen, packKey(b))); !os.IsNotExist(err) {
		t.Errorf("unused pack kept: %v", err)
	}

	// Other settings are another generation.
	other := cfg
	other.Style = "github"
	if Dir(cache, other) == gen {
		t.Error("a different style shares the generation")
	}
}

// tags matches an HTML tag, for comparing what a block shows.
var tags = regexp.MustCompile(`<[^>]*>`)

// hookWhitespace is the expression the code block hook unwraps spans
// around whitespace with.
var hookWhitespace = regexp.MustCompile(`<span class="w">([^<]*)</span>`)

// TestLean: a lean block shows the same text as Chroma's, with no span
// around whitespace or lines, and its spans balanced; a block whose lines
// carry numbers or highlighting, or styles instead of classes, is left
// whole.
func TestLean(t *testing.T) {
	classes := hl.DefaultConfig
	classes.NoClasses = false
	numbered := classes
	numbered.LineNos, numbered.LineNumbersInTable = true, false
	highlighted := classes
	highlighted.Hl_Lines = "1"
	for _, tc := range []struct {
		name string
		cfg  Config
		lean bool
	}{
		{"classes", classes, true},
		{"inline styles", hl.DefaultConfig, false},
		{"line numbers", numbered, false},
		{"highlighted line", highlighted, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, c := range corpus {
				full, err := hl.New(tc.cfg).Highlight(c.code, c.info, nil)
				if err != nil {
					t.Fatal(err)
				}
				lean := Lean(full)
				if !tc.lean {
					if lean != full {
						t.Errorf("%s: changed:\n%s", c.info, lean)
					}
					continue
				}
				if got, want := tags.ReplaceAllString(lean, ""), tags.ReplaceAllString(full, ""); got != want {
					t.Errorf("%s: shows %q, want %q", c.info, got, want)
				}
				if strings.Contains(lean, `class="w"`) || strings.Contains(lean, `class="line"`) || strings.Contains(lean, `class="cl"`) {
					t.Errorf("%s: not lean:\n%s", c.info, lean)
				}
				if open, closed := strings.Count(lean, "<span"), strings.Count(lean, "</span>"); open != closed {
					t.Errorf("%s: %d spans opened, %d closed:\n%s", c.info, open, closed, lean)
				}
				if strings.Contains(full, `<span class="line"><span class="cl">`) && len(lean) >= len(full) {
					t.Errorf("%s: %d bytes lean, %d whole", c.info, len(lean), len(full))
				}
			}
		})
	}
}

// FuzzLean: whatever the code, a lean block shows what Chroma's shows,
// opens and closes as many spans, and is lean.
func FuzzLean(f *testing.F) {
	for _, c := range corpus {
		f.Add(c.info, c.code)
	}
	f.Add("go", "")
	f.Add("text", "\n\n\n")
	f.Add("go", "a</span></span><span class=\"line\"><span class=\"cl\">b")
	f.Add("text", `<span class="w"> <b></span><span class="w">	</span><span class="w">`)
	cfg := hl.DefaultConfig
	cfg.NoClasses = false
	f.Fuzz(func(t *testing.T, lang, code string) {
		full, err := hl.New(cfg).Highlight(code, lang, nil)
		if err != nil {
			t.Skip()
		}
		lean := Lean(full)
		if got, want := tags.ReplaceAllString(lean, ""), tags.ReplaceAllString(full, ""); got != want {
			t.Errorf("shows %q, want %q", got, want)
		}
		if open, closed := strings.Count(lean, "<span"), strings.Count(lean, "</span>"); open != closed {
			t.Errorf("%d spans opened, %d closed:\n%s", open, closed, lean)
		}
		// The code block hook unwraps with this expression (replaceRE).
		for _, s := range []string{full, code} {
			if got, want := unwrapWhitespace(s), hookWhitespace.ReplaceAllString(s, "$1"); got != want {
				t.Errorf("unwrapped %q\nto %q, the hook to %q", s, got, want)
			}
		}
		if strings.Contains(lean, `<span class="w">`) || strings.Contains(lean, `<span class="line">`) {
			t.Errorf("not lean:\n%s", lean)
		}
	})
}

// BenchmarkLean makes a block of 28 lines of Go lean, as the real-shaped
// vault's blocks are.
func BenchmarkLean(b *testing.B) {
	cfg := hl.DefaultConfig
	cfg.NoClasses = false
	code := strings.Repeat("\tif len(nodeCount) > 4 { // keep batches small\n\t\treturn s.Sync(ctx, limitCtx)\n\t}\n", 10)
	full, err := hl.New(cfg).Highlight(code, "go", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(full)))
	for b.Loop() {
		Lean(full)
	}
}
