package stages

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// The kinds of prompts and of events as data: everything about a kind that
// is not its rule lives in one entry of promptKinds or eventKinds, and the
// command line, the terminal UI, the drafts and the store read the entries
// instead of each switching over the kinds. Adding a kind is one entry (and,
// for a prompt, its rule): see AddPromptKind and AddEventKind.

// PromptKind is everything about one kind of prompt but the rule that
// raises it. Its place in the table is its weight on ties (Kind.Weight).
type PromptKind struct {
	Kind Kind
	// Label names the kind for people ("thank-you").
	Label string
	// KeyWords says the rest of a prompt key in words, after the label
	// ("ana-lopez" -> " to ana lopez"); nil: the label alone.
	KeyWords func(rest string) string
	// Action says the prompt in a few words, for a narrow column; first is
	// the first name of the prompt's person. Nil: the prompt's text.
	Action func(p Prompt, first string) string
	// Template names the draft template of the prompt's message, a's
	// process read in the settings s; nil or "": the prompt asks for no
	// message.
	Template func(s *Settings, a *Application, p Prompt) string
	// Done is the event that doing the prompt logs on application a (never
	// nil); ok false leaves it to the prompt's Input, else a done event
	// naming the prompt (see DoneEvent).
	Done func(a *Application, p Prompt, now time.Time) (e Event, ok bool)
	// Ask is the question the note answers, for a kind whose prompts
	// ask for one (Input); "" for the usual one (see NoteQuestion).
	Ask string
	// Shared marks the kinds whose prompts the state of other applications
	// decides (withdraw, competing offer, negotiate, extension): an Own
	// keeps their log.
	Shared bool
	// OnDay finishes a prompt of the kind for the day it is shown, its
	// status already set: the words that depend on the day ("deadline
	// today", "a late thank-you is still worth sending"), which an Own,
	// worked out for every day at once, cannot hold. Nil: none.
	OnDay func(p *Prompt, now time.Time, today Date)
	// Rule raises the kind's prompt for an open application, with the
	// settings s and dates taken in loc, for a kind added without a rule
	// of the engine's own. The built-in kinds leave it nil: their rules
	// live in engine.go.
	Rule func(s *Settings, a *Application, loc *time.Location) (Prompt, bool)
}

// EventKind's entry: everything about one kind of event.
type EventSpec struct {
	Kind EventKind
	// Words says what the event was, without its note (EventWords).
	Words func(a *Application, e Event) string
	// Logged says what logging e on a (as it was before) did, for a
	// status line: "offer from Acme".
	Logged func(a *Application, e Event) string
	// Check refuses an event of this kind that is wrong whatever the
	// application's state (a thank-you with no person). Nil: nothing to
	// check beyond what every event is checked for.
	Check func(e Event) error
	// Apply refuses e where a's state makes no sense of it, else applies
	// it to next (a copy of a) and may normalise e; a's process is read in
	// the settings s. Nil: the event changes nothing but the log.
	Apply func(s *Settings, a, next *Application, e *Event) error
	// Global marks the kinds that may stand on their own, about no
	// application (a done, dismiss or snooze of keep_applying).
	Global bool
	// Ends says why logging the kind ends to-dos it does not do itself
	// (see EndedWords): "the company answered". "" says nothing more.
	Ends string
	// Log is how a person logs the kind by hand; nil: never by hand.
	Log *LogSpec
}

// LogSpec is how a kind of event is logged by hand, from the command line
// (afterview log ID WORD) or the UI's log form.
type LogSpec struct {
	// Words are the command line's words for the kind, as completion and
	// help offer them; Aliases are accepted too. A kind whose Fields hold
	// FieldOutcome has the outcomes themselves for words.
	Words, Aliases []string
	// Label is the kind as the form's choice says it ("heard back").
	Label string
	// Help says what the kind means and which options it takes, for
	// 'afterview log --help'.
	Help string
	// Fields are the details the kind takes beyond when and the note: the
	// form shows their fields and the command line reads their options.
	// FieldOffer stands for the offer's terms.
	Fields []Field
	// Needs is the detail that must be given (the 3rd argument on the
	// command line fills it); "" for none. Example is the 3rd argument of
	// an example, for the message that asks for it.
	Needs   Field
	Example string
	// ToRecruiter: the form sends the event to the application's recruiter.
	ToRecruiter bool
}

// FieldOffer names an offer's terms, as a log kind's field, and
// FieldDeadline its response deadline (day and time of day): an offer takes
// both, a counter only the terms.
const (
	FieldOffer    Field = "offer"
	FieldDeadline Field = "deadline"
)

