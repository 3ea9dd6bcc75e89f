package tui

import (
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"afterview/stages"
)

// data is one snapshot of the store with everything the screens derive from
// it, computed once per change (off the UI goroutine, in a command) so that a
// frame never costs more than the rows it shows.
type data struct {
	rev    uint64
	now    time.Time
	today  stages.Date
	apps   []stages.Application
	global []stages.Event
	byID   map[uint64]int
	// partial marks a snapshot of the active applications only (every open
	// one, and the closed ones whose prompts can still show today), read
	// first so that Today shows without waiting for years of closed
	// history: Today and Offers are complete, the closed history and what
	// is derived from it (the Stats screen, the usual answer times) follow
	// with the full snapshot.
	partial bool
	// empty reports a store with no application at all (in a partial
	// snapshot too, where apps holds only the active ones).
	empty bool

	prompts    []stages.Prompt // every live prompt, upcoming included, ranked
	actionable []stages.Prompt // open, due and overdue, ranked
	upcoming   []stages.Prompt // upcoming only, soonest first
	// perApp holds the indices into prompts of each application's prompts.
	perApp map[uint64][]int
	waits  []stages.Wait // by application index
	// order is the application indices by urgency: open ones first.
	order []int
	// search holds each application's lower-cased "company role" for the filter.
	search  []string
	open    int
	overdue int

	// offers are the open offers side by side, soonest deadline first, as
	// `afterview offers` lists them.
	offers []offerColumn
	// usual is, by application index, how soon the company usually answered
	// the user's other applications to it ("Netflix usually answers you in
	// 9 days").
	usual []usualAnswer
	// stats is the history summary, computed on first use (off the UI
	// goroutine, see statsCmd, and filed here by Update): it costs a pass
	// over every event, which the other screens should not pay for on each
	// reload.
	stats atomic.Pointer[stages.Stats]
}

func newData(apps []stages.Application, global []stages.Event, rev uint64, now time.Time) *data {
	return buildData(apps, global, rev, now, false, len(apps) == 0)
}

// newActiveData is the partial snapshot (see data.partial) of the active
// applications; hasApps reports whether the store holds any application at all.
func newActiveData(active []stages.Application, global []stages.Event, rev uint64, now time.Time, hasApps bool) *data {
	return buildData(active, global, rev, now, true, !hasApps)
}

func buildData(apps []stages.Application, global []stages.Event, rev uint64, now time.Time, partial, empty bool) *data {
	d := &data{rev: rev, now: now, today: stages.DateOf(now), apps: apps, global: global, partial: partial, empty: empty}
	d.byID = make(map[uint64]int, len(apps))
	for i := range apps {
		d.byID[apps[i].ID] = i
	}
	if !empty {
		// With no application at all, "keep applying" would greet a new
		// user with "only 0 applications still open": the welcome says it
		// better.
		d.prompts = stages.PromptsFor(liveApps(apps, d.today), global, now, !empty)
	}
	d.actionable = stages.Actionable(d.prompts)
	d.perApp = make(map[uint64][]int)
	for i, p := range d.prompts {
		if p.Status == stages.Overdue {
			d.overdue++
		}
		if p.Status == stages.Upcoming {
			d.upcoming = append(d.upcoming, p)
		}
		if p.AppID != 0 {
			d.perApp[p.AppID] = append(d.perApp[p.AppID], i)
		}
	}
	d.waits = make([]stages.Wait, len(apps))
	d.search = make([]string, len(apps))
	d.order = make([]int, len(apps))
	for i := range apps {
		d.waits[i] = apps[i].Wait(now)
		d.search[i] = strings.ToLower(apps[i].Company + " " + apps[i].Role)
		d.order[i] = i
		if !apps[i].Closed() {
			d.open++
		}
	}
	d.offers = openOffers(apps, d.today)
	if partial {
		// The other applications to the same company are not loaded yet:
		// no usual answer time until they are.
		d.usual = make([]usualAnswer, len(apps))
	} else {
		d.usual = usualAnswers(apps)
	}
	rank := func(i int) int {
		if ps := d.perApp[apps[i].ID]; len(ps) > 0 {
			return ps[0]
		}
		return len(d.prompts)
	}
	// The closed ones sort by last contact: work it out once, not per comparison.
	lastContact := make([]time.Time, len(apps))
	for i := range apps {
		if apps[i].Closed() {
			lastContact[i] = apps[i].LastContact()
		}
	}
	waitRank := map[stages.WaitStatus]int{stages.WaitOffer: 0, stages.WaitOverdue: 1, stages.WaitInWindow: 2, stages.WaitEarly: 3, stages.WaitAhead: 4, stages.WaitClosed: 5}
	sort.SliceStable(d.order, func(x, y int) bool {
		i, j := d.order[x], d.order[y]
		a, b := &apps[i], &apps[j]
		if a.Closed() != b.Closed() {
			return !a.Closed()
		}
		if a.Closed() {
			return lastContact[i].After(lastContact[j])
		}
		// An application with something to do now ranks by that prompt.
		ri, rj := rank(i), rank(j)
		ai := ri < len(d.prompts) && d.prompts[ri].Status != stages.Upcoming
		aj := rj < len(d.prompts) && d.prompts[rj].Status != stages.Upcoming
		if ai != aj {
			return ai
		}
		if ai && ri != rj {
			return ri < rj
		}
		if wi, wj := waitRank[d.waits[i].Status], waitRank[d.waits[j].Status]; wi != wj {
			return wi < wj
		}
		if d.waits[i].Days != d.waits[j].Days {
			return d.waits[i].Days > d.waits[j].Days
		}
		if ri != rj {
			return ri < rj
		}
		return strings.ToLower(a.Company) < strings.ToLower(b.Company)
	})
	return d
}

// app returns the application with the given ID, if it is in the snapshot.
func (d *data) app(id uint64) (*stages.Application, bool) {
	if d == nil {
		return nil, false
	}
	i, ok := d.byID[id]
	if !ok {
		return nil, false
	}
	return &d.apps[i], true
}

// appPrompts returns an application's prompts, upcoming included, ranked.
func (d *data) appPrompts(id uint64) []stages.Prompt {
	idx := d.perApp[id]
	out := make([]stages.Prompt, len(idx))
	for i, j := range idx {
		out[i] = d.prompts[j]
	}
	return out
}

// nextPrompt returns an application's most urgent prompt.
func (d *data) nextPrompt(id uint64) (stages.Prompt, bool) {
	if idx := d.perApp[id]; len(idx) > 0 {
		return d.prompts[idx[0]], true
	}
	return stages.Prompt{}, false
}

// liveApps leaves out the closed history that can no longer have prompts
// (stages' PromptsUntil), so building the Today list costs what the open
// applications cost, however long the history.
func liveApps(apps []stages.Application, today stages.Date) []stages.Application {
	live := make([]stages.Application, 0, 64)
	for i := range apps {
		if last, forever := apps[i].PromptsUntil(); forever || !last.Before(today) {
			live = append(live, apps[i])
		}
	}
	return live
}
