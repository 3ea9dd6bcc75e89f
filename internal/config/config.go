// Package config reads afterview's configuration file: the user's name and
// signature, their calendar (public holidays, days off, work week), the
// numbers of the rules, and their own hiring processes. It turns the file
// into stages.Settings, the one value the rules read, and refuses a file
// with anything it does not understand, naming the line and column.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"

	"afterview/stages"
)

// MaxFileSize bounds the file: a configuration is a page or two.
const MaxFileSize = 1 << 20

// MaxProblemsShown bounds the problems an error lists: past it, their
// number is said. A file of thousands of unknown keys is not a
// configuration file, and its messages would bury the first.
const MaxProblemsShown = 20

// Config is the file as read, and the settings it gives.
type Config struct {
	// Path is the file's path; Exists is false when there is none and every
	// setting is the default.
	Path   string
	Exists bool
	Me     Me
	// Set records which keys the file gives ("calendar.holidays",
	// "rules.follow_up_due"), so that the defaults can be told apart.
	Set      map[string]bool
	Settings *stages.Settings
}

// Me is who the user is, for the messages afterview drafts.
type Me struct {
	Name      string `toml:"name"`
	Signature string `toml:"signature"`
}

// file is the shape of the TOML document.
type file struct {
	Me       Me            `toml:"me"`
	Calendar calendarFile  `toml:"calendar"`
	Rules    rulesFile     `toml:"rules"`
	Process  []processFile `toml:"process"`
}

type calendarFile struct {
	Holidays *string `toml:"holidays"`
	// DaysOff takes "2026-12-24" strings and bare TOML dates alike.
	DaysOff  []any    `toml:"days_off"`
	WorkWeek []string `toml:"work_week"`
}

type rulesFile struct {
	FollowUpOpens *int  `toml:"follow_up_opens"`
	FollowUpDue   *int  `toml:"follow_up_due"`
	MoveOnAfter   *int  `toml:"move_on_after"`
	WaitWindow    []int `toml:"wait_window"`
}

type processFile struct {
	Name       string               `toml:"name"`
	Stages     []string             `toml:"stages"`
	WaitWindow []int                `toml:"wait_window"`
	OfferTip   string               `toml:"offer_tip"`
	Stage      map[string]stageFile `toml:"stage"`
}

type stageFile struct {
	Usually    []int  `toml:"usually"`
	Task       string `toml:"task"`
	Tip        string `toml:"tip"`
	Offer      *bool  `toml:"offer"`
	References *bool  `toml:"references"`
}

// keys lists the valid keys of each table, for the message about an unknown
// one, and what each wants, for the message about a wrong type.
var keys = map[string][]string{
	"":         {"me", "calendar", "rules", "process"},
	"me":       {"name", "signature"},
	"calendar": {"holidays", "days_off", "work_week"},
	"rules":    {"follow_up_opens", "follow_up_due", "move_on_after", "wait_window"},
	"process":  {"name", "stages", "wait_window", "offer_tip", "stage"},
	"stage":    {"usually", "task", "tip", "offer", "references"},
}

var wants = map[string]string{
	"me":              "a table: [me]",
	"calendar":        "a table: [calendar]",
	"rules":           "a table: [rules]",
	"process":         "a list of tables: [[process]]",
	"stage":           `a table per stage: [process.stage."team match"]`,
	"name":            `a string in quotes, for example "Alex Kim"`,
	"signature":       `a string in quotes, for example "Alex Kim · +1 555 0100"`,
	"holidays":        `a country or region code in quotes, for example "US", "GB" or "DE-BY"`,
	"days_off":        `a list of dates, for example ["2026-12-24", "2026-12-31"]`,
	"work_week":       `a list of days, for example ["mon", "tue", "wed", "thu", "fri"]`,
	"follow_up_opens": "a whole number of business days, for example 7",
	"follow_up_due":   "a whole number of business days, for example 10",
	"move_on_after":   "a whole number of business days, for example 5",
	"wait_window":     "two whole numbers of days, shortest first, for example [7, 14]",
	"stages":          `a list of stage names in order, for example ["final interview", "offer"]`,
	"offer_tip":       "a string in quotes",
	"usually":         "two whole numbers of days, shortest first, for example [2, 5]",
	"task":            "a string in quotes: the prompt on entering the stage",
	"tip":             "a string in quotes: advice shown during the stage",
	"offer":           "true or false: an offer is on the table in this stage",
	"references":      "true or false: the company calls your references in this stage",
}

