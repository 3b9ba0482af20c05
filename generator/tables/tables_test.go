package tables

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"golang.org/x/tools/txtar"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/internal/fixtures"
)

var update = flag.Bool("update", false, "rewrite expected outputs in testdata")

// TestCases runs testdata/cases.txtar: name.in is normalized and compared
// with name.out and name.diag.
func TestCases(t *testing.T) {
	const file = "testdata/cases.txtar"
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	sections := make(map[string]int)
	for i, f := range ar.Files {
		sections[f.Name] = i
	}
	for _, f := range ar.Files {
		name, ok := strings.CutSuffix(f.Name, ".in")
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			in := caseInput(name, f.Data)
			out, diags := Normalize("note.md", 1, in)
			gotOut, gotDiag := caseOutput(name, out), formatDiags(diags)
			outIdx, ok1 := sections[name+".out"]
			diagIdx, ok2 := sections[name+".diag"]
			if !ok1 || !ok2 {
				t.Fatalf("case %s has no .out or .diag section", name)
			}
			if *update {
				ar.Files[outIdx].Data, ar.Files[diagIdx].Data = gotOut, gotDiag
				return
			}
			if want := ar.Files[outIdx].Data; !bytes.Equal(gotOut, want) {
				t.Errorf("output:\n%s\nwant:\n%s", gotOut, want)
			}
			if want := ar.Files[diagIdx].Data; !bytes.Equal(gotDiag, want) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", gotDiag, want)
			}
			if again, d := Normalize("note.md", 1, out); !bytes.Equal(again, out) || len(d) != 0 {
				t.Errorf("not idempotent: second pass gave\n%s\n%v", again, d)
			}
			if len(diags) == 0 && bytes.Equal(out, in) && &out[0] != &in[0] {
				t.Errorf("unchanged text was copied")
			}
			prefix := []byte("before\n")
			appended, adiags := AppendNormalize(bytes.Clone(prefix), "note.md", 1, in)
			if want := append(bytes.Clone(prefix), out...); !bytes.Equal(appended, want) || !bytes.Equal(formatDiags(adiags), gotDiag) {
				t.Errorf("AppendNormalize differs from Normalize:\n%s\n%s", appended, formatDiags(adiags))
			}
		})
	}
	if *update {
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// txtar sections end in a newline; cases named *no-final-newline are run
// without it. Cases named *crlf are run with CRLF line endings (kept out of
// the file, where editors would eat them) and must come out with CRLF.
func caseInput(name string, data []byte) []byte {
	switch {
	case strings.HasSuffix(name, "no-final-newline"):
		return bytes.TrimSuffix(data, []byte("\n"))
	case strings.HasSuffix(name, "crlf"):
		return bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
	}
	return data
}

func caseOutput(name string, out []byte) []byte {
	switch {
	case strings.HasSuffix(name, "no-final-newline"):
		return append(bytes.Clone(out), '\n')
	case strings.HasSuffix(name, "crlf"):
		if bytes.Count(out, []byte("\n")) != bytes.Count(out, []byte("\r\n")) {
			return append([]byte("LINE ENDINGS CHANGED:\n"), out...)
		}
		return bytes.ReplaceAll(out, []byte("\r\n"), []byte("\n"))
	}
	return out
}

func formatDiags(ds []diag.Diagnostic) []byte {
	var b bytes.Buffer
	for _, d := range ds {
		fmt.Fprintln(&b, d)
	}
	return b.Bytes()
}

// TestGoldmarkReadsTheTables parses every case's output with the Markdown
// parser Hugo uses and checks that it sees exactly the tables written, with
// every row having every column.
func TestGoldmarkReadsTheTables(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/cases.txtar")
	if err != nil {
		t.Fatal(err)
	}
	// Tables in list items are left alone on purpose; goldmark reads them.
	leftAlone := map[string]bool{"list-item-table": true}
	p := markdown.NewParser()
	for _, f := range ar.Files {
		name, ok := strings.CutSuffix(f.Name, ".in")
		if !ok || leftAlone[name] {
			continue
		}
		out, _ := Normalize("note.md", 1, caseInput(name, f.Data))
		want := tableShapes(out)
		got := goldmarkShapes(p, out)
		if got != want {
			t.Errorf("%s: goldmark reads tables %s, normalizer wrote %s\n%s", name, got, want, out)
		}
	}
}

// tableShapes describes the tables the normalizer finds in text as
// "rows x columns" (header included), in order.
func tableShapes(text []byte) string {
	var shapes []string
	forEachTable(text, func(t *table) {
		shapes = append(shapes, fmt.Sprintf("%dx%d", len(t.rows), t.columns()))
	})
	return strings.Join(shapes, " ")
}

func goldmarkShapes(p *markdown.Parser, src []byte) string {
	var shapes []string
	ast.Walk(p.Parse(src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		tb, ok := n.(*extast.Table)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		rows, cols := 0, -1
		for r := tb.FirstChild(); r != nil; r = r.NextSibling() {
			rows++
			if c := r.ChildCount(); cols == -1 || c == cols {
				cols = c
			} else {
				cols = -2 // ragged: a cell was lost or invented
			}
		}
		shapes = append(shapes, fmt.Sprintf("%dx%d", rows, cols))
		return ast.WalkSkipChildren, nil
	})
	return strings.Join(shapes, " ")
}

// forEachTable calls fn for every table Normalize finds in text.
func forEachTable(text []byte, fn func(t *table)) {
	n := normalizer{text: text, visit: fn}
	n.run(1)
}

// TestSeedTables pins the vault's interview note, normalized: its two
// tables re-aligned, nothing else changed, no diagnostics, and Hugo's
// parser reads them as 3-column tables of 8 and 6 rows.
func TestSeedTables(t *testing.T) {
	src := fixtures.Read(t, fixtures.Networking)
	out := checkNoteTables(t, src, "8x3 6x3", 16)
	const golden = "testdata/networking.golden"
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, want) {
		t.Errorf("normalized note differs from %s (run go test -update and review the diff)", golden)
	}
}

