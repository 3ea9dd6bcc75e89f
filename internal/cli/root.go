package cli

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// spec describes one command: what newCommand needs to wire it into cobra.
// Each command's file holds its spec (flags included) and, apart, the
// function that does the work, so the work can be read and tested without
// cobra.
type spec struct {
	use     string // the usage line after "afterview ": "add COMPANY [options]"
	summary string // one line, for the list of commands
	long    string // the help before the options
	after   string // the help after the options, if any
	flags   func(f *pflag.FlagSet)
	// choices are the values a flag takes, for shell completions.
	choices map[string][]string
	// complete completes the arguments (ids, kinds, prompts), if set.
	complete cobra.CompletionFunc
	// noConfig: the command reads the configuration file itself (config)
	// or needs none, so a broken file does not stop it.
	noConfig bool
	hidden   bool
	run      func(args []string) error
}

// newCommand makes the cobra command for s. Positional arguments are
// checked by each command, with its own message; flags may come before,
// between or after them ("add Netflix --role SWE"), and "--" ends them.
func (e *env) newCommand(s spec) *cobra.Command {
	c := &cobra.Command{
		Use:                   s.use,
		Short:                 s.summary,
		Long:                  s.long,
		Hidden:                s.hidden,
		Args:                  cobra.ArbitraryArgs,
		DisableFlagsInUseLine: true,
		RunE: func(_ *cobra.Command, args []string) error {
			if err := e.begin(!s.noConfig); err != nil {
				return err
			}
			return s.run(args)
		},
	}
	if s.after != "" {
		c.Annotations = map[string]string{helpAfter: s.after}
	}
	if s.complete != nil {
		c.ValidArgsFunction = s.complete
	} else {
		c.ValidArgsFunction = cobra.NoFileCompletions
	}
	// The help lists flags in the order they are defined: the usual first.
	c.Flags().SortFlags = false
	if s.flags != nil || s.choices != nil {
		if e.pendingFlags == nil {
			e.pendingFlags = map[*cobra.Command]func(){}
		}
		e.pendingFlags[c] = func() {
			if s.flags != nil {
				s.flags(c.Flags())
			}
			for name, values := range s.choices {
				_ = c.RegisterFlagCompletionFunc(name, cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp))
			}
		}
	}
	return c
}

// defineFlags defines the flags that the command line being run needs:
// those of its command when it names one, every command's for the help
// command, completions and the man page. Defining the flags of twenty
// commands is most of what building the tree costs, and 'today' should
// not pay for 'log'.
func (e *env) defineFlags(args []string) {
	target, _, err := e.root.Find(args)
	if define, ok := e.pendingFlags[target]; ok && err == nil {
		define()
		return
	}
	for _, define := range e.pendingFlags {
		define()
	}
}

// The help lists the commands in the order of commands(), the most used
// first, as it always has, not alphabetically. (cobra keeps this setting
// for the whole program; afterview has one command tree.)
func init() { cobra.EnableCommandSorting = false }

// commands lists every command afterview has, in the order the help lists
// them. A new command is a file with its newXxxCommand and one line here.
func (e *env) commands() []*cobra.Command {
	return []*cobra.Command{
		e.newAddCommand(),
		e.newListCommand(),
		e.newTodayCommand(),
		e.newNotifyCommand(),
		e.newShowCommand(),
		e.newEditCommand(),
		e.newPeopleCommand(),
		e.newReferencesCommand(),
		e.newDeleteCommand(),
		e.newUndoCommand(),
		e.newLogCommand(),
		e.newPromptCommand("done"),
		e.newDraftCommand(),
		e.newPromptCommand("snooze"),
		e.newPromptCommand("dismiss"),
		e.newOffersCommand(),
		e.newStatsCommand(),
		e.newExportCommand(),
		e.newImportCommand(),
		e.newBackupCommand(),
		e.newDemoCommand(),
		e.newServeCommand(),
		e.newProcessesCommand(),
		e.newConfigCommand(),
		e.newManCommand(),
		e.newVersionCommand(),
	}
}

// newRoot builds the whole command tree for one run.
func (e *env) newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:           "afterview",
		Short:         "keep track of the wait after a final interview",
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
		// Any word that is not a command is a misspelled one.
		Args: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return unknownCommand(c, args[0])
			}
			return nil
		},
		RunE: func(*cobra.Command, []string) error {
			if err := e.begin(true); err != nil {
				return err
			}
			return cmdDefault(e)
		},
		DisableFlagsInUseLine: true,
	}
	pf := root.PersistentFlags()
	pf.StringVar(&e.dbFlag, "db", "", "the database file (default: $AFTERVIEW_DB, or\n$XDG_DATA_HOME/afterview/afterview.db)")
	valueName(pf, "db", "FILE")
	pf.StringVar(&e.configFlag, "config", "", "the configuration file (default: $AFTERVIEW_CONFIG, or\n$XDG_CONFIG_HOME/afterview/config.toml)")
	valueName(pf, "config", "FILE")
	root.Flags().BoolP("version", "v", false, "print afterview's version")
	root.SetVersionTemplate("afterview {{.Version}}\n")
	root.Flags().SortFlags = false
	root.PersistentFlags().SortFlags = false
	root.SuggestionsMinimumDistance = 2
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetHelpFunc(e.help)
	root.SetFlagErrorFunc(e.flagError)
	root.AddCommand(e.commands()...)
	// cobra's completion command (bash, zsh, fish, powershell), in
	// afterview's words, refusing a shell it has no script for.
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Short = "shell completions: bash, zsh, fish or powershell"
			c.Long = completionHelp
			c.RunE = func(c *cobra.Command, args []string) error {
				if len(args) == 0 {
					return c.Help()
				}
				return usageErr("completion: no completions for %q: choose bash, zsh, fish or powershell", args[0])
			}
		}
	}
	return root
}

