package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"afterview/stages"
)

// withOffer returns a copy of a with an offer received daysAgo days before
// testNow.
func withOffer(t *testing.T, a stages.Application, daysAgo int, o stages.Offer) stages.Application {
	t.Helper()
	if err := a.Apply(nil, stages.Event{Kind: stages.EvOffer, At: testNow.AddDate(0, 0, -daysAgo), Offer: &o}); err != nil {
		t.Fatal(err)
	}
	return a
}

// screenLine returns the screen's line that starts (after spaces) with label.
func (h *harness) screenLine(label string) string {
	h.t.Helper()
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), label) {
			return l
		}
	}
	h.t.Fatalf("no line starts with %q:\n%s", label, h.screen())
	return ""
}

// docs/rules.md's example: base 180,000 + 15% bonus + 100,000 of stock over four
// years against 350,000 all cash. The figures are `afterview offers`'s.
func domainOffers(t *testing.T) *fakeStore {
	t.Helper()
	globex := withOffer(t, testApp(t, "Globex", "standard", 12, nil, ""), 2,
		stages.Offer{Currency: "USD", Base: new(int64(180000)), BonusPercent: new(float64(15)), Stock: new(int64(100000)), VestYears: 4, Deadline: stages.NewDate(2026, 11, 27)})
	netflix := withOffer(t, testApp(t, "Netflix", "netflix", 14, nil, ""), 1,
		stages.Offer{Currency: "USD", Base: new(int64(350000)), Deadline: stages.NewDate(2026, 11, 26)})
	return newFakeStore(globex, netflix)
}

func TestOffersScreenShowsTheDomainExample(t *testing.T) {
	for _, size := range []struct{ w, h int }{{100, 30}, {60, 20}} {
		t.Run(fmt.Sprintf("%dx%d", size.w, size.h), func(t *testing.T) {
			h := newHarness(t, domainOffers(t), size.w, size.h)
			h.press("3")
			if h.m.screen() != screenOffers {
				t.Fatal("3 did not open the Offers screen")
			}
			h.mustSee("Offers 2", "2 open offers", "Netflix", "Globex")
			// Soonest deadline first, as `afterview offers` lists them.
			if head := h.screen(); strings.Index(head, "Netflix") > strings.Index(head, "Globex") {
				t.Fatal("Netflix's deadline is sooner: it should come first")
			}
			bonus := "yearly bonus"
			if size.w < 80 {
				bonus = "bonus"
			}
			rows := []struct{ label, netflix, globex string }{
				{"base", "$350,000 ★", "$180,000"},
				{bonus, "$0", "$27,000 (15%) ★"},
				{"year-1 cash", "$350,000 ★", "$207,000"},
				{"year-1 total", "$350,000 ★", "$232,000"},
				{"unvested", "$0", "$75,000"},
			}
			if size.w >= 80 {
				rows = append(rows, struct{ label, netflix, globex string }{"four-year total", "$1,400,000 ★", "$928,000"},
					struct{ label, netflix, globex string }{"vesting", "–", "even over 4 years"},
					struct{ label, netflix, globex string }{"deadline", "Thu 26 Nov (6 days)", "Fri 27 Nov (7 days)"})
			}
			for _, r := range rows {
				line := h.screenLine(r.label)
				n, g := strings.Index(line, r.netflix), strings.Index(line, r.globex)
				if n < 0 || g < 0 || n > g {
					t.Errorf("%s row %q, want %q then %q", r.label, line, r.netflix, r.globex)
				}
			}
			checkFrame(t, h.screen(), size.w, size.h)
		})
	}
}

func TestOfferColumnsMatchTheStagesArithmetic(t *testing.T) {
	apps, _, _ := domainOffers(t).Snapshot()
	d := newData(apps, nil, nil, 1, testNow, nil)
	if len(d.offers) != 2 {
		t.Fatalf("%d offers, want 2", len(d.offers))
	}
	for _, col := range d.offers {
		a := &d.apps[col.app]
		want := a.Offer.Summary(d.now)
		if !reflect.DeepEqual(col.sum, want) || col.bonus != a.Offer.YearlyBonus() {
			t.Errorf("%s: summary %+v, want %+v", a.Company, col.sum, want)
		}
	}
	globex := d.offers[1]
	if *globex.sum.Year1Cash != 207000 || *globex.sum.UnvestedAfterYear1 != 75000 || *globex.sum.FourYearTotal != 928000 {
		t.Errorf("Globex %+v, want year-1 cash 207,000, unvested 75,000, four years 928,000", globex.sum)
	}
	if netflix := d.offers[0]; *netflix.sum.Year1Cash != 350000 || !netflix.best[metricYear1Cash] || globex.best[metricYear1Cash] {
		t.Errorf("Netflix %+v: want year-1 cash 350,000, marked best", netflix)
	}
	if !globex.best[metricStock] || !globex.best[metricBonus] || d.offers[0].best[metricSignOn] || globex.best[metricSignOn] {
		t.Error("best: Globex's stock and bonus; no sign-on is best when both are 0")
	}
}

