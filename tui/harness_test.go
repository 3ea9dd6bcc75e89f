package tui

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"afterview/stages"
)

// fakeStore is an in-memory Store with the real one's rules: Add assigns
// IDs, Log applies the event, Update validates, every write bumps the
// revision. fail, when set, makes the next write fail.
type fakeStore struct {
	// settings are what writes check and apply events with, as the
	// store's (store.SetSettings).
	settings *stages.Settings
	mu       sync.Mutex
	apps     []stages.Application
	global   []stages.Event
	rev      uint64
	nextID   uint64
	fail     error
	// readFail, when set, makes the next read (Revision, Snapshot) fail.
	readFail error
	writes   int
	// history is what UndoLast takes back, as the real store keeps it.
	history []fakeChange
}

// fakeChange is one change to an application: as the write found it and
// as it left it (nil for none).
type fakeChange struct{ before, after *stages.Application }

func clonePtr(a stages.Application) *stages.Application {
	c := a.Clone()
	return &c
}

// logUnrecorded logs e as an older afterview would: a write the undo
// history does not hold.
func (s *fakeStore) logUnrecorded(t *testing.T, id uint64, e stages.Event) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.find(id)
	if i < 0 {
		t.Fatalf("application %d not found", id)
	}
	if err := s.apps[i].Apply(s.settings, e); err != nil {
		t.Fatal(err)
	}
	s.rev++
}

func (s *fakeStore) record(before, after *stages.Application) {
	s.history = append(s.history, fakeChange{before, after})
	if len(s.history) > stages.UndoDepth {
		s.history = s.history[1:]
	}
}

// UndoLast takes back the last change, as the real store does: only when
// the application is still exactly as the change left it.
func (s *fakeStore) UndoLast() (stages.Undone, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.failing(); err != nil {
		return stages.Undone{}, err
	}
	if len(s.history) == 0 {
		return stages.Undone{}, stages.ErrNothingToUndo
	}
	c := s.history[len(s.history)-1]
	u := stages.Undone{Before: c.before, After: c.after}
	i := s.find(u.ID())
	var now *stages.Application
	if i >= 0 {
		now = &s.apps[i]
	}
	if (now == nil) != (c.after == nil) || now != nil && !reflect.DeepEqual(*now, *c.after) {
		return stages.Undone{}, fmt.Errorf("application %d changed since: taking back %s would lose that", u.ID(), u.Label())
	}
	s.history = s.history[:len(s.history)-1]
	switch {
	case c.before == nil:
		s.apps = append(s.apps[:i], s.apps[i+1:]...)
	case now == nil:
		j := 0
		for j < len(s.apps) && s.apps[j].ID < c.before.ID {
			j++
		}
		s.apps = append(s.apps[:j], append([]stages.Application{c.before.Clone()}, s.apps[j:]...)...)
	default:
		s.apps[i] = c.before.Clone()
	}
	s.rev++
	s.writes++
	return u, nil
}

// keepingStore is a fakeStore that keeps edited drafts (EditKeeper), by
// application and prompt key, as the data file does. (The plain fake
// keeps none, so that the load tests see no read of them.)
type keepingStore struct {
	*fakeStore
	kept map[uint64]map[string]string
}

func (s *keepingStore) EditedDrafts() (map[uint64]map[string]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[uint64]map[string]string{}
	for app, keys := range s.kept {
		out[app] = map[string]string{}
		for k, v := range keys {
			out[app][k] = v
		}
	}
	return out, nil
}

// KeepEdit keeps text, forgetting the application's edits of prompts not
// open, as store.KeepDraft does.
func (s *keepingStore) KeepEdit(app uint64, prompt, text string, open []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.find(app) < 0 {
		return fmt.Errorf("no application %d", app)
	}
	if s.kept == nil {
		s.kept = map[uint64]map[string]string{}
	}
	keys := map[string]string{}
	for k, v := range s.kept[app] {
		if slices.Contains(open, k) {
			keys[k] = v
		}
	}
	keys[prompt] = text
	s.kept[app] = keys
	return nil
}

func newFakeStore(apps ...stages.Application) *fakeStore {
	s := &fakeStore{}
	for _, a := range apps {
		if _, err := s.Add(a); err != nil {
			panic(err)
		}
	}
	s.writes = 0
	s.history = nil
	return s
}

func (s *fakeStore) failing() error {
	if err := s.fail; err != nil {
		s.fail = nil
		return err
	}
	return nil
}

func (s *fakeStore) Snapshot() ([]stages.Application, []stages.Event, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	apps := make([]stages.Application, len(s.apps))
	for i, a := range s.apps {
		apps[i] = a.Clone()
	}
	return apps, append([]stages.Event(nil), s.global...), nil
}

