package tui

import (
	"errors"
	"fmt"
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
	// DeleteIf deletes an application if check, which sees it inside the
	// deleting transaction, accepts it (undo of an add).
	DeleteIf(id uint64, check func(*stages.Application) error) error
	// Restore stores a deleted application again under its own id (undo of
	// a delete).
	Restore(a stages.Application) error
	LogGlobal(e stages.Event) error
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
		undo   *undoEntry // nil when the change cannot be undone
		// selectID is an application to put the cursor on (after an add).
		selectID uint64
		// selectPrompt is a prompt to put the Today cursor on (after an undo
		// brings it back).
		selectPrompt promptRef
		// fromForm is set when the write came from the open form, which closes.
		fromForm bool
		// undone is set when the write was an undo.
		undone bool
		// answered is the application a stage just moved past its offer
		// (DOMAIN rule 10): the offer was answered, and the UI offers to
		// record the acceptance.
		answered *stages.Application
		// logged is the application before and after a log, and the
		// event, to name the to-dos the log ended (see stages.Engine.Ended).
		logged *logged
	}
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
		msg := savedMsg{status: status, fromForm: fromForm, undo: restoreEntry(status, before, after, e.Prompt),
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

// ended names the to-dos the log ended without doing them, at now: "2
// thank-yous for Datadog lapsed: the company answered" ("" for none). The
// company is left out where said already names it, to keep the status
// line short.
func (l *logged) ended(settings *stages.Settings, now time.Time, said string) string {
	if l == nil {
		return ""
	}
	company := sanitize(l.after.Company)
	if strings.Contains(said, company) {
		company = ""
	}
	return stages.EndedWords(company, stages.NewEngine(settings, now.Location()).Ended(&l.before, &l.after, now, l.event), l.event)
}

// restoreEntry is the undo of a change from before to after, or nil when
// the log grew by more than the one change (another afterview wrote in
// between, so the earlier state is not simply "before").
func restoreEntry(label string, before, after stages.Application, prompt string) *undoEntry {
	if len(after.Events) != len(before.Events)+1 {
		return nil
	}
	return &undoEntry{label: label, kind: undoRestore, id: before.ID, before: before,
		afterEvents: len(after.Events), prompt: prompt}
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
		return savedMsg{status: label, fromForm: true, selectID: id,
			undo: &undoEntry{label: label, kind: undoDelete, id: id, afterEvents: len(a.Events)}}
	}
}

func updateCmd(st Store, before stages.Application, fn func(*stages.Application) error, status string) tea.Cmd {
	before = before.Clone()
	return func() tea.Msg {
		after, err := st.Update(before.ID, fn)
		if err != nil {
			return errMsg{err: err, forForm: true, doing: "saving " + status}
		}
		return savedMsg{status: status, fromForm: true, selectID: before.ID, undo: restoreEntry(status, before, after, "")}
	}
}

func deleteCmd(st Store, a stages.Application) tea.Cmd {
	a = a.Clone()
	return func() tea.Msg {
		if err := st.Delete(a.ID); err != nil {
			return errMsg{err: err, doing: "deleting " + sanitize(a.Company)}
		}
		label := "deleted " + sanitize(a.Company)
		return savedMsg{status: label, undo: &undoEntry{label: label, kind: undoReAdd, before: a}}
	}
}

// undoKind says how a change is taken back.
type undoKind int

const (
	undoRestore undoKind = iota // write the application's earlier state back
	undoDelete                  // the change added an application: delete it
	undoReAdd                   // the change deleted an application: add it again
)

// undoEntry is one change made in this session, with what it takes to take
// it back.
type undoEntry struct {
	label  string
	kind   undoKind
	id     uint64
	before stages.Application
	// afterEvents is the length of the log right after the change: if it has
	// grown since (another afterview logged something), restoring the old state
	// would throw that away, so undo refuses.
	afterEvents int
	// prompt is the key of the prompt the change was about, if any, so that
	// the cursor goes back to it.
	prompt string
}

var errChangedElsewhere = errors.New("it changed since (another afterview wrote to it), so undo would lose that; log a correction instead")

func undoCmd(st Store, u undoEntry) tea.Cmd {
	return func() tea.Msg {
		var err error
		id := u.id
		switch u.kind {
		case undoRestore:
			_, err = st.Update(u.id, func(a *stages.Application) error {
				if len(a.Events) != u.afterEvents {
					return errChangedElsewhere
				}
				*a = u.before.Clone()
				return nil
			})
		case undoDelete:
			// Only if nothing was logged on it since: another afterview's
			// events on it are acknowledged writes.
			err = st.DeleteIf(u.id, func(a *stages.Application) error {
				if len(a.Events) != u.afterEvents {
					return errChangedElsewhere
				}
				return nil
			})
		case undoReAdd:
			// Under its own id, so that older undo entries about it still
			// find it.
			id = u.before.ID
			err = st.Restore(u.before.Clone())
		}
		if err != nil {
			return errMsg{err: fmt.Errorf("cannot undo %s: %w", u.label, err), doing: "undoing"}
		}
		msg := savedMsg{status: "undone: " + u.label, undone: true}
		if u.prompt != "" {
			msg.selectPrompt = promptRef{u.id, u.prompt}
		} else if u.kind != undoDelete {
			msg.selectID = id
		}
		return msg
	}
}
