package normalize

import (
	"bytes"
	"sync"

	"github.com/crib-notes/crib/generator/frontmatter"
	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/obsidian"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// A note that holds a Templater command Obsidian never ran ("<%
// tp.date.now() %>") is a template, kept outside the template folders
// (see vault.Open), and is not published: its commands would be shown
// as they are, and its text is a form to fill in. What counts:
//
//   - a command in the text, outside code (a note that writes about
//     Templater quotes it in a code span or block), an HTML comment or
//     an Obsidian comment: Obsidian shows it as written too, so an author
//     who filled in the note would have seen it;
//   - two or more in the front matter: the fields of a template.
//
// One command in the front matter of a note with no command in its text
// is a field its author did not fill in (a "title: <% tp.file.title %>"
// left over in a note written since): the front matter reports it and
// leaves it out, and the note is published.

// templaterCommand returns the file line and the text of the first
// Templater command that makes the note a template, or 0. src is the
// note (LF line endings), res what frontmatter.Parse read of it.
func templaterCommand(src []byte, res frontmatter.Result) (line int, command string) {
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
	body := obsidian.StripBodyComments(res.Body)
	if !bytes.Contains(body, []byte("<%")) {
		return 0, ""
	}
	at := textCommand(body)
	if at < 0 {
		return 0, ""
	}
	if front == 1 {
		return lineAt(src, first), clip(src[first:])
	}
	return res.BodyLine + bytes.Count(body[:at], []byte{'\n'}), clip(body[at:])
}

// textCommand returns the offset of the first Templater command in body
// whose start is text: not in code, nor in raw HTML (comments included),
// as goldmark reads body. It returns -1 when there is none.
func textCommand(body []byte) int {
	var hidden []text.Segment // code and HTML
	_ = ast.Walk(templateParser().Parse(body), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock:
			lines := n.Lines()
			if lines.Len() > 0 {
				hidden = append(hidden, text.NewSegment(lines.At(0).Start, lines.At(lines.Len()-1).Stop))
			}
			if f, ok := n.(*ast.FencedCodeBlock); ok && f.Info != nil {
				hidden = append(hidden, f.Info.Segment)
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					hidden = append(hidden, t.Segment)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				hidden = append(hidden, text.NewSegment(n.Segments.At(0).Start, n.Segments.At(n.Segments.Len()-1).Stop))
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for at := 0; ; {
		start, _ := frontmatter.TemplaterCommand(body, at)
		if start < 0 {
			return -1
		}
		inside := false
		for _, h := range hidden {
			if h.Start <= start && start < h.Stop {
				inside = true
				break
			}
		}
		if !inside {
			return start
		}
		// A command that starts in code ends there too, or is no
		// command: look again after its "<%".
		at = start + 2
	}
}

// templateParser parses bodies for textCommand: the few notes that hold
// a "<%" at all.
var templateParser = sync.OnceValue(markdown.NewParser)

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
