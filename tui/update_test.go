package tui

import (
	"errors"
	"image/color"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"afterview/internal/termsafe"
	"afterview/stages"
)

func lastEvent(a stages.Application) stages.Event { return a.Events[len(a.Events)-1] }

func TestStartsOnTodayMostUrgentFirst(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	if h.m.screen() != screenToday {
		t.Fatalf("starts on screen %d, want Today", h.m.screen())
	}
	p := h.selectedPrompt()
	if p.Company != "Netflix" || p.Kind != stages.StageTask || p.Status != stages.Overdue {
		t.Fatalf("first prompt = %s %s %s, want Netflix's overdue reference heads-up", p.Company, p.Kind, p.Status)
	}
	h.mustSee("Today 15", "3 days overdue", "due today by 15:00", "Netflix #1  name your references", "Figma #5    thank Riley Chen · recruiter")
}

func TestListNavigation(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	n := len(h.m.ctx.data.actionable)
	cases := []struct {
		keys []string
		want int
	}{
		{[]string{"j"}, 1},
		{[]string{"down", "down"}, 3},
		{[]string{"k"}, 2},
		{[]string{"up", "up"}, 0}, // stops at the top
		{[]string{"G"}, n - 1},
		{[]string{"j"}, n - 1}, // stops at the bottom
		{[]string{"g"}, 0},
		{[]string{"end"}, n - 1},
		{[]string{"home"}, 0},
		{[]string{"pgdown"}, min(n-1, h.m.today().page(h.m.ctx))},
		{[]string{"pgup"}, 0},
	}
	for _, c := range cases {
		h.press(c.keys...)
		if h.m.today().cursor != c.want {
			t.Fatalf("after %v the cursor is on %d, want %d", c.keys, h.m.today().cursor, c.want)
		}
	}
	// The same keys move the Applications table.
	h.press("tab", "G")
	if got, want := h.m.apps().cursor, len(h.m.apps().rows)-1; got != want {
		t.Fatalf("G on Applications: cursor %d, want %d", got, want)
	}
	h.press("k", "g", "j")
	if h.m.apps().cursor != 1 {
		t.Fatalf("g j on Applications: cursor %d, want 1", h.m.apps().cursor)
	}
}

func TestDoneThankYouLogsThanksToThatPerson(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	p := h.moveTo(func(p stages.Prompt) bool { return p.Kind == stages.ThankYou })
	at := h.m.today().cursor
	h.press("x")
	e := lastEvent(h.store.app(t, p.Company))
	if e.Kind != stages.EvThanks || e.Person != p.Person || !e.At.Equal(testNow) {
		t.Fatalf("x on a thank-you logged %+v, want a thank-you to %s at now", e, p.Person)
	}
	for _, q := range h.m.ctx.data.actionable {
		if q.AppID == p.AppID && q.Key == p.Key {
			t.Fatal("the thank-you is still on Today after x")
		}
	}
	if h.m.today().cursor != at {
		t.Fatalf("the cursor moved from %d to %d; it should stay in place on the next prompt", at, h.m.today().cursor)
	}
	h.mustSee("thank-you to " + p.Person + " logged")
}

// showFollowUp dismisses Amazon's notes about the other offers (one per
// offer once the first is dismissed), which carry its follow-up while
// they wait (rule 12), so that the demo's follow-up is on Today.
func showFollowUp(h *harness) {
	h.t.Helper()
	for range 2 {
		h.moveTo(func(p stages.Prompt) bool { return p.Kind == stages.CompetingOffer && p.Company == "Amazon" })
		h.press("d")
	}
}

func TestDoneFollowUpAndStageTask(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	showFollowUp(h)
	p := h.moveTo(func(p stages.Prompt) bool { return p.Kind == stages.FollowUp })
	h.press("x")
	if e := lastEvent(h.store.app(t, p.Company)); e.Kind != stages.EvFollowUp || e.Person != "Jordan Ellis" {
		t.Fatalf("x on a follow-up logged %+v, want a follow-up to the recruiter", e)
	}
	p = h.moveTo(func(p stages.Prompt) bool { return p.Kind == stages.StageTask && p.Company == "Netflix" })
	h.press("x")
	if e := lastEvent(h.store.app(t, "Netflix")); e.Kind != stages.EvDone || e.Prompt != p.Key {
		t.Fatalf("x on a stage task logged %+v, want done %s", e, p.Key)
	}
}

func TestDoneReflectOpensTheNoteForm(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.moveTo(func(p stages.Prompt) bool { return p.Kind == stages.Reflect })
	h.press("x")
	if h.m.form == nil || h.m.form.logKind != stages.EvNote || h.m.form.fields[h.m.form.focus].key != "note" {
		t.Fatal("x on reflect should open the note form on its note field")
	}
	h.mustSee("What went well, and what to improve?")
	// An empty note is refused, with the reason, and nothing is written.
	h.press("ctrl+s")
	h.mustSee("write something")
	if h.store.writes != 0 {
		t.Fatal("an empty note was saved")
	}
	h.press("Quick answers; weak on the design trade-offs", "enter")
	if h.m.form != nil {
		t.Fatal("the form stays open after a good save")
	}
	e := lastEvent(h.store.app(t, "Figma"))
	if e.Kind != stages.EvNote || e.Note != "Quick answers; weak on the design trade-offs" {
		t.Fatalf("logged %+v, want the note", e)
	}
	for _, p := range h.m.ctx.data.actionable {
		if p.Kind == stages.Reflect {
			t.Fatal("the reflect prompt is still there after the note")
		}
	}
}

