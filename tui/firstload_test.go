package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"afterview/stages"
)

// activeFakeStore is a fakeStore that can also read the active applications
// alone, as store.Store does through main's adapter. snapErr, when set, makes
// the next full Snapshot fail.
type activeFakeStore struct {
	*fakeStore
	snapErr error
	actives int
}

func (s *activeFakeStore) Active(day stages.Date) (ActiveSet, error) {
	s.actives++
	all, global, err := s.fakeStore.Snapshot()
	var active []stages.Application
	for _, a := range all {
		if last, forever := a.PromptsUntil(); forever || !last.Before(day) {
			active = append(active, a)
		}
	}
	return ActiveSet{Apps: active, Global: global, Empty: len(all) == 0, All: len(active) == len(all)}, err
}

func (s *activeFakeStore) Snapshot() ([]stages.Application, []stages.Event, error) {
	if err := s.snapErr; err != nil {
		s.snapErr = nil
		return nil, nil, err
	}
	return s.fakeStore.Snapshot()
}

// startPartial builds the TUI on st and runs only its first load: the model
// shows the partial snapshot, and next is the command it asked for after it.
func startPartial(t *testing.T, st Store, w, h int) (m Model, next tea.Cmd) {
	t.Helper()
	m = New(Options{Store: st, Now: fixedClock})
	m.poll = 0
	up, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	batch, ok := up.(Model).Init()().(tea.BatchMsg)
	if !ok || len(batch) == 0 {
		t.Fatal("Init did not return a batch with the load first")
	}
	msg, ok := batch[0]().(dataMsg)
	if !ok {
		t.Fatalf("the first load answered %T, not data", msg)
	}
	up, next = up.Update(msg)
	return up.(Model), next
}

func update(t *testing.T, m Model, msg tea.Msg) (Model, tea.Cmd) {
	t.Helper()
	up, cmd := m.Update(msg)
	return up.(Model), cmd
}

func plain(m Model) string { return ansi.Strip(m.View().Content) }

// The first screen comes from the active applications alone, and is the same
// Today as the one the whole history gives; the rest of the history follows.
func TestTodayDrawsFirstFromTheActiveApplications(t *testing.T) {
	demo := DemoApplications(testNow)
	st := &activeFakeStore{fakeStore: newFakeStore(demo...)}
	m, next := startPartial(t, st, 100, 30)
	if st.actives != 1 {
		t.Fatalf("the first load read the active applications %d times, want 1", st.actives)
	}
	d := m.ctx.data
	if !d.partial || len(d.apps) >= len(demo) || len(d.apps) == 0 {
		t.Fatalf("the first snapshot holds %d of %d applications (partial %v): want the active ones only", len(d.apps), len(demo), d.partial)
	}
	first := plain(m)

	full := newHarness(t, newFakeStore(demo...), 100, 30)
	if want := full.screen(); first != want {
		t.Fatalf("Today from the active applications differs from Today from all of them:\n--- active first\n%s\n--- all\n%s", first, want)
	}
	if next == nil {
		t.Fatal("after the partial snapshot the TUI did not load the rest")
	}
	m, _ = update(t, m, next())
	if m.ctx.data.partial || len(m.ctx.data.apps) != len(demo) {
		t.Fatalf("after the second load: partial %v, %d applications, want all %d", m.ctx.data.partial, len(m.ctx.data.apps), len(demo))
	}
	if m.loading {
		t.Fatal("still loading after the full snapshot")
	}
}

