package frontmatter

import "strings"

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
