package frontmatter

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/crib-notes/crib/generator/diag"
	"github.com/crib-notes/crib/generator/tags"
)

// field is one top-level front matter key as read by the YAML, TOML or
// recovery readers, before its meaning is known.
type field struct {
	key   string // as written
	line  int    // file line of the key
	value any    // nil, string, bool, int, float64, []any or map[string]any
	// itemLines are the file lines of the items when value is a list read
	// from YAML; nil when unknown.
	itemLines []int
	// fixed, when set, is a repair the reader made that interpret reports
	// once it knows the key is used (e.g. "#tags" read back from a comment).
	fixed string
}

// Names of the keys with a meaning, after foldKey. Earlier names take
// precedence: "date" over "created".
var (
	titleKeys     = []string{"title"}
	slugKeys      = []string{"slug"}
	dateKeys      = []string{"date", "created", "date created", "creation date", "created at"}
	lastmodKeys   = []string{"lastmod", "updated", "modified", "date modified", "last modified", "updated at", "modified at", "date updated"}
	tagKeys       = []string{"tags", "tag"}
	aliasKeys     = []string{"aliases", "alias"}
	cheatsheetKey = "cheatsheet"
)

// foldKey is how keys are matched: case-insensitive, with '_', '-' and
// runs of spaces alike ("Date_Created" is "date created").
func foldKey(k string) string {
	simple := true // lower-case ASCII letters only: the usual key
	for i := 0; i < len(k); i++ {
		if k[i] < 'a' || k[i] > 'z' {
			simple = false
			break
		}
	}
	if simple {
		return k
	}
	k = strings.Map(func(r rune) rune {
		if r == '_' || r == '-' {
			return ' '
		}
		return unicode.ToLower(r)
	}, k)
	return strings.Join(strings.Fields(k), " ")
}

func known(k string) bool {
	for _, names := range [][]string{titleKeys, slugKeys, dateKeys, lastmodKeys, tagKeys, aliasKeys} {
		for _, n := range names {
			if n == k {
				return true
			}
		}
	}
	_, private := privacyKeys[k]
	return private || k == cheatsheetKey
}

// interpret merges duplicate keys and turns fields into Meta.
func interpret(fields []field) (Meta, []Problem) {
	var m Meta
	var probs []Problem
	byKey := map[string]*field{} // foldKey -> merged field
	var order []string
	for _, f := range fields {
		k := foldKey(f.key)
		if !known(k) {
			// Unknown keys are kept as written; only their case is
			// folded, as Hugo folds param names.
			k = "\x00" + strings.ToLower(strings.TrimSpace(f.key))
		}
		switch strings.TrimSpace(f.key) {
		case "":
			probs = append(probs, Problem{f.line, "front matter key is empty; ignored", diag.FrontMatter})
			continue
		case "<<":
			// Written back, this key would read as a YAML merge key.
			probs = append(probs, Problem{f.line, `merge key "<<" at the top level of front matter is not supported; ignored`, diag.FrontMatter})
			continue
		}
		if s, ok := f.value.(string); ok && (k == "tags" || k == "tag") && IsPlaceholder(s) {
			if strings.TrimSpace(s) != "" {
				probs = append(probs, Problem{f.line, fmt.Sprintf("%q is an unfilled template placeholder %q; ignored", f.key, s), diag.Placeholder})
			}
			f.value = nil
		}
		if s, ok := f.value.(string); ok && (k == "tags" || k == "tag") {
			// "docker, k8s": many tags in one string, read as a list so
			// that a duplicate key merges tag by tag.
			f.value = nil
			for _, t := range tags.Fields(s) {
				f.value = append(asList(f.value), t)
			}
			f.itemLines = nil
		}
		prev, dup := byKey[k]
		if !dup {
			byKey[k] = &f
			order = append(order, k)
			continue
		}
		_, pl := prev.value.([]any)
		_, fl := f.value.([]any)
		switch {
		case pl || fl:
			prev.value = append(asList(prev.value), asList(f.value)...)
			prev.itemLines = append(linesOf(*prev), linesOf(f)...)
			probs = append(probs, Problem{f.line, fmt.Sprintf("duplicate key %q (first on line %d): lists merged", f.key, prev.line), diag.FrontMatter})
		case f.value == nil:
			probs = append(probs, Problem{f.line, fmt.Sprintf("duplicate key %q (first on line %d) has no value; the first value is kept", f.key, prev.line), diag.FrontMatter})
		default:
			prev.value, prev.itemLines = f.value, nil
			probs = append(probs, Problem{f.line, fmt.Sprintf("duplicate key %q (first on line %d): the later value is used", f.key, prev.line), diag.FrontMatter})
		}
		if f.fixed != "" {
			prev.fixed = f.fixed
		}
	}

	// The meaning of each key, in precedence order.
	pick := func(names []string) []*field {
		var fs []*field
		for _, n := range names {
			if f := byKey[n]; f != nil {
				fs = append(fs, f)
			}
		}
		return fs
	}
	for _, f := range pick(titleKeys) {
		if t, ok := textValue(f, &probs); ok {
			m.Title = strings.Join(strings.Fields(t), " ")
			break
		}
	}
	for _, f := range pick(slugKeys) {
		if s, ok := textValue(f, &probs); ok {
			m.Slug = strings.Join(strings.Fields(s), " ")
		}
	}
	m.Date = firstDate(pick(dateKeys), &probs)
	m.Lastmod = firstDate(pick(lastmodKeys), &probs)
	m.Tags = readTags(pick(tagKeys), &probs)
	m.Aliases = readAliases(pick(aliasKeys), &probs)
	for _, k := range order {
		f := byKey[k]
		if k == cheatsheetKey {
			if b, ok := boolean(f, &probs); ok {
				m.Cheatsheet = &b
			}
		}
		if k[0] == 0 {
			if m.Params == nil {
				m.Params = map[string]any{}
			}
			m.Params[strings.TrimSpace(f.key)] = tidy(f.value)
		}
	}
	return m, probs
}

