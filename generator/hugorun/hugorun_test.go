package hugorun

import "testing"

func TestParseLogLine(t *testing.T) {
	tests := []struct {
		line string
		ok   bool
		want string
	}{
		{"WARN  found no layout file for \"html\" for kind \"page\"", true, `crib: warning: hugo: found no layout file for "html" for kind "page"`},
		{`ERROR "/s/content/notes/a/index.md:12:3": failed to render`, true, "/s/content/notes/a/index.md:12:3: error: hugo: failed to render"},
		{"Start building sites … ", false, ""},
		{"Total in 12 ms", false, ""},
	}
	for _, tt := range tests {
		d, ok := parseLogLine(tt.line)
		if ok != tt.ok || (ok && d.String() != tt.want) {
			t.Errorf("parseLogLine(%q) = %q, %v; want %q, %v", tt.line, d.String(), ok, tt.want, tt.ok)
		}
	}
}

func TestIsRebuildReport(t *testing.T) {
	for line, want := range map[string]bool{
		"Total in 412 ms":                        true,
		"Total in 0 ms":                          true,
		"Built in 26085 ms":                      false,
		"Change detected, rebuilding site (#5).": false,
		"WARN  Total in 3 ms":                    false,
		"":                                       false,
	} {
		if got := isRebuildReport(line); got != want {
			t.Errorf("isRebuildReport(%q) = %v, want %v", line, got, want)
		}
	}
}
