package config

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"afterview/stages"
)

func parse(t *testing.T, doc string) *Config {
	t.Helper()
	c, err := Parse("config.toml", []byte(doc))
	if err != nil {
		t.Fatalf("Parse:\n%s\n=> %v", doc, err)
	}
	return c
}

func day(y int, m time.Month, d int) stages.Date { return stages.NewDate(y, m, d) }

// The follow-up window (7 to 10 business days after the interview) across
// Thanksgiving, Christmas and New Year, by calendar.
func TestFollowUpWindowAcrossHolidays(t *testing.T) {
	tests := []struct {
		name        string
		doc         string
		interviewed stages.Date
		opens, due  stages.Date
	}{
		{"no holidays, Thanksgiving week", "", day(2026, 11, 20), day(2026, 12, 1), day(2026, 12, 4)},
		{"US, Thanksgiving", `[calendar]
holidays = "US"`, day(2026, 11, 20), day(2026, 12, 2), day(2026, 12, 7)},
		{"no holidays, Christmas and New Year", "", day(2026, 12, 18), day(2026, 12, 29), day(2027, 1, 1)},
		{"US, Christmas and New Year", `[calendar]
holidays = "US"`, day(2026, 12, 18), day(2026, 12, 30), day(2027, 1, 5)},
		// Boxing Day falls on a Saturday in 2026: observed on Monday 28.
		{"GB, Christmas, Boxing Day and New Year", `[calendar]
holidays = "GB"`, day(2026, 12, 18), day(2026, 12, 31), day(2027, 1, 6)},
		{"US and Christmas Eve off", `[calendar]
holidays = "us"
days_off = ["2026-12-24"]`, day(2026, 12, 18), day(2026, 12, 31), day(2027, 1, 6)},
		// New Year's Day 2028 is a Saturday: observed on Friday 31
		// December 2027, in the year before.
		{"US, New Year observed the year before", `[calendar]
holidays = "US"`, day(2027, 12, 17), day(2027, 12, 29), day(2028, 1, 4)},
		{"days off as TOML dates", `[calendar]
days_off = [2026-11-23, 2026-11-24]`, day(2026, 11, 20), day(2026, 12, 3), day(2026, 12, 8)},
		{"Sunday to Thursday", `[calendar]
work_week = ["sun", "mon", "tue", "wed", "thu"]`, day(2026, 11, 19), day(2026, 11, 30), day(2026, 12, 3)},
		{"rules: a shorter window", `[rules]
follow_up_opens = 3
follow_up_due = 5`, day(2026, 11, 20), day(2026, 11, 25), day(2026, 11, 27)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := parse(t, tt.doc).Settings
			when := tt.interviewed.Time(time.UTC).Add(15 * time.Hour)
			a, err := s.NewApplication("Acme", "", "", when, nil, "Jo", stages.Date{}, when)
			if err != nil {
				t.Fatal(err)
			}
			opens, due := a.FollowUpWindow(s, time.UTC)
			if opens != tt.opens || due != tt.due {
				t.Errorf("follow-up window %s to %s, want %s to %s", opens.Short(), due.Short(), tt.opens.Short(), tt.due.Short())
			}
			ps := stages.NewEngine(s, time.UTC).Day(tt.opens.Time(time.UTC).Add(9*time.Hour), []stages.Application{a}, nil, true)
			for _, p := range ps {
				if p.Kind == stages.FollowUp && (p.Opens != tt.opens || p.Due != tt.due) {
					t.Errorf("follow-up prompt %s to %s, want %s to %s", p.Opens, p.Due, tt.opens, tt.due)
				}
			}
		})
	}
}

