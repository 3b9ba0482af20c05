package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/internal/cputime"
	"github.com/crib-notes/crib/generator/synth"
)

// BenchmarkBuildMath measures what formulas cost a whole build: a
// 1,000-note vault whose every answer has three inline formulas and a
// display one ("formulas"), against the same vault with the dollar signs
// taken out, so that the same TeX is plain text ("as-text"). Each run
// builds into a fresh site, with Hugo. cpu-s/op is the CPU time of the
// build (Hugo runs in this process), the figure to compare on a machine
// shared with other work.
//
//	go test -run '^$' -bench BuildMath -benchtime 3x ./generator/cli/
func BenchmarkBuildMath(b *testing.B) {
	files := synth.Generate(1000, synth.Options{Math: true}, 1)
	plain := make([]synth.File, len(files))
	for i, f := range files {
		plain[i] = synth.File{Path: f.Path, Data: bytes.ReplaceAll(f.Data, []byte("$"), nil)}
	}
	for _, bc := range []struct {
		name  string
		files []synth.File
		maths int // <math> elements at least on the first note's page
	}{
		{"formulas", files, 4},
		{"as-text", plain, 0},
	} {
		b.Run(bc.name, func(b *testing.B) {
			vault := b.TempDir()
			if err := synth.WriteFiles(vault, bc.files); err != nil {
				b.Fatal(err)
			}
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				site := copySite(b)
				pub := filepath.Join(b.TempDir(), "public")
				b.StartTimer()
				start := cputime.Process()
				var out, errb bytes.Buffer
				code := Run(context.Background(), []string{"build", "--site", site, "--vault", vault, "--destination", pub}, &out, &errb)
				cpu += cputime.Process() - start
				b.StopTimer()
				if code != exitOK && code != exitNotes {
					b.Fatalf("build exit %d:\n%s", code, errb.String())
				}
				page := filepath.Join(pub, "notes", firstNotePath(b, site), "index.html")
				data, err := os.ReadFile(page)
				if err != nil {
					b.Fatal(err)
				}
				if n := bytes.Count(data, []byte("<math")); n < bc.maths || bc.maths == 0 && n > 0 {
					b.Fatalf("%s: %d formulas as MathML, want %d or more (none without math)", page, n, bc.maths)
				}
				b.StartTimer()
			}
			b.ReportMetric(cpu.Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}

// firstNotePath returns the path under content/notes of one generated
// note page.
func firstNotePath(b *testing.B, site string) string {
	b.Helper()
	root := filepath.Join(site, "content", "notes")
	var found string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && found == "" && d.Name() == "index.md" {
			rel, _ := filepath.Rel(root, filepath.Dir(p))
			found = rel
		}
		return err
	})
	if found == "" || strings.HasPrefix(found, "..") {
		b.Fatalf("no note page under %s", root)
	}
	return found
}
