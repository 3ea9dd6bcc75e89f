// Package cli is afterview's command line: its commands, flags, output and
// exit codes, on cobra. The clock and the environment enter here and are
// passed down to the store and the rules.
package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"afterview/agenda"
	"afterview/internal/config"
	"afterview/stages"
	"afterview/store"
)

// Exit codes.
const (
	exitOK    = 0
	exitUsage = 1  // bad usage or input
	exitData  = 2  // a problem with the data file
	exitBusy  = 75 // another afterview holds the database (EX_TEMPFAIL)
)

// Main runs afterview on the process's arguments and streams, and exits
// with its exit code.
func Main() {
	os.Exit(Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// env is what a command runs with: streams, the clock and the database.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// terminal is the standard output as given, unbuffered: whether it is a
	// terminal decides between the UI and printing today.
	terminal     io.Writer
	args         []string // the command line, for messages
	now          func() time.Time
	dbPath       string
	warnedShared bool  // warnIfShared has warned
	clockErr     error // AFTERVIEW_NOW is malformed: commands that need the clock refuse
	// configPath is --config FILE or AFTERVIEW_CONFIG (empty: the default
	// place); cfg is the configuration, read once by loadConfig.
	configPath string
	cfg        *config.Config
	// dbFlag and configFlag are --db and --config as given.
	dbFlag, configFlag string
	root               *cobra.Command
	// pendingFlags define each command's flags, when needed (defineFlags).
	pendingFlags map[*cobra.Command]func()
	// notifier shows notify's notification (nil: the desktop's).
	notifier notifier
}

// Run executes one command line and returns the exit code. A panic anywhere
// below is turned into a message and exit code, never a trace.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "afterview: internal error: %v\nPlease report this, with the command you ran. Your data was not changed by the failed command.\n", r)
			if os.Getenv("AFTERVIEW_DEBUG") != "" {
				fmt.Fprintf(stderr, "%s", debug.Stack())
			}
			code = exitData
		}
	}()
	return (&env{stdin: stdin, stdout: stdout, stderr: stderr}).execute(args)
}

// execute runs one command line with e's streams (and notifier, which the
// tests set) and returns the exit code.
func (e *env) execute(args []string) int {
	args = twoDashes(args)
	// One write per line made a long listing cost a system call a line;
	// the output is written in large blocks instead, and all of it before
	// any error message.
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	e.stdout, e.terminal, e.args = out, e.stdout, args
	e.dbPath = os.Getenv("AFTERVIEW_DB")
	e.configPath = os.Getenv("AFTERVIEW_CONFIG")
	e.clockErr = e.setClock()
	e.root = e.newRoot()
	e.defineFlags(args)
	e.root.SetArgs(args)
	err := e.root.Execute()
	if flushErr := out.Flush(); flushErr != nil && err == nil {
		err = usageErr("cannot write the output: %v", flushErr)
	}
	if err == nil {
		return exitOK
	}
	e.printError(err)
	return exitCode(err)
}

// run is Run, as the tests call it.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return Run(args, stdin, stdout, stderr)
}

// twoDashes reads the single-dash spellings afterview has always accepted
// before the command (-db FILE, -config FILE) and for help (-help) as their
// two-dash forms.
func twoDashes(args []string) []string {
	out := make([]string, len(args))
	copy(out, args)
	for i := 0; i < len(out); i++ {
		a := out[i]
		switch {
		case a == "-db" || a == "-config" || strings.HasPrefix(a, "-db=") || strings.HasPrefix(a, "-config="):
			out[i] = "-" + a
			if !strings.Contains(a, "=") {
				i++
			}
		case a == "--db" || a == "--config":
			i++
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "--config="):
		default:
			// The command: what follows is its own.
			for j := i; j < len(out); j++ {
				if out[j] == "--" {
					break
				}
				if out[j] == "-help" {
					out[j] = "--help"
				}
			}
			return out
		}
	}
	return out
}

