package main

import (
	"bufio"
	"flag"
	"fmt"
	"strings"

	"afterview/stages"
)

const editUsage = `Usage: afterview edit ID [options]

Changes an application's details; what no option names stays as it is.

Options:
  --company NAME          the company
  --role ROLE             the role
  --process NAME          amazon, netflix or standard
  --interviewed WHEN      the final interview, e.g. "yesterday 15:00", "fri 10am", 2026-11-20T15:00
  --interviewer NAME      the interviewers (repeat for each; replaces the list); a name
                          or a name with an address: "Ana Lopez <ana@example.com>"
  --recruiter NAME        the recruiter (a name, or a name with an address)
  --expect DATE           the promised answer date, e.g. fri, "in 5 days", 2026-11-27
                          (--expect none removes it)
  --note TEXT             the application's notes (replaces them)
`

// editFlags are edit's options as given, before they are read.
type editFlags struct {
	company, role, process, interviewed, recruiter, expect, notes string
	interviewers                                                  stringList
	set                                                           map[string]bool
}

func cmdEdit(e *env, args []string) error {
	var ef editFlags
	fs := newFlags("edit")
	fs.StringVar(&ef.company, "company", "", "")
	fs.StringVar(&ef.role, "role", "", "")
	fs.StringVar(&ef.process, "process", "", "")
	fs.StringVar(&ef.interviewed, "interviewed", "", "")
	fs.StringVar(&ef.recruiter, "recruiter", "", "")
	fs.StringVar(&ef.expect, "expect", "", "")
	fs.StringVar(&ef.notes, "note", "", "")
	fs.Var(&ef.interviewers, "interviewer", "")
	pos, err := parseFlags(e, fs, editUsage, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("edit needs an application id, e.g. afterview edit 3 --role \"Staff Engineer\"")
	}
	id, err := parseID(pos[0])
	if err != nil {
		return err
	}
	ef.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { ef.set[f.Name] = true })
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

const deleteUsage = `Usage: afterview delete ID [--yes]

Deletes an application and its whole history for good. It asks first;
--yes answers for you (for scripts).
`

func cmdDelete(e *env, args []string) error {
	fs := newFlags("delete")
	yes := fs.Bool("yes", false, "")
	fs.BoolVar(yes, "y", false, "")
	pos, err := parseFlags(e, fs, deleteUsage, args)
	if err != nil {
		return err
	}
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
	if !*yes && !confirmed(e, fmt.Sprintf("Delete %s and its %d events for good? [y/N] ", what, len(a.Events))) {
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
