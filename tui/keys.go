package tui

import (
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyMap lists every key the program answers to, by area: the keys of one
// area never clash with each other, and a key two areas share (enter opens
// on Today, Applications and Offers; esc is back, cancel or clear) shows as
// a binding in each. Nothing here is package-level state, so tests and
// future settings can build their own.
type KeyMap struct {
	// Global keys work on every screen, outside a form or a question.
	Global GlobalKeys
	// List moves a cursor through a list or scrolls a page.
	List ListKeys
	// Prompt acts on a to-do: on Today the selected one, in an
	// application's detail its most urgent one.
	Prompt PromptKeys
	Today  TodayKeys
	Apps   AppsKeys
	// Filter is the Applications filter line while it takes the typing.
	Filter FilterKeys
	Offers OffersKeys
	Detail DetailKeys
	Form   FormKeys
	// Confirm answers a yes/no question, which takes every key.
	Confirm ConfirmKeys
}

// GlobalKeys switch screens, add, undo, help and quit.
type GlobalKeys struct {
	// Switch and SwitchBack cycle through the tabs; Jump holds one key per
	// tab, in order ("1 today"), and Tabs is all of them in the short help.
	Switch, SwitchBack key.Binding
	Jump               []key.Binding
	Tabs               key.Binding
	Add, Undo          key.Binding
	// Help opens and closes the full help; CloseHelp (esc) closes it too.
	Help, CloseHelp key.Binding
	// Quit quits outside a form; Interrupt (ctrl+c) quits everywhere, after
	// asking if a form holds typing.
	Quit, Interrupt key.Binding
}

// ListKeys move through a list or a page.
type ListKeys struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
}

// PromptKeys act on a to-do.
type PromptKeys struct {
	Done, Snooze, SnoozeTo, Dismiss key.Binding
}

// TodayKeys act on the selected to-do's application.
type TodayKeys struct {
	Open, Log, Edit key.Binding
	// Copy copies the selected prompt's draft (the body, to paste under
	// the mail's own To and Subject), CopyAll the whole message with its
	// headers, EditDraft opens it in the editor (the edit is kept until
	// the to-do is done) and Mail opens it in the mail program. They act
	// on the detail screen's to-do too.
	Copy, CopyAll, EditDraft, Mail key.Binding
}

// AppsKeys act on the selected application, filter and show closed ones.
type AppsKeys struct {
	Open, Log, Edit, Delete key.Binding
	Filter, Closed          key.Binding
	// ClearFilter (esc) drops a kept filter.
	ClearFilter key.Binding
}

// FilterKeys are the filter line's: keep it, clear it, and move through
// the rows while typing.
type FilterKeys struct {
	Apply, Clear, Up, Down key.Binding
}

// OffersKeys choose an offer column and act on it.
type OffersKeys struct {
	// Left and Right move between the offers; Choose is the two in the
	// short help.
	Left, Right, Choose key.Binding
	First, Last         key.Binding
	// Edit revises the selected offer's terms; Log logs the answer to it.
	Open, Log, Edit key.Binding
}

// DetailKeys act on the application shown in full.
type DetailKeys struct {
	Back, Log, Edit, Delete key.Binding
	// People adds or changes one of the application's people.
	People key.Binding
	// ThanksAll marks every thank-you not yet sent as sent (an
	// application added after the fact).
	ThanksAll key.Binding
}

// FormKeys move through a form, choose options, nudge dates and save.
type FormKeys struct {
	Next, Prev key.Binding
	// SaveOnLast (enter) saves on the last field, where Next has nowhere
	// to go.
	Save, SaveOnLast, Cancel key.Binding
	// ChoosePrev and ChooseNext cycle a choice's options; Choose is the
	// two in the help.
	ChoosePrev, ChooseNext, Choose key.Binding
	// Clear empties a text field (the text input's own ctrl+u, with the
	// cursor at the end where a field opens).
	Clear key.Binding
	// Later and Earlier move a date field a day; Nudge is the two in the help.
	Later, Earlier, Nudge key.Binding
}

// ConfirmKeys answer a question.
type ConfirmKeys struct {
	Yes, No key.Binding
}