// Path returns the configuration file's path: the --config flag, else
// AFTERVIEW_CONFIG, else $XDG_CONFIG_HOME/afterview/config.toml (by default
// ~/.config/afterview/config.toml). explicit is true when the user named
// the file, which must then exist. The caller reads the environment.
func Path(flag, envConfig, xdgConfigHome, home string) (path string, explicit bool, err error) {
	switch {
	case flag != "":
		return flag, true, nil
	case envConfig != "":
		return envConfig, true, nil
	case xdgConfigHome != "" && filepath.IsAbs(xdgConfigHome):
		return filepath.Join(xdgConfigHome, "afterview", "config.toml"), false, nil
	case home != "":
		return filepath.Join(home, ".config", "afterview", "config.toml"), false, nil
	}
	return "", false, errors.New("cannot find the configuration folder: set HOME or XDG_CONFIG_HOME, or name the file with --config FILE")
}

// Default is the configuration when there is no file: docs/rules.md's rules.
func Default(path string) *Config {
	return &Config{Path: path, Set: map[string]bool{}, Settings: stages.DefaultSettings()}
}

// Load reads the file at path. A missing file is the default configuration,
// unless the user named it (explicit), which is an error.
func Load(path string, explicit bool) (*Config, error) {
	data, err := readFile(path)
	if errors.Is(err, os.ErrNotExist) && !explicit {
		return Default(path), nil
	}
	if err != nil {
		return nil, err
	}
	return Parse(path, data)
}

// readFile reads the configuration file whole. Anything but a regular
// file (a folder, a FIFO, a device such as /dev/zero) is refused before it
// is opened, and a file larger than MaxFileSize before it is read.
func readFile(path string) ([]byte, error) {
	f, info, err := openRegular(path)
	var nr *notRegular
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("%s: no such configuration file: check the path, or create it with 'afterview config edit': %w", path, os.ErrNotExist)
	case errors.As(err, &nr) && nr.mode.IsDir():
		return nil, fmt.Errorf("%s %w: name the configuration file itself (config.toml)", path, nr)
	case errors.As(err, &nr):
		return nil, fmt.Errorf("%s %w: afterview reads its configuration only from a regular file; name another with --config FILE, or replace this one with a file", path, nr)
	case err != nil:
		return nil, fmt.Errorf("%s: cannot read the configuration file: %v", path, unwrapPath(err))
	}
	defer f.Close()
	tooLarge := fmt.Errorf("%s is larger than %d KiB: this is not an afterview configuration file", path, MaxFileSize>>10)
	if info.Size() > MaxFileSize {
		return nil, tooLarge
	}
	// The file may grow while it is read: the limit holds all the same.
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the configuration file: %v", path, unwrapPath(err))
	}
	if len(data) > MaxFileSize {
		return nil, tooLarge
	}
	return data, nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Error is a configuration file that cannot be used, with every problem
// found, each at its line and column.
type Error struct {
	Path     string
	Problems []Problem
}

// Problem is one thing wrong, where it is.
type Problem struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	return e.List() + "\nNothing was run. Fix the file (afterview config edit), or check it with 'afterview config check'."
}

// List is the problems alone, one a line (the first MaxProblemsShown), for
// 'config check' and 'config edit', which say themselves what to do next.
func (e *Error) List() string {
	var b strings.Builder
	for i, p := range e.Problems[:min(len(e.Problems), MaxProblemsShown)] {
		if i > 0 {
			b.WriteString("\n")
		}
		if p.Line > 0 {
			fmt.Fprintf(&b, "%s:%d:%d: %s", e.Path, p.Line, p.Col, p.Msg)
		} else {
			fmt.Fprintf(&b, "%s: %s", e.Path, p.Msg)
		}
	}
	if more := len(e.Problems) - MaxProblemsShown; more > 0 {
		fmt.Fprintf(&b, "\n… and %s more %s", thousands(more), stages.Plural(more, "problem", "problems"))
	}
	return b.String()
}

