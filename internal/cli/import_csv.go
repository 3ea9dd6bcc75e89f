package cli

import (
	"fmt"
	"io"
	"strings"

	"afterview/stages"
	"afterview/store"
)

// importCSV imports a spreadsheet's CSV, all or nothing, and says which
// columns it did not use.
func importCSV(e *env, st *store.Store, in io.Reader, name string, mode store.ImportMode) error {
	n, ignored, err := st.ImportCSV(in, mode, e.now())
	if err != nil {
		return inputErr(name, err)
	}
	fmt.Fprintf(e.stdout, "Imported %d %s from %s.\n", n, stages.Plural(n, "application", "applications"), clean(name))
	if len(ignored) > 0 {
		fmt.Fprintf(e.stdout, "Ignored %s afterview does not know: %s.\n", stages.Plural(len(ignored), "column", "columns"), clean(strings.Join(ignored, ", ")))
	}
	return nil
}
