package cli

import (
	"bufio"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"encoding/pem"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	gossh "golang.org/x/crypto/ssh"
)

// serveTools finds ssh and tmux. Without them the test is skipped on a
// developer's machine, but fails in CI, which installs both (.ci/run).
func serveTools(t *testing.T) (ssh, tmux string) {
	t.Helper()
	ssh, err1 := exec.LookPath("ssh")
	tmux, err2 := exec.LookPath("tmux")
	if err1 == nil && err2 == nil {
		return ssh, tmux
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("ssh (openssh-client) and tmux are needed for this test and CI installs them: %v %v", err1, err2)
	}
	t.Skip("ssh or tmux is not installed (CI installs openssh-client and tmux)")
	return "", ""
}

// writeTestKey makes an ed25519 key pair: the private key in OpenSSH's
// format at path (0600), and its authorized_keys line.
func writeTestKey(t testing.TB, path string) (line []byte, fingerprint string) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "test")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	sshPub, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return gossh.MarshalAuthorizedKey(sshPub), gossh.FingerprintSHA256(sshPub)
}

// serveProcess is a running `afterview serve`, its standard error kept.
type serveProcess struct {
	cmd  *exec.Cmd
	port string
	mu   sync.Mutex
	log  strings.Builder
	done chan struct{}
}

var listeningRE = regexp.MustCompile(`listening on [^ ]*:(\d+) `)

// startServe starts bin serve with args and waits for the port it listens on.
func startServe(t testing.TB, bin string, env []string, args ...string) *serveProcess {
	t.Helper()
	p := &serveProcess{cmd: exec.Command(bin, append([]string{"serve", "--listen", "127.0.0.1:0"}, args...)...), done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), env...)
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = p.cmd.Process.Kill()
		<-p.done
	})
	port := make(chan string, 1)
	go func() {
		defer close(p.done)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			p.mu.Lock()
			p.log.WriteString(sc.Text() + "\n")
			p.mu.Unlock()
			if m := listeningRE.FindStringSubmatch(sc.Text()); m != nil {
				port <- m[1]
			}
		}
		_ = p.cmd.Wait()
	}()
	select {
	case p.port = <-port:
	case <-p.done:
		t.Fatalf("afterview serve ended before listening:\n%s", p.stderr())
	case <-time.After(10 * time.Second):
		t.Fatalf("afterview serve did not listen within 10s:\n%s", p.stderr())
	}
	return p
}

func (p *serveProcess) stderr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.log.String()
}

