package stages

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Outcome is how an application ended. The empty Outcome means still open.
type Outcome string

const (
	Open      Outcome = ""
	Accepted  Outcome = "accepted"
	Declined  Outcome = "declined"
	Rejected  Outcome = "rejected"
	Withdrawn Outcome = "withdrawn"
	NoAnswer  Outcome = "no_answer"
)

// Outcomes lists every closing outcome.
var Outcomes = []Outcome{Accepted, Declined, Rejected, Withdrawn, NoAnswer}

// ParseOutcome accepts "no-answer", "no answer" and "no_answer" alike.
func ParseOutcome(s string) (Outcome, error) {
	n := strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
	for _, o := range Outcomes {
		if string(o) == n {
			return o, nil
		}
	}
	return "", fmt.Errorf("unknown outcome %q: choose one of accepted, declined, rejected, withdrawn, no-answer", s)
}

// Label is the outcome as people say it.
func (o Outcome) Label() string {
	if o == NoAnswer {
		return "no answer"
	}
	if o == Open {
		return "open"
	}
	return string(o)
}

// EventKind names what happened.
type EventKind string

const (
	EvInterview EventKind = "interview" // the final interview took place
	EvThanks    EventKind = "thanks"    // a thank-you was sent to Person
	EvFollowUp  EventKind = "followup"  // a follow-up was sent to the recruiter
	EvHeard     EventKind = "heard"     // the company got in touch
	EvStage     EventKind = "stage"     // the application moved to Stage
	EvOffer     EventKind = "offer"     // an offer arrived (Offer)
	EvOutcome   EventKind = "outcome"   // the application closed with Outcome
	EvNote      EventKind = "note"      // the candidate wrote a note
	EvDone      EventKind = "done"      // the candidate marked prompt Prompt done
	EvDismiss   EventKind = "dismiss"   // the candidate dismissed prompt Prompt for good
	EvSnooze    EventKind = "snooze"    // the candidate snoozed prompt Prompt until Until
	EvEdit      EventKind = "edit"      // the application's details were edited
)

// EventKinds lists every kind, in the order people meet them.
var EventKinds = []EventKind{EvInterview, EvThanks, EvFollowUp, EvHeard, EvStage, EvOffer, EvOutcome, EvNote, EvDone, EvDismiss, EvSnooze, EvEdit}

// Event is one entry of an application's append-only log.
type Event struct {
	Kind    EventKind `json:"kind"`
	At      time.Time `json:"at"`
	Person  string    `json:"person,omitempty"`
	Stage   string    `json:"stage,omitempty"`
	Outcome Outcome   `json:"outcome,omitempty"`
	Note    string    `json:"note,omitempty"`
	Offer   *Offer    `json:"offer,omitempty"`
	// Prompt is the key of the prompt a done, dismiss or snooze event is about.
	Prompt string `json:"prompt,omitempty"`
	// Until is the day a snoozed prompt comes back.
	Until Date `json:"until,omitzero"`
	// Expect is a new date the recruiter promised, carried by heard or stage events.
	Expect Date `json:"expect,omitzero"`
}

// Offer is an offer's terms. Amounts are whole units of Currency.
type Offer struct {
	Currency string `json:"currency,omitempty"`
	Base     int64  `json:"base,omitempty"`
	// Bonus is the yearly bonus as an amount; BonusPercent as a percentage of
	// base. When both are set, Bonus wins.
	Bonus        int64   `json:"bonus,omitempty"`
	BonusPercent float64 `json:"bonus_percent,omitempty"`
	SignOn       int64   `json:"sign_on,omitempty"`
	Stock        int64   `json:"stock,omitempty"`
	VestYears    int     `json:"vest_years,omitempty"`
	// VestSchedule gives the percentage of the grant vesting each year
	// (for example 5, 15, 40, 40); empty means evenly over VestYears.
	VestSchedule []float64 `json:"vest_schedule,omitempty"`
	Deadline     Date      `json:"deadline,omitzero"`
	Received     time.Time `json:"received,omitzero"`
}

