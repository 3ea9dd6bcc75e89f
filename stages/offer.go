package stages

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
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

// YearlyBonus is the bonus for one year: the amount when one is given,
// otherwise BonusPercent of base, rounded to the nearest whole unit.
func (o *Offer) YearlyBonus() int64 {
	if o.Bonus != 0 {
		return o.Bonus
	}
	if o.BonusPercent == 0 || o.Base == 0 {
		return 0
	}
	return int64(math.Round(float64(o.Base) * o.BonusPercent / 100))
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
	if o.Stock <= 0 {
		return nil
	}
	years := o.VestYearsOrDefault()
	out := make([]int64, years)
	var given int64
	for i := 0; i < years-1; i++ {
		if len(o.VestSchedule) > 0 {
			// Millionths of the grant, in integers, so that 15% of 100,000 is
			// 15,000 and not 14,999 after a float rounds the wrong way.
			out[i] = o.Stock * percentMillionths(o.VestSchedule[i]) / 1_000_000
		} else {
			out[i] = o.Stock / int64(years)
		}
		given += out[i]
	}
	out[years-1] = o.Stock - given
	return out
}

// percentMillionths turns a percentage into millionths of the whole
// (15 -> 150,000), clamped to 0..100%.
func percentMillionths(pct float64) int64 {
	m := int64(math.Round(pct * 10_000))
	return max(0, min(m, 1_000_000))
}

// OfferSummary is what the offer comparison shows for one offer.
type OfferSummary struct {
	Year1Cash  int64 `json:"year1_cash"`  // base + bonus + sign-on
	Year1Total int64 `json:"year1_total"` // year-1 cash + stock vesting in year 1
	// FourYearTotal is four years of base and bonus, the sign-on once, and
	// the stock that vests in years one to four.
	FourYearTotal int64 `json:"four_year_total"`
	// UnvestedAfterYear1 is the stock still to vest after year one: what the
	// candidate would walk away from by leaving then.
	UnvestedAfterYear1 int64 `json:"unvested_after_year1"`
	// Deadline is the response deadline (given, or a week after the offer
	// arrived); zero when neither is known.
	Deadline Date `json:"deadline,omitzero"`
	// DaysLeft counts calendar days from today to the deadline: 0 on the
	// day, negative once it has passed, 0 when there is no deadline.
	DaysLeft int `json:"days_left"`
}

// Summary computes the comparison figures for the offer as of today.
func (o *Offer) Summary(today Date) OfferSummary {
	bonus := o.YearlyBonus()
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
	s := OfferSummary{
		Year1Cash:          o.Base + bonus + o.SignOn,
		FourYearTotal:      ComparisonYears*(o.Base+bonus) + o.SignOn + fourYearStock,
		UnvestedAfterYear1: max(o.Stock, 0) - year1Stock,
	}
	s.Year1Total = s.Year1Cash + year1Stock
	if !o.Deadline.IsZero() || !o.Received.IsZero() {
		s.Deadline = o.OfferDeadline()
		s.DaysLeft = s.Deadline.DaysSince(today)
	}
	return s
}

// Validate checks an offer's terms, naming each field that is wrong and
// what to type instead.
func (o *Offer) Validate() error {
	var errs []error
	amount := func(field string, v int64) {
		switch {
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
	if math.IsNaN(o.BonusPercent) || o.BonusPercent < 0 || o.BonusPercent > 100 {
		errs = append(errs, fmt.Errorf("bonus percent: %v is not between 0 and 100", o.BonusPercent))
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