func bind(help, desc string, keys ...string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// DefaultKeyMap is the standard set of keys, for the standard tabs (see
// withTabs for others).
func DefaultKeyMap() KeyMap {
	b := bind
	k := KeyMap{
		Global: GlobalKeys{
			Switch:     b("tab", "switch", "tab"),
			SwitchBack: b("shift+tab", "previous tab", "shift+tab"),
			Add:        b("a", "add", "a"),
			Undo:       b("u", "undo", "u"),
			Help:       b("?", "more", "?"),
			CloseHelp:  b("esc", "close help", "esc"),
			Quit:       b("q", "quit", "q", "ctrl+c"),
			Interrupt:  b("ctrl+c", "quit", "ctrl+c"),
		},
		List: ListKeys{
			Up:       b("↑/k", "up", "up", "k"),
			Down:     b("↓/j", "down", "down", "j"),
			Top:      b("g", "top", "g", "home"),
			Bottom:   b("G", "bottom", "G", "end"),
			PageUp:   b("pgup", "page up", "pgup", "ctrl+b"),
			PageDown: b("pgdn", "page down", "pgdown", "ctrl+f"),
		},
		Prompt: PromptKeys{
			Done:     b("x", "done", "x"),
			Snooze:   b("z", "snooze", "z"),
			SnoozeTo: b("Z", "snooze…", "Z"),
			Dismiss:  b("d", "dismiss", "d"),
		},
		Today: TodayKeys{
			Open:      b("enter", "open", "enter"),
			Log:       b("l", "log", "l"),
			Edit:      b("e", "edit", "e"),
			Copy:      b("c", "copy", "c"),
			CopyAll:   b("C", "copy all", "C"),
			EditDraft: b("E", "editor", "E"),
			Mail:      b("o", "mail", "o"),
		},
		Apps: AppsKeys{
			Open:        b("enter", "open", "enter"),
			Log:         b("l", "log", "l"),
			Edit:        b("e", "edit", "e"),
			Delete:      b("D", "delete", "D"),
			Filter:      b("/", "filter", "/"),
			Closed:      b("c", "closed", "c"),
			ClearFilter: b("esc", "clear filter", "esc"),
		},
		Filter: FilterKeys{
			Apply: b("enter", "keep filter", "enter"),
			Clear: b("esc", "clear", "esc"),
			Up:    b("↑", "up", "up"),
			Down:  b("↓", "down", "down"),
		},
		Offers: OffersKeys{
			Left:   b("←", "previous offer", "left"),
			Right:  b("→", "next offer", "right"),
			Choose: b("←/→", "choose offer", "left", "right"),
			First:  b("g", "top", "g", "home"),
			Last:   b("G", "bottom", "G", "end"),
			Open:   b("enter", "open", "enter"),
			Log:    b("l", "log", "l"),
			Edit:   b("e", "edit", "e"),
		},
		Detail: DetailKeys{
			Back:      b("esc", "back", "esc"),
			Log:       b("l", "log", "l"),
			Edit:      b("e", "edit", "e"),
			Delete:    b("D", "delete", "D"),
			People:    b("p", "people", "p"),
			ThanksAll: b("t", "all thanked", "t"),
		},
		Form: FormKeys{
			Next:       b("enter/tab", "next field", "tab", "down", "enter"),
			Prev:       b("shift+tab", "previous", "shift+tab", "up"),
			Save:       b("ctrl+s", "save", "ctrl+s"),
			SaveOnLast: b("enter", "save", "enter"),
			Cancel:     b("esc", "cancel", "esc"),
			ChoosePrev: b("←", "previous option", "left"),
			ChooseNext: b("→/space", "next option", "right", "space"),
			Choose:     b("←/→", "choose", "left", "right", "space"),
			Clear:      b("ctrl+u", "clear", "ctrl+u"),
			Later:      b("↑", "a day later", "up"),
			Earlier:    b("↓", "a day earlier", "down"),
			Nudge:      b("↑/↓", "date ±1 day", "up", "down"),
		},
		Confirm: ConfirmKeys{
			Yes: b("y", "yes", "y", "Y"),
			No:  b("n/esc", "no", "n", "N", "esc"),
		},
	}
	return k.withTabs([]string{"today", "applications", "offers", "stats"})
}

// withTabs sets the jump keys for tabs with these names: 1 for the first,
// and so on (up to nine).
func (k KeyMap) withTabs(names []string) KeyMap {
	k.Global.Jump = nil
	var all []string
	for i, n := range names[:min(len(names), 9)] {
		d := strconv.Itoa(i + 1)
		k.Global.Jump = append(k.Global.Jump, bind(d, n, d))
		all = append(all, d)
	}
	k.Global.Tabs = bind("1-"+strconv.Itoa(len(all)), "tabs", all...)
	return k
}

// ShortHelp and FullHelp make KeyMap a help.KeyMap of the keys that work
// everywhere; each screen's help (see helpKeys) adds its own.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Global.Switch, k.Global.Tabs, k.Global.Add, k.Global.Help, k.Global.Quit}
}

