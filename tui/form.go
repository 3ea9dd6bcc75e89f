package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

type formKind int

const (
	formAdd formKind = iota
	formEdit
	formLog
)

// field is one line of a form: a text input, or a choice among options.
type field struct {
	key, label string
	// hint shows under the form while the field has the focus.
	hint  string
	input textinput.Model
	// choices, when set, make the field a choice cycled with ←/→.
	choices []string
	choice  int
	hidden  bool
	err     string
	// check validates a text field's value when the focus leaves it.
	check func(string) error
}

func (f *field) isChoice() bool { return len(f.choices) > 0 }

func (f *field) value() string {
	if f.isChoice() {
		return f.choices[f.choice]
	}
	return f.input.Value()
}

// form is an add/edit application form or a log-event form. It owns what
// the user typed until the store confirms the save, so a failed save loses
// nothing.
type form struct {
	kind   formKind
	title  string
	appID  uint64
	fields []field
	focus  int
	// err is the reason the last save failed, or a problem that belongs to
	// no single field.
	err string
	// warn is advice that does not block the save (a second follow-up).
	warn   string
	saving bool
	// processTouched is set once the user picks a process by hand, so that
	// typing the company no longer picks it for them.
	processTouched bool
	// logKind is the kind of event a log form records (see logform.go).
	logKind logKind
}

func newField(c *programContext, name, label, value, placeholder, hint string, limit int) field {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.CharLimit = limit
	in.SetStyles(c.styles.Input)
	in.SetWidth(inputWidth(c))
	in.KeyMap.AcceptSuggestion = key.NewBinding(key.WithKeys("right"))
	in.SetValue(value)
	in.CursorEnd()
	return field{key: name, label: label, hint: hint, input: in}
}

func choiceField(key, label, hint string, choices []string, selected int) field {
	return field{key: key, label: label, hint: hint, choices: choices, choice: max(0, min(selected, len(choices)-1))}
}

func inputWidth(c *programContext) int { return max(12, min(48, c.width-labelWidth-8)) }

const labelWidth = 17

func (f *form) field(key string) *field {
	for i := range f.fields {
		if f.fields[i].key == key {
			return &f.fields[i]
		}
	}
	panic("form: no field " + key)
}

func (f *form) value(key string) string { return strings.TrimSpace(f.field(key).value()) }

func (f *form) resize(c *programContext) {
	for i := range f.fields {
		f.fields[i].input.SetWidth(inputWidth(c))
	}
}

func (f *form) restyle(c *programContext) {
	for i := range f.fields {
		f.fields[i].input.SetStyles(c.styles.Input)
	}
}

// focusCmd gives the focus to the current field and takes it from the rest.
func (f *form) focusCmd() tea.Cmd {
	var cmd tea.Cmd
	for i := range f.fields {
		if i == f.focus && !f.fields[i].isChoice() {
			cmd = f.fields[i].input.Focus()
		} else {
			f.fields[i].input.Blur()
		}
	}
	return cmd
}

func (f *form) visible() []int {
	var out []int
	for i := range f.fields {
		if !f.fields[i].hidden {
			out = append(out, i)
		}
	}
	return out
}

// onLast reports whether the focus is on the last field shown, where enter saves.
func (f *form) onLast() bool {
	v := f.visible()
	return len(v) > 0 && v[len(v)-1] == f.focus
}

func (f *form) move(step int) tea.Cmd {
	f.leave()
	v := f.visible()
	pos := 0
	for i, idx := range v {
		if idx == f.focus {
			pos = i
		}
	}
	pos = max(0, min(pos+step, len(v)-1))
	f.focus = v[pos]
	return f.focusCmd()
}

// leave validates the field the focus is leaving, so a mistake shows at once.
func (f *form) leave() {
	fl := &f.fields[f.focus]
	if fl.check == nil {
		return
	}
	fl.err = ""
	if err := fl.check(fl.input.Value()); err != nil {
		fl.err = err.Error()
	}
}

func (f *form) update(c *programContext, msg tea.Msg) tea.Cmd {
	fl := &f.fields[f.focus]
	if km, ok := msg.(tea.KeyPressMsg); ok {
		k := &c.keys
		switch {
		case key.Matches(km, k.Next):
			return f.move(1)
		case key.Matches(km, k.Prev):
			return f.move(-1)
		}
		if fl.isChoice() {
			n := len(fl.choices)
			switch km.String() {
			case "right", "space":
				fl.choice = (fl.choice + 1) % n
			case "left":
				fl.choice = (fl.choice + n - 1) % n
			default:
				// A letter jumps to the next choice that starts with it.
				if t := strings.ToLower(km.Text); t != "" {
					for j := 1; j <= n; j++ {
						if c := (fl.choice + j) % n; strings.HasPrefix(fl.choices[c], t) {
							fl.choice = c
							break
						}
					}
				}
			}
			f.changed(c, fl.key)
			return nil
		}
	}
	if fl.isChoice() {
		return nil
	}
	before := fl.input.Value()
	var cmd tea.Cmd
	fl.input, cmd = fl.input.Update(msg)
	if fl.input.Value() != before {
		if fl.err != "" && fl.check != nil {
			// Clear a shown mistake as soon as it is fixed.
			if fl.check(fl.input.Value()) == nil {
				fl.err = ""
			}
		}
		f.changed(c, fl.key)
	}
	return cmd
}

