package fences

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Attributes after a fence's language reach Hugo, which parses the first
// "{...}" in the info string with goldmark's attribute parser and stops
// the whole build when it cannot ("{4}", "{scale: 0.62}"), hands Chroma
// options it knows, and writes every other attribute into the HTML
// unescaped ("{class=\"x\\\"><img onerror=...>\"}"). So a fence keeps
// only what Attributes allows, written back in one canonical form:
//
//   - title (also written title:x.py or title="x.py" outside braces, or
//     after the language as python:x.py): the block's caption, which the
//     theme's code block hook shows escaped;
//   - linenos (true, false, table or inline), hl_lines (line numbers and
//     ranges; a bare "{4}" or "{1,3-5}", as Obsidian's code plugins write
//     it, means these), linenostart (a number), anchorlinenos (true or
//     false): Chroma options, with values Chroma cannot misread.
//
// Everything else is dropped, and a problem says what.

// kept lists the attributes a fence keeps, in the order they are written.
var kept = []string{"title", "linenos", "hl_lines", "linenostart", "anchorlinenos"}

// aliases are other names code plugins use for the kept attributes.
var aliases = map[string]string{"hl": "hl_lines", "ln": "linenos", "lines": "hl_lines", "highlight": "hl_lines"}

// lineSpec is a brace group of line numbers and ranges: {4}, {1,3-5}.
var lineSpec = regexp.MustCompile(`^\{\s*\d+(?:\s*-\s*\d+)?(?:\s*,\s*\d+(?:\s*-\s*\d+)?)*\s*,?\s*\}`)

// lineRange is one item of hl_lines: "4" or "3-5".
var lineRange = regexp.MustCompile(`^(\d{1,6})(?:-(\d{1,6}))?$`)

// maxTitle is the longest caption kept, in characters.
const maxTitle = 200

// Attributes reads the text after a fence's language and returns the
// attributes it keeps as an attribute block ("{title=\"x.py\"
// hl_lines=[4]}", "" when none), and what it dropped.
func Attributes(attrs string) (block string, problems []string) {
	rest := strings.TrimSpace(attrs)
	if rest == "" {
		return "", nil // most fences
	}
	vals := map[string]string{}
	var dropped, unread []string
	set := func(name, value string, ok bool) {
		name = strings.ToLower(name)
		if a, isAlias := aliases[name]; isAlias {
			name = a
		}
		if !slices.Contains(kept, name) {
			dropped = append(dropped, name)
			return
		}
		if !ok {
			problems = append(problems, fmt.Sprintf("code fence attribute %s has a value that cannot be used; dropped", name))
			return
		}
		v, err := canonicalValue(name, value)
		if err != nil {
			problems = append(problems, fmt.Sprintf("code fence attribute %s: %v; dropped", name, err))
			return
		}
		vals[name] = v
	}
	for rest != "" {
		if rest[0] == '{' {
			n := readBraces(rest, set)
			if n < 0 {
				n = strings.IndexByte(rest, '}') + 1
				if n == 0 {
					n = len(rest)
				}
				unread = append(unread, rest[:n])
			}
			rest = strings.TrimLeftFunc(rest[n:], unicode.IsSpace)
			continue
		}
		name, value, quoted, n := readPair(rest)
		switch {
		case name == "":
			// Not an attribute at all: a word, or punctuation.
			n = max(n, 1)
			unread = append(unread, strings.TrimSpace(rest[:n]))
		case !quoted && value == "" && n == len(name):
			dropped = append(dropped, strings.ToLower(name))
		default:
			set(name, value, true)
		}
		rest = strings.TrimLeftFunc(rest[n:], unicode.IsSpace)
	}
	if len(unread) > 0 {
		problems = append(problems, fmt.Sprintf("code fence attributes %s cannot be read; dropped", strings.Join(unread, " ")))
	}
	if len(dropped) > 0 {
		slices.Sort(dropped)
		problems = append(problems, fmt.Sprintf("code fence attributes %s dropped: only %s are kept", strings.Join(slices.Compact(dropped), ", "), strings.Join(kept, ", ")))
	}
	var b strings.Builder
	for _, name := range kept {
		if v, ok := vals[name]; ok {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(name + "=" + v)
		}
	}
	if b.Len() == 0 {
		return "", problems
	}
	return "{" + b.String() + "}", problems
}

// readBraces reads the brace group at the start of s, as goldmark reads
// attributes or as a line spec, passing each attribute to set, and
// returns its length, or -1 when it is neither.
func readBraces(s string, set func(name, value string, ok bool)) int {
	if m := lineSpec.FindString(s); m != "" {
		set("hl_lines", strings.Trim(m, "{} \t"), true)
		return len(m)
	}
	r := text.NewReader([]byte(s))
	attrs, ok := parser.ParseAttributes(r)
	if !ok {
		return -1
	}
	for _, a := range attrs {
		v, ok := attributeText(a.Value)
		set(string(a.Name), v, ok)
	}
	_, pos := r.Position()
	return pos.Start
}

