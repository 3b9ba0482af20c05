package normalize

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/text"
)

// scanningShapes are notes that a scanner reading backticks or fences
// carelessly takes quadratic time or memory on: the ones seen to hang a
// build, at the size they were seen (a 4 MB paragraph of stray runs, a
// 6 MB run), and denser ones at a megabyte. They are made here rather
// than kept in the repository.
var scanningShapes = []struct {
	name  string
	stray bool // made of stray backtick runs
	note  func() []byte
}{
	// Thousands of stray backtick runs, each of another length, in one
	// paragraph: for each, goldmark's code span parser reads the rest of
	// the paragraph looking for a closer.
	{"stray backtick runs of 33+", true, func() []byte {
		var b bytes.Buffer
		for n := 33; b.Len() < 4<<20; n++ {
			b.WriteString(strings.Repeat("`", n))
			b.WriteString(" word ")
		}
		return b.Bytes()
	}},
	// The same with runs of up to 32 backticks, over and over.
	{"stray backtick runs of 1 to 32", true, func() []byte {
		var b bytes.Buffer
		for n := 0; b.Len() < 4<<20; n++ {
			b.WriteString(strings.Repeat("`", 32-n%32))
			b.WriteString(" w ")
		}
		return b.Bytes()
	}},
	{"one run of tildes", false, func() []byte { return bytes.Repeat([]byte("~"), 6<<20) }},
	{"one run of backticks", false, func() []byte { return bytes.Repeat([]byte("`"), 6<<20) }},
	{"lines of tildes", false, func() []byte { return bytes.Repeat([]byte("~~~\n"), 1<<20/4) }},
	{"fence markers on every line of a paragraph", true, func() []byte { return bytes.Repeat([]byte("a ``` ~~~ `` `\n"), 1<<20/15) }},
	{"comments and backticks", false, func() []byte { return bytes.Repeat([]byte("%% `a %% b` %% c\n"), 1<<20/17) }},
}

// TestScanningIsBounded normalizes each shape, as a note of its own, and
// parses the body Hugo is given with goldmark configured as Hugo's is.
// Normalizing must finish well within two minutes (a hang guard: the
// figures are in BenchmarkScanningShapes) and allocate no more than a few
// parses of the note and the result do; and the body must hold no long stray
// backtick run, which would make Hugo's goldmark read its paragraph once
// for each length of them.
func TestScanningIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("megabyte notes")
	}
	plain := goldmark.New(markdown.Options()...)
	for _, shape := range scanningShapes {
		t.Run(shape.name, func(t *testing.T) {
			src := shape.note()
			done := make(chan []byte, 1)
			var alloc, parse uint64
			go func() {
				var body []byte
				alloc = allocated(func() {
					notes, _, _ := vaultOf(t, map[string]string{"a.md": string(src)})
					body = notes["a.md"].Body
				})
				// A parse of the note (by Segments: goldmark's own
				// parser is quadratic on stray runs) and of the result.
				parse = allocated(func() { markdown.Segments(src) }) +
					allocated(func() { plain.Parser().Parse(text.NewReader(body)) })
				done <- body
			}()
			var body []byte
			select {
			case body = <-done:
			case <-time.After(2 * time.Minute):
				t.Fatalf("still normalizing a %d-byte note after two minutes", len(src))
			}
			if alloc > 6*parse+(64<<20) {
				t.Errorf("normalizing a %d-byte note allocated %d MB; a parse of it and of the result %d MB", len(src), alloc>>20, parse>>20)
			}
			if shape.stray && bytes.Contains(body, bytes.Repeat([]byte("`"), 33)) {
				t.Errorf("a run of 33 backticks is left in the body")
			}
		})
	}
}

// allocated returns the bytes fn allocates.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// BenchmarkScanningShapes reports, for each shape, the time and memory
// normalizing it as a note of its own takes, and parsing the result as
// Hugo does.
func BenchmarkScanningShapes(b *testing.B) {
	for _, shape := range scanningShapes {
		b.Run(shape.name, func(b *testing.B) {
			src := shape.note()
			files := map[string]string{"a.md": string(src)}
			t := &testing.T{}
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				notes, _, _ := vaultOf(t, files)
				goldmark.New(markdown.Options()...).Parser().Parse(text.NewReader(notes["a.md"].Body))
			}
		})
	}
}
