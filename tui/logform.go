package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"afterview/stages"
)

// logKind is the kind of event a log form records; its entry in the
// event kinds' table (stages.EventSpec.Log) says what the form shows.
type logKind = stages.EventKind

// logSpec is how kind k is logged by hand (nil: never by hand).
func logSpec(k logKind) *stages.LogSpec {
	if s, ok := k.Spec(); ok {
		return s.Log
	}
	return nil
}

// bonusPercent is a bonus typed as a percentage of base ("15%").
type bonusPercent float64

// logFields says which detail of a log kind each field is (stages.LogSpec's
// Fields): the kinds that take it show it. The kind, the time and the note
// show always.
var logFields = map[string]stages.Field{
	"stage":    stages.FieldStage,
	"outcome":  stages.FieldOutcome,
	"person":   stages.FieldPerson,
	"base":     stages.FieldOffer,
	"bonus":    stages.FieldOffer,
	"stock":    stages.FieldOffer,
	"vest":     stages.FieldOffer,
	"signon":   stages.FieldOffer,
	"currency": stages.FieldOffer,
	"deadline": stages.FieldDeadline,
	"promised": stages.FieldPromised,
}

// newLogForm opens the form that logs an event on a; kind is preselected and
// notePrompt, when set, is the question the note field asks (reflect).
func newLogForm(c *programContext, a *stages.Application, kind logKind, notePrompt string) *form {
	now := c.now()
	loc := now.Location()
	f := &form{kind: formLog, appID: a.ID, title: "Log an event · " + sanitize(a.Company), logKind: kind}

	t := a.Template(c.settings)
	nextStage := min(a.StageIndex(c.settings)+1, len(t.Stages)-1)
	outcomes := make([]option, len(stages.Outcomes))
	for i, o := range stages.Outcomes {
		outcomes[i] = option{o.Label(), o}
	}
	outcome := stages.Rejected // the usual news when it is not an offer
	if a.Offer != nil {
		outcome = stages.Accepted
	}
	// The person a thank-you most likely went to: the first not thanked yet.
	person := ""
	people := a.People()
	for _, p := range people {
		if !a.Thanked(p, loc) {
			person = p
			break
		}
	}
	// A closed application takes no news until it is reopened: the form
	// opens on that choice.
	if a.Closed() && kind == stages.EvHeard {
		kind = stages.EvReopen
		f.logKind = kind
	}
	// Reopening is a choice only where there is something to reopen.
	var kinds []option
	for _, k := range stages.EventSpecs() {
		if k.Log != nil && (k.Kind != stages.EvReopen || a.Closed()) {
			kinds = append(kinds, option{k.Log.Label, k.Kind})
		}
	}
	currency := "USD"
	// The offer form opens on the current terms: what is typed over them is
	// the revision.
	cur := offerText{vest: "4"}
	if a.Offer != nil {
		cur = offerFields(a.Offer)
		if a.Offer.Currency != "" {
			currency = a.Offer.Currency
		}
	}
	noteHint := "Optional: what was said."
	notePlaceholder := "optional"
	if notePrompt != "" {
		noteHint, notePlaceholder = notePrompt, notePrompt
	}
	peopleHint := "Who the thank-you went to."
	if len(people) > 0 {
		peopleHint += " → completes a name: " + strings.Join(people, ", ")
	}
	f.fields = []field{
		choiceField("kind", "What happened", "←/→ chooses what happened; the fields below follow.", kinds, kind),
		choiceField("stage", "Stage", "The stage the company moved you to.", stringOptions(t.StageNames()), t.Stages[nextStage].Name),
		choiceField("outcome", "Outcome", "How it ended: this closes the application.", outcomes, outcome),
		newField(c, "person", "To", person, "name", peopleHint, stages.MaxNameLen+50),
		newField(c, "base", "Base salary", cur.base, "e.g. 180000 or 180k; empty if not known yet", "Yearly base salary, whole units; leave it empty for a verbal offer with numbers to follow.", 20),
		newField(c, "bonus", "Bonus", cur.bonus, "e.g. 27000 or 15%", "Yearly bonus: an amount, or a percentage of base like 15%.", 20),
		newField(c, "stock", "Stock", cur.stock, "e.g. 100000", "The whole stock grant's value.", 20),
		newField(c, "vest", "Vesting years", cur.vest, "years", "How many years the stock vests over.", 3),
		newField(c, "signon", "Sign-on", cur.signOn, "optional", "A one-time sign-on bonus.", 20),
		newField(c, "currency", "Currency", currency, "USD", "Three letters, like USD, EUR, GBP.", 3),
		dateField(c, "deadline", "Answer by", cur.deadline, "e.g. fri 17:00", "The offer's response deadline, with its time if the company gave one (fri, fri 17:00, 4 Dec 5pm); empty means none given yet (afterview counts a week, and says so).", whenDeadline, stages.LeanFuture),
		dateField(c, "promised", "Promised by", "", "e.g. fri, optional", "A new date the recruiter said you would hear by, if any (fri, in 5 days, 4 Dec).", whenDay, stages.LeanFuture),
		dateField(c, "when", "When", now.Format(dateTimeLayout), "e.g. today 3pm", "When it happened: now unless you change it; yesterday 15:00, fri 10am, 2026-11-28 15:00.", whenMoment, stages.LeanPast),
		newField(c, "note", "Note", "", notePlaceholder, noteHint, stages.MaxNoteLen),
	}
	f.field("person").input.ShowSuggestions = true
	f.field("person").input.SetSuggestions(people)
	f.field("person").parse = checked(func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("person: say who the thank-you went to")
		}
		// A name that fits two people must say which; one that fits no one
		// is someone not listed (a coordinator, say), and is fine.
		if _, err := stages.MatchPerson(people, s); err != nil {
			if pe, ok := err.(*stages.PersonError); ok && len(pe.Matches) > 1 {
				return fmt.Errorf("person: %w", err)
			}
		}
		return nil
	})
	for _, k := range []string{"base", "bonus", "stock", "signon"} {
		f.field(k).parse = parseAmount(f.field(k).label)
	}
	bonusAmount := f.field("bonus").parse
	f.field("bonus").parse = func(s string) (any, error) {
		if !strings.HasSuffix(strings.TrimSpace(s), "%") {
			return bonusAmount(s)
		}
		p, err := stages.ParsePercent(s)
		if err != nil {
			return nil, fmt.Errorf("bonus: %w", err)
		}
		return bonusPercent(p), nil
	}
	f.field("vest").parse = func(s string) (any, error) {
		n, err := parseYears(s)
		if err != nil {
			return nil, err
		}
		return n, nil
	}
	f.field("currency").parse = checked(func(s string) error {
		s = strings.TrimSpace(s)
		if s == "" {
			return nil
		}
		if len(s) != 3 || strings.ToUpper(s) != strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
				return r
			}
			return -1
		}, strings.ToUpper(s)) {
			return fmt.Errorf("currency: %q is not a currency code: use three letters like USD", s)
		}
		return nil
	})
	// A counter's terms are typed over the offer's: the hints say so.
	for _, k := range []string{"base", "bonus", "stock", "vest", "signon", "currency"} {
		f.field(k).kindHint = map[stages.EventKind]string{stages.EvCounter: "Your counter: type the terms you ask for over the offer's; a term left as offered is not part of it."}
	}
	f.field("deadline").parse = optional(func(s string) (*stages.Offer, error) {
		// The day and its time of day, as an offer holds them.
		d, clock, err := stages.ParseDeadline(s, c.now(), stages.LeanFuture)
		if err != nil {
			return nil, fmt.Errorf("answer by: %w", err)
		}
		return &stages.Offer{Deadline: d, DeadlineTime: clock}, nil
	})
	f.field("promised").parse = parseDay(c, stages.LeanFuture)
	moment := parseMoment(c, stages.LeanPast)
	f.field("when").parse = func(s string) (any, error) {
		if strings.TrimSpace(s) == "" {
			return nil, fmt.Errorf("when: a date is needed, like %s", now.Format(dateTimeLayout))
		}
		return moment(s)
	}
	f.field("note").parse = checked(func(s string) error {
		if l := logSpec(f.logKind); l != nil && l.Needs == stages.FieldNote && strings.TrimSpace(s) == "" {
			return fmt.Errorf("note: write something, or esc to cancel")
		}
		return nil
	})
	f.showLogFields(c)
	// Open on the field that matters most for the kind.
	if l := logSpec(kind); l != nil {
		switch {
		case l.Needs == stages.FieldNote:
			f.focus = fieldIndex(f, "note")
		case l.Takes(stages.FieldOutcome):
			f.focus = fieldIndex(f, "outcome")
		}
	}
	f.focusCmd()
	return f
}