// attributeText is a goldmark attribute value as text: strings and
// numbers as written, a list as its items joined by commas. ok is false
// for nested attribute lists and null.
func attributeText(v any) (string, bool) {
	switch v := v.(type) {
	case []byte:
		return string(v), true
	case bool:
		return strconv.FormatBool(v), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case []any:
		var items []string
		for _, item := range v {
			s, ok := attributeText(item)
			if !ok {
				return "", false
			}
			items = append(items, s)
		}
		return strings.Join(items, ","), true
	}
	return "", false
}

// readPair reads name=value or name:value at the start of s; the value
// may be quoted with " or '. It returns n, the length read; name is ""
// when s does not start with a name.
func readPair(s string) (name, value string, quoted bool, n int) {
	for n < len(s) && (s[n] == '_' || s[n] == '-' || s[n] == '.' || s[n] >= 'a' && s[n] <= 'z' || s[n] >= 'A' && s[n] <= 'Z' || n > 0 && s[n] >= '0' && s[n] <= '9') {
		n++
	}
	if n == 0 {
		// Up to the next space: what cannot be read.
		if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
			return "", "", false, i
		}
		return "", "", false, len(s)
	}
	name = s[:n]
	if n == len(s) || (s[n] != '=' && s[n] != ':') {
		if n < len(s) && !unicode.IsSpace(rune(s[n])) && s[n] != '{' {
			// A word glued to punctuation ("fold!"): unread.
			i := strings.IndexFunc(s, unicode.IsSpace)
			if i < 0 {
				i = len(s)
			}
			return "", "", false, i
		}
		return name, "", false, n
	}
	n++
	if n < len(s) && (s[n] == '"' || s[n] == '\'') {
		q := s[n]
		var b strings.Builder
		for i := n + 1; i < len(s); i++ {
			switch {
			case s[i] == '\\' && i+1 < len(s) && (s[i+1] == q || s[i+1] == '\\'):
				b.WriteByte(s[i+1])
				i++
			case s[i] == q:
				return name, b.String(), true, i + 1
			default:
				b.WriteByte(s[i])
			}
		}
		// No closing quote: the rest is the value.
		return name, b.String(), true, len(s)
	}
	end := strings.IndexFunc(s[n:], func(r rune) bool { return unicode.IsSpace(r) || r == '{' })
	if end < 0 {
		end = len(s) - n
	}
	return name, s[n : n+end], true, n + end
}

// canonicalValue checks a kept attribute's value and writes it as the
// attribute block holds it.
func canonicalValue(name, value string) (string, error) {
	value = strings.TrimSpace(value)
	switch name {
	case "title":
		return titleValue(value)
	case "linenos":
		switch strings.ToLower(value) {
		case "true", "false", "table", "inline":
			return strings.ToLower(value), nil
		}
		return "", fmt.Errorf("%q is not true, false, table or inline", value)
	case "anchorlinenos":
		switch strings.ToLower(value) {
		case "true", "false":
			return strings.ToLower(value), nil
		}
		return "", fmt.Errorf("%q is not true or false", value)
	case "linenostart":
		if n, err := strconv.Atoi(value); err == nil && n >= 0 && n < 1e6 {
			return strconv.Itoa(n), nil
		}
		return "", fmt.Errorf("%q is not a line number", value)
	case "hl_lines":
		return lineList(value)
	}
	return "", fmt.Errorf("unknown")
}

// lineList reads hl_lines ("4", "1,3-5", "1 3-5", `[1,"3-5"]`) as the
// list Hugo reads: [1,"3-5"].
func lineList(value string) (string, error) {
	fields := strings.FieldsFunc(strings.Trim(value, "[]"), func(r rune) bool { return r == ',' || r == ' ' || r == '"' || r == '\'' })
	var items []string
	for _, f := range fields {
		f = strings.ReplaceAll(f, " ", "")
		m := lineRange.FindStringSubmatch(f)
		if m == nil {
			return "", fmt.Errorf("%q is not a list of line numbers and ranges", value)
		}
		a, _ := strconv.Atoi(m[1])
		if m[2] == "" {
			items = append(items, strconv.Itoa(a))
			continue
		}
		b, _ := strconv.Atoi(m[2])
		if b < a {
			return "", fmt.Errorf("range %q ends before it starts", f)
		}
		items = append(items, fmt.Sprintf(`"%d-%d"`, a, b))
	}
	if len(items) == 0 {
		return "", fmt.Errorf("no line numbers")
	}
	return "[" + strings.Join(items, ",") + "]", nil
}

// titleValue writes a caption as an attribute string. Hugo finds the
// attribute block by its first "}", so a caption cannot hold braces;
// control characters are left out and the length is capped.
func titleValue(value string) (string, error) {
	if strings.ContainsAny(value, "{}") {
		return "", fmt.Errorf("%q holds braces, which Hugo cannot read in a code fence", value)
	}
	value = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, value)
	value = strings.TrimSpace(value)
	if value == "" {
		return "", fmt.Errorf("empty")
	}
	if r := []rune(value); len(r) > maxTitle {
		value = string(r[:maxTitle])
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(value) + `"`, nil
}
