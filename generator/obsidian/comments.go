package obsidian

import (
	"bytes"

	"github.com/crib-notes/crib/generator/markdown"
)

var commentMark = []byte("%%")

// maxCommentPasses bounds how many times StripBodyComments reads a body
// again after removing comments.
const maxCommentPasses = 8

// StripBodyComments removes the Obsidian comments (%%...%%) of a note body
// and reports the ones it had to hide to the end of the body.
//
// What is code is what goldmark reads as code (markdown.Segments): "%%"
// inside a code block or a code span is code, kept as written. A comment
// runs from a "%%" outside code to the next "%%" outside code, across
// lines, paragraphs and containers. Code inside a comment is commented
// out with it, and a "%%" in that code does not end the comment: it is
// code. So a comment holding a fence that never closes, or whose end is
// inside a code span, has no end: it hides the rest of the body, and a
// Problem names the line it starts on, as it does for a "%%" never
// closed. Privacy fails closed: what a comment may hold is never shown.
// An escaped "\%%" is text.
//
// Removing a comment can change what is code after it (a comment may hold
// a fence's opening line, or a backtick), so the body is read again until
// no "%%" is left outside code. Should that take more than a few passes,
// everything from the first "%%" still outside code is hidden too.
//
// Every newline inside a removed comment is kept, with the indentation and
// blockquote markers that follow it, so the text after a comment stays on
// its original line and diagnostics point at the right line. The price is
// that a comment spanning lines in the middle of a paragraph leaves blank
// lines there, splitting the paragraph. The result is body itself when it
// holds no comment. segs are its segments (markdown.Segments), which
// StripBodyComments reads anyway.
func StripBodyComments(body []byte) (out []byte, segs []markdown.Segment, problems []Problem) {
	text := body
	for pass := 0; ; pass++ {
		segs := markdown.Segments(text)
		if bytes.Index(text, commentMark) < 0 {
			return text, segs, problems
		}
		p := commentPass{src: text, toEnd: pass == maxCommentPasses}
		out, unclosed := p.run(segs)
		if !p.found {
			return text, segs, problems
		}
		if unclosed >= 0 {
			msg := "comment (%%) is never closed outside code; hidden to the end of the note"
			if p.toEnd {
				msg = "comments (%%) and code are tangled here; hidden to the end of the note"
			}
			line := bytes.Count(text[:unclosed], []byte{'\n'}) + 1
			problems = append(problems, Problem{Offset: unclosed, Line: line, Col: unclosed - bytes.LastIndexByte(text[:unclosed], '\n'), Message: msg})
		}
		text = out
	}
}

// commentPass removes the comments of one reading of a body.
type commentPass struct {
	src   []byte
	toEnd bool // the first comment runs to the end, closed or not
	found bool // a comment was found
	out   []byte
}

// run returns src without its comments, and the offset of a comment left
// open at the end (or -1).
func (p *commentPass) run(segs []markdown.Segment) ([]byte, int) {
	p.out = make([]byte, 0, len(p.src))
	openAt := -1
	for _, s := range segs {
		part := p.src[s.Start:s.End]
		switch {
		case s.Code() && openAt >= 0:
			p.out = appendLineBreaks(p.out, part, 0, len(part))
		case s.Code():
			p.out = append(p.out, part...)
		default:
			switch at := p.text(part, s.Spans, openAt >= 0); at {
			case stillOpen:
			case -1:
				openAt = -1
			default:
				openAt = s.Start + at
			}
		}
	}
	return p.out, openAt
}

// stillOpen is what text returns when the comment open at the start of
// its run does not close in it.
const stillOpen = -2

// text appends a text run without its comments. open says a comment is
// open at its start. It returns the offset in text of a comment opened in
// it and still open at its end, stillOpen, or -1 when none is open.
func (p *commentPass) text(text []byte, spans []markdown.Span, open bool) int {
	if !open && bytes.Index(text, commentMark) < 0 {
		p.out = append(p.out, text...)
		return -1
	}
	code := newCodeSpans(text, spans)
	start, i := 0, 0
	if open {
		end := p.closer(text, &code, 0)
		if end < 0 {
			p.out = appendLineBreaks(p.out, text, 0, len(text))
			return stillOpen
		}
		p.out = appendLineBreaks(p.out, text, 0, end)
		start, i = end+2, end+2
		p.keepApart(text, i)
	}
	for i < len(text) {
		c := text[i]
		if c != '\\' && c != '`' && c != '%' {
			i++
			continue
		}
		if c == '`' {
			i, _ = code.skip(i)
			continue
		}
		if c == '\\' {
			if i+1 < len(text) && isPunct(text[i+1]) {
				i += 2
				continue
			}
			i++
			continue
		}
		if i+1 == len(text) || text[i+1] != '%' {
			i++
			continue
		}
		p.found = true
		p.out = append(p.out, text[start:i]...)
		end := -1
		if !p.toEnd {
			end = p.closer(text, &code, i+2)
		}
		if end < 0 {
			p.out = appendLineBreaks(p.out, text, i, len(text))
			return i
		}
		p.out = appendLineBreaks(p.out, text, i, end)
		start, i = end+2, end+2
		p.keepApart(text, i)
	}
	p.out = append(p.out, text[start:]...)
	return -1
}

// closer returns the offset of the next "%%" at or after i that is not in
// a code span, or -1.
func (p *commentPass) closer(text []byte, code *codeSpans, i int) int {
	for i < len(text) {
		k := bytes.Index(text[i:], commentMark)
		if k < 0 {
			return -1
		}
		k += i
		// A code span holding k begins with a backtick at or after i,
		// or holds i: asking at k's own position finds it either way.
		if end, in := code.at(k); in {
			i = end
			continue
		}
		return k
	}
	return -1
}

// keepApart writes a space when the text kept before a removed comment and
// the text after it would join into a longer backtick or percent run: the
// backticks around "%%x%%" in "`a`%%x%%`b`" must stay two runs of one, and
// the percent signs around "%%x%%" in `\%%%x%%%` must not make a "%%".
func (p *commentPass) keepApart(text []byte, next int) {
	if n := len(p.out); n > 0 && next < len(text) && p.out[n-1] == text[next] && (text[next] == '`' || text[next] == '%') {
		p.out = append(p.out, ' ')
	}
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
