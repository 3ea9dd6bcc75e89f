package cli

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/agenda"
	"afterview/stages"
	"afterview/store"
)

// logOptions are log's flags.
type logOptions struct {
	at, to, stage, note, expect string
	force, isNew, renege        bool
	base, stock, signOn         amountFlag
	bonus                       bonusFlag
	bonusPct                    percentFlag
	vestYears                   int
	vest, currency, deadline    string
}

func (e *env) newLogCommand() *cobra.Command {
	o := &logOptions{}
	return e.newCommand(spec{
		use:     "log ID KIND [options]",
		summary: "log what happened: " + logSummary(),
		long:    logLong(),
		after:   datesHelp,
		flags: func(f *pflag.FlagSet) {
			f.StringVar(&o.at, "at", "", "when it happened (default: now), e.g. \"yesterday 15:00\", \"fri 10am\",\n2026-11-20 or 2026-11-20T15:00")
			valueName(f, "at", "WHEN")
			f.StringVar(&o.to, "to", "", "the person a thank-you went to (--new: someone not listed yet)")
			valueName(f, "to", "NAME")
			f.BoolVar(&o.isNew, "new", false, "with --to: someone the application does not list yet (they are added)")
			f.StringVar(&o.stage, "stage", "", "the stage moved to")
			valueName(f, "stage", "NAME")
			f.StringVar(&o.note, "note", "", "what was said or what you noted")
			valueName(f, "note", "TEXT")
			f.StringVar(&o.expect, "expect", "", "the date the company now promises an answer by")
			valueName(f, "expect", "DATE")
			f.BoolVar(&o.force, "force", false, "log a second follow-up anyway")
			f.BoolVar(&o.renege, "renege", false, "accepted: go back on an offer you accepted elsewhere (it is refused without)")
			f.Var(&o.base, "base", "offer: the yearly base salary; amounts as you write them:\n180000, 180,000, $180,000, 180k")
			valueName(f, "base", "N")
			f.Var(&o.bonus, "bonus", "offer: the yearly bonus; 15% is a percentage of base")
			valueName(f, "bonus", "N|P%")
			f.Var(&o.bonusPct, "bonus-pct", "offer: the yearly bonus as a percentage of base")
			valueName(f, "bonus-pct", "P")
			f.Var(&o.stock, "stock", "offer: the stock grant's total value")
			valueName(f, "stock", "N")
			f.IntVar(&o.vestYears, "vest-years", 0, "offer: the years the stock vests over, evenly")
			valueName(f, "vest-years", "N")
			f.StringVar(&o.vest, "vest", "", "offer: the yearly vesting percentages")
			valueName(f, "vest", "5/15/40/40")
			f.Var(&o.signOn, "sign-on", "offer: the sign-on bonus")
			valueName(f, "sign-on", "N")
			f.StringVar(&o.currency, "currency", "", "offer: the currency")
			valueName(f, "currency", "USD")
			f.StringVar(&o.deadline, "deadline", "", "offer: the day to answer by, and its time if the company gave one:\nfri, \"fri 17:00\", \"2026-11-25 17:00\"")
			valueName(f, "deadline", "WHEN")
		},
		complete: e.completeID("kind"),
		run:      func(args []string) error { return cmdLog(e, o, args) },
	})
}

// logLong is log's help: the kinds as their table (stages.EventSpecs)
// says them, each word and what it means, wrapped under the word.
func logLong() string {
	var b strings.Builder
	b.WriteString("Logs what happened on application ID.\n\nKinds:")
	for _, k := range stages.EventSpecs() {
		if k.Log == nil {
			continue
		}
		words := k.Log.HelpWords()
		lines := wrapWords(k.Log.Help, 62)
		if len(words) > 10 {
			fmt.Fprintf(&b, "\n  %s", words)
		} else {
			fmt.Fprintf(&b, "\n  %-10s  %s", words, lines[0])
			lines = lines[1:]
		}
		for _, l := range lines {
			fmt.Fprintf(&b, "\n              %s", l)
		}
	}
	return b.String()
}

// wrapWords breaks text into lines of at most width characters, at spaces.
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case len(line)+1+len(w) > width:
			lines = append(lines, line)
			line = w
		default:
			line += " " + w
		}
	}
	return append(lines, line)
}

