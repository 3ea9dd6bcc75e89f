// Package tui is afterview's terminal interface: a morning check-in that shows
// what to do today about the applications waiting on a decision, the wait
// itself, and forms to record what happened. The root Model routes messages
// and owns the global keys; each screen is a small model of its own.
package tui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"afterview/internal/draft"
	"afterview/stages"
)

// Options configure the program.
type Options struct {
	Store Store
	// Now is the clock; the TUI never reads time any other way.
	Now func() time.Time
	// Demo marks the title: the data is a throwaway demonstration.
	Demo bool
	// Settings are the calendar, rules and processes: the add and edit
	// forms offer its processes (nil: the built-in ones), and every
	// screen reads the applications' processes and the day's prompts
	// with them.
	Settings *stages.Settings
	// Drafts drafts the messages prompts ask for (unset: the built-in
	// templates, unsigned, and no editor).
	Drafts Drafts
	// Shown, if set, is called once, when the first screen with data is
	// about to be drawn (the caller's start-up ends there).
	Shown func()
	// LightBackground starts the styles light (the caller's guess, from
	// COLORFGBG); the terminal's answer to the background query, when it
	// gives one, decides after.
	LightBackground bool
}

// frameRate is how many times a second the screen may be redrawn: Bubble
// Tea's most. A frame waits for the renderer's next tick, at 60 a second
// up to 17 ms after the data or the key it shows; an idle screen costs
// nothing more, as an unchanged frame is not written.
const frameRate = 120

// Run opens the program on the terminal and returns when the user quits.
func Run(opts Options) error { return Result(NewProgram(opts).Run()) }

// NewProgram makes the program Run runs; extra options come after its own,
// so that a session over SSH gives its own input, output, size and colours.
// Pass what its Run returns to Result.
func NewProgram(opts Options, extra ...tea.ProgramOption) *tea.Program {
	return tea.NewProgram(safe{inner: New(opts)}, append([]tea.ProgramOption{tea.WithFPS(frameRate)}, extra...)...)
}

// Result is the error a program made by NewProgram ended with, given what
// its Run returned: a PanicError when a bug was caught inside it.
func Result(final tea.Model, err error) error {
	if s, ok := final.(safe); ok && s.err != nil {
		return *s.err
	}
	return err
}

// pollEvery is how often the store's revision is checked, so that a change
// made by another afterview (a `log` from the shell) shows within two seconds.
const pollEvery = time.Second

// minWidth and minHeight are the smallest terminal the layout is made for.
const (
	minWidth  = 60
	minHeight = 20
)

// programContext is what every screen needs to draw itself: the terminal
// size, the styles, the keys, the clock and the current data.
type programContext struct {
	width, height int
	isDark        bool
	// noColor is set when the terminal shows no colour (NO_COLOR, or a
	// plain terminal): the selection then shows in reverse video.
	noColor bool
	styles  Styles
	// styleGen counts style changes, so that cached rows drawn with older
	// styles are not reused.
	styleGen int
	keys     KeyMap
	now      func() time.Time
	data     *data
	demo     bool
	settings *stages.Settings
	drafts   Drafts
	// refs are the user's references, for the drafts that go to them;
	// refsGen counts their updates, so that a draft made with older ones
	// is rendered again.
	refs    []stages.Reference
	refsGen int
	// drafted is the selected prompt's draft, rendered off the event
	// loop (see drafting).
	drafted drafted
	// edits are the user's edited drafts kept in the data file, myEdits
	// those of this session (kept there too, but read back later); see
	// draftFor.
	edits, myEdits map[promptRef]string
	// askedName is set once a draft asked for the user's name; nameNote
	// says it was saved, when the draft asked for is still rendering.
	askedName bool
	nameNote  string
}

// bodyHeight is the number of lines between the header and the footer.
func (c *programContext) bodyHeight() int { return max(1, c.height-4) }

