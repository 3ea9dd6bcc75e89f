package stages

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"
)

// Role is what a person does in an application's process.
type Role string

const (
	RoleInterviewer   Role = "interviewer"
	RoleRecruiter     Role = "recruiter"
	RoleHiringManager Role = "hiring_manager"
	RoleOther         Role = "other"
)

// Roles lists every role, in the order people are listed.
var Roles = []Role{RoleInterviewer, RoleRecruiter, RoleHiringManager, RoleOther}

// ParseRole accepts "hiring manager", "hiring-manager" and "hiring_manager" alike.
func ParseRole(s string) (Role, error) {
	n := strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(strings.TrimSpace(s)))
	for _, r := range Roles {
		if string(r) == n {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown role %q: choose one of interviewer, recruiter, hiring-manager, other", s)
}

// Label is the role as people say it.
func (r Role) Label() string { return strings.ReplaceAll(string(r), "_", " ") }

// Limits on a person's details.
const (
	MaxLinkLen        = 2000
	MaxTalkedAboutLen = 1000
)

// Person is someone at the company: their role and how to reach them.
// TalkedAbout is the one specific thing you discussed ("the migration
// project"), written to be quoted: a drafted thank-you to them says it
// (rule 14), and nothing else of the user's own ever goes into a draft.
//
// It is stored and exported under the key "note", the name it had before
// it was called "talked about": it always held this line (the people
// command, the form and the README said a drafted thank-you quotes it), so
// files and exports of every version load as they are, and an older
// afterview reads a newer file without losing it.
type Person struct {
	Name        string `json:"name"`
	Role        Role   `json:"role"`
	Email       string `json:"email,omitempty"`
	Phone       string `json:"phone,omitempty"`
	Link        string `json:"link,omitempty"`
	TalkedAbout string `json:"note,omitempty"`
}

// First is the first word of the person's name.
func (p Person) First() string {
	f, _, _ := strings.Cut(strings.TrimSpace(p.Name), " ")
	return f
}

// Address is the name with the email address, as a mail header writes it
// ("Ana Lopez <ana@example.com>"), or the name alone.
func (p Person) Address() string {
	if p.Email == "" {
		return p.Name
	}
	if p.Name == "" {
		return p.Email
	}
	return p.Name + " <" + p.Email + ">"
}

// ParsePerson reads a name as people paste it from mail: "Ana Lopez
// <ana@example.com>", "ana@example.com" or a plain "Ana Lopez".
func ParsePerson(s string) (Person, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Person{}, errors.New("a name is needed")
	}
	plain := Person{Name: strings.Join(strings.Fields(s), " ")}
	if !strings.Contains(s, "<") {
		// A bare address is taken as one; anything else, an "@" or not,
		// is a plain name.
		if a, err := mail.ParseAddress(s); err == nil && a.Address == s {
			name, _, _ := strings.Cut(a.Address, "@")
			return Person{Name: name, Email: a.Address}, nil
		}
		return plain, nil
	}
	addr, err := mail.ParseAddress(s)
	if err != nil {
		return Person{}, fmt.Errorf("%q is neither a plain name nor a name with an address like \"Ana Lopez <ana@example.com>\" (%v)", s, err)
	}
	p := Person{Name: strings.Join(strings.Fields(addr.Name), " "), Email: addr.Address}
	if p.Name == "" {
		// "<ana@example.com>": the local part is the best name there
		// is, and the user can correct it.
		p.Name, _, _ = strings.Cut(addr.Address, "@")
	}
	return p, nil
}

// checkEmail refuses an address net/mail cannot read.
func checkEmail(s string) error {
	if s == "" {
		return nil
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s {
		return fmt.Errorf("email: %q is not an address like ana@example.com", s)
	}
	return nil
}

// Validate checks a person's details against the limits people are told about.
func (p Person) Validate() error {
	var errs []error
	if strings.TrimSpace(p.Name) == "" {
		errs = append(errs, errors.New("a person needs a name"))
	}
	if _, err := ParseRole(string(p.Role)); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, checkLen("", "name", p.Name, MaxNameLen), checkLen("", "email", p.Email, MaxNameLen),
		checkLen("", "phone", p.Phone, MaxNameLen), checkLen("", "link", p.Link, MaxLinkLen),
		checkLen("", "talked about", p.TalkedAbout, MaxTalkedAboutLen), checkEmail(p.Email))
	return errors.Join(errs...)
}

