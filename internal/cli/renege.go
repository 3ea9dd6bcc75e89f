package cli

import (
	"fmt"
	"strings"
	"time"

	"afterview/agenda"
	"afterview/stages"
	"afterview/store"
)

// acceptGuard is rule 17's check for logging events on an application:
// accepting an offer while another application is accepted goes back on
// that acceptance (reneging). Without renege it is refused, saying which
// acceptance and how to proceed (retry is the command again, with
// --renege); with it, the acceptance names what it goes back on
// (Event.Reneged). It runs inside the write's transaction
// (store.LogEventsSeeing), so that two commands at once cannot both accept
// unawares. Other events pass.
func acceptGuard(st *agenda.Agenda, loc *time.Location, renege bool, retry string) func(*store.Tx, *stages.Application, []stages.Event) error {
	return func(tx *store.Tx, a *stages.Application, events []stages.Event) error {
		i := acceptance(events)
		if i < 0 {
			return nil
		}
		accepted, err := st.AcceptedIn(tx)
		if err != nil {
			return err
		}
		r := stages.Reneges(a, accepted)
		if len(r) == 0 {
			return nil
		}
		if !renege {
			var names, whom []string
			for j := range accepted {
				if o := &accepted[j]; o.ID != a.ID {
					names = append(names, fmt.Sprintf("%s's offer (#%d) on %s", clean(o.Company), o.ID, stages.DateOf(o.AcceptedAt().In(loc)).Short()))
					whom = append(whom, clean(o.Company))
				}
			}
			return usageErr("%s (#%d): you already accepted %s: accepting this one too goes back on that acceptance (reneging).\n"+
				"If that is your decision, tell %s first, then log it with --renege: %s",
				clean(a.Company), a.ID, strings.Join(names, " and "), strings.Join(whom, " and "), retry)
		}
		events[i].Reneged = r
		return nil
	}
}

// acceptance is the index of the acceptance among events, -1 for none.
func acceptance(events []stages.Event) int {
	for i, e := range events {
		if e.Kind == stages.EvOutcome && e.Outcome == stages.Accepted {
			return i
		}
	}
	return -1
}
