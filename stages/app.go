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
	EvTold      EventKind = "told"      // the candidate told this company about other offers (Told)
	EvReopen    EventKind = "reopen"    // a closed application is open again (the company came back)
	EvCounter   EventKind = "counter"   // the candidate answered the offer with a counter (Offer: the terms asked)
)

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
	// Told lists the offers a told event says this company now knows about.
	Told []ToldOffer `json:"told,omitempty"`
	// Reneged names, on an acceptance, the applications whose accepted
	// offers it goes back on (rule 17): the timeline keeps the choice.
	Reneged []ToldOffer `json:"reneged,omitempty"`
}

// ToldOffer names another application's offer that a company was told about.
// The company name is kept as it was then, so the timeline still reads
// right if that application is renamed or deleted.
type ToldOffer struct {
	App     uint64 `json:"app"`
	Company string `json:"company"`
}

// Offer is an offer's terms. Amounts are whole units of Currency. A nil
// amount was not given: on an offer event, a revision leaves that term as it
// was; on the current offer (Application.Offer, the fold of every offer
// event), an unknown base means the numbers are still to come (a verbal
// offer), and once the base is known, parts not given count as none.
type Offer struct {
	Currency string `json:"currency,omitempty"`
	Base     *int64 `json:"base"`
	// Bonus is the yearly bonus as an amount; BonusPercent as a percentage of
	// base. When both are set, Bonus wins; a revision giving one drops the other.
	Bonus        *int64   `json:"bonus"`
	BonusPercent *float64 `json:"bonus_percent"`
	SignOn       *int64   `json:"sign_on"`
	Stock        *int64   `json:"stock"`
	VestYears    int      `json:"vest_years,omitempty"`
	// VestSchedule gives the percentage of the grant vesting each year
	// (for example 5, 15, 40, 40); empty means evenly over VestYears.
	VestSchedule []float64 `json:"vest_schedule,omitempty"`
	// Deadline is the response deadline the company gave (zero: none given;
	// see OfferDeadline for the one afterview counts down to), and
	// DeadlineTime its time of day when the company gave one ("17:00", a
	// civil time like Deadline: in the user's zone; "": the day only).
	Deadline     Date      `json:"deadline,omitzero"`
	DeadlineTime string    `json:"deadline_time,omitempty"`
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
	// Contacts holds the details of the people (email, phone, link, note)
	// and the people who are neither interviewer nor recruiter; see Persons.
	Contacts []Person `json:"contacts,omitempty"`
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
	// MaxContacts bounds the people whose details one application keeps
	// (Contacts): the interviewers, the recruiter and a few more, dozens
	// at most for a person; thousands are a mistake that every page and
	// draft would carry.
	MaxContacts = 200
)

// Template returns the application's process template in the settings s
// (nil: the defaults). A process s does not know is rebuilt from the
// stages the application recorded, with Missing set.
func (a *Application) Template(s *Settings) *Template { return s.orDefault().templateOf(a) }

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

// StageIndex returns the index of the current stage in the template of s
// (0 if unknown).
func (a *Application) StageIndex(s *Settings) int {
	if i := a.Template(s).StageIndex(a.Stage); i >= 0 {
		return i
	}
	return 0
}

// NewApplication builds an application in its template's first stage, with
// the interview recorded as the first event. It validates the input.
func NewApplication(company, role, process string, interviewed time.Time, interviewers []string, recruiter string, expect Date, created time.Time) (Application, error) {
	return defaultSettings.NewApplication(company, role, process, interviewed, interviewers, recruiter, expect, created)
}

