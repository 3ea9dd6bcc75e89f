package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/stages"
)

func (e *env) newStatsCommand() *cobra.Command {
	var asJSON bool
	return e.newCommand(spec{
		use:     "stats [--json]",
		summary: "what your history says about waits and answers",
		long: `What your own history says: days from the final interview to the first answer
and to the decision (median and range), per company and per process; outcomes
by process; and how many follow-ups got an answer.`,
		flags: func(f *pflag.FlagSet) {
			f.BoolVar(&asJSON, "json", false, "print the figures as JSON")
		},
		run: func(args []string) error { return cmdStats(e, asJSON, args) },
	})
}

func cmdStats(e *env, asJSON bool, pos []string) error {
	if len(pos) > 0 {
		return usageErr("stats takes no arguments, got %q", pos[0])
	}
	_, apps, _, err := e.snapshot()
	if err != nil {
		return err
	}
	s := stages.ComputeStats(e.settings(), apps, stages.DateOf(e.now()))
	if asJSON {
		return writeJSON(e, s)
	}
	writeStats(e.stdout, s)
	return nil
}

func days(d stages.DayStats) string {
	if d.Count == 0 {
		return "-"
	}
	return d.Cell(" d")
}

func writeStats(w io.Writer, s stages.Stats) {
	all := s.All
	if all.Applications == 0 {
		fmt.Fprintln(w, "No history yet: stats appear once you have applications.")
		return
	}
	fmt.Fprintf(w, "%d %s · first answer %s · decision %s\n", all.Applications, stages.Plural(all.Applications, "application", "applications"), days(all.FirstAnswer), days(all.Decision))
	f := all.FollowUps
	fmt.Fprintf(w, "Follow-ups: %d sent, %d answered, %d unanswered, %d still waiting\n", f.Sent, f.Answered, f.Unanswered, f.Waiting)
	group := func(title string, gs []stages.GroupStats) {
		fmt.Fprintf(w, "\n%-20s  %4s  %-20s  %-20s  %s\n", title, "APPS", "FIRST ANSWER", "DECISION", "OUTCOMES")
		for _, g := range gs {
			fmt.Fprintf(w, "%s  %4d  %s  %s  %s\n", pad(clean(g.Name), 20), g.Applications, pad(days(g.FirstAnswer), 20), pad(days(g.Decision), 20), outcomes(g.Outcomes))
		}
	}
	group("BY PROCESS", s.ByTemplate)
	group("BY COMPANY", s.ByCompany)
}

func outcomes(c stages.OutcomeCounts) string {
	return strings.Join(c.Words(), ", ")
}