func fieldIndex(f *form, key string) int {
	for i := range f.fields {
		if f.fields[i].key == key {
			return i
		}
	}
	return 0
}

// showLogFields shows the fields the chosen kind of event needs, and warns
// about a second follow-up.
func (f *form) showLogFields(c *programContext) {
	l := logSpec(f.logKind)
	for i := range f.fields {
		fl := &f.fields[i]
		if detail, ok := logFields[fl.key]; ok {
			fl.hidden = l == nil || !l.Takes(detail)
		}
	}
	f.warn = ""
	if f.logKind == stages.EvFollowUp && c.data != nil {
		if a, ok := c.data.app(f.appID); ok && a.CheckFollowUp() != nil {
			f.warn = "A follow-up is already out and the company has not answered since. One is enough: more can hurt. Save anyway only if you really sent another."
		}
	}
}

// parseAmount reads an amount of money; empty is nil.
func parseAmount(what string) func(string) (any, error) {
	return optional(func(s string) (int64, error) {
		n, err := stages.ParseAmount(s)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", what, err)
		}
		return n, nil
	})
}

func parseYears(s string) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 10 {
		return 0, fmt.Errorf("vesting years: %q is not a number of years from 0 to 10", s)
	}
	return n, nil
}

// offerText is an offer's terms as the form shows them.
type offerText struct{ base, bonus, stock, vest, signOn, deadline string }

