package dataview

import (
	"bytes"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/collate"
)

// Values are nil (null), bool, float64, string, time.Time (a date), *Link,
// []any (a list) and objects: the front matter's maps (fields), and the
// rows queries go over (notes, their file metadata, tasks, groups).

// Link is a link to a note, as a value.
type Link struct {
	Target   string // the note as the link names it
	Fragment string // a heading or "^block", "" for none
	Display  string // the text the link shows, "" for the default
	// Where the link leads, set when it leads to a published note: the
	// note's vault path and the link's destination on the site.
	source, dest string
}

// path is what the link is compared by: the note it leads to, else its
// target as written.
func (l *Link) path() string {
	if l.source != "" {
		return l.source
	}
	return l.Target
}

// text is what the link shows: its display text, else the file name of
// the note it names, and its fragment after " > ", as Dataview shows
// links.
func (l *Link) text() string {
	if l.Display != "" {
		return l.Display
	}
	name := strings.TrimSuffix(path.Base(l.path()), ".md")
	if l.Fragment != "" {
		return name + " > " + l.Fragment
	}
	return name
}

// object is a value with fields.
type object interface {
	get(name string) (any, bool)
}

// fields is a map read from front matter.
type fields map[string]any

func (f fields) get(name string) (any, bool) {
	v, ok := f[name]
	return v, ok
}

// typeName names a value's type as Dataview does; values of different
// types are ordered by it.
func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64:
		return "number"
	case string:
		return "string"
	case time.Time:
		return "date"
	case *Link:
		return "link"
	case []any:
		return "array"
	}
	return "object"
}

// truthy is Dataview's truth: non-zero, non-empty, true.
func truthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case float64:
		return v != 0 && !math.IsNaN(v)
	case string:
		return v != ""
	case time.Time:
		return v.UnixMilli() != 0
	case *Link:
		return v.path() != ""
	case []any:
		return len(v) > 0
	case fields:
		return len(v) > 0
	}
	return true
}

// maxValueDepth bounds the recursion into nested lists and maps (front
// matter can nest them deep) when comparing, searching and showing.
const maxValueDepth = 32

// compare orders any two values as Dataview does: null first, values of
// different types by the name of their type, strings as the locale
// orders them (coll), links by the note they lead to.
func compare(coll *collate.Collator, a, b any, depth int) int {
	if a == nil || b == nil {
		switch {
		case a == nil && b == nil:
			return 0
		case a == nil:
			return -1
		}
		return 1
	}
	ta, tb := typeName(a), typeName(b)
	if ta != tb {
		return strings.Compare(ta, tb)
	}
	if depth > maxValueDepth {
		return 0
	}
	switch a := a.(type) {
	case bool:
		switch bv := b.(bool); {
		case a == bv:
			return 0
		case a:
			return 1
		}
		return -1
	case float64:
		bv := b.(float64)
		switch {
		case a < bv:
			return -1
		case a == bv:
			return 0
		}
		return 1
	case string:
		bv := b.(string)
		if a == bv {
			return 0
		}
		return coll.CompareString(a, bv)
	case time.Time:
		return a.Compare(b.(time.Time))
	case *Link:
		bv := b.(*Link)
		if c := coll.CompareString(a.path(), bv.path()); c != 0 {
			return c
		}
		switch {
		case a.Fragment == "" && bv.Fragment == "":
			return 0
		case a.Fragment == "":
			return -1
		case bv.Fragment == "":
			return 1
		}
		return coll.CompareString(a.Fragment, bv.Fragment)
	case []any:
		bv := b.([]any)
		for i := range min(len(a), len(bv)) {
			if c := compare(coll, a[i], bv[i], depth+1); c != 0 {
				return c
			}
		}
		return len(a) - len(bv)
	case fields:
		bv, ok := b.(fields)
		if !ok {
			break
		}
		ka, kb := sortedKeys(a), sortedKeys(bv)
		if c := slices.Compare(ka, kb); c != 0 {
			return c
		}
		for _, k := range ka {
			if c := compare(coll, a[k], bv[k], depth+1); c != 0 {
				return c
			}
		}
		return 0
	}
	// Rows: by what identifies them.
	return coll.CompareString(rowID(a), rowID(b))
}

func sortedKeys(f fields) []string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// rowID identifies a row object among others of its kind.
func rowID(v any) string {
	switch v := v.(type) {
	case *Page:
		return v.Path
	case fileObj:
		return v.p.Path
	case *taskRow:
		return v.p.Path + ":" + strconv.Itoa(v.t.Line)
	case *group:
		return toString(v.key)
	}
	return ""
}

// nullText is how a null is shown, Markdown for "-" (Dataview's default).
const nullText = `\-`