func sameName(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// Contact returns the details kept for name, if any.
func (a *Application) Contact(name string) (Person, bool) {
	for _, p := range a.Contacts {
		if sameName(p.Name, name) {
			return p, true
		}
	}
	return Person{}, false
}

// Persons lists the application's people with their details: the
// interviewers, the recruiter, then the hiring managers and others. The
// Interviewers and Recruiter fields decide who interviews and who recruits;
// Contacts adds the details (and the people of the other roles), so an
// application from before people had details lists the same people.
func (a *Application) Persons() []Person {
	var out []Person
	add := func(name string, role Role) {
		name = strings.TrimSpace(name)
		if name == "" {
			return
		}
		for _, p := range out {
			if sameName(p.Name, name) {
				return
			}
		}
		p, _ := a.Contact(name)
		p.Name, p.Role = name, role
		out = append(out, p)
	}
	for _, n := range a.Interviewers {
		add(n, RoleInterviewer)
	}
	add(a.Recruiter, RoleRecruiter)
	for _, c := range a.Contacts {
		if c.Role == RoleHiringManager || c.Role == RoleOther {
			add(c.Name, c.Role)
		}
	}
	return out
}

// Person finds one of the application's people by a full name, a first
// name or the start of one, as MatchPerson does.
func (a *Application) Person(name string) (Person, error) {
	all := a.Persons()
	names := make([]string, len(all))
	for i, p := range all {
		names[i] = p.Name
	}
	n, err := MatchPerson(names, name)
	if err != nil {
		return Person{}, err
	}
	for _, p := range all {
		if p.Name == n {
			return p, nil
		}
	}
	return Person{}, &PersonError{Name: name, People: names}
}

// SetPerson adds p to the application's people, or replaces the details of
// the person of that name. An interviewer joins Interviewers (and gets a
// thank-you prompt); a recruiter becomes the Recruiter, and the one before
// stays among the people as "other", details kept. The change is recorded
// as an edit event at now.
func (a *Application) SetPerson(s *Settings, p Person, now time.Time) error {
	p.Name = strings.Join(strings.Fields(p.Name), " ")
	p.Email, p.Phone, p.Link, p.TalkedAbout = strings.TrimSpace(p.Email), strings.TrimSpace(p.Phone), strings.TrimSpace(p.Link), strings.TrimSpace(p.TalkedAbout)
	if p.Role == "" {
		p.Role = RoleInterviewer
	}
	if err := p.Validate(); err != nil {
		return err
	}
	next := a.Clone()
	_, existed := next.Contact(p.Name)
	for _, q := range next.Persons() {
		if sameName(q.Name, p.Name) {
			// The spelling on record names the thank-you events.
			existed, p.Name = true, q.Name
		}
	}
	next.dropName(p.Name)
	switch p.Role {
	case RoleInterviewer:
		next.Interviewers = append(next.Interviewers, p.Name)
	case RoleRecruiter:
		if old := next.Recruiter; old != "" {
			prev, _ := next.Contact(old)
			prev.Name, prev.Role = old, RoleOther
			next.putContact(prev)
		}
		next.Recruiter = p.Name
	}
	next.putContact(p)
	what := "added " + p.Name
	if existed {
		what = "changed " + p.Name
	}
	if err := next.Apply(s, Event{Kind: EvEdit, At: now, Note: what}); err != nil {
		return err
	}
	if err := next.Validate(s); err != nil {
		return err
	}
	*a = next
	return nil
}

// RemovePerson takes the person name means (matched as MatchPerson does)
// off the application: from Interviewers, Recruiter and Contacts. Their
// thank-you events stay in the timeline.
func (a *Application) RemovePerson(s *Settings, name string, now time.Time) (Person, error) {
	p, err := a.Person(name)
	if err != nil {
		return Person{}, err
	}
	next := a.Clone()
	next.dropName(p.Name)
	if err := next.Apply(s, Event{Kind: EvEdit, At: now, Note: "removed " + p.Name}); err != nil {
		return Person{}, err
	}
	*a = next
	return p, nil
}

// dropName removes name from every list of people.
func (a *Application) dropName(name string) {
	var keep []string
	for _, n := range a.Interviewers {
		if !sameName(n, name) {
			keep = append(keep, n)
		}
	}
	a.Interviewers = keep
	if sameName(a.Recruiter, name) {
		a.Recruiter = ""
	}
	var contacts []Person
	for _, c := range a.Contacts {
		if !sameName(c.Name, name) {
			contacts = append(contacts, c)
		}
	}
	a.Contacts = contacts
}

// putContact keeps p's details, replacing any kept under the same name.
func (a *Application) putContact(p Person) {
	for i, c := range a.Contacts {
		if sameName(c.Name, p.Name) {
			a.Contacts[i] = p
			return
		}
	}
	a.Contacts = append(a.Contacts, p)
}

// ParsePeople reads names given on the command line or in a form, each a
// plain name or a name with an address, as ParsePerson does, all with role.
// It returns the names (for Interviewers or Recruiter) and every person read.
func ParsePeople(in []string, role Role) ([]string, []Person, error) {
	var names []string
	var people []Person
	for _, s := range in {
		if strings.TrimSpace(s) == "" {
			continue
		}
		p, err := ParsePerson(s)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", role.Label(), err)
		}
		p.Role = role
		names = append(names, p.Name)
		people = append(people, p)
	}
	return names, people, nil
}

// KeepAddresses keeps the email addresses of people, read by ParsePeople,
// among the application's details. It reports whether anything changed.
func (a *Application) KeepAddresses(people []Person) bool {
	changed := false
	for _, p := range people {
		if p.Email == "" {
			continue
		}
		old, ok := a.Contact(p.Name)
		if ok && old.Email == p.Email && old.Role == p.Role {
			continue
		}
		if ok {
			old.Email, old.Role = p.Email, p.Role
			p = old
		}
		a.putContact(p)
		changed = true
	}
	return changed
}
