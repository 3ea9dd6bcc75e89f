// Package gen makes realistic, reproducible afterview data sets of any size
// for benchmarks, tests and scripts/bench.sh: years of closed history, a few
// hundred applications still waiting, about ten events each. The same seed,
// size and clock always give the same applications.
//
// It is internal because it is a measuring tool, not part of afterview: the
// benchmarks of stages, store, tui and the command import it, and its command
// (internal/gen/gendata) writes the same data as an afterview export for
// `afterview import`.
package gen

import (
	"fmt"
	"math/rand/v2"
	"time"

	"afterview/stages"
)

// Options say what to generate.
type Options struct {
	// N is the number of applications.
	N int
	// Seed picks the data set; the same seed gives the same data.
	Seed uint64
	// Now is the clock: nothing happens after it, and the open applications
	// are the recent ones before it.
	Now time.Time
	// Open is how many applications are still waiting. Zero means the
	// realistic share, 3% (300 of 10,000); it is capped at N.
	Open int
	// AllOpen makes every application open: the worst case for the prompt
	// engine and for anything that reads the open applications.
	AllOpen bool
}

// OpenCount is how many applications Applications(o) leaves open.
func (o Options) OpenCount() int {
	switch {
	case o.AllOpen:
		return o.N
	case o.Open > 0:
		return min(o.Open, o.N)
	}
	return min(o.N, max(3, o.N*3/100))
}

// Applications returns o.N valid applications with ids 1 to N, oldest
// first, as an import of them would store them. The open ones are the
// newest.
func Applications(o Options) []stages.Application {
	g := &generator{rnd: rand.New(rand.NewPCG(o.Seed, 0x61667465727669)), now: o.Now}
	open := o.OpenCount()
	closed := o.N - open
	// Closed history spreads over a year, or more for large sets (ten
	// thousand over about seven years: a coach's or a recruiter's book),
	// at most twenty years (a hundred thousand: a recruiter's career).
	span := min(max(365, o.N/4), 20*365)
	apps := make([]stages.Application, 0, o.N)
	for i := 0; i < closed; i++ {
		// Oldest first, so that ids grow with time as they would.
		daysAgo := 3 + (span-3)*(closed-i)/max(1, closed) - g.rnd.IntN(3)
		apps = append(apps, g.application(uint64(len(apps)+1), max(3, daysAgo), true))
	}
	for i := 0; i < open; i++ {
		// Open applications are recent: most interviewed in the last
		// month, a long tail waiting up to three months.
		daysAgo := min(90, int(g.rnd.ExpFloat64()*12))
		apps = append(apps, g.application(uint64(len(apps)+1), daysAgo, false))
	}
	return apps
}

type generator struct {
	rnd *rand.Rand
	now time.Time
}