func TestDoneOfferDeadlineOpensTheAnswer(t *testing.T) {
	a := testApp(t, "Globex", "standard", 10, nil, "")
	if err := a.Apply(nil, stages.Event{Kind: stages.EvOffer, At: testNow.AddDate(0, 0, -8), Offer: &stages.Offer{Base: new(int64(150000))}}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, newFakeStore(a), 100, 30)
	h.moveTo(func(p stages.Prompt) bool { return p.Kind == stages.OfferDeadline })
	h.press("x")
	if h.m.form == nil || h.m.form.logKind != stages.EvOutcome || h.m.form.value("outcome") != "accepted" {
		t.Fatal("x on an offer deadline should open the outcome form with accepted chosen")
	}
	h.press("right", "ctrl+s") // declined
	if got := h.store.app(t, "Globex"); got.Outcome != stages.Declined {
		t.Fatalf("outcome %q, want declined", got.Outcome)
	}
}

func TestDoneMoveOnClosesAsNoAnswer(t *testing.T) {
	a := testApp(t, "Globex", "standard", 30, nil, "Pat Doe")
	for _, e := range []stages.Event{thanksEvent("Pat Doe", 29), noteEvent("ok", 29),
		{Kind: stages.EvFollowUp, Person: "Pat Doe", At: testNow.AddDate(0, 0, -10)}} {
		if err := a.Apply(nil, e); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, newFakeStore(a), 100, 30)
	h.moveTo(func(p stages.Prompt) bool { return p.Kind == stages.MoveOn })
	h.press("x")
	if got := h.store.app(t, "Globex"); got.Outcome != stages.NoAnswer {
		t.Fatalf("outcome %q, want no answer", got.Outcome)
	}
}

func TestDoneKeepApplyingIsLoggedGlobally(t *testing.T) {
	h := newHarness(t, newFakeStore(testApp(t, "Globex", "standard", 30, nil, "")), 100, 30)
	p := h.moveTo(func(p stages.Prompt) bool { return p.Kind == stages.KeepApplying })
	h.press("x")
	if len(h.store.global) != 1 || h.store.global[0].Kind != stages.EvDone || h.store.global[0].Prompt != p.Key {
		t.Fatalf("global log = %+v, want one done %s", h.store.global, p.Key)
	}
	h.mustSee("cannot be undone")
}

func TestSnoozeComesBackTomorrowAndSurvivesARestart(t *testing.T) {
	st := newFakeStore(DemoApplications(testNow)...)
	h := newHarness(t, st, 100, 30)
	p := h.selectedPrompt()
	h.press("z")
	e := lastEvent(st.app(t, p.Company))
	if e.Kind != stages.EvSnooze || e.Prompt != p.Key || e.Until != stages.NewDate(2026, time.November, 21) {
		t.Fatalf("z logged %+v, want a snooze of %s until 2026-11-21", e, p.Key)
	}
	again := newHarness(t, st, 100, 30)
	for _, q := range again.m.ctx.data.actionable {
		if q.AppID == p.AppID && q.Key == p.Key {
			t.Fatal("a snoozed prompt is back on Today after a restart")
		}
	}
}

func TestDismiss(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	p := h.selectedPrompt()
	h.press("d")
	if e := lastEvent(h.store.app(t, p.Company)); e.Kind != stages.EvDismiss || e.Prompt != p.Key {
		t.Fatalf("d logged %+v, want dismiss %s", e, p.Key)
	}
}

