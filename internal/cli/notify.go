package cli

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gen2brain/beeep"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"afterview/stages"
)

func (e *env) newNotifyCommand() *cobra.Command {
	var ntfy string
	return e.newCommand(spec{
		use:     "notify [--ntfy URL]",
		summary: "a desktop notification when something is due today (for a timer)",
		long: `Shows a desktop notification when something is due or overdue today: how
many, and the most urgent prompt. Meant for cron, a systemd user timer or a
launchd agent (see the README's Reminders). It tells each prompt once a day,
however often it runs, and prints nothing.`,
		after: `Exit codes: 0 told, or nothing to tell; 1 the notification could not be
shown or sent; 75 another afterview held the database for over a second
(the next run tells it).
`,
		flags: func(f *pflag.FlagSet) {
			f.StringVar(&ntfy, "ntfy", "", "post the notification to this ntfy topic instead,\ne.g. https://ntfy.sh/my-job-search")
			valueName(f, "ntfy", "URL")
		},
		run: func(args []string) error { return cmdNotify(e, ntfy, args) },
	})
}

// notifier shows one notification. The desktop is one; an ntfy topic is
// another; the tests pass their own, for there is no desktop in CI.
type notifier interface {
	notify(title, body string) error
}

// ntfyTimeout bounds a post to an ntfy server: a timer's run must end.
const ntfyTimeout = 10 * time.Second

func cmdNotify(e *env, ntfyURL string, pos []string) error {
	if len(pos) > 0 {
		return usageErr("notify takes no arguments, got %q", pos[0])
	}
	n := e.notifier
	if ntfyURL != "" {
		u, err := ntfyTopic(ntfyURL)
		if err != nil {
			return err
		}
		n = ntfy{url: u, client: &http.Client{Timeout: ntfyTimeout}}
	} else if n == nil {
		n = newDesktop()
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	now := e.now()
	// The same prompts as 'today', from the prompt cache.
	active, err := st.ActionablePrompts(now)
	if err != nil {
		return err
	}
	var due []stages.Prompt
	for _, p := range active.Prompts {
		if dueNow(p) {
			due = append(due, p)
		}
	}
	if len(due) == 0 {
		return nil
	}
	day := stages.DateOf(now)
	fresh, err := st.Unnotified(day, due)
	if err != nil || len(fresh) == 0 {
		return err
	}
	title, body := notification(due, fresh, now)
	// The database is not held while the notification goes out (an ntfy
	// server may take seconds): it is read before and written after. Two
	// runs at once may then both tell a prompt; none is ever lost.
	if err := n.notify(title, body); err != nil {
		return err
	}
	if err := st.MarkNotified(day, fresh); err != nil {
		return fmt.Errorf("the notification went out, but afterview could not record it, so the next run may repeat it: %w", err)
	}
	return nil
}

// notification is what notify says: how many prompts are due, and the most
// urgent of those not told yet today (fresh, ranked as today ranks them).
func notification(due, fresh []stages.Prompt, now time.Time) (title, body string) {
	title = fmt.Sprintf("afterview: %d due today", len(due))
	p := fresh[0]
	body = fmt.Sprintf("%s: %s (%s)", companyLabel(p), clean(p.Text), p.When(now))
	if more := len(fresh) - 1; more > 0 {
		body += fmt.Sprintf("\nand %d more: afterview today", more)
	}
	return title, body
}

// desktop shows the notification on the desktop through send, which is
// beeep.Notify: D-Bus, else notify-send or kdialog on Linux and the BSDs,
// the notification centre on macOS, a toast on Windows.
type desktop struct {
	send func(title, body string, icon any) error
}

func newDesktop() desktop {
	beeep.AppName = "afterview"
	return desktop{send: beeep.Notify}
}

func (d desktop) notify(title, body string) error {
	if err := d.send(title, body, ""); err != nil {
		return usageErr("cannot show a desktop notification (%v). Run afterview notify inside your desktop session "+
			"(a systemd user timer or a launchd agent is; cron is not), or send it to your phone with --ntfy URL", err)
	}
	return nil
}

// ntfy posts the notification to an ntfy topic (https://ntfy.sh or a
// server of one's own): the body is the message, the Title header its
// title.
type ntfy struct {
	url    *url.URL
	client *http.Client
}

func (n ntfy) notify(title, body string) error {
	req, err := http.NewRequest(http.MethodPost, n.url.String(), strings.NewReader(body))
	if err != nil {
		return usageErr("--ntfy %s: %v", n.url.Redacted(), err)
	}
	req.Header.Set("Title", title)
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	resp, err := n.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL is named once, below
		}
		return usageErr("cannot post to %s: %v; check the URL and the network, and try again", n.url.Redacted(), err)
	}
	defer resp.Body.Close()
	// Read a little of the answer, for the message and so that the
	// connection can be reused; ntfy explains a refusal in JSON.
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		msg := fmt.Sprintf("%s refused the notification: %s", n.url.Redacted(), resp.Status)
		if a := strings.TrimSpace(string(answer)); a != "" {
			msg += ": " + a
		}
		return usageErr("%s", msg)
	}
	return nil
}

// ntfyTopic checks --ntfy's URL before anything is read: an http or https
// URL with a host and a topic.
func ntfyTopic(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Trim(u.Path, "/") == "" {
		return nil, usageErr("--ntfy %q is not an ntfy topic's URL: give one like https://ntfy.sh/my-job-search", s)
	}
	return u, nil
}
