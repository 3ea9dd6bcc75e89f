package stages

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Own is what one application brings to the prompts of any day, worked out
// from the application alone: its prompts, each with the last day it can
// show, and the few facts the prompts of the whole search need from it (an
// open offer to mention to the others, an acceptance that ends the search).
// The prompts that depend on other applications (withdraw, competing
// offer, negotiate, extension) and each prompt's status are worked out
// from Owns for the day (Day), so an Own stays right until the application itself
// changes: a store can keep it up to date on write and give today's prompts
// without reading the applications again.
//
// An Own depends on the application and on the engine it was worked out
// with: the zone its dates are taken in and the settings (Settings.Key
// names them).
type Own struct {
	ID          uint64
	Company     string
	Recruiter   string
	Outcome     Outcome
	Interviewed time.Time
	// Accepted is when the application was accepted (zero unless it was).
	Accepted time.Time
	// HasOffer reports an offer, open or answered; OfferOpen one still
	// open, received at OfferReceived, with the deadline the company gave
	// (OfferDeadline, zero if none).
	HasOffer      bool
	OfferOpen     bool
	OfferReceived time.Time
	OfferDeadline Date
	// OfferDeadlineTime is the deadline's time of day ("17:00"; "": none
	// given), for the other offers' prompts that name it (rule 16).
	OfferDeadlineTime string
	// OfferKnown reports an offer whose numbers are known (its base is
	// given: Offer.Known), open or accepted; OfferCash is then its year-1
	// cash (OfferSummary.Year1Cash), which the negotiate prompt of rule 15
	// compares. A verbal offer with no numbers pauses no keep-applying
	// prompt (rule 8), and its acceptance says so in the withdraw prompts
	// (rule 17).
	OfferKnown bool
	OfferCash  int64
	// Process is the application's process, by name: Netflix's offers
	// negotiate only against a clearly higher one (rule 15).
	Process string
	// Sent is the day of the latest message the candidate sent the
	// company (see messageSent): the next prompted message to it waits
	// two business days (rule 12). Countered is the latest counter.
	Sent      Date
	Countered time.Time
	// Reneged are the applications whose acceptance this one's acceptance
	// went back on (rule 17), ascending.
	Reneged []uint64
	// Told are the other applications whose offers this company heard
	// about, ascending.
	Told []uint64
	// Closed and Snoozed are what the candidate did to the prompts other
	// applications decide (withdraw, competing offer, negotiate,
	// extension) and to the heads-ups to single references, which the Day
	// makes (rule 5): their keys marked done or dismissed, and snoozed
	// (the latest snooze of each).
	Closed  []string
	Snoozed []Snooze
	// Prompts are the application's own prompts, with their snoozes and
	// without the ones marked done or dismissed, in the engine's order.
	Prompts []OwnPrompt
}

// Snooze is a prompt snoozed until a day.
type Snooze struct {
	Key   string
	Until Date
}

// OwnPrompt is a prompt of one application for every day at once: it shows
// until the day before Until (zero: no end), with the status of the day.
type OwnPrompt struct {
	// Prompt has no status (and no AppID or Company: the Own has them).
	Prompt Prompt
	// Until is the first day the prompt no longer shows (zero: it shows
	// until the application changes).
	Until Date
	// Kept marks a prompt that stays when an accepted offer elsewhere ends
	// the search (the reflection on the interview); the others give way to
	// the one withdraw prompt.
	Kept bool
	// PerReference marks the reference heads-up, which the Day gives once
	// per reference given to the application (rule 5): the references are
	// the user's list, which the Own does not hold (Engine.WithReferences).
	PerReference bool
	// Message marks a prompt whose work is a message to the company with
	// no event of its own (the ask for the offer in writing): while it is
	// on Today, the messages other applications prompt to the same
	// company wait (rule 12).
	Message bool
}

// Key names these settings for a cache of what they decide (Own): equal
// keys promise equal settings. The defaults are "default"; settings read
// from a file are named by the file's contents (SetKey). An empty key
// promises nothing, and nothing is cached under it.
func (s *Settings) Key() string {
	if s == nil || s == defaultSettings {
		return "default"
	}
	return s.key
}

