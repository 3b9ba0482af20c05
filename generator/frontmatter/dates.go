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
// and Templater's "Monday, January 5th 2026, 6:35:36 pm". A weekday
// written before or after the date, as daily notes name theirs
// ("2023-05-14 Sunday", "Sun, 14.05.2023"), is read and left out. A date
// without a zone is taken as UTC. It reports false for placeholders,
// impossible dates ("2025-13-45") and anything else it cannot read.
func ParseDate(s string) (time.Time, bool) {
	t, _, ok := parseDate(s)
	return t, ok
}

// parseDate is ParseDate, also returning the weekday s names when that is
// not the date's weekday ("Monday" of "2023-05-14 Monday"), as written.
func parseDate(s string) (t time.Time, wrongWeekday string, ok bool) {
	s = strings.TrimSpace(s)
	rest, name, day, named := cutWeekday(s)
	if named {
		s = rest
	}
	if t, ok = parseDateOnly(s); ok && named && t.Weekday() != day {
		wrongWeekday = name
	}
	return t, wrongWeekday, ok
}

// cutWeekday returns s without the one weekday it names as a word
// ("Sunday", "Sun", "sun."), with the commas, brackets and spaces that
// set the weekday apart: "2023-05-14 (Sunday)" is "2023-05-14". named is
// false when s names no weekday or more than one.
func cutWeekday(s string) (rest, name string, day time.Weekday, named bool) {
	start, end := -1, -1
	for i := 0; i < len(s); {
		j := i
		for j < len(s) && isLetter(s[j]) {
			j++
		}
		if j == i {
			i++
			continue
		}
		if d, ok := weekdays[strings.ToLower(s[i:j])]; ok {
			if start >= 0 {
				return "", "", 0, false
			}
			start, end, day = i, j, d
		}
		i = j
	}
	if start < 0 {
		return "", "", 0, false
	}
	name = s[start:end]
	before := strings.TrimSuffix(s[:start], "(")
	after := strings.TrimPrefix(strings.TrimPrefix(s[end:], "."), ")")
	before = strings.TrimRight(before, " ,\t")
	after = strings.TrimLeft(after, " ,\t")
	if before != "" && after != "" {
		return before + " " + after, name, day, true
	}
	return before + after, name, day, true
}

func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }

// parseDateOnly reads a date that names no weekday (but for the words
// parseWords reads).
func parseDateOnly(s string) (time.Time, bool) {
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

var weekdays = map[string]time.Weekday{
	"mon": time.Monday, "monday": time.Monday, "tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday,
	"wed": time.Wednesday, "wednesday": time.Wednesday, "thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday,
	"thursday": time.Thursday, "fri": time.Friday, "friday": time.Friday, "sat": time.Saturday, "saturday": time.Saturday,
	"sun": time.Sunday, "sunday": time.Sunday,
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
		case isWeekday(w):
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

func isWeekday(w string) bool {
	_, ok := weekdays[strings.TrimSuffix(w, ".")]
	return ok
}
