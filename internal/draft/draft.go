// Package draft writes the messages afterview's prompts ask for (a
// thank-you, a follow-up, a note about a competing offer, ...) from Go
// text/template files: built-in ones embedded in the binary, each of which
// a file of the user's own can replace. Drafts are text for the user to
// paste into their own mail; nothing here sends anything.
package draft

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/mail"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"
	"time"

	"afterview/stages"
)

//go:embed templates/*.tmpl
var builtin embed.FS

// Gaps stand where afterview does not know something; the user fills them
// in. They are never guessed.
const (
	GapSpecific  = "[something specific you discussed]"
	GapName      = "[their name]"
	GapMe        = "[your name]"
	GapRole      = "[role]"
	GapProblem   = "[a hard problem you discussed]"
	GapAddress   = "[their address]"
	GapReference = "[your references]"
	GapOneRef    = "[your reference]"
	GapWhy       = "[why it stuck with you]"
	GapRethink   = "[what it made you rethink]"
	GapAmount    = "[its terms, only if you choose to share them]"
	GapDate      = "[a specific later date]"
)

// Kinds lists the template names, one per kind of message.
var Kinds = []string{"thank_you", "thank_you_recruiter", "follow_up", "competing_offer", "negotiate", "extension",
	"withdraw", "after_rejection", "reference_heads_up", "thank_references", "offer_in_writing"}

// ErrNotAMessage is returned for a prompt that asks for no message (a
// reflect note, an offer deadline, ...).
var ErrNotAMessage = errors.New("this prompt is not a message to send, so there is nothing to draft")

// Recipient is whom a draft goes to, as a template sees them.
type Recipient struct {
	Name  string // the full name, or a gap
	First string // the first name, or a gap
	Email string // empty when not known
	Role  string // interviewer, recruiter, hiring manager, other, reference
}

// OfferNote is another company's offer, as a competing-offer note names it.
type OfferNote struct {
	Company  string
	Deadline string // "Monday 30 November", "Monday 30 November at 17:00"; empty when none was given, assumed or passed
	Verbal   bool   // only a verbal offer so far: no numbers, or no letter yet
}

// Data is what a template can use (see the README). A draft is a message
// to someone else, so Data holds only what the user wrote for one (rule
// 14): names, roles, the company, dates, the stage, the person's "talked
// about" line and the offers' company names and quotable deadlines. It has
// no field for notes, reflections, news, stats or amounts, and no pointer
// to the application, so no template, the user's own included, can reach
// them.
type Data struct {
	Kind       string      // the template's name
	To         Recipient   // the first (usually only) recipient
	Recipients []Recipient // everyone it goes to (references: several)
	Me         string      // the user's name, or a gap
	Company    string
	Role       string // the role applied for, or a gap
	Interview  string // the final interview's day: "Thursday 19 November"
	Specific   string // the person's "talked about" line, else a gap
	Stage      string // the current stage
	Recruiter  string // the recruiter's name, or "the recruiter"
	Netflix    bool   // the Netflix process: candor and a hard problem count
	Declining  bool   // withdraw: the company made an offer, which this declines
	Offers     []OfferNote
	OfferList  string // the Offers in words: "Datadog (I need to answer by Monday 30 November) and Stripe"
	Deadline   string // the deadline this company gave, not yet passed: "Monday 30 November at 17:00"; "" else

	// What the message says depends on the day and on what happened; these
	// are words and flags worked out for it, never the amounts or notes
	// behind them.
	InterviewWhen    string // the final interview seen from the day drafted: "today", "yesterday", "on Thursday 19 November"
	Today            bool   // the final interview was today: a thank-you says "today", not the date
	Talked           bool   // Specific is the person's own talked-about line, not a gap
	Promised         string // follow-up: the day the recruiter said an answer would come by, "Friday 6 November"; "" when none
	ReferencesCalled bool   // the company has reached its reference check
	Verbal           bool   // this company's offer is only verbal so far (no numbers, or no letter yet)
	ToldBefore       bool   // competing offer: this company already heard about another offer from the user
	OfferPhrase      string // competing offer: "an offer from Datadog", "a second offer, a verbal one, from Stripe"
	AnswerBy         string // competing offer: the earliest deadline of those named that may be quoted; "" when none
	From             string // negotiate, extension: the companies of the other offers it is about, "Datadog"
	AskUntil         string // extension: the later day asked for (the other offer's deadline), or a gap
	CounterOpen      bool   // the user's counter to this offer is still unanswered
	DeadlineEarly    bool   // offer_in_writing: the deadline was set before the numbers were known
	Extended         bool   // withdraw: the company moved its deadline later
	Raised           bool   // withdraw: the company raised its offer
	Outcome          string // how the application ended: accepted, declined, rejected, withdrawn, no_answer; "" while open
	Results          string // reference heads-up: the gap for what that reference can speak to
}