func TestUndo(t *testing.T) {
	t.Run("nothing yet", func(t *testing.T) {
		h := newDemoHarness(t, 100, 30)
		h.press("u")
		h.mustSee("nothing to undo")
	})
	t.Run("a done", func(t *testing.T) {
		h := newDemoHarness(t, 100, 30)
		p := h.selectedPrompt()
		before := h.store.app(t, p.Company)
		h.press("x", "u")
		after := h.store.app(t, p.Company)
		if len(after.Events) != len(before.Events) {
			t.Fatalf("after undo the log has %d events, want %d", len(after.Events), len(before.Events))
		}
		h.mustSee("undone:")
		if q := h.selectedPrompt(); q.Key != p.Key {
			t.Fatalf("after undo the prompt %s is not back under the cursor (got %s)", p.Key, q.Key)
		}
	})
	t.Run("two changes, newest first", func(t *testing.T) {
		h := newDemoHarness(t, 100, 30)
		before := h.store.app(t, "Netflix")
		h.press("x", "z") // done on Netflix's stage task, then snooze on the next
		h.press("u", "u")
		if got := h.store.app(t, "Netflix"); len(got.Events) != len(before.Events) {
			t.Fatal("two undos did not take both changes back")
		}
	})
	t.Run("an add", func(t *testing.T) {
		h := newHarness(t, newFakeStore(), 100, 30)
		h.press("a", "Globex", "ctrl+s")
		if len(h.store.apps) != 1 {
			t.Fatal("the add did not save")
		}
		h.press("u")
		if len(h.store.apps) != 0 {
			t.Fatal("undo of an add should delete it")
		}
	})
	t.Run("a delete", func(t *testing.T) {
		h := newDemoHarness(t, 100, 30)
		n := len(h.store.apps)
		h.press("tab", "D")
		h.mustSee("Delete Netflix")
		h.press("n")
		if len(h.store.apps) != n {
			t.Fatal("n deleted anyway")
		}
		h.press("D", "y")
		if len(h.store.apps) != n-1 {
			t.Fatal("y did not delete")
		}
		h.press("u")
		if len(h.store.apps) != n {
			t.Fatal("undo did not bring the application back")
		}
		// (Back in its place: under its own id.)
		got := h.store.app(t, "Netflix")
		if got.Company != "Netflix" || got.Stage != "reference check" || len(got.Events) < 5 {
			t.Fatal("the application came back without its history")
		}
	})
	t.Run("refused when changed by a write it did not record", func(t *testing.T) {
		h := newDemoHarness(t, 100, 30)
		p := h.selectedPrompt()
		h.press("x")
		h.store.logUnrecorded(t, p.AppID, noteEvent("from the shell", 0))
		h.press("u")
		h.mustSee("changed since")
		if e := lastEvent(h.store.app(t, p.Company)); e.Note != "from the shell" {
			t.Fatal("undo threw away a change made elsewhere")
		}
	})
}

func TestEnterOpensDetailAndEscGoesBack(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.press("enter")
	if h.m.screen() != screenDetail {
		t.Fatal("enter did not open the application")
	}
	h.mustSee("STAGES", "● reference check", "TO DO", "PEOPLE", "Tip")
	h.press("j", "j")
	if h.m.detail().offset != 2 {
		t.Fatalf("j j scrolled to %d, want 2", h.m.detail().offset)
	}
	h.mustSee("✓ Priya Raman")
	h.press("G")
	h.mustSee("TIMELINE", "NOTES")
	h.press("g")
	if h.m.detail().offset != 0 {
		t.Fatal("g did not scroll to the top")
	}
	h.press("esc")
	if h.m.screen() != screenToday {
		t.Fatal("esc did not go back to Today")
	}
	h.press("tab", "enter", "esc")
	if h.m.screen() != screenApps {
		t.Fatal("esc from a detail opened from Applications should go back there")
	}
}

func TestDetailActsOnItsMostUrgentToDo(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.press("enter", "x")
	if e := lastEvent(h.store.app(t, "Netflix")); e.Kind != stages.EvDone || !strings.HasPrefix(e.Prompt, "stage_task:") {
		t.Fatalf("x in the detail logged %+v, want the stage task done", e)
	}
	h.press("z")
	if e := lastEvent(h.store.app(t, "Netflix")); e.Kind != stages.EvSnooze {
		t.Fatalf("z in the detail logged %+v, want a snooze", e)
	}
	h.press("e")
	if h.m.form == nil || h.m.form.kind != formEdit {
		t.Fatal("e in the detail should open the edit form")
	}
	h.press("esc", "l")
	if h.m.form == nil || h.m.form.kind != formLog {
		t.Fatal("l in the detail should open the log form")
	}
	h.press("esc", "D", "y")
	if h.m.screen() == screenDetail {
		t.Fatal("after deleting it the detail should close")
	}
}

func TestTabAndNumbersSwitchScreens(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	// tab cycles through the four tabs and round again; shift+tab goes back.
	for _, want := range []screenID{screenApps, screenOffers, screenStats, screenToday} {
		h.press("tab")
		if h.m.screen() != want {
			t.Fatalf("tab opened screen %d, want %d", h.m.screen(), want)
		}
	}
	for _, want := range []screenID{screenStats, screenOffers, screenApps, screenToday} {
		h.press("shift+tab")
		if h.m.screen() != want {
			t.Fatalf("shift+tab opened screen %d, want %d", h.m.screen(), want)
		}
	}
	for _, c := range []struct {
		key  string
		want screenID
		sees string
	}{
		{"2", screenApps, "COMPANY"},
		{"3", screenOffers, "year-1 cash"},
		{"4", screenStats, "BY COMPANY"},
		{"1", screenToday, "things to do"},
	} {
		h.press(c.key)
		if h.m.screen() != c.want {
			t.Fatalf("%s opened screen %d, want %d", c.key, h.m.screen(), c.want)
		}
		h.mustSee(c.sees)
	}
	// From an application's detail, tab goes on from the tab it was opened on.
	h.press("2", "enter", "tab")
	if h.m.screen() != screenOffers {
		t.Fatalf("tab in a detail opened from Applications opened screen %d, want Offers", h.m.screen())
	}
}

