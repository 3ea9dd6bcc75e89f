package config

import "testing"

// The prompt cache is named by what the settings resolve to, not by the
// file's bytes: files that say the same thing in other words share it,
// and a file that changes a rule, a day or a process does not.
func TestSettingsKeyIsTheResolvedSettings(t *testing.T) {
	key := func(doc string) string {
		t.Helper()
		c, err := Parse("c.toml", []byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		return c.Settings.Key()
	}
	base := "[rules]\nfollow_up_opens = 5\nfollow_up_due = 8\n\n[calendar]\nholidays = \"US\"\ndays_off = [\"2026-12-24\"]\n"
	same := []string{
		"# my settings\n" + base + "# the end\n",
		"[calendar]\ndays_off = [ \"2026-12-24\" ]   # Christmas Eve\nholidays   =  \"us\"\n[rules]\nfollow_up_due = 8\nfollow_up_opens = 5\n",
		// The work week the defaults already have, said out loud.
		base + "work_week = [\"mon\", \"tue\", \"wed\", \"thu\", \"friday\"]\n",
	}
	want := key(base)
	if want == "" || want == "default" {
		t.Fatalf("non-default settings are named %q", want)
	}
	for _, doc := range same {
		if got := key(doc); got != want {
			t.Errorf("the same settings in other words are named %q, not %q:\n%s", got, want, doc)
		}
	}
	other := []string{
		"[rules]\nfollow_up_opens = 5\nfollow_up_due = 9\n\n[calendar]\nholidays = \"US\"\ndays_off = [\"2026-12-24\"]\n",
		"[rules]\nfollow_up_opens = 5\nfollow_up_due = 8\n\n[calendar]\nholidays = \"CA\"\ndays_off = [\"2026-12-24\"]\n",
		"[rules]\nfollow_up_opens = 5\nfollow_up_due = 8\n\n[calendar]\nholidays = \"US\"\ndays_off = [\"2026-12-23\"]\n",
		base + "work_week = [\"sun\", \"mon\", \"tue\", \"wed\", \"thu\"]\n",
		base + "\n[[process]]\nname = \"startup\"\nstages = [\"final interview\", \"offer\"]\n",
	}
	for _, doc := range other {
		if got := key(doc); got == want || got == "" {
			t.Errorf("other settings are named %q, as the base's:\n%s", got, doc)
		}
	}
	// A file that changes nothing the rules read is the defaults.
	for _, doc := range []string{"# nothing yet\n", "[rules]\nfollow_up_opens = 7\n"} {
		if got := key(doc); got != "default" {
			t.Errorf("settings equal to the defaults are named %q, not \"default\":\n%s", got, doc)
		}
	}
}

// BenchmarkSettingsKey is what every command pays for the key of its
// settings (a file with holidays, days off and a process of its own).
func BenchmarkSettingsKey(b *testing.B) {
	c, err := Parse("c.toml", []byte("[calendar]\nholidays = \"US\"\ndays_off = [\"2026-12-24\"]\n\n[[process]]\nname = \"startup\"\nstages = [\"final interview\", \"offer\"]\n"))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		SettingsKey(c.Settings)
	}
}
