package diag

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"
)

func TestDiagnosticString(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Warnf("a/b.md", 12, "tag %q merged", "DocKer"), `a/b.md:12: warning: tag "DocKer" merged`},
		{Errorf("x.md", 0, "unreadable"), "x.md: error: unreadable"},
		{Diagnostic{Path: "y.md", Line: 3, Col: 9, Severity: Error, Message: "bad"}, "y.md:3:9: error: bad"},
		{Diagnostic{Message: "no notes"}, "crib: warning: no notes"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestListSortedAndCounted(t *testing.T) {
	var l List
	l.Add(Warnf("b.md", 2, "w"), Errorf("a.md", 9, "e"), Warnf("a.md", 1, "w"), Warnf("a.md", 1, "w"))
	var buf bytes.Buffer
	l.Print(&buf)
	want := "a.md:1: warning: w\na.md:9: error: e\nb.md:2: warning: w\n"
	if buf.String() != want {
		t.Errorf("Print =\n%s\nwant\n%s", buf.String(), want)
	}
	if w, e := l.Count(); w != 3 || e != 1 {
		t.Errorf("Count = %d, %d; want 3, 1", w, e)
	}
}

func TestPrintOneLinePerNoteAndKind(t *testing.T) {
	var l List
	l.Add(
		UnresolvedLink.Warnf("a.md", 9, "cannot resolve [[X]]"),
		UnresolvedLink.Warnf("a.md", 3, "cannot resolve [[Y]]"),
		UnresolvedLink.Warnf("a.md", 12, "cannot resolve [[Z]]"),
		Table.Warnf("a.md", 5, "table row has 3 cells"),
		UnresolvedLink.Warnf("b.md", 1, "cannot resolve [[X]]"),
		Privacy.Errorf("a.md", 2, "private is maybe"),
		Privacy.Warnf("a.md", 4, "not an error"),
		Warnf("a.md", 7, "first without a kind"),
		Warnf("a.md", 8, "second without a kind"),
		Cheatsheet.Warnf("", 0, "sheet one does not fit"),
		Cheatsheet.Warnf("", 0, "sheet two does not fit"),
		Hugo.Warnf("layouts/x.html", 1, "one"),
		Hugo.Warnf("layouts/x.html", 2, "two"),
	)
	var buf bytes.Buffer
	l.Print(&buf)
	want := `crib: warning: sheet one does not fit
crib: warning: sheet two does not fit
a.md:2: error: private is maybe
a.md:3: warning: cannot resolve [[Y]] (and 2 more in this note)
a.md:4: warning: not an error
a.md:5: warning: table row has 3 cells
a.md:7: warning: first without a kind
a.md:8: warning: second without a kind
b.md:1: warning: cannot resolve [[X]]
layouts/x.html:1: warning: one (and 1 more in this file)
`
	if buf.String() != want {
		t.Errorf("Print =\n%s\nwant\n%s", buf.String(), want)
	}
	buf.Reset()
	l.PrintAll(&buf)
	if n := strings.Count(buf.String(), "\n"); n != 13 || strings.Contains(buf.String(), "more in this") {
		t.Errorf("PrintAll wrote %d lines:\n%s", n, buf.String())
	}
}

func TestSummaryByKind(t *testing.T) {
	var l List
	if got := l.Summary(); got != "" {
		t.Errorf("Summary of nothing = %q", got)
	}
	l.Add(
		UnresolvedLink.Warnf("a.md", 9, "x"),
		UnresolvedLink.Warnf("a.md", 3, "y"),
		UnresolvedLink.Warnf("b.md", 3, "y"),
		Delimiter.Warnf("a.md", 1, "d"),
		Delimiter.Warnf("b.md", 1, "d"),
		Table.Warnf("a.md", 5, "t"),
		Template.Warnf("t.md", 1, "t"),
		Warnf("c.md", 1, "no kind"),
		// Kinds that name notes count notes, however many problems
		// each has.
		Privacy.Errorf("p.md", 2, "draft is maybe"),
		Privacy.Errorf("p.md", 3, "private is maybe"),
	)
	want := `3 unresolved wikilinks · 2 notes with a damaged "---" delimiter (repaired) · 1 note held back: privacy unclear · 1 other problem · 1 table repaired · 1 template not published`
	if got := l.Summary(); got != want {
		t.Errorf("Summary =\n%s\nwant\n%s", got, want)
	}
}

func TestEveryKindReads(t *testing.T) {
	for _, k := range Kinds() {
		one, many := k.Count(1), k.Count(2)
		if !strings.HasPrefix(one, "1 ") || !strings.HasPrefix(many, "2 ") || one[2:] == many[2:] && k != Other {
			t.Errorf("kind %q counts as %q and %q", k, one, many)
		}
	}
}

func TestWithKind(t *testing.T) {
	err := WithKind(Excalidraw, errors.New("no export"))
	if err.Error() != "no export" || KindOf(fmt.Errorf("wrapped: %w", err)) != Excalidraw {
		t.Errorf("WithKind: %v, kind %q", err, KindOf(err))
	}
	if KindOf(errors.New("plain")) != Other || KindOf(nil) != Other {
		t.Error("an error without a kind has one")
	}
	if !errors.Is(WithKind(Attachment, fs.ErrNotExist), fs.ErrNotExist) {
		t.Error("WithKind hides the error it wraps")
	}
}
