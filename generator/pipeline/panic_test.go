package pipeline

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/config"
	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/normalize"
	"github.com/crib-notes/crib/internal/fixtures"
)

// TestPanicCostsOneNote makes normalizing one note panic, in the first
// pass and then in the second, and checks that only that note is left
// out: an internal error names it, and the others are published.
func TestPanicCostsOneNote(t *testing.T) {
	vault := t.TempDir()
	writeFile(t, vault, "Good.md", "# Good\n\nSee [[Bad]].\n")
	writeFile(t, vault, "Bad.md", "# Bad\n\nText.\n")
	writeFile(t, vault, "Other/Fine.md", "# Fine\n\nText.\n")
	boom := func(source string) {
		if source == "Bad.md" {
			var s []int
			_ = s[len(source)] // a real runtime panic: index out of range
		}
	}
	for _, tc := range []struct {
		name         string
		scan, finish bool
	}{{"scan", true, false}, {"finish", false, true}} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() { scan, finish = normalize.Scan, normalize.Finish }()
			scan = func(source string, src []byte, gitDate time.Time) *normalize.Draft {
				if tc.scan {
					boom(source)
				}
				return normalize.Scan(source, src, gitDate)
			}
			finish = func(d *normalize.Draft, v *normalize.Vault) normalize.Finished {
				if tc.finish {
					boom(d.Source)
				}
				return normalize.Finish(d, v)
			}
			for _, builder := range []bool{false, true} {
				mem := &content.Memory{}
				o := Options{Config: config.Default(), VaultDir: vault, Writer: mem}
				var res *Result
				var err error
				if builder {
					res, err = New(o).Run(context.Background(), fixtures.Listing(t, vault))
				} else {
					res, err = Run(context.Background(), o, fixtures.Listing(t, vault))
				}
				if err != nil {
					t.Fatal(err)
				}
				var diags strings.Builder
				res.Diags.Print(&diags)
				if !strings.Contains(diags.String(), "Bad.md: error: internal error: runtime error: index out of range") {
					t.Errorf("diagnostics do not name the note:\n%s", diags.String())
				}
				if got, want := res.Summary(), "3 notes: 2 published, 1 skipped"; !strings.HasPrefix(got, want) {
					t.Errorf("summary %q, want %q", got, want)
				}
				for _, page := range []string{"content/notes/good/index.md", "content/notes/other/fine/index.md"} {
					if mem.Files[page] == nil {
						t.Errorf("%s not written", page)
					}
				}
				if mem.Files["content/notes/bad/index.md"] != nil {
					t.Errorf("the note that failed was published")
				}
			}
		})
	}
}