func TestQuit(t *testing.T) {
	for _, k := range []string{"q", "ctrl+c"} {
		h := newDemoHarness(t, 100, 30)
		h.press(k)
		if !h.quit {
			t.Fatalf("%s did not quit", k)
		}
	}
	h := newDemoHarness(t, 100, 30)
	h.press("a", "q")
	if h.quit {
		t.Fatal("q in a form quit instead of typing")
	}
	if got := h.m.form.value("company"); got != "q" {
		t.Fatalf("company = %q, want the q typed", got)
	}
	// A form with typing asks first (TestCtrlCOnAFormWithChangesAsks);
	// the second ctrl+c quits.
	h.press("ctrl+c", "ctrl+c")
	if !h.quit {
		t.Fatal("ctrl+c in a form did not quit")
	}
	h = newDemoHarness(t, 100, 30)
	h.press("tab", "/", "q")
	if h.quit || h.m.apps().filter.text != "q" {
		t.Fatal("q in the filter should type")
	}
}

func TestHelpToggles(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.press("?")
	h.mustSee("Keys · Today", "dismiss", "page down")
	h.press("?")
	h.mustNotSee("Keys · Today")
	h.press("?", "esc")
	h.mustNotSee("Keys · Today")
	h.press("?", "q")
	if !h.quit {
		t.Fatal("q in the help should quit")
	}
}

func TestFilterAndClosedToggle(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.press("tab", "/", "AMA")
	if len(h.m.apps().rows) != 1 {
		t.Fatalf("filter AMA shows %d rows, want Amazon only", len(h.m.apps().rows))
	}
	h.press("enter")
	if h.m.apps().filter.typing || h.m.apps().filter.text != "AMA" {
		t.Fatal("enter should keep the filter and leave the filter line")
	}
	h.mustSee("/ AMA", "1 match")
	h.press("esc")
	if h.m.apps().filter.text != "" || len(h.m.apps().rows) != 7 {
		t.Fatal("esc should clear the filter")
	}
	h.press("/", "engineer", "backspace", "esc")
	if h.m.apps().filter.text != "" {
		t.Fatal("esc while typing a filter should clear it")
	}
	h.press("/", "nothing-like-this", "enter")
	h.mustSee("Nothing matches")
	h.press("esc")
	h.mustNotSee("Shopify")
	h.press("c")
	h.mustSee("Shopify", "✗ rejected", "closed shown")
	h.press("c")
	h.mustNotSee("Shopify")
}

func TestAddApplication(t *testing.T) {
	h := newHarness(t, newFakeStore(), 100, 30)
	h.mustSee("Welcome")
	h.press("a", "Netflix")
	if got := h.m.form.value("process"); got != "netflix" {
		t.Fatalf("process %q after typing Netflix, want netflix picked", got)
	}
	h.press("enter", "Senior Engineer", "enter", "enter") // role, keep process
	h.clearField()
	h.press("2026-11-19 16:00", "enter", "Ana Lopez, Sam Wu", "enter", "Dana Kim", "enter", "2026-11-27", "enter", "enter")
	if h.m.form != nil {
		t.Fatalf("the form is still open:\n%s", h.screen())
	}
	a := h.store.app(t, "Netflix")
	want := time.Date(2026, 11, 19, 16, 0, 0, 0, time.UTC)
	if a.Role != "Senior Engineer" || a.Process != "netflix" || !a.Interviewed.Equal(want) ||
		strings.Join(a.Interviewers, "|") != "Ana Lopez|Sam Wu" || a.Recruiter != "Dana Kim" || a.Expect != stages.NewDate(2026, 11, 27) {
		t.Fatalf("saved %+v", a)
	}
	// Its thank-yous are due today by 16:00, and the cursor is on them.
	if p := h.selectedPrompt(); p.AppID != a.ID || p.Kind != stages.ThankYou {
		t.Fatalf("cursor on %s %s, want the new application's thank-you", p.Company, p.Kind)
	}
	h.mustSee("added Netflix", "due today by 16:00", "Ana Lopez")
}

func TestAddFormValidatesInline(t *testing.T) {
	h := newHarness(t, newFakeStore(), 100, 30)
	h.press("a", "enter") // leave company empty
	h.mustSee("a name is needed")
	h.press("shift+tab", "Globex")
	h.mustNotSee("a name is needed")
	h.press("tab", "tab", "tab")
	h.clearField()
	h.press("the other day", "tab")
	h.mustSee(`"the other day" is not a date and time`)
	h.press("ctrl+s")
	if h.store.writes != 0 || h.m.form == nil {
		t.Fatal("a form with a bad date was saved")
	}
	if h.m.form.fields[h.m.form.focus].key != "interview" {
		t.Fatal("save should put the focus on the field in error")
	}
	h.press("tab", "tab", "tab", "1990-02-30", "tab")
	h.mustSee(`"1990-02-30" is not a date`)
}

