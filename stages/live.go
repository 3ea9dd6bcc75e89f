package stages

import "time"

// PromptsUntil says how long the application matters to Prompts, so that a
// caller can leave out closed history without changing the result (see
// Prompts). An open application always matters (forever): it has prompts of
// its own, counts toward keep applying, and its offer prompts the others. So
// does an accepted one, which ends keep applying. A rejected one matters
// until last, the final day of its after-rejection notes. Any other closed
// application never matters: last is zero and forever false.
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
	return DateOf(at).AddDays(afterRejectionLapse), false
}