// Model is the root model: it owns the global keys, the form, the
// question and the status line, routes the rest to the screen shown, and
// carries out what the screen asks for (see action).
type Model struct {
	ctx   *programContext
	store Store
	poll  time.Duration
	// onShown is Options.Shown until it is called.
	onShown func()

	// tabs are the screens of the header (see newTabs); tab is the one
	// shown, or the one page was opened from.
	tabs []tabScreen
	tab  int
	// page, when set, is a screen opened from the tab: an application in
	// full.
	page screen
	form *form
	// confirm, when set, is a yes/no question that takes every key.
	confirm  *confirm
	showHelp bool
	help     help.Model

	status    string
	statusErr bool
	// statusNote marks a status that answers a key with nothing to do
	// ("nothing to copy: Today is empty"): drawn plain, not as a success.
	statusNote bool
	// readErr is set while the status shows a failed read's error.
	readErr bool
	// loading is set while a load is under way (its stages, see
	// firstLoadCmd); loadGen numbers the loads, so that the stages of one
	// overtaken by a newer load stop.
	loading bool
	loadGen int
	loadErr error
	// held are the keys typed while the screen shown was still loading,
	// carried out once it is in (replay).
	held []tea.KeyPressMsg
	// pending is a newer snapshot that the screen shown cannot show yet
	// (a reload's first stage, while Applications needs every open
	// application): it stays on the older one, complete, until the next
	// stage arrives or the user moves to a screen it fits.
	pending *data
	// sel is what to select once the next snapshot arrives (after an add,
	// or an undo).
	sel selection
}

// confirm is a pending yes/no question.
type confirm struct {
	question string
	yes      tea.Cmd
	// no is the status after "no" (default "nothing changed").
	no string
}

// New builds the root model. It reads nothing until Init's command runs.
func New(opts Options) Model {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	if opts.Drafts.Templates == nil {
		opts.Drafts.Templates = draft.New(nil, "", nil, opts.Settings)
	}
	// Every value cleaned as the rest of the screen is (sanitize drops
	// what termsafe calls unsafe), whatever cleaning the templates came
	// with: the command line's writes '?' instead.
	opts.Drafts.Templates = opts.Drafts.Templates.WithClean(sanitize)
	m := Model{
		onShown: opts.Shown,
		store:   opts.Store,
		poll:    pollEvery,
		help:    help.New(),
		loading: true, // Init's load
		ctx: &programContext{
			width:    80,
			height:   24,
			now:      now,
			demo:     opts.Demo,
			settings: opts.Settings,
			drafts:   opts.Drafts,
		},
	}
	m.setStyles(!opts.LightBackground)
	m.setTabs(newTabs(m.ctx))
	return m
}

// setTabs puts tabs in the header, each with its digit key.
func (m *Model) setTabs(tabs []tabScreen) {
	m.tabs, m.tab = tabs, 0
	names := make([]string, len(tabs))
	for i, t := range tabs {
		names[i] = strings.ToLower(t.title())
	}
	m.ctx.keys = DefaultKeyMap().withTabs(names)
}

func (m *Model) setStyles(isDark bool) {
	m.ctx.isDark = isDark
	m.ctx.styles = NewStyles(isDark)
	m.ctx.styleGen++
	if m.ctx.noColor {
		m.ctx.styles.Selected = lipgloss.NewStyle().Reverse(true)
	}
	m.help.Styles = m.ctx.styles.Help
	for _, t := range m.tabs {
		if st, ok := t.(styler); ok {
			st.restyle(m.ctx)
		}
	}
	if m.form != nil {
		m.form.restyle(m.ctx)
	}
}

// Init loads the data, starts polling and asks the terminal for its background.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{firstLoadCmd(m.store, m.ctx.now, m.ctx.settings, m.loadGen), tea.RequestBackgroundColor, refsCmd(m.store)}
	if m.poll > 0 {
		cmds = append(cmds, pollAfter(m.poll))
	}
	return tea.Batch(cmds...)
}

