package obsidian

import (
	"bytes"
	"testing"
)

func TestStripComments(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		open     bool
		want     string
		wantOpen bool
	}{
		{"none", "no comment here, 100% sure", false, "no comment here, 100% sure", false},
		{"inline", "a %%hidden%% b", false, "a  b", false},
		{"two", "%%x%%a%%y%%b", false, "ab", false},
		{"block", "before\n\n%%\nsecret\nlines\n%%\n\nafter", false, "before\n\n\n\n\n\n\nafter", false},
		{"mid paragraph", "a %%multi\nline%% b", false, "a \n b", false},
		{"in callout", "> [!note]\n> a %%\n> hidden\n> %% b", false, "> [!note]\n> a \n> \n>  b", false},
		{"code span", "`%%not%%` %%yes%%`%%`", false, "`%%not%%` `%%`", false},
		{"double code span", "``a %% ` b`` %%c%%", false, "``a %% ` b`` ", false},
		{"escaped", `\%%not a comment\%%`, false, `\%%not a comment\%%`, false},
		{"unclosed", "text %%open\nmore", false, "text \n", true},
		{"continues", "still hidden\n%% visible", true, "\n visible", false},
		{"continues through", "hidden\nall of it", true, "\n", true},
		{"backticks kept apart", "`a`%%x%%`b`", false, "`a` `b`", false},
		{"empty comment", "a%%%%b", false, "ab", false},
		{"percent", "50% off, 10%% rate", false, "50% off, 10", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, open := StripComments([]byte(tt.in), tt.open)
			if string(got) != tt.want || open != tt.wantOpen {
				t.Errorf("StripComments(%q, %v) = %q, %v; want %q, %v", tt.in, tt.open, got, open, tt.want, tt.wantOpen)
			}
			if n, m := bytes.Count(got, []byte("\n")), bytes.Count([]byte(tt.in), []byte("\n")); n != m {
				t.Errorf("line count changed from %d to %d", m, n)
			}
		})
	}
}

func TestStripBodyComments(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"none", "text\n```\n%% code %%\n```\n", "text\n```\n%% code %%\n```\n"},
		{"code kept", "a %%x%%\n```\n%%not%%\n```\nb %%y%%\n", "a \n```\n%%not%%\n```\nb \n"},
		{"fence commented out", "a %%\n```\ncode\n```\n%% b\n", "a \n\n\n\n b\n"},
		{"open to the end", "a %%\n```\ncode\n```\nrest\n", "a \n\n\n\n\n"},
		{"quoted fence", "> %%\n> ```\n> x\n> ```\n> %%\n> after\n", "> \n> \n> \n> \n> \n> after\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := StripBodyComments([]byte(tt.in))
			if string(got) != tt.want {
				t.Errorf("StripBodyComments(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
