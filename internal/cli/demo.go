package cli

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/agenda"
	"afterview/tui"
)

func (e *env) newDemoCommand() *cobra.Command {
	var save string
	return e.newCommand(spec{
		use:     "demo [--save FILE]",
		summary: "the terminal UI on a throwaway database with examples",
		long: `Opens the terminal UI on a throwaway database filled with realistic examples
relative to today (set AFTERVIEW_NOW to pick the day). Nothing is saved.
With --save, writes the examples to a new database file instead, for trying
the commands on them: afterview --db FILE today.`,
		flags: func(f *pflag.FlagSet) {
			f.StringVar(&save, "save", "", "write the examples to this new file (never over one that exists)")
			valueName(f, "save", "FILE")
		},
		run: func(args []string) error { return cmdDemo(e, save, args) },
	})
}

func cmdDemo(e *env, save string, pos []string) error {
	if len(pos) > 0 {
		return usageErr("demo takes no arguments")
	}
	if save != "" {
		return saveDemo(e, save)
	}
	return runDemo(e)
}

// saveDemo writes the examples to a new database file, so that the
// commands (and the README's examples) can be tried on them. A file that
// exists is refused whatever it holds: it may be someone's data.
func saveDemo(e *env, path string) error {
	if _, err := os.Lstat(path); err == nil {
		return usageErr("%s exists: the demo writes only a new file, never over one (it may be your data); name another", clean(path))
	}
	e.dbPath = path
	st, err := e.openStore()
	if err != nil {
		return err
	}
	if err := fillDemo(e, st); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Wrote the examples to %s. Try: afterview --db %s today\n", clean(path), shellQuote(clean(path)))
	return nil
}

// fillDemo adds the examples, relative to the clock's today. Adding them
// is not a change of the user's: undo starts with nothing to take back.
func fillDemo(e *env, st *agenda.Agenda) error {
	for _, a := range tui.DemoApplications(e.now()) {
		if _, err := st.Add(a); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
	}
	return st.ForgetUndo()
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
	if err := fillDemo(e, st); err != nil {
		return err
	}
	if !isTerminal(e) {
		return printToday(e, false, false, false)
	}
	return runTUI(e, st, true)
}
