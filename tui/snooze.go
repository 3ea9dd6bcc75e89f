package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"afterview/stages"
)

// newSnoozeForm asks the day a prompt comes back (Z); z snoozes to
// tomorrow without asking.
func newSnoozeForm(c *programContext, p stages.Prompt) *form {
	now := c.now()
	f := &form{kind: formSnooze, appID: p.AppID, prompt: p,
		title: "Snooze · " + sanitize(p.Company) + " · " + p.Kind.Label()}
	if p.AppID == 0 {
		f.title = "Snooze · " + p.Kind.Label()
	}
	tomorrow := stages.DateOf(now).AddDays(1)
	until := dateField(c, "until", "Until", tomorrow.String(), "e.g. mon, +3d",
		"The day it comes back: mon, in 3 days, +1w, 4 Dec. ↑/↓ move it a day.", whenDay, stages.LeanFuture)
	until.parse = func(s string) (any, error) {
		d, err := stages.ParseDay(s, c.now(), stages.LeanFuture)
		if err != nil {
			return nil, err
		}
		if !d.After(stages.DateOf(c.now())) {
			return nil, fmt.Errorf("until: %s is not after today: pick a later day", stages.DescribeDay(d, c.now()))
		}
		return d, nil
	}
	f.fields = []field{until}
	f.focusCmd()
	return f
}

func (f *form) submitSnooze(c *programContext, st Store) (tea.Cmd, bool) {
	until, _ := f.parsed("until").(stages.Date)
	cmd, err := snoozeCmd(c, st, f.prompt, until, true)
	if err != nil {
		f.err = err.Error()
		return nil, false
	}
	return cmd, true
}

// snoozeCmd hides p until the given day. Its status warns when the prompt
// is due before then: snoozing does not move a deadline.
func snoozeCmd(c *programContext, st Store, p stages.Prompt, until stages.Date, fromForm bool) (tea.Cmd, error) {
	now := c.now()
	e := stages.Event{Kind: stages.EvSnooze, Prompt: p.Key, Until: until, At: now}
	when := "until " + stages.DescribeDay(until, now)
	if until == stages.DateOf(now).AddDays(1) {
		when = "to tomorrow"
	}
	label := p.Kind.Label() + " snoozed " + when
	// The warning is for the status line once: the undo's label, which
	// "undone: …" repeats, leaves it out.
	warning := stages.SnoozeWarning(p, until, stages.DateOf(now))
	warned := func(cmd tea.Cmd) tea.Cmd {
		return func() tea.Msg {
			msg := cmd()
			switch m := msg.(type) {
			case savedMsg:
				m.fromForm = fromForm
				if warning != "" {
					m.status += " · ! " + warning
				}
				return m
			case errMsg:
				m.forForm = fromForm
				return m
			}
			return msg
		}
	}
	if p.AppID == 0 {
		return warned(logGlobalCmd(st, e, label)), nil
	}
	a, err := c.data.need(p.AppID)
	if err != nil {
		return nil, err
	}
	return warned(logCmd(st, c.settings, *a, e, sanitize(a.Company)+" "+label, fromForm)), nil
}
