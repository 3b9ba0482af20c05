package highlight

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"sync/atomic"

	"github.com/crib-notes/crib/generator/internal/parallel"
	"github.com/crib-notes/crib/generator/note"
)

// A page's pack holds the cached HTML of all its code blocks in one file,
// so that the render hook reads one file per page instead of one per
// block: through Hugo's file system each read costs about as much as the
// rest of the hook. The entries stay the cache of record; a pack is made
// from them and named by the keys it holds.
//
// A pack is the page's blocks in page order, each as its key and its
// HTML, all separated by NUL bytes: the hook splits it once per page and
// takes block .Ordinal at 2*.Ordinal, after checking the key. A block the
// cache does not hold has an empty key and HTML. Splitting is far cheaper
// in a template than decoding JSON.

// packSep separates the fields of a pack. Hugo's Markdown never hands a
// NUL to the hook, and a block whose HTML has one is left out.
const packSep = "\x00"

// packKey names the pack of a note's blocks: the SHA-256 of their keys in
// order, or "" when the note has no block the cache holds. The page's
// annotation and the fill both ask, so it is kept with the note.
func packKey(n *note.Note) string {
	return note.Memo(n, "highlight.pack", func() string {
		h := sha256.New()
		cached := false
		for _, b := range Blocks(n) {
			cached = cached || b.key != ""
			h.Write([]byte(b.key))
			h.Write([]byte{'\n'})
		}
		if !cached {
			return ""
		}
		return hex.EncodeToString(h.Sum(nil))
	})
}

// Annotation tells the render hook which pack holds a note's code blocks:
// params.crib.highlight on the note's page.
func Annotation(n *note.Note) map[string]any {
	if k := packKey(n); k != "" {
		return map[string]any{"highlight": k}
	}
	return nil
}

// writePacks writes the pack of every note that has cached blocks and no
// pack yet, from the entries in dir, and returns the packs in use and how
// many it wrote. A block whose entry is missing (Chroma failed on it) is
// left empty: the hook then lets Hugo highlight it and report the error.
func writePacks(ctx context.Context, dir string, notes []*note.Note) (map[string]struct{}, int, error) {
	used := map[string]struct{}{}
	var todo []*note.Note
	for _, n := range notes {
		k := packKey(n)
		if _, seen := used[k]; k == "" || seen {
			continue
		}
		used[k] = struct{}{}
		todo = append(todo, n)
	}
	var written atomic.Int64
	err := parallel.For(ctx, len(todo), func(i int) error {
		blocks := Blocks(todo[i])
		p := PackPath(dir, packKey(todo[i]))
		if _, err := os.Stat(p); err == nil {
			return nil
		}
		var b []byte
		for i, bl := range blocks {
			if i > 0 {
				b = append(b, packSep...)
			}
			var html []byte
			if bl.key != "" {
				html, _ = os.ReadFile(EntryPath(dir, bl.key))
			}
			if len(html) == 0 || bytes.Contains(html, []byte(packSep)) {
				b = append(b, packSep...)
				continue
			}
			b = append(b, bl.key...)
			b = append(b, packSep...)
			b = append(b, html...)
		}
		if err := writeAtomic(p, b); err != nil {
			return err
		}
		written.Add(1)
		return nil
	})
	return used, int(written.Load()), err
}
