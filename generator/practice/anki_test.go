package practice

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestAppendRecord checks the import file's records against encoding/csv
// with a tab as the separator, on fields of every shape Anki reads.
func TestAppendRecord(t *testing.T) {
	fields := []string{"", " ", "plain", "\tlead tab", " lead space", "\u00a0nbsp lead", `\.`, `\.x`, `say "hi"`,
		`""`, "a\tb", "line\nbreak", "cr\rlf\r\n", `<span class="k">func</span>`, "trailing ", "日本語", "\xff bad"}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", " ", "\t", "\n", "\r", `"`, `\`, ".", "é", "\u2028"}
	for range 2000 {
		var b []byte
		for range rng.IntN(8) {
			b = append(b, alphabet[rng.IntN(len(alphabet))]...)
		}
		fields = append(fields, string(b))
	}
	for i := 0; i+4 <= len(fields); i++ {
		rec := fields[i : i+4]
		var want bytes.Buffer
		w := csv.NewWriter(&want)
		w.Comma = '\t'
		if err := w.Write(rec); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		if got := appendRecord(nil, rec...); string(got) != want.String() {
			t.Fatalf("record %q:\n got %q\nwant %q", rec, got, want.String())
		}
	}
}

func TestAnswerBrokenLinkIsText(t *testing.T) {
	for _, base := range []string{"", "https://example.org/sub/"} {
		r := newHTMLRenderer(base)
		got := r.answer(Card{URL: "notes/a/", Answer: "See [the *other* note](crib:broken \"no note named \\\"x\\\"\") and [b](/notes/b)."})
		if strings.Contains(got, "crib:broken") || !strings.Contains(got, "See the <em>other</em> note and <a href=") {
			t.Errorf("base %q: answer = %s", base, got)
		}
	}
}

// TestAnswerMath: formulas reach Anki in the delimiters its MathJax
// typesets, \(…\) and \[…\], with the TeX as the note wrote it; a
// dollar that is not math stays a dollar, and markup in a formula is
// text.
func TestAnswerMath(t *testing.T) {
	r := newHTMLRenderer("")
	for _, tt := range []struct{ md, want string }{
		{"It is $O(n \\log n)$ and costs \\$5.", "<p>It is \\(O(n \\log n)\\) and costs $5.</p>\n"},
		{"$$\nx^2 < y\n$$", "<p>\\[\nx^2 &lt; y\n\\]</p>\n"},
		{"A price in a formula: ${\\char36}5$.", "<p>A price in a formula: \\(\\$5\\).</p>\n"},
		{"$<img src=x onerror=alert(1)>$", "<p>\\(&lt;img src=x onerror=alert(1)&gt;\\)</p>\n"},
	} {
		if got := r.answer(Card{Answer: tt.md}); got != tt.want {
			t.Errorf("%q:\n got %q\nwant %q", tt.md, got, tt.want)
		}
	}
}
