package stages

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// Calendar says which days are business days: the days of the work week,
// less public holidays and the user's own days off. A nil *Calendar is
// docs/rules.md's default: Monday to Friday, no holidays.
//
// A Calendar is safe for concurrent use. Holidays are worked out once per
// year (with the years either side, for holidays observed across the turn
// of a year), the first time a date of that year is asked about, never per
// day.
type Calendar struct {
	// work is true for the days of the week worked, indexed by time.Weekday.
	work [7]bool
	// holidays gives a year's public holidays (nil: none); HolidaysName
	// says whose they are ("US"), for people.
	holidays     func(year int) []Date
	HolidaysName string
	daysOff      []Date
	// years caches each year's days off (holidays and the user's own), as
	// a bit per day of the year; years outside MinYear..MaxYear have none.
	years [MaxYear - MinYear + 1]atomic.Pointer[yearOff]
}

// yearOff is one year's non-working weekdays: bit i is set when the i-th
// day of the year (0 is 1 January) is a holiday or a day off.
type yearOff struct {
	first, end int // days() of 1 January and of the next 1 January
	bits       [6]uint64
}

// off reports whether day z (a days() number within the year) is off.
func (y *yearOff) off(z int) bool {
	i := z - y.first
	return y.bits[i/64]&(1<<(i%64)) != 0
}

// DefaultWorkWeek is Monday to Friday.
var DefaultWorkWeek = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

// NewCalendar builds a calendar from the days of the week worked, a source of
// public holidays per year (nil for none, named by holidaysName) and the
// user's own days off.
func NewCalendar(workWeek []time.Weekday, holidaysName string, holidays func(year int) []Date, daysOff []Date) (*Calendar, error) {
	if len(workWeek) == 0 {
		return nil, errors.New("a work week needs at least one day")
	}
	c := &Calendar{holidays: holidays, HolidaysName: holidaysName, daysOff: slices.Clone(daysOff)}
	for _, d := range workWeek {
		if d < time.Sunday || d > time.Saturday {
			return nil, fmt.Errorf("%d is not a day of the week", d)
		}
		c.work[d] = true
	}
	slices.SortFunc(c.daysOff, Date.Compare)
	return c, nil
}

// WorkWeek lists the days of the week worked, from the first after a day
// not worked (Sunday to Thursday starts on Sunday), else from Monday.
func (c *Calendar) WorkWeek() []time.Weekday {
	if c == nil {
		return slices.Clone(DefaultWorkWeek)
	}
	start := time.Monday
	for d := time.Sunday; d <= time.Saturday; d++ {
		if c.work[d] && !c.work[(d+6)%7] {
			start = d
			break
		}
	}
	var out []time.Weekday
	for i := range 7 {
		if d := (start + time.Weekday(i)) % 7; c.work[d] {
			out = append(out, d)
		}
	}
	return out
}

// DaysOff lists the user's own days off, in date order.
func (c *Calendar) DaysOff() []Date {
	if c == nil {
		return nil
	}
	return slices.Clone(c.daysOff)
}

// Holidays lists the public holidays of a year that fall on a day of the
// work week, in date order.
func (c *Calendar) Holidays(year int) []Date {
	if c == nil || c.holidays == nil {
		return nil
	}
	var out []Date
	for _, d := range c.holidaysAround(year) {
		if d.Year == year && c.work[d.Weekday()] {
			out = append(out, d)
		}
	}
	slices.SortFunc(out, Date.Compare)
	return slices.Compact(out)
}

// holidaysAround asks the source for the years either side of year as well:
// a holiday is observed across the turn of a year (New Year's Day on a
// Saturday is taken on the Friday before, 31 December).
func (c *Calendar) holidaysAround(year int) []Date {
	var out []Date
	for y := year - 1; y <= year+1; y++ {
		out = append(out, c.holidays(y)...)
	}
	return out
}

// IsBusinessDay reports whether d is a working day: in the work week, and
// neither a public holiday nor one of the user's days off.
func (c *Calendar) IsBusinessDay(d Date) bool {
	if c == nil {
		return d.IsBusinessDay()
	}
	if !c.work[d.Weekday()] {
		return false
	}
	if c.holidays == nil && len(c.daysOff) == 0 {
		return true
	}
	y := c.year(d.Year)
	return y == nil || !y.off(d.days())
}

// year returns the days off of a year, working them out on first use. Two
// goroutines may both work out the same year; they get the same answer.
func (c *Calendar) year(year int) *yearOff {
	if year < MinYear || year > MaxYear {
		return nil
	}
	slot := &c.years[year-MinYear]
	if y := slot.Load(); y != nil {
		return y
	}
	y := &yearOff{first: NewDate(year, time.January, 1).days(), end: NewDate(year+1, time.January, 1).days()}
	mark := func(d Date) {
		if d.Year == year {
			i := d.days() - y.first
			y.bits[i/64] |= 1 << (i % 64)
		}
	}
	if c.holidays != nil {
		for _, d := range c.holidaysAround(year) {
			mark(d)
		}
	}
	for _, d := range c.daysOff {
		mark(d)
	}
	slot.Store(y)
	return y
}

// AddBusinessDays moves n business days forward (n > 0) or back (n < 0).
// With n == 0 it returns d unchanged.
func (c *Calendar) AddBusinessDays(d Date, n int) Date {
	if c == nil {
		return d.AddBusinessDays(n)
	}
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	// Day numbers rather than Dates, and the year's days off kept at hand
	// until the count crosses into another year: this runs for every
	// prompt of every application.
	z := d.days()
	lookup := c.holidays != nil || len(c.daysOff) > 0
	var y *yearOff
	for n > 0 {
		z += step
		w := (z + 4) % 7 // 1970-01-01 was a Thursday
		if w < 0 {
			w += 7
		}
		if !c.work[w] {
			continue
		}
		if lookup {
			if y == nil || z < y.first || z >= y.end {
				y = c.year(fromDays(z).Year)
			}
			if y != nil && y.off(z) {
				continue
			}
		}
		n--
	}
	return fromDays(z)
}

// NextBusinessDay is the first business day strictly after d.
func (c *Calendar) NextBusinessDay(d Date) Date { return c.AddBusinessDays(d, 1) }

// Describe says in words which days count: "Monday to Friday, less US
// public holidays and 2 days off".
func (c *Calendar) Describe() string {
	days := c.WorkWeek()
	names := make([]string, len(days))
	for i, d := range days {
		names[i] = d.String()
	}
	var s string
	if contiguous(days) && len(days) > 2 {
		s = names[0] + " to " + names[len(names)-1]
	} else {
		s = strings.Join(names, ", ")
	}
	var less []string
	if c != nil && c.HolidaysName != "" {
		less = append(less, c.HolidaysName+" public holidays")
	}
	if c != nil && len(c.daysOff) > 0 {
		less = append(less, fmt.Sprintf("%d %s off", len(c.daysOff), Plural(len(c.daysOff), "day", "days")))
	}
	if len(less) > 0 {
		s += ", less " + strings.Join(less, " and ")
	}
	return s
}

// contiguous reports whether the days follow one another (Sunday after
// Saturday wraps round).
func contiguous(days []time.Weekday) bool {
	for i := 1; i < len(days); i++ {
		if (days[i-1]+1)%7 != days[i] {
			return false
		}
	}
	return true
}