func asList(v any) []any {
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		return v
	}
	return []any{v}
}

// linesOf returns the line of every item of f's value as a list.
func linesOf(f field) []int {
	items := asList(f.value)
	if len(f.itemLines) == len(items) {
		return f.itemLines
	}
	ls := make([]int, len(items))
	for i := range ls {
		ls[i] = f.line
	}
	return ls
}

// textValue reads a single-line text value such as a title. Placeholders,
// maps and lists (an unfilled "{{title}}" is a YAML map) are reported and
// read as missing; an empty value is silently missing.
func textValue(f *field, probs *[]Problem) (string, bool) {
	switch v := f.value.(type) {
	case nil:
		return "", false
	case map[string]any, []any:
		*probs = append(*probs, Problem{f.line, fmt.Sprintf("%q holds a %s, not text (an unfilled template placeholder?); ignored", f.key, kind(v)), diag.Placeholder})
		return "", false
	}
	s := scalarString(f.value)
	if strings.TrimSpace(s) == "" {
		return "", false
	}
	if IsPlaceholder(s) {
		*probs = append(*probs, Problem{f.line, fmt.Sprintf("%q is an unfilled template placeholder %q; ignored", f.key, s), diag.Placeholder})
		return "", false
	}
	return s, true
}

func kind(v any) string {
	if _, ok := v.([]any); ok {
		return "list"
	}
	return "map"
}

// scalarString spells a scalar value as text: "2024" for the number 2024.
func scalarString(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case bool:
		return strconv.FormatBool(v)
	case int:
		return strconv.Itoa(v)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}

// firstDate returns the first readable date among fs, reporting the ones
// that are set but cannot be read.
func firstDate(fs []*field, probs *[]Problem) time.Time {
	var found time.Time
	for _, f := range fs {
		s, ok := textValue(f, probs)
		if !ok {
			continue
		}
		t, weekday, ok := parseDate(s)
		if !ok {
			*probs = append(*probs, Problem{f.line, fmt.Sprintf("%q value %q is not a date; ignored", f.key, s), diag.Date})
			continue
		}
		if weekday != "" {
			*probs = append(*probs, Problem{f.line, fmt.Sprintf("%q value %q names %s, but %s is a %s; the date is kept", f.key, s, weekday, t.Format("2006-01-02"), t.Weekday()), diag.Weekday})
		}
		if found.IsZero() {
			found = t
		}
	}
	return found
}

