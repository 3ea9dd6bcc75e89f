package tui

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"

	"afterview/internal/draft"
	"afterview/stages"
)

// Drafts is what the Today screen needs to draft a prompt's message: the
// templates (the user's own included), the user's name and the editor,
// all found by the command line.
type Drafts struct {
	Templates *draft.Templates
	// Me signs the drafts ("": a marked gap).
	Me string
	// Editor is the command that edits a draft ($VISUAL or $EDITOR), with
	// its arguments; "" leaves E saying how to set one.
	Editor string
}

// referenceStore is a Store that also keeps the user's references (the
// real one does); without it, reference drafts ask which references.
type referenceStore interface {
	References() ([]stages.Reference, error)
}

// refsMsg carries the user's references, read after each snapshot.
type refsMsg struct{ refs []stages.Reference }

func refsCmd(st Store) tea.Cmd {
	rs, ok := st.(referenceStore)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		refs, err := rs.References()
		if err != nil {
			return nil
		}
		return refsMsg{refs}
	}
}

// draftFor drafts p's message; ok is false for a prompt that is no message.
func (c *programContext) draftFor(p stages.Prompt) (d draft.Draft, ok bool, err error) {
	if c.data == nil || c.drafts.Templates == nil {
		return d, false, nil
	}
	a, found := c.data.app(p.AppID)
	if !found {
		if p.AppID != 0 && !c.data.complete() {
			return d, false, errStillLoading
		}
		return d, false, nil
	}
	if _, err := draft.KindOf(a, p); err != nil {
		return d, false, nil
	}
	for _, o := range p.About {
		// The offers it names give their deadlines.
		if _, ok := c.data.app(o.App); !ok && !c.data.complete() {
			return d, false, errStillLoading
		}
	}
	d, err = c.drafts.Templates.Draft(draft.Input{App: a, Prompt: p, Apps: c.data.apps, References: c.refs, Me: c.drafts.Me, Now: c.data.now})
	return d, err == nil, err
}

// draftPreview draws the selected prompt's draft in the lower pane, in as
// many lines as there are: the header, To and Subject, then the body.
func draftPreview(c *programContext, p stages.Prompt, d draft.Draft, height int) string {
	s := c.styles
	w := c.width
	title := " " + sanitize(p.Company) + " · " + p.Kind.Label() + " · draft "
	keys := " c copies · E edits "
	title = truncate(title, w-4)
	fill := max(0, w-2-width(title)-width(keys)-2)
	lines := []string{s.Rule.Render("──") + s.Heading.Render(title) + s.Rule.Render(strings.Repeat("─", fill)) + s.Muted.Render(keys) + s.Rule.Render("──")}
	to := "To: " + d.ToLine()
	if d.NoReferences {
		to += fmt.Sprintf(" · none given to %s yet: afterview references edit NAME --given %d", p.Company, p.AppID)
	}
	lines = append(lines, " "+s.Muted.Render(truncate(sanitize(to), w-2)),
		" "+s.Muted.Render(truncate(sanitize("Subject: "+d.Subject), w-2)))
	for _, para := range strings.Split(d.Body, "\n") {
		if strings.TrimSpace(para) == "" {
			continue // the pane is small: paragraphs run on
		}
		for _, l := range wrap(sanitize(para), w-2) {
			lines = append(lines, " "+s.Text.Render(l))
		}
	}
	if len(lines) > height {
		lines = append(lines[:height-1], " "+s.Muted.Render("… E opens the whole draft"))
	}
	return strings.Join(lines, "\n")
}

// draftError takes the draft's place when its template is broken: the
// file, the line and what to do.
func draftError(c *programContext, p stages.Prompt, err error, height int) string {
	s := c.styles
	title := truncate(" "+sanitize(p.Company)+" · "+p.Kind.Label()+" · no draft ", c.width-4)
	lines := []string{s.Rule.Render("──") + s.Heading.Render(title) + s.Rule.Render(strings.Repeat("─", max(0, c.width-2-width(title))))}
	for _, para := range strings.Split(err.Error(), "\n") {
		for _, l := range wrap(sanitize(para), c.width-2) {
			lines = append(lines, " "+s.Warn.Render(l))
		}
	}
	return strings.Join(lines[:min(len(lines), height)], "\n")
}

// draftOrSay drafts p's message, or says in the status line why there is
// none (a broken template, or no message to send).
func (m *Model) draftOrSay(p stages.Prompt) (draft.Draft, bool) {
	d, ok, err := m.ctx.draftFor(p)
	switch {
	case errors.Is(err, errStillLoading):
		m.setStatus(err.Error())
	case err != nil:
		m.setError(err)
	case !ok:
		m.setStatus("no draft: " + p.Kind.Label() + " is not a message to send")
	}
	return d, ok && err == nil
}

// copyDraft puts the selected prompt's draft on the clipboard through the
// terminal (OSC 52), which works over SSH and in tmux with set-clipboard on.
func (m Model) copyDraft(p stages.Prompt) (tea.Model, tea.Cmd) {
	d, ok := m.draftOrSay(p)
	if !ok {
		return m, nil
	}
	m.setStatus("draft to " + sanitize(d.ToLine()) + " copied to the clipboard: paste it into your mail, then x marks it done")
	return m, tea.SetClipboard(d.Text())
}

// editedMsg says the editor closed on a draft's file.
type editedMsg struct {
	file string
	err  error
}

// editDraft opens the selected prompt's draft in the user's editor; what
// they save is copied (see editedMsg).
func (m Model) editDraft(p stages.Prompt) (tea.Model, tea.Cmd) {
	d, ok := m.draftOrSay(p)
	if !ok {
		return m, nil
	}
	args := strings.Fields(m.ctx.drafts.Editor)
	if len(args) == 0 {
		m.setStatus("no editor: set EDITOR (or VISUAL), e.g. export EDITOR=nano; c copies the draft as it is")
		return m, nil
	}
	f, err := os.CreateTemp("", "afterview-draft-*.txt")
	if err == nil {
		_, err = f.WriteString(d.Text())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		m.setError(fmt.Errorf("cannot write the draft to a file for the editor: %w", err))
		return m, nil
	}
	name := f.Name()
	cmd := exec.Command(args[0], append(args[1:], name)...)
	return m, tea.ExecProcess(cmd, func(err error) tea.Msg { return editedMsg{file: name, err: err} })
}

// edited copies what the user saved in the editor, and removes the file.
func (m Model) edited(msg editedMsg) (tea.Model, tea.Cmd) {
	b, err := os.ReadFile(msg.file)
	_ = os.Remove(msg.file)
	if msg.err != nil {
		var exit *exec.ExitError
		if errors.As(msg.err, &exit) {
			m.setError(fmt.Errorf("the editor ended with an error (%v): nothing copied", msg.err))
		} else {
			m.setError(fmt.Errorf("cannot run the editor %q (%v): set EDITOR or VISUAL", m.ctx.drafts.Editor, msg.err))
		}
		return m, nil
	}
	if err != nil {
		m.setError(fmt.Errorf("cannot read the edited draft: %w", err))
		return m, nil
	}
	if strings.TrimSpace(string(b)) == "" {
		m.setStatus("the edited draft is empty: nothing copied")
		return m, nil
	}
	m.setStatus("your edited draft is copied to the clipboard: paste it into your mail, then x marks it done")
	return m, tea.SetClipboard(string(b))
}
