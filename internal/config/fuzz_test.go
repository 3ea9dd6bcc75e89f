package config

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse: any document is either read or refused with an *Error naming
// the file, never a panic, and its unknown keys are where the TOML
// library finds them; its seeds run with every go test.
func FuzzParse(f *testing.F) {
	f.Add(Example)
	f.Add("[calendar]\nholidays = \"US\"\ndays_off = [2026-12-24, \"2026-12-31\"]\nwork_week = [\"sun\"]\n")
	f.Add("[rules]\nfollow_up_opens = 3\nfollow_up_due = 4\nwait_window = [0, 1]\n")
	f.Add("[[process]]\nname = \"g\"\nstages = [\"a\", \"b\"]\n[process.stage.\"b\"]\nusually = [1, 2]\noffer = true\n[[process]]\nname = \"h\"\nstages = [\"x\"]\n")
	f.Add("me = {name = \"x\", signature = \"y\"}\n")
	f.Add("[process]\nname = 1\n")
	f.Add("[[process.stage]]\n")
	f.Add("a.b.c = 1\n[x.\"y.z\"]\n")
	f.Add("colour = 1\n[rule]\na = 1\n[calendar]\nx.y = 1\nholidays = \"US\"\n")
	f.Add("me = {name = \"x\", colour = 1}\n[[process]]\nname = \"g\"\nstages = [\"a\"]\n[process.stage.a]\ntaks = 1\n")
	f.Fuzz(func(t *testing.T, doc string) {
		sameUnknown(t, []byte(doc))
		c, err := Parse("f.toml", []byte(doc))
		if err == nil {
			if c.Settings == nil {
				t.Fatal("no error and no settings")
			}
			return
		}
		var ce *Error
		if !errors.As(err, &ce) || len(ce.Problems) == 0 || !strings.HasPrefix(err.Error(), "f.toml") {
			t.Fatalf("error %T %q", err, err)
		}
	})
}
