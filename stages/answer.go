package stages

import (
	"strings"
	"time"
)

// The rules about answering one application's offer: its deadline (rule
// 6), a counter and the time it may take (rule 15), and what an acceptance
// still asks before the candidate resigns anywhere (rule 17). The rules
// that weigh one offer against the others (rules 12, 15's negotiate and
// 16) live with the Day, in own.go and engine.go.

// offerClock is what the prompts about an open offer count down to, in
// the user's zone and business days.
type offerClock struct {
	// received is the day the offer arrived; deadline its deadline: the
	// company's, or a week after it arrived (assumed).
	received, deadline Date
	assumed            bool
	// words says the deadline as people read it: "Fri 20 Nov 17:00".
	words string
	// before is the business day before the deadline, or the offer's own
	// day when that comes later: every task about the offer is due by
	// then (decide with a day in hand).
	before Date
	// countdown is what the offer-deadline prompt carries for its OnDay.
	countdown Countdown
}

// offerClock works out the clock of a's open offer.
func (g *ownEngine) offerClock(a *Application) offerClock {
	o := a.Offer
	c := offerClock{received: g.day(o.Received), deadline: o.OfferDeadline(g.loc), assumed: o.Deadline.IsZero()}
	c.words = o.DeadlineWords()
	if c.assumed {
		c.words = c.deadline.Short()
	}
	c.before = g.s.Calendar.AddBusinessDays(c.deadline, -1)
	if c.before.Before(c.received) {
		c.before = c.received
	}
	_, countered := a.OpenCounter()
	// A time of day comes only with a deadline given (Offer.Validate).
	c.countdown = Countdown{Day: c.deadline, Time: o.DeadlineTime, Assumed: c.assumed, Countered: countered}
	return c
}

// byDeadline gives a task about the offer (the stage task of an offer
// stage: ask for it in writing) a due day no later than the business day
// before the deadline (rule 6), and never before it opens: a Friday offer
// with a Monday deadline is asked about in writing on Friday.
func (c *offerClock) byDeadline(p Prompt) Prompt {
	if p.Due.After(c.before) {
		p.Due = c.before
		if p.Due.Before(p.Opens) {
			p.Due = p.Opens
		}
	}
	return p
}

// earlyDecision is how many business days an offer whose deadline is
// further away gives to decide whether to counter (rule 15): an offer
// whose deadline is earlyDecision+1 or more business days away asks for
// that decision early, not on the last day.
const earlyDecision = 2

// counteredSince reports a counter logged at or after t.
func (a *Application) counteredSince(t time.Time) bool {
	for _, e := range a.Events {
		if e.Kind == EvCounter && !e.At.Before(t) {
			return true
		}
	}
	return false
}

// offerDeadlineOnDay says, from the deadline's day on, what an
// offer-deadline prompt says that day (rule 6): on the day, "deadline
// today" with its time, due by that time and never overdue before it;
// after it (past the time, or the day when no time was given), that the
// offer may have lapsed and the recruiter is to be called today. The
// prompt is then due on the deadline day (at its time), so "overdue"
// counts from the deadline itself. Before the day it leaves the prompt as
// the Own holds it: due the business day before.
func offerDeadlineOnDay(p *Prompt, now time.Time, today Date) {
	c := p.Deadline
	if c == nil || c.Day.IsZero() || today.Before(c.Day) {
		return
	}
	given := Offer{Deadline: c.Day, DeadlineTime: c.Time}
	at, timed := given.DeadlineAt(now.Location())
	p.Due, p.DueAt = c.Day, time.Time{}
	if timed {
		p.DueAt = at
	}
	p.Status = statusOn(p, now, today)
	who := recruiterOr(p.Person, "the recruiter")
	if today.After(c.Day) || (timed && now.After(at)) {
		switch {
		case c.Assumed && c.Countered:
			p.Text = "A week has passed since the offer with your counter unanswered and no deadline given: it may have lapsed; call " + who + " today"
		case c.Assumed:
			p.Text = "A week has passed since the offer with no answer logged and no deadline given: it may have lapsed; call " + who + " today"
		case c.Countered:
			p.Text = "The offer's deadline, " + given.DeadlineWords() + ", has passed with your counter unanswered: the offer may have lapsed; call " + who + " today"
		default:
			p.Text = "The offer's deadline, " + given.DeadlineWords() + ", has passed with no answer logged: it may have lapsed; call " + who + " today"
		}
		return
	}
	when := "deadline today"
	if c.Assumed {
		when = "assumed deadline today"
	} else if c.Time != "" {
		when += " " + c.Time
	}
	switch {
	case c.Countered:
		p.Text = "Waiting for their answer to your counter, " + when + ": call " + who + " if it has not come"
	case c.Assumed:
		p.Text = "Answer the offer, " + when + ": none was given, so ask for the real one"
	default:
		p.Text = "Answer the offer, " + when + ": accept, decline or counter"
	}
}

