package dataview

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/internal/cputime"
)

// benchPages is a vault of n notes in 50 folders, each with front matter,
// a few tags, links to other notes and tasks.
func benchPages(n int) []*Page {
	pages := make([]*Page, n)
	base := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range pages {
		folder := fmt.Sprintf("Topic %02d", i%50)
		pages[i] = &Page{
			Path: fmt.Sprintf("%s/Note %05d.md", folder, i),
			Dest: fmt.Sprintf("/notes/topic-%02d/note-%05d", i%50, i),
			Fields: map[string]any{
				"difficulty": []string{"easy", "medium", "hard"}[i%3],
				"rating":     i % 7,
				"status":     []any{"todo", "done"}[i%2],
				"reviewed":   base.AddDate(0, 0, i%900).Format("2006-01-02"),
			},
			Tags:  []string{fmt.Sprintf("topic%d", i%20), fmt.Sprintf("level/%d", i%4)},
			Ctime: base.Add(time.Duration(i) * time.Hour), Mtime: base.Add(time.Duration(i) * 2 * time.Hour),
			Links: []string{fmt.Sprintf("Note %05d", (i*7+1)%n), fmt.Sprintf("Note %05d", (i*13+5)%n)},
			Tasks: []Task{{Line: 5, Status: " ", Text: "Review it"}, {Line: 6, Status: "x", Text: "Write it"}},
		}
	}
	return pages
}

func benchTable(n int) *Table {
	pages := benchPages(n)
	byName := make(map[string]*Page, n)
	for _, p := range pages {
		byName[strings.TrimSuffix(p.Path[strings.IndexByte(p.Path, '/')+1:], ".md")] = p
	}
	return NewTable(pages, Options{TagKey: strings.ToLower, Resolve: func(_, target, _ string) (string, string) {
		if p := byName[target]; p != nil {
			return p.Path, p.Dest
		}
		return "", ""
	}})
}

// BenchmarkQuery runs queries over 5,000 notes, results shown as Markdown
// included: each must take well under 50 ms (cpu-ms/op).
func BenchmarkQuery(b *testing.B) {
	tb := benchTable(5000)
	for _, q := range []struct{ name, src string }{
		{"table-where-sort", `TABLE difficulty, rating, file.mtime FROM #topic3 or "Topic 07" or -#level/2 WHERE rating >= 2 and contains(file.tags, "#level") SORT difficulty, file.name DESC`},
		{"list-all-sorted", `LIST file.folder SORT file.name DESC`},
		{"group-by", `LIST rows.file.link WHERE reviewed > date(2023-01-01) GROUP BY file.folder`},
		{"inlinks", `LIST FROM [[Note 00042]] OR outgoing([[Note 00042]])`},
		{"tasks", `TASK WHERE !completed GROUP BY file.link`},
	} {
		query, err := Parse(q.src)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(q.name, func(b *testing.B) {
			start := cputime.Process()
			for b.Loop() {
				r, err := query.Eval(tb, "Topic 00/Note 00000.md", NewBudget(1<<30))
				if err != nil {
					b.Fatal(err)
				}
				r.Markdown()
			}
			reportCPU(b, start)
		})
	}
}

// BenchmarkNewTable makes the table of 5,000 notes, once per build.
func BenchmarkNewTable(b *testing.B) {
	start := cputime.Process()
	for b.Loop() {
		benchTable(5000)
	}
	reportCPU(b, start)
}

// reportCPU reports the CPU time of the process per operation since
// start, which stays meaningful on a machine busy with other work (the
// collector's work included).
func reportCPU(b *testing.B, start time.Duration) {
	if cpu := cputime.Process() - start; cpu > 0 {
		b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}