// unknownCommand refuses a word that is not a command, suggesting the
// nearest ones ("exprt": export).
func unknownCommand(c *cobra.Command, word string) error {
	hint := ""
	if s := c.Root().SuggestionsFor(word); len(s) > 0 {
		hint = " Did you mean " + strings.Join(s, " or ") + "?"
	}
	return usageErr("unknown command %q.%s Run 'afterview help' for the list of commands", word, hint)
}

// flagError words pflag's complaints the way afterview always has, with
// the flag spelled with two dashes, and names the command's help.
func (e *env) flagError(c *cobra.Command, err error) error {
	var (
		notExist *pflag.NotExistError
		invalid  *pflag.InvalidValueError
		required *pflag.ValueRequiredError
	)
	msg := err.Error()
	switch {
	case errors.As(err, &notExist):
		name := "--" + notExist.GetSpecifiedName()
		if notExist.GetSpecifiedName() == "" {
			name = "-" + notExist.GetSpecifiedShortnames()
		}
		msg = "flag provided but not defined: " + name
		if long := notExist.GetSpecifiedName(); long != "" {
			if s := flagSuggestions(c, long); len(s) > 0 {
				msg += ". Did you mean " + strings.Join(s, " or ") + "?"
			}
		}
	case errors.As(err, &invalid) && invalid.GetFlag().Value.Type() == "bool":
		msg = fmt.Sprintf("--%s is on or off: give it alone (or --%s=false), not %q", invalid.GetFlag().Name, invalid.GetFlag().Name, invalid.GetValue())
	case errors.As(err, &invalid):
		msg = "--" + invalid.GetFlag().Name + ": " + invalid.Unwrap().Error()
	case errors.As(err, &required):
		f := required.GetFlag()
		msg = fmt.Sprintf("--%s needs a value: --%s %s", f.Name, f.Name, flagValueName(f))
	}
	if c == c.Root() {
		// A flag afterview does not know, before a word that is no
		// command: the word is what went wrong ("exprt --format csv").
		if word := firstWord(e.args); word != "" && notExist != nil {
			if found, _, ferr := c.Find([]string{word}); ferr == nil && found == c {
				return unknownCommand(c, word)
			}
		}
		return usageErr("%s\nRun 'afterview help' for the commands and options", msg)
	}
	return usageErr("%s: %s\nRun 'afterview %s --help' for its options", c.Name(), msg, c.Name())
}

// firstWord is the first argument that is not a flag or a global flag's
// value.
func firstWord(args []string) string {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			return ""
		case a == "--db" || a == "--config":
			i++
		case strings.HasPrefix(a, "-"):
		default:
			return a
		}
	}
	return ""
}

// linkedVersion is a version given at link time, for a build that records
// neither a module version nor a commit (from a source archive):
//
//	go build -ldflags "-X afterview/internal/cli.linkedVersion=v1.2.3"
var linkedVersion string

// version is afterview's version as the build recorded it (see versionOf).
func version() string {
	info, _ := debug.ReadBuildInfo()
	return versionOf(info, linkedVersion)
}

// versionOf says which afterview info describes: the module version of a
// 'go install afterview@v1.2.3'; else the commit a build from a clone was
// made from, "-dirty" when it had changes not committed, and the commit's
// time ("3f2c1a9e4b7d-dirty (2026-12-06 21:50 UTC)"); else the version given
// at link time; else "(devel)".
func versionOf(info *debug.BuildInfo, linked string) string {
	if info != nil && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return info.Main.Version
	}
	var rev, at string
	dirty := false
	if info != nil {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			case "vcs.time":
				if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
					at = t.UTC().Format("2006-01-02 15:04 MST")
				}
			}
		}
	}
	if rev == "" {
		if linked != "" {
			return linked
		}
		return "(devel)"
	}
	v := rev[:min(len(rev), 12)]
	if dirty {
		v += "-dirty"
	}
	if at != "" {
		v += " (" + at + ")"
	}
	return v
}

func (e *env) newVersionCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "version",
		Short:  "print afterview's version",
		Hidden: true,
		Args:   cobra.NoArgs,
		Run: func(c *cobra.Command, _ []string) {
			fmt.Fprintln(e.stdout, "afterview", c.Root().Version)
		},
	}
}

const completionHelp = `Prints the script that teaches a shell afterview's commands, flags and
choices. To load them in every new shell:
  bash        afterview completion bash > ~/.local/share/bash-completion/completions/afterview
              (needs the bash-completion package: apt install bash-completion,
              brew install bash-completion@2)
  zsh         afterview completion zsh > "${fpath[1]}/_afterview"
              (compinit must be on: autoload -U compinit; compinit)
  fish        afterview completion fish > ~/.config/fish/completions/afterview.fish
  powershell  afterview completion powershell | Out-String | Invoke-Expression
              (add that line to your $PROFILE)
'afterview completion SHELL --help' says more.`