// Update routes a message: global ones here, the rest to the open screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.update(msg)
	n, ok := next.(Model)
	if !ok {
		return next, cmd
	}
	if n.pending != nil && n.fits(n.pending) {
		// The user moved to a screen the newer snapshot fits.
		n = n.gotData(n.pending)
	}
	if len(n.held) > 0 && n.takesKeys() {
		var more tea.Cmd
		n, more = n.replay()
		cmd = tea.Batch(cmd, more)
	}
	if draft := n.drafting(); draft != nil {
		cmd = tea.Batch(cmd, draft)
	}
	return n, cmd
}

// maxHeld bounds the keys kept while a screen loads.
const maxHeld = 64

// replay carries out the keys typed while the screen was loading, in
// order; those typed after one that meets a screen still loading wait
// again.
func (m Model) replay() (Model, tea.Cmd) {
	keys := m.held
	m.held = nil
	var cmds []tea.Cmd
	for _, k := range keys {
		next, cmd := m.key(k)
		m = next.(Model)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.ctx.width, m.ctx.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width - 2)
		if m.form != nil {
			m.form.resize(m.ctx)
		}
		for _, t := range m.tabs {
			if st, ok := t.(styler); ok {
				st.resize(m.ctx)
			}
		}
		return m, nil
	case tea.BackgroundColorMsg:
		m.setStyles(msg.IsDark())
		return m, nil
	case tea.ColorProfileMsg:
		m.ctx.noColor = msg.Profile <= colorprofile.ASCII
		m.setStyles(m.ctx.isDark)
		return m, nil
	case refsMsg:
		m.ctx.refs = msg.refs
		m.ctx.refsGen++
		return m, nil
	case draftMsg:
		return m.gotDraft(msg)
	case editedMsg:
		return m.edited(msg)
	case editsMsg, keptMsg, mailedMsg:
		return m.gotEditNews(msg)
	case nameSavedMsg:
		return m.nameSaved(msg)
	case dataMsg:
		if msg.gen != m.loadGen {
			// A newer load overtook this one: its stages stop here.
			if m.ctx.data == nil {
				m = m.gotData(msg.d)
			}
			return m, nil
		}
		m = m.gotLoad(msg.d)
		if m.onShown != nil {
			m.onShown()
			m.onShown = nil
		}
		if next := nextLoadCmd(m.store, m.ctx.now, m.ctx.settings, msg.d, msg.gen, true); next != nil {
			// Drawn what this stage holds; now the next.
			return m, next
		}
		m.loading = false
		// The references may have changed with the data (an outside
		// write bumps the same revision).
		return m, tea.Batch(m.shown(), refsCmd(m.store))
	case statsReadyMsg:
		// Filed with the snapshot they were computed from, if it is still
		// the one shown: the next frame shows them.
		if msg.d != nil && msg.d == m.ctx.data && msg.d.stats.Load() == nil {
			msg.d.stats.Store(&msg.stats)
		}
		return m, nil
	case pollMsg:
		var cmds []tea.Cmd
		if m.poll > 0 {
			cmds = append(cmds, pollAfter(m.poll))
		}
		if !m.loading {
			// Statuses move with the clock (a thank-you falls overdue at
			// its hour), so a snapshot older than a minute is redone even
			// when nothing was written.
			// A partial snapshot is here only when loading the rest failed:
			// try again from there.
			d := m.ctx.data
			if d == nil || m.ctx.now().Sub(d.now) >= time.Minute {
				var load tea.Cmd
				m, load = m.reload()
				cmds = append(cmds, load)
			} else if next := nextLoadCmd(m.store, m.ctx.now, m.ctx.settings, d, m.loadGen, false); next != nil {
				m.loading = true
				cmds = append(cmds, next)
			} else {
				cmds = append(cmds, revisionCmd(m.store))
			}
		}
		return m, tea.Batch(cmds...)
	case revisionMsg:
		m.readWorked()
		if !m.loading && (m.ctx.data == nil || msg.rev != m.ctx.data.rev) {
			return m.reload()
		}
		return m, nil
	case savedMsg:
		return m.saved(msg)
	case nothingToUndoMsg:
		m.setStatus("nothing to undo")
		return m, nil
	case formClosedMsg:
		m.form = nil
		m.setStatus(msg.status)
		return m, nil
	case askMsg:
		// The form waits for the answer: "no" leaves it open, as typed.
		if m.form != nil {
			m.form.saving = false
		}
		q := msg.confirm
		m.confirm = &q
		return m, nil
	case errMsg:
		if msg.load && msg.gen != m.loadGen {
			// A stage of a load a newer one overtook: that one goes on.
			return m, nil
		}
		m.loading = false
		if msg.load {
			// The keys waiting for this load would wait for the next
			// poll's: the error says why, and the keys work again.
			m.held = nil
		}
		if msg.forForm && m.form != nil {
			m.form.saving = false
			m.form.err = msg.err.Error()
			return m, nil
		}
		if m.ctx.data == nil {
			m.loadErr = msg.err
		}
		m.setError(fmt.Errorf("%s: %w", msg.doing, msg.err))
		m.readErr = msg.read
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.MouseClickMsg, tea.MouseWheelMsg:
		return m.mouse(msg.(tea.MouseMsg))
	case tea.PasteMsg:
		switch m.focus() {
		case focusForm:
			return m, m.form.update(m.ctx, msg)
		case focusTyping:
			return m.do(m.active().update(m.ctx, msg))
		}
	}
	return m, nil
}

