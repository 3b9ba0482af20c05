package obsidian

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestInlineTags(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"#tag and #Tag2, #nested/tag.", []string{"tag", "Tag2", "nested/tag"}},
		{"#dup #dup #Dup", []string{"dup", "Dup"}},
		{"#123 #1a #2025-12 #_x #y1984", []string{"1a", "_x", "y1984"}},
		{"x#no (#paren) C#, &#123; #", nil},
		{"# Heading\n## Title #inh", []string{"inh"}},
		{"`#code` ``#a ` #b`` #after", []string{"after"}},
		{`\#escaped #real`, []string{"real"}},
		{"[[Note#Heading]] [[#Local]] [text](http://x/#frag) <http://x/ #y> http://x/#frag", nil},
		{"[text #inlink](u) #émoji-ok #日本", []string{"inlink", "émoji-ok", "日本"}},
		{"line\n#start\ttab\t#tabbed", []string{"start", "tabbed"}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := InlineTags([]byte(tt.in), spansOf([]byte(tt.in))); !slices.Equal(got, tt.want) {
			t.Errorf("InlineTags(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestInlineTagsByParagraph checks that reading only the paragraphs where
// a tag may start finds what reading the whole run does, on text made of
// the characters that start and end tags, code spans, links and
// paragraphs.
func TestInlineTagsByParagraph(t *testing.T) {
	pieces := []string{"#", "#a", "#b/c", "#1", "a", " ", "\t", "\n", "\n\n", "\n \n", "\n>\n", "> ", "`", "``", "\\", "[[", "]]", "](", ")", "<a", "<", ">", "é", "x#y"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 100000 {
		var b []byte
		for range rng.IntN(24) {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		code := newCodeSpans(b, spansOf(b))
		if got, want := InlineTags(b, spansOf(b)), appendTags(nil, b, 0, len(b), &code); !slices.Equal(got, want) {
			t.Fatalf("InlineTags(%q) = %q; reading it all gives %q", b, got, want)
		}
	}
}
