package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"afterview/stages"
)

// The golden views are plain text (escape sequences stripped), so they read
// as the screen does without colour; `go test ./tui -update` rewrites them.
func TestGoldenViews(t *testing.T) {
	sizes := []struct{ w, h int }{{100, 30}, {60, 20}}
	screens := []struct {
		name string
		keys []string
	}{
		{"today", nil},
		{"today_second_selected", []string{"j"}},
		{"applications", []string{"tab"}},
		{"applications_closed_shown", []string{"tab", "c"}},
		{"applications_filtered", []string{"tab", "/", "net", "enter"}},
		{"detail_netflix", []string{"enter"}},
		{"detail_netflix_scrolled", []string{"enter", "G"}},
		{"detail_offer", []string{"2", "/", "stripe", "enter", "enter"}},
		{"detail_rejected", []string{"2", "c", "/", "shopify", "enter", "enter"}},
		{"add_form", []string{"a"}},
		{"add_form_errors", []string{"a", "tab", "tab", "tab", "ctrl+u", "2026-13-45", "ctrl+s"}},
		{"log_form_offer", []string{"l", "right", "right"}},
		{"log_form_stage", []string{"l", "right"}},
		{"help", []string{"?"}},
		{"confirm_delete", []string{"tab", "D"}},
		{"offers", []string{"3"}},
		{"offers_second_selected", []string{"3", "right"}},
		{"offers_help", []string{"3", "?"}},
		{"detail_from_offers", []string{"3", "right", "enter"}},
		{"stats", []string{"4"}},
		{"stats_scrolled", []string{"4", "G"}},
	}
	for _, sz := range sizes {
		for _, sc := range screens {
			t.Run(sc.name+"_"+itoa(sz.w)+"x"+itoa(sz.h), func(t *testing.T) {
				h := newDemoHarness(t, sz.w, sz.h)
				h.press(sc.keys...)
				checkFrame(t, h.screen(), sz.w, sz.h)
				golden.RequireEqual(t, []byte(h.screen()))
			})
		}
	}
}

func TestGoldenEmpty(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{100, 30}, {60, 20}} {
		t.Run("first_run_"+itoa(sz.w)+"x"+itoa(sz.h), func(t *testing.T) {
			h := newHarness(t, newFakeStore(), sz.w, sz.h)
			checkFrame(t, h.screen(), sz.w, sz.h)
			golden.RequireEqual(t, []byte(h.screen()))
		})
		t.Run("no_offers_"+itoa(sz.w)+"x"+itoa(sz.h), func(t *testing.T) {
			h := newHarness(t, newFakeStore(), sz.w, sz.h)
			h.press("3")
			checkFrame(t, h.screen(), sz.w, sz.h)
			golden.RequireEqual(t, []byte(h.screen()))
		})
		t.Run("no_stats_"+itoa(sz.w)+"x"+itoa(sz.h), func(t *testing.T) {
			h := newHarness(t, newFakeStore(), sz.w, sz.h)
			h.press("4")
			checkFrame(t, h.screen(), sz.w, sz.h)
			golden.RequireEqual(t, []byte(h.screen()))
		})
		t.Run("all_done_"+itoa(sz.w)+"x"+itoa(sz.h), func(t *testing.T) {
			// One application whose thank-yous and reflection are done:
			// nothing is due until the follow-up window opens.
			a := testApp(t, "Globex", "standard", 3, []string{"Ana Lopez"}, "")
			for _, e := range []string{"Ana Lopez"} {
				if err := a.Apply(nil, thanksEvent(e, 2)); err != nil {
					t.Fatal(err)
				}
			}
			if err := a.Apply(nil, noteEvent("went well", 2)); err != nil {
				t.Fatal(err)
			}
			st := newFakeStore(a, testApp(t, "Initech", "standard", 20, nil, ""), testApp(t, "Hooli", "standard", 20, nil, ""))
			h := newHarness(t, st, sz.w, sz.h)
			// Clear the two older ones' follow-ups so the day is empty.
			for len(h.m.ctx.data.actionable) > 0 {
				h.press("d")
			}
			checkFrame(t, h.screen(), sz.w, sz.h)
			golden.RequireEqual(t, []byte(h.screen()))
		})
	}
}

// checkFrame asserts the screen is exactly h lines, none wider than w.
func checkFrame(t *testing.T, s string, w, h int) {
	t.Helper()
	lines := strings.Split(s, "\n")
	if len(lines) != h {
		t.Errorf("the screen has %d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if n := width(l); n > w {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, n, w, l)
		}
	}
}

// decisiveStore: Globex's offer was revised (base up, deadline given),
// Initech's is verbal (terms to follow, no deadline), Hooli waits.
func decisiveStore(t *testing.T) *fakeStore {
	t.Helper()
	globex := withOffer(t, testApp(t, "Globex", "standard", 12, []string{"Ana Lopez"}, "Sam Lee"), 4,
		stages.Offer{Currency: "USD", Base: new(int64(180000)), BonusPercent: new(15.0), Stock: new(int64(100000))})
	globex = withOffer(t, globex, 2, stages.Offer{Base: new(int64(195000)), Deadline: stages.DateOf(testNow).AddDays(5)})
	initech := withOffer(t, testApp(t, "Initech", "standard", 10, nil, "Peter Gibbons"), 1, stages.Offer{})
	hooli := testApp(t, "Hooli", "standard", 9, nil, "Gavin Belson")
	return newFakeStore(globex, initech, hooli)
}