// SetKey names the settings (see Key).
func (s *Settings) SetKey(key string) { s.key = key }

// Own works out what application a brings to the prompts of any day (see
// Own), with the engine's settings and every date taken in its zone.
func (e Engine) Own(a *Application) Own {
	return ownOf(a, e.Settings(), e.Zone())
}

// ownOf is Own with the settings s and dates in loc.
func ownOf(a *Application, s *Settings, loc *time.Location) Own {
	o := Own{ID: a.ID, Company: a.Company, Recruiter: a.Recruiter, Outcome: a.Outcome, Interviewed: a.Interviewed,
		HasOffer: a.Offer != nil, Process: a.Process}
	o.Accepted = a.AcceptedAt()
	if a.OfferOpen(s) {
		o.OfferOpen, o.OfferReceived, o.OfferDeadline, o.OfferDeadlineTime = true, a.Offer.Received, a.Offer.Deadline, a.Offer.DeadlineTime
	}
	if a.Offer != nil && a.Offer.Known() {
		o.OfferKnown = true
		o.OfferCash = *a.Offer.Summary(time.Time{}).Year1Cash
	}
	o.Sent, o.Countered = a.lastMessage(s, loc)
	if a.Outcome == Accepted {
		for _, e := range a.Events {
			if e.Kind == EvOutcome && e.Outcome == Accepted {
				for _, r := range e.Reneged {
					o.Reneged = append(o.Reneged, r.App)
				}
			}
		}
		slices.Sort(o.Reneged)
		o.Reneged = slices.Compact(o.Reneged)
	}
	for id := range a.toldAbout() {
		o.Told = append(o.Told, id)
	}
	slices.Sort(o.Told)
	log := readPromptLog(a.Events)
	for k := range log.closed {
		if sharedKey(k) || referenceKey(k) {
			o.Closed = append(o.Closed, k)
		}
	}
	slices.Sort(o.Closed)
	for k, d := range log.snoozed {
		if sharedKey(k) || referenceKey(k) {
			o.Snoozed = append(o.Snoozed, Snooze{k, d})
		}
	}
	slices.SortFunc(o.Snoozed, func(x, y Snooze) int { return strings.Compare(x.Key, y.Key) })
	g := ownEngine{s: s, loc: loc}
	add := func(p Prompt, until Date, kept bool) *OwnPrompt {
		if log.closed[p.Key] {
			return nil
		}
		p.Snoozed = log.snoozed[p.Key]
		o.Prompts = append(o.Prompts, OwnPrompt{Prompt: p, Until: until, Kept: kept,
			Message: p.Kind == StageTask && a.messagePrompt(s, p.Key)})
		return &o.Prompts[len(o.Prompts)-1]
	}
	addTask := func(p Prompt, perReference bool) {
		if op := add(p, lapsesAfterDue(p.Due), false); op != nil {
			op.PerReference = perReference
		}
	}
	// References who were called are thanked and told the outcome,
	// whatever it was (rule 10).
	if p, day, ok := g.thankReferences(a); ok {
		add(p, closedUntil(day, p.Due), false)
	}
	switch a.Outcome {
	case Open:
	case Rejected:
		day, ps := g.afterRejection(a)
		for _, p := range ps {
			add(p, closedUntil(day, p.Due), false)
		}
		return o
	case Accepted:
		if p, perReference, ok := g.afterAcceptance(a); ok {
			addTask(p, perReference)
		}
		for _, p := range g.acceptedSafely(a) {
			add(p, lapsesAfterDue(p.Due), false) // two weeks, as a stage task (rule 18)
		}
		return o
	default:
		return o
	}
	interviewDay := g.day(a.Interviewed)
	fresh := !a.answeredSince(a.Interviewed)
	if fresh && !a.notedSince(interviewDay, loc) {
		add(Prompt{Key: "reflect", Kind: Reflect, Opens: interviewDay, Due: interviewDay.AddDays(2), Input: InputNote,
			Text: "Write down what went well in the interview and what to improve, while it is fresh"},
			interviewDay.AddDays(2+reflectLapse+1), true)
	}
	if fresh {
		followOpens, _ := a.FollowUpWindow(s, loc)
		for _, p := range g.thankYous(a) {
			add(p, followOpens, false)
		}
	}
	var clock *offerClock
	switch {
	case a.OfferOpen(s):
		c := g.offerClock(a)
		clock = &c
		add(g.offerDeadline(a, clock), Date{}, false)
		if p, until, ok := g.counterExtension(a, clock); ok {
			add(p, until, false)
		}
	case a.Offer == nil:
		if p, ok := g.followUpOrMoveOn(a); ok {
			add(p, Date{}, false)
		}
	}
	if p, perReference, ok := g.stageTask(a); ok {
		if clock != nil {
			// A task at an offer stage is about the offer (rule 6).
			p = clock.byDeadline(p)
		}
		addTask(p, perReference)
	}
	for k := range ruledKinds {
		if p, ok := k.Rule(s, a, loc); ok {
			add(p, Date{}, false)
		}
	}
	return o
}

