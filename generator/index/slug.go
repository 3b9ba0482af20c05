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

// Humanize turns a file name without extension into a title: names that
// are all lowercase with '-' or '_' between words ("docker-basics") become
// "Docker basics"; names already written as titles stay as they are.
func Humanize(name string) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return "Untitled"
	}
	if strings.ContainsAny(name, " ") || name != strings.ToLower(name) {
		return name
	}
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' })
	if len(words) == 0 {
		return name
	}
	s := strings.Join(words, " ")
	r := []rune(s)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}
