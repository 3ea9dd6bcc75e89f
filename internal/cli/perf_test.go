package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"afterview/agenda"
	"afterview/internal/gen"
	"afterview/stages"
	"afterview/store"
)

// TestShowReadsWhatItNeeds: `show` reads one application and those its
// prompts depend on (store.Focus), not the whole history; what it prints is
// what it printed from everything, competing offers included.
func TestShowReadsWhatItNeeds(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.Local)
	path := filepath.Join(t.TempDir(), "afterview.db")
	st := generatedStore(t, path, gen.Options{N: 150, Seed: 4, Now: now, Open: 60})
	t.Setenv("AFTERVIEW_NOW", "2026-11-20T09:00")
	competing := 0
	for _, day := range []time.Time{now, now.AddDate(0, 0, 9)} {
		all, global, err := st.Snapshot()
		if err != nil {
			t.Fatal(err)
		}
		ps := stages.NewEngine(nil, day.Location()).Day(day, all, global, len(all) > 0)
		t.Setenv("AFTERVIEW_NOW", day.Format("2006-01-02T15:04"))
		for i := range all {
			var mine []stages.Prompt
			for _, p := range ps {
				if p.AppID == all[i].ID {
					mine = append(mine, p)
					if p.Kind == stages.CompetingOffer {
						competing++
					}
				}
			}
			var want, got, errOut bytes.Buffer
			writeShow(&want, nil, &all[i], mine, day)
			if code := run([]string{"--db", path, "show", strconv.FormatUint(all[i].ID, 10)}, nil, &got, &errOut); code != exitOK {
				t.Fatalf("show %d: exit %d: %s", all[i].ID, code, errOut.String())
			}
			if got.String() != want.String() {
				t.Fatalf("show %d on %s:\n%s\nwant (from every application):\n%s", all[i].ID, day.Format(time.DateOnly), got.String(), want.String())
			}
		}
	}
	if competing == 0 {
		t.Fatal("no competing-offer prompt in the data: nothing here depends on another application")
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"--db", path, "show", "999"}, nil, &out, &errOut); code != exitUsage || !strings.Contains(errOut.String(), "no application with id 999") {
		t.Fatalf("show 999: exit %d, %q", code, errOut.String())
	}
}

// TestDoneOnAPromptFromAnotherApplication: the competing-offer prompt of
// one application comes from another's offer; done finds it, and an id with
// no application is told so, as show does.
func TestDoneOnAPromptFromAnotherApplication(t *testing.T) {
	c := newCLI(t)
	c.ok("2026-11-02T12:00", "add", "Amazon", "--process", "amazon", "--interviewed", "2026-11-02T10:00", "--recruiter", "Priya")
	c.ok("2026-11-02T12:00", "add", "Stripe", "--interviewed", "2026-11-03T10:00", "--recruiter", "Jo")
	c.ok("2026-11-13T12:00", "log", "1", "offer", "--base", "180000", "--deadline", "2026-11-20")
	out := c.ok("2026-11-13T13:00", "done", "2", "competing_offer")
	if !strings.Contains(out, "Done: Tell Jo you hold an offer from Amazon") {
		t.Fatalf("done 2 competing_offer: %q", out)
	}
	if _, ok := find(c.today("2026-11-13T14:00"), 2, "competing_offer"); ok {
		t.Fatal("the competing-offer prompt is still there after done")
	}
	if _, errOut, code := c.at("2026-11-13T14:00", "done", "7", "reflect"); code != exitUsage || !strings.Contains(errOut, "no application with id 7") {
		t.Fatalf("done 7 reflect: exit %d, %q", code, errOut)
	}
}

// writeCounter counts the writes that reach standard output.
type writeCounter struct {
	bytes.Buffer
	writes int
}

func (w *writeCounter) Write(p []byte) (int, error) {
	w.writes++
	return w.Buffer.Write(p)
}

