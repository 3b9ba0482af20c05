package normalize

import (
	"bytes"
	"slices"

	"github.com/crib-notes/crib/generator/frontmatter"
	"github.com/crib-notes/crib/generator/markdown"
)

// A note that holds a Templater command Obsidian never ran ("<%
// tp.date.now() %>") is a template, kept outside the template folders
// (see vault.Open), and is not published: its commands would be shown
// as they are, and its text is a form to fill in. What counts:
//
//   - a command in the text, outside code (a note that writes about
//     Templater quotes it in a code span or block, as markdown.Segments
//     reads them), an HTML comment or an Obsidian comment: Obsidian shows
//     it as written too, so an author who filled in the note would have
//     seen it;
//   - two or more in the front matter: the fields of a template.
//
// One command in the front matter of a note with no command in its text
// is a field its author did not fill in (a "title: <% tp.file.title %>"
// left over in a note written since): the front matter reports it and
// leaves it out, and the note is published.

// templaterCommand returns the file line and the text of the first
// Templater command that makes the note a template, or 0. src is the
// note (LF line endings), res what frontmatter.Parse read of it, body
// its body without comments (obsidian.StripBodyComments), whose lines
// are those of res.Body, and segs the segments of body.
func templaterCommand(src []byte, res frontmatter.Result, body []byte, segs []markdown.Segment) (line int, command string) {
	if !bytes.Contains(src, []byte("<%")) {
		return 0, "" // most notes
	}
	first := -1 // the offset in src of the first command found
	front := 0
	if res.Format != frontmatter.None {
		blk, _ := frontmatter.Split(src)
		n := 0
		for at := 0; ; n++ {
			start, end := frontmatter.TemplaterCommand(blk.Front, at)
			if start < 0 {
				break
			}
			if first < 0 {
				first = offsetIn(src, blk.Front) + start
			}
			at = end
		}
		if n >= 2 {
			return lineAt(src, first), clip(src[first:])
		}
		front = n
	}
	if !bytes.Contains(body, []byte("<%")) {
		return 0, ""
	}
	if clean := markdown.WithoutHTMLComments(body); len(clean) != len(body) {
		// Lines stay where they were.
		body, segs = clean, markdown.Segments(clean)
	}
	at := textCommand(body, segs)
	if at < 0 {
		return 0, ""
	}
	if front == 1 {
		return lineAt(src, first), clip(src[first:])
	}
	return res.BodyLine + bytes.Count(body[:at], []byte{'\n'}), clip(body[at:])
}

// textCommand returns the offset of the first Templater command in body,
// whose segments are segs (markdown.Segments), that starts in text: not
// in a code block or a code span. It returns -1 when there is none.
func textCommand(body []byte, segs []markdown.Segment) int {
	for _, s := range segs {
		if s.Code() {
			continue
		}
		for at := s.Start; ; {
			start, _ := frontmatter.TemplaterCommand(body[:s.End], at)
			if start < 0 {
				break
			}
			if !slices.ContainsFunc(s.Spans, func(sp markdown.Span) bool { return s.Start+sp.Start <= start && start < s.Start+sp.End }) {
				return start
			}
			// A command that starts in a code span ends there too, or
			// is no command: look again after its "<%".
			at = start + 2
		}
	}
	return -1
}

// offsetIn returns the offset of sub, a slice of b, in b.
func offsetIn(b, sub []byte) int {
	return cap(b) - cap(sub)
}

// lineAt is the 1-based line of src that offset at is on.
func lineAt(src []byte, at int) int {
	return 1 + bytes.Count(src[:at], []byte{'\n'})
}

// clip is the command that starts b, at most about 40 bytes of it, on
// one line.
func clip(b []byte) string {
	_, end := frontmatter.TemplaterCommand(b, 0)
	if end < 0 {
		end = len(b)
	}
	s := string(bytes.Join(bytes.Fields(b[:end]), []byte(" ")))
	if len(s) > 40 {
		cut := 37
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}
