package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"afterview/agenda"
	"afterview/internal/config"
	"afterview/stages"
	"afterview/store"
	"afterview/tui"
)

// tuiStore lets the TUI read in stages (tui.ActiveStore): its first screen
// from the prompt cache and a few applications, then the active ones, so
// that it waits for neither the open applications nor the closed history.
type tuiStore struct{ *agenda.Agenda }

// Without the staged reads the TUI would still work, loading everything
// before its first frame: keep the adapter whole.
var _ tui.ActiveStore = tuiStore{}

func (s tuiStore) FirstScreen(now time.Time, n int) (stages.FirstScreen, error) {
	return s.Agenda.FirstScreen(now, n)
}

func (s tuiStore) Active(now time.Time) (stages.ActiveDay, error) {
	set, err := s.ActiveDay(now)
	return stages.ActiveDay{Apps: set.Apps, Global: set.Global, Empty: set.Empty, All: set.All,
		Prompts: set.Prompts, Revision: set.Revision}, err
}

func runTUI(e *env, st *agenda.Agenda, demo bool) error {
	// The start-up runs without garbage collections, as today does: the
	// first screen's reads keep what they allocate, and a collection in
	// the middle of them delayed the first frame by a third. The collector
	// comes back as that screen is drawn, for the rest of the session.
	restore := pauseGC()
	var once sync.Once
	shown := func() { once.Do(restore) }
	defer shown()
	err := tui.Run(tuiOptions(e, st, demo, shown))
	var bug tui.PanicError
	if errors.As(err, &bug) {
		// The terminal is restored; hand the bug to run's recover, which says
		// so plainly and exits 2, instead of a stack trace.
		panic(bug.Value)
	}
	return err
}

// tuiOptions is how the UI runs on this terminal: its data, clock,
// settings and drafts, and the background COLORFGBG says (as the help's
// colours do) until the terminal answers the UI's question.
func tuiOptions(e *env, st *agenda.Agenda, demo bool, shown func()) tui.Options {
	return tui.Options{Store: tuiStore{st}, Now: e.now, Demo: demo, Settings: e.settings(), Drafts: tuiDrafts(e, demo), Shown: shown,
		LightBackground: !darkBackground()}
}

func (s tuiStore) EditedDrafts() (map[uint64]map[string]string, error) {
	kept, err := s.KeptDrafts()
	out := map[uint64]map[string]string{}
	for _, k := range kept {
		if out[k.App] == nil {
			out[k.App] = map[string]string{}
		}
		out[k.App][k.Prompt] = k.Text
	}
	return out, err
}

func (s tuiStore) KeepEdit(app uint64, prompt, text string, open []string) error {
	return s.KeepDraft(app, prompt, text, open)
}

var _ tui.EditKeeper = tuiStore{}

// tuiDrafts is what the UI drafts with: the templates (the user's own
// included), the name to sign with (asked for once when none is
// configured, and saved in the configuration file; never from the
// demonstration, which leaves the user's files alone), the editor, as
// config edit finds it, and the desktop's opener for the mail program.
func tuiDrafts(e *env, demo bool) tui.Drafts {
	d := tui.Drafts{Templates: draftTemplates(e.settings()), Me: e.myName(), Editor: editorCommand()}
	d.Mail, d.NoMail = mailOpener()
	if path, _, err := e.configFile(); err == nil && !demo {
		d.SaveName = func(name string) error {
			if err := config.SetName(path, name); err != nil {
				return err
			}
			if e.cfg != nil {
				e.cfg.Me.Name = name
			}
			return nil
		}
	}
	return d
}

// editorCommand is the editor config edit and the UI's E run: $VISUAL,
// else $EDITOR, else vi; the shell runs it, so it may carry options.
func editorCommand() string {
	for _, v := range []string{"VISUAL", "EDITOR"} {
		if ed := strings.TrimSpace(os.Getenv(v)); ed != "" {
			return ed
		}
	}
	return "vi"
}

// opener is the desktop's command that opens a URL in the program the
// user chose for it; lookPath and runOpener are variables so that tests
// check what would run without running it.
var (
	lookPath  = exec.LookPath
	runOpener = func(path, url string) error { return exec.Command(path, url).Run() }
)

// mailOpener opens a mailto: URL through the desktop's opener (open on
// macOS, xdg-open elsewhere), or says why there is none: not installed,
// or no desktop session to show a mail program in (over SSH).
func mailOpener() (open func(url string) error, none string) {
	name := "xdg-open"
	if runtime.GOOS == "darwin" {
		name = "open"
	} else if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return nil, "no desktop session here (neither DISPLAY nor WAYLAND_DISPLAY is set) to open a mail program in"
	}
	path, err := lookPath(name)
	if err != nil {
		return nil, "no " + name + " here to open a mail program with"
	}
	return func(url string) error { return runOpener(path, url) }, ""
}

// Log is the store's, with rule 17's check inside the write's transaction:
// the UI asks before an acceptance that goes back on another (it names
// them in the event's Reneged), and an acceptance found there that the
// user was not asked about (logged from elsewhere since the screen was
// read) refuses the write, so that two afterviews cannot both accept
// unawares.
func (s tuiStore) Log(id uint64, e stages.Event) (stages.Application, error) {
	if e.Kind != stages.EvOutcome || e.Outcome != stages.Accepted {
		return s.Agenda.Log(id, e)
	}
	return s.LogEventsSeeing(id, []stages.Event{e}, func(tx *store.Tx, a *stages.Application, events []stages.Event) error {
		accepted, err := s.AcceptedIn(tx)
		if err != nil {
			return err
		}
		r := stages.Reneges(a, accepted)
		for _, t := range r {
			if !slices.ContainsFunc(e.Reneged, func(asked stages.ToldOffer) bool { return asked.App == t.App }) {
				return fmt.Errorf("%s's offer (#%d) was accepted meanwhile: accepting %s's too would go back on it. Nothing was saved; save again to be asked", t.Company, t.App, a.Company)
			}
		}
		events[0].Reneged = r
		return nil
	})
}
