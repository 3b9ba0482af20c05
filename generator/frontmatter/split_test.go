package frontmatter

import (
	"fmt"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		format   Format
		front    string
		body     string
		bodyLine int
		problems []string // "line: message"
	}{
		{"none", "# Title\n", None, "", "# Title\n", 1, nil},
		{"empty file", "", None, "", "", 1, nil},
		{"yaml", "---\ntitle: x\n---\nbody\n", YAML, "title: x\n", "body\n", 4, nil},
		{"toml", "+++\ntitle = 'x'\n+++\nbody", TOML, "title = 'x'\n", "body", 4, nil},
		{"byte order mark", "\ufeff---\ntitle: x\n---\nbody", YAML, "title: x\n", "body", 4, nil},
		{"byte order mark, no front matter", "\ufeff# T", None, "", "# T", 1, nil},
		{"crlf", "---\r\ntitle: x\r\n---\r\nbody\r\n", YAML, "title: x\r\n", "body\r\n", 4, nil},
		{"closing line at end of file", "---\ntitle: x\n---", YAML, "title: x\n", "", 4, nil},
		{"empty block", "---\n---\n", YAML, "", "", 3, nil},
		{"trailing spaces are fine", "--- \t\ntitle: x\n---  \nbody", YAML, "title: x\n", "body", 4, nil},
		{"backslash junk", "---\\\ntitle: x\n---\\\nbody", YAML, "title: x\n", "body", 4, []string{
			`1: front matter delimiters "---\\" on lines 1 and 3 have trailing "\\"; read as "---"`,
		}},
		{"backslash junk on the closing line only", "---\ntitle: x\n---\\\nbody", YAML, "title: x\n", "body", 4, []string{
			`3: front matter delimiter "---\\" has trailing "\\"; read as "---"`,
		}},
		{"four dashes", "----\ntitle: x\n---\nbody", YAML, "title: x\n", "body", 4, []string{
			`1: front matter delimiter "----" has trailing "-"; read as "---"`,
		}},
		{"yaml block does not close on +++", "---\na: 1\n+++\nb: 2\n---\nbody", YAML, "a: 1\n+++\nb: 2\n", "body", 6, nil},
		{"unclosed keeps every byte", "---\ntitle: x\n\nbody\n", None, "", "---\ntitle: x\n\nbody\n", 1, []string{
			`1: front matter opened by "---" is never closed; the whole file is read as the note body`,
		}},
		{"unclosed toml", "+++\n", None, "", "+++\n", 1, []string{
			`1: front matter opened by "+++" is never closed; the whole file is read as the note body`,
		}},
		{"delimiter must be the first line", "\n---\ntitle: x\n---\n", None, "", "\n---\ntitle: x\n---\n", 1, nil},
		{"body keeps later thematic breaks", "---\na: 1\n---\ntext\n---\nmore\n", YAML, "a: 1\n", "text\n---\nmore\n", 4, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blk, probs := Split([]byte(tt.src))
			if blk.Format != tt.format || string(blk.Front) != tt.front || string(blk.Body) != tt.body || blk.BodyLine != tt.bodyLine {
				t.Errorf("Split(%q) = %v front %q body %q line %d; want %v front %q body %q line %d",
					tt.src, blk.Format, blk.Front, blk.Body, blk.BodyLine, tt.format, tt.front, tt.body, tt.bodyLine)
			}
			if tt.format != None && blk.FrontLine != 2 {
				t.Errorf("FrontLine = %d, want 2", blk.FrontLine)
			}
			var got []string
			for _, p := range probs {
				got = append(got, fmt.Sprintf("%d: %s", p.Line, p.Message))
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.problems) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.problems)
			}
		})
	}
}