// onDay finishes p for the day (its kind's OnDay).
func onDay(p *Prompt, now time.Time, today Date) {
	if s, ok := p.Kind.Spec(); ok && s.OnDay != nil {
		s.OnDay(p, now, today)
	}
}

// referenceKey reports the key of a heads-up to one reference
// ("stage_task:reference-check:ana-lopez"), which the Day makes from the
// Own's one heads-up, so the Own keeps its log.
func referenceKey(k string) bool {
	_, ref, ok := StageTaskParts(k)
	return ok && ref != ""
}

// sharedKey reports a prompt key that the state of other applications
// decides (withdraw, competing offer, negotiate, extension), which an
// Own keeps the log of.
func sharedKey(k string) bool {
	kind, _, _ := strings.Cut(k, ":")
	s, ok := Kind(kind).Spec()
	return ok && s.Shared
}

// settleShared sets the snooze and status of a prompt of o that the Day
// makes (withdraw, competing offer, negotiate, extension, a heads-up to one
// reference), from the log the Own keeps of them, or reports false when the
// candidate closed it. A prompt with no snooze of its own keeps the one it
// has (a heads-up keeps the one heads-up's).
func (o *Own) settleShared(p *Prompt, now time.Time) bool {
	if _, closed := slices.BinarySearch(o.Closed, p.Key); closed {
		return false
	}
	if i, ok := slices.BinarySearchFunc(o.Snoozed, p.Key, func(s Snooze, k string) int { return strings.Compare(s.Key, k) }); ok {
		p.Snoozed = o.Snoozed[i].Until
	}
	p.Status = statusOf(p, now)
	return true
}

func (o *Own) told(id uint64) bool {
	_, ok := slices.BinarySearch(o.Told, id)
	return ok
}

// Day works out the prompts of one day from what each application brings
// (Own), in two passes, so that a caller can stream the Owns instead of
// holding them all: Note every Own, then Add every Own, then Finish. The
// Owns given to Note may be reused afterwards.
type Day struct {
	// Actionable drops the upcoming prompts as they are added, all but
	// the first (Next): a caller that shows what to do today need not hold
	// them.
	Actionable bool
	// Next is the first upcoming prompt in the ranking, when Actionable.
	Next *Prompt

	e             Engine
	g             engine
	noted, added  int // Owns noted and added so far
	open          int
	lastInterview time.Time
	sorted        bool
	// heldKnown: an open offer whose numbers are known is held (rule 8).
	heldKnown bool
}

// NewDay starts the prompts of now's day, with the engine's calendar and
// dates in its zone.
func (e Engine) NewDay(now time.Time) *Day {
	now = now.In(e.Zone())
	return &Day{e: e, g: engine{ownEngine: ownEngine{s: e.Settings(), loc: e.Zone()}, cal: e.Settings().Calendar, now: now, today: DateOf(now), refs: e.refs}}
}

