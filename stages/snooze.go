package stages

// SnoozeWarning warns when a prompt snoozed until a day will be overdue by
// then (snoozing hides a prompt; it does not move its deadline), or says
// nothing.
func SnoozeWarning(p Prompt, until, today Date) string {
	if p.Due.IsZero() || !p.Due.Before(until) {
		return ""
	}
	var due string
	switch n := p.Due.DaysSince(today); {
	case n == 0:
		due = "is due today"
	case n == -1:
		due = "was due yesterday"
	case n < 0:
		due = "was due " + DayName(p.Due, today)
	default:
		due = "is due " + DayName(p.Due, today)
	}
	return "it " + due + ", so it comes back overdue"
}
