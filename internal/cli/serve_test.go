package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeRefusesToStart: serve says what is wrong, and exits 1, before it
// listens: no key to let in, a line that is not a key, a host key others
// can read, an address it cannot listen on, a flag out of range.
func TestServeRefusesToStart(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	t.Setenv("AFTERVIEW_DB", filepath.Join(dir, "afterview.db"))
	keys := filepath.Join(dir, "config", "afterview", "authorized_keys")
	hostKey := filepath.Join(dir, "data", "afterview", "ssh_host_ed25519_key")
	line, _ := writeTestKey(t, filepath.Join(dir, "key"))
	if err := os.MkdirAll(filepath.Dir(keys), 0o700); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		keys  string // the authorized_keys file's content; "-": none
		setup func()
		args  []string
		want  string
	}{
		{"no file", "-", nil, nil, keys + " does not exist, so no one could connect"},
		{"comments only", "# my phone, some day\n\n", nil, nil, "holds no public key"},
		{"not a key", string(line) + "my-password\n", nil, nil, keys + ", line 2, is not a public key in OpenSSH format"},
		{"idle timeout", string(line), nil, []string{"--idle-timeout", "0s"}, "--idle-timeout must be a second or more"},
		{"no sessions", string(line), nil, []string{"--max-sessions", "0"}, "--max-sessions must be 1 or more"},
		{"bad address", string(line), nil, []string{"--listen", "127.0.0.1:99999"}, "cannot listen on 127.0.0.1:99999"},
		{"arguments", string(line), nil, []string{"now"}, "serve takes no arguments"},
		{"host key readable by others", string(line), func() {
			if err := os.Chmod(hostKey, 0o644); err != nil {
				t.Fatal(err)
			}
		}, nil, "run chmod 600 " + hostKey},
	} {
		t.Run(c.name, func(t *testing.T) {
			_ = os.Remove(keys)
			if c.keys != "-" {
				if err := os.WriteFile(keys, []byte(c.keys), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			if c.setup != nil {
				c.setup()
			}
			var out, errOut bytes.Buffer
			code := run(append([]string{"serve"}, c.args...), nil, &out, &errOut)
			if code != exitUsage || !strings.Contains(errOut.String(), c.want) {
				t.Fatalf("serve %v: exit %d, %q; want exit 1 and %q", c.args, code, errOut.String(), c.want)
			}
			if strings.Contains(errOut.String(), "listening on") {
				t.Fatalf("serve %v listened before refusing:\n%s", c.args, errOut.String())
			}
		})
	}
	// The runs that got past their keys and flags made the host key.
	if _, err := os.Stat(hostKey); err != nil {
		t.Fatalf("no host key at %s after serve got past its keys: %v", hostKey, err)
	}
}
