package stages

import (
	"slices"
	"strings"
	"time"
)

// Changes are the details an edit sets; nil leaves a detail as it is. The
// command line sets what its flags name, the UI's form sets everything.
type Changes struct {
	Company, Role, Process, Recruiter, Notes *string
	Interviewed                              *time.Time
	Interviewers                             *[]string
	Expect                                   *Date
	// People holds the addresses that came with the names (see ParsePeople).
	People []Person
}

// Edit applies c to a, records what changed as one edit event at now, and
// validates the result. It returns the names of the details that changed
// (none: nothing is recorded).
func (a *Application) Edit(s *Settings, c Changes, now time.Time) ([]string, error) {
	var changed []string
	str := func(what string, dst *string, v *string) {
		if v == nil {
			return
		}
		if nv := strings.TrimSpace(*v); nv != *dst {
			*dst = nv
			changed = append(changed, what)
		}
	}
	str("company", &a.Company, c.Company)
	str("role", &a.Role, c.Role)
	if c.Process != nil && *c.Process != a.Process {
		t, err := s.Process(*c.Process)
		if err != nil {
			return nil, fieldErr(FieldProcess, err)
		}
		if t.Name != a.Process {
			a.Process = t.Name
			if t := a.Template(s); t.StageIndex(a.Stage) < 0 {
				a.Stage = t.Stages[0].Name
			}
			changed = append(changed, "process")
		}
	}
	if c.Interviewed != nil && !c.Interviewed.IsZero() && !a.Interviewed.Equal(*c.Interviewed) {
		a.Interviewed = *c.Interviewed
		// The interview event is the record of when it took place.
		for i := range a.Events {
			if a.Events[i].Kind == EvInterview {
				a.Events[i].At = *c.Interviewed
				break
			}
		}
		changed = append(changed, "interview")
	}
	if c.Interviewers != nil {
		names := trimAll(*c.Interviewers)
		if strings.Join(a.Interviewers, "\x00") != strings.Join(names, "\x00") {
			a.Interviewers = names
			changed = append(changed, "interviewers")
		}
	}
	str("recruiter", &a.Recruiter, c.Recruiter)
	if a.KeepAddresses(c.People) {
		changed = append(changed, "addresses")
	}
	if c.Expect != nil && *c.Expect != a.Expect {
		a.Expect = *c.Expect
		changed = append(changed, "promised date")
	}
	str("notes", &a.Notes, c.Notes)
	if len(changed) == 0 {
		return nil, nil
	}
	if err := a.Apply(s, Event{Kind: EvEdit, At: now, Note: "changed " + strings.Join(changed, ", ")}); err != nil {
		return nil, err
	}
	if c.Process == nil || !slices.Contains(changed, "process") {
		// A process since removed from the configuration is no error
		// while the application keeps it.
		return changed, a.ValidateKept(s)
	}
	return changed, a.Validate(s)
}
