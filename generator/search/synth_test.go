package search

import (
	"testing"

	"github.com/crib-notes/crib/generator/note"
	"github.com/crib-notes/crib/generator/search/searchtest"
)

// synthVault returns n synthetic seed-shaped notes.
func synthVault(t testing.TB, n int, seed uint64) []*note.Note {
	return searchtest.Vault(seedNote(t).Body, n, seed)
}
