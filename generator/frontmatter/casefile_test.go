package frontmatter

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/diag"
)

var update = flag.Bool("update", false, "rewrite the expected output in testdata/*.txt case files")

// Case files hold numbered cases in the layout of goldmark's
// extension/_test/*.txt: a title line, the note, and what Parse makes of
// it, between separator lines. Run one case with -run 'TestCaseFiles/parse.txt/12'.
const (
	caseSep = "//- - - - - - - - -//"
	caseEnd = "//= = = = = = = = = = = = = = = = = = = = = = = =//"
)

type testCase struct {
	title, input, want string
}

func readCases(t *testing.T, path string) []testCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cases []testCase
	for chunk := range strings.SplitSeq(string(data), caseEnd+"\n") {
		if strings.TrimSpace(chunk) == "" {
			continue
		}
		parts := strings.Split(chunk, caseSep+"\n")
		if len(parts) != 3 {
			t.Fatalf("%s: malformed case %q", path, firstLine(chunk))
		}
		cases = append(cases, testCase{strings.TrimSuffix(parts[0], "\n"), parts[1], parts[2]})
	}
	return cases
}

func writeCases(t *testing.T, path string, cases []testCase) {
	t.Helper()
	var b strings.Builder
	for _, c := range cases {
		fmt.Fprintf(&b, "%s\n%s\n%s%s\n%s%s\n", c.title, caseSep, c.input, caseSep, c.want, caseEnd)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

func TestCaseFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	if len(files) == 0 {
		t.Fatal("no case files in testdata")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			cases := readCases(t, file)
			for i := range cases {
				c := &cases[i]
				t.Run(strings.Fields(c.title)[0], func(t *testing.T) {
					// Case files are plain text: "\t" and "\r" escape a tab and
					// a carriage return where the file itself cannot show them.
					in := strings.NewReplacer(`\t`, "\t", `\r`, "\r").Replace(c.input)
					res, ds := Parse("notes/case.md", []byte(in))
					got := dump(res, ds)
					if *update {
						c.want = got
						return
					}
					if got != c.want {
						t.Errorf("case %s\ninput:\n%s\ngot:\n%s\nwant:\n%s", c.title, c.input, got, c.want)
					}
				})
			}
			if *update {
				writeCases(t, file, cases)
			}
		})
	}
}

// dump spells what Parse found, one fact a line, in a fixed order.
func dump(r Result, ds []diag.Diagnostic) string {
	var b bytes.Buffer
	m := r.Meta
	fmt.Fprintf(&b, "format: %s\n", r.Format)
	if m.Title != "" {
		fmt.Fprintf(&b, "title: %q\n", m.Title)
	}
	if !m.Date.IsZero() {
		fmt.Fprintf(&b, "date: %s\n", m.Date.Format(time.RFC3339Nano))
	}
	if !m.Lastmod.IsZero() {
		fmt.Fprintf(&b, "lastmod: %s\n", m.Lastmod.Format(time.RFC3339Nano))
	}
	if m.Tags != nil {
		fmt.Fprintf(&b, "tags: %s\n", jsonString(m.Tags))
	}
	if m.Aliases != nil {
		fmt.Fprintf(&b, "aliases: %s\n", jsonString(m.Aliases))
	}
	if m.Draft {
		fmt.Fprintf(&b, "draft: true\n")
	}
	if m.Cheatsheet != nil {
		fmt.Fprintf(&b, "cheatsheet: %v\n", *m.Cheatsheet)
	}
	if m.Params != nil {
		fmt.Fprintf(&b, "params: %s\n", jsonString(m.Params))
	}
	fmt.Fprintf(&b, "body from line %d: %q\n", r.BodyLine, clipBody(r.Body))
	for _, d := range ds {
		fmt.Fprintf(&b, "%s %d: %s\n", d.Severity, d.Line, d.Message)
	}
	return b.String()
}

func clipBody(b []byte) string {
	s := string(b)
	if len(s) > 30 {
		return s[:30] + "..."
	}
	return s
}

// jsonString encodes v as JSON, which also proves it is encodable.
func jsonString(v any) string {
	out, err := json.Marshal(v)
	if err != nil {
		return "NOT JSON: " + err.Error()
	}
	return string(out)
}
