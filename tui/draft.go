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

// draftOf drafts p's message from one snapshot of the data; ok is false
// for a prompt that is no message. It reads nothing that changes, so it
// runs off the event loop (see drafting).
func draftOf(dr Drafts, dt *data, refs []stages.Reference, p stages.Prompt) (d draft.Draft, ok bool, err error) {
	if dt == nil || dr.Templates == nil {
		return d, false, nil
	}
	a, st := dt.application(p.AppID)
	if st != appLoaded {
		if p.AppID != 0 && st == appLoading {
			return d, false, errStillLoading
		}
		return d, false, nil
	}
	if _, err := dr.Templates.KindOf(a, p); err != nil {
		return d, false, nil
	}
	for _, o := range p.About {
		// The offers it names give their deadlines.
		if _, st := dt.application(o.App); st == appLoading {
			return d, false, errStillLoading
		}
	}
	d, err = dr.Templates.Draft(draft.Input{App: a, Prompt: p, Apps: dt.apps, References: refs, Me: dr.Me, Now: dt.now})
	return d, err == nil, err
}

// A draft is rendered off the event loop: a template of the user's own
// can take up to draft.MaxTime, and the keys (q above all) must work
// meanwhile. The selected prompt's draft is asked for after every update
// (drafting); until it comes (draftMsg) the pane says it is rendering, and
// a draft that comes for a prompt no longer selected, or from older data,
// is dropped.

// draftKey names one rendering: the prompt, in one snapshot of the data,
// with one list of references.
type draftKey struct {
	data *data
	refs int // programContext.refsGen
	app  uint64
	key  string
}

// drafted is a rendering, asked for or done.
type drafted struct {
	key  draftKey
	done bool
	d    draft.Draft
	ok   bool
	err  error
}

// draftMsg carries a draft rendered off the event loop; then is what the
// user asked to do with it meanwhile (copy or edit), if anything.
type draftMsg struct {
	r    drafted
	p    stages.Prompt
	then promptVerb
}

// noVerb: nothing to do with a draft but show it.
const noVerb promptVerb = -1

func (c *programContext) draftKey(p stages.Prompt) draftKey {
	return draftKey{data: c.data, refs: c.refsGen, app: p.AppID, key: p.Key}
}

// draftFor is p's draft as rendered; ready is false while it renders (or
// before it was asked for).
func (c *programContext) draftFor(p stages.Prompt) (r drafted, ready bool) {
	if c.drafted.key != c.draftKey(p) || !c.drafted.done {
		return drafted{}, false
	}
	return c.drafted, true
}

// renderDraft starts rendering p's draft, unless it is rendered or on its
// way; then is done with it when it comes.
func (c *programContext) renderDraft(p stages.Prompt, then promptVerb) tea.Cmd {
	k := c.draftKey(p)
	if c.drafted.key == k && then == noVerb {
		return nil
	}
	if !c.mustRender(p) {
		// No message, its application not loaded yet, or the built-in
		// templates: done at once, with no "rendering" to show.
		d, ok, err := draftOf(c.drafts, c.data, c.refs, p)
		c.drafted = drafted{key: k, done: true, d: d, ok: ok, err: err}
		return nil
	}
	c.drafted = drafted{key: k}
	dr, dt, refs := c.drafts, c.data, c.refs
	return func() tea.Msg {
		d, ok, err := draftOf(dr, dt, refs, p)
		return draftMsg{r: drafted{key: k, done: true, d: d, ok: ok, err: err}, p: p, then: then}
	}
}

// mustRender reports whether p's draft is rendered off the event loop: a
// message whose application (and the offers it names) are loaded, when
// the user's templates folder may hold its template. The built-in
// templates alone (in tests, or with no home folder) are drafted at once:
// they are in memory, cannot run away, and take microseconds.
func (c *programContext) mustRender(p stages.Prompt) bool {
	a, ok := c.data.app(p.AppID)
	if !ok || c.drafts.Templates == nil || !c.drafts.Templates.OwnFiles() {
		return false
	}
	if _, err := c.drafts.Templates.KindOf(a, p); err != nil {
		return false
	}
	for _, o := range p.About {
		if _, st := c.data.application(o.App); st == appLoading {
			return false
		}
	}
	return true
}

// drafting asks for the draft the screen shows: Today's selected prompt's.
func (m Model) drafting() tea.Cmd {
	if m.page != nil || m.ctx.data == nil {
		return nil
	}
	t, ok := m.tabs[m.tab].(*todayModel)
	if !ok {
		return nil
	}
	p, ok := t.selected(m.ctx)
	if !ok {
		return nil
	}
	return m.ctx.renderDraft(p, noVerb)
}

// gotDraft files a rendered draft, if it is still the one wanted, and does
// what was asked for with it.
func (m Model) gotDraft(msg draftMsg) (tea.Model, tea.Cmd) {
	if msg.r.key != m.ctx.draftKey(msg.p) || msg.r.key != m.ctx.drafted.key {
		// Stale: the data or the selection moved on while it rendered.
		if msg.then != noVerb {
			m.setStatus("the to-dos changed while the draft rendered: nothing copied; try again")
		}
		return m, nil
	}
	m.ctx.drafted = msg.r
	switch msg.then {
	case verbCopy:
		return m.copyDraft(msg.p)
	case verbEditDraft:
		return m.editDraft(msg.p)
	}
	return m, nil
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

// draftOrSay gives p's draft, or says in the status line why there is
// none (a broken template, or no message to send). While it renders, more
// is a command that renders it and does then with it.
func (m *Model) draftOrSay(p stages.Prompt, then promptVerb) (d draft.Draft, ok bool, more tea.Cmd) {
	r, ready := m.ctx.draftFor(p)
	if !ready {
		more = m.ctx.renderDraft(p, then)
		if r, ready = m.ctx.draftFor(p); !ready {
			m.setStatus("rendering the draft…")
			return d, false, more
		}
	}
	d, ok, err := r.d, r.ok, r.err
	switch {
	case errors.Is(err, errStillLoading):
		m.setStatus(err.Error())
	case err != nil:
		m.setError(err)
	case !ok:
		m.setStatus("no draft: " + p.Kind.Label() + " is not a message to send")
	}
	return d, ok && err == nil, nil
}

// copyDraft puts the selected prompt's draft on the clipboard through the
// terminal (OSC 52), which works over SSH and in tmux with set-clipboard on.
func (m Model) copyDraft(p stages.Prompt) (tea.Model, tea.Cmd) {
	d, ok, more := m.draftOrSay(p, verbCopy)
	if !ok {
		return m, more
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
	d, ok, more := m.draftOrSay(p, verbEditDraft)
	if !ok {
		return m, more
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
