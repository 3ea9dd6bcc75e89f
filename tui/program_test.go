package tui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"afterview/internal/tuitest"
	"afterview/stages"
)

// TestProgramJourney runs the real Bubble Tea program (renderer, command
// goroutines, polling) through the main journey: start on an empty
// database, add an application, see its thank-you, mark it done, quit,
// reopen and find it saved.
func TestProgramJourney(t *testing.T) {
	st := newFakeStore()
	clock := func() time.Time { return testNow }

	tm := tuitest.Start(t, New(Options{Store: st, Now: clock}), 100, 30)
	tuitest.WaitScreen(t, tm, "Welcome")
	tm.Type("a")
	tuitest.WaitScreen(t, tm, "Add an application")
	tm.Type("Globex")
	tm.Send(keyMsg("tab"))
	tm.Send(keyMsg("tab"))
	tm.Send(keyMsg("tab"))
	tm.Send(keyMsg("ctrl+u"))
	tm.Type("2026-11-20 08:00")
	tm.Send(keyMsg("tab"))
	tm.Type("Ana Lopez")
	tm.Send(keyMsg("ctrl+s"))
	tuitest.WaitScreen(t, tm, "thank Ana Lopez")
	tm.Type("x")
	tuitest.WaitScreen(t, tm, "logged")
	tm.Type("q")
	tuitest.Finish(t, tm)

	// Reopen on the same store: the thank-you is saved and off Today.
	tm = tuitest.Start(t, New(Options{Store: st, Now: clock}), 100, 30)
	tuitest.WaitScreen(t, tm, "Globex")
	tm.Send(keyMsg("ctrl+c"))
	final := tuitest.Final(t, tm).(Model)
	a := st.app(t, "Globex")
	if e := a.Events[len(a.Events)-1]; e.Kind != stages.EvThanks || e.Person != "Ana Lopez" {
		t.Fatalf("the store's last event is %+v, want the thank-you to Ana Lopez", e)
	}
	for _, p := range final.ctx.data.actionable {
		if p.Kind == stages.ThankYou {
			t.Fatal("the thank-you is back on Today after a restart")
		}
	}
}

// TestProgramNoticesOutsideWrites checks the polling: a write by another
// afterview shows within two seconds.
func TestProgramNoticesOutsideWrites(t *testing.T) {
	st := newFakeStore(testApp(t, "Globex", "standard", 3, nil, ""))
	tm := tuitest.Start(t, New(Options{Store: st, Now: fixedClock}), 100, 30)
	tuitest.WaitScreen(t, tm, "Globex")
	if _, err := st.Add(testApp(t, "Umbrella", "standard", 1, []string{"Alice"}, "")); err != nil {
		t.Fatal(err)
	}
	tuitest.WaitScreen(t, tm, "Umbrella")
	tm.Send(keyMsg("ctrl+c"))
	tuitest.Finish(t, tm)
}

func keyMsg(k string) tea.Msg { return keyMsgs(k)[0] }