// Application is one company's hiring process as the candidate lives it.
type Application struct {
	ID      uint64  `json:"id"`
	Company string  `json:"company"`
	Role    string  `json:"role,omitempty"`
	Process string  `json:"process"`
	Stage   string  `json:"stage"`
	Outcome Outcome `json:"outcome,omitempty"`
	// Interviewed is the date and time of the final interview.
	Interviewed  time.Time `json:"interviewed"`
	Interviewers []string  `json:"interviewers,omitempty"`
	Recruiter    string    `json:"recruiter,omitempty"`
	// Expect is the date the recruiter promised an answer by, if any.
	Expect  Date      `json:"expect,omitzero"`
	Notes   string    `json:"notes,omitempty"`
	Offer   *Offer    `json:"offer,omitempty"`
	Created time.Time `json:"created"`
	Events  []Event   `json:"events"`
}

// Limits on what people type.
const (
	MaxNameLen = 200
	MaxNoteLen = 20000
	// MaxInterviewers bounds the people of one application: more is a
	// mistake, and each gets a thank-you prompt.
	MaxInterviewers = 50
)

// Template returns the application's process template.
func (a *Application) Template() *Template { return TemplateFor(a.Process) }

// Closed reports whether the application has reached an outcome.
func (a *Application) Closed() bool { return a.Outcome != Open }

// People returns the interviewers and then the recruiter, without blanks or repeats.
func (a *Application) People() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range append(append([]string{}, a.Interviewers...), a.Recruiter) {
		k := strings.ToLower(strings.TrimSpace(p))
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, strings.TrimSpace(p))
	}
	return out
}

// StageIndex returns the index of the current stage in the template (0 if unknown).
func (a *Application) StageIndex() int {
	if i := a.Template().StageIndex(a.Stage); i >= 0 {
		return i
	}
	return 0
}

// NewApplication builds an application in its template's first stage, with
// the interview recorded as the first event. It validates the input.
func NewApplication(company, role, process string, interviewed time.Time, interviewers []string, recruiter string, expect Date, created time.Time) (Application, error) {
	if process == "" {
		process = DefaultTemplate
	}
	t, err := LookupTemplate(process)
	if err != nil {
		return Application{}, err
	}
	if interviewed.IsZero() {
		interviewed = created
	}
	a := Application{
		Company:      strings.TrimSpace(company),
		Role:         strings.TrimSpace(role),
		Process:      t.Name,
		Stage:        t.Stages[0].Name,
		Interviewed:  interviewed,
		Interviewers: trimAll(interviewers),
		Recruiter:    strings.TrimSpace(recruiter),
		Expect:       expect,
		Created:      created,
	}
	a.Events = []Event{{Kind: EvInterview, At: interviewed}}
	return a, a.Validate()
}

func trimAll(in []string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Validate checks an application's fields against the limits people are told about.
func (a *Application) Validate() error {
	var errs []error
	if a.Company == "" {
		errs = append(errs, errors.New("company: a name is needed"))
	}
	errs = append(errs, checkLen("company", a.Company, MaxNameLen), checkLen("role", a.Role, MaxNameLen),
		checkLen("recruiter", a.Recruiter, MaxNameLen), checkLen("notes", a.Notes, MaxNoteLen))
	if n := len(a.Interviewers); n > MaxInterviewers {
		errs = append(errs, fmt.Errorf("interviewers: %d is too many (at most %d)", n, MaxInterviewers))
	}
	for _, p := range a.Interviewers {
		errs = append(errs, checkLen("interviewer", p, MaxNameLen))
	}
	if _, err := LookupTemplate(a.Process); err != nil {
		errs = append(errs, err)
	} else if a.Template().StageIndex(a.Stage) < 0 {
		_, err := a.Template().LookupStage(a.Stage)
		errs = append(errs, err)
	}
	if a.Outcome != Open {
		if _, err := ParseOutcome(string(a.Outcome)); err != nil {
			errs = append(errs, err)
		}
	}
	if !a.Interviewed.IsZero() {
		if y := a.Interviewed.Year(); y < MinYear || y > MaxYear {
			errs = append(errs, fmt.Errorf("interview date %s is outside the years %d to %d", a.Interviewed.Format("2006-01-02"), MinYear, MaxYear))
		}
	}
	if !a.Expect.IsZero() && (a.Expect.Year < MinYear || a.Expect.Year > MaxYear) {
		errs = append(errs, fmt.Errorf("promised date %s is outside the years %d to %d", a.Expect, MinYear, MaxYear))
	}
	return errors.Join(errs...)
}

func checkLen(field, s string, max int) error {
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Errorf("%s: %d characters is too long (at most %d)", field, n, max)
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s: not valid UTF-8 text", field)
	}
	return nil
}