var (
	companyStems = []string{"Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Hooli", "Pied Piper",
		"Vandelay", "Cyberdyne", "Tyrell", "Soylent", "Aperture", "Black Mesa", "Gringotts", "Monarch",
		"Nakatomi", "Oscorp", "Massive Dynamic", "Wonka", "Blue Sun", "Dunder Mifflin", "Prestige", "Sirius",
		"Veridian", "Abstergo", "Zorg", "Ollivander", "Bluth", "Krusty", "Nimbus", "Helios", "Atlas", "Orion",
		"Quartz", "Lumen", "Beacon", "Harbor", "Summit", "Cobalt"}
	companySuffixes = []string{"", " Labs", " Systems", " Inc", " Cloud", " Health", " Bank", " Games", " AI",
		" Robotics", " Media", " Energy", " Logistics", " Analytics", " Security"}
	firstNames = []string{"Ana", "Bo", "Cara", "Dev", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jo", "Kemal",
		"Lena", "Mei", "Nico", "Olu", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vera", "Wen", "Xavi",
		"Yara", "Zoe", "Jun", "Sofía", "Björn", "Chloé"}
	lastNames = []string{"López", "Chen", "Diaz", "Patel", "Okafor", "Nguyen", "Smith", "Kim", "Rossi",
		"Müller", "Haddad", "Silva", "Kowalski", "Ito", "Park", "Novak", "Garcia", "Lee", "Brown", "Singh"}
	roles = []string{"Software Engineer", "Senior Software Engineer", "Staff Engineer", "Backend Engineer",
		"Frontend Engineer", "SRE", "Data Engineer", "Engineering Manager", "Product Manager",
		"ML Engineer", "Security Engineer", "Mobile Engineer", "SDE II", "Principal Engineer"}
	notes = []string{"went well: system design; improve: estimating", "the panel liked the migration story",
		"asked about on-call; answer more concretely next time", "hiring manager seemed keen",
		"recruiter says the team is growing", "talked through the offer range", "coding round was tight on time",
		"remember to ask about remote days", "good rapport with the skip-level", "unsure about the team's roadmap"}
	currencies = []string{"USD", "USD", "USD", "EUR", "GBP", "CAD"}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

func (g *generator) person() string { return pick(g.rnd, firstNames) + " " + pick(g.rnd, lastNames) }

func (g *generator) process() string {
	switch n := g.rnd.IntN(100); {
	case n < 15:
		return "netflix"
	case n < 40:
		return "amazon"
	}
	return "standard"
}

// workTime is a time on a weekday, daysAgo days before now, during office
// hours; never after now.
func (g *generator) workTime(daysAgo int) time.Time {
	day := stages.DateOf(g.now).AddDays(-daysAgo)
	for !day.IsBusinessDay() && day.Before(stages.DateOf(g.now)) {
		day = day.AddDays(1)
	}
	for !day.IsBusinessDay() {
		day = day.AddDays(-1)
	}
	t := day.Time(g.now.Location()).Add(time.Duration(9*60+g.rnd.IntN(8*60)) * time.Minute)
	if t.After(g.now) {
		t = g.now.Add(-time.Duration(1+g.rnd.IntN(120)) * time.Minute)
	}
	return t
}

// application simulates one hiring process from the final interview on: the
// thank-yous, a note, news from the company, stage moves, sometimes a
// follow-up, a prompt done or snoozed, an offer, and (closed) the outcome.
func (g *generator) application(id uint64, daysAgo int, closed bool) stages.Application {
	r := g.rnd
	interviewed := g.workTime(daysAgo)
	interviewers := make([]string, 1+r.IntN(3))
	for i := range interviewers {
		interviewers[i] = g.person()
	}
	recruiter := g.person()
	company := pick(r, companyStems) + pick(r, companySuffixes)
	created := interviewed.Add(time.Duration(1+r.IntN(5*60)) * time.Minute)
	if created.After(g.now) {
		created = g.now
	}
	var expect stages.Date
	if r.IntN(3) == 0 {
		expect = stages.DateOf(interviewed).AddBusinessDays(3 + r.IntN(8))
	}
	a, err := stages.NewApplication(company, pick(r, roles), g.process(), interviewed, interviewers, recruiter, expect, created)
	if err != nil {
		panic(fmt.Sprintf("gen: application %d: %v", id, err))
	}
	a.ID = id
	if r.IntN(4) == 0 {
		a.Notes = pick(r, notes)
	}

	// end is the last moment anything can happen: now, or the outcome.
	end := g.now
	if closed {
		end = interviewed.Add(time.Duration(5+r.IntN(30)) * 24 * time.Hour)
		if end.After(g.now) {
			end = g.now.Add(-time.Duration(1+r.IntN(60)) * time.Minute)
		}
	}
	at := interviewed
	// step moves the clock on by a random stretch and reports whether the
	// new moment is still before end.
	step := func(min, max time.Duration) bool {
		at = at.Add(min + time.Duration(r.Int64N(int64(max-min))))
		return at.Before(end)
	}
	apply := func(e stages.Event) {
		e.At = at
		if err := a.Apply(nil, e); err != nil {
			panic(fmt.Sprintf("gen: application %d, %s event: %v", id, e.Kind, err))
		}
	}

	for _, p := range a.People() {
		// Most thank-yous go out; an interview of this morning may still
		// be waiting for them.
		if r.IntN(10) < 9 && step(20*time.Minute, 6*time.Hour) {
			apply(stages.Event{Kind: stages.EvThanks, Person: p})
		}
	}
	if r.IntN(10) < 7 && step(time.Hour, 20*time.Hour) {
		apply(stages.Event{Kind: stages.EvNote, Note: pick(r, notes)})
	}
	t := a.Template(nil)
	// How far the process gets: most stop before the offer, one in twenty
	// gets one.
	offerAt := 0
	for offerAt < len(t.Stages)-1 && !t.Stages[offerAt].Offer {
		offerAt++
	}
	furthest := max(r.IntN(offerAt), r.IntN(offerAt))
	if r.IntN(20) == 0 {
		furthest = offerAt + r.IntN(len(t.Stages)-offerAt)
	}
	for i := 1; i <= furthest; i++ {
		if r.IntN(4) == 0 {
			// A quiet spell: the follow-up, then (usually) news.
			if !step(5*24*time.Hour, 12*24*time.Hour) {
				break
			}
			apply(stages.Event{Kind: stages.EvFollowUp})
		}
		if !step(2*24*time.Hour, 7*24*time.Hour) {
			break
		}
		if r.IntN(3) != 0 {
			var e stages.Event
			e.Kind = stages.EvHeard
			if r.IntN(3) == 0 {
				e.Expect = stages.DateOf(at).AddBusinessDays(2 + r.IntN(6))
			}
			apply(e)
			if !step(10*time.Minute, 24*time.Hour) {
				break
			}
		}
		if t.Stages[i].Offer && a.Offer == nil {
			apply(stages.Event{Kind: stages.EvOffer, Offer: g.offer(at)})
			continue
		}
		apply(stages.Event{Kind: stages.EvStage, Stage: t.Stages[i].Name})
		if r.IntN(3) == 0 && step(time.Hour, 2*24*time.Hour) {
			apply(stages.Event{Kind: stages.EvNote, Note: pick(r, notes)})
		}
		if t.Stages[i].Task != "" && r.IntN(2) == 0 && step(time.Hour, 30*time.Hour) {
			apply(stages.Event{Kind: stages.EvDone, Prompt: "stage_task:" + t.Stages[i].Name})
		}
	}
	if r.IntN(5) == 0 && step(time.Hour, 3*24*time.Hour) {
		key := "follow_up:" + stages.DateOf(a.LastContact()).String()
		apply(stages.Event{Kind: stages.EvSnooze, Prompt: key, Until: stages.DateOf(at).AddDays(1 + r.IntN(4))})
	}
	if !closed {
		return a
	}
	outcome := pick(r, []stages.Outcome{stages.Rejected, stages.Rejected, stages.Rejected, stages.Rejected,
		stages.NoAnswer, stages.NoAnswer, stages.Withdrawn})
	if a.Offer != nil {
		outcome = pick(r, []stages.Outcome{stages.Accepted, stages.Declined, stages.Declined})
	}
	// The last word before the end: a follow-up into silence, or the call.
	if at.Before(end) {
		at = at.Add(end.Sub(at) / 2)
		if outcome == stages.NoAnswer {
			apply(stages.Event{Kind: stages.EvFollowUp})
		} else {
			apply(stages.Event{Kind: stages.EvHeard})
		}
	}
	at = end
	apply(stages.Event{Kind: stages.EvOutcome, Outcome: outcome})
	end = g.now
	if outcome == stages.Rejected && r.IntN(2) == 0 && step(time.Hour, 48*time.Hour) {
		apply(stages.Event{Kind: stages.EvThanks, Person: recruiter, Note: "thanked them for their time"})
	}
	if r.IntN(2) == 0 && step(time.Hour, 72*time.Hour) {
		apply(stages.Event{Kind: stages.EvNote, Note: "lessons: " + pick(r, notes)})
	}
	return a
}

func (g *generator) offer(at time.Time) *stages.Offer {
	r := g.rnd
	base := int64(90+r.IntN(260)) * 1000
	o := &stages.Offer{
		Currency: pick(r, currencies), Base: new(int64(base)), BonusPercent: new(float64(r.IntN(4) * 5)),
		Stock: new(int64(r.IntN(8)) * 25000), SignOn: new(int64(r.IntN(5)) * 10000),
		Deadline: stages.DateOf(at).AddBusinessDays(3 + r.IntN(8)), Received: at,
	}
	if *o.Stock > 0 {
		o.VestYears = 4
	}
	return o
}
