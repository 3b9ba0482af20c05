package normalize

import (
	"bytes"
	"strings"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/markdown/blockattr"
)

// cleanAttributes drops from a text run's attribute lists, the lines
// "{...}" that give the block above them attributes and the "{...}" that
// ends a heading, what a block does not keep (blockattr.Kept), with a
// warning at the line; firstLine is the run's first line in the vault
// file. Runs without a '{' are returned as they are.
func cleanAttributes(text []byte, source string, firstLine int) ([]byte, []diag.Diagnostic) {
	if bytes.IndexByte(text, '{') < 0 {
		return text, nil
	}
	var out []byte
	var diags []diag.Diagnostic
	done := 0 // text[:done] is in out
	lineNo := firstLine
	for start := 0; start < len(text); {
		end := lineEnd(text, start)
		if at := attributeList(text[start:end]); at >= 0 {
			// A list after a block may go on over the next lines.
			list := text[start+at:]
			if text[start+at] != '{' || !isBlockList(text[start:start+at]) {
				list = text[start+at : end]
			}
			clean, dropped, n := blockattr.Clean(list)
			if len(dropped) > 0 {
				out = append(out, text[done:start+at]...)
				out = append(out, clean...)
				done = start + at + n
				diags = append(diags, diag.Markdown.Warnf(source, lineNo, "attributes %s dropped: a block keeps an id and classes as text, and title, lang, dir and data-* with plain values", strings.Join(dropped, ", ")))
			}
			end = max(end, lineEnd(text, start+at+n))
		}
		lineNo += bytes.Count(text[start:end], []byte{'\n'})
		start = end
	}
	if out == nil {
		return text, diags
	}
	return append(out, text[done:]...), diags
}

// lineEnd returns the end of the line at i, past its '\n'.
func lineEnd(text []byte, i int) int {
	if k := bytes.IndexByte(text[i:], '\n'); k >= 0 {
		return i + k + 1
	}
	return len(text)
}

// isBlockList reports whether what comes before a line's attribute list
// is only its container prefix: the list is the whole line, not the end
// of a heading.
func isBlockList(prefix []byte) bool {
	return len(bytes.Trim(prefix, "> \t")) == 0
}

// attributeList returns where the attribute list of a line starts: the
// start of the line after its container prefix (quote markers and up to
// three spaces of indentation; Hugo reads the list there whatever
// follows it), or the end of an ATX heading, as goldmark reads them; -1
// when the line has none.
func attributeList(line []byte) int {
	if bytes.IndexByte(line, '{') < 0 {
		return -1 // most lines
	}
	p := 0
	for p < len(line) && (line[p] == '>' || line[p] == ' ' || line[p] == '\t') {
		p++
	}
	content := line[p:]
	if indent := p - bytes.LastIndexByte(line[:p], '>') - 1; indent >= 4 || bytes.IndexByte(line[:p], '\t') >= 0 {
		return -1 // indented: code, or a line goldmark reads no attributes from
	}
	if len(content) > 0 && content[0] == '{' {
		return p // Clean reads whether it is one, over the next lines too
	}
	if level, _ := atxHeading(content); level == 0 || !bytes.HasSuffix(bytes.TrimRight(content, " \t\r\n"), []byte("}")) {
		return -1
	}
	// The first '{' (not backslash-escaped) from which the rest of the
	// line is an attribute list, as goldmark's heading parser looks.
	for i := 0; i < len(content); i++ {
		switch content[i] {
		case '\\':
			i++
		case '{':
			if _, _, n := blockattr.Clean(content[i:]); n > 0 && len(bytes.TrimSpace(content[i+n:])) == 0 {
				return p + i
			}
		}
	}
	return -1
}
