package markdown

import "testing"

func TestWords(t *testing.T) {
	tests := []struct {
		src  string
		want int
	}{
		{"", 0},
		{"# Title\n\nOne two three.\n", 4},
		{"Some **bold**words and `code span` here.\n", 6},
		{"- item one\n- item two\n\n| a | b |\n|---|---|\n| c d | e |\n", 9},
		{"Line one\nline two\n", 4},
		{"```go\nfunc main() {\n\tfmt.Println(\"hi\")\n}\n```\n", 5},
		{"A [link text](https://example.com) and <https://x.org>.\n", 5},
		{"Wrapped\nword\n", 2},
	}
	p := NewParser()
	for _, tt := range tests {
		src := []byte(tt.src)
		if got := Words(p.Parse(src), src); got != tt.want {
			t.Errorf("Words(%q) = %d, want %d", tt.src, got, tt.want)
		}
	}
}
