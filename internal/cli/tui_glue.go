package cli

import (
	"errors"
	"os"
	"sync"
	"time"

	"afterview/agenda"
	"afterview/stages"
	"afterview/tui"
)

// tuiStore lets the TUI read in stages (tui.ActiveStore): its first screen
// from the prompt cache and a few applications, then the active ones, so
// that it waits for neither the open applications nor the closed history.
type tuiStore struct{ *agenda.Agenda }

// Without the staged reads the TUI would still work, loading everything
// before its first frame: keep the adapter whole.
var _ tui.ActiveStore = tuiStore{}

func (s tuiStore) FirstScreen(now time.Time, n int) (stages.FirstScreen, error) {
	return s.Agenda.FirstScreen(now, n)
}

func (s tuiStore) Active(now time.Time) (stages.ActiveDay, error) {
	set, err := s.ActiveDay(now)
	return stages.ActiveDay{Apps: set.Apps, Global: set.Global, Empty: set.Empty, All: set.All,
		Prompts: set.Prompts, Revision: set.Revision}, err
}

func runTUI(e *env, st *agenda.Agenda, demo bool) error {
	// The start-up runs without garbage collections, as today does: the
	// first screen's reads keep what they allocate, and a collection in
	// the middle of them delayed the first frame by a third. The collector
	// comes back as that screen is drawn, for the rest of the session.
	restore := pauseGC()
	var once sync.Once
	shown := func() { once.Do(restore) }
	defer shown()
	err := tui.Run(tuiOptions(e, st, demo, shown))
	var bug tui.PanicError
	if errors.As(err, &bug) {
		// The terminal is restored; hand the bug to run's recover, which says
		// so plainly and exits 2, instead of a stack trace.
		panic(bug.Value)
	}
	return err
}

// tuiOptions is how the UI runs on this terminal: its data, clock,
// settings and drafts, and the background COLORFGBG says (as the help's
// colours do) until the terminal answers the UI's question.
func tuiOptions(e *env, st *agenda.Agenda, demo bool, shown func()) tui.Options {
	return tui.Options{Store: tuiStore{st}, Now: e.now, Demo: demo, Settings: e.settings(), Drafts: tuiDrafts(e), Shown: shown,
		LightBackground: !darkBackground()}
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
