package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/stages"
)

func (e *env) newPeopleCommand() *cobra.Command {
	pf := &peopleFlags{}
	return e.newCommand(spec{
		use:     "people ID [add NAME | edit NAME | remove NAME] [options]",
		summary: "an application's people: list, add, edit, remove",
		long: `  afterview people ID
  afterview people ID add NAME [options]
  afterview people ID edit NAME [options]
  afterview people ID remove NAME

Lists an application's people (interviewers, recruiter, hiring managers,
others) with how to reach them, or adds, changes or removes one. NAME is a
name or a name with an address ("Ana Lopez <ana@example.com>"); edit and
remove take a first name or the start of one too. Interviewers get a
thank-you prompt each. --talked-about is the one specific thing you
discussed, written to be quoted: the thank-you draft to that person says
it. Drafts never use your notes, reflections, news or offers.

The options go with add and edit; edit changes only those given.`,
		flags: func(f *pflag.FlagSet) {
			pf.flags = f
			f.StringVar(&pf.role, "role", "", "interviewer (default for add), recruiter, hiring-manager, other")
			valueName(f, "role", "ROLE")
			f.StringVar(&pf.person.Email, "email", "", "their email address")
			valueName(f, "email", "E")
			f.StringVar(&pf.person.Phone, "phone", "", "their phone number")
			valueName(f, "phone", "P")
			f.StringVar(&pf.person.Link, "link", "", "a profile page")
			valueName(f, "link", "URL")
			f.StringVar(&pf.person.TalkedAbout, "talked-about", "", "one thing you discussed, quoted in the thank-you draft, e.g. \"the migration project\"")
			valueName(f, "talked-about", "TEXT")
			// The flag's name before it was called talked about, so that
			// scripts written then keep working.
			f.StringVar(&pf.person.TalkedAbout, "note", "", "the same as --talked-about")
			_ = f.MarkDeprecated("note", "use --talked-about")
		},
		choices:  map[string][]string{"role": {"interviewer", "recruiter", "hiring-manager", "other"}},
		complete: e.completeID(""),
		run:      func(args []string) error { return cmdPeople(e, pf, args) },
	})
}

// peopleFlags are the people command's flags, as cobra parsed them.
type peopleFlags struct {
	role   string
	person stages.Person
	flags  *pflag.FlagSet // to see which were given
}

// peopleRequest is the people command as typed, before it touches the data.
type peopleRequest struct {
	id     uint64
	action string // "" lists
	name   string
	person stages.Person
	set    map[string]bool
}

// parsePeopleArgs reads the people command's arguments and flags.
func parsePeopleArgs(pf *peopleFlags, pos []string) (peopleRequest, error) {
	var err error
	r := peopleRequest{person: pf.person, set: map[string]bool{}}
	pf.flags.Visit(func(f *pflag.Flag) {
		if f.Name == "note" {
			r.set["talked-about"] = true // its old name
			return
		}
		r.set[f.Name] = true
	})
	if len(pos) == 0 {
		return r, usageErr("people needs an application id, e.g. afterview people 3")
	}
	if r.id, err = parseID(pos[0]); err != nil {
		return r, err
	}
	if len(pos) == 1 {
		if len(r.set) > 0 {
			return r, usageErr("people: options go with add or edit, e.g. afterview people %d edit ana --email ana@example.com", r.id)
		}
		return r, nil
	}
	if r.action, r.name, err = nameAction("people", fmt.Sprintf("afterview people %d", r.id), "Ana Lopez", pos[1:], len(r.set) > 0); err != nil {
		return r, err
	}
	if pf.role != "" || r.set["role"] {
		if r.person.Role, err = stages.ParseRole(pf.role); err != nil {
			return r, usageErr("--role: %v", err)
		}
	}
	if r.action == "edit" && len(r.set) == 0 {
		return r, usageErr("people edit needs something to change, e.g. afterview people %d edit %q --email ana@example.com", r.id, r.name)
	}
	return r, nil
}