// active is the screen shown.
func (m Model) active() screen {
	if m.page != nil {
		return m.page
	}
	return m.tabs[m.tab]
}

// focus says what takes the keys.
func (m Model) focus() focus {
	switch {
	case m.confirm != nil:
		return focusConfirm
	case m.form != nil:
		return focusForm
	}
	if t, ok := m.active().(typist); ok && t.typing() {
		return focusTyping
	}
	if m.showHelp {
		return focusHelp
	}
	return focusScreen
}

// shown starts what the screen shown needs (the Stats figures).
func (m Model) shown() tea.Cmd {
	if s, ok := m.active().(shower); ok {
		return s.shown(m.ctx)
	}
	return nil
}

func (m *Model) setStatus(s string) {
	m.status, m.statusErr, m.statusNote, m.readErr = s, false, false, false
}
func (m *Model) setError(err error) {
	m.status, m.statusErr, m.statusNote, m.readErr = err.Error(), true, false, false
}

// setNote answers a key that has nothing to do here (see statusNote).
func (m *Model) setNote(s string) {
	m.setStatus(s)
	m.statusNote = true
}

// readWorked clears the message of a failed read ("another afterview is
// using the file") once a read works again: left up, it would say the file
// is busy for as long as nothing else is shown.
func (m *Model) readWorked() {
	if m.readErr {
		m.setStatus("")
	}
}

// reload starts a new load of the store, in stages when it reads so; the
// stages of any load under way stop.
func (m Model) reload() (Model, tea.Cmd) {
	m.loadGen++
	m.loading = true
	return m, firstLoadCmd(m.store, m.ctx.now, m.ctx.settings, m.loadGen)
}

// gotLoad takes a stage of a load: it is shown at once, unless an older
// snapshot that the screen shown needs more of is up (a reload's first
// stage under the Applications list): then it waits in pending.
func (m Model) gotLoad(d *data) Model {
	m.readWorked()
	if old := m.ctx.data; old != nil && d.holdsLess(old) && !m.fits(d) {
		m.pending = d
		return m
	}
	return m.gotData(d)
}

// fits reports whether the screen shown, with its form, can be drawn
// complete from d.
func (m Model) fits(d *data) bool {
	if m.form != nil && m.form.appID != 0 {
		if _, st := d.application(m.form.appID); st == appLoading {
			return false
		}
	}
	return d.shows(m.needs())
}

// needs is what the screen shown needs (see needer).
func (m Model) needs() need {
	if n, ok := m.active().(needer); ok {
		return n.needs()
	}
	return need{history: true}
}

