package stages

import (
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeHolidays is a holiday source that counts how often it is asked, so
// that a test can hold the calendar to looking a year up once.
type fakeHolidays struct {
	mu    sync.Mutex
	asked map[int]int
	days  []Date
}

func (f *fakeHolidays) of(year int) []Date {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.asked == nil {
		f.asked = map[int]int{}
	}
	f.asked[year]++
	var out []Date
	for _, d := range f.days {
		if d.Year == year {
			out = append(out, d)
		}
	}
	return out
}

func mustCalendar(t *testing.T, week []time.Weekday, holidays func(int) []Date, off ...Date) *Calendar {
	t.Helper()
	c, err := NewCalendar(week, "test", holidays, off)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var sunToThu = []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday}

func TestCalendarBusinessDays(t *testing.T) {
	// Thanksgiving 2026 is Thursday 26 November; Christmas is a Friday.
	h := &fakeHolidays{days: []Date{d(2026, 11, 26), d(2026, 12, 25), d(2027, 1, 1)}}
	us := mustCalendar(t, DefaultWorkWeek, h.of)
	tests := []struct {
		name string
		cal  *Calendar
		from Date
		n    int
		want Date
	}{
		{"nil calendar is Monday to Friday", nil, d(2026, 11, 20), 7, d(2026, 12, 1)},
		{"holidays skipped", us, d(2026, 11, 20), 7, d(2026, 12, 2)},
		{"across Christmas and New Year", us, d(2026, 12, 18), 10, d(2027, 1, 5)},
		{"a day off", mustCalendar(t, DefaultWorkWeek, nil, d(2026, 11, 23)), d(2026, 11, 20), 1, d(2026, 11, 24)},
		{"Sunday to Thursday", mustCalendar(t, sunToThu, nil), d(2026, 11, 19), 1, d(2026, 11, 22)},
		{"Sunday to Thursday, seven days", mustCalendar(t, sunToThu, nil), d(2026, 11, 19), 7, d(2026, 11, 30)},
		{"backwards over a holiday", us, d(2026, 11, 27), -1, d(2026, 11, 25)},
		{"zero days", us, d(2026, 11, 26), 0, d(2026, 11, 26)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cal.AddBusinessDays(tt.from, tt.n); got != tt.want {
				t.Errorf("AddBusinessDays(%s, %d) = %s (%s), want %s (%s)", tt.from, tt.n, got, got.Short(), tt.want, tt.want.Short())
			}
		})
	}
	// 2026 and 2027 were worked out, each asking for itself and the years
	// either side.
	if h.asked[2025] != 1 || h.asked[2026] != 2 || h.asked[2027] != 2 || h.asked[2028] != 1 {
		t.Errorf("holidays were asked for %v: once per year worked out is enough", h.asked)
	}
}

// AddBusinessDays counts day numbers for speed; it must agree with stepping
// a day at a time and asking IsBusinessDay, across years and both ways.
func TestCalendarAddBusinessDaysAgreesWithIsBusinessDay(t *testing.T) {
	h := &fakeHolidays{days: []Date{d(2025, 12, 31), d(2026, 1, 1), d(2026, 1, 2), d(2026, 12, 25), d(2027, 1, 1)}}
	cals := map[string]*Calendar{
		"Monday to Friday":             mustCalendar(t, DefaultWorkWeek, nil),
		"holidays and a day off":       mustCalendar(t, DefaultWorkWeek, h.of, d(2026, 12, 28)),
		"Sunday to Thursday, holidays": mustCalendar(t, sunToThu, h.of),
		"one day a week, holidays":     mustCalendar(t, []time.Weekday{time.Wednesday}, h.of),
		"nil (the Date methods)":       nil,
	}
	slow := func(c *Calendar, from Date, n int) Date {
		step := 1
		if n < 0 {
			step, n = -1, -n
		}
		for n > 0 {
			from = from.AddDays(step)
			if c.IsBusinessDay(from) {
				n--
			}
		}
		return from
	}
	for name, c := range cals {
		for from := d(2025, 12, 15); from.Before(d(2027, 1, 15)); from = from.AddDays(3) {
			for _, n := range []int{-12, -5, -1, 0, 1, 2, 7, 10, 15} {
				if got, want := c.AddBusinessDays(from, n), slow(c, from, n); got != want {
					t.Fatalf("%s: AddBusinessDays(%s, %d) = %s, want %s", name, from, n, got, want)
				}
			}
		}
		if c != nil && c.work == [7]bool{1: true, 2: true, 3: true, 4: true, 5: true} && c.holidays == nil {
			for from := d(2026, 1, 1); from.Before(d(2026, 3, 1)); from = from.AddDays(1) {
				if got, want := c.AddBusinessDays(from, 7), from.AddBusinessDays(7); got != want {
					t.Fatalf("Monday to Friday differs from the default: %s", from)
				}
			}
		}
	}
}

