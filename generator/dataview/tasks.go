package dataview

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/obsidian"
)

// AppendTasks appends the tasks of text, a run of a note with no code
// block in it (a markdown.Segment that is not code) whose first line is
// line firstLine of the file: the list items whose text starts with a
// checkbox ("- [ ] text", "1. [x] text", in quotes and callouts too). A
// block id at the end of a task is not part of its text. Tasks are rare,
// so the text is scanned for "] " before it is read line by line.
func AppendTasks(tasks []Task, text []byte, firstLine int) []Task {
	if !bytes.Contains(text, []byte("] ")) && !bytes.Contains(text, []byte("]\n")) && !bytes.HasSuffix(text, []byte("]")) {
		return tasks
	}
	line := firstLine
	for rest := text; len(rest) > 0; line++ {
		l := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			l, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		if status, body, ok := taskLine(l); ok {
			t := Task{Line: line, Status: status, Text: stripBlockID(string(body))}
			for _, tag := range obsidian.InlineTags([]byte(t.Text), codeSpans(t.Text)) {
				t.Tags = append(t.Tags, strings.TrimPrefix(tag, "#"))
			}
			tasks = append(tasks, t)
		}
	}
	return tasks
}

// taskLine reads a line as a task list item: container markers ('>' and
// white space), a list marker, white space, "[c]" and white space or the
// end of the line.
func taskLine(l []byte) (status string, text []byte, ok bool) {
	i := 0
	for i < len(l) && (l[i] == ' ' || l[i] == '\t' || l[i] == '>') {
		i++
	}
	switch {
	case i < len(l) && (l[i] == '-' || l[i] == '*' || l[i] == '+'):
		i++
	default:
		j := i
		for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
			j++
		}
		if j == i || j >= len(l) || l[j] != '.' && l[j] != ')' {
			return "", nil, false
		}
		i = j + 1
	}
	if i >= len(l) || l[i] != ' ' && l[i] != '\t' {
		return "", nil, false
	}
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	if i >= len(l) || l[i] != '[' {
		return "", nil, false
	}
	r, n := utf8.DecodeRune(l[i+1:])
	end := i + 1 + n
	if n == 0 || r == '[' || r == ']' || r == '\t' || end >= len(l) || l[end] != ']' {
		return "", nil, false
	}
	if end+1 < len(l) && l[end+1] != ' ' && l[end+1] != '\t' {
		return "", nil, false
	}
	return string(r), bytes.TrimSpace(l[end+1:]), true
}

// stripBlockID drops a trailing " ^id" (a block id) from a task's text.
func stripBlockID(s string) string {
	i := strings.LastIndexByte(s, '^')
	if i <= 0 || s[i-1] != ' ' && s[i-1] != '\t' {
		return s
	}
	for _, c := range s[i+1:] {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return s
		}
	}
	if i+1 == len(s) {
		return s
	}
	return strings.TrimRight(s[:i], " \t")
}

// codeSpans returns the code spans of one line of text.
func codeSpans(text string) []markdown.Span {
	if !strings.Contains(text, "`") {
		return nil
	}
	segs := markdown.Segments([]byte(text))
	if len(segs) != 1 || segs[0].Code() {
		return nil
	}
	return segs[0].Spans
}
