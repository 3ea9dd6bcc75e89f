package config

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// unknownKeys is a file of n keys afterview does not know, one a line.
func unknownKeys(n int) []byte {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "key%d = %d\n", i, i)
	}
	return []byte(b.String())
}

// A file of 60,000 unknown keys is answered with the first 20, each at its
// line, and the count of the rest. How fast is BenchmarkParseUnknownKeys's
// business; the limit here only stops a run that has gone back to taking
// minutes.
func TestManyProblemsShowTheFirst20AndTheCountOfTheRest(t *testing.T) {
	doc := unknownKeys(60000)
	var err error
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, err = Parse("config.toml", doc)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("60,000 unknown keys: no answer after 10 s")
	}
	var ce *Error
	if !errors.As(err, &ce) || len(ce.Problems) != 60000 {
		t.Fatalf("60,000 unknown keys: %T, %d problems", err, len(ce.Problems))
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != MaxProblemsShown+2 {
		t.Fatalf("%d lines, want %d problems, the count of the rest and what to do:\n%s", len(lines), MaxProblemsShown, err)
	}
	for i, l := range lines[:MaxProblemsShown] {
		want := fmt.Sprintf(`config.toml:%d:1: unknown key "key%d" at the top of the file: the keys there are me, calendar, rules, process`, i+1, i+1)
		if l != want {
			t.Errorf("line %d:\n%s\nwant\n%s", i+1, l, want)
		}
	}
	if want := "… and 59,980 more problems"; lines[MaxProblemsShown] != want {
		t.Errorf("after the first %d: %q, want %q", MaxProblemsShown, lines[MaxProblemsShown], want)
	}
}

func BenchmarkParseUnknownKeys(b *testing.B) {
	for _, n := range []int{10000, 60000} {
		doc := unknownKeys(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(doc)))
			for b.Loop() {
				if _, err := Parse("config.toml", doc); err == nil {
					b.Fatal("accepted")
				}
			}
		})
	}
}

// strictUnknown is what the TOML library's own check finds unknown in doc,
// as problems; ok is false when it stops first at another error.
func strictUnknown(doc []byte) (ps []Problem, ok bool) {
	var f file
	dec := toml.NewDecoder(bytes.NewReader(doc))
	dec.DisallowUnknownFields()
	err := dec.Decode(&f)
	var strict *toml.StrictMissingError
	switch {
	case err == nil:
		return nil, true
	case errors.As(err, &strict):
		return decodeProblems(err), true
	}
	return nil, false
}

// sameUnknown fails when the walk and the library disagree on where the
// unknown keys of doc are. (What is said of them is the walk's: for a key
// in an inline table or after a dotted key, the library names the wrong
// table.)
func sameUnknown(t *testing.T, doc []byte) {
	t.Helper()
	want, ok := strictUnknown(doc)
	if !ok {
		return
	}
	got := locate(doc).unknown
	at := func(ps []Problem) string {
		var b strings.Builder
		for _, p := range sortProblems(ps) {
			fmt.Fprintf(&b, "%d:%d ", p.Line, p.Col)
		}
		return b.String()
	}
	if at(got) != at(want) {
		t.Errorf("%q:\nthe walk finds %v\nthe library %v", doc, got, want)
	}
}

// The walk finds the unknown keys the TOML library finds, at the same
// places, in every way TOML can write a key.
func TestTheWalkFindsTheUnknownKeysTheLibraryFinds(t *testing.T) {
	for _, doc := range []string{
		Example,
		"colour = 1\n",
		"[calendar]\nholidays = \"US\"\ncolour = \"blue\"\nwork_week = [\"mon\"]\n",
		"[rule]\nfollow_up_due = 10\ncolour = 1\n[rules]\nfollow_up_due = 10\n",
		"[[rule]]\na = 1\n[[rule]]\nb = 2\n",
		"[calendar.x]\ny = 1\n[calendar]\nholidays = \"US\"\n",
		"calendar.colour = 1\nrules.follow_up_due = 10\nme.name = \"x\"\n",
		"a.b.c = 1\n[x.\"y.z\"]\n",
		"me = {name = \"x\", colour = 1, signature = \"y\"}\n",
		"calendar = {holidays = \"US\", x = {y = 1}}\n",
		"process = [{name = \"g\", stages = [\"a\"], colour = 1}, {name = \"h\", stages = [\"b\"], stage = {b = {task = \"t\", taks = \"u\"}}}]\n",
		"[[process]]\nname = \"g\"\nstages = [\"a\"]\ncolour = 1\n[process.stage.\"a\"]\ntaks = \"x\"\ntask = \"y\"\n[process.stage.b]\nusualy = [1, 2]\n[[process]]\nname = \"h\"\nstages = [\"c\"]\n\"quoted key\" = 2\n",
		"[[process]]\nname = \"g\"\nstages = [\"a\"]\nstage.a.tip = \"x\"\nstage.a.tipp = \"y\"\n",
		"[process.stage]\n",
		"  [ calendar ]  # c\n  colour = 1 # c\n\n# the end\n",
		"x = \"\"\"\nmany\nlines\n\"\"\"\n[rules]\nfollow_up_due = 10\ny = [\n1,\n2,\n]\n",
		"[me]\nname = \"a\"\n[me.x]\n",
	} {
		sameUnknown(t, []byte(doc))
	}
	// Where the library names the wrong table, the walk names the right
	// one.
	for doc, want := range map[string]string{
		"a.b.c = 1\n":                       `1:1: unknown key "a" at the top of the file`,
		"me = {name = \"x\", colour = 1}\n": `1:19: unknown key "colour" in [me]: the keys there are name, signature`,
		"process = [{name = \"g\", stages = [\"b\"], stage = {b = {taks = \"u\"}}}]\n": `1:55: unknown key "taks" in [process.stage.b]: the keys there are usually`,
	} {
		_, err := Parse("c.toml", []byte(doc))
		if err == nil || !strings.HasPrefix(err.Error(), "c.toml:"+want) {
			t.Errorf("%q: %v\nwant c.toml:%s", doc, err, want)
		}
	}
}

// Unknown keys do not hide the other problems, nor a value of the wrong
// type: all are told at once, in the order of the file.
func TestUnknownKeysDoNotHideTheOtherProblems(t *testing.T) {
	for doc, want := range map[string][]string{
		"[calendar]\nholidays = \"XX\"\ncolour = 1\n[rule]\na = 1\n[rules]\nmove_on_after = 0\n": {
			`c.toml:2:12: holidays = "XX"`, `c.toml:3:1: unknown key "colour"`, `c.toml:4:2: unknown key "rule"`, `c.toml:7:17: move_on_after = 0`},
		"colour = 1\n[rules]\nmove_on_after = \"5\"\nx = 2\n": {
			`c.toml:1:1: unknown key "colour"`, `c.toml:3:17: move_on_after: a string is not valid here`, `c.toml:4:1: unknown key "x"`},
	} {
		_, err := Parse("c.toml", []byte(doc))
		var ce *Error
		if !errors.As(err, &ce) {
			t.Fatalf("%q: %v", doc, err)
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) != len(want)+1 {
			t.Errorf("%q: %d lines, want %d problems and what to do:\n%v", doc, len(lines), len(want), err)
			continue
		}
		for i, w := range want {
			if !strings.HasPrefix(lines[i], w) {
				t.Errorf("%q, problem %d: %q, want %q...", doc, i+1, lines[i], w)
			}
		}
	}
}
