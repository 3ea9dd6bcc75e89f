package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"afterview/internal/termsafe"
	"afterview/stages"
)

// errHelpShown ends a command after its help was printed (exit 0).
var errHelpShown = errors.New("help shown")

// usageError is bad usage or input: exit code 1.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func usageErr(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// command is one subcommand: its usage text and what it does.
type command struct {
	name    string
	summary string
	usage   string
	run     func(e *env, args []string) error
}

func commands() []command {
	return []command{
		{"add", "add an application; prints its id", addUsage, cmdAdd},
		{"list", "list applications with their stage and wait", listUsage, cmdList},
		{"today", "what to do today, most urgent first", todayUsage, cmdToday},
		{"show", "one application in full", showUsage, cmdShow},
		{"edit", "change an application's details", editUsage, cmdEdit},
		{"people", "an application's people: list, add, edit, remove", peopleUsage, cmdPeople},
		{"references", "your references and whom you gave them to", referencesUsage, cmdReferences},
		{"delete", "delete an application for good (asks first)", deleteUsage, cmdDelete},
		{"log", "log what happened: thanks, followup, heard, stage, offer, note, an outcome", logUsage, cmdLog},
		{"done", "mark a prompt done", promptUsage("done"), cmdDone},
		{"draft", "a draft of the message a prompt asks for", draftUsage, cmdDraft},
		{"snooze", "hide a prompt until a later day", promptUsage("snooze"), cmdSnooze},
		{"dismiss", "dismiss a prompt for good", promptUsage("dismiss"), cmdDismiss},
		{"offers", "open offers side by side", offersUsage, cmdOffers},
		{"stats", "what your history says about waits and answers", statsUsage, cmdStats},
		{"export", "write everything to a file: json, csv, ics or taskwarrior", exportUsage, cmdExport},
		{"import", "read applications from an export file", importUsage, cmdImport},
		{"backup", "copy the database to a backup file, safely while in use", backupUsage, cmdBackup},
		{"demo", "the terminal UI on a throwaway database with examples", demoUsage, cmdDemo},
		{"processes", "the hiring processes you can choose, with their stages", processesUsage, cmdProcesses},
		{"config", "the configuration file: show it, check it, edit it", configUsage, cmdConfig},
	}
}

func dispatch(e *env, args []string) error {
	if len(args) == 0 {
		if e.clockErr != nil {
			return e.clockErr
		}
		if err := e.loadConfig(); err != nil {
			return err
		}
		return cmdDefault(e)
	}
	name := args[0]
	switch name {
	case "help", "-h", "--help", "-help":
		if len(args) > 1 {
			for _, c := range commands() {
				if c.name == args[1] {
					fmt.Fprint(e.stdout, c.usage)
					return nil
				}
			}
		}
		fmt.Fprint(e.stdout, mainUsage())
		return nil
	case "version", "--version":
		fmt.Fprintln(e.stdout, "afterview", version)
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			// Help needs no clock; every command proper does.
			if e.clockErr != nil && !asksHelp(args[1:]) {
				return e.clockErr
			}
			// The config command reads the file itself: it reports a bad
			// one rather than refusing to run.
			if c.name != "config" && !asksHelp(args[1:]) {
				if err := e.loadConfig(); err != nil {
					return err
				}
			}
			return c.run(e, args[1:])
		}
	}
	return usageErr("unknown command %q. Run 'afterview help' for the list of commands", name)
}

// asksHelp reports a command line that only asks for a command's help.
func asksHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

const version = "0.1.0"

