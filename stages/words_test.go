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
