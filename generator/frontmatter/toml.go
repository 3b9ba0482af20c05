package frontmatter

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/pelletier/go-toml/v2"
)

// readTOML reads a TOML front matter block whose first line is file line
// first. A block that does not parse is read entry by entry, like YAML;
// whole is false then.
func readTOML(front []byte, first int) (fields []field, probs []Problem, whole bool) {
	var m map[string]any
	err := toml.Unmarshal(front, &m)
	if err == nil {
		return tomlFields(m, front, first), nil, true
	}
	line := first
	msg := err.Error()
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		line = row + first - 1
	}
	probs = []Problem{{line, fmt.Sprintf("front matter is not valid TOML (%s); read key by key", msg), diag.FrontMatter}}

	// Entries start at top-level "key =" lines and "[table]" headers.
	lines := splitLines(front)
	for i := 0; i < len(lines); {
		if isBlankOrComment(lines[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(lines) && !startsTOMLEntry(lines[j]) {
			j++
		}
		entry := strings.Join(lines[i:j], "\n")
		var em map[string]any
		if err := toml.Unmarshal([]byte(entry), &em); err == nil {
			fields = append(fields, tomlFields(em, []byte(entry), i+first)...)
		} else if k, v, ok := strings.Cut(lines[i], "="); ok && !strings.HasPrefix(strings.TrimSpace(lines[i]), "[") {
			f := field{key: unquote(strings.TrimSpace(k)), line: i + first}
			if v := unquote(strings.TrimSpace(v)); v != "" {
				f.value = v
			}
			fields = append(fields, f)
			probs = append(probs, Problem{i + first, fmt.Sprintf("%q is not valid TOML; read as plain text", f.key), diag.FrontMatter})
		} else {
			probs = append(probs, Problem{i + first, fmt.Sprintf("front matter line %q cannot be read; dropped", clip(lines[i])), diag.FrontMatter})
		}
		i = j
	}
	return fields, probs, false
}

func startsTOMLEntry(l string) bool {
	t := strings.TrimSpace(l)
	if t == "" || t[0] == '#' || t[0] == ']' || t[0] == '"' && !strings.Contains(t, "=") {
		return false
	}
	if t[0] == '[' {
		return l[0] == '['
	}
	k, _, ok := strings.Cut(t, "=")
	return ok && l[0] != ' ' && l[0] != '\t' && !strings.ContainsAny(k, "[]{},")
}

// tomlFields orders the keys of m by the line they are written on, which
// the map has lost.
func tomlFields(m map[string]any, src []byte, first int) []field {
	// The first line each top-level key or table is written on.
	lineOf := map[string]int{}
	for i, l := range splitLines(src) {
		t := strings.TrimSpace(l)
		t = strings.TrimLeft(t, "[")
		end := strings.IndexAny(t, "=.]")
		if end < 0 {
			continue
		}
		k := unquote(strings.TrimSpace(t[:end]))
		if _, seen := lineOf[k]; !seen {
			lineOf[k] = i + first
		}
	}
	fields := make([]field, 0, len(m))
	for k, v := range m {
		line, ok := lineOf[k]
		if !ok {
			line = first
		}
		fields = append(fields, field{key: k, line: line, value: tomlPlain(v)})
	}
	slices.SortFunc(fields, func(a, b field) int {
		if a.line != b.line {
			return a.line - b.line
		}
		return strings.Compare(a.key, b.key)
	})
	return fields
}

// tomlPlain turns go-toml values into the plain values of field: integers
// as int, dates and times as the text TOML writes them as.
func tomlPlain(v any) any {
	switch v := v.(type) {
	case int64:
		if int64(int(v)) == v {
			return int(v)
		}
		return fmt.Sprint(v)
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return fmt.Sprint(v)
		}
		return v
	case time.Time:
		return v.Format(time.RFC3339Nano)
	case toml.LocalDate, toml.LocalDateTime, toml.LocalTime:
		return fmt.Sprint(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = tomlPlain(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = tomlPlain(e)
		}
		return out
	}
	return v
}
