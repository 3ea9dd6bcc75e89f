package stages

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestOfferYearlyBonus(t *testing.T) {
	tests := []struct {
		name  string
		offer Offer
		want  int64
	}{
		{"percent of base", Offer{Base: new(int64(180_000)), BonusPercent: new(float64(15))}, 27_000},
		{"amount wins over percent", Offer{Base: new(int64(180_000)), Bonus: new(int64(20_000)), BonusPercent: new(float64(15))}, 20_000},
		{"no bonus", Offer{Base: new(int64(350_000))}, 0},
		{"rounds half away from zero", Offer{Base: new(int64(1_001)), BonusPercent: new(float64(50))}, 501},
		{"rounds down below half", Offer{Base: new(int64(100_003)), BonusPercent: new(float64(10))}, 10_000},
		{"fractional percent", Offer{Base: new(int64(200_000)), BonusPercent: new(float64(12.5))}, 25_000},
		{"percent without base", Offer{BonusPercent: new(float64(15))}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.offer.YearlyBonus(); got != tt.want {
				t.Errorf("YearlyBonus() = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestOfferVestingByYear(t *testing.T) {
	tests := []struct {
		name  string
		offer Offer
		want  []int64
	}{
		{"no stock", Offer{Base: new(int64(350_000))}, nil},
		{"even over the default four years", Offer{Stock: new(int64(100_000))}, []int64{25_000, 25_000, 25_000, 25_000}},
		{"even over three years, remainder last", Offer{Stock: new(int64(100)), VestYears: 3}, []int64{33, 33, 34}},
		{"even over four years, remainder last", Offer{Stock: new(int64(100_003)), VestYears: 4}, []int64{25_000, 25_000, 25_000, 25_003}},
		{"one year", Offer{Stock: new(int64(50_000)), VestYears: 1}, []int64{50_000}},
		{"5/15/40/40 schedule", Offer{Stock: new(int64(100_000)), VestSchedule: []float64{5, 15, 40, 40}}, []int64{5_000, 15_000, 40_000, 40_000}},
		{"schedule overrides years", Offer{Stock: new(int64(100_000)), VestYears: 4, VestSchedule: []float64{5, 15, 40, 40}}, []int64{5_000, 15_000, 40_000, 40_000}},
		{"uneven schedule, remainder last", Offer{Stock: new(int64(1_000)), VestSchedule: []float64{33.3, 33.3, 33.4}}, []int64{333, 333, 334}},
		{"schedule rounding down, remainder last", Offer{Stock: new(int64(999)), VestSchedule: []float64{25, 25, 25, 25}}, []int64{249, 249, 249, 252}},
		{"cliff schedule with a zero year", Offer{Stock: new(int64(80_000)), VestSchedule: []float64{0, 50, 50}}, []int64{0, 40_000, 40_000}},
		{"absurd years are capped", Offer{Stock: new(int64(1_000)), VestYears: 1_000_000}, []int64{100, 100, 100, 100, 100, 100, 100, 100, 100, 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.offer.VestingByYear()
			if !slices.Equal(got, tt.want) {
				t.Fatalf("VestingByYear() = %v, want %v", got, tt.want)
			}
			var sum int64
			for _, v := range got {
				sum += v
			}
			if tt.offer.StockValue() > 0 && sum != tt.offer.StockValue() {
				t.Errorf("years add up to %d, want the whole grant %d", sum, tt.offer.StockValue())
			}
		})
	}
}

func TestOfferSummary(t *testing.T) {
	today := NewDate(2026, time.November, 23)
	received := time.Date(2026, time.November, 20, 15, 0, 0, 0, time.UTC)
	tests := []struct {
		name  string
		offer Offer
		want  OfferSummary
	}{
		{
			// docs/rules.md's example: base $180,000 + 15% bonus + $100,000 of
			// stock over four years gives $207,000 of cash in year one.
			name:  "the rules' big-tech example",
			offer: Offer{Currency: "USD", Base: new(int64(180_000)), BonusPercent: new(float64(15)), Stock: new(int64(100_000)), VestYears: 4, Deadline: NewDate(2026, time.November, 27)},
			want: OfferSummary{
				Year1Cash: new(int64(207_000)), Year1Total: new(int64(232_000)),
				FourYearTotal:      new(int64(4*180_000 + 4*27_000 + 100_000)),
				UnvestedAfterYear1: new(int64(75_000)),
				Deadline:           NewDate(2026, time.November, 27), DaysLeft: 4,
			},
		},
		{
			name:  "Netflix all cash",
			offer: Offer{Currency: "USD", Base: new(int64(350_000)), Received: received},
			want: OfferSummary{
				Year1Cash: new(int64(350_000)), Year1Total: new(int64(350_000)), FourYearTotal: new(int64(1_400_000)), UnvestedAfterYear1: new(int64(0)),
				Deadline: NewDate(2026, time.November, 27), DeadlineAssumed: true, DaysLeft: 4,
			},
		},
		{
			name:  "5/15/40/40 schedule with sign-on",
			offer: Offer{Base: new(int64(200_000)), Bonus: new(int64(20_000)), SignOn: new(int64(50_000)), Stock: new(int64(400_000)), VestSchedule: []float64{5, 15, 40, 40}, Deadline: today},
			want: OfferSummary{
				Year1Cash: new(int64(270_000)), Year1Total: new(int64(290_000)),
				FourYearTotal:      new(int64(4*220_000 + 50_000 + 400_000)),
				UnvestedAfterYear1: new(int64(380_000)),
				Deadline:           today, DaysLeft: 0,
			},
		},
		{
			name:  "only stock vesting in years 1-4 counts",
			offer: Offer{Base: new(int64(100_000)), Stock: new(int64(60_000)), VestYears: 6, Deadline: today.AddDays(-2)},
			want: OfferSummary{
				Year1Cash: new(int64(100_000)), Year1Total: new(int64(110_000)),
				FourYearTotal:      new(int64(400_000 + 40_000)),
				UnvestedAfterYear1: new(int64(50_000)),
				Deadline:           today.AddDays(-2), DaysLeft: -2,
			},
		},
		{
			name:  "no deadline known",
			offer: Offer{Base: new(int64(1))},
			want:  OfferSummary{Year1Cash: new(int64(1)), Year1Total: new(int64(1)), FourYearTotal: new(int64(4)), UnvestedAfterYear1: new(int64(0))},
		},
		{
			// A verbal offer: numbers to follow. No totals, never $0.
			name:  "base not known yet",
			offer: Offer{Received: received},
			want:  OfferSummary{Deadline: NewDate(2026, time.November, 27), DeadlineAssumed: true, DaysLeft: 4},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.offer.Summary(noon(today)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Summary() =\n %+v\nwant\n %+v", got, tt.want)
			}
		})
	}
}

func TestOfferValidate(t *testing.T) {
	tests := []struct {
		name    string
		offer   Offer
		wantErr string // "" for valid
	}{
		{"empty offer", Offer{}, ""},
		{"full offer", Offer{Currency: "USD", Base: new(int64(180_000)), BonusPercent: new(float64(15)), SignOn: new(int64(10_000)), Stock: new(int64(100_000)), VestYears: 4}, ""},
		{"schedule", Offer{Stock: new(int64(1)), VestSchedule: []float64{5, 15, 40, 40}}, ""},
		{"schedule with matching years", Offer{Stock: new(int64(1)), VestYears: 4, VestSchedule: []float64{5, 15, 40, 40}}, ""},
		{"schedule a hair off 100", Offer{Stock: new(int64(1)), VestSchedule: []float64{33.33, 33.33, 33.33}}, ""},
		{"lower-case currency", Offer{Currency: "eur"}, ""},
		{"negative base", Offer{Base: new(int64(-1))}, "base: -1 is negative"},
		{"negative bonus", Offer{Bonus: new(int64(-5))}, "bonus: -5 is negative"},
		{"negative sign-on", Offer{SignOn: new(int64(-5))}, "sign-on: -5 is negative"},
		{"negative stock", Offer{Stock: new(int64(-5))}, "stock: -5 is negative"},
		{"too large", Offer{Base: new(int64(MaxOfferAmount + 1))}, "too large"},
		{"percent over 100", Offer{BonusPercent: new(float64(150))}, "bonus percent: 150 is not between 0 and 100"},
		{"negative percent", Offer{BonusPercent: new(float64(-1))}, "bonus percent"},
		{"NaN percent", Offer{BonusPercent: new(float64(math.NaN()))}, "bonus percent"},
		{"zero is the default years, eleven is too many", Offer{VestYears: 11}, "vesting years: 11 is not between 1 and 10"},
		{"negative years", Offer{VestYears: -1}, "vesting years"},
		{"schedule under 100", Offer{VestSchedule: []float64{25, 25, 25}}, "add up to 75%"},
		{"schedule over 100", Offer{VestSchedule: []float64{50, 60}}, "add up to 110%"},
		{"negative schedule year", Offer{VestSchedule: []float64{-10, 110}}, "year 1 is -10%"},
		{"schedule too long", Offer{VestSchedule: []float64{10, 10, 10, 10, 10, 10, 10, 10, 10, 5, 5}}, "11 years is too many"},
		{"years and schedule disagree", Offer{VestYears: 3, VestSchedule: []float64{25, 25, 25, 25}}, "3 years given but the schedule has 4"},
		{"currency too long", Offer{Currency: "USDX"}, `currency: "USDX" is not a three-letter code`},
		{"currency with digits", Offer{Currency: "U5D"}, "currency"},
		{"currency symbol", Offer{Currency: "$"}, "currency"},
		{"deadline out of range", Offer{Deadline: NewDate(1800, 1, 1)}, "deadline 1800-01-01 is outside"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.offer.Validate()
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("Validate() = %v, want no error", err)
			case tt.wantErr != "" && err == nil:
				t.Errorf("Validate() = nil, want an error with %q", tt.wantErr)
			case tt.wantErr != "" && !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("Validate() = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func TestOfferValidateReportsEveryField(t *testing.T) {
	err := (&Offer{Base: new(int64(-1)), Stock: new(int64(-1)), Currency: "x"}).Validate()
	if err == nil {
		t.Fatal("want an error")
	}
	for _, field := range []string{"base", "stock", "currency"} {
		if !strings.Contains(err.Error(), field+":") {
			t.Errorf("error %q does not name %s", err, field)
		}
	}
}

func TestFormatMoney(t *testing.T) {
	tests := []struct {
		amount   int64
		currency string
		want     string
	}{
		{180_000, "USD", "$180,000"},
		{180_000, "", "$180,000"},
		{207_000, "usd", "$207,000"},
		{1_234, "EUR", "€1,234"},
		{1_234, "GBP", "£1,234"},
		{1_234, "CHF", "1,234 CHF"},
		{1_234, "chf", "1,234 CHF"},
		{0, "USD", "$0"},
		{999, "USD", "$999"},
		{1_000, "USD", "$1,000"},
		{1_400_000, "USD", "$1,400,000"},
		{-1_234, "USD", "-$1,234"},
		{-1_234, "EUR", "-€1,234"},
		{-50, "SEK", "-50 SEK"},
		{math.MinInt64, "USD", "-$9,223,372,036,854,775,808"},
		{math.MaxInt64, "", "$9,223,372,036,854,775,807"},
	}
	for _, tt := range tests {
		if got := FormatMoney(tt.amount, tt.currency); got != tt.want {
			t.Errorf("FormatMoney(%d, %q) = %q, want %q", tt.amount, tt.currency, got, tt.want)
		}
	}
}
