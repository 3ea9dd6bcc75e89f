package tui

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"afterview/stages"
)

// With no name configured, the first draft asks for the one to sign
// with, once: it is saved in the configuration file ([me] name), and the
// draft goes on to what was asked (copy, edit, mail). Esc leaves the
// marked gap "[your name]" for the rest of the session.

// newNameForm asks the user's name, for p's draft, then to do v with it.
func newNameForm(c *programContext, p stages.Prompt, v promptVerb) *form {
	f := &form{kind: formName, prompt: p, then: v, title: "Your name, to sign your drafts"}
	name := newField(c, "name", "Name", "", "e.g. Jamie Doe",
		"Asked once: it is saved in the configuration file as [me] name. Esc leaves [your name] in the draft.", stages.MaxNameLen)
	name.parse = func(s string) (any, error) {
		s = strings.TrimSpace(s)
		switch {
		case s == "":
			return nil, errors.New("name: type the name to sign with, or esc to leave the gap")
		case strings.IndexFunc(s, unicode.IsControl) >= 0:
			return nil, errors.New("name: a name has no control characters")
		}
		return s, nil
	}
	f.fields = []field{name}
	f.focusCmd()
	return f
}

// nameSavedMsg says whether the name was saved.
type nameSavedMsg struct {
	name string
	p    stages.Prompt
	then promptVerb
	err  error
}

func (f *form) submitName(c *programContext) (tea.Cmd, bool) {
	name, _ := f.parsed("name").(string)
	save, p, then := c.drafts.SaveName, f.prompt, f.then
	return func() tea.Msg { return nameSavedMsg{name: name, p: p, then: then, err: save(name)} }, true
}

// nameSaved signs the drafts with the saved name from now on, and does
// what the draft was asked for.
func (m Model) nameSaved(msg nameSavedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		if m.form != nil {
			m.form.saving = false
			m.form.err = fmt.Sprintf("cannot save your name: %v", msg.err)
		}
		return m, nil
	}
	m.form = nil
	m.ctx.drafts.Me = msg.name
	// Drafts rendered with the gap are drafted again.
	m.ctx.drafted = drafted{}
	note := "name saved: drafts are signed " + sanitize(msg.name)
	m, cmd := m.draftVerb(msg.p, msg.then)
	if !m.ctx.drafted.done {
		// The draft renders off the event loop: the note waits for it.
		m.ctx.nameNote = note
	}
	m.setStatus(note + " · " + m.status)
	return m, cmd
}

// thankAll marks every thank-you of a not yet sent as sent, in one write
// (an application added after the fact), as 'log ID thanks --to all'.
func (m Model) thankAll(a *stages.Application) (Model, tea.Cmd) {
	now := m.ctx.now()
	people := a.Unthanked(now.Location())
	if len(people) == 0 {
		m.setStatus("everyone at " + sanitize(a.Company) + " is thanked already")
		return m, nil
	}
	events := make([]stages.Event, len(people))
	for i, p := range people {
		events[i] = stages.Event{Kind: stages.EvThanks, Person: p, At: now}
	}
	label := fmt.Sprintf("%d thank-you%s to %s marked sent for %s", len(people), map[bool]string{true: "", false: "s"}[len(people) == 1],
		sanitize(strings.Join(people, ", ")), sanitize(a.Company))
	before := a.Clone()
	st, settings := m.store, m.ctx.settings
	return m, func() tea.Msg {
		_, err := st.Update(before.ID, func(x *stages.Application) error {
			for _, e := range events {
				if err := x.Apply(settings, e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return errMsg{err: err, doing: "saving " + label}
		}
		return savedMsg{status: label, selectID: before.ID, undoable: true}
	}
}
