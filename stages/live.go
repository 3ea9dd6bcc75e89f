package stages

import "time"

// PromptsUntil says how long the application matters to Prompts, so that a
// caller can leave out closed history without changing the result (see
// Prompts). An open application always matters (forever): it has prompts of
// its own, counts toward keep applying, and its offer prompts the others. So
// does an accepted one, which ends keep applying. A rejected one matters
// until last, the final day of its after-rejection notes in any zone. Any
// other closed application never matters: last is zero and forever false.
func (a *Application) PromptsUntil() (last Date, forever bool) {
	switch a.Outcome {
	case Open, Accepted:
		return Date{}, true
	case Rejected:
	default:
		return Date{}, false
	}
	var at time.Time
	for _, e := range a.Events {
		if e.Kind == EvOutcome && e.Outcome == Rejected {
			at = e.At
		}
	}
	if at.IsZero() {
		return Date{}, false
	}
	// The day of the rejection, and so the last day of its notes, is
	// taken in the zone the prompts are read in, which may be any and not
	// the one it was logged in. Every zone's day is within one of UTC's
	// (offsets run from -12 to +14 hours), so last counts from the day
	// after UTC's: a caller may keep the application a day or two longer
	// than its notes show, never drop it while they still show.
	return DateOf(at.UTC()).AddDays(afterRejectionLapse + 1), false
}
