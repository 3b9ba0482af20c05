// Package hostile writes the pathological notes a build must survive in
// bounded time and memory: embeds that multiply, tables that would be
// padded to huge sizes, nesting deep enough to overflow a recursive walk,
// runs of backticks and tildes, and binary data in a .md file. Each shape
// is written at a size asked for, so that tests use small ones and
// benchmarks large ones; the files are made in code because a
// megabyte-sized fixture says nothing a reader can check.
package hostile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Shape is one kind of pathological input.
type Shape struct {
	Name string
	// Files returns the vault files of the shape at about size bytes in
	// all (some shapes are small whatever the size): vault path ->
	// content.
	Files func(size int) map[string][]byte
}

// Shapes are every shape, in a fixed order.
var Shapes = []Shape{
	{"embeds", embeds},
	{"wide-row", wideRow},
	{"wide-cell", wideCell},
	{"deep-quote", deepQuote},
	{"deep-list", deepList},
	{"deep-mixed", deepMixed},
	{"deep-emphasis", deepEmphasis},
	{"backtick-runs", backtickRuns},
	{"tilde-run", tildeRun},
	{"binary", binary},
}

// Find returns the shape named name.
func Find(name string) (Shape, bool) {
	for _, s := range Shapes {
		if s.Name == name {
			return s, true
		}
	}
	return Shape{}, false
}

// Write writes the files of a shape at size under dir, in a folder named
// after the shape.
func Write(dir string, s Shape, size int) error {
	for name, data := range s.Files(size) {
		p := filepath.Join(dir, s.Name, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// page is a note with a title and a body.
func page(title, body string) []byte {
	return []byte("---\ntitle: " + title + "\n---\n\n" + body)
}

// note is a shape of one note, named after its title.
func note(title, body string) map[string][]byte {
	return map[string][]byte{title + ".md": page(title, body)}
}

// embeds is ten notes that each embed the next one ten times: the first
// note, embedding nine levels deep, would hold 10^9 copies of the last.
// Every level has a paragraph of its own so that a copy is not empty.
func embeds(size int) map[string][]byte {
	const levels, fanout = 10, 10
	text := strings.Repeat("Some words of this level. ", max(1, size/(levels*26*2)))
	files := map[string][]byte{}
	for i := range levels {
		var b strings.Builder
		fmt.Fprintf(&b, "Level %d. %s\n\n", i, text)
		if i+1 < levels {
			for range fanout {
				fmt.Fprintf(&b, "![[Embed level %d]]\n\n", i+1)
			}
		}
		files[fmt.Sprintf("Embed level %d.md", i)] = page(fmt.Sprintf("Embed level %d", i), b.String())
	}
	return files
}

// wideRow is a two-column table of many rows with one row of a great many
// cells: repairing the table by padding every row to the widest would
// multiply the two.
func wideRow(size int) map[string][]byte {
	var b strings.Builder
	b.WriteString("Before the table.\n\n| key | value |\n| --- | --- |\n")
	rows := max(10, size/10/20)
	for i := range rows {
		fmt.Fprintf(&b, "| k%d | v%d |\n", i, i)
		if i == rows/2 {
			b.WriteString("|")
			b.WriteString(strings.Repeat(" x |", max(100, size*9/10/4)))
			b.WriteString("\n")
		}
	}
	b.WriteString("\nAfter the table.\n")
	return note("Wide row", b.String())
}

// wideCell is a table of many rows with one cell of most of the size:
// aligning the table by padding every cell of its column to that width
// would multiply the two.
func wideCell(size int) map[string][]byte {
	var b strings.Builder
	b.WriteString("Before the table.\n\n| key | value |\n| --- | --- |\n")
	rows := max(10, min(1000, size/1000))
	for i := range rows {
		fmt.Fprintf(&b, "| k%d | v%d |\n", i, i)
		if i == rows/2 {
			b.WriteString("| wide | ")
			b.WriteString(strings.Repeat("word ", max(100, size*9/10/5)))
			b.WriteString("|\n")
		}
	}
	b.WriteString("\nAfter the table.\n")
	return note("Wide cell", b.String())
}

// deepQuote is one line of '>' markers, a blockquote nested as deep as the
// size allows, then text.
func deepQuote(size int) map[string][]byte {
	body := "Before the quote.\n\n" + strings.Repeat(">", max(1, size-40)) + " deepest quoted text\n\nAfter the quote.\n"
	return note("Deep quote", body)
}

// deepList is one line of list markers: "- - - item" is a list in a list
// in a list, so a line of markers nests as deep as the size allows without
// the indentation a list usually needs for each level.
func deepList(size int) map[string][]byte {
	body := "Before the list.\n\n" + strings.Repeat("- ", max(1, (size-40)/2)) + "deepest item\n\nAfter the list.\n"
	return note("Deep list", body)
}

// deepMixed nests ordered lists and blockquotes in turn, on one line.
func deepMixed(size int) map[string][]byte {
	body := "Before.\n\n" + strings.Repeat("1. > ", max(1, (size-40)/5)) + "deepest\n\nAfter.\n"
	return note("Deep mixed", body)
}

// deepEmphasis is emphasis nested by long runs of asterisks on each side
// of a word: strong inside strong, as deep as half a run.
func deepEmphasis(size int) map[string][]byte {
	n := max(2, (size-40)/2)
	body := "Before.\n\n" + strings.Repeat("*", n) + "deepest" + strings.Repeat("*", n) + "\n\nAfter.\n"
	return note("Deep emphasis", body)
}

// backtickRuns is a paragraph of runs of 33 or more backticks, each of a
// length no other run has, so that none closes a code span.
func backtickRuns(size int) map[string][]byte {
	var b strings.Builder
	b.WriteString("Before.\n\n")
	for n := 33; b.Len() < size; n++ {
		b.WriteString(strings.Repeat("`", n))
		b.WriteString(" x ")
	}
	b.WriteString("\n\nAfter.\n")
	return note("Backtick runs", b.String())
}

// tildeRun is one line that is a run of tildes: a fence opener as long as
// the note, which nothing closes.
func tildeRun(size int) map[string][]byte {
	body := "Before.\n\n" + strings.Repeat("~", max(3, size-40)) + "\n\nAfter.\n"
	return note("Tilde run", body)
}

// binary is a .md file holding binary data: NUL bytes and bytes that are
// not UTF-8, as an image or archive saved under the wrong name is.
func binary(size int) map[string][]byte {
	data := make([]byte, max(64, size))
	x := uint32(2463534242)
	for i := range data {
		// xorshift: deterministic noise, no seed to manage.
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		data[i] = byte(x)
	}
	// The marker says that nothing of the file may be published.
	copy(data, "\x89PNG\r\n\x1a\n\x00\x00 CRIBLEAK-binary ")
	return map[string][]byte{"Binary.md": data}
}
