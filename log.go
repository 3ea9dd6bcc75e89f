package main

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"afterview/stages"
	"afterview/store"
)

const logUsage = `Usage: afterview log ID KIND [options]

Logs what happened on application ID.

Kinds:
  thanks      you sent a thank-you (--to NAME, or --to all); NAME is a full
              name, a first name or the start of one; --new for someone the
              application does not list yet (they are added)
  followup    you sent a follow-up to the recruiter (one is enough: a second
              one while still waiting needs --force)
  heard       the company got in touch (--note, --expect DATE for a new promise)
  stage       the application moved to a stage (--stage NAME, or as the 3rd argument)
  offer       an offer arrived (--base, --bonus or --bonus-pct, --stock,
              --vest-years, --vest, --sign-on, --currency, --deadline); leave
              out what you do not know yet (a verbal offer: no terms at all).
              Logged again, it is a revision: the terms you give replace the
              current ones, the others stay; a revision that changes nothing
              is refused
  note        you wrote a note (--note TEXT, or as the 3rd argument)
  accepted, declined, rejected, withdrawn, no-answer
              the application closed with that outcome
  reopen      a closed application is open again (the company came back): it
              returns to waiting at its last stage. A closed application takes
              no offer, stage, news or outcome until it is reopened

Options:
  --at WHEN        when it happened (default: now), e.g. "yesterday 15:00", "fri 10am",
                   2026-11-20 or 2026-11-20T15:00
  --to NAME        the person a thank-you went to (--new: someone not listed yet)
  --stage NAME     the stage moved to
  --note TEXT      what was said or what you noted
  --expect DATE    the date the company now promises an answer by
  --force          log a second follow-up anyway
  Offer: --base N --bonus N|P% --bonus-pct P --stock N --vest-years N
         --vest 5/15/40/40 --sign-on N --currency USD --deadline DATE
         Amounts as you write them: 180000, 180,000, $180,000, 180k;
         --bonus 15% is a percentage of base.

Dates are read relative to today: 2026-11-28, 2026-11-28 15:00, 28 Nov 15:00,
fri 10:00, yesterday 15:00, today 3pm, last tuesday, in 3 days, +3d.
`