func cmdLog(e *env, o *logOptions, pos []string) error {
	var err error
	if len(pos) < 2 || len(pos) > 3 {
		return usageErr("log needs an application id and a kind, e.g. afterview log 3 thanks --to \"Ana Lopez\"\nRun 'afterview log --help' for the kinds")
	}
	id, err := parseID(pos[0])
	if err != nil {
		return err
	}
	kind := strings.ToLower(pos[1])
	extra := ""
	if len(pos) == 3 {
		extra = pos[2]
	}
	now := e.now()
	ev := stages.Event{At: now, Note: strings.TrimSpace(o.note)}
	if o.at != "" {
		if ev.At, err = e.parseMoment("--at", o.at, stages.LeanPast); err != nil {
			return err
		}
		if stages.DateOf(ev.At).After(stages.DateOf(now)) {
			return usageErr("--at %s is in the future: log things once they have happened", o.at)
		}
	}
	if o.expect != "" {
		if ev.Expect, err = e.parseDay("--expect", o.expect, stages.LeanFuture); err != nil {
			return err
		}
	}
	spec, outcome, ok := stages.LogKindOf(kind)
	if !ok {
		return usageErr("unknown kind %q: choose one of %s", pos[1], strings.Join(stages.LogWords(), ", "))
	}
	ev.Kind = spec.Kind
	l := spec.Log
	if l.Takes(stages.FieldPerson) {
		ev.Person = strings.TrimSpace(o.to)
		if ev.Person == "" {
			ev.Person = extra
		}
	}
	if l.Takes(stages.FieldStage) {
		ev.Stage = strings.TrimSpace(o.stage)
		if ev.Stage == "" {
			ev.Stage = extra
		}
	}
	if l.Takes(stages.FieldOutcome) {
		ev.Outcome = outcome
	}
	if o.deadline != "" && !l.Takes(stages.FieldDeadline) {
		if l.Takes(stages.FieldOffer) {
			return usageErr("log %s takes no --deadline: it asks for terms, not time. To ask for more time, say so in --note", l.Words[0])
		}
		return usageErr("--deadline goes with an offer: afterview log %d offer --deadline \"fri 17:00\"", id)
	}
	if l.Takes(stages.FieldOffer) {
		if ev.Offer, err = e.offerOf(o); err != nil {
			return err
		}
	}
	if l.Needs == stages.FieldNote && ev.Note == "" {
		ev.Note = strings.TrimSpace(extra)
	}
	if (l.Needs == stages.FieldStage && ev.Stage == "") || (l.Needs == stages.FieldNote && ev.Note == "") {
		return usageErr("log %s needs the %s, e.g. afterview log %d %s %s", l.Words[0], l.Needs, id, l.Words[0], l.Example)
	}

	st, err := e.openStore()
	if err != nil {
		return err
	}
	app, err := st.Get(id)
	if err != nil {
		return err
	}
	if ev.Kind == stages.EvThanks {
		people, added, err := thankees(&app, ev.Person, o.isNew, now.Location())
		if err != nil {
			return err
		}
		if added {
			ev.Person = people[0]
			if app, err = st.Update(id, func(a *stages.Application) error {
				a.Interviewers = append(a.Interviewers, ev.Person)
				return a.Apply(e.settings(), ev)
			}); err != nil {
				return inputErr(fmt.Sprintf("%s (#%d)", clean(app.Company), id), err)
			}
			fmt.Fprintf(e.stdout, "Logged: thank-you to %s, now listed with %s (#%d)%s.\n", clean(ev.Person), clean(app.Company), id, e.resolved(ev, o.at != ""))
			return nil
		}
		// One transaction for everyone: all are logged or none.
		events := make([]stages.Event, len(people))
		for i, p := range people {
			events[i] = ev
			events[i].Person = p
		}
		updated, err := st.LogEvents(id, events, nil)
		if err != nil {
			return logErr(&app, err)
		}
		for _, p := range people {
			fmt.Fprintf(e.stdout, "Logged: thank-you to %s, %s (#%d)%s.\n", clean(p), clean(app.Company), id, e.resolved(ev, o.at != ""))
		}
		e.sayEnded(st, &app, &updated, events...)
		return nil
	}
	if o.renege && (ev.Kind != stages.EvOutcome || ev.Outcome != stages.Accepted) {
		return usageErr("--renege goes with an acceptance: afterview log %d accepted --renege", id)
	}
	// Checked inside the write's transaction: two commands at once must
	// not both see no follow-up and both log one, nor both accept.
	accept := acceptGuard(st, now.Location(), o.renege, fmt.Sprintf("afterview log %d accepted --renege", id))
	guard := func(tx *store.Tx, a *stages.Application, events []stages.Event) error {
		if ev.Kind == stages.EvFollowUp && !o.force {
			if err := a.CheckFollowUp(); err != nil {
				f, _ := a.PendingFollowUp()
				return usageErr("%s (#%d): a follow-up was already sent on %s and the company has not answered since.\nOne is enough: more can hurt. To log another anyway, add --force", clean(a.Company), id, stages.DateOf(f.At).Short())
			}
		}
		return accept(tx, a, events)
	}
	updated, err := st.LogEventsSeeing(id, []stages.Event{ev}, guard)
	if err != nil {
		return logErr(&app, err)
	}
	ev = updated.Events[len(updated.Events)-1] // as stored: an acceptance names what it reneges on
	text := describeEntry(stages.TimelineEntry{Event: ev, Text: updated.EventText(len(updated.Events) - 1)})
	fmt.Fprintf(e.stdout, "Logged: %s, %s (#%d)%s.\n", clean(text), clean(updated.Company), id, e.resolved(ev, o.at != ""))
	e.sayEnded(st, &app, &updated, ev)
	if ev.Kind == stages.EvOffer && ev.Offer != nil && deadlinePassed(ev.Offer, now) {
		fmt.Fprintf(e.stderr, "afterview: warning: the deadline %s has already passed; it is kept as the company's, and never quoted to another company.\n", ev.Offer.DeadlineWords())
	}
	if ev.Kind == stages.EvStage && updated.PastOffer(e.settings()) && app.OfferOpen(e.settings()) && !updated.Closed() {
		fmt.Fprintf(e.stdout, "Moving past the offer means you answered it. If you accepted, log it: afterview log %d accepted\n", id)
	}
	if ev.Kind == stages.EvStage && updated.Stage != ev.Stage {
		fmt.Fprintf(e.stdout, "It is dated before the current stage (%s), so it fills in the history; the application stays there.\n", clean(updated.Stage))
	}
	return nil
}

