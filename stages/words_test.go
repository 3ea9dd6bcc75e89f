package stages

import (
	"testing"
	"time"
)

func TestPromptWhen(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) // a Friday
	fri := DateOf(now)
	tests := []struct {
		p     Prompt
		long  string
		short string
	}{
		{Prompt{Status: Overdue, Due: fri.AddDays(-2)}, "2 days overdue", "2d overdue"},
		{Prompt{Status: Overdue, Due: fri.AddDays(-1)}, "1 day overdue", "1d overdue"},
		{Prompt{Status: Due, Due: fri, DueAt: now.Add(6 * time.Hour)}, "due today by 15:00", "today by 15:00"},
		{Prompt{Status: Due, Due: fri}, "due today", "due today"},
		{Prompt{Status: StatusOpen, Due: fri.AddDays(1)}, "due tomorrow", "due tomorrow"},
		{Prompt{Status: StatusOpen, Due: fri.AddDays(3)}, "due Mon", "due Mon"},
		{Prompt{Status: StatusOpen, Due: fri.AddDays(10)}, "due Mon 30 Nov", "due Mon 30 Nov"},
		{Prompt{Status: Upcoming, Opens: fri.AddDays(3), Due: fri.AddDays(6)}, "opens Mon", "from Mon"},
		{Prompt{Status: Upcoming, Opens: fri, Snoozed: fri.AddDays(1), Due: fri.AddDays(6)}, "snoozed to tomorrow", "from tomorrow"},
	}
	for _, tt := range tests {
		if got := tt.p.When(now); got != tt.long {
			t.Errorf("When(%+v) = %q, want %q", tt.p, got, tt.long)
		}
		if got := tt.p.ShortWhen(now); got != tt.short {
			t.Errorf("ShortWhen(%+v) = %q, want %q", tt.p, got, tt.short)
		}
	}
	if got := ThankYou.Label(); got != "thank-you" {
		t.Errorf("ThankYou.Label() = %q", got)
	}
}

// The words both faces say about offers and history, in one place.
func TestSharedWords(t *testing.T) {
	stock := int64(120000)
	base := int64(100000)
	for _, c := range []struct {
		o           Offer
		long, short string
	}{
		{Offer{Base: &base}, "", ""},
		{Offer{Base: &base, Stock: &stock}, "even over 4 years", "even, 4 years"},
		{Offer{Base: &base, Stock: &stock, VestYears: 1}, "all in year 1", "all in year 1"},
		{Offer{Base: &base, Stock: &stock, VestSchedule: []float64{5, 15, 40, 40}}, "5/15/40/40 %", "5/15/40/40 %"},
	} {
		if got := VestingPlan(&c.o, false); got != c.long {
			t.Errorf("VestingPlan(%+v) = %q, want %q", c.o, got, c.long)
		}
		if got := VestingPlan(&c.o, true); got != c.short {
			t.Errorf("VestingPlan(%+v, short) = %q, want %q", c.o, got, c.short)
		}
	}
	for _, c := range []struct {
		d          DayStats
		unit, want string
	}{
		{DayStats{}, "d", ""},
		{DayStats{Count: 1, Median: 9, Min: 9, Max: 9}, "d", "9d (n=1)"},
		{DayStats{Count: 3, Median: 9, Min: 7, Max: 12}, " d", "9 d (7–12, n=3)"},
	} {
		if got := c.d.Cell(c.unit); got != c.want {
			t.Errorf("%+v.Cell(%q) = %q, want %q", c.d, c.unit, got, c.want)
		}
	}
	if got := (OutcomeCounts{Open: 4, Rejected: 1, NoAnswer: 2}).Words(); len(got) != 3 || got[0] != "4 open" || got[1] != "1 rejected" || got[2] != "2 no answer" {
		t.Errorf("Words() = %q", got)
	}
	if Plural(1, "day", "days") != "day" || Plural(0, "day", "days") != "days" {
		t.Error("Plural gets 1 or 0 wrong")
	}
}

// The short stage words fit the narrow column they are for, and a name
// the table does not know is left for the column to cut.
func TestShortStageFitsItsColumn(t *testing.T) {
	for long, short := range shortStages {
		if len(short) > 11 || len(short) >= len(long) {
			t.Errorf("%q says %q: not shorter, or wider than 11 cells", long, short)
		}
	}
	if got := ShortStage("Final Interview"); got != "final round" {
		t.Errorf("ShortStage(Final Interview) = %q, want final round", got)
	}
	if got := ShortStage("team match"); got != "team match" {
		t.Errorf("ShortStage(team match) = %q, want it unchanged", got)
	}
}
