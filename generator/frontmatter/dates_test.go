package frontmatter

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	utc := func(y int, m time.Month, d, h, min, s int) time.Time {
		return time.Date(y, m, d, h, min, s, 0, time.UTC)
	}
	tests := []struct {
		in   string
		want time.Time // zero: not a date
	}{
		{"2025-12-19", utc(2025, 12, 19, 0, 0, 0)},
		{" 2025-12-19 ", utc(2025, 12, 19, 0, 0, 0)},
		{"2025-1-5", utc(2025, 1, 5, 0, 0, 0)},
		{"2025-12-19T10:30:00Z", utc(2025, 12, 19, 10, 30, 0)},
		{"2025-12-19T10:30:00+02:00", time.Date(2025, 12, 19, 10, 30, 0, 0, time.FixedZone("", 7200))},
		{"2025-12-19T10:30:00.123456Z", time.Date(2025, 12, 19, 10, 30, 0, 123456000, time.UTC)},
		{"2025-12-19T10:30:00", utc(2025, 12, 19, 10, 30, 0)},
		{"2025-12-19T10:30:00-0500", time.Date(2025, 12, 19, 10, 30, 0, 0, time.FixedZone("", -5*3600))},
		{"2025-12-19T10:30", utc(2025, 12, 19, 10, 30, 0)},
		{"2025-12-19 10:30:00", utc(2025, 12, 19, 10, 30, 0)},
		{"2025-12-19 10:30", utc(2025, 12, 19, 10, 30, 0)},
		{"2025-12-19 10:30:00 +0100", time.Date(2025, 12, 19, 10, 30, 0, 0, time.FixedZone("", 3600))},
		{"2025-12-19 6:35 pm", utc(2025, 12, 19, 18, 35, 0)},
		{"12/19/2025", utc(2025, 12, 19, 0, 0, 0)},
		{"1/5/2026", utc(2026, 1, 5, 0, 0, 0)},     // month first, as in the US
		{"19/12/2025", utc(2025, 12, 19, 0, 0, 0)}, // 19 cannot be a month
		{"2025/12/19", utc(2025, 12, 19, 0, 0, 0)},
		{"19.12.2025", utc(2025, 12, 19, 0, 0, 0)},
		{"5.1.2026", utc(2026, 1, 5, 0, 0, 0)},
		{"19.12.2025 14:05", utc(2025, 12, 19, 14, 5, 0)},
		{"Dec 19, 2025", utc(2025, 12, 19, 0, 0, 0)},
		{"December 19, 2025", utc(2025, 12, 19, 0, 0, 0)},
		{"december 19 2025", utc(2025, 12, 19, 0, 0, 0)},
		{"19 December 2025", utc(2025, 12, 19, 0, 0, 0)},
		{"Sept. 3rd, 2025", utc(2025, 9, 3, 0, 0, 0)},
		{"Monday, January 5th 2026, 6:35:36 pm", utc(2026, 1, 5, 18, 35, 36)},
		{"Monday, January 5th 2026, 12:05:00 am", utc(2026, 1, 5, 0, 5, 0)},
		{"Friday, December 19th 2025, 12:00 pm", utc(2025, 12, 19, 12, 0, 0)},
		{"Jan 5 2026 18:35", utc(2026, 1, 5, 18, 35, 0)},
		{"Jan 5 2026 6:35pm", utc(2026, 1, 5, 18, 35, 0)},

		{"2025-13-45", time.Time{}},
		{"2025-02-30", time.Time{}},
		{"February 30, 2025", time.Time{}},
		{"13/13/2025", time.Time{}},
		{"YYYY-MM-DD", time.Time{}},
		{"{{date}}", time.Time{}},
		{"<% tp.date.now() %>", time.Time{}},
		{"", time.Time{}},
		{"yesterday", time.Time{}},
		{"not a date", time.Time{}},
		{"Dec 2025", time.Time{}},
		{"19 20 December 2025", time.Time{}},
		{"Jan 5 2026 13:00 pm", time.Time{}},
		{"Jan 5 2026 25:00", time.Time{}},
		{"0000-01-01", time.Time{}},
		{"20251219", time.Time{}},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
		if ok {
			if _, off := got.Zone(); off != func() int { _, o := tt.want.Zone(); return o }() {
				t.Errorf("ParseDate(%q) zone offset %d, want that of %v", tt.in, off, tt.want)
			}
		}
	}
}

func TestIsPlaceholder(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"", true},
		{"   ", true},
		{"{ Title }", true},
		{"{title}", true},
		{"{{title}}", true},
		{"{{date:YYYY-MM-DD}}", true},
		{"Notes from {{date}}", true},
		{"<% tp.file.title %>", true},
		{`<% tp.date.now("YYYY-MM-DD") %>`, true},
		{"YYYY-MM-DD", true},
		{"YYYY-MM-DD HH:mm", true},
		{"DD.MM.YYYY", true},
		{"Docker", false},
		{"{Set} theory", false},
		{"Maps {a: b} and {c}", false},
		{"C++ templates <T>", false},
		{"2025-12-19", false},
		{"DDD", false},
		{"MMMM", false},
		{"YYYY was a good year", false},
	}
	for _, tt := range tests {
		if got := IsPlaceholder(tt.in); got != tt.want {
			t.Errorf("IsPlaceholder(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// Daily notes name the weekday with the date, in whatever order the
// date format of the vault's daily notes put them.
func TestParseDateWithWeekday(t *testing.T) {
	may14 := time.Date(2023, 5, 14, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		in      string
		want    time.Time // zero: not a date
		weekday string    // the weekday written, when it is not the date's
	}{
		{"2023-05-14 Sunday", may14, ""},
		{"2023-05-14 Sun", may14, ""},
		{"2023-05-14, Sunday", may14, ""},
		{"2023-05-14 (Sunday)", may14, ""},
		{"2023-05-14 sunday", may14, ""},
		{"Sunday 2023-05-14", may14, ""},
		{"Sunday, 2023-05-14", may14, ""},
		{"Sun, 14.05.2023", may14, ""},
		{"14.05.2023 Sunday", may14, ""},
		{"14.05.2023", may14, ""},
		{"Sunday, May 14th 2023", may14, ""},
		{"Sun, 14 May 2023", may14, ""},
		{"Sunday 14 May 2023", may14, ""},
		{"05/14/2023 Sun.", may14, ""},
		{"2023/05/14 Sunday", may14, ""},
		{"2023-05-14 Sun 10:30", time.Date(2023, 5, 14, 10, 30, 0, 0, time.UTC), ""},
		{"2023-05-14 10:30 Sunday", time.Date(2023, 5, 14, 10, 30, 0, 0, time.UTC), ""},

		// A weekday that is not the date's: the date is kept, the weekday
		// is reported.
		{"2023-05-14 Monday", may14, "Monday"},
		{"2023-05-14 Mon", may14, "Mon"},
		{"Monday, May 14th 2023", may14, "Monday"},
		{"Tue, 14.05.2023", may14, "Tue"},

		{"2023-05-14 Sunday Monday", time.Time{}, ""},
		{"Sunday", time.Time{}, ""},
		{"2023-05-14 Sundae", time.Time{}, ""},
		{"2023-02-30 Thursday", time.Time{}, ""},
	}
	for _, tt := range tests {
		got, weekday, ok := parseDate(tt.in)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) || weekday != tt.weekday {
			t.Errorf("parseDate(%q) = %v, %q, %v; want %v, %q", tt.in, got, weekday, ok, tt.want, tt.weekday)
		}
		if got, ok := ParseDate(tt.in); ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
}