func TestFailedSaveKeepsTheForm(t *testing.T) {
	h := newHarness(t, newFakeStore(), 100, 30)
	h.press("a", "Globex", "tab", "Chief Tester")
	h.store.fail = errDiskFull
	h.press("ctrl+s")
	if h.m.form == nil {
		t.Fatal("the form closed on a failed save")
	}
	h.mustSee("Not saved", "disk full", "Globex", "Chief Tester")
	h.press("ctrl+s")
	if h.m.form != nil || h.store.app(t, "Globex").Role != "Chief Tester" {
		t.Fatal("the second save should go through with what was typed")
	}
}

func TestEditApplication(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.press("tab", "e")
	if h.m.form == nil || h.m.form.value("company") != "Netflix" || h.m.form.value("process") != "netflix" {
		t.Fatal("e should open the edit form filled with the application")
	}
	h.press("tab")
	h.clearField()
	h.press("Staff Engineer", "ctrl+s")
	a := h.store.app(t, "Netflix")
	if a.Role != "Staff Engineer" || lastEvent(a).Kind != stages.EvEdit || !strings.Contains(lastEvent(a).Note, "role") {
		t.Fatalf("edit saved role %q, last event %+v", a.Role, lastEvent(a))
	}
	if a.Stage != "reference check" {
		t.Fatal("editing lost the stage")
	}
	// Saving with nothing changed writes nothing.
	writes := h.store.writes
	h.press("e", "ctrl+s")
	if h.store.writes != writes || h.m.form != nil {
		t.Fatal("an unchanged edit should close without a write")
	}
	h.mustSee("nothing changed")
	// esc cancels.
	h.press("e", "X", "esc", "y") // typed changes: esc asks first
	if h.m.form != nil || h.store.app(t, "Netflix").Company != "Netflix" {
		t.Fatal("esc should cancel the edit")
	}
}

func TestLogEvents(t *testing.T) {
	t.Run("heard back with a promised date", func(t *testing.T) {
		h := newDemoHarness(t, 100, 30)
		h.press("l", "down", "2026-11-25", "ctrl+s")
		e := lastEvent(h.store.app(t, "Netflix"))
		if e.Kind != stages.EvHeard || e.Expect != stages.NewDate(2026, 11, 25) || !e.At.Equal(testNow) {
			t.Fatalf("logged %+v", e)
		}
	})
	t.Run("new stage", func(t *testing.T) {
		h := newDemoHarness(t, 100, 30)
		h.press("l", "right", "ctrl+s")
		if a := h.store.app(t, "Netflix"); a.Stage != "background check" {
			t.Fatalf("stage %q, want the next one, background check", a.Stage)
		}
	})
	t.Run("offer", func(t *testing.T) {
		h := newDemoHarness(t, 100, 30)
		h.press("l", "right", "right", "tab", "350k", "tab", "15%", "tab", "100,000", "tab")
		h.clearField()
		h.press("4", "tab", "$20,000", "tab", "tab", "2026-11-27", "ctrl+s")
		a := h.store.app(t, "Netflix")
		o := a.Offer
		if o == nil || *o.Base != 350000 || *o.BonusPercent != 15 || *o.Stock != 100000 || o.VestYears != 4 ||
			*o.SignOn != 20000 || o.Currency != "USD" || o.Deadline != stages.NewDate(2026, 11, 27) {
			t.Fatalf("offer %+v", o)
		}
		h.press("2", "/", "netflix", "enter", "enter")
		// Year-1 cash is base, bonus and sign-on; the year's stock makes the total.
		h.mustSee("OFFER", "$350,000", "year-1 cash $422,500", "year-1 total $447,500")
	})
	t.Run("offer with a bad amount", func(t *testing.T) {
		h := newDemoHarness(t, 100, 30)
		h.press("l", "right", "right", "tab", "lots", "ctrl+s")
		h.mustSee(`"lots" is not an amount`)
		if h.store.writes != 0 {
			t.Fatal("a bad amount was saved")
		}
	})
	t.Run("thank-you", func(t *testing.T) {
		h := newDemoHarness(t, 100, 30)
		h.moveTo(func(p stages.Prompt) bool { return p.Company == "Figma" })
		h.press("l", "t") // a letter jumps to the kind that starts with it
		if h.m.form.logKind != stages.EvThanks {
			t.Fatalf("t chose %v, want thank-you", h.m.form.logKind)
		}
		h.press("ctrl+s")
		if e := lastEvent(h.store.app(t, "Figma")); e.Kind != stages.EvThanks || e.Person != "Noah Brooks" {
			t.Fatalf("logged %+v, want a thank-you to the first person not thanked", e)
		}
	})
	t.Run("second follow-up warns", func(t *testing.T) {
		h := newDemoHarness(t, 100, 30)
		showFollowUp(h)
		h.moveTo(func(p stages.Prompt) bool { return p.Kind == stages.FollowUp })
		h.press("x")
		h.press("2", "/", "amazon", "enter", "l", "f")
		h.mustSee("already out", "One is enough")
		h.press("ctrl+s")
		if e := lastEvent(h.store.app(t, "Amazon")); e.Kind != stages.EvFollowUp {
			t.Fatal("the warning should not block the save")
		}
	})
	t.Run("outcome", func(t *testing.T) {
		h := newDemoHarness(t, 100, 30)
		h.press("l", "o", "o", "ctrl+s") // o jumps to offer, then to outcome
		if a := h.store.app(t, "Netflix"); a.Outcome != stages.Rejected {
			t.Fatalf("outcome %q, want rejected (the default without an offer)", a.Outcome)
		}
	})
	t.Run("bad time", func(t *testing.T) {
		h := newDemoHarness(t, 100, 30)
		h.press("l", "n", "n", "down", "ctrl+u", "tomorrow-ish", "ctrl+s")
		h.mustSee(`"tomorrow-ish" is not a date and time`)
	})
}

