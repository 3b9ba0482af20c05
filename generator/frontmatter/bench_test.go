package frontmatter

import (
	"fmt"
	"strings"
	"testing"
)

// benchFronts are front matter blocks in the shapes found in real vaults,
// from clean to damaged.
var benchFronts = []struct{ name, front string }{
	{"clean", "---\ntitle: Docker Interview Notes\ndate: 2025-12-19\nlastmod: 2026-01-05T18:35:36+01:00\ntags: [docker, interview/devops, containers]\naliases:\n  - Docker Q&A\ndifficulty: hard\nsources:\n  - https://docs.docker.com\n---\n"},
	{"seed", "---\ntitle:\n  \"{ Title }\":\ntags:\n  - DevOps\n  - DocKer\ncreated: 2025-12-19\nupdated:\n  \"{ date }\":\n---\n"},
	{"broken", "---\\\ntitle: Docker: the basics\ncreated: 12/19/2025\ntags:\n\t- docker\n\t- k8s\ntags: #devops\n---\\\n"},
	{"templater", "---\ntitle: <% tp.file.title %>\ncreated: <% tp.file.creation_date() %>\ntags: [interview]\n---\n"},
	{"toml", "+++\ntitle = \"Docker\"\ndate = 2025-12-19\ntags = [\"docker\", \"k8s\"]\n+++\n"},
	{"none", ""},
}

// benchBody is a seed-sized (about 16 KB) interview note body.
var benchBody = func() string {
	var b strings.Builder
	for i := range 120 {
		fmt.Fprintf(&b, "## %d. Section\n\n### Interview Q: \"What about %d?\"\n\n- **Point**: some text about containers and images.\n- Another point with `code` and a [[Link]].\n\n", i, i)
	}
	return b.String()
}()

func BenchmarkParse(b *testing.B) {
	run := func(b *testing.B, notes [][]byte) {
		n := 0
		for _, note := range notes {
			n += len(note)
		}
		b.SetBytes(int64(n))
		b.ReportAllocs()
		for b.Loop() {
			for _, note := range notes {
				Parse("bench.md", note)
			}
		}
		b.ReportMetric(float64(len(notes)*b.N)/b.Elapsed().Seconds(), "notes/s")
	}
	var mix [][]byte
	for _, f := range benchFronts {
		mix = append(mix, []byte(f.front+benchBody))
	}
	b.Run("notes", func(b *testing.B) { run(b, mix) })
	for _, f := range benchFronts {
		// Front matter alone: the cost that does not shrink with body size.
		b.Run("front="+f.name, func(b *testing.B) { run(b, [][]byte{[]byte(f.front)}) })
	}
}