// Takes reports whether the kind takes field f.
func (l *LogSpec) Takes(f Field) bool { return slices.Contains(l.Fields, f) }

// promptKinds is the prompt kinds' table, in tie-break weight order
// (heaviest first: DOMAIN.md's, with the kinds it leaves unranked after
// their nearest kin).
var promptKinds = []PromptKind{
	{Kind: OfferDeadline, Label: "offer deadline", OnDay: offerDeadlineOnDay,
		Action: func(p Prompt, _ string) string {
			if p.Deadline != nil && p.Deadline.Countered {
				return "await the counter's answer"
			}
			return "answer the offer"
		}},
	// Done on an extension prompt logs a done event naming it (DoneEvent's
	// default): the company's answer, a new deadline, is a revised offer.
	{Kind: Extension, Label: "extension", Shared: true, Template: byKind,
		Action: func(_ Prompt, first string) string {
			if first == "" {
				return "ask for more time"
			}
			return "ask " + first + " for more time"
		}},
	{Kind: Negotiate, Label: "negotiate", Shared: true, Template: byKind,
		Action: func(_ Prompt, first string) string {
			if first == "" {
				return "ask whether they can move"
			}
			return "ask " + first + " whether they can move"
		},
		// Asking is a message with no event of its own (a counter is
		// the user's answer with terms): done names the prompt, and
		// counts as a message sent to the company (rule 12).
		Done: func(_ *Application, p Prompt, now time.Time) (Event, bool) {
			return Event{Kind: EvDone, Prompt: p.Key, At: now}, true
		}},
	{Kind: Withdraw, Label: "withdraw", Shared: true,
		Template: func(_ *Settings, a *Application, p Prompt) string {
			if a != nil && a.Outcome == Accepted {
				// Going back on an acceptance is said in person (rule
				// 17): no template fits it.
				return ""
			}
			return string(p.Kind)
		},
		Action: func(_ Prompt, first string) string {
			if first == "" {
				return "withdraw kindly"
			}
			return "withdraw: tell " + first
		},
		Done: func(a *Application, _ Prompt, now time.Time) (Event, bool) {
			if a.Outcome == Accepted {
				// Told of a renege: the application stays as it closed.
				return Event{}, false
			}
			o := Withdrawn
			if a.Offer != nil {
				o = Declined
			}
			return Event{Kind: EvOutcome, Outcome: o, At: now}, true
		}},
	{Kind: CompetingOffer, Label: "competing offer", Shared: true, Template: byKind,
		Action: func(_ Prompt, first string) string {
			if first == "" {
				return "mention your offer"
			}
			return "mention offer to " + first
		},
		Done: func(_ *Application, p Prompt, now time.Time) (Event, bool) {
			if len(p.About) == 0 {
				return Event{}, false
			}
			return Event{Kind: EvTold, Told: append([]ToldOffer(nil), p.About...), At: now}, true
		}},
	{Kind: ThankYou, Label: "thank-you",
		KeyWords: func(rest string) string { return " to " + strings.ReplaceAll(rest, "-", " ") },
		OnDay: func(p *Prompt, _ time.Time, _ Date) {
			if p.Status == Overdue {
				// Rule 1: past the 24 hours, still worth it.
				p.Text += ": a late thank-you is still worth sending"
			}
		},
		Action: func(_ Prompt, first string) string { return "thank " + first },
		Template: func(_ *Settings, a *Application, p Prompt) string {
			if a != nil && strings.EqualFold(strings.TrimSpace(a.Recruiter), strings.TrimSpace(p.Person)) {
				return "thank_you_recruiter"
			}
			return "thank_you"
		},
		Done: func(_ *Application, p Prompt, now time.Time) (Event, bool) {
			return Event{Kind: EvThanks, Person: p.Person, At: now}, true
		}},
	{Kind: FollowUp, Label: "follow-up", Template: byKind,
		Action: func(_ Prompt, first string) string {
			if first == "" {
				return "follow up"
			}
			return "follow up with " + first
		},
		Done: func(_ *Application, p Prompt, now time.Time) (Event, bool) {
			return Event{Kind: EvFollowUp, Person: p.Person, At: now}, true
		}},
	{Kind: StageTask, Label: "stage task",
		KeyWords: func(rest string) string {
			// "reference-check:ana-lopez": the stage, and the reference a
			// heads-up goes to (rule 5).
			stage, ref, _ := strings.Cut(rest, ":")
			words := strings.ReplaceAll(stage, "-", " ")
			if ref != "" {
				words += " to " + strings.ReplaceAll(ref, "-", " ")
			}
			return " (" + words + ")"
		},
		Action: func(p Prompt, _ string) string {
			if p.Short != "" {
				return p.Short
			}
			// A task of the user's own process, with no short words:
			// its own words, which a narrow column cuts, say more than
			// the kind.
			return p.Text
		},
		Template: func(s *Settings, a *Application, p Prompt) string {
			if a == nil {
				return ""
			}
			t := a.Template(s)
			if i, _ := t.TaskStage(p.Key); i >= 0 {
				switch {
				case t.Stages[i].References:
					return "reference_heads_up"
				case t.Stages[i].Offer:
					return "offer_in_writing"
				}
			}
			return ""
		}},
	{Kind: MoveOn, Label: "move on",
		Action: func(Prompt, string) string { return "close as no answer?" },
		Done: func(_ *Application, _ Prompt, now time.Time) (Event, bool) {
			return Event{Kind: EvOutcome, Outcome: NoAnswer, At: now}, true
		}},
	{Kind: AfterRejection, Label: "after rejection", Ask: "Lessons learned from this process",
		Action: func(p Prompt, first string) string {
			if first != "" && p.Person != "" {
				return p.Short + " to " + first // the reply to the recruiter
			}
			return p.Short
		},
		Template: func(_ *Settings, _ *Application, p Prompt) string {
			if p.Input == InputNone {
				return string(AfterRejection)
			}
			return ""
		}},
	{Kind: ThankReferences, Label: "thank references", Template: byKind,
		Action: func(Prompt, string) string { return "thank your references" }},
	{Kind: Reflect, Label: "reflect",
		Action: func(Prompt, string) string { return "write down how it went" }},
	{Kind: KeepApplying, Label: "keep applying",
		Action: func(Prompt, string) string { return "keep applying" }},
}

