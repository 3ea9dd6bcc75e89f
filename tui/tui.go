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
	// forms offer its processes (nil: the built-in ones). The store binds
	// them to the applications it reads.
	Settings *stages.Settings
	// Drafts drafts the messages prompts ask for (unset: the built-in
	// templates, unsigned, and no editor).
	Drafts Drafts
}

// Run opens the program on the terminal and returns when the user quits.
func Run(opts Options) error {
	final, err := tea.NewProgram(safe{inner: New(opts)}).Run()
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

type screenID int

const (
	screenToday screenID = iota
	screenApps
	screenOffers
	screenStats
	screenDetail
)

// tabs are the screens of the header, in the order tab cycles through them.
var tabs = []screenID{screenToday, screenApps, screenOffers, screenStats}

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
	// refs are the user's references, for the drafts that go to them.
	refs []stages.Reference
}

// bodyHeight is the number of lines between the header and the footer.
func (c *programContext) bodyHeight() int { return max(1, c.height-4) }

// Model is the root model.
type Model struct {
	ctx   programContext
	store Store
	poll  time.Duration

	screen screenID
	today  todayModel
	apps   appsModel
	offers offersModel
	stats  statsModel
	detail detailModel
	form   *form
	// confirm, when set, is a yes/no question that takes every key.
	confirm  *confirm
	showHelp bool
	help     help.Model

	status    string
	statusErr bool
	// readErr is set while the status shows a failed read's error.
	readErr bool
	undo    []undoEntry
	loading bool
	loadErr error
	// selectID is an application to put the cursor on once the next
	// snapshot arrives (after an add, or an undo).
	selectID uint64
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
		// The built-in templates, every value cleaned as the screen is.
		opts.Drafts.Templates = draft.New(nil, "", sanitize)
	}
	m := Model{
		store: opts.Store,
		poll:  pollEvery,
		help:  help.New(),
		ctx: programContext{
			width:    80,
			height:   24,
			isDark:   true,
			keys:     DefaultKeyMap(),
			now:      now,
			demo:     opts.Demo,
			settings: opts.Settings,
			drafts:   opts.Drafts,
		},
	}
	m.setStyles(true)
	m.apps = newAppsModel(&m.ctx)
	m.today.drawn = &rowCache{}
	return m
}

func (m *Model) setStyles(isDark bool) {
	m.ctx.isDark = isDark
	m.ctx.styles = NewStyles(isDark)
	m.ctx.styleGen++
	if m.ctx.noColor {
		m.ctx.styles.Selected = lipgloss.NewStyle().Reverse(true)
	}
	m.help.Styles = m.ctx.styles.Help
	m.apps.restyle(&m.ctx)
	if m.form != nil {
		m.form.restyle(&m.ctx)
	}
}

// Init loads the data, starts polling and asks the terminal for its background.
func (m Model) Init() tea.Cmd {
	cmds := []tea.Cmd{firstLoadCmd(m.store, m.ctx.now), tea.RequestBackgroundColor, refsCmd(m.store)}
	if m.poll > 0 {
		cmds = append(cmds, pollAfter(m.poll))
	}
	return tea.Batch(cmds...)
}

