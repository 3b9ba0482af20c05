package normalize

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHostileVaults normalizes the hostile vaults of comments and of
// scanning shapes (testdata/hostile/comments and scanning at the
// repository root) and checks each note's page: it is published, nothing
// marked CRIBLEAK is in its body, title or HTML, and every "%% kept" of
// its code is in the HTML's code. The notes whose comments hide the rest
// of the note say so in a warning.
func TestHostileVaults(t *testing.T) {
	hidesRest := map[string]string{
		"ok-comment-holding-a-fence.md": "ok-comment-holding-a-fence.md:14: warning: comment (%%) ends inside a code block; hidden to the end of the note",
		"ok-comment-never-closed.md":    "ok-comment-never-closed.md:5: warning: comment (%%) is never closed; hidden to the end of the note",
	}
	for _, class := range []string{"comments", "scanning"} {
		t.Run(class, func(t *testing.T) {
			dir := filepath.Join("..", "..", "testdata", "hostile", class)
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			files := map[string]string{}
			for _, e := range entries {
				if filepath.Ext(e.Name()) != ".md" {
					continue
				}
				b, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err != nil {
					t.Fatal(err)
				}
				files[e.Name()] = string(b)
			}
			notes, _, diags := vaultOf(t, files)
			ds := diagStrings(diags)
			for name, src := range files {
				n := notes[name]
				if n == nil {
					t.Errorf("%s is not published", name)
					continue
				}
				html := renderHTML(t, n.Body)
				for what, out := range map[string]string{"body": string(n.Body), "title": n.Title, "html": html} {
					if strings.Contains(strings.ToLower(out), "cribleak") {
						t.Errorf("%s: CRIBLEAK in its %s:\n%s", name, what, out)
					}
				}
				var code strings.Builder
				for _, m := range codeInHTML.FindAllStringSubmatch(html, -1) {
					code.WriteString(m[1])
				}
				if got, want := strings.Count(code.String(), "%% kept"), strings.Count(src, "%% kept"); got != want {
					t.Errorf("%s: %d of its %d %q are in its code:\n%s", name, got, want, "%% kept", html)
				}
				if want, ok := hidesRest[name]; ok && !strings.Contains(ds, want) {
					t.Errorf("diagnostics lack %q:\n%s", want, ds)
				}
			}
		})
	}
}