// TestSharedSeedTables checks the real seed note of the shared layer the
// same way: two 3-column tables of 8 and 7 rows, 17 lines re-aligned.
func TestSharedSeedTables(t *testing.T) {
	checkNoteTables(t, fixtures.Shared(t, fixtures.SharedSeed), "8x3 7x3", 17)
}

// checkNoteTables normalizes the text outside the fences of a note and
// checks that it gives no diagnostics, that goldmark reads its tables
// with the shapes given, and that only table lines changed, as many as
// given. It returns the normalized note.
func checkNoteTables(t *testing.T, src []byte, shapes string, lines int) []byte {
	t.Helper()
	var out []byte
	var diags []diag.Diagnostic
	for _, seg := range markdown.Segments(src) {
		part := src[seg.Start:seg.End]
		if !seg.Code() {
			var d []diag.Diagnostic
			part, d = Normalize("Docker Interview Notes.md", seg.Line, part)
			diags = append(diags, d...)
		}
		out = append(out, part...)
	}
	if len(diags) != 0 {
		t.Errorf("unexpected diagnostics: %v", diags)
	}
	if got := goldmarkShapes(markdown.NewParser(), out); got != shapes {
		t.Errorf("goldmark reads the note's tables as %q, want %q", got, shapes)
	}
	inLines, outLines := strings.Split(string(src), "\n"), strings.Split(string(out), "\n")
	if len(inLines) != len(outLines) {
		t.Fatalf("line count changed: %d -> %d", len(inLines), len(outLines))
	}
	changed := 0
	for i := range inLines {
		if inLines[i] != outLines[i] {
			changed++
			if !strings.HasPrefix(inLines[i], "|") {
				t.Errorf("line %d changed but is not a table line: %q", i+1, inLines[i])
			}
		}
	}
	if changed != lines {
		t.Errorf("%d lines changed, want the %d table lines", changed, lines)
	}
	return out
}

// A note with arrows and separators but no table: nothing may change.
func TestRealNoteWithoutTables(t *testing.T) {
	checkNoTables(t, fixtures.Read(t, fixtures.GitCI))
	t.Run("shared", func(t *testing.T) {
		checkNoTables(t, fixtures.Shared(t, fixtures.SharedReal))
	})
}

func checkNoTables(t *testing.T, src []byte) {
	t.Helper()
	out, diags := Normalize("docker-k8s.md", 1, src)
	if !bytes.Equal(out, src) || len(diags) != 0 {
		t.Errorf("changed a note without tables: %v", diags)
	}
}

func TestDiagnosticLinesAreFileLines(t *testing.T) {
	text := []byte("intro\n\n| a | b |\n|---|\n| 1 | 2 | 3 |\n")
	_, diags := Normalize("Docker/Basics.md", 40, text)
	got := string(formatDiags(diags))
	want := "Docker/Basics.md:43: warning: table separator row has 1 cell but the header has 2: rewrote it\n" +
		"Docker/Basics.md:44: warning: table row has 3 cells but the header has 2: widened the table to 3 columns so that no cell is lost\n"
	if got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

func TestDisplayWidth(t *testing.T) {
	tests := []struct {
		s    string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"café", 4},
		{"cafe\u0301", 4}, // combining acute accent
		{"容器", 4},
		{"🐳", 2},
		{"→ ↓", 3},
		{"Ｄ", 2}, // full-width letter
	}
	for _, tt := range tests {
		if got := displayWidth([]byte(tt.s)); got != tt.want {
			t.Errorf("displayWidth(%q) = %d, want %d", tt.s, got, tt.want)
		}
	}
}

