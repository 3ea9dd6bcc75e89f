package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// PanicError reports a bug caught inside the program: Run returns it instead
// of letting Bubble Tea print a stack trace at the user.
type PanicError struct{ Value any }

func (p PanicError) Error() string { return fmt.Sprintf("%v", p.Value) }

// panicMsg carries a panic out of a command's goroutine to Update.
type panicMsg struct{ value any }

// safe wraps the root model: a panic in Update, View or a command ends the
// program cleanly (the terminal restored by Bubble Tea as on any quit) and
// is returned by Run as a PanicError. Data is safe: every write is one store
// transaction, committed whole or not at all.
type safe struct {
	inner tea.Model
	err   *PanicError
}

func (s safe) Init() tea.Cmd { return guard(s.inner.Init()) }

func (s safe) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	if p, ok := msg.(panicMsg); ok {
		s.err = &PanicError{p.value}
		return s, tea.Quit
	}
	defer func() {
		if r := recover(); r != nil {
			s.err = &PanicError{r}
			m, cmd = s, tea.Quit
		}
	}()
	inner, c := s.inner.Update(msg)
	s.inner = inner
	return s, guard(c)
}

func (s safe) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			v = tea.NewView("afterview hit an internal error; press any key to quit.")
		}
	}()
	if s.err != nil {
		return tea.NewView("")
	}
	return s.inner.View()
}

// guard makes a command report a panic as a message instead of crashing.
func guard(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = panicMsg{r}
			}
		}()
		msg = cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			guarded := make(tea.BatchMsg, len(batch))
			for i, c := range batch {
				guarded[i] = guard(c)
			}
			return guarded
		}
		return msg
	}
}