func TestCalendarIsBusinessDay(t *testing.T) {
	h := &fakeHolidays{days: []Date{d(2026, 11, 26)}}
	c := mustCalendar(t, sunToThu, h.of, d(2026, 11, 24))
	for day, want := range map[Date]bool{
		d(2026, 11, 22): true,  // Sunday, worked
		d(2026, 11, 23): true,  // Monday
		d(2026, 11, 24): false, // a day off
		d(2026, 11, 26): false, // a holiday
		d(2026, 11, 27): false, // Friday, not worked
		d(2026, 11, 28): false, // Saturday
	} {
		if got := c.IsBusinessDay(day); got != want {
			t.Errorf("IsBusinessDay(%s %s) = %v, want %v", day, day.Short(), got, want)
		}
	}
	if got := c.Describe(); got != "Sunday to Thursday, less test public holidays and 1 day off" {
		t.Errorf("Describe() = %q", got)
	}
	if _, err := NewCalendar(nil, "", nil, nil); err == nil {
		t.Error("an empty work week was accepted")
	}
}

func TestRulesValidate(t *testing.T) {
	tests := []struct {
		name  string
		rules Rules
		want  string
	}{
		{"opening after due", Rules{FollowUpOpens: 10, FollowUpDue: 7, MoveOnAfter: 5, WaitWindow: DefaultWindow}, "must come before"},
		{"zero move on", Rules{FollowUpOpens: 7, FollowUpDue: 10, MoveOnAfter: 0, WaitWindow: DefaultWindow}, "move_on_after"},
		{"window upside down", Rules{FollowUpOpens: 7, FollowUpDue: 10, MoveOnAfter: 5, WaitWindow: Window{14, 7}}, "shortest comes first"},
	}
	for _, tt := range tests {
		if _, err := NewSettings(nil, tt.rules, nil); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one saying %q", tt.name, err, tt.want)
		}
	}
	if err := DefaultRules.Validate(); err != nil {
		t.Errorf("the default rules are refused: %v", err)
	}
}

// googleProcess is a user's own process, as the configuration gives it.
func googleProcess() Template {
	return Template{Name: "Google", Window: Window{14, 28}, Stages: []Stage{
		{Name: "final interview"},
		{Name: "hiring committee"},
		{Name: "team match", Task: "Prepare two questions for each team's manager", Tip: "Team match can take weeks; it is not a rejection.", Usually: Window{7, 21}},
		{Name: "offer", Offer: true},
	}}
}

func TestSettingsCustomProcessEndToEnd(t *testing.T) {
	s, err := NewSettings(nil, DefaultRules, []Template{googleProcess()})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.ProcessNames(), ","); got != "amazon,google,netflix,standard" {
		t.Errorf("ProcessNames() = %s", got)
	}
	interviewed := at(2026, 11, 2, 15, 0)
	a, err := s.NewApplication("Google", "SWE", "google", interviewed, nil, "Jo", Date{}, interviewed)
	if err != nil {
		t.Fatal(err)
	}
	a.ID = 1
	if a.Stage != "final interview" || a.Template(s).Name != "google" {
		t.Fatalf("new application in %q of %q", a.Stage, a.Template(s).Name)
	}
	if w := a.Wait(s, noon(d(2026, 11, 20))); w.Window != (Window{14, 28}) || w.Status != WaitInWindow {
		t.Errorf("wait %+v, want the process's window 14-28 and in window on day 18", w)
	}
	// The built-in processes know no "team match".
	if _, err := NewApplication("Google", "", "google", interviewed, nil, "", Date{}, interviewed); err == nil {
		t.Error("the default settings accepted the user's process")
	}
	mustApplyIn(t, s, &a, Event{Kind: EvStage, At: at(2026, 11, 12, 10, 0), Stage: "hiring committee"},
		Event{Kind: EvStage, At: at(2026, 11, 16, 10, 0), Stage: "team match"})
	ps := ofKind(NewEngine(s, time.UTC).Day(noon(d(2026, 11, 16)), []Application{a}, nil, true), 1, StageTask)
	if len(ps) != 1 || ps[0].Text != "Prepare two questions for each team's manager" || ps[0].Tip != "Team match can take weeks; it is not a rejection." || ps[0].Due != d(2026, 11, 17) {
		t.Fatalf("team match prompts %+v, want its task and tip, due the next business day", ps)
	}
	if w := a.Wait(s, noon(d(2026, 11, 20))); w.Usually != (Window{7, 21}) || w.UsuallyStage != "team match" {
		t.Errorf("wait %+v, want team match's usual 7-21 days as information", w)
	}
	mustApplyIn(t, s, &a, Event{Kind: EvOffer, At: at(2026, 11, 30, 10, 0)})
	if a.Stage != "offer" || !a.OfferOpen(s) {
		t.Errorf("after an offer: stage %q, offer open %v", a.Stage, a.OfferOpen(s))
	}
	if err := a.Apply(s, Event{Kind: EvStage, At: at(2026, 11, 30, 11, 0), Stage: "onsite"}); err == nil || !strings.Contains(err.Error(), "team match") {
		t.Errorf("an unknown stage: error %v, want one listing the process's stages", err)
	}
}