// TaskStage reads a stage task's prompt key: the index in t of the stage
// it is about (-1 when none) and the slug of the reference it is for, ""
// when it names none. A key names the stage by its slug and, for a
// reference heads-up, the reference by theirs
// ("stage_task:reference-check:ana-lopez", rule 5: one note per
// reference); keys logged before slugs spell the stage as it is named
// ("stage_task:reference check"), and still name it.
func (t *Template) TaskStage(key string) (stage int, reference string) {
	slug, reference, ok := StageTaskParts(key)
	if !ok {
		return -1, ""
	}
	return t.StageBySlug(slug), reference
}

// byKind is the Template of the kinds whose template is named after them.
func byKind(_ *Settings, _ *Application, p Prompt) string { return string(p.Kind) }

// maxPromptKinds bounds the table: Rank packs a weight in four bits.
const maxPromptKinds = 16

// Kinds lists every prompt kind in weight order (see promptKinds).
var Kinds = promptKindList()

func promptKindList() []Kind {
	out := make([]Kind, len(promptKinds))
	for i, k := range promptKinds {
		out[i] = k.Kind
	}
	return out
}

// PromptKinds returns the prompt kinds' table, in weight order; the
// entries are the table's own, to read.
func PromptKinds() []PromptKind { return promptKinds }

// Spec is k's entry in the table; ok is false for a kind it does not hold.
func (k Kind) Spec() (PromptKind, bool) {
	if w := k.Weight(); w < len(promptKinds) {
		return promptKinds[w], true
	}
	return PromptKind{}, false
}

// Weight orders kinds on ties: a lower number ranks first (the place in
// Kinds; a kind not in it goes last).
func (k Kind) Weight() int {
	for i, x := range Kinds {
		if x == k {
			return i
		}
	}
	return len(Kinds)
}

// Label names a prompt kind for people.
func (k Kind) Label() string {
	if s, ok := k.Spec(); ok {
		return s.Label
	}
	return string(k)
}

// Action says p in a few words for a narrow column ("thank Ana", "answer
// the offer"); first is the first name of p's person. The words are not
// cleaned for a terminal.
func (p Prompt) Action(first string) string {
	if s, ok := p.Kind.Spec(); ok && s.Action != nil {
		return s.Action(p, first)
	}
	return p.Text
}

