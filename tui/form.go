package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"afterview/stages"
)

type formKind int

const (
	formAdd formKind = iota
	formEdit
	formLog
	formSnooze
	formPerson
	formName
)

// field is one line of a form: a text input, or a choice among options.
type field struct {
	key, label string
	// hint shows under the form while the field has the focus; kindHint,
	// when set, replaces it for one kind of event (see showLogFields).
	hint     string
	kindHint map[stages.EventKind]string
	input    textinput.Model
	// options, when set, make the field a choice cycled with ←/→.
	options []option
	choice  int
	hidden  bool
	err     string
	// parse reads a text field's value, or says what is wrong with it: when
	// the focus leaves the field, and once more on saving, where val keeps
	// what it read (nil for an empty field, or one that is only checked).
	parse func(string) (any, error)
	val   any
	// when, for a date field, says whether it holds a moment or a day;
	// lean is the way a bare weekday points (see stages.Lean).
	when whenKind
	lean stages.Lean
	// prefilled is set while the field still holds the value the form
	// opened with (or a nudged date): the first key typed replaces it.
	prefilled bool
	// initial is the value the form opened with, to tell typed changes.
	initial       string
	initialChoice int
}

type whenKind int

const (
	notWhen      whenKind = iota
	whenMoment            // a date and time
	whenDay               // a day
	whenDeadline          // a day, with a time of day if given (an offer's deadline)
)

// dateInputWidth leaves room after a date field for what it was read as.
const dateInputWidth = 18

// resolve reads a date field's value; ok is false when it is empty or not a
// date.
func (fl *field) resolve(now time.Time) (t time.Time, ok bool) {
	v := strings.TrimSpace(fl.input.Value())
	if fl.when == notWhen || v == "" {
		return time.Time{}, false
	}
	if fl.when == whenDay {
		d, err := stages.ParseDay(v, now, fl.lean)
		return d.Time(now.Location()), err == nil
	}
	if fl.when == whenDeadline {
		d, clock, err := stages.ParseDeadline(v, now, fl.lean)
		if err != nil {
			return time.Time{}, false
		}
		if at, ok := (&stages.Offer{Deadline: d, DeadlineTime: clock}).DeadlineAt(now.Location()); ok {
			return at, true
		}
		return d.Time(now.Location()), true
	}
	t, err := stages.ParseWhen(v, now, fl.lean)
	return t, err == nil
}

// deadlineClock is the time of day a deadline field holds ("17:00"), ""
// for a day only.
func (fl *field) deadlineClock(now time.Time) string {
	_, clock, err := stages.ParseDeadline(fl.input.Value(), now, fl.lean)
	if err != nil {
		return ""
	}
	return clock
}

// understood says what a date field was read as: "Thu 26 Nov 15:00".
func (fl *field) understood(now time.Time) string {
	t, ok := fl.resolve(now)
	if !ok {
		return ""
	}
	if fl.when == whenDay {
		return stages.DescribeDay(stages.DateOf(t), now)
	}
	if fl.when == whenDeadline {
		if clock := fl.deadlineClock(now); clock != "" {
			return stages.DescribeDay(stages.DateOf(t), now) + " " + clock
		}
		return stages.DescribeDay(stages.DateOf(t), now)
	}
	return stages.DescribeWhen(t, now)
}

// nudge moves a date field a day (step 1) later or earlier, from what it
// holds now, or from today when it is empty.
func (fl *field) nudge(now time.Time, step int) {
	t, ok := fl.resolve(now)
	if !ok {
		if strings.TrimSpace(fl.input.Value()) != "" {
			return // leave what is being typed alone
		}
		t = time.Date(now.Year(), now.Month(), now.Day(), 9, 0, 0, 0, now.Location())
	}
	d := stages.DateOf(t).AddDays(step)
	t = time.Date(d.Year, d.Month, d.Day, t.Hour(), t.Minute(), 0, 0, t.Location())
	switch clock := fl.deadlineClock(now); {
	case fl.when == whenDeadline && clock != "" && ok:
		fl.input.SetValue(d.String() + " " + clock) // the time stays
	case fl.when == whenDay || fl.when == whenDeadline:
		fl.input.SetValue(d.String())
	default:
		fl.input.SetValue(t.Format(dateTimeLayout))
	}
	fl.input.CursorEnd()
	fl.prefilled = true
	fl.err = ""
}