func TestSettingsReplaceABuiltIn(t *testing.T) {
	mine := Template{Name: "amazon", Stages: []Stage{{Name: "final interview"}, {Name: "bar raiser"}, {Name: "offer", Offer: true}}}
	s, err := NewSettings(nil, Rules{FollowUpOpens: 7, FollowUpDue: 10, MoveOnAfter: 5, WaitWindow: Window{5, 10}}, []Template{mine})
	if err != nil {
		t.Fatal(err)
	}
	amazon, _ := s.Process("Amazon")
	if !amazon.Replaces || amazon.Builtin || amazon.StageIndex("bar raiser") != 1 || amazon.Window != (Window{5, 10}) {
		t.Errorf("amazon is %+v: want the user's, with the rules' window", amazon)
	}
	netflix, _ := s.Process("netflix")
	if !netflix.Builtin || netflix.Window != (Window{5, 10}) {
		t.Errorf("netflix %+v: a built-in takes the rules' wait window", netflix)
	}
	if std := TemplateFor("amazon"); std.StageIndex("bar raiser") >= 0 {
		t.Error("the user's process leaked into the built-ins")
	}
	if _, err := NewSettings(nil, DefaultRules, []Template{mine, mine}); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a process given twice: %v", err)
	}
}

func TestMissingProcessKeepsWorking(t *testing.T) {
	s, err := NewSettings(nil, DefaultRules, []Template{googleProcess()})
	if err != nil {
		t.Fatal(err)
	}
	interviewed := at(2026, 11, 2, 15, 0)
	a, err := s.NewApplication("Google", "SWE", "google", interviewed, nil, "Jo", Date{}, interviewed)
	if err != nil {
		t.Fatal(err)
	}
	mustApplyIn(t, s, &a, Event{Kind: EvStage, At: at(2026, 11, 12, 10, 0), Stage: "hiring committee"})
	// The user removes the process from the configuration: the application
	// is read with the defaults from here on.
	tmpl := a.Template(nil)
	if !tmpl.Missing || tmpl.Name != "google" || strings.Join(tmpl.StageNames(), ",") != "final interview,hiring committee" {
		t.Fatalf("template %+v: want google, missing, with the stage it recorded", tmpl)
	}
	if err := a.Validate(nil); err == nil || !strings.Contains(err.Error(), `unknown process "google"`) {
		t.Errorf("Validate: %v, want the missing process named", err)
	}
	if err := a.ValidateKept(nil); err != nil {
		t.Errorf("ValidateKept: %v, want a stored application to keep working", err)
	}
	mustApply(t, &a, Event{Kind: EvNote, At: at(2026, 11, 13, 10, 0), Note: "still waiting"},
		Event{Kind: EvStage, At: at(2026, 11, 14, 10, 0), Stage: "hiring committee"})
	if w := a.Wait(nil, noon(d(2026, 11, 20))); w.Window != DefaultWindow {
		t.Errorf("wait window %+v, want the rules' window", w.Window)
	}
	ps := forApp(promptsFor([]Application{a}, nil, noon(d(2026, 11, 26)), true), a.ID)
	if len(ofKind(ps, a.ID, FollowUp)) != 1 {
		t.Errorf("prompts %+v: the follow-up goes on", ps)
	}
}

func TestRulesChangeTheFollowUpAndMoveOn(t *testing.T) {
	s, err := NewSettings(nil, Rules{FollowUpOpens: 3, FollowUpDue: 4, MoveOnAfter: 2, WaitWindow: DefaultWindow}, nil)
	if err != nil {
		t.Fatal(err)
	}
	interviewed := at(2026, 11, 16, 15, 0) // a Monday
	a, err := s.NewApplication("Acme", "", "", interviewed, nil, "Jo", Date{}, interviewed)
	if err != nil {
		t.Fatal(err)
	}
	if opens, due := a.FollowUpWindow(s, time.UTC); opens != d(2026, 11, 19) || due != d(2026, 11, 20) {
		t.Errorf("follow-up window %s-%s, want 3 and 4 business days: Thu 19 to Fri 20", opens, due)
	}
	mustApplyIn(t, s, &a, Event{Kind: EvFollowUp, At: at(2026, 11, 19, 10, 0)})
	ps := ofKind(NewEngine(s, time.UTC).Day(noon(d(2026, 11, 23)), []Application{a}, nil, true), a.ID, MoveOn)
	if len(ps) != 1 || ps[0].Opens != d(2026, 11, 23) {
		t.Errorf("move-on %+v, want it to open 2 business days after the follow-up: Mon 23", ps)
	}
}
