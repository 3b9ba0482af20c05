package obsidian

import (
	"bytes"

	"github.com/crib-notes/crib/generator/markdown"
)

var commentMark = []byte("%%")

// maxCommentPasses bounds how many times StripBodyComments reads a body
// again after removing comments. (A variable, so that a test can see what
// happens once it is reached.)
var maxCommentPasses = 8

// StripBodyComments removes the Obsidian comments (%%...%%) of a note body
// and reports the ones it had to hide to the end of the body.
//
// What is code is what goldmark reads as code (markdown.Segments): "%%"
// inside a code block or a code span is code, kept as written. A comment
// starts at a "%%" outside code and runs to the next "%%", across lines,
// paragraphs and containers; code inside it is commented out with it.
// When that next "%%" is itself inside code (a code span or block the
// comment holds or runs into), Obsidian and goldmark disagree on where the
// comment ends, and a comment with no next "%%" has no end: either way it
// hides the rest of the body, and a Problem names the line it starts on.
// Privacy fails closed: what a comment may hold is never shown. An
// escaped "\%%" is text.
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
		if !bytes.Contains(text, commentMark) {
			return text, segs, problems
		}
		p := commentPass{src: text, tangled: pass >= maxCommentPasses}
		out := p.run(segs)
		if !p.found {
			return text, segs, problems
		}
		if p.hidden >= 0 {
			line := bytes.Count(text[:p.hidden], []byte{'\n'}) + 1
			col := p.hidden - bytes.LastIndexByte(text[:p.hidden], '\n')
			problems = append(problems, Problem{Offset: p.hidden, Line: line, Col: col, Message: p.why + "; hidden to the end of the note"})
		}
		text = out
	}
}

// commentPass removes the comments of one reading of a body.
type commentPass struct {
	src     []byte
	tangled bool // too many passes: the first comment runs to the end
	found   bool // a comment was found
	out     []byte
	open    int    // the offset of the comment open, or -1
	hidden  int    // the offset of the comment hiding the rest, or -1
	why     string // why it does
}

// run returns src without its comments.
func (p *commentPass) run(segs []markdown.Segment) []byte {
	p.out = make([]byte, 0, len(p.src))
	p.open, p.hidden = -1, -1
	for _, s := range segs {
		part := p.src[s.Start:s.End]
		switch {
		case p.hidden >= 0:
			p.out = appendLineBreaks(p.out, part, 0, len(part))
		case s.Code() && p.open >= 0:
			if bytes.Contains(part, commentMark) {
				p.hideRest(p.open, "comment (%%) ends inside a code block")
			}
			p.out = appendLineBreaks(p.out, part, 0, len(part))
		case s.Code():
			p.out = append(p.out, part...)
		default:
			p.text(s.Start, part, s.Spans)
		}
	}
	if p.open >= 0 && p.hidden < 0 {
		p.hideRest(p.open, "comment (%%) is never closed")
	}
	return p.out
}

// hideRest records that the comment at open hides the rest of the body.
func (p *commentPass) hideRest(open int, why string) {
	p.hidden, p.why = open, why
}

// text appends a text run, which starts at offset base of the body,
// without its comments.
func (p *commentPass) text(base int, text []byte, spans []markdown.Span) {
	if p.open < 0 && !bytes.Contains(text, commentMark) {
		p.out = append(p.out, text...)
		return
	}
	code := newCodeSpans(text, spans)
	start, i := 0, 0
	if p.open >= 0 {
		if !p.close(text, &code, 0, false, &start) {
			return
		}
		i = start
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
		p.open = base + i
		if p.tangled {
			p.hideRest(p.open, "comments (%%) and code are tangled here")
		}
		if !p.close(text, &code, i, true, &start) {
			return
		}
		i = start
	}
	p.out = append(p.out, text[start:]...)
}

// close ends the comment open in text: it opened at from (its "%%"), or
// in an earlier run when from is 0 and text does not open it. It appends
// what is kept of the comment and sets *next to the offset after it. It
// returns false when the comment does not end in this run: it is kept
// open, or hides the rest of the body.
func (p *commentPass) close(text []byte, code *codeSpans, from int, here bool, next *int) bool {
	search := from
	if here {
		search += 2
	}
	end := -1
	if p.hidden < 0 {
		if k := bytes.Index(text[search:], commentMark); k >= 0 {
			end = search + k
			if _, in := code.at(end); in {
				p.hideRest(p.open, "comment (%%) ends inside a code span")
				end = -1
			}
		}
	}
	if end < 0 {
		p.out = appendLineBreaks(p.out, text, from, len(text))
		return false
	}
	p.out = appendLineBreaks(p.out, text, from, end)
	p.open = -1
	after := end + 2
	if onlyMarkers(p.out[bytes.LastIndexByte(p.out, '\n')+1:]) {
		// The comment began the line's content: what follows it begins
		// it now, at the same column, or a list item's content would
		// move, and its indented code with it.
		for after < len(text) && (text[after] == ' ' || text[after] == '\t') {
			after++
		}
	}
	*next = after
	p.keepApart(text, after)
	return true
}

// onlyMarkers reports whether line holds nothing but indentation and
// blockquote and list markers.
func onlyMarkers(line []byte) bool {
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == ' ' || c == '\t' || c == '>':
		case c == '-' || c == '*' || c == '+':
			if i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t' {
				return false
			}
		case c >= '0' && c <= '9':
			for i < len(line) && line[i] >= '0' && line[i] <= '9' {
				i++
			}
			if i == len(line) || line[i] != '.' && line[i] != ')' {
				return false
			}
		default:
			return false
		}
	}
	return true
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