// Note takes in what the prompts of the others need from o: an open offer
// to mention, an acceptance that ends the search, whether it is open.
func (d *Day) Note(o *Own) {
	g := &d.g
	d.noted++
	if o.Outcome == Accepted && o.Accepted.After(g.accepted) {
		g.accepted, g.acceptedVerbal = o.Accepted, !o.OfferKnown
	}
	for _, id := range o.Reneged {
		if g.reneged == nil {
			g.reneged = map[uint64]bool{}
		}
		g.reneged[id] = true
	}
	if o.Outcome != Open {
		return
	}
	if o.Interviewed.After(d.lastInterview) {
		d.lastInterview = o.Interviewed
	}
	d.open++
	if o.OfferOpen {
		h := heldOffer{pos: d.noted, id: o.ID, company: o.Company, received: o.OfferReceived, deadline: o.OfferDeadline,
			deadlineTime: o.OfferDeadlineTime, cash: o.OfferCash, known: o.OfferKnown}
		g.offers = append(g.offers, h)
		d.sorted = false
		if o.OfferKnown {
			// Rule 8: an offer with known terms in hand, the pipeline is
			// not the problem (a verbal offer with no numbers is nothing
			// yet).
			d.heldKnown = true
			// Rule 15: the two highest in year-1 cash, the first noted
			// first among equals.
			switch {
			case g.top[0].pos == 0 || h.cash > g.top[0].cash:
				g.top[1], g.top[0] = g.top[0], h
			case g.top[1].pos == 0 || h.cash > g.top[1].cash:
				g.top[1] = h
			}
		}
	}
}

// Open is the number of open applications among the Owns noted so far.
func (d *Day) Open() int { return d.open }

// OpenOffers is the number of open offers among the Owns noted so far: the
// offers a screen lists side by side.
func (d *Day) OpenOffers() int { return len(d.g.offers) }

// ready orders the offers once every Own is noted.
func (d *Day) ready() {
	if d.sorted {
		return
	}
	d.sorted = true
	g := &d.g
	// Oldest offer first: a company is owed a mention of each, and its
	// prompt is due after the earliest it has not heard of (rule 12).
	slices.SortStableFunc(g.offers, func(x, y heldOffer) int {
		if c := x.received.Compare(y.received); c != 0 {
			return c
		}
		return cmp.Compare(x.id, y.id)
	})
	g.offerIDs = make(map[uint64]bool, len(g.offers))
	for _, o := range g.offers {
		g.offerIDs[o.id] = true
	}
	g.toldNone = nil
	g.byDeadline = nil
	if len(g.offers) >= 2 {
		// Rule 16: the deadlines side by side, nearest first (given or
		// assumed), then in the order above.
		g.byDeadline = slices.Clone(g.offers)
		slices.SortStableFunc(g.byDeadline, func(x, y heldOffer) int {
			dx, _ := g.deadlineOf(&x)
			dy, _ := g.deadlineOf(&y)
			return dx.Compare(dy)
		})
	}
}

// Add appends the prompts o has on the day, once every Own is noted; the
// Owns are added in the order they were noted.
func (d *Day) Add(ps []Prompt, o *Own) []Prompt {
	d.ready()
	d.added++
	d.g.pos = d.added
	if !d.Actionable {
		return d.g.appendOwn(ps, o)
	}
	from := len(ps)
	ps = d.g.appendOwn(ps, o)
	kept := ps[:from]
	for i := from; i < len(ps); i++ {
		p := &ps[i]
		if p.Status != Upcoming {
			kept = append(kept, *p)
			continue
		}
		if d.Next == nil || less(p, d.Next) {
			next := *p
			d.Next = &next
		}
	}
	return kept
}

// Apps is the day's prompts for applications held all at once: the
// engine's Own of each, noted, then added, then Finish, as a caller that
// streams cached Owns does one record at a time.
func (d *Day) Apps(apps []Application, global []Event, started bool) []Prompt {
	n := 1
	owns := make([]Own, len(apps))
	for i := range apps {
		owns[i] = d.e.Own(&apps[i])
		d.Note(&owns[i])
		n += len(owns[i].Prompts) + 1
	}
	ps := make([]Prompt, 0, n)
	for i := range owns {
		ps = d.Add(ps, &owns[i])
	}
	return d.Finish(ps, global, started)
}

