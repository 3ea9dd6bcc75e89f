package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"afterview/stages"
)

func TestStatsScreenShowsTheHistory(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	if h.m.ctx.data.stats.Load() != nil {
		t.Fatal("the history figures should wait until the Stats screen asks for them")
	}
	h.press("4")
	if h.m.screen() != screenStats || h.m.ctx.data.stats.Load() == nil {
		t.Fatal("4 should open Stats with its figures computed")
	}
	// The figures are stages.ComputeStats's, the ones `afterview stats` prints.
	apps, _, _ := h.store.Snapshot()
	want := stages.ComputeStats(nil, apps, stages.DateOf(testNow))
	h.mustSee("9 applications · 7 open · 2 closed",
		"median "+days(want.All.FirstAnswer.Median), "1 sent · 1 answered", "7 open · 2 rejected",
		"BY PROCESS", "BY COMPANY", "OUTCOMES", "FOLLOW-UPS")
	for _, g := range append(append([]stages.GroupStats{}, want.ByTemplate...), want.ByCompany...) {
		line := h.screenLine(g.Name + " ")
		for _, cell := range []string{dayCell(g.FirstAnswer), dayCell(g.Decision), outcomeWords(g.Outcomes)} {
			if !strings.Contains(line, cell) {
				t.Errorf("%s row %q lacks %q", g.Name, line, cell)
			}
		}
	}
	if line := h.screenLine("netflix"); !strings.Contains(line, "6d (3–9, n=2)") || !strings.Contains(line, "1 open · 1 rejected") {
		t.Errorf("netflix row %q, want first answers 3 and 9 days and its two outcomes", line)
	}
	if line := h.screenLine("Netflix"); !strings.Contains(line, "1/1 answered") {
		t.Errorf("Netflix row %q, want its one follow-up answered", line)
	}
}

func TestStatsScrolls(t *testing.T) {
	h := newDemoHarness(t, 60, 20)
	h.press("4")
	h.mustSee("↓ lines 1–15 of", "BY PROCESS")
	h.mustNotSee("Stripe")
	h.press("j")
	if h.m.stats().offset != 1 {
		t.Fatalf("j scrolled to %d, want 1", h.m.stats().offset)
	}
	h.press("G")
	h.mustSee("Stripe", "↑ lines")
	h.press("pgup", "g")
	if h.m.stats().offset != 0 {
		t.Fatal("g should scroll to the top")
	}
	// At 60 columns the outcomes move out of the table to lines of their own.
	h.press("G")
	h.mustSee("OUTCOMES BY PROCESS")
	checkFrame(t, h.screen(), 60, 20)
}

func TestStatsRecomputedForNewData(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.press("4")
	h.mustSee("9 applications")
	if _, err := h.store.Add(testApp(t, "Globex", "standard", 2, nil, "")); err != nil {
		t.Fatal(err)
	}
	h.send(revisionMsg{rev: 999})
	h.mustSee("10 applications", "Globex")
}

func TestStatsEmpty(t *testing.T) {
	h := newHarness(t, newFakeStore(), 100, 30)
	h.press("4")
	h.mustSee("No history yet", "Press a to add one")
	h.press("j", "G") // nothing to scroll: no panic
	checkFrame(t, h.screen(), 100, 30)
}

