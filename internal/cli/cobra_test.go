package cli

import (
	"os"
	"os/exec"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

const cobraNow = "2026-11-20T09:00"

// The shells' completion scripts: each is the shell's own, for afterview.
func TestCompletionScripts(t *testing.T) {
	c := newCLI(t)
	for shell, marker := range map[string]string{
		"bash":       "complete -o default -F __start_afterview afterview",
		"zsh":        "#compdef afterview",
		"fish":       "complete -c afterview",
		"powershell": "Register-ArgumentCompleter -CommandName 'afterview'",
	} {
		out := c.ok(cobraNow, "completion", shell)
		if !strings.Contains(out, marker) {
			t.Errorf("completion %s does not hold %q:\n%.300s", shell, marker, out)
		}
	}
	if _, errOut, code := c.at(cobraNow, "completion", "tcsh"); code != exitUsage || !strings.HasPrefix(errOut, "afterview: ") {
		t.Errorf("completion tcsh: exit %d, %q; want exit 1 with a message", code, errOut)
	}
}

// Completions come from the command tree: commands, their flags, and the
// choices of a flag that has a fixed set.
func TestCompletionsComplete(t *testing.T) {
	c := newCLI(t)
	for _, tt := range []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "ex"}, []string{"export"}},
		{[]string{"__complete", "export", "--format", ""}, []string{"json", "csv", "ics", "taskwarrior"}},
		{[]string{"__complete", "add", "Acme", "--int"}, []string{"--interviewed", "--interviewer"}},
		{[]string{"__complete", "log", "1", "thanks", "--t"}, []string{"--to"}},
	} {
		out := c.ok(cobraNow, tt.args...)
		for _, w := range tt.want {
			if !regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(w) + `(\t|$)`).MatchString(out) {
				t.Errorf("afterview %q offers no %q:\n%s", tt.args, w, out)
			}
		}
	}
}

// --version comes from the build information, never a number written
// into the code.
func TestVersion(t *testing.T) {
	c := newCLI(t)
	for _, args := range [][]string{{"--version"}, {"-v"}, {"version"}} {
		out := c.ok(cobraNow, args...)
		if !regexp.MustCompile(`^afterview \S.*\n$`).MatchString(out) || strings.Contains(out, "0.1.0") {
			t.Errorf("afterview %q printed %q", args, out)
		}
	}
	if testing.Short() {
		return
	}
	// A binary built from this module: a pseudo-version, the commit when
	// the build recorded one, else (devel).
	out, err := exec.Command(afterviewBinary(t), "--version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^afterview (v\d+\.\d+\.\d+\S*|[0-9a-f]{12}(-dirty)?( \(\d{4}-\d\d-\d\d \d\d:\d\d UTC\))?|\(devel\))\n$`).Match(out) {
		t.Errorf("afterview --version printed %q", out)
	}
}

// The man page is roff, names every command, and reads its flags' help
// from their definitions.
func TestManPage(t *testing.T) {
	out := newCLI(t).ok(cobraNow, "man")
	for _, want := range []string{".TH AFTERVIEW 1", ".SH NAME", "afterview - keep track", "export", "completion", "--interviewed", "the final interview", "AFTERVIEW_DB"} {
		if !strings.Contains(out, want) {
			t.Errorf("the man page lacks %q", want)
		}
	}
	if err := terminalSafe(out); err != nil {
		t.Errorf("the man page: %v", err)
	}
	// A flag with a one-letter form reads as in the help and other man
	// pages, not with two dashes before the letter.
	for _, want := range []string{`\fB-v, --version\fP`, `\fB-y, --yes\fP`, `\fB-o, --output\fP`} {
		if !strings.Contains(out, want) {
			t.Errorf("the man page lacks %q", want)
		}
	}
	if bad := regexp.MustCompile(`--\w --`).FindString(out); bad != "" {
		t.Errorf("the man page writes a one-letter flag as %q", bad)
	}
}

