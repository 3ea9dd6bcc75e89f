package stages

import (
	"errors"
	"fmt"
)

// ErrNothingToUndo is the answer to an undo when no change is kept to take
// back.
var ErrNothingToUndo = errors.New("nothing to undo")

// UndoDepth is how many of the last changes to the applications the data
// file keeps to undo, across restarts and processes.
const UndoDepth = 20

// Undone is a change taken back by an undo: the application as the change
// found it (nil when the change added it) and as the change left it (nil
// when the change deleted it).
type Undone struct {
	Before, After *Application
}

// ID is the application the change was about.
func (u Undone) ID() uint64 {
	if u.Before != nil {
		return u.Before.ID
	}
	if u.After != nil {
		return u.After.ID
	}
	return 0
}

// Label says what the change was, for "undone: …": "added Acme (#3)",
// "marked done: thank-you to Priya Raman on Acme (#3)".
func (u Undone) Label() string {
	switch {
	case u.Before == nil && u.After == nil:
		return "a change"
	case u.Before == nil:
		return fmt.Sprintf("added %s (#%d)", u.After.Company, u.After.ID)
	case u.After == nil:
		return fmt.Sprintf("deleted %s (#%d)", u.Before.Company, u.Before.ID)
	}
	if e, ok := u.Logged(); ok {
		return fmt.Sprintf("%s on %s (#%d)", EventWords(u.After, e), u.After.Company, u.After.ID)
	}
	return fmt.Sprintf("a change to %s (#%d)", u.After.Company, u.After.ID)
}

// Logged is the last event the change logged, if it logged one.
func (u Undone) Logged() (Event, bool) {
	if u.Before == nil || u.After == nil || len(u.After.Events) <= len(u.Before.Events) {
		return Event{}, false
	}
	return u.After.Events[len(u.After.Events)-1], true
}

// Prompt is the key of the prompt the change was about ("" for none), so
// that a screen can put its cursor back on it: the one the event names, or
// the thank-you to the person a thank-you event names (done on a thank-you
// logs that).
func (u Undone) Prompt() string {
	e, ok := u.Logged()
	switch {
	case !ok:
		return ""
	case e.Prompt == "" && e.Kind == EvThanks && e.Person != "":
		return string(ThankYou) + ":" + KeySlug(e.Person)
	}
	return e.Prompt
}
