package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"afterview/internal/draft"
)

// A template of the user's own is a small program: one that never ends or
// writes a gigabyte ends the command with exit code 1 and the file's name,
// within the time limit. The real binary runs it, since the runaway loop
// ends only with the process, as it does for a user.
func TestDraftTemplateBombsEndTheCommand(t *testing.T) {
	for name, src := range map[string]string{
		"never ends":        "Subject: hi\n\n{{range 100000}}{{range 100000}}{{end}}{{end}}\n",
		"writes a gigabyte": "Subject: hi\n\n{{range 100000000}}xxxxxxxxxx{{end}}\n",
	} {
		t.Run(name, func(t *testing.T) {
			c := newCLI(t)
			config := t.TempDir()
			t.Setenv("XDG_CONFIG_HOME", config)
			file := filepath.Join(config, "afterview", "templates", "thank_you_recruiter.tmpl")
			if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(src), 0o600); err != nil {
				t.Fatal(err)
			}
			c.ok(day, "add", "Acme", "--interviewed", "yesterday 15:00", "--interviewer", "Ben Park", "--recruiter", "Riley Chen")
			o := runCommand(t, []string{afterviewBinary(t), "draft", "1", "thank_you:riley-chen"}, c.db, nil, "")
			if o.code != 1 || !strings.Contains(o.stderr, file+": the draft") || o.stdout != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want 1 and an error naming %s", o.code, o.stdout, o.stderr, file)
			}
			if o.took > draft.MaxTime+2*time.Second {
				t.Errorf("the command took %v; the limit is %v", o.took, draft.MaxTime)
			}
			// The built-in templates still draft.
			if o := runCommand(t, []string{afterviewBinary(t), "draft", "1", "thank_you:ben-park"}, c.db, nil, ""); o.code != 0 {
				t.Errorf("the thank-you to Ben: exit %d, %s", o.code, o.stderr)
			}
		})
	}
}
