//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package content

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestWriteMapped: the new bytes land at the start of the file; a file
// cut short before they are copied faults, and writeMapped reports false
// instead of taking the program down.
func TestWriteMapped(t *testing.T) {
	open := func(data []byte) *os.File {
		t.Helper()
		name := filepath.Join(t.TempDir(), "page.md")
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		f, err := os.OpenFile(name, os.O_RDWR, 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	f := open([]byte("a longer body than the next"))
	if !writeMapped(f, []byte("short"), 27) {
		t.Fatal("writeMapped failed on a plain file")
	}
	if got, _ := os.ReadFile(f.Name()); string(got) != "shortger body than the next" {
		t.Errorf("the file holds %q", got)
	}

	// The file is 10 bytes, as if another program had cut it after its
	// size was read: pages past its end fault.
	page := os.Getpagesize()
	f = open([]byte("0123456789"))
	if writeMapped(f, bytes.Repeat([]byte("x"), 2*page+1), int64(3*page)) {
		t.Error("writeMapped reported success writing past the end of the file")
	}
	if writeMapped(f, nil, 10) || writeMapped(f, []byte("too long"), 4) {
		t.Error("writeMapped took no bytes, or more than the file holds")
	}
}
