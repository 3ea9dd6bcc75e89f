package cli

import (
	"errors"
	"os"

	"afterview/stages"
	"afterview/store"
	"afterview/tui"
)

// tuiStore lets the TUI read the active applications alone at start-up
// (tui.ActiveStore), so that its first screen skips the closed history.
type tuiStore struct{ *store.Store }

func (s tuiStore) Active(day stages.Date) (tui.ActiveSet, error) {
	set, err := s.ActiveSnapshot(day)
	return tui.ActiveSet(set), err
}

func runTUI(e *env, st *store.Store, demo bool) error {
	err := tui.Run(tui.Options{Store: tuiStore{st}, Now: e.now, Demo: demo, Settings: e.settings(), Drafts: tuiDrafts(e)})
	var bug tui.PanicError
	if errors.As(err, &bug) {
		// The terminal is restored; hand the bug to run's recover, which says
		// so plainly and exits 2, instead of a stack trace.
		panic(bug.Value)
	}
	return err
}

// tuiDrafts is what the UI drafts with: the templates (the user's own
// included), the name to sign with and the editor ($EDITOR, else $VISUAL).
func tuiDrafts(e *env) tui.Drafts {
	editor := os.Getenv("EDITOR")
	if editor == "" {
		editor = os.Getenv("VISUAL")
	}
	return tui.Drafts{Templates: draftTemplates(), Me: e.myName(), Editor: editor}
}