// Input is everything a draft is made from.
type Input struct {
	App        *stages.Application
	Prompt     stages.Prompt
	Apps       []stages.Application // every application, for the offers a note names
	References []stages.Reference
	Me         string    // the user's name ("" when not known)
	Now        time.Time // the clock, in the user's zone
}

// Draft is a message ready to paste.
type Draft struct {
	Kind    string
	To      []Recipient
	Subject string
	Body    string
	// NoReferences is set on a reference draft when no reference is
	// recorded as given to the company: the user should say which.
	NoReferences bool
	// Others names the references a heads-up without a reference in its
	// key did not go to: each gets a note of their own (rule 5).
	Others []string
}

// Templates renders drafts, preferring the user's own template files.
type Templates struct {
	user    fs.FS  // the user's templates folder; nil: none
	userDir string // its path, to name a broken file
	clean   func(string) string
	// settings are the processes a stage task's message is chosen by.
	settings *stages.Settings
	runs     *runs // shared by the copies WithClean makes
}

// The limits of one draft. A template is a small program the user can
// write, and text/template has no limit of its own: {{range 100000}}
// nested twice never ends, {{range 100000000}}x{{end}} writes gigabytes.
// A good draft is well under 2 KiB and renders in microseconds.
const (
	// MaxSize is the most a draft may be: its template's output stops
	// there, with an error naming the template.
	MaxSize = 64 << 10
	// MaxTime is how long a draft may take; the caller gets an error
	// naming the template then, whatever the template is still doing.
	MaxTime = 2 * time.Second
)

// runs keeps one template file's execution from piling up. text/template
// cannot be stopped: an execution past MaxTime that writes is stopped by
// its writer, but a loop that writes nothing spins on until its range
// ends. So each template source runs one execution at a time (a second
// draft from it waits for the first, within its own MaxTime), and a
// source that ran out of time is not run again: its error is kept, keyed
// by the file's contents, so selecting that prompt again in the UI costs
// nothing and a fixed file runs at once. The command line exits after
// its one draft, which ends any such loop with the process.
type runs struct {
	mu      sync.Mutex
	running map[[32]byte]chan struct{} // closed when that execution returns
	failed  map[[32]byte]error
}

// New returns templates that read the user's own from dir (an fs.FS of the
// folder, nil for none; dirName is its path, for messages) and pass every
// value through clean, the program's terminal-safe cleaning, before it
// goes into a draft; the applications' processes are read in settings
// (nil: the defaults), which decide a stage task's message.
func New(dir fs.FS, dirName string, clean func(string) string, settings *stages.Settings) *Templates {
	if clean == nil {
		clean = func(s string) string { return s }
	}
	return &Templates{user: dir, userDir: dirName, clean: clean, settings: settings,
		runs: &runs{running: map[[32]byte]chan struct{}{}, failed: map[[32]byte]error{}}}
}

// OwnFiles reports whether a draft may come from a file of the user's own
// (the templates have a folder to look in). The built-in templates are
// in memory and render in microseconds; a file is read from disk and may
// run for up to MaxTime, which a UI does off its event loop.
func (t *Templates) OwnFiles() bool { return t.user != nil }

// WithClean returns the same templates (the same files, the same record
// of runaway ones) cleaning every value with clean instead.
func (t *Templates) WithClean(clean func(string) string) *Templates {
	c := *t
	c.clean = clean
	return &c
}