func TestOffersVestingScheduleAndCurrencies(t *testing.T) {
	sched := withOffer(t, testApp(t, "Amazon", "amazon", 10, nil, ""), 1,
		stages.Offer{Currency: "USD", Base: new(int64(170000)), Stock: new(int64(200000)), VestSchedule: []float64{5, 15, 40, 40}, SignOn: new(int64(50000))})
	euro := withOffer(t, testApp(t, "Adyen", "standard", 10, nil, ""), 1,
		stages.Offer{Currency: "EUR", Base: new(int64(120000)), Stock: new(int64(0))})
	h := newHarness(t, newFakeStore(sched, euro), 100, 30)
	h.press("3")
	h.mustSee("different currencies: not compared", "5/15/40/40 %", "€120,000", "$170,000",
		"stock vests $10,000 · $30,000 · $80,000 · $80,000 in years 1–4")
	// A dollar and a euro offer are never compared: no row has a best.
	h.mustNotSee("★")
	if line := h.screenLine("unvested"); !strings.Contains(line, "$190,000") {
		t.Errorf("unvested after year 1 %q, want $190,000 (the grant less year 1's 5%%)", line)
	}
}

func TestOffersKeys(t *testing.T) {
	h := newHarness(t, domainOffers(t), 100, 30)
	h.press("3")
	if a, _ := h.m.offers().selected(h.m.ctx); a.Company != "Netflix" {
		t.Fatalf("the first offer selected is %s, want Netflix", a.Company)
	}
	h.press("right")
	if a, _ := h.m.offers().selected(h.m.ctx); a.Company != "Globex" {
		t.Fatal("→ should select the next offer")
	}
	h.mustSee("── Globex")
	h.press("right") // stays on the last
	h.press("left")
	if h.m.offers().cursor != 0 {
		t.Fatal("← should select the previous offer")
	}
	h.press("G")
	if h.m.offers().cursor != 1 {
		t.Fatal("G should select the last offer")
	}
	h.press("enter")
	if h.m.screen() != screenDetail || h.m.detail().appID != h.store.app(t, "Globex").ID {
		t.Fatal("enter should open the selected offer's application")
	}
	h.mustSee("Offers 2  › Globex", "year-1 cash $207,000")
	h.press("esc")
	if h.m.screen() != screenOffers {
		t.Fatal("esc should go back to Offers")
	}
	h.press("l")
	if h.m.form == nil || h.m.form.logKind != stages.EvOutcome || h.m.form.value("outcome") != "accepted" {
		t.Fatal("l on an offer should open the log form on its answer")
	}
	h.press("esc", "e")
	if h.m.form == nil || h.m.form.kind != formLog || h.m.form.logKind != stages.EvOffer || h.m.form.value("base") == "" {
		t.Fatal("e on an offer should edit the offer, its form pre-filled with the current terms")
	}
	// The selection stays on the same offer when the data reloads.
	h.press("esc", "g", "right")
	if _, err := h.store.Log(h.store.app(t, "Netflix").ID, noteEvent("from the shell", 0)); err != nil {
		t.Fatal(err)
	}
	h.send(revisionMsg{rev: 999})
	if a, _ := h.m.offers().selected(h.m.ctx); a.Company != "Globex" {
		t.Fatal("a reload moved the selection")
	}
}

func TestOffersMoreThanFit(t *testing.T) {
	var apps []stages.Application
	for i, name := range []string{"Alpha", "Bravo", "Charlie", "Delta", "Echo"} {
		apps = append(apps, withOffer(t, testApp(t, name, "standard", 10, nil, ""), 1,
			stages.Offer{Base: new(int64(int64(100000 + 10000*i))), Deadline: stages.NewDate(2026, 11, 23+i)}))
	}
	h := newHarness(t, newFakeStore(apps...), 60, 20)
	h.press("3")
	fit := offersLayoutFor(h.m.ctx).fit
	if fit >= 5 || fit < 2 {
		t.Fatalf("%d offers fit in 60 columns; the test wants 2 to 4", fit)
	}
	h.mustSee(fmt.Sprintf("1–%d of 5 ▸", fit), "Alpha")
	h.mustNotSee("Echo", "◂")
	h.press("end")
	h.mustSee("Echo", fmt.Sprintf("◂ %d–5 of 5", 5-fit+1))
	h.mustNotSee("Alpha")
	// Back one by one: the view follows the selection to the first.
	for range 4 {
		h.press("left")
		a, _ := h.m.offers().selected(h.m.ctx)
		h.mustSee(a.Company)
		checkFrame(t, h.screen(), 60, 20)
	}
	h.mustSee("Alpha")
	if line := h.screenLine("base"); !strings.Contains(line, "$100,000") {
		t.Errorf("base row %q", line)
	}
}

