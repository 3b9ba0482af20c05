package normalize

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/nesting"
)

// TestDeepNestingIsFlattened checks that a note nested far deeper than
// any page can show is cut at the limit before anything parses it: the
// text past the limit is kept, as code, with one warning naming the
// line; of the markers past the limit, only the first MaxMarkersShown
// bytes are kept, so the page stays small.
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
			if len(n.Body) > 2*nesting.MaxMarkersShown+200 {
				t.Errorf("%d bytes of body kept of a %d-byte note", len(n.Body), len(src))
			}
			want := fmt.Sprintf("Deep.md:6: warning: blockquotes and lists nested more than %d deep", nesting.MaxDepth)
			if got := diagStrings(diags); strings.Count(got, "nested more than") != 1 || !strings.Contains(got, want) || !strings.Contains(got, "bytes of markers past the first") {
				t.Errorf("diagnostics:\n%s\nwant one %q saying markers were left out", got, want)
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
	if d, _ := nesting.Depths(a.Doc); d > nesting.MaxDepth {
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

// TestEmbedBombIsBounded builds ten notes that each embed the next one
// ten times: the first page would hold 10^7 copies of the deepest note.
// Each page holds at most its budget of embedded text, the rest as links,
// with one warning per page; every level is still shown once.
func TestEmbedBombIsBounded(t *testing.T) {
	files := map[string]string{}
	for i := range 10 {
		body := fmt.Sprintf("Words of level %d.\n\n", i)
		if i < 9 {
			body += strings.Repeat(fmt.Sprintf("![[L%d]]\n\n", i+1), 10)
		}
		files[fmt.Sprintf("L%d.md", i)] = body
	}
	notes, _, diags := vaultOf(t, files)
	top := notes["L0.md"]
	if len(top.Body) > embedFloor+64<<10 {
		t.Errorf("page holds %d bytes, budget %d", len(top.Body), embedFloor)
	}
	for i := range 8 {
		if !bytes.Contains(top.Body, fmt.Appendf(nil, "Words of level %d.", i)) {
			t.Errorf("level %d not embedded", i)
		}
	}
	if !bytes.Contains(top.Body, []byte("](/notes/l1)")) {
		t.Errorf("no link in place of the embeds past the budget: %q", tail(top.Body))
	}
	for page := range files {
		want := "cannot embed ![[L"
		n := 0
		for _, d := range diags {
			if strings.Contains(d.Message, want) && strings.Contains(d.Message, "the page of "+page+" ") {
				n++
			}
		}
		if page < "L3" && n != 1 {
			t.Errorf("%s: %d budget warnings, want 1:\n%s", page, n, diagStrings(diags))
		}
	}
}

// TestEmbedBudgetFollowsThePage checks the budget: a multiple of the
// page's own text, within a floor and a ceiling.
func TestEmbedBudgetFollowsThePage(t *testing.T) {
	for _, tt := range []struct{ own, want int }{
		{0, embedFloor}, {100, embedFloor}, {embedFloor, embedMultiple * embedFloor},
		{embedCeiling, embedCeiling},
	} {
		if got := embedBudget(tt.own); got != tt.want {
			t.Errorf("embedBudget(%d) = %d, want %d", tt.own, got, tt.want)
		}
	}
}

// TestEmbeddedProblemsAreReportedOnce checks that a note embedded many
// times is normalized once: a broken link in it is one warning, not one
// per copy.
func TestEmbeddedProblemsAreReportedOnce(t *testing.T) {
	_, _, diags := vaultOf(t, map[string]string{
		"Page.md": strings.Repeat("![[Part]]\n\n", 50),
		"Part.md": "See [[Nowhere]].\n",
	})
	if n := strings.Count(diagStrings(diags), "[[Nowhere]]"); n != 2 { // once from Part's page, once from Page's
		t.Errorf("%d warnings about the broken link, want 2:\n%s", n, diagStrings(diags))
	}
}

// TestDeepEmphasisIsFlattened checks that a paragraph whose emphasis
// nests past the limit is shown with its markers as text, with a warning
// naming its line.
func TestDeepEmphasisIsFlattened(t *testing.T) {
	const n = 1000
	notes, _, diags := vaultOf(t, map[string]string{
		"Stars.md": "---\ntitle: Stars\n---\nBefore, *kept*.\n\n" + strings.Repeat("*a _a ", n) + "word" + strings.Repeat(" a_ a*", n) + "\n",
	})
	_, deepest := nesting.Depths(notes["Stars.md"].Doc)
	if deepest > nesting.MaxInlineDepth {
		t.Errorf("emphasis nests %d deep", deepest)
	}
	want := fmt.Sprintf("Stars.md:6: warning: emphasis and links nested more than %d deep", nesting.MaxInlineDepth)
	if !strings.Contains(diagStrings(diags), want) {
		t.Errorf("diagnostics:\n%s\nwant %q", diagStrings(diags), want)
	}
	if !bytes.Contains(notes["Stars.md"].Body, []byte("*kept*")) {
		t.Errorf("the shallow paragraph was changed")
	}
}

// TestLongDelimiterRunIsText checks that a run of asterisks too long to be
// read as emphasis is kept as text, escaped for Hugo, without a warning.
func TestLongDelimiterRunIsText(t *testing.T) {
	const n = 100_000
	notes, _, diags := vaultOf(t, map[string]string{
		"Stars.md": "---\ntitle: Stars\n---\nBefore, *kept*.\n\n" + strings.Repeat("**", n) + "word" + strings.Repeat("**", n) + "\n",
	})
	if len(diags) != 0 {
		t.Errorf("diagnostics:\n%s", diagStrings(diags))
	}
	body := notes["Stars.md"].Body
	if !bytes.Contains(body, []byte(strings.Repeat(`\*`, 2*n)+"word")) || !bytes.Contains(body, []byte("*kept*")) {
		t.Errorf("body: %.200s", body)
	}
	if _, deepest := nesting.Depths(notes["Stars.md"].Doc); deepest > 1 {
		t.Errorf("emphasis nests %d deep", deepest)
	}
}

// TestDeepNestingKeepsCommentsPrivate checks that leaving out markers
// past the nesting limit never leaves out one half of a comment: a
// comment that opens on one line and closes inside a run of markers on a
// deep line stays closed, and so does the one opened after it.
func TestDeepNestingKeepsCommentsPrivate(t *testing.T) {
	run := strings.Repeat(">", 5000)
	src := "Before.\n\n%% SECRET-ONE opens here\n" + run + "%% >>> %%SECRET-TWO\nstill SECRET-TWO%% visible\n\n" +
		run + "%%SECRET-THREE%%" + run + " deepest\n\nAfter.\n"
	notes, _, diags := vaultOf(t, map[string]string{"Deep.md": src})
	n := notes["Deep.md"]
	if n == nil {
		t.Fatalf("not published: %s", diagStrings(diags))
	}
	for _, secret := range []string{"SECRET-ONE", "SECRET-TWO", "SECRET-THREE"} {
		if bytes.Contains(n.Body, []byte(secret)) {
			t.Errorf("%s published: %q", secret, n.Body)
		}
	}
	for _, kept := range []string{"visible", "deepest", "After."} {
		if !bytes.Contains(n.Body, []byte(kept)) {
			t.Errorf("%q lost: %q", kept, n.Body)
		}
	}
}