// begin readies a command to run: the database path, the clock and (when
// the command needs it) the configuration, read once before anything runs.
// Help, version and completions need none of these.
func (e *env) begin(needConfig bool) error {
	if f := e.root.PersistentFlags().Lookup("db"); f != nil && f.Changed {
		// An empty path would quietly mean the default database: the
		// user named a file (an unset variable, say) and it is not there.
		if strings.TrimSpace(e.dbFlag) == "" {
			return usageErr("--db was given an empty file path: name the database file, or leave --db out for the default one")
		}
		e.dbPath = e.dbFlag
	}
	if f := e.root.PersistentFlags().Lookup("config"); f != nil && f.Changed {
		e.configPath = e.configFlag
	}
	if e.clockErr != nil {
		return e.clockErr
	}
	if needConfig {
		return e.loadConfig()
	}
	return nil
}

func exitCode(err error) int {
	var fe *store.FileError
	switch {
	case errors.Is(err, store.ErrBusy), errors.Is(err, store.ErrChanged):
		return exitBusy
	case errors.Is(err, store.ErrNewerSchema), errors.As(err, &fe):
		return exitData
	}
	return exitUsage
}

// setClock reads AFTERVIEW_NOW ("2026-11-20" or "2026-11-20T09:00", local
// time) so tests and demos run on a fixed day.
func (e *env) setClock() error {
	fixed := strings.TrimSpace(os.Getenv("AFTERVIEW_NOW"))
	if fixed == "" {
		e.now = time.Now
		return nil
	}
	t, err := parseWhen(fixed)
	if err != nil {
		e.now = time.Now
		return usageErr("AFTERVIEW_NOW: %v", err)
	}
	e.now = func() time.Time { return t }
	return nil
}

// openStore opens the database at the chosen or default path.
func (e *env) openStore() (*agenda.Agenda, error) {
	path, err := e.databasePath()
	if err != nil {
		return nil, err
	}
	loc := e.now().Location()
	st, err := agenda.Open(path, agenda.WithClock(e.now), agenda.WithSettings(e.settings()), agenda.WithZone(loc))
	if err == nil {
		e.warnIfShared(path)
	}
	return st, err
}

// databasePath is the database file: --db, AFTERVIEW_DB, or the default
// place in the data folder.
func (e *env) databasePath() (string, error) {
	if e.dbPath != "" {
		return e.dbPath, nil
	}
	home, _ := os.UserHomeDir()
	return store.DefaultPath(os.Getenv("XDG_DATA_HOME"), home)
}

// configFile returns the configuration file's path and whether the user
// named it (--config, AFTERVIEW_CONFIG), which means it must exist.
func (e *env) configFile() (string, bool, error) {
	home, _ := os.UserHomeDir()
	return config.Path(e.configPath, "", os.Getenv("XDG_CONFIG_HOME"), home)
}

// loadConfig reads the configuration file once, before a command runs:
// nothing runs on a file that cannot be read whole.
func (e *env) loadConfig() error {
	if e.cfg != nil {
		return nil
	}
	path, explicit, err := e.configFile()
	if err != nil {
		return usageErr("%v", err)
	}
	cfg, err := config.Load(path, explicit)
	if err != nil {
		return usageErr("%v", err)
	}
	e.cfg = cfg
	return nil
}

// settings are the calendar, rules and processes the command runs with.
func (e *env) settings() *stages.Settings {
	if e.cfg == nil {
		return stages.DefaultSettings()
	}
	return e.cfg.Settings
}

// warnIfShared warns, once per command, when the data file is open to other
// users: it holds salaries and private notes. afterview creates it 0600, so
// a wider mode came from a copy, a restore or a chmod.
func (e *env) warnIfShared(path string) {
	info, err := os.Stat(path)
	if err != nil || e.warnedShared || info.Mode().Perm()&0o077 == 0 {
		return
	}
	e.warnedShared = true
	fmt.Fprintf(e.stderr, "afterview: warning: other users can read or change %s (mode %04o), which holds your private notes; to fix it: chmod 600 %s\n",
		clean(path), info.Mode().Perm(), shellQuote(clean(path)))
}

// shellQuote quotes a path for a command to copy into a shell.
func shellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./-+@%:,") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// snapshot opens the store and reads every application and the global
// events in one transaction.
func (e *env) snapshot() (*agenda.Agenda, []stages.Application, []stages.Event, error) {
	st, err := e.openStore()
	if err != nil {
		return nil, nil, nil, err
	}
	apps, global, err := st.Snapshot()
	return st, apps, global, err
}