func TestOffersEmptySaysHowToLogOne(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	// Answer both demo offers: nothing is left open.
	for _, company := range []string{"Stripe", "Datadog"} {
		a := h.store.app(t, company)
		if _, err := h.store.Log(a.ID, stages.Event{Kind: stages.EvOutcome, Outcome: stages.Declined, At: testNow}); err != nil {
			t.Fatal(err)
		}
	}
	h.send(revisionMsg{rev: 999})
	h.press("3")
	h.mustSee("Offers 0", "No open offers", "press l and choose offer", "afterview log ID offer")
	for _, k := range []string{"right", "left", "enter", "l", "G"} {
		h.press(k) // nothing to act on: no panic, no form
	}
	if h.m.form != nil || h.m.screen() != screenOffers {
		t.Fatal("keys on an empty Offers screen should do nothing")
	}
	checkFrame(t, h.screen(), 100, 30)
}

func TestOffersAndStatsWithHostileNames(t *testing.T) {
	evil := withOffer(t, testApp(t, "Evil\x1b]52;c;cm0gLXJmIH4=\x07Corp\x1b[2J\u202e", "standard", 9, nil, ""), 1,
		stages.Offer{Base: new(int64(1000))})
	evil.Role = "Role\x1b[31m"
	wide := withOffer(t, testApp(t, "株式会社ソニー・インタラクティブエンタテインメント🎮", "standard", 9, nil, ""), 1,
		stages.Offer{Currency: "JPY", Base: new(int64(12000000))})
	again := testApp(t, "evil\x1b]52;c;cm0gLXJmIH4=\x07corp\x1b[2J\u202e", "standard", 3, nil, "")
	for _, sz := range []struct{ w, h int }{{60, 20}, {100, 30}} {
		h := newHarness(t, newFakeStore(evil, wide, again), sz.w, sz.h)
		for _, keys := range [][]string{{"3"}, {"right"}, {"4"}, {"G"}, {"2", "G"}, {"enter"}} {
			h.press(keys...)
			raw := h.m.View().Content
			for _, bad := range []string{"\x1b]52", "\x07", "\x1b[2J", "\u202e", "\x1b[31m"} {
				if strings.Contains(raw, bad) {
					t.Fatalf("after %v the view carries %q raw to the terminal", keys, bad)
				}
			}
			checkFrame(t, h.screen(), sz.w, sz.h)
		}
	}
}

func TestOffersBestPerCurrency(t *testing.T) {
	usd1 := withOffer(t, testApp(t, "Alpha", "standard", 10, nil, ""), 1, stages.Offer{Base: new(int64(200000))})
	usd2 := withOffer(t, testApp(t, "Bravo", "standard", 10, nil, ""), 1, stages.Offer{Base: new(int64(150000))})
	eur := withOffer(t, testApp(t, "Charlie", "standard", 10, nil, ""), 1, stages.Offer{Currency: "EUR", Base: new(int64(900000))})
	h := newHarness(t, newFakeStore(usd1, usd2, eur), 100, 30)
	h.press("3")
	h.mustSee("best in its row, per currency")
	// The euro offer's larger number is not a better offer: it stands alone.
	line := h.screenLine("base")
	if !strings.Contains(line, "$200,000 ★") || strings.Contains(line, "€900,000 ★") || strings.Contains(line, "$150,000 ★") {
		t.Errorf("base row %q: want the best dollar offer marked, the euro one not", line)
	}
}

// Rule 10: moving an application with an offer into a stage after the offer
// means the offer was answered; the UI offers to record the acceptance.
func TestMovingPastTheOfferOffersToRecordAcceptance(t *testing.T) {
	a := withOffer(t, testApp(t, "Amazon", "amazon", 12, nil, "Priya"), 3, stages.Offer{Base: new(int64(180000))})
	h := newHarness(t, newFakeStore(a), 100, 30)
	h.press("2", "enter", "l", "right")
	// The stage list opens on the next stage: background check.
	if v := h.m.form.value("stage"); v != "background check" {
		t.Fatalf("stage field %q", v)
	}
	h.press("ctrl+s")
	if h.m.confirm == nil || !strings.Contains(h.m.confirm.question, "accept Amazon's offer") {
		t.Fatalf("no question about the acceptance: %+v", h.m.confirm)
	}
	h.press("y")
	if got := h.store.app(t, "Amazon"); got.Outcome != stages.Accepted || got.Stage != "background check" {
		t.Errorf("after y: outcome %q stage %q, want accepted in background check", got.Outcome, got.Stage)
	}
}
