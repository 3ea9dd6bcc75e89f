package stages

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Engine is the prompt engine of one user: the settings its rules read
// (the calendar, the rules' numbers, the processes) and the zone every date
// is taken in, both given when it is made, so that no application or Own
// carries settings of its own and none can be forgotten. It is the one way
// to the day's prompts: Day works them out for applications held in
// memory, in the two steps a caller with a cache of Owns takes one record
// at a time (Own for each application, then a Day from NewDay: Note every
// Own, Add every Own, Finish), so the cache and the engine cannot disagree.
type Engine struct {
	settings *Settings
	loc      *time.Location
	// refs are the user's references, which the Day names in the
	// reference heads-ups of the applications they were given to (rule 5).
	refs []Reference
}

// NewEngine is the engine of settings s (nil: the defaults) with dates
// taken in loc (nil: UTC).
func NewEngine(s *Settings, loc *time.Location) Engine {
	if loc == nil {
		loc = time.UTC
	}
	return Engine{settings: s.orDefault(), loc: loc}
}

// Settings are the settings the engine's rules read.
func (e Engine) Settings() *Settings { return e.settings.orDefault() }

// Zone is the zone the engine takes dates in.
func (e Engine) Zone() *time.Location {
	if e.loc == nil {
		return time.UTC
	}
	return e.loc
}

// In is the engine with dates taken in loc instead.
func (e Engine) In(loc *time.Location) Engine {
	n := NewEngine(e.settings, loc)
	n.refs = e.refs
	return n
}

// WithReferences is the engine with the user's references, which its days
// name one by one in the reference heads-up of each application they were
// given to (rule 5): with none given to it, that prompt asks to name them.
// References are the user's own list, not part of any application, so an
// Own never holds them; every caller that shows prompts gives them here, so
// that the command line and the UI agree.
func (e Engine) WithReferences(refs []Reference) Engine {
	e.refs = refs
	return e
}

// References are the references the engine was given (WithReferences).
func (e Engine) References() []Reference { return e.refs }

// Day returns every live prompt of now's day for the applications and the
// global events (those about no application), upcoming ones included,
// ranked: rule 19's groups first (an offer deadline whose day is today,
// tomorrow or past; then the messages to other people and the other offer
// deadlines; then the notes to yourself), within each overdue (longest
// overdue first), due, open (soonest due first); then upcoming by opening
// day. Ties go by Kind.Weight, company, person and key. now is the caller's clock, taken in the engine's zone, whatever zone
// an event was logged in. It is the one function that computes the day's
// prompts: every other way there (the agenda's cache, one application's
// prompts) is Own and a Day, as here.
//
// apps must hold every open application, every closed one whose prompts
// may still show (PromptsUntil: after a rejection, thanking the references
// after any outcome), and every accepted one (an accepted offer ends the
// keep-applying reminder); other closed applications may be left out.
// started says whether the file holds any application at all (open or
// closed), which decides the keep-applying reminder: a file with none yet
// has no prompts.
func (e Engine) Day(now time.Time, apps []Application, global []Event, started bool) []Prompt {
	return e.NewDay(now).Apps(apps, global, started)
}

// ownEngine works out what one application brings to the prompts
// (Engine.Own), with the settings' rules and dates in the user's zone.
type ownEngine struct {
	s   *Settings
	loc *time.Location
}

// day is t's civil date in the user's current zone.
func (g *ownEngine) day(t time.Time) Date { return DateOf(t.In(g.loc)) }

// engine holds what one run of the rules knows about the whole search.
type engine struct {
	ownEngine
	// cal is the calendar the prompts of the whole search count business
	// days in.
	cal   *Calendar
	now   time.Time
	today Date
	// offers are the open offers, oldest first; offerIDs is the same set
	// by id.
	offers   []heldOffer
	offerIDs map[uint64]bool
	// toldNone is the competing-offer prompt's list for a company told of
	// none of the offers, worked out once (most are).
	toldNone *untoldOffers
	// pos is the place of the application being added in the order of
	// Day.Note: the one an offer of the same id is not (unsaved
	// applications all have id 0).
	pos int
	// accepted is when the latest accepted offer was accepted (zero: none);
	// acceptedVerbal says that offer's numbers were not known (rule 17).
	accepted       time.Time
	acceptedVerbal bool
	// reneged are the accepted applications a later acceptance went back
	// on (rule 17): their tasks end.
	reneged map[uint64]bool
	// refs are the user's references (Engine.WithReferences).
	refs []Reference
	// byDeadline are the open offers, nearest deadline first (given or
	// assumed), when two or more are open (rule 16).
	byDeadline []heldOffer
	// top are the two open offers whose numbers are known with the
	// highest year-1 cash, highest first (pos 0: none), which the
	// negotiate prompt compares with (rule 15).
	top [2]heldOffer
}