// Every other business-day rule honours the calendar too: stage tasks,
// competing offers, move on, withdraw and after a rejection.
func TestEveryBusinessDayRuleHonoursTheCalendar(t *testing.T) {
	us := parse(t, "[calendar]\nholidays = \"US\"\n").Settings
	at := func(d stages.Date, h int) time.Time { return d.Time(time.UTC).Add(time.Duration(h) * time.Hour) }
	wed := day(2026, 11, 25) // the day before Thanksgiving
	newApp := func(id uint64, company, process string) stages.Application {
		a, err := us.NewApplication(company, "", process, at(day(2026, 11, 10), 15), nil, "Jo", stages.Date{}, at(day(2026, 11, 10), 15))
		if err != nil {
			t.Fatal(err)
		}
		a.ID = id
		return a
	}
	apply := func(a *stages.Application, e stages.Event) {
		if err := a.Apply(us, e); err != nil {
			t.Fatal(err)
		}
	}
	refs := newApp(1, "Netflix", "netflix")
	apply(&refs, stages.Event{Kind: stages.EvStage, At: at(wed, 10), Stage: "reference check"})
	offer := newApp(2, "Stripe", "standard")
	apply(&offer, stages.Event{Kind: stages.EvOffer, At: at(wed, 11)})
	followed := newApp(3, "Figma", "standard")
	apply(&followed, stages.Event{Kind: stages.EvFollowUp, At: at(day(2026, 11, 20), 10)})
	rejected := newApp(4, "Airbnb", "standard")
	apply(&rejected, stages.Event{Kind: stages.EvOutcome, At: at(wed, 12), Outcome: stages.Rejected})

	ps := stages.NewEngine(us, time.UTC).Day(at(wed, 13), []stages.Application{refs, offer, followed, rejected}, nil, true)
	due := map[string]stages.Date{}
	for _, p := range ps {
		due[p.Company+" "+p.Key] = p.Due
	}
	want := map[string]stages.Date{
		"Netflix stage_task:reference-check": wed,               // the day it starts: calls can come
		"Stripe stage_task:offer":            day(2026, 11, 27), // not Thanksgiving
		"Netflix competing_offer:2":          day(2026, 11, 27),
		"Figma move_on:2026-11-20":           day(2026, 11, 30), // 5 business days, Thanksgiving skipped
		"Airbnb after_rejection:reply":       day(2026, 11, 27),
		"Airbnb after_rejection:lessons":     day(2026, 11, 30),
	}
	for key, w := range want {
		if got, ok := due[key]; !ok || got != w {
			t.Errorf("%s due %s (present %v), want %s; all: %v", key, got, ok, w, due)
		}
	}

	// Accepting an offer: the others' withdraw prompt is due the next
	// business day.
	apply(&offer, stages.Event{Kind: stages.EvOutcome, At: at(wed, 14), Outcome: stages.Accepted})
	ps = stages.NewEngine(us, time.UTC).Day(at(wed, 15), []stages.Application{refs, offer}, nil, true)
	for _, p := range ps {
		if p.Kind == stages.Withdraw && p.Due != day(2026, 11, 27) {
			t.Errorf("withdraw due %s, want Fri 27 Nov (after Thanksgiving)", p.Due.Short())
		}
	}
}

// The issue's example file reads as written, its process end to end.
func TestTheExampleFromTheIssue(t *testing.T) {
	c := parse(t, `[me]
name = "Alex Kim"
signature = "Alex Kim · +1 555 0100"

[calendar]
holidays = "US"
days_off = ["2026-12-24"]
work_week = ["mon", "tue", "wed", "thu", "fri"]

[rules]
follow_up_opens = 7     # business days after the last contact
follow_up_due = 10
move_on_after = 5
wait_window = [7, 14]   # calendar days

[[process]]
name = "google"
stages = ["final interview", "hiring committee", "team match", "offer"]
wait_window = [14, 28]

[process.stage."team match"]
usually = [7, 21]       # days, shown as information
task = "Prepare two questions for each team's manager"
tip = "Team match can take weeks; it is not a rejection."
`)
	if c.Me.Name != "Alex Kim" || c.Me.Signature != "Alex Kim · +1 555 0100" {
		t.Errorf("me = %+v", c.Me)
	}
	g, err := c.Settings.Process("google")
	if err != nil {
		t.Fatal(err)
	}
	tm := g.Stages[g.StageIndex("team match")]
	if g.Window != (stages.Window{Min: 14, Max: 28}) || tm.Usually != (stages.Window{Min: 7, Max: 21}) ||
		tm.Task != "Prepare two questions for each team's manager" || !g.Stages[3].Offer {
		t.Errorf("google = %+v", g)
	}
	if got := c.Settings.Calendar.Describe(); got != "Monday to Friday, less US public holidays and 1 day off" {
		t.Errorf("calendar: %s", got)
	}
}

