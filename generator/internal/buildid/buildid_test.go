package buildid

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSelfMatchesGoTool compares the ID read from the test binary with
// what "go tool buildid" prints for it.
func TestSelfMatchesGoTool(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid: %v", err)
	}
	want := strings.TrimSpace(string(out))
	if got := Self(); got != want || got == "" {
		t.Errorf("Self() = %q, want %q", got, want)
	}
}

func TestTextMarker(t *testing.T) {
	for _, tt := range []struct {
		name, head, want string
		ok               bool
	}{
		{"marker", "\x00\x01\xff Go build ID: \"abc/def\"\n \xff\x00rest", "abc/def", true},
		{"no marker", "\x7fELF or anything else", "", false},
		{"unterminated", "\xff Go build ID: \"abc", "", false},
		{"empty", "\xff Go build ID: \"\"\n \xff", "", false},
	} {
		got, err := textMarker([]byte(tt.head))
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("%s: textMarker = %q, %v; want %q, ok %v", tt.name, got, err, tt.want, tt.ok)
		}
	}
}

func TestReadNotABinary(t *testing.T) {
	p := filepath.Join(t.TempDir(), "notes.md")
	os.WriteFile(p, []byte("# just text\n"), 0o644)
	if id, err := Read(p); err == nil {
		t.Errorf("Read of a text file = %q, want an error", id)
	}
	if id, err := Read(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Errorf("Read of a missing file = %q, want an error", id)
	}
}

func TestElfNote(t *testing.T) {
	note := append([]byte{4, 0, 0, 0, 7, 0, 0, 0, 4, 0, 0, 0}, []byte("Go\x00\x00abc/def")...)
	if got, err := elfNote(note); err != nil || got != "abc/def" {
		t.Errorf("elfNote = %q, %v", got, err)
	}
	gnu := append([]byte{4, 0, 0, 0, 7, 0, 0, 0, 3, 0, 0, 0}, []byte("GNU\x00abc/def")...)
	if got, err := elfNote(gnu); err == nil {
		t.Errorf("elfNote of a GNU note = %q, want an error", got)
	}
}
