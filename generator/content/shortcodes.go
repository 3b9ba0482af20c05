package content

import (
	"bytes"

	"github.com/gohugoio/hugo/parser/pageparser"
)

// Hugo reads "{{<" and "{{%" anywhere in a page's Markdown as the start of
// a shortcode, code spans and fences included, and runs it (or fails the
// build when there is no such shortcode). A note must never run anything,
// so every delimiter from a note is written in the one form Hugo's page
// lexer (parser/pageparser, lexShortcodeComment) turns back into text:
// "{{</*" X "*/>}}" is read as the text "{{<" X ">}}", X itself not
// scanned. Wrapping a delimiter up to the first closing delimiter after
// it ("{{< youtube x >}}" -> "{{</* youtube x */>}}") gives back exactly
// what the note wrote: X holds no closing delimiter, so the first "*/>}}"
// after "{{</*" is the one written after X, and "*/>}}" cannot begin
// inside X and end after it (no proper prefix of it is also a suffix).
// A delimiter with no closing one after it is closed inside a link
// reference definition added at the end, which renders nothing. Nothing
// else in Markdown has this exact round trip (backslash escapes and
// entities are literal in code), hence a hand-written pass.
//
// Hugo also replaces its own placeholder text, "HAHAHUGOSHORTCODE"
// followed by "HBHB", in the HTML it renders, and fails the page when the
// placeholder is not one of its own. The HTML of text and code spans is
// goldmark's, which writes an entity back as the letter, so the
// placeholder is broken with a zero-width space: the one change to what a
// note shows, for text only Hugo itself writes.

// trailer ends the Markdown after an unclosed delimiter: a link reference
// definition whose title receives the closing delimiter the lexer adds.
// The blank line ends any paragraph, list or quote before it.
const trailerStart = "\n\n[//]: # \""

// EscapeShortcodes returns Markdown that Hugo reads as md with every
// shortcode delimiter in it shown as written instead of run, and Hugo's
// placeholder text broken. md without either is returned as it is.
func EscapeShortcodes(md []byte) []byte {
	if bytes.Contains(md, placeholder) {
		md = bytes.ReplaceAll(md, placeholder, brokenPlaceholder)
	}
	i := nextDelimiter(md, 0)
	if i < 0 {
		return md
	}
	out := make([]byte, 0, len(md)+len(md)/16+32)
	start := 0
	for ; i >= 0; i = nextDelimiter(md, start) {
		closing := closingDelimiter(md[i+2])
		out = append(out, md[start:i+3]...)
		out = append(out, "/*"...)
		end := bytes.Index(md[i+3:], closing)
		if end < 0 {
			out = append(out, md[i+3:]...)
			out = append(out, trailerStart...)
			out = append(out, "*/"...)
			out = append(out, closing...)
			return append(out, "\"\n"...)
		}
		end += i + 3
		out = append(out, md[i+3:end]...)
		out = append(out, "*/"...)
		out = append(out, closing...)
		start = end + len(closing)
	}
	return append(out, md[start:]...)
}

// EscapeShortcodesString is EscapeShortcodes for Markdown a template
// renders with RenderString (or markdownify), which reads shortcodes only
// in a string pageparser.HasShortcode says has one: an escaped string
// that does not look like it is given a link reference definition that
// does (its title, the text "{{<{{<.>}}", renders nothing), so that Hugo
// reads it as a page's Markdown and shows md.
func EscapeShortcodesString(md string) string {
	out := string(EscapeShortcodes([]byte(md)))
	if out == md || pageparser.HasShortcode(out) {
		return out
	}
	return out + trailerStart + "{{</*{{<.*/>}}\"\n"
}

var (
	placeholder       = []byte("HAHAHUGOSHORTCODE")
	brokenPlaceholder = []byte("HAHAHUGO\u200bSHORTCODE")
)

// nextDelimiter returns the offset of the first "{{<" or "{{%" in md at or
// after from, or -1.
func nextDelimiter(md []byte, from int) int {
	for i := from; ; {
		k := bytes.Index(md[i:], []byte("{{"))
		if k < 0 {
			return -1
		}
		i += k
		if i+2 < len(md) && (md[i+2] == '<' || md[i+2] == '%') {
			return i
		}
		i++
	}
}

func closingDelimiter(open byte) []byte {
	if open == '%' {
		return []byte("%}}")
	}
	return []byte(">}}")
}
