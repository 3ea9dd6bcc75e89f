package cli

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/internal/config"
	"afterview/internal/draft"
	"afterview/stages"
	"afterview/store"
)

func (e *env) newDraftCommand() *cobra.Command {
	r := &draftRequest{}
	return e.newCommand(spec{
		use:     "draft ID PROMPT [--mailto]",
		summary: "a draft of the message a prompt asks for",
		long: `Also: afterview draft --template KIND

Prints a draft of the message a prompt asks for: To (with the address when
known), Subject, a blank line and the body, to paste into your own mail.
PROMPT is the prompt's key or kind, as for done. Nothing is sent. Where
afterview does not know something, the draft has a marked gap such as
[something specific you discussed]: fill it in before sending. A draft
you edited in the UI (E) is printed as you saved it, until the prompt is
done. With no name configured drafts say [your name]: set [me] name with
'afterview config edit' (the UI asks for it once).

Drafts come from templates; a file of your own in
$XDG_CONFIG_HOME/afterview/templates/KIND.tmpl (by default
~/.config/afterview/templates) replaces the built-in one. KIND is one of
  thank_you, thank_you_recruiter, follow_up, competing_offer, withdraw,
  after_rejection, reference_heads_up, thank_references, offer_in_writing`,
		flags: func(f *pflag.FlagSet) {
			f.BoolVar(&r.mailto, "mailto", false, "print a mailto: URL instead, to open in a mail program")
			f.StringVar(&r.template, "template", "", "print the built-in template KIND, to start your own from")
			valueName(f, "template", "KIND")
		},
		choices:  map[string][]string{"template": draft.Kinds},
		complete: e.completeID("prompt"),
		run:      func(args []string) error { return cmdDraft(e, *r, args) },
	})
}

// draftRequest is the draft command as typed.
type draftRequest struct {
	id       uint64
	prompt   string
	mailto   bool
	template string
}

// parseDraftArgs checks the draft command's arguments against its flags.
func parseDraftArgs(r draftRequest, pos []string) (draftRequest, error) {
	var err error
	if r.template != "" {
		if len(pos) > 0 || r.mailto {
			return r, usageErr("draft --template KIND takes nothing else, e.g. afterview draft --template thank_you")
		}
		return r, nil
	}
	if len(pos) != 2 {
		return r, usageErr("draft needs an application id and a prompt, e.g. afterview draft 3 thank_you\n'afterview today' lists the prompts; 'afterview draft --help' says more")
	}
	if r.id, err = parseID(pos[0]); err != nil {
		return r, err
	}
	r.prompt = pos[1]
	return r, nil
}

func cmdDraft(e *env, given draftRequest, pos []string) error {
	r, err := parseDraftArgs(given, pos)
	if err != nil {
		return err
	}
	if r.template != "" {
		text, err := draft.Builtin(r.template)
		if err != nil {
			return usageErr("--template: %v", err)
		}
		fmt.Fprint(e.stdout, text)
		return nil
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	// The application, its prompts and the offers a note may name: not
	// the history.
	now := e.now()
	f, err := st.AppPrompts(r.id, now)
	if errors.Is(err, store.ErrNotFound) {
		return notFound(r.id)
	}
	if err != nil {
		return err
	}
	app := &f.App
	p, err := findPrompt(f.Prompts, r.id, r.prompt)
	if err != nil {
		return err
	}
	apps, err := st.WithOffers()
	if err != nil {
		return err
	}
	refs, err := st.References()
	if err != nil {
		return err
	}
	kept, err := st.KeptDrafts()
	if err != nil {
		return err
	}
	me := e.myName()
	d, err := draftTemplates(e.settings()).Draft(draft.Input{App: app, Prompt: p, Apps: apps, References: refs, Me: me, Now: now})
	if errors.Is(err, draft.ErrNotAMessage) {
		return usageErr("%s (#%d), %s: %v", clean(app.Company), r.id, p.Key, err)
	}
	if err != nil {
		return usageErr("%v", err)
	}
	edited := false
	for _, k := range kept {
		if k.App == r.id && k.Prompt == p.Key {
			// The user's own text, as edited in the UI: theirs to reuse.
			d, edited = d.Edited(k.Text), true
		}
	}
	if edited {
		fmt.Fprintf(e.stderr, "Your edited draft, kept until this to-do is done.\n")
	} else if me == "" {
		fmt.Fprintf(e.stderr, "Signed %s: set your name once in the configuration file ([me] name = \"Your Name\", with afterview config edit), or answer the question the UI asks at its first draft.\n", draft.GapMe)
	}
	if d.NoReferences && !edited {
		fmt.Fprintf(e.stderr, "No reference is recorded as given to %s: say which with afterview references edit NAME --given %d\n", clean(app.Company), r.id)
	}
	if r.mailto {
		fmt.Fprintln(e.stdout, d.Mailto())
		return nil
	}
	fmt.Fprint(e.stdout, cleanLines(d.Text()))
	return nil
}

// draftTemplates are the built-in templates and the user's own, every
// value cleaned for the terminal by the command line's one cleaning
// function, with the user's settings. The user's open as the
// configuration file does: a FIFO or a device among them is refused, never
// waited on.
func draftTemplates(settings *stages.Settings) *draft.Templates {
	dir := templatesDir()
	if dir == "" {
		return draft.New(nil, "", clean, settings)
	}
	return draft.New(config.Folder(dir), dir, clean, settings)
}

// templatesDir is $XDG_CONFIG_HOME/afterview/templates, by default
// ~/.config/afterview/templates ("" when there is no home to find it in).
func templatesDir() string {
	if d := os.Getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "afterview", "templates")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".config", "afterview", "templates")
}

// myName is what drafts are signed with: the configuration's [me]
// signature, else its name, else the account's full name if the system
// knows one ("" leaves a marked gap, and the UI asks). An account whose
// full name is its login ("root" in a container) has none: a draft signed
// "root" would go out as it is.
func (e *env) myName() string {
	if e.cfg != nil {
		if s := strings.TrimSpace(e.cfg.Me.Signature); s != "" {
			return s
		}
		if n := strings.TrimSpace(e.cfg.Me.Name); n != "" {
			return n
		}
	}
	u, err := user.Current()
	if err != nil {
		return ""
	}
	// The GECOS field may carry room and phone after commas.
	name, _, _ := strings.Cut(u.Name, ",")
	if name = strings.TrimSpace(name); strings.EqualFold(name, u.Username) {
		return ""
	}
	return name
}
