package stages

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Lean says which way a date without a year or a bare weekday points when it
// could mean either: an interview or an event is usually in the past, a
// promised date, a deadline or a snooze in the future.
type Lean int

const (
	// LeanPast reads "fri" as the latest Friday (today included).
	LeanPast Lean = iota
	// LeanFuture reads "fri" as the next Friday (today included).
	LeanFuture
)

// DateExamples lists forms ParseWhen reads; refusals quote it.
const DateExamples = "2026-11-28, 2026-11-28 15:00, 28 Nov 15:00, fri 10:00, yesterday 15:00, today 3pm, last tuesday, in 3 days, +3d"

// ParseWhen reads a date and time the way people write them, relative to now
// and in now's location: everything ParseDateTime reads, and "today 3pm",
// "yesterday 15:00", "tomorrow", "fri 10:00", "last tuesday", "next fri",
// "28 Nov 15:00", "Nov 28 2026", "in 3 days", "3 days ago", "+3d", "-1w",
// "15:00" (today) and "now". A day without a time means 09:00, as in
// ParseDateTime. Day arithmetic is on civil dates, so "+1d" across a
// daylight-saving change keeps the clock time. Forms that could be read two
// ways (28/11, 11/12) are refused, with examples.
//
// afterview keeps its own small parser: olebedev/when misreads "28 Nov 15:00"
// and ISO dates and does not read "+3d"; markusmobius/go-dateparser does not
// read "last tuesday" or "next friday" and costs ~0.2 s and ~50 MB at start-up
// (its regular expressions run in WebAssembly), which would land in `today`.
func ParseWhen(s string, now time.Time, lean Lean) (time.Time, error) {
	d, clock, hasClock, err := parseSpoken(s, now, lean)
	if err != nil {
		return time.Time{}, err
	}
	if !hasClock {
		clock = 9 * 60
	}
	t := time.Date(d.Year, d.Month, d.Day, clock/60, clock%60, 0, 0, now.Location())
	return checkYear(s, t)
}

// ParseDay is ParseWhen for fields that hold a day: a time of day, if given,
// is not kept.
func ParseDay(s string, now time.Time, lean Lean) (Date, error) {
	d, _, _, err := parseSpoken(s, now, lean)
	if err != nil {
		return Date{}, err
	}
	if d.Year < MinYear || d.Year > MaxYear {
		return Date{}, fmt.Errorf("%q is outside the years %d to %d", s, MinYear, MaxYear)
	}
	return d, nil
}

// DescribeWhen says a resolved moment the way the screen says dates: "Thu 26
// Nov 15:00", with the year when it is not now's.
func DescribeWhen(t time.Time, now time.Time) string {
	return DescribeDay(DateOf(t), now) + " " + t.Format("15:04")
}

// DescribeDay says a resolved day: "Thu 26 Nov", with the year when it is
// not now's.
func DescribeDay(d Date, now time.Time) string {
	if d.Year != now.Year() {
		return d.Short() + " " + strconv.Itoa(d.Year)
	}
	return d.Short()
}

func notUnderstood(s string) error {
	return fmt.Errorf("%q is not a date and time I can read: try %s", s, DateExamples)
}

// parseSpoken returns the day, the clock time in minutes and whether one was
// given.
func parseSpoken(s string, now time.Time, lean Lean) (Date, int, bool, error) {
	raw := s
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, 0, false, fmt.Errorf("a date is needed: try %s", DateExamples)
	}
	if len(s) > 60 {
		return Date{}, 0, false, fmt.Errorf("%.20q… is too long for a date: try %s", s, DateExamples)
	}
	// The exact forms come first: they are what exports and scripts write.
	if t, err := ParseDateTime(s, now.Location()); err == nil {
		t = t.In(now.Location())
		hasClock := len(s) > len("2006-01-02")
		return DateOf(t), t.Hour()*60 + t.Minute(), hasClock, nil
	} else if len(s) >= 10 && s[4] == '-' && s[7] == '-' && strings.Contains(err.Error(), "outside the years") {
		return Date{}, 0, false, err
	}
	today := DateOf(now)
	words := strings.Fields(strings.ToLower(strings.NewReplacer(",", " ", ".", " ").Replace(s)))
	// The clock time is the last word or two ("15:00", "3pm", "3 pm", "at 3pm").
	clock, hasClock := 0, false
	if n := len(words); n >= 2 && (words[n-1] == "am" || words[n-1] == "pm") {
		words = append(words[:n-2], words[n-2]+words[n-1])
	}
	if n := len(words); n > 0 {
		if c, ok := parseClock(words[n-1]); ok {
			clock, hasClock = c, true
			words = words[:n-1]
			if n := len(words); n > 0 && words[n-1] == "at" {
				words = words[:n-1]
			}
		}
	}
	if len(words) == 0 {
		if !hasClock {
			return Date{}, 0, false, notUnderstood(raw)
		}
		return today, clock, true, nil
	}
	d, ok, err := parseDayWords(words, today, lean)
	if err != nil {
		return Date{}, 0, false, err
	}
	if !ok {
		if strings.ContainsAny(s, "/") {
			return Date{}, 0, false, fmt.Errorf("%q could be read two ways (day/month or month/day): write 2026-11-28 or 28 Nov instead", raw)
		}
		return Date{}, 0, false, notUnderstood(raw)
	}
	if len(words) == 1 && words[0] == "now" {
		if hasClock {
			return Date{}, 0, false, notUnderstood(raw)
		}
		return today, now.Hour()*60 + now.Minute(), true, nil
	}
	return d, clock, hasClock, nil
}

