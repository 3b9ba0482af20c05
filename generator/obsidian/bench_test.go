package obsidian

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/internal/cputime"
)

// benchText returns about size bytes of note text shaped like a real
// interview vault: headings, paragraphs with bold and code spans, lists,
// a table, a callout, and a wikilink or tag every few lines.
func benchText(size int) []byte {
	var b bytes.Buffer
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "## %d. Interview Q: what does [[Docker]] do with layer %d?\n\n", i, i)
		fmt.Fprintf(&b, "**Your Answer:** containers share the _kernel_; see [[Docker Basics#Volumes|volumes]] and `docker run -v x:/y` %%%%todo%%%% for mounts. #docker #interview/devops\n")
		b.WriteString("Images are layered; each `RUN` adds a layer, and ==caching== makes rebuilds fast. ^b" + fmt.Sprint(i) + "\n\n")
		b.WriteString("- **Dependency Hell**: app works on dev, breaks on prod. [[path/Note]]\n")
		b.WriteString("- **Server Bloat**: each app needed its own server, OS, runtime.\n")
		b.WriteString("- **Slow Scaling**: adding capacity meant buying hardware.\n\n")
		b.WriteString("| Aspect | Container | VM |\n|---|---|---|\n| Size | 50-500MB | 2-10GB |\n| Boot | ms | minutes |\n\n")
		b.WriteString("> [!TIP] Remember\n> Say *why*, not just what: ![[image.png|300]]\n\n")
	}
	return b.Bytes()
}

// mapResolver resolves from a map, as the vault index does.
type mapResolver map[string]string

func (m mapResolver) Link(target, fragment string) (string, error) {
	d, ok := m[strings.ToLower(target)]
	if !ok {
		return "", fmt.Errorf("no note named %q", target)
	}
	if fragment != "" {
		d += "#" + strings.ToLower(strings.ReplaceAll(fragment, " ", "-"))
	}
	return d, nil
}
func (m mapResolver) Attachment(target string) (string, error) { return target, nil }
func (m mapResolver) Transclude(target, fragment string) ([]byte, error) {
	return []byte("embedded\n"), nil
}

var benchResolver = mapResolver{
	"docker":        "/notes/docker/docker",
	"docker basics": "/notes/docker/docker-basics",
	"path/note":     "/notes/path/note",
}

// bench runs fn over text and reports throughput twice: MB/s of wall
// time, and MB per CPU second of this process, which stays meaningful on
// a machine busy with other work.
func bench(b *testing.B, text []byte, fn func([]byte)) {
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	start := cpuTime()
	for b.Loop() {
		fn(text)
	}
	mb := float64(len(text)) * float64(b.N) / 1e6
	b.ReportMetric(mb/b.Elapsed().Seconds(), "MB/s")
	if cpu := cpuTime() - start; cpu > 0 {
		b.ReportMetric(mb/cpu.Seconds(), "MB/cpu-s")
	}
}

var cpuTime = cputime.Process

func BenchmarkRewrite(b *testing.B) {
	text := benchText(1 << 20)
	spans := spansOf(text)
	bench(b, text, func(text []byte) { Rewrite(text, spans, benchResolver) })
}

func BenchmarkStripComments(b *testing.B) {
	bench(b, benchText(1<<20), func(text []byte) { StripBodyComments(text) })
}

func BenchmarkInlineTags(b *testing.B) {
	text := benchText(1 << 20)
	spans := spansOf(text)
	bench(b, text, func(text []byte) { InlineTags(text, spans) })
}

// BenchmarkPipeline runs what body normalization runs on a body: comment
// removal, then, on every text run goldmark finds, tags and rewriting.
func BenchmarkPipeline(b *testing.B) {
	bench(b, benchText(1<<20), pipeline)
}

func pipeline(text []byte) {
	out, segs, _ := StripBodyComments(text)
	for _, s := range segs {
		if s.Code() {
			continue
		}
		run := out[s.Start:s.End]
		InlineTags(run, s.Spans)
		Rewrite(run, s.Spans, benchResolver)
	}
}

// BenchmarkRewriteHostile feeds lines full of openers that a careless
// scanner would rescan: it must stay as fast as ordinary text.
func BenchmarkRewriteHostile(b *testing.B) {
	bench(b, []byte(strings.Repeat(strings.Repeat("[[ ![[ ` #a [[x", 200)+"\n", 100)), pipeline)
}
