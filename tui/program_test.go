package tui

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"afterview/stages"
)

// TestProgramJourney runs the real Bubble Tea program (renderer, command
// goroutines, polling) through the main journey: start on an empty
// database, add an application, see its thank-you, mark it done, quit,
// reopen and find it saved.
func TestProgramJourney(t *testing.T) {
	st := newFakeStore()
	clock := func() time.Time { return testNow }

	tm := teatest.NewTestModel(t, New(Options{Store: st, Now: clock}), teatest.WithInitialTermSize(100, 30))
	waitScreen(t, tm, "Welcome")
	tm.Type("a")
	waitScreen(t, tm, "Add an application")
	tm.Type("Globex")
	tm.Send(keyMsg("tab"))
	tm.Send(keyMsg("tab"))
	tm.Send(keyMsg("tab"))
	tm.Send(keyMsg("ctrl+u"))
	tm.Type("2026-11-20 08:00")
	tm.Send(keyMsg("tab"))
	tm.Type("Ana Lopez")
	tm.Send(keyMsg("ctrl+s"))
	waitScreen(t, tm, "thank-you to Ana")
	tm.Type("x")
	waitScreen(t, tm, "logged")
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	// Reopen on the same store: the thank-you is saved and off Today.
	tm = teatest.NewTestModel(t, New(Options{Store: st, Now: clock}), teatest.WithInitialTermSize(100, 30))
	waitScreen(t, tm, "Globex")
	tm.Send(keyMsg("ctrl+c"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
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
	tm := teatest.NewTestModel(t, New(Options{Store: st, Now: fixedClock}), teatest.WithInitialTermSize(100, 30))
	waitScreen(t, tm, "Globex")
	if _, err := st.Add(testApp(t, "Umbrella", "standard", 1, []string{"Alice"}, "")); err != nil {
		t.Fatal(err)
	}
	waitScreen(t, tm, "Umbrella")
	tm.Send(keyMsg("ctrl+c"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

func waitScreen(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains([]byte(ansi.Strip(string(b))), []byte(text))
	}, teatest.WithDuration(2*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

func keyMsg(k string) tea.Msg { return keyMsgs(k)[0] }