// A misspelled command gets the nearest ones, exit 1.
func TestDidYouMean(t *testing.T) {
	c := newCLI(t)
	for args, want := range map[string]string{
		"exprt":                "Did you mean export?",
		"exprt --format csv":   "Did you mean export?",
		"--db x.db tody":       "Did you mean today?",
		"snoze 1 reflect":      "Did you mean snooze?",
		"frobnicate --verbose": `unknown command "frobnicate"`,
	} {
		out, errOut, code := c.at(cobraNow, strings.Fields(args)...)
		if code != exitUsage || out != "" || !strings.HasPrefix(errOut, "afterview: unknown command") || !strings.Contains(errOut, want) {
			t.Errorf("afterview %s: exit %d, %q %q; want exit 1 and %q", args, code, out, errOut, want)
		}
	}
}

// Every command's --help, -h and 'help COMMAND' print the same usage on
// standard output and exit 0; a flag's help line comes from its definition,
// spelled with two dashes.
func TestHelpEverywhere(t *testing.T) {
	c := newCLI(t)
	for _, cmd := range (&env{}).commands() {
		name := cmd.Name()
		long := c.ok(cobraNow, name, "--help")
		if short := c.ok(cobraNow, name, "-h"); short != long {
			t.Errorf("%s -h and --help differ", name)
		}
		if viaHelp := c.ok(cobraNow, "help", name); viaHelp != long {
			t.Errorf("help %s and %s --help differ", name, name)
		}
		if !strings.HasPrefix(long, "Usage: afterview "+name) {
			t.Errorf("%s --help begins %q", name, strings.SplitN(long, "\n", 2)[0])
		}
	}
	out := c.ok(cobraNow, "add", "--help")
	for _, want := range []string{"  --role ROLE ", "  --interviewed WHEN ", "  --thanked all|NAME ", "(repeat for each)"} {
		if !strings.Contains(out, want) {
			t.Errorf("add --help lacks %q:\n%s", want, out)
		}
	}
	if out := c.ok(cobraNow, "export", "--help"); !strings.Contains(out, "  -o, --output FILE ") {
		t.Errorf("export --help lacks -o, --output FILE:\n%s", out)
	}
	root := c.ok(cobraNow, "--help")
	if a, l, td := strings.Index(root, "\n  add "), strings.Index(root, "\n  list "), strings.Index(root, "\n  today "); a < 0 || a > l || l > td {
		t.Errorf("afterview --help lists the commands out of their order (add, list, today, ...):\n%s", root)
	}
	for _, want := range []string{"completion", "man ", "--db FILE", "--config FILE", "--version", "Exit codes:"} {
		if !strings.Contains(root, want) {
			t.Errorf("afterview --help lacks %q", want)
		}
	}
}

// Flags go before, between or after the arguments; "--" ends them; the
// global flags go anywhere; old single-dash spellings of the global flags
// still work.
func TestFlagsAnywhere(t *testing.T) {
	c := newCLI(t)
	c.ok(cobraNow, "add", "Netflix", "--role", "SWE", "--recruiter", "Sam")
	c.ok(cobraNow, "add", "--role", "PM", "Acme")
	c.ok(cobraNow, "add", "--", "--odd")
	out := c.ok(cobraNow, "list", "--json")
	for _, want := range []string{`"company": "Netflix"`, `"role": "SWE"`, `"company": "Acme"`, `"role": "PM"`, `"company": "--odd"`} {
		if !strings.Contains(out, want) {
			t.Errorf("list --json lacks %s", want)
		}
	}
	other := c.db + ".other"
	c.ok(cobraNow, "-db", other, "add", "Other")
	c.ok(cobraNow, "add", "Other2", "--db", other)
	if out := c.ok(cobraNow, "list", "--db="+other); !strings.Contains(out, "Other2") || strings.Contains(out, "Netflix") {
		t.Errorf("--db after the command was not used:\n%s", out)
	}
	if _, errOut, code := c.at(cobraNow, "add", "X", "-role", "SWE"); code != exitUsage || !strings.Contains(errOut, "-r") {
		t.Errorf("add X -role: exit %d, %q", code, errOut)
	}
	_, errOut, code := c.at(cobraNow, "log", "1", "offer", "--base")
	if code != exitUsage || !strings.Contains(errOut, "--base needs a value") {
		t.Errorf("log 1 offer --base: exit %d, %q", code, errOut)
	}
}