func TestRefreshKeepsCursorAndOpenForm(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.press("j", "j", "j")
	p := h.selectedPrompt()
	// Another afterview logs something that adds a prompt above the cursor.
	figma := h.store.app(t, "Figma")
	if _, err := h.store.Log(figma.ID, stages.Event{Kind: stages.EvDismiss, Prompt: "reflect", At: testNow}); err != nil {
		t.Fatal(err)
	}
	h.send(pollMsg{})
	if h.m.ctx.data.rev != h.store.rev {
		t.Fatal("a poll after an outside write did not reload")
	}
	if q := h.selectedPrompt(); q.Key != p.Key || q.AppID != p.AppID {
		t.Fatalf("after the refresh the cursor is on %s/%s, want %s/%s", q.Company, q.Key, p.Company, p.Key)
	}
	// An open form survives a refresh with what was typed.
	h.press("a", "Half-typed")
	if _, err := h.store.Log(figma.ID, noteEvent("shell", 0)); err != nil {
		t.Fatal(err)
	}
	h.send(pollMsg{})
	if h.m.form == nil || h.m.form.value("company") != "Half-typed" {
		t.Fatal("a refresh lost the open form")
	}
	// A poll with nothing new does not reload.
	d := h.m.ctx.data
	h.send(pollMsg{})
	if h.m.ctx.data != d {
		t.Fatal("a poll with no change reloaded anyway")
	}
}

func TestPollReloadsWhenTheClockMoves(t *testing.T) {
	now := testNow
	st := newFakeStore(DemoApplications(testNow)...)
	m := New(Options{Store: st, Now: func() time.Time { return now }})
	m.poll = 0
	h := &harness{t: t, m: m, store: st}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.run(m.Init())
	h.mustSee("due today by 15:00")
	now = testNow.Add(7 * time.Hour) // 16:00: the Figma thank-yous are late now
	h.send(pollMsg{})
	h.mustSee("overdue since 15:00")
}

func TestResizeAndSmallTerminal(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	for _, sz := range []struct{ w, h int }{{60, 20}, {140, 45}, {80, 24}, {40, 12}} {
		h.send(tea.WindowSizeMsg{Width: sz.w, Height: sz.h})
		for _, keys := range [][]string{nil, {"tab"}, {"enter"}, {"a"}, {"3"}, {"3", "enter"}, {"4"}, {"4", "G"}} {
			h.press(keys...)
			checkFrame(t, h.screen(), sz.w, sz.h)
			h.press("esc", "1")
		}
	}
}

func TestHostileAndWideNames(t *testing.T) {
	evil := testApp(t, "Evil\x1b]52;c;cm0gLXJmIH4=\x07Corp\x1b[2J\u202e", "standard", 2, []string{"Bob\x00\u009b31m"}, "")
	wide := testApp(t, "株式会社ソニー・インタラクティブエンタテインメント🎮🎮🎮", "standard", 3, []string{"田中太郎"}, "👩‍💻 Recruiter")
	h := newHarness(t, newFakeStore(evil, wide), 60, 20)
	for _, keys := range [][]string{nil, {"tab"}, {"tab", "enter"}, {"tab", "j", "enter"}, {"esc", "e"}, {"esc", "3"}, {"4"}, {"3"}} {
		h.press(keys...)
		raw := h.m.View().Content
		for _, bad := range []string{"\x1b]52", "\x07", "\x1b[2J", "\x00", "\u202e", "\u009b"} {
			if strings.Contains(raw, bad) {
				t.Fatalf("after %v the view carries %q raw to the terminal", keys, bad)
			}
		}
		checkFrame(t, h.screen(), 60, 20)
	}
	h.press("esc", "2")
	h.mustSee("株式会社")
}

func TestTooSmallSaysSo(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.send(tea.WindowSizeMsg{Width: 50, Height: 15})
	h.mustSee("at least 60×20")
	checkFrame(t, h.screen(), 50, 15)
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.mustNotSee("at least")
}

func TestLightBackground(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.send(tea.BackgroundColorMsg{Color: color.White})
	if h.m.ctx.isDark {
		t.Fatal("a white background should switch to the light styles")
	}
	h.send(tea.BackgroundColorMsg{Color: color.Black})
	if !h.m.ctx.isDark {
		t.Fatal("a black background should switch to the dark styles")
	}
}

