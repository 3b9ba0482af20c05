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
// Clean is idempotent: Clean of a cleaned tag returns it unchanged.
func Clean(s string) (string, bool) {
	if isSimple(s) {
		return s, true
	}
	// One pass can expose a new leading '#' ("/#a" -> "#a"); repeat until
	// stable so that Clean is idempotent. Each extra pass only shortens s.
	for {
		c := cleanOnce(s)
		if c == s {
			break
		}
		s = c
	}
	if s == "" || isNumeric(s) {
		return "", false
	}
	return s, true
}

// cleanOnce does one cleaning pass over s; see Clean.
func cleanOnce(s string) string {
	s = strings.TrimLeftFunc(strings.ToValidUTF8(s, ""), func(r rune) bool {
		return r == '#' || unicode.IsSpace(r)
	})
	var b strings.Builder
	b.Grow(len(s))
	for part := range strings.SplitSeq(s, "/") {
		words := strings.FieldsFunc(part, func(r rune) bool {
			return unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r)
		})
		// A lone dash between spaces ("Machine - Learning") is a
		// separator, not a word: it becomes the one '-' written below.
		words = slices.DeleteFunc(words, func(w string) bool { return strings.Trim(w, "-") == "" && len(words) > 1 })
		if len(words) == 0 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('/')
		}
		for i, w := range words {
			if i > 0 {
				b.WriteByte('-')
			}
			b.WriteString(w)
		}
	}
	return b.String()
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
// "interview/devops". Key returns "" for a string that is not a tag.
// Key(Key(s)) == Key(s).
func Key(tag string) string {
	t, ok := Clean(tag)
	if !ok {
		return ""
	}
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
	// Folding can empty a part or leave only digits ("\u0310", "²"); such
	// rare tags are compared by their lower case spelling instead, so that
	// every tag has a non-empty key that is itself a clean tag.
	k2, ok := Clean(k)
	if !ok {
		return strings.ToLower(t)
	}
	return k2
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
