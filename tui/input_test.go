package tui

import (
	"strings"
	"testing"

	"afterview/stages"
)

// focusField moves the focus of the open form to the field key, with tab.
func (h *harness) focusField(key string) {
	h.t.Helper()
	for i := 0; i < 20; i++ {
		if h.m.form.fields[h.m.form.focus].key == key {
			return
		}
		if fieldIndex(h.m.form, key) < h.m.form.focus {
			h.press("shift+tab")
		} else {
			h.press("tab")
		}
	}
	h.t.Fatalf("no field %q in the form", key)
}

func (h *harness) fieldValue(key string) string { return h.m.form.field(key).input.Value() }

func TestTypingIntoAPrefilledFieldReplacesIt(t *testing.T) {
	h := newHarness(t, newFakeStore(), 100, 30)
	h.press("a", "Globex")
	h.focusField("interview")
	h.press("2026-11-18 15:00")
	if got := h.fieldValue("interview"); got != "2026-11-18 15:00" {
		t.Fatalf("the interview field holds %q, want the typed date alone", got)
	}
	h.mustSee("→ Wed 18 Nov 15:00")
	// A key that edits keeps the value, to be edited.
	h.press("esc", "y")
	h.press("a")
	h.focusField("interview")
	h.press("backspace")
	if got := h.fieldValue("interview"); got != "2026-11-20 09:0" {
		t.Fatalf("backspace in a prefilled field gave %q", got)
	}
}

func TestDateFieldShowsWhatItUnderstood(t *testing.T) {
	h := newHarness(t, newFakeStore(), 60, 20)
	h.press("a", "Globex")
	h.focusField("interview")
	h.press("yesterday 3pm")
	h.mustSee("→ Thu 19 Nov 15:00")
	h.press("ctrl+u", "fri 10:00")
	h.mustSee("→ Fri 20 Nov 10:00")
	h.press("ctrl+u", "last tuesday")
	h.mustSee("→ Tue 17 Nov 09:00")
	h.press("ctrl+u", "someday")
	h.mustNotSee("→ ")
	h.press("ctrl+u", "28 Nov 15:00", "tab")
	h.focusField("promised")
	h.press("in 10 days")
	h.mustSee("→ Mon 30 Nov")
	h.press("ctrl+s")
	a := h.store.app(t, "Globex")
	if a.Interviewed.Format("2006-01-02 15:04") != "2026-11-28 15:00" || a.Expect.String() != "2026-11-30" {
		t.Errorf("saved interview %v, promised %v", a.Interviewed, a.Expect)
	}
}

func TestUpDownNudgeADateField(t *testing.T) {
	h := newHarness(t, newFakeStore(), 100, 30)
	h.press("a", "Globex")
	h.focusField("interview")
	h.press("up")
	if got := h.fieldValue("interview"); got != "2026-11-21 09:00" {
		t.Fatalf("up gave %q, want a day later", got)
	}
	h.press("down", "down")
	if got := h.fieldValue("interview"); got != "2026-11-19 09:00" {
		t.Fatalf("down twice gave %q, want 19 Nov", got)
	}
	if h.m.form.fields[h.m.form.focus].key != "interview" {
		t.Fatal("up/down on a date field moved the focus")
	}
	// An empty day field starts from today.
	h.focusField("promised")
	h.press("up")
	if got := h.fieldValue("promised"); got != "2026-11-21" {
		t.Fatalf("up on an empty promised date gave %q", got)
	}
	// Outside date fields, up/down still move between fields (the
	// interview is now a day ago, so "Thanked already" shows above notes).
	h.focusField("notes")
	h.press("up")
	if h.m.form.fields[h.m.form.focus].key != "thanked" {
		t.Fatal("up on the notes field did not go to the field above")
	}
}

// Adding an interview from days ago asks which thank-yous went out, so
// Today does not fill with overdue ones.
func TestAddFormTakesThankYousAlreadySent(t *testing.T) {
	h := newHarness(t, newFakeStore(), 100, 30)
	h.press("a", "Globex")
	if !h.m.form.field("thanked").hidden {
		t.Fatal("an interview just now asks about thank-yous already sent")
	}
	h.focusField("interview")
	h.press("3 days ago 14:00", "tab", "Ana Lopez, Sam Wu", "tab", "Dana")
	h.mustSee("Thanked already")
	h.focusField("thanked")
	h.press("ana, dana", "ctrl+s")
	a := h.store.app(t, "Globex")
	var due []string
	for _, p := range dayPrompts([]stages.Application{a}, nil, testNow) {
		if p.Kind == stages.ThankYou {
			due = append(due, p.Person)
		}
	}
	if len(due) != 1 || due[0] != "Sam Wu" {
		t.Errorf("thank-yous still due: %v, want Sam Wu's only", due)
	}
}

func TestEscOnAFormWithChangesAsks(t *testing.T) {
	h := newHarness(t, newFakeStore(), 100, 30)
	// Nothing typed: esc closes at once.
	h.press("a", "esc")
	if h.m.form != nil {
		t.Fatal("esc on an untouched form did not close it")
	}
	h.press("a", "Globex", "esc")
	if h.m.form == nil {
		t.Fatal("esc discarded a form with typed changes without asking")
	}
	h.mustSee("Discard what you typed?")
	h.press("n")
	if h.m.form == nil || h.fieldValue("company") != "Globex" {
		t.Fatal("answering no lost the form")
	}
	h.mustSee("still editing")
	h.press("esc", "y")
	if h.m.form != nil || h.store.writes != 0 {
		t.Fatalf("yes did not discard (form %v, writes %d)", h.m.form != nil, h.store.writes)
	}
	h.mustSee("discarded; nothing saved")
}

