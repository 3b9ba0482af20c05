package obsidian

import (
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
		if got := InlineTags([]byte(tt.in)); !slices.Equal(got, tt.want) {
			t.Errorf("InlineTags(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
