package cputime

import (
	"runtime"
	"testing"
)

func TestProcessGrows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" || runtime.GOOS == "js" {
		t.Skip("no CPU time here")
	}
	start := Process()
	if start <= 0 {
		t.Fatalf("Process() = %v", start)
	}
	x := 0
	for i := range 50_000_000 {
		x ^= i * i
	}
	if end := Process(); end <= start || x == 1 {
		t.Errorf("Process() went from %v to %v over a busy loop", start, end)
	}
}