// deadlinePassed reports whether the deadline the company gave is behind
// now: its day is over, or, given with a time of day, that time has gone.
func deadlinePassed(o *stages.Offer, now time.Time) bool {
	if o.Deadline.IsZero() {
		return false
	}
	if at, ok := o.DeadlineAt(now.Location()); ok {
		return at.Before(now)
	}
	return o.Deadline.Before(stages.DateOf(now))
}

// sayEnded names the to-dos of the application that logging events ended
// without doing them, as the UI's status line does: "2 thank-yous for
// Datadog lapsed: the company answered."
//
// The heads-ups name the user's references (rule 5), read from st; a
// failed read leaves them out of these words, never fails the log, which
// is written already.
func (e *env) sayEnded(st *agenda.Agenda, before, after *stages.Application, events ...stages.Event) {
	refs, _ := st.References()
	if w := stages.EndedWords(clean(after.Company), stages.NewEngine(e.settings(), e.now().Location()).WithReferences(refs).Ended(before, after, e.now(), events...), events...); w != "" {
		fmt.Fprintf(e.stdout, "%s.\n", w)
	}
}

// offerOf is the offer (or the revision) log's flags give: only the terms
// given are part of it; a term left out is unknown, or keeps its earlier
// value.
func (e *env) offerOf(o *logOptions) (*stages.Offer, error) {
	offer := &stages.Offer{Base: o.base.p, Bonus: o.bonus.amount, BonusPercent: o.bonus.percent, Stock: o.stock.p, VestYears: o.vestYears,
		SignOn: o.signOn.p, Currency: strings.ToUpper(strings.TrimSpace(o.currency))}
	if o.bonusPct.p != nil {
		offer.BonusPercent = o.bonusPct.p
	}
	var err error
	if o.vest != "" {
		if offer.VestSchedule, err = parseSchedule(o.vest); err != nil {
			return nil, usageErr("--vest: %v", err)
		}
	}
	if o.deadline != "" {
		if offer.Deadline, offer.DeadlineTime, err = stages.ParseDeadline(o.deadline, e.now(), stages.LeanFuture); err != nil {
			return nil, usageErr("--deadline: %v", err)
		}
	}
	return offer, nil
}

