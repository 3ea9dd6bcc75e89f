package tui

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"afterview/internal/gen"
	"afterview/stages"
)

// activeFakeStore is a fakeStore that can also read in stages, as
// store.Store does through main's adapter: the first screen, then the
// active applications. snapErr, when set, makes the next full Snapshot
// fail; activeErr the next Active.
type activeFakeStore struct {
	*fakeStore
	snapErr, activeErr error
	firsts, actives    int
	// duringSnapshot, when set, runs inside the next full Snapshot, before
	// it reads: a write by another process meanwhile.
	duringSnapshot func()
	// firstApps is what the last FirstScreen read: the applications'
	// ids, in order.
	firstApps []uint64
}

func (s *activeFakeStore) FirstScreen(now time.Time, n int) (stages.FirstScreen, error) {
	s.firsts++
	rev, err := s.fakeStore.Revision()
	if err != nil {
		return stages.FirstScreen{}, err
	}
	all, global, _ := s.fakeStore.Snapshot()
	ps := dayPrompts(all, global, now)
	fs := stages.FirstScreen{Revision: rev, Prompts: stages.Actionable(ps), Global: global, Empty: len(all) == 0}
	for i := range ps {
		if ps[i].Status == stages.Upcoming {
			fs.Next = &ps[i]
			break
		}
	}
	if len(fs.Prompts) == 0 && fs.Next != nil {
		fs.Prompts, fs.All = ps, true
	}
	need := map[uint64]bool{}
	for _, p := range fs.Prompts {
		if p.Status == stages.Upcoming || n == 0 {
			continue
		}
		n--
		need[p.AppID] = true
		for _, o := range p.About {
			need[o.App] = true
		}
	}
	s.firstApps = nil
	for _, a := range all {
		if need[a.ID] {
			fs.Apps = append(fs.Apps, a)
			s.firstApps = append(s.firstApps, a.ID)
		}
		if !a.Closed() {
			fs.Open++
		}
		if a.OfferOpen(nil) {
			fs.Offers++
		}
	}
	return fs, nil
}

func (s *activeFakeStore) Active(now time.Time) (stages.ActiveDay, error) {
	s.actives++
	if err := s.activeErr; err != nil {
		s.activeErr = nil
		return stages.ActiveDay{}, err
	}
	rev, err := s.fakeStore.Revision()
	if err != nil {
		return stages.ActiveDay{}, err
	}
	all, global, _ := s.fakeStore.Snapshot()
	var active []stages.Application
	for _, a := range all {
		if last, forever := a.PromptsUntil(); forever || !last.Before(stages.DateOf(now)) {
			active = append(active, a)
		}
	}
	return stages.ActiveDay{Apps: active, Global: global, Empty: len(all) == 0, All: len(active) == len(all),
		Prompts: dayPrompts(all, global, now), Revision: rev}, nil
}

func (s *activeFakeStore) Snapshot() ([]stages.Application, []stages.Event, error) {
	if err := s.snapErr; err != nil {
		s.snapErr = nil
		return nil, nil, err
	}
	if f := s.duringSnapshot; f != nil {
		s.duringSnapshot = nil
		f()
	}
	return s.fakeStore.Snapshot()
}

// startPartial builds the TUI on st and runs only its first load: the model
// shows the first screen's snapshot, and next is the command it asked for
// after it (the next stage).
func startPartial(t *testing.T, st Store, w, h int) (m Model, next tea.Cmd) {
	t.Helper()
	m, msg := firstLoad(t, st, w, h)
	if _, ok := msg.(dataMsg); !ok {
		t.Fatalf("the first load answered %T, not data", msg)
	}
	up, next := m.Update(msg)
	return up.(Model), next
}

// startPartialMsg is startPartial for a first load that may answer with
// an error rather than data.
func startPartialMsg(t *testing.T, st Store, w, h int) (m Model, next tea.Cmd) {
	t.Helper()
	m, msg := firstLoad(t, st, w, h)
	up, next := m.Update(msg)
	return up.(Model), next
}

// firstLoad builds the TUI on st at w x h and runs its first load's
// command, returning the model before that answer and the answer.
func firstLoad(t *testing.T, st Store, w, h int) (Model, tea.Msg) {
	t.Helper()
	m := New(Options{Store: st, Now: fixedClock})
	m.poll = 0
	up, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	batch, ok := up.(Model).Init()().(tea.BatchMsg)
	if !ok || len(batch) == 0 {
		t.Fatal("Init did not return a batch with the load first")
	}
	return up.(Model), batch[0]()
}