// Text from the configuration file (a process's stage names and tips) goes
// through the one terminal-safe rule on every output path, like the data.
func TestConfigTextIsCleanedOnOutput(t *testing.T) {
	c := newCLI(t)
	withConfig(t, `[[process]]
name = "evil"
stages = ["final interview", "team\u001b[2J match\u202e", "offer"]
wait_window = [7, 14]
[process.stage."final interview"]
tip = "wait\u001b]52;c;aGVsbG8=\u0007 calmly\u2066"
[process.stage."team\u001b[2J match\u202e"]
usually = [3, 5]
task = "ask\u009b31m"
`)
	if _, errOut, code := c.at(cobraNow, "processes"); code != 0 {
		t.Skipf("the configuration refuses such names (%s): nothing to print", errOut)
	}
	c.ok("2026-11-18T10:00", "add", "Acme", "--process", "evil", "--interviewed", "2026-11-17T15:00")
	for _, args := range [][]string{{"show", "1"}, {"list"}, {"today", "--all"}, {"processes"}, {"config"}} {
		out, errOut, _ := c.at(cobraNow, args...)
		if err := terminalSafe(out + errOut); err != nil {
			t.Errorf("afterview %v: %v\n%q", args, err, out)
		}
	}
	c.ok("2026-11-19T10:00", "log", "1", "stage", "team\x1b[2J match\u202e")
	for _, args := range [][]string{{"show", "1"}, {"list"}, {"today", "--all"}} {
		out, errOut, _ := c.at(cobraNow, args...)
		if err := terminalSafe(out + errOut); err != nil {
			t.Errorf("afterview %v after the stage: %v\n%q", args, err, out)
		}
	}
}

// pflag's complaints come out in afterview's words: the flag with two
// dashes, the word for its value, the command's help named.
func TestFlagErrorsInAfterviewsWords(t *testing.T) {
	c := newCLI(t)
	for args, want := range map[string]string{
		"--db":                    "--db needs a value: --db FILE",
		"log 1 note --at":         "log: --at needs a value: --at WHEN\nRun 'afterview log --help' for its options",
		"today --json=maybe":      `today: --json is on or off: give it alone (or --json=false), not "maybe"`,
		"log 1 offer --base lots": `log: --base: "lots" is not an amount`,
		"list --bogus":            "list: flag provided but not defined: --bogus",
	} {
		out, errOut, code := c.at(cobraNow, strings.Fields(args)...)
		if code != exitUsage || out != "" || !strings.HasPrefix(errOut, "afterview: ") || !strings.Contains(errOut, want) {
			t.Errorf("afterview %s: exit %d, %q %q; want exit 1 and %q", args, code, out, errOut, want)
		}
	}
}

// Arguments complete from the data: the open applications' ids with their
// company, log's kinds, an application's prompts. Completing never creates
// the database.
func TestCompletionsFromTheData(t *testing.T) {
	c := newCLI(t)
	if out := c.ok(cobraNow, "__complete", "show", ""); strings.Contains(out, "\t") && !strings.HasPrefix(out, ":") {
		t.Errorf("no database yet, yet completions: %q", out)
	}
	if _, err := os.Stat(c.db); err == nil {
		t.Fatal("completing created the database")
	}
	c.ok("2026-11-19T16:00", "add", "Acme", "--interviewed", "2026-11-19T15:00", "--interviewer", "Ana Lopez")
	c.ok("2026-11-19T16:00", "add", "Initech", "--interviewed", "2026-11-19T15:00")
	c.ok("2026-11-19T16:00", "log", "2", "rejected")
	for _, tt := range []struct {
		args     []string
		want     []string
		wantNone []string
	}{
		{[]string{"show", ""}, []string{"1\tAcme"}, []string{"2\tInitech"}},
		{[]string{"done", ""}, []string{"1\tAcme"}, nil},
		{[]string{"log", "1", ""}, []string{"thanks", "followup", "accepted", "reopen"}, nil},
		{[]string{"done", "1", ""}, []string{"thank_you:ana-lopez\tSend a short, personal thank-you to Ana Lopez"}, nil},
		{[]string{"draft", "1", "th"}, []string{"thank_you:ana-lopez"}, nil},
	} {
		out := c.ok(cobraNow, append([]string{"__complete"}, tt.args...)...)
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("afterview %q offers no %q:\n%s", tt.args, w, out)
			}
		}
		for _, w := range tt.wantNone {
			if strings.Contains(out, w) {
				t.Errorf("afterview %q offers the closed %q:\n%s", tt.args, w, out)
			}
		}
	}
}