// thousands writes n with its thousands apart: 59,980.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Parse reads a configuration document; path names it in errors.
func Parse(path string, data []byte) (*Config, error) {
	cerr := &Error{Path: path}
	// One walk finds where every key is, and the keys the file may not
	// have; the decoder is given the file without them.
	w := locate(data)
	var f file
	dec := toml.NewDecoder(bytes.NewReader(blank(data, w.ignore)))
	if len(w.unknown) == 0 {
		// The library's own check stays, as a safety net: it is slow
		// only for many unknown keys (see locate), and the walk found
		// none.
		dec.DisallowUnknownFields()
	}
	if err := dec.Decode(&f); err != nil {
		cerr.Problems = sortProblems(append(w.unknown, decodeProblems(err)...))
		return nil, cerr
	}
	// The values are checked even when there are unknown keys, so that
	// every problem is told at once.
	r := reader{locs: w.locs, set: map[string]bool{}, problems: w.unknown}
	c := &Config{Path: path, Exists: true, Me: f.Me, Set: r.set}
	r.me(f.Me)
	cal := r.calendar(f.Calendar)
	rules := r.rules(f.Rules)
	procs := r.processes(f.Process)
	if len(r.problems) == 0 {
		s, err := stages.NewSettings(cal, rules, procs)
		if err != nil {
			// The reader checks all NewSettings does, where it can say
			// where; this is a last safety net.
			r.problems = append(r.problems, Problem{Msg: oneLine(err)})
		}
		if s != nil {
			// The prompt cache is kept under what the settings resolve
			// to, not the file's bytes: files that differ in comments,
			// layout or keys the rules do not read share a cache.
			s.SetKey(SettingsKey(s))
		}
		c.Settings = s
	}
	if len(r.problems) > 0 {
		cerr.Problems = sortProblems(r.problems)
		return nil, cerr
	}
	return c, nil
}

// sortProblems puts problems in the order of the file.
func sortProblems(ps []Problem) []Problem {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
	return ps
}

func oneLine(err error) string { return strings.ReplaceAll(err.Error(), "\n", "; ") }

var foundType = regexp.MustCompile(`(?:cannot decode|cannot store) TOML (\w+)`)

// decodeProblems turns the TOML library's errors into ours: where, what is
// wrong and the valid choices.
func decodeProblems(err error) []Problem {
	var strict *toml.StrictMissingError
	if errors.As(err, &strict) {
		out := make([]Problem, 0, len(strict.Errors))
		for i := range strict.Errors {
			de := &strict.Errors[i]
			line, col := de.Position()
			out = append(out, Problem{line, col, unknownKey(de.Key())})
		}
		return out
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		key := []string(de.Key())
		msg := strings.TrimPrefix(de.Error(), "toml: ")
		if len(key) > 0 {
			name := key[len(key)-1]
			m := foundType.FindStringSubmatch(msg)
			if want, ok := wants[name]; ok && m != nil {
				found := "a " + m[1]
				if strings.ContainsRune("aeiou", rune(m[1][0])) {
					found = "an " + m[1]
				}
				msg = fmt.Sprintf("%s: %s is not valid here: give %s", name, found, want)
			} else {
				msg = tablePath(key) + ": " + msg
			}
		} else {
			msg = "this is not valid TOML: " + msg
		}
		return []Problem{{line, col, msg}}
	}
	return []Problem{{Msg: "this is not valid TOML: " + err.Error()}}
}

// unknownKey says that the last part of key is not a key of the table it
// is in, and which are.
func unknownKey(key []string) string {
	name, in := key[len(key)-1], key[:len(key)-1]
	table := tableOf(in)
	where := "at the top of the file"
	if table != "" {
		where = "in [" + tablePath(in) + "]"
	}
	return fmt.Sprintf("unknown key %q %s: the keys there are %s", name, where, strings.Join(keys[table], ", "))
}

// tablePath writes a table's key as the file does: [process.stage."team match"].
func tablePath(parts []string) string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = p
		if strings.Trim(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != "" || p == "" {
			out[i] = fmt.Sprintf("%q", p)
		}
	}
	return strings.Join(out, ".")
}

// tableOf names the kind of table a key path is in, for keys: "process" for
// [[process]], "stage" for [process.stage."x"].
func tableOf(path []string) string {
	switch {
	case len(path) == 0:
		return ""
	case path[0] == "process" && len(path) >= 3 && path[1] == "stage":
		return "stage"
	case path[0] == "process":
		return "process"
	}
	return path[0]
}

// reader checks the decoded file, noting every problem at its place.
type reader struct {
	locs     locations
	set      map[string]bool
	problems []Problem
}

func (r *reader) fail(path, format string, a ...any) {
	pos, _ := r.locs.find(path)
	r.problems = append(r.problems, Problem{pos.line, pos.col, fmt.Sprintf(format, a...)})
}

