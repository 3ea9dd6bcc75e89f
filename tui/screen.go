package tui

import (
	"strconv"

	tea "charm.land/bubbletea/v2"

	"afterview/stages"
)

// newTabs lists the screens of the header, in the order tab cycles through
// them; digit keys jump to them (1 the first). Adding a screen is writing
// its file and one line here.
func newTabs(c *programContext) []tabScreen {
	return []tabScreen{
		newTodayModel(c),
		newAppsModel(c),
		newOffersModel(c),
		&statsModel{},
	}
}

// screen is one screen of the program: it owns its state, its keys, its
// view and its help. The root model routes to the screen shown the keys it
// does not handle itself (the global ones), and carries out what the
// screen asks for in return (an action): a screen never changes the root.
type screen interface {
	// title names the screen in the full help: "Keys · Applications".
	title() string
	// sync brings the screen up to a new snapshot (c.data); sel is what to
	// put the cursor on, if anything. A screen whose subject is gone asks
	// to close.
	sync(c *programContext, sel selection) action
	// update handles a key press (or a paste, while the screen takes
	// typing) and says what the root should do about it.
	update(c *programContext, msg tea.Msg) action
	view(c *programContext) string
	// help is the screen's keys for the help bar and the full help.
	help(c *programContext) helpKeys
	// notes are the full help's lines under the keys.
	notes() []string
}

// tabScreen is a screen with a tab in the header.
type tabScreen interface {
	screen
	// tab is the tab's label, and a shorter one for a narrow terminal:
	// "Applications 7", "Apps 7".
	tab(c *programContext) (long, short string)
}

// counted is a tab's label with a count from the data (0 before it
// arrives): "Offers 2".
func counted(c *programContext, label string, count func(*data) int) string {
	n := 0
	if c.data != nil {
		n = count(c.data)
	}
	return label + " " + strconv.Itoa(n)
}

// typist is a screen that can take every key for a while (a filter line):
// then q types a q.
type typist interface {
	typing() bool
}

// shower is a screen that has work to start when it is shown, or when new
// data arrives while it is (the Stats screen's figures, off the UI
// goroutine).
type shower interface {
	shown(c *programContext) tea.Cmd
}

// needer is a screen that says what it shows (see need), so that it can be
// drawn from a snapshot that holds that much, before the rest is loaded;
// its keys wait until the snapshot holds what they act on (see data.acts).
// A screen that is not one shows the whole history, and its keys act on
// nothing that loads.
type needer interface {
	needs() need
}

// styler is a screen that holds widgets to restyle and resize.
type styler interface {
	restyle(c *programContext)
	resize(c *programContext)
}

// crumber is a screen opened from a tab, named after it in the header:
// "Applications › Netflix".
type crumber interface {
	crumb(c *programContext) string
}

// selection is what a screen should select after new data: an
// application (after an add, or an undo), or a prompt on Today (after an
// undo brings it back).
type selection struct {
	app    uint64
	prompt promptRef
}

// focus is what takes the keys.
type focus int

const (
	focusScreen  focus = iota // the screen shown, after the global keys
	focusTyping               // the screen shown, which takes every key (a filter)
	focusHelp                 // the full help
	focusForm                 // the open form
	focusConfirm              // a yes/no question
)

// action is what a screen asks the root to do after a key: open something,
// act on a prompt, ask a question. A nil action is nothing.
type action interface{ isAction() }

type (
	// runCmd runs a command (a text input's cursor blink, say).
	runCmd struct{ cmd tea.Cmd }
	// openApp shows an application in full.
	openApp struct{ id uint64 }
	// openForm opens a form.
	openForm struct{ f *form }
	// onPrompt acts on a prompt: done, snooze to tomorrow or dismiss.
	onPrompt struct {
		verb promptVerb
		p    stages.Prompt
	}
	// askDelete asks whether to delete an application.
	askDelete struct{ a *stages.Application }
	// closeScreen goes back to the tab the screen was opened from, saying
	// why in the status line when status is set.
	closeScreen struct{ status string }
	// say puts a word in the status line.
	say struct{ status string }
	// thankAll marks every thank-you of the application not yet sent as
	// sent, in one write.
	thankAll struct{ a *stages.Application }
	// notHere says that the key does nothing on the screen shown: the
	// root says so in the status line, so that no key goes unanswered.
	notHere struct{}
)

func (runCmd) isAction()      {}
func (openApp) isAction()     {}
func (openForm) isAction()    {}
func (onPrompt) isAction()    {}
func (askDelete) isAction()   {}
func (closeScreen) isAction() {}
func (say) isAction()         {}
func (thankAll) isAction()    {}
func (notHere) isAction()     {}

// promptVerb is what to do with a prompt.
type promptVerb int

const (
	verbDone promptVerb = iota
	verbSnooze
	verbDismiss
	// verbCopy, verbCopyAll, verbEditDraft and verbMail act on the
	// prompt's draft: copy its body, copy it whole, edit it, open it in
	// the mail program.
	verbCopy
	verbEditDraft
	verbCopyAll
	verbMail
)

// cmdOf wraps a command as an action (nil stays nil).
func cmdOf(cmd tea.Cmd) action {
	if cmd == nil {
		return nil
	}
	return runCmd{cmd}
}
