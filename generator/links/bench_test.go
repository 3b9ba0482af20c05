package links

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/crib-notes/crib/generator/content"
	"github.com/crib-notes/crib/generator/internal/cputime"
	"github.com/crib-notes/crib/generator/note"
)

// BenchmarkOutput writes the backlinks and pictures of 5,000 notes of
// 20 links each, the links of the synthetic vaults, from notes whose
// links were taken when they were parsed. cpu-s/op is the process's CPU
// time (the GC's included) per run.
func BenchmarkOutput(b *testing.B) {
	const n, perNote = 5000, 20
	r := rand.New(rand.NewPCG(1, 2))
	notes := make([]*note.Note, n)
	for i := range notes {
		body := "# Note\n\n"
		var links []string
		for range perNote {
			j := r.IntN(n)
			body += fmt.Sprintf("A sentence about it. Related: [Note %d](/notes/n%d). And more.\n\n", j, j)
			links = append(links, fmt.Sprintf("n%d.md", j))
		}
		notes[i] = newNote(fmt.Sprintf("n%d.md", i), fmt.Sprintf("Note %d", i), fmt.Sprintf("/notes/n%d", i), body)
		notes[i].Links = sortedUnique(links)
		Outgoing(notes[i])
		notes[i].Doc = nil
	}
	o := Output{Backlinks: true, Graph: true}
	b.ReportAllocs()
	cpu := cputime.Process()
	for b.Loop() {
		o.Write(context.Background(), &content.Discard{}, notes)
	}
	// CPU time barely moves when other processes share the machine.
	b.ReportMetric((cputime.Process()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}

func sortedUnique(s []string) []string {
	m := map[string]bool{}
	var out []string
	for _, x := range s {
		if !m[x] {
			m[x] = true
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return out
}
