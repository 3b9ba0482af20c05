package memlimit

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

func TestLimit(t *testing.T) {
	for _, tt := range []struct {
		input, want int64
	}{
		{0, floor},                // a small site keeps the floor
		{42_000_000, 840_000_000}, // 1,700 long notes
		{500_000_000, Ceiling},    // never above the ceiling
		{floor / heapPerInputByte, floor},
	} {
		if got := Limit(tt.input); got != tt.want {
			t.Errorf("Limit(%d) = %d, want %d", tt.input, got, tt.want)
		}
	}
}

func TestBuildRestores(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	prevLimit := debug.SetMemoryLimit(-1)
	prevGC := debug.SetGCPercent(-1)
	debug.SetGCPercent(prevGC)

	restore := Build(42_000_000)
	if got := debug.SetMemoryLimit(-1); got != 840_000_000 {
		t.Errorf("limit during the build = %d, want 840000000", got)
	}
	if got := debug.SetGCPercent(GCPercent); got != GCPercent {
		t.Errorf("GC percent during the build = %d, want %d", got, GCPercent)
	}
	restore()
	if got := debug.SetMemoryLimit(-1); got != prevLimit {
		t.Errorf("limit after = %d, want %d", got, prevLimit)
	}
	if got := debug.SetGCPercent(prevGC); got != prevGC {
		t.Errorf("GC percent after = %d, want %d", got, prevGC)
	}
}

func TestBuildLeavesEnvironmentSettings(t *testing.T) {
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "150")
	prevGC := debug.SetGCPercent(150)
	defer debug.SetGCPercent(prevGC)
	restore := Build(0)
	defer restore()
	if got := debug.SetGCPercent(150); got != 150 {
		t.Errorf("GOGC=150 in the environment, but the build set %d", got)
	}
}

func TestDirBytes(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "notes", "a"), 0o755)
	os.WriteFile(filepath.Join(dir, "_index.md"), make([]byte, 100), 0o644)
	os.WriteFile(filepath.Join(dir, "notes", "a", "index.md"), make([]byte, 23), 0o644)
	os.MkdirAll(filepath.Join(dir, ".git", "objects"), 0o755)
	os.WriteFile(filepath.Join(dir, ".git", "objects", "pack"), make([]byte, 5000), 0o644)
	os.WriteFile(filepath.Join(dir, "notes", ".DS_Store"), make([]byte, 700), 0o644)
	if got := DirBytes(dir); got != 123 {
		t.Errorf("DirBytes = %d, want 123", got)
	}
	if got := DirBytes(filepath.Join(dir, ".git")); got != 5000 {
		t.Errorf("DirBytes of a hidden folder itself = %d, want 5000", got)
	}
	if got := DirBytes(filepath.Join(dir, "missing")); got != 0 {
		t.Errorf("DirBytes of a missing folder = %d", got)
	}
}
