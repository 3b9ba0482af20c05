package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The tokenizer is mirrored line by line by tokenize() in
// themes/crib/assets/js/global/search.js: the browser must split query
// text exactly as the index was split. Change both together; the browser
// test compares them on the vectors in testdata/tokenize.json.

// latinFold maps the Latin letters with diacritics (U+00C0..U+024F and
// U+1E00..U+1EFF) to their base letter: "è" -> "e". Letters without a
// canonical decomposition ("ø", "ß", "æ") map to themselves.
var latinFold = func() map[rune]rune {
	m := map[rune]rune{}
	add := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			d := []rune(norm.NFD.String(string(r)))
			if len(d) > 1 && d[0] < 0x250 {
				m[r] = d[0]
			}
		}
	}
	add(0xC0, 0x24F)
	add(0x1E00, 0x1EFF)
	return m
}()

// isLatin reports whether r is a Latin letter whose following combining
// marks are accents to drop.
func isLatin(r rune) bool {
	return r < 0x250 || (r >= 0x1E00 && r <= 0x1EFF)
}

// isCJK reports whether r belongs to a script written without spaces,
// which is indexed as overlapping bigrams.
func isCJK(r rune) bool {
	return r >= 0x2E80 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r))
}

// char is one folded rune of the input with the facts the scanner needs.
type char struct {
	r     rune // lowercased, accent-folded
	upper bool // the original was an upper-case letter
	lower bool // the original was a lower-case letter
	kind  uint8
}

// Kinds of char, classified once by foldChars.
const (
	kindOther uint8 = iota
	kindWord        // inside a word
	kindCJK         // cut into bigrams
)

// asciiKind classifies ASCII bytes.
var asciiKind = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' {
			t[c] = kindWord
		}
	}
	return t
}()

func kindOf(r rune) uint8 {
	switch {
	case r < utf8.RuneSelf:
		return asciiKind[r]
	case isCJK(r):
		return kindCJK
	case isWordRune(r):
		return kindWord
	}
	return kindOther
}

// foldChars lowercases and accent-folds s, dropping combining marks that
// follow a Latin letter (decomposed accents).
func foldChars(s string, buf []char) []char {
	buf = buf[:0]
	prevLatin := false
	for _, r := range s {
		if r < utf8.RuneSelf {
			c := char{r: r, kind: asciiKind[r]}
			if 'A' <= r && r <= 'Z' {
				c.r, c.upper = r+('a'-'A'), true
			} else if 'a' <= r && r <= 'z' {
				c.lower = true
			}
			buf = append(buf, c)
			prevLatin = true
			continue
		}
		if unicode.Is(unicode.Mn, r) && prevLatin {
			continue
		}
		c := char{r: r, upper: unicode.IsUpper(r), lower: unicode.IsLower(r)}
		if b, ok := latinFold[r]; ok {
			c.r = b
		}
		c.r = unicode.ToLower(c.r)
		c.kind = kindOf(c.r)
		prevLatin = isLatin(r) && unicode.IsLetter(r)
		buf = append(buf, c)
	}
	return buf
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '_' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r)
}

// isWord reports whether c can be inside a word (CJK excluded: it is cut
// into bigrams instead).
func isWord(c char) bool { return c.kind == kindWord }

func isJoiner(r rune) bool  { return r == '-' || r == '.' }
func isQuote(r rune) bool   { return r == '\'' || r == '\u2019' }
func isPartSep(r rune) bool { return r == '-' || r == '.' || r == '_' || r == '+' || r == '#' }
func isLetterR(r rune) bool { return unicode.IsLetter(r) }
func runesOf(cs []char) []rune {
	rs := make([]rune, 0, len(cs))
	for _, c := range cs {
		rs = append(rs, c.r)
	}
	return rs
}

// tokenizer holds the buffers of scan, reused from call to call.
type tokenizer struct {
	chars []char
	word  []char
	tok   []byte
	raw   []byte
	parts [][]byte
}

// scan calls emit for every token of s: each whole word (code-ish tokens
// such as "--memory", "node_modules", "oom-kills", "c++" kept whole), and,
// when parts is true, the parts of a compound word too ("node", "modules";
// "OOMKilled" -> "oom", "killed"). CJK runs become overlapping bigrams.
// pos counts whole tokens; parts share the position of their word. tok is
// only valid during the call.
func (z *tokenizer) scan(s string, parts bool, emit func(tok []byte, pos int, part bool)) {
	if plainASCII(s) {
		z.scanASCII(s, parts, emit)
		return
	}
	z.scanRunes(s, parts, emit)
}

