package tui

import (
	"errors"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"afterview/stages"
)

// data is one snapshot of the store with everything the screens derive from
// it, computed once per change (off the UI goroutine, in a command) so that a
// frame never costs more than the rows it shows.
type data struct {
	// settings are the processes and rules the snapshot is read with.
	settings *stages.Settings
	rev      uint64
	now      time.Time
	today    stages.Date
	apps     []stages.Application
	global   []stages.Event
	byID     map[uint64]int
	// level says how much of the store the snapshot holds (see loadLevel):
	// the TUI loads it in stages, so that the first screen does not wait
	// for what it does not show.
	level loadLevel
	// empty reports a store with no application at all (in a partial
	// snapshot too, where apps holds only some).
	empty bool
	// toDoOnly marks prompts without the upcoming ones (the first
	// screen's, when there is something to do): upcoming holds the next
	// alone, and an application's own list waits for the next stage.
	toDoOnly bool

	prompts    []stages.Prompt // every live prompt, upcoming included (unless toDoOnly), ranked
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
	// offerCount is the number of open offers (len(offers) once they are
	// loaded; before, the store's count, for the header).
	offerCount int

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

// loadLevel is how much of the store a snapshot holds, in the order the
// TUI loads them. Only this file reads it: a screen asks for what it shows
// (see need, appList, application) and the answer says whether that is
// loaded yet.
type loadLevel int

const (
	// levelPrompts is the first screen's: the day's prompts to do (see
	// data.toDoOnly), the applications of the first to-dos
	// (firstScreenApps) and the header's counts. Today is complete for
	// what it shows; the other screens are still loading.
	levelPrompts loadLevel = iota
	// levelActive holds every application the day's prompts depend on
	// (every open one, and the closed ones whose prompts can still show
	// today): Today, Offers and the open applications are complete; the
	// closed history and what is derived from it (the Stats screen, the
	// usual answer times) follow with the full snapshot.
	levelActive
	// levelFull is everything.
	levelFull
)

// firstScreenApps is how many to-dos the first load reads the applications
// of: more than a tall terminal shows, far fewer than a long list holds.
const firstScreenApps = 64

// complete reports a snapshot of everything.
func (d *data) complete() bool { return d.level == levelFull }

// allOpen reports a snapshot that holds every open application (and every
// open offer).
func (d *data) allOpen() bool { return d.level >= levelActive }

// The loads, stage by stage: firstLoadCmd starts one, and each stage's
// snapshot says which follows it (nextLoadCmd). The screens never ask which
// stage they have: they ask the snapshot for what they show (shows, acts,
// appList, application, openOffers, history), and the answer says whether it
// is loaded yet.

// firstLoadCmd starts a load: the first screen's snapshot (levelPrompts)
// when the store reads in stages, which the next stages follow (nextLoadCmd),
// else everything.
func firstLoadCmd(st Store, now func() time.Time, settings *stages.Settings, gen int) tea.Cmd {
	as, ok := st.(ActiveStore)
	if !ok {
		return loadCmd(st, now, settings, gen, nil)
	}
	return func() tea.Msg {
		t := now()
		fs, err := as.FirstScreen(t, firstScreenApps)
		if err != nil {
			return errMsg{err: err, doing: "loading applications", read: true, load: true, gen: gen}
		}
		return dataMsg{newFirstData(fs, t, settings), gen}
	}
}

// activeCmd loads the active applications (levelActive).
func activeCmd(as ActiveStore, now func() time.Time, settings *stages.Settings, gen int) tea.Cmd {
	return func() tea.Msg {
		t := now()
		set, err := as.Active(t)
		if err != nil {
			return errMsg{err: err, doing: "loading applications", read: true, load: true, gen: gen}
		}
		return dataMsg{newActiveData(set, t, settings), gen}
	}
}

// loadCmd reads the whole store and derives the screens' data from it,
// the day's prompts with settings; prev is the stage before it, if any, whose prompts it keeps when they are
// still the day's (see dayPrompts).
func loadCmd(st Store, now func() time.Time, settings *stages.Settings, gen int, prev *data) tea.Cmd {
	return func() tea.Msg {
		rev, err := st.Revision()
		if err != nil {
			return errMsg{err: err, doing: "reading the revision", read: true, load: true, gen: gen}
		}
		apps, global, err := st.Snapshot()
		if err != nil {
			return errMsg{err: err, doing: "loading applications", read: true, load: true, gen: gen}
		}
		t := now()
		if prev != nil && prev.rev == rev && !prev.toDoOnly && prev.today == stages.DateOf(t) {
			// The previous stage's prompts are this snapshot's if nothing
			// was written since they were read, before the snapshot or
			// while it was taken.
			if after, err := st.Revision(); err == nil && after == rev {
				return dataMsg{buildData(settings, apps, global, prev.prompts, rev, prev.now, levelFull, len(apps) == 0), gen}
			}
		}
		var refs []stages.Reference
		if rs, ok := st.(referenceStore); ok {
			if refs, err = rs.References(); err != nil {
				return errMsg{err: err, doing: "reading your references", read: true, load: true, gen: gen}
			}
		}
		return dataMsg{newData(apps, global, refs, rev, t, settings), gen}
	}
}

// activeDelay lets the first frame reach the terminal before the active
// applications are decoded: Bubble Tea draws on a 60 Hz tick, and the
// decoding takes both cores.
const activeDelay = 20 * time.Millisecond

// historyDelay does the same for the history load, which decodes years of
// history (and then the garbage collector runs).
const historyDelay = 30 * time.Millisecond

// nextLoadCmd is the stage that follows the snapshot d, after a delay when
// delay is set; nil when d is complete.
func nextLoadCmd(st Store, now func() time.Time, settings *stages.Settings, d *data, gen int, delay bool) tea.Cmd {
	var load tea.Cmd
	wait := time.Duration(0)
	switch as, ok := st.(ActiveStore); {
	case d.complete():
		return nil
	case d.level == levelPrompts && ok:
		load, wait = activeCmd(as, now, settings, gen), activeDelay
	default:
		load, wait = loadCmd(st, now, settings, gen, d), historyDelay
	}
	if !delay {
		return load
	}
	return func() tea.Msg {
		time.Sleep(wait)
		return load()
	}
}

// holdsLess reports whether d holds less of the store than old, a stage
// behind it (a reload's first stage after a complete snapshot).
func (d *data) holdsLess(old *data) bool { return d.level < old.level }

// need is what a screen shows, in the terms of the data: a screen says
// what it needs (see needer) and the data alone knows which stage of the
// load holds it.
type need struct {
	// list is the list of applications: every open one, and the open
	// offers.
	list bool
	// history is the closed applications too (and the figures about them).
	history bool
	// app is one application, with every prompt of it, upcoming included.
	app uint64
}

// shows reports whether d holds all that n names: a screen that needs n is
// drawn complete from d.
func (d *data) shows(n need) bool {
	switch {
	case d == nil:
		return false
	case d.complete():
		return true
	case n.history, n.list && !d.allOpen():
		return false
	case n.app != 0:
		_, ok := d.app(n.app)
		return ok && !d.toDoOnly
	}
	return true
}

// acts reports whether d holds what the keys of a screen that needs n act
// on: the list, or the application (its upcoming prompts and the history
// only show).
func (d *data) acts(n need) bool {
	if d == nil || n.list && !d.allOpen() {
		return false
	}
	if n.app != 0 {
		_, ok := d.app(n.app)
		return ok
	}
	return true
}

// appList is the Applications screen's answer: what to list, and how much
// of it is loaded.
type appList struct {
	// order is the applications loaded, by urgency, open ones first (none
	// until open is set: a few applications are not the list).
	order []int
	// open reports that every open application is loaded; closed, that
	// every closed one is too (until then, list none of them).
	open, closed bool
}

// appList answers the Applications screen.
func (d *data) appList() appList {
	if !d.allOpen() {
		return appList{}
	}
	return appList{order: d.order, open: true, closed: d.complete()}
}

// openOffers answers the Offers screen: the open offers, and whether every
// one is loaded.
func (d *data) openOffers() ([]offerColumn, bool) { return d.offers, d.allOpen() }

// history answers the Stats screen: every application, once the whole
// history is loaded.
func (d *data) history() ([]stages.Application, bool) { return d.apps, d.complete() }

// appState says where an application is in the snapshot.
type appState int

const (
	appLoaded  appState = iota
	appLoading          // not in this partial snapshot yet
	appGone             // in no snapshot: deleted, or never there
)

// application answers a screen about one application.
func (d *data) application(id uint64) (*stages.Application, appState) {
	if a, ok := d.app(id); ok {
		return a, appLoaded
	}
	if d == nil || !d.complete() {
		return nil, appLoading
	}
	return nil, appGone
}

// appPage answers the application's own page, which lists every prompt
// of it: loading until the upcoming ones are in too.
func (d *data) appPage(id uint64) (*stages.Application, appState) {
	if d != nil && d.toDoOnly {
		return nil, appLoading
	}
	return d.application(id)
}

// newData is the snapshot of every application, with the day's prompts
// worked out by the engine, naming the user's references refs (rule 5's
// heads-ups, one per reference given), as the store's prompts do.
func newData(apps []stages.Application, global []stages.Event, refs []stages.Reference, rev uint64, now time.Time, settings *stages.Settings) *data {
	empty := len(apps) == 0
	return buildData(settings, apps, global, enginePrompts(stages.NewEngine(settings, now.Location()).WithReferences(refs), apps, global, now, empty), rev, now, levelFull, empty)
}

// newActiveData is the snapshot of the active applications (see
// levelActive), with their prompts as the store gives them.
func newActiveData(set stages.ActiveDay, now time.Time, settings *stages.Settings) *data {
	level := levelActive
	if set.All {
		level = levelFull
	}
	return buildData(settings, set.Apps, set.Global, set.Prompts, set.Revision, now, level, set.Empty)
}

// newFirstData is the first screen's snapshot (see levelPrompts). A store
// with no application at all is complete from the start.
func newFirstData(fs stages.FirstScreen, now time.Time, settings *stages.Settings) *data {
	level := levelPrompts
	if fs.Empty {
		level = levelFull
	}
	d := buildData(settings, fs.Apps, fs.Global, fs.Prompts, fs.Revision, now, level, fs.Empty)
	if level == levelPrompts {
		d.open, d.offerCount = fs.Open, fs.Offers
	}
	if !fs.All {
		d.toDoOnly = true
		d.upcoming = nil
		if fs.Next != nil {
			d.upcoming = []stages.Prompt{*fs.Next}
		}
	}
	return d
}

// enginePrompts works the day's prompts out from the applications they
// depend on (or more) with the engine (stages.Engine.Day): for a store that
// does not read in stages, which gives none, and never twice for one
// revision (see loadCmd).
func enginePrompts(e stages.Engine, apps []stages.Application, global []stages.Event, now time.Time, empty bool) []stages.Prompt {
	if empty {
		// With no application at all, "keep applying" would greet a new
		// user with "only 0 applications still open": the welcome says it
		// better.
		return nil
	}
	return e.Day(now, liveApps(apps, stages.DateOf(now)), global, true)
}

// buildData derives what the screens show from a snapshot and the day's
// prompts, the applications' processes read in settings.
func buildData(settings *stages.Settings, apps []stages.Application, global []stages.Event, prompts []stages.Prompt, rev uint64, now time.Time, level loadLevel, empty bool) *data {
	d := &data{settings: settings, rev: rev, now: now, today: stages.DateOf(now), apps: apps, global: global, prompts: prompts, level: level, empty: empty}
	d.byID = make(map[uint64]int, len(apps))
	for i := range apps {
		d.byID[apps[i].ID] = i
	}
	// Ranked, the upcoming prompts come last: the others are the first
	// part, shared rather than copied (tens of thousands in a long search).
	firstUpcoming, ranked := len(prompts), true
	d.perApp = make(map[uint64][]int)
	for i := range prompts {
		p := &prompts[i]
		switch {
		case p.Status == stages.Upcoming:
			firstUpcoming = min(firstUpcoming, i)
		case firstUpcoming < i:
			ranked = false
		case p.Status == stages.Overdue:
			d.overdue++
		}
		if p.AppID == 0 {
			continue
		}
		if _, loaded := d.byID[p.AppID]; loaded || level != levelPrompts {
			d.perApp[p.AppID] = append(d.perApp[p.AppID], i)
		}
	}
	if ranked {
		d.actionable = prompts[:firstUpcoming:firstUpcoming]
		d.upcoming = prompts[firstUpcoming:]
	} else {
		d.overdue = 0
		for i := range prompts {
			if prompts[i].Status == stages.Overdue {
				d.overdue++
			}
		}
		d.actionable = stages.Actionable(prompts)
		d.upcoming = slices.DeleteFunc(slices.Clone(prompts), func(p stages.Prompt) bool { return p.Status != stages.Upcoming })
	}
	d.waits = make([]stages.Wait, len(apps))
	d.search = make([]string, len(apps))
	d.order = make([]int, len(apps))
	for i := range apps {
		d.waits[i] = apps[i].Wait(settings, now)
		d.search[i] = strings.ToLower(apps[i].Company + " " + apps[i].Role)
		d.order[i] = i
		if !apps[i].Closed() {
			d.open++
		}
	}
	if level >= levelActive {
		d.offers = openOffers(settings, apps, d.now)
		d.offerCount = len(d.offers)
	}
	if level != levelFull {
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

// stillLoading is what an action on data not loaded yet says.
const stillLoading = "afterview is still loading: try again in a moment"

// errStillLoading is need's answer for an application not loaded yet.
var errStillLoading = errors.New("afterview is still loading that application: try again in a moment")

// need returns the application with the given ID for an action on it, or
// why there is none: not loaded yet (a partial snapshot), or gone.
func (d *data) need(id uint64) (*stages.Application, error) {
	switch a, st := d.application(id); st {
	case appLoaded:
		return a, nil
	case appLoading:
		return nil, errStillLoading
	}
	return nil, errNoApp
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
