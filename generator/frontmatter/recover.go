package frontmatter

import (
	"fmt"
	"strings"

	"github.com/crib-notes/crib/generator/diag"
	"gopkg.in/yaml.v3"
)

// recoverYAML reads a YAML block that does not parse as a whole. The
// block is cut into entries, each a top-level "key:" line with the
// indented or "- item" lines under it, and each entry is parsed on its
// own, so one broken value costs only its own key. An entry that still
// does not parse is read as plain text: "key: value" gives the value as
// written, "- item" lines give a list. Lines that belong to no entry are
// dropped, and every such repair is reported with its line.
func recoverYAML(front []byte, first int) ([]field, []Problem) {
	lines := splitLines(front)
	var fields []field
	var probs []Problem
	for i := 0; i < len(lines); {
		l := lines[i]
		if isBlankOrComment(l) {
			i++
			continue
		}
		if !isKeyLine(l) {
			probs = append(probs, Problem{i + first, fmt.Sprintf("front matter line %q is not a \"key: value\" line; dropped", clip(l)), diag.FrontMatter})
			i++
			continue
		}
		j := i + 1
		for j < len(lines) && (isBlankOrComment(lines[j]) || isIndented(lines[j]) || isItem(lines[j])) {
			j++
		}
		entry := lines[i:j]
		fs, ok := parseEntry(entry, i+first)
		if !ok {
			f, p := rawEntry(entry, i+first)
			fs = []field{f}
			probs = append(probs, Problem{i + first, fmt.Sprintf("%q is not valid YAML; read as plain text", f.key), diag.FrontMatter})
			probs = append(probs, p...)
		}
		fields = append(fields, fs...)
		i = j
	}
	return fields, probs
}

func parseEntry(entry []string, first int) ([]field, bool) {
	src := []byte(strings.Join(entry, "\n"))
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, false
	}
	root := docRoot(&doc)
	if root == nil || root.Kind != yaml.MappingNode {
		return nil, false
	}
	var probs []Problem
	return fromMapping(root, src, first, &probs), len(probs) == 0
}

// rawEntry reads an entry as text, the way it looks: "title: Docker: the
// basics" has the title "Docker: the basics", "tags: [a, b" the tags a
// and b. Lines it cannot place are reported.
func rawEntry(entry []string, line int) (field, []Problem) {
	key, rest, _ := strings.Cut(entry[0], ":")
	f := field{key: unquote(strings.TrimSpace(key)), line: line}
	value := unquote(strings.TrimSpace(rest))
	var items []any
	var sub map[string]any
	var probs []Problem
	if strings.HasPrefix(value, "[") {
		// A flow list missing its "]" or holding a bad item.
		for item := range strings.SplitSeq(strings.Trim(value, "[] "), ",") {
			if item = unquote(strings.TrimSpace(item)); item != "" {
				items = append(items, item)
				f.itemLines = append(f.itemLines, line)
			}
		}
		value = ""
	}
	for n, l := range entry[1:] {
		t := strings.TrimSpace(l)
		switch {
		case isBlankOrComment(l):
		case isItem(t) && sub == nil:
			items = append(items, unquote(strings.TrimSpace(t[1:])))
			f.itemLines = append(f.itemLines, line+1+n)
		case value == "" && items == nil && isKeyLine(t) && !strings.HasPrefix(t, "<<"):
			k, v, _ := strings.Cut(t, ":")
			if sub == nil {
				sub = map[string]any{}
			}
			sub[unquote(strings.TrimSpace(k))] = unquote(strings.TrimSpace(v))
		case value != "" && items == nil && sub == nil:
			// A plain scalar continued on the next lines is folded.
			value = value + " " + t
		default:
			probs = append(probs, Problem{line + 1 + n, fmt.Sprintf("front matter line %q does not fit under %q; dropped", clip(t), f.key), diag.FrontMatter})
		}
	}
	switch {
	case items != nil:
		if value != "" {
			items = append([]any{value}, items...)
			f.itemLines = append([]int{line}, f.itemLines...)
		}
		f.value = items
	case sub != nil:
		f.value = sub
	case value != "":
		f.value = value
	}
	return f, probs
}

// unquote removes the quotes around s, and a lone opening or closing
// quote, which is why a raw value did not parse in the first place.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	if s != "" && (s[0] == '"' || s[0] == '\'') && strings.IndexByte(s[1:], s[0]) < 0 {
		return strings.TrimSpace(s[1:])
	}
	if s != "" && (s[len(s)-1] == '"' || s[len(s)-1] == '\'') && strings.IndexByte(s[:len(s)-1], s[len(s)-1]) < 0 {
		return strings.TrimSpace(s[:len(s)-1])
	}
	return s
}

func splitLines(b []byte) []string {
	var out []string
	for len(b) > 0 {
		l, rest, _ := cutLine(b)
		out = append(out, string(l))
		b = rest
	}
	return out
}

func isBlankOrComment(l string) bool {
	t := strings.TrimSpace(l)
	return t == "" || t[0] == '#'
}

func isIndented(l string) bool { return l != "" && (l[0] == ' ' || l[0] == '\t') }

func isItem(l string) bool {
	t := strings.TrimLeft(l, " \t")
	return t == "-" || strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "-\t")
}

// isKeyLine reports whether l starts at its first column with something
// shaped like a YAML key: text up to a ':' that ends the line or is
// followed by white space. Markdown (headings, lists, quotes) is not.
func isKeyLine(l string) bool {
	if l == "" || strings.ContainsRune("#->*`|[{!%@&? \t", rune(l[0])) {
		return false
	}
	for i := 0; i < len(l) && i < 100; i++ {
		if l[i] == ':' {
			return i > 0 && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t')
		}
	}
	return false
}

// startsWithKey reports whether the first line of b that is not blank or
// a comment looks like a key. A block that does not parse as YAML and
// starts with prose is a note opening with a "---" thematic break, not
// damaged front matter (Obsidian itself only shows properties for blocks
// that read as YAML).
func startsWithKey(b []byte) bool {
	for len(b) > 0 {
		l, rest, _ := cutLine(b)
		if !isBlankOrComment(string(l)) {
			return isKeyLine(strings.TrimLeft(string(l), " \t"))
		}
		b = rest
	}
	return false
}

func clip(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 40 {
		s = strings.ToValidUTF8(s[:40], "") + "…"
	}
	return s
}