// parseClock reads "15:00", "9:30", "3pm", "3:30pm", "noon", "midnight".
func parseClock(w string) (int, bool) {
	switch w {
	case "noon", "midday":
		return 12 * 60, true
	case "midnight":
		return 0, true
	}
	ampm := ""
	if strings.HasSuffix(w, "am") || strings.HasSuffix(w, "pm") {
		ampm, w = w[len(w)-2:], w[:len(w)-2]
	}
	h, m := 0, 0
	hs, ms, colon := strings.Cut(w, ":")
	if !colon {
		hs, ms, colon = strings.Cut(w, "h")
		if colon && ms == "" {
			ms = "00"
		}
	}
	if !colon && ampm == "" {
		return 0, false
	}
	var err error
	if h, err = strconv.Atoi(hs); err != nil || len(hs) > 2 || h < 0 {
		return 0, false
	}
	if colon {
		if m, err = strconv.Atoi(ms); err != nil || len(ms) != 2 || m < 0 || m > 59 {
			return 0, false
		}
	}
	switch ampm {
	case "":
		if h > 23 {
			return 0, false
		}
	default:
		if h < 1 || h > 12 {
			return 0, false
		}
		h %= 12
		if ampm == "pm" {
			h += 12
		}
	}
	return h*60 + m, true
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday,
	"mon": time.Monday, "monday": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday,
	"wed": time.Wednesday, "wednesday": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"fri": time.Friday, "friday": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday,
}

func monthNamed(w string) (time.Month, bool) {
	if len(w) < 3 {
		return 0, false
	}
	for m := time.January; m <= time.December; m++ {
		name := strings.ToLower(m.String())
		if w == name || w == name[:3] || (len(w) >= 3 && strings.HasPrefix(name, w)) || (w == "sept" && m == time.September) {
			return m, true
		}
	}
	return 0, false
}

// parseDayWords reads the day part. ok is false when the words are not a
// form it knows; err is set when they are but say something impossible.
func parseDayWords(w []string, today Date, lean Lean) (Date, bool, error) {
	switch len(w) {
	case 1:
		switch w[0] {
		case "today", "now", "tonight":
			return today, true, nil
		case "yesterday":
			return today.AddDays(-1), true, nil
		case "tomorrow", "tmrw":
			return today.AddDays(1), true, nil
		}
		if wd, ok := weekdays[w[0]]; ok {
			if lean == LeanFuture {
				return nextWeekday(today, wd, true), true, nil
			}
			return lastWeekday(today, wd, true), true, nil
		}
		if n, unit, ok := signedOffset(w[0]); ok {
			return today.AddDays(n * unit), true, nil
		}
	case 2:
		if wd, ok := weekdays[w[1]]; ok {
			switch w[0] {
			case "last":
				return lastWeekday(today, wd, false), true, nil
			case "next":
				return nextWeekday(today, wd, false), true, nil
			case "this":
				return nextWeekday(today, wd, true), true, nil
			case "on":
				return parseDayWords(w[1:], today, lean)
			}
		}
		if w[0] == "next" && w[1] == "week" {
			return today.AddDays(7), true, nil
		}
		if w[0] == "last" && w[1] == "week" {
			return today.AddDays(-7), true, nil
		}
	}
	// "in 3 days", "3 days ago", "in a week"
	if len(w) == 3 && w[0] == "in" {
		if n, unit, ok := countedUnit(w[1], w[2]); ok {
			return today.AddDays(n * unit), true, nil
		}
	}
	if len(w) == 3 && w[2] == "ago" {
		if n, unit, ok := countedUnit(w[0], w[1]); ok {
			return today.AddDays(-n * unit), true, nil
		}
	}
	// A weekday before a calendar date is a check: "thu 26 nov".
	var named time.Weekday = -1
	if wd, ok := weekdays[w[0]]; ok && len(w) > 1 {
		named, w = wd, w[1:]
	}
	d, ok, err := calendarDay(w, today, lean)
	if err != nil || !ok {
		return d, ok, err
	}
	if named >= 0 && d.Weekday() != named {
		return Date{}, true, fmt.Errorf("%s is a %s, not a %s", DescribeDay(d, today.Time(time.UTC)), d.Weekday(), named)
	}
	return d, true, nil
}