func TestGoldenDecisive(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{100, 30}, {60, 20}} {
		t.Run("offers_revised_and_verbal_"+itoa(sz.w)+"x"+itoa(sz.h), func(t *testing.T) {
			h := newHarness(t, decisiveStore(t), sz.w, sz.h)
			h.press("3")
			checkFrame(t, h.screen(), sz.w, sz.h)
			golden.RequireEqual(t, []byte(h.screen()))
		})
		t.Run("detail_timeline_revision_"+itoa(sz.w)+"x"+itoa(sz.h), func(t *testing.T) {
			h := newHarness(t, decisiveStore(t), sz.w, sz.h)
			h.press("3", "enter", "G")
			checkFrame(t, h.screen(), sz.w, sz.h)
			golden.RequireEqual(t, []byte(h.screen()))
		})
		t.Run("today_after_acceptance_"+itoa(sz.w)+"x"+itoa(sz.h), func(t *testing.T) {
			st := decisiveStore(t)
			globex := st.app(t, "Globex")
			if _, err := st.Log(globex.ID, stages.Event{Kind: stages.EvOutcome, Outcome: stages.Accepted, At: testNow.Add(-time.Hour)}); err != nil {
				t.Fatal(err)
			}
			h := newHarness(t, st, sz.w, sz.h)
			checkFrame(t, h.screen(), sz.w, sz.h)
			golden.RequireEqual(t, []byte(h.screen()))
		})
	}
}

// longNamesStore holds names as long as people's are: a company whose name
// fills a column, two that share a long prefix, and people with long names,
// interviewers and a recruiter. At 60 columns "The Extremely Long Company
// #1" and "thank Priya Raman" just fit beside the when: a longer pair cannot.
func longNamesStore(t *testing.T) *fakeStore {
	t.Helper()
	long := testApp(t, "The Extremely Long Company", "standard", 2, []string{"Priya Raman", "Ana Lopez"}, "Priya Raman")
	long.Role = "Principal Platform Engineer, Developer Experience"
	systems := testApp(t, "Umbrella Systems", "amazon", 3, []string{"Maximilian Oyelaran"}, "")
	systems.Role = "Staff Site Reliability Engineer"
	security := testApp(t, "Umbrella Security", "standard", 12, nil, "Jo Kim")
	security.Role = "Security Engineer"
	return newFakeStore(long, systems, security, testApp(t, "Globex", "standard", 1, []string{"Ana Lopez"}, ""))
}

// Today's rows say who each is for in full at every size: the company, its
// id and the person, whatever the width.
func TestGoldenLongNames(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{60, 20}, {80, 24}, {100, 30}} {
		t.Run("today_"+itoa(sz.w)+"x"+itoa(sz.h), func(t *testing.T) {
			h := newHarness(t, longNamesStore(t), sz.w, sz.h)
			screen := h.screen()
			checkFrame(t, screen, sz.w, sz.h)
			lines := strings.Split(screen, "\n")
			shown := h.m.ctx.data.actionable[:min(len(h.m.ctx.data.actionable), h.m.today().listHeight(h.m.ctx))]
			for i, p := range shown {
				line := lines[4+i]
				want := []string{companyCell(p)}
				if action, _ := p.Brief(nil); strings.Contains(action, p.Person) {
					want = append(want, p.Person)
				}
				for _, w := range want {
					if !strings.Contains(line, w) {
						t.Errorf("row %d does not show %q in full: %q", i+1, w, line)
					}
				}
			}
			golden.RequireEqual(t, []byte(screen))
		})
	}
	t.Run("all_done_coming_up_60x20", func(t *testing.T) {
		// Everything due dismissed: the rows coming up keep their
		// company and id whole too.
		h := newHarness(t, longNamesStore(t), 60, 20)
		for len(h.m.ctx.data.actionable) > 0 {
			h.press("d")
		}
		screen := h.screen()
		checkFrame(t, screen, 60, 20)
		if !strings.Contains(screen, "The Extremely Long Company #1") {
			t.Errorf("the rows coming up cut the company or its id:\n%s", screen)
		}
		golden.RequireEqual(t, []byte(screen))
	})
	for _, sz := range []struct{ w, h int }{{60, 20}, {80, 24}, {100, 30}} {
		t.Run("applications_"+itoa(sz.w)+"x"+itoa(sz.h), func(t *testing.T) {
			h := newHarness(t, longNamesStore(t), sz.w, sz.h)
			h.press("2")
			screen := h.screen()
			checkFrame(t, screen, sz.w, sz.h)
			golden.RequireEqual(t, []byte(screen))
		})
	}
}

// Two companies that share a long start stay apart when their column is
// narrow: the middle goes, not the end.
func TestCutMiddleKeepsNamesApart(t *testing.T) {
	for _, w := range []int{9, 11, 14, 16} {
		a, b := cutMiddle("Umbrella Systems", w), cutMiddle("Umbrella Security", w)
		if a == b || width(a) > w || width(b) > w {
			t.Errorf("at %d cells: %q and %q", w, a, b)
		}
	}
	if got := cutMiddle("Globex", 11); got != "Globex" {
		t.Errorf("a name that fits is cut: %q", got)
	}
}