func readTags(fs []*field, probs *[]Problem) []string {
	var raw []string
	for _, f := range fs {
		if f.fixed != "" {
			*probs = append(*probs, Problem{f.line, f.fixed, diag.Tag})
		}
		if _, ok := f.value.(map[string]any); ok {
			*probs = append(*probs, Problem{f.line, fmt.Sprintf("%q holds a map, not tags; ignored", f.key), diag.Tag})
			continue
		}
		lines := linesOf(*f)
		for i, item := range asList(f.value) {
			switch item := item.(type) {
			case nil:
			case []any, map[string]any:
				*probs = append(*probs, Problem{lines[i], fmt.Sprintf("a %s inside %q is not a tag; ignored", kind(item), f.key), diag.Tag})
			default:
				// One item is one tag; a comma still separates tags
				// because no tag can contain one.
				for t := range strings.SplitSeq(scalarString(item), ",") {
					raw = append(raw, checkTag(t, lines[i], probs)...)
				}
			}
		}
	}
	if len(raw) == 0 {
		return nil
	}
	return tags.Unique(raw)
}

// checkTag returns t if it can be a tag and reports it otherwise.
func checkTag(t string, line int, probs *[]Problem) []string {
	t = strings.TrimSpace(t)
	switch {
	case t == "":
		return nil
	case IsPlaceholder(t):
		*probs = append(*probs, Problem{line, fmt.Sprintf("tag %q is an unfilled template placeholder; ignored", t), diag.Placeholder})
		return nil
	}
	if _, ok := tags.Clean(t); !ok {
		*probs = append(*probs, Problem{line, fmt.Sprintf("%q is not a tag (a tag needs more than digits, dots and punctuation); ignored", t), diag.Tag})
		return nil
	}
	return []string{t}
}

func readAliases(fs []*field, probs *[]Problem) []string {
	var out []string
	seen := map[string]bool{}
	add := func(v any, line int) {
		switch v.(type) {
		case nil:
			return
		case []any, map[string]any:
			*probs = append(*probs, Problem{line, fmt.Sprintf("a %s inside aliases is not a name; ignored", kind(v)), diag.FrontMatter})
			return
		}
		s := strings.Join(strings.Fields(scalarString(v)), " ")
		if s == "" || seen[s] {
			return
		}
		if IsPlaceholder(s) {
			*probs = append(*probs, Problem{line, fmt.Sprintf("alias %q is an unfilled template placeholder; ignored", s), diag.Placeholder})
			return
		}
		seen[s] = true
		out = append(out, s)
	}
	for _, f := range fs {
		if _, ok := f.value.([]any); !ok {
			add(f.value, f.line)
			continue
		}
		lines := linesOf(*f)
		for i, item := range asList(f.value) {
			add(item, lines[i])
		}
	}
	return out
}

// boolean reads yes/no values leniently (see clearBool), reporting any
// other value.
func boolean(f *field, probs *[]Problem) (bool, bool) {
	if isEmpty(f.value) {
		return false, false
	}
	b, ok := clearBool(f.value)
	if !ok {
		*probs = append(*probs, Problem{f.line, fmt.Sprintf("%q should be true or false, not %s; ignored", f.key, describe(f.value)), diag.FrontMatter})
	}
	return b, ok
}

// clearBool reads a value that clearly means yes or no: a boolean, 0 or
// 1, or true/false, yes/no, on/off, y/n in any case (YAML 1.2 reads
// "yes" as text, but people write it).
func clearBool(v any) (b, ok bool) {
	switch v := v.(type) {
	case bool:
		return v, true
	case int:
		if v == 0 || v == 1 {
			return v == 1, true
		}
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true", "yes", "on", "y", "1":
			return true, true
		case "false", "no", "off", "n", "0":
			return false, true
		}
	}
	return false, false
}

// isEmpty reports whether a value is missing: null or blank text.
func isEmpty(v any) bool {
	s, ok := v.(string)
	return v == nil || ok && strings.TrimSpace(s) == ""
}

func describe(v any) string {
	switch v.(type) {
	case []any, map[string]any:
		return "a " + kind(v)
	}
	return strconv.Quote(scalarString(v))
}

// tidy empties strings made only of white space, anywhere in a param
// value: they mean nothing, and YAML encoders cannot write some of them
// ("\n") in a form that reads back the same.
func tidy(v any) any {
	switch v := v.(type) {
	case string:
		if strings.TrimSpace(v) == "" {
			return ""
		}
	case []any:
		for i, e := range v {
			v[i] = tidy(e)
		}
	case map[string]any:
		for k, e := range v {
			v[k] = tidy(e)
		}
	}
	return v
}