// The UI starts with the background COLORFGBG says, as the help does, for
// terminals that do not answer its question.
func TestUIBackgroundFromCOLORFGBG(t *testing.T) {
	e := &env{now: time.Now}
	for fgbg, light := range map[string]bool{"": false, "15;0": false, "0;15": true} {
		t.Setenv("COLORFGBG", fgbg)
		if got := tuiOptions(e, nil, false, nil).LightBackground; got != light {
			t.Errorf("COLORFGBG=%q: the UI starts light %v, want %v", fgbg, got, light)
		}
	}
}

// The help's colours come from COLORFGBG when it says the background is
// light, else the dark scheme: the terminal is never asked, as one that
// never answers would hold an error message back for seconds.
func TestDarkBackgroundGuess(t *testing.T) {
	for fgbg, dark := range map[string]bool{"": true, "15;0": true, "0;15": false, "0;7": false, "7;default;0": true, "junk": true} {
		t.Setenv("COLORFGBG", fgbg)
		if got := darkBackground(); got != dark {
			t.Errorf("COLORFGBG=%q: dark %v, want %v", fgbg, got, dark)
		}
	}
}

// --version names what was built: the release 'go install ...@v1.2.3'
// recorded, else the commit of a clone (short, "-dirty" with changes not
// committed, and its time), else the version given to the linker.
func TestVersionFromBuildInfo(t *testing.T) {
	vcs := func(rev, modified, at string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev},
			{Key: "vcs.time", Value: at}, {Key: "vcs.modified", Value: modified}}
	}
	rev := "3fbea8aa67c5042aa504cd5cba64fe1734d1047e"
	tests := []struct {
		name, linked, want string
		info               *debug.BuildInfo
	}{
		{"installed release", "", "v1.2.3", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}, Settings: vcs(rev, "false", "2026-12-06T22:10:13Z")}},
		{"clone", "", "3fbea8aa67c5 (2026-12-06 22:10 UTC)", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "false", "2026-12-06T22:10:13Z")}},
		{"clone with changes", "v9", "3fbea8aa67c5-dirty (2026-12-06 22:10 UTC)", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "true", "2026-12-06T22:10:13Z")}},
		{"source archive, linked", "v1.2.4", "v1.2.4", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}},
		{"nothing recorded", "", "(devel)", &debug.BuildInfo{}},
		{"no build info", "", "(devel)", nil},
	}
	for _, tt := range tests {
		if got := versionOf(tt.info, tt.linked); got != tt.want {
			t.Errorf("%s: version %q, want %q", tt.name, got, tt.want)
		}
	}
}

// A misspelled flag gets the command's nearest flags, as a misspelled
// command gets the nearest commands; a flag near none gets no guess.
func TestDidYouMeanFlag(t *testing.T) {
	c := newCLI(t)
	for args, want := range map[string]string{
		"today --jsn":        "Did you mean --json?",
		"today --dbb x.db":   "Did you mean --db?",
		"add Acme --rol SWE": "Did you mean --role?",
		"--verison":          "Did you mean --version?",
		"list --xyz":         "",
		"today --x":          "",
	} {
		out, errOut, code := c.at(cobraNow, strings.Fields(args)...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, "flag provided but not defined") {
			t.Errorf("afterview %s: exit %d, %q %q", args, code, out, errOut)
			continue
		}
		if got := strings.Contains(errOut, "Did you mean"); want == "" && got || want != "" && !strings.Contains(errOut, want) {
			t.Errorf("afterview %s: %q, want %q", args, errOut, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"jsn", "json", 1}, {"json", "jsno", 2}, {"kitten", "sitting", 3}, {"café", "cafe", 1}, {"", "abc", 3}} {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
