package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/crib-notes/crib/internal/fixtures"
)

// TestScanASCIIMatchesRunes pins the byte-level fast path to the general
// scanner: on every text plainASCII accepts, both emit the same tokens,
// positions and parts.
func TestScanASCIIMatchesRunes(t *testing.T) {
	texts := []string{
		"OOMKilled node_modules --memory -it kubectl get pods docker-compose.yml getHTTPResponse",
		"C++ c# F# x++y a-b- .hidden -- - --- ---x didn't can't k8s v2.1.0 A.B.C HTTPServer",
		"a → b — c ─ d ├ e ↓ f ⸻ g 🔹 h ✅ i",
		"--flag→x c++→ c#— I'm'a ''x x'' x-'y x.-y _x_ __init__ ABCdef abcDEF aB Ab AB",
	}
	for _, name := range []string{fixtures.Networking, fixtures.GitCI} {
		texts = append(texts, strings.Split(string(fixtures.Read(t, name)), "\n")...)
	}
	// Random mixes of the characters the rules look at.
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "B", "z", "Q", "0", "9", "_", "-", "-", ".", "'", "+", "#", " ", "\n", "→", "—", "(", ")", "/", "c", "C", "x"}
	for range 20000 {
		var b strings.Builder
		for range 1 + r.IntN(14) {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		texts = append(texts, b.String())
	}
	if checked := scanBothWays(t, texts); checked < 10000 {
		t.Fatalf("only %d texts took the fast path", checked)
	}
	t.Run("shared", func(t *testing.T) {
		var lines []string
		for _, name := range []string{fixtures.SharedSeed, fixtures.SharedReal} {
			lines = append(lines, strings.Split(string(fixtures.Shared(t, name)), "\n")...)
		}
		scanBothWays(t, lines)
	})
	for _, s := range []string{"système", "日本語", "didn’t", "e\u0301", "Привет", "x²"} {
		if plainASCII(s) {
			t.Errorf("plainASCII(%q) = true", s)
		}
	}
}

// scanBothWays checks that the byte-level scanner gives what the general
// one gives on every text it accepts, and returns how many it accepted.
func scanBothWays(t *testing.T, texts []string) (checked int) {
	t.Helper()
	for _, s := range texts {
		if !plainASCII(s) {
			continue
		}
		checked++
		for _, parts := range []bool{false, true} {
			var fast, slow []string
			var z1, z2 tokenizer
			z1.scanASCII(s, parts, func(tok []byte, pos int, part bool) { fast = append(fast, fmt.Sprintf("%s/%d/%v", tok, pos, part)) })
			z2.scanRunes(s, parts, func(tok []byte, pos int, part bool) { slow = append(slow, fmt.Sprintf("%s/%d/%v", tok, pos, part)) })
			if strings.Join(fast, " ") != strings.Join(slow, " ") {
				t.Fatalf("%q (parts %v):\nbytes %q\nrunes %q", s, parts, fast, slow)
			}
		}
	}
	return checked
}
