// Package frontmatter reads the front matter of Obsidian notes as people
// really write it: YAML or TOML, with byte order marks, CRLF line endings,
// damaged delimiters, tabs, duplicate keys, unfilled template placeholders
// and YAML that does not parse at all. It never fails: whatever can be
// read is read, and every repair is reported as a warning naming the file
// line, so that the body is always published.
//
// The package is pure: no file system, no clock, no global state.
//
// YAML is read with gopkg.in/yaml.v3 into a node tree (one Unmarshal for
// the usual clean block), which keeps the line of every key and value and
// lets duplicate keys through to be merged. goldmark-meta, which Hugo-less
// goldmark setups use for the same job, reads only clean "---" blocks,
// stops at the first error and gives no line numbers, so it is used as the
// reference in the tests instead: on well-formed front matter this package
// must read the same values as goldmark-meta.
package frontmatter

import (
	"bytes"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/crib-notes/crib/generator/diag"
)

// Meta is the normalized front matter of one note. Its fields are plain
// values, ready to be encoded as YAML or JSON by whoever writes pages.
//
// Fallbacks that need more than the front matter are the caller's job:
// a missing Title comes from the body's first "# H1", else from the file
// name; a missing Lastmod from the last git commit of the file, else from
// Date; a missing Date from Lastmod. The wall clock is never a fallback.
type Meta struct {
	// Title is the note's title, or "" when missing or a placeholder.
	Title string
	// Slug is the last part of the note's URL instead of its file name
	// (see index.PathSlug), or "" when missing or a placeholder.
	Slug string
	// Date is when the note was created (date, created, date created,
	// creation date); zero when missing or unreadable.
	Date time.Time
	// Lastmod is when it was last changed (lastmod, updated, modified,
	// date modified, last modified); zero when missing or unreadable.
	Lastmod time.Time
	// Tags are cleaned tag spellings (tags.Clean) from "tags" and "tag",
	// in order, without two of the same tags.Key. The vault-wide display
	// spelling is chosen later, by tags.Spellings.
	Tags []string
	// Aliases are other names of the note (Obsidian "aliases"/"alias";
	// a single string is one alias), used to resolve links and for
	// search. They must never be written as Hugo's "aliases", which are
	// redirects.
	Aliases []string
	// Draft is true for "draft: true", "publish: false",
	// "published: false", "private: true" (yes/no accepted too) or a
	// "visibility" other than "public": such notes are not published.
	// It is also true, with an error, when one of these keys has a value
	// that is not clearly one of those, or is written in front matter
	// that cannot be read: privacy fails closed.
	Draft bool
	// Cheatsheet is nil unless the note says "cheatsheet: true|false";
	// false opts the note out of the cheat sheet. See InCheatsheet.
	Cheatsheet *bool
	// Params holds every other key, as written, so that users' own fields
	// survive. Values are nil, string, bool, int, float64, []any or
	// map[string]any; dates and times stay the strings they were written
	// as. Nil when there are none.
	Params map[string]any
}

// InCheatsheet reports whether the note's one-liners belong on the cheat
// sheet: yes unless it opted out with "cheatsheet: false".
func (m Meta) InCheatsheet() bool { return m.Cheatsheet == nil || *m.Cheatsheet }

// Result is a parsed note: its front matter and its body.
type Result struct {
	Meta   Meta
	Format Format
	// Body is the source after the front matter, unchanged; see Block.
	Body []byte
	// BodyLine is the 1-based file line Body starts on.
	BodyLine int
}

// Parse splits src, the content of the vault file path, into front matter
// and body and normalizes the front matter. Most diagnostics are warnings
// about what was repaired or ignored, each at its line in the file; Parse
// never fails and never loses body text. The errors are about privacy,
// which fails closed: a note whose privacy keys cannot be read for sure
// is a Draft (see privacy and mentions).
func Parse(path string, src []byte) (Result, []diag.Diagnostic) {
	blk, probs := Split(src)
	res := Result{Format: blk.Format, Body: blk.Body, BodyLine: blk.BodyLine}
	if blk.Format != None && !utf8.Valid(blk.Front) {
		// Decoders reject invalid UTF-8 outright; keep what is readable.
		line := blk.FrontLine + bytes.Count(blk.Front[:invalidAt(blk.Front)], []byte("\n"))
		probs = append(probs, Problem{line, "front matter is not valid UTF-8; bad bytes read as \uFFFD", diag.FrontMatter})
		blk.Front = bytes.ToValidUTF8(blk.Front, []byte("\uFFFD"))
	}
	// The block that was meant as front matter, when it cannot be read
	// as a whole: a block that is never closed runs to the end of the file.
	var unread []byte
	if blk.Format == None {
		if _, rest, ok := opening(src); ok {
			unread = rest
		}
	}
	var fields []field
	switch blk.Format {
	case YAML:
		var isMeta, whole bool
		var p []Problem
		fields, p, isMeta, whole = readYAML(blk.Front, blk.FrontLine)
		probs = append(probs, p...)
		if !isMeta {
			// A "---" thematic break at the top of a note, not front
			// matter: publish everything as body.
			probs = append(probs, Problem{1, `the block between the first two "---" lines does not start with a "key: value" line, so it is not front matter; kept as body`, diag.FrontMatter})
			res.Format, res.Body, res.BodyLine = None, bytesTrimBOM(src), 1
		}
		if !whole {
			unread = blk.Front
		}
	case TOML:
		var whole bool
		var p []Problem
		fields, p, whole = readTOML(blk.Front, blk.FrontLine)
		probs = append(probs, p...)
		if !whole {
			unread = blk.Front
		}
	}
	var more []Problem
	res.Meta, more = interpret(fields)
	probs = append(probs, more...)
	hidden, decided, errs := privacy(fields)
	errs = append(errs, mentions(unread, 2, decided)...)
	res.Meta.Draft = hidden || len(errs) > 0
	slices.SortStableFunc(probs, func(a, b Problem) int { return a.Line - b.Line })
	slices.SortStableFunc(errs, func(a, b Problem) int { return a.Line - b.Line })
	var ds []diag.Diagnostic
	for _, p := range probs {
		ds = append(ds, p.Kind.Warnf(path, p.Line, "%s", p.Message))
	}
	for _, p := range errs {
		ds = append(ds, p.Kind.Errorf(path, p.Line, "%s", p.Message))
	}
	return res, ds
}

func bytesTrimBOM(src []byte) []byte { return bytes.TrimPrefix(src, bom) }

// invalidAt returns the offset of the first byte of b that is not valid
// UTF-8.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}