// Brief says p for a row that must never cut who it is for: the kind's
// short action with the person's whole name ("thank Priya Raman"), and
// apart what a narrow row drops first: the person's part in a's process
// ("recruiter"), "" when a is nil (not at hand) or the action names no
// person. The
// words are not cleaned for a terminal.
func (p Prompt) Brief(a *Application) (action, detail string) {
	action = p.Action(p.Person)
	// The part is said only beside the person it is about, never alone,
	// and only for the application's own people (a reference is not one).
	if a != nil && p.Person != "" && p.AppID != 0 && strings.Contains(action, p.Person) &&
		slices.ContainsFunc(a.People(), func(n string) bool { return strings.EqualFold(n, p.Person) }) {
		detail = a.RoleOf(p.Person)
	}
	return action, detail
}

// NoteQuestion is the question the note that marks p done answers.
func (p Prompt) NoteQuestion() string {
	if s, ok := p.Kind.Spec(); ok && s.Ask != "" {
		return s.Ask
	}
	return "What went well, and what to improve?"
}

// TemplateName is the name of the draft template for p's message on a (nil
// for a prompt about the whole search), its process read in the settings
// set, or "" when p asks for no message.
func TemplateName(set *Settings, a *Application, p Prompt) string {
	if s, ok := p.Kind.Spec(); ok && s.Template != nil {
		return s.Template(set, a, p)
	}
	return ""
}

// AddPromptKind adds a kind to the table, lightest of all, and returns the
// function that takes it out again (for tests). It is for start-up only:
// the tables are read without locks.
func AddPromptKind(k PromptKind) (remove func(), err error) {
	if _, ok := k.Kind.Spec(); ok || k.Kind == "" || strings.Contains(string(k.Kind), ":") {
		return nil, fmt.Errorf("prompt kind %q: taken, empty or with a colon", k.Kind)
	}
	if len(promptKinds) >= maxPromptKinds {
		return nil, fmt.Errorf("prompt kind %q: at most %d kinds rank", k.Kind, maxPromptKinds)
	}
	promptKinds = append(promptKinds[:len(promptKinds):len(promptKinds)], k)
	Kinds = promptKindList()
	return func() {
		promptKinds = slices.DeleteFunc(slices.Clone(promptKinds), func(x PromptKind) bool { return x.Kind == k.Kind })
		Kinds = promptKindList()
	}, nil
}

// ruledKinds are the added kinds' rules, run for every open application
// (see Engine.Own).
func ruledKinds(yield func(PromptKind) bool) {
	for _, k := range promptKinds {
		if k.Rule != nil && !yield(k) {
			return
		}
	}
}

