package tui

import "charm.land/bubbles/v2/key"

// KeyMap lists every key the program answers to. Each screen shows the part
// that applies to it (see the *Help methods); nothing here is package-level
// state, so tests and future settings can build their own.
type KeyMap struct {
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding

	Open, Back key.Binding
	// Switch and SwitchBack cycle through the tabs; Today, Apps, Offers and
	// Stats jump to one. Tabs only shows "1-4" in the short help.
	Switch, SwitchBack, Today, Apps, Offers, Stats, Tabs key.Binding
	// Left and Right move between the offers on the Offers screen; Choose
	// Offer is the two in the short help.
	Left, Right, ChooseOffer key.Binding

	Add, Edit, Log, Done, Snooze, SnoozeTo, Dismiss, Delete key.Binding
	Filter, Closed, Undo, Help, Quit                        key.Binding
	// Copy and EditDraft copy the selected prompt's draft, as it is or
	// after the editor (Today).
	Copy, EditDraft key.Binding
	// People adds or changes one of an application's people (detail).
	People key.Binding

	// Forms and prompts of the forms.
	Next, Prev, Save, Cancel, Choose key.Binding
	// Clear empties a text field (the text input's own ctrl+u, with the
	// cursor at the end where a field opens); Nudge moves a date a day.
	Clear, Nudge             key.Binding
	Yes, No                  key.Binding
	ApplyFilter, ClearFilter key.Binding
}

// DefaultKeyMap is the standard set of keys.
func DefaultKeyMap() KeyMap {
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:       b("↑/k", "up", "up", "k"),
		Down:     b("↓/j", "down", "down", "j"),
		Top:      b("g", "top", "g", "home"),
		Bottom:   b("G", "bottom", "G", "end"),
		PageUp:   b("pgup", "page up", "pgup", "ctrl+b"),
		PageDown: b("pgdn", "page down", "pgdown", "ctrl+f"),

		Open:        b("enter", "open", "enter"),
		Back:        b("esc", "back", "esc"),
		Switch:      b("tab", "switch", "tab"),
		SwitchBack:  b("shift+tab", "previous tab", "shift+tab"),
		Today:       b("1", "today", "1"),
		Apps:        b("2", "applications", "2"),
		Offers:      b("3", "offers", "3"),
		Stats:       b("4", "stats", "4"),
		Tabs:        b("1-4", "tabs", "1", "2", "3", "4"),
		Left:        b("←", "previous offer", "left"),
		Right:       b("→", "next offer", "right"),
		ChooseOffer: b("←/→", "choose offer", "left", "right"),

		Add:       b("a", "add", "a"),
		Edit:      b("e", "edit", "e"),
		Log:       b("l", "log", "l"),
		Done:      b("x", "done", "x"),
		Snooze:    b("z", "snooze", "z"),
		SnoozeTo:  b("Z", "snooze…", "Z"),
		Dismiss:   b("d", "dismiss", "d"),
		Delete:    b("D", "delete", "D"),
		Filter:    b("/", "filter", "/"),
		Closed:    b("c", "closed", "c"),
		Undo:      b("u", "undo", "u"),
		Copy:      b("c", "copy", "c"),
		EditDraft: b("E", "editor", "E"),
		People:    b("p", "people", "p"),
		Help:      b("?", "more", "?"),
		Quit:      b("q", "quit", "q", "ctrl+c"),

		Next:   b("enter/tab", "next field", "tab", "down", "enter"),
		Prev:   b("shift+tab", "previous", "shift+tab", "up"),
		Save:   b("ctrl+s", "save", "ctrl+s"),
		Cancel: b("esc", "cancel", "esc"),
		Choose: b("←/→", "choose", "left", "right", "space"),
		Clear:  b("ctrl+u", "clear", "ctrl+u"),
		Nudge:  b("↑/↓", "date ±1 day", "up", "down"),
		Yes:    b("y", "yes", "y", "Y"),
		No:     b("n/esc", "no", "n", "N", "esc"),

		ApplyFilter: b("enter", "keep filter", "enter"),
		ClearFilter: b("esc", "clear", "esc"),
	}
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

// ShortHelp and FullHelp make KeyMap itself a help.KeyMap (the Today view).
func (k KeyMap) ShortHelp() []key.Binding  { return k.todayHelp().short }
func (k KeyMap) FullHelp() [][]key.Binding { return k.todayHelp().full }

func (k KeyMap) move() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown}
}

