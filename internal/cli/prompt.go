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

// promptHelp is the help of done, snooze and dismiss (its text before the
// options, and after).
func promptHelp(verb string) (long, after string) {
	long = `PROMPT is the prompt's key as 'afterview today --json' shows it (for example
thank_you:ana-lopez; the older spelling with a space works too), or just its
kind (thank_you, reflect, follow_up, ...) when the application has one prompt
of that kind. ID 0 means the prompts about
your whole search (keep_applying).`
	switch verb {
	case "done":
		long += `

Marking a prompt done logs what doing it means, exactly as x does in the UI:
  thank_you        a thank-you to that person
  follow_up        the follow-up (the move-on clock starts)
  move_on          closes the application as no answer
  withdraw         closes it as withdrawn (declined when it had an offer)
  competing_offer  records which offers that company was told about
  reflect, after_rejection:lessons
                   the note you give with --note TEXT
  offer_deadline   your answer, given with --outcome accepted|declined
Any other prompt is marked done by name.`
	case "dismiss":
		after = "A dismissed prompt never comes back; the dismissal is kept in the log.\n"
	}
	return long, after
}

// promptOptions are the flags of done, snooze and dismiss. Each verb
// shows its own; the others are accepted and refused with a reason.
type promptOptions struct {
	until, note, outcome string
	renege               bool
}

func (e *env) newPromptCommand(verb string) *cobra.Command {
	o := &promptOptions{}
	long, after := promptHelp(verb)
	summary := map[string]string{"done": "mark a prompt done", "snooze": "hide a prompt until a later day", "dismiss": "dismiss a prompt for good"}[verb]
	return e.newCommand(spec{
		use:     verb + " ID PROMPT",
		summary: summary,
		long:    long,
		after:   after,
		flags: func(f *pflag.FlagSet) {
			f.StringVar(&o.note, "note", "", "the note a reflect or lessons prompt asks for")
			valueName(f, "note", "TEXT")
			f.StringVar(&o.outcome, "outcome", "", "your answer to an offer: accepted or declined")
			valueName(f, "outcome", "O")
			f.BoolVar(&o.renege, "renege", false, "with --outcome accepted: go back on an offer you accepted elsewhere")
			f.StringVar(&o.until, "until", "", "the day it comes back (default: tomorrow), e.g. mon, \"in 3 days\", +1w, 2026-12-01")
			valueName(f, "until", "DATE")
			for _, name := range map[string][]string{"done": {"until"}, "snooze": {"note", "outcome", "renege"}, "dismiss": {"until", "note", "outcome", "renege"}}[verb] {
				_ = f.MarkHidden(name)
			}
		},
		complete: e.completeID("prompt"),
		run:      func(args []string) error { return promptAction(e, verb, o, args) },
	})
}

func promptAction(e *env, verb string, o *promptOptions, pos []string) error {
	var err error
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
		if o.until != "" {
			if ev.Until, err = e.parseDay("--until", o.until, stages.LeanFuture); err != nil {
				return err
			}
			if !ev.Until.After(stages.DateOf(now)) {
				return usageErr("--until %s is not after today", o.until)
			}
		}
	}
	if verb != "done" && (o.note != "" || o.outcome != "" || o.renege) {
		return usageErr("--note, --outcome and --renege go with done, not %s", verb)
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	// Only what the prompts depend on is read: the application, and the
	// few others that show in its prompts (see stages.Engine.AppPrompts).
	var app *stages.Application
	var ps []stages.Prompt
	if id == 0 {
		if ps, err = promptsOf(st, 0, now); err != nil {
			return err
		}
	} else {
		f, err := st.AppPrompts(id, now)
		if errors.Is(err, store.ErrNotFound) {
			return notFound(id)
		}
		if err != nil {
			return err
		}
		app = &f.App
		ps = f.Prompts
	}
	p, err := findPrompt(ps, id, pos[1])
	if err != nil {
		return err
	}
	ev.Prompt = p.Key
	if verb == "done" {
		given := o.note
		if p.Input == stages.InputOutcome {
			given = o.outcome
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
	if o.renege && (ev.Kind != stages.EvOutcome || ev.Outcome != stages.Accepted) {
		return usageErr("--renege goes with an acceptance: afterview done %d %s --outcome accepted --renege", id, pos[1])
	}
	var updated stages.Application
	if id == 0 {
		err = st.LogGlobal(ev)
	} else {
		// Accepting is checked as log checks it (rule 17), in the write's
		// transaction.
		updated, err = st.LogEventsSeeing(id, []stages.Event{ev}, acceptGuard(st, now.Location(), o.renege,
			fmt.Sprintf("afterview done %d %s --outcome accepted --renege", id, pos[1])))
		if err == nil {
			ev = updated.Events[len(updated.Events)-1]
		}
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
		closed := ev.Outcome.Label()
		if len(ev.Reneged) > 0 {
			closed += ", going back on " + stages.RenegeWords(ev.Reneged)
		}
		fmt.Fprintf(e.stdout, "%s (#%d) is closed: %s.\n", clean(app.Company), id, clean(closed))
	}
	if app != nil {
		e.sayEnded(st, app, &updated, ev)
	}
	if w := stages.SnoozeWarning(p, ev.Until, stages.DateOf(now)); verb == "snooze" && w != "" {
		fmt.Fprintf(e.stdout, "Note: %s.\n", clean(w))
	}
	return nil
}

// promptsOf returns the live prompts of application id, or with id 0 those
// about the whole search, reading only what they depend on. An id with no
// application has none.
func promptsOf(st *agenda.Agenda, id uint64, now time.Time) ([]stages.Prompt, error) {
	if id == 0 {
		day, err := st.Prompts(now)
		if err != nil {
			return nil, err
		}
		var ps []stages.Prompt
		for _, p := range day.Prompts {
			if p.AppID == 0 {
				ps = append(ps, p)
			}
		}
		return ps, nil
	}
	f, err := st.AppPrompts(id, now)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return f.Prompts, nil
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