// Each kind of bad file names the file, the line and the column, says what
// is wrong and the valid choices.
func TestBadFilesSayWhereAndWhat(t *testing.T) {
	tests := []struct {
		name, doc string
		where     string // file:line:col
		say       []string
	}{
		{"unknown key", "[calendar]\nholidays = \"US\"\ncolour = \"blue\"\n", "config.toml:3:1",
			[]string{`unknown key "colour" in [calendar]`, "holidays, days_off, work_week"}},
		{"unknown table", "[rule]\nfollow_up_due = 10\n", "config.toml:1:2", []string{`unknown key "rule"`, "me, calendar, rules, process"}},
		{"unknown stage key", "[[process]]\nname = \"g\"\nstages = [\"a\"]\n[process.stage.\"a\"]\ntaks = \"x\"\n", "config.toml:5:1",
			[]string{`unknown key "taks"`, "usually, task, tip"}},
		{"wrong type", "[rules]\nfollow_up_due = \"ten\"\n", "config.toml:2:17", []string{"follow_up_due: a string is not valid here", "whole number"}},
		{"wrong type for a list", "[calendar]\nwork_week = \"mon\"\n", "config.toml:2:13", []string{"work_week", `["mon", "tue"`}},
		{"bad date", "[calendar]\ndays_off = [\"2026-12-24\", \"2026-02-30\"]\n", "config.toml:2:27", []string{`"2026-02-30" is not a date`, "YYYY-MM-DD"}},
		{"a number for a date", "[calendar]\ndays_off = [20261224]\n", "config.toml:2:13", []string{"is not a date"}},
		{"opening after due", "[rules]\nfollow_up_opens = 12\nfollow_up_due = 10\n", "config.toml:2:19", []string{"follow_up_opens (12) must be before follow_up_due (10)"}},
		{"opening after the default due", "[rules]\nfollow_up_opens = 10\n", "config.toml:2:19", []string{"follow_up_opens (10) must be before follow_up_due (10)"}},
		{"zero days", "[rules]\nmove_on_after = 0\n", "config.toml:2:17", []string{"move_on_after = 0", "from 1 to 365"}},
		{"window upside down", "[rules]\nwait_window = [14, 7]\n", "config.toml:2:16", []string{"shortest comes first"}},
		{"window of one number", "[rules]\nwait_window = [14]\n", "config.toml:2:16", []string{"give two numbers"}},
		{"unknown holidays", "[calendar]\nholidays = \"Narnia\"\n", "config.toml:2:12", []string{`holidays = "Narnia": no such country or region`, "US", "GB", "DE-BY"}},
		{"bad weekday", "[calendar]\nwork_week = [\"mon\", \"funday\"]\n", "config.toml:2:21", []string{`"funday" is not a day`, "mon, tue"}},
		{"stage task on an unknown stage", "[[process]]\nname = \"google\"\nstages = [\"final interview\", \"offer\"]\n\n[process.stage.\"team match\"]\ntask = \"x\"\n",
			"config.toml:5:2", []string{`process "google" has no stage "team match"`, `"final interview", "offer"`}},
		{"process without stages", "[[process]]\nname = \"google\"\n", "config.toml:1:3", []string{"has no stages"}},
		{"process without a name", "[[process]]\nstages = [\"a\"]\n", "config.toml:1:3", []string{"has no name"}},
		{"process twice", "[[process]]\nname = \"g\"\nstages = [\"a\"]\n[[process]]\nname = \"G\"\nstages = [\"b\"]\n", "config.toml:5:8", []string{"described twice"}},
		{"stage twice", "[[process]]\nname = \"g\"\nstages = [\"a\", \"A\"]\n", "config.toml:3:16", []string{`lists the stage "a" twice`}},
		{"a nameless stage before one described", "[[process]]\nname = \"g\"\nstages = [\"\", \"b\"]\n[process.stage.b]\ntask = \"x\"\n", "config.toml:3:11", []string{"a stage has no name"}},
		{"not TOML", "[rules\n", "config.toml:1:7", []string{"not valid TOML"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("config.toml", []byte(tt.doc))
			if err == nil {
				t.Fatalf("accepted:\n%s", tt.doc)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, tt.where+": ") {
				t.Errorf("error does not start with %s:\n%s", tt.where, msg)
			}
			for _, s := range tt.say {
				if !strings.Contains(msg, s) {
					t.Errorf("error does not say %q:\n%s", s, msg)
				}
			}
		})
	}
}

func TestEveryProblemIsReported(t *testing.T) {
	_, err := Parse("c.toml", []byte("[calendar]\nholidays = \"XX\"\nwork_week = [\"moon\"]\n[rules]\nmove_on_after = 0\n"))
	if err == nil {
		t.Fatal("accepted")
	}
	if n := len(regexp.MustCompile(`(?m)^c\.toml:\d+:\d+: `).FindAllString(err.Error(), -1)); n != 3 {
		t.Errorf("%d problems reported, want 3:\n%v", n, err)
	}
}

