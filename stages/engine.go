package stages

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

// Prompts returns every live prompt for the applications and the global
// events (those about no application), upcoming ones included, ranked:
// overdue (longest overdue first), due, open (soonest due first), then
// upcoming by opening day. Ties go by Kind.Weight, company, person and key.
// now is the caller's clock; today is its civil date in now's location.
//
// apps must hold every open application, every rejected one still within
// its after-rejection lapse, and every accepted one (an accepted offer ends
// the keep-applying reminder); other closed applications may be left out.
func Prompts(apps []Application, global []Event, now time.Time) []Prompt {
	var offers []*Application
	open := 0
	var accepted, lastInterview time.Time
	for i := range apps {
		a := &apps[i]
		if a.Outcome == Accepted {
			if at := a.outcomeAt(); at.After(accepted) {
				accepted = at
			}
		}
		if a.Closed() {
			continue
		}
		if a.Interviewed.After(lastInterview) {
			lastInterview = a.Interviewed
		}
		open++
		if a.Offer != nil {
			offers = append(offers, a)
		}
	}
	sort.SliceStable(offers, func(i, j int) bool { return offers[i].Offer.Received.After(offers[j].Offer.Received) })
	var ps []Prompt
	for i := range apps {
		ps = appendAppPrompts(ps, &apps[i], offers, now)
	}
	// Keep applying, unless the search ended with an accepted offer and no
	// new one has started since (no open application interviewed after it).
	searchOver := !accepted.IsZero() && !lastInterview.After(accepted)
	if open < 3 && !searchOver {
		ps = appendKeepApplying(ps, global, now, open)
	}
	Rank(ps)
	return ps
}

// Actionable keeps the prompts that are open, due or overdue, in order.
func Actionable(ps []Prompt) []Prompt {
	out := make([]Prompt, 0, len(ps))
	for _, p := range ps {
		if p.Status != Upcoming {
			out = append(out, p)
		}
	}
	return out
}

// Rank sorts prompts in the order DOMAIN.md gives for "today" (see less),
// stably.
func Rank(ps []Prompt) {
	if len(ps) < 2 {
		return
	}
	// Sorting the prompts themselves moved large structs through a
	// reflection-based swapper, and less worked out the same statuses,
	// weights and day numbers again at every comparison. Each prompt's
	// leading keys are computed once; the order is less's, with the
	// original position as the last tie-break, so the result is exactly
	// the stable sort's.
	keys := make([]rankKey, len(ps))
	for i := range ps {
		p := &ps[i]
		k := rankKey{p: p, index: int32(i), status: int8(statusRank(p.Status)), weight: int8(p.Kind.Weight()),
			dueAt: math.MinInt64, company: p.Company, person: p.Person, app: p.AppID}
		switch p.Status {
		case Overdue, StatusOpen:
			k.first = int32(p.Due.days())
		case Upcoming:
			k.first, k.second = int32(p.comesBack().days()), int32(p.Due.days())
		}
		if !p.DueAt.IsZero() {
			k.dueAt = p.DueAt.UnixNano()
		}
		keys[i] = k
	}
	slices.SortFunc(keys, compareRank)
	sorted := make([]Prompt, len(ps))
	for i := range keys {
		sorted[i] = *keys[i].p
	}
	copy(ps, sorted)
}

// rankKey is a prompt's place in the ranking: what less compares, computed
// once, so that most comparisons never touch the prompts themselves.
type rankKey struct {
	p             *Prompt
	first, second int32 // day numbers: see less
	index         int32
	status        int8
	weight        int8
	// dueAt is DueAt in Unix nanoseconds, the lowest value when it is
	// zero (which is before every time), as DueAt.Before orders them: the
	// years afterview accepts are well within the range.
	dueAt           int64
	company, person string
	app             uint64
}