func offerFields(o *stages.Offer) offerText {
	amount := func(p *int64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatInt(*p, 10)
	}
	t := offerText{base: amount(o.Base), bonus: amount(o.Bonus), stock: amount(o.Stock), signOn: amount(o.SignOn)}
	if o.Bonus == nil && o.BonusPercent != nil {
		t.bonus = strconv.FormatFloat(*o.BonusPercent, 'f', -1, 64) + "%"
	}
	if o.VestYears > 0 {
		t.vest = strconv.Itoa(o.VestYears)
	}
	if !o.Deadline.IsZero() {
		t.deadline = o.Deadline.String()
		if o.DeadlineTime != "" {
			t.deadline += " " + o.DeadlineTime
		}
	}
	return t
}

// offerRevision is what the offer form says, as a revision of cur (nil for a
// first offer): only the terms typed and different from the current ones.
// A field left empty is a term not given.
func (f *form) offerRevision(cur *stages.Offer) *stages.Offer {
	if cur == nil {
		cur = &stages.Offer{}
	}
	o := &stages.Offer{}
	amount := func(key string, was *int64) *int64 {
		n, ok := f.parsed(key).(int64)
		if !ok || was != nil && *was == n {
			return nil
		}
		return &n
	}
	o.Base = amount("base", cur.Base)
	if b, ok := f.parsed("bonus").(bonusPercent); ok {
		if p := float64(b); cur.BonusPercent == nil || *cur.BonusPercent != p || cur.Bonus != nil {
			o.BonusPercent = &p
		}
	} else {
		o.Bonus = amount("bonus", cur.Bonus)
	}
	o.Stock = amount("stock", cur.Stock)
	o.SignOn = amount("signon", cur.SignOn)
	if y, _ := f.parsed("vest").(int); y != cur.VestYears && (y > 0 && (o.Stock != nil || cur.Stock != nil)) {
		o.VestYears = y
	}
	if c := strings.ToUpper(f.value("currency")); !strings.EqualFold(c, cur.Currency) && !(cur.Currency == "" && c == "USD" && cur.Known()) {
		o.Currency = c
	}
	if d, ok := f.parsed("deadline").(*stages.Offer); ok && logSpec(f.logKind).Takes(stages.FieldDeadline) && (d.Deadline != cur.Deadline || d.DeadlineTime != cur.DeadlineTime) {
		o.Deadline, o.DeadlineTime = d.Deadline, d.DeadlineTime
	}
	return o
}

// submitLog builds the event, tries it on a copy of the application so that
// mistakes show in the form, and saves it.
func (f *form) submitLog(c *programContext, st Store) (tea.Cmd, bool) {
	before, err := c.data.need(f.appID)
	if err != nil {
		f.err = err.Error()
		return nil, false
	}
	at, _ := f.parsed("when").(time.Time)
	expect, _ := f.parsed("promised").(stages.Date)
	e := stages.Event{At: at, Note: f.value("note"), Expect: expect}
	e.Kind = f.logKind
	l := logSpec(f.logKind)
	if l == nil {
		f.err = fmt.Sprintf("a %s event is not logged by hand", f.logKind)
		return nil, false
	}
	if l.Takes(stages.FieldStage) {
		e.Stage = f.chosen("stage").(string)
	}
	if l.Takes(stages.FieldOutcome) {
		e.Outcome = f.chosen("outcome").(stages.Outcome)
	}
	if l.Takes(stages.FieldOffer) {
		e.Offer = f.offerRevision(before.Offer)
	}
	if l.Takes(stages.FieldPerson) {
		e.Person = f.value("person")
		if p, err := stages.MatchPerson(before.People(), e.Person); err == nil {
			e.Person = p // "ana" is Ana Lopez, whose thank-you it answers
		}
	}
	if l.ToRecruiter {
		e.Person = before.Recruiter
	}
	if !l.Takes(stages.FieldPromised) {
		e.Expect = stages.Date{}
	}
	label := sanitize(stages.Logged(before, e))
	trial := before.Clone()
	if err := trial.Apply(c.settings, e); err != nil {
		f.showErrors(err)
		return nil, false
	}
	if e.Kind == stages.EvOutcome && e.Outcome == stages.Accepted {
		// Accepting while another offer is accepted is reneging (rule
		// 17): ask first, naming that acceptance; yes records it.
		if e.Reneged = stages.Reneges(before, c.data.apps); len(e.Reneged) > 0 {
			yes := logCmd(st, c.settings, *before, e, sanitize(stages.Logged(before, e))+" logged", true)
			q := confirm{
				question: fmt.Sprintf("You already accepted %s. Accept %s's too, going back on that? (y/n)",
					truncate(sanitize(stages.RenegedOffers(e.Reneged)), 40), truncate(sanitize(before.Company), 30)),
				yes: yes,
				no:  "not accepted: nothing saved",
			}
			return func() tea.Msg { return askMsg{q} }, true
		}
	}
	return logCmd(st, c.settings, *before, e, label+" logged", true), true
}