// nextStage runs the next stage of a load and gives the model its answer.
func nextStage(t *testing.T, m Model, next tea.Cmd) (Model, tea.Cmd) {
	t.Helper()
	if next == nil {
		t.Fatal("no next stage asked for")
	}
	return update(t, m, next())
}

func update(t *testing.T, m Model, msg tea.Msg) (Model, tea.Cmd) {
	t.Helper()
	up, cmd := m.Update(msg)
	return up.(Model), cmd
}

// screens draws the four tabs, in turn, as the user sees them (Stats once
// its figures are in).
func screens(t *testing.T, m Model) []string {
	t.Helper()
	var out []string
	for _, k := range "1234" {
		var cmd tea.Cmd
		m, cmd = update(t, m, tea.KeyPressMsg(tea.Key{Code: k, Text: string(k)}))
		if cmd != nil {
			m, _ = update(t, m, cmd())
		}
		out = append(out, plain(m))
	}
	return out
}

// stagedSets are the data sets the staged loads are checked on: the demo, a
// generated history (3% open), a generated set all open, whose to-do list
// is longer than the first load reads the applications of, and three
// applications with nothing to do today, whose screen lists what comes.
func stagedSets(t *testing.T) map[string][]stages.Application {
	var idle []stages.Application
	for _, company := range []string{"Acme", "Globex", "Initech"} {
		a := testApp(t, company, "standard", 3, []string{"Ana Lee"}, "")
		for _, e := range []stages.Event{thanksEvent("Ana Lee", 3), noteEvent("went well", 3)} {
			if err := a.Apply(nil, e); err != nil {
				t.Fatal(err)
			}
		}
		idle = append(idle, a)
	}
	return map[string][]stages.Application{
		"demo":     DemoApplications(testNow),
		"600":      gen.Applications(gen.Options{N: 600, Seed: 7, Now: testNow}),
		"all-open": gen.Applications(gen.Options{N: 150, Seed: 7, Now: testNow, AllOpen: true}),
		"idle":     idle,
	}
}

// The first screen comes from the day's prompts and the applications of
// the first to-dos alone, and is the very same Today as the one the whole
// history gives; each stage that follows keeps it so, and the last ends
// with every screen as a full load draws it.
func TestTodayDrawsFirstFromThePrompts(t *testing.T) {
	for name, apps := range stagedSets(t) {
		for _, size := range [][2]int{{100, 30}, {80, 24}} {
			t.Run(fmt.Sprintf("%s/%dx%d", name, size[0], size[1]), func(t *testing.T) {
				st := &activeFakeStore{fakeStore: newFakeStore(apps...)}
				m, next := startPartial(t, st, size[0], size[1])
				if st.firsts != 1 || st.actives != 0 {
					t.Fatalf("the first load read the first screen %d times and the active set %d times, want 1 and 0", st.firsts, st.actives)
				}
				d := m.ctx.data
				if d.level != levelPrompts || len(d.apps) >= len(apps) {
					t.Fatalf("the first snapshot holds %d of %d applications (level %d): want the first to-dos' only", len(d.apps), len(apps), d.level)
				}
				full := newHarness(t, newFakeStore(apps...), size[0], size[1])
				want := full.screen()
				if name == "idle" && (!strings.Contains(want, "All done for today") || !strings.Contains(want, "Coming up")) {
					t.Fatalf("the idle set has something to do today, or nothing coming:\n%s", want)
				}
				if first := plain(m); first != want {
					t.Fatalf("Today from the prompts differs from Today from everything:\n--- prompts first\n%s\n--- all\n%s", first, want)
				}
				m, next = nextStage(t, m, next)
				if m.ctx.data.level == levelPrompts || st.actives != 1 {
					t.Fatalf("the second stage is at level %d after %d reads of the active set", m.ctx.data.level, st.actives)
				}
				if got := plain(m); got != want {
					t.Fatalf("Today from the active set differs from Today from everything:\n--- active\n%s\n--- all\n%s", got, want)
				}
				if next != nil {
					m, next = nextStage(t, m, next)
				}
				if !m.ctx.data.complete() || m.loading || next != nil {
					t.Fatalf("after the last stage: level %d, loading %v, another stage %v", m.ctx.data.level, m.loading, next != nil)
				}
				got, wantAll := screens(t, m), screens(t, full.m)
				for i := range got {
					if got[i] != wantAll[i] {
						t.Fatalf("screen %d after the staged load differs from a full load's:\n--- staged\n%s\n--- full\n%s", i+1, got[i], wantAll[i])
					}
				}
			})
		}
	}
}