// tabs is the full help's column of the keys that work on every screen:
// the tabs, help and quit. (a and u work everywhere too; each screen lists
// them with its own keys, which keeps the columns short enough for 60x20.)
func (k KeyMap) tabs() []key.Binding {
	return []key.Binding{k.Switch, k.SwitchBack, k.Today, k.Apps, k.Offers, k.Stats, k.Help, k.Quit}
}

func (k KeyMap) todayHelp() helpKeys {
	return helpKeys{
		short:   []key.Binding{k.Done, k.Copy, k.Snooze, k.Open, k.Log, k.Add, k.Switch, k.Undo, k.Help, k.Quit},
		minimal: []key.Binding{k.Done, k.Copy, k.Snooze, k.Help, k.Quit},
		full: [][]key.Binding{
			{k.Done, k.Copy, k.EditDraft, k.Snooze, k.SnoozeTo, k.Dismiss, k.Open, k.Log, k.Edit, k.Add, k.Undo},
			k.move(),
			k.tabs(),
		},
	}
}

func (k KeyMap) appsHelp() helpKeys {
	return helpKeys{
		short:   []key.Binding{k.Open, k.Add, k.Log, k.Edit, k.Filter, k.Closed, k.Switch, k.Undo, k.Help, k.Quit},
		minimal: []key.Binding{k.Open, k.Add, k.Filter, k.Help, k.Quit},
		full: [][]key.Binding{
			{k.Open, k.Add, k.Edit, k.Log, k.Delete, k.Filter, k.Closed, k.Undo},
			k.move(),
			k.tabs(),
		},
	}
}

func (k KeyMap) detailHelp() helpKeys {
	return helpKeys{
		short:   []key.Binding{k.Back, k.Log, k.Edit, k.Done, k.Snooze, k.Up, k.Down, k.Undo, k.Help, k.Quit},
		minimal: []key.Binding{k.Back, k.Log, k.Done, k.Down, k.Help, k.Quit},
		full: [][]key.Binding{
			{k.Back, k.Log, k.Edit, k.People, k.Done, k.Snooze, k.SnoozeTo, k.Dismiss, k.Delete, k.Undo},
			k.move(),
			k.tabs(),
		},
	}
}

func (k KeyMap) offersHelp() helpKeys {
	return helpKeys{
		short:   []key.Binding{k.ChooseOffer, k.Open, k.Log, k.Edit, k.Switch, k.Tabs, k.Help, k.Quit},
		minimal: []key.Binding{k.ChooseOffer, k.Open, k.Log, k.Help, k.Quit},
		full: [][]key.Binding{
			{k.Left, k.Right, k.Top, k.Bottom, k.Open, k.Log, k.Edit, k.Add, k.Undo},
			k.tabs(),
		},
	}
}

func (k KeyMap) statsHelp() helpKeys {
	return helpKeys{
		short:   []key.Binding{k.Down, k.Up, k.PageDown, k.Switch, k.Tabs, k.Add, k.Help, k.Quit},
		minimal: []key.Binding{k.Down, k.Up, k.Switch, k.Help, k.Quit},
		full: [][]key.Binding{
			append(k.move(), k.Add, k.Undo),
			k.tabs(),
		},
	}
}

// emptyHelp is the help of a screen with nothing on it to act on (no
// offers, no history): the way to the other tabs and to adding one.
func (k KeyMap) emptyHelp() helpKeys {
	return helpKeys{
		short:   []key.Binding{k.Switch, k.Tabs, k.Add, k.Help, k.Quit},
		minimal: []key.Binding{k.Switch, k.Add, k.Help, k.Quit},
		full:    [][]key.Binding{{k.Add, k.Undo}, k.tabs()},
	}
}

func (k KeyMap) formHelp() helpKeys {
	return helpKeys{
		short:   []key.Binding{k.Next, k.Prev, k.Choose, k.Clear, k.Save, k.Cancel},
		minimal: []key.Binding{k.Next, k.Save, k.Cancel},
		full:    [][]key.Binding{{k.Next, k.Prev, k.Choose, k.Clear, k.Nudge, k.Save, k.Cancel}},
	}
}

func (k KeyMap) filterHelp() helpKeys {
	return helpKeys{
		short: []key.Binding{k.ApplyFilter, k.ClearFilter},
		full:  [][]key.Binding{{k.ApplyFilter, k.ClearFilter}},
	}
}

func (k KeyMap) confirmHelp() helpKeys {
	return helpKeys{
		short: []key.Binding{k.Yes, k.No},
		full:  [][]key.Binding{{k.Yes, k.No}},
	}
}