// takesKeys reports whether the screen shown has what its keys act on.
func (m Model) takesKeys() bool {
	if n, ok := m.active().(needer); ok {
		return m.ctx.data.acts(n.needs())
	}
	return m.ctx.data != nil
}

func (m Model) gotData(d *data) Model {
	m.readWorked()
	m.pending = nil
	m.loadErr = nil
	m.ctx.data = d
	sel := m.sel
	m.sel = selection{}
	for _, t := range m.tabs {
		t.sync(m.ctx, sel)
	}
	if m.page != nil {
		m, _ = m.apply(m.page.sync(m.ctx, sel))
	}
	return m
}

func (m Model) saved(msg savedMsg) (tea.Model, tea.Cmd) {
	if msg.fromForm {
		m.form = nil
	}
	status := "✓ " + msg.status
	if ended := msg.logged.ended(m.ctx.settings, m.ctx.refs, m.ctx.now(), msg.status); ended != "" {
		// To-dos gone without a word would look lost: say which and why.
		status += " · " + ended
	}
	if msg.undoable {
		status += " · u undoes"
	}
	m.setStatus(status)
	if a := msg.answered; a != nil {
		accept := stages.Event{Kind: stages.EvOutcome, Outcome: stages.Accepted, At: m.ctx.now()}
		question := fmt.Sprintf("Past the offer: did you accept %s's offer? Record it (y/n)", truncate(sanitize(a.Company), 30))
		if m.ctx.data != nil {
			// Accepting it would go back on an acceptance elsewhere (rule
			// 17): the question says so, and the record keeps it.
			if accept.Reneged = stages.Reneges(a, m.ctx.data.apps); len(accept.Reneged) > 0 {
				question = fmt.Sprintf("Past the offer: did you accept %s's offer, going back on %s? Record it (y/n)",
					truncate(sanitize(a.Company), 30), truncate(sanitize(stages.RenegeWords(accept.Reneged)), 50))
			}
		}
		m.confirm = &confirm{
			question: question,
			yes:      logCmd(m.store, m.ctx.settings, *a, accept, sanitize(a.Company)+" offer accepted", false),
		}
	}
	m.sel = selection{app: msg.selectID, prompt: msg.selectPrompt}
	return m.reload()
}

// key handles a key press. ctrl+c always quits; an open question, form or
// filter gets every other key first, so that q types a q there.
func (m Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.ctx.keys
	g := &k.Global
	if key.Matches(msg, g.Interrupt) {
		// One key must not lose a form's typing: ask first (a second
		// ctrl+c quits).
		if m.form != nil && m.confirm == nil && m.form.dirty() {
			m.confirm = &confirm{question: "Quit and lose what you typed in the form?", yes: tea.Quit, no: "still editing"}
			return m, nil
		}
		return m, tea.Quit
	}
	switch m.focus() {
	case focusConfirm:
		c := m.confirm
		switch {
		case key.Matches(msg, k.Confirm.Yes):
			m.confirm = nil
			return m, c.yes
		case key.Matches(msg, k.Confirm.No):
			m.confirm = nil
			if c.no != "" {
				m.setStatus(c.no)
			} else {
				m.setStatus("nothing changed")
			}
		}
		return m, nil
	case focusForm:
		switch {
		case key.Matches(msg, k.Form.Cancel):
			if m.form.dirty() {
				m.confirm = &confirm{
					question: "Discard what you typed?",
					yes:      func() tea.Msg { return formClosedMsg{"discarded; nothing saved"} },
					no:       "still editing",
				}
				return m, nil
			}
			m.form = nil
			m.setStatus("cancelled; nothing saved")
			return m, nil
		case key.Matches(msg, k.Form.Save):
			return m.submit()
		case key.Matches(msg, k.Form.SaveOnLast) && m.form.onLast():
			return m.submit()
		}
		return m, m.form.update(m.ctx, msg)
	case focusTyping:
		return m.do(m.active().update(m.ctx, msg))
	case focusHelp:
		switch {
		case key.Matches(msg, g.Quit):
			return m, tea.Quit
		case key.Matches(msg, g.Help), key.Matches(msg, g.CloseHelp):
			m.showHelp = false
		}
		return m, nil
	}
	if m.loading && (len(m.held) > 0 || !m.takesKeys()) {
		// The screen is still loading: the key waits for it, in order
		// with any before it (see replay), rather than act on nothing.
		if key.Matches(msg, g.Quit) {
			return m, tea.Quit
		}
		if len(m.held) < maxHeld {
			m.held = append(m.held, msg)
		}
		m.setStatus("loading… the keys you type wait for it")
		return m, nil
	}
	m.status, m.statusErr = "", false
	switch {
	case key.Matches(msg, g.Quit):
		return m, tea.Quit
	case key.Matches(msg, g.Help):
		m.showHelp = true
		return m, nil
	case key.Matches(msg, g.Switch):
		return m.show(m.nextTab(1))
	case key.Matches(msg, g.SwitchBack):
		return m.show(m.nextTab(-1))
	case key.Matches(msg, g.Undo):
		return m.undoLast()
	case key.Matches(msg, g.Add):
		return m.openForm(newAppForm(m.ctx, nil))
	}
	for i, b := range g.Jump {
		if key.Matches(msg, b) && i < len(m.tabs) {
			return m.show(i)
		}
	}
	if !m.takesKeys() {
		// The load failed, or a stage of it; the next poll tries again.
		m.setStatus(stillLoading)
		return m, nil
	}
	a := m.active().update(m.ctx, msg)
	if _, ok := a.(notHere); ok {
		m.setNote(notHereStatus(msg))
		return m, nil
	}
	return m.do(a)
}

