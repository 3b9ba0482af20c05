package normalize

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/nesting"
	"github.com/yuin/goldmark/ast"
)

// TestDeepNestingIsFlattened checks that a note nested far deeper than
// any page can show is cut at the limit before anything parses it: the
// text past the limit is kept, as text, with one warning naming the line.
func TestDeepNestingIsFlattened(t *testing.T) {
	tests := []struct {
		name, body, kept string
	}{
		{"quote", strings.Repeat(">", 200000) + " deepest words\n", "deepest words"},
		{"list", strings.Repeat("- ", 100000) + "deepest item\n", "deepest item"},
		// Removing a comment joins markers the comment kept apart.
		{"markers around comments", strings.Repeat(strings.Repeat(">", 50)+"%%c%%", 100) + " deepest words\n", "deepest words"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "---\ntitle: Deep\n---\nBefore.\n\n" + tt.body + "\nAfter.\n"
			notes, _, diags := vaultOf(t, map[string]string{"Deep.md": src})
			n := notes["Deep.md"]
			if n == nil {
				t.Fatalf("not published: %s", diagStrings(diags))
			}
			if !bytes.Contains(n.Body, []byte(tt.kept)) || !bytes.Contains(n.Body, []byte("After.")) {
				t.Errorf("text lost: body ends %q", tail(n.Body))
			}
			want := fmt.Sprintf("Deep.md:6: warning: blockquotes and lists nested more than %d deep", nesting.MaxDepth)
			if got := diagStrings(diags); strings.Count(got, "nested more than") != 1 || !strings.Contains(got, want) {
				t.Errorf("diagnostics:\n%s\nwant one %q", got, want)
			}
		})
	}
}

func tail(b []byte) []byte { return b[max(0, len(b)-80):] }

// TestBinaryIsSkipped checks that a .md file holding binary data is not
// published, with a warning, and that the rest of the vault is.
func TestBinaryIsSkipped(t *testing.T) {
	png := "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + strings.Repeat("\xff\xfe\x00\x9c", 64)
	latin1 := strings.Repeat("caf\xe9 cr\xe8me br\xfbl\xe9e ", 50) // not UTF-8, but text
	notes, _, diags := vaultOf(t, map[string]string{
		"Image.md":  png,
		"Noise.md":  strings.Repeat("\xc3\x28\xa0\xa1\xe2\x28\xa1", 100),
		"Latin1.md": latin1,
		"Ok.md":     "Plain text, with one stray \xff byte.\n",
	})
	for _, name := range []string{"Image.md", "Noise.md"} {
		if notes[name] != nil {
			t.Errorf("%s published", name)
		}
		if want := name + ": warning: binary data, not a Markdown note; not published"; !strings.Contains(diagStrings(diags), want) {
			t.Errorf("diagnostics:\n%s\nwant %q", diagStrings(diags), want)
		}
	}
	for _, name := range []string{"Ok.md", "Latin1.md"} {
		if notes[name] == nil {
			t.Errorf("%s not published", name)
		}
	}
}

// TestScanSkipsBinary checks the draft of a binary file: skipped, with
// nothing of it kept.
func TestScanSkipsBinary(t *testing.T) {
	d := Scan("x.md", []byte("---\ntitle: x\n---\n\x00\x00\x00"), time.Time{})
	if !d.Skip || d.Body != nil || len(d.Diags) != 1 {
		t.Errorf("Skip %v, body %q, diags %v", d.Skip, d.Body, d.Diags)
	}
}

// TestEmbedsStayWithinTheNestingLimit checks that embeds, which quote the
// embedded note inside the line that embeds it, cannot nest a page past
// the limit that each note alone keeps to.
func TestEmbedsStayWithinTheNestingLimit(t *testing.T) {
	deep := strings.Repeat(">", nesting.MaxDepth-1)
	notes, _, diags := vaultOf(t, map[string]string{
		"A.md": deep + " ![[B]]\n",
		"B.md": deep + " ![[C]]\n",
		"C.md": deep + " deepest words\n",
	})
	a := notes["A.md"]
	if d := depth(a.Doc); d > nesting.MaxDepth {
		t.Errorf("page nests %d deep", d)
	}
	if !bytes.Contains(a.Body, []byte("deepest words")) {
		t.Errorf("embedded text lost")
	}
	want := fmt.Sprintf("A.md: warning: embeds nest this page's blockquotes and lists more than %d deep", nesting.MaxDepth)
	if !strings.Contains(diagStrings(diags), want) {
		t.Errorf("diagnostics:\n%s\nwant %q", diagStrings(diags), want)
	}
}

// depth is the most blockquotes and list items any node of doc is inside,
// found without recursion.
func depth(doc ast.Node) int {
	type item struct {
		n ast.Node
		d int
	}
	deepest := 0
	stack := []item{{doc, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		d := it.d
		switch it.n.(type) {
		case *ast.Blockquote, *ast.ListItem:
			d++
		}
		deepest = max(deepest, d)
		for c := it.n.FirstChild(); c != nil; c = c.NextSibling() {
			stack = append(stack, item{c, d})
		}
	}
	return deepest
}
