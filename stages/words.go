package stages

import (
	"fmt"
	"time"
)

// The words people read about prompts and dates, shared by the command line
// and the terminal UI so that both say the same thing.

// DayName says a date the short way relative to today: "today",
// "tomorrow", "yesterday", a weekday within the week ahead, else "Fri 27 Nov".
func DayName(d, today Date) string {
	switch n := d.DaysSince(today); {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n == -1:
		return "yesterday"
	case n > 1 && n < 7:
		return d.Weekday().String()[:3]
	}
	return d.Short()
}

// When says where a prompt stands: "3 days overdue", "due today by
// 14:00", "due Mon", "opens Mon", "snoozed to tomorrow".
func (p Prompt) When(now time.Time) string {
	today := DateOf(now)
	switch p.Status {
	case Overdue:
		n := today.DaysSince(p.Due)
		if n <= 0 {
			return "overdue since " + p.DueAt.In(now.Location()).Format("15:04")
		}
		return fmt.Sprintf("%d day%s overdue", n, plural(n))
	case Due:
		if !p.DueAt.IsZero() {
			return "due today by " + p.DueAt.In(now.Location()).Format("15:04")
		}
		return "due today"
	case StatusOpen:
		s := "due " + DayName(p.Due, today)
		if !p.DueAt.IsZero() && p.Due.DaysSince(today) == 1 {
			s += " " + p.DueAt.In(now.Location()).Format("15:04")
		}
		return s
	}
	back := p.ComesBack()
	if p.Snoozed == back && !p.Snoozed.IsZero() {
		return "snoozed to " + DayName(back, today)
	}
	return "opens " + DayName(back, today)
}

// ShortWhen is When squeezed for narrow columns: "3d overdue", "due Mon".
func (p Prompt) ShortWhen(now time.Time) string {
	today := DateOf(now)
	switch p.Status {
	case Overdue:
		n := today.DaysSince(p.Due)
		if n <= 0 {
			return "late since " + p.DueAt.In(now.Location()).Format("15:04")
		}
		return fmt.Sprintf("%dd overdue", n)
	case Due:
		if !p.DueAt.IsZero() {
			return "today by " + p.DueAt.In(now.Location()).Format("15:04")
		}
		return "due today"
	case StatusOpen:
		return "due " + DayName(p.Due, today)
	}
	return "from " + DayName(p.ComesBack(), today)
}

// Label names a prompt kind for people.
func (k Kind) Label() string {
	switch k {
	case OfferDeadline:
		return "offer deadline"
	case CompetingOffer:
		return "competing offer"
	case ThankYou:
		return "thank-you"
	case FollowUp:
		return "follow-up"
	case StageTask:
		return "stage task"
	case MoveOn:
		return "move on"
	case Reflect:
		return "reflect"
	case KeepApplying:
		return "keep applying"
	case AfterRejection:
		return "after rejection"
	}
	return string(k)
}