// isOwn reports whether h is o's own offer: the one noted in o's place,
// or, for one application's prompts (Day.Of, no place), of its id.
func (g *engine) isOwn(h *heldOffer, o *Own) bool {
	return h.pos == g.pos || (g.pos < 0 && h.id == o.ID)
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

// Rank sorts prompts in the order docs/rules.md gives for "today" (see less),
// stably.
func Rank(ps []Prompt) {
	if len(ps) < 2 {
		return
	}
	// Sorting the prompts themselves moved large structs through a
	// reflection-based swapper, and less worked out the same statuses,
	// weights and day numbers again at every comparison. Each prompt's
	// place in every field of the order is computed once and packed into
	// three integers (the names and deadlines as their places among the
	// prompts' own), so that nearly every comparison compares integers;
	// the order is less's, with the original position as the last
	// tie-break, so the result is exactly the stable sort's. The prompts
	// are then moved into place, without a second copy.
	keys, ok := rankKeys(ps)
	if !ok {
		// Dates far outside what afterview accepts: the plain way.
		sort.SliceStable(ps, func(i, j int) bool { return less(&ps[i], &ps[j]) })
		return
	}
	slices.SortFunc(keys, func(a, b rankKey) int {
		switch {
		case a.w1 != b.w1:
			return cmp.Compare(a.w1, b.w1)
		case a.dueAt != b.dueAt:
			return cmp.Compare(a.dueAt, b.dueAt)
		case a.company != b.company:
			return cmp.Compare(a.company, b.company)
		}
		pa, pb := &ps[a.index], &ps[b.index]
		if c := strings.Compare(pa.Company, pb.Company); c != 0 {
			return c
		}
		if a.person != b.person {
			return cmp.Compare(a.person, b.person)
		}
		if c := strings.Compare(pa.Person, pb.Person); c != 0 {
			return c
		}
		if a.app != b.app {
			return cmp.Compare(a.app, b.app)
		}
		if c := strings.Compare(pa.Key, pb.Key); c != 0 {
			return c
		}
		return cmp.Compare(a.index, b.index)
	})
	for i := range keys {
		if keys[i].index < 0 {
			continue
		}
		tmp := ps[i]
		j := i
		for {
			from := int(keys[j].index)
			keys[j].index = -1
			if from == i {
				ps[j] = tmp
				break
			}
			ps[j] = ps[from]
			j = from
		}
	}
}

// rankKey is a prompt's place in the ranking, packed (see rankKeys).
type rankKey struct {
	// w1: tier (four bits), first and second day (22 bits each, see
	// less), weight (four bits).
	w1 uint64
	// dueAt is DueAt in Unix nanoseconds, the lowest value when it is
	// zero (which is before every time), as DueAt.Before orders them.
	dueAt int64
	// company and person are the names' first eight bytes, in an order
	// that agrees with the names' wherever the first eight differ.
	company, person uint64
	app             uint64
	index           int32
}

// rankKeys packs each prompt's place in the order of less: status, days
// and weight in one integer (days count from the earliest among the
// prompts: 22 bits are 11,000 years), the deadline, and the names' first
// bytes. ok is false when the days do not fit.
func rankKeys(ps []Prompt) (keys []rankKey, ok bool) {
	const dayBits = 22
	firsts := make([]int, len(ps))
	seconds := make([]int, len(ps))
	lowest := math.MaxInt
	for i := range ps {
		p := &ps[i]
		switch p.Status {
		case Overdue, StatusOpen:
			firsts[i] = p.Due.days()
		case Upcoming:
			firsts[i], seconds[i] = p.comesBack().days(), p.Due.days()
		default:
			continue
		}
		lowest = min(lowest, firsts[i], seconds[i])
	}
	if len(ps) >= math.MaxInt32 {
		return nil, false
	}
	keys = make([]rankKey, len(ps))
	for i := range ps {
		p := &ps[i]
		var first, second uint64
		switch p.Status {
		case Overdue, StatusOpen:
			first = uint64(firsts[i] - lowest + 1)
		case Upcoming:
			first, second = uint64(firsts[i]-lowest+1), uint64(seconds[i]-lowest+1)
		}
		if first >= 1<<dayBits || second >= 1<<dayBits {
			return nil, false
		}
		k := rankKey{
			w1:      uint64(tier(p))<<60 | first<<38 | second<<16 | uint64(p.Kind.Weight())<<12,
			dueAt:   math.MinInt64,
			company: prefix(p.Company), person: prefix(p.Person),
			app: p.AppID, index: int32(i),
		}
		if !p.DueAt.IsZero() {
			k.dueAt = p.DueAt.UnixNano()
		}
		keys[i] = k
	}
	return keys, true
}

// prefix is s's first eight bytes as a big-endian number, zero-padded:
// two names whose first eight bytes differ compare as these do.
func prefix(s string) uint64 {
	var v uint64
	for i := range 8 {
		v <<= 8
		if i < len(s) {
			v |= uint64(s[i])
		}
	}
	return v
}

// tier is a prompt's place in the first fields of the order: rule 19's
// groups (an offer deadline due today or tomorrow first of all, then the
// messages to other people and the other offer-deadline prompts, then
// the notes to yourself), whatever their status, and within each the
// status (overdue, due, open); upcoming prompts, which Today does not
// show, come after all, in the order they come up.
func tier(p *Prompt) int {
	s := statusRank(p.Status)
	switch {
	case p.Status == Upcoming:
		return 3 * 3
	case p.pressing:
		return s
	case toYourself(p):
		return 2*3 + s
	}
	return 3 + s
}

// toYourself reports a note to yourself, which rule 19 ranks after what
// other people are waiting for: reflect, keep applying, and the
// after-rejection note of lessons (every prompt that asks for a note).
func toYourself(p *Prompt) bool {
	return p.Kind == Reflect || p.Kind == KeepApplying || p.Input == InputNote
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

// less is the ranking as docs/rules.md gives it: tier (rule 19's groups
// and the status), then the days, then the kind's weight. Rank sorts by the same order
// on keys packed from the same fields (rankKeys, with statusRank and the
// kinds' weights); TestRankIsTheStableSortByLess holds the two together,
// so a change to one is a change to both.
func less(a, b *Prompt) bool {
	if ta, tb := tier(a), tier(b); ta != tb {
		return ta < tb
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
	// (docs/rules.md, "The order of Today"); only then does a time of day (thank-you notes, due 24 h
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
			l.closed[NormalKey(e.Prompt)] = true
		case EvSnooze:
			if l.snoozed == nil {
				l.snoozed = map[string]Date{}
			}
			l.snoozed[NormalKey(e.Prompt)] = e.Until
		}
	}
	return l
}

// KeySlug is a name as a prompt key carries it: lower case, words joined
// by hyphens ("Ana Lopez" -> "ana-lopez"), so that a key is one word on a
// command line, without the characters a terminal is not shown as they are
// (keyDropped): the key a shell completion offers, cleaned for the
// terminal, is then the key itself, and done finds it.
func KeySlug(name string) string {
	words := strings.Fields(strings.ToLower(name))
	if strings.IndexFunc(name, keyDropped) >= 0 {
		kept := words[:0]
		for _, w := range words {
			if w = strings.Map(func(r rune) rune {
				if keyDropped(r) {
					return -1
				}
				return r
			}, w); w != "" {
				kept = append(kept, w)
			}
		}
		words = kept
	}
	return strings.Join(words, "-")
}

// keyDropped reports a character KeySlug leaves out: one of those the one
// rule of what a terminal may be shown (internal/termsafe's Unsafe) keeps
// off it, control characters and bidirectional controls, or the
// replacement character, which invalid UTF-8 reads as and which the
// terminal is not shown either. stages imports nothing of ours, so the
// rule is repeated here; TestPromptKeysDropWhatTermsafeCleans (in
// internal/cli) holds the two together.
func keyDropped(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, r == utf8.RuneError:
		return true
	case r == 0x061c, r == 0x200b, r == 0x200e, r == 0x200f,
		r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// NormalKey is a prompt key in today's spelling: keys logged before names
// became slugs ("thank_you:ana lopez", "stage_task:verbal offer"), and
// before slugs dropped what keyDropped does ("thank_you:ben\x1bpark"),
// still name the same prompt.
func NormalKey(key string) string {
	kind, rest, ok := strings.Cut(key, ":")
	if !ok || (kind != string(ThankYou) && kind != string(StageTask)) {
		return key
	}
	if !strings.ContainsAny(rest, " \t") && strings.IndexFunc(rest, keyDropped) < 0 {
		return key
	}
	if kind == string(StageTask) {
		// A stage's slug, and after it the reference's (rule 5): each
		// part on its own, so the colon between them stays.
		stage, ref, two := strings.Cut(rest, ":")
		if two {
			return kind + ":" + KeySlug(stage) + ":" + KeySlug(ref)
		}
	}
	return kind + ":" + KeySlug(rest)
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

func statusOf(p *Prompt, now time.Time) Status { return statusOn(p, now, DateOf(now)) }

// statusOn is statusOf with now's date worked out once by the caller.
func statusOn(p *Prompt, now time.Time, today Date) Status {
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

// lapseAfterDue is how many days past its due day a stage task, an
// after-rejection prompt or a thank-references prompt still shows (rule
// 18): two weeks, after which its moment has passed.
const lapseAfterDue = 14

// closedLastDay bounds, in days after the outcome, the last day any
// prompt of a closed application shows (after a rejection, thanking the
// references), whatever the calendar: their due days are at most two
// business days after the outcome, four calendar days in a Monday-to-
// Friday week, so the bound is lapseAfterDue days after that. It lets
// PromptsUntil say how long a closed application matters without the
// settings (a holiday that pushes a due day further shortens the two weeks
// by as much).
const closedLastDay = lapseAfterDue + 4

// lapsesAfterDue is the first day a prompt due on due no longer shows.
func lapsesAfterDue(due Date) Date { return due.AddDays(lapseAfterDue + 1) }

// closedUntil is the first day a prompt of an application closed on day
// (its outcome), due on due, no longer shows: two weeks after it was due,
// and never past closedLastDay.
func closedUntil(day, due Date) Date {
	until := lapsesAfterDue(due)
	if bound := day.AddDays(closedLastDay + 1); bound.Before(until) {
		return bound
	}
	return until
}

// reflectLapse is how many days past its due date a reflect prompt stays:
// after a week the interview is no longer fresh (an application added after
// the fact does not open with a stale reminder).
const reflectLapse = 7

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

// notedSince reports whether a note was written on or after day d (dates in loc).
func (a *Application) notedSince(d Date, loc *time.Location) bool {
	for _, e := range a.Events {
		if e.Kind == EvNote && !DateOf(e.At.In(loc)).Before(d) {
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

// Thanked reports whether a thank-you to person was logged on or after the
// final interview's day, every date taken in loc (the user's zone).
func (a *Application) Thanked(person string, loc *time.Location) bool {
	return a.ThankedSinceIn(person, DateOf(a.Interviewed.In(loc)), loc)
}

// ThankedSinceIn is ThankedSince with each thank-you's date taken in loc.
func (a *Application) ThankedSinceIn(person string, d Date, loc *time.Location) bool {
	for _, e := range a.Events {
		if e.Kind == EvThanks && strings.EqualFold(strings.TrimSpace(e.Person), person) && !DateOf(e.At.In(loc)).Before(d) {
			return true
		}
	}
	return false
}

// RoleOf says what a person is to the application: "recruiter" or "interviewer".
func (a *Application) RoleOf(person string) string {
	if strings.EqualFold(person, a.Recruiter) {
		return "recruiter"
	}
	return "interviewer"
}

// ThankYouDue is when the thank-you notes for the final interview are due:
// the interview's clock time on the next calendar day, in loc. A
// daylight-saving change does not move it an hour.
func (a *Application) ThankYouDue(loc *time.Location) time.Time {
	return a.Interviewed.In(loc).AddDate(0, 0, 1)
}

func (g *ownEngine) thankYous(a *Application) []Prompt {
	dueAt := a.ThankYouDue(g.loc)
	interviewDay := g.day(a.Interviewed)
	tip := a.Template(g.s).ThankYouTip
	var out []Prompt
	for _, person := range a.People() {
		if a.ThankedSinceIn(person, interviewDay, g.loc) {
			continue
		}
		p := Prompt{
			Key: string(ThankYou) + ":" + KeySlug(person), Kind: ThankYou, Person: person,
			Opens: interviewDay, Due: DateOf(dueAt), DueAt: dueAt,
			Text: fmt.Sprintf("Send a short, personal thank-you to %s (%s)", person, a.RoleOf(person)),
		}
		if a.RoleOf(person) != "recruiter" {
			// The recruiter was not in the technical conversation.
			p.Tip = tip
		}
		out = append(out, p)
	}
	return out
}

func (a *Application) recruiterOr(fallback string) string { return recruiterOr(a.Recruiter, fallback) }

func recruiterOr(recruiter, fallback string) string {
	if recruiter != "" {
		return recruiter
	}
	return fallback
}

// FollowUpWindow returns when the one follow-up opens and is due, counted from
// the last contact (or the day after the recruiter's promised date), with
// dates taken in loc, in business days of the application's settings.
//
// Telling the company about another offer asks it for its timeline, so it
// does a follow-up's job: the window then counts from the day told (rule
// 12), though telling is no follow-up for the one-follow-up rule.
func (a *Application) FollowUpWindow(s *Settings, loc *time.Location) (opens, due Date) {
	s = s.orDefault()
	last := a.followUpFrom(loc)
	if !a.Expect.IsZero() && !a.Expect.Before(last) {
		opens = s.Calendar.NextBusinessDay(a.Expect)
		return opens, s.Calendar.AddBusinessDays(opens, 2)
	}
	return s.Calendar.AddBusinessDays(last, s.Rules.FollowUpOpens), s.Calendar.AddBusinessDays(last, s.Rules.FollowUpDue)
}

// followUpFrom is the day the follow-up window counts from, in loc: the
// last contact, or the latest day the company was told about another
// offer, whichever is later.
func (a *Application) followUpFrom(loc *time.Location) Date {
	last := a.LastContact()
	for _, e := range a.Events {
		if e.Kind == EvTold && e.At.After(last) {
			last = e.At
		}
	}
	return DateOf(last.In(loc))
}

// MoveOnAfter is how many business days an unanswered follow-up waits before
// the move-on prompt, unless the rules say otherwise (Rules.MoveOnAfter).
const MoveOnAfter = 5

func (g *ownEngine) followUpOrMoveOn(a *Application) (Prompt, bool) {
	if f, sent := a.PendingFollowUp(); sent {
		day := g.day(f.At)
		// The silence counts from the last message the company got: a
		// note about an offer after the follow-up asked again (rule 12).
		// The key keeps the follow-up's day, so a dismissal stays.
		from := day
		if told := a.followUpFrom(g.loc); told.After(from) {
			from = told
		}
		opens := g.s.Calendar.AddBusinessDays(from, g.s.Rules.MoveOnAfter)
		return Prompt{
			Key: "move_on:" + day.String(), Kind: MoveOn, Opens: opens, Due: opens,
			Text: fmt.Sprintf("No answer since your follow-up of %s: close it as no answer and put your energy elsewhere", day.Short()),
		}, true
	}
	opens, due := a.FollowUpWindow(g.s, g.loc)
	// The key names the last contact, not a day told: telling restarts
	// the window, not a follow-up already dismissed.
	last := g.day(a.LastContact())
	text := fmt.Sprintf("Send one polite follow-up to %s", a.recruiterOr("the recruiter"))
	if !a.Expect.IsZero() && !a.Expect.Before(a.followUpFrom(g.loc)) {
		text += fmt.Sprintf(": they said you would hear by %s", a.Expect.Short())
	}
	return Prompt{
		Key: "follow_up:" + last.String(), Kind: FollowUp, Person: a.Recruiter,
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

// offerDeadline counts down to the answer to an open offer (rules 6 and
// 15), from the clock c of the offer. It is due the business day before
// the deadline (decide with a day in hand), or on the offer's own day when
// that comes later, and names the deadline with its time of day. While a
// counter awaits the company's answer it says so. An offer whose deadline
// is three or more business days away, and not countered yet, asks to
// decide whether to counter within two business days, not on the last
// day. What it says on the deadline day and after it depends on the day:
// the kind's OnDay says it (offerDeadlineOnDay).
func (g *ownEngine) offerDeadline(a *Application, c *offerClock) Prompt {
	due := c.before
	var text string
	switch {
	case c.countdown.Countered && c.assumed:
		text = fmt.Sprintf("Waiting for their answer to your counter; no deadline given, so afterview counts a week, to %s", c.words)
	case c.countdown.Countered:
		text = "Waiting for their answer to your counter; the offer's deadline is " + c.words
	case !a.counteredSince(a.Offer.Received) && !c.deadline.Before(g.s.Calendar.AddBusinessDays(c.received, earlyDecision+1)):
		// Two business days after the offer: with the deadline three or
		// more away, never later than the business day before it.
		due = g.s.Calendar.AddBusinessDays(c.received, earlyDecision)
		text = "Decide whether to counter within two business days; answer the offer by " + c.words
		if c.assumed {
			text = fmt.Sprintf("Decide whether to counter within two business days; no deadline given, so afterview counts a week, to %s: ask for the real one", c.words)
		}
	case c.assumed:
		text = fmt.Sprintf("Answer the offer: no deadline given, so afterview counts a week, to %s; ask for the real one", c.words)
	default:
		text = fmt.Sprintf("Answer the offer by %s: accept, decline or counter", c.words)
	}
	return Prompt{
		Key: "offer_deadline:" + c.received.String(), Kind: OfferDeadline, Person: a.Recruiter,
		Opens: c.received, Due: due, Input: InputOutcome,
		Text: text, Tip: a.Template(g.s).OfferTip, Deadline: &c.countdown,
	}
}

// toldAbout is the set of other applications' offers this company was told
// about: told events, and (from before told events existed) competing-offer
// prompts marked done or dismissed, whose key names the offer.
func (a *Application) toldAbout() map[uint64]bool {
	var told map[uint64]bool
	mark := func(id uint64) {
		if told == nil {
			told = map[uint64]bool{}
		}
		told[id] = true
	}
	for _, e := range a.Events {
		switch e.Kind {
		case EvTold:
			for _, t := range e.Told {
				mark(t.App)
			}
		case EvDone, EvDismiss:
			if rest, ok := strings.CutPrefix(e.Prompt, string(CompetingOffer)+":"); ok {
				if id, err := strconv.ParseUint(rest, 10, 64); err == nil {
					mark(id)
				}
			}
		}
	}
	return told
}

// maxToldAtOnce bounds the offers one competing-offer prompt carries; more
// come back in the next one. The text names the first three.
const maxToldAtOnce = 20

// competingOffer asks to tell a waiting application's recruiter about every
// other open offer it has not been told about (rule 12). Its key names the
// earliest of those, and it is due the next business day after that offer
// arrived, so a newer offer never makes a late prompt look fresh. The cost
// stays linear in what this company was told, however many offers are open.
//
// Rule 12's limits move it later, never earlier: an offer is news for a
// company from the business day after its own final interview (the
// interview is over and the thank-yous are out), so the prompt never opens
// before that day and is due the business day after it opens, never
// overdue the day it appears; and it waits two business days after the
// last message the company got (spaced). Rule 6 moves it earlier: it is
// due no later than the business day before the deadline of an offer it
// names, where the company gave one, but never before it opens.
func (g *engine) competingOffer(o *Own) (Prompt, bool) {
	if len(g.offers) == 0 {
		return Prompt{}, false
	}
	var u *untoldOffers
	if o.OfferOpen || slices.ContainsFunc(o.Told, func(id uint64) bool { return g.offerIDs[id] }) {
		u = g.untold(o)
	} else {
		if g.toldNone == nil {
			g.toldNone = g.untold(o)
		}
		u = g.toldNone
	}
	if u == nil {
		return Prompt{}, false
	}
	opens := u.day
	if after := g.cal.NextBusinessDay(g.day(o.Interviewed)); opens.Before(after) {
		opens = after
	}
	p := Prompt{
		Key: u.key, Kind: CompetingOffer, Person: o.Recruiter,
		Opens: opens, Due: g.dueBefore(g.cal.NextBusinessDay(opens), opens, u.deadline), About: u.about,
		Text: "Tell " + recruiterOr(o.Recruiter, "the recruiter") + " you hold " + u.what,
	}
	g.spaced(&p, o.Sent)
	return p, true
}

// dueBefore is due, or the business day before deadline (zero: none
// given) when that comes first (rule 6: a task about an offer is done
// with a day in hand), but never before opens.
func (g *engine) dueBefore(due, opens, deadline Date) Date {
	if !deadline.IsZero() {
		if last := g.cal.AddBusinessDays(deadline, -1); last.Before(due) {
			due = last
		}
	}
	if due.Before(opens) {
		return opens
	}
	return due
}

// spaced keeps a prompted message to a company two business days clear
// of the last message it got (rule 12: one company never gets two
// prompted messages from the user within two business days): a prompt
// that would open or fall due sooner opens and is due on the second
// business day after sent (zero: nothing sent).
func (g *engine) spaced(p *Prompt, sent Date) {
	if sent.IsZero() {
		return
	}
	earliest := g.cal.AddBusinessDays(sent, 2)
	if p.Opens.Before(earliest) {
		p.Opens = earliest
	}
	if p.Due.Before(earliest) {
		p.Due = earliest
	}
}

// untoldOffers is what a competing-offer prompt says: the offers the
// company was not told about (About, shared by the prompts that name the
// same ones), in words, the key and the day of the earliest.
type untoldOffers struct {
	about []ToldOffer
	what  string
	key   string
	day   Date
	// deadline is the earliest deadline a company gave among those
	// offers (zero: none given).
	deadline Date
}

// untold works out the offers o's company was not told about, or nil when
// it heard of every one.
func (g *engine) untold(o *Own) *untoldOffers {
	left := len(g.offers)
	if o.OfferOpen && o.Outcome == Open {
		left--
	}
	for _, id := range o.Told {
		if g.offerIDs[id] && id != o.ID {
			left--
		}
	}
	if left <= 0 {
		return nil
	}
	var untold []heldOffer
	for _, other := range g.offers {
		if other.pos == g.pos || o.told(other.id) {
			continue
		}
		if untold = append(untold, other); len(untold) == min(left, maxToldAtOnce) {
			break
		}
	}
	about := make([]ToldOffer, len(untold))
	names := make([]string, 0, 3)
	var deadline Date
	for i, other := range untold {
		about[i] = ToldOffer{App: other.id, Company: other.company}
		if d := other.deadline; !d.IsZero() && (deadline.IsZero() || d.Before(deadline)) {
			deadline = d
		}
		if i < 3 {
			name := other.company
			if d := other.deadline; !d.IsZero() && !d.Before(g.today) {
				// Only a deadline the company gave, and not yet passed, is
				// quoted to another company (rule 11).
				name += fmt.Sprintf(" (deadline %s)", d.Short())
			}
			names = append(names, name)
		}
	}
	what := "an offer from " + names[0]
	if left > 1 {
		list := names
		if more := left - len(names); more > 0 {
			list = append(list, fmt.Sprintf("%d more", more))
		}
		what = "offers from " + strings.Join(list[:len(list)-1], ", ") + " and " + list[len(list)-1]
	}
	first := untold[0]
	return &untoldOffers{about: about, what: what, key: fmt.Sprintf("%s:%d", CompetingOffer, first.id), day: g.day(first.received), deadline: deadline}
}

// stageEntered is the day the application entered its current stage.
func (g *ownEngine) stageEntered(a *Application) Date {
	hist := a.StageHistory(g.s)
	return g.day(hist[len(hist)-1].From)
}

// stageTask is the task of the stage the application is in (rule 5),
// keyed by the stage's slug ("stage_task:verbal-offer"). The reference
// heads-up is due the day the stage is entered, since calls can come that
// day; perReference marks it, for the Day to give one per reference
// (Day.headsUps). The task lapses when the next stage is entered (another
// task, or none, takes its place) or two weeks after it was due (rule 18).
func (g *ownEngine) stageTask(a *Application) (p Prompt, perReference bool, ok bool) {
	t := a.Template(g.s)
	i := t.StageIndex(a.Stage)
	if i < 0 || t.Stages[i].Task == "" {
		return Prompt{}, false, false
	}
	st := &t.Stages[i]
	entered := g.stageEntered(a)
	due := g.s.Calendar.NextBusinessDay(entered)
	if st.References {
		due = entered
	}
	return Prompt{
		Key: StageTaskKey(st.Name), Kind: StageTask,
		Opens: entered, Due: due, Text: st.Task, Tip: st.Tip, Short: st.TaskShort,
	}, st.References, true
}

// StageTaskKey is the key of the task of the stage named stage:
// "stage_task:verbal-offer", one word on a command line.
func StageTaskKey(stage string) string { return string(StageTask) + ":" + KeySlug(stage) }

// ReferenceHeadsUpKey is the key of the heads-up to one reference at the
// stage named stage (rule 5): "stage_task:reference-check:ana-lopez".
func ReferenceHeadsUpKey(stage, reference string) string {
	return StageTaskKey(stage) + ":" + KeySlug(reference)
}

// StageTaskParts splits a stage task's key into the stage's slug and, for a
// heads-up to one reference, the reference's slug ("" for the others);
// keys in the older spelling are read as today's (NormalKey). ok is false
// for a key of another kind.
func StageTaskParts(key string) (stage, reference string, ok bool) {
	rest, ok := strings.CutPrefix(NormalKey(key), string(StageTask)+":")
	if !ok {
		return "", "", false
	}
	stage, reference, _ = strings.Cut(rest, ":")
	return stage, reference, true
}

// StageBySlug is the index of t's stage whose slug is slug (as a stage
// task's key holds it), or -1.
func (t *Template) StageBySlug(slug string) int {
	for i := range t.Stages {
		if KeySlug(t.Stages[i].Name) == slug {
			return i
		}
	}
	return -1
}

// withdraw is the one prompt an application gets once another offer is
// accepted (rule 10).
func (g *engine) withdraw(o *Own) Prompt {
	day := g.day(g.accepted)
	text := fmt.Sprintf("Tell %s, kindly, that you accepted another offer: paths cross again", recruiterOr(o.Recruiter, "the recruiter"))
	if o.HasOffer {
		text = fmt.Sprintf("Decline %s's offer kindly: tell %s you accepted another; paths cross again", o.Company, recruiterOr(o.Recruiter, "the recruiter"))
	}
	p := Prompt{
		Key: string(Withdraw), Kind: Withdraw, Person: o.Recruiter,
		Opens: day, Due: g.cal.NextBusinessDay(day), Text: text,
	}
	if g.acceptedVerbal {
		// Rule 17: until the accepted offer is in writing, it can still
		// fall through; the other doors stay open until then.
		p.Tip = "The offer you accepted is only verbal so far: get it in writing before you withdraw elsewhere."
	}
	return p
}

// NegotiateKey and LineUpKey are the keys of the negotiate prompt (rule
// 15) and of the extension prompt that lines offers' deadlines up (rule
// 16): one of each per application, so they name no other application
// (a merge, which renumbers applications, leaves them as they are).
const (
	NegotiateKey = string(Negotiate)
	LineUpKey    = string(Extension) + ":line-up"
)

// clearlyHigher is how much more year-1 cash, in percent, another offer
// must give before a Netflix offer is worth raising it against (rule 15):
// Netflix's first number is its best.
const clearlyHigher = 10

// negotiate asks the company of an open offer whose numbers are known
// whether it can move, when another open offer is higher in year-1 cash
// (rule 15): at Netflix only when the other is clearly higher. It opens
// the day both offers are on the table, is due the next business day, no
// later than the business day before the offer's deadline (rule 6), and
// keeps two business days clear of after, the last message sent to the
// company (rule 12). A counter logged since the higher offer came asks already:
// it ends the prompt.
func (g *engine) negotiate(o *Own, after Date) (Prompt, bool) {
	if !o.OfferOpen || !o.OfferKnown {
		return Prompt{}, false
	}
	// The highest other offer: the top one, unless this is it.
	higher := &g.top[0]
	if g.isOwn(higher, o) {
		higher = &g.top[1]
	}
	cash := higher.cash
	if higher.pos == 0 {
		return Prompt{}, false
	}
	if cash <= o.OfferCash {
		return Prompt{}, false
	}
	netflix := o.Process == "netflix"
	if netflix && cash*100 < o.OfferCash*(100+clearlyHigher) {
		return Prompt{}, false
	}
	if !o.Countered.IsZero() && !o.Countered.Before(higher.received) && !o.Countered.Before(o.OfferReceived) {
		return Prompt{}, false
	}
	opens := g.day(o.OfferReceived)
	if d := g.day(higher.received); opens.Before(d) {
		opens = d
	}
	recruiter := recruiterOr(o.Recruiter, "the recruiter")
	p := Prompt{
		Key: NegotiateKey, Kind: Negotiate, Person: o.Recruiter,
		Opens: opens, Due: g.dueBefore(g.cal.NextBusinessDay(opens), opens, o.OfferDeadline),
		Text: fmt.Sprintf("%s's offer is higher in year-1 cash: if you would rather join %s, tell %s you hold a higher offer and ask whether they can move (share numbers only if you choose to)",
			higher.company, o.Company, recruiter),
	}
	if netflix {
		if t, err := g.s.Process(o.Process); err == nil && t.OfferTip != "" {
			p.Tip = t.OfferTip
		}
	}
	g.spaced(&p, after)
	return p, true
}

// deadlineOf is an open offer's deadline as afterview counts it: the one
// the company gave, or a week after the offer (assumed).
func (g *engine) deadlineOf(h *heldOffer) (d Date, assumed bool) {
	if !h.deadline.IsZero() {
		return h.deadline, false
	}
	return g.day(h.received).AddDays(7), true
}

// deadlineWords says an open offer's deadline in the candidate's own
// prompts, where every deadline may be named: "Fri 20 Nov 17:00", "Mon 23
// Nov (assumed)".
func (g *engine) deadlineWords(h *heldOffer) string {
	d, assumed := g.deadlineOf(h)
	switch {
	case assumed:
		return d.Short() + " (assumed)"
	case h.deadlineTime != "":
		return d.Short() + " " + h.deadlineTime
	}
	return d.Short()
}

// namedDeadlines bounds the other offers' deadlines one offer's prompt
// names; the rest are counted.
const namedDeadlines = 3

// otherDeadlines says the deadlines of the open offers other than o's,
// nearest first, for o's offer-deadline prompt when two or more offers are
// open (rule 16): "Stripe's Mon 23 Nov, Figma's Tue 24 Nov (assumed)";
// past namedDeadlines, "and 2 more".
func (g *engine) otherDeadlines(o *Own) string {
	var b strings.Builder
	named := 0
	passedOwn := false
	for i := range g.byDeadline {
		h := &g.byDeadline[i]
		if g.isOwn(h, o) {
			passedOwn = true
			continue
		}
		if named == namedDeadlines {
			// o's own offer is among the rest unless it was passed.
			rest := len(g.byDeadline) - i
			if !passedOwn {
				rest--
			}
			fmt.Fprintf(&b, " and %d more", rest)
			break
		}
		if named > 0 {
			b.WriteString(", ")
		}
		b.WriteString(h.company + "'s " + g.deadlineWords(h))
		named++
	}
	return b.String()
}

// lineUp offers to ask the company whose deadline comes first for more
// time when another open offer's deadline is later (rule 16), so that the
// candidate decides with every offer in hand. Only a deadline the company
// gave can be extended (an assumed one is asked for by the offer's own
// prompt). It opens the day the later offer is on the table, is due the
// next business day, no later than the business day before the deadline,
// and keeps two business days clear of after, the last message sent to
// the company (rule 12).
func (g *engine) lineUp(o *Own, after Date) (Prompt, bool) {
	if !o.OfferOpen || o.OfferDeadline.IsZero() || len(g.byDeadline) < 2 {
		return Prompt{}, false
	}
	first, _ := g.deadlineOf(&g.byDeadline[0])
	if o.OfferDeadline.After(first) {
		return Prompt{}, false
	}
	// The latest other deadline: the one to line up with.
	last := &g.byDeadline[len(g.byDeadline)-1]
	if g.isOwn(last, o) {
		return Prompt{}, false
	}
	later, _ := g.deadlineOf(last)
	if !later.After(o.OfferDeadline) {
		return Prompt{}, false
	}
	opens := g.day(o.OfferReceived)
	for i := range g.byDeadline {
		if h := &g.byDeadline[i]; !g.isOwn(h, o) && g.day(h.received).After(opens) {
			d, _ := g.deadlineOf(h)
			if d.After(o.OfferDeadline) {
				opens = g.day(h.received)
			}
		}
	}
	own := o.OfferDeadline.Short()
	if o.OfferDeadlineTime != "" {
		own += " " + o.OfferDeadlineTime
	}
	p := Prompt{
		Key: LineUpKey, Kind: Extension, Person: o.Recruiter,
		Opens: opens, Due: g.dueBefore(g.cal.NextBusinessDay(opens), opens, o.OfferDeadline),
		Text: fmt.Sprintf("Ask %s whether %s can extend its deadline (%s) to %s, when %s's offer is due, so you decide with both offers in hand",
			recruiterOr(o.Recruiter, "the recruiter"), o.Company, own, g.deadlineWords(last), last.company),
	}
	g.spaced(&p, after)
	return p, true
}

// renege is the one prompt an accepted offer gets once a later acceptance
// went back on it (rule 17): tell that company, yourself and soon.
func (g *engine) renege(o *Own) Prompt {
	day := g.day(g.accepted)
	return Prompt{
		Key: string(Withdraw), Kind: Withdraw, Person: o.Recruiter,
		Opens: day, Due: g.cal.NextBusinessDay(day),
		Text: fmt.Sprintf("Tell %s yourself, today if you can, that you will not join %s after all: you accepted another offer", recruiterOr(o.Recruiter, "the recruiter"), o.Company),
		Tip:  "A call is kinder than an email; thank them, and say it plainly.",
	}
}

// CalledReferences reports whether the application went through a stage
// where the company calls references.
func (a *Application) CalledReferences(s *Settings) bool {
	t := a.Template(s)
	for _, sp := range a.StageHistory(s) {
		if i := t.StageIndex(sp.Stage); i >= 0 && t.Stages[i].References {
			return true
		}
	}
	return false
}

// afterAcceptance is what an accepted offer still asks (rule 10): the tasks
// of the stages after the offer (perReference as stageTask says).
func (g *ownEngine) afterAcceptance(a *Application) (p Prompt, perReference, ok bool) {
	if a.PastOffer(g.s) {
		return g.stageTask(a)
	}
	return Prompt{}, false, false
}

// thankReferences asks, once an application is closed by any outcome, to
// thank the references it called and tell them the outcome (rule 10), due
// two business days after the outcome; day is the outcome's. It lapses two
// weeks after it was due (rule 18).
func (g *ownEngine) thankReferences(a *Application) (p Prompt, day Date, ok bool) {
	if !a.Closed() || !a.CalledReferences(g.s) {
		return Prompt{}, Date{}, false
	}
	at := a.outcomeAt()
	if at.IsZero() {
		// Closed by an edit, with no outcome event: no day to count from.
		return Prompt{}, Date{}, false
	}
	day = g.day(at)
	var outcome string
	switch a.Outcome {
	case Accepted:
		outcome = fmt.Sprintf("you accepted the %s offer", a.Company)
	case Declined:
		outcome = fmt.Sprintf("you declined the %s offer", a.Company)
	case Rejected:
		outcome = fmt.Sprintf("%s decided not to go ahead", a.Company)
	case Withdrawn:
		outcome = fmt.Sprintf("you withdrew from %s's process", a.Company)
	default:
		outcome = fmt.Sprintf("%s never answered, and you moved on", a.Company)
	}
	return Prompt{
		Key: string(ThankReferences), Kind: ThankReferences,
		Opens: day, Due: g.s.Calendar.AddBusinessDays(day, 2),
		Text: "Thank your references and tell them the outcome: " + outcome,
	}, day, true
}

// afterRejection is what a rejection asks, from the day it came (day);
// each prompt lapses two weeks after it was due (rule 18).
func (g *ownEngine) afterRejection(a *Application) (Date, []Prompt) {
	var at time.Time
	for _, e := range a.Events {
		if e.Kind == EvOutcome && e.Outcome == Rejected {
			at = e.At
		}
	}
	if at.IsZero() {
		return Date{}, nil
	}
	day := g.day(at)
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
			Opens: day, Due: g.s.Calendar.NextBusinessDay(day),
			Text:  fmt.Sprintf("Send %s a short, gracious reply: it keeps the door open", a.recruiterOr("the recruiter")),
			Short: "reply graciously",
		})
	}
	if !noted {
		out = append(out, Prompt{
			Key: "after_rejection:lessons", Kind: AfterRejection, Input: InputNote,
			Opens: day, Due: g.s.Calendar.AddBusinessDays(day, 2),
			Text: "Note the lessons learned from this process", Short: "note lessons learned",
		})
	}
	return day, out
}

func appendKeepApplying(ps []Prompt, global []Event, now time.Time, open int) []Prompt {
	monday := DateOf(now).MondayOf()
	text := fmt.Sprintf("Only %d %s still open: keep the pipeline full, do not wait on one company", open, Plural(open, "application", "applications"))
	if open == 0 {
		text = "No application is open any more: start new ones and keep the pipeline full"
	}
	p := Prompt{
		Key: "keep_applying:" + monday.String(), Kind: KeepApplying,
		Opens: monday, Due: monday.AddDays(6), Text: text,
	}
	if readPromptLog(global).settle(&p, now) {
		ps = append(ps, p)
	}
	return ps
}

// StageSpan is a stretch of time the application spent in one stage.
type StageSpan struct {
	Stage string
	From  time.Time
	// To is zero for the current stage.
	To time.Time
}

// StageHistory replays the log into the stages the application went
// through, in date order (a stage logged afterwards with an earlier date
// takes its place in the history); the last span is the current stage.
func (a *Application) StageHistory(s *Settings) []StageSpan {
	t := a.Template(s)
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
	var moves []Event
	sorted := true
	for _, e := range a.Events {
		if e.Kind == EvStage || e.Kind == EvOffer {
			if n := len(moves); n > 0 && e.At.Before(moves[n-1].At) {
				sorted = false
			}
			moves = append(moves, e)
		}
	}
	if !sorted {
		sort.SliceStable(moves, func(i, j int) bool { return moves[i].At.Before(moves[j].At) })
	}
	for _, e := range moves {
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

// Wait places the days since the final interview (in now's zone) against
// the window for the decision: the process's, or the recruiter's promised
// date. While an offer is open the wait is over ("offer"); before the final
// interview it has not begun. How long the current stage usually takes is
// information only (Usually), never a reason to call the wait overdue.
func (a *Application) Wait(s *Settings, now time.Time) Wait {
	today := DateOf(now)
	interviewDay := DateOf(a.Interviewed.In(now.Location()))
	t := a.Template(s)
	w := Wait{Days: today.DaysSince(interviewDay), Window: t.WindowFor(), Promised: a.Expect, Interview: interviewDay}
	if i := t.StageIndex(a.Stage); i >= 0 && t.Stages[i].Usually != (Window{}) {
		w.Usually, w.UsuallyStage = t.Stages[i].Usually, t.Stages[i].Name
	}
	if !a.Expect.IsZero() {
		promised := a.Expect.DaysSince(interviewDay)
		w.Window = Window{Min: min(w.Window.Min, promised), Max: promised}
	}
	switch {
	case a.Closed():
		w.Status = WaitClosed
	case a.OfferOpen(s) || a.PastOffer(s):
		w.Status = WaitOffer
	case w.Days < 0:
		w.Status = WaitAhead
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
