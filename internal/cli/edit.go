package cli

import (
	"bufio"
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
		run: func(args []string) error { return cmdEdit(e, ef, args) },
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
	if len(pos) != 1 {
		return usageErr("edit needs an application id, e.g. afterview edit 3 --role \"Staff Engineer\"")
	}
	id, err := parseID(pos[0])
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
		changed, err = a.Edit(changes, e.now())
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

func (e *env) newDeleteCommand() *cobra.Command {
	var yes bool
	return e.newCommand(spec{
		use:     "delete ID [--yes]",
		summary: "delete an application for good (asks first)",
		long: `Deletes an application and its whole history for good. It asks first;
--yes answers for you (for scripts).`,
		flags: func(f *pflag.FlagSet) {
			f.BoolVarP(&yes, "yes", "y", false, "delete without asking")
		},
		run: func(args []string) error { return cmdDelete(e, yes, args) },
	})
}

func cmdDelete(e *env, yes bool, pos []string) error {
	if len(pos) != 1 {
		return usageErr("delete needs an application id, e.g. afterview delete 3")
	}
	id, err := parseID(pos[0])
	if err != nil {
		return err
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	a, err := st.Get(id)
	if err != nil {
		return err
	}
	what := fmt.Sprintf("%s (#%d)", clean(a.Company), id)
	if !yes && !confirmed(e, fmt.Sprintf("Delete %s and its %d events for good? [y/N] ", what, len(a.Events))) {
		return usageErr("not deleted: %s is kept. To delete it, answer y, or add --yes", what)
	}
	if err := st.Delete(id); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Deleted %s.\n", what)
	return nil
}

// confirmed asks a yes/no question on standard error and reads the answer
// from standard input; anything but y or yes (an empty input too) is no.
func confirmed(e *env, question string) bool {
	fmt.Fprint(e.stderr, question)
	line, _ := bufio.NewReader(e.stdin).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true
	}
	fmt.Fprintln(e.stderr)
	return false
}