// eventKinds is the event kinds' table, in the order people meet them.
var eventKinds = []EventSpec{
	{Kind: EvInterview,
		Words:  func(*Application, Event) string { return "final interview" },
		Logged: func(a *Application, _ Event) string { return "final interview with " + a.Company },
		Apply: func(_ *Settings, _, next *Application, e *Event) error {
			next.Interviewed = e.At
			return nil
		}},
	{Kind: EvThanks,
		Words:  func(_ *Application, e Event) string { return "thank-you sent to " + e.Person },
		Logged: func(_ *Application, e Event) string { return "thank-you to " + e.Person },
		Check: func(e Event) error {
			if strings.TrimSpace(e.Person) == "" {
				return fieldErr(FieldPerson, errors.New("a thank-you needs the person it went to"))
			}
			return nil
		},
		Log: &LogSpec{Words: []string{"thanks"}, Aliases: []string{"thank-you", "thankyou"}, Label: "thank-you",
			Help:   "you sent a thank-you (--to NAME, or --to all); NAME is a full name, a first name or the start of one; --new for someone the application does not list yet (they are added)",
			Fields: []Field{FieldPerson}, Needs: FieldPerson}},
	{Kind: EvFollowUp,
		Words: func(_ *Application, e Event) string {
			if e.Person != "" {
				return "follow-up sent to " + e.Person
			}
			return "follow-up sent"
		},
		Logged: func(a *Application, _ Event) string { return "follow-up to " + a.Company },
		Log: &LogSpec{Words: []string{"followup"}, Aliases: []string{"follow-up"}, Label: "follow-up", ToRecruiter: true,
			Help: "you sent a follow-up to the recruiter (one is enough: a second one while still waiting needs --force)"}},
	{Kind: EvHeard,
		Words:  func(*Application, Event) string { return "heard back" },
		Logged: func(a *Application, _ Event) string { return "heard back from " + a.Company },
		Ends:   "the company got in touch",
		Apply: func(_ *Settings, a, _ *Application, _ *Event) error {
			// An accepted offer goes on (background check, onboarding), and
			// the company keeps writing; any other closed application must
			// be reopened first.
			if a.Closed() && a.Outcome != Accepted {
				return a.closedTo("news")
			}
			return nil
		},
		Log: &LogSpec{Words: []string{"heard"}, Label: "heard back",
			Help:   "the company got in touch (--note, --expect DATE for a new promise)",
			Fields: []Field{FieldPromised}}},
	{Kind: EvStage,
		Words:  func(_ *Application, e Event) string { return "moved to " + e.Stage },
		Logged: func(a *Application, e Event) string { return a.Company + " moved to " + e.Stage },
		Apply:  applyStage,
		Ends:   "the company answered",
		Log: &LogSpec{Words: []string{"stage"}, Label: "new stage",
			Help:   "the application moved to a stage (--stage NAME, or as the 3rd argument)",
			Fields: []Field{FieldStage, FieldPromised}, Needs: FieldStage, Example: `"reference check"`}},
	{Kind: EvOffer,
		Words: func(_ *Application, e Event) string {
			if e.Offer != nil {
				if terms := OfferTerms(e.Offer); terms != "" {
					return "offer: " + terms
				}
			}
			return "offer received"
		},
		Logged: func(a *Application, _ Event) string {
			if a.Offer != nil {
				return "revised offer from " + a.Company
			}
			return "offer from " + a.Company
		},
		Apply: applyOffer,
		Ends:  "the company made an offer",
		Log: &LogSpec{Words: []string{"offer"}, Label: "offer",
			Help:   "an offer arrived (--base, --bonus or --bonus-pct, --stock, --vest-years, --vest, --sign-on, --currency, --deadline, a day with its time of day if given, as in \"fri 17:00\"); leave out what you do not know yet (a verbal offer: no terms at all). Logged again, it is a revision: the terms you give replace the current ones, the others stay; a revision that changes nothing is refused",
			Fields: []Field{FieldOffer, FieldDeadline}}},
	{Kind: EvCounter,
		Words: func(_ *Application, e Event) string {
			if e.Offer != nil {
				if terms := OfferTerms(e.Offer); terms != "" {
					return "countered: asked " + terms
				}
			}
			return "countered"
		},
		Logged: func(a *Application, _ Event) string { return "counter to " + a.Company + "'s offer" },
		Check: func(e Event) error {
			if e.Offer != nil && !e.Offer.Deadline.IsZero() {
				return fieldErr(FieldOffer, errors.New("a counter asks for terms, not a deadline: to ask for more time, say so in its note"))
			}
			return nil
		},
		Apply: func(s *Settings, a, _ *Application, e *Event) error {
			if a.Closed() {
				return a.closedTo("counter")
			}
			if !a.OfferOpen(s) {
				return fmt.Errorf("there is no open offer to counter: log the offer first (afterview log %d offer)", a.ID)
			}
			if e.Offer != nil {
				// The terms asked, not an offer: it arrived from nobody.
				e.Offer.Received = time.Time{}
			}
			return nil
		},
		Log: &LogSpec{Words: []string{"counter"}, Aliases: []string{"countered"}, Label: "counter",
			Help:   "you answered the offer with a counter: the terms you asked for (--base, --bonus or --bonus-pct, --stock, --sign-on, --currency; all optional) and --note; the company's answer is a revised offer or news (heard), either closes it",
			Fields: []Field{FieldOffer}}},
	{Kind: EvNote,
		Words:  func(*Application, Event) string { return "note written" },
		Logged: func(a *Application, _ Event) string { return "note on " + a.Company },
		Log: &LogSpec{Words: []string{"note"}, Label: "note",
			Help:  "you wrote a note (--note TEXT, or as the 3rd argument)",
			Needs: FieldNote, Example: `"went well: system design"`}},
	{Kind: EvOutcome,
		Words: func(_ *Application, e Event) string {
			if len(e.Reneged) > 0 {
				return "closed: " + e.Outcome.Label() + ", going back on " + RenegeWords(e.Reneged)
			}
			return "closed: " + e.Outcome.Label()
		},
		Logged: func(a *Application, e Event) string {
			if len(e.Reneged) > 0 {
				return a.Company + " closed: " + e.Outcome.Label() + ", going back on " + RenegeWords(e.Reneged)
			}
			return a.Company + " closed: " + e.Outcome.Label()
		},
		Ends: "the application is closed",
		Check: func(e Event) error {
			o, err := ParseOutcome(string(e.Outcome))
			if err == nil && len(e.Reneged) > 0 && o != Accepted {
				err = errors.New("only an acceptance goes back on another acceptance")
			}
			return fieldErr(FieldOutcome, err)
		},
		Apply: func(_ *Settings, a, next *Application, e *Event) error {
			if a.Closed() {
				return a.closedTo("outcome")
			}
			e.Outcome, _ = ParseOutcome(string(e.Outcome))
			next.Outcome = e.Outcome
			return nil
		},
		Log: &LogSpec{Label: "outcome",
			Help:   "the application closed with that outcome",
			Fields: []Field{FieldOutcome}}},
	{Kind: EvDone, Global: true, Check: needsPrompt,
		Words:  func(a *Application, e Event) string { return "marked done: " + a.promptWords(e.Prompt) },
		Logged: func(a *Application, e Event) string { return a.promptWords(e.Prompt) + " for " + a.Company + " done" }},
	{Kind: EvDismiss, Global: true, Check: needsPrompt,
		Words: func(a *Application, e Event) string { return "dismissed: " + a.promptWords(e.Prompt) },
		Logged: func(a *Application, e Event) string {
			return a.promptWords(e.Prompt) + " for " + a.Company + " dismissed"
		}},
	{Kind: EvSnooze, Global: true,
		Words: func(a *Application, e Event) string {
			return "snoozed " + a.promptWords(e.Prompt) + " to " + e.Until.Short()
		},
		Logged: func(a *Application, e Event) string {
			return a.promptWords(e.Prompt) + " for " + a.Company + " snoozed to " + e.Until.Short()
		},
		Check: func(e Event) error {
			if e.Prompt == "" || e.Until.IsZero() {
				return errors.New("a snooze needs the prompt it is about and the day it comes back")
			}
			return nil
		}},
	{Kind: EvEdit,
		Words:  func(*Application, Event) string { return "details edited" },
		Logged: func(a *Application, _ Event) string { return a.Company + " edited" }},
	{Kind: EvTold,
		Words:  toldWords,
		Logged: toldWords,
		Check: func(e Event) error {
			if len(e.Told) == 0 {
				return errors.New("a told event needs the offers the company was told about")
			}
			for _, t := range e.Told {
				if err := checkLen("", "told: company", t.Company, MaxNameLen); err != nil {
					return err
				}
			}
			return nil
		}},
	{Kind: EvReopen,
		Words:  func(*Application, Event) string { return "reopened" },
		Logged: func(a *Application, _ Event) string { return a.Company + " reopened" },
		Ends:   "the application is open again",
		Apply: func(_ *Settings, a, next *Application, _ *Event) error {
			if !a.Closed() {
				return fmt.Errorf("%s is open already: nothing to reopen", a.Company)
			}
			next.Outcome = Open
			return nil
		},
		Log: &LogSpec{Words: []string{"reopen"}, Label: "reopen",
			Help: "a closed application is open again (the company came back): it returns to waiting at its last stage. A closed application takes no offer, stage, news or outcome until it is reopened"}},
}