// Of gives the prompts o has on the day, ranked, once every Own is noted,
// for a caller that wants one application's prompts at a time, in any
// order (list). Unlike Add, it does not drop upcoming prompts.
func (d *Day) Of(o *Own) []Prompt {
	d.ready()
	// No place: o is compared with the offers only for a competing-offer
	// prompt, which an application holding an offer never gets.
	d.g.pos = -1
	ps := d.g.appendOwn(nil, o)
	Rank(ps)
	return ps
}

// Finish adds the prompts about the whole search (keep applying) and ranks
// them all. started says whether the file holds any application at all.
func (d *Day) Finish(ps []Prompt, global []Event, started bool) []Prompt {
	// Keep applying, unless the search ended with an accepted offer and no
	// new one has started since (no open application interviewed after it).
	g := &d.g
	searchOver := !g.accepted.IsZero() && !d.lastInterview.After(g.accepted)
	if started && d.open < 3 && !searchOver && !d.heldKnown {
		from := len(ps)
		ps = appendKeepApplying(ps, global, g.now, d.open)
		if d.Actionable && len(ps) > from && ps[from].Status == Upcoming {
			if d.Next == nil || less(&ps[from], d.Next) {
				next := ps[from]
				d.Next = &next
			}
			ps = ps[:from]
		}
	}
	Rank(ps)
	return ps
}

// heldOffer is an open offer the other companies may be told about.
type heldOffer struct {
	pos      int // the application's place in the order of Note
	id       uint64
	company  string
	received time.Time
	// deadline is the deadline the company gave (zero: none), with its
	// time of day if any.
	deadline     Date
	deadlineTime string
	// cash is the year-1 cash, when the numbers are known.
	cash  int64
	known bool
}

// appendOwn adds the prompts application o has on the engine's day.
func (g *engine) appendOwn(ps []Prompt, o *Own) []Prompt {
	ended := o.Outcome == Open && !g.accepted.IsZero() && o.Interviewed.Before(g.accepted)
	// The competing-offer prompt first: while it waits, the follow-up is
	// not shown beside it (rule 12: the note asks for the timeline, so it
	// carries the follow-up, and one company gets one prompted message at
	// a time); once told, the follow-up window starts again from the day
	// told, two business days and more after the note.
	var competing Prompt
	hasCompeting := false
	// asking reports one of o's own message prompts on Today (the ask
	// for the offer in writing).
	asking := false
	// extending reports o's own extension prompt on Today (a counter not
	// answered): the company is asked for more time once, not again to
	// line the deadlines up.
	extending := false
	if o.Outcome == Open && !ended && !o.HasOffer {
		if p, ok := g.competingOffer(o); ok {
			p.AppID, p.Company = o.ID, o.Company
			if o.settleShared(&p, g.now) {
				competing, hasCompeting = p, true
			}
		}
	}
	// An acceptance gone back on (rule 17: a later acceptance reneged on
	// it): its tasks (the background check, onboarding) no longer apply;
	// one prompt remains, to tell that company.
	reneged := o.Outcome == Accepted && g.reneged[o.ID]
	for i := range o.Prompts {
		op := &o.Prompts[i]
		if reneged || (ended && !op.Kept) || (!op.Until.IsZero() && !g.today.Before(op.Until)) {
			continue
		}
		if hasCompeting && op.Prompt.Kind == FollowUp {
			continue
		}
		p := op.Prompt
		p.AppID, p.Company = o.ID, o.Company
		if op.PerReference {
			ps = g.headsUps(ps, o, p)
			continue
		}
		p.Status = statusOn(&p, g.now, g.today)
		if op.Message && p.Status != Upcoming {
			asking = true
		}
		if p.Kind == Extension && p.Status != Upcoming {
			extending = true
		}
		onDay(&p, g.now, g.today)
		if p.Kind == OfferDeadline && g.byDeadline != nil {
			// Rule 16: each offer's prompt names the others' deadlines,
			// after the words of the day (OnDay), which may be new ones.
			if others := g.otherDeadlines(o); others != "" {
				p.Text += "; other deadlines: " + others
			}
		}
		g.mark(&p, o)
		ps = append(ps, p)
	}
	shared := func(p Prompt) bool {
		p.AppID, p.Company = o.ID, o.Company
		if o.settleShared(&p, g.now) {
			onDay(&p, g.now, g.today)
			ps = append(ps, p)
			return true
		}
		return false
	}
	if reneged {
		shared(g.renege(o))
	}
	if o.Outcome != Open {
		return ps
	}
	switch {
	case ended:
		// From acceptance on, the other applications get one prompt: say
		// so kindly (rule 10). No follow-up, move-on, competing-offer,
		// thank-you or offer-deadline prompt competes with it.
		shared(g.withdraw(o))
	case hasCompeting:
		onDay(&competing, g.now, g.today)
		ps = append(ps, competing)
	case o.OfferOpen:
		// Rule 12: one message to the company at a time. The ask for the
		// offer in writing comes first: while it is on Today the others
		// wait, until the business day before the deadline, when the
		// deadline cannot wait. Then the extension (a deadline); the
		// negotiate prompt waits until the extension is done, dismissed or
		// answered. Once one is sent, the next keeps two business days
		// clear of it (spaced).
		waits := asking && (o.OfferDeadline.IsZero() || g.today.Before(g.cal.AddBusinessDays(o.OfferDeadline, -1)))
		lined := extending
		if p, ok := g.lineUp(o, o.Sent); ok && !waits && !extending {
			lined = shared(p)
		}
		if p, ok := g.negotiate(o, o.Sent); ok && !lined && !waits {
			shared(p)
		}
	}
	return ps
}

