package stages

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Rules are the numbers the prompt rules count with (docs/rules.md, rules 3 and
// 4, and the wait): the user may change them; DefaultRules are docs/rules.md's.
type Rules struct {
	// FollowUpOpens and FollowUpDue are business days after the last contact.
	FollowUpOpens int
	FollowUpDue   int
	// MoveOnAfter is business days after an unanswered follow-up.
	MoveOnAfter int
	// WaitWindow is the usual wait for a decision, in calendar days since
	// the final interview, for every process without a window of its own.
	WaitWindow Window
}

// DefaultRules are docs/rules.md's numbers.
var DefaultRules = Rules{FollowUpOpens: 7, FollowUpDue: 10, MoveOnAfter: MoveOnAfter, WaitWindow: DefaultWindow}

// MaxRuleDays bounds every number of days in the rules and windows: beyond a
// year a prompt no longer means anything.
const MaxRuleDays = 365

// Validate checks that every number is positive and that each window opens
// before it is due.
func (r Rules) Validate() error {
	var errs []error
	for _, n := range []struct {
		name string
		v    int
	}{{"follow_up_opens", r.FollowUpOpens}, {"follow_up_due", r.FollowUpDue}, {"move_on_after", r.MoveOnAfter}} {
		if n.v < 1 || n.v > MaxRuleDays {
			errs = append(errs, fmt.Errorf("%s is %d: give a number of business days from 1 to %d", n.name, n.v, MaxRuleDays))
		}
	}
	if r.FollowUpOpens >= r.FollowUpDue {
		errs = append(errs, fmt.Errorf("follow_up_opens (%d) must come before follow_up_due (%d): the window opens, then it is due", r.FollowUpOpens, r.FollowUpDue))
	}
	if err := r.WaitWindow.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("wait_window: %w", err))
	}
	return errors.Join(errs...)
}

// Validate checks that a window is [shortest, longest] days, both from 0 to
// MaxRuleDays, shortest first.
func (w Window) Validate() error {
	switch {
	case w.Min < 0 || w.Max < 1 || w.Max > MaxRuleDays:
		return fmt.Errorf("[%d, %d]: give two numbers of days from 0 to %d, for example [7, 14]", w.Min, w.Max, MaxRuleDays)
	case w.Min > w.Max:
		return fmt.Errorf("[%d, %d]: the shortest comes first, for example [%d, %d]", w.Min, w.Max, w.Max, w.Min)
	}
	return nil
}

// Settings is everything the rules depend on besides the applications and
// the clock: the calendar, the rule numbers and the processes. It is built
// once per command and never changes, so it may be shared freely. A nil
// *Settings, like DefaultSettings, is docs/rules.md's behaviour exactly.
//
// An application carries no settings: what depends on them takes them as
// a parameter (Application.Template, Apply, Validate, Wait, ...) or comes
// from an Engine made with them, so that a forgotten settings is a
// compile error rather than the defaults in silence.
type Settings struct {
	Calendar *Calendar
	Rules    Rules
	// processes by name; names in display order: the built-ins first, in
	// their usual order, then the user's own in the order given.
	processes map[string]*Template
	names     []string
	// key names the settings for caches (Key).
	key string
}

var defaultSettings = mustSettings(nil, DefaultRules, nil)

func mustSettings(cal *Calendar, r Rules, custom []Template) *Settings {
	s, err := NewSettings(cal, r, custom)
	if err != nil {
		panic(err)
	}
	return s
}

// DefaultSettings are docs/rules.md's: Monday to Friday without holidays, the
// rules' usual numbers, the built-in processes.
func DefaultSettings() *Settings { return defaultSettings }