// toString is a value as text, as Dataview's string() and "+" make it:
// links in Obsidian's [[path|text]] form, lists joined by ", ".
func toString(v any) string {
	var b []byte
	return string(appendString(b, v, false, 0))
}

func appendString(b []byte, v any, nested bool, depth int) []byte {
	if depth > maxValueDepth {
		return append(b, "…"...)
	}
	switch v := v.(type) {
	case nil:
		return append(b, nullText...)
	case bool:
		return strconv.AppendBool(b, v)
	case float64:
		return appendNumber(b, v)
	case string:
		return append(b, v...)
	case time.Time:
		return appendDate(b, v)
	case *Link:
		b = append(b, "[["...)
		b = append(b, strings.ReplaceAll(v.path(), "|", `\|`)...)
		if v.Fragment != "" {
			b = append(b, '#')
			b = append(b, v.Fragment...)
		}
		b = append(b, '|')
		return append(b, v.text()...)
	case []any:
		if nested {
			b = append(b, '[')
		}
		for i, x := range v {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendString(b, x, true, depth+1)
		}
		if nested {
			b = append(b, ']')
		}
		return b
	case fields:
		b = append(b, "{ "...)
		for i, k := range sortedKeys(v) {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = append(b, k...)
			b = append(b, ": "...)
			b = appendString(b, v[k], true, depth+1)
		}
		return append(b, " }"...)
	case *Page:
		return appendString(b, v.link, nested, depth)
	case fileObj:
		return appendString(b, v.p.link, nested, depth)
	case *taskRow:
		return append(b, v.t.Text...)
	case *group:
		return appendString(b, v.key, nested, depth)
	}
	return b
}

// appendNumber writes a number as JavaScript does: integers without a
// decimal point.
func appendNumber(b []byte, f float64) []byte {
	switch {
	case math.IsNaN(f):
		return append(b, "NaN"...)
	case math.IsInf(f, 1):
		return append(b, "Infinity"...)
	case math.IsInf(f, -1):
		return append(b, "-Infinity"...)
	case f == 0:
		return append(b, '0')
	case math.Abs(f) >= 1e21:
		return strconv.AppendFloat(b, f, 'g', -1, 64)
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

// appendDate writes a date as Dataview shows one by default: "May 16,
// 2021", with the time of day before it when it has one.
func appendDate(b []byte, t time.Time) []byte {
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.AppendFormat(b, "January 02, 2006")
	}
	return t.AppendFormat(b, "3:04 PM - January 02, 2006")
}

// contains is Dataview's contains(): a list contains what one of its
// items contains, a string its substrings, a map its keys, and any other
// value what equals it. fold compares strings case-insensitively
// (icontains); exact looks for an item equal to the value, not one
// containing it (econtains).
func contains(coll *collate.Collator, haystack, needle any, fold, exact bool, depth int) bool {
	if depth > maxValueDepth {
		return false
	}
	switch h := haystack.(type) {
	case []any:
		for _, x := range h {
			if exact {
				if compare(coll, x, needle, depth+1) == 0 {
					return true
				}
			} else if contains(coll, x, needle, fold, exact, depth+1) {
				return true
			}
		}
		return false
	case string:
		if n, ok := needle.(string); ok {
			if fold {
				return strings.Contains(strings.ToLower(h), strings.ToLower(n))
			}
			return strings.Contains(h, n)
		}
	case fields:
		if n, ok := needle.(string); ok {
			_, has := h[n]
			return has
		}
	}
	if fold {
		hs, ok1 := haystack.(string)
		ns, ok2 := needle.(string)
		if ok1 && ok2 {
			return strings.EqualFold(hs, ns)
		}
	}
	return compare(coll, haystack, needle, depth) == 0
}

// canonical is the simplified name Dataview also gives a field: lower
// case, white space as '-', other punctuation left out ("Time Played!"
// is "time-played").
func canonical(name string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.TrimSpace(name) {
		switch {
		case r == ' ' || r == '\t':
			space = true
			continue
		case identRune(r):
		default:
			continue
		}
		if space {
			b.WriteByte('-')
			space = false
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	return b.String()
}

// runeLen is the length of a string as Dataview's length() counts it.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

// numberPrefix reads the first number in s, as Dataview's number() does.
func numberPrefix(s string) (float64, bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' || c == '-' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
			p := parser{src: s, pos: i}
			return p.number()
		}
	}
	return 0, false
}

// sortValue is a value to sort by, with its collation key when it is a
// string: sorting compares it many times.
type sortValue struct {
	v   any
	key []byte
	str bool // key is set
}

func compareSort(coll *collate.Collator, a, b sortValue) int {
	if a.str && b.str {
		return bytes.Compare(a.key, b.key)
	}
	return compare(coll, a.v, b.v, 0)
}