// compareRank is less as a three-way comparison on precomputed keys, ending
// with the original position.
func compareRank(a, b rankKey) int {
	if a.status != b.status {
		return cmp.Compare(a.status, b.status)
	}
	if a.first != b.first {
		return cmp.Compare(a.first, b.first)
	}
	if a.second != b.second {
		return cmp.Compare(a.second, b.second)
	}
	if a.weight != b.weight {
		return cmp.Compare(a.weight, b.weight)
	}
	if a.dueAt != b.dueAt {
		return cmp.Compare(a.dueAt, b.dueAt)
	}
	if a.company != b.company {
		return strings.Compare(a.company, b.company)
	}
	if a.person != b.person {
		return strings.Compare(a.person, b.person)
	}
	if a.app != b.app {
		return cmp.Compare(a.app, b.app)
	}
	if c := strings.Compare(a.p.Key, b.p.Key); c != 0 {
		return c
	}
	return cmp.Compare(a.index, b.index)
}

func statusRank(s Status) int {
	switch s {
	case Overdue:
		return 0
	case Due:
		return 1
	case StatusOpen:
		return 2
	}
	return 3
}

// less is the ranking as DOMAIN.md gives it. Rank sorts by the same order
// on precomputed keys (compareRank); TestRankIsTheStableSortByLess holds
// the two together, so a change to one is a change to both.
func less(a, b *Prompt) bool {
	if ra, rb := statusRank(a.Status), statusRank(b.Status); ra != rb {
		return ra < rb
	}
	switch a.Status {
	case Overdue, StatusOpen:
		if c := a.Due.Compare(b.Due); c != 0 {
			return c < 0
		}
	case Upcoming:
		if c := a.comesBack().Compare(b.comesBack()); c != 0 {
			return c < 0
		}
		if c := a.Due.Compare(b.Due); c != 0 {
			return c < 0
		}
	}
	if wa, wb := a.Kind.Weight(), b.Kind.Weight(); wa != wb {
		return wa < wb
	}
	// Statuses are per day, so prompts due the same day tie and go by weight
	// (DOMAIN.md); only then does a time of day (thank-you notes, due 24 h
	// after their interview) put the earlier deadline first.
	if !a.DueAt.Equal(b.DueAt) {
		return a.DueAt.Before(b.DueAt)
	}
	if a.Company != b.Company {
		return a.Company < b.Company
	}
	if a.Person != b.Person {
		return a.Person < b.Person
	}
	if a.AppID != b.AppID {
		return a.AppID < b.AppID
	}
	return a.Key < b.Key
}

// comesBack is the day an upcoming prompt appears on the Today list.
func (p *Prompt) comesBack() Date {
	if p.Snoozed.After(p.Opens) {
		return p.Snoozed
	}
	return p.Opens
}

// ComesBack is the day the prompt appears on the Today list: its opening day,
// or the day its snooze ends.
func (p Prompt) ComesBack() Date { return p.comesBack() }

// promptLog is what the candidate did to prompts: marked done or dismissed
// (closed), or snoozed until a day.
type promptLog struct {
	closed  map[string]bool
	snoozed map[string]Date
}

func readPromptLog(events []Event) promptLog {
	var l promptLog
	for _, e := range events {
		switch e.Kind {
		case EvDone, EvDismiss:
			if l.closed == nil {
				l.closed = map[string]bool{}
			}
			l.closed[e.Prompt] = true
		case EvSnooze:
			if l.snoozed == nil {
				l.snoozed = map[string]Date{}
			}
			l.snoozed[e.Prompt] = e.Until
		}
	}
	return l
}

// settle sets a prompt's snooze and status, or reports false when the
// candidate has already marked it done or dismissed it.
func (l promptLog) settle(p *Prompt, now time.Time) bool {
	if l.closed[p.Key] {
		return false
	}
	p.Snoozed = l.snoozed[p.Key]
	p.Status = statusOf(p, now)
	return true
}

func statusOf(p *Prompt, now time.Time) Status {
	today := DateOf(now)
	if today.Before(p.comesBack()) {
		return Upcoming
	}
	if !p.DueAt.IsZero() {
		switch {
		case now.After(p.DueAt):
			return Overdue
		case today == p.Due:
			return Due
		}
		return StatusOpen
	}
	switch c := today.Compare(p.Due); {
	case c > 0:
		return Overdue
	case c == 0:
		return Due
	}
	return StatusOpen
}

