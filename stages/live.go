package stages

// PromptsUntil says how long the application matters to Prompts, so that a
// caller can leave out closed history without changing the result (see
// Prompts). An open application always matters (forever): it has prompts of
// its own, counts toward keep applying, and its offer prompts the others. So
// does an accepted one, which ends keep applying. Any other closed one
// matters until last, the final day its prompts (after a rejection,
// thanking the references it called: rules 9 and 10) can show in any zone:
// they lapse two weeks after they were due and never later than
// closedLastDay days after the outcome (rule 18), whatever the calendar,
// so that last needs no settings. A closed application with no outcome
// event never matters: last is zero and forever false.
func (a *Application) PromptsUntil() (last Date, forever bool) {
	switch a.Outcome {
	case Open, Accepted:
		return Date{}, true
	}
	at := a.outcomeAt()
	if at.IsZero() {
		return Date{}, false
	}
	// The day of the outcome, and so the last day of its prompts, is
	// taken in the zone the prompts are read in, which may be any and not
	// the one it was logged in. Every zone's day is within one of UTC's
	// (offsets run from -12 to +14 hours), so last counts from the day
	// after UTC's: a caller may keep the application a day or two longer
	// than its prompts show, never drop it while they still show.
	return DateOf(at.UTC()).AddDays(1 + closedLastDay), false
}
