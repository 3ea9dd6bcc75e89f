package cli

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func (e *env) newDeleteCommand() *cobra.Command {
	var yes bool
	return e.newCommand(spec{
		use:     "delete ID [--yes]",
		summary: "delete an application for good (asks first)",
		long: `Deletes an application and its whole history for good. It asks first;
--yes answers for you (for scripts).`,
		flags: func(f *pflag.FlagSet) {
			f.BoolVarP(&yes, "yes", "y", false, "delete without asking")
		},
		complete: e.completeID(""),
		run:      func(args []string) error { return cmdDelete(e, yes, args) },
	})
}

func cmdDelete(e *env, yes bool, pos []string) error {
	id, err := oneID(pos, "delete", "afterview delete 3")
	if err != nil {
		return err
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	a, err := st.Get(id)
	if err != nil {
		return err
	}
	what := fmt.Sprintf("%s (#%d)", clean(a.Company), id)
	if !yes && !confirmed(e, fmt.Sprintf("Delete %s and its %d events for good? [y/N] ", what, len(a.Events))) {
		return usageErr("not deleted: %s is kept. To delete it, answer y, or add --yes", what)
	}
	if err := st.Delete(id); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Deleted %s.\n", what)
	return nil
}

// confirmed asks a yes/no question on standard error and reads the answer
// from standard input; anything but y or yes (an empty input too) is no.
func confirmed(e *env, question string) bool {
	fmt.Fprint(e.stderr, question)
	line, _ := bufio.NewReader(e.stdin).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true
	}
	fmt.Fprintln(e.stderr)
	return false
}