// Builtin returns the text of a built-in template, to start one's own from.
func Builtin(kind string) (string, error) {
	if !slices.Contains(Kinds, kind) {
		return "", fmt.Errorf("no template called %q: the templates are %s", kind, strings.Join(Kinds, ", "))
	}
	b, err := builtin.ReadFile("templates/" + kind + ".tmpl")
	return string(b), err
}

// KindOf returns the template a prompt's message uses.
func (t *Templates) KindOf(a *stages.Application, p stages.Prompt) (string, error) {
	if name := stages.TemplateName(t.settings, a, p); name != "" {
		return name, nil
	}
	return "", ErrNotAMessage
}

// Draft writes the message in.Prompt asks for. A broken template (the
// user's or, by mistake, a built-in one) is an error naming its file and
// line; no partial draft is returned.
func (t *Templates) Draft(in Input) (Draft, error) {
	kind, err := t.KindOf(in.App, in.Prompt)
	if err != nil {
		return Draft{}, err
	}
	data, refs := t.data(kind, in)
	text, err := t.render(kind, data)
	if err != nil {
		return Draft{}, err
	}
	d := Draft{Kind: kind, To: data.Recipients, NoReferences: refs.none, Others: refs.others}
	head, body, _ := strings.Cut(text, "\n\n")
	subject, ok := strings.CutPrefix(head, "Subject:")
	if !ok || strings.Contains(head, "\n") {
		return Draft{}, fmt.Errorf("%s: line 1: a template starts with one 'Subject: ...' line and a blank line, then the body", t.fileName(kind))
	}
	d.Subject = strings.TrimSpace(subject)
	d.Body = strings.TrimSpace(body)
	return d, nil
}

// fileName is where a template comes from, for messages.
func (t *Templates) fileName(kind string) string {
	if t.user != nil {
		if _, err := fs.Stat(t.user, kind+".tmpl"); err == nil {
			return path.Join(t.userDir, kind+".tmpl")
		}
	}
	return "built-in template " + kind + ".tmpl"
}

func (t *Templates) render(kind string, data Data) (string, error) {
	src, err := Builtin(kind)
	if err != nil {
		return "", err
	}
	name := t.fileName(kind)
	if t.user != nil {
		b, err := fs.ReadFile(t.user, kind+".tmpl")
		switch {
		case err == nil:
			src = string(b)
		case !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("%s: %v", path.Join(t.userDir, kind+".tmpl"), err)
		}
	}
	tmpl, err := template.New(name).Option("missingkey=error").Parse(src)
	if err != nil {
		return "", templateError(err)
	}
	return t.runs.execute(tmpl, name, src, data)
}

// errTooLong stops an execution whose draft passed MaxSize; errStopped,
// one that ran out of time.
var (
	errTooLong = errors.New("draft too long")
	errStopped = errors.New("stopped")
)

// limitedWriter keeps a draft's text, failing every write past MaxSize or
// after stop: that error ends the template's execution.
type limitedWriter struct {
	buf     bytes.Buffer
	stopped atomic.Bool
}

func (w *limitedWriter) Write(p []byte) (int, error) {
	if w.stopped.Load() {
		return 0, errStopped
	}
	if w.buf.Len()+len(p) > MaxSize {
		return 0, errTooLong
	}
	return w.buf.Write(p)
}