// Before the applications are in, every action on one that is not loaded
// says so and does nothing; on a loaded one it works; once they are in,
// it works everywhere.
func TestActionsWaitForTheirApplication(t *testing.T) {
	apps := stagedSets(t)["all-open"]
	st := &activeFakeStore{fakeStore: newFakeStore(apps...)}
	m, next := startPartial(t, st, 100, 30)
	d := m.ctx.data
	if len(d.actionable) <= firstScreenApps {
		t.Fatalf("only %d to-dos: the set is too small to leave any application unloaded", len(d.actionable))
	}
	// The first to-do whose application is not loaded.
	at := -1
	for i, p := range d.actionable {
		if _, ok := d.app(p.AppID); !ok && p.AppID != 0 {
			at = i
			break
		}
	}
	if at < firstScreenApps {
		t.Fatalf("the first to-do whose application is not loaded is number %d", at+1)
	}
	m.today().setCursor(m.ctx, at)
	p, _ := m.today().selected(m.ctx)
	if s := plain(m); !strings.Contains(s, "Loading "+p.Company+"'s application…") {
		t.Fatalf("the preview of a to-do whose application is not loaded does not say so:\n%s", s)
	}
	for _, k := range []tea.Key{{Code: 'x', Text: "x"}, {Code: 'z', Text: "z"}, {Code: 'd', Text: "d"}, {Code: 'c', Text: "c"},
		{Code: 'E', Text: "E"}, {Code: tea.KeyEnter}, {Code: 'l', Text: "l"}, {Code: 'e', Text: "e"}} {
		var cmd tea.Cmd
		m, cmd = update(t, m, tea.KeyPressMsg(k))
		if cmd != nil {
			t.Fatalf("%s on a to-do whose application is not loaded asked for a command", k.String())
		}
		if s := plain(m); !strings.Contains(s, "still loading") || m.page != nil || m.form != nil {
			t.Fatalf("%s on a to-do whose application is not loaded:\n%s", k.String(), s)
		}
	}
	// Z opens its form; saving says to try again, and keeps what was typed.
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: 'Z', Text: "Z"}))
	if m.form == nil {
		t.Fatal("Z did not open the snooze form")
	}
	m, cmd := update(t, m, tea.KeyPressMsg(tea.Key{Code: 's', Mod: tea.ModCtrl}))
	if cmd != nil || m.form == nil || !strings.Contains(plain(m), "still loading") {
		t.Fatalf("saving a snooze of an application not loaded:\n%s", plain(m))
	}
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: tea.KeyEscape}))
	if st.writes != 0 {
		t.Fatalf("%d writes on an application not loaded", st.writes)
	}
	// The first to-do's application is loaded: x works on it now.
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: 'g', Text: "g"}))
	// (An offer deadline, first of all by rule 19, asks for the answer in
	// a form first.)
	if after, cmd := update(t, m, tea.KeyPressMsg(tea.Key{Code: 'x', Text: "x"})); cmd == nil && after.form == nil {
		t.Fatal("x on the first to-do, whose application is loaded, did nothing")
	}
	// Its page needs its upcoming prompts too, which come next.
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: tea.KeyEnter}))
	if s := plain(m); m.page == nil || !strings.Contains(s, "Loading the application…") {
		t.Fatalf("the page of an application whose upcoming prompts are not loaded:\n%s", s)
	}
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: tea.KeyEscape}))
	// Offers and Applications say they are loading; the keys typed there
	// wait for them, in order, and are carried out when they arrive.
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: '3', Text: "3"}))
	if s := plain(m); !strings.Contains(s, "Loading the offers…") || !strings.Contains(s, "Offers 4") {
		t.Fatalf("Offers before they are loaded:\n%s", s)
	}
	for _, k := range []tea.Key{{Code: tea.KeyEnter}, {Code: 'q', Text: "q"}} {
		_, cmd := update(t, m, tea.KeyPressMsg(k))
		if k.Code == 'q' && (cmd == nil || cmd() != tea.Quit()) {
			t.Fatal("q does not quit while a screen loads")
		}
	}
	for _, k := range []tea.Key{{Code: tea.KeyEnter}, {Code: tea.KeyEscape}, {Code: '2', Text: "2"}, {Code: 'j', Text: "j"}, {Code: tea.KeyEnter}} {
		m, _ = update(t, m, tea.KeyPressMsg(k))
	}
	if s := plain(m); m.page != nil || m.screen() != screenOffers || !strings.Contains(s, "loading… the keys you type wait for it") {
		t.Fatalf("keys typed on Offers before they are loaded:\n%s", s)
	}
	m, _ = nextStage(t, m, next)
	if m.screen() != screenDetail || m.apps().cursor != 1 || len(m.held) != 0 {
		t.Fatalf("the keys typed while loading were not carried out once loaded (screen %d, cursor %d):\n%s", m.screen(), m.apps().cursor, plain(m))
	}
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: tea.KeyEscape}))
	// The active set is in: the to-do whose application was not loaded acts.
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: '1', Text: "1"}))
	for i, q := range m.ctx.data.actionable {
		if q.AppID == p.AppID && q.Key == p.Key {
			m.today().setCursor(m.ctx, i)
		}
	}
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: tea.KeyEnter}))
	if m.page == nil {
		t.Fatalf("enter did not open the application once loaded:\n%s", plain(m))
	}
}