// EventKinds lists every kind, in the order people meet them.
var EventKinds = eventKindList()

func eventKindList() []EventKind {
	out := make([]EventKind, len(eventKinds))
	for i, k := range eventKinds {
		out[i] = k.Kind
	}
	return out
}

// EventSpecs returns the event kinds' table, in the order people meet
// them; the entries are the table's own, to read.
func EventSpecs() []EventSpec { return eventKinds }

// Spec is k's entry in the table; ok is false for a kind it does not hold.
func (k EventKind) Spec() (*EventSpec, bool) {
	for i := range eventKinds {
		if eventKinds[i].Kind == k {
			return &eventKinds[i], true
		}
	}
	return nil, false
}

// AddEventKind adds a kind to the table and returns the function that
// takes it out again (for tests). It is for start-up only: the tables are
// read without locks.
func AddEventKind(k EventSpec) (remove func(), err error) {
	if _, ok := k.Kind.Spec(); ok || k.Kind == "" || k.Words == nil || k.Logged == nil {
		return nil, fmt.Errorf("event kind %q: taken, empty, or without its words", k.Kind)
	}
	eventKinds = append(eventKinds[:len(eventKinds):len(eventKinds)], k)
	EventKinds = eventKindList()
	return func() {
		eventKinds = slices.DeleteFunc(slices.Clone(eventKinds), func(x EventSpec) bool { return x.Kind == k.Kind })
		EventKinds = eventKindList()
	}, nil
}

// LogWords lists the command line's words for every kind logged by hand,
// in the table's order: the words completion offers and help lists.
func LogWords() []string {
	var out []string
	for _, k := range eventKinds {
		if k.Log != nil {
			out = append(out, k.Log.words()...)
		}
	}
	return out
}