func (r *reader) note(path string, given bool) bool {
	if given {
		r.set[path] = true
	}
	return given
}

func (r *reader) text(path, field, s string) {
	if n := len([]rune(s)); n > stages.MaxNameLen {
		r.fail(path, "%s: %d characters is too long (at most %d)", field, n, stages.MaxNameLen)
	}
}

func (r *reader) me(m Me) {
	r.note("me.name", m.Name != "")
	r.note("me.signature", m.Signature != "")
	r.text("me.name", "name", m.Name)
	r.text("me.signature", "signature", m.Signature)
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

func (r *reader) calendar(c calendarFile) *stages.Calendar {
	var holidays func(int) []stages.Date
	name := ""
	if r.note("calendar.holidays", c.Holidays != nil) {
		code := strings.ToUpper(strings.TrimSpace(*c.Holidays))
		if code != "" && code != "NONE" {
			h, ok := holidaysOf(code)
			if !ok {
				r.fail("calendar.holidays", "holidays = %q: no such country or region; choose one of %s (or \"none\")", *c.Holidays, strings.Join(holidayCodes(), ", "))
			}
			holidays, name = h, code
		}
	}
	var off []stages.Date
	r.note("calendar.days_off", c.DaysOff != nil)
	for i, v := range c.DaysOff {
		path := fmt.Sprintf("calendar.days_off[%d]", i)
		var text string
		switch v := v.(type) {
		case string:
			text = v
		case toml.LocalDate:
			text = v.String()
		default:
			r.fail(path, "days_off: %v is not a date: give dates as \"YYYY-MM-DD\", for example \"2026-12-24\"", v)
			continue
		}
		d, err := stages.ParseDate(text)
		if err != nil {
			r.fail(path, "days_off: %v", err)
			continue
		}
		off = append(off, d)
	}
	week := stages.DefaultWorkWeek
	if r.note("calendar.work_week", c.WorkWeek != nil) {
		week = nil
		seen := map[time.Weekday]bool{}
		for i, s := range c.WorkWeek {
			path := fmt.Sprintf("calendar.work_week[%d]", i)
			key := strings.ToLower(strings.TrimSpace(s))
			if len(key) > 3 {
				if full := strings.ToLower(weekdayName(key[:3])); full == key {
					key = key[:3]
				}
			}
			d, ok := weekdays[key]
			switch {
			case !ok:
				r.fail(path, "work_week: %q is not a day: use mon, tue, wed, thu, fri, sat, sun", s)
			case seen[d]:
				r.fail(path, "work_week: %q is listed twice", s)
			default:
				seen[d] = true
				week = append(week, d)
			}
		}
		if len(c.WorkWeek) == 0 {
			r.fail("calendar.work_week", "work_week is empty: list the days you work, for example [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]")
		}
	}
	if name == "" && len(off) == 0 && !r.set["calendar.work_week"] {
		// No change from the default: keep the default's fast path.
		return nil
	}
	if len(week) == 0 {
		return nil
	}
	cal, err := stages.NewCalendar(week, name, holidays, off)
	if err != nil {
		r.fail("calendar", "%v", err)
	}
	return cal
}

func weekdayName(short string) string {
	if d, ok := weekdays[short]; ok {
		return d.String()
	}
	return ""
}

func (r *reader) rules(f rulesFile) stages.Rules {
	rules := stages.DefaultRules
	number := func(key string, v *int, into *int) {
		if !r.note("rules."+key, v != nil) {
			return
		}
		if *v < 1 || *v > stages.MaxRuleDays {
			r.fail("rules."+key, "%s = %d: give a number of business days from 1 to %d", key, *v, stages.MaxRuleDays)
			return
		}
		*into = *v
	}
	number("follow_up_opens", f.FollowUpOpens, &rules.FollowUpOpens)
	number("follow_up_due", f.FollowUpDue, &rules.FollowUpDue)
	number("move_on_after", f.MoveOnAfter, &rules.MoveOnAfter)
	if rules.FollowUpOpens >= rules.FollowUpDue {
		at := "rules.follow_up_opens"
		if !r.set[at] {
			at = "rules.follow_up_due"
		}
		r.fail(at, "follow_up_opens (%d) must be before follow_up_due (%d): the window opens first, then the follow-up is due", rules.FollowUpOpens, rules.FollowUpDue)
	}
	if r.note("rules.wait_window", f.WaitWindow != nil) {
		if w, ok := r.window("rules.wait_window", "wait_window", f.WaitWindow); ok {
			rules.WaitWindow = w
		}
	}
	return rules
}

// window reads [shortest, longest] days.
func (r *reader) window(path, key string, v []int) (stages.Window, bool) {
	if len(v) != 2 {
		r.fail(path, "%s: give two numbers of days, shortest first, for example [7, 14]", key)
		return stages.Window{}, false
	}
	w := stages.Window{Min: v[0], Max: v[1]}
	if err := w.Validate(); err != nil {
		r.fail(path, "%s = %v", key, err)
		return stages.Window{}, false
	}
	return w, true
}

func (r *reader) processes(list []processFile) []stages.Template {
	var out []stages.Template
	seen := map[string]int{}
	for i, p := range list {
		at := fmt.Sprintf("process[%d]", i)
		name := strings.ToLower(strings.TrimSpace(p.Name))
		t := stages.Template{Name: name, OfferTip: p.OfferTip}
		ok := true
		switch {
		case name == "":
			r.fail(at, "this [[process]] has no name: add name = \"google\" (a built-in's name replaces it)")
			ok = false
		case seen[name] > 0:
			r.fail(at+".name", "process %q is described twice (also process number %d): keep one", name, seen[name])
			ok = false
		default:
			seen[name] = i + 1
		}
		r.text(at+".name", "name", p.Name)
		if len(p.Stages) == 0 {
			r.fail(at, "process %q has no stages: add stages = [\"final interview\", ..., \"offer\"], in order", name)
			ok = false
		}
		index := map[string]int{}
		for j, s := range p.Stages {
			sp := fmt.Sprintf("%s.stages[%d]", at, j)
			sn := strings.ToLower(strings.TrimSpace(s))
			switch {
			case sn == "":
				r.fail(sp, "process %q: a stage has no name", name)
				ok = false
			case index[sn] > 0:
				r.fail(sp, "process %q lists the stage %q twice", name, sn)
				ok = false
			default:
				r.text(sp, "stage", s)
				t.Stages = append(t.Stages, stages.Stage{
					Name:       sn,
					Offer:      strings.Contains(sn, "offer"),
					References: strings.Contains(sn, "reference"),
				})
				// Its place among the stages kept: a nameless one
				// before it is not.
				index[sn] = len(t.Stages)
			}
		}
		if p.WaitWindow != nil {
			if w, good := r.window(at+".wait_window", "wait_window", p.WaitWindow); good {
				t.Window = w
			} else {
				ok = false
			}
		}
		stageNames := make([]string, 0, len(p.Stage))
		for sn := range p.Stage {
			stageNames = append(stageNames, sn)
		}
		sort.Strings(stageNames)
		for _, sn := range stageNames {
			conf := p.Stage[sn]
			sp := at + ".stage." + sn
			j := index[strings.ToLower(strings.TrimSpace(sn))]
			if j == 0 {
				r.fail(sp, "[process.stage.%q]: process %q has no stage %q; its stages are %s", sn, name, sn, quoteAll(p.Stages))
				ok = false
				continue
			}
			st := &t.Stages[j-1]
			st.Task, st.Tip = strings.TrimSpace(conf.Task), strings.TrimSpace(conf.Tip)
			if n := len([]rune(conf.Task + conf.Tip)); n > stages.MaxNoteLen {
				r.fail(sp, "the task and tip of %q are too long (%d characters; at most %d)", sn, n, stages.MaxNoteLen)
			}
			if conf.Offer != nil {
				st.Offer = *conf.Offer
			}
			if conf.References != nil {
				st.References = *conf.References
			}
			if conf.Usually != nil {
				if w, good := r.window(sp+".usually", "usually", conf.Usually); good {
					st.Usually = w
				} else {
					ok = false
				}
			}
		}
		if ok {
			out = append(out, t)
		}
	}
	return out
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

// writeNew writes data to a new file at path (0600, in a 0700 folder made
// as needed); an existing file is left alone.
func writeNew(path string, data []byte) (bool, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return false, fmt.Errorf("cannot make the folder for %s: %v", path, unwrapPath(err))
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("cannot create %s: %v", path, unwrapPath(err))
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return false, fmt.Errorf("cannot write %s: %v (is the disk full?)", path, unwrapPath(err))
	}
	if err := f.Close(); err != nil {
		return false, fmt.Errorf("cannot write %s: %v (is the disk full?)", path, unwrapPath(err))
	}
	return true, nil
}