// headsUps gives the reference heads-up p of application o once per
// reference given to it, each naming that person, under a key of its own
// (rule 5: each reference gets a note of their own); with none given, the
// one prompt asks to name them. A heads-up to one reference snoozed under
// its own key comes back then; else it keeps the snooze of the one
// heads-up (a snooze logged before there was one per reference).
func (g *engine) headsUps(ps []Prompt, o *Own, p Prompt) []Prompt {
	n := 0
	for _, r := range g.refs {
		if !r.GivenTo(o.ID) {
			continue
		}
		n++
		slug := KeySlug(r.Name)
		if slug == "" {
			slug = fmt.Sprintf("reference-%d", n)
		}
		q := p
		q.Key = p.Key + ":" + slug
		q.Person = r.Name
		q.Text = headsUpText(p.Text, r.Name)
		q.Short = "brief " + r.Name
		if !o.settleShared(&q, g.now) {
			continue
		}
		onDay(&q, g.now, g.today)
		ps = append(ps, q)
	}
	if n > 0 {
		return ps
	}
	p.Text = "Name the references you gave " + o.Company + ", so that each gets a heads-up of their own: calls can come from today"
	p.Short = "name your references"
	p.Status = statusOn(&p, g.now, g.today)
	onDay(&p, g.now, g.today)
	return append(ps, p)
}

// headsUpText is the task text said to one reference: the built-in
// "Give your references a heads-up: ..." names them; a task of the user's
// own process is kept, with the name after it.
func headsUpText(task, name string) string {
	if rest, ok := strings.CutPrefix(task, "Give your references a heads-up"); ok {
		return "Give " + name + " a heads-up" + rest
	}
	return task + " (" + name + ")"
}

// mark notes, on a prompt of o whose status is set, whether rule 19 puts
// it first of all: an offer deadline whose day is today or tomorrow, or
// has passed (the offer may have lapsed: call today). The deadline's day,
// not the prompt's due day, which comes earlier to leave a day in hand.
func (g *engine) mark(p *Prompt, o *Own) {
	if p.Kind != OfferDeadline || p.Status == Upcoming || !o.OfferOpen {
		return
	}
	h := heldOffer{received: o.OfferReceived, deadline: o.OfferDeadline}
	day, _ := g.deadlineOf(&h)
	p.pressing = !day.After(g.today.AddDays(1))
}