// execute runs tmpl (parsed from src, the file name) on data within
// MaxSize and MaxTime; see runs.
func (r *runs) execute(tmpl *template.Template, name, src string, data Data) (string, error) {
	key := sha256.Sum256([]byte(name + "\x00" + src))
	timeout := fmt.Errorf("%s: the draft took longer than %v, the limit, and was stopped: a loop in the template runs too long\n"+
		"Fix the template (afterview draft --template KIND prints the built-in one), or remove the file to use the built-in one", name, MaxTime)
	deadline := time.NewTimer(MaxTime)
	defer deadline.Stop()
	r.mu.Lock()
	for {
		if err := r.failed[key]; err != nil {
			r.mu.Unlock()
			return "", err
		}
		busy := r.running[key]
		if busy == nil {
			break
		}
		r.mu.Unlock()
		select {
		case <-busy:
		case <-deadline.C:
			return "", timeout
		}
		r.mu.Lock()
	}
	finished := make(chan struct{})
	r.running[key] = finished
	r.mu.Unlock()

	w := &limitedWriter{}
	result := make(chan error, 1)
	go func() {
		defer func() {
			r.mu.Lock()
			delete(r.running, key)
			r.mu.Unlock()
			close(finished)
		}()
		defer func() {
			// text/template passes a runtime error on as a panic, which
			// would end the program from this goroutine.
			if p := recover(); p != nil {
				result <- fmt.Errorf("%s: %v", name, p)
			}
		}()
		result <- tmpl.Execute(w, data)
	}()
	select {
	case err := <-result:
		switch {
		case errors.Is(err, errTooLong):
			return "", fmt.Errorf("%s: the draft passed %d KiB, the limit, and was stopped: a loop in the template writes too much\n"+
				"Fix the template (afterview draft --template KIND prints the built-in one), or remove the file to use the built-in one", name, MaxSize>>10)
		case err != nil:
			return "", templateError(err)
		}
		return w.buf.String(), nil
	case <-deadline.C:
		w.stopped.Store(true)
		r.mu.Lock()
		r.failed[key] = timeout
		r.mu.Unlock()
		return "", timeout
	}
}

// templateError turns "template: FILE:LINE: ..." into "FILE:LINE: ...",
// with what to do.
func templateError(err error) error {
	msg := strings.TrimPrefix(err.Error(), "template: ")
	return fmt.Errorf("%s\nFix the template (afterview draft --template KIND prints the built-in one), or remove the file to use the built-in one", msg)
}

// refNotes is what a reference heads-up tells its caller beyond the
// draft: that no reference is recorded as given to the company, or which
// given references it left for notes of their own.
type refNotes struct {
	none   bool
	others []string
}

