package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"afterview/stages"
)

// Styles holds every style the screens use. Colour only ever repeats what a
// symbol or a word already says, so the screens read the same without it
// (NO_COLOR, or a terminal with no colour).
type Styles struct {
	App      lipgloss.Style // the product name in the header
	Badge    lipgloss.Style // "demo"
	Tab      lipgloss.Style
	TabOn    lipgloss.Style
	Rule     lipgloss.Style
	RuleOn   lipgloss.Style
	Heading  lipgloss.Style
	Text     lipgloss.Style
	Strong   lipgloss.Style
	Muted    lipgloss.Style
	Faint    lipgloss.Style
	Accent   lipgloss.Style
	Selected lipgloss.Style // the row under the cursor
	Cursor   lipgloss.Style // the ▸ marker

	Overdue  lipgloss.Style
	Due      lipgloss.Style
	Open     lipgloss.Style
	Upcoming lipgloss.Style

	Early    lipgloss.Style
	InWindow lipgloss.Style
	Late     lipgloss.Style
	Closed   lipgloss.Style
	Window   lipgloss.Style // the window's stretch of an empty bar

	Good lipgloss.Style
	Bad  lipgloss.Style
	Warn lipgloss.Style

	Label      lipgloss.Style
	LabelOn    lipgloss.Style
	FieldError lipgloss.Style
	Hint       lipgloss.Style
	Box        lipgloss.Style

	Help  help.Styles
	Input textinput.Styles
}

// NewStyles builds the styles for a dark or a light terminal background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	c := lipgloss.Color
	var (
		text     = ld(c("#1F2328"), c("#E6E6E6"))
		muted    = ld(c("#57606A"), c("#9AA0A6"))
		faint    = ld(c("#8C959F"), c("#5C6370"))
		accent   = ld(c("#6A3FD0"), c("#B79CFF"))
		red      = ld(c("#C0262D"), c("#FF6B6B"))
		amber    = ld(c("#9A6700"), c("#FFB454"))
		green    = ld(c("#1A7F37"), c("#7BD88F"))
		blue     = ld(c("#0969DA"), c("#79B8FF"))
		selBg    = ld(c("#EAE4FB"), c("#2D2A3E"))
		windowBg = ld(c("#BF8700"), c("#8A6A2A"))
	)
	s := lipgloss.NewStyle
	st := Styles{
		App:      s().Bold(true).Foreground(accent),
		Badge:    s().Bold(true).Foreground(amber),
		Tab:      s().Foreground(muted),
		TabOn:    s().Bold(true).Foreground(text),
		Rule:     s().Foreground(faint),
		RuleOn:   s().Foreground(accent),
		Heading:  s().Bold(true).Foreground(accent),
		Text:     s().Foreground(text),
		Strong:   s().Bold(true).Foreground(text),
		Muted:    s().Foreground(muted),
		Faint:    s().Foreground(faint),
		Accent:   s().Foreground(accent),
		Selected: s().Background(selBg).Bold(true),
		Cursor:   s().Bold(true).Foreground(accent),

		Overdue:  s().Bold(true).Foreground(red),
		Due:      s().Bold(true).Foreground(amber),
		Open:     s().Foreground(blue),
		Upcoming: s().Foreground(faint),

		Early:    s().Foreground(blue),
		InWindow: s().Foreground(amber),
		Late:     s().Bold(true).Foreground(red),
		Closed:   s().Foreground(muted),
		Window:   s().Foreground(windowBg),

		Good: s().Foreground(green),
		Bad:  s().Foreground(red),
		Warn: s().Foreground(amber),

		Label:      s().Foreground(muted),
		LabelOn:    s().Bold(true).Foreground(accent),
		FieldError: s().Foreground(red),
		Hint:       s().Foreground(faint),
		Box:        s().Border(lipgloss.RoundedBorder()).BorderForeground(faint).Padding(0, 1),
	}
	st.Help = help.Styles{
		ShortKey:       s().Bold(true).Foreground(muted),
		ShortDesc:      s().Foreground(faint),
		ShortSeparator: s().Foreground(faint),
		Ellipsis:       s().Foreground(faint),
		FullKey:        s().Bold(true).Foreground(accent),
		FullDesc:       s().Foreground(muted),
		FullSeparator:  s().Foreground(faint),
	}
	st.Input = textinput.Styles{
		Focused: textinput.StyleState{
			Text:        s().Foreground(text),
			Placeholder: s().Foreground(faint),
			Suggestion:  s().Foreground(faint),
			Prompt:      s().Foreground(accent),
		},
		Blurred: textinput.StyleState{
			Text:        s().Foreground(muted),
			Placeholder: s().Foreground(faint),
			Suggestion:  s().Foreground(faint),
			Prompt:      s().Foreground(faint),
		},
		Cursor: textinput.CursorStyle{Color: accent, Shape: tea.CursorBlock, Blink: false},
	}
	return st
}

// status picks the style of a prompt status.
func (s Styles) status(st stages.Status) lipgloss.Style {
	switch st {
	case stages.Overdue:
		return s.Overdue
	case stages.Due:
		return s.Due
	case stages.StatusOpen:
		return s.Open
	}
	return s.Upcoming
}

// wait picks the style of a wait status.
func (s Styles) wait(w stages.WaitStatus) lipgloss.Style {
	switch w {
	case stages.WaitEarly:
		return s.Early
	case stages.WaitInWindow:
		return s.InWindow
	case stages.WaitOverdue:
		return s.Late
	case stages.WaitOffer:
		return s.InWindow
	case stages.WaitAhead:
		return s.Early
	}
	return s.Closed
}
