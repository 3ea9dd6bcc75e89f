package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/fang"
	"github.com/charmbracelet/x/term"
	"github.com/muesli/mango"
	mcobra "github.com/muesli/mango-cobra"
	"github.com/muesli/roff"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// flagValue is the annotation naming a flag's value in the help:
// "--interviewed WHEN".
const flagValue = "afterview:value"

// valueName names the value of flag name for its help line.
func valueName(f *pflag.FlagSet, name, word string) {
	_ = f.SetAnnotation(name, flagValue, []string{word})
}

// flagValueName is the word for f's value ("WHEN"), empty for a switch.
func flagValueName(f *pflag.Flag) string {
	if f.Value.Type() == "bool" {
		return ""
	}
	if v, ok := f.Annotations[flagValue]; ok && len(v) > 0 {
		return v[0]
	}
	value, _ := pflag.UnquoteUsage(f)
	return strings.ToUpper(value)
}

// helpAfter is the annotation holding the help printed after a command's
// options.
const helpAfter = "afterview:after"

// The help keeps the layout afterview has always printed ("Usage: afterview
// add COMPANY [options]", then the text, then the options), which the
// README and scripts quote; fang gives it its colours on a terminal. The
// options are printed from the flag definitions, so they cannot drift.

// painter colours help and error text on a terminal that shows colour,
// with fang's colour scheme; anywhere else it leaves text as it is.
type painter struct {
	title, flag, command, errPrefix func(string) string
}

// newPainter returns the painter for text written to w, which goes to the
// stream dest (w may buffer it): colours only when dest is a colour
// terminal, worked out on the help and error paths only, never on today's.
func newPainter(w, dest io.Writer) (painter, io.Writer) {
	plain := func(s string) string { return s }
	p := painter{plain, plain, plain, plain}
	f, ok := dest.(term.File)
	if !ok || !term.IsTerminal(f.Fd()) {
		return p, w
	}
	cw := &colorprofile.Writer{Forward: w, Profile: colorprofile.Detect(dest, os.Environ())}
	if cw.Profile <= colorprofile.Ascii {
		return p, w
	}
	cs := fang.DefaultColorScheme(lipgloss.LightDark(darkBackground()))
	style := func(s lipgloss.Style) func(string) string { return func(t string) string { return s.Render(t) } }
	p.title = style(lipgloss.NewStyle().Bold(true).Foreground(cs.Title))
	p.flag = style(lipgloss.NewStyle().Foreground(cs.Flag))
	p.command = style(lipgloss.NewStyle().Foreground(cs.Command))
	p.errPrefix = style(lipgloss.NewStyle().Bold(true).Foreground(cs.ErrorHeader[1]))
	return p, cw
}

// darkBackground guesses the terminal's background from COLORFGBG
// ("15;0": light text on black), dark when it does not say. Asking the
// terminal itself (fang does) waits for an answer that some terminals never
// give: seconds before an error message appears.
func darkBackground() bool {
	fgbg := os.Getenv("COLORFGBG")
	i := strings.LastIndexByte(fgbg, ';')
	if i < 0 {
		return true
	}
	switch fgbg[i+1:] {
	case "7", "15":
		return false
	}
	return true
}

// printError prints a command's error: "afterview: " and the message, made
// safe for the terminal, on standard error.
func (e *env) printError(err error) {
	p, w := newPainter(e.stderr, e.stderr)
	fmt.Fprintf(w, "%s %s\n", p.errPrefix("afterview:"), cleanLines(err.Error()))
}

// help prints c's help on standard output.
func (e *env) help(c *cobra.Command, _ []string) {
	p, w := newPainter(c.OutOrStdout(), e.terminal)
	if c == c.Root() {
		fmt.Fprint(w, e.rootHelp(c, p))
		return
	}
	var b strings.Builder
	use := strings.TrimSpace(strings.TrimPrefix(c.Use, c.Name()))
	fmt.Fprintf(&b, "%s %s\n", p.title("Usage:"), strings.TrimSpace(c.CommandPath()+" "+use))
	if long := strings.Trim(c.Long, "\n"); long != "" {
		b.WriteString("\n" + long + "\n")
	} else if c.Short != "" {
		b.WriteString("\n" + c.Short + "\n")
	}
	if c.HasAvailableSubCommands() {
		b.WriteString("\n" + p.title("Commands:") + "\n")
		writeCommands(&b, c.Commands(), p)
	}
	if opts := flagLines(c.Flags(), p, func(f *pflag.Flag) bool { return c.InheritedFlags().Lookup(f.Name) == nil }); opts != "" {
		b.WriteString("\n" + p.title("Options:") + "\n" + opts)
	}
	if after := c.Annotations[helpAfter]; after != "" {
		b.WriteString("\n" + strings.TrimLeft(after, "\n"))
	}
	fmt.Fprint(w, b.String())
}

