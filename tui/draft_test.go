package tui

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"afterview/internal/draft"
	"afterview/internal/tuitest"
	"afterview/stages"
)

// osc52 is the clipboard sequence a terminal receives for text.
func osc52(text string) []byte {
	return []byte("\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)))
}

func thankYouStore(t *testing.T) *fakeStore {
	a := testApp(t, "Globex", "standard", 0, []string{"Ana Lopez"}, "")
	a.Interviewed = testNow.Add(-2 * time.Hour)
	a.Events[0].At = a.Interviewed
	a.KeepAddresses([]stages.Person{{Name: "Ana Lopez", Role: stages.RoleInterviewer, Email: "ana@globex.com"}})
	return newFakeStore(a)
}

// thankYouDraft is the draft the thank-you of thankYouStore reads.
func thankYouDraft(t *testing.T, st *fakeStore, tpl *draft.Templates, me string) draft.Draft {
	t.Helper()
	d, err := tpl.Draft(draft.Input{App: &st.apps[0], Prompt: stages.Prompt{Kind: stages.ThankYou, Person: "Ana Lopez"}, Me: me, Now: testNow})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(d.Body, "Hi Ana,") || !strings.Contains(d.Body, me) || strings.Contains(d.Body, "Subject:") {
		t.Fatalf("the draft to compare with is not the thank-you:\n%s", d.Text())
	}
	return d
}

// c copies the body alone, to paste under the mail's own To and Subject;
// C the whole message with them. The exact OSC 52 sequences are checked.
func TestDraftPaneAndCopy(t *testing.T) {
	st := thankYouStore(t)
	opts := Options{Store: st, Now: fixedClock, Drafts: Drafts{Templates: draft.New(nil, "", sanitize, nil), Me: "Jamie Doe"}}
	tm := tuitest.Start(t, New(opts), 100, 30)
	tuitest.WaitScreen(t, tm, "To: Ana Lopez <ana@globex.com>")
	want := thankYouDraft(t, st, opts.Drafts.Templates, "Jamie Doe")
	tm.Type("c")
	tuitest.WaitOutput(t, tm, []byte("\x1b]52;c;"+base64.StdEncoding.EncodeToString([]byte(want.Body))+"\x07"), "body of the draft")
	tm.Type("C")
	tuitest.WaitOutput(t, tm, osc52(want.Text()), "copied with To and Subject")
	tm.Type("q")
	tuitest.Finish(t, tm)
}

// editorScript is an "editor" that rewrites the greeting, as a user would.
func editorScript(t *testing.T) string {
	t.Helper()
	script := filepath.Join(t.TempDir(), "editor.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nsed -i 's/^Hi Ana,/Dear Ana,/' \"$1\"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	return script
}

// An edit is the prompt's draft from then on: the pane shows it, c copies
// its body, it is kept in the store, and a program started again on the
// same store (a restart) shows it and copies it.
func TestEditedDraftIsKeptAndSurvivesARestart(t *testing.T) {
	st := &keepingStore{fakeStore: thankYouStore(t)}
	opts := Options{Store: st, Now: fixedClock, Drafts: Drafts{Templates: draft.New(nil, "", sanitize, nil), Me: "Jamie Doe", Editor: editorScript(t)}}
	tm := tuitest.Start(t, New(opts), 100, 30)
	tuitest.WaitScreen(t, tm, "To: Ana Lopez <ana@globex.com>")
	tm.Type("E")
	want := thankYouDraft(t, st.fakeStore, opts.Drafts.Templates, "Jamie Doe")
	edited := strings.Replace(want.Body, "Hi Ana,", "Dear Ana,", 1)
	tuitest.WaitOutput(t, tm, osc52(edited), "your edit is kept")
	tm.Type("c")
	tuitest.WaitOutput(t, tm, osc52(edited), "body of the draft")
	tm.Type("q")
	if s := plain(tuitest.Final(t, tm).(Model)); !strings.Contains(s, "· your edit") || !strings.Contains(s, "Dear Ana,") || strings.Contains(s, "Hi Ana,") {
		t.Errorf("the pane does not show the edit:\n%s", s)
	}
	if left, _ := filepath.Glob(filepath.Join(os.TempDir(), "afterview-draft-*.txt")); len(left) > 0 {
		t.Errorf("the draft's file is left behind: %v", left)
	}
	key := "thank_you:ana-lopez"
	if got := st.kept[st.apps[0].ID][key]; got != strings.Replace(want.Text(), "Hi Ana,", "Dear Ana,", 1) {
		t.Fatalf("kept in the store: %q (all: %v)", got, st.kept)
	}

	// A restart: a new program on the same store, no editor this time.
	opts.Drafts.Editor = ""
	tm = tuitest.Start(t, New(opts), 100, 30)
	tuitest.WaitScreen(t, tm, "Dear Ana,")
	tm.Type("c")
	tuitest.WaitOutput(t, tm, osc52(edited), "body of the draft")
	tm.Type("C")
	tuitest.WaitOutput(t, tm, osc52(strings.Replace(want.Text(), "Hi Ana,", "Dear Ana,", 1)), "copied with To and Subject")
	tm.Type("q")
	if s := plain(tuitest.Final(t, tm).(Model)); !strings.Contains(s, "· your edit") || !strings.Contains(s, "Dear Ana,") {
		t.Errorf("after the restart, the pane does not show the edit:\n%s", s)
	}
}

func TestNoDraftForAPromptThatIsNoMessage(t *testing.T) {
	a := testApp(t, "Globex", "standard", 1, nil, "")
	h := newHarness(t, newFakeStore(a), 100, 30)
	if !strings.Contains(h.screen(), "Write down what went well") {
		t.Fatalf("reflect is not selected:\n%s", h.screen())
	}
	if strings.Contains(h.screen(), "draft") {
		t.Errorf("a reflect prompt shows a draft:\n%s", h.screen())
	}
	h.press("c")
	if !strings.Contains(h.screen(), "no draft: reflect is not a message to send") {
		t.Errorf("c on reflect:\n%s", h.screen())
	}
}

func TestDetailListsPeopleWithDetails(t *testing.T) {
	a := testApp(t, "Globex", "standard", 1, []string{"Ana Lopez"}, "Sam Lee")
	now := testNow
	if err := a.SetPerson(nil, stages.Person{Name: "Ana Lopez", Role: stages.RoleInterviewer, Email: "ana@globex.com", TalkedAbout: "the migration project"}, now); err != nil {
		t.Fatal(err)
	}
	if err := a.SetPerson(nil, stages.Person{Name: "Noah Brooks", Role: stages.RoleHiringManager, Phone: "+1 555 0100"}, now); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, newFakeStore(a), 100, 30)
	h.press("enter")
	s := h.screen()
	for _, want := range []string{"✗ Ana Lopez", "interviewer", "ana@globex.com", "the migration project", "Noah Brooks", "hiring manager", "+1 555 0100", "✗ Sam Lee"} {
		if !strings.Contains(s, want) {
			t.Errorf("the detail screen lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "✗ Noah Brooks") {
		t.Errorf("a hiring manager has a thank-you tick:\n%s", s)
	}
}

func TestAddFormTakesNamesWithAddresses(t *testing.T) {
	h := newHarness(t, newFakeStore(), 100, 30)
	h.press("a", "Globex")
	h.focusField("interviewers")
	h.press("Ana Lopez <ana@globex.com>, Bo")
	h.focusField("recruiter")
	h.press("Sam Lee <sam@globex.com>")
	h.press("ctrl+s")
	a := h.store.app(t, "Globex")
	var got []string
	for _, p := range a.Persons() {
		got = append(got, p.Address()+"/"+string(p.Role))
	}
	if strings.Join(got, ", ") != "Ana Lopez <ana@globex.com>/interviewer, Bo/interviewer, Sam Lee <sam@globex.com>/recruiter" {
		t.Errorf("saved people: %q", got)
	}
	// A malformed address stays in the form, with the reason.
	h.press("a", "Initech")
	h.focusField("interviewers")
	h.press("Ana <ana at initech>")
	h.press("ctrl+s")
	h.mustSee("neither a plain name nor a name with an address")
}

func TestPeopleFormOnTheDetailScreen(t *testing.T) {
	a := testApp(t, "Globex", "standard", 1, []string{"Ana Lopez"}, "")
	h := newHarness(t, newFakeStore(a), 100, 30)
	h.press("enter", "p")
	h.mustSee("People · Globex")
	// A new person, with an address in the name.
	h.focusField("name")
	h.press("Noah Brooks <noah@globex.com>")
	h.focusField("role")
	h.press("right", "right") // hiring manager
	h.focusField("talked_about")
	h.press("team lead")
	h.press("ctrl+s")
	got := h.store.app(t, "Globex")
	p, err := got.Person("noah")
	if err != nil || p.Email != "noah@globex.com" || p.Role != stages.RoleHiringManager || p.TalkedAbout != "team lead" {
		t.Fatalf("Noah saved as %+v, %v", p, err)
	}
	// Pick Ana: her details fill the form; add what you talked about.
	h.press("p", "right")
	h.mustNotSee("Name ")
	h.focusField("talked_about")
	h.press("the migration project", "ctrl+s")
	got = h.store.app(t, "Globex")
	if p, _ := got.Person("ana"); p.TalkedAbout != "the migration project" || p.Role != stages.RoleInterviewer {
		t.Errorf("Ana saved as %+v", p)
	}
	// Pick Noah and remove him.
	h.press("p", "right", "right")
	h.focusField("role")
	h.press("right", "right") // other, then remove
	h.press("ctrl+s")
	got = h.store.app(t, "Globex")
	if _, err := got.Person("noah"); err == nil {
		t.Errorf("Noah is still listed after remove: %+v", got.Persons())
	}
}

// refStore is a fake store that keeps references too, as the real one does.
type refStore struct {
	*fakeStore
	refs []stages.Reference
}

func (s refStore) References() ([]stages.Reference, error) { return s.refs, nil }

func TestReferencesOnDetailAndInTheHeadsUpDraft(t *testing.T) {
	a := testApp(t, "Netflix", "netflix", 5, nil, "Sam Lee")
	if err := a.Apply(nil, stages.Event{Kind: stages.EvStage, At: testNow.Add(-24 * time.Hour), Stage: "reference check"}); err != nil {
		t.Fatal(err)
	}
	st := refStore{fakeStore: newFakeStore(a), refs: []stages.Reference{
		{Name: "Maria Gomez", Relation: "former manager at Acme", Email: "maria@acme.com", Given: []uint64{1}},
		{Name: "Zoe Kim", Given: []uint64{7}},
	}}
	m := New(Options{Store: st, Now: fixedClock})
	m.poll = 0
	h := &harness{t: t, m: m, store: st.fakeStore}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.run(m.Init())
	h.mustSee("To: Maria Gomez <maria@acme.com>")
	h.mustSee("Hi Maria,")
	h.press("enter")
	h.mustSee("REFERENCES")
	h.press("G") // the section is below the fold
	h.mustSee("Maria Gomez (former manager at Acme) · maria@acme.com")
	h.mustNotSee("Zoe Kim")
}

func TestBrokenTemplateShowsInThePane(t *testing.T) {
	user := fstest.MapFS{"thank_you.tmpl": {Data: []byte("Subject: hi\n\n{{.Nope}}\n")}}
	m := New(Options{Store: thankYouStore(t), Now: fixedClock, Drafts: Drafts{Templates: draft.New(user, "/cfg/afterview/templates", sanitize, nil)}})
	m.poll = 0
	h := &harness{t: t, m: m, store: nil}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.run(m.Init())
	h.mustSee("Globex · thank-you · no draft")
	h.mustSee("/cfg/afterview/templates/thank_you.tmpl:3:")
	h.press("c")
	h.mustSee("/cfg/afterview/templates/thank_you.tmpl:3:")
}

// slowTemplate loops without writing for several times draft.MaxTime (the
// nested range of the README's bomb, shortened so that it ends: text/
// template cannot be stopped, and a loop of 100000 x 100000 would keep a
// processor of the test binary busy for minutes after the test).
const slowTemplate = "Subject: hi\n\n{{range 3000}}{{range 100000}}{{end}}{{end}}\n"

// A template of the user's own that never ends renders off the event loop:
// the pane says it is rendering, and q quits at once, long before the
// draft's time limit.
func TestRunawayTemplateLeavesTheKeysWorking(t *testing.T) {
	user := fstest.MapFS{"thank_you.tmpl": {Data: []byte(slowTemplate)}}
	opts := Options{Store: thankYouStore(t), Now: fixedClock, Drafts: Drafts{Templates: draft.New(user, "/cfg/afterview/templates", nil, nil)}}
	tm := tuitest.Start(t, New(opts), 100, 30)
	tuitest.WaitScreen(t, tm, "rendering its draft…")
	start := time.Now()
	tm.Type("q")
	tm.WaitFinished(t, teatest.WithFinalTimeout(draft.MaxTime/2))
	if took := time.Since(start); took >= draft.MaxTime/2 {
		t.Errorf("q took %v while the draft rendered", took)
	}
}

// Once its time is up, the pane names the file and the limit; the same
// file is not run again when the prompt is selected again.
func TestRunawayTemplateErrorShowsInThePane(t *testing.T) {
	user := fstest.MapFS{"thank_you.tmpl": {Data: []byte(slowTemplate)}}
	st := thankYouStore(t)
	b := testApp(t, "Initech", "standard", 0, []string{"Bo Diaz"}, "")
	b.Interviewed = testNow.Add(-time.Hour)
	b.Events[0].At = b.Interviewed
	if _, err := st.Add(b); err != nil {
		t.Fatal(err)
	}
	// The harness runs each command as it comes: the first draft takes
	// its whole time.
	h := newHarnessWith(t, Options{Store: st, Now: fixedClock, Drafts: Drafts{Templates: draft.New(user, "/cfg/afterview/templates", nil, nil)}}, 100, 30)
	h.mustSee("Globex · thank-you · no draft", "/cfg/afterview/templates/thank_you.tmpl: the draft took longer than 2s")
	// The other thank-you uses the same file: its error comes at once.
	start := time.Now()
	h.press("j")
	if took := time.Since(start); took > 500*time.Millisecond {
		t.Errorf("the second prompt's error took %v", took)
	}
	h.mustSee("Initech · thank-you · no draft", "thank_you.tmpl: the draft took longer than 2s")
}

// A draft that comes back for a prompt no longer selected is dropped: the
// pane shows the selected prompt's, rendered for it.
func TestStaleDraftIsDropped(t *testing.T) {
	user := fstest.MapFS{"thank_you.tmpl": {Data: []byte("Subject: Thanks {{.To.First}}\n\nHi {{.To.First}}\n")}}
	st := thankYouStore(t)
	b := testApp(t, "Initech", "standard", 0, []string{"Bo Diaz"}, "")
	b.Interviewed = testNow.Add(-time.Hour)
	b.Events[0].At = b.Interviewed
	if _, err := st.Add(b); err != nil {
		t.Fatal(err)
	}
	m := New(Options{Store: st, Now: fixedClock, Drafts: Drafts{Templates: draft.New(user, "/cfg", nil, nil)}})
	m.poll = 0
	h := &harness{t: t, m: m, store: st}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.run(m.Init())
	first := h.selectedPrompt()
	h.mustSee("Subject: Thanks " + strings.Fields(first.Person)[0])
	// Ask for the first prompt's draft again, move on, then let it come.
	h.m.ctx.drafted = drafted{}
	late := h.m.ctx.renderDraft(first, noVerb)
	if late == nil {
		t.Fatal("no rendering was started for a template of the user's own")
	}
	h.press("j")
	second := h.selectedPrompt()
	if second.Person == first.Person {
		t.Fatal("j did not move to the other thank-you")
	}
	h.send(late())
	h.mustSee("Subject: Thanks " + strings.Fields(second.Person)[0])
	h.mustNotSee("Subject: Thanks " + strings.Fields(first.Person)[0])
}

// The draft pane treats characters that must not reach the terminal as the
// lists do: dropped, not shown as '?'.
func TestDraftPaneDropsControlsAsTheListsDo(t *testing.T) {
	st := thankYouStore(t)
	st.apps[0].Company = "Glo\x07bex\u202e"
	for _, cleaning := range []func(string) string{nil, func(s string) string { return strings.ReplaceAll(s, "\x07", "?") }} {
		h := newHarnessWith(t, Options{Store: st, Now: fixedClock, Drafts: Drafts{Templates: draft.New(nil, "", cleaning, nil)}}, 100, 30)
		h.mustSee("Globex #1  thank Ana Lopez", "about the Engineer role at", "Globex. I especially enjoyed")
		h.mustNotSee("Glo?bex", "\x07", "\u202e")
	}
}

// o opens the draft through the desktop's opener (a function given to
// the program, never run here) as a mailto: URL with the address, the
// subject and the body; with no opener, it says why and what to do.
func TestMailOpensTheDraftInTheMailProgram(t *testing.T) {
	st := thankYouStore(t)
	var opened []string
	tpl := draft.New(nil, "", sanitize, nil)
	opts := Options{Store: st, Now: fixedClock, Drafts: Drafts{Templates: tpl, Me: "Jamie Doe",
		Mail: func(url string) error { opened = append(opened, url); return nil }}}
	h := newHarnessWith(t, opts, 100, 30)
	h.press("o")
	want := thankYouDraft(t, st, tpl, "Jamie Doe")
	if len(opened) != 1 || opened[0] != want.Mailto() {
		t.Fatalf("opened %q; want once %q", opened, want.Mailto())
	}
	if !strings.HasPrefix(opened[0], "mailto:ana@globex.com?subject=") || !strings.Contains(opened[0], "&body=Hi%20Ana%2C%0D%0A") {
		t.Errorf("the URL lacks the address or the body: %s", opened[0])
	}
	h.mustSee("opening the draft to Ana Lopez")

	opts.Drafts.Mail, opts.Drafts.NoMail = nil, "no xdg-open here to open a mail program with"
	h = newHarnessWith(t, opts, 100, 30)
	h.press("o")
	h.mustSee("no xdg-open here to open a mail program with: C copies the whole message")
}

// With no name configured, the first draft asks for it, once; the answer
// is saved (through SaveName) and signs the draft asked for and the next.
func TestDraftAsksTheNameOnce(t *testing.T) {
	st := thankYouStore(t)
	var saved []string
	var opened []string
	opts := Options{Store: st, Now: fixedClock, Drafts: Drafts{Templates: draft.New(nil, "", sanitize, nil),
		SaveName: func(name string) error { saved = append(saved, name); return nil },
		Mail:     func(url string) error { opened = append(opened, url); return nil }}}
	h := newHarnessWith(t, opts, 100, 30)
	h.mustSee("[your name]")
	h.press("o")
	h.mustSee("Your name, to sign your drafts")
	if len(opened) != 0 {
		t.Fatalf("the draft was opened before the name was given: %q", opened)
	}
	h.press("enter")
	h.mustSee("type the name to sign with")
	h.press("Jamie Doe", "enter")
	if strings.Join(saved, "|") != "Jamie Doe" {
		t.Errorf("saved %q; want Jamie Doe once", saved)
	}
	if len(opened) != 1 || !strings.Contains(opened[0], "Jamie%20Doe") || strings.Contains(opened[0], "your%20name") {
		t.Errorf("the draft asked for was not opened signed with the name: %q", opened)
	}
	h.mustSee("name saved: drafts are signed Jamie Doe", "Jamie Doe")
	h.press("o")
	if len(saved) != 1 || len(opened) != 2 || strings.Contains(h.screen(), "Your name, to sign") {
		t.Errorf("asked again: saved %q, opened %d", saved, len(opened))
	}

	// Esc leaves the gap, and the question is not asked again this session.
	h = newHarnessWith(t, opts, 100, 30)
	h.press("c")
	h.mustSee("Your name, to sign your drafts")
	h.press("esc")
	h.press("c")
	if strings.Contains(h.screen(), "Your name, to sign") || !strings.Contains(h.screen(), "[your name]") {
		t.Errorf("after esc, asked again or the gap is gone:\n%s", h.screen())
	}
}

// In an application's detail, c, C, E and o act on the to-do marked ▸.
func TestDraftKeysOnTheDetailScreen(t *testing.T) {
	st := thankYouStore(t)
	tpl := draft.New(nil, "", sanitize, nil)
	opts := Options{Store: st, Now: fixedClock, Drafts: Drafts{Templates: tpl, Me: "Jamie Doe"}}
	tm := tuitest.Start(t, New(opts), 100, 30)
	tuitest.WaitScreen(t, tm, "To: Ana Lopez")
	tm.Send(tea.KeyPressMsg(tea.Key{Code: tea.KeyEnter}))
	tuitest.WaitScreen(t, tm, "Application")
	tm.Type("c")
	tuitest.WaitOutput(t, tm, osc52(thankYouDraft(t, st, tpl, "Jamie Doe").Body), "body of the draft")
	tm.Type("q")
	tuitest.Finish(t, tm)

	h := newHarness(t, newFakeStore(testApp(t, "Globex", "standard", 1, nil, "")), 100, 30)
	h.press("enter", "c")
	h.mustSee("no draft: reflect is not a message to send")
}

// t in the detail marks every thank-you not yet sent as sent, in one
// write, and u takes it back.
func TestThanksAllOnTheDetailScreen(t *testing.T) {
	a := testApp(t, "Datadog", "standard", 0, []string{"Ana Lopez", "Bo Chen"}, "Sam Lee")
	a.Interviewed = testNow.Add(-6 * 24 * time.Hour)
	a.Events[0].At = a.Interviewed
	h := newHarness(t, newFakeStore(a), 100, 30)
	h.mustSee("thank-you")
	h.press("enter", "t")
	h.mustSee("3 thank-yous to Ana Lopez, Bo Chen, Sam Lee marked sent for Datadog")
	if h.store.writes != 1 {
		t.Errorf("%d writes; want one for all three", h.store.writes)
	}
	got := h.store.app(t, "Datadog")
	if u := got.Unthanked(time.UTC); len(u) != 0 {
		t.Errorf("still unthanked: %v", u)
	}
	h.press("t")
	h.mustSee("everyone at Datadog is thanked already")
	h.press("u")
	got = h.store.app(t, "Datadog")
	if u := got.Unthanked(time.UTC); len(u) != 3 {
		t.Errorf("after undo, unthanked %v; want all three again", u)
	}
}
