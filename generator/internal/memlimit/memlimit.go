// Package memlimit paces the Go collector for a build: a build is over in
// seconds and gives its memory back when it exits, so collecting each
// time the heap doubles (GOGC=100) spends CPU for nothing below a soft
// limit that follows the size of what is built.
package memlimit

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
)

// Ceiling is the highest soft limit a build asks for; it is a target, not
// a cap.
const Ceiling = 2 << 30

// At its peak Hugo holds about 17 bytes for each byte of content (its
// pages, their rendered HTML, the highlighted code); the generator's
// pipeline holds about 6 for each byte of the vault. Twenty bytes per byte
// of input keeps a build near what it needs (a 1,700-note vault of 42 MB
// of content: 1.07 GB at the flat 2 GiB, 0.94 GB at 20x, same build
// time), between a floor that leaves small sites room and the ceiling.
const (
	heapPerInputByte = 20
	floor            = 704 << 20
)

// GCPercent is the collector's pace in a build: with the soft limit in
// place, the heap may grow to five times what is live before a collection
// instead of twice. A 1,000-note build collects 12 times instead of 40, at
// the same peak.
const GCPercent = 400

// Limit is the soft memory limit for a build step over inputBytes.
func Limit(inputBytes int64) int64 {
	return min(max(heapPerInputByte*inputBytes, floor), Ceiling)
}

// Build paces the collector for a build step over inputBytes of input
// (Limit and GCPercent) and returns a function that restores the previous
// settings. GOMEMLIMIT and GOGC in the environment win; with GOMEMLIMIT
// set, GOGC is left alone too, since the faster pace relies on this
// package's limit.
func Build(inputBytes int64) (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	limit := debug.SetMemoryLimit(Limit(inputBytes))
	if os.Getenv("GOGC") != "" {
		return func() { debug.SetMemoryLimit(limit) }
	}
	gc := debug.SetGCPercent(GCPercent)
	return func() {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(gc)
	}
}

// DirBytes is the size of the files under dir, leaving out hidden files
// and folders: a vault's .git and .obsidian are not built, and a
// repository's history can be far larger than its notes.
func DirBytes(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
