package dataview

import (
	"strconv"
	"strings"
	"time"

	"github.com/crib-notes/crib/generator/markdown"
	"github.com/crib-notes/crib/generator/obsidian"
)

// NoResults is what a query that found nothing shows.
const NoResults = "*No results.*\n"

// Markdown shows the result as Dataview does, in Markdown: a LIST as a
// bulleted list, a TABLE as a table whose first column counts the rows, a
// TASK query as a task list, grouped tasks under a bold line naming the
// group. Links to notes lead to their pages; other values are shown as
// Dataview shows them (dates as "May 16, 2021", null as "-"). Strings
// are Markdown, on one line, with '<' shown as written (the site shows no
// HTML from notes).
func (r *Result) Markdown() []byte {
	var b []byte
	switch r.q.Kind {
	case TaskQuery:
		if len(r.tasks) == 0 {
			return []byte(NoResults)
		}
		b = appendTasks(b, r.tasks, 0)
	case TableQuery:
		if len(r.rows) == 0 || r.q.WithoutID && len(r.q.Fields) == 0 {
			return []byte(NoResults)
		}
		b = r.appendTable(b)
	default:
		if len(r.rows) == 0 {
			return []byte(NoResults)
		}
		b = r.appendList(b)
	}
	return b
}

func (r *Result) appendList(b []byte) []byte {
	for _, row := range r.rows {
		b = append(b, "- "...)
		switch {
		case len(row.values) == 0:
			b = appendItem(b, row.id, 0)
		case r.q.WithoutID:
			b = appendItem(b, row.values[0], 0)
		default:
			b = appendInline(b, row.id, false, 0)
			b = append(b, ':')
			if _, list := row.values[0].([]any); !list {
				b = append(b, ' ')
			}
			b = appendItem(b, row.values[0], 0)
		}
		b = append(b, '\n')
	}
	return b
}

// listIndent is how far a nested list is indented, as in Dataview's
// Markdown: four spaces, which is never code under a "- " item.
const listIndent = "    "

// appendItem writes a value as the text of a list item at depth; a list
// is written as a list nested under the item.
func appendItem(b []byte, v any, depth int) []byte {
	l, ok := v.([]any)
	if !ok || depth >= maxValueDepth {
		start := len(b)
		b = appendInline(b, v, false, 0)
		if _, text := v.(string); text {
			b = escapeItemStart(b, start)
		}
		return b
	}
	for _, x := range l {
		b = append(b, '\n')
		b = append(b, strings.Repeat(listIndent, depth+1)...)
		b = append(b, "- "...)
		b = appendItem(b, x, depth+1)
	}
	return b
}

// escapeItemStart escapes what would make the text from start, the start
// of a list item's text, a block of its own: a heading, a quote, a
// nested list item, a task's checkbox, a thematic break.
func escapeItemStart(b []byte, start int) []byte {
	if start >= len(b) {
		return b
	}
	at := -1
	switch c := b[start]; {
	case strings.IndexByte("#>-+*=_[|", c) >= 0:
		at = start
	case c >= '0' && c <= '9':
		i := start
		for i < len(b) && i-start < 10 && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		if i < len(b) && (b[i] == '.' || b[i] == ')') {
			at = i
		}
	}
	if at < 0 {
		return b
	}
	b = append(b, 0)
	copy(b[at+1:], b[at:])
	b[at] = '\\'
	return b
}

func (r *Result) appendTable(b []byte) []byte {
	names := make([]string, 0, len(r.q.Fields)+1)
	if !r.q.WithoutID {
		names = append(names, r.idName)
	}
	for _, f := range r.q.Fields {
		names = append(names, f.name)
	}
	names[0] += " (" + strconv.Itoa(len(r.rows)) + ")"
	b = append(b, '|')
	for _, n := range names {
		b = append(b, ' ')
		b = obsidian.AppendText(b, n)
		b = append(b, " |"...)
	}
	b = append(b, "\n|"...)
	for range names {
		b = append(b, " --- |"...)
	}
	b = append(b, '\n')
	for _, row := range r.rows {
		b = append(b, '|')
		if !r.q.WithoutID {
			b = append(b, ' ')
			b = appendInline(b, row.id, true, 0)
			b = append(b, " |"...)
		}
		for _, v := range row.values {
			b = append(b, ' ')
			b = appendInline(b, v, true, 0)
			b = append(b, " |"...)
		}
		b = append(b, '\n')
	}
	return b
}

