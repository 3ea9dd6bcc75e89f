// Package stages is afterview's domain: process templates, applications and
// their event log, civil dates and business days, and the prompt engine that
// turns all of it into what to do today. It does no I/O and has no clock of its
// own: every rule takes "now" or "today" as a parameter.
package stages

import (
	"fmt"
	"strings"
	"time"
)

// Date is a civil calendar date with no time of day and no time zone. Day
// counts between Dates never go wrong across daylight-saving changes, because
// no clock time is involved.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// MinYear and MaxYear bound the dates afterview accepts from people.
const (
	MinYear = 1990
	MaxYear = 2100
)

// DateOf returns the civil date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// NewDate builds a Date, normalising out-of-range days like time.Date does.
func NewDate(year int, month time.Month, day int) Date {
	return DateOf(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date: use YYYY-MM-DD, for example 2026-11-20", s)
	}
	d := DateOf(t)
	if d.Year < MinYear || d.Year > MaxYear {
		return Date{}, fmt.Errorf("%q is outside the years %d to %d", s, MinYear, MaxYear)
	}
	return d, nil
}

// ParseDateTime reads "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "YYYY-MM-DD HH:MM" or
// RFC 3339, in loc when the text carries no offset. A bare date means 09:00.
func ParseDateTime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	layouts := []string{"2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02"}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return checkYear(s, t)
	}
	for _, l := range layouts {
		if l == "2006-01-02" {
			// The civil date first: midnight may not exist in loc (Chile
			// moves its clocks at midnight), and parsing it there can land
			// on the day before.
			t, err := time.Parse(l, s)
			if err != nil {
				continue
			}
			return checkYear(s, time.Date(t.Year(), t.Month(), t.Day(), 9, 0, 0, 0, loc))
		}
		t, err := time.ParseInLocation(l, s, loc)
		if err != nil {
			continue
		}
		return checkYear(s, t)
	}
	return time.Time{}, fmt.Errorf("%q is not a date and time: use YYYY-MM-DD or YYYY-MM-DDTHH:MM, for example 2026-11-20T15:00", s)
}

func checkYear(s string, t time.Time) (time.Time, error) {
	if t.Year() < MinYear || t.Year() > MaxYear {
		return time.Time{}, fmt.Errorf("%q is outside the years %d to %d", s, MinYear, MaxYear)
	}
	return t, nil
}

// IsZero reports whether d is the zero Date (no date set).
func (d Date) IsZero() bool { return d == Date{} }

func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes YYYY-MM-DD (empty for the zero Date).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD; empty text is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	t, err := time.Parse("2006-01-02", string(b))
	if err != nil {
		return fmt.Errorf("%q is not a date (YYYY-MM-DD)", string(b))
	}
	*d = DateOf(t)
	return nil
}

// days is the number of days since 1970-01-01 (proleptic Gregorian), computed
// without time.Time so that it is cheap in hot loops.
func (d Date) days() int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
		m += 12
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	doy := (153*(m-3)+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

func fromDays(z int) Date {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{y, time.Month(m), day}
}

// AddDays returns d moved by n calendar days.
func (d Date) AddDays(n int) Date { return fromDays(d.days() + n) }

// DaysSince returns the calendar days from other to d (negative if d is earlier).
func (d Date) DaysSince(other Date) int { return d.days() - other.days() }

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday {
	// 1970-01-01 was a Thursday.
	w := (d.days() + 4) % 7
	if w < 0 {
		w += 7
	}
	return time.Weekday(w)
}

// IsBusinessDay reports whether d falls Monday to Friday.
func (d Date) IsBusinessDay() bool {
	w := d.Weekday()
	return w != time.Saturday && w != time.Sunday
}

// AddBusinessDays moves n business days forward (n > 0) or back (n < 0),
// skipping Saturdays and Sundays. With n == 0 it returns d unchanged.
func (d Date) AddBusinessDays(n int) Date {
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		d = d.AddDays(step)
		if d.IsBusinessDay() {
			n--
		}
	}
	return d
}

// NextBusinessDay is the first business day strictly after d.
func (d Date) NextBusinessDay() Date { return d.AddBusinessDays(1) }

// Before, After and Compare order dates.
func (d Date) Before(o Date) bool { return d.days() < o.days() }
func (d Date) After(o Date) bool  { return d.days() > o.days() }
func (d Date) Compare(o Date) int {
	a, b := d.days(), o.days()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// MondayOf returns the Monday of d's week (weeks run Monday to Sunday).
func (d Date) MondayOf() Date {
	off := (int(d.Weekday()) + 6) % 7
	return d.AddDays(-off)
}

// Time returns the start of d in loc: midnight, or, where the clocks skip
// midnight (Chile moves them then), the first instant of the day.
func (d Date) Time(loc *time.Location) time.Time {
	t := time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
	if DateOf(t) != d {
		// Midnight fell in a gap and was taken as the evening before: the
		// day starts when the clocks jump.
		_, end := t.ZoneBounds()
		t = end
	}
	return t
}

// Short formats d the way the screen says it: "Fri 27 Nov".
func (d Date) Short() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%s %d %s", d.Weekday().String()[:3], d.Day, d.Month.String()[:3])
}
