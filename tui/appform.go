package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"afterview/stages"
)

const dateTimeLayout = "2006-01-02 15:04"

// newAppForm opens the add form (a == nil) or the edit form of a.
func newAppForm(c *programContext, a *stages.Application) *form {
	now := c.now()
	loc := now.Location()
	f := &form{kind: formAdd, title: "Add an application"}
	var company, role, interview, interviewers, recruiter, promised, notes string
	process := stages.DefaultTemplate
	interview = now.Truncate(time.Hour).Format(dateTimeLayout)
	if a != nil {
		f.kind, f.appID = formEdit, a.ID
		f.title = "Edit " + sanitize(a.Company)
		f.processTouched = true
		company, role, recruiter, notes = a.Company, a.Role, a.Recruiter, a.Notes
		process = a.Process
		interview = a.Interviewed.In(loc).Format(dateTimeLayout)
		interviewers = strings.Join(a.Interviewers, ", ")
		promised = a.Expect.String()
	}
	names := c.settings.ProcessNames()
	if a != nil && !slices.Contains(names, process) {
		// A process since removed from the configuration stays the
		// application's until the user picks another.
		names = append(names, process)
	}
	sel := 0
	for i, n := range names {
		if n == process {
			sel = i
		}
	}
	checkDateTime := func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := stages.ParseDateTime(s, loc)
		return err
	}
	checkDate := func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		_, err := stages.ParseDate(s)
		return err
	}
	checkName := func(what string, required bool) func(string) error {
		return func(s string) error {
			if required && strings.TrimSpace(s) == "" {
				return fmt.Errorf("%s: a name is needed", what)
			}
			if n := len([]rune(s)); n > stages.MaxNameLen {
				return fmt.Errorf("%s: %d characters is too long (at most %d)", what, n, stages.MaxNameLen)
			}
			return nil
		}
	}
	f.fields = []field{
		newField(c, "company", "Company", company, "e.g. Netflix", "The company you interviewed with. Netflix and Amazon get their own process.", stages.MaxNameLen+50),
		newField(c, "role", "Role", role, "e.g. Senior Software Engineer", "The position, optional.", stages.MaxNameLen+50),
		choiceField("process", "Process", "The company's hiring process: ←/→ to choose. A new company gets standard.", names, sel),
		newField(c, "interview", "Final interview", interview, "YYYY-MM-DD HH:MM", "When the final interview took place: YYYY-MM-DD HH:MM, for example "+now.Format("2006-01-02")+" 14:00. Thank-yous are due 24 hours after.", 40),
		newField(c, "interviewers", "Interviewers", interviewers, "e.g. Ana Lopez, Sam Wu", "Who interviewed you, separated by commas: each gets a thank-you prompt.", stages.MaxNoteLen),
		newField(c, "recruiter", "Recruiter", recruiter, "e.g. Dana Kim", "Your recruiter: gets a thank-you, and the one follow-up.", stages.MaxNameLen+50),
		newField(c, "promised", "Promised by", promised, "YYYY-MM-DD, optional", "The date the recruiter said you would hear by, if any: it replaces the usual 7–14 day window.", 20),
		newField(c, "notes", "Notes", notes, "optional", "Anything worth remembering about this process.", stages.MaxNoteLen),
	}
	f.field("company").check = checkName("company", true)
	f.field("role").check = checkName("role", false)
	f.field("recruiter").check = checkName("recruiter", false)
	f.field("interview").check = checkDateTime
	f.field("promised").check = checkDate
	f.focusCmd()
	return f
}

// pickProcess chooses the process named like the company, if there is one.
func pickProcess(c *programContext, fl *field, company string) {
	want := stages.DefaultTemplate
	if t, err := c.settings.Process(strings.ToLower(strings.TrimSpace(company))); err == nil {
		want = t.Name
	}
	for i, n := range fl.choices {
		if n == want {
			fl.choice = i
		}
	}
}

// fieldFor says which field a validation message is about, from its words.
func fieldFor(msg string) string {
	prefixes := []struct{ prefix, key string }{
		{"company", "company"}, {"role", "role"}, {"recruiter", "recruiter"},
		{"interviewer", "interviewers"}, {"notes", "notes"}, {"note", "note"},
		{"interview date", "interview"}, {"promised date", "promised"},
		{"unknown process", "process"}, {"unknown stage", "stage"},
		{"person", "person"}, {"a thank-you needs", "person"},
		{"unknown outcome", "outcome"}, {"event date", "when"},
	}
	for _, p := range prefixes {
		if strings.HasPrefix(msg, p.prefix) {
			return p.key
		}
	}
	return ""
}