// data gathers what the template may use; every value is cleaned.
func (t *Templates) data(kind string, in Input) (Data, refNotes) {
	a := in.App
	loc := in.Now.Location()
	c := t.clean
	today := stages.DateOf(in.Now)
	interview := stages.DateOf(a.Interviewed.In(loc))
	d := Data{
		Kind:             kind,
		Me:               or(c(in.Me), GapMe),
		Company:          c(a.Company),
		Role:             or(c(a.Role), GapRole),
		Interview:        a.Interviewed.In(loc).Format("Monday 2 January"),
		Stage:            c(a.Stage),
		Recruiter:        or(c(a.Recruiter), "the recruiter"),
		Netflix:          a.Process == "netflix",
		Declining:        a.Offer != nil,
		InterviewWhen:    whenWords(interview, today, loc),
		Today:            interview == today,
		ReferencesCalled: a.CalledReferences(t.settings),
		Outcome:          string(a.Outcome),
	}
	if !a.Expect.IsZero() {
		d.Promised = a.Expect.Time(loc).Format("Monday 2 January")
	}
	var refs refNotes
	switch kind {
	case "reference_heads_up":
		// One note per reference (rule 5): never one email to several.
		var r Recipient
		r, refs = t.referenceFor(in)
		d.Recipients = []Recipient{r}
	case "thank_references":
		given := stages.ReferencesGivenTo(in.References, a.ID)
		for _, r := range given {
			d.Recipients = append(d.Recipients, t.reference(r))
		}
		if len(given) == 0 {
			refs.none = true
			d.Recipients = []Recipient{{Name: GapReference, First: GapName, Role: "reference"}}
		} else if len(given) > 1 {
			// One message to all of them greets them all.
			var firsts []string
			for _, r := range d.Recipients {
				firsts = append(firsts, r.First)
			}
			d.Recipients[0].First = andList(firsts)
		}
	default:
		r := Recipient{Name: GapName, First: GapName, Role: "recruiter"}
		name := in.Prompt.Person
		if name == "" {
			// A stage task's message (the offer in writing) and the
			// messages about offers go to the recruiter.
			name = a.Recruiter
		}
		if name != "" {
			if p, err := a.Person(name); err == nil {
				r = Recipient{Name: c(p.Name), First: c(p.First()), Email: c(p.Email), Role: p.Role.Label()}
			} else {
				p := stages.Person{Name: name}
				r = Recipient{Name: c(name), First: c(p.First())}
			}
		}
		d.Recipients = []Recipient{r}
	}
	d.To = d.Recipients[0]
	if kind == "reference_heads_up" {
		d.Results = "[the results of yours " + d.To.First + " saw first-hand]"
		if d.To.First == GapName {
			d.Results = "[the results of yours they saw first-hand]"
		}
	}
	// Only the line the user wrote to be quoted, on the person it goes to;
	// never a note or a reflection, which are the user's own (rule 14).
	d.Specific = GapSpecific
	if p, err := a.Person(in.Prompt.Person); err == nil && in.Prompt.Person != "" && p.TalkedAbout != "" {
		d.Specific = c(p.TalkedAbout)
	}
	// The templates end the sentence themselves.
	d.Specific = strings.TrimRight(d.Specific, ".!;: ")
	d.Talked = d.Specific != GapSpecific && d.Specific != ""
	if !d.Talked {
		d.Specific = GapSpecific
		if d.Netflix {
			// Netflix's culture asks a thank-you to name a hard problem (rule 1).
			d.Specific = GapProblem
		}
	}

	// The other offers the prompt is about: their companies, whether they
	// are only verbal, and the deadlines that may be quoted (rule 11).
	var offers, from []string
	var answerBy, latest stages.Date
	for _, told := range in.Prompt.About {
		o := OfferNote{Company: c(told.Company)}
		for i := range in.Apps {
			if other := &in.Apps[i]; other.ID == told.App && other.Offer != nil {
				o.Deadline = deadlineWords(other.Offer, in.Now)
				o.Verbal = t.verbal(other)
				if o.Deadline != "" {
					if dl := other.Offer.Deadline; answerBy.IsZero() || dl.Before(answerBy) {
						answerBy, d.AnswerBy = dl, o.Deadline
					}
					if dl := other.Offer.Deadline; latest.Before(dl) {
						latest = dl
					}
				}
			}
		}
		d.Offers = append(d.Offers, o)
		from = append(from, o.Company)
		if o.Deadline != "" {
			offers = append(offers, fmt.Sprintf("%s (I need to answer by %s)", o.Company, o.Deadline))
		} else {
			offers = append(offers, o.Company)
		}
	}
	d.OfferList = andList(offers)
	d.From = andList(from)
	told := toldBefore(a)
	d.ToldBefore = told > 0
	d.OfferPhrase = offerPhrase(d.Offers, told)
	_, d.CounterOpen = a.OpenCounter()

	// This company's own offer.
	d.AskUntil = GapDate
	if a.Offer != nil {
		d.Deadline = deadlineWords(a.Offer, in.Now)
		d.Verbal = t.verbal(a)
		var early bool
		early, d.Extended, d.Raised = offerHistory(a, today)
		d.DeadlineEarly = early && d.Deadline != ""
		// The later day an extension asks for: the day another offer
		// must be answered by, when it is later than this one's.
		if !latest.IsZero() && a.Offer.OfferDeadline(loc).Before(latest) {
			d.AskUntil = latest.Time(loc).Format("Monday 2 January")
		}
	}
	return d, refs
}

// reference is a reference as a recipient, cleaned.
func (t *Templates) reference(r stages.Reference) Recipient {
	return Recipient{Name: t.clean(r.Name), First: t.clean(r.First()), Email: t.clean(r.Email), Role: "reference"}
}

// referenceFor is whom a reference heads-up goes to: the one reference its
// prompt names (by its person, or by the reference's slug at the end of
// its key: stage_task:reference-check:ana-lopez), looked for among those
// given to the company, then among all. A key that names no reference is
// the prompt that asks to name them: with none given, the note has a gap
// for the name; with some given (a prompt from before they were listed),
// it goes to the first, and the others are left for notes of their own.
func (t *Templates) referenceFor(in Input) (Recipient, refNotes) {
	given := stages.ReferencesGivenTo(in.References, in.App.ID)
	slug := stages.KeySlug(in.Prompt.Person)
	if slug == "" {
		_, slug = in.App.Template(t.settings).TaskStage(in.Prompt.Key)
	}
	gap := Recipient{Name: GapOneRef, First: GapName, Role: "reference"}
	if slug != "" {
		for _, pool := range [][]stages.Reference{given, in.References} {
			for _, r := range pool {
				if stages.KeySlug(r.Name) == slug {
					return t.reference(r), refNotes{}
				}
			}
		}
		// A reference no longer listed: the user knows whom they meant.
		return gap, refNotes{none: len(given) == 0}
	}
	if len(given) == 0 {
		return gap, refNotes{none: true}
	}
	var others []string
	for _, r := range given[1:] {
		others = append(others, t.clean(r.Name))
	}
	return t.reference(given[0]), refNotes{others: others}
}