// afterRejectionLapse is how long after a rejection its prompts stay: past it
// a gracious reply is no longer timely.
const afterRejectionLapse = 14

func appendAppPrompts(ps []Prompt, a *Application, offers []*Application, now time.Time) []Prompt {
	if a.Closed() && a.Outcome != Rejected {
		return ps
	}
	log := readPromptLog(a.Events)
	add := func(p Prompt) {
		p.AppID = a.ID
		p.Company = a.Company
		if log.settle(&p, now) {
			ps = append(ps, p)
		}
	}
	if a.Outcome == Rejected {
		for _, p := range afterRejection(a, DateOf(now)) {
			add(p)
		}
		return ps
	}

	interviewDay := DateOf(a.Interviewed)
	answered := a.answeredSince(a.Interviewed)
	if !answered {
		for _, p := range thankYous(a, interviewDay) {
			add(p)
		}
		if !a.notedSince(interviewDay) {
			add(Prompt{Key: "reflect", Kind: Reflect, Opens: interviewDay, Due: interviewDay.AddDays(2),
				Text: "Write down what went well in the interview and what to improve, while it is fresh"})
		}
	}

	if a.Offer != nil {
		add(offerDeadline(a))
	} else {
		if p, ok := followUpOrMoveOn(a); ok {
			add(p)
		}
		if p, ok := competingOffer(a, offers); ok {
			add(p)
		}
	}
	if p, ok := stageTask(a); ok {
		add(p)
	}
	return ps
}

// answeredSince reports whether the company answered after t: a new stage,
// an offer or an outcome.
func (a *Application) answeredSince(t time.Time) bool {
	for _, e := range a.Events {
		switch e.Kind {
		case EvStage, EvOffer, EvOutcome:
			if !e.At.Before(t) {
				return true
			}
		}
	}
	return false
}

func (a *Application) notedSince(d Date) bool {
	for _, e := range a.Events {
		if e.Kind == EvNote && !DateOf(e.At).Before(d) {
			return true
		}
	}
	return false
}

// ThankedSince reports whether a thank-you to person was logged on or after day d.
func (a *Application) ThankedSince(person string, d Date) bool {
	for _, e := range a.Events {
		if e.Kind == EvThanks && strings.EqualFold(strings.TrimSpace(e.Person), person) && !DateOf(e.At).Before(d) {
			return true
		}
	}
	return false
}

func (a *Application) role(person string) string {
	if strings.EqualFold(person, a.Recruiter) {
		return "recruiter"
	}
	return "interviewer"
}

func thankYous(a *Application, interviewDay Date) []Prompt {
	dueAt := a.Interviewed.Add(24 * time.Hour)
	var out []Prompt
	for _, person := range a.People() {
		if a.ThankedSince(person, interviewDay) {
			continue
		}
		out = append(out, Prompt{
			Key: "thank_you:" + strings.ToLower(person), Kind: ThankYou, Person: person,
			Opens: interviewDay, Due: DateOf(dueAt), DueAt: dueAt,
			Text: fmt.Sprintf("Send a short, personal thank-you to %s (%s)", person, a.role(person)),
		})
	}
	return out
}

func (a *Application) recruiterOr(fallback string) string {
	if a.Recruiter != "" {
		return a.Recruiter
	}
	return fallback
}

// FollowUpWindow returns when the one follow-up opens and is due, counted from
// the last contact (or the day after the recruiter's promised date).
func (a *Application) FollowUpWindow() (opens, due Date) {
	last := DateOf(a.LastContact())
	if !a.Expect.IsZero() && !a.Expect.Before(last) {
		opens = a.Expect.NextBusinessDay()
		return opens, opens.AddBusinessDays(2)
	}
	return last.AddBusinessDays(7), last.AddBusinessDays(10)
}

// MoveOnAfter is how many business days an unanswered follow-up waits before
// the move-on prompt.
const MoveOnAfter = 5