// showErrors puts each line of err under the field it is about, and the
// rest at the foot of the form; the focus goes to the first field in error.
func (f *form) showErrors(err error) {
	var rest []string
	first := -1
	for _, line := range strings.Split(err.Error(), "\n") {
		if line == "" {
			continue
		}
		k := fieldFor(line)
		idx := -1
		for i := range f.fields {
			if f.fields[i].key == k && !f.fields[i].hidden {
				idx = i
			}
		}
		if idx < 0 {
			rest = append(rest, line)
			continue
		}
		f.fields[idx].err = line
		if first < 0 || idx < first {
			first = idx
		}
	}
	f.err = strings.Join(rest, "; ")
	if first >= 0 {
		f.focus = first
		f.focusCmd()
	}
}

// checkAll validates every shown text field; it reports whether all hold.
func (f *form) checkAll() bool {
	ok := true
	first := -1
	for i := range f.fields {
		fl := &f.fields[i]
		fl.err = ""
		if fl.hidden || fl.check == nil {
			continue
		}
		if err := fl.check(fl.input.Value()); err != nil {
			fl.err = err.Error()
			ok = false
			if first < 0 {
				first = i
			}
		}
	}
	if first >= 0 {
		f.focus = first
		f.focusCmd()
	}
	return ok
}

var errNoApp = errors.New("this application is gone (deleted, perhaps by another afterview)")

// submit validates the form and returns the command that saves it, or false
// with the mistakes shown in the form.
func (f *form) submit(c *programContext, st Store) (tea.Cmd, bool) {
	f.err = ""
	if !f.checkAll() {
		return nil, false
	}
	if f.kind == formLog {
		return f.submitLog(c, st)
	}
	now := c.now()
	loc := now.Location()
	var interviewed time.Time
	if v := f.value("interview"); v != "" {
		interviewed, _ = stages.ParseDateTime(v, loc)
	}
	var expect stages.Date
	if v := f.value("promised"); v != "" {
		expect, _ = stages.ParseDate(v)
	}
	interviewers := splitNames(f.value("interviewers"))
	company, role, recruiter, notes := f.value("company"), f.value("role"), f.value("recruiter"), f.value("notes")
	process := f.value("process")

	if f.kind == formAdd {
		a, err := c.settings.NewApplication(company, role, process, interviewed, interviewers, recruiter, expect, now)
		if err == nil {
			a.Notes = notes
			err = a.Validate()
		}
		if err != nil {
			f.showErrors(err)
			return nil, false
		}
		return addCmd(st, a), true
	}

	before, ok := c.data.app(f.appID)
	if !ok {
		f.err = errNoApp.Error()
		return nil, false
	}
	edit := func(a *stages.Application) error {
		var changed []string
		set := func(what string, differs bool) {
			if differs {
				changed = append(changed, what)
			}
		}
		set("company", a.Company != company)
		set("role", a.Role != role)
		set("process", a.Process != process)
		set("interview", !interviewed.IsZero() && !a.Interviewed.Equal(interviewed))
		set("interviewers", strings.Join(a.Interviewers, "\x00") != strings.Join(interviewers, "\x00"))
		set("recruiter", a.Recruiter != recruiter)
		set("promised date", a.Expect != expect)
		set("notes", a.Notes != notes)
		if len(changed) == 0 {
			return nil
		}
		a.Company, a.Role, a.Recruiter, a.Notes = company, role, recruiter, notes
		a.Interviewers, a.Expect = interviewers, expect
		if a.Process != process {
			a.Process = process
			if a.Template().StageIndex(a.Stage) < 0 {
				a.Stage = a.Template().Stages[0].Name
			}
		}
		if !interviewed.IsZero() && !a.Interviewed.Equal(interviewed) {
			a.Interviewed = interviewed
			// The interview event is the record of when it took place.
			for i := range a.Events {
				if a.Events[i].Kind == stages.EvInterview {
					a.Events[i].At = interviewed
					break
				}
			}
		}
		if err := a.Apply(stages.Event{Kind: stages.EvEdit, At: now, Note: "changed " + strings.Join(changed, ", ")}); err != nil {
			return err
		}
		if a.Process == before.Process {
			return a.ValidateKept()
		}
		return a.Validate()
	}
	// Try the change on a copy first, so mistakes show in the form.
	trial := before.Clone()
	if err := edit(&trial); err != nil {
		f.showErrors(err)
		return nil, false
	}
	if len(trial.Events) == len(before.Events) {
		return func() tea.Msg { return formClosedMsg{"nothing changed"} }, true
	}
	return updateCmd(st, *before, edit, "saved "+sanitize(company)), true
}

// splitNames splits a comma-separated list of names.
func splitNames(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