// words are the command line's words for the kind: its own, or the
// outcomes for the kind that closes an application.
func (l *LogSpec) words() []string {
	if !l.Takes(FieldOutcome) {
		return l.Words
	}
	out := make([]string, len(Outcomes))
	for i, o := range Outcomes {
		out[i] = strings.ReplaceAll(string(o), "_", "-")
	}
	return out
}

// HelpWords is the kind's words as help lists them: "accepted, declined".
func (l *LogSpec) HelpWords() string { return strings.Join(l.words(), ", ") }

// LogKindOf finds the kind a command line word logs ("thanks", "follow-up",
// "no-answer"); for an outcome word, outcome is the outcome it names.
func LogKindOf(word string) (spec *EventSpec, outcome Outcome, ok bool) {
	word = strings.ToLower(strings.TrimSpace(word))
	for i := range eventKinds {
		l := eventKinds[i].Log
		if l == nil {
			continue
		}
		if slices.Contains(l.Words, word) || slices.Contains(l.Aliases, word) {
			return &eventKinds[i], "", true
		}
		if l.Takes(FieldOutcome) {
			if o, err := ParseOutcome(word); err == nil {
				return &eventKinds[i], o, true
			}
		}
	}
	return nil, "", false
}

// Logged says what logging e on a did, for a status line ("offer from
// Acme"); a is the application before the event. The words are not
// cleaned for a terminal.
func Logged(a *Application, e Event) string {
	if s, ok := e.Kind.Spec(); ok {
		return s.Logged(a, e)
	}
	return string(e.Kind) + " for " + a.Company
}

// Check refuses an event that is wrong whatever the application it goes
// to: an unknown kind, a time or date outside the years afterview keeps, a
// text too long or not UTF-8, an offer with impossible terms, or what the
// kind itself requires (Apply checks the same, and what the application's
// state adds). The store checks every event it is given with it.
func (e Event) Check() error {
	s, ok := e.Kind.Spec()
	if !ok {
		return fmt.Errorf("unknown event kind %q", shorten(string(e.Kind)))
	}
	if e.At.IsZero() {
		return errors.New("the event has no time")
	}
	if y := e.At.Year(); y < MinYear || y > MaxYear {
		return fieldErr(FieldWhen, fmt.Errorf("event date %s is outside the years %d to %d", e.At.Format("2006-01-02"), MinYear, MaxYear))
	}
	if err := errors.Join(checkLen(FieldPerson, "person", e.Person, MaxNameLen), checkLen(FieldNote, "note", e.Note, MaxNoteLen)); err != nil {
		return err
	}
	// A prompt key is a kind and a person's name or a date.
	if n := utf8.RuneCountInString(e.Prompt); n > MaxPromptKeyLen {
		return fmt.Errorf("prompt: %d characters is too long for a prompt key (at most %d)", n, MaxPromptKeyLen)
	}
	for _, f := range []struct{ name, text string }{{"prompt", e.Prompt}, {"stage", e.Stage}} {
		if !utf8.ValidString(f.text) {
			return fmt.Errorf("%s: not valid UTF-8 text", f.name)
		}
	}
	for _, d := range []struct {
		name string
		date Date
	}{{"snoozed until", e.Until}, {"promised date", e.Expect}} {
		if !d.date.IsZero() && (d.date.Year < MinYear || d.date.Year > MaxYear) {
			return fmt.Errorf("%s %s is outside the years %d to %d", d.name, d.date, MinYear, MaxYear)
		}
	}
	if e.Offer != nil {
		if err := e.Offer.Validate(); err != nil {
			return fmt.Errorf("offer: %s", strings.Join(strings.Fields(err.Error()), " "))
		}
	}
	if s.Check != nil {
		return s.Check(e)
	}
	return nil
}

// CheckGlobal is Check for an event about no application: only the kinds
// marked Global may stand on their own.
func (e Event) CheckGlobal() error {
	if s, ok := e.Kind.Spec(); ok && !s.Global {
		var global []string
		for _, k := range eventKinds {
			if k.Global {
				global = append(global, string(k.Kind))
			}
		}
		return fmt.Errorf("a %q event cannot stand on its own: only %s events about a prompt belong to no application", e.Kind, joinOr(global, "and"))
	}
	return e.Check()
}

// joinOr joins words as people list them: "a, b and c".
func joinOr(words []string, last string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " " + last + " " + words[len(words)-1]
}