// ErrFollowUpAlreadySent is returned by CheckFollowUp when one follow-up is
// already out and the company has not answered since.
var ErrFollowUpAlreadySent = errors.New("a follow-up was already sent and the company has not answered since; one is enough, more can hurt")

// LastContact is the latest time the company was in touch: the final
// interview, or the latest heard, stage or offer event.
func (a *Application) LastContact() time.Time {
	last := a.Interviewed
	for _, e := range a.Events {
		switch e.Kind {
		case EvHeard, EvStage, EvOffer:
			if e.At.After(last) {
				last = e.At
			}
		}
	}
	return last
}

// PendingFollowUp returns the follow-up sent since the last contact, if any.
func (a *Application) PendingFollowUp() (Event, bool) {
	last := a.LastContact()
	for i := len(a.Events) - 1; i >= 0; i-- {
		e := a.Events[i]
		if e.Kind == EvFollowUp && !e.At.Before(last) {
			return e, true
		}
	}
	return Event{}, false
}

// Apply appends e to the log and updates the application's current state. It
// refuses events that make no sense for the application, saying why; the
// application is unchanged on error.
func (a *Application) Apply(e Event) error {
	if e.At.IsZero() {
		return errors.New("the event has no time")
	}
	if y := e.At.Year(); y < MinYear || y > MaxYear {
		return fmt.Errorf("event date %s is outside the years %d to %d", e.At.Format("2006-01-02"), MinYear, MaxYear)
	}
	if err := errors.Join(checkLen("person", e.Person, MaxNameLen), checkLen("note", e.Note, MaxNoteLen)); err != nil {
		return err
	}
	next := *a
	switch e.Kind {
	case EvInterview:
		next.Interviewed = e.At
	case EvThanks:
		if strings.TrimSpace(e.Person) == "" {
			return errors.New("a thank-you needs the person it went to")
		}
	case EvFollowUp, EvHeard, EvNote, EvEdit:
	case EvStage:
		st, err := next.Template().LookupStage(e.Stage)
		if err != nil {
			return err
		}
		e.Stage = st.Name
		next.Stage = st.Name
		// A stage where an offer is on the table means an offer arrived, even
		// when its terms are not logged yet: rules 6 and 7 (deadline,
		// competing offers) apply from here. A later offer event with the
		// terms replaces this stand-in.
		if st.Offer && next.Offer == nil {
			next.Offer = &Offer{Received: e.At}
		}
	case EvOffer:
		if e.Offer == nil {
			e.Offer = &Offer{}
		}
		o := *e.Offer
		if o.Received.IsZero() {
			o.Received = e.At
		}
		e.Offer = &o
		next.Offer = &o
		// An offer moves the application to its template's first offer stage
		// unless it is already in or past one.
		if i := firstOfferStage(next.Template()); i >= 0 && next.StageIndex() < i {
			next.Stage = next.Template().Stages[i].Name
		}
	case EvOutcome:
		o, err := ParseOutcome(string(e.Outcome))
		if err != nil {
			return err
		}
		e.Outcome = o
		next.Outcome = o
	case EvDone, EvDismiss:
		if e.Prompt == "" {
			return fmt.Errorf("a %s event needs the prompt it is about", e.Kind)
		}
	case EvSnooze:
		if e.Prompt == "" || e.Until.IsZero() {
			return errors.New("a snooze needs the prompt it is about and the day it comes back")
		}
	default:
		return fmt.Errorf("unknown event kind %q", e.Kind)
	}
	if !e.Expect.IsZero() {
		next.Expect = e.Expect
	}
	next.Events = append(append(make([]Event, 0, len(a.Events)+1), a.Events...), e)
	*a = next
	return nil
}

func firstOfferStage(t *Template) int {
	for i, s := range t.Stages {
		if s.Offer {
			return i
		}
	}
	return -1
}

// Clone returns a deep copy, so that callers can change it freely.
func (a Application) Clone() Application {
	a.Interviewers = append([]string(nil), a.Interviewers...)
	a.Events = append([]Event(nil), a.Events...)
	if a.Offer != nil {
		o := *a.Offer
		o.VestSchedule = append([]float64(nil), o.VestSchedule...)
		a.Offer = &o
	}
	return a
}