// calendarDay reads "28 nov", "nov 28", "28 november 2026", "nov 28 2026".
func calendarDay(w []string, today Date, lean Lean) (Date, bool, error) {
	if len(w) < 2 || len(w) > 3 {
		return Date{}, false, nil
	}
	var day, year int
	var month time.Month
	if m, ok := monthNamed(w[0]); ok {
		month = m
		day = dayNumber(w[1])
	} else if m, ok := monthNamed(w[1]); ok {
		month = m
		day = dayNumber(w[0])
	} else {
		return Date{}, false, nil
	}
	if day == 0 {
		return Date{}, false, nil
	}
	if len(w) == 3 {
		y, err := strconv.Atoi(w[2])
		if err != nil || len(w[2]) != 4 {
			return Date{}, false, nil
		}
		year = y
	}
	if day > daysIn(month, max(year, 2000)) && (year != 0 || day > 29) {
		return Date{}, true, fmt.Errorf("%s has no day %d", month, day)
	}
	if year != 0 {
		if day > daysIn(month, year) {
			return Date{}, true, fmt.Errorf("%s %d has no day %d", month, year, day)
		}
		return Date{year, month, day}, true, nil
	}
	// Without a year, the occurrence nearest today; a tie goes the lean's way.
	best, bestDist := Date{}, 0
	for y := today.Year - 1; y <= today.Year+1; y++ {
		if day > daysIn(month, y) {
			continue
		}
		c := Date{y, month, day}
		dist := c.DaysSince(today)
		if dist < 0 {
			dist = -dist
		}
		better := best.IsZero() || dist < bestDist ||
			(dist == bestDist && (lean == LeanFuture) == c.After(today))
		if better {
			best, bestDist = c, dist
		}
	}
	return best, true, nil
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// dayNumber reads "28", "28th", "1st"; 0 when it is not one.
func dayNumber(w string) int {
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		w = strings.TrimSuffix(w, suf)
	}
	n, err := strconv.Atoi(w)
	if err != nil || len(w) > 2 || n < 1 || n > 31 {
		return 0
	}
	return n
}

// signedOffset reads "+3d", "-2d", "+1w".
func signedOffset(w string) (n, unit int, ok bool) {
	if len(w) < 3 || (w[0] != '+' && w[0] != '-') {
		return 0, 0, false
	}
	unit = map[byte]int{'d': 1, 'w': 7}[w[len(w)-1]]
	if unit == 0 {
		return 0, 0, false
	}
	n, err := strconv.Atoi(w[1 : len(w)-1])
	if err != nil || n < 0 || n > 3660 {
		return 0, 0, false
	}
	if w[0] == '-' {
		n = -n
	}
	return n, unit, true
}

// countedUnit reads "3 days", "a week", "2 weeks".
func countedUnit(count, unit string) (n, days int, ok bool) {
	switch count {
	case "a", "an", "one":
		n = 1
	default:
		v, err := strconv.Atoi(count)
		if err != nil || v < 0 || v > 3660 {
			return 0, 0, false
		}
		n = v
	}
	switch unit {
	case "day", "days":
		return n, 1, true
	case "week", "weeks":
		return n, 7, true
	}
	return 0, 0, false
}

// lastWeekday is the latest wd before today (or today itself, if orToday).
func lastWeekday(today Date, wd time.Weekday, orToday bool) Date {
	back := (int(today.Weekday()) - int(wd) + 7) % 7
	if back == 0 && !orToday {
		back = 7
	}
	return today.AddDays(-back)
}

// nextWeekday is the first wd after today (or today itself, if orToday).
func nextWeekday(today Date, wd time.Weekday, orToday bool) Date {
	ahead := (int(wd) - int(today.Weekday()) + 7) % 7
	if ahead == 0 && !orToday {
		ahead = 7
	}
	return today.AddDays(ahead)
}

// ParseDeadline reads an offer's response deadline: a day as ParseDay reads
// it, with the time of day when one is given ("fri 17:00", "2026-11-25
// 17:00", "25 Nov 5pm"), which comes back as FormatClock writes it ("17:00";
// "" for the day only). A time alone ("17:00") is refused: a deadline needs
// its day, and "today" is seldom what was meant.
func ParseDeadline(s string, now time.Time, lean Lean) (Date, string, error) {
	words := strings.Fields(strings.ToLower(s))
	if n := len(words); n == 2 && (words[1] == "am" || words[1] == "pm") {
		words = []string{words[0] + words[1]}
	}
	if len(words) > 0 && words[0] == "at" {
		words = words[1:]
	}
	if len(words) == 1 {
		if _, ok := parseClock(words[0]); ok {
			return Date{}, "", fmt.Errorf("%q is a time of day without its day: give the day too, e.g. \"fri %s\" or \"2026-11-25 %s\"", shorten(strings.TrimSpace(s)), words[0], words[0])
		}
	}
	d, clock, hasClock, err := parseSpoken(s, now, lean)
	if err != nil {
		return Date{}, "", err
	}
	if d.Year < MinYear || d.Year > MaxYear {
		return Date{}, "", fmt.Errorf("%q is outside the years %d to %d", s, MinYear, MaxYear)
	}
	if !hasClock {
		return d, "", nil
	}
	return d, FormatClock(clock), nil
}
