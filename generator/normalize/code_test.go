package normalize

import (
	"bytes"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/yuin/goldmark"
)

// renderHTML renders a finished body as the site's Markdown does.
func renderHTML(t *testing.T, body []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := goldmark.New(markdown.Options()...).Convert(body, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestCommentsInEveryShape publishes notes in which the decision "is this
// code?" is easy to get wrong, and checks the rendered page: comment text
// (marked CRIBLEAK) never reaches it, and "%%" inside real code is kept as
// written.
func TestCommentsInEveryShape(t *testing.T) {
	tests := []struct {
		name string
		src  string
		keep []string // in the HTML, as written
		diag string   // a diagnostic that must be given, if any
	}{
		{
			name: "fence opened on an ordered list item's line",
			src:  "1. Install:\n2. ```bash\n   apt install x %% kept-1 %%\n   ```\n3. Then %% CRIBLEAK-1 %% run it.\n\nAfter %% CRIBLEAK-2 %% the list.\n",
			keep: []string{"apt install x %% kept-1 %%", "<p>After  the list.</p>"},
		},
		{
			name: "fence opened on a bullet item's line",
			src:  "- ```go\n  x := 1 // %% kept-2 %%\n  ```\n- next %% CRIBLEAK-3 %%\n",
			keep: []string{"x := 1 // %% kept-2 %%"},
		},
		{
			name: "indented line of three backticks is indented code, not a fence",
			src:  "Para.\n\n    ```\n\nText %% CRIBLEAK-4 %% here.\n\n    ```\n",
			keep: []string{"<p>Text  here.</p>"},
		},
		{
			name: "markdown fence holding quoted fences",
			src:  "```markdown\n> ```\n> %% kept-3 %%\n> ```\n```\n\nText %% CRIBLEAK-5 %% after.\n",
			keep: []string{"&gt; %% kept-3 %%", "<p>Text  after.</p>"},
		},
		{
			name: "stray backtick in one list item and one in the next",
			src:  "- a ` b\n- c %% CRIBLEAK-6 %% d ` e\n",
			keep: []string{"a ` b", "d ` e"},
		},
		{
			name: "stray backtick before a heading and one after it",
			src:  "Text ` a\n# Heading %% CRIBLEAK-7 %% x `y\n",
			keep: []string{"Text ` a"},
		},
		{
			name: "fence indented three spaces in a blockquote",
			src:  ">    ```\n>    %% kept-4 %%\n>    ```\n> quoted %% CRIBLEAK-8 %%\n",
			keep: []string{"%% kept-4 %%"},
		},
		{
			name: "longer fence holds a shorter one",
			src:  "````\n```\n%% kept-5 %%\n```\n````\n%% CRIBLEAK-9 %%\n",
			keep: []string{"```\n%% kept-5 %%\n```"},
		},
		{
			name: "tilde fence is not closed by backticks",
			src:  "~~~\n```\n%% kept-6 %%\n~~~\nText %% CRIBLEAK-10 %%\n",
			keep: []string{"%% kept-6 %%"},
		},
		{
			name: "code span and double backticks",
			src:  "Use `%% kept-7 %%` and ``a ` %% kept-8 %%`` but %% CRIBLEAK-11 %%.\n",
			keep: []string{"<code>%% kept-7 %%</code>", "<code>a ` %% kept-8 %%</code>"},
		},
		{
			name: "code span never crosses a blank line",
			src:  "A ` b\n\n%% CRIBLEAK-12 %% c `\n",
		},
		{
			name: "callout with a fence",
			src:  "> [!tip] Title\n> ```sh\n> echo %% kept-9 %%\n> ```\n> %% CRIBLEAK-13 %%\n",
			keep: []string{"echo %% kept-9 %%"},
		},
		{
			name: "block comment holding a closed fence",
			src:  "Before.\n\n%%\n```bash\necho CRIBLEAK-14\n```\n%%\n\nAfter.\n",
			keep: []string{"<p>Before.</p>", "<p>After.</p>"},
		},
		{
			name: "comment whose end is in code hides the rest",
			src:  "Before.\n\n%%\n```bash\necho CRIBLEAK-23 %% CRIBLEAK-24\n```\n%% CRIBLEAK-25\n\nCRIBLEAK-26 %% x %%\n",
			keep: []string{"<p>Before.</p>"},
			diag: "a.md:3: warning: comment",
		},
		{
			name: "a stray backtick in one comment and one between comments",
			src:  "a %% CRIBLEAK-27 ` %% b ` c %% CRIBLEAK-28 %%\n",
			keep: []string{"<p>a</p>"},
			diag: "a.md:1: warning: comment",
		},
		{
			name: "comment holding a fence that never closes hides the rest",
			src:  "Before %% CRIBLEAK-15\n```python\nCRIBLEAK-16 %%\nCRIBLEAK-17 %% CRIBLEAK-18 %%\n",
			keep: []string{"<p>Before</p>"},
			diag: "a.md:1: warning: comment",
		},
		{
			name: "unclosed comment hides to the end",
			src:  "Visible.\n\nText %% CRIBLEAK-19\n\nmore CRIBLEAK-20\n",
			keep: []string{"<p>Visible.</p>"},
			diag: "a.md:3: warning: comment",
		},
		{
			name: "removing a comment must not make a fence",
			src:  "%% CRIBLEAK-21 %%```\nText %% CRIBLEAK-22 %%\n",
		},
		{
			name: "escaped percent signs are text",
			src:  `Rate \%% of \%% total.` + "\n",
			keep: []string{"Rate %% of %% total."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			notes, _, diags := vaultOf(t, map[string]string{"a.md": tt.src})
			n := notes["a.md"]
			if n == nil {
				t.Fatalf("not published; diagnostics:\n%s", diagStrings(diags))
			}
			html := renderHTML(t, n.Body)
			if strings.Contains(string(n.Body), "CRIBLEAK") || strings.Contains(html, "CRIBLEAK") {
				t.Errorf("comment published:\nbody %q\nhtml %s", n.Body, html)
			}
			for _, k := range tt.keep {
				if !strings.Contains(html, k) {
					t.Errorf("html lacks %q:\n%s", k, html)
				}
			}
			if ds := diagStrings(diags); tt.diag != "" && !strings.Contains(ds, tt.diag) {
				t.Errorf("diagnostics lack %q:\n%s", tt.diag, ds)
			}
		})
	}
}

// TestFenceOnListItemLine checks that a fence opened on a list item's own
// line keeps its closing line: it is not taken for a new, unlabelled
// fence that runs to the end of the note.
func TestFenceOnListItemLine(t *testing.T) {
	src := "1. ```bash\n   ls\n   ```\n2. Next\n\nPlain text.\n"
	notes, _, diags := vaultOf(t, map[string]string{"a.md": src})
	body := string(notes["a.md"].Body)
	if body != src {
		t.Errorf("body changed:\n got %q\nwant %q", body, src)
	}
	if ds := diagStrings(diags); ds != "" {
		t.Errorf("diagnostics:\n%s", ds)
	}
	if html := renderHTML(t, notes["a.md"].Body); !strings.Contains(html, "<p>Plain text.</p>") {
		t.Errorf("the rest of the note is no longer text:\n%s", html)
	}
}

// TestUnclosedFenceInListItem checks the closing line written for a fence
// that its list item ends: it stays inside the item.
func TestUnclosedFenceInListItem(t *testing.T) {
	src := "- step\n  ```bash\n  ls\n- next\n"
	notes, _, _ := vaultOf(t, map[string]string{"a.md": src})
	want := "- step\n  ```bash\n  ls\n  ```\n- next\n"
	if got := string(notes["a.md"].Body); got != want {
		t.Errorf("body\n got %q\nwant %q", got, want)
	}
}

// TestSectionHoldsLongerFence embeds a section whose code is a four-backtick
// fence showing a three-backtick one: the section runs on to the next
// heading, not to the inner fence.
func TestSectionHoldsLongerFence(t *testing.T) {
	files := map[string]string{
		"a.md": "![[b#Part]]\n",
		"b.md": "## Part\n\n````markdown\n```bash\n# not a heading\n```\n````\n\nEnd of part.\n\n## Next\n\nnot embedded\n",
	}
	notes, _, diags := vaultOf(t, files)
	body := string(notes["a.md"].Body)
	for _, want := range []string{"> # not a heading", "> End of part."} {
		if !strings.Contains(body, want) {
			t.Errorf("embed lacks %q:\n%s\n%s", want, body, diagStrings(diags))
		}
	}
	if strings.Contains(body, "not embedded") {
		t.Errorf("embed runs past the section:\n%s", body)
	}
}

// TestTagsAndLinksOutsideCodeOnly checks the other readers of the
// structure: tags, headings and wikilinks inside code (as goldmark reads
// it) stay as written, and outside code they count.
func TestTagsAndLinksOutsideCodeOnly(t *testing.T) {
	src := "1. ```bash\n   echo #notatag [[Nope]]\n   ```\n\nPara.\n\n    #indented [[Nope]]\n\nText #real [[b]] `#span [[Nope]]`\n"
	notes, _, diags := vaultOf(t, map[string]string{"a.md": src, "b.md": "b\n"})
	n := notes["a.md"]
	if strings.Join(n.Tags, ",") != "real" {
		t.Errorf("tags = %q, want [real]", n.Tags)
	}
	body := string(n.Body)
	for _, want := range []string{"echo #notatag [[Nope]]", "    #indented [[Nope]]", "`#span [[Nope]]`", "[b](/notes/b)"} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q:\n%s", want, body)
		}
	}
	if ds := diagStrings(diags); strings.Contains(ds, "Nope") {
		t.Errorf("a link in code was resolved:\n%s", ds)
	}
}