// scanRunes is scan for any text: it folds s into chars, then cuts them.
func (z *tokenizer) scanRunes(s string, parts bool, emit func(tok []byte, pos int, part bool)) {
	z.chars = foldChars(s, z.chars)
	cs := z.chars
	n := len(cs)
	pos := 0
	for i := 0; i < n; {
		c := cs[i]
		if c.kind == kindCJK {
			j := i
			for j < n && cs[j].kind == kindCJK {
				j++
			}
			if j-i == 1 {
				z.tok = utf8.AppendRune(z.tok[:0], c.r)
				emit(z.tok, pos, false)
				pos++
			}
			for k := i; k+1 < j; k++ {
				z.tok = utf8.AppendRune(utf8.AppendRune(z.tok[:0], cs[k].r), cs[k+1].r)
				emit(z.tok, pos, false)
				pos++
			}
			i = j
			continue
		}
		start := i
		if c.r == '-' && (i == 0 || !isWord(cs[i-1])) {
			// A command-line flag: "-it", "--memory".
			d := i
			for d < n && d-i < 2 && cs[d].r == '-' {
				d++
			}
			if d < n && isWord(cs[d]) {
				i = d
			} else {
				i++
				continue
			}
		} else if !isWord(c) {
			i++
			continue
		}
		word := append(z.word[:0], cs[start:i]...)
		j := i
		for j < n {
			if isWord(cs[j]) {
				word = append(word, cs[j])
				j++
				continue
			}
			if j+1 < n && isWord(cs[j+1]) && len(word) > 0 && isWord(word[len(word)-1]) {
				if isJoiner(cs[j].r) {
					word = append(word, cs[j])
					j++
					continue
				}
				if isQuote(cs[j].r) { // "didn't" -> "didnt"
					j++
					continue
				}
			}
			break
		}
		// "c++", "c#", "f#": a short name followed by ++ or #.
		if l := len(word) - (i - start); l <= 2 && allLetters(word[i-start:]) {
			if j+1 < n && cs[j].r == '+' && cs[j+1].r == '+' && (j+2 == n || !isWord(cs[j+2])) {
				word = append(word, cs[j], cs[j+1])
				j += 2
			} else if j < n && cs[j].r == '#' && (j+1 == n || !isWord(cs[j+1])) {
				word = append(word, cs[j])
				j++
			}
		}
		z.word = word
		z.tok = z.tok[:0]
		for _, c := range word {
			z.tok = utf8.AppendRune(z.tok, c.r)
		}
		emit(z.tok, pos, false)
		if parts {
			z.emitParts(word, pos, emit)
		}
		pos++
		i = j
	}
}

// plainASCII reports whether scanASCII tokenizes s exactly as the
// general scanner does: every rune is ASCII or a symbol that only
// separates words (a dash, an arrow, a box-drawing line), not a letter,
// digit, mark, CJK or the apostrophe U+2019.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '\u2019' || !separates(r) {
			return false
		}
		i += n - 1
	}
	return true
}

// separates reports whether the non-ASCII rune r folds to a character
// of kind kindOther (foldChars keeps it, and the scanner skips it).
func separates(r rune) bool {
	if unicode.Is(unicode.Mn, r) {
		return false
	}
	f := r
	if b, ok := latinFold[r]; ok {
		f = b
	}
	return kindOf(unicode.ToLower(f)) == kindOther
}

func wordByte(c byte) bool { return c < utf8.RuneSelf && asciiKind[c] == kindWord }

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

// scanASCII is scan for text that plainASCII accepts, working on bytes:
// the same rules without decoding and classifying every rune. The
// non-ASCII runes it meets only separate words.
func (z *tokenizer) scanASCII(s string, parts bool, emit func(tok []byte, pos int, part bool)) {
	n := len(s)
	pos := 0
	for i := 0; i < n; {
		c := s[i]
		start := i
		if c == '-' && (i == 0 || !wordByte(s[i-1])) {
			// A command-line flag: "-it", "--memory".
			d := i
			for d < n && d-i < 2 && s[d] == '-' {
				d++
			}
			if d < n && wordByte(s[d]) {
				i = d
			} else {
				i++
				continue
			}
		} else if !wordByte(c) {
			i++
			continue
		}
		// raw keeps the word as written, for the parts; tok lowercased.
		raw := append(z.raw[:0], s[start:i]...)
		j := i
		for j < n {
			if wordByte(s[j]) {
				raw = append(raw, s[j])
				j++
				continue
			}
			if j+1 < n && wordByte(s[j+1]) && len(raw) > 0 && wordByte(raw[len(raw)-1]) {
				if s[j] == '-' || s[j] == '.' {
					raw = append(raw, s[j])
					j++
					continue
				}
				if s[j] == '\'' { // "didn't" -> "didnt"
					j++
					continue
				}
			}
			break
		}
		// "c++", "c#", "f#": a short name followed by ++ or #.
		if l := len(raw) - (i - start); l <= 2 && allLettersASCII(raw[i-start:]) {
			if j+1 < n && s[j] == '+' && s[j+1] == '+' && (j+2 == n || !wordByte(s[j+2])) {
				raw = append(raw, '+', '+')
				j += 2
			} else if j < n && s[j] == '#' && (j+1 == n || !wordByte(s[j+1])) {
				raw = append(raw, '#')
				j++
			}
		}
		z.raw = raw
		z.tok = z.tok[:0]
		for _, c := range raw {
			z.tok = append(z.tok, lowerByte(c))
		}
		emit(z.tok, pos, false)
		if parts {
			z.emitPartsASCII(raw, pos, emit)
		}
		pos++
		i = j
	}
}

