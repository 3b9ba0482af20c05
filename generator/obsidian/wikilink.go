package obsidian

import (
	"bytes"
	"path"
	"strings"

	"github.com/crib-notes/crib/generator/markdown"
)

// wikilink is the inside of [[...]], split as Obsidian splits it.
type wikilink struct {
	name     string // note name, path or file name as written, trimmed
	fragment string // after the first '#', trimmed; "" for none
	alias    string // after the first '|' (or "\|" in a table), as written
	hasAlias bool
}

// parseWikilink parses the text between "[[" and "]]". It fails on text
// Obsidian does not link: nothing but spaces, or brackets in the name.
func parseWikilink(inner []byte) (wikilink, bool) {
	var l wikilink
	target, alias := inner, -1
	if k := bytes.IndexByte(inner, '|'); k >= 0 {
		target, alias = inner[:k], k+1
		// Inside a GFM table cell the separator is written "\|".
		if k > 0 && inner[k-1] == '\\' {
			target = inner[:k-1]
		}
	}
	// No name has a bracket, escaped or not; alias text may have escaped
	// ones.
	if hasBracket(inner) || bytes.ContainsAny(target, "[]") || bytes.IndexByte(inner, '\n') >= 0 {
		return l, false
	}
	// One string for all the parts.
	s := string(inner)
	if alias >= 0 {
		l.alias, l.hasAlias = s[alias:], true
	}
	name := s[:len(target)]
	if k := strings.IndexByte(name, '#'); k >= 0 {
		name, l.fragment = name[:k], strings.TrimSpace(name[k+1:])
	}
	l.name = strings.TrimSpace(name)
	if l.name == "" && l.fragment == "" {
		return l, false
	}
	return l, true
}

// hasBracket reports whether s holds a '[' or ']' that is not
// backslash-escaped. Obsidian allows none in a link, and refusing them
// keeps a rewritten link from being read as part of another one.
func hasBracket(s []byte) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[', ']':
			return true
		}
	}
	return false
}

// noteName returns the name a Resolver receives for a note: without a
// ".md" extension.
func (l wikilink) noteName() string {
	if n := len(l.name); n > 3 && strings.EqualFold(l.name[n-3:], ".md") {
		return l.name[:n-3]
	}
	return l.name
}

// attachmentExt returns the lowercased extension of an embedded file, or ""
// when the embed names a note. An Excalidraw drawing, whether named by its
// file ("Board.excalidraw.md") or as Obsidian shows it
// ("Board.excalidraw"), is drawingExt: not a note, but a picture.
func (l wikilink) attachmentExt() string {
	ext := strings.ToLower(path.Ext(l.name))
	if ext == ".md" && strings.HasSuffix(strings.ToLower(l.name), drawingExt+".md") {
		return drawingExt
	}
	if ext == ".md" || strings.ContainsRune(ext, ' ') {
		return ""
	}
	return ext
}

// drawingExt ends the name of an Excalidraw drawing.
const drawingExt = ".excalidraw"

// drawingTitle is the name of a drawing as its plugin shows it: "Board"
// for "Notes/Board.excalidraw".
func drawingTitle(name string) string {
	name = baseName(name)
	return name[:len(name)-len(drawingExt)]
}

var imageExts = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".bmp": true,
	".svg": true, ".webp": true, ".avif": true, ".tif": true, ".tiff": true,
}

// display returns the text Obsidian shows for a link: the alias, else
// "Note > Heading" for a fragment, else the name as written. literal is
// true when the text comes from the name rather than from Markdown the
// user wrote as an alias.
func (l wikilink) display() (text string, literal bool) {
	if a := strings.TrimSpace(l.alias); a != "" {
		return a, false
	}
	name := l.noteName()
	if l.fragment == "" {
		return name, true
	}
	frag := strings.ReplaceAll(l.fragment, "#", " > ")
	if name == "" {
		return frag, true
	}
	return name + " > " + frag, true
}

// imageParts splits an image embed's alias into alt text and width:
// "300", "300x200", "alt", "alt|300".
func (l wikilink) imageParts() (alt, width string) {
	if !l.hasAlias {
		return "", ""
	}
	parts := strings.Split(strings.ReplaceAll(l.alias, `\|`, "|"), "|")
	last := strings.TrimSpace(parts[len(parts)-1])
	if w, ok := imageWidth(last); ok {
		width = w
		parts = parts[:len(parts)-1]
	}
	return strings.TrimSpace(strings.Join(parts, " ")), width
}