func (e *env) rootHelp(root *cobra.Command, p painter) string {
	var b strings.Builder
	fmt.Fprintf(&b, `afterview: keep track of the wait after a final interview.

%s
  afterview [--db FILE] [--config FILE] [COMMAND] [ARGS]

With no command, afterview opens the terminal UI (or prints 'today' when its
output is not a terminal).

%s
`, p.title("Usage:"), p.title("Commands:"))
	writeCommands(&b, root.Commands(), p)
	all := func(*pflag.Flag) bool { return true }
	fmt.Fprintf(&b, "\n%s\n%s%s", p.title("Options:"), flagLines(root.PersistentFlags(), p, all), flagLines(root.LocalNonPersistentFlags(), p, all))
	fmt.Fprintf(&b, `
Run 'afterview COMMAND --help' for a command's options.

%s
  AFTERVIEW_DB      the database file (default: $XDG_DATA_HOME/afterview/afterview.db)
  AFTERVIEW_CONFIG  the configuration file (default: $XDG_CONFIG_HOME/afterview/config.toml)
  AFTERVIEW_NOW     a fixed clock, e.g. 2026-11-20T09:00 (local time), for tests and demos
  NO_COLOR          turn colours off

%s 0 ok, 1 bad usage or input, 2 a problem with the data file,
75 the database is in use by another afterview (try again).
`, p.title("Environment:"), p.title("Exit codes:"))
	return b.String()
}

// writeCommands lists the commands a user can run, with their summaries.
func writeCommands(b *strings.Builder, cmds []*cobra.Command, p painter) {
	width := 0
	for _, c := range cmds {
		if c.IsAvailableCommand() {
			width = max(width, len(c.Name()))
		}
	}
	for _, c := range cmds {
		if c.IsAvailableCommand() {
			fmt.Fprintf(b, "  %s%s %s\n", p.command(c.Name()), strings.Repeat(" ", width-len(c.Name())), c.Short)
		}
	}
}

// flagLines lists the flags of fs, from their definitions: the flag, the
// word for its value (the usage's `WORD`), and its usage, whose further
// lines line up under the first.
func flagLines(fs *pflag.FlagSet, p painter, show func(*pflag.Flag) bool) string {
	type line struct{ left, usage string }
	var lines []line
	width := 0
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden || f.Name == "help" || !show(f) {
			return
		}
		_, usage := pflag.UnquoteUsage(f)
		value := flagValueName(f)
		left := "--" + f.Name
		if f.Shorthand != "" {
			left = "-" + f.Shorthand + ", " + left
		}
		if value != "" {
			left += " " + value
		}
		width = max(width, len(left))
		lines = append(lines, line{left, usage})
	})
	var b strings.Builder
	for _, l := range lines {
		rest := strings.Split(l.usage, "\n")
		fmt.Fprintf(&b, "  %s%s   %s\n", p.flag(l.left), strings.Repeat(" ", width-len(l.left)), rest[0])
		for _, r := range rest[1:] {
			fmt.Fprintf(&b, "  %s   %s\n", strings.Repeat(" ", width), r)
		}
	}
	return b.String()
}

func (e *env) newManCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "man",
		Short: "the manual page, in roff: afterview man | man -l -",
		Long: `Prints afterview's manual page (section 1) in roff. Read it with
'afterview man | man -l -', or install it:
  afterview man > ~/.local/share/man/man1/afterview.1`,
		Args:                  cobra.NoArgs,
		DisableFlagsInUseLine: true,
		RunE: func(c *cobra.Command, _ []string) error {
			root := c.Root()
			page, err := mcobra.NewManPage(1, root)
			if err != nil {
				return err
			}
			shorthandsFirst(&page.Root)
			page = page.WithLongDescription(manDescription).
				WithSection("Environment", manEnvironment).
				WithSection("Exit status", "0 ok, 1 bad usage or input, 2 a problem with the data file, "+
					"75 the database is in use by another afterview (try again).").
				WithSection("Files", "$XDG_DATA_HOME/afterview/afterview.db (by default ~/.local/share/afterview/afterview.db): "+
					"the data; $XDG_CONFIG_HOME/afterview/config.toml (by default ~/.config/afterview/config.toml): the configuration; "+
					"$XDG_CONFIG_HOME/afterview/authorized_keys: the keys serve lets in; $XDG_DATA_HOME/afterview/ssh_host_ed25519_key: serve's host key.")
			_, err = fmt.Fprint(e.stdout, page.Build(roff.NewDocument()))
			return err
		},
	}
}

// shorthandsFirst writes each flag with a one-letter form as "-v,
// --version", the way man pages and the help do: mango writes both with
// the long form's two dashes ("--v --version").
func shorthandsFirst(c *mango.Command) {
	for k, f := range c.Flags {
		if f.Short != "" && f.PFlag {
			f.Name, f.Short, f.PFlag = f.Short+", --"+f.Name, "", false
			c.Flags[k] = f
		}
	}
	for _, sub := range c.Commands {
		shorthandsFirst(sub)
	}
}

// The man page's paragraphs are single lines: roff fills them.
const manDescription = "afterview keeps track of a job search's applications in the wait after a " +
	"final interview: where each company stands, how long you have waited against the usual window, " +
	"and what to do today (thank-yous, the one follow-up, references, answering an offer, moving on). " +
	"With no command it opens the terminal UI, or prints 'today' when its output is not a terminal. " +
	"Everything stays in one local file."

const manEnvironment = "AFTERVIEW_DB: the database file. AFTERVIEW_CONFIG: the configuration file. " +
	"AFTERVIEW_NOW: a fixed clock, e.g. 2026-11-20T09:00 (local time), for tests and demos. NO_COLOR: turn colours off."
