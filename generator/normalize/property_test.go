package normalize

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/practice"
	"github.com/crib-notes/crib/generator/quickref"
	"github.com/crib-notes/crib/generator/search"
	"github.com/yuin/goldmark/util"
)

// noteGen writes random notes out of the shapes that decide what is code
// and what is a comment: paragraphs, headings, bullet and ordered lists,
// blockquotes and callouts, fences of both characters and several lengths
// (indented, on a list item's line, holding quoted or shorter fences,
// closed or not), indented code, code spans, stray backticks, escaped
// percent signs, and comments holding unique secret words, some of them
// holding backticks or fences themselves. Code holds unique code words,
// each followed by a "%%" pair that must be kept.
type noteGen struct {
	r     *rand.Rand
	b     strings.Builder
	nextS int // secret words
	nextC int // code words
}

// secret returns a new secret word: it contains "cribleak", which no
// output may hold where it came from a comment.
func (g *noteGen) secret() string {
	g.nextS++
	return "CRIBLEAK" + letters(g.nextS) + "x"
}

// code returns a new code word and what follows it in code.
func (g *noteGen) code() string {
	g.nextC++
	return "CRIBCODE" + letters(g.nextC) + "x %% kept" + letters(g.nextC) + " %%"
}

// letters spells n in letters that no stemmer or tokenizer splits.
func letters(n int) string {
	const alphabet = "bcdfhjkmpqvwz"
	var b []byte
	for n++; n > 0; n /= len(alphabet) {
		b = append(b, alphabet[n%len(alphabet)])
	}
	return string(b)
}

func (g *noteGen) pick(xs ...string) string { return xs[g.r.IntN(len(xs))] }

// inline returns one line of inline text.
func (g *noteGen) inline() string {
	var parts []string
	for range 1 + g.r.IntN(5) {
		switch g.r.IntN(12) {
		case 0, 1, 2:
			parts = append(parts, g.pick("alpha", "beta", "gamma", "delta", "#tag", "**bold**", "_it_", "[[b]]"))
		case 3:
			parts = append(parts, "`"+g.code()+"`")
		case 4:
			parts = append(parts, "`` "+g.code()+" ` ``")
		case 5:
			parts = append(parts, "`")
		case 6, 7:
			parts = append(parts, "%% "+g.secret()+" %%")
		case 8:
			// A comment holding a backtick.
			parts = append(parts, "%% "+g.secret()+" ` "+g.secret()+" %%")
		case 9:
			parts = append(parts, `\%%`)
		case 10:
			parts = append(parts, "%%"+g.secret()+"%%`")
		default:
			parts = append(parts, "``")
		}
	}
	return strings.Join(parts, " ")
}

// fence returns the lines of a fenced code block (indent spaces before
// its markers; 4 make it indented code), closed unless open.
func (g *noteGen) fence(indent int, open bool) []string {
	c := g.pick("`", "~")
	n := 3 + g.r.IntN(3)
	pad := strings.Repeat(" ", indent)
	lines := []string{pad + strings.Repeat(c, n) + g.pick("", "bash", "markdown", "go")}
	for range 1 + g.r.IntN(3) {
		switch g.r.IntN(5) {
		case 0:
			lines = append(lines, pad+"> "+strings.Repeat(c, 3)) // a quoted fence, in code
		case 1:
			lines = append(lines, pad+strings.Repeat(c, n-1)) // too short to close
		default:
			lines = append(lines, pad+g.code())
		}
	}
	if !open {
		lines = append(lines, pad+strings.Repeat(c, n+g.r.IntN(2)))
	}
	return lines
}

// block returns the lines of one block at nesting depth.
func (g *noteGen) block(depth int, last bool) []string {
	switch k := g.r.IntN(11); {
	case k <= 2:
		var lines []string
		for range 1 + g.r.IntN(3) {
			lines = append(lines, g.inline())
		}
		return lines
	case k == 3:
		// No "# ": a note's first line of "# " becomes its title.
		return []string{g.pick("##", "###", "####") + " " + g.inline()}
	case k == 4:
		return g.fence(g.r.IntN(5), last && g.r.IntN(3) == 0)
	case k == 5:
		return []string{"", "    " + g.code(), "    " + g.inline(), ""}
	case k == 6:
		// A block comment, sometimes holding a fence.
		lines := []string{"%%", g.secret() + " " + g.inline()}
		if g.r.IntN(2) == 0 {
			for _, l := range g.fence(0, g.r.IntN(3) == 0) {
				lines = append(lines, strings.ReplaceAll(l, "CRIBCODE", "CRIBLEAKCODE"))
			}
		}
		return append(lines, g.secret(), "%%")
	case k == 7:
		// A comment over two lines of a paragraph.
		return []string{g.inline() + " %% " + g.secret(), g.secret() + " %% " + g.inline()}
	case depth >= 2:
		return []string{g.inline()}
	case k == 8:
		return g.container("> ", "> ", depth)
	case k == 9:
		marker := g.pick("- ", "1. ", "* ")
		var lines []string
		for range 1 + g.r.IntN(3) {
			if g.r.IntN(4) == 0 {
				// A fence on the item's own line.
				f := g.fence(0, false)
				lines = append(lines, marker+f[0])
				for _, l := range f[1:] {
					lines = append(lines, strings.Repeat(" ", len(marker))+l)
				}
				continue
			}
			lines = append(lines, g.container(marker, strings.Repeat(" ", len(marker)), depth)...)
		}
		return lines
	default:
		return g.container("> [!"+g.pick("tip", "NOTE", "faq")+"] "+g.inline()+"\n> ", "> ", depth)
	}
}

