package stages

import "time"

// Kind is a prompt's kind, spelled as in the JSON output.
type Kind string

// Prompt kinds; their table (kinds.go) gives each its weight on ties.
const (
	OfferDeadline   Kind = "offer_deadline"
	Extension       Kind = "extension" // ask for more time (rules 15 and 16)
	Negotiate       Kind = "negotiate" // ask a lower offer whether it can move (rule 15)
	Withdraw        Kind = "withdraw"
	CompetingOffer  Kind = "competing_offer"
	ThankYou        Kind = "thank_you"
	FollowUp        Kind = "follow_up"
	StageTask       Kind = "stage_task"
	ThankReferences Kind = "thank_references"
	MoveOn          Kind = "move_on"
	Reflect         Kind = "reflect"
	KeepApplying    Kind = "keep_applying"
	AfterRejection  Kind = "after_rejection"
)

// Status is where a prompt stands on a given day.
type Status string

const (
	Upcoming   Status = "upcoming"
	StatusOpen Status = "open"
	Due        Status = "due"
	Overdue    Status = "overdue"
)

// Prompt is one thing the candidate should do.
type Prompt struct {
	// Key identifies the prompt within its application, stable across days
	// (for example "thank_you:ana lopez" or "follow_up:2026-11-20"); done,
	// dismiss and snooze events name it.
	Key  string
	Kind Kind
	// AppID is 0 for prompts about the whole search (keep_applying).
	AppID   uint64
	Company string
	Person  string
	Opens   Date
	Due     Date
	// DueAt is set when the deadline has a time of day (a thank-you is due
	// 24 hours after the interview).
	DueAt time.Time
	// Snoozed is the day a snoozed prompt comes back (zero if not snoozed).
	Snoozed Date
	Status  Status
	// Text says what to do; Tip adds company advice, if any.
	Text string
	Tip  string
	// Short says what to do in a few words, for a narrow column, where the
	// kind alone does not ("brief references", "note lessons learned").
	Short string
	// Input is what marking the prompt done needs from the user (a note, an
	// outcome), if anything: see DoneEvent.
	Input Input
	// About lists the offers a competing-offer prompt asks to mention.
	About []ToldOffer
	// Deadline is the deadline an offer-deadline prompt counts down to
	// (nil for the other kinds): its words on the deadline day and after
	// it depend on the day (rule 6), so the kind's OnDay says them. A
	// pointer, shared by the prompt's copies and never changed, keeps the
	// prompts every day moves around small.
	Deadline *Countdown
	// pressing marks an offer deadline that rule 19 ranks first of all
	// (Day sets it with the status: it depends on the day).
	pressing bool
}

// Countdown is an offer's deadline as its prompt counts down to it.
type Countdown struct {
	// Day is the deadline's day: the company's, or the one afterview
	// assumes (Assumed) a week after the offer.
	Day Date
	// Time is the time of day the company gave ("17:00"), "" for none.
	Time    string
	Assumed bool
	// Countered: a counter of the candidate's awaits the company's answer.
	Countered bool
}

// Input is what the user must give to mark a prompt done.
type Input string

const (
	InputNone    Input = ""
	InputNote    Input = "note"    // what went well, lessons learned
	InputOutcome Input = "outcome" // the answer to an offer: accepted or declined
)

// WaitStatus places the days elapsed since the final interview against the
// expected window.
type WaitStatus string

const (
	WaitEarly    WaitStatus = "early"
	WaitInWindow WaitStatus = "in window"
	WaitOverdue  WaitStatus = "overdue"
	WaitClosed   WaitStatus = "closed"
	// WaitOffer: an offer is on the table; the wait for a decision is over.
	WaitOffer WaitStatus = "offer"
	// WaitAhead: the final interview has not happened yet.
	WaitAhead WaitStatus = "interview ahead"
)

// Wait describes how long an application has been waiting.
type Wait struct {
	Days   int // calendar days since the final interview
	Window Window
	// Promised is the recruiter's promised date, which overrides the window.
	Promised Date
	Status   WaitStatus
	// Interview is the final interview's date in the user's zone.
	Interview Date
	// Usually is how long the current stage usually takes (zero: not
	// known), for UsuallyStage: information, not a deadline.
	Usually      Window
	UsuallyStage string
}

// The engine's entry points (implemented in engine.go):
//
//	NewEngine(s *Settings, loc *time.Location) Engine
//	(e Engine) Day(now time.Time, apps []Application, global []Event, started bool) []Prompt
//	    every live prompt, upcoming ones included, ranked: overdue (longest
//	    overdue first), due, open (soonest due first), then upcoming by opening
//	    day; ties by Kind.Weight, then company, then person.
//	Actionable(ps []Prompt) []Prompt   the ones that are open, due or overdue
//	(a *Application) Wait(now time.Time) Wait
