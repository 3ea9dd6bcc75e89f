package cli

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"afterview/stages"
)

func (e *env) newUndoCommand() *cobra.Command {
	return e.newCommand(spec{
		use:     "undo",
		summary: "take back the last change to an application",
		long: `Takes back the last change to an application: a log, a done, a snooze, an
edit, an add or a delete, made here or in the UI, before a restart or not
(the UI's u does the same). Run it again to take back the one before; the
data file keeps the last ` + strconv.Itoa(stages.UndoDepth) + ` changes. It refuses, changing nothing, when the
application changed since in a way it cannot reverse (an older afterview
wrote to it). Prompts about your whole search marked done, dismissed or
snoozed, references and imports are not undone; an import ends what can be
undone.`,
		run: func(args []string) error { return cmdUndo(e, args) },
	})
}

func cmdUndo(e *env, pos []string) error {
	if len(pos) > 0 {
		return usageErr("undo takes no arguments: it takes back the last change (run it again for the one before)")
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	u, err := st.UndoLast()
	if errors.Is(err, stages.ErrNothingToUndo) {
		return usageErr("nothing to undo: no change to an application is kept (an import ends what can be undone)")
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Undone: %s.\n", clean(u.Label()))
	return nil
}
