package stages

import (
	"slices"
	"time"
)

// SharesPrompts reports whether a's state shows in the prompts of other
// applications: an open offer is a competing offer every other waiting
// company is to hear about. So does an acceptance, which ends the search,
// but only the latest one counts (AcceptedAt). The prompts of one application
// depend only on it, on these and on the latest acceptance (see
// Engine.AppPrompts),
// so a command about one application reads those few rather than the whole
// history; the store keeps them in an index.
//
// Any rule that makes one application's prompts depend on another must be
// reflected here or in AcceptedAt (TestPromptsForMatchesPrompts checks it on
// generated data).
func (a *Application) SharesPrompts() bool {
	return !a.Closed() && a.Offer != nil
}

// AcceptedAt is when a was accepted: zero unless its outcome is Accepted.
func (a *Application) AcceptedAt() time.Time {
	if a.Outcome != Accepted {
		return time.Time{}
	}
	return a.outcomeAt()
}

// AppPrompts returns the live prompts of application a, ranked, exactly as
// Day gives them for a among every application. related must hold every
// other application for which SharesPrompts is true and the one accepted
// last (the latest AcceptedAt, every one if several tie); others may be
// there too and change nothing. Prompts about the whole search (keep
// applying) are not about a and are not returned.
func (e Engine) AppPrompts(a Application, related []Application, now time.Time) []Prompt {
	var latest time.Time
	for i := range related {
		if at := related[i].AcceptedAt(); at.After(latest) && related[i].ID != a.ID {
			latest = at
		}
	}
	apps := make([]Application, 0, len(related)+1)
	for i := range related {
		r := &related[i]
		if r.ID != a.ID && (r.SharesPrompts() || (!latest.IsZero() && r.AcceptedAt().Equal(latest))) {
			apps = append(apps, *r)
		}
	}
	apps = append(apps, a)
	// Day breaks ties between offers received at the same instant by
	// the order of its input, which is by id.
	slices.SortStableFunc(apps, func(x, y Application) int {
		switch {
		case x.ID < y.ID:
			return -1
		case x.ID > y.ID:
			return 1
		}
		return 0
	})
	var mine []Prompt
	for _, p := range e.Day(now, apps, nil, true) {
		if p.AppID == a.ID {
			mine = append(mine, p)
		}
	}
	return mine
}