// imageWidth accepts "300" and "300x200" and returns "300".
func imageWidth(s string) (string, bool) {
	w, _, _ := strings.Cut(s, "x")
	if w == "" || len(w) > 5 {
		return "", false
	}
	for i := range len(s) {
		if c := s[i]; (c < '0' || c > '9') && !(c == 'x' && i == len(w)) {
			return "", false
		}
	}
	if strings.HasSuffix(s, "x") {
		return "", false
	}
	return w, true
}

// appendLiteral appends s as Markdown text that shows s exactly: every
// character Markdown could read as syntax here is backslash-escaped. '^'
// is escaped so that text ending a line is never read as a block id.
func appendLiteral(out []byte, s string) []byte {
	for i := range len(s) {
		switch c := s[i]; c {
		case '`':
			// Not "\`": a backslash does not stop a backtick from
			// closing a code span opened earlier on the line.
			out = append(out, "&#96;"...)
		case '_':
			// Inside a word "_" is never emphasis: snake_case stays
			// readable.
			if i == 0 || i+1 == len(s) || !isAlnum(s[i-1]) || !isAlnum(s[i+1]) {
				out = append(out, '\\')
			}
			out = append(out, c)
		case '\\', '*', '[', ']', '<', '~', '&', '|', '^':
			out = append(out, '\\', c)
		case '=':
			if i+1 < len(s) && s[i+1] == '=' || i > 0 && s[i-1] == '=' {
				out = append(out, '\\')
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

// appendAlias appends alias text the user wrote as Markdown, escaping only
// the brackets that would break the link it goes into, and '^' (see
// appendLiteral). Code spans and
// existing escapes are kept.
func appendAlias(out []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			if i+1 < len(s) && isPunct(s[i+1]) {
				out = append(out, c, s[i+1])
				i++
				continue
			}
			if i+1 == len(s) {
				out = append(out, '\\', '\\')
				continue
			}
			out = append(out, c)
		case '`':
			j := i
			for j < len(s) && s[j] == '`' {
				j++
			}
			end := markdown.ClosingRun([]byte(s), j, j-i)
			if end >= 0 {
				out = append(out, s[i:end]...)
			} else {
				out = appendLiteral(out, s[i:j])
				end = j
			}
			i = end - 1
		case '[', ']', '^':
			out = append(out, '\\', c)
		default:
			out = append(out, c)
		}
	}
	return out
}

// appendDest appends a link destination, in the <...> form when it holds
// characters the bare form cannot. Brackets and '|' are percent-encoded,
// so that no reader matching brackets is misled and a table cell holding
// the link stays one cell.
func appendDest(out []byte, dest string) []byte {
	switch bare, encoded := destForm(dest); {
	case bare:
		return append(out, dest...)
	case encoded:
		return appendBracketsEncoded(out, dest)
	}
	out = append(out, '<')
	for i := range len(dest) {
		switch c := dest[i]; c {
		case '[':
			out = append(out, "%5B"...)
		case ']':
			out = append(out, "%5D"...)
		case '|':
			out = append(out, "%7C"...)
		case '<', '>', '\\':
			out = append(out, '\\', c)
		case '\n':
			out = append(out, "%0A"...)
		case '\r':
			out = append(out, "%0D"...)
		default:
			out = append(out, c)
		}
	}
	return append(out, '>')
}

// destForm reports whether dest may be written bare as it is, or bare
// once its brackets and '|' are encoded; neither when it is empty or
// holds spaces, control characters, parentheses, '<', '>' or '\\'.
func destForm(dest string) (bare, encoded bool) {
	if dest == "" {
		return false, false
	}
	bare = true
	for i := range len(dest) {
		switch c := dest[i]; c {
		case ' ', '(', ')', '<', '>', '\\', 0x7f:
			return false, false
		case '[', ']', '|':
			bare = false
		default:
			if c < ' ' {
				return false, false
			}
		}
	}
	return bare, true
}

func appendBracketsEncoded(out []byte, dest string) []byte {
	for i := range len(dest) {
		switch c := dest[i]; c {
		case '[':
			out = append(out, "%5B"...)
		case ']':
			out = append(out, "%5D"...)
		case '|':
			out = append(out, "%7C"...)
		default:
			out = append(out, c)
		}
	}
	return out
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// AppendText appends s as Markdown text that shows s exactly, as Rewrite
// writes a link's text.
func AppendText(out []byte, s string) []byte { return appendLiteral(out, s) }

// AppendLink appends a Markdown link that shows text exactly and leads to
// dest, as Rewrite writes a resolved wikilink.
func AppendLink(out []byte, text, dest string) []byte {
	out = append(out, '[')
	out = appendLiteral(out, text)
	out = append(out, "]("...)
	out = appendDest(out, dest)
	return append(out, ')')
}