// A terminal that never answers the background query keeps the styles the
// caller guessed (from COLORFGBG): light when it said light.
func TestLightBackgroundGuessedBeforeTheTerminalAnswers(t *testing.T) {
	m := New(Options{Store: newFakeStore(), Now: func() time.Time { return testNow }, LightBackground: true})
	if m.ctx.isDark {
		t.Fatal("LightBackground did not start the light styles")
	}
	if m := New(Options{Store: newFakeStore(), Now: func() time.Time { return testNow }}); !m.ctx.isDark {
		t.Fatal("without a guess the styles should start dark")
	}
}

func TestMeaningsReadWithoutColour(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.mustSee("! 3 days overdue", "● due today", "○ due tomorrow")
	h.press("tab")
	h.mustSee("● in window", "▲ overdue", "○ early", "│")
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.mustSee("○ early ● window ▲ late") // the legend when the words do not fit
}

func TestNoColorProfileSelectsInReverse(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.send(tea.ColorProfileMsg{Profile: colorprofile.ASCII})
	if !h.m.ctx.noColor || !h.m.ctx.styles.Selected.GetReverse() {
		t.Fatal("without colour the selected row should show in reverse video")
	}
	h.send(tea.BackgroundColorMsg{Color: color.White})
	if !h.m.ctx.styles.Selected.GetReverse() {
		t.Fatal("a background change lost the reverse selection")
	}
	h.send(tea.ColorProfileMsg{Profile: colorprofile.TrueColor})
	if h.m.ctx.styles.Selected.GetReverse() {
		t.Fatal("with colour the selection should use its background colour")
	}
}

func TestStoreErrorIsShown(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.store.fail = errDiskFull
	h.press("x")
	h.mustSee("error", "disk full")
	h.press("j")
	h.mustNotSee("disk full")
}

func TestViewIsAltScreen(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	if v := h.m.View(); !v.AltScreen {
		t.Fatal("the view should use the alternate screen")
	}
}

func TestDemoApplications(t *testing.T) {
	apps := DemoApplications(testNow)
	if len(apps) != 9 {
		t.Fatalf("%d demo applications, want 9", len(apps))
	}
	by := map[string]stages.Application{}
	for _, a := range apps {
		if err := a.Validate(nil); err != nil {
			t.Fatalf("%s: %v", a.Company, err)
		}
		if _, seen := by[a.Company]; !seen || !a.Closed() {
			by[a.Company] = a // the open one of the two Netflix processes
		}
	}
	if a := by["Netflix"]; a.Stage != "reference check" {
		t.Errorf("Netflix stage %q, want reference check", a.Stage)
	}
	if a := by["Amazon"]; a.Stage != "hiring committee" || a.Wait(nil, testNow).Status != stages.WaitOverdue || a.Wait(nil, testNow).Days != 17 {
		t.Errorf("Amazon: %s, wait %+v; want hiring committee, 17 days, overdue", a.Stage, a.Wait(nil, testNow))
	}
	if a := by["Stripe"]; a.Offer == nil || a.Offer.Deadline.IsZero() {
		t.Error("Stripe should hold an offer with a deadline")
	}
	if a := by["Datadog"]; a.Offer == nil || len(a.Offer.VestSchedule) != 4 || a.Offer.StockValue() == 0 {
		t.Error("Datadog should hold an offer with stock on a yearly schedule, for the Offers screen")
	}
	// The earlier Netflix process, closed, answered on day 9: the current
	// one shows "Netflix usually answers you in 9 days".
	d := newData(apps, nil, nil, 1, testNow, nil)
	for i, a := range apps {
		if a.Company == "Netflix" && !a.Closed() {
			if u := d.usual[i]; !u.ok || u.days != 9 || u.n != 1 {
				t.Errorf("Netflix usually answers in %+v, want 9 days from 1 application", u)
			}
		}
	}
	if a := by["Shopify"]; a.Outcome != stages.Rejected {
		t.Error("Shopify should be rejected")
	}
	due := 0
	for _, p := range stages.Actionable(dayPrompts(apps, nil, testNow)) {
		if p.Company == "Figma" && p.Kind == stages.ThankYou && p.Status == stages.Due {
			due++
		}
	}
	if due != 3 {
		t.Errorf("Figma has %d thank-yous due today, want 3", due)
	}
}

// The screen gets no bidirectional control, nor any other character
// termsafe calls unsafe: every one is dropped.
func TestSanitizeDropsEveryBidiControl(t *testing.T) {
	for _, r := range termsafe.BidiControls {
		if got := sanitize("right" + string(r) + "left"); got != "rightleft" {
			t.Errorf("sanitize kept %U: %q", r, got)
		}
	}
	if got := sanitize("a\x1b[2Jb\u009bc\u200bd"); got != "a[2Jbcd" {
		t.Errorf("sanitize(escape sequences) = %q", got)
	}
}