// A write's reload comes in stages too: Today shows the change from the
// first; a screen that needs more keeps its complete older snapshot until
// the stage it needs is in; the stages of a load overtaken by a newer one
// stop.
func TestReloadInStages(t *testing.T) {
	st := &activeFakeStore{fakeStore: newFakeStore(DemoApplications(testNow)...)}
	h := &harness{t: t, m: New(Options{Store: st, Now: fixedClock}), store: st.fakeStore}
	h.m.poll = 0
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.run(h.m.Init())
	if !h.m.ctx.data.complete() || st.firsts != 1 {
		t.Fatalf("after start: level %d, %d first screens", h.m.ctx.data.level, st.firsts)
	}
	before := len(h.m.ctx.data.actionable)
	m, cmd := update(t, h.m, tea.KeyPressMsg(tea.Key{Code: 'x', Text: "x"}))
	m, reload := update(t, m, cmd()) // saved: the reload starts
	m, next := update(t, m, reload())
	if m.ctx.data.level != levelPrompts || len(m.ctx.data.actionable) != before-1 {
		t.Fatalf("the reload's first stage: level %d, %d to-dos, want %d", m.ctx.data.level, len(m.ctx.data.actionable), before-1)
	}
	// An outside write while the Applications list is up: the first stage
	// waits, the list stays whole.
	for next != nil {
		m, next = nextStage(t, m, next)
	}
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: '2', Text: "2"}))
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: 'c', Text: "c"}))
	if !m.ctx.data.complete() {
		t.Fatal("the load did not finish")
	}
	shown := plain(m)
	if _, err := st.Log(1, stages.Event{Kind: stages.EvNote, Note: "from the shell", At: testNow}); err != nil {
		t.Fatal(err)
	}
	m, reload = update(t, m, revisionMsg{rev: st.rev})
	stale := reload
	m, reload = update(t, m, revisionMsg{rev: st.rev}) // ignored: a load is under way
	if reload != nil {
		t.Fatal("a second load started while one was under way")
	}
	m, next = update(t, m, stale())
	if m.pending == nil || plain(m) != shown {
		t.Fatalf("the Applications list with closed ones shown went partial:\n%s", plain(m))
	}
	// A write overtakes this load: its next stage is dropped.
	m.loadGen++
	if m2, more := update(t, m, next()); more != nil || m2.ctx.data != m.ctx.data {
		t.Fatal("a stage of an overtaken load was shown or went on")
	}
	m.loadGen--
	// So is its failure: the newer load is still under way.
	if m2, _ := update(t, m, errMsg{err: errDiskFull, doing: "loading applications", read: true, load: true, gen: m.loadGen - 1}); !m2.loading || m2.statusErr {
		t.Fatalf("a failed stage of an overtaken load stopped the newer one (loading %v, status %q)", m2.loading, m2.status)
	}
	m, next = nextStage(t, m, next)
	if m.pending == nil || plain(m) != shown {
		t.Fatal("the active set was shown under closed applications")
	}
	// Today is another screen: the pending snapshot fits it.
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: '1', Text: "1"}))
	if m.pending != nil || m.ctx.data.level != levelActive {
		t.Fatalf("Today did not take the newer snapshot (level %d)", m.ctx.data.level)
	}
	m, _ = nextStage(t, m, next)
	if !m.ctx.data.complete() || m.loading {
		t.Fatal("the reload did not end with everything")
	}

	// An application's page keeps its complete snapshot through a
	// reload's first stage (which lists only its to-dos) and takes the
	// active set, which holds it whole.
	m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: tea.KeyEnter}))
	page := plain(m)
	if m.page == nil || !strings.Contains(page, "TIMELINE") {
		t.Fatalf("enter did not open the application:\n%s", page)
	}
	id := m.page.(*detailModel).appID
	if _, err := st.Log(id, stages.Event{Kind: stages.EvNote, Note: "noted in the shell", At: testNow}); err != nil {
		t.Fatal(err)
	}
	m, reload = update(t, m, revisionMsg{rev: st.rev})
	m, next = update(t, m, reload())
	if m.pending == nil || plain(m) != page {
		t.Fatalf("the page went partial on a reload's first stage:\n%s", plain(m))
	}
	m, _ = nextStage(t, m, next)
	a, ok := m.ctx.data.app(id)
	if m.pending != nil || m.ctx.data.level != levelActive || !ok || a.Events[len(a.Events)-1].Note != "noted in the shell" || m.page == nil {
		t.Fatalf("the page did not take the active set with the change:\n%s", plain(m))
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
		if err := recent.Apply(nil, e); err != nil {
			t.Fatal(err)
		}
	}
	st := &activeFakeStore{fakeStore: newFakeStore(append(DemoApplications(testNow), recent)...)}
	m, next := startPartial(t, st, 100, 30)
	m, next = nextStage(t, m, next)

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
// The same when the active applications fail to load: the poll goes on
// from the stage shown.
func TestHistoryLoadFailureIsRetried(t *testing.T) {
	st := &activeFakeStore{fakeStore: newFakeStore(DemoApplications(testNow)...), snapErr: errDiskFull, activeErr: errDiskFull}
	m, next := startPartial(t, st, 100, 30)
	poll := func(m Model) (Model, tea.Cmd) {
		t.Helper()
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
		return update(t, m, msg)
	}
	for _, level := range []loadLevel{levelPrompts, levelActive} {
		if next != nil {
			m, next = update(t, m, next())
		}
		s := plain(m)
		if !strings.Contains(s, "disk full") || !strings.Contains(s, "to do") || next != nil {
			t.Fatalf("after a failed load the screen should keep Today and name the error:\n%s", s)
		}
		if m.ctx.data.level != level {
			t.Fatalf("the snapshot at level %d was taken for level %d", level, m.ctx.data.level)
		}
		// With no load under way, keys are not held for one: the user
		// can leave a screen that waits for the failed part.
		m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: '3', Text: "3"}))
		m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: '1', Text: "1"}))
		if m.screen() != screenToday || len(m.held) != 0 {
			t.Fatalf("after a failed load the keys were held (screen %d, %d held)", m.screen(), len(m.held))
		}
		if level == levelPrompts {
			// The list is not loaded: every key of its screen says so, the
			// filter's too, rather than act on none of it.
			m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: '2', Text: "2"}))
			for _, k := range []tea.Key{{Code: '/', Text: "/"}, {Code: tea.KeyEnter}} {
				m, _ = update(t, m, tea.KeyPressMsg(k))
				if s := plain(m); !strings.Contains(s, "still loading") || m.page != nil || m.focus() != focusScreen {
					t.Fatalf("%s on the Applications list not loaded:\n%s", k.String(), s)
				}
			}
			m, _ = update(t, m, tea.KeyPressMsg(tea.Key{Code: '1', Text: "1"}))
		}
		m, next = poll(m)
	}
	if !m.ctx.data.complete() {
		t.Fatalf("the poll's load did not bring the whole history (level %d)", m.ctx.data.level)
	}
}

