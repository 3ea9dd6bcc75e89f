package cli

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

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

// runDemo fills a throwaway database with examples and opens the TUI on it
// (or prints today's list when output is not a terminal).
func runDemo(e *env) error {
	dir, err := os.MkdirTemp("", "afterview-demo-*")
	if err != nil {
		return fmt.Errorf("cannot make a folder for the demo database: %w", err)
	}
	defer os.RemoveAll(dir)
	// Closing the terminal (SIGHUP) would end the program before the
	// deferred removal, leaving the demo database behind in the temporary
	// folder. There is no terminal left to restore then.
	hangup := make(chan os.Signal, 1)
	signal.Notify(hangup, syscall.SIGHUP)
	done := make(chan struct{})
	defer func() { signal.Stop(hangup); close(done) }()
	go func() {
		select {
		case <-hangup:
			_ = os.RemoveAll(dir)
			os.Exit(129)
		case <-done:
		}
	}()
	e.dbPath = filepath.Join(dir, "demo.db")
	st, err := e.openStore()
	if err != nil {
		return err
	}
	for _, a := range tui.DemoApplications(e.now()) {
		if _, err := st.Add(a); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
	}
	if !isTerminal(e) {
		return printToday(e, false, false, false)
	}
	return runTUI(e, st, true)
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
