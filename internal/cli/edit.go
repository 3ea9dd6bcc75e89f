package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/stages"
)

func (e *env) newEditCommand() *cobra.Command {
	ef := &editFlags{}
	return e.newCommand(spec{
		use:     "edit ID [options]",
		summary: "change an application's details",
		long:    "Changes an application's details; what no option names stays as it is.",
		flags: func(f *pflag.FlagSet) {
			ef.flags = f
			f.StringVar(&ef.company, "company", "", "the company")
			valueName(f, "company", "NAME")
			f.StringVar(&ef.role, "role", "", "the role")
			valueName(f, "role", "ROLE")
			f.StringVar(&ef.process, "process", "", "the hiring process: amazon, netflix, standard or one of your own")
			valueName(f, "process", "NAME")
			f.StringVar(&ef.interviewed, "interviewed", "", "the final interview, e.g. \"yesterday 15:00\", \"fri 10am\", 2026-11-20T15:00")
			valueName(f, "interviewed", "WHEN")
			f.Var(&ef.interviewers, "interviewer", "the interviewers (repeat for each; replaces the list); a name\nor a name with an address: \"Ana Lopez <ana@example.com>\"")
			valueName(f, "interviewer", "NAME")
			f.StringVar(&ef.recruiter, "recruiter", "", "the recruiter (a name, or a name with an address)")
			valueName(f, "recruiter", "NAME")
			f.StringVar(&ef.expect, "expect", "", "the promised answer date, e.g. fri, \"in 5 days\", 2026-11-27\n(--expect none removes it)")
			valueName(f, "expect", "DATE")
			f.StringVar(&ef.notes, "note", "", "the application's notes (replaces them)")
			valueName(f, "note", "TEXT")
		},
		complete: e.completeID(""),
		run:      func(args []string) error { return cmdEdit(e, ef, args) },
	})
}

// editFlags are edit's options as given, before they are read.
type editFlags struct {
	company, role, process, interviewed, recruiter, expect, notes string
	interviewers                                                  stringList
	set                                                           map[string]bool
	flags                                                         *pflag.FlagSet // to see which were given
}

func cmdEdit(e *env, ef *editFlags, pos []string) error {
	id, err := oneID(pos, "edit", "afterview edit 3 --role \"Staff Engineer\"")
	if err != nil {
		return err
	}
	ef.set = map[string]bool{}
	ef.flags.Visit(func(f *pflag.Flag) { ef.set[f.Name] = true })
	if len(ef.set) == 0 {
		return usageErr("edit needs something to change, e.g. afterview edit %d --role \"Staff Engineer\"\nRun 'afterview edit --help' for the options", id)
	}
	changes, err := ef.changes(e)
	if err != nil {
		return err
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	var changed []string
	a, err := st.Update(id, func(a *stages.Application) error {
		changed, err = a.Edit(e.settings(), changes, e.now())
		return err
	})
	if err != nil {
		return inputErr(fmt.Sprintf("application %d", id), err)
	}
	if len(changed) == 0 {
		fmt.Fprintf(e.stdout, "Nothing changed: %s (#%d) already holds that.\n", clean(a.Company), id)
		return nil
	}
	fmt.Fprintf(e.stdout, "Edited %s (#%d): %s.\n", clean(a.Company), id, strings.Join(changed, ", "))
	if ef.set["interviewed"] {
		fmt.Fprintf(e.stdout, "Final interview: %s.\n", stages.DescribeWhen(a.Interviewed, e.now()))
	}
	if ef.set["expect"] && !a.Expect.IsZero() {
		fmt.Fprintf(e.stdout, "Answer promised by %s.\n", stages.DescribeDay(a.Expect, e.now()))
	}
	return nil
}

// changes reads the flags that were given into the details to set.
func (ef *editFlags) changes(e *env) (stages.Changes, error) {
	var c stages.Changes
	if ef.set["company"] {
		if strings.TrimSpace(ef.company) == "" {
			return c, usageErr("--company: a name is needed")
		}
		c.Company = &ef.company
	}
	if ef.set["role"] {
		c.Role = &ef.role
	}
	if ef.set["process"] {
		p := strings.ToLower(strings.TrimSpace(ef.process))
		c.Process = &p
	}
	if ef.set["recruiter"] {
		names, people, err := stages.ParsePeople([]string{ef.recruiter}, stages.RoleRecruiter)
		if err != nil {
			return c, usageErr("--recruiter: %v", err)
		}
		name := strings.Join(names, "")
		c.Recruiter, c.People = &name, append(c.People, people...)
	}
	if ef.set["note"] {
		c.Notes = &ef.notes
	}
	if ef.set["interviewer"] {
		names, people, err := stages.ParsePeople(ef.interviewers, stages.RoleInterviewer)
		if err != nil {
			return c, usageErr("--interviewer: %v", err)
		}
		c.Interviewers, c.People = &names, append(c.People, people...)
	}
	if ef.set["interviewed"] {
		t, err := e.parseMoment("--interviewed", ef.interviewed, stages.LeanPast)
		if err != nil {
			return c, err
		}
		c.Interviewed = &t
	}
	if ef.set["expect"] {
		var d stages.Date
		if v := strings.ToLower(strings.TrimSpace(ef.expect)); v != "none" && v != "" {
			var err error
			if d, err = e.parseDay("--expect", ef.expect, stages.LeanFuture); err != nil {
				return c, err
			}
		}
		c.Expect = &d
	}
	return c, nil
}
