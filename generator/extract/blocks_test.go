package extract

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/synth"
	"github.com/crib-notes/crib/internal/fixtures"
)

// checkBlocks proves each located answer: the elements Blocks names on the
// note rendered as a page, its Trim removed, read as the answer Markdown
// rendered on its own does. Answers that are not whole blocks are only
// counted.
func checkBlocks(t *testing.T, src []byte, qs []Question) (located int) {
	t.Helper()
	page := topElements(t, render(t, src))
	for i, q := range qs {
		if q.Blocks.Start < 0 {
			continue
		}
		located++
		if q.Blocks.End < q.Blocks.Start || q.Blocks.End > len(page) {
			t.Errorf("[%d] %q: Blocks %+v outside the page's %d elements", i, q.Text, q.Blocks, len(page))
			continue
		}
		var got strings.Builder
		for k, el := range page[q.Blocks.Start:q.Blocks.End] {
			if k == 0 && q.Blocks.Lines > 0 {
				rest, ok := afterBreaks(el, q.Blocks.Lines)
				if !ok {
					t.Errorf("[%d] %q: the first element has fewer than %d line breaks", i, q.Text, q.Blocks.Lines)
				}
				got.WriteString(rest + " ")
				continue
			}
			got.WriteString(textOf(el))
		}
		text := spaces(got.String())
		if q.Blocks.Trim != "" {
			if !strings.HasPrefix(text, q.Blocks.Trim) {
				t.Errorf("[%d] %q: page text %.60q does not start with Trim %q", i, q.Text, text, q.Blocks.Trim)
				continue
			}
			text = strings.TrimSpace(strings.TrimPrefix(text, q.Blocks.Trim))
		}
		var want strings.Builder
		for _, el := range topElements(t, render(t, []byte(q.AnswerMarkdown))) {
			want.WriteString(textOf(el))
		}
		if w := spaces(want.String()); text != w {
			t.Errorf("[%d] %q: page elements %+v read\n%q\nthe answer reads\n%q", i, q.Text, q.Blocks, text, w)
		}
	}
	return located
}