// When the very first load fails, the screen names the error and keys
// neither act on missing data nor wait for ever; the poll loads again.
func TestFirstLoadFailure(t *testing.T) {
	fs := newFakeStore(DemoApplications(testNow)...)
	fs.readFail = errDiskFull
	m, next := startPartialMsg(t, &activeFakeStore{fakeStore: fs}, 100, 30)
	if next != nil || m.ctx.data != nil || m.loading {
		t.Fatalf("a failed first load: data %v, loading %v, another stage %v", m.ctx.data != nil, m.loading, next != nil)
	}
	for _, k := range []tea.Key{{Code: 'j', Text: "j"}, {Code: tea.KeyEnter}, {Code: '2', Text: "2"}, {Code: 'x', Text: "x"}} {
		m, _ = update(t, m, tea.KeyPressMsg(k))
	}
	if s := plain(m); !strings.Contains(s, "disk full") && !strings.Contains(s, "Could not read") {
		t.Fatalf("a failed first load does not say why:\n%s", s)
	}
	m, cmd := update(t, m, pollMsg{})
	for cmd != nil {
		msg := cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				if c != nil {
					msg = c()
				}
			}
		}
		m, cmd = update(t, m, msg)
	}
	if m.ctx.data == nil || !m.ctx.data.complete() {
		t.Fatal("the poll after a failed first load did not load")
	}
	if fs.writes != 0 || len(m.held) != 0 {
		t.Fatalf("keys typed after the failed load acted later: %d writes, %d held", fs.writes, len(m.held))
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
	m, next = nextStage(t, m, next)
	if !m.ctx.data.complete() || m.loading {
		t.Fatalf("all %d applications active, yet level %d, loading %v", len(open), m.ctx.data.level, m.loading)
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

// Options.Shown is called once, with the first screen's data, not again
// on the stages and reloads that follow.
func TestShownOnceWithTheFirstData(t *testing.T) {
	st := &activeFakeStore{fakeStore: newFakeStore(DemoApplications(testNow)...)}
	shown := 0
	h := &harness{t: t, m: New(Options{Store: st, Now: fixedClock, Shown: func() { shown++ }}), store: st.fakeStore}
	h.m.poll = 0
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	if shown != 0 {
		t.Fatalf("Shown called %d times before any data", shown)
	}
	h.run(h.m.Init())
	if shown != 1 || !h.m.ctx.data.complete() {
		t.Fatalf("after start: Shown called %d times", shown)
	}
	m, cmd := update(t, h.m, tea.KeyPressMsg(tea.Key{Code: 'x', Text: "x"}))
	m, reload := update(t, m, cmd())
	update(t, m, reload())
	if shown != 1 {
		t.Fatalf("after a reload: Shown called %d times", shown)
	}
}

// A load works the day's prompts out once: the full snapshot keeps the
// active stage's (the store's) when nothing was written since, and works
// them out again when something was, even while the snapshot was read.
func TestTheHistoryStageKeepsTheDaysPrompts(t *testing.T) {
	st := &activeFakeStore{fakeStore: newFakeStore(DemoApplications(testNow)...)}
	fullAfter := func(t *testing.T) (active, full *data) {
		t.Helper()
		set, err := st.Active(testNow)
		if err != nil {
			t.Fatal(err)
		}
		active = newActiveData(set, testNow, nil)
		msg, ok := loadCmd(st, fixedClock, nil, 0, active)().(dataMsg)
		if !ok || len(active.prompts) == 0 || !msg.d.complete() {
			t.Fatalf("no full snapshot after the active one (%d prompts)", len(active.prompts))
		}
		return active, msg.d
	}
	active, full := fullAfter(t)
	if &full.prompts[0] != &active.prompts[0] {
		t.Fatal("the full snapshot worked the day's prompts out again, though nothing was written")
	}
	st.duringSnapshot = func() {
		if err := st.LogGlobal(stages.Event{Kind: stages.EvNote, At: testNow, Note: "written meanwhile"}); err != nil {
			t.Fatal(err)
		}
	}
	active, full = fullAfter(t)
	apps, global, _ := st.Snapshot()
	if &full.prompts[0] == &active.prompts[0] || !reflect.DeepEqual(full.prompts, enginePrompts(stages.NewEngine(nil, testNow.Location()), apps, global, testNow, false)) {
		t.Fatal("the full snapshot kept the prompts of the revision before a write made while it was read")
	}
}
