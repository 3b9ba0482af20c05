package obsidian

import (
	"bytes"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/crib-notes/crib/generator/markdown"
)

// InlineTags returns the #tags of a text run, whose code spans are spans
// (its markdown.Segment.Spans), without '#', in order of first
// appearance, each spelling once. It follows Obsidian: a tag starts at
// the start of a line or after a space, holds letters, digits, '_', '-'
// and '/', and has a letter or '_' ("#123" and "#2025-12" are not tags).
// Code spans, escaped '#', wikilinks, link destinations and <...> are
// skipped, and so are URL fragments ("http://x/#frag") and headings
// ("# H"), which are not preceded by a space or followed by a tag
// character. Tags stay in the text; comments should be stripped first.
func InlineTags(text []byte, spans []markdown.Span) []string {
	// Only the paragraphs where a tag may start are read in full: a code
	// span or a link never runs on past a blank line, so a paragraph's
	// tags are the same read alone as read from the top.
	var tags []string
	code := newCodeSpans(text, spans)
	for i := 0; i < len(text); {
		k := bytes.IndexByte(text[i:], '#')
		if k < 0 {
			break
		}
		h := i + k
		if h > 0 && text[h-1] != ' ' && text[h-1] != '\t' && text[h-1] != '\n' {
			i = h + 1
			continue
		}
		if _, ok := tagEnd(text, h+1); !ok {
			i = h + 1 // a heading, "#1", a lone '#'
			continue
		}
		start, end := paragraphAround(text, h)
		tags = appendTags(tags, text, start, end, &code)
		i = end
	}
	return tags
}

// paragraphAround returns the start of the line after the last blank line
// before the line holding i (or 0), and the start of the first blank line
// after it (or len(text)).
func paragraphAround(text []byte, i int) (start, end int) {
	start = bytes.LastIndexByte(text[:i], '\n') + 1
	for start > 0 {
		prev := bytes.LastIndexByte(text[:start-1], '\n') + 1
		if isBlank(text[prev : start-1]) {
			break
		}
		start = prev
	}
	end = lineEnd(text, i)
	for end < len(text) {
		next := lineEnd(text, end+1)
		if isBlank(text[end+1 : next]) {
			return start, end + 1
		}
		end = next
	}
	return start, len(text)
}

// appendTags appends the tags of text[start:end] not in tags yet, reading
// all of it.
func appendTags(tags []string, text []byte, start, end int, code *codeSpans) []string {
	var skip skipper
	text = text[:end]
	for i := start; i < len(text); {
		if !tagSpecial[text[i]] {
			i++
			continue
		}
		switch text[i] {
		case '\\':
			if i+1 < len(text) && isPunct(text[i+1]) {
				i += 2
				continue
			}
		case '`':
			i, _ = code.skip(i)
			continue
		case '[':
			if i+1 < len(text) && text[i+1] == '[' {
				i = skip.to(text, i+2, "]]")
				continue
			}
		case ']':
			if i+1 < len(text) && text[i+1] == '(' {
				i = skip.to(text, i+2, ")")
				continue
			}
		case '<':
			if i+1 < len(text) && (text[i+1] == '/' || text[i+1] == '!' || text[i+1] < utf8.RuneSelf && unicode.IsLetter(rune(text[i+1]))) {
				i = skip.to(text, i+1, ">")
				continue
			}
		case '#':
			if i == start || text[i-1] == ' ' || text[i-1] == '\t' || text[i-1] == '\n' {
				end, ok := tagEnd(text, i+1)
				if ok {
					tag := text[i+1 : end]
					if !slices.ContainsFunc(tags, func(t string) bool { return t == string(tag) }) {
						tags = append(tags, string(tag))
					}
				}
				i = max(end, i+1)
				continue
			}
		}
		i++
	}
	return tags
}

// tagSpecial marks the bytes InlineTags looks at.
var tagSpecial = [256]bool{'\\': true, '`': true, '[': true, ']': true, '<': true, '#': true}

// tagEnd returns the end of the tag characters starting at i, and whether
// they make a tag: at least one of them is a letter or '_', so that
// numbers, dates and ranges ("#1", "#2025-12", "#1-2") are not tags.
func tagEnd(text []byte, i int) (int, bool) {
	tag := false
	for i < len(text) {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(text[i:])
		}
		switch {
		case r >= '0' && r <= '9' || r == '-' || r == '/':
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			tag = true
		default:
			return i, tag
		}
		i += n
	}
	return i, tag
}

// skipper finds closers on the rest of a line, remembering the lines
// where one is missing so that a line full of openers stays linear.
type skipper struct {
	missing [3]int // per closer: 1 + the end of a line that has none after some point
	from    [3]int // ... after this position

	lineFrom, lineEnd int // the line end found last, valid from lineFrom
}

// to returns the position after the first closer on the same line after
// i, or i when the line has none.
func (s *skipper) to(text []byte, i int, closer string) int {
	c := 0
	switch closer {
	case ")":
		c = 1
	case ">":
		c = 2
	}
	if i < s.lineFrom || i > s.lineEnd {
		s.lineFrom, s.lineEnd = i, lineEnd(text, i)
	}
	end := s.lineEnd
	if s.missing[c] == end+1 && i >= s.from[c] {
		return i
	}
	if k := bytes.Index(text[i:end], []byte(closer)); k >= 0 {
		return i + k + len(closer)
	}
	s.missing[c], s.from[c] = end+1, i
	return i
}