func (s *fakeStore) Revision() (uint64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.readFail; err != nil {
		s.readFail = nil
		return 0, err
	}
	return s.rev, nil
}

func (s *fakeStore) Add(a stages.Application) (uint64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.failing(); err != nil {
		return 0, err
	}
	if err := a.Validate(s.settings); err != nil {
		return 0, err
	}
	s.nextID++
	a.ID = s.nextID
	s.apps = append(s.apps, a.Clone())
	s.record(nil, clonePtr(a))
	s.rev++
	s.writes++
	return a.ID, nil
}

func (s *fakeStore) find(id uint64) int {
	for i := range s.apps {
		if s.apps[i].ID == id {
			return i
		}
	}
	return -1
}

func (s *fakeStore) Log(id uint64, e stages.Event) (stages.Application, error) {
	return s.Update(id, func(a *stages.Application) error { return a.Apply(s.settings, e) })
}

func (s *fakeStore) Update(id uint64, fn func(*stages.Application) error) (stages.Application, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.failing(); err != nil {
		return stages.Application{}, err
	}
	i := s.find(id)
	if i < 0 {
		return stages.Application{}, fmt.Errorf("application %d not found", id)
	}
	a := s.apps[i].Clone()
	process := a.Process
	if err := fn(&a); err != nil {
		return stages.Application{}, err
	}
	// As the real store: a process since removed from the configuration
	// is no reason to refuse a change that keeps it.
	validate := a.Validate
	if a.Process == process {
		validate = a.ValidateKept
	}
	if err := validate(s.settings); err != nil {
		return stages.Application{}, err
	}
	s.record(clonePtr(s.apps[i]), clonePtr(a))
	s.apps[i] = a.Clone()
	s.rev++
	s.writes++
	return a, nil
}

func (s *fakeStore) Delete(id uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.failing(); err != nil {
		return err
	}
	i := s.find(id)
	if i < 0 {
		return fmt.Errorf("application %d not found", id)
	}
	s.record(clonePtr(s.apps[i]), nil)
	s.apps = append(s.apps[:i], s.apps[i+1:]...)
	s.rev++
	s.writes++
	return nil
}

func (s *fakeStore) LogGlobal(e stages.Event) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.failing(); err != nil {
		return err
	}
	s.global = append(s.global, e)
	s.rev++
	s.writes++
	return nil
}

func (s *fakeStore) app(t *testing.T, company string) stages.Application {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range s.apps {
		if a.Company == company {
			return a.Clone()
		}
	}
	t.Fatalf("no application %q in the store", company)
	return stages.Application{}
}

// testNow is the fixed clock of every test: Friday 20 November 2026, 09:00 UTC.
var testNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func fixedClock() time.Time { return testNow }

// harness drives a Model the way the program does, but synchronously: each
// command runs at once and its message goes back through Update.
type harness struct {
	t     *testing.T
	m     Model
	store *fakeStore
	quit  bool
}

func newHarness(t *testing.T, st *fakeStore, w, h int) *harness {
	t.Helper()
	return newHarnessWith(t, Options{Store: st, Now: fixedClock}, w, h)
}

// newHarnessWith is newHarness with options of the test's own (settings).
func newHarnessWith(t *testing.T, opts Options, w, h int) *harness {
	t.Helper()
	st := opts.Store.(*fakeStore)
	m := New(opts)
	m.poll = 0 // the tests send pollMsg themselves
	hs := &harness{t: t, m: m, store: st}
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(m.Init())
	return hs
}

func newDemoHarness(t *testing.T, w, h int) *harness {
	t.Helper()
	return newHarness(t, newFakeStore(DemoApplications(testNow)...), w, h)
}

func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	next, cmd := h.m.Update(msg)
	h.m = next.(Model)
	h.run(cmd)
}

func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	if cmd == nil {
		return
	}
	msg := cmd()
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c)
		}
	case tea.QuitMsg:
		h.quit = true
	default:
		h.send(msg)
	}
}

// press types keys: "j", "enter", "ctrl+s", or any text, one key per rune.
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		for _, msg := range keyMsgs(k) {
			h.send(msg)
		}
	}
}

