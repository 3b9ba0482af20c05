package diag

import (
	"bytes"
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
