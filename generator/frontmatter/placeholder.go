package frontmatter

import (
	"regexp"
	"strings"
)

// IsPlaceholder reports whether s is empty or an unfilled template
// placeholder rather than a real value: "{ Title }", "{{title}}",
// "{{date:YYYY-MM-DD}}", Templater's "<% tp.file.title %>", or a bare
// date format such as "YYYY-MM-DD". Such values count as missing.
func IsPlaceholder(s string) bool {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return true
	case strings.Contains(s, "{{") && strings.Contains(s, "}}"):
		// Obsidian core templates and Mustache-style generators.
		return true
	case strings.Contains(s, "<%") && strings.Contains(s, "%>"):
		// Templater commands, left unexpanded when a file was copied.
		return true
	case s[0] == '{' && s[len(s)-1] == '}' && !strings.ContainsAny(s[1:len(s)-1], "{}"):
		// "{ Title }", "{title}", "{date}".
		return len(s) <= 40
	}
	return isDateFormat(s)
}

// isDateFormat reports whether s is a moment.js-style date format, like
// "YYYY-MM-DD" or "DD.MM.YYYY HH:mm", left where a date belongs.
func isDateFormat(s string) bool {
	if !strings.Contains(s, "YYYY") && !(strings.Contains(s, "DD") && strings.Contains(s, "MM")) {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case 'Y', 'M', 'D', 'H', 'h', 'm', 's', 'S', 'A', 'a', 'Z', 'T', 'd', 'o', 'W', 'w',
			'-', '/', '.', ':', ' ', ',', '[', ']':
		default:
			return false
		}
	}
	return true
}

// templaterCommand matches what may be a Templater command: "<%
// tp.file.title %>", an execution command "<%* ... %>" or a dynamic one
// "<%+ ... %>", with "-" or "_" to trim white space, over lines. What
// follows "<%" must be white space or "tp.", so that "<%5 of requests
// ... 10%>" is not one.
var templaterCommand = regexp.MustCompile(`<%([-_*+]?)(?:\s|tp\.)(?s:.*?)%>`)

// templaterObject matches what Templater gives a command to work with:
// its "tp" module and the "tR" of the text the command writes.
var templaterObject = regexp.MustCompile(`\btp\.|\btR\b`)

// TemplaterCommand returns where the first Templater command in b at or
// after from starts and ends, or -1, -1. ERB, JSP and EJS write in the
// same brackets ("<% if admin? %>"): a command that is not an execution
// or dynamic command is one only when it uses tp or tR, as Templater's
// do, so that a note about those languages is not taken for a template.
func TemplaterCommand(b []byte, from int) (start, end int) {
	for from <= len(b) {
		m := templaterCommand.FindSubmatchIndex(b[from:])
		if m == nil {
			break
		}
		start, end = from+m[0], from+m[1]
		if mark := string(b[from+m[2] : from+m[3]]); mark == "*" || mark == "+" || templaterObject.Match(b[start:end]) {
			return start, end
		}
		from = start + 2
	}
	return -1, -1
}
