package stages

import (
	"strconv"
	"strings"
)

// RenumberApps returns e with every id of an application it holds given by
// to: the offers a told event names, and the application a competing-offer
// prompt's key names (done, dismiss, snooze). A merge gives the file's
// applications new ids, and these must follow, or a company would be asked
// to hear of an offer it was told about and never of the one it was not.
// An id to does not know (false: that application is not there) becomes 0,
// which names none; a told offer keeps its company's name, so the timeline
// still reads right. The event's lists are copied, never changed in place.
func (e Event) RenumberApps(to func(id uint64) (uint64, bool)) Event {
	renumber := func(id uint64) uint64 {
		if n, ok := to(id); ok {
			return n
		}
		return 0
	}
	list := func(in []ToldOffer) []ToldOffer {
		if in == nil {
			return nil
		}
		out := make([]ToldOffer, len(in))
		for i, t := range in {
			out[i] = ToldOffer{App: renumber(t.App), Company: t.Company}
		}
		return out
	}
	switch e.Kind {
	case EvTold:
		e.Told = list(e.Told)
	case EvOutcome:
		e.Reneged = list(e.Reneged)
	case EvDone, EvDismiss, EvSnooze:
		if rest, ok := strings.CutPrefix(e.Prompt, string(CompetingOffer)+":"); ok {
			if id, err := strconv.ParseUint(rest, 10, 64); err == nil {
				e.Prompt = string(CompetingOffer) + ":" + strconv.FormatUint(renumber(id), 10)
			}
		}
	}
	return e
}
