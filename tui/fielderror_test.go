package tui

import (
	"strings"
	"testing"
)

// A mistake the domain finds on saving shows under the field it names
// (stages.FieldError), not at the foot, and the focus goes there.
func TestSaveErrorsGoUnderTheirField(t *testing.T) {
	h := newHarness(t, newFakeStore(), 100, 30)
	h.press("a", "Acme")
	h.focusField("interviewers")
	h.press("Ana Lopez, " + strings.Repeat("x", 201))
	h.focusField("company")
	h.press("ctrl+s")
	f := h.m.form
	if f == nil {
		t.Fatal("the form saved an interviewer name of 201 characters")
	}
	if got := f.fields[f.focus].key; got != "interviewers" {
		t.Fatalf("the focus went to %q, want interviewers", got)
	}
	if fl := f.field("interviewers"); !strings.Contains(fl.err, "201 characters is too long") {
		t.Fatalf("the interviewers field says %q", fl.err)
	}
	if f.err != "" {
		t.Fatalf("the foot says %q; the mistake belongs to a field", f.err)
	}
	h.mustSee("✗ 201 characters is too long")
}

// News with a promised date before the interview is refused by the domain
// (Apply); the mistake shows under "Promised by", where it was typed.
func TestPromisedBeforeTheInterviewShowsUnderItsField(t *testing.T) {
	a := testApp(t, "Globex", "standard", 3, []string{"Ana Lopez"}, "Jo Park")
	st := newFakeStore(a)
	h := newHarness(t, st, 100, 30)
	h.press("2", "l")
	if got := h.m.form.value("kind"); got != "heard back" {
		t.Fatalf("the log form opened on %q", got)
	}
	h.focusField("promised")
	h.press(testDay().AddDays(-10).String(), "ctrl+s")
	f := h.m.form
	if f == nil {
		t.Fatal("the form saved a promised date before the interview")
	}
	if fl := f.field("promised"); !strings.Contains(fl.err, "before the final interview") || f.err != "" {
		t.Fatalf("promised field says %q, the foot %q", fl.err, f.err)
	}
	if got := f.fields[f.focus].key; got != "promised" {
		t.Fatalf("the focus is on %q, want promised", got)
	}
}
