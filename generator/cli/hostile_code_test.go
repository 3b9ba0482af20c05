package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Comments in every shape that was once taken for code, or code for a
// comment, and notes that make a careless scanner quadratic: every note
// publishes, no comment text (CRIBLEAK) reaches any published file, and
// the "%% kept" of code is on the pages as written. The two notes whose
// comments hide the rest of them are named in warnings.
func TestBuildHostileComments(t *testing.T) {
	for _, class := range []string{"comments", "scanning"} {
		t.Run(class, func(t *testing.T) {
			vault := hostileVault(t, class, nil)
			site, pub, code, stderr := buildHostile(t, vault)
			if code != exitOK {
				t.Errorf("exit %d, want %d:\n%s", code, exitOK, stderr)
			}
			got := publishedNotes(t, site, pub)
			kept := 0
			for _, n := range notesIn(t, vault) {
				page, ok := got[n]
				if !ok {
					t.Errorf("%s is not published", n)
					continue
				}
				src, _ := os.ReadFile(filepath.Join(vault, n))
				html, _ := os.ReadFile(filepath.Join(pub, page, "index.html"))
				// The pages are highlighted, so "%% kept" is counted
				// without the markup between its words.
				if want, have := strings.Count(string(src), "%% kept"), strings.Count(string(html), "kept"); have < want {
					t.Errorf("%s: %d of its %d %q are on its page", n, have, want, "%% kept")
				}
				kept += strings.Count(string(src), "%% kept")
			}
			if class == "comments" {
				if kept == 0 {
					t.Error(`no "%% kept" in the vault`)
				}
				for _, n := range []string{"ok-comment-holding-a-fence.md:14: warning: comment", "ok-comment-never-closed.md:5: warning: comment"} {
					if !strings.Contains(stderr, n) {
						t.Errorf("no warning %q:\n%s", n, stderr)
					}
				}
			}
			noLeaks(t, pub, leakMarker)
		})
	}
}
