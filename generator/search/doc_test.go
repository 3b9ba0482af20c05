package search

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// collapseRunes is collapse written plainly, rune by rune: the reference
// the stretch-copying collapse must match.
func collapseRunes(s string) string {
	var out strings.Builder
	space := false
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			space = true
		} else {
			if space && out.Len() > 0 {
				out.WriteByte(' ')
			}
			space = false
			out.WriteString(s[i : i+n])
		}
		i += n
	}
	return out.String()
}

func TestCollapse(t *testing.T) {
	texts := []string{
		"", " ", "  a  ", "a b", "a  b", "a\nb", "a \n b", " a", "a ", "a\u00a0b", "a\u2003 b",
		"\u3000日本\u3000語\u3000", "x\xffy \xfe", "\xe2\x80", "tab\tand\r\nnewline\f\v.", "one two three four",
		"trailing\u00a0", "\u0085lead",
	}
	r := rand.New(rand.NewPCG(3, 4))
	alphabet := []string{"a", "Z", " ", " ", "\n", "\t", "\u00a0", "\u2028", "é", "日", "\xff", "\xe2", "-", "\r"}
	for range 20000 {
		var b strings.Builder
		for range r.IntN(12) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	for _, s := range texts {
		want := collapseRunes(s)
		if got := collapse(s); got != want {
			t.Fatalf("collapse(%q) = %q, want %q", s, got, want)
		}
		if got := collapse([]byte(s)); got != want {
			t.Fatalf("collapse([]byte(%q)) = %q, want %q", s, got, want)
		}
	}
}