// verbal reports whether a's offer is only verbal so far: its numbers are
// not known (rule 11), or it stands at an offer stage its process follows
// with another (Netflix's verbal offer, before the letter).
func (t *Templates) verbal(a *stages.Application) bool {
	if a.Offer == nil {
		return false
	}
	if !a.Offer.Known() {
		return true
	}
	tm := a.Template(t.settings)
	i := tm.StageIndex(a.Stage)
	if i < 0 || !tm.Stages[i].Offer {
		return false
	}
	for _, s := range tm.Stages[i+1:] {
		if s.Offer {
			return true
		}
	}
	return false
}

// deadlineWords is the deadline o's company gave, as a message quotes it
// ("Monday 30 November", "Monday 30 November at 17:00"), or "" when none
// was given or it has passed: an assumed or passed deadline is never
// quoted (rule 11).
func deadlineWords(o *stages.Offer, now time.Time) string {
	loc := now.Location()
	dl := o.Deadline
	if dl.IsZero() || dl.Before(stages.DateOf(now)) {
		return ""
	}
	words := dl.Time(loc).Format("Monday 2 January")
	if at, ok := o.DeadlineAt(loc); ok {
		if at.Before(now) {
			return ""
		}
		words += " at " + o.DeadlineTime
	}
	return words
}

// whenWords says a day as a message written today does: "today",
// "yesterday", else "on Thursday 19 November" (rule 14: a thank-you sent
// the same day says "today", not the date).
func whenWords(day, today stages.Date, loc *time.Location) string {
	switch day {
	case today:
		return "today"
	case today.AddDays(-1):
		return "yesterday"
	}
	return "on " + day.Time(loc).Format("Monday 2 January")
}

// toldBefore counts the other offers a was already told about.
func toldBefore(a *stages.Application) int {
	seen := map[uint64]bool{}
	for _, e := range a.Events {
		if e.Kind == stages.EvTold {
			for _, o := range e.Told {
				seen[o.App] = true
			}
		}
	}
	return len(seen)
}

// offerPhrase says the offers a competing-offer note is about: "an offer
// from Datadog", "offers from Datadog and Stripe", "a verbal offer from
// Stripe", and, to a company already
// told of some, what is new: "a second offer, from Stripe", "two more
// offers: one from Datadog and a verbal one from Stripe".
func offerPhrase(notes []OfferNote, told int) string {
	if len(notes) == 0 {
		return ""
	}
	var parts []string
	if told == 0 {
		if !slices.ContainsFunc(notes, func(n OfferNote) bool { return n.Verbal }) && len(notes) > 1 {
			for _, n := range notes {
				parts = append(parts, n.Company)
			}
			return "offers from " + andList(parts)
		}
		for _, n := range notes {
			if n.Verbal {
				parts = append(parts, "a verbal offer from "+n.Company)
			} else {
				parts = append(parts, "an offer from "+n.Company)
			}
		}
		return andList(parts)
	}
	if len(notes) == 1 {
		which := "another offer"
		if told < len(ordinals) {
			which = "a " + ordinals[told] + " offer"
		}
		if notes[0].Verbal {
			return which + ", a verbal one, from " + notes[0].Company
		}
		return which + ", from " + notes[0].Company
	}
	for _, n := range notes {
		if n.Verbal {
			parts = append(parts, "a verbal one from "+n.Company)
		} else {
			parts = append(parts, "one from "+n.Company)
		}
	}
	more := "more offers: "
	if len(notes) < len(numbers) {
		more = numbers[len(notes)] + " more offers: "
	}
	return more + andList(parts)
}

