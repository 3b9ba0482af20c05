package search

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
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
	for _, f := range []string{"../../../shared/fixtures/seed/000_4abc85d6e0698c79.txt", "../../../shared/fixtures/real/docker-k8s.md"} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, strings.Split(string(b), "\n")...)
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
	checked := 0
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
	if checked < 10000 {
		t.Fatalf("only %d texts took the fast path", checked)
	}
	for _, s := range []string{"système", "日本語", "didn’t", "e\u0301", "Привет", "x²"} {
		if plainASCII(s) {
			t.Errorf("plainASCII(%q) = true", s)
		}
	}
}
