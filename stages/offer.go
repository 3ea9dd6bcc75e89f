package stages

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Offer limits. MaxOfferAmount keeps every sum the comparison makes (four
// years of base and bonus plus the grant) far inside int64.
const (
	MaxOfferAmount   = 1_000_000_000_000
	MaxVestYears     = 10
	DefaultVestYears = 4
	ComparisonYears  = 4
	// vestScheduleSlack is how far, in millionths of the grant (0.01
	// percentage points), a typed schedule such as 33.33/33.33/33.33 may be
	// off 100%; the last year takes up the difference.
	vestScheduleSlack = 100
)

// Known reports whether the offer's numbers are known: its base is given.
// A verbal offer with numbers to follow is not; it has no totals.
func (o *Offer) Known() bool { return o.Base != nil }

// value is an amount as it counts: one not given counts as none.
func value(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// BaseValue, SignOnValue and StockValue are the amounts as they count in
// totals: a part not given counts as none.
func (o *Offer) BaseValue() int64   { return value(o.Base) }
func (o *Offer) SignOnValue() int64 { return value(o.SignOn) }
func (o *Offer) StockValue() int64  { return value(o.Stock) }

// YearlyBonus is the bonus for one year: the amount when one is given,
// otherwise BonusPercent of base, rounded to the nearest whole unit.
func (o *Offer) YearlyBonus() int64 {
	if o.Bonus != nil {
		return *o.Bonus
	}
	if o.BonusPercent == nil || o.Base == nil {
		return 0
	}
	return int64(math.Round(float64(*o.Base) * *o.BonusPercent / 100))
}

// VestYearsOrDefault is the number of years the grant vests over: the length
// of the schedule when there is one, VestYears when set, else four.
func (o *Offer) VestYearsOrDefault() int {
	switch {
	case len(o.VestSchedule) > 0:
		return len(o.VestSchedule)
	case o.VestYears > 0:
		// Validate refuses more; the cap keeps a bad record from allocating
		// a huge table.
		return min(o.VestYears, MaxVestYears)
	}
	return DefaultVestYears
}

// VestingByYear splits the stock grant into the amounts that vest each year:
// by the VestSchedule percentages when given, otherwise evenly over the vest
// years. Every year but the last is rounded down and the last takes the
// remainder, so the amounts always add up to Stock exactly. It returns nil
// when there is no stock.
func (o *Offer) VestingByYear() []int64 {
	stock := o.StockValue()
	if stock <= 0 {
		return nil
	}
	years := o.VestYearsOrDefault()
	out := make([]int64, years)
	var given int64
	for i := 0; i < years-1; i++ {
		if len(o.VestSchedule) > 0 {
			// Millionths of the grant, in integers, so that 15% of 100,000 is
			// 15,000 and not 14,999 after a float rounds the wrong way.
			out[i] = stock * percentMillionths(o.VestSchedule[i]) / 1_000_000
		} else {
			out[i] = stock / int64(years)
		}
		given += out[i]
	}
	out[years-1] = stock - given
	return out
}

// percentMillionths turns a percentage into millionths of the whole
// (15 -> 150,000), clamped to 0..100%.
func percentMillionths(pct float64) int64 {
	m := int64(math.Round(pct * 10_000))
	return max(0, min(m, 1_000_000))
}

// OfferSummary is what the offer comparison shows for one offer. The totals
// are nil while the offer's numbers are unknown (see Known).
type OfferSummary struct {
	Year1Cash  *int64 `json:"year1_cash"`  // base + bonus + sign-on
	Year1Total *int64 `json:"year1_total"` // year-1 cash + stock vesting in year 1
	// FourYearTotal is four years of base and bonus, the sign-on once, and
	// the stock that vests in years one to four.
	FourYearTotal *int64 `json:"four_year_total"`
	// UnvestedAfterYear1 is the stock still to vest after year one: what the
	// candidate would walk away from by leaving then.
	UnvestedAfterYear1 *int64 `json:"unvested_after_year1"`
	// Deadline is the response deadline: given, or assumed a week after the
	// offer arrived (DeadlineAssumed); zero when neither is known.
	Deadline        Date `json:"deadline,omitzero"`
	DeadlineAssumed bool `json:"deadline_assumed"`
	// DaysLeft counts calendar days from today to the deadline: 0 on the
	// day, negative once it has passed, 0 when there is no deadline.
	DaysLeft int `json:"days_left"`
}

// Summary computes the comparison figures for the offer as of now, whose
// zone is the user's: an assumed deadline and today are both taken in it.
func (o *Offer) Summary(now time.Time) OfferSummary {
	var s OfferSummary
	if !o.Deadline.IsZero() || !o.Received.IsZero() {
		s.Deadline = o.OfferDeadline(now.Location())
		s.DeadlineAssumed = o.Deadline.IsZero()
		s.DaysLeft = s.Deadline.DaysSince(DateOf(now))
	}
	if !o.Known() {
		return s
	}
	base, bonus := o.BaseValue(), o.YearlyBonus()
	vest := o.VestingByYear()
	var year1Stock, fourYearStock int64
	for i, v := range vest {
		if i == 0 {
			year1Stock = v
		}
		if i < ComparisonYears {
			fourYearStock += v
		}
	}
	cash := base + bonus + o.SignOnValue()
	s.Year1Cash = &cash
	s.Year1Total = new(cash + year1Stock)
	s.FourYearTotal = new(ComparisonYears*(base+bonus) + o.SignOnValue() + fourYearStock)
	s.UnvestedAfterYear1 = new(max(o.StockValue(), 0) - year1Stock)
	return s
}

// AssumedDeadlineDays is how many calendar days afterview counts to an
// offer's deadline when the company gave none (rule 6).
const AssumedDeadlineDays = 7

// OfferDeadline is the offer's response deadline: the one given, or a week
// after it arrived (an assumed deadline, for afterview's own countdown
// only), the day it arrived taken in loc, the user's current zone, whatever
// zone it was logged in (nil: UTC). An offer logged on Mon 23 Nov at 18:00
// in Los Angeles arrived on Tue 24 Nov in Tokyo, and is assumed to run to
// Tue 1 Dec there.
func (o *Offer) OfferDeadline(loc *time.Location) Date {
	if !o.Deadline.IsZero() {
		return o.Deadline
	}
	if loc == nil {
		loc = time.UTC
	}
	return DateOf(o.Received.In(loc)).AddDays(AssumedDeadlineDays)
}

// ParseClock reads a time of day as a deadline carries it, "17:00" or
// "9:30" (24-hour clock), and returns the minutes since midnight.
func ParseClock(s string) (minutes int, err error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || len(m) != 2 || len(h) == 0 || len(h) > 2 || hh < 0 || hh > 23 || mm < 0 || mm > 59 {
		return 0, fmt.Errorf("%q is not a time of day such as 17:00 or 9:30", shorten(s))
	}
	return hh*60 + mm, nil
}

// clockOrder orders deadlines on one day by their time of day: a day given
// without a time lasts until its end, after every time.
func clockOrder(clock string) int {
	if m, err := ParseClock(clock); clock != "" && err == nil {
		return m
	}
	return 24 * 60
}

// FormatClock is minutes since midnight as a deadline's time of day: "17:00".
func FormatClock(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }

// DeadlineWords is the deadline the company gave as people read it, with
// its time of day when there is one: "Fri 20 Nov 17:00"; "" when none was
// given.
func (o *Offer) DeadlineWords() string {
	if o.Deadline.IsZero() {
		return ""
	}
	if o.DeadlineTime != "" {
		return o.Deadline.Short() + " " + o.DeadlineTime
	}
	return o.Deadline.Short()
}

// DeadlineAt is the instant the deadline falls in loc: the deadline's day at
// its time of day; ok is false when the company gave no time of day (or no
// deadline).
func (o *Offer) DeadlineAt(loc *time.Location) (at time.Time, ok bool) {
	if o.Deadline.IsZero() || o.DeadlineTime == "" {
		return time.Time{}, false
	}
	m, err := ParseClock(o.DeadlineTime)
	if err != nil {
		return time.Time{}, false
	}
	return time.Date(o.Deadline.Year, o.Deadline.Month, o.Deadline.Day, m/60, m%60, 0, 0, loc), true
}

// Revised is the offer after a revision: each term the revision gives
// replaces the current one, each it leaves out keeps its value. A bonus
// given one way (amount or percent) drops the other. The received time
// stays the first offer's.
func (o Offer) Revised(rev Offer) Offer {
	out := o
	out.VestSchedule = slices.Clone(o.VestSchedule)
	if rev.Currency != "" {
		out.Currency = rev.Currency
	}
	if rev.Base != nil {
		out.Base = new(*rev.Base)
	}
	if rev.Bonus != nil || rev.BonusPercent != nil {
		out.Bonus, out.BonusPercent = nil, nil
		if rev.Bonus != nil {
			out.Bonus = new(*rev.Bonus)
		}
		if rev.BonusPercent != nil {
			out.BonusPercent = new(*rev.BonusPercent)
		}
	}
	if rev.SignOn != nil {
		out.SignOn = new(*rev.SignOn)
	}
	if rev.Stock != nil {
		out.Stock = new(*rev.Stock)
	}
	if rev.VestYears != 0 || len(rev.VestSchedule) > 0 {
		out.VestYears, out.VestSchedule = rev.VestYears, slices.Clone(rev.VestSchedule)
	}
	if !rev.Deadline.IsZero() {
		// A new deadline comes with its own time of day, or none.
		out.Deadline, out.DeadlineTime = rev.Deadline, rev.DeadlineTime
	}
	if out.Received.IsZero() {
		out.Received = rev.Received
	}
	return out
}

// SameTerms reports whether two offers have the same terms (the received
// time aside).
func (o *Offer) SameTerms(p *Offer) bool {
	eq := func(a, b *int64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
	eqf := func(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
	return strings.EqualFold(o.Currency, p.Currency) && eq(o.Base, p.Base) && eq(o.Bonus, p.Bonus) &&
		eqf(o.BonusPercent, p.BonusPercent) && eq(o.SignOn, p.SignOn) && eq(o.Stock, p.Stock) &&
		o.VestYears == p.VestYears && slices.Equal(o.VestSchedule, p.VestSchedule) && o.Deadline == p.Deadline &&
		o.DeadlineTime == p.DeadlineTime
}

// Clone returns a deep copy of the offer.
func (o *Offer) Clone() *Offer {
	if o == nil {
		return nil
	}
	c := o.Revised(Offer{})
	return &c
}

// Validate checks an offer's terms, naming each field that is wrong and
// what to type instead.
func (o *Offer) Validate() error {
	var errs []error
	amount := func(field string, p *int64) {
		if p == nil {
			return
		}
		switch v := *p; {
		case v < 0:
			errs = append(errs, fmt.Errorf("%s: %d is negative; enter a whole amount of 0 or more", field, v))
		case v > MaxOfferAmount:
			errs = append(errs, fmt.Errorf("%s: %d is too large (at most %d)", field, v, int64(MaxOfferAmount)))
		}
	}
	amount("base", o.Base)
	amount("bonus", o.Bonus)
	amount("sign-on", o.SignOn)
	amount("stock", o.Stock)
	if p := o.BonusPercent; p != nil && (math.IsNaN(*p) || *p < 0 || *p > 100) {
		errs = append(errs, fmt.Errorf("bonus percent: %v is not between 0 and 100", *p))
	}
	if o.VestYears < 0 || o.VestYears > MaxVestYears {
		errs = append(errs, fmt.Errorf("vesting years: %d is not between 1 and %d", o.VestYears, MaxVestYears))
	}
	if n := len(o.VestSchedule); n > 0 {
		sum := 0.0
		var millionths int64
		ok := true
		for i, p := range o.VestSchedule {
			if math.IsNaN(p) || p < 0 || p > 100 {
				errs = append(errs, fmt.Errorf("vesting schedule: year %d is %v%%; each year must be between 0 and 100", i+1, p))
				ok = false
			}
			sum += p
			millionths += percentMillionths(p)
		}
		if n > MaxVestYears {
			errs = append(errs, fmt.Errorf("vesting schedule: %d years is too many (at most %d)", n, MaxVestYears))
		}
		if ok && (millionths < 1_000_000-vestScheduleSlack || millionths > 1_000_000+vestScheduleSlack) {
			errs = append(errs, fmt.Errorf("vesting schedule: the years add up to %s%%, not 100%% (for example 25/25/25/25 or 5/15/40/40)", strconv.FormatFloat(math.Round(sum*10_000)/10_000, 'f', -1, 64)))
		}
		if o.VestYears > 0 && o.VestYears != n {
			errs = append(errs, fmt.Errorf("vesting: %d years given but the schedule has %d; leave the years out or make them match", o.VestYears, n))
		}
	}
	if o.Currency != "" && !isCurrencyCode(o.Currency) {
		errs = append(errs, fmt.Errorf("currency: %q is not a three-letter code such as USD, EUR or GBP", o.Currency))
	}
	if !o.Deadline.IsZero() && (o.Deadline.Year < MinYear || o.Deadline.Year > MaxYear) {
		errs = append(errs, fmt.Errorf("deadline %s is outside the years %d to %d", o.Deadline, MinYear, MaxYear))
	}
	if o.DeadlineTime != "" {
		if _, err := ParseClock(o.DeadlineTime); err != nil {
			errs = append(errs, fmt.Errorf("deadline time: %w", err))
		} else if o.Deadline.IsZero() {
			errs = append(errs, errors.New("deadline time: a time of day needs the deadline's day too (for example --deadline \"fri 17:00\")"))
		}
	}
	return errors.Join(errs...)
}

func isCurrencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20 // ASCII lower case
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// FormatMoney writes a whole amount with thousands separators and its
// currency: "$180,000" for USD (and for no currency), "€1,234" for EUR,
// "£1,234" for GBP, otherwise the code after the number ("1,234 CHF").
func FormatMoney(amount int64, currency string) string {
	sign := ""
	// Through uint64 so that the smallest int64 has a magnitude too.
	mag := uint64(amount)
	if amount < 0 {
		sign = "-"
		mag = -mag
	}
	digits := strconv.FormatUint(mag, 10)
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	n := b.String()
	switch code := strings.ToUpper(strings.TrimSpace(currency)); code {
	case "", "USD":
		return sign + "$" + n
	case "EUR":
		return sign + "€" + n
	case "GBP":
		return sign + "£" + n
	default:
		return sign + n + " " + code
	}
}

// OpenOffers returns the indexes in apps of the open applications that
// hold an offer, soonest deadline first (ties in the order given), assumed
// deadlines counted in loc, the user's zone: the order of 'afterview
// offers' and of the Offers screen.
func OpenOffers(s *Settings, loc *time.Location, apps []Application) []int {
	var open []int
	for i := range apps {
		if apps[i].OfferOpen(s) {
			open = append(open, i)
		}
	}
	// The deadline Summary reports: none when neither it nor the day the
	// offer arrived is known.
	deadline := func(i int) Date {
		if o := apps[i].Offer; !o.Deadline.IsZero() || !o.Received.IsZero() {
			return o.OfferDeadline(loc)
		}
		return Date{}
	}
	// The nearest deadline first (rule 16): by day, then by the time of day
	// the company gave (a day with no time ends the day); an offer with no
	// deadline known at all goes last.
	sort.SliceStable(open, func(i, j int) bool {
		di, dj := deadline(open[i]), deadline(open[j])
		switch {
		case di.IsZero() || dj.IsZero():
			return !di.IsZero() && dj.IsZero()
		case di != dj:
			return di.Before(dj)
		}
		return clockOrder(apps[open[i]].Offer.DeadlineTime) < clockOrder(apps[open[j]].Offer.DeadlineTime)
	})
	return open
}