// render renders Markdown as the site does, raw HTML included.
func render(t *testing.T, src []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	opts := append(markdown.Options(), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	if err := goldmark.New(opts...).Convert(src, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// topElements parses rendered content and returns its top-level elements,
// as the page's content box holds them.
func topElements(t *testing.T, page []byte) []*html.Node {
	t.Helper()
	body := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(bytes.NewReader(page), body)
	if err != nil {
		t.Fatal(err)
	}
	var els []*html.Node
	for _, n := range nodes {
		// Footnotes are rendered at the end, after every block.
		if n.Type == html.ElementNode && !(n.Data == "div" && strings.Contains(attr(n, "class"), "footnotes")) {
			els = append(els, n)
		}
	}
	return els
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String() + " "
}

// afterBreaks returns the text of el after its k-th line break, as the
// practice page cuts it: a newline in its text, or a <br> with the
// newline after it.
func afterBreaks(el *html.Node, k int) (string, bool) {
	var b strings.Builder
	afterBr := false
	for d := range el.Descendants() {
		switch {
		case d.Type == html.ElementNode && d.DataAtom == atom.Br:
			if k > 0 {
				k--
				afterBr = true
			}
		case d.Type == html.TextNode:
			data := d.Data
			for k > 0 || afterBr {
				if afterBr {
					afterBr = false
					data = strings.TrimPrefix(data, "\n")
					continue
				}
				i := strings.IndexByte(data, '\n')
				if i < 0 {
					data = ""
					break
				}
				data, k = data[i+1:], k-1
			}
			if k == 0 {
				b.WriteString(data)
			}
		}
	}
	return b.String(), k == 0
}

func spaces(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestBlocksLocateAnswers checks the answers of the vault's notes and of
// synthetic notes, and that nearly all of them are located, every one of
// the interview note; then the answers of the shared layer's real notes.
func TestBlocksLocateAnswers(t *testing.T) {
	interview, list := fixture(t, fixtures.Networking), fixture(t, fixtures.GitCI)
	sources := [][]byte{interview, list}
	for _, f := range synth.Generate(40, synth.Options{Mix: synth.Code}, 7) {
		sources = append(sources, f.Data)
	}
	total, located := 0, 0
	for _, src := range sources {
		n, l := locate(t, src)
		total += n
		located += l
	}
	if total == 0 || located*10 < total*9 {
		t.Errorf("located %d of %d answers, want at least 90%%", located, total)
	}
	t.Logf("located %d of %d answers", located, total)
	if n, l := locate(t, interview); l != n {
		t.Errorf("located %d of the interview note's %d answers, want all", l, n)
	}
	if n, l := locate(t, list); l != n {
		t.Errorf("located %d of the list note's %d answers, want all", l, n)
	}
	t.Run("shared", func(t *testing.T) {
		if n, l := locate(t, sharedFixture(t, fixtures.SharedSeed)); l != n {
			t.Errorf("located %d of the seed's %d answers, want all", l, n)
		}
		locate(t, sharedFixture(t, fixtures.SharedReal))
	})
}

// locate checks the answers of a note and returns how many there are and
// how many of them are located.
func locate(t *testing.T, src []byte) (total, located int) {
	t.Helper()
	qs := Questions(markdown.NewParser().Parse(src), src)
	return len(qs), checkBlocks(t, src, qs)
}

// TestBlocksAroundHTML checks that an answer after an HTML block that
// renders elements is not located (the block's elements are not known,
// and a <details> may take in the blocks after it up to its end tag),
// while answers before it and after an HTML comment still are, and are
// where the page shows them.
func TestBlocksAroundHTML(t *testing.T) {
	src := []byte("### Q: First?\n\nBefore.\n\n<!-- a comment -->\n\n### Q: Second?\n\nStill known.\n\n" +
		"## Folded\n\n<details>\n<summary>More</summary>\n\nFolded.\n\n</details>\n\n### Q: Third?\n\nAfter the HTML.\n")
	qs := Questions(markdown.NewParser().Parse(src), src)
	if len(qs) != 3 {
		t.Fatalf("%d questions, want 3", len(qs))
	}
	if located := checkBlocks(t, src, qs[:2]); located != 2 {
		t.Errorf("%d of the first two answers located, want 2: %+v", located, qs[:2])
	}
	if qs[2].Blocks.Start != -1 {
		t.Errorf("answer after <details> located at %+v, want not", qs[2].Blocks)
	}
}

// TestBlocksListAnswers checks that an answer whose marker opens a list
// is located, the marker dropped from the list's first item.
func TestBlocksListAnswers(t *testing.T) {
	for _, src := range []string{
		"### Q: What is a pod?\n\n- **Answer:** the smallest unit\n- scheduled together\n",
		"Q1. What is a pod?\n- \tanswer: the smallest unit.\n- \twhy: it is asked.\n\n⸻\n\nQ2. Why?\n- \tanswer:\n- \tone.\n- \ttwo.\n",
		"### Q: What is a pod?\n\n1. Answer: the smallest unit\n2. scheduled together\n",
	} {
		qs := parseQuestions(src)
		if located := checkBlocks(t, []byte(src), qs); len(qs) == 0 || located != len(qs) {
			t.Errorf("%q: located %d of %d answers: %+v", src, located, len(qs), qs)
		}
	}
}

// TestBlocksInOneParagraph: an answer on the lines after its question,
// in one top-level paragraph, is that paragraph after a line break.
func TestBlocksInOneParagraph(t *testing.T) {
	for src, lines := range map[string]int{
		"**Q: What is a pod?**\nA: The smallest unit.\n":                           1,
		"Q1. What is a pod?\nThe smallest unit.\n":                                 1,
		"Q: What is a pod?  \nA: The smallest unit.\n":                             1, // a hard break
		"Q: What is a pod?\\\nA: The smallest unit.\n":                             1, // a backslash one
		"**Q: What is a pod, and\nwhy?**\nA: The *smallest\nunit*, with `code`.\n": 2,
		"Q: Что такое под?\nA: Наименьшая единица.\n\n- и список после\n":          1,
		"**Why Go?**\n**Answer:** Fast builds.\n":                                  1,
		"## Pods\n\nQ: What is a pod?\nA: One line,\nthen another.\n":              1,
	} {
		qs := parseQuestions(src)
		if len(qs) != 1 {
			t.Fatalf("%q: %d questions", src, len(qs))
		}
		if located := checkBlocks(t, []byte(src), qs); located != 1 || qs[0].Blocks.Lines != lines {
			t.Errorf("%q: Blocks = %+v, want located after %d line breaks", src, qs[0].Blocks, lines)
		}
	}
}

func TestBlocksNotWholeBlocks(t *testing.T) {
	for _, src := range []string{
		// A code span over the line break before the answer shows it as
		// a space; so does raw HTML that holds it.
		"**Q: What is `a\npod`?**\nA: The smallest unit.\n",
		"**Q: What is <span title=\"a\npod\">this</span>?**\nA: The smallest unit.\n",
		// Without its first item, an ordered list starts at 2 and this
		// loose one turns tight: the page cannot show them as the card.
		"### Q: What is a pod?\n\n1. Answer:\n2. the smallest unit\n3. scheduled together\n",
		"### Q: What is a pod?\n\n- Answer:\n\n- the smallest unit\n- scheduled together\n",
	} {
		qs := parseQuestions(src)
		if len(qs) != 1 {
			t.Fatalf("%q: %d questions", src, len(qs))
		}
		if !strings.HasPrefix(qs[0].AnswerMarkdown, "The smallest unit") && !strings.Contains(src, "Answer:") {
			t.Errorf("%q: answer %q", src, qs[0].AnswerMarkdown)
		}
		if qs[0].Blocks.Start != -1 {
			t.Errorf("%q: Blocks = %+v, want not located", src, qs[0].Blocks)
		}
	}
}