// Update routes a message: global ones here, the rest to the open screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.ctx.width, m.ctx.height = msg.Width, msg.Height
		m.help.SetWidth(msg.Width - 2)
		if m.form != nil {
			m.form.resize(&m.ctx)
		}
		m.apps.resize(&m.ctx)
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
		return m, nil
	case editedMsg:
		return m.edited(msg)
	case dataMsg:
		m = m.gotData(msg.d)
		if msg.d.partial {
			// Today is drawn; now the rest of the history.
			m.loading = true
			return m, historyCmd(m.store, m.ctx.now)
		}
		// The references may have changed with the data (an outside
		// write bumps the same revision).
		if m.screen == screenStats {
			return m, tea.Batch(statsCmd(m.ctx.data), refsCmd(m.store))
		}
		return m, refsCmd(m.store)
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
			// try again.
			if d := m.ctx.data; d == nil || d.partial || m.ctx.now().Sub(d.now) >= time.Minute {
				m.loading = true
				cmds = append(cmds, loadCmd(m.store, m.ctx.now))
			} else {
				cmds = append(cmds, revisionCmd(m.store))
			}
		}
		return m, tea.Batch(cmds...)
	case revisionMsg:
		m.readWorked()
		if !m.loading && (m.ctx.data == nil || msg.rev != m.ctx.data.rev) {
			m.loading = true
			return m, loadCmd(m.store, m.ctx.now)
		}
		return m, nil
	case savedMsg:
		return m.saved(msg)
	case formClosedMsg:
		m.form = nil
		m.setStatus(msg.status)
		return m, nil
	case errMsg:
		m.loading = false
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
	case tea.PasteMsg:
		if m.form != nil {
			return m, m.form.update(&m.ctx, msg)
		}
		if m.screen == screenApps && m.apps.filtering {
			return m, m.apps.update(&m.ctx, msg)
		}
	}
	return m, nil
}

func (m *Model) setStatus(s string) { m.status, m.statusErr, m.readErr = s, false, false }
func (m *Model) setError(err error) { m.status, m.statusErr, m.readErr = err.Error(), true, false }

// readWorked clears the message of a failed read ("another afterview is
// using the file") once a read works again: left up, it would say the file
// is busy for as long as nothing else is shown.
func (m *Model) readWorked() {
	if m.readErr {
		m.setStatus("")
	}
}

func (m Model) gotData(d *data) Model {
	m.readWorked()
	m.loading = false
	m.loadErr = nil
	m.ctx.data = d
	sel := m.selectID
	m.selectID = 0
	m.today.sync(&m.ctx, sel)
	m.apps.sync(&m.ctx, sel)
	m.offers.sync(&m.ctx)
	if m.screen == screenDetail {
		if _, ok := d.app(m.detail.appID); !ok {
			m.screen = m.detail.from
			m.setStatus("that application is gone (deleted, perhaps by another afterview)")
		}
	}
	return m
}

func (m Model) saved(msg savedMsg) (tea.Model, tea.Cmd) {
	if msg.undo != nil && !msg.undone {
		m.undo = append(m.undo, *msg.undo)
		if len(m.undo) > 100 {
			m.undo = m.undo[1:]
		}
	}
	if msg.fromForm {
		m.form = nil
	}
	status := "✓ " + msg.status
	switch {
	case msg.undo != nil:
		status += " · u undoes"
	case !msg.undone && strings.Contains(msg.status, "logged"):
		status += " (not undoable: it changed elsewhere meanwhile)"
	}
	m.setStatus(status)
	if a := msg.answered; a != nil {
		accept := stages.Event{Kind: stages.EvOutcome, Outcome: stages.Accepted, At: m.ctx.now()}
		m.confirm = &confirm{
			question: fmt.Sprintf("Past the offer: did you accept %s's offer? Record it (y/n)", truncate(sanitize(a.Company), 30)),
			yes:      logCmd(m.store, *a, accept, sanitize(a.Company)+" offer accepted", false),
		}
	}
	m.selectID = msg.selectID
	if msg.selectPrompt.key != "" {
		m.today.selApp, m.today.selKey = msg.selectPrompt.app, msg.selectPrompt.key
	}
	m.loading = true
	return m, loadCmd(m.store, m.ctx.now)
}