func TestUsualAnswersComeFromTheOtherApplications(t *testing.T) {
	answered := func(company string, daysAgo, answerAfter int) stages.Application {
		a := testApp(t, company, "standard", daysAgo, nil, "")
		if answerAfter >= 0 {
			if err := a.Apply(nil, stages.Event{Kind: stages.EvHeard, At: a.Interviewed.AddDate(0, 0, answerAfter)}); err != nil {
				t.Fatal(err)
			}
		}
		return a
	}
	apps := []stages.Application{
		answered("Globex", 60, 3),
		answered("globex ", 40, 9), // the same company, typed differently
		answered("Globex", 2, -1),  // waiting: no answer yet
		answered("Initech", 5, -1), // no history: nothing to say
	}
	got := usualAnswers(apps)
	want := []usualAnswer{
		{days: 9, n: 1, ok: true}, // the others: 9 days, and one unanswered
		{days: 3, n: 1, ok: true},
		{days: 6, n: 2, ok: true}, // median of 3 and 9
		{},
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("application %d (%s): %+v, want %+v", i, apps[i].Company, got[i], want[i])
		}
		// Each is stages.UsualAnswerDays over the others.
		others := append(append([]stages.Application{}, apps[:i]...), apps[i+1:]...)
		d, n, ok := stages.UsualAnswerDays(others, apps[i].Company)
		if (usualAnswer{d, n, ok}) != got[i] {
			t.Errorf("application %d: %+v, stages.UsualAnswerDays says %d, %d, %v", i, got[i], d, n, ok)
		}
	}
}

func TestUsuallyAnswersShowsOnApplicationsAndDetail(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.press("2")
	if a, _ := h.m.apps().selected(h.m.ctx); a.Company != "Netflix" {
		t.Fatalf("the first application is %s, want Netflix", a.Company)
	}
	h.mustSee("◷ Netflix usually answers you in 9 days · from 1 earlier application · this one is at day 12")
	h.press("enter")
	h.mustSee("WAIT", "Netflix usually answers you in 9 days")
	// Amazon has no history of its own: nothing is said.
	h.press("esc", "j", "j")
	if a, _ := h.m.apps().selected(h.m.ctx); a.Company != "Amazon" {
		t.Fatalf("selected %s, want Amazon", a.Company)
	}
	h.mustNotSee("usually answers")
	h.press("enter")
	h.mustNotSee("usually answers")
}

func TestKeyMapListsEveryTab(t *testing.T) {
	k := DefaultKeyMap()
	h := newDemoHarness(t, 100, 30)
	c := h.m.ctx
	all := []helpKeys{(&detailModel{}).help(c), k.emptyHelp()}
	for _, s := range h.m.tabs {
		all = append(all, s.help(c))
	}
	for _, hk := range all {
		found := map[string]bool{}
		for _, col := range hk.FullHelp() {
			for _, b := range col {
				found[b.Help().Key] = true
			}
		}
		for _, want := range []string{"tab", "shift+tab", "1", "2", "3", "4", "?", "q"} {
			if !found[want] {
				t.Errorf("a screen's full help lacks %q", want)
			}
		}
	}
	if len(k.FullHelp()) == 0 || len(k.ShortHelp()) == 0 {
		t.Fatal("KeyMap's own help is empty")
	}
	h.press("3", "?")
	h.mustSee("Keys · Offers", "←     previous offer", "3         offers", "4         stats", "★ marks the best value")
	h.press("esc", "4", "?")
	h.mustSee("Keys · Stats", "first answer")
	// The scroll keys show where the page does not fit on the screen.
	h.send(tea.WindowSizeMsg{Width: 80, Height: 20})
	h.mustSee("Keys · Stats", "pgdn page down")
}

// The command that computes the figures only reads the snapshot: they come
// back in its message, and Update files them with the snapshot they are
// about, not with a newer one that replaced it meanwhile.
func TestStatsCommandReturnsItsFigures(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	d := h.m.ctx.data
	msg, ok := statsCmd(d)().(statsReadyMsg)
	if !ok || msg.d != d || msg.stats.All.Applications == 0 {
		t.Fatalf("statsCmd returned %#v, want the figures of the snapshot", msg)
	}
	if d.stats.Load() != nil {
		t.Fatal("statsCmd wrote into the shared snapshot")
	}
	stale := statsReadyMsg{d: &data{}, stats: msg.stats}
	h.send(stale)
	if d.stats.Load() != nil {
		t.Fatal("figures of another snapshot were filed with the one shown")
	}
	h.send(msg)
	if got := d.stats.Load(); got == nil || got.All.Applications != msg.stats.All.Applications {
		t.Fatal("Update did not file the figures with their snapshot")
	}
}
