package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A CSV with a stray quote is bad input, not an internal error: the import
// exits 1, names the file and the line at fault, and writes nothing, into
// an empty database as in a merge.
func TestImportCSVWithAStrayQuote(t *testing.T) {
	const now = "2026-11-29T12:00"
	cases := []struct {
		name, csv string
		want      []string // what the refusal must say besides the file's name
	}{
		{"a quote inside an unquoted cell", "company\nA\"b\n", []string{"line 2, column 2"}},
		{"a quote after a later good row", "company,role\r\nAcme,x\r\nGlobex,y\"z\r\n", []string{"line 3, column 9"}},
		{"an unterminated quoted cell at the end", "company,role\nAcme,x\n\"Globex,y\n", []string{"line 3", "not closed"}},
		{"an unterminated quoted cell over lines", "company,role\nAcme,x\n\"Globex,y\nInitech,z\n", []string{"lines 3 to 4", "not closed"}},
		{"text after a closing quote", "company\n\"A\"b\n", []string{"line 2", "not closed"}},
		{"a bare quote in the header", "comp\"any,role\nAcme,x\n", []string{"first row", "line 1, column 5"}},
		{"a quote and a bad date", "company,interviewed\nA\"b,\nInitech,someday\n", []string{"line 2, column 2", "line 3 (Initech)"}},
	}
	for _, tc := range cases {
		for _, merge := range []bool{false, true} {
			c := newCLI(t)
			if merge {
				c.ok(now, "add", "Existing")
			}
			before := c.ok(now, "export")
			file := filepath.Join(t.TempDir(), "sheet.csv")
			if err := os.WriteFile(file, []byte(tc.csv), 0o600); err != nil {
				t.Fatal(err)
			}
			args := []string{"import", "--format", "csv", file}
			if merge {
				args = append(args, "--merge")
			}
			out, errOut, code := c.at(now, args...)
			if code != exitUsage || out != "" {
				t.Errorf("%s (merge %v): exit %d, %q %q; want exit 1", tc.name, merge, code, out, errOut)
			}
			for _, want := range append([]string{file}, tc.want...) {
				if !strings.Contains(errOut, want) {
					t.Errorf("%s (merge %v): the refusal does not say %q:\n%s", tc.name, merge, want, errOut)
				}
			}
			for _, never := range []string{"internal error", "panic", "FieldPos", "goroutine"} {
				if strings.Contains(errOut, never) {
					t.Errorf("%s (merge %v): the refusal says %q:\n%s", tc.name, merge, never, errOut)
				}
			}
			if after := c.ok(now, "export"); after != before {
				t.Errorf("%s (merge %v): the refused import changed the database:\n%s\n---\n%s", tc.name, merge, before, after)
			}
		}
	}
}