// appendTasks writes tasks, or groups of them, at a depth of groups.
func appendTasks(b []byte, rows []any, depth int) []byte {
	for i, row := range rows {
		switch r := row.(type) {
		case *taskRow:
			b = append(b, "- ["...)
			b = append(b, r.t.Status...)
			b = append(b, "] "...)
			b = appendText(b, r.t.Text, false)
			b = append(b, '\n')
		case *group:
			if i > 0 {
				b = append(b, '\n')
			}
			b = append(b, "**"...)
			start := len(b)
			b = appendInline(b, r.key, false, 0)
			if len(b) == start {
				b = append(b, nullText...)
			}
			b = append(b, "** ("...)
			b = strconv.AppendInt(b, int64(countTasks(r.rows)), 10)
			b = append(b, ")\n\n"...)
			b = appendTasks(b, r.rows, depth+1)
		}
	}
	return b
}

func countTasks(rows []any) int {
	n := 0
	for _, row := range rows {
		if g, ok := row.(*group); ok {
			n += countTasks(g.rows)
		} else {
			n++
		}
	}
	return n
}

// appendInline writes a value on one line: in a table cell when cell is
// set.
func appendInline(b []byte, v any, cell bool, depth int) []byte {
	if depth > maxValueDepth {
		return append(b, "…"...)
	}
	switch v := v.(type) {
	case nil:
		return append(b, nullText...)
	case string:
		return appendText(b, v, cell)
	case *Link:
		if v.dest == "" {
			return obsidian.AppendText(b, v.text())
		}
		return obsidian.AppendLink(b, v.text(), v.dest)
	case time.Time:
		return appendDate(b, v)
	case []any:
		for i, x := range v {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = appendInline(b, x, cell, depth+1)
		}
		return b
	case fields:
		b = append(b, "{ "...)
		for i, k := range sortedKeys(v) {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = obsidian.AppendText(b, k)
			b = append(b, ": "...)
			b = appendInline(b, v[k], cell, depth+1)
		}
		return append(b, " }"...)
	case *Page:
		return appendInline(b, v.link, cell, depth)
	case fileObj:
		return appendInline(b, v.p.link, cell, depth)
	case *taskRow:
		return appendText(b, v.t.Text, cell)
	case *group:
		return appendInline(b, v.key, cell, depth)
	}
	return appendString(b, v, false, depth)
}

// appendText writes a string as Markdown on one line: line breaks as
// spaces, '<' escaped outside code spans, and in a table cell '|' too
// (GFM splits cells before it reads code spans).
func appendText(b []byte, s string, cell bool) []byte {
	src := []byte(strings.TrimSpace(s))
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n', '\r':
			b = append(b, ' ')
		case '\\':
			// An escape is kept as it is: "\<" is already text.
			b = append(b, c)
			if i+1 < len(src) && src[i+1] != '\n' && src[i+1] != '\r' {
				i++
				b = append(b, src[i])
			}
		case '`':
			j := i
			for j < len(src) && src[j] == '`' {
				j++
			}
			end := markdown.ClosingRun(src, j, j-i)
			if end < 0 {
				end = j
			}
			for _, c := range src[i:end] {
				switch {
				case c == '\n' || c == '\r':
					b = append(b, ' ')
				case c == '|' && cell:
					b = append(b, '\\', c)
				default:
					b = append(b, c)
				}
			}
			i = end - 1
		case '<':
			b = append(b, '\\', c)
		case '|':
			if cell {
				b = append(b, '\\')
			}
			b = append(b, c)
		default:
			b = append(b, c)
		}
	}
	return b
}