func followUpOrMoveOn(a *Application) (Prompt, bool) {
	if f, sent := a.PendingFollowUp(); sent {
		day := DateOf(f.At)
		opens := day.AddBusinessDays(MoveOnAfter)
		return Prompt{
			Key: "move_on:" + day.String(), Kind: MoveOn, Opens: opens, Due: opens,
			Text: fmt.Sprintf("No answer since your follow-up of %s: close it as no answer and put your energy elsewhere", day.Short()),
		}, true
	}
	opens, due := a.FollowUpWindow()
	text := fmt.Sprintf("Send one polite follow-up to %s", a.recruiterOr("the recruiter"))
	if !a.Expect.IsZero() && !a.Expect.Before(DateOf(a.LastContact())) {
		text += fmt.Sprintf(": they said you would hear by %s", a.Expect.Short())
	}
	return Prompt{
		Key: "follow_up:" + DateOf(a.LastContact()).String(), Kind: FollowUp, Person: a.Recruiter,
		Opens: opens, Due: due, Text: text,
	}, true
}

// CheckFollowUp returns ErrFollowUpAlreadySent when a follow-up is already
// out and the company has not answered since.
func (a *Application) CheckFollowUp() error {
	if _, sent := a.PendingFollowUp(); sent && !a.Closed() {
		return ErrFollowUpAlreadySent
	}
	return nil
}

// OfferDeadline is the offer's response deadline: the one given, or a week
// after it arrived.
func (o *Offer) OfferDeadline() Date {
	if !o.Deadline.IsZero() {
		return o.Deadline
	}
	return DateOf(o.Received).AddDays(7)
}

func offerDeadline(a *Application) Prompt {
	received := DateOf(a.Offer.Received)
	deadline := a.Offer.OfferDeadline()
	return Prompt{
		Key: "offer_deadline:" + received.String(), Kind: OfferDeadline, Person: a.Recruiter,
		Opens: received, Due: deadline,
		Text: fmt.Sprintf("Answer the offer by %s: accept, decline or counter", deadline.Short()),
		Tip:  a.Template().OfferTip,
	}
}

