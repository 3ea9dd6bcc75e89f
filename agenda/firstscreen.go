package agenda

import (
	"slices"
	"time"

	"afterview/stages"
	"afterview/store"
)

// The terminal UI's first screen is the day's to-do list. It reads in
// stages so that the first frame costs what it shows: the prompts from the
// prompt cache and the few applications the first of them are about
// (FirstScreen), then the applications every prompt depends on (ActiveDay),
// then everything.

// FirstScreen is what the first screen shows (stages.FirstScreen, which
// the UI reads too).
type FirstScreen = stages.FirstScreen

// FirstScreen reads, in one transaction, the prompts of now's day from the
// prompt cache (see ActionablePrompts) and the applications the first
// `first` of them are about: however many applications the file holds, it
// decodes those few, and it ranks only what is to do today.
func (s *Agenda) FirstScreen(now time.Time, first int) (FirstScreen, error) {
	var out FirstScreen
	ctx := s.ownContextAt(now)
	var reworked int
	err := s.Read(func(tx *store.Tx) error {
		out.Revision = tx.Revision()
		global, err := tx.Global()
		if err != nil {
			return err
		}
		dp, day, err := s.dayPrompts(tx, now, ctx, true, global)
		if err == nil && len(dp.Prompts) == 0 && dp.Next != nil {
			// Nothing to do today: the screen lists what comes next.
			dp, day, err = s.dayPrompts(tx, now, ctx, false, global)
			out.All = true
			if next, ok := firstUpcoming(dp.Prompts); ok {
				dp.Next = &next
			}
		}
		if err != nil {
			return err
		}
		out.Prompts, out.Next, out.Empty, out.Global, reworked = dp.Prompts, dp.Next, dp.Empty, global, dp.Reworked
		out.Open, out.Offers = day.Open(), day.OpenOffers()
		for _, id := range firstApps(out.Prompts, first) {
			a, err := tx.App(id)
			if err != nil {
				return err
			}
			out.Apps = append(out.Apps, a)
		}
		return nil
	})
	if err != nil {
		return FirstScreen{}, err
	}
	s.refreshIfReworked(ctx, now, reworked)
	return out, nil
}

// firstUpcoming is the first upcoming prompt of ranked prompts.
func firstUpcoming(ps []stages.Prompt) (stages.Prompt, bool) {
	for _, p := range ps {
		if p.Status == stages.Upcoming {
			return p, true
		}
	}
	return stages.Prompt{}, false
}

// firstApps lists, by id, the applications of the first n prompts that are
// not upcoming, and of the offers they name.
func firstApps(ps []stages.Prompt, n int) []uint64 {
	var ids []uint64
	for i := range ps {
		if n <= 0 {
			break
		}
		p := &ps[i]
		if p.Status == stages.Upcoming {
			continue
		}
		n--
		if p.AppID != 0 {
			ids = append(ids, p.AppID)
		}
		for _, o := range p.About {
			ids = append(ids, o.App)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// ActiveDay is ActiveSnapshot with the day's prompts and the revision, read
// in the same transaction.
type ActiveDay struct {
	ActiveSet
	// Prompts are the day's prompts, upcoming included, ranked: what
	// stages.Engine.Day gives on Apps.
	Prompts []stages.Prompt
	// Revision is the revision the rest was read at.
	Revision uint64
}

// ActiveDay reads what the prompts of now's day depend on (ActiveSnapshot)
// and those prompts, taken from the prompt cache rather than worked out
// again from the applications, in one transaction.
func (s *Agenda) ActiveDay(now time.Time) (ActiveDay, error) {
	var out ActiveDay
	ctx := s.ownContextAt(now)
	var reworked int
	err := s.Read(func(tx *store.Tx) error {
		out.Revision = tx.Revision()
		set, err := s.activeSet(tx, stages.DateOf(now))
		if err != nil {
			return err
		}
		out.ActiveSet = set
		if !s.fresh(tx) {
			// The applications are decoded already: the cache would be
			// worked out from them anyway.
			e, err := s.engineIn(tx, now)
			if err != nil {
				return err
			}
			out.Prompts = e.Day(now, set.Apps, set.Global, !set.Empty)
			return nil
		}
		dp, _, err := s.dayPrompts(tx, now, ctx, false, set.Global)
		out.Prompts, reworked = dp.Prompts, dp.Reworked
		return err
	})
	if err != nil {
		return ActiveDay{}, err
	}
	s.refreshIfReworked(ctx, now, reworked)
	return out, nil
}
