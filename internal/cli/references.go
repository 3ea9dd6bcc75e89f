package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/stages"
)

func (e *env) newReferencesCommand() *cobra.Command {
	rf := &referencesFlags{}
	return e.newCommand(spec{
		use:     "references [add NAME | edit NAME | remove NAME] [options]",
		summary: "your references and whom you gave them to",
		long: `  afterview references
  afterview references add NAME [options]
  afterview references edit NAME [options]
  afterview references remove NAME

Your own references, kept outside any application: who they are, how to
reach them and which applications you gave them to. When a company reaches
its reference check, the heads-up draft goes to the references given to it;
after you accept an offer, so does the thank-you. NAME is a name or a name
with an address ("Maria Gomez <maria@acme.com>"); edit and remove take a
first name or the start of one too.

The options go with add and edit; edit changes only those given.`,
		flags: func(f *pflag.FlagSet) {
			rf.flags = f
			f.StringVar(&rf.ref.Relation, "relation", "", "who they are to you, e.g. \"former manager at Acme\"")
			valueName(f, "relation", "TEXT")
			f.StringVar(&rf.ref.Email, "email", "", "their email address")
			valueName(f, "email", "E")
			f.StringVar(&rf.ref.Phone, "phone", "", "their phone number")
			valueName(f, "phone", "P")
			f.Var(&rf.given, "given", "an application you gave them to (repeat for each)")
			valueName(f, "given", "ID")
			f.Var(&rf.notGiven, "not-given", "an application to take them off (edit)")
			valueName(f, "not-given", "ID")
		},
		run: func(args []string) error { return cmdReferences(e, rf, args) },
	})
}

// referencesFlags are the references command's flags, as cobra parsed them.
type referencesFlags struct {
	ref             stages.Reference
	given, notGiven idList
	flags           *pflag.FlagSet // to see which were given
}

// referencesRequest is the references command as typed.
type referencesRequest struct {
	action          string // "" lists
	name            string
	ref             stages.Reference
	given, notGiven []uint64
	set             map[string]bool
}

// idList is a repeatable application id flag.
type idList []uint64

func (l *idList) String() string { return fmt.Sprint([]uint64(*l)) }
func (l *idList) Type() string   { return "id" }
func (l *idList) Set(v string) error {
	id, err := parseID(v)
	if err != nil {
		return err
	}
	*l = append(*l, id)
	return nil
}

// parseReferencesArgs reads the references command's arguments and flags.
func parseReferencesArgs(rf *referencesFlags, pos []string) (referencesRequest, error) {
	var err error
	r := referencesRequest{ref: rf.ref, given: rf.given, notGiven: rf.notGiven, set: map[string]bool{}}
	rf.flags.Visit(func(f *pflag.Flag) { r.set[f.Name] = true })
	if len(pos) == 0 {
		if len(r.set) > 0 {
			return r, usageErr("references: options go with add or edit, e.g. afterview references edit maria --given 3")
		}
		return r, nil
	}
	if r.action, r.name, err = nameAction("references", "afterview references", "Maria Gomez", pos, len(r.set) > 0); err != nil {
		return r, err
	}
	switch {
	case r.action == "add" && r.set["not-given"]:
		return r, usageErr("--not-given goes with edit")
	case r.action == "edit" && len(r.set) == 0:
		return r, usageErr("references edit needs something to change, e.g. afterview references edit %q --given 3", r.name)
	}
	return r, nil
}

func cmdReferences(e *env, rf *referencesFlags, pos []string) error {
	r, err := parseReferencesArgs(rf, pos)
	if err != nil {
		return err
	}
	st, apps, _, err := e.snapshot()
	if err != nil {
		return err
	}
	if r.action == "" {
		refs, err := st.References()
		if err != nil {
			return err
		}
		writeReferences(e.stdout, refs, apps)
		return nil
	}
	for _, id := range r.given {
		if !slices.ContainsFunc(apps, func(a stages.Application) bool { return a.ID == id }) {
			return notFound(id)
		}
	}
	var done stages.Reference
	_, err = st.UpdateReferences(func(refs []stages.Reference) ([]stages.Reference, error) {
		var err error
		refs, done, err = changeReferences(refs, r)
		return refs, err
	})
	if err != nil {
		return usageErr("%v", err)
	}
	verb := map[string]string{"add": "Added", "edit": "Changed", "remove": "Removed"}[r.action]
	fmt.Fprintf(e.stdout, "%s reference %s.\n", verb, clean(done.Name))
	return nil
}

// changeReferences applies one add, edit or remove to the list.
func changeReferences(refs []stages.Reference, r referencesRequest) ([]stages.Reference, stages.Reference, error) {
	refs = slices.Clone(refs)
	if r.action == "add" {
		p, err := stages.ParsePerson(r.name)
		if err != nil {
			return nil, stages.Reference{}, err
		}
		if slices.ContainsFunc(refs, func(old stages.Reference) bool { return strings.EqualFold(old.Name, p.Name) }) {
			return nil, stages.Reference{}, fmt.Errorf("%s is already a reference: to change their details, use afterview references edit %q", p.Name, p.Name)
		}
		if r.set["email"] && p.Email != "" {
			return nil, stages.Reference{}, fmt.Errorf("the address is given twice: in the name and in --email")
		}
		ref := r.ref
		ref.Name = p.Name
		if !r.set["email"] {
			ref.Email = p.Email
		}
		ref.Given = appendNew(nil, r.given)
		return append(refs, ref), ref, nil
	}
	i, err := stages.FindReference(refs, r.name)
	if err != nil {
		return nil, stages.Reference{}, err
	}
	if r.action == "remove" {
		return slices.Delete(refs, i, i+1), refs[i], nil
	}
	ref := refs[i]
	ref.Given = slices.Clone(ref.Given)
	if r.set["relation"] {
		ref.Relation = r.ref.Relation
	}
	if r.set["email"] {
		ref.Email = r.ref.Email
	}
	if r.set["phone"] {
		ref.Phone = r.ref.Phone
	}
	ref.Given = appendNew(ref.Given, r.given)
	ref.Given = slices.DeleteFunc(ref.Given, func(id uint64) bool { return slices.Contains(r.notGiven, id) })
	refs[i] = ref
	return refs, ref, nil
}

func appendNew(ids, more []uint64) []uint64 {
	for _, id := range more {
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// writeReferences lists the references, with the applications each was given to.
func writeReferences(w io.Writer, refs []stages.Reference, apps []stages.Application) {
	if len(refs) == 0 {
		fmt.Fprintln(w, "No references yet: afterview references add \"Maria Gomez <maria@acme.com>\" --relation \"former manager at Acme\"")
		return
	}
	for _, r := range refs {
		line := []string{clean(r.Name)}
		if r.Relation != "" {
			line[0] += " (" + clean(r.Relation) + ")"
		}
		for _, d := range []string{r.Email, r.Phone} {
			if d != "" {
				line = append(line, clean(d))
			}
		}
		fmt.Fprintln(w, strings.Join(line, " · "))
		var given []string
		for _, id := range r.Given {
			name := "deleted application"
			for _, a := range apps {
				if a.ID == id {
					name = clean(a.Company)
				}
			}
			given = append(given, fmt.Sprintf("%s #%d", name, id))
		}
		if len(given) > 0 {
			fmt.Fprintf(w, "    given to %s\n", strings.Join(given, ", "))
		} else {
			fmt.Fprintln(w, "    not given to any application yet")
		}
	}
}
