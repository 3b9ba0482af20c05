package mathtext

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestText(t *testing.T) {
	tests := []struct{ tex, want string }{
		{`O(n \log n)`, "O(n log n)"},
		{`O(n^2)`, "O(n²)"},
		{`\alpha + \beta`, "α + β"},
		{`x^2`, "x²"},
		{`2^{10}`, "2¹⁰"},
		{`x^{n-1}`, "xⁿ⁻¹"},
		{`e^{i\pi}`, "e^(iπ)"},
		{`a_i`, "aᵢ"},
		{`x_{10}`, "x₁₀"},
		{`T_{max}`, "Tₘₐₓ"},
		{`a_{\text{fast}}`, "a_(fast)"},
		{`a_{\text{hit}}`, "aₕᵢₜ"},
		{`\frac{a}{b}`, "a/b"},
		{`\frac{n(n+1)}{2}`, "(n(n+1))/2"},
		{`\frac{1}{\sqrt{n}}`, "1/(√n)"},
		{`\frac12`, "1/2"},
		{`\sqrt{x+1}`, "√(x+1)"},
		{`\sqrt[3]{x}`, "∛x"},
		{`\sqrt[5]{x}`, "root(5, x)"},
		{`\log_2 n`, "log₂ n"},
		{`\log{n}`, "log n"},
		{`\sum_{i=1}^{n} i`, "∑ᵢ₌₁ⁿ i"},
		{`a \le b \ne c \geq d`, "a ≤ b ≠ c ≥ d"},
		{`x \in \mathbb{R}`, "x ∈ ℝ"},
		{`\{1, 2\}`, "{1, 2}"},
		{`\left( \frac{a}{b} \right)`, "( a/b )"},
		{`\left. x \right|`, "x |"},
		{`\lfloor n/2 \rfloor`, "⌊ n/2 ⌋"},
		{`\text{if } x > 0`, "if x > 0"},
		{`\mathrm{GC}\text{-}time`, "GC-time"},
		{`\hat{x}`, "x̂"},
		{`\binom{n}{k}`, "C(n, k)"},
		{`{\char36}5`, "$5"},
		{`\$5`, "$5"},
		{`50\%`, "50%"},
		{`a\,b\;c`, "a b c"},
		{`\begin{aligned} a &= b \\ c &= d \end{aligned}`, "a = b c = d"},
		{`x % a comment` + "\n" + `+ 1`, "x + 1"},
		{`\unknowncommand{x}`, "unknowncommand x"},
		{`\frac{`, "/"},
		{`}}}`, ""},
		{``, ""},
		{`\`, ""},
		{`^`, ""},
		{`x'`, "x'"},
		{`f'(x) = \lim_{h \to 0} \frac{f(x+h) - f(x)}{h}`, "f'(x) = lim_(h → 0) (f(x+h) - f(x))/h"},
	}
	for _, tt := range tests {
		if got := Text(tt.tex); got != tt.want {
			t.Errorf("Text(%q) = %q, want %q", tt.tex, got, tt.want)
		}
	}
}

// A font without the characters gets their ASCII spellings.
func TestTextFor(t *testing.T) {
	latin1 := func(r rune) bool { return r < 0x100 || r == 'α' }
	tests := []struct{ tex, want string }{
		{`x^2`, "x²"},  // '²' is Latin-1
		{`x^n`, "x^n"}, // 'ⁿ' is not
		{`a_{10}`, "a_(10)"},
		{`x \in S`, "x in S"},
		{`a \Rightarrow b`, "a => b"},
		{`\alpha \le \beta`, "α <= beta"},
		{`\sqrt{2}`, "sqrt2"},
		{`\mathbb{R}`, "R"},
	}
	for _, tt := range tests {
		if got := TextFor(tt.tex, latin1); got != tt.want {
			t.Errorf("TextFor(%q) = %q, want %q", tt.tex, got, tt.want)
		}
	}
}

// Deep nesting and long formulas take time in proportion to their size
// and never recurse without bound.
func TestTextBounded(t *testing.T) {
	for _, tex := range []string{
		strings.Repeat("{", 200000) + "x" + strings.Repeat("}", 200000),
		strings.Repeat(`\frac{`, 100000),
		strings.Repeat(`x^{`, 100000),
		strings.Repeat(`\sqrt[`, 100000),
		strings.Repeat(`\sqrt[`, 100000) + strings.Repeat("]", 100000),
		strings.Repeat(`a_b^c\alpha `, 100000),
	} {
		start := time.Now()
		out := Text(tex)
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%.20q…: %v", tex, d)
		}
		if !utf8.ValidString(out) {
			t.Errorf("%.20q…: invalid UTF-8", tex)
		}
	}
}

func FuzzText(f *testing.F) {
	for _, s := range []string{`O(n \log n)`, `\frac{a}{b}`, `x^{2}_{i}`, `\sqrt[3]{x}`, `\char"24`, `\left( x \right.`, "{\\text{a}%\n}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tex string) {
		out := Text(tex)
		if utf8.ValidString(tex) && !utf8.ValidString(out) {
			t.Errorf("Text(%q) = %q: invalid UTF-8", tex, out)
		}
		if strings.Contains(out, "  ") {
			t.Errorf("Text(%q) = %q: white space not collapsed", tex, out)
		}
	})
}