// changed reports whether the user changed the field from what the form
// opened with.
func (fl *field) changed() bool {
	if fl.isChoice() {
		return fl.choice != fl.initialChoice
	}
	return fl.input.Value() != fl.initial
}

func (f *field) isChoice() bool { return len(f.options) > 0 }

// value is a text field's text, or the words of a choice field's option.
func (f *field) value() string {
	if f.isChoice() {
		return f.options[f.choice].label
	}
	return f.input.Value()
}

// option is one choice of a choice field: its words, and the value it
// stands for.
type option struct {
	label string
	value any
}

// stringOptions are options whose words are their values.
func stringOptions(names []string) []option {
	out := make([]option, len(names))
	for i, n := range names {
		out[i] = option{n, n}
	}
	return out
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
	// prompt is what a snooze form snoozes (see snooze.go), or the draft
	// a name form was asked for, and then what to do with it then.
	prompt stages.Prompt
	then   promptVerb
	// orig is the application as the edit form found it on opening: what
	// the user changed is told against it.
	orig *stages.Application
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
	return field{key: name, label: label, hint: hint, input: in, prefilled: value != "", initial: value}
}

// dateField is a text field that reads dates the way people write them and
// shows what it understood.
func dateField(c *programContext, name, label, value, placeholder, hint string, when whenKind, lean stages.Lean) field {
	fl := newField(c, name, label, value, placeholder, hint, 40)
	fl.when, fl.lean = when, lean
	fl.input.SetWidth(min(dateInputWidth, inputWidth(c)))
	return fl
}

