package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"afterview/internal/tuitest"
)

// lineWith is the line (y) of a rendered screen that holds text first,
// and the cell (x) where text starts on it.
func lineWith(t *testing.T, screen, text string) (x, y int) {
	t.Helper()
	for y, l := range strings.Split(screen, "\n") {
		if i := strings.Index(l, text); i >= 0 {
			return width(l[:i]), y
		}
	}
	t.Fatalf("the screen does not show %q:\n%s", text, screen)
	return 0, 0
}

// TestMouseClickSelectsAndOpens runs the program in a test terminal and
// clicks where the rendered view puts things: a row of Today selects it, a
// click on the selected row opens it, a tab's label shows the tab.
func TestMouseClickSelectsAndOpens(t *testing.T) {
	st := newDemoStore()
	// The same screen, drawn by a harness, says where to click.
	h := newHarness(t, st, 100, 30)
	_, cur := lineWith(t, h.screen(), "▸")
	want := h.m.ctx.data.actionable[2]
	tabX, tabY := lineWith(t, h.screen(), "Applications")

	if v := New(Options{Store: st, Now: fixedClock}).View(); v.MouseMode != tea.MouseModeCellMotion {
		t.Fatalf("the view asks for mouse mode %v, want cell motion", v.MouseMode)
	}
	// The renderer writes only what changed, so the test waits for the
	// first frame and reads the rest from the final model: the program
	// handles its messages in order.
	tm := tuitest.Start(t, New(Options{Store: st, Now: fixedClock}), 100, 30)
	tuitest.WaitScreen(t, tm, "things to do")
	tm.Send(tea.MouseClickMsg{X: 10, Y: cur + 2, Button: tea.MouseLeft})
	tm.Send(keyMsg("ctrl+c"))
	final := tuitest.Final(t, tm).(Model)
	if p, _ := final.today().selected(final.ctx); p.AppID != want.AppID || p.Key != want.Key {
		t.Fatalf("the click selected %s's %s, want %s's %s", p.Company, p.Key, want.Company, want.Key)
	}
	if final.screen() != screenToday {
		t.Fatalf("a click on a row not selected showed %v, want Today still", final.screen())
	}

	tm = tuitest.Start(t, New(Options{Store: st, Now: fixedClock}), 100, 30)
	tuitest.WaitScreen(t, tm, "things to do")
	tm.Send(tea.MouseClickMsg{X: 10, Y: cur + 2, Button: tea.MouseLeft})
	tm.Send(tea.MouseClickMsg{X: 10, Y: cur + 2, Button: tea.MouseLeft})
	tm.Send(keyMsg("ctrl+c"))
	final = tuitest.Final(t, tm).(Model)
	if final.screen() != screenDetail || final.detail().appID != want.AppID {
		t.Fatalf("a second click on the row showed %v, want %s's page", final.screen(), want.Company)
	}

	tm = tuitest.Start(t, New(Options{Store: st, Now: fixedClock}), 100, 30)
	tuitest.WaitScreen(t, tm, "things to do")
	tm.Send(tea.MouseClickMsg{X: tabX + 2, Y: tabY, Button: tea.MouseLeft})
	tm.Send(keyMsg("ctrl+c"))
	if final = tuitest.Final(t, tm).(Model); final.screen() != screenApps {
		t.Fatalf("after a click on its tab the screen is %v, want Applications", final.screen())
	}
}

// TestMouseWheelScrolls turns the wheel on Applications (the cursor
// moves), on Offers (the next offer) and on an application's page (the
// page scrolls), through the program.
func TestMouseWheelScrolls(t *testing.T) {
	st := newDemoStore()
	tm := tuitest.Start(t, New(Options{Store: st, Now: fixedClock}), 100, 30)
	tuitest.WaitScreen(t, tm, "things to do")
	tm.Send(keyMsg("2"))
	for range 3 {
		tm.Send(tea.MouseWheelMsg{X: 10, Y: 6, Button: tea.MouseWheelDown})
	}
	tm.Send(tea.MouseWheelMsg{X: 10, Y: 6, Button: tea.MouseWheelUp})
	tm.Send(keyMsg("3"))
	tm.Send(tea.MouseWheelMsg{X: 40, Y: 6, Button: tea.MouseWheelDown})
	tm.Send(keyMsg("enter"))
	tm.Send(tea.MouseWheelMsg{X: 10, Y: 6, Button: tea.MouseWheelDown})
	tm.Send(tea.MouseWheelMsg{X: 10, Y: 6, Button: tea.MouseWheelDown})
	tm.Send(keyMsg("ctrl+c"))
	final := tuitest.Final(t, tm).(Model)
	if got := final.apps().cursor; got != 2 {
		t.Errorf("after three turns down and one up the Applications cursor is on row %d, want 2", got)
	}
	if got := final.offers().cursor; got != 1 {
		t.Errorf("after a turn down the Offers cursor is on offer %d, want 1", got)
	}
	if got := final.detail().offset; got != 2 {
		t.Errorf("after two turns down the page starts at line %d, want 2", got)
	}
}

// TestMouseLeavesFormsAlone: a click while a form is open changes nothing.
func TestMouseLeavesFormsAlone(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.press("a")
	h.send(tea.MouseClickMsg{X: 30, Y: 0, Button: tea.MouseLeft})
	h.send(tea.MouseWheelMsg{X: 10, Y: 6, Button: tea.MouseWheelDown})
	if h.m.form == nil || h.m.screen() != screenToday {
		t.Fatal("a click or the wheel over an open form should leave it be")
	}
}

func newDemoStore() *fakeStore { return newFakeStore(DemoApplications(testNow)...) }
