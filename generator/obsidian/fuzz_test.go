package obsidian

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// anyResolver resolves every name, so that a second Rewrite of Rewrite's
// output must find nothing left to do.
type anyResolver struct{}

func (anyResolver) Link(target, fragment string) (string, error) {
	return "/n/" + target + "#" + fragment, nil
}
func (anyResolver) Attachment(target string) (string, error) { return "a/" + target, nil }
func (anyResolver) Transclude(target, fragment string) ([]byte, error) {
	return []byte("Embedded " + target + "#" + fragment + "\n\n- item\n"), nil
}

// halfResolver resolves names of even length only, so that plain-text
// fallbacks meet resolved links.
type halfResolver struct{}

func (halfResolver) Link(target, fragment string) (string, error) {
	if len(target)%2 == 1 {
		return "", errors.New("no such note")
	}
	return anyResolver{}.Link(target, fragment)
}
func (halfResolver) Attachment(target string) (string, error) {
	if len(target)%2 == 1 {
		return "", errors.New("no such file")
	}
	return anyResolver{}.Attachment(target)
}
func (halfResolver) Transclude(target, fragment string) ([]byte, error) {
	if len(target)%2 == 1 {
		return nil, errors.New("cycle")
	}
	return anyResolver{}.Transclude(target, fragment)
}

var fuzzSeeds = []string{
	"See [[Docker]], [[Docker|whale]], [[Docker#Volumes]] and [[#Local]].\n",
	"| [[A\\|b]] | ![[i.png\\|30]] |\n|---|---|\n",
	"![[image.png|alt|300]] ![[doc.pdf#page=2]]\n\n![[Note#Part]]\n",
	"`[[x]]` ``a ` [[y]] `` \\[[z]] [[a [[b]] c]] [[[d]]] [[e\n",
	"> [!TIP]- Title\n> > [!faq] inner ^q\n\n^after\n",
	"- a ^x\n- b ^y\n  - c ^z\n\n1. d ^w\n\n2. e\n",
	"## Head [[Link|alias]] ^no\nPara ^p1\n",
	"%%comment [[x]]%% ==mark== #tag [[x|a\\]] [[x|`]]b`\n",
	"[[a|b|c]] [[ a # b # c | d ]] [[x.md]] [[p/q/r.MD#^id]]\r\n",
}

func FuzzRewrite(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	var buf Buffer // kept between inputs, as between a body's runs
	f.Fuzz(func(t *testing.T, in string) {
		for _, r := range []Resolver{anyResolver{}, halfResolver{}} {
			checkRewrite(t, in, r)
			want, wantProblems := Rewrite([]byte(in), spansOf([]byte(in)), r)
			if got, problems := buf.Rewrite([]byte(in), spansOf([]byte(in)), r); !bytes.Equal(got, want) || len(problems) != len(wantProblems) {
				t.Fatalf("Buffer.Rewrite(%q) = %q, %d problems; Rewrite gives %q, %d", in, got, len(problems), want, len(wantProblems))
			}
			checkLineByLine(t, []byte(in), r)
		}
	})
}

func checkRewrite(t *testing.T, in string, r Resolver) {
	out, problems := Rewrite([]byte(in), spansOf([]byte(in)), r)
	for _, p := range problems {
		if p.Offset < 0 || p.Offset >= len(in) || p.Line < 1 || p.Col < 1 {
			t.Fatalf("problem out of range: %+v", p)
		}
	}
	if n, m := bytes.Count(out, []byte("\n")), bytes.Count([]byte(in), []byte("\n")); n < m {
		t.Fatalf("lines lost: %d -> %d\n in %q\nout %q", m, n, in, out)
	}
	if b, c := bracketBalance([]byte(in)), bracketBalance(out); b != c {
		t.Fatalf("bracket balance %d -> %d\n in %q\nout %q", b, c, in, out)
	}
	// Whatever resolved or not, nothing is left to rewrite.
	again, more := Rewrite(out, spansOf(out), r)
	if !bytes.Equal(again, out) || len(more) > 0 {
		t.Fatalf("not idempotent:\n in %q\nout %q\n2nd %q %v", in, out, again, more)
	}
	// Headings written by Rewrite are what HeadingText computes.
	for line := range bytes.Lines(out) {
		line = bytes.TrimRight(line, "\n")
		if isHeading(line) && !bytes.Equal(HeadingText(line), line) {
			t.Fatalf("heading %q still has links: %q", line, HeadingText(line))
		}
	}
}

