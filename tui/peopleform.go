package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"afterview/stages"
)

// newPersonChoice is the people form's first choice: someone not listed yet.
const newPersonChoice = "new person"

// removeRole is the last role choice for a person already listed.
const removeRole = "remove"

// newPersonForm is the people form of the detail screen (p): add a person,
// or pick one to change their role and details, or remove them.
func newPersonForm(c *programContext, a *stages.Application) *form {
	f := &form{kind: formPerson, appID: a.ID, title: "People · " + sanitize(a.Company)}
	who := []string{newPersonChoice}
	for _, p := range a.Persons() {
		who = append(who, p.Name)
	}
	roles := make([]option, 0, len(stages.Roles)+1)
	for _, r := range stages.Roles {
		roles = append(roles, option{r.Label(), r})
	}
	f.fields = []field{
		choiceField("who", "Who", "←/→: a new person, or someone listed to change or remove.", stringOptions(who), newPersonChoice),
		newField(c, "name", "Name", "", "e.g. Ana Lopez <ana@example.com>", "A name, or a name with an address as mail shows it.", stages.MaxNameLen+stages.MaxNameLen),
		choiceField("role", "Role", "Interviewers and the recruiter get a thank-you prompt each.", roles, stages.RoleInterviewer),
		newField(c, "email", "Email", "", "ana@example.com", "Drafts go To this address.", stages.MaxNameLen),
		newField(c, "phone", "Phone", "", "", "", stages.MaxNameLen),
		newField(c, "link", "Link", "", "https://…", "A profile page.", stages.MaxLinkLen),
		newField(c, "talked_about", "Talked about", "", "e.g. the migration project", "One specific thing you discussed, written to be quoted: the thank-you draft says it. Keep private thoughts in a note.", stages.MaxTalkedAboutLen),
	}
	f.focusCmd()
	return f
}

// pickPerson fills the form with the chosen person's details, or empties
// it for a new one.
func (f *form) pickPerson(c *programContext) {
	a, ok := c.data.app(f.appID)
	if !ok {
		return
	}
	who := f.field("who").value()
	role := f.field("role")
	p := stages.Person{Role: stages.RoleInterviewer}
	existing := who != newPersonChoice
	if existing {
		p, _ = a.Person(who)
	}
	f.field("name").hidden = existing
	role.options = role.options[:len(stages.Roles)]
	if existing {
		role.options = append(role.options, option{removeRole, removeRole})
	}
	for i, r := range stages.Roles {
		if r == p.Role {
			role.choice = i
		}
	}
	for key, v := range map[string]string{"email": p.Email, "phone": p.Phone, "link": p.Link, "talked_about": p.TalkedAbout} {
		fl := f.field(key)
		fl.input.SetValue(v)
		fl.input.CursorEnd()
		fl.prefilled, fl.err = v != "", ""
	}
}

func (f *form) submitPerson(c *programContext, st Store) (tea.Cmd, bool) {
	before, err := c.data.need(f.appID)
	if err != nil {
		f.err = err.Error()
		return nil, false
	}
	now := c.now()
	who := f.field("who").value()
	var change func(*stages.Application) error
	var status string
	if f.chosen("role") == removeRole {
		change = func(a *stages.Application) error { _, err := a.RemovePerson(c.settings, who, now); return err }
		status = "removed " + sanitize(who)
	} else {
		role, _ := f.chosen("role").(stages.Role)
		p := stages.Person{Name: who, Role: role,
			Email: f.value("email"), Phone: f.value("phone"), Link: f.value("link"), TalkedAbout: f.value("talked_about")}
		if who == newPersonChoice {
			typed, err := stages.ParsePerson(f.value("name"))
			if err != nil {
				f.field("name").err = "name: " + err.Error()
				return nil, false
			}
			if typed.Email != "" && p.Email != "" && typed.Email != p.Email {
				f.field("email").err = "email: the name carries another address"
				return nil, false
			}
			if _, ok := before.Contact(typed.Name); ok || sameListed(before, typed.Name) {
				f.field("name").err = "name: " + typed.Name + " is already listed: pick them under Who to change their details"
				return nil, false
			}
			p.Name = typed.Name
			if p.Email == "" {
				p.Email = typed.Email
			}
		}
		change = func(a *stages.Application) error { return a.SetPerson(c.settings, p, now) }
		status = "saved " + sanitize(p.Name)
	}
	// Try it on a copy first, so mistakes show in the form.
	trial := before.Clone()
	if err := change(&trial); err != nil {
		f.err = err.Error()
		return nil, false
	}
	return updateCmd(st, *before, change, status+" at "+sanitize(before.Company)), true
}

// sameListed reports whether name is one of the application's people.
func sameListed(a *stages.Application, name string) bool {
	for _, p := range a.Persons() {
		if strings.EqualFold(p.Name, name) {
			return true
		}
	}
	return false
}
