// Package diag holds the diagnostics Crib reports about a vault: one
// problem, one line, always naming the vault-relative file and line.
package diag

import (
	"cmp"
	"fmt"
	"io"
	"slices"
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

// Print writes every diagnostic, one per line, in sorted order.
func (l *List) Print(w io.Writer) {
	for _, d := range l.Sorted() {
		fmt.Fprintln(w, d)
	}
}
