package rawhtml

import (
	"bytes"
	"fmt"
	"testing"
)

// BenchmarkClean cleans notes of about 1 MB: prose without HTML (the
// quick path), prose with formatting tags, tags that are each different
// and never closed, and one HTML block of a large table.
func BenchmarkClean(b *testing.B) {
	const size = 1 << 20
	fill := func(unit func(i int) string) []byte {
		var buf bytes.Buffer
		for i := 0; buf.Len() < size; i++ {
			buf.WriteString(unit(i))
		}
		return buf.Bytes()
	}
	for _, c := range []struct {
		name string
		md   []byte
	}{
		{"prose", fill(func(i int) string { return fmt.Sprintf("Paragraph %d with `code < 3` and *emphasis*.\n\n", i) })},
		{"formatting", fill(func(i int) string {
			return fmt.Sprintf("H<sub>2</sub>O and <kbd>Ctrl</kbd>+<kbd>%d</kbd>, <mark>hot</mark>.<br>\n\n", i)
		})},
		{"unclosed-distinct", fill(func(i int) string { return fmt.Sprintf("<b title=\"%d\"><span onclick=\"x%d\">", i, i) })},
		{"table-block", append([]byte("<table>\n"), fill(func(i int) string { return fmt.Sprintf("<tr><td>%d</td><td style=x>y</td></tr>\n", i) })...)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.md)))
			b.ReportAllocs()
			for b.Loop() {
				Clean(c.md, nil, parser().Parse, Options{})
			}
		})
	}
}