// choiceField is a choice among options, on the one whose value is selected
// (the first, if none is).
func choiceField(key, label, hint string, options []option, selected any) field {
	sel := 0
	for i, o := range options {
		if o.value == selected {
			sel = i
		}
	}
	return field{key: key, label: label, hint: hint, options: options, choice: sel, initialChoice: sel}
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

// value is a field's text (or chosen words), trimmed.
func (f *form) value(key string) string { return strings.TrimSpace(f.field(key).value()) }

// chosen is a choice field's value.
func (f *form) chosen(key string) any {
	fl := f.field(key)
	return fl.options[fl.choice].value
}

// parsed is what a text field was read as when the form was checked for
// saving (see checkAll); nil for an empty field.
func (f *form) parsed(key string) any { return f.field(key).val }

func (f *form) resize(c *programContext) {
	for i := range f.fields {
		w := inputWidth(c)
		if f.fields[i].when != notWhen {
			w = min(dateInputWidth, w)
		}
		f.fields[i].input.SetWidth(w)
	}
}

// dirty reports whether anything was typed or chosen since the form opened.
func (f *form) dirty() bool {
	for i := range f.fields {
		if f.fields[i].changed() {
			return true
		}
	}
	return false
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
	if fl.parse == nil {
		return
	}
	fl.err = ""
	if _, err := fl.parse(fl.input.Value()); err != nil {
		fl.err = err.Error()
	}
}

func (f *form) update(c *programContext, msg tea.Msg) tea.Cmd {
	fl := &f.fields[f.focus]
	if km, ok := msg.(tea.KeyPressMsg); ok {
		k := &c.keys.Form
		if fl.when != notWhen {
			switch {
			case key.Matches(km, k.Later):
				fl.nudge(c.now(), 1)
				f.changed(c, fl.key)
				return nil
			case key.Matches(km, k.Earlier):
				fl.nudge(c.now(), -1)
				f.changed(c, fl.key)
				return nil
			}
		}
		switch {
		case key.Matches(km, k.Next):
			return f.move(1)
		case key.Matches(km, k.Prev):
			return f.move(-1)
		}
		if fl.isChoice() {
			n := len(fl.options)
			switch {
			case key.Matches(km, k.ChooseNext):
				fl.choice = (fl.choice + 1) % n
			case key.Matches(km, k.ChoosePrev):
				fl.choice = (fl.choice + n - 1) % n
			default:
				// A letter jumps to the next choice that starts with it.
				if t := strings.ToLower(km.Text); t != "" {
					for j := 1; j <= n; j++ {
						if c := (fl.choice + j) % n; strings.HasPrefix(fl.options[c].label, t) {
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
	if fl.prefilled {
		// The first thing typed into a pre-filled field replaces it; a key
		// that edits or moves the cursor keeps it, to be edited.
		fl.prefilled = false
		switch m := msg.(type) {
		case tea.KeyPressMsg:
			if m.Text != "" && m.Mod&^tea.ModShift == 0 {
				fl.input.SetValue("")
			}
		case tea.PasteMsg:
			fl.input.SetValue("")
		}
	}
	var cmd tea.Cmd
	fl.input, cmd = fl.input.Update(msg)
	if fl.input.Value() != before {
		if fl.err != "" && fl.parse != nil {
			// Clear a shown mistake as soon as it is fixed.
			if _, err := fl.parse(fl.input.Value()); err == nil {
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
		f.logKind = f.chosen("kind").(logKind)
		f.showLogFields(c)
	case f.kind != formLog && key == "process":
		f.processTouched = true
	case f.kind == formPerson && key == "who":
		f.pickPerson(c)
	case f.kind == formAdd && key == "interview":
		f.showThanked(c)
	case f.kind == formAdd && key == "company" && !f.processTouched:
		pickProcess(c, f.field("process"), f.value("company"))
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
			if u := fl.understood(c.now()); u != "" {
				val += " " + s.Hint.Render(truncate("→ "+u, max(0, w-labelWidth-4-width(val))))
			}
		}
		lines = append(lines, " "+mark+label+val)
		if fl.err != "" {
			for _, l := range wrap("✗ "+sanitize(stripFieldName(fl.err)), w-labelWidth-6) {
				lines = append(lines, strings.Repeat(" ", labelWidth+3)+s.FieldError.Render(l))
			}
		}
	}
	lines = append(lines, "")
	hint := f.fields[f.focus].hint
	if kh, ok := f.fields[f.focus].kindHint[f.logKind]; ok {
		hint = kh
	}
	if h := hint; h != "" {
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
		save := "enter on the last field or ctrl+s saves · ctrl+u clears a field · esc cancels"
		if f.fields[f.focus].when != notWhen {
			save = "↑/↓ a day later/earlier · ctrl+u clears · ctrl+s saves · esc cancels"
		}
		if width(save) > w-2 {
			save = "ctrl+s saves · ctrl+u clears · esc cancels"
			if f.fields[f.focus].when != notWhen {
				save = "↑/↓ ±1 day · ctrl+u clears · ctrl+s saves"
			}
		}
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
	for i, o := range fl.options {
		ch := o.label
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
	v := "‹ " + fl.options[fl.choice].label + " ›"
	if on {
		v = s.LabelOn.Render(v)
	} else {
		v = s.Text.Render(v)
	}
	return v + s.Faint.Render(truncate("  "+itoa(fl.choice+1)+"/"+itoa(len(fl.options)), max(0, w-width(v))))
}

// stripFieldName drops the "company: " a message starts with when it shows
// under the company field already.
func stripFieldName(msg string) string {
	if i := strings.Index(msg, ": "); i > 0 && i <= 20 && !strings.ContainsAny(msg[:i], "\"'") {
		return msg[i+2:]
	}
	return msg
}
