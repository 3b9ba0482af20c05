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

// templaterCommand matches a Templater command: "<% tp.file.title %>",
// an execution command "<%* ... %>" or a dynamic one "<%+ ... %>", with
// "-" or "_" to trim white space, over lines. What follows "<%" must be
// white space or "tp.", so that "<%5 of requests ... 10%>" is not one.
var templaterCommand = regexp.MustCompile(`<%[-_*+]?(?:\s|tp\.)(?s:.*?)%>`)

// TemplaterCommand returns where the first Templater command in b at or
// after from starts and ends, or -1, -1.
func TemplaterCommand(b []byte, from int) (start, end int) {
	if loc := templaterCommand.FindIndex(b[from:]); loc != nil {
		return from + loc[0], from + loc[1]
	}
	return -1, -1
}