// changed keeps the form consistent after a field changed: the fields a log
// form shows follow the kind of event, and the add form picks the process
// from the company's name.
func (f *form) changed(c *programContext, key string) {
	switch {
	case f.kind == formLog && key == "kind":
		f.logKind = logKind(f.field("kind").choice)
		f.showLogFields(c)
	case f.kind != formLog && key == "process":
		f.processTouched = true
	case f.kind == formAdd && key == "company" && !f.processTouched:
		pickProcess(c, f.field("process"), f.field("company").value())
	}
}

func (f *form) view(c *programContext) string {
	s := c.styles
	w := c.width
	var lines []string
	focusLine := 0
	lines = append(lines, " "+s.Heading.Render(truncate(f.title, w-4)), "")
	for _, i := range f.visible() {
		fl := &f.fields[i]
		on := i == f.focus
		label := fit(fl.label, labelWidth)
		mark := "  "
		if on {
			label = s.LabelOn.Render(label)
			mark = s.Cursor.Render("▸ ")
			focusLine = len(lines)
		} else {
			label = s.Label.Render(label)
		}
		var val string
		if fl.isChoice() {
			val = choiceView(c, fl, on, w-labelWidth-4)
		} else {
			val = fl.input.View()
		}
		lines = append(lines, " "+mark+label+val)
		if fl.err != "" {
			for _, l := range wrap("✗ "+sanitize(stripFieldName(fl.err)), w-labelWidth-6) {
				lines = append(lines, strings.Repeat(" ", labelWidth+3)+s.FieldError.Render(l))
			}
		}
	}
	lines = append(lines, "")
	if h := f.fields[f.focus].hint; h != "" {
		for _, l := range wrap(h, w-labelWidth-6) {
			lines = append(lines, strings.Repeat(" ", labelWidth+3)+s.Hint.Render(l))
		}
	}
	if f.warn != "" {
		for _, l := range wrap("! "+f.warn, w-4) {
			lines = append(lines, " "+s.Warn.Render(l))
		}
	}
	switch {
	case f.saving:
		lines = append(lines, " "+s.Muted.Render("Saving…"))
	case f.err != "":
		for _, l := range wrap("✗ Not saved: "+sanitize(f.err), w-4) {
			lines = append(lines, " "+s.Bad.Render(l))
		}
		lines = append(lines, " "+s.Muted.Render("Everything you typed is still here: fix it and save again (ctrl+s), or esc to cancel."))
	default:
		save := "enter on the last field or ctrl+s saves · esc cancels"
		lines = append(lines, " "+s.Faint.Render(truncate(save, w-2)))
	}
	// A form taller than the screen scrolls to keep the focused field in view.
	h := c.bodyHeight()
	if len(lines) > h {
		start := max(0, min(focusLine-h/2, len(lines)-h))
		lines = lines[start : start+h]
	}
	return strings.Join(lines, "\n")
}

// choiceView shows a choice as its options in a row with the chosen one
// bracketed, or, when they do not fit, as ‹ chosen › and its position.
func choiceView(c *programContext, fl *field, on bool, w int) string {
	s := c.styles
	var parts []string
	total := 0
	for i, ch := range fl.choices {
		if i == fl.choice {
			p := "[" + ch + "]"
			if on {
				parts = append(parts, s.LabelOn.Render(p))
			} else {
				parts = append(parts, s.Text.Render(p))
			}
			total += width(p) + 1
			continue
		}
		parts = append(parts, s.Faint.Render(" "+ch+" "))
		total += width(ch) + 3
	}
	if total <= w {
		return strings.Join(parts, " ")
	}
	v := "‹ " + fl.choices[fl.choice] + " ›"
	if on {
		v = s.LabelOn.Render(v)
	} else {
		v = s.Text.Render(v)
	}
	return v + s.Faint.Render(truncate("  "+itoa(fl.choice+1)+"/"+itoa(len(fl.choices)), max(0, w-width(v))))
}

// stripFieldName drops the "company: " a message starts with when it shows
// under the company field already.
func stripFieldName(msg string) string {
	if i := strings.Index(msg, ": "); i > 0 && i <= 20 && !strings.ContainsAny(msg[:i], "\"'") {
		return msg[i+2:]
	}
	return msg
}