// TestScanKeepsSegments checks the segments Scan keeps for Finish (read
// before the title heading is dropped, then cut) against reading the
// final body again, on notes made of headings, code and comments.
func TestScanKeepsSegments(t *testing.T) {
	pieces := []string{"# Title\n", "# Other `x`\n", "\n", "text ", "`a`", "``", "```go\n", "```\n", "    code\n", "%%c%%", "%%", "- item\n", "> q\n", "x\n", "## H\n"}
	rng := rand.New(rand.NewPCG(31, 32))
	cached := 0
	for range 5000 {
		var b strings.Builder
		if rng.IntN(2) == 0 {
			b.WriteString("---\ntitle: Title\n---\n")
		}
		for range rng.IntN(12) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		d := Scan("a.md", []byte(b.String()), time.Time{})
		if d.code.segs != nil {
			cached++
		}
		if got, want := nonEmpty(d.segments()), nonEmpty(markdown.Segments(d.Body)); !reflect.DeepEqual(got, want) {
			t.Fatalf("note %q, body %q:\nkept %+v\nread %+v", b.String(), d.Body, got, want)
		}
		// A body set anew is read anew.
		d.Body = append([]byte("    x\n\n"), d.Body...)
		if got, want := nonEmpty(d.segments()), nonEmpty(markdown.Segments(d.Body)); !reflect.DeepEqual(got, want) {
			t.Fatalf("body set anew %q:\nkept %+v\nread %+v", d.Body, got, want)
		}
	}
	if cached < 4000 {
		t.Errorf("segments kept for %d notes of 5000", cached)
	}
}

func nonEmpty(segs []markdown.Segment) []markdown.Segment {
	var out []markdown.Segment
	for _, s := range segs {
		if s.End > s.Start {
			if len(s.Spans) == 0 {
				s.Spans = nil
			}
			out = append(out, s)
		}
	}
	return out
}