// competingOffer tells a waiting application's recruiter about the offers
// received since they last heard from the candidate. offers is newest first;
// one prompt names the newest offer (its key) and up to three in its text,
// so the cost stays linear however many offers are open.
func competingOffer(a *Application, offers []*Application) (Prompt, bool) {
	var told time.Time
	for _, e := range a.Events {
		// Telling the recruiter is a contact: a follow-up or a reply logged
		// after an offer arrived covers it.
		if (e.Kind == EvFollowUp || e.Kind == EvHeard) && e.At.After(told) {
			told = e.At
		}
	}
	var untold []*Application
	for _, o := range offers {
		if o == a {
			continue
		}
		if !told.IsZero() && !told.Before(o.Offer.Received) {
			break
		}
		if untold = append(untold, o); len(untold) == 3 {
			break
		}
	}
	if len(untold) == 0 {
		return Prompt{}, false
	}
	newest := untold[0]
	names := make([]string, len(untold))
	for i, o := range untold {
		names[i] = fmt.Sprintf("%s (deadline %s)", o.Company, o.Offer.OfferDeadline().Short())
	}
	what := "an offer from " + names[0]
	if len(names) > 1 {
		what = "offers from " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	day := DateOf(newest.Offer.Received)
	return Prompt{
		Key: fmt.Sprintf("competing_offer:%d", newest.ID), Kind: CompetingOffer, Person: a.Recruiter,
		Opens: day, Due: day.NextBusinessDay(),
		Text: fmt.Sprintf("Tell %s you hold %s", a.recruiterOr("the recruiter"), what),
	}, true
}

func stageTask(a *Application) (Prompt, bool) {
	t := a.Template()
	i := t.StageIndex(a.Stage)
	if i < 0 || t.Stages[i].Task == "" {
		return Prompt{}, false
	}
	hist := a.StageHistory()
	entered := DateOf(hist[len(hist)-1].From)
	return Prompt{
		Key: "stage_task:" + t.Stages[i].Name, Kind: StageTask, Person: "",
		Opens: entered, Due: entered.NextBusinessDay(), Text: t.Stages[i].Task, Tip: t.Stages[i].Tip,
	}, true
}

func afterRejection(a *Application, today Date) []Prompt {
	var at time.Time
	for _, e := range a.Events {
		if e.Kind == EvOutcome && e.Outcome == Rejected {
			at = e.At
		}
	}
	if at.IsZero() {
		return nil
	}
	day := DateOf(at)
	if today.DaysSince(day) > afterRejectionLapse {
		return nil
	}
	var out []Prompt
	replied := false
	noted := false
	for _, e := range a.Events {
		if e.At.Before(at) {
			continue
		}
		switch e.Kind {
		case EvThanks, EvFollowUp:
			replied = true
		case EvNote:
			noted = true
		}
	}
	if !replied {
		out = append(out, Prompt{
			Key: "after_rejection:reply", Kind: AfterRejection, Person: a.Recruiter,
			Opens: day, Due: day.NextBusinessDay(),
			Text: fmt.Sprintf("Send %s a short, gracious reply: it keeps the door open", a.recruiterOr("the recruiter")),
		})
	}
	if !noted {
		out = append(out, Prompt{
			Key: "after_rejection:lessons", Kind: AfterRejection,
			Opens: day, Due: day.AddBusinessDays(2),
			Text: "Note the lessons learned from this process",
		})
	}
	return out
}

func appendKeepApplying(ps []Prompt, global []Event, now time.Time, open int) []Prompt {
	monday := DateOf(now).MondayOf()
	p := Prompt{
		Key: "keep_applying:" + monday.String(), Kind: KeepApplying,
		Opens: monday, Due: monday.AddDays(6),
		Text: fmt.Sprintf("Only %d application%s still open: keep the pipeline full, do not wait on one company", open, plural(open)),
	}
	if readPromptLog(global).settle(&p, now) {
		ps = append(ps, p)
	}
	return ps
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// StageSpan is a stretch of time the application spent in one stage.
type StageSpan struct {
	Stage string
	From  time.Time
	// To is zero for the current stage.
	To time.Time
}

// StageHistory replays the log into the stages the application went
// through, in order; the last span is the current stage.
func (a *Application) StageHistory() []StageSpan {
	t := a.Template()
	offerAt := firstOfferStage(t)
	spans := []StageSpan{{Stage: t.Stages[0].Name, From: a.Interviewed}}
	move := func(stage string, at time.Time) {
		last := &spans[len(spans)-1]
		if last.Stage == stage {
			return
		}
		last.To = at
		spans = append(spans, StageSpan{Stage: stage, From: at})
	}
	for _, e := range a.Events {
		switch e.Kind {
		case EvStage:
			move(e.Stage, e.At)
		case EvOffer:
			if offerAt >= 0 && t.StageIndex(spans[len(spans)-1].Stage) < offerAt {
				move(t.Stages[offerAt].Name, e.At)
			}
		}
	}
	if cur := spans[len(spans)-1]; cur.Stage != a.Stage && a.Stage != "" {
		move(a.Stage, cur.From)
	}
	return spans
}

// Wait places the days since the final interview against the expected
// window for the current stage; the recruiter's promised date overrides it.
func (a *Application) Wait(today Date) Wait {
	interviewDay := DateOf(a.Interviewed)
	w := Wait{Days: today.DaysSince(interviewDay), Window: a.Template().WindowFor(a.Stage), Promised: a.Expect}
	if !a.Expect.IsZero() {
		promised := a.Expect.DaysSince(interviewDay)
		w.Window = Window{Min: min(w.Window.Min, promised), Max: promised}
	}
	switch {
	case a.Closed():
		w.Status = WaitClosed
	case w.Days > w.Window.Max:
		w.Status = WaitOverdue
	case w.Days >= w.Window.Min:
		w.Status = WaitInWindow
	default:
		w.Status = WaitEarly
	}
	return w
}

// outcomeAt is when the application reached its current outcome (zero if open).
func (a *Application) outcomeAt() time.Time {
	for i := len(a.Events) - 1; i >= 0; i-- {
		if e := a.Events[i]; e.Kind == EvOutcome && e.Outcome == a.Outcome {
			return e.At
		}
	}
	return time.Time{}
}
