package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"afterview/internal/config"
)

func (e *env) newProcessesCommand() *cobra.Command {
	return e.newCommand(spec{
		use:     "processes",
		summary: "the hiring processes you can choose, with their stages",
		long: `Lists every hiring process you can give to 'afterview add --process' (the
built-in ones and your own, from the configuration file) with its stages,
its usual wait, and each stage's usual duration, task and tip.`,
		run: func(args []string) error { return cmdProcesses(e, args) },
	})
}

func cmdProcesses(e *env, pos []string) error {
	if len(pos) > 0 {
		return usageErr("processes takes no arguments")
	}
	var b strings.Builder
	config.DescribeProcesses(&b, e.settings())
	fmt.Fprint(e.stdout, cleanLines(b.String()))
	return nil
}
