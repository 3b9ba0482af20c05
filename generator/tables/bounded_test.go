package tables

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// hugeTables are tables whose repair, done as for a small one, would be
// quadratic in time or in the size of what is written.
func hugeTables() map[string]string {
	var rows strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&rows, "| k%d | v%d |\n", i, i)
	}
	head := "| key | value |\n| --- | --- |\n"
	return map[string]string{
		// Widening the table to the one wide row pads every row to it.
		"wide-row": head + rows.String() + "|" + strings.Repeat(" x |", 100000) + "\n" + rows.String(),
		// Aligning the table pads every cell of the column to the wide one.
		"wide-cell": head + rows.String() + "| wide | " + strings.Repeat("word ", 400000) + "|\n" + rows.String(),
		// Each unmatched run of backticks looked for its closer to the end
		// of the line.
		"backtick-runs": head + "| " + backtickRuns(2<<20) + " | x |\n",
		// Each line of outer pipes looked for a separator below it.
		"separator-far-below": strings.Repeat("| a | b |\n", 50000) + "| - | - |\n| c | d |\n",
	}
}

// backtickRuns is about size bytes of backtick runs, each of a length no
// other has, so none closes a code span.
func backtickRuns(size int) string {
	var b strings.Builder
	for n := 1; b.Len() < size; n++ {
		b.WriteString(strings.Repeat("`", n))
		b.WriteString(" x ")
	}
	return b.String()
}

// TestHugeTables checks that the huge tables are repaired in time and
// space linear in their size, lose no cell and say what was left as
// written.
func TestHugeTables(t *testing.T) {
	diagsWanted := map[string]string{
		"wide-row":  "note.md:1003: warning: table row has 100000 cells but the table has 2 columns: left as written, so goldmark shows only the first 2; widening the table to fit it would pad every row to its size",
		"wide-cell": "note.md:1: warning: table is too large to align (2002 rows, a cell 1999999 characters wide): written without padding",
	}
	for name, in := range hugeTables() {
		t.Run(name, func(t *testing.T) {
			out, diags := Normalize("note.md", 1, []byte(in))
			if len(out) > 2*len(in)+64<<10 {
				t.Errorf("%d bytes in, %d out", len(in), len(out))
			}
			if want, ok := diagsWanted[name]; ok && !strings.Contains(string(formatDiags(diags)), want) {
				t.Errorf("diagnostics:\n%s\nwant %s", formatDiags(diags), want)
			}
			if again, _ := Normalize("note.md", 1, out); !bytes.Equal(again, out) {
				t.Errorf("not idempotent")
			}
			if name == "wide-row" && !bytes.Contains(out, []byte("\n|"+strings.Repeat(" x |", 100000)+"\n")) {
				t.Errorf("the wide row was not left as written")
			}
		})
	}
}

// TestWideningKeepsRowsWithinTheBudget checks that a row too wide to
// widen the table for does not stop it from being widened for the others.
func TestWideningKeepsRowsWithinTheBudget(t *testing.T) {
	in := "| a | b |\n| - | - |\n" + strings.Repeat("| 1 | 2 | 3 |\n", 100) + "|" + strings.Repeat(" x |", 5000) + "\n"
	out, _ := Normalize("note.md", 1, []byte(in))
	if !bytes.HasPrefix(out, []byte("| a   | b   |     |\n| --- | --- | --- |\n| 1   | 2   | 3   |\n")) {
		t.Errorf("not widened to three columns:\n%s", out[:200])
	}
}