// NewApplication is the package's NewApplication with the settings'
// processes.
func (s *Settings) NewApplication(company, role, process string, interviewed time.Time, interviewers []string, recruiter string, expect Date, created time.Time) (Application, error) {
	s = s.orDefault()
	if process == "" {
		process = DefaultTemplate
	}
	t, err := s.Process(process)
	if err != nil {
		return Application{}, fieldErr(FieldProcess, err)
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
	if !expect.IsZero() && expect.Before(DateOf(interviewed)) {
		return a, fieldErr(FieldPromised, fmt.Errorf("promised date %s is before the final interview (%s): check the date", expect.Short(), DateOf(interviewed).Short()))
	}
	return a, a.Validate(s)
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

// Validate checks an application's fields against the limits people are told
// about, and its process and stage against the settings s (nil: the
// defaults).
func (a *Application) Validate(s *Settings) error { return a.validate(s, false) }

// ValidateKept is Validate for an application already stored whose process
// is unchanged: a process since removed from the configuration is no error,
// the application keeps working with the stages it recorded. Nor are more
// people than MaxContacts, which an afterview before that limit let in: the
// application keeps working, and they can be removed (SetPerson, which
// adds or changes one, checks the limit).
func (a *Application) ValidateKept(s *Settings) error { return a.validate(s, true) }

func (a *Application) validate(s *Settings, kept bool) error {
	var errs []error
	if a.Company == "" {
		errs = append(errs, fieldErr(FieldCompany, errors.New("company: a name is needed")))
	}
	errs = append(errs, checkLen(FieldCompany, "company", a.Company, MaxNameLen), checkLen(FieldRole, "role", a.Role, MaxNameLen),
		checkLen(FieldRecruiter, "recruiter", a.Recruiter, MaxNameLen), checkLen(FieldNotes, "notes", a.Notes, MaxNoteLen))
	if n := len(a.Interviewers); n > MaxInterviewers {
		errs = append(errs, fieldErr(FieldInterviewers, fmt.Errorf("interviewers: %d is too many (at most %d)", n, MaxInterviewers)))
	}
	for _, p := range a.Interviewers {
		errs = append(errs, checkLen(FieldInterviewers, "interviewer", p, MaxNameLen))
	}
	if n := len(a.Contacts); n > MaxContacts && !kept {
		errs = append(errs, fmt.Errorf("people: %s has %d, more than the %d afterview keeps for one application; remove the people you no longer need", a.Company, n, MaxContacts))
	}
	for _, p := range a.Contacts {
		if err := p.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("person %q: %w", p.Name, err))
		}
	}
	if _, err := s.Process(a.Process); err != nil && !kept {
		errs = append(errs, fieldErr(FieldProcess, err))
	} else if t := a.Template(s); t.StageIndex(a.Stage) < 0 {
		_, err := t.LookupStage(a.Stage)
		errs = append(errs, fieldErr(FieldStage, err))
	}
	if a.Outcome != Open {
		if _, err := ParseOutcome(string(a.Outcome)); err != nil {
			errs = append(errs, fieldErr(FieldOutcome, err))
		}
	}
	if !a.Interviewed.IsZero() {
		if y := a.Interviewed.Year(); y < MinYear || y > MaxYear {
			errs = append(errs, fieldErr(FieldInterview, fmt.Errorf("interview date %s is outside the years %d to %d", a.Interviewed.Format("2006-01-02"), MinYear, MaxYear)))
		}
	}
	if !a.Expect.IsZero() && (a.Expect.Year < MinYear || a.Expect.Year > MaxYear) {
		errs = append(errs, fieldErr(FieldPromised, fmt.Errorf("promised date %s is outside the years %d to %d", a.Expect, MinYear, MaxYear)))
	}
	return errors.Join(errs...)
}