// container returns blocks inside a container whose first line starts
// with first and the others with rest.
func (g *noteGen) container(first, rest string, depth int) []string {
	var out []string
	for i := range 1 + g.r.IntN(2) {
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, g.block(depth+1, false)...)
	}
	for i, l := range out {
		switch {
		case i == 0:
			out[i] = first + l
		case l == "" && rest != "> ":
		default:
			out[i] = rest + l
		}
	}
	return out
}

// note returns a note of a few blocks.
func (g *noteGen) note() string {
	g.b.Reset()
	n := 1 + g.r.IntN(6)
	for i := range n {
		for _, l := range g.block(0, i == n-1) {
			g.b.WriteString(l)
			g.b.WriteByte('\n')
		}
		if g.r.IntN(3) > 0 {
			g.b.WriteByte('\n')
		}
	}
	if g.r.IntN(3) == 0 {
		g.b.WriteString("## Quick Reference: One-Liners\n\n- **Term**: " + g.inline() + "\n- " + g.inline() + "\n\n### Interview Q: why " + g.inline() + "?\n\n" + g.inline() + "\n")
	}
	return g.b.String()
}

// commentText returns the bytes of note that are comments as Obsidian
// writes them and goldmark reads the note: from a "%%" outside code to
// the next "%%", or to the end of the note where that one is in code or
// missing. It reads every "%%" in order, simply: the reference
// StripBodyComments's first reading is held to.
func commentText(note []byte) [][2]int {
	segs := markdown.Segments(note)
	inCode := func(i int) bool {
		for _, s := range segs {
			if i < s.Start || i >= s.End {
				continue
			}
			if s.Code() {
				return true
			}
			for _, sp := range s.Spans {
				if i >= s.Start+sp.Start && i < s.Start+sp.End {
					return true
				}
			}
		}
		return false
	}
	escaped := func(i int) bool {
		n := 0
		for i > 0 && note[i-1] == '\\' {
			n, i = n+1, i-1
		}
		return n%2 == 1
	}
	var comments [][2]int
	open := -1
	for i := 0; i+1 < len(note); {
		k := bytes.Index(note[i:], []byte("%%"))
		if k < 0 {
			break
		}
		k += i
		switch {
		case open < 0 && (inCode(k) || escaped(k)):
			i = k + 1
		case open < 0:
			open, i = k, k+2
		case inCode(k):
			return append(comments, [2]int{open, len(note)})
		default:
			comments = append(comments, [2]int{open, k + 2})
			open, i = -1, k+2
		}
	}
	if open >= 0 {
		comments = append(comments, [2]int{open, len(note)})
	}
	return comments
}

var (
	secretWord = regexp.MustCompile(`CRIBLEAK[a-zA-Z]+`)
	codeWord   = regexp.MustCompile(`CRIBCODE[a-z]+x %% kept[a-z]+ %%`)
	codeInHTML = regexp.MustCompile(`(?s)<code[^>]*>(.*?)</code>`)
)

// TestCommentsNeverPublishedProperty normalizes random notes, each in a
// vault with a note it may embed, and checks every output made of them:
// the finished body, its HTML, the search index, the practice cards and
// the cheat sheet's one-liners. A secret word inside a comment (as
// commentText reads the note) reaches none of them; no "%%" is left
// outside code in the body; and each code word that is code in the note,
// outside comments, is in the HTML's code exactly as written, its "%%"
// pair included.
func TestCommentsNeverPublishedProperty(t *testing.T) {
	rounds := 300
	if testing.Short() {
		rounds = 40
	}
	g := &noteGen{r: rand.New(rand.NewPCG(41, 42))}
	for round := range rounds {
		files := map[string]string{"a.md": g.note(), "b.md": g.note()}
		if g.r.IntN(2) == 0 {
			files["a.md"] += "\n![[b]]\n"
		}
		checkNotesKeepComments(t, round, files)
	}
}