func TestSplitRow(t *testing.T) {
	tests := []struct {
		line  string
		cells []string
		outer bool
	}{
		{"|a|b|", []string{"a", "b"}, true},
		{"a | b", []string{"a", "b"}, false},
		{"| a | b", []string{"a", "b"}, false},
		{"|a||", []string{"a"}, true}, // goldmark: an empty last segment is no cell
		{"||", nil, true},
		{"|||", []string{""}, true},
		{"| `a|b` | c |", []string{"`a|b`", "c"}, true},
		{"| ``x`|`y`` | c |", []string{"``x`|`y``", "c"}, true},
		{"| `open | c |", []string{"`open", "c"}, true},
		{"| a \\| b | c |", []string{"a \\| b", "c"}, true},
		{"| a\\\\| b |", []string{"a\\\\| b"}, true}, // goldmark: any pipe after a backslash
		{"| \\`a | b\\` |", []string{"\\`a", "b\\`"}, true},
		{"| [[N|t]] | c |", []string{"[[N|t]]", "c"}, true},
		{"| [[N | c |", []string{"[[N", "c"}, true},
		{"|a\\|", []string{"a\\|"}, false},
	}
	for _, tt := range tests {
		cells, outer := splitRow([]byte(tt.line), nil)
		var got []string
		for _, c := range cells {
			got = append(got, string(c))
		}
		if strings.Join(got, "¦") != strings.Join(tt.cells, "¦") || len(got) != len(tt.cells) || outer != tt.outer {
			t.Errorf("splitRow(%q) = %q, %v; want %q, %v", tt.line, got, outer, tt.cells, tt.outer)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	ar, err := txtar.ParseFile("testdata/cases.txtar")
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range ar.Files {
		f.Add(file.Data)
	}
	f.Add([]byte("a|b\n-|-\n`|`|\\|\n> |x|\n>|-|\n"))
	f.Fuzz(func(t *testing.T, in []byte) {
		out, _ := Normalize("fuzz.md", 1, in)
		if appended, _ := AppendNormalize([]byte("x"), "fuzz.md", 1, in); string(appended) != "x"+string(out) {
			t.Fatalf("AppendNormalize(%q) = %q, Normalize gives %q", in, appended, out)
		}
		again, diags := Normalize("fuzz.md", 1, out)
		if !bytes.Equal(again, out) {
			t.Fatalf("not idempotent:\ninput  %q\nonce   %q\ntwice  %q", in, out, again)
		}
		if len(diags) != 0 {
			t.Fatalf("second pass still repairs %q: %v", out, diags)
		}
		// Every cell of every input table is a cell of an output table.
		have := make(map[string]int)
		forEachTable(out, func(t *table) {
			for _, c := range t.cells {
				have[string(c)]++
			}
		})
		forEachTable(in, func(tb *table) {
			for _, c := range tb.cells {
				key := string(escapeCell(c))
				if have[key] == 0 {
					t.Fatalf("cell %q lost:\ninput  %q\noutput %q", c, in, out)
				}
				have[key]--
			}
		})
	})
}

// benchText is a note shaped like the seed: prose, lists, fences' worth of
// diagrams and two hand-typed tables per 4 KB.
func benchText(size int) []byte {
	unit := []byte(`## Containers vs VMs

### Interview Q: "What's the difference between containers and VMs?"

**Your Answer:**

|Aspect|Container|VM|
|---|---|---|
|**Size**|50-500MB|2-10GB|
|**Boot Time**|Milliseconds|Minutes|
|**Isolation**|Process-level (kernel shared)|Full OS|

- Microservices architecture and cloud-native apps need fast scaling.
- Containers share the _kernel_ with the host OS, so Linux containers need a Linux kernel.
- Namespaces isolate what a process sees; cgroups limit what it uses.

Container 1 | Container 2 | Container 3
    ↓ (Shared Linux Kernel)

Command | Use
---|---
` + "`docker ps`" + ` | list containers
` + "`ps aux | grep dockerd`" + ` | find the daemon

"Before containers, every app deployment was manual and fragile: dependency hell, server bloat,
slow scaling, no isolation, deployment fear and wasted resources. Containers fixed most of that."

`)
	var b bytes.Buffer
	for b.Len() < size {
		b.Write(unit)
	}
	return b.Bytes()
}

func BenchmarkNormalize(b *testing.B) {
	seed := fixtures.Read(b, fixtures.Networking)
	for _, bc := range []struct {
		name string
		text []byte
	}{
		{"seed", seed},
		{"tables", benchText(1 << 20)},
		{"normalized", func() []byte { out, _ := Normalize("b.md", 1, benchText(1<<20)); return out }()},
		{"prose", bytes.Repeat([]byte("No tables here, just prose about namespaces and cgroups, and a pipe | or two.\n"), 1<<20/80)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			b.ReportAllocs()
			for b.Loop() {
				Normalize("bench.md", 1, bc.text)
			}
		})
	}
}