// Until the history is in, the other screens say so rather than show a part
// of it as if it were all.
func TestScreensWhileTheHistoryLoads(t *testing.T) {
	// A Netflix process rejected last week is active (its after-rejection
	// prompts still show); the one 240 days ago is not. A usual answer time
	// from the loaded one alone would be a wrong figure.
	recent := testApp(t, "Netflix", "netflix", 12, []string{"Ana Lee"}, "")
	for _, e := range []stages.Event{
		{Kind: stages.EvHeard, At: testNow.AddDate(0, 0, -8)},
		{Kind: stages.EvOutcome, Outcome: stages.Rejected, At: testNow.AddDate(0, 0, -6)},
	} {
		if err := recent.Apply(e); err != nil {
			t.Fatal(err)
		}
	}
	st := &activeFakeStore{fakeStore: newFakeStore(append(DemoApplications(testNow), recent)...)}
	m, next := startPartial(t, st, 100, 30)

	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: tea.KeyTab}))
	apps := plain(m)
	if !strings.Contains(apps, "closed ones loading…") || strings.Contains(apps, "closed hidden") {
		t.Fatalf("the Applications screen does not say the closed ones are loading:\n%s", apps)
	}
	// Asking for the closed ones now shows none of the few loaded so far.
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: 'c', Text: "c"}))
	for _, r := range m.apps().rows {
		if m.ctx.data.apps[r].Closed() {
			t.Fatalf("a closed application (%s) is listed from the partial snapshot", m.ctx.data.apps[r].Company)
		}
	}
	// The usual answer time needs the earlier Netflix process, not loaded yet.
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: tea.KeyEnter}))
	if s := plain(m); strings.Contains(s, "usually answers") {
		t.Fatalf("a usual answer time from a partial history:\n%s", s)
	}
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: tea.KeyEscape}))

	m, cmd := update(t, m, tea.KeyPressMsg(tea.Key{Code: '4', Text: "4"}))
	if m.screen() != screenStats {
		t.Fatalf("4 opened screen %d, not Stats", m.screen())
	}
	if cmd != nil {
		t.Fatal("the Stats screen started counting a partial history")
	}
	if s := plain(m); !strings.Contains(s, "Counting…") {
		t.Fatalf("the Stats screen does not say it is counting:\n%s", s)
	}

	// The history arrives: the open screen counts it, and the closed ones list.
	m, cmd = update(t, m, next())
	if cmd == nil {
		t.Fatal("the full snapshot did not start the Stats figures")
	}
	m, _ = update(t, m, cmd())
	if s := plain(m); strings.Contains(s, "Counting…") || !strings.Contains(s, "Netflix") {
		t.Fatalf("the Stats screen after the full snapshot:\n%s", s)
	}
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: '2', Text: "2"}))
	closed := 0
	for _, r := range m.apps().rows {
		if m.ctx.data.apps[r].Closed() {
			closed++
		}
	}
	if closed == 0 {
		t.Fatalf("the closed applications asked for with c are not listed once loaded:\n%s", plain(m))
	}
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: 'g', Text: "g"}))
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: tea.KeyEnter}))
	if s := plain(m); !strings.Contains(s, "usually answers") {
		t.Fatalf("no usual answer time for Netflix once the history is in:\n%s", s)
	}
}

// When the rest of the history fails to load, Today stays, the error shows,
// and the next poll tries again.
func TestHistoryLoadFailureIsRetried(t *testing.T) {
	st := &activeFakeStore{fakeStore: newFakeStore(DemoApplications(testNow)...), snapErr: errDiskFull}
	m, next := startPartial(t, st, 100, 30)
	m, _ = update(t, m, next())
	s := plain(m)
	if !strings.Contains(s, "disk full") || !strings.Contains(s, "to do") {
		t.Fatalf("after a failed history load the screen should keep Today and name the error:\n%s", s)
	}
	if !m.ctx.data.partial {
		t.Fatal("the partial snapshot was taken for the whole")
	}
	m, cmd := update(t, m, pollMsg{})
	if cmd == nil {
		t.Fatal("the poll did not load again")
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			if c != nil {
				msg = c()
			}
		}
	}
	m, _ = update(t, m, msg)
	if m.ctx.data.partial {
		t.Fatalf("the poll's load did not bring the whole history (got %T)", msg)
	}
}

// An empty store still greets a new user when the first load is the active
// set, and a store of closed history alone is not mistaken for an empty one.
func TestPartialSnapshotKnowsAnEmptyStore(t *testing.T) {
	m, _ := startPartial(t, &activeFakeStore{fakeStore: newFakeStore()}, 100, 30)
	if s := plain(m); !strings.Contains(s, "Welcome") {
		t.Fatalf("an empty store does not greet:\n%s", s)
	}
	var old []stages.Application
	for _, a := range DemoApplications(testNow) {
		if last, forever := a.PromptsUntil(); !forever && last.Before(stages.DateOf(testNow)) {
			old = append(old, a)
		}
	}
	if len(old) == 0 {
		t.Fatal("the demo has no application past its prompts")
	}
	m, _ = startPartial(t, &activeFakeStore{fakeStore: newFakeStore(old...)}, 100, 30)
	if s := plain(m); strings.Contains(s, "Welcome") {
		t.Fatalf("a store of closed history greets as if empty:\n%s", s)
	}
}

// When every application is active (all of them open), the first load is the
// whole store: nothing is read twice.
func TestNoHistoryLoadWhenTheActiveSetIsEverything(t *testing.T) {
	var open []stages.Application
	for _, a := range DemoApplications(testNow) {
		if !a.Closed() {
			open = append(open, a)
		}
	}
	st := &activeFakeStore{fakeStore: newFakeStore(open...)}
	m, next := startPartial(t, st, 100, 30)
	if m.ctx.data.partial || m.loading {
		t.Fatalf("all %d applications active, yet partial %v, loading %v", len(open), m.ctx.data.partial, m.loading)
	}
	if next != nil {
		t.Fatalf("a second load after the whole store was read (%T)", next())
	}
	m, cmd := update(t, m, tea.KeyPressMsg(tea.Key{Code: '4', Text: "4"}))
	if cmd == nil {
		t.Fatal("the Stats screen does not count a complete first snapshot")
	}
	m, _ = update(t, m, cmd())
	if s := plain(m); strings.Contains(s, "Counting…") {
		t.Fatalf("the Stats screen after counting:\n%s", s)
	}
}
