package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/spf13/cobra"

	"afterview/internal/config"
	"afterview/stages"
)

func (e *env) newConfigCommand() *cobra.Command {
	return e.newCommand(spec{
		use:      "config [check | edit]",
		summary:  "the configuration file: show it, check it, edit it",
		long:     configLong,
		noConfig: true,
		run:      func(args []string) error { return cmdConfig(e, args) },
	})
}

const configLong = `  afterview config          the configuration file's path and every setting in effect,
                            the built-in defaults marked as such
  afterview config check    read the file and report every problem, with its line and
                            column, without running anything (exit 1 if there is one)
  afterview config edit     open the file in $VISUAL or $EDITOR (default vi); on first use
                            it is created with every key commented out, with its default

The file is $XDG_CONFIG_HOME/afterview/config.toml (by default
~/.config/afterview/config.toml); --config FILE or AFTERVIEW_CONFIG picks
another. No file means the defaults. README.md describes every key.`

func cmdConfig(e *env, pos []string) error {
	sub := ""
	if len(pos) > 0 {
		sub = pos[0]
	}
	if len(pos) > 1 {
		return usageErr("config takes one word: check or edit (see 'afterview config --help')")
	}
	path, explicit, err := e.configFile()
	if err != nil {
		return usageErr("%v", err)
	}
	switch sub {
	case "", "show":
		return showConfig(e, path, explicit)
	case "check":
		return checkConfig(e, path, explicit)
	case "edit":
		return editConfig(e, path, editorCommand())
	}
	return usageErr("unknown config command %q: use 'afterview config', 'afterview config check' or 'afterview config edit'", sub)
}

// showConfig prints the file's path and every setting in effect.
func showConfig(e *env, path string, explicit bool) error {
	cfg, err := config.Load(path, explicit)
	if err != nil {
		return usageErr("%v", err)
	}
	var b strings.Builder
	cfg.Describe(&b, stages.DateOf(e.now()))
	fmt.Fprint(e.stdout, cleanLines(b.String()))
	return nil
}

// checkConfig reads the file and says whether it can be used.
func checkConfig(e *env, path string, explicit bool) error {
	cfg, err := config.Load(path, explicit)
	if ce := (*config.Error)(nil); errors.As(err, &ce) {
		return usageErr("%s\nFix the file (afterview config edit) and check it again.", ce.List())
	}
	if err != nil {
		return usageErr("%v", err)
	}
	if !cfg.Exists {
		fmt.Fprintf(e.stdout, "%s: no file; every setting is the default\n", clean(path))
		return nil
	}
	own := 0
	for _, t := range cfg.Settings.Processes() {
		if !t.Builtin {
			own++
		}
	}
	fmt.Fprintf(e.stdout, "%s: ok · business days: %s · %d process%s of your own\n",
		clean(path), cfg.Settings.Calendar.Describe(), own, map[bool]string{true: "", false: "es"}[own == 1])
	return nil
}

// editConfig opens the file in the user's editor, creating the commented
// example first if there is none, then checks what was saved.
func editConfig(e *env, path, editor string) error {
	created, err := config.WriteExample(path)
	if err != nil {
		return usageErr("%v", err)
	}
	if created {
		fmt.Fprintf(e.stderr, "afterview: created %s with every setting commented out\n", clean(path))
	}
	// The editor may carry options ("code --wait"): the shell splits it,
	// and the path goes in as its own argument, never through the shell.
	cmd := exec.Command("/bin/sh", "-c", editor+` "$1"`, "afterview-editor", path)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = e.stdin, e.stdout, e.stderr
	if f, ok := e.stdout.(*os.File); ok {
		cmd.Stdout = f
	}
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return usageErr("the editor (%s) ended with exit code %d; the file is %s", editor, exit.ExitCode(), path)
		}
		return usageErr("cannot run the editor (%s): %v; set EDITOR to the one you use", editor, err)
	}
	if _, err := config.Load(path, true); err != nil {
		if ce := (*config.Error)(nil); errors.As(err, &ce) {
			return usageErr("%s\nThe file is saved as you left it: run 'afterview config edit' again to fix it.", ce.List())
		}
		return usageErr("%v", err)
	}
	fmt.Fprintf(e.stdout, "%s: ok\n", clean(path))
	return nil
}