// key handles a key press. ctrl+c always quits; an open question, form or
// filter gets every other key first, so that q types a q there.
func (m Model) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := &m.ctx.keys
	if msg.String() == "ctrl+c" {
		// One key must not lose a form's typing: ask first (a second
		// ctrl+c quits).
		if m.form != nil && m.confirm == nil && m.form.dirty() {
			m.confirm = &confirm{question: "Quit and lose what you typed in the form?", yes: tea.Quit, no: "still editing"}
			return m, nil
		}
		return m, tea.Quit
	}
	if m.confirm != nil {
		c := m.confirm
		switch {
		case key.Matches(msg, k.Yes):
			m.confirm = nil
			return m, c.yes
		case key.Matches(msg, k.No):
			m.confirm = nil
			if c.no != "" {
				m.setStatus(c.no)
			} else {
				m.setStatus("nothing changed")
			}
		}
		return m, nil
	}
	if m.form != nil {
		switch {
		case key.Matches(msg, k.Cancel):
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
		case key.Matches(msg, k.Save):
			return m.submit()
		case msg.String() == "enter" && m.form.onLast():
			return m.submit()
		}
		return m, m.form.update(&m.ctx, msg)
	}
	if m.screen == screenApps && m.apps.filtering {
		return m, m.apps.update(&m.ctx, msg)
	}
	if m.showHelp {
		switch {
		case key.Matches(msg, k.Quit):
			return m, tea.Quit
		case key.Matches(msg, k.Help), key.Matches(msg, k.Back):
			m.showHelp = false
		}
		return m, nil
	}
	m.status, m.statusErr = "", false
	switch {
	case key.Matches(msg, k.Quit):
		return m, tea.Quit
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return m, nil
	case key.Matches(msg, k.Switch):
		return m.show(m.nextTab(1))
	case key.Matches(msg, k.SwitchBack):
		return m.show(m.nextTab(-1))
	case key.Matches(msg, k.Today):
		return m.show(screenToday)
	case key.Matches(msg, k.Apps):
		return m.show(screenApps)
	case key.Matches(msg, k.Offers):
		return m.show(screenOffers)
	case key.Matches(msg, k.Stats):
		return m.show(screenStats)
	case key.Matches(msg, k.Undo):
		return m.undoLast()
	case key.Matches(msg, k.Add):
		return m.openForm(newAppForm(&m.ctx, nil))
	}
	if m.ctx.data == nil {
		return m, nil
	}
	switch m.screen {
	case screenToday:
		return m.todayKey(msg)
	case screenApps:
		return m.appsKey(msg)
	case screenOffers:
		return m.offersKey(msg)
	case screenStats:
		if m.stats.scrollKey(&m.ctx, msg) {
			return m, nil
		}
	case screenDetail:
		return m.detailKey(msg)
	}
	return m, nil
}

// nextTab is the tab step places after the open one (-1: before it); from
// an application's detail, it counts from the tab the detail was opened on.
func (m Model) nextTab(step int) screenID {
	cur := m.screen
	if cur == screenDetail {
		cur = m.detail.from
	}
	for i, t := range tabs {
		if t == cur {
			return tabs[(i+step+len(tabs))%len(tabs)]
		}
	}
	return screenToday
}

// show opens a tab. The Stats screen asks for its figures, which are
// computed once per snapshot, off the UI goroutine.
func (m Model) show(s screenID) (tea.Model, tea.Cmd) {
	m.screen = s
	if s == screenStats {
		return m, statsCmd(m.ctx.data)
	}
	return m, nil
}

func (m Model) openForm(f *form) (tea.Model, tea.Cmd) {
	m.form = f
	return m, f.focusCmd()
}

func (m Model) undoLast() (tea.Model, tea.Cmd) {
	if len(m.undo) == 0 {
		m.setStatus("nothing to undo in this session")
		return m, nil
	}
	u := m.undo[len(m.undo)-1]
	m.undo = m.undo[:len(m.undo)-1]
	m.setStatus("undoing " + u.label + "…")
	return m, undoCmd(m.store, u)
}

func (m Model) openDetail(id uint64) Model {
	if _, ok := m.ctx.data.app(id); !ok {
		return m
	}
	m.detail = detailModel{appID: id, from: m.screen}
	if m.screen == screenDetail {
		m.detail.from = screenToday
	}
	m.screen = screenDetail
	return m
}

