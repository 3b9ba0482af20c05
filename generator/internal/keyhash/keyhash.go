// Package keyhash names what a generated file is made from: a SHA-256
// over fields written with their lengths, so that two different lists of
// fields never hash the same bytes. A caller that keeps a file from run to
// run makes it again only for another key (see content.Unchanged).
package keyhash

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
)

// Hash collects fields. The zero value is not usable; call New.
type Hash struct {
	h   hash.Hash
	buf [8]byte
}

// New returns an empty Hash.
func New() *Hash { return &Hash{h: sha256.New()} }

// Int adds a number: a count before a list of fields, a length, a flag.
func (k *Hash) Int(v int) {
	binary.LittleEndian.PutUint64(k.buf[:], uint64(v))
	k.h.Write(k.buf[:])
}

// Bool adds a flag.
func (k *Hash) Bool(b bool) {
	v := 0
	if b {
		v = 1
	}
	k.Int(v)
}

// String adds a string, after its length.
func (k *Hash) String(s string) {
	k.Int(len(s))
	k.h.Write([]byte(s))
}

// Strings adds a list of strings, after their count.
func (k *Hash) Strings(ss []string) {
	k.Int(len(ss))
	for _, s := range ss {
		k.String(s)
	}
}

// Sum is the key of the fields added so far, in hex.
func (k *Hash) Sum() string { return hex.EncodeToString(k.h.Sum(nil)) }
