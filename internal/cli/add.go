package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/stages"
)

// datesHelp ends the help of the commands that read dates.
const datesHelp = `Dates are read relative to today: 2026-11-28, 2026-11-28 15:00, 28 Nov 15:00,
fri 10:00, yesterday 15:00, today 3pm, last tuesday, in 3 days, +3d.
`

// addOptions are add's flags.
type addOptions struct {
	role, process, interviewed, recruiter, expect, note string
	interviewers, thanked                               stringList
}

// noApplicationsHint is what list and today say on an empty database: how to
// add the first application, with a time as people write it (any day
// would do, and a fixed date reads as the one to type).
const noApplicationsHint = `No applications yet. Add one with: afterview add COMPANY --interviewed "yesterday 15:00"`

func (e *env) newAddCommand() *cobra.Command {
	o := &addOptions{}
	return e.newCommand(spec{
		use:     "add COMPANY [options]",
		summary: "add an application; prints its id",
		long:    "Adds an application after its final interview and prints its id.",
		after:   datesHelp,
		flags: func(f *pflag.FlagSet) {
			f.StringVar(&o.role, "role", "", "the role you interviewed for")
			valueName(f, "role", "ROLE")
			f.StringVar(&o.process, "process", stages.DefaultTemplate, "the company's hiring process: amazon, netflix, standard (the default)\nor one of your own ('afterview processes' lists them)")
			valueName(f, "process", "NAME")
			f.StringVar(&o.interviewed, "interviewed", "", "the final interview, e.g. \"yesterday 15:00\", \"fri 10am\",\n\"28 Nov 15:00\" or 2026-11-20T15:00 (default: now)")
			valueName(f, "interviewed", "WHEN")
			f.Var(&o.interviewers, "interviewer", "an interviewer to thank (repeat for each): a name, or a name\nwith an address, \"Ana Lopez <ana@example.com>\"")
			valueName(f, "interviewer", "NAME")
			f.StringVar(&o.recruiter, "recruiter", "", "your recruiter (a name, or a name with an address)")
			valueName(f, "recruiter", "NAME")
			f.StringVar(&o.expect, "expect", "", "the date the recruiter promised an answer by, e.g. fri,\n\"in 5 days\", +7d or 2026-11-27")
			valueName(f, "expect", "DATE")
			f.StringVar(&o.note, "note", "", "notes about the application")
			valueName(f, "note", "TEXT")
			f.Var(&o.thanked, "thanked", "thank-yous already sent, when adding after the fact:\nall, or a person (repeat, or separate with commas)")
			valueName(f, "thanked", "all|NAME")
		},
		run: func(args []string) error { return cmdAdd(e, o, args) },
	})
}

func cmdAdd(e *env, o *addOptions, pos []string) error {
	var err error
	if len(pos) != 1 {
		return usageErr("add needs one company name (quote names with spaces), e.g. afterview add \"Acme Corp\" --role SWE")
	}
	now := e.now()
	when := now
	if o.interviewed != "" {
		if when, err = e.parseMoment("--interviewed", o.interviewed, stages.LeanPast); err != nil {
			return err
		}
	}
	var promised stages.Date
	if o.expect != "" {
		if promised, err = e.parseDay("--expect", o.expect, stages.LeanFuture); err != nil {
			return err
		}
	}
	names, people, err := stages.ParsePeople(o.interviewers, stages.RoleInterviewer)
	if err != nil {
		return usageErr("--interviewer: %v", err)
	}
	recruiterName, recruiterPerson, err := stages.ParsePeople([]string{o.recruiter}, stages.RoleRecruiter)
	if err != nil {
		return usageErr("--recruiter: %v", err)
	}
	a, err := e.settings().NewApplication(pos[0], o.role, o.process, when, names, strings.Join(recruiterName, ""), promised, now)
	if err == nil {
		a.KeepAddresses(append(people, recruiterPerson...))
		a.Notes = strings.TrimSpace(o.note)
		err = a.Validate(e.settings())
	}
	if err == nil {
		err = a.MarkThanked(e.settings(), o.thanked, now)
	}
	if err != nil {
		return usageErr("%v", err)
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	id, err := st.Add(a)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, id)
	// The id alone goes to standard output, for scripts; people who typed a
	// date see how it was read ("fri 10am" is which Friday?).
	if o.interviewed == "" && o.expect == "" {
		return nil
	}
	fmt.Fprintf(e.stderr, "Added %s (#%d): final interview %s%s.\n", clean(a.Company), id,
		stages.DescribeWhen(a.Interviewed, now), promisedWords(a.Expect, now))
	if hint := thankedHint(&a, id, now); hint != "" && len(o.thanked) == 0 {
		fmt.Fprintln(e.stderr, hint)
	}
	return nil
}

// thankedHint is what to say when an interview more than a day ago is
// added with nobody marked thanked: its thank-yous show overdue at once,
// though most were likely sent. It says how to mark them ("" when the
// interview is recent, or no one is left to thank).
func thankedHint(a *stages.Application, id uint64, now time.Time) string {
	if now.Sub(a.Interviewed) <= 24*time.Hour {
		return ""
	}
	if len(a.Unthanked(now.Location())) == 0 {
		return ""
	}
	return fmt.Sprintf("The interview was %s: if the thank-yous went out, mark them sent with\n  afterview log %d thanks --to all\n(or add with --thanked all next time); otherwise they show as overdue today.",
		stages.DescribeWhen(a.Interviewed, now), id)
}

func promisedWords(d stages.Date, now time.Time) string {
	if d.IsZero() {
		return ""
	}
	return ", answer promised by " + stages.DescribeDay(d, now)
}