// do carries out what a screen asked for.
func (m Model) do(a action) (tea.Model, tea.Cmd) { return m.apply(a) }

func (m Model) apply(a action) (Model, tea.Cmd) {
	switch a := a.(type) {
	case runCmd:
		return m, a.cmd
	case openApp:
		if _, err := m.ctx.data.need(a.id); err != nil {
			m.setStatus(err.Error())
			return m, nil
		}
		m.page = &detailModel{appID: a.id}
	case openForm:
		m.form = a.f
		return m, a.f.focusCmd()
	case onPrompt:
		switch a.verb {
		case verbDone:
			return m.done(a.p)
		case verbSnooze:
			return m.snooze(a.p)
		case verbDismiss:
			return m.dismiss(a.p)
		case verbCopy, verbCopyAll, verbEditDraft, verbMail:
			return m.draftVerb(a.p, a.verb)
		}
	case thankAll:
		return m.thankAll(a.a)
	case askDelete:
		m.confirm = &confirm{
			question: fmt.Sprintf("Delete %s and its history? (u undoes)", truncate(sanitize(a.a.Company), 30)),
			yes:      deleteCmd(m.store, *a.a),
		}
	case closeScreen:
		m.page = nil
		if a.status != "" {
			m.setStatus(a.status)
		}
	case say:
		m.setNote(a.status)
	}
	return m, nil
}

// nextTab is the tab step places after the open one (-1: before it); from
// an application's detail, it counts from the tab the detail was opened on.
func (m Model) nextTab(step int) int {
	n := len(m.tabs)
	return (m.tab + step%n + n) % n
}

// show opens a tab, closing a page opened from the one before.
func (m Model) show(tab int) (tea.Model, tea.Cmd) {
	if tab == m.tab && m.page == nil {
		m.setNote("already on " + m.tabs[tab].title())
	}
	m.tab, m.page = tab, nil
	return m, m.shown()
}

func (m Model) openForm(f *form) (tea.Model, tea.Cmd) { return m.apply(openForm{f}) }

func (m Model) undoLast() (tea.Model, tea.Cmd) {
	m.setStatus("undoing…")
	return m, undoCmd(m.store)
}

