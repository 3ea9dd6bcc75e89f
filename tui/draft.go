package tui

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"charm.land/bubbles/v2/key"
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
	// Editor is the command that edits a draft ($VISUAL or $EDITOR, else
	// vi, as config edit), with its arguments, run by the shell; "" leaves
	// E saying how to set one.
	Editor string
	// SaveName keeps the name the user gives when a draft asks for it
	// (Me is "" and nothing was configured), in the configuration file;
	// nil: the drafts keep the marked gap, and nothing is asked.
	SaveName func(name string) error
	// Mail opens a mailto: URL in the desktop's mail program (xdg-open,
	// open); nil: there is none here, and NoMail says why.
	Mail   func(url string) error
	NoMail string
}

// EditKeeper is a Store that also keeps the user's edited drafts, per
// prompt, so that an edit outlives the session (the real one does;
// without it, edits last the session). EditedDrafts reads them by
// application id and prompt key; KeepEdit keeps one ("" forgets it) and
// forgets the application's others whose prompts are not in open.
type EditKeeper interface {
	EditedDrafts() (map[uint64]map[string]string, error)
	KeepEdit(app uint64, prompt, text string, open []string) error
}

// editsMsg carries the kept edits, read with the references.
type editsMsg struct{ edits map[promptRef]string }

func editsCmd(st Store) tea.Cmd {
	ek, ok := st.(EditKeeper)
	if !ok {
		return nil
	}
	return func() tea.Msg {
		by, err := ek.EditedDrafts()
		if err != nil {
			return nil
		}
		edits := map[promptRef]string{}
		for app, keys := range by {
			for k, text := range keys {
				edits[promptRef{app, k}] = text
			}
		}
		return editsMsg{edits}
	}
}

// keptMsg says whether an edit was kept in the data file.
type keptMsg struct{ err error }

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
		return editsCmd(st)
	}
	return tea.Batch(editsCmd(st), func() tea.Msg {
		refs, err := rs.References()
		if err != nil {
			return nil
		}
		return refsMsg{refs}
	})
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
	// edited is set when d is the user's kept edit (see draftFor).
	edited bool
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
	r = c.drafted
	if text, ok := c.edit(p); ok && r.ok && r.err == nil {
		// The user's edit is the message from now on, until the to-do
		// is done.
		r.d, r.edited = r.d.Edited(text), true
	}
	return r, true
}

// edit is the user's kept edit of p's draft: this session's, else the
// data file's.
func (c *programContext) edit(p stages.Prompt) (string, bool) {
	ref := promptRef{p.AppID, p.Key}
	if text, ok := c.myEdits[ref]; ok {
		return text, text != ""
	}
	text, ok := c.edits[ref]
	return text, ok
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
	if msg.then == noVerb {
		return m, nil
	}
	note := m.ctx.nameNote
	m.ctx.nameNote = ""
	m, cmd := m.draftVerb(msg.p, msg.then)
	if note != "" {
		m.setStatus(note + " · " + m.status)
	}
	return m, cmd
}

// draftVerbOf is the draft verb a key asks for: c, C, E or o.
func draftVerbOf(c *programContext, km tea.KeyPressMsg) (promptVerb, bool) {
	k := &c.keys.Today
	switch {
	case key.Matches(km, k.Copy):
		return verbCopy, true
	case key.Matches(km, k.CopyAll):
		return verbCopyAll, true
	case key.Matches(km, k.EditDraft):
		return verbEditDraft, true
	case key.Matches(km, k.Mail):
		return verbMail, true
	}
	return noVerb, false
}

// draftVerb does v with p's draft. With no name to sign with, the first
// draft asks for it (once a session; the answer is saved for good).
func (m Model) draftVerb(p stages.Prompt, v promptVerb) (Model, tea.Cmd) {
	if dr := m.ctx.drafts; dr.Me == "" && dr.SaveName != nil && !m.ctx.askedName {
		if a, ok := m.ctx.data.app(p.AppID); ok {
			if _, err := dr.Templates.KindOf(a, p); err == nil {
				m.ctx.askedName = true
				return m.apply(openForm{newNameForm(m.ctx, p, v)})
			}
		}
	}
	switch v {
	case verbCopy, verbCopyAll:
		return m.copyDraft(p, v)
	case verbEditDraft:
		return m.editDraft(p)
	case verbMail:
		return m.mailDraft(p)
	}
	return m, nil
}