var (
	ordinals = []string{"", "second", "third", "fourth", "fifth"}
	numbers  = []string{"", "one", "two", "three", "four", "five"}
)

// offerHistory reads a's offer and its revisions in date order: whether
// the deadline was set before the numbers were known (early), whether a
// revision moved the deadline later (extended), and whether one raised
// the year-1 cash (raised). The amounts stay here; only the flags go on.
func offerHistory(a *stages.Application, today stages.Date) (early, extended, raised bool) {
	var revs []stages.Event
	for _, e := range a.Events {
		if e.Kind == stages.EvOffer && e.Offer != nil {
			revs = append(revs, e)
		}
	}
	slices.SortStableFunc(revs, func(x, y stages.Event) int { return x.At.Compare(y.At) })
	var cur stages.Offer
	deadlineAt, knownAt := -1, -1
	for i, e := range revs {
		prev := cur
		cur = cur.Revised(*e.Offer)
		if deadlineAt < 0 && !cur.Deadline.IsZero() {
			deadlineAt = i
		}
		if knownAt < 0 && cur.Known() {
			knownAt = i
		}
		if i == 0 {
			continue
		}
		if !prev.Deadline.IsZero() && prev.Deadline.Before(cur.Deadline) {
			extended = true
		}
		if was, is := prev.Summary(time.Time{}).Year1Cash, cur.Summary(time.Time{}).Year1Cash; was != nil && is != nil && *is > *was {
			raised = true
		}
	}
	early = deadlineAt >= 0 && (knownAt < 0 || deadlineAt < knownAt)
	return early, extended, raised
}

func or(s, gap string) string {
	if strings.TrimSpace(s) == "" {
		return gap
	}
	return s
}

// andList joins "a", "a and b", "a, b and c".
func andList(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// ToLine is the To header: the addresses when known, the names otherwise.
func (d Draft) ToLine() string {
	var out []string
	for _, r := range d.To {
		out = append(out, stages.Person{Name: r.Name, Email: r.Email}.Address())
	}
	return strings.Join(out, ", ")
}

// Text is the draft as the command line prints it: To, Subject, a blank
// line, the body.
func (d Draft) Text() string {
	return "To: " + d.ToLine() + "\nSubject: " + d.Subject + "\n\n" + d.Body + "\n"
}

// Mailto is the draft as a mailto: URL (RFC 6068): the addresses known, the
// subject and the body, every character outside the unreserved set
// percent-encoded, line breaks as CRLF.
func (d Draft) Mailto() string {
	var to []string
	for _, r := range d.To {
		if r.Email != "" {
			to = append(to, escape(r.Email))
		}
	}
	body := strings.ReplaceAll(d.Body, "\n", "\r\n")
	return "mailto:" + strings.Join(to, ",") + "?subject=" + escape(d.Subject) + "&body=" + escape(body)
}

// escape percent-encodes all but RFC 3986's unreserved characters, which is
// always safe in a mailto: URL (and keeps "@" readable in addresses).
func escape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-', c == '.', c == '_', c == '~', c == '@':
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// Edited is d as the user edited its Text: the To and Subject lines at
// the top and the body after them (the blank lines between are dropped).
// Header lines they removed keep d's; a To line they changed is read as
// addresses ("Name <a@b.c>, d@e.f"), and one that cannot be read keeps
// d's recipients, so that a mailto: never loses an address. A text that
// starts with neither line is all body.
func (d Draft) Edited(text string) Draft {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	head := 0
	for ; head < len(lines); head++ {
		name, value, _ := strings.Cut(lines[head], ":")
		value = strings.TrimSpace(value)
		switch strings.ToLower(name) {
		case "to":
			if value == d.ToLine() {
				continue
			}
			if list, err := mail.ParseAddressList(value); err == nil {
				d.To = nil
				for _, a := range list {
					d.To = append(d.To, Recipient{Name: a.Name, Email: a.Address})
				}
			}
			continue
		case "subject":
			d.Subject = value
			continue
		}
		break
	}
	body := lines[head:]
	for len(body) > 0 && strings.TrimSpace(body[0]) == "" {
		body = body[1:]
	}
	d.Body = strings.TrimRight(strings.Join(body, "\n"), "\n \t")
	return d
}
