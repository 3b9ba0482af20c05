// Package buildid reads the Go build ID of a program: the identifier the
// Go linker writes into every binary, derived from everything the binary
// is built from (source, dependencies, flags, toolchain). Files a program
// made from the same inputs are the same while its build ID is; another
// build of the program may make them differently.
package buildid

import (
	"bytes"
	"debug/elf"
	"errors"
	"io"
	"os"
)

// Self returns the running program's build ID, or "" when it cannot be
// read (a binary stripped of it, an executable that is gone).
func Self() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	id, err := Read(exe)
	if err != nil {
		return ""
	}
	return id
}

var errNotFound = errors.New("no Go build ID")

// Read returns the Go build ID of the binary at path. On ELF it is the
// note ".note.go.buildid"; other formats (Mach-O, PE) carry it near the
// start of the text as \xff Go build ID: "<id>"\n \xff, as cmd/go reads it.
func Read(path string) (string, error) {
	if f, err := elf.Open(path); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			data, err := s.Data()
			if err != nil {
				return "", err
			}
			return elfNote(data)
		}
		return "", errNotFound
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	head := make([]byte, 32<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return "", err
	}
	return textMarker(head[:n])
}

// elfNote reads the Go build ID note: name size, description size and
// type (4 bytes each, little-endian on every Go target that uses ELF),
// the name "Go" padded to 4 bytes, then the ID.
func elfNote(data []byte) (string, error) {
	if len(data) < 16 {
		return "", errNotFound
	}
	le := func(b []byte) int { return int(b[0]) | int(b[1])<<8 | int(b[2])<<16 | int(b[3])<<24 }
	nameSize, descSize, typ := le(data[0:]), le(data[4:]), le(data[8:])
	const goBuildIDNote = 4
	if nameSize != 4 || typ != goBuildIDNote || string(data[12:16]) != "Go\x00\x00" || 16+descSize > len(data) {
		return "", errNotFound
	}
	return string(data[16 : 16+descSize]), nil
}

var (
	markerStart = []byte("\xff Go build ID: \"")
	markerEnd   = []byte("\"\n \xff")
)

func textMarker(head []byte) (string, error) {
	_, rest, ok := bytes.Cut(head, markerStart)
	if !ok {
		return "", errNotFound
	}
	id, _, ok := bytes.Cut(rest, markerEnd)
	if !ok || len(id) == 0 {
		return "", errNotFound
	}
	return string(id), nil
}
