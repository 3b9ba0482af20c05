package frontmatter

import (
	"strconv"
	"strings"
	"time"
)

// numericLayouts are tried in order for dates written with digits only.
// Day-first and month-first forms are told apart by their separator:
// "12/19/2025" is month-first (US), "19.12.2025" is day-first; a slash
// date whose first number cannot be a month is read day-first.
var (
	isoLayouts = []string{
		"2006-1-2",
		time.RFC3339, // fractional seconds are accepted by time.Parse
		"2006-1-2T15:04:05-0700",
		"2006-1-2T15:04:05",
		"2006-1-2T15:04",
		"2006-1-2 15:04:05Z07:00",
		"2006-1-2 15:04:05 Z07:00",
		"2006-1-2 15:04:05 -0700",
		"2006-1-2 15:04:05 -0700 MST",
		"2006-1-2 15:04:05",
		"2006-1-2 15:04",
		"2006-1-2T15:04Z07:00",
		"2006-1-2 15:04Z07:00",
		"2006-1-2 3:04 pm",
		"2006-1-2 3:04:05 pm",
		"2006-1-2 15:04:05 MST",
	}
	slashLayouts = []string{"1/2/2006", "2/1/2006", "2006/1/2", "1/2/2006 15:04", "1/2/2006 15:04:05", "2006/1/2 15:04", "2006/1/2 15:04:05"}
	dotLayouts   = []string{"2.1.2006", "2006.1.2", "2.1.2006 15:04", "2.1.2006 15:04:05"}
)

// ParseDate reads a date written the ways people write them in notes:
// ISO dates and date-times with or without a zone ("2025-12-19",
// "2025-12-19T10:30:00+02:00", "2025-12-19 10:30"), "12/19/2025",
// "19.12.2025", "Dec 19, 2025", "December 19, 2025", "19 December 2025",
// and Templater's "Monday, January 5th 2026, 6:35:36 pm". A date without a
// zone is taken as UTC. It reports false for placeholders, impossible
// dates ("2025-13-45") and anything else it cannot read.
func ParseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 6 || len(s) > 64 || IsPlaceholder(s) {
		return time.Time{}, false
	}
	var layouts []string
	switch {
	case isDigit(s[0]) && len(s) >= 8 && isDigit(s[3]) && (s[4] == '-'):
		layouts = isoLayouts
	case isDigit(s[0]) && strings.IndexByte(s, '/') > 0:
		layouts = slashLayouts
	case isDigit(s[0]) && strings.IndexByte(s, '.') > 0:
		layouts = dotLayouts
	default:
		return parseWords(s)
	}
	lower := strings.ToLower(s)
	for _, l := range layouts {
		v := s
		if strings.Contains(l, "pm") {
			v = lower
		}
		if t, err := time.Parse(l, v); err == nil {
			return valid(t)
		}
	}
	return time.Time{}, false
}

func valid(t time.Time) (time.Time, bool) {
	if t.Year() < 1 || t.Year() > 9999 || t.IsZero() {
		return time.Time{}, false
	}
	return t, true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

var months = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

var weekdays = map[string]bool{
	"mon": true, "monday": true, "tue": true, "tues": true, "tuesday": true,
	"wed": true, "wednesday": true, "thu": true, "thur": true, "thurs": true,
	"thursday": true, "fri": true, "friday": true, "sat": true, "saturday": true,
	"sun": true, "sunday": true,
}

// parseWords reads dates that spell the month: "Dec 19, 2025",
// "December 19, 2025", "19 December 2025", "Monday, January 5th 2026,
// 6:35:36 pm". It reads word by word instead of trying a layout per
// combination of weekday, ordinal suffix, comma and clock.
func parseWords(s string) (time.Time, bool) {
	var (
		month              time.Month
		day, year          = -1, -1
		hour, min, sec     = 0, 0, 0
		clock, pm, am      bool
		numbersBeforeMonth int
	)
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == ' ' || r == ',' || r == '\t' })
	for _, w := range words {
		switch {
		case months[strings.TrimSuffix(w, ".")] != 0 && month == 0:
			month = months[strings.TrimSuffix(w, ".")]
		case weekdays[strings.TrimSuffix(w, ".")]:
		case w == "pm" || w == "p.m.":
			pm = true
		case w == "am" || w == "a.m.":
			am = true
		case strings.Contains(w, ":") && !clock:
			w, pm = strings.CutSuffix(w, "pm")
			if !pm {
				w, am = strings.CutSuffix(w, "am")
			}
			parts := strings.Split(w, ":")
			if len(parts) < 2 || len(parts) > 3 {
				return time.Time{}, false
			}
			var nums [3]int
			for i, p := range parts {
				n, err := strconv.Atoi(p)
				if err != nil || len(p) > 2 {
					return time.Time{}, false
				}
				nums[i] = n
			}
			hour, min, sec, clock = nums[0], nums[1], nums[2], true
		default:
			n, ok := ordinal(w)
			switch {
			case !ok:
				return time.Time{}, false
			case len(w) == 4 && year < 0 && n >= 1000:
				year = n
			case day < 0 && n >= 1 && n <= 31:
				day = n
				if month == 0 {
					numbersBeforeMonth++
				}
			default:
				return time.Time{}, false
			}
		}
	}
	if month == 0 || day < 0 || year < 0 || numbersBeforeMonth > 1 {
		return time.Time{}, false
	}
	if pm || am {
		if hour < 1 || hour > 12 {
			return time.Time{}, false
		}
		hour %= 12
		if pm {
			hour += 12
		}
	}
	if hour > 23 || min > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, month, day, hour, min, sec, 0, time.UTC)
	if t.Day() != day { // February 30th rolled over into March
		return time.Time{}, false
	}
	return valid(t)
}

// ordinal reads "5", "5th", "1st", "22nd", "3rd".
func ordinal(w string) (int, bool) {
	for _, suf := range [...]string{"st", "nd", "rd", "th"} {
		if t, ok := strings.CutSuffix(w, suf); ok {
			w = t
			break
		}
	}
	if w == "" || len(w) > 4 {
		return 0, false
	}
	n, err := strconv.Atoi(w)
	return n, err == nil && w[0] != '+' && w[0] != '-'
}
