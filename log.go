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
  thanks      you sent a thank-you (--to NAME, or --to all)
  followup    you sent a follow-up to the recruiter (one is enough: a second
              one while still waiting needs --force)
  heard       the company got in touch (--note, --expect DATE for a new promise)
  stage       the application moved to a stage (--stage NAME, or as the 3rd argument)
  offer       an offer arrived (--base, --bonus or --bonus-pct, --stock,
              --vest-years, --vest, --sign-on, --currency, --deadline)
  note        you wrote a note (--note TEXT, or as the 3rd argument)
  accepted, declined, rejected, withdrawn, no-answer
              the application closed with that outcome

Options:
  --at WHEN        when it happened (default: now), e.g. 2026-11-20 or 2026-11-20T15:00
  --to NAME        the person a thank-you went to
  --stage NAME     the stage moved to
  --note TEXT      what was said or what you noted
  --expect DATE    the date the company now promises an answer by
  --force          log a second follow-up anyway
  Offer: --base N --bonus N --bonus-pct P --stock N --vest-years N
         --vest 5/15/40/40 --sign-on N --currency USD --deadline DATE
`

func cmdLog(e *env, args []string) error {
	fs := newFlags("log")
	at := fs.String("at", "", "")
	to := fs.String("to", "", "")
	stage := fs.String("stage", "", "")
	note := fs.String("note", "", "")
	expect := fs.String("expect", "", "")
	force := fs.Bool("force", false, "")
	base := fs.Int64("base", 0, "")
	bonus := fs.Int64("bonus", 0, "")
	bonusPct := fs.Float64("bonus-pct", 0, "")
	stock := fs.Int64("stock", 0, "")
	vestYears := fs.Int("vest-years", 0, "")
	vest := fs.String("vest", "", "")
	signOn := fs.Int64("sign-on", 0, "")
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
		if ev.At, err = parseWhen(*at); err != nil {
			return usageErr("--at: %v", err)
		}
		if stages.DateOf(ev.At).After(stages.DateOf(now)) {
			return usageErr("--at %s is in the future: log things once they have happened", *at)
		}
	}
	if *expect != "" {
		if ev.Expect, err = stages.ParseDate(*expect); err != nil {
			return usageErr("--expect: %v", err)
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
		o := &stages.Offer{Base: *base, Bonus: *bonus, BonusPercent: *bonusPct, Stock: *stock, VestYears: *vestYears,
			SignOn: *signOn, Currency: strings.ToUpper(strings.TrimSpace(*currency))}
		if *vest != "" {
			if o.VestSchedule, err = parseSchedule(*vest); err != nil {
				return usageErr("--vest: %v", err)
			}
		}
		if *deadline != "" {
			if o.Deadline, err = stages.ParseDate(*deadline); err != nil {
				return usageErr("--deadline: %v", err)
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
	default:
		o, err := stages.ParseOutcome(kind)
		if err != nil {
			return usageErr("unknown kind %q: choose one of thanks, followup, heard, stage, offer, note, accepted, declined, rejected, withdrawn, no-answer", pos[1])
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
		people, err := thankees(&app, ev.Person)
		if err != nil {
			return err
		}
		for _, p := range people {
			ev.Person = p
			if app, err = st.Log(id, ev); err != nil {
				return inputErr(fmt.Sprintf("%s (#%d)", clean(app.Company), id), err)
			}
			fmt.Fprintf(e.stdout, "Logged: thank-you to %s, %s (#%d).\n", clean(p), clean(app.Company), id)
		}
		return nil
	}
	if ev.Kind == stages.EvFollowUp && !*force {
		if err := app.CheckFollowUp(); err != nil {
			f, _ := app.PendingFollowUp()
			return usageErr("%s (#%d): a follow-up was already sent on %s and the company has not answered since.\nOne is enough: more can hurt. To log another anyway, add --force", clean(app.Company), id, stages.DateOf(f.At).Short())
		}
	}
	updated, err := st.Log(id, ev)
	if err != nil {
		return inputErr(fmt.Sprintf("%s (#%d)", clean(app.Company), id), err)
	}
	fmt.Fprintf(e.stdout, "Logged: %s, %s (#%d).\n", clean(describeEvent(ev)), clean(updated.Company), id)
	return nil
}

// thankees resolves --to: a named person, or "all" for everyone not yet thanked.
func thankees(a *stages.Application, to string) ([]string, error) {
	people := a.People()
	if strings.EqualFold(to, "all") {
		var out []string
		for _, p := range people {
			if !a.ThankedSince(p, stages.DateOf(a.Interviewed)) {
				out = append(out, p)
			}
		}
		if len(out) == 0 {
			return nil, usageErr("everyone at %s (#%d) has been thanked already", clean(a.Company), a.ID)
		}
		return out, nil
	}
	if to == "" {
		if len(people) == 0 {
			return nil, usageErr("log thanks needs --to NAME: the person you thanked")
		}
		return nil, usageErr("log thanks needs --to NAME: one of %s, or --to all", clean(strings.Join(people, ", ")))
	}
	for _, p := range people {
		if strings.EqualFold(p, to) {
			return []string{p}, nil
		}
	}
	// Someone not on the list (a coordinator, say) is fine to thank too.
	return []string{to}, nil
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
	case "snooze":
		extra = "\nOptions:\n  --until DATE   the day it comes back (default: tomorrow)\n"
	case "dismiss":
		extra = "\nA dismissed prompt never comes back; the dismissal is kept in the log.\n"
	}
	return fmt.Sprintf(`Usage: afterview %s ID PROMPT

PROMPT is the prompt's key as 'afterview today --json' shows it (for example
thank_you:ana lopez), or just its kind (thank_you, reflect, follow_up, ...)
when the application has one prompt of that kind. ID 0 means the prompts about
your whole search (keep_applying).
%s`, verb, extra)
}

func cmdDone(e *env, args []string) error    { return promptAction(e, "done", args) }
func cmdSnooze(e *env, args []string) error  { return promptAction(e, "snooze", args) }
func cmdDismiss(e *env, args []string) error { return promptAction(e, "dismiss", args) }

func promptAction(e *env, verb string, args []string) error {
	fs := newFlags(verb)
	until := fs.String("until", "", "")
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
			if ev.Until, err = stages.ParseDate(*until); err != nil {
				return usageErr("--until: %v", err)
			}
			if !ev.Until.After(stages.DateOf(now)) {
				return usageErr("--until %s is not after today", *until)
			}
		}
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	ps, err := promptsOf(st, id, now)
	if err != nil {
		return err
	}
	p, err := findPrompt(ps, id, pos[1])
	if err != nil {
		return err
	}
	ev.Prompt = p.Key
	if id == 0 {
		err = st.LogGlobal(ev)
	} else {
		_, err = st.Log(id, ev)
	}
	if err != nil {
		return err
	}
	what := map[string]string{"done": "Done", "dismiss": "Dismissed", "snooze": "Snoozed until " + ev.Until.Short()}[verb]
	fmt.Fprintf(e.stdout, "%s: %s\n", what, clean(p.Text))
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
	return stages.PromptsFor(f.App, f.Related, now), nil
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
		if strings.EqualFold(p.Key, which) {
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
