package tui

import (
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"afterview/stages"
)

// Store is what the TUI needs from storage. store.Store satisfies it; tests
// pass a fake.
type Store interface {
	Snapshot() ([]stages.Application, []stages.Event, error)
	// Revision is bumped by every write, by any process.
	Revision() (uint64, error)
	Add(a stages.Application) (uint64, error)
	Log(id uint64, e stages.Event) (stages.Application, error)
	Update(id uint64, fn func(*stages.Application) error) (stages.Application, error)
	Delete(id uint64) error
	LogGlobal(e stages.Event) error
	// UndoLast takes back the last change to the applications the data
	// file keeps, by this afterview or another, before a restart or not;
	// stages.ErrNothingToUndo when there is none.
	UndoLast() (stages.Undone, error)
}

// ActiveStore is a Store that can read in stages what the screens show.
// Given one, the TUI draws Today from the day's prompts and the few
// applications its first to-dos are about, then loads the applications
// every prompt depends on, then the closed history, so that the first
// screen waits for neither (store.Store, through main's adapter).
type ActiveStore interface {
	Store
	// FirstScreen reads the prompts of now's day and the applications of
	// the first n to-dos.
	FirstScreen(now time.Time, n int) (stages.FirstScreen, error)
	// Active reads what the prompts of now's day depend on, and those
	// prompts.
	Active(now time.Time) (stages.ActiveDay, error)
}

// Messages the store commands answer with.
type (
	// dataMsg carries a fresh snapshot with everything derived from it;
	// gen is the load it belongs to (Model.loadGen).
	dataMsg struct {
		d   *data
		gen int
	}
	// revisionMsg is the answer to a poll of the store's revision.
	revisionMsg struct{ rev uint64 }
	// pollMsg asks for a poll of the revision.
	pollMsg struct{}
	// savedMsg reports a successful write.
	savedMsg struct {
		status string
		// undoable says u takes the change back (the data file keeps
		// every change to an application for undo).
		undoable bool
		// selectID is an application to put the cursor on (after an add).
		selectID uint64
		// selectPrompt is a prompt to put the Today cursor on (after an undo
		// brings it back).
		selectPrompt promptRef
		// fromForm is set when the write came from the open form, which closes.
		fromForm bool
		// answered is the application a stage just moved past its offer
		// (rule 10 of docs/rules.md): the offer was answered, and the UI offers to
		// record the acceptance.
		answered *stages.Application
		// logged is the application before and after a log, and the
		// event, to name the to-dos the log ended (see stages.Engine.Ended).
		logged *logged
	}
	// askMsg asks a yes/no question before a write (accepting a second
	// offer, rule 17): yes runs the write.
	askMsg struct{ confirm confirm }
	// nothingToUndoMsg answers an undo when the data file keeps no change.
	nothingToUndoMsg struct{}
	// formClosedMsg closes the form without a write (nothing to save).
	formClosedMsg struct{ status string }
	// errMsg reports a failed store call; forForm keeps the open form open.
	errMsg struct {
		err     error
		forForm bool
		doing   string
		// read marks a failed read (a poll, a load): the next read that
		// works clears its message, since the cause (the file busy for a
		// moment) has passed.
		read bool
		// load marks a stage of load gen (see dataMsg).
		load bool
		gen  int
	}
)

func revisionCmd(st Store) tea.Cmd {
	return func() tea.Msg {
		rev, err := st.Revision()
		if err != nil {
			return errMsg{err: err, doing: "checking for changes", read: true}
		}
		return revisionMsg{rev}
	}
}

func pollAfter(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return pollMsg{} })
}

// logCmd logs an event on an application; before is its state beforehand,
// kept for undo.
func logCmd(st Store, settings *stages.Settings, before stages.Application, e stages.Event, status string, fromForm bool) tea.Cmd {
	before = before.Clone()
	return func() tea.Msg {
		after, err := st.Log(before.ID, e)
		if err != nil {
			return errMsg{err: err, forForm: fromForm, doing: "saving " + status}
		}
		msg := savedMsg{status: status, fromForm: fromForm, undoable: true,
			logged: &logged{before: before, after: after, event: e}}
		if e.Kind == stages.EvStage && before.OfferOpen(settings) && after.PastOffer(settings) && !after.Closed() {
			msg.answered = &after
		}
		return msg
	}
}

// logged is one event logged on an application, with its states before
// and after.
type logged struct {
	before, after stages.Application
	event         stages.Event
}

// ended names the to-dos the log ended without doing them, at now (the
// heads-ups naming the user's references refs): "2
// thank-yous for Datadog lapsed: the company answered" ("" for none). The
// company is left out where said already names it, to keep the status
// line short.
func (l *logged) ended(settings *stages.Settings, refs []stages.Reference, now time.Time, said string) string {
	if l == nil {
		return ""
	}
	company := sanitize(l.after.Company)
	if strings.Contains(said, company) {
		company = ""
	}
	return stages.EndedWords(company, stages.NewEngine(settings, now.Location()).WithReferences(refs).Ended(&l.before, &l.after, now, l.event), l.event)
}

// promptRef names a prompt: its application and key.
type promptRef struct {
	app uint64
	key string
}

func logGlobalCmd(st Store, e stages.Event, status string) tea.Cmd {
	return func() tea.Msg {
		if err := st.LogGlobal(e); err != nil {
			return errMsg{err: err, doing: "saving " + status}
		}
		// The global log is append-only through this interface: not undoable.
		return savedMsg{status: status + " (this one cannot be undone)"}
	}
}

func addCmd(st Store, a stages.Application) tea.Cmd {
	return func() tea.Msg {
		id, err := st.Add(a)
		if err != nil {
			return errMsg{err: err, forForm: true, doing: "adding " + a.Company}
		}
		label := "added " + sanitize(a.Company)
		return savedMsg{status: label, fromForm: true, selectID: id, undoable: true}
	}
}

func updateCmd(st Store, before stages.Application, fn func(*stages.Application) error, status string) tea.Cmd {
	before = before.Clone()
	return func() tea.Msg {
		if _, err := st.Update(before.ID, fn); err != nil {
			return errMsg{err: err, forForm: true, doing: "saving " + status}
		}
		return savedMsg{status: status, fromForm: true, selectID: before.ID, undoable: true}
	}
}

func deleteCmd(st Store, a stages.Application) tea.Cmd {
	a = a.Clone()
	return func() tea.Msg {
		if err := st.Delete(a.ID); err != nil {
			return errMsg{err: err, doing: "deleting " + sanitize(a.Company)}
		}
		label := "deleted " + sanitize(a.Company)
		return savedMsg{status: label, undoable: true}
	}
}

// undoCmd takes back the last change the data file keeps: the store
// refuses, changing nothing, when the application changed since in a way it
// did not record.
func undoCmd(st Store) tea.Cmd {
	return func() tea.Msg {
		u, err := st.UndoLast()
		if errors.Is(err, stages.ErrNothingToUndo) {
			return nothingToUndoMsg{}
		}
		if err != nil {
			return errMsg{err: err, doing: "undoing"}
		}
		msg := savedMsg{status: "undone: " + sanitize(u.Label())}
		if p := u.Prompt(); p != "" {
			msg.selectPrompt = promptRef{u.ID(), p}
		} else if u.Before != nil {
			msg.selectID = u.ID()
		}
		return msg
	}
}
