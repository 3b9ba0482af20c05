package obsidian

import (
	"bytes"

	"github.com/crib-notes/crib/generator/markdown"
)

var commentMark = []byte("%%")

// StripComments removes Obsidian comments (%%...%%) from a text run.
// open says the run starts inside a comment left open by an earlier run;
// stillOpen says this run ends inside one. A comment may span lines and
// runs: a caller walking a body's segments passes stillOpen on, drops the
// content of fenced code met while a comment is open (it is commented
// out), and treats a comment still open at the end of the body as
// running to the end, as Obsidian does.
//
// Every newline inside a removed comment is kept, with the indentation
// and blockquote markers that follow it, so the text after a
// comment stays on its original line and later diagnostics point at the
// right line. The price is that a comment spanning lines in the middle of
// a paragraph leaves blank lines there, splitting the paragraph.
//
// "%%" inside an inline code span or after a backslash is text. out is
// text itself when there is nothing to remove.
func StripComments(text []byte, open bool) (out []byte, stillOpen bool) {
	if !open && !bytes.Contains(text, commentMark) {
		return text, false
	}
	out = make([]byte, 0, len(text))
	i := 0
	if open {
		end := bytes.Index(text, commentMark)
		if end < 0 {
			return appendLineBreaks(out, text, 0, len(text)), true
		}
		out = appendLineBreaks(out, text, 0, end)
		i = end + 2
	}
	spans := newCodeSpans(text)
	start := i
	for i < len(text) {
		switch text[i] {
		case '\\':
			if i+1 < len(text) && isPunct(text[i+1]) {
				i += 2
				continue
			}
		case '`':
			i, _ = spans.skip(i)
			continue
		case '%':
			if i+1 < len(text) && text[i+1] == '%' {
				out = append(out, text[start:i]...)
				end := bytes.Index(text[i+2:], commentMark)
				if end < 0 {
					return appendLineBreaks(out, text, i, len(text)), true
				}
				end += i + 2
				out = appendLineBreaks(out, text, i, end)
				i = end + 2
				start = i
				if n := len(out); n > 0 && out[n-1] == '`' && i < len(text) && text[i] == '`' {
					// Joined, two backtick runs would make one, and
					// change which code spans there are.
					out = append(out, ' ')
				}
				continue
			}
		}
		i++
	}
	return append(out, text[start:]...), false
}

// appendLineBreaks appends what is kept of the removed text[from:to]: each
// newline, and the container prefix (indentation, blockquote markers) of
// every line starting in it, so a comment inside a callout leaves the
// callout's lines in the callout. A run starts at a line start.
func appendLineBreaks(out, text []byte, from, to int) []byte {
	if from == 0 || text[from-1] == '\n' {
		n := prefixLen(text[from:to])
		out = append(out, text[from:from+n]...)
	}
	for {
		k := bytes.IndexByte(text[from:to], '\n')
		if k < 0 {
			return out
		}
		from += k + 1
		n := prefixLen(text[from:to])
		out = append(out, '\n')
		out = append(out, text[from:from+n]...)
		from += n
	}
}

// StripBodyComments removes the comments of a whole note body. It walks
// the body's text runs and code fences (markdown.Segments): "%%" inside a
// fence is code, but a fence inside a comment is commented out with it,
// and a comment left open runs to the end of the body, as in Obsidian.
// Line numbers are kept as StripComments keeps them. The result is
// body itself when it holds no comment.
func StripBodyComments(body []byte) []byte {
	if !bytes.Contains(body, commentMark) {
		return body
	}
	out := make([]byte, 0, len(body))
	open := false
	for _, seg := range markdown.Segments(body) {
		part := body[seg.Start:seg.End]
		switch {
		case seg.Fence && open:
			out = appendLineBreaks(out, part, 0, len(part))
		case seg.Fence:
			out = append(out, part...)
		default:
			var text []byte
			text, open = StripComments(part, open)
			out = append(out, text...)
		}
	}
	return out
}