// listKey moves a list cursor; it reports whether the key was a move.
func listKey(k *ListKeys, msg tea.KeyPressMsg, cursor, n, page int) (int, bool) {
	switch {
	case key.Matches(msg, k.Up):
		cursor--
	case key.Matches(msg, k.Down):
		cursor++
	case key.Matches(msg, k.Top):
		cursor = 0
	case key.Matches(msg, k.Bottom):
		cursor = n - 1
	case key.Matches(msg, k.PageUp):
		cursor -= max(1, page)
	case key.Matches(msg, k.PageDown):
		cursor += max(1, page)
	default:
		return cursor, false
	}
	return max(0, min(cursor, n-1)), true
}

// promptKey is what the prompt keys do to p.
func promptKey(c *programContext, msg tea.KeyPressMsg, p stages.Prompt) (action, bool) {
	k := &c.keys.Prompt
	switch {
	case key.Matches(msg, k.Done):
		return onPrompt{verbDone, p}, true
	case key.Matches(msg, k.Snooze):
		return onPrompt{verbSnooze, p}, true
	case key.Matches(msg, k.SnoozeTo):
		return openForm{newSnoozeForm(c, p)}, true
	case key.Matches(msg, k.Dismiss):
		return onPrompt{verbDismiss, p}, true
	}
	return nil, false
}

// done marks a prompt done by logging what doing it means, as
// stages.DoneEvent says (the command line's done says the same). Prompts
// that need a word from the user (a reflection, an answer to an offer) open
// the matching form instead.
func (m Model) done(p stages.Prompt) (Model, tea.Cmd) {
	now := m.ctx.now()
	if p.AppID == 0 {
		e, _ := stages.DoneEvent(nil, p, now, "")
		return m, logGlobalCmd(m.store, e, p.Kind.Label()+" done")
	}
	a, err := m.ctx.data.need(p.AppID)
	if err != nil {
		m.setStatus(err.Error())
		return m, nil
	}
	e, err := stages.DoneEvent(a, p, now, "")
	var need *stages.NeedInputError
	switch {
	case errors.As(err, &need) && need.Input == stages.InputOutcome:
		return m.apply(openForm{newLogForm(m.ctx, a, stages.EvOutcome, "")})
	case errors.As(err, &need):
		return m.apply(openForm{newLogForm(m.ctx, a, stages.EvNote, p.NoteQuestion())})
	case err != nil:
		m.setStatus(err.Error())
		return m, nil
	}
	return m, logCmd(m.store, m.ctx.settings, *a, e, doneLabel(a, p, e), false)
}

// doneLabel says what marking p done logged: the event's own words
// (stages.Logged), or that p is done.
func doneLabel(a *stages.Application, p stages.Prompt, e stages.Event) string {
	if e.Kind == stages.EvDone {
		return p.Kind.Label() + " for " + sanitize(a.Company) + " done"
	}
	return sanitize(stages.Logged(a, e)) + " logged"
}

func (m Model) snooze(p stages.Prompt) (Model, tea.Cmd) {
	cmd, err := snoozeCmd(m.ctx, m.store, p, stages.DateOf(m.ctx.now()).AddDays(1), false)
	if err != nil {
		m.setStatus(err.Error())
		return m, nil
	}
	return m, cmd
}

func (m Model) dismiss(p stages.Prompt) (Model, tea.Cmd) {
	e := stages.Event{Kind: stages.EvDismiss, Prompt: p.Key, At: m.ctx.now()}
	label := p.Kind.Label() + " dismissed"
	if p.AppID == 0 {
		return m, logGlobalCmd(m.store, e, label)
	}
	a, err := m.ctx.data.need(p.AppID)
	if err != nil {
		m.setStatus(err.Error())
		return m, nil
	}
	return m, logCmd(m.store, m.ctx.settings, *a, e, sanitize(a.Company)+" "+label, false)
}

// submit validates the open form and, if it holds, saves it. The form stays
// open, with everything typed, until the store says the save went through.
func (m Model) submit() (tea.Model, tea.Cmd) {
	f := m.form
	if f.saving {
		return m, nil
	}
	cmd, ok := f.submit(m.ctx, m.store)
	if !ok {
		return m, nil
	}
	f.saving = true
	return m, cmd
}