func cmdLog(e *env, args []string) error {
	fs := newFlags("log")
	at := fs.String("at", "", "")
	to := fs.String("to", "", "")
	stage := fs.String("stage", "", "")
	note := fs.String("note", "", "")
	expect := fs.String("expect", "", "")
	force := fs.Bool("force", false, "")
	isNew := fs.Bool("new", false, "")
	var base, stock, signOn amountFlag
	var bonus bonusFlag
	var bonusPct percentFlag
	fs.Var(&base, "base", "")
	fs.Var(&bonus, "bonus", "")
	fs.Var(&bonusPct, "bonus-pct", "")
	fs.Var(&stock, "stock", "")
	vestYears := fs.Int("vest-years", 0, "")
	vest := fs.String("vest", "", "")
	fs.Var(&signOn, "sign-on", "")
	currency := fs.String("currency", "", "")
	deadline := fs.String("deadline", "", "")
	pos, err := parseFlags(e, fs, logUsage, args)
	if err != nil {
		return err
	}
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
	ev := stages.Event{At: now, Note: strings.TrimSpace(*note)}
	if *at != "" {
		if ev.At, err = e.parseMoment("--at", *at, stages.LeanPast); err != nil {
			return err
		}
		if stages.DateOf(ev.At).After(stages.DateOf(now)) {
			return usageErr("--at %s is in the future: log things once they have happened", *at)
		}
	}
	if *expect != "" {
		if ev.Expect, err = e.parseDay("--expect", *expect, stages.LeanFuture); err != nil {
			return err
		}
	}
	switch kind {
	case "thanks", "thank-you", "thankyou":
		ev.Kind = stages.EvThanks
		ev.Person = strings.TrimSpace(*to)
		if ev.Person == "" {
			ev.Person = extra
		}
	case "followup", "follow-up":
		ev.Kind = stages.EvFollowUp
	case "heard":
		ev.Kind = stages.EvHeard
	case "stage":
		ev.Kind = stages.EvStage
		ev.Stage = strings.TrimSpace(*stage)
		if ev.Stage == "" {
			ev.Stage = extra
		}
		if ev.Stage == "" {
			return usageErr("log stage needs the stage, e.g. afterview log %d stage \"reference check\"", id)
		}
	case "offer":
		ev.Kind = stages.EvOffer
		// Only the terms given are part of the offer (or of its revision):
		// a term left out is unknown, or keeps its earlier value.
		o := &stages.Offer{Base: base.p, Bonus: bonus.amount, BonusPercent: bonus.percent, Stock: stock.p, VestYears: *vestYears,
			SignOn: signOn.p, Currency: strings.ToUpper(strings.TrimSpace(*currency))}
		if bonusPct.p != nil {
			o.BonusPercent = bonusPct.p
		}
		if *vest != "" {
			if o.VestSchedule, err = parseSchedule(*vest); err != nil {
				return usageErr("--vest: %v", err)
			}
		}
		if *deadline != "" {
			if o.Deadline, err = e.parseDay("--deadline", *deadline, stages.LeanFuture); err != nil {
				return err
			}
		}
		ev.Offer = o
	case "note":
		ev.Kind = stages.EvNote
		if ev.Note == "" {
			ev.Note = strings.TrimSpace(extra)
		}
		if ev.Note == "" {
			return usageErr("log note needs the text, e.g. afterview log %d note \"went well: system design\"", id)
		}
	case "reopen":
		ev.Kind = stages.EvReopen
	default:
		o, err := stages.ParseOutcome(kind)
		if err != nil {
			return usageErr("unknown kind %q: choose one of thanks, followup, heard, stage, offer, note, accepted, declined, rejected, withdrawn, no-answer, reopen", pos[1])
		}
		ev.Kind = stages.EvOutcome
		ev.Outcome = o
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
		people, added, err := thankees(&app, ev.Person, *isNew, now.Location())
		if err != nil {
			return err
		}
		if added {
			ev.Person = people[0]
			if app, err = st.Update(id, func(a *stages.Application) error {
				a.Interviewers = append(a.Interviewers, ev.Person)
				return a.Apply(ev)
			}); err != nil {
				return inputErr(fmt.Sprintf("%s (#%d)", clean(app.Company), id), err)
			}
			fmt.Fprintf(e.stdout, "Logged: thank-you to %s, now listed with %s (#%d)%s.\n", clean(ev.Person), clean(app.Company), id, e.resolved(ev, *at != ""))
			return nil
		}
		// One transaction for everyone: all are logged or none.
		events := make([]stages.Event, len(people))
		for i, p := range people {
			events[i] = ev
			events[i].Person = p
		}
		if _, err = st.LogEvents(id, events, nil); err != nil {
			return logErr(&app, err)
		}
		for _, p := range people {
			fmt.Fprintf(e.stdout, "Logged: thank-you to %s, %s (#%d)%s.\n", clean(p), clean(app.Company), id, e.resolved(ev, *at != ""))
		}
		return nil
	}
	var guard func(*stages.Application) error
	if ev.Kind == stages.EvFollowUp && !*force {
		// Checked inside the write's transaction: two commands at once
		// must not both see no follow-up and both log one.
		guard = func(a *stages.Application) error {
			if err := a.CheckFollowUp(); err != nil {
				f, _ := a.PendingFollowUp()
				return usageErr("%s (#%d): a follow-up was already sent on %s and the company has not answered since.\nOne is enough: more can hurt. To log another anyway, add --force", clean(a.Company), id, stages.DateOf(f.At).Short())
			}
			return nil
		}
	}
	updated, err := st.LogEvents(id, []stages.Event{ev}, guard)
	if err != nil {
		return logErr(&app, err)
	}
	text := describeEntry(stages.TimelineEntry{Event: ev, Text: updated.EventText(len(updated.Events) - 1)})
	fmt.Fprintf(e.stdout, "Logged: %s, %s (#%d)%s.\n", clean(text), clean(updated.Company), id, e.resolved(ev, *at != ""))
	if ev.Kind == stages.EvOffer && ev.Offer != nil && !ev.Offer.Deadline.IsZero() && ev.Offer.Deadline.Before(stages.DateOf(now)) {
		fmt.Fprintf(e.stderr, "afterview: warning: the deadline %s has already passed; it is kept as the company's, and never quoted to another company.\n", ev.Offer.Deadline.Short())
	}
	if ev.Kind == stages.EvStage && updated.PastOffer() && app.OfferOpen() && !updated.Closed() {
		fmt.Fprintf(e.stdout, "Moving past the offer means you answered it. If you accepted, log it: afterview log %d accepted\n", id)
	}
	if ev.Kind == stages.EvStage && updated.Stage != ev.Stage {
		fmt.Fprintf(e.stdout, "It is dated before the current stage (%s), so it fills in the history; the application stays there.\n", updated.Stage)
	}
	return nil
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
		parts = append(parts, "answer by "+stages.DescribeDay(ev.Offer.Deadline, e.now()))
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
		var out []string
		for _, p := range listed {
			if !a.Thanked(p, loc) {
				out = append(out, p)
			}
		}
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

func promptUsage(verb string) string {
	extra := ""
	switch verb {
	case "done":
		extra = `
Marking a prompt done logs what doing it means, exactly as x does in the UI:
  thank_you        a thank-you to that person
  follow_up        the follow-up (the move-on clock starts)
  move_on          closes the application as no answer
  withdraw         closes it as withdrawn (declined when it had an offer)
  competing_offer  records which offers that company was told about
  reflect, after_rejection:lessons
                   the note you give with --note TEXT
  offer_deadline   your answer, given with --outcome accepted|declined
Any other prompt is marked done by name.

Options:
  --note TEXT      the note a reflect or lessons prompt asks for
  --outcome O      your answer to an offer: accepted or declined
`
	case "snooze":
		extra = "\nOptions:\n  --until DATE   the day it comes back (default: tomorrow), e.g. mon, \"in 3 days\", +1w, 2026-12-01\n"
	case "dismiss":
		extra = "\nA dismissed prompt never comes back; the dismissal is kept in the log.\n"
	}
	return fmt.Sprintf(`Usage: afterview %s ID PROMPT

PROMPT is the prompt's key as 'afterview today --json' shows it (for example
thank_you:ana-lopez; the older spelling with a space works too), or just its
kind (thank_you, reflect, follow_up, ...) when the application has one prompt
of that kind. ID 0 means the prompts about
your whole search (keep_applying).
%s`, verb, extra)
}

func cmdDone(e *env, args []string) error    { return promptAction(e, "done", args) }
func cmdSnooze(e *env, args []string) error  { return promptAction(e, "snooze", args) }
func cmdDismiss(e *env, args []string) error { return promptAction(e, "dismiss", args) }

func promptAction(e *env, verb string, args []string) error {
	fs := newFlags(verb)
	until := fs.String("until", "", "")
	note := fs.String("note", "", "")
	outcome := fs.String("outcome", "", "")
	pos, err := parseFlags(e, fs, promptUsage(verb), args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageErr("%s needs an application id and a prompt, e.g. afterview %s 3 reflect", verb, verb)
	}
	var id uint64
	if pos[0] != "0" {
		if id, err = parseID(pos[0]); err != nil {
			return err
		}
	}
	now := e.now()
	ev := stages.Event{At: now, Kind: stages.EvDone}
	switch verb {
	case "dismiss":
		ev.Kind = stages.EvDismiss
	case "snooze":
		ev.Kind = stages.EvSnooze
		ev.Until = stages.DateOf(now).AddDays(1)
		if *until != "" {
			if ev.Until, err = e.parseDay("--until", *until, stages.LeanFuture); err != nil {
				return err
			}
			if !ev.Until.After(stages.DateOf(now)) {
				return usageErr("--until %s is not after today", *until)
			}
		}
	}
	if verb != "done" && (*note != "" || *outcome != "") {
		return usageErr("--note and --outcome go with done, not %s", verb)
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	// Only what the prompts depend on is read: the application, and the
	// few others that show in its prompts (see stages.PromptsOf).
	var app *stages.Application
	var ps []stages.Prompt
	if id == 0 {
		if ps, err = promptsOf(st, 0, now); err != nil {
			return err
		}
	} else {
		f, err := st.Focus(id)
		if errors.Is(err, store.ErrNotFound) {
			return notFound(id)
		}
		if err != nil {
			return err
		}
		app = &f.App
		ps = stages.PromptsOf(f.App, f.Related, now)
	}
	p, err := findPrompt(ps, id, pos[1])
	if err != nil {
		return err
	}
	ev.Prompt = p.Key
	if verb == "done" {
		given := *note
		if p.Input == stages.InputOutcome {
			given = *outcome
		}
		if ev, err = stages.DoneEvent(app, p, now, given); err != nil {
			var need *stages.NeedInputError
			if errors.As(err, &need) {
				if need.Input == stages.InputOutcome {
					return usageErr("%s (#%d): %v: afterview done %d %s --outcome accepted (or declined)", clean(app.Company), id, err, id, pos[1])
				}
				return usageErr("%s (#%d): %v: afterview done %d %s --note \"what went well, what to improve\"", clean(app.Company), id, err, id, pos[1])
			}
			return usageErr("%s (#%d): %v", clean(app.Company), id, err)
		}
	}
	if id == 0 {
		err = st.LogGlobal(ev)
	} else {
		_, err = st.Log(id, ev)
	}
	if err != nil {
		if app != nil {
			return logErr(app, err)
		}
		return err
	}
	what := map[string]string{"done": "Done", "dismiss": "Dismissed", "snooze": "Snoozed until " + ev.Until.Short()}[verb]
	fmt.Fprintf(e.stdout, "%s: %s\n", what, clean(p.Text))
	if ev.Kind == stages.EvOutcome {
		fmt.Fprintf(e.stdout, "%s (#%d) is closed: %s.\n", clean(app.Company), id, ev.Outcome.Label())
	}
	if w := stages.SnoozeWarning(p, ev.Until, stages.DateOf(now)); verb == "snooze" && w != "" {
		fmt.Fprintf(e.stdout, "Note: %s.\n", w)
	}
	return nil
}

// promptsOf returns the live prompts of application id, or with id 0 those
// about the whole search, reading only what they depend on. An id with no
// application has none.
func promptsOf(st *store.Store, id uint64, now time.Time) ([]stages.Prompt, error) {
	if id == 0 {
		active, err := st.ActiveSnapshot(stages.DateOf(now))
		if err != nil {
			return nil, err
		}
		var ps []stages.Prompt
		for _, p := range stages.Prompts(active.Apps, active.Global, now) {
			if p.AppID == 0 {
				ps = append(ps, p)
			}
		}
		return ps, nil
	}
	f, err := st.Focus(id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return stages.PromptsOf(f.App, f.Related, now), nil
}

// findPrompt finds a live prompt of application id by key or, when unique, by kind.
func findPrompt(ps []stages.Prompt, id uint64, which string) (stages.Prompt, error) {
	which = strings.TrimSpace(which)
	var byKind []stages.Prompt
	var keys []string
	for _, p := range ps {
		if p.AppID != id {
			continue
		}
		keys = append(keys, p.Key)
		if strings.EqualFold(p.Key, which) || strings.EqualFold(p.Key, stages.NormalKey(strings.ToLower(which))) {
			return p, nil
		}
		if strings.EqualFold(string(p.Kind), which) || strings.EqualFold(kindShort(p.Kind), which) {
			byKind = append(byKind, p)
		}
	}
	switch {
	case len(byKind) == 1:
		return byKind[0], nil
	case len(byKind) > 1:
		var ks []string
		for _, p := range byKind {
			ks = append(ks, p.Key)
		}
		return stages.Prompt{}, usageErr("more than one %s prompt; name one of: %s", which, clean(strings.Join(ks, ", ")))
	case len(keys) == 0:
		if id == 0 {
			return stages.Prompt{}, usageErr("there is no prompt about your whole search now")
		}
		return stages.Prompt{}, usageErr("application %d has no live prompts (or does not exist): 'afterview today --all' lists them", id)
	}
	return stages.Prompt{}, usageErr("no prompt %q on application %d; its prompts are: %s", which, id, clean(strings.Join(keys, ", ")))
}

const demoUsage = `Usage: afterview demo

Opens the terminal UI on a throwaway database filled with realistic examples
relative to today (set AFTERVIEW_NOW to pick the day). Nothing is saved.
`

func cmdDemo(e *env, args []string) error {
	fs := newFlags("demo")
	pos, err := parseFlags(e, fs, demoUsage, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageErr("demo takes no arguments")
	}
	return runDemo(e)
}