func checkNotesKeepComments(t *testing.T, round int, files map[string]string) {
	t.Helper()
	notes, _, diags := vaultOf(t, files)
	hidden := map[string]bool{} // secret words inside comments
	for _, src := range files {
		for _, c := range commentText([]byte(src)) {
			for _, w := range secretWord.FindAllString(src[c[0]:c[1]], -1) {
				hidden[strings.ToLower(w)] = true
			}
		}
	}
	var all []*note.Note
	outputs := map[string]string{}
	for name, n := range notes {
		all = append(all, n)
		html := renderHTML(t, n.Body)
		outputs[name+" body"] = string(n.Body)
		outputs[name+" title and tags"] = n.Title + " " + strings.Join(n.Tags, " ")
		outputs[name+" html"] = html
		cards, err := json.Marshal(practice.NoteCards(n))
		if err != nil {
			t.Fatal(err)
		}
		outputs[name+" cards"] = string(cards)
		var ol strings.Builder
		for _, o := range quickref.OneLiners(n.Doc, n.Body, quickref.Options{}) {
			fmt.Fprintf(&ol, "%s %s\n", o.Term, o.Definition)
		}
		outputs[name+" one-liners"] = ol.String()
		if k := commentLeft(n.Body); k >= 0 {
			t.Fatalf("round %d: %q left outside code in %s at %d:\n%q\nnotes %q", round, "%%", name, k, n.Body, files)
		}
	}
	idx, err := search.Build(all, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ix strings.Builder
	for _, f := range idx.Names() {
		ix.Write(idx.File(f))
	}
	outputs["search index"] = ix.String()
	for what, out := range outputs {
		for _, w := range secretWord.FindAllString(out, -1) {
			if hidden[strings.ToLower(w)] {
				t.Fatalf("round %d: comment text %s published in %s\nnotes %q\n%s:\n%s\ndiagnostics:\n%s", round, w, what, files, what, out, diagStrings(diags))
			}
		}
		lower := strings.ToLower(out)
		for w := range hidden {
			if strings.Contains(lower, w) {
				t.Fatalf("round %d: comment text %s published in %s\nnotes %q\n%s", round, w, what, files, out)
			}
		}
	}
	// Code is kept byte for byte: each code word that is code in its
	// note and not in a comment, with its "%%" pair, is in the HTML's
	// code.
	for name, src := range files {
		n := notes[name]
		if n == nil {
			continue
		}
		var code strings.Builder
		for _, m := range codeInHTML.FindAllStringSubmatch(outputs[name+" html"], -1) {
			code.WriteString(m[1])
			code.WriteByte('\n')
		}
		segs := markdown.Segments([]byte(src))
		comments := commentText([]byte(src))
		// A comment over lines that ends inside a line takes that line's
		// markers with it ("%% a\n## b %% c" leaves " c", no heading), and
		// what follows may be read otherwise: code words after one are
		// not checked.
		reshaped := len(src)
		for _, c := range comments {
			rest, _, _ := strings.Cut(src[c[1]:], "\n")
			if strings.Contains(src[c[0]:c[1]], "\n") && strings.TrimSpace(rest) != "" {
				reshaped = min(reshaped, c[0])
			}
		}
		for _, loc := range codeWord.FindAllStringIndex(src, -1) {
			if !isCode(segs, loc[0], loc[1]) || inAny(comments, loc[0]) || loc[0] >= reshaped {
				continue
			}
			word := src[loc[0]:loc[1]]
			if !strings.Contains(code.String(), string(util.EscapeHTML([]byte(word)))) {
				t.Fatalf("round %d: code %q of %s is not in its HTML's code\nnote %q\nbody %q\nhtml %s", round, word, name, src, n.Body, outputs[name+" html"])
			}
		}
	}
}

// isCode reports whether src[from:to] lies in one code block or code span.
func isCode(segs []markdown.Segment, from, to int) bool {
	for _, s := range segs {
		if from < s.Start || to > s.End {
			continue
		}
		if s.Code() {
			return true
		}
		for _, sp := range s.Spans {
			if from >= s.Start+sp.Start && to <= s.Start+sp.End {
				return true
			}
		}
	}
	return false
}

func inAny(ranges [][2]int, i int) bool {
	for _, r := range ranges {
		if i >= r[0] && i < r[1] {
			return true
		}
	}
	return false
}

// commentLeft returns the offset of the first "%%" outside code in body
// that would start a comment, or -1.
func commentLeft(body []byte) int {
	if c := commentText(body); len(c) > 0 {
		return c[0][0]
	}
	return -1
}