var namedKeys = map[string]tea.Key{
	"enter":     {Code: tea.KeyEnter},
	"esc":       {Code: tea.KeyEscape},
	"tab":       {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
	"up":        {Code: tea.KeyUp},
	"down":      {Code: tea.KeyDown},
	"left":      {Code: tea.KeyLeft},
	"right":     {Code: tea.KeyRight},
	"home":      {Code: tea.KeyHome},
	"end":       {Code: tea.KeyEnd},
	"pgup":      {Code: tea.KeyPgUp},
	"pgdown":    {Code: tea.KeyPgDown},
	"backspace": {Code: tea.KeyBackspace},
	"space":     {Code: tea.KeySpace, Text: " "},
	"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
	"ctrl+s":    {Code: 's', Mod: tea.ModCtrl},
	"ctrl+u":    {Code: 'u', Mod: tea.ModCtrl},
}

func keyMsgs(k string) []tea.KeyPressMsg {
	if nk, ok := namedKeys[k]; ok {
		return []tea.KeyPressMsg{tea.KeyPressMsg(nk)}
	}
	var out []tea.KeyPressMsg
	for _, r := range k {
		out = append(out, tea.KeyPressMsg(tea.Key{Code: r, Text: string(r)}))
	}
	return out
}

// clearField empties the focused text field.
func (h *harness) clearField() {
	h.t.Helper()
	h.press("end", "ctrl+u")
}

// screen is the view as plain text.
func (h *harness) screen() string { return plain(h.m) }

// plain is a model's view as plain text.
func plain(m Model) string { return ansi.Strip(m.View().Content) }

func (h *harness) mustSee(parts ...string) {
	h.t.Helper()
	s := h.screen()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			h.t.Fatalf("the screen does not show %q:\n%s", p, s)
		}
	}
}

func (h *harness) mustNotSee(parts ...string) {
	h.t.Helper()
	s := h.screen()
	for _, p := range parts {
		if strings.Contains(s, p) {
			h.t.Fatalf("the screen shows %q but should not:\n%s", p, s)
		}
	}
}

func (h *harness) selectedPrompt() stages.Prompt {
	h.t.Helper()
	p, ok := h.m.today().selected(h.m.ctx)
	if !ok {
		h.t.Fatal("no prompt selected on Today")
	}
	return p
}

// moveTo puts the Today cursor on the first prompt that matches.
func (h *harness) moveTo(match func(stages.Prompt) bool) stages.Prompt {
	h.t.Helper()
	h.press("g")
	for i := range h.m.ctx.data.actionable {
		if p := h.selectedPrompt(); match(p) {
			return p
		}
		if i < len(h.m.ctx.data.actionable)-1 {
			h.press("j")
		}
	}
	h.t.Fatal("no matching prompt on Today")
	return stages.Prompt{}
}

var errDiskFull = errors.New("disk full")

// app builds a valid application interviewed daysAgo days before testNow at 14:00.
func testApp(t *testing.T, company, process string, daysAgo int, people []string, recruiter string) stages.Application {
	t.Helper()
	d := stages.DateOf(testNow).AddDays(-daysAgo)
	at := time.Date(d.Year, d.Month, d.Day, 14, 0, 0, 0, time.UTC)
	a, err := stages.NewApplication(company, "Engineer", process, at, people, recruiter, stages.Date{}, at)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func thanksEvent(person string, daysAgo int) stages.Event {
	return stages.Event{Kind: stages.EvThanks, Person: person, At: testNow.AddDate(0, 0, -daysAgo)}
}

func noteEvent(note string, daysAgo int) stages.Event {
	return stages.Event{Kind: stages.EvNote, Note: note, At: testNow.AddDate(0, 0, -daysAgo)}
}

// screenID names the screen shown, for tests.
type screenID int

const (
	screenToday screenID = iota
	screenApps
	screenOffers
	screenStats
	screenDetail
)

// screen is the screen shown.
func (m Model) screen() screenID {
	switch m.active().(type) {
	case *appsModel:
		return screenApps
	case *offersModel:
		return screenOffers
	case *statsModel:
		return screenStats
	case *detailModel:
		return screenDetail
	}
	return screenToday
}

// tabOf is the tab screen of type T.
func tabOf[T tabScreen](m Model) T {
	for _, t := range m.tabs {
		if s, ok := t.(T); ok {
			return s
		}
	}
	panic("no such tab")
}

func (m Model) today() *todayModel   { return tabOf[*todayModel](m) }
func (m Model) apps() *appsModel     { return tabOf[*appsModel](m) }
func (m Model) offers() *offersModel { return tabOf[*offersModel](m) }
func (m Model) stats() *statsModel   { return tabOf[*statsModel](m) }

// detail is the application shown in full (an empty one when none is).
func (m Model) detail() *detailModel {
	if d, ok := m.page.(*detailModel); ok {
		return d
	}
	return &detailModel{}
}

// dayPrompts is the day's prompts of the applications under the default
// settings, with dates in now's zone.
func dayPrompts(apps []stages.Application, global []stages.Event, now time.Time) []stages.Prompt {
	return stages.NewEngine(nil, now.Location()).Day(now, apps, global, len(apps) > 0)
}
