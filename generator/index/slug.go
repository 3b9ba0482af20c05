package index

import (
	"strings"
	"unicode"

	"github.com/crib-notes/crib/generator/internal/filename"
	"golang.org/x/text/unicode/norm"
)

// maxSlug keeps URLs and file names well under file-system limits.
const maxSlug = 80

// Slug turns a title or folder name into one safe URL path segment:
// lowercase letters and digits (accents removed), words joined by '-'.
// It never returns "", ".", ".." or anything with a slash, so no note can
// make the generator write outside its folder, and never a name Windows
// reserves ("con" is "con_", see filename.Portable).
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: dropped, its base letter stays
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
		if b.Len() >= maxSlug {
			break
		}
	}
	out := b.String()
	if len(out) > maxSlug {
		out = strings.TrimRight(out[:maxSlug], "-")
		for !utf8ValidEnd(out) {
			out = out[:len(out)-1]
		}
	}
	if out == "" {
		return "note"
	}
	return filename.Portable(out)
}

func utf8ValidEnd(s string) bool {
	return strings.ToValidUTF8(s, "\uFFFD") == s
}

// maxPathSlug keeps a page folder made from a file name well under the
// 255 bytes file systems allow a name.
const maxPathSlug = 100

// PathSlug turns one part of a vault path (a folder, or a file name
// without its extension) into one URL path segment, as Quartz and
// Obsidian Publish make URLs from paths: lower case; letters of any
// script, accents, digits, '-' and '_' kept as written (a Cyrillic file
// name gives a Cyrillic URL, as Hugo writes it); white space and dots as
// one '-'; everything a URL or a file system misreads ('?', '#', '%',
// '&', quotes, slashes, control characters, ...) left out. These are a
// subset of the characters Hugo keeps in a page path, so Hugo publishes
// the page at this URL. It never returns "", "." or "..", a name that
// looks like a file or is hidden, nor a name Windows reserves.
func PathSlug(s string) string {
	var b strings.Builder
	var last rune  // the last character kept
	space := false // white space was met since then
	for _, r := range norm.NFC.String(s) {
		switch {
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r) || r == '-' || r == '_':
			if space && last != 0 && last != '-' && r != '-' {
				b.WriteByte('-')
			}
			r = unicode.ToLower(r)
			b.WriteRune(r)
			last, space = r, false
		case unicode.IsSpace(r) || r == '.':
			// A dot would make the page's folder look like a file
			// ("index.html", "notes.md") to Hugo and to web servers.
			space = true
		}
	}
	// Leaving characters out can bring accents together that NFC orders
	// otherwise.
	out := norm.NFC.String(b.String())
	if len(out) > maxPathSlug {
		out = out[:maxPathSlug]
		for !utf8ValidEnd(out) {
			out = out[:len(out)-1]
		}
		if i := strings.LastIndexByte(out, '-'); i > 0 {
			out = out[:i] // a whole word rather than part of one
		}
	}
	out = strings.TrimRight(strings.TrimLeft(out, "-_"), "-")
	if out == "" {
		return "note"
	}
	return filename.Portable(out)
}
