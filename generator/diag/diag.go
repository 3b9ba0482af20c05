// Package diag holds the diagnostics Crib reports about a vault: one
// problem, one line, always naming the vault-relative file and line.
package diag

import (
	"cmp"
	"fmt"
	"io"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
)

// Severity says whether a problem stops a note (Error) or was repaired
// or worked around (Warning).
type Severity int

const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is one problem in one place. Line and Col are 1-based; zero
// means unknown (the whole file).
type Diagnostic struct {
	Path     string // vault-relative, slash-separated
	Line     int
	Col      int
	Severity Severity
	Message  string
	Kind     Kind
}

// String formats d as "path:line:col: severity: message", the shape
// editors and compilers use, leaving out the parts that are unknown.
func (d Diagnostic) String() string {
	pos := d.Path
	if pos == "" {
		pos = "crib"
	}
	if d.Line > 0 {
		pos += fmt.Sprintf(":%d", d.Line)
		if d.Col > 0 {
			pos += fmt.Sprintf(":%d", d.Col)
		}
	}
	return fmt.Sprintf("%s: %s: %s", pos, d.Severity, d.Message)
}

// Warnf and Errorf build diagnostics; they read well at call sites.
func Warnf(path string, line int, format string, args ...any) Diagnostic {
	return Diagnostic{Path: path, Line: line, Severity: Warning, Message: fmt.Sprintf(format, args...)}
}

func Errorf(path string, line int, format string, args ...any) Diagnostic {
	return Diagnostic{Path: path, Line: line, Severity: Error, Message: fmt.Sprintf(format, args...)}
}

// Compare orders diagnostics by path, line, column, then message, so that
// output never depends on the order parallel work finished in.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.Path, b.Path),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Message, b.Message),
		cmp.Compare(a.Kind, b.Kind),
	)
}

// List collects diagnostics from concurrent stages. The zero value is ready
// to use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add records diagnostics; it is safe for concurrent use.
func (l *List) Add(ds ...Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, ds...)
	l.mu.Unlock()
}

// Sorted returns the diagnostics in a fixed order, duplicates removed.
func (l *List) Sorted() []Diagnostic {
	l.mu.Lock()
	out := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortFunc(out, Compare)
	return slices.Compact(out)
}

// Count returns how many warnings and errors were recorded.
func (l *List) Count() (warnings, errors int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return warnings, errors
}

// Print writes the diagnostics, one per line, in sorted order, and of
// each file at most one line per kind and severity: the first, with how
// many more there are ("(and 12 more in this note)"). Diagnostics of no
// kind, and those about no file, are each written.
func (l *List) Print(w io.Writer) {
	type group struct {
		path     string
		kind     Kind
		severity Severity
	}
	sorted := l.Sorted()
	more := make([]int, len(sorted))
	first := map[group]int{}
	for i, d := range sorted {
		if d.Path == "" || d.Kind == Other {
			continue
		}
		g := group{d.Path, d.Kind, d.Severity}
		if j, ok := first[g]; ok {
			more[j]++
			more[i] = -1
			continue
		}
		first[g] = i
	}
	for i, d := range sorted {
		switch {
		case more[i] < 0:
		case more[i] == 0:
			fmt.Fprintln(w, d)
		default:
			fmt.Fprintf(w, "%s (and %d more in this %s)\n", d, more[i], fileNoun(d.Path))
		}
	}
}

// PrintAll writes every diagnostic, one per line, in sorted order.
func (l *List) PrintAll(w io.Writer) {
	for _, d := range l.Sorted() {
		fmt.Fprintln(w, d)
	}
}

// fileNoun is what a diagnostic's file is to its reader.
func fileNoun(p string) string {
	if ext := strings.ToLower(path.Ext(p)); ext == ".md" || ext == ".markdown" {
		return "note"
	}
	return "file"
}

// Summary counts the diagnostics by kind, the most common kind first:
// "287 unresolved wikilinks · 231 notes with a damaged "---" delimiter
// (repaired)". A kind counted in notes (perNote) counts the files it
// names, however many problems each has. It is "" when there are none.
func (l *List) Summary() string {
	counts := map[Kind]int{}
	type counted struct {
		kind Kind
		path string
	}
	seen := map[counted]bool{}
	for _, d := range l.Sorted() {
		if perNote[d.Kind] && d.Path != "" {
			if seen[counted{d.Kind, d.Path}] {
				continue
			}
			seen[counted{d.Kind, d.Path}] = true
		}
		counts[d.Kind]++
	}
	kinds := slices.Collect(maps.Keys(counts))
	slices.SortFunc(kinds, func(a, b Kind) int {
		return cmp.Or(cmp.Compare(counts[b], counts[a]), cmp.Compare(a.Count(1), b.Count(1)))
	})
	parts := make([]string, len(kinds))
	for i, k := range kinds {
		parts[i] = k.Count(counts[k])
	}
	return strings.Join(parts, " · ")
}
