package highlight

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/crib-notes/crib/generator/note"
)

// A page's pack holds the cached HTML of all its code blocks in one file,
// so that the render hook reads one file per page instead of one per
// block: through Hugo's file system each read costs about as much as the
// rest of the hook. It is named by the keys it holds.
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