func TestCtrlCOnAFormWithChangesAsks(t *testing.T) {
	h := newHarness(t, newFakeStore(), 100, 30)
	h.press("a", "Globex", "ctrl+c")
	if h.quit {
		t.Fatal("ctrl+c quit with a half-typed form")
	}
	h.mustSee("Quit and lose what you typed")
	h.press("n")
	if h.quit || h.m.form == nil {
		t.Fatal("no did not keep the form")
	}
	h.press("ctrl+c", "ctrl+c")
	if !h.quit {
		t.Fatal("a second ctrl+c did not quit")
	}
	// With nothing typed, ctrl+c quits at once.
	h2 := newHarness(t, newFakeStore(), 100, 30)
	h2.press("a", "ctrl+c")
	if !h2.quit {
		t.Fatal("ctrl+c on an untouched form did not quit")
	}
}

// Z asks the day a prompt comes back; z snoozes to tomorrow and warns
// when that lets a prompt due today go overdue.
func TestSnoozeToAnyDay(t *testing.T) {
	st := newFakeStore(DemoApplications(testNow)...)
	h := newHarness(t, st, 100, 30)
	p := h.selectedPrompt()
	h.press("Z")
	if h.m.form == nil || h.m.form.kind != formSnooze {
		t.Fatal("Z did not ask for the day")
	}
	h.mustSee("Until", "→ Sat 21 Nov")
	h.press("mon")
	h.mustSee("→ Mon 23 Nov")
	h.press("ctrl+s")
	if h.m.form != nil {
		t.Fatalf("the snooze form did not close:\n%s", h.screen())
	}
	e := lastEvent(st.app(t, p.Company))
	if e.Kind != stages.EvSnooze || e.Prompt != p.Key || e.Until != stages.NewDate(2026, 11, 23) {
		t.Fatalf("Z logged %+v, want a snooze of %s until Mon 23 Nov", e, p.Key)
	}
	h.mustSee("until Mon 23 Nov")
	// A day that is not after today is refused in the form.
	h.press("Z", "ctrl+u", "yesterday", "ctrl+s")
	if h.m.form == nil {
		t.Fatal("a snooze to yesterday was saved")
	}
	h.mustSee("is not after today")
}

func TestSnoozeTomorrowWarnsWhenItMakesAPromptOverdue(t *testing.T) {
	h := newHarness(t, newFakeStore(DemoApplications(testNow)...), 100, 30)
	p := h.moveTo(func(p stages.Prompt) bool { return p.Kind == stages.ThankYou && p.Status == stages.Due })
	h.press("z")
	h.mustSee("snoozed to tomorrow", "it is due today, so it comes back overdue")
	// One due later than tomorrow comes back without a warning.
	q := h.moveTo(func(q stages.Prompt) bool { return q.Status == stages.StatusOpen && q.Due.After(testDay().AddDays(1)) })
	if q.Key == p.Key {
		t.Fatal("found the same prompt")
	}
	h.press("z")
	h.mustSee("snoozed to tomorrow")
	h.mustNotSee("comes back overdue")
}

func testDay() stages.Date { return stages.DateOf(testNow) }

// The log form's "To" reads names as --to does: a first name is the person
// it fits, whose thank-you it answers.
func TestLogThanksMatchesTheName(t *testing.T) {
	a := testApp(t, "Globex", "standard", 0, []string{"Ana Lopez", "Anabel Kim"}, "Jo Park")
	st := newFakeStore(a)
	h := newHarness(t, st, 100, 30)
	h.press("tab", "l")
	for h.m.form.value("kind") != "thank-you" {
		h.press("right")
	}
	h.focusField("person")
	h.press("an", "tab")
	h.mustSee("could be Ana Lopez or Anabel Kim")
	h.focusField("person")
	h.press("ctrl+u", "ana", "ctrl+s")
	if h.m.form != nil {
		t.Fatalf("the form did not save:\n%s", h.screen())
	}
	if e := lastEvent(st.app(t, "Globex")); e.Kind != stages.EvThanks || e.Person != "Ana Lopez" {
		t.Errorf("logged %+v, want a thank-you to Ana Lopez", e)
	}
}

// A status longer than the terminal is wide wraps to a second line instead
// of being cut, and the undo does not repeat the snooze's warning.
func TestLongStatusWrapsAndUndoDoesNotRepeatTheWarning(t *testing.T) {
	h := newHarness(t, newFakeStore(DemoApplications(testNow)...), 80, 24)
	h.moveTo(func(p stages.Prompt) bool { return p.Kind == stages.ThankYou && p.Status == stages.Due })
	h.press("z")
	screen := h.screen()
	checkFrame(t, screen, 80, 24)
	lines := strings.Split(screen, "\n")
	status := strings.TrimSpace(lines[len(lines)-3]) + " " + strings.TrimSpace(lines[len(lines)-2])
	if !strings.Contains(status, "so it comes back overdue · u undoes") || strings.Contains(status, "…") {
		t.Fatalf("the status is not whole on two lines:\n%s", screen)
	}
	h.press("u")
	if !strings.Contains(h.m.status, "undone:") || strings.Contains(h.m.status, "comes back overdue") {
		t.Fatalf("after u the status says %q: want the undo without the snooze's warning", h.m.status)
	}
}
