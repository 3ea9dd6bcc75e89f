package cli

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"afterview/tui"

	"github.com/spf13/cobra"
)

func (e *env) newDemoCommand() *cobra.Command {
	return e.newCommand(spec{
		use:     "demo",
		summary: "the terminal UI on a throwaway database with examples",
		long: `Opens the terminal UI on a throwaway database filled with realistic examples
relative to today (set AFTERVIEW_NOW to pick the day). Nothing is saved.`,
		run: func(args []string) error { return cmdDemo(e, args) },
	})
}

func cmdDemo(e *env, pos []string) error {
	if len(pos) > 0 {
		return usageErr("demo takes no arguments")
	}
	return runDemo(e)
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