// listKey moves a list cursor; it reports whether the key was a move.
func listKey(k *KeyMap, msg tea.KeyPressMsg, cursor, n, page int) (int, bool) {
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

func (m Model) todayKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := &m.ctx.keys
	ps := m.ctx.data.actionable
	if c, ok := listKey(k, msg, m.today.cursor, len(ps), m.today.page(&m.ctx)); ok {
		m.today.setCursor(&m.ctx, c)
		return m, nil
	}
	p, ok := m.today.selected(&m.ctx)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Open):
		if p.AppID != 0 {
			return m.openDetail(p.AppID), nil
		}
	case key.Matches(msg, k.Done):
		return m.done(p)
	case key.Matches(msg, k.Snooze):
		return m.snooze(p)
	case key.Matches(msg, k.SnoozeTo):
		return m.openForm(newSnoozeForm(&m.ctx, p))
	case key.Matches(msg, k.Dismiss):
		return m.dismiss(p)
	case key.Matches(msg, k.Copy):
		return m.copyDraft(p)
	case key.Matches(msg, k.EditDraft):
		return m.editDraft(p)
	case key.Matches(msg, k.Log):
		if a, ok := m.ctx.data.app(p.AppID); ok {
			return m.openForm(newLogForm(&m.ctx, a, logHeard, ""))
		}
	case key.Matches(msg, k.Edit):
		if a, ok := m.ctx.data.app(p.AppID); ok {
			return m.openForm(newAppForm(&m.ctx, a))
		}
	}
	return m, nil
}

func (m Model) appsKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := &m.ctx.keys
	if key.Matches(msg, k.Back) && m.apps.filter != "" {
		m.apps.setFilter(&m.ctx, "")
		return m, nil
	}
	if key.Matches(msg, k.Filter) || key.Matches(msg, k.Closed) {
		return m, m.apps.update(&m.ctx, msg)
	}
	if c, ok := listKey(k, msg, m.apps.cursor, len(m.apps.rows), m.apps.page(&m.ctx)); ok {
		m.apps.setCursor(&m.ctx, c)
		return m, nil
	}
	a, ok := m.apps.selected(&m.ctx)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Open):
		return m.openDetail(a.ID), nil
	case key.Matches(msg, k.Edit):
		return m.openForm(newAppForm(&m.ctx, a))
	case key.Matches(msg, k.Log):
		return m.openForm(newLogForm(&m.ctx, a, logHeard, ""))
	case key.Matches(msg, k.Delete):
		return m.askDelete(a), nil
	}
	return m, nil
}

// offersKey moves between the offers; enter opens the selected one, l logs
// the answer to it (accepted, declined...) and e edits the application.
func (m Model) offersKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := &m.ctx.keys
	o := &m.offers
	switch {
	case key.Matches(msg, k.Left):
		o.setCursor(&m.ctx, o.cursor-1)
		return m, nil
	case key.Matches(msg, k.Right):
		o.setCursor(&m.ctx, o.cursor+1)
		return m, nil
	case key.Matches(msg, k.Top):
		o.setCursor(&m.ctx, 0)
		return m, nil
	case key.Matches(msg, k.Bottom):
		o.setCursor(&m.ctx, len(m.ctx.data.offers)-1)
		return m, nil
	}
	a, ok := o.selected(&m.ctx)
	if !ok {
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Open):
		return m.openDetail(a.ID), nil
	case key.Matches(msg, k.Log):
		return m.openForm(newLogForm(&m.ctx, a, logOutcome, ""))
	case key.Matches(msg, k.Edit):
		// On Offers, e edits the offer: the form opens on its current
		// terms and saves a revision.
		return m.openForm(newLogForm(&m.ctx, a, logOffer, ""))
	}
	return m, nil
}

func (m Model) askDelete(a *stages.Application) Model {
	m.confirm = &confirm{
		question: fmt.Sprintf("Delete %s and its history? (u undoes)", truncate(sanitize(a.Company), 30)),
		yes:      deleteCmd(m.store, *a),
	}
	return m
}

