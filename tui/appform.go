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
		orig := a.Clone()
		f.orig = &orig
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
	checkName := func(what string, required bool) func(string) (any, error) {
		return checked(func(s string) error {
			if required && strings.TrimSpace(s) == "" {
				return fmt.Errorf("%s: a name is needed", what)
			}
			if n := len([]rune(s)); n > stages.MaxNameLen {
				return fmt.Errorf("%s: %d characters is too long (at most %d)", what, n, stages.MaxNameLen)
			}
			return nil
		})
	}
	f.fields = []field{
		newField(c, "company", "Company", company, "e.g. Netflix", "The company you interviewed with. Netflix and Amazon get their own process.", stages.MaxNameLen+50),
		newField(c, "role", "Role", role, "e.g. Senior Software Engineer", "The position, optional.", stages.MaxNameLen+50),
		choiceField("process", "Process", "The company's hiring process: ←/→ to choose. A new company gets standard.", stringOptions(names), process),
		dateField(c, "interview", "Final interview", interview, "e.g. yesterday 15:00", "When the final interview took place: yesterday 15:00, fri 10am, 28 Nov 14:00 or "+now.Format("2006-01-02")+" 14:00. Thank-yous are due 24 hours after.", whenMoment, stages.LeanPast),
		newField(c, "interviewers", "Interviewers", interviewers, "e.g. Ana Lopez, Sam Wu", "Who interviewed you, separated by commas: each gets a thank-you prompt.", stages.MaxNoteLen),
		newField(c, "recruiter", "Recruiter", recruiter, "e.g. Dana Kim", "Your recruiter: gets a thank-you, and the one follow-up.", stages.MaxNameLen+50),
		dateField(c, "promised", "Promised by", promised, "e.g. fri, optional", "The date the recruiter said you would hear by, if any (fri, in 5 days, 4 Dec): it replaces the usual 7–14 day window.", whenDay, stages.LeanFuture),
		newField(c, "notes", "Notes", notes, "optional", "Anything worth remembering about this process.", stages.MaxNoteLen),
	}
	if a == nil {
		// Adding an interview from days ago: say which thank-yous went out,
		// so Today is not flooded with overdue ones.
		th := newField(c, "thanked", "Thanked already", "", "all, or names; optional", "The thank-yous you already sent: all, or names separated by commas (Ana, Jo). Leave empty if none.", stages.MaxNoteLen)
		f.fields = append(f.fields[:len(f.fields)-1], th, f.fields[len(f.fields)-1])
		f.showThanked(c)
	}
	f.field("company").parse = checkName("company", true)
	f.field("role").parse = checkName("role", false)
	f.field("recruiter").parse = checkName("recruiter", false)
	f.field("interview").parse = parseMoment(c, stages.LeanPast)
	f.field("promised").parse = parseDay(c, stages.LeanFuture)
	f.focusCmd()
	return f
}

// showThanked shows the "Thanked already" field only for an interview more
// than a day ago: sooner, the thank-yous are not late and x ticks them off.
func (f *form) showThanked(c *programContext) {
	if f.kind != formAdd {
		return
	}
	now := c.now()
	t, ok := f.field("interview").resolve(now)
	f.field("thanked").hidden = !ok || now.Sub(t) < 24*time.Hour
}

// pickProcess chooses the process named like the company, if there is one.
func pickProcess(c *programContext, fl *field, company string) {
	want := stages.DefaultTemplate
	if t, err := c.settings.Process(strings.ToLower(strings.TrimSpace(company))); err == nil {
		want = t.Name
	}
	for i, o := range fl.options {
		if o.value == want {
			fl.choice = i
		}
	}
}

