// Command afterview tracks the wait after a final interview: where each
// company stands, how long you have waited against the usual window, and what
// to do today. Run it with no arguments for the terminal UI; see `afterview
// help` for the commands. The command line lives in internal/cli.
package main

import "afterview/internal/cli"

func main() { cli.Main() }