func (m Model) detailKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := &m.ctx.keys
	a, ok := m.ctx.data.app(m.detail.appID)
	if !ok {
		m.screen = m.detail.from
		return m, nil
	}
	if key.Matches(msg, k.Back) {
		m.screen = m.detail.from
		return m, nil
	}
	if m.detail.scrollKey(&m.ctx, msg) {
		return m, nil
	}
	switch {
	case key.Matches(msg, k.Edit):
		return m.openForm(newAppForm(&m.ctx, a))
	case key.Matches(msg, k.Log):
		return m.openForm(newLogForm(&m.ctx, a, logHeard, ""))
	case key.Matches(msg, k.Delete):
		return m.askDelete(a), nil
	case key.Matches(msg, k.People):
		return m.openForm(newPersonForm(&m.ctx, a))
	}
	// Done, snooze and dismiss act on the application's most urgent to-do,
	// the one marked ▸ under "To do".
	if p, ok := m.detail.target(&m.ctx); ok {
		switch {
		case key.Matches(msg, k.Done):
			return m.done(p)
		case key.Matches(msg, k.Snooze):
			return m.snooze(p)
		case key.Matches(msg, k.SnoozeTo):
			return m.openForm(newSnoozeForm(&m.ctx, p))
		case key.Matches(msg, k.Dismiss):
			return m.dismiss(p)
		}
	} else if key.Matches(msg, k.Done, k.Snooze, k.SnoozeTo, k.Dismiss) {
		m.setStatus("nothing to do for this application today")
	}
	return m, nil
}

// done marks a prompt done by logging what doing it means, as
// stages.DoneEvent says (the command line's done says the same). Prompts
// that need a word from the user (a reflection, an answer to an offer) open
// the matching form instead.
func (m Model) done(p stages.Prompt) (tea.Model, tea.Cmd) {
	now := m.ctx.now()
	if p.AppID == 0 {
		e, _ := stages.DoneEvent(nil, p, now, "")
		return m, logGlobalCmd(m.store, e, p.Kind.Label()+" done")
	}
	a, ok := m.ctx.data.app(p.AppID)
	if !ok {
		return m, nil
	}
	e, err := stages.DoneEvent(a, p, now, "")
	var need *stages.NeedInputError
	switch {
	case errors.As(err, &need) && need.Input == stages.InputOutcome:
		return m.openForm(newLogForm(&m.ctx, a, logOutcome, ""))
	case errors.As(err, &need):
		question := "What went well, and what to improve?"
		if p.Kind == stages.AfterRejection {
			question = "Lessons learned from this process"
		}
		return m.openForm(newLogForm(&m.ctx, a, logNote, question))
	case err != nil:
		m.setStatus(err.Error())
		return m, nil
	}
	return m, logCmd(m.store, *a, e, doneLabel(a, p, e), false)
}

// doneLabel says what marking p done logged.
func doneLabel(a *stages.Application, p stages.Prompt, e stages.Event) string {
	company := sanitize(a.Company)
	switch e.Kind {
	case stages.EvThanks:
		return "thank-you to " + sanitize(e.Person) + " logged"
	case stages.EvFollowUp:
		return "follow-up to " + company + " logged"
	case stages.EvOutcome:
		return company + " closed as " + e.Outcome.Label()
	case stages.EvTold:
		return sanitize(stages.EventWords(a, e))
	}
	return p.Kind.Label() + " for " + company + " done"
}

func (m Model) snooze(p stages.Prompt) (tea.Model, tea.Cmd) {
	cmd, err := snoozeCmd(&m.ctx, m.store, p, stages.DateOf(m.ctx.now()).AddDays(1), false)
	if err != nil {
		return m, nil
	}
	return m, cmd
}

func (m Model) dismiss(p stages.Prompt) (tea.Model, tea.Cmd) {
	e := stages.Event{Kind: stages.EvDismiss, Prompt: p.Key, At: m.ctx.now()}
	label := p.Kind.Label() + " dismissed"
	if p.AppID == 0 {
		return m, logGlobalCmd(m.store, e, label)
	}
	a, ok := m.ctx.data.app(p.AppID)
	if !ok {
		return m, nil
	}
	return m, logCmd(m.store, *a, e, sanitize(a.Company)+" "+label, false)
}

// submit validates the open form and, if it holds, saves it. The form stays
// open, with everything typed, until the store says the save went through.
func (m Model) submit() (tea.Model, tea.Cmd) {
	f := m.form
	if f.saving {
		return m, nil
	}
	cmd, ok := f.submit(&m.ctx, m.store)
	if !ok {
		return m, nil
	}
	f.saving = true
	return m, cmd
}
