package hugorun

import (
	"os"
	"path/filepath"
	"testing"
)

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

func TestBuildLimit(t *testing.T) {
	for _, tt := range []struct {
		content, want int64
	}{
		{0, minBuildLimit},        // a small site keeps the floor
		{42_000_000, 840_000_000}, // 1,700 long notes
		{500_000_000, softLimit},  // never above the process's own target
		{minBuildLimit / heapPerContentByte, minBuildLimit},
	} {
		if got := buildLimit(tt.content); got != tt.want {
			t.Errorf("buildLimit(%d) = %d, want %d", tt.content, got, tt.want)
		}
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "notes", "a"), 0o755)
	os.WriteFile(filepath.Join(dir, "_index.md"), make([]byte, 100), 0o644)
	os.WriteFile(filepath.Join(dir, "notes", "a", "index.md"), make([]byte, 23), 0o644)
	if got := contentBytes(dir); got != 123 {
		t.Errorf("contentBytes = %d, want 123", got)
	}
	if got := contentBytes(filepath.Join(dir, "missing")); got != 0 {
		t.Errorf("contentBytes of a missing folder = %d", got)
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