// MaxPromptKeyLen bounds a prompt key: a kind, a colon and a name.
const MaxPromptKeyLen = MaxNameLen + 50

// shorten cuts text from a file for a message: a hostile import must not
// fill the screen.
func shorten(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// SameEvent reports whether two events record the same thing: the same
// kind at the same instant with the same details. People cannot do one
// thing twice in the same nanosecond, so such an event is a retry of the
// first, which the store keeps once.
func SameEvent(a, b Event) bool {
	if a.Kind != b.Kind || !a.At.Equal(b.At) || a.Person != b.Person || a.Stage != b.Stage ||
		a.Outcome != b.Outcome || a.Note != b.Note || a.Prompt != b.Prompt || a.Until != b.Until ||
		a.Expect != b.Expect || !slices.Equal(a.Told, b.Told) || !slices.Equal(a.Reneged, b.Reneged) || (a.Offer == nil) != (b.Offer == nil) {
		return false
	}
	if a.Offer == nil {
		return true
	}
	x, y := *a.Offer, *b.Offer
	if !x.Received.Equal(y.Received) || !slices.Equal(x.VestSchedule, y.VestSchedule) {
		return false
	}
	x.Received, y.Received, x.VestSchedule, y.VestSchedule = time.Time{}, time.Time{}, nil, nil
	return reflect.DeepEqual(x, y)
}

func needsPrompt(e Event) error {
	if e.Prompt == "" {
		return fmt.Errorf("a %s event needs the prompt it is about", e.Kind)
	}
	return nil
}

// toldWords says which offers a company was told about.
func toldWords(a *Application, e Event) string {
	names := make([]string, len(e.Told))
	for i, t := range e.Told {
		names[i] = t.Company
	}
	what := "the " + names[0] + " offer"
	if len(names) > 1 {
		what = "the " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " offers"
	}
	return fmt.Sprintf("told %s about %s", a.Company, what)
}

// closedTo refuses what (an offer, a stage, news, an outcome) on a closed
// application.
func (a *Application) closedTo(what string) error {
	return &ClosedError{Company: a.Company, Outcome: a.Outcome, What: what}
}

func applyStage(s *Settings, a, next *Application, e *Event) error {
	st, err := next.Template(s).LookupStage(e.Stage)
	if err != nil {
		return fieldErr(FieldStage, err)
	}
	if a.Closed() {
		if a.Outcome != Accepted {
			return a.closedTo("stage")
		}
		if last := lastOfferStage(a.Template(s)); next.Template(s).StageIndex(st.Name) <= last {
			return fmt.Errorf("%s: the offer is accepted; only the stages after it (%s) can follow", a.Company, strings.Join(a.Template(s).StageNames()[last+1:], ", "))
		}
	}
	e.Stage = st.Name
	// History is in date order (DOMAIN rule 13): a stage logged afterwards
	// with an earlier date fills in the history and leaves the current
	// stage alone.
	if !e.At.Before(a.stageSetAt()) {
		next.Stage = st.Name
		// A stage where an offer is on the table means an offer arrived,
		// even when its terms are not logged yet: rules 6 and 7 (deadline,
		// competing offers) apply from here.
		if st.Offer && next.Offer == nil {
			next.Offer = &Offer{Received: e.At}
		}
	}
	return nil
}

func applyOffer(s *Settings, a, next *Application, e *Event) error {
	if a.Closed() {
		return a.closedTo("offer")
	}
	var rev Offer
	if e.Offer != nil {
		rev = *e.Offer
	}
	var cur Offer
	if a.Offer != nil {
		cur = *a.Offer
	}
	if rev.Received.IsZero() {
		// When this revision came; the offer keeps the first one's.
		rev.Received = e.At
	}
	o := cur.Revised(rev)
	if a.Offer != nil && o.SameTerms(a.Offer) {
		return ErrOfferUnchanged
	}
	if !rev.Deadline.IsZero() && rev.Deadline.Before(DateOf(o.Received)) {
		return fmt.Errorf("deadline %s is before the offer itself (%s): check the date", rev.Deadline.Short(), DateOf(o.Received).Short())
	}
	e.Offer = &rev
	next.Offer = &o
	// An offer moves the application to its template's first offer stage
	// unless it is already in or past one, or a later-dated stage says
	// where it stands.
	if t := next.Template(s); !e.At.Before(a.stageSetAt()) {
		if i := firstOfferStage(t); i >= 0 && next.StageIndex(s) < i {
			next.Stage = t.Stages[i].Name
		}
	}
	return nil
}