func mainUsage() string {
	var b strings.Builder
	b.WriteString(`afterview: keep track of the wait after a final interview.

Usage:
  afterview [--db FILE] [--config FILE] [COMMAND] [ARGS]

With no command, afterview opens the terminal UI (or prints 'today' when its
output is not a terminal).

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-9s %s\n", c.name, c.summary)
	}
	b.WriteString(`
Run 'afterview COMMAND --help' for a command's options.

Environment:
  AFTERVIEW_DB      the database file (default: $XDG_DATA_HOME/afterview/afterview.db)
  AFTERVIEW_CONFIG  the configuration file (default: $XDG_CONFIG_HOME/afterview/config.toml)
  AFTERVIEW_NOW     a fixed clock, e.g. 2026-11-20T09:00 (local time), for tests and demos
  NO_COLOR          turn colours off

Exit codes: 0 ok, 1 bad usage or input, 2 a problem with the data file,
75 the database is in use by another afterview (try again).
`)
	return b.String()
}

// stringList is a repeatable flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ", ") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// amountFlag is an amount flag read as the UI reads amounts: 100k,
// 200,000, $180,000.
// An amount flag not given stays nil: an offer's term not given is unknown
// (or, in a revision, keeps its earlier value).
type amountFlag struct{ p *int64 }

func (a *amountFlag) String() string {
	if a.p == nil {
		return ""
	}
	return strconv.FormatInt(*a.p, 10)
}
func (a *amountFlag) Set(v string) error {
	n, err := stages.ParseAmount(v)
	a.p = &n
	return err
}

// bonusFlag is --bonus: an amount, or a percentage of base like 10%.
type bonusFlag struct {
	amount  *int64
	percent *float64
}

func (b *bonusFlag) String() string {
	if b.amount == nil {
		return ""
	}
	return strconv.FormatInt(*b.amount, 10)
}
func (b *bonusFlag) Set(v string) error {
	amount, percent, err := stages.ParseBonus(v)
	if strings.HasSuffix(strings.TrimSpace(v), "%") {
		b.amount, b.percent = nil, &percent
	} else {
		b.amount, b.percent = &amount, nil
	}
	return err
}

// percentFlag is --bonus-pct: 15 or 15%.
type percentFlag struct{ p *float64 }

func (p *percentFlag) String() string {
	if p.p == nil {
		return ""
	}
	return strconv.FormatFloat(*p.p, 'g', -1, 64)
}
func (p *percentFlag) Set(v string) error {
	n, err := stages.ParsePercent(v)
	p.p = &n
	return err
}

// newFlags makes a flag set whose errors and help are ours to print.
func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parseFlags parses flags placed anywhere among the positional arguments
// ("add Netflix --role SWE" as well as "add --role SWE Netflix"); after "--"
// everything is positional. --help prints usage and ends the command.
func parseFlags(e *env, fs *flag.FlagSet, usage string, args []string) ([]string, error) {
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(e.stdout, usage)
			return nil, errHelpShown
		}
		if err != nil {
			// "invalid value "x" for flag -base: why" reads better as "--base: why".
			msg := err.Error()
			if rest, ok := strings.CutPrefix(msg, "invalid value "); ok {
				if _, after, ok := strings.Cut(rest, " for flag -"); ok {
					if name, why, ok := strings.Cut(after, ": "); ok {
						msg = "--" + name + ": " + why
					}
				}
			}
			return nil, usageErr("%s: %s\nRun 'afterview %s --help' for its options", fs.Name(), msg, fs.Name())
		}
		rest := fs.Args()
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseWhen reads an exact date or date and time in local time (for
// AFTERVIEW_NOW, which the spoken forms are relative to).
func parseWhen(s string) (time.Time, error) {
	return stages.ParseDateTime(s, time.Local)
}

// parseMoment reads a date-and-time flag the way people write it
// ("yesterday 15:00", "fri 10am", "2026-11-20T15:00"), relative to the
// program's clock.
func (e *env) parseMoment(flag, s string, lean stages.Lean) (time.Time, error) {
	t, err := stages.ParseWhen(s, e.now(), lean)
	if err != nil {
		return time.Time{}, usageErr("%s: %v", flag, err)
	}
	return t, nil
}

// parseDay reads a flag that holds a day ("fri", "in 3 days", "2026-11-27").
func (e *env) parseDay(flag, s string, lean stages.Lean) (stages.Date, error) {
	d, err := stages.ParseDay(s, e.now(), lean)
	if err != nil {
		return stages.Date{}, usageErr("%s: %v", flag, err)
	}
	return d, nil
}

// parseID reads an application id.
func parseID(s string) (uint64, error) {
	id, err := strconv.ParseUint(strings.TrimPrefix(strings.TrimSpace(s), "#"), 10, 64)
	if err != nil || id == 0 {
		return 0, usageErr("%q is not an application id: use the number 'afterview list' shows", s)
	}
	return id, nil
}

// clean makes text from the database safe to print: what termsafe calls
// unsafe (control characters, and so every escape sequence, bidirectional
// controls) and invalid UTF-8 become '?', line breaks and tabs a space, so
// a hostile name cannot drive or disguise the terminal.
func clean(s string) string {
	if !needsClean(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(' ')
		case termsafe.Unsafe(r) || r == utf8.RuneError:
			b.WriteRune('?')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsClean(s string) bool {
	return !termsafe.Safe(s) || strings.ContainsRune(s, utf8.RuneError)
}

// jsonSafe wraps a writer of JSON so that the characters termsafe calls
// unsafe and encoding/json leaves as they are (DEL, the C1 controls
// U+0080 to U+009F, which some terminals obey as escape sequences even in
// UTF-8, and the bidirectional controls) go out as \u escapes: the same
// JSON to a program, inert on a terminal. encoding/json already escapes the
// C0 controls. It expects each Write to hold whole characters, as
// json.Encoder's do.
func jsonSafe(w io.Writer) io.Writer { return jsonSafeWriter{w} }

type jsonSafeWriter struct{ w io.Writer }

func (j jsonSafeWriter) Write(p []byte) (int, error) {
	if !bytes.ContainsFunc(p, mayBeUnsafe) {
		return j.w.Write(p)
	}
	out := make([]byte, 0, len(p)+16)
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		if mayBeUnsafe(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, p[i:i+size]...)
		}
		i += size
	}
	if _, err := j.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// mayBeUnsafe reports a character jsonSafe escapes.
func mayBeUnsafe(r rune) bool { return r == 0x7f || r >= 0x80 && termsafe.Unsafe(r) }

// cleanLines is clean for text of several lines.
func cleanLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = clean(l)
	}
	return strings.Join(lines, "\n")
}