// draftPreview draws the selected prompt's draft (the user's edit, when
// edited) in the lower pane, in as many lines as there are: the header,
// To and Subject, then the body.
func draftPreview(c *programContext, p stages.Prompt, d draft.Draft, edited bool, height int) string {
	s := c.styles
	w := c.width
	title := " " + sanitize(p.Company) + " · " + p.Kind.Label() + " · draft "
	if edited {
		title = " " + sanitize(p.Company) + " · " + p.Kind.Label() + " · your edit "
	}
	title = truncate(title, w-4)
	// The keys, as many words as there is room for.
	keys := ""
	for _, k := range []string{" c/C copy · E edit · o mail ", " c/C/E/o "} {
		if w-2-width(title)-width(k)-2 >= 2 {
			keys = k
			break
		}
	}
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
// terminal (OSC 52), which works over SSH and in tmux with set-clipboard
// on: c the body, to paste under the mail's own To and Subject; C the
// whole message with those lines.
func (m Model) copyDraft(p stages.Prompt, v promptVerb) (Model, tea.Cmd) {
	d, ok, more := m.draftOrSay(p, v)
	if !ok {
		return m, more
	}
	if v == verbCopyAll {
		m.setStatus("draft to " + sanitize(d.ToLine()) + " copied with To and Subject: paste it into your mail")
		return m, tea.SetClipboard(d.Text())
	}
	m.setStatus("body of the draft to " + sanitize(d.ToLine()) + " copied · C copies To and Subject too")
	return m, tea.SetClipboard(d.Body)
}

// mailDraft opens the draft in the mail program, as a mailto: URL with
// the addresses known, the subject and the body.
func (m Model) mailDraft(p stages.Prompt) (Model, tea.Cmd) {
	d, ok, more := m.draftOrSay(p, verbMail)
	if !ok {
		return m, more
	}
	open := m.ctx.drafts.Mail
	if open == nil {
		why := m.ctx.drafts.NoMail
		if why == "" {
			why = "no mail program is known here"
		}
		m.setStatus(sanitize(why) + ": C copies the whole message to paste into your mail")
		return m, nil
	}
	url := d.Mailto()
	status := "opening the draft to " + sanitize(d.ToLine()) + " in your mail program; x marks it done once sent"
	if !strings.HasPrefix(url, "mailto:?") {
		m.setStatus(status)
	} else {
		m.setStatus("opening the draft in your mail program: no address is known, so fill in To there; x marks it done once sent")
	}
	return m, func() tea.Msg { return mailedMsg{open(url)} }
}

// mailedMsg says whether the mail program could be started.
type mailedMsg struct{ err error }

// editedMsg says the editor closed on a draft's file.
type editedMsg struct {
	file string
	err  error
	p    stages.Prompt
	// before is the text the editor opened with.
	before string
}

// editDraft opens the selected prompt's draft (the user's edit, when
// there is one) in the user's editor; what they save is kept as the
// prompt's draft, and its body copied (see edited).
func (m Model) editDraft(p stages.Prompt) (Model, tea.Cmd) {
	d, ok, more := m.draftOrSay(p, verbEditDraft)
	if !ok {
		return m, more
	}
	editor := strings.TrimSpace(m.ctx.drafts.Editor)
	if editor == "" {
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
	name, before := f.Name(), d.Text()
	// As config edit runs it: the editor may carry options ("code
	// --wait"), so the shell splits it, and the file goes in as its own
	// argument, never through the shell.
	cmd := exec.Command("/bin/sh", "-c", editor+` "$1"`, "afterview-editor", name)
	return m, tea.ExecProcess(cmd, func(err error) tea.Msg { return editedMsg{file: name, err: err, p: p, before: before} })
}

// edited keeps what the user saved in the editor as the prompt's draft
// (in the data file, when the store keeps edits), copies its body, and
// removes the file.
func (m Model) edited(msg editedMsg) (tea.Model, tea.Cmd) {
	b, err := os.ReadFile(msg.file)
	_ = os.Remove(msg.file)
	if msg.err != nil {
		var exit *exec.ExitError
		if errors.As(msg.err, &exit) {
			m.setError(fmt.Errorf("the editor ended with an error (%v): nothing kept or copied", msg.err))
		} else {
			m.setError(fmt.Errorf("cannot run the editor %q (%v): set EDITOR or VISUAL", m.ctx.drafts.Editor, msg.err))
		}
		return m, nil
	}
	if err != nil {
		m.setError(fmt.Errorf("cannot read the edited draft: %w", err))
		return m, nil
	}
	text := string(b)
	if strings.TrimSpace(text) == "" {
		m.setStatus("the edited draft is empty: nothing kept or copied")
		return m, nil
	}
	body := draft.Draft{}.Edited(text).Body
	if text == msg.before {
		m.setStatus("the draft is unchanged; its body is copied: paste it into your mail")
		return m, tea.SetClipboard(body)
	}
	p := msg.p
	ref := promptRef{p.AppID, p.Key}
	if m.ctx.myEdits == nil {
		m.ctx.myEdits = map[promptRef]string{}
	}
	m.ctx.myEdits[ref] = text
	m.setStatus("your edit is kept until the to-do is done · its body is copied")
	cmds := []tea.Cmd{tea.SetClipboard(body)}
	if ek, ok := m.store.(EditKeeper); ok && p.AppID != 0 {
		var open []string
		for _, q := range m.ctx.data.appPrompts(p.AppID) {
			open = append(open, q.Key)
		}
		cmds = append(cmds, func() tea.Msg { return keptMsg{ek.KeepEdit(p.AppID, p.Key, text, open)} })
	}
	return m, tea.Batch(cmds...)
}

// gotEditNews files what the store says of the kept edits.
func (m Model) gotEditNews(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case editsMsg:
		m.ctx.edits = msg.edits
	case keptMsg:
		if msg.err != nil {
			m.setError(fmt.Errorf("your edit is copied, but could not be kept for after this session: %w", msg.err))
		}
	case mailedMsg:
		if msg.err != nil {
			m.setError(fmt.Errorf("cannot open the mail program (%v): C copies the whole message to paste into your mail", msg.err))
		}
	}
	return m, nil
}
