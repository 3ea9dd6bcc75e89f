package tui

import (
	"errors"
	"testing"

	tea "charm.land/bubbletea/v2"
)

type boom struct{ inUpdate, inCmd bool }

func (b boom) Init() tea.Cmd { return nil }
func (b boom) Update(tea.Msg) (tea.Model, tea.Cmd) {
	if b.inUpdate {
		panic("update broke")
	}
	if b.inCmd {
		return b, tea.Batch(func() tea.Msg { panic("command broke") }, func() tea.Msg { return nil })
	}
	return b, nil
}
func (b boom) View() tea.View { return tea.NewView("ok") }

func TestSafeTurnsAPanicInUpdateIntoQuit(t *testing.T) {
	m, cmd := safe{inner: boom{inUpdate: true}}.Update(tea.KeyPressMsg{})
	s := m.(safe)
	if s.err == nil || s.err.Value != "update broke" {
		t.Fatalf("the panic was not kept: %+v", s.err)
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Fatal("a panic in Update must quit the program")
	}
	var pe PanicError
	if !errors.As(error(*s.err), &pe) {
		t.Fatal("PanicError is an error Run can return")
	}
}

func TestSafeTurnsAPanicInACommandIntoAMessage(t *testing.T) {
	_, cmd := safe{inner: boom{inCmd: true}}.Update(tea.KeyPressMsg{})
	batch, ok := cmd().(tea.BatchMsg)
	if !ok || len(batch) != 2 {
		t.Fatalf("want the batch passed through, got %T", cmd())
	}
	msg := batch[0]()
	if _, ok := msg.(panicMsg); !ok {
		t.Fatalf("a panicking command must report panicMsg, got %T", msg)
	}
	m, quit := safe{inner: boom{}}.Update(msg)
	if m.(safe).err == nil {
		t.Fatal("panicMsg must end the program with the error")
	}
	if _, ok := quit().(tea.QuitMsg); !ok {
		t.Fatal("panicMsg must quit")
	}
}
