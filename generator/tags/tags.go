// Package tags cleans Obsidian tag spellings and decides how each tag is
// shown. Tags are compared by Key, which ignores case and accents, so
// "DocKer", "docker" and "#Docker" are one tag; a Spellings value picks
// the one display spelling used for it across a whole vault.
package tags

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/crib-notes/crib/generator/internal/filename"
	"github.com/gohugoio/hugo/common/paths"
	"golang.org/x/text/cases"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Clean returns the tag spelled by s, the way Obsidian would accept it:
// leading '#' signs and surrounding space removed, runs of inner space
// turned into '-' (a tag cannot hold a space), empty nested parts dropped
// ("a//b/" is "a/b"), control characters and invalid UTF-8 removed. It
// reports false when nothing is left or the tag is purely numeric, such as
// "#123", which Obsidian does not treat as a tag. Case is kept: choosing a
// display spelling is the job of Spellings.
//
// Each nested part also names a folder of the site (the tag's page is
// /tags/<part>/<part>/), so it must stay a folder of its own: a '\'
// separates parts as '/' does; a part that Hugo's URLs would reduce to
// nothing or to dots ("..", "%2e", "?") is dropped, so that no tag page
// lands outside /tags/ or on another page; trailing dots, which Windows
// drops from names, are removed; and a Windows device name gets a '_'
// ("CON_", see filename.Portable).
//
// Clean is idempotent: Clean of a cleaned tag returns it unchanged.
func Clean(s string) (string, bool) {
	if isSimple(s) && !hasReserved(s) {
		return s, true
	}
	s = stable(s)
	if s == "" || isNumeric(s) {
		return "", false
	}
	// What Hugo keeps of it must be a tag too: see Key.
	if k := urlSafe(s); k == "" || isNumeric(k) {
		return "", false
	}
	return s, true
}

// stable repeats cleanOnce until nothing changes: one pass can expose a
// new leading '#' ("/#a" -> "#a"). Each extra pass only shortens s.
func stable(s string) string {
	for {
		c := cleanOnce(s)
		if c == s {
			return c
		}
		s = c
	}
}

// urlSafe is a clean tag without the characters Hugo leaves out of URLs,
// cleaned again, as dropping them can expose what Clean removes ("?#a").
func urlSafe(t string) string {
	if u := paths.Sanitize(t); u != t {
		return stable(u)
	}
	return t
}

// cleanOnce does one cleaning pass over s; see Clean.
func cleanOnce(s string) string {
	s = strings.TrimLeftFunc(strings.ToValidUTF8(s, ""), func(r rune) bool {
		return r == '#' || unicode.IsSpace(r)
	})
	s = strings.ReplaceAll(s, `\`, "/")
	var b strings.Builder
	b.Grow(len(s))
	for part := range strings.SplitSeq(s, "/") {
		words := strings.FieldsFunc(part, func(r rune) bool {
			return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
		})
		// A lone dash between spaces ("Machine - Learning") is a
		// separator, not a word: it becomes the one '-' written below.
		words = slices.DeleteFunc(words, func(w string) bool { return strings.Trim(w, "-") == "" && len(words) > 1 })
		part = strings.TrimRight(strings.Join(words, "-"), ".")
		if !isFolder(part) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('/')
		}
		b.WriteString(filename.Portable(part))
	}
	return b.String()
}

// isFolder reports whether a part of a tag makes a folder of its own in
// Hugo's URLs: something other than dots (or percent-encoded dots, which
// browsers read as dots) is left of it once Hugo drops the characters it
// does not put in URLs.
func isFolder(part string) bool {
	p := paths.Sanitize(part)
	for i := 0; i < len(p); i++ {
		switch {
		case p[i] == '.':
		case p[i] == '%' && i+2 < len(p) && p[i+1] == '2' && (p[i+2] == 'e' || p[i+2] == 'E'):
			i += 2
		default:
			return true
		}
	}
	return false
}

// hasReserved reports whether a tag has a part that Windows reserves.
func hasReserved(s string) bool {
	for part := range strings.SplitSeq(s, "/") {
		if filename.Reserved(part) {
			return true
		}
	}
	return false
}

// isSimple reports whether s is already a clean tag made of ASCII letters,
// digits, '_', '-' and single inner '/', the overwhelmingly common case,
// so that it needs no copy.
func isSimple(s string) bool {
	if s == "" || s[0] == '/' || s[len(s)-1] == '/' {
		return false
	}
	letter := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', c == '_', c == '-':
			letter = true
		case '0' <= c && c <= '9':
		case c == '/':
			if s[i-1] == '/' {
				return false
			}
			letter = true
		default:
			return false
		}
	}
	return letter
}

// isNumeric reports whether s is made of decimal digits only.
func isNumeric(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Key returns the comparison key of a tag spelling: cleaned as by Clean,
// then case-folded and stripped of accents and compatibility forms, so
// "DocKer", "#docker" and "Docker" share the key "docker", "Système" and
// "systeme" share "systeme", and "Interview/DevOps" has the key
// "interview/devops". The characters Hugo leaves out of URLs are left out
// too, so that tags Hugo would publish at one URL are one tag: "Q&A" and
// "QA" share "qa". Key returns "" for a string that is not a tag.
// Key(Key(s)) == Key(s).
func Key(tag string) string {
	t, ok := Clean(tag)
	if !ok {
		return ""
	}
	t = urlSafe(t)
	if ascii(t) {
		return asciiLower(t)
	}
	// Fold twice around decomposition: decomposing can reveal upper case
	// letters (U+210C) and folding can produce combining marks (U+0130).
	f := transform.Chain(
		norm.NFKD, runes.Remove(runes.In(unicode.Mn)), cases.Fold(),
		norm.NFKD, runes.Remove(runes.In(unicode.Mn)), norm.NFC,
	)
	fold := func(s string) string {
		k, _, err := transform.String(f, s)
		if err != nil {
			return asciiLower(s)
		}
		return k
	}
	k := fold(t)
	// Case folding is not idempotent for every script: Cherokee's small
	// letters fold to capitals, which fold back. The key of such a pair
	// is the smaller one, whichever of the two the tag is written in.
	if next := fold(k); next != k {
		k = min(k, next)
	}
	// Folding can empty a part or leave only digits ("\u0310", "²"), or
	// make a character Hugo leaves out ("℃" is "°c"); such rare tags are
	// compared by their lower case spelling instead, so that every tag
	// has a non-empty key that is itself a clean tag.
	k2, ok := Clean(k)
	if !ok {
		return strings.ToLower(t)
	}
	return urlSafe(k2)
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// Fields splits a front matter string that holds several tags, as in
// "docker, k8s", "#docker #k8s" or "docker,k8s devops", into raw
// spellings. Commas and white space both separate tags because a single
// tag cannot contain either.
func Fields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || unicode.IsSpace(r)
	})
}

// Unique cleans every raw spelling and drops the ones that are not tags
// and those whose Key was already seen, keeping the first spelling of each
// tag in order.
func Unique(raw []string) []string {
	out := make([]string, 0, len(raw))
	seen := make(map[string]bool, len(raw))
	for _, r := range raw {
		t, ok := Clean(r)
		if !ok {
			continue
		}
		k := Key(t)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, t)
	}
	return out
}