// "Another afterview is using the file" goes away with the next read that
// works, instead of staying up until something else is said.
func TestBusyMessageClearsOnTheNextGoodRead(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.store.readFail = errors.New("another afterview is using the data file")
	h.send(pollMsg{})
	h.mustSee("another afterview is using")
	h.send(pollMsg{}) // the file is free again
	h.mustNotSee("another afterview is using")
	// A write's error is not a read's: a good poll leaves it up.
	h.store.fail = errDiskFull
	h.press("x")
	h.mustSee("disk")
	h.send(pollMsg{})
	h.mustSee("disk")
}

// Undo of an add refuses, as undo of a log does, when an older afterview
// logged on the application since: those events are acknowledged writes the
// undo history does not hold. A change another afterview of this version
// made is in the history: it is the newest, so u takes it back first and
// says which. Undo of a delete brings the application back under its own
// id, so that older undo entries about it still work.
func TestUndoEveryKindRespectsChangesElsewhere(t *testing.T) {
	t.Run("add, then a log by an older afterview", func(t *testing.T) {
		h := newHarness(t, newFakeStore(), 100, 30)
		h.press("a", "Globex", "ctrl+s")
		a := h.store.app(t, "Globex")
		h.store.logUnrecorded(t, a.ID, noteEvent("from the shell", 0))
		h.press("u")
		h.mustSee("changed since")
		if e := lastEvent(h.store.app(t, "Globex")); e.Note != "from the shell" {
			t.Fatal("undo of the add threw away a change made elsewhere")
		}
	})
	t.Run("add, then a log from a shell", func(t *testing.T) {
		h := newHarness(t, newFakeStore(), 100, 30)
		h.press("a", "Globex", "ctrl+s")
		a := h.store.app(t, "Globex")
		if _, err := h.store.Log(a.ID, noteEvent("from the shell", 0)); err != nil {
			t.Fatal(err)
		}
		h.press("u")
		h.mustSee("undone: note written on Globex")
		if got := h.store.app(t, "Globex"); len(got.Events) != len(a.Events) {
			t.Fatal("u did not take back the newest change, the shell's note")
		}
		h.press("u")
		if len(h.store.apps) != 0 {
			t.Fatal("the second u did not take back the add")
		}
	})
	t.Run("log, delete, undo both", func(t *testing.T) {
		h := newDemoHarness(t, 100, 30)
		p := h.selectedPrompt()
		before := h.store.app(t, p.Company)
		h.press("x") // logs on the selected prompt's application
		h.press("tab")
		for i := 0; ; i++ {
			if a, ok := h.m.apps().selected(h.m.ctx); ok && a.ID == p.AppID {
				break
			}
			if i > 20 {
				t.Fatalf("%s is not on Applications", p.Company)
			}
			h.press("j")
		}
		h.press("D", "y")
		h.press("u") // the delete
		got := h.store.app(t, p.Company)
		if got.ID != p.AppID {
			t.Fatalf("undo of the delete brought %s back as #%d, want its own id #%d", p.Company, got.ID, p.AppID)
		}
		h.press("u") // the log, which refers to that id
		h.mustNotSee("cannot undo")
		if got := h.store.app(t, p.Company); len(got.Events) != len(before.Events) {
			t.Errorf("after both undos %s has %d events, want %d", p.Company, len(got.Events), len(before.Events))
		}
	})
}

// An edit form opened before another afterview changed the application
// saves only the fields the user changed: the other change stays. If the
// user changed a field that also changed underneath, the form stays open
// and says so, and nothing is written.
func TestEditKeepsChangesMadeElsewhere(t *testing.T) {
	promised := stages.NewDate(2026, time.December, 4)
	shell := stages.Event{Kind: stages.EvHeard, At: testNow, Expect: promised, Note: "from the shell"}
	for _, refresh := range []bool{false, true} {
		h := newDemoHarness(t, 100, 30)
		h.press("tab", "e", "tab")
		h.clearField()
		h.press("Staff Engineer")
		a := h.store.app(t, "Netflix")
		if _, err := h.store.Log(a.ID, shell); err != nil {
			t.Fatal(err)
		}
		if refresh {
			h.send(pollMsg{}) // the UI notices the change; the form stays open
		}
		h.press("ctrl+s")
		got := h.store.app(t, "Netflix")
		if got.Role != "Staff Engineer" || got.Expect != promised {
			t.Errorf("refresh %v: after the edit role %q, promised %v; want the role saved and the shell's date kept", refresh, got.Role, got.Expect)
		}
	}

	h := newDemoHarness(t, 100, 30)
	h.press("tab", "e")
	for range 6 {
		h.press("tab")
	}
	h.clearField()
	h.press("2026-12-10")
	a := h.store.app(t, "Netflix")
	if _, err := h.store.Log(a.ID, shell); err != nil {
		t.Fatal(err)
	}
	writes := h.store.writes
	h.press("ctrl+s")
	if h.m.form == nil || !strings.Contains(h.m.form.err, "promised date changed since this form opened") {
		t.Fatalf("the form should stay open saying the promised date changed; form %v", h.m.form != nil)
	}
	if h.store.writes != writes || h.store.app(t, "Netflix").Expect != promised {
		t.Error("the clashing edit was written")
	}
}