func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Global.Add, k.Global.Undo}, k.Global.column()}
}

// helpKeys is one screen's view of the key map, for the bubbles help bar.
type helpKeys struct {
	short []key.Binding
	// minimal is the short help of a narrow terminal: the keys that matter
	// most, with help and quit always reachable.
	minimal []key.Binding
	full    [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

func (l ListKeys) all() []key.Binding {
	return []key.Binding{l.Up, l.Down, l.Top, l.Bottom, l.PageUp, l.PageDown}
}

// column is the full help's column of the keys that work on every screen:
// the tabs, help and quit. (a and u work everywhere too; each screen lists
// them with its own keys, which keeps the columns short enough for 60x20.)
func (g GlobalKeys) column() []key.Binding {
	out := []key.Binding{g.Switch, g.SwitchBack}
	out = append(out, g.Jump...)
	return append(out, g.Help, g.Quit)
}

// emptyHelp is the help of a screen with nothing on it to act on (no
// offers, no history): the way to the other tabs and to adding one.
// emptyListHelp is the help of a list with nothing to act on: with a
// filter on, how to clear it; else what works on an empty screen.
func (k KeyMap) emptyListHelp(filtered bool) helpKeys {
	if filtered {
		return helpKeys{
			short: []key.Binding{k.Apps.ClearFilter, k.Apps.Filter, k.Global.Add, k.Global.Switch, k.Global.Help, k.Global.Quit},
			full:  [][]key.Binding{{k.Apps.ClearFilter, k.Apps.Filter, k.Global.Add, k.Global.Undo}, k.Global.column()},
		}
	}
	return k.emptyHelp()
}

func (k KeyMap) emptyHelp() helpKeys {
	g := k.Global
	return helpKeys{
		short:   k.ShortHelp(),
		minimal: []key.Binding{g.Switch, g.Add, g.Help, g.Quit},
		full:    k.FullHelp(),
	}
}

func (k KeyMap) formHelp() helpKeys {
	f := k.Form
	return helpKeys{
		short:   []key.Binding{f.Next, f.Prev, f.Choose, f.Clear, f.Save, f.Cancel},
		minimal: []key.Binding{f.Next, f.Save, f.Cancel},
		full:    [][]key.Binding{{f.Next, f.Prev, f.Choose, f.Clear, f.Nudge, f.Save, f.Cancel}},
	}
}

func (k KeyMap) confirmHelp() helpKeys {
	return helpKeys{
		short: []key.Binding{k.Confirm.Yes, k.Confirm.No},
		full:  [][]key.Binding{{k.Confirm.Yes, k.Confirm.No}},
	}
}

// nothingTo answers a key of the screen's own that has nothing to act on
// where it is pressed: "nothing to copy: Today is empty". own are the
// screen's bindings, whose words name what the key would have done; a key
// not among them does nothing here at all.
func nothingTo(msg tea.KeyPressMsg, why string, own ...key.Binding) action {
	for _, b := range own {
		if key.Matches(msg, b) {
			return say{"nothing to " + verbOf(b) + ": " + why}
		}
	}
	return notHere{}
}

// verbOf is what a binding does, as a verb: its help's words, which are
// verbs but for a few that name a result or a place.
func verbOf(b key.Binding) string {
	switch d := b.Help().Desc; d {
	case "done":
		return "mark done"
	case "editor":
		return "edit"
	case "snooze…":
		return "snooze"
	case "up", "down", "top", "bottom", "page up", "page down":
		return "move through"
	default:
		return d
	}
}

// notHereStatus is the status of a key that does nothing on the screen
// shown (see notHere).
func notHereStatus(msg tea.KeyPressMsg) string {
	return msg.String() + " does nothing here · ? lists the keys"
}