func allLettersASCII(b []byte) bool {
	for _, c := range b {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return len(b) > 0
}

func isUpperByte(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLowerByte(c byte) bool { return 'a' <= c && c <= 'z' }

// emitPartsASCII is emitParts for a word of ASCII bytes as written.
func (z *tokenizer) emitPartsASCII(word []byte, pos int, emit func([]byte, int, bool)) {
	simple := true
	for k, c := range word {
		if isPartSep(rune(c)) || (k > 0 && isUpperByte(c)) {
			simple = false
			break
		}
	}
	if simple {
		return
	}
	whole := len(z.tok)
	z.parts = z.parts[:0]
	cur := len(z.tok)
	for k, c := range word {
		if isPartSep(rune(c)) {
			if len(z.tok) > cur {
				z.parts = append(z.parts, z.tok[cur:len(z.tok):len(z.tok)])
				cur = len(z.tok)
			}
			continue
		}
		if k > 0 && len(z.tok) > cur && isUpperByte(c) {
			p := word[k-1]
			if isLowerByte(p) || (isUpperByte(p) && k+1 < len(word) && isLowerByte(word[k+1])) {
				z.parts = append(z.parts, z.tok[cur:len(z.tok):len(z.tok)])
				cur = len(z.tok)
			}
		}
		z.tok = append(z.tok, lowerByte(c))
	}
	if len(z.tok) > cur {
		z.parts = append(z.parts, z.tok[cur:len(z.tok):len(z.tok)])
	}
	if len(z.parts) == 1 && len(z.parts[0]) == whole {
		return
	}
	for _, p := range z.parts {
		emit(p, pos, true)
	}
}

// scan runs a fresh tokenizer, for callers that scan rarely.
func scan(s string, parts bool, emit func(tok []byte, pos int, part bool)) {
	var z tokenizer
	z.scan(s, parts, emit)
}

func allLetters(cs []char) bool {
	for _, c := range cs {
		if !isLetterR(c.r) {
			return false
		}
	}
	return len(cs) > 0
}

// emitParts splits a whole word at '-', '.', '_', '+', '#' and at camel
// case boundaries ("OOMKilled" -> "OOM" | "Killed"), and emits the parts
// when there is more than the word itself.
func (z *tokenizer) emitParts(word []char, pos int, emit func([]byte, int, bool)) {
	// Most words have no parts: no separator, no capital after the first
	// letter.
	simple := true
	for k, c := range word {
		if isPartSep(c.r) || (k > 0 && c.upper) {
			simple = false
			break
		}
	}
	if simple {
		return
	}
	// z.tok holds the whole word; parts go after it in the same buffer.
	whole := len(z.tok)
	z.parts = z.parts[:0]
	cur := len(z.tok)
	flush := func() {
		if len(z.tok) > cur {
			z.parts = append(z.parts, z.tok[cur:len(z.tok):len(z.tok)])
			cur = len(z.tok)
		}
	}
	for k, c := range word {
		if isPartSep(c.r) {
			flush()
			continue
		}
		if k > 0 && len(z.tok) > cur && c.upper {
			p := word[k-1]
			if p.lower || (p.upper && k+1 < len(word) && word[k+1].lower) {
				flush()
			}
		}
		z.tok = utf8.AppendRune(z.tok, c.r)
	}
	flush()
	if len(z.parts) == 1 && len(z.parts[0]) == whole {
		return
	}
	for _, p := range z.parts {
		emit(p, pos, true)
	}
}

// Tokens returns the tokens the index stores for s: whole words and their
// parts, in order.
func Tokens(s string) []string {
	var out []string
	scan(s, true, func(tok []byte, _ int, _ bool) { out = append(out, string(tok)) })
	return out
}

// QueryWords returns the words of query text: whole words only (a query
// for "OOMKilled" looks for "oomkilled", which the index holds whole) and
// CJK bigrams, without duplicates, in order.
func QueryWords(s string) []string {
	var out []string
	seen := map[string]bool{}
	scan(s, false, func(b []byte, _ int, _ bool) {
		if tok := string(b); !seen[tok] {
			seen[tok] = true
			out = append(out, tok)
		}
	})
	return out
}

// phraseWords returns every whole word of s in order, duplicates kept:
// the sequence a quoted phrase is matched against.
func phraseWords(s string) []string {
	var out []string
	scan(s, false, func(tok []byte, _ int, _ bool) { out = append(out, string(tok)) })
	return out
}

// FoldTag normalizes a tag for filtering: lowercased and accent-folded,
// without a leading '#'.
func FoldTag(t string) string {
	cs := foldChars(strings.TrimPrefix(strings.TrimSpace(t), "#"), nil)
	return string(runesOf(cs))
}