// logErr explains a refused event on application a, with the way out when
// there is one.
func logErr(a *stages.Application, err error) error {
	var closed *stages.ClosedError
	if errors.As(err, &closed) {
		return usageErr("%s (#%d): %s.\nIf they came back, reopen it first: afterview log %d reopen", clean(a.Company), a.ID, clean(err.Error()), a.ID)
	}
	return inputErr(fmt.Sprintf("%s (#%d)", clean(a.Company), a.ID), err)
}

// resolved says the dates the flags were read as, so "--at fri" shows which
// Friday was meant: " on Fri 27 Nov 10:00; answer by Fri 4 Dec".
func (e *env) resolved(ev stages.Event, atGiven bool) string {
	var parts []string
	if atGiven {
		parts = append(parts, "on "+stages.DescribeWhen(ev.At, e.now()))
	}
	if ev.Offer != nil && !ev.Offer.Deadline.IsZero() {
		by := "answer by " + stages.DescribeDay(ev.Offer.Deadline, e.now())
		if ev.Offer.DeadlineTime != "" {
			by += " " + ev.Offer.DeadlineTime
		}
		parts = append(parts, by)
	}
	if len(parts) == 0 {
		return ""
	}
	return ", " + strings.Join(parts, "; ")
}

// thankees resolves --to: a named person (full name, first name or the
// start of a name), or "all" for everyone not yet thanked (thank-yous dated
// in loc). A name that fits no one is refused, listing the people, unless
// isNew says it is someone not listed; then added is true.
func thankees(a *stages.Application, to string, isNew bool, loc *time.Location) (people []string, added bool, err error) {
	listed := a.People()
	if strings.EqualFold(strings.TrimSpace(to), "all") {
		out := a.Unthanked(loc)
		if len(out) == 0 {
			return nil, false, usageErr("everyone at %s (#%d) has been thanked already", clean(a.Company), a.ID)
		}
		return out, false, nil
	}
	to = strings.TrimSpace(to)
	if to == "" {
		if len(listed) == 0 {
			return nil, false, usageErr("log thanks needs --to NAME: the person you thanked (with --new, as the application lists no one)")
		}
		return nil, false, usageErr("log thanks needs --to NAME: one of %s, or --to all", clean(strings.Join(listed, ", ")))
	}
	if n := len([]rune(to)); n > stages.MaxNameLen {
		return nil, false, usageErr("%s (#%d): person: %d characters is too long for a name (at most %d)", clean(a.Company), a.ID, n, stages.MaxNameLen)
	}
	p, err := stages.MatchPerson(listed, to)
	if err == nil && (!isNew || strings.EqualFold(p, to)) {
		return []string{p}, false, nil
	}
	if isNew {
		// Someone not on the list (a coordinator, say): thanked, and listed
		// from now on.
		return []string{to}, true, nil
	}
	return nil, false, usageErr("%s (#%d): %v.\nTo thank someone not listed, add --new", clean(a.Company), a.ID, cleanLines(err.Error()))
}

// parseSchedule reads a vesting schedule like 5/15/40/40 (percent a year).
func parseSchedule(s string) ([]float64, error) {
	var out []float64
	total := 0.0
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == ',' || r == ' ' }) {
		var v float64
		if _, err := fmt.Sscanf(part, "%g", &v); err != nil || v < 0 {
			return nil, fmt.Errorf("%q is not a schedule: give yearly percentages like 25/25/25/25", s)
		}
		out = append(out, v)
		total += v
	}
	if len(out) == 0 || total < 99.99 || total > 100.01 {
		return nil, fmt.Errorf("the yearly percentages %q must add up to 100", s)
	}
	return out, nil
}

// logSummary names the kinds log takes, for the list of commands: "thanks,
// followup, heard, ..., an outcome".
func logSummary() string {
	var words []string
	for _, k := range stages.EventSpecs() {
		switch {
		case k.Log == nil:
		case k.Log.Takes(stages.FieldOutcome):
			words = append(words, "an outcome")
		default:
			words = append(words, k.Log.Words[0])
		}
	}
	return strings.Join(words, ", ")
}