func cmdPeople(e *env, pf *peopleFlags, pos []string) error {
	r, err := parsePeopleArgs(pf, pos)
	if err != nil {
		return err
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	if r.action == "" {
		a, err := st.Get(r.id)
		if err != nil {
			return err
		}
		writePeople(e.stdout, &a)
		return nil
	}
	var done stages.Person
	a, err := st.Update(r.id, func(a *stages.Application) error {
		var err error
		done, err = changePeople(e.settings(), a, r, e.now)
		return err
	})
	if err != nil {
		return inputErr(fmt.Sprintf("application %d", r.id), err)
	}
	verb := map[string]string{"add": "Added", "edit": "Changed", "remove": "Removed"}[r.action]
	fmt.Fprintf(e.stdout, "%s %s (%s) at %s (#%d).\n", verb, clean(done.Name), done.Role.Label(), clean(a.Company), a.ID)
	return nil
}

// changePeople applies one add, edit or remove to a.
func changePeople(settings *stages.Settings, a *stages.Application, r peopleRequest, now func() time.Time) (stages.Person, error) {
	switch r.action {
	case "remove":
		return a.RemovePerson(settings, r.name, now())
	case "add":
		p, err := stages.ParsePerson(r.name)
		if err != nil {
			return p, err
		}
		if old, err := a.Person(p.Name); err == nil && strings.EqualFold(old.Name, p.Name) {
			return p, fmt.Errorf("%s is already listed: to change their details, use afterview people %d edit %q", old.Name, a.ID, old.Name)
		}
		if r.set["email"] && p.Email != "" {
			return p, fmt.Errorf("the address is given twice: in the name and in --email")
		}
		if !r.set["email"] {
			r.person.Email = p.Email
		}
		p.Email, p.Phone, p.Link, p.TalkedAbout, p.Role = r.person.Email, r.person.Phone, r.person.Link, r.person.TalkedAbout, r.person.Role
		return p, a.SetPerson(settings, p, now())
	}
	p, err := a.Person(r.name)
	if err != nil {
		return p, err
	}
	if r.set["email"] {
		p.Email = r.person.Email
	}
	if r.set["phone"] {
		p.Phone = r.person.Phone
	}
	if r.set["link"] {
		p.Link = r.person.Link
	}
	if r.set["talked-about"] {
		p.TalkedAbout = r.person.TalkedAbout
	}
	if r.set["role"] {
		p.Role = r.person.Role
	}
	return p, a.SetPerson(settings, p, now())
}

// writePeople lists an application's people, one a line, details after.
func writePeople(w io.Writer, a *stages.Application) {
	people := a.Persons()
	fmt.Fprintf(w, "%s #%d · %d %s\n", clean(a.Company), a.ID, len(people), map[bool]string{true: "person", false: "people"}[len(people) == 1])
	for _, p := range people {
		line := []string{clean(p.Name) + " (" + p.Role.Label() + ")"}
		for _, d := range []string{p.Email, p.Phone, p.Link} {
			if d != "" {
				line = append(line, clean(d))
			}
		}
		fmt.Fprintf(w, "  %s\n", strings.Join(line, " · "))
		if p.TalkedAbout != "" {
			fmt.Fprintf(w, "      talked about: %s\n", clean(p.TalkedAbout))
		}
	}
}

// nameAction reads the "add|edit|remove NAME" of the people and references
// commands (cmd is the command as typed so far, for the examples).
func nameAction(name, cmd, example string, pos []string, options bool) (action, who string, err error) {
	action = pos[0]
	switch action {
	case "add", "edit", "remove":
	default:
		return "", "", usageErr("%s: %q is not add, edit or remove\nRun 'afterview %s --help' for the options", name, action, name)
	}
	if len(pos) != 2 {
		return "", "", usageErr("%s %s needs one name (quote names with spaces), e.g. %s %s %q", name, action, cmd, action, example)
	}
	if action == "remove" && options {
		return "", "", usageErr("%s remove takes no options", name)
	}
	return action, pos[1], nil
}
