package pipeline

import (
	"testing"
	"time"

	"github.com/crib-notes/crib/generator/note"
)

func TestSectionDates(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	notes := []*note.Note{
		{Path: "/notes/docker/basics", Date: day("2025-01-02"), Lastmod: day("2025-03-01")},
		{Path: "/notes/docker/advanced/networks", Date: day("2025-02-01")}, // no lastmod: its date counts
		{Path: "/notes/go/channels"}, // no dates at all
		nil,                          // skipped note
		{Path: "/notes/top", Date: day("2024-05-05"), Lastmod: day("2024-06-06")},
	}
	got := sectionDates(notes)
	for _, tc := range []struct {
		section       string
		date, lastmod string
	}{
		{"/notes", "2025-02-01", "2025-03-01"},
		{"/notes/docker", "2025-02-01", "2025-03-01"},
		{"/notes/docker/advanced", "2025-02-01", "2025-02-01"},
		{"/notes/go", "", ""},
	} {
		d := got[tc.section]
		if s := fmtDay(d.date); s != tc.date {
			t.Errorf("%s: date %q, want %q", tc.section, s, tc.date)
		}
		if s := fmtDay(d.lastmod); s != tc.lastmod {
			t.Errorf("%s: lastmod %q, want %q", tc.section, s, tc.lastmod)
		}
	}
	if _, ok := got["/"]; ok {
		t.Error("the site root is not a notes section")
	}
}

func fmtDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
