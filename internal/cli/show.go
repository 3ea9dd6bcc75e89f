package cli

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/stages"
	"afterview/store"
)

func (e *env) newShowCommand() *cobra.Command {
	var asJSON bool
	return e.newCommand(spec{
		use:     "show ID [--json]",
		summary: "one application in full",
		long:    "Shows one application in full: stages, people, timeline, prompts and offer.",
		flags: func(f *pflag.FlagSet) {
			f.BoolVar(&asJSON, "json", false, "print the application as JSON (the export format's record)")
		},
		complete: e.completeID(""),
		run:      func(args []string) error { return cmdShow(e, asJSON, args) },
	})
}

func cmdShow(e *env, asJSON bool, pos []string) error {
	id, err := oneID(pos, "show", "afterview show 3")
	if err != nil {
		return err
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	// The application and what its prompts need of the others: a long
	// history is not read.
	now := e.now()
	f, err := st.AppPrompts(id, now)
	if errors.Is(err, store.ErrNotFound) {
		return notFound(id)
	}
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(e, &f.App)
	}
	writeShow(e.stdout, e.settings(), &f.App, f.Prompts, now)
	return nil
}

func notFound(id uint64) error {
	return usageErr("no application with id %d: 'afterview list' shows the ids", id)
}

func writeShow(w io.Writer, settings *stages.Settings, a *stages.Application, ps []stages.Prompt, now time.Time) {
	today := stages.DateOf(now)
	fmt.Fprintf(w, "#%d %s", a.ID, clean(a.Company))
	if a.Role != "" {
		fmt.Fprintf(w, " · %s", clean(a.Role))
	}
	fmt.Fprintf(w, " · %s process\n", clean(a.Process))
	if note := a.MissingProcessNote(settings); note != "" {
		fmt.Fprintf(w, "%s\n", clean(note))
	}
	wt := a.Wait(settings, now)
	switch wt.Status {
	case stages.WaitClosed:
		fmt.Fprintf(w, "Closed: %s\n", a.Outcome.Label())
	case stages.WaitOffer:
		fmt.Fprintf(w, "Offer: the wait for a decision is over (%d %s since the final interview)\n", wt.Days, stages.Plural(wt.Days, "day", "days"))
	case stages.WaitAhead:
		fmt.Fprintf(w, "Final interview ahead: %s (%s)\n", wt.Interview.Short(), stages.DayName(wt.Interview, today))
	default:
		fmt.Fprintf(w, "Waiting %d %s since the final interview (%s; usual window %d to %d days)\n", wt.Days, stages.Plural(wt.Days, "day", "days"), wt.Status, wt.Window.Min, wt.Window.Max)
	}
	if u := wt.UsuallyText(); u != "" && !a.Closed() {
		fmt.Fprintf(w, "For information: %s\n", clean(u))
	}
	if !a.Expect.IsZero() {
		fmt.Fprintf(w, "Promised an answer by %s\n", a.Expect.Short())
	}
	fmt.Fprintln(w, "\nStages:")
	hist := a.StageHistory(settings)
	cur := hist[len(hist)-1].Stage
	days := map[string]int{}
	for _, s := range hist {
		to := today
		if !s.To.IsZero() {
			to = stages.DateOf(s.To)
		}
		days[s.Stage] += to.DaysSince(stages.DateOf(s.From))
	}
	reached := map[string]bool{}
	for _, s := range hist {
		reached[s.Stage] = true
	}
	for _, s := range a.Template(settings).Stages {
		mark := "○"
		if reached[s.Name] {
			mark = "●"
		}
		line := fmt.Sprintf("  %s %s", mark, clean(s.Name))
		if reached[s.Name] {
			line += fmt.Sprintf(" (%d %s)", days[s.Name], stages.Plural(days[s.Name], "day", "days"))
		}
		if s.Name == cur && !a.Closed() {
			line += "  ← now"
		}
		fmt.Fprintln(w, line)
	}
	// An accepted offer's process goes on (rule 10: Amazon's background
	// check), and so does the stage's advice.
	if tip := a.Template(settings).Stages[a.StageIndex(settings)].Tip; tip != "" && (!a.Closed() || a.Outcome == stages.Accepted) {
		fmt.Fprintf(w, "  Tip: %s\n", clean(tip))
	}
	if people := a.Persons(); len(people) > 0 {
		fmt.Fprintln(w, "\nPeople:")
		for _, p := range people {
			line := fmt.Sprintf("  %s (%s)", clean(p.Name), p.Role.Label())
			if p.Role == stages.RoleInterviewer || p.Role == stages.RoleRecruiter {
				tick := "[ ]"
				if a.Thanked(p.Name, now.Location()) {
					tick = "[x] thanked"
				}
				line += " " + tick
			}
			for _, d := range []string{p.Email, p.Phone, p.Link} {
				if d != "" {
					line += " · " + clean(d)
				}
			}
			fmt.Fprintln(w, line)
			if p.TalkedAbout != "" {
				fmt.Fprintf(w, "      talked about: %s\n", clean(p.TalkedAbout))
			}
		}
	}
	if a.Offer != nil {
		o := a.Offer
		terms := stages.OfferTerms(o)
		if !o.Known() {
			terms = "terms to follow (base not known yet)"
			if t := stages.OfferTerms(o); t != "" {
				terms += "; " + t
			}
		}
		answer := "answer by " + o.CountdownWords(now.Location())
		if o.Deadline.IsZero() {
			answer = "no deadline given (afterview counts a week, to " + o.OfferDeadline(now.Location()).Short() + ")"
		}
		fmt.Fprintf(w, "\nOffer: %s; %s\n", clean(terms), answer)
	}
	if len(ps) > 0 {
		fmt.Fprintln(w, "\nPrompts:")
		whenW, keyW := 0, 0
		for _, p := range ps {
			whenW = max(whenW, ansi.StringWidth(p.When(now)))
			keyW = max(keyW, min(28, ansi.StringWidth(clean(p.Key))))
		}
		for _, p := range ps {
			fmt.Fprintf(w, "  %s  %s  %s\n", pad(p.When(now), whenW), pad(clean(p.Key), keyW), clean(p.Text))
			if p.Tip != "" {
				// Under the prompt's text, as the UI shows it.
				w.Write(appendTip(nil, p.Tip, 2+whenW+2+keyW+2))
			}
		}
	}
	fmt.Fprintln(w, "\nTimeline:")
	for _, te := range a.Timeline() {
		fmt.Fprintf(w, "  %s  %s\n", te.Event.At.In(now.Location()).Format("2006-01-02 15:04"), clean(describeEntry(te)))
	}
	if a.Notes != "" {
		fmt.Fprintf(w, "\nNotes:\n  %s\n", clean(a.Notes))
	}
}

// describeEntry is a timeline entry in the words both faces share, with its
// note and promised date.
func describeEntry(te stages.TimelineEntry) string {
	s, e := te.Text, te.Event
	if e.Note != "" {
		s += ": " + e.Note
	}
	if !e.Expect.IsZero() {
		s += " (promised an answer by " + e.Expect.Short() + ")"
	}
	return s
}