// waitLog waits for the server's standard error to hold every one of parts on one line.
func (p *serveProcess) waitLog(t testing.TB, parts ...string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		for _, line := range strings.Split(p.stderr(), "\n") {
			all := true
			for _, part := range parts {
				all = all && strings.Contains(line, part)
			}
			if all {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server's log has no line with %q within 5s:\n%s", parts, p.stderr())
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// sshArgs are the OpenSSH client's options for a test: no user
// configuration, agent or known hosts, only the key given.
func sshArgs(port, key string, more ...string) []string {
	return append([]string{"-F", "/dev/null", "-p", port, "-i", key, "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"}, more...)
}

// TestEndToEndServe serves the real binary over SSH and connects with the
// real OpenSSH client in tmux: a session sees Today and marks a thank-you
// done, which the command line then finds in the database; two sessions at
// once see each other's changes; a wrong key and a password are refused;
// the server logs each session and tells them when it stops.
func TestEndToEndServe(t *testing.T) {
	sshBin, tmux := serveTools(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "afterview")
	if out, err := exec.Command("go", "build", "-o", bin, "afterview").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	env := []string{"AFTERVIEW_DB=" + filepath.Join(dir, "afterview.db"), "AFTERVIEW_NOW=2026-11-20T09:00",
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "XDG_DATA_HOME=" + filepath.Join(dir, "data")}
	afterview := func(args ...string) (string, error) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), env...)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	// No authorized_keys: serve refuses to start and says how to make one.
	out, err := afterview("serve", "--listen", "127.0.0.1:0")
	if code := exitCodeOf(err); code != 1 || !strings.Contains(out, "cat ~/.ssh/id_ed25519.pub >> "+filepath.Join(dir, "config", "afterview", "authorized_keys")) {
		t.Fatalf("serve without authorized_keys: exit %d, %q; want exit 1 and how to add a key", code, out)
	}

	key, wrong := filepath.Join(dir, "key"), filepath.Join(dir, "wrong")
	line, fingerprint := writeTestKey(t, key)
	writeTestKey(t, wrong)
	if err := os.MkdirAll(filepath.Join(dir, "config", "afterview"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config", "afterview", "authorized_keys"), append([]byte("# my laptop\n"), line...), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := afterview("add", "Globex", "--interviewed", "2026-11-19 15:00", "--interviewer", "Ana Lopez"); err != nil {
		t.Fatalf("afterview add: %v\n%s", err, out)
	}

	srv := startServe(t, bin, env, "--max-sessions", "2")
	// The host key was made 0600 in the data folder, its fingerprint printed as OpenSSH prints it.
	hostKey := filepath.Join(dir, "data", "afterview", "ssh_host_ed25519_key")
	info, err := os.Stat(hostKey)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("host key %s: %v, %v; want a 0600 file", hostKey, info, err)
	}
	if out, err := exec.Command("ssh-keygen", "-l", "-f", hostKey).Output(); err == nil {
		srv.waitLog(t, "host key "+strings.Fields(string(out))[1])
	} else {
		srv.waitLog(t, "host key SHA256:")
	}

	// A wrong key, and a password, are refused; only public keys are offered.
	for _, c := range []struct {
		name string
		args []string
	}{
		{"a key not in authorized_keys", sshArgs(srv.port, wrong, "-o", "BatchMode=yes", "127.0.0.1", "true")},
		{"a password", sshArgs(srv.port, key, "-o", "PreferredAuthentications=password,keyboard-interactive", "-o", "BatchMode=yes", "127.0.0.1", "true")},
	} {
		out, err := exec.Command(sshBin, c.args...).CombinedOutput()
		if err == nil || !strings.Contains(string(out), "Permission denied (publickey)") {
			t.Fatalf("ssh with %s: %v, %q; want it refused with Permission denied (publickey)", c.name, err, out)
		}
	}
	srv.waitLog(t, "refused key SHA256:")
	// A command is refused: the server runs the terminal UI only.
	if out, err := exec.Command(sshBin, sshArgs(srv.port, key, "127.0.0.1", "today")...).CombinedOutput(); exitCodeOf(err) != 1 || !strings.Contains(string(out), "runs the terminal UI only") {
		t.Fatalf("ssh HOST today: %v, %q; want exit 1 and the terminal UI only", err, out)
	}

	term := newE2ETerminal(t, tmux)
	shell := e2eQuote(sshBin) + " " + strings.Join(quoteAll(sshArgs(srv.port, key, "127.0.0.1")), " ")
	term.start("one", shell)
	term.waitFor("one", "▸", "due today by 15:00", "Globex #1", "thank Ana Lopez")
	// (Session 1 was the command, refused.)
	srv.waitLog(t, "session 2 started: key "+fingerprint+" from 127.0.0.1:")
	term.start("two", shell)
	term.waitFor("two", "▸", "due today by 15:00", "Globex #1", "thank Ana Lopez")

	// Each session has its own size: two, made narrower, is drawn anew at
	// its width (the rule under the tabs spans it), one is not.
	if out, err := term.run("resize-window", "-t", "two", "-x", "72", "-y", "24"); err != nil {
		t.Fatalf("tmux resize-window: %v\n%s", err, out)
	}
	headerWidth := func(session string) int {
		for _, l := range strings.Split(term.screen(session), "\n") {
			if strings.HasPrefix(l, "─") && strings.Contains(l, "━") {
				return utf8.RuneCountInString(l)
			}
		}
		return 0
	}
	deadline := time.Now().Add(5 * time.Second)
	for headerWidth("two") != 72 {
		if time.Now().After(deadline) {
			t.Fatalf("session two, resized to 72 columns, is not drawn at 72:\n%s", term.screen("two"))
		}
		time.Sleep(25 * time.Millisecond)
	}
	if w := headerWidth("one"); w != 100 {
		t.Fatalf("session one's header is %d wide, want its own 100 columns:\n%s", w, term.screen("one"))
	}

	// Over the cap of two, a third session is told and closed.
	out3, err := exec.Command(sshBin, sshArgs(srv.port, key, "-tt", "127.0.0.1")...).CombinedOutput()
	if err == nil || !strings.Contains(string(out3), "2 sessions are open already") {
		t.Fatalf("a third session over --max-sessions 2: %v, %q; want it refused and told why", err, out3)
	}

	// One marks the thank-you done; two sees it gone on its next reload.
	term.keys("one", false, "x")
	term.waitFor("one", "thank-you to Ana Lopez logged")
	term.waitFor("two", "▸", "Globex #1", "write down how it went")
	if s := term.screen("two"); strings.Contains(s, "thank Ana Lopez") {
		t.Fatalf("session two still shows the thank-you session one marked done:\n%s", s)
	}
	// Two writes its reflection; one sees the prompt gone.
	term.keys("two", false, "x")
	term.waitFor("two", "Log an event · Globex")
	term.keys("two", true, "clear answers")
	term.keys("two", false, "C-s")
	term.waitFor("two", "logged")
	deadline = time.Now().Add(5 * time.Second)
	for strings.Contains(term.screen("one"), "Write down what went well") {
		if time.Now().After(deadline) {
			t.Fatalf("session one still shows the reflection session two wrote:\n%s", term.screen("one"))
		}
		time.Sleep(25 * time.Millisecond)
	}

	// One quits; the command line finds both changes in the database.
	term.keys("one", false, "q")
	term.waitFor("one", "EXIT=0")
	srv.waitLog(t, "session 2 ended after")
	out, err = afterview("show", "1", "--json")
	if err != nil {
		t.Fatalf("afterview show 1 --json: %v\n%s", err, out)
	}
	var app struct {
		Events []struct {
			Kind   string `json:"kind"`
			Person string `json:"person"`
			Note   string `json:"note"`
		} `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &app); err != nil {
		t.Fatalf("afterview show 1 --json: %v\n%s", err, out)
	}
	thanked, reflected := false, false
	for _, e := range app.Events {
		thanked = thanked || e.Kind == "thanks" && e.Person == "Ana Lopez"
		reflected = reflected || strings.Contains(e.Note, "clear answers")
	}
	if !thanked || !reflected {
		t.Fatalf("the database holds %s; want the thank-you to Ana Lopez and the note 'clear answers'", out)
	}

	// SIGTERM: session two is told, the server stops cleanly.
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	term.waitFor("two", "EXIT=0")
	// The whole pane, scrollback included: the message follows the
	// program's last frame.
	if all, _ := term.run("capture-pane", "-p", "-J", "-S", "-", "-t", "two"); !strings.Contains(all, "afterview serve is stopping") {
		raw, _ := term.run("capture-pane", "-p", "-e", "-S", "-", "-t", "two")
		t.Fatalf("session two was not told the server is stopping:\n%q", raw)
	}
	select {
	case <-srv.done:
	case <-time.After(10 * time.Second):
		t.Fatalf("afterview serve did not stop within 10s of SIGTERM:\n%s", srv.stderr())
	}
	if code := srv.cmd.ProcessState.ExitCode(); code != 0 || !strings.Contains(srv.stderr(), "stopping: told 1 session(s)") || !strings.Contains(srv.stderr(), "stopped") {
		t.Fatalf("afterview serve exited %d after SIGTERM, want 0 after telling session two:\n%s", code, srv.stderr())
	}
	srv.waitLog(t, "session 3 ended after", "(afterview serve is stopping")
}

// TestEndToEndServeIdle closes a session left without a key, telling it
// why; a server listening beyond loopback warns.
func TestEndToEndServeIdle(t *testing.T) {
	sshBin, tmux := serveTools(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "afterview")
	if out, err := exec.Command("go", "build", "-o", bin, "afterview").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	env := []string{"AFTERVIEW_DB=" + filepath.Join(dir, "afterview.db"), "AFTERVIEW_NOW=2026-11-20T09:00",
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "XDG_DATA_HOME=" + filepath.Join(dir, "data")}
	key := filepath.Join(dir, "key")
	line, _ := writeTestKey(t, key)
	if err := os.MkdirAll(filepath.Join(dir, "config", "afterview"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config", "afterview", "authorized_keys"), line, 0o600); err != nil {
		t.Fatal(err)
	}
	srv := startServe(t, bin, env, "--idle-timeout", "2s", "--listen", "0.0.0.0:0")
	srv.waitLog(t, "warning: 0.0.0.0:"+srv.port+" can be reached from other machines")
	srv.waitLog(t, "connect with: ssh -p "+srv.port+" THIS-MACHINE")
	term := newE2ETerminal(t, tmux)
	term.start("idle", e2eQuote(sshBin)+" "+strings.Join(quoteAll(sshArgs(srv.port, key, "127.0.0.1")), " "))
	term.waitFor("idle", "Welcome")
	term.waitFor("idle", "closed after 2s without a key")
	term.waitFor("idle", "EXIT=0")
	srv.waitLog(t, "session 1 ended after", "without a key")
}

func quoteAll(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		out[i] = e2eQuote(a)
	}
	return out
}

// exitCodeOf is a finished command's exit code (0 when err is nil).
func exitCodeOf(err error) int {
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitCode()
	}
	return -1
}