// showErrors puts each mistake in err under the field it is about, and
// the rest at the foot of the form; the focus goes to the first field in
// error.
func (f *form) showErrors(err error) {
	var rest []string
	first := -1
	for _, e := range stages.Mistakes(err) {
		idx := -1
		if field, ok := stages.FieldOf(e); ok {
			for i := range f.fields {
				if f.fields[i].key == string(field) && !f.fields[i].hidden {
					idx = i
				}
			}
		}
		if idx < 0 {
			rest = append(rest, e.Error())
			continue
		}
		f.fields[idx].err = e.Error()
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

// checkAll reads every shown text field into its val, the values saving
// uses; it reports whether all hold.
func (f *form) checkAll() bool {
	ok := true
	first := -1
	for i := range f.fields {
		fl := &f.fields[i]
		fl.err, fl.val = "", nil
		if fl.hidden || fl.parse == nil {
			continue
		}
		v, err := fl.parse(fl.input.Value())
		fl.val = v
		if err != nil {
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
	switch f.kind {
	case formLog:
		return f.submitLog(c, st)
	case formSnooze:
		return f.submitSnooze(c, st)
	case formPerson:
		return f.submitPerson(c, st)
	case formName:
		return f.submitName(c)
	}
	now := c.now()
	interviewed, _ := f.parsed("interview").(time.Time)
	expect, _ := f.parsed("promised").(stages.Date)
	company, role, notes := f.value("company"), f.value("role"), f.value("notes")
	process := f.chosen("process").(string)
	// Names may come with addresses: "Ana Lopez <ana@example.com>".
	interviewers, people, err := stages.ParsePeople(splitNames(f.value("interviewers")), stages.RoleInterviewer)
	if err != nil {
		err = &stages.FieldError{Field: stages.FieldInterviewers, Err: err}
	}
	recruiterName, recruiterPerson, rerr := stages.ParsePeople([]string{f.value("recruiter")}, stages.RoleRecruiter)
	if rerr != nil {
		rerr = &stages.FieldError{Field: stages.FieldRecruiter, Err: rerr}
	}
	if err = errors.Join(err, rerr); err != nil {
		f.showErrors(err)
		return nil, false
	}
	recruiter := strings.Join(recruiterName, "")
	people = append(people, recruiterPerson...)

	if f.kind == formAdd {
		a, err := c.settings.NewApplication(company, role, process, interviewed, interviewers, recruiter, expect, now)
		if err == nil {
			a.KeepAddresses(people)
			a.Notes = notes
			err = a.Validate(c.settings)
		}
		if err == nil {
			err = a.MarkThanked(c.settings, []string{f.value("thanked")}, now)
		}
		if err != nil {
			f.showErrors(err)
			return nil, false
		}
		return addCmd(st, a), true
	}

	before, err := c.data.need(f.appID)
	if err != nil {
		f.err = err.Error()
		return nil, false
	}
	orig := f.orig
	if orig == nil {
		orig = before
	}
	// The fields the user changed: the form against the application as it
	// was when the form opened. Only those are written; the others keep
	// whatever they hold when the write happens, so that a change another
	// afterview made meanwhile (a promised date logged from a shell) is not
	// quietly reverted by the form's stale copy.
	type change struct {
		name string
		from func(a *stages.Application) string
		set  func(c *stages.Changes)
	}
	var changes []change
	add := func(name string, differs bool, from func(a *stages.Application) string, set func(c *stages.Changes)) {
		if differs {
			changes = append(changes, change{name, from, set})
		}
	}
	joined := func(a *stages.Application) string { return strings.Join(a.Interviewers, "\x00") }
	add("company", orig.Company != company, func(a *stages.Application) string { return a.Company }, func(c *stages.Changes) { c.Company = &company })
	add("role", orig.Role != role, func(a *stages.Application) string { return a.Role }, func(c *stages.Changes) { c.Role = &role })
	add("process", orig.Process != process, func(a *stages.Application) string { return a.Process }, func(c *stages.Changes) { c.Process = &process })
	add("interview", !interviewed.IsZero() && !orig.Interviewed.Equal(interviewed),
		func(a *stages.Application) string { return a.Interviewed.UTC().Format(time.RFC3339Nano) },
		func(c *stages.Changes) { c.Interviewed = &interviewed })
	add("interviewers", joined(orig) != strings.Join(interviewers, "\x00"), joined, func(c *stages.Changes) { c.Interviewers = &interviewers })
	add("recruiter", orig.Recruiter != recruiter, func(a *stages.Application) string { return a.Recruiter }, func(c *stages.Changes) { c.Recruiter = &recruiter })
	add("promised date", orig.Expect != expect, func(a *stages.Application) string { return a.Expect.String() }, func(c *stages.Changes) { c.Expect = &expect })
	add("notes", orig.Notes != notes, func(a *stages.Application) string { return a.Notes }, func(c *stages.Changes) { c.Notes = &notes })
	// Addresses typed with the names only add details: no clash to tell.
	if probe := orig.Clone(); probe.KeepAddresses(people) {
		add("addresses", true, func(*stages.Application) string { return "" }, func(c *stages.Changes) { c.People = people })
	}
	if len(changes) == 0 {
		return func() tea.Msg { return formClosedMsg{"nothing changed"} }, true
	}
	settings := c.settings
	edit := func(a *stages.Application) error {
		var clashes []string
		var c stages.Changes
		for _, ch := range changes {
			if ch.from(a) != ch.from(orig) {
				clashes = append(clashes, ch.name)
			}
			ch.set(&c)
		}
		if len(clashes) > 0 {
			return &editClash{fields: clashes}
		}
		_, err := a.Edit(settings, c, now)
		return err
	}
	// Try the change on a copy first, so mistakes show in the form.
	trial := before.Clone()
	if err := edit(&trial); err != nil {
		var clash *editClash
		if errors.As(err, &clash) {
			f.err = clash.Error()
			return nil, false
		}
		f.showErrors(err)
		return nil, false
	}
	return updateCmd(st, *before, edit, "saved "+sanitize(company)), true
}

// editClash is an edit refused because a field the user changed in the form
// was also changed, since the form opened, by another afterview.
type editClash struct{ fields []string }

func (e *editClash) Error() string {
	return fmt.Sprintf("the %s changed since this form opened (another afterview wrote to it): esc, then open the form again to start from what is there now",
		strings.Join(e.fields, " and "))
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

// The parsers of the forms' text fields (see field.parse).

// parseMoment reads a date and time; empty is nil.
func parseMoment(c *programContext, lean stages.Lean) func(string) (any, error) {
	return optional(func(s string) (time.Time, error) { return stages.ParseWhen(s, c.now(), lean) })
}

// parseDay reads a day; empty is nil.
func parseDay(c *programContext, lean stages.Lean) func(string) (any, error) {
	return optional(func(s string) (stages.Date, error) { return stages.ParseDay(s, c.now(), lean) })
}

// optional is a parser of a field that may be left empty (nil).
func optional[T any](read func(string) (T, error)) func(string) (any, error) {
	return func(s string) (any, error) {
		if strings.TrimSpace(s) == "" {
			return nil, nil
		}
		v, err := read(s)
		if err != nil {
			return nil, err
		}
		return v, nil
	}
}

// checked is a parser that only checks: the value is the text itself.
func checked(check func(string) error) func(string) (any, error) {
	return func(s string) (any, error) { return nil, check(s) }
}
