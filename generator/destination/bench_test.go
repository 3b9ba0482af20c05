package destination

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCommit measures what publishing adds to a build beyond Hugo's
// own writing: swapping a finished site of 1,000 notes (3,600 files, as
// a 1,000-note synthetic vault makes) into a destination that holds the
// previous one, and removing that one.
func BenchmarkCommit(b *testing.B) {
	const notes, filesPerNote = 1000, 3
	page := make([]byte, 16<<10)
	fill := func(dir string) {
		for i := range notes {
			d := filepath.Join(dir, "notes", fmt.Sprintf("topic-%d", i%20), fmt.Sprintf("note-%d", i))
			if err := os.MkdirAll(d, 0o755); err != nil {
				b.Fatal(err)
			}
			for j := range filesPerNote {
				if err := os.WriteFile(filepath.Join(d, fmt.Sprintf("file-%d", j)), page, 0o644); err != nil {
					b.Fatal(err)
				}
			}
		}
		for i := range 600 {
			os.MkdirAll(filepath.Join(dir, "search", "f"), 0o755)
			if err := os.WriteFile(filepath.Join(dir, "search", "f", fmt.Sprintf("shard-%d.json", i)), page, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		os.WriteFile(filepath.Join(dir, "index.html"), page, 0o644)
	}
	dest := filepath.Join(b.TempDir(), "public")
	fill(dest)
	os.WriteFile(filepath.Join(dest, "CNAME"), []byte("x"), 0o644)
	for b.Loop() {
		b.StopTimer()
		s, err := Begin(dest)
		if err != nil {
			b.Fatal(err)
		}
		fill(s.Dir)
		b.StartTimer()
		if err := s.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}
