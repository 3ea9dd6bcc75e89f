package cli

import (
	"os"
	"strconv"

	"github.com/spf13/cobra"

	"afterview/stages"
)

// Shell completions beyond the commands and flags cobra completes: the
// applications' ids (with their company), log's kinds, and the prompts of
// the application named. They read the database as the command would,
// never create it, and offer nothing when it cannot be read.

// completeID completes an application id as the first argument; then, for
// log, the kind, and for the prompt commands, the application's prompts.
func (e *env) completeID(then string) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		none := cobra.ShellCompDirectiveNoFileComp
		switch {
		case len(args) == 0:
			return e.openApplications(), none
		case len(args) == 1 && then == "kind":
			return stages.LogWords(), none
		case len(args) == 1 && then == "prompt":
			return e.promptKeys(args[0]), none
		}
		return nil, none
	}
}

// readable reports whether the database exists, so that a completion
// never creates it.
func (e *env) readable() bool {
	if e.begin(true) != nil {
		return false
	}
	path, err := e.databasePath()
	if err != nil {
		return false
	}
	_, err = os.Stat(path)
	return err == nil
}

// openApplications are the ids of the applications today's prompts are
// about (the open ones, mostly), each with its company.
func (e *env) openApplications() []cobra.Completion {
	if !e.readable() {
		return nil
	}
	st, err := e.openStore()
	if err != nil {
		return nil
	}
	active, err := st.ActiveSnapshot(stages.DateOf(e.now()))
	if err != nil {
		return nil
	}
	var out []cobra.Completion
	for _, a := range active.Apps {
		if !a.Closed() {
			out = append(out, cobra.CompletionWithDesc(strconv.FormatUint(a.ID, 10), clean(a.Company)))
		}
	}
	return out
}

// promptKeys are the live prompts of the application id, each with what
// it asks.
func (e *env) promptKeys(id string) []cobra.Completion {
	if !e.readable() {
		return nil
	}
	var n uint64
	if id != "0" {
		var err error
		if n, err = parseID(id); err != nil {
			return nil
		}
	}
	st, err := e.openStore()
	if err != nil {
		return nil
	}
	ps, err := promptsOf(st, n, e.now())
	if err != nil {
		return nil
	}
	out := make([]cobra.Completion, 0, len(ps))
	for _, p := range ps {
		out = append(out, cobra.CompletionWithDesc(clean(p.Key), clean(p.Text)))
	}
	return out
}