// NewSettings checks the rules and the user's own processes and builds the
// settings. A process named like a built-in replaces it; a process without
// a wait window of its own, built-ins included, takes the rules' window.
func NewSettings(cal *Calendar, r Rules, custom []Template) (*Settings, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	s := &Settings{Calendar: cal, Rules: r, processes: map[string]*Template{}}
	add := func(t Template) {
		if t.Window == (Window{}) {
			t.Window = r.WaitWindow
		}
		if _, ok := s.processes[t.Name]; !ok {
			s.names = append(s.names, t.Name)
		}
		s.processes[t.Name] = &t
	}
	for _, name := range []string{"standard", "netflix", "amazon"} {
		t := *templates[name]
		t.Window = Window{}
		t.Builtin = true
		t.Stages = slices.Clone(t.Stages)
		add(t)
	}
	seen := map[string]bool{}
	var errs []error
	for _, t := range custom {
		t.Name = strings.ToLower(strings.TrimSpace(t.Name))
		if err := t.Validate(); err != nil {
			errs = append(errs, err)
			continue
		}
		if seen[t.Name] {
			errs = append(errs, fmt.Errorf("process %q is described twice: keep one", t.Name))
			continue
		}
		seen[t.Name] = true
		t.Builtin = false
		t.Replaces = templates[t.Name] != nil
		t.Stages = slices.Clone(t.Stages)
		add(t)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return s, nil
}

// Validate checks a process: a name, at least one stage, no stage twice,
// sane windows.
func (t *Template) Validate() error {
	if t.Name == "" {
		return errors.New("a process needs a name")
	}
	if err := checkLen("", "process name", t.Name, MaxNameLen); err != nil {
		return err
	}
	if len(t.Stages) == 0 {
		return fmt.Errorf("process %q has no stages: list them in order, the final interview first", t.Name)
	}
	seen := map[string]bool{}
	for _, st := range t.Stages {
		if st.Name == "" {
			return fmt.Errorf("process %q has a stage with no name", t.Name)
		}
		if seen[st.Name] {
			return fmt.Errorf("process %q lists the stage %q twice", t.Name, st.Name)
		}
		seen[st.Name] = true
		if st.Usually != (Window{}) {
			if err := st.Usually.Validate(); err != nil {
				return fmt.Errorf("process %q, stage %q: usually %w", t.Name, st.Name, err)
			}
		}
	}
	if t.Window != (Window{}) {
		if err := t.Window.Validate(); err != nil {
			return fmt.Errorf("process %q: wait_window %w", t.Name, err)
		}
	}
	return nil
}

func (s *Settings) orDefault() *Settings {
	if s == nil {
		return defaultSettings
	}
	return s
}

// Process returns the named process, or an error that lists the valid names.
func (s *Settings) Process(name string) (*Template, error) {
	s = s.orDefault()
	if t, ok := s.processes[strings.ToLower(strings.TrimSpace(name))]; ok {
		return t, nil
	}
	return nil, fmt.Errorf("unknown process %q: choose one of %s", name, strings.Join(s.ProcessNames(), ", "))
}

// ProcessNames lists the known processes in a stable order: sorted by name.
func (s *Settings) ProcessNames() []string {
	names := slices.Clone(s.orDefault().names)
	sort.Strings(names)
	return names
}

// Processes lists the processes: the built-ins first, then the user's own in
// the order the configuration gives them.
func (s *Settings) Processes() []*Template {
	s = s.orDefault()
	out := make([]*Template, len(s.names))
	for i, n := range s.names {
		out[i] = s.processes[n]
	}
	return out
}

// templateOf returns the application's process. One the settings no longer
// know (removed from the configuration) is rebuilt from what the
// application recorded, so that it keeps working: its stages are the ones
// it went through, and Missing says so.
func (s *Settings) templateOf(a *Application) *Template {
	if t, ok := s.processes[a.Process]; ok {
		return t
	}
	if t, ok := s.processes[strings.ToLower(strings.TrimSpace(a.Process))]; ok {
		return t
	}
	return recordedTemplate(a, s.Rules.WaitWindow)
}

// recordedTemplate is a process made of the stages an application went
// through, for one whose process is no longer known.
func recordedTemplate(a *Application, w Window) *Template {
	t := &Template{Name: a.Process, Window: w, Missing: true}
	seen := map[string]bool{}
	addStage := func(name string) {
		if name != "" && !seen[name] {
			seen[name] = true
			t.Stages = append(t.Stages, Stage{Name: name})
		}
	}
	var moves []Event
	for _, e := range a.Events {
		if e.Kind == EvStage {
			moves = append(moves, e)
		}
	}
	sort.SliceStable(moves, func(i, j int) bool { return moves[i].At.Before(moves[j].At) })
	if len(moves) == 0 {
		addStage(a.Stage)
	} else {
		// Where it started is not recorded: every application is added
		// after its final interview, the first stage of every process
		// afterview knows.
		addStage("final interview")
	}
	for _, e := range moves {
		addStage(e.Stage)
	}
	addStage(a.Stage)
	if len(t.Stages) == 0 {
		addStage("final interview")
	}
	return t
}

// MissingProcessNote says, for an application whose process the settings no
// longer know, what that means; it is empty otherwise. Both the command line
// and the UI show it.
func (a *Application) MissingProcessNote(s *Settings) string {
	if !a.Template(s).Missing {
		return ""
	}
	return fmt.Sprintf("The %q process is not in your configuration any more: this application keeps the stages it recorded. Add the process back to your config file to see all its stages.", a.Process)
}
