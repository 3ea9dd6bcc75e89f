package stages

import (
	"strings"
	"testing"
	"time"
)

func TestParsePerson(t *testing.T) {
	for _, c := range []struct {
		in, name, email, err string
	}{
		{in: "Ana Lopez", name: "Ana Lopez"},
		{in: "  Ana   Lopez ", name: "Ana Lopez"},
		{in: "Ana Lopez <ana@example.com>", name: "Ana Lopez", email: "ana@example.com"},
		{in: `"Lopez, Ana" <ana@example.com>`, name: "Lopez, Ana", email: "ana@example.com"},
		{in: "ana@example.com", name: "ana", email: "ana@example.com"},
		{in: "@SUM(A1)", name: "@SUM(A1)"},
		{in: "Jo @ Acme", name: "Jo @ Acme"},
		{in: "Ana <not an address>", err: "neither a plain name"},
		{in: " ", err: "a name is needed"},
	} {
		p, err := ParsePerson(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("ParsePerson(%q) = %+v, %v; want error %q", c.in, p, err, c.err)
			}
			continue
		}
		if err != nil || p.Name != c.name || p.Email != c.email {
			t.Errorf("ParsePerson(%q) = %+v, %v; want %q <%s>", c.in, p, err, c.name, c.email)
		}
	}
}

func TestPeopleKeepInterviewersAndRecruiterConsistent(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	a, err := NewApplication("Figma", "Product Engineer", "", now.Add(-24*time.Hour), []string{"Elena Sato"}, "Riley Chen", Date{}, now)
	if err != nil {
		t.Fatal(err)
	}
	// Details for an interviewer already listed: still one person.
	if err := a.SetPerson(nil, Person{Name: "elena sato", Role: RoleInterviewer, Email: "elena@figma.com", TalkedAbout: "asked about the migration"}, now); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(a.Interviewers, ","); got != "Elena Sato" {
		t.Errorf("interviewers = %q", got)
	}
	// A hiring manager is a person, not an interviewer to thank.
	if err := a.SetPerson(nil, Person{Name: "Noah Brooks", Role: RoleHiringManager, Phone: "+1 555 0100"}, now); err != nil {
		t.Fatal(err)
	}
	// A new recruiter: the old one stays, as other, with any details.
	if err := a.SetPerson(nil, Person{Name: "Sam Ortiz", Role: RoleRecruiter, Email: "sam@figma.com"}, now); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range a.Persons() {
		got = append(got, p.Name+"/"+string(p.Role)+"/"+p.Email)
	}
	want := "Elena Sato/interviewer/elena@figma.com Sam Ortiz/recruiter/sam@figma.com Noah Brooks/hiring_manager/ Riley Chen/other/"
	if strings.Join(got, " ") != want {
		t.Errorf("Persons() =\n %s\nwant\n %s", strings.Join(got, " "), want)
	}
	if a.Recruiter != "Sam Ortiz" || strings.Join(a.People(), ",") != "Elena Sato,Sam Ortiz" {
		t.Errorf("recruiter %q, people %q", a.Recruiter, a.People())
	}
	// Moving the interviewer to another role takes her off the thank-you list.
	if err := a.SetPerson(nil, Person{Name: "Elena Sato", Role: RoleOther}, now); err != nil {
		t.Fatal(err)
	}
	if len(a.Interviewers) != 0 {
		t.Errorf("interviewers after a role change = %q", a.Interviewers)
	}
	p, err := a.RemovePerson(nil, "noah", now)
	if err != nil || p.Name != "Noah Brooks" {
		t.Fatalf("RemovePerson(noah) = %+v, %v", p, err)
	}
	if _, err := a.Person("noah"); err == nil {
		t.Error("Noah is still listed after removal")
	}
	if n := len(a.Events); a.Events[n-1].Kind != EvEdit || a.Events[n-1].Note != "removed Noah Brooks" {
		t.Errorf("last event = %+v", a.Events[n-1])
	}
	// A bad address changes nothing.
	before := a.Clone()
	if err := a.SetPerson(nil, Person{Name: "X", Email: "not-an-address"}, now); err == nil || !strings.Contains(err.Error(), "email") {
		t.Errorf("bad email accepted: %v", err)
	}
	if len(a.Events) != len(before.Events) || len(a.Contacts) != len(before.Contacts) {
		t.Error("a refused change changed the application")
	}
}