func FuzzStripBodyComments(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("hidden\n%% shown `%%` %%x\n> y%%")
	f.Add("a %%\n```\n%%\n```\n%% b\n> %%\n> ~~~\n> ~~~\n")
	f.Add("1. ```bash\n   echo %%x%%\n   ```\n2. %%y%% z\n")
	f.Add("a\n\n    ```\n\nb %%y%%\n\n    ```\n")
	f.Add("```markdown\n> ```\n> %%x%%\n> ```\n```\nb %%y%%\n")
	f.Add("- a ` b\n- c %%y%% d ` e\n")
	f.Add("a ` b\n# H %%y%% `c\n")
	f.Add("a %% x\n```\n%%\nb %% c\n")
	f.Add("%%x%%```\n%%y%%\n")
	f.Fuzz(func(t *testing.T, in string) {
		checkStripped(t, []byte(in))
	})
}

// bracketBalance counts '[' minus ']' outside code spans, escaped or not.
// Rewrite turns [[...]] into [...](...) or into text, escaping brackets
// but never adding or dropping one, so it never changes the balance.
func bracketBalance(b []byte) int {
	spans := newCodeSpans(b, spansOf(b))
	n := 0
	for i := 0; i < len(b); {
		switch b[i] {
		case '\\':
			if i+1 < len(b) && isPunct(b[i+1]) {
				switch b[i+1] {
				case '[':
					n++
				case ']':
					n--
				}
				i += 2
				continue
			}
		case '`':
			i, _ = spans.skip(i)
			continue
		case '[':
			n++
		case ']':
			n--
		}
		i++
	}
	return n
}

// checkLineByLine checks that Rewrite, which writes plain lines in bulk,
// gives what rewriting every line on its own gives.
func checkLineByLine(t *testing.T, in []byte, r Resolver) {
	t.Helper()
	want := newRewriter(in, spansOf(in), r, nil)
	want.lineByLine = true
	want.run()
	got := newRewriter(in, spansOf(in), r, nil)
	got.run()
	if !bytes.Equal(got.out, want.out) || !reflect.DeepEqual(got.problems, want.problems) {
		t.Fatalf("Rewrite(%q) =\n%q %v\nline by line:\n%q %v", in, got.out, got.problems, want.out, want.problems)
	}
}

// TestRewritePlainLines compares Rewrite with rewriting every line on its
// own, on text mixing plain lines with everything that is rewritten.
func TestRewritePlainLines(t *testing.T) {
	pieces := []string{
		"plain text", " more", "\n", "\n\n", "\n \n", "\n>\n", "> ", "> > ", "- ", "  - ", "1. ", "  ",
		"[[A]]", "[[Bb|x]]", "![[Note]]", "![[i.png|30]]", "[!TIP]", "[!faq]- T", "^id1", " ^b2", "^c3\n",
		"`", "``", "`[[x]]`", "# ", "## H ", "===", "---", "\\[", "[", "]]", "|", "| a | b |\n|---|---|\n",
	}
	rng := rand.New(rand.NewPCG(11, 12))
	for range 30000 {
		var b []byte
		for range rng.IntN(24) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		for _, r := range []Resolver{anyResolver{}, halfResolver{}} {
			checkLineByLine(t, b, r)
		}
	}
	for _, s := range fuzzSeeds {
		checkLineByLine(t, []byte(s), anyResolver{})
	}
}

// TestParseWikilinkParts checks the parts parseWikilink cuts from one
// string against cutting each part from the bytes on its own.
func TestParseWikilinkParts(t *testing.T) {
	pieces := []string{"a", "Note", " ", "#", "^b", "|", "\\|", "\\", "[", "]", "\\]", "é", ".md", "/", "\n"}
	rng := rand.New(rand.NewPCG(13, 14))
	for range 100000 {
		var b []byte
		for range rng.IntN(10) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		got, ok := parseWikilink(b)
		want, wantOK := parseWikilinkEach(b)
		if ok != wantOK || ok && got != want {
			t.Fatalf("parseWikilink(%q) = %+v, %v; want %+v, %v", b, got, ok, want, wantOK)
		}
	}
}

// parseWikilinkEach is parseWikilink converting each part on its own.
func parseWikilinkEach(inner []byte) (wikilink, bool) {
	var l wikilink
	target := inner
	if k := bytes.IndexByte(inner, '|'); k >= 0 {
		target, l.alias, l.hasAlias = inner[:k], string(inner[k+1:]), true
		if k > 0 && inner[k-1] == '\\' {
			target = inner[:k-1]
		}
	}
	if hasBracket(inner) || bytes.ContainsAny(target, "[]") || bytes.IndexByte(inner, '\n') >= 0 {
		return l, false
	}
	name := target
	if k := bytes.IndexByte(target, '#'); k >= 0 {
		name = target[:k]
		l.fragment = strings.TrimSpace(string(target[k+1:]))
	}
	l.name = strings.TrimSpace(string(name))
	if l.name == "" && l.fragment == "" {
		return l, false
	}
	return l, true
}