// counterExtension asks for more time when a counter has had no answer by
// two business days before the deadline (rule 15), keyed by the counter's
// day. It is due the business day before the deadline, like every task
// about the offer, and goes once the deadline has passed, when the
// deadline prompt says to call the recruiter instead. until is the first
// day it no longer shows.
func (g *ownEngine) counterExtension(a *Application, c *offerClock) (p Prompt, until Date, ok bool) {
	counter, open := a.OpenCounter()
	if !open {
		return Prompt{}, Date{}, false
	}
	day := g.day(counter.At)
	opens := g.s.Calendar.AddBusinessDays(c.deadline, -2)
	if opens.Before(day) {
		opens = day
	}
	due := c.before
	if due.Before(opens) {
		due = opens
	}
	who := a.recruiterOr("the recruiter")
	text := "No answer yet to your counter: ask " + who + " for more time before the deadline, " + c.words
	if c.assumed {
		text = "No answer yet to your counter, and no deadline given: ask " + who + " when they need your answer, and for more time if you need it"
	}
	return Prompt{
		Key: string(Extension) + ":counter:" + day.String(), Kind: Extension, Person: a.Recruiter,
		Opens: opens, Due: due, Text: text, Tip: a.Template(g.s).OfferTip,
	}, c.deadline.AddDays(1), true
}

// The keys of the tasks an acceptance brings (rule 17): slugs, one word on
// a command line, named after no stage.
const (
	keyInWriting       = string(StageTask) + ":in-writing-before-resigning"
	keyBackgroundClear = string(StageTask) + ":resign-after-background-check"
)

// acceptedSafely is what an acceptance asks before the candidate burns a
// bridge (rule 17), each task opening on the day of the acceptance and due
// the next business day, as a stage task: an offer accepted while only
// verbal (its base not known) is got in writing before resigning or
// withdrawing elsewhere; an offer whose process puts a background check
// after it (Amazon) is not resigned for until the check has cleared, a
// task that ends once a later stage (onboarding) is entered. Done logs a
// done event naming the task.
func (g *ownEngine) acceptedSafely(a *Application) []Prompt {
	day := g.day(a.outcomeAt())
	due := g.s.Calendar.NextBusinessDay(day)
	var out []Prompt
	if a.Offer != nil && !a.Offer.Known() {
		out = append(out, Prompt{
			Key: keyInWriting, Kind: StageTask, Opens: day, Due: due,
			Text:  "Get the offer in writing before you resign or withdraw elsewhere: you accepted it before its terms were known",
			Short: "get it in writing first",
		})
	}
	t := a.Template(g.s)
	if i := backgroundAfterOffer(t); i >= 0 && a.StageIndex(g.s) <= i {
		out = append(out, Prompt{
			Key: keyBackgroundClear, Kind: StageTask, Opens: day, Due: due,
			Text:  "Do not resign from your current job until the background check has cleared",
			Short: "resign only after the check", Tip: t.Stages[i].Tip,
		})
	}
	return out
}

// backgroundAfterOffer is the index of the background check that t puts
// after its offer stages (Amazon's), found by its name, or -1.
func backgroundAfterOffer(t *Template) int {
	last := lastOfferStage(t)
	if last < 0 {
		return -1
	}
	for i := last + 1; i < len(t.Stages); i++ {
		if strings.Contains(t.Stages[i].Name, "background") {
			return i
		}
	}
	return -1
}