// TestOutputIsBuffered: a long listing reaches standard output in large
// blocks, not one system call a line.
func TestOutputIsBuffered(t *testing.T) {
	c := newCLI(t)
	for i := range 40 {
		c.ok("2026-11-02T12:00", "add", fmt.Sprintf("Company %d", i), "--interviewed", "2026-11-02T10:00", "--interviewer", "Ana", "--recruiter", "Jo")
	}
	t.Setenv("AFTERVIEW_NOW", "2026-11-03T09:00")
	var out writeCounter
	if code := run([]string{"--db", c.db, "today"}, nil, &out, io.Discard); code != exitOK {
		t.Fatalf("today: exit %d", code)
	}
	if lines := strings.Count(out.String(), "\n"); lines < 100 || out.writes != 1 {
		t.Fatalf("today printed %d lines in %d writes; want one write", lines, out.writes)
	}
}

// listAtOnce is 'list' as it was before it streamed: every application
// read, ranked and written at once.
func listAtOnce(t *testing.T, st *agenda.Agenda, now time.Time, asJSON, onlyOpen bool) string {
	t.Helper()
	apps, global, err := st.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	next := nextByApp(stages.NewEngine(nil, now.Location()).Day(now, apps, global, len(apps) > 0))
	sortForList(apps, next)
	rows := []listedApp{}
	for _, a := range apps {
		if onlyOpen && a.Closed() {
			continue
		}
		w := a.Wait(nil, now)
		r := listedApp{Application: a, DaysWaited: w.Days, Wait: string(w.Status), WindowDays: w.Window, wait: w}
		if p, ok := next[a.ID]; ok {
			pj := toPromptJSON(p)
			r.Next, r.next = &pj, p
		}
		rows = append(rows, r)
	}
	var buf bytes.Buffer
	if asJSON {
		enc := json.NewEncoder(jsonSafe(&buf))
		enc.SetIndent("", "  ")
		if err := enc.Encode(rows); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	if len(rows) == 0 {
		return noApplicationsHint + "\n"
	}
	l := &listText{w: &buf, now: now}
	for _, r := range rows {
		if err := l.write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.end(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestListStreamsTheSameListing: 'list' reads the open applications, then
// the closed history a batch at a time, and prints what it printed from
// everything at once, in every form.
func TestListStreamsTheSameListing(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.Local)
	dir := t.TempDir()
	empty, err := agenda.Open(filepath.Join(dir, "empty.db"))
	if err != nil {
		t.Fatal(err)
	}
	st := generatedStore(t, filepath.Join(dir, "afterview.db"), gen.Options{N: 2300, Seed: 6, Now: now, Open: 80})
	// More open applications than one of list's batches.
	allOpen := generatedStore(t, filepath.Join(dir, "all-open.db"), gen.Options{N: 2100, Seed: 8, Now: now, AllOpen: true})
	t.Setenv("AFTERVIEW_NOW", "2026-11-20T09:00")
	for _, s := range []*agenda.Agenda{empty, st, allOpen} {
		for _, flags := range [][]string{nil, {"--json"}, {"--open"}, {"--json", "--open"}} {
			var got, errOut bytes.Buffer
			if code := run(append([]string{"--db", s.Path(), "list"}, flags...), nil, &got, &errOut); code != exitOK {
				t.Fatalf("list %v: exit %d: %s", flags, code, errOut.String())
			}
			want := listAtOnce(t, s, now, slices.Contains(flags, "--json"), slices.Contains(flags, "--open"))
			if got.String() != want {
				g, w := strings.Split(got.String(), "\n"), strings.Split(want, "\n")
				for i := range min(len(g), len(w)) {
					if g[i] != w[i] {
						t.Fatalf("list %v on %s, line %d:\n%s\nwant\n%s", flags, filepath.Base(s.Path()), i+1, g[i], w[i])
					}
				}
				t.Fatalf("list %v on %s: %d lines, want %d", flags, filepath.Base(s.Path()), len(g), len(w))
			}
		}
	}
}

// TestChangedDuringAReadAsksToTryAgain: an export that another afterview
// wrote into ends with the exit code that says "try again".
func TestChangedDuringAReadAsksToTryAgain(t *testing.T) {
	err := fmt.Errorf("%s: another afterview wrote to it while it was being read; run the command again (%w)", "afterview.db", store.ErrChanged)
	if code := exitCode(err); code != exitBusy {
		t.Fatalf("exit code %d for a read that saw a write, want %d", code, exitBusy)
	}
}