// checkLen checks a text's length, naming it in the message as name; the
// error is about field f (none: "").
func checkLen(f Field, name, s string, max int) error {
	var err error
	if n := utf8.RuneCountInString(s); n > max {
		err = fmt.Errorf("%s: %d characters is too long (at most %d)", name, n, max)
	} else if !utf8.ValidString(s) {
		err = fmt.Errorf("%s: not valid UTF-8 text", name)
	}
	if f == "" {
		return err
	}
	return fieldErr(f, err)
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

// lastMessage is the day (in loc) of the latest message the candidate sent
// the company, and the latest counter (zero: none). Rule 12 spaces the
// prompted messages to one company two business days apart; what counts
// as one sent: a told event (a competing-offer note), a follow-up, a
// counter, and a done of a prompt whose work is a message to the company
// with no event of its own (negotiate, extension, a competing-offer prompt
// marked done before told events existed, and the stage task asking for
// the offer in writing). Thank-yous to individuals are aside, as are
// notes and answers to the company's own moves (an outcome).
func (a *Application) lastMessage(s *Settings, loc *time.Location) (sent Date, countered time.Time) {
	var last time.Time
	for _, e := range a.Events {
		switch e.Kind {
		case EvTold, EvFollowUp:
		case EvCounter:
			if e.At.After(countered) {
				countered = e.At
			}
		case EvDone:
			// The key is read only when it could be the latest.
			if !e.At.After(last) || !a.messagePrompt(s, e.Prompt) {
				continue
			}
		default:
			continue
		}
		if e.At.After(last) {
			last = e.At
		}
	}
	if last.IsZero() {
		return Date{}, countered
	}
	return DateOf(last.In(loc)), countered
}

// messagePrompt reports whether the prompt of key is a message to the
// company that its done event alone records (see lastMessage).
func (a *Application) messagePrompt(s *Settings, key string) bool {
	kind, _, _ := strings.Cut(key, ":")
	switch Kind(kind) {
	case Negotiate, Extension, CompetingOffer:
		return true
	case StageTask:
		t := a.Template(s)
		i, ref := t.TaskStage(key)
		return i >= 0 && ref == "" && t.Stages[i].Offer
	}
	return false
}

// OpenCounter is the counter the company has not answered yet (rule 15):
// the latest counter with no offer revision and no news logged after it.
func (a *Application) OpenCounter() (Event, bool) {
	var c Event
	open := false
	for _, e := range a.Events {
		switch e.Kind {
		case EvCounter:
			if !open || !e.At.Before(c.At) {
				c, open = e, true
			}
		}
	}
	if !open {
		return Event{}, false
	}
	for _, e := range a.Events {
		if (e.Kind == EvOffer || e.Kind == EvHeard) && e.At.After(c.At) {
			return Event{}, false
		}
	}
	return c, true
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

// ClosedError refuses news on a closed application: an offer, a stage, a
// word from the company or another outcome. Companies do come back; the way
// in is to reopen the application first (EvReopen).
type ClosedError struct {
	Company string
	Outcome Outcome
	// What is what was refused: "offer", "stage", "news", "outcome".
	What string
}

func (e *ClosedError) Error() string {
	return fmt.Sprintf("%s is closed (%s): it takes no new %s until you reopen it", e.Company, e.Outcome.Label(), e.What)
}

// ErrOfferUnchanged refuses an offer event that changes none of the current
// offer's terms.
var ErrOfferUnchanged = errors.New("the offer already has these terms: give at least one term that changed (base, bonus, stock, sign-on, vesting, currency or deadline)")

// Apply appends e to the log and updates the application's current state,
// its stages those of its process in the settings s (nil: the defaults). It
// refuses events that make no sense for the application, saying why; the
// application is unchanged on error.
func (a *Application) Apply(s *Settings, e Event) error {
	// What needs no application: the same checks the store runs (Check).
	if err := e.Check(); err != nil {
		return err
	}
	if !e.Expect.IsZero() && e.Expect.Before(DateOf(a.Interviewed)) {
		return fieldErr(FieldPromised, fmt.Errorf("the promised date %s is before the final interview (%s): check the date", e.Expect.Short(), DateOf(a.Interviewed).Short()))
	}
	spec, _ := e.Kind.Spec()
	next := *a
	if spec.Apply != nil {
		if err := spec.Apply(s, a, &next, &e); err != nil {
			return err
		}
	}
	if !e.Expect.IsZero() {
		next.Expect = e.Expect
	}
	next.Events = append(append(make([]Event, 0, len(a.Events)+1), a.Events...), e)
	*a = next
	return nil
}

// stageSetAt is the date of the latest event that set the current stage: a
// stage or an offer event, else the final interview.
func (a *Application) stageSetAt() time.Time {
	last := a.Interviewed
	for _, e := range a.Events {
		if (e.Kind == EvStage || e.Kind == EvOffer) && e.At.After(last) {
			last = e.At
		}
	}
	return last
}

// lastOfferStage is the index of the template's last stage with an offer on
// the table (-1 if none): the stages after it follow an accepted offer.
func lastOfferStage(t *Template) int {
	last := -1
	for i, s := range t.Stages {
		if s.Offer {
			last = i
		}
	}
	return last
}

// OfferOpen reports whether the application holds an offer still to be
// answered, in the process of the settings s: it is open, has an offer, and has not moved on to a stage its
// template puts after the offer (which means the offer was answered).
func (a *Application) OfferOpen(s *Settings) bool {
	if a.Offer == nil || a.Closed() {
		return false
	}
	last := lastOfferStage(a.Template(s))
	return last < 0 || a.StageIndex(s) <= last
}

// PastOffer reports whether the application is in a stage its template puts
// after the offer (Amazon's background check, onboarding).
func (a *Application) PastOffer(s *Settings) bool {
	last := lastOfferStage(a.Template(s))
	return last >= 0 && a.StageIndex(s) > last
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
	a.Contacts = append([]Person(nil), a.Contacts...)
	a.Events = append([]Event(nil), a.Events...)
	a.Offer = a.Offer.Clone()
	return a
}