// The example written on first use changes nothing; uncommented, every key
// in it is valid.
func TestTheExampleFile(t *testing.T) {
	c := parse(t, Example)
	if len(c.Set) != 0 || c.Settings.Rules != stages.DefaultRules || c.Settings.Calendar != nil || len(c.Settings.Processes()) != 3 {
		t.Errorf("the commented example changes settings: set %v, rules %+v", c.Set, c.Settings.Rules)
	}
	var lines []string
	key := regexp.MustCompile(`^# ?(\[|[a-z_]+ = )`)
	for _, l := range strings.Split(Example, "\n") {
		if key.MatchString(l) {
			l = strings.TrimPrefix(strings.TrimPrefix(l, "#"), " ")
		}
		lines = append(lines, l)
	}
	all := parse(t, strings.Join(lines, "\n"))
	for _, k := range []string{"calendar.holidays", "calendar.days_off", "calendar.work_week", "rules.follow_up_opens", "rules.follow_up_due", "rules.move_on_after", "rules.wait_window"} {
		if !all.Set[k] {
			t.Errorf("the example does not give %s", k)
		}
	}
	g, err := all.Settings.Process("google")
	if err != nil || g.Stages[g.StageIndex("team match")].Task == "" {
		t.Errorf("the example's process: %+v, %v", g, err)
	}
	if all.Settings.Rules != stages.DefaultRules {
		t.Errorf("the example's rules %+v are not the defaults", all.Settings.Rules)
	}
}

func TestPath(t *testing.T) {
	tests := []struct {
		flag, env, xdg, home string
		want                 string
		explicit             bool
	}{
		{"/a.toml", "/b.toml", "/x", "/h", "/a.toml", true},
		{"", "/b.toml", "/x", "/h", "/b.toml", true},
		{"", "", "/x", "/h", "/x/afterview/config.toml", false},
		{"", "", "relative", "/h", "/h/.config/afterview/config.toml", false},
		{"", "", "", "/h", "/h/.config/afterview/config.toml", false},
	}
	for _, tt := range tests {
		got, explicit, err := Path(tt.flag, tt.env, tt.xdg, tt.home)
		if err != nil || got != tt.want || explicit != tt.explicit {
			t.Errorf("Path(%q, %q, %q, %q) = %q, %v, %v; want %q, %v", tt.flag, tt.env, tt.xdg, tt.home, got, explicit, err, tt.want, tt.explicit)
		}
	}
	if _, _, err := Path("", "", "", ""); err == nil {
		t.Error("no home and no XDG_CONFIG_HOME: no error")
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "config.toml")
	c, err := Load(missing, false)
	if err != nil || c.Exists || c.Settings != stages.DefaultSettings() {
		t.Errorf("no file at the default place: %+v, %v; want the defaults", c, err)
	}
	if _, err := Load(missing, true); err == nil || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "no such configuration file") {
		t.Errorf("a named file that is missing: %v", err)
	}
	if _, err := Load(dir, true); err == nil || !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("a folder: %v", err)
	}
	if created, err := WriteExample(filepath.Join(dir, "sub", "config.toml")); !created || err != nil {
		t.Fatalf("WriteExample: %v, %v", created, err)
	}
	if created, _ := WriteExample(filepath.Join(dir, "sub", "config.toml")); created {
		t.Error("WriteExample overwrote a file")
	}
	c, err = Load(filepath.Join(dir, "sub", "config.toml"), true)
	if err != nil || !c.Exists {
		t.Errorf("the example: %v", err)
	}
	if info, err := os.Stat(filepath.Join(dir, "sub", "config.toml")); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the example's mode: %v %v", info.Mode(), err)
	}
}

// Every country and region works out its holidays for every year afterview
// accepts, without a panic, and the US's are the ones people know.
func TestEveryHolidayCodeWorksEveryYear(t *testing.T) {
	for _, code := range holidayCodes() {
		h, ok := holidaysOf(code)
		if !ok {
			t.Fatalf("%s listed but not found", code)
		}
		for y := stages.MinYear; y <= stages.MaxYear; y++ {
			for _, d := range h(y) {
				if d.Year < y-1 || d.Year > y+1 {
					t.Fatalf("%s %d: a holiday on %s", code, y, d)
				}
			}
		}
	}
	c := parse(t, "[calendar]\nholidays = \"US\"\n")
	var got []string
	for _, d := range c.Settings.Calendar.Holidays(2026) {
		got = append(got, d.String())
	}
	want := "2026-01-01 2026-01-19 2026-02-16 2026-05-25 2026-06-19 2026-07-03 2026-09-07 2026-10-12 2026-11-11 2026-11-26 2026-12-25"
	if strings.Join(got, " ") != want {
		t.Errorf("US holidays in 2026:\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
}
