package cli

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	wishtea "charm.land/wish/v2/bubbletea"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	gossh "golang.org/x/crypto/ssh"

	"afterview/agenda"
	"afterview/internal/config"
	"afterview/store"
	"afterview/tui"
)

// serveOptions are serve's flags.
type serveOptions struct {
	listen      string
	idle        time.Duration
	maxSessions int
}

func (e *env) newServeCommand() *cobra.Command {
	o := &serveOptions{}
	return e.newCommand(spec{
		use:     "serve [--listen ADDR] [--idle-timeout D] [--max-sessions N]",
		summary: "the terminal UI over SSH, to check in from another device",
		long:    serveLong,
		after:   serveAfter,
		flags: func(f *pflag.FlagSet) {
			f.StringVar(&o.listen, "listen", serveListen, "listen on `ADDR`, host:port (default "+serveListen+": this machine only)")
			f.DurationVar(&o.idle, "idle-timeout", 30*time.Minute, "close a session after `D` without a key, e.g. 30m, 2h (default 30m)")
			f.IntVar(&o.maxSessions, "max-sessions", 10, "allow at most `N` sessions at once (default 10)")
		},
		run: func(args []string) error { return cmdServe(e, *o, args) },
	})
}

// serveListen is where serve listens unless told: this machine only.
const serveListen = "127.0.0.1:2323"

const serveLong = `Serves the terminal UI over SSH, so that a laptop or a phone's SSH client can
do the morning check-in on this machine's database. Each session is the same
program as 'afterview' in a terminal, with its own window size and colours;
sessions, a local afterview and commands can run at once, each write one
transaction. Only public keys listed in the authorized_keys file beside the
configuration are let in (read again at each connection, so a key added or
removed counts at once); passwords are refused. The host key is made on the
first start, in the data folder, and its fingerprint printed: check it when
your SSH client first asks. Ctrl+C (or SIGTERM) tells the sessions and stops.`

const serveAfter = `Files:
  $XDG_CONFIG_HOME/afterview/authorized_keys   the keys let in (OpenSSH format)
  $XDG_DATA_HOME/afterview/ssh_host_ed25519_key  the server's host key
Start with: cat ~/.ssh/id_ed25519.pub >> ~/.config/afterview/authorized_keys
Then, from another device: ssh -p 2323 this-machine (through a tunnel or VPN).
`

// serveKeysName and serveHostKeyName are serve's files, in the
// configuration and data folders.
const (
	serveKeysName    = "authorized_keys"
	serveHostKeyName = "ssh_host_ed25519_key"
)

// serveShutdownWait bounds how long a stopping server waits for its
// sessions to end after telling them.
const serveShutdownWait = 5 * time.Second

func cmdServe(e *env, o serveOptions, pos []string) error {
	if len(pos) > 0 {
		return usageErr("serve takes no arguments, only options, e.g. afterview serve --listen 127.0.0.1:2323")
	}
	if o.maxSessions < 1 {
		return usageErr("--max-sessions must be 1 or more, not %d", o.maxSessions)
	}
	if o.idle < time.Second {
		return usageErr("--idle-timeout must be a second or more, such as 30m, not %s", o.idle)
	}
	keysPath, err := serveKeysPath()
	if err != nil {
		return err
	}
	keys, err := readAuthorizedKeys(keysPath)
	if err != nil {
		return err
	}
	if len(keys) == 0 {
		what := "holds no public key"
		if _, err := os.Stat(keysPath); errors.Is(err, os.ErrNotExist) {
			what = "does not exist"
		}
		return usageErr("%s %s, so no one could connect: add your public key and start again, e.g.\n  mkdir -p %s && cat ~/.ssh/id_ed25519.pub >> %s\n(make a key first with ssh-keygen -t ed25519 if you have none)",
			clean(keysPath), what, clean(filepath.Dir(keysPath)), clean(keysPath))
	}
	hostKeyPath, err := serveHostKeyPath()
	if err != nil {
		return err
	}
	signer, made, err := loadHostKey(hostKeyPath)
	if err != nil {
		return err
	}
	st, err := e.openStore()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return usageErr("cannot listen on %s: %v; choose another address with --listen, e.g. --listen 127.0.0.1:2324", clean(o.listen), err)
	}
	sv := &server{e: e, st: st, opts: o, keysPath: keysPath, log: &lockedWriter{w: e.stderr}, sessions: map[*serveSession]struct{}{}}
	srv, err := wish.NewServer(
		func(s *ssh.Server) error { s.AddHostKey(signer); return nil },
		wish.WithPublicKeyAuth(sv.allowed),
		// A connection that opens no session, or whose session is gone,
		// does not stay: the sessions' own idle timeout says why first.
		wish.WithIdleTimeout(o.idle+time.Minute),
		func(s *ssh.Server) error { s.HandshakeTimeout = 30 * time.Second; return nil },
		wish.WithMiddleware(sv.session),
	)
	if err != nil {
		ln.Close()
		return fmt.Errorf("cannot set up the SSH server: %w", err)
	}
	fp := gossh.FingerprintSHA256(signer.PublicKey())
	if made {
		sv.logf("made a new host key in %s", clean(hostKeyPath))
	}
	sv.logf("host key %s (ED25519): your SSH client shows it the first time it connects", fp)
	addr := ln.Addr().(*net.TCPAddr)
	// The address as given, with the port chosen if it was 0.
	host, _, _ := net.SplitHostPort(o.listen)
	shown := clean(net.JoinHostPort(host, strconv.Itoa(addr.Port)))
	sv.logf("listening on %s for %d key(s) in %s", shown, len(keys), clean(keysPath))
	if !addr.IP.IsLoopback() {
		sv.logf("warning: %s can be reached from other machines; anyone there holding one of your keys reaches your data. Prefer the default %s with an SSH tunnel or a VPN", shown, serveListen)
	}
	sv.logf("connect with: ssh -p %d %s", addr.Port, connectHost(addr))

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		if !errors.Is(err, ssh.ErrServerClosed) {
			return fmt.Errorf("the SSH server stopped: %w", err)
		}
		return nil
	case <-ctx.Done():
	}
	stop() // a second Ctrl+C ends the program at once
	n := sv.closeAll("afterview serve is stopping; what you saved is in the database")
	sv.logf("stopping: told %d session(s)", n)
	wait, cancel := context.WithTimeout(context.Background(), serveShutdownWait)
	defer cancel()
	if err := srv.Shutdown(wait); err != nil {
		sv.logf("sessions still open after %s were cut off (every write is one transaction: none is half-done)", serveShutdownWait)
		_ = srv.Close()
	}
	// A write a session started before it was told may still hold the
	// file's lock: a read waits for it to commit before the server exits.
	// (A write is atomic either way: bbolt commits it whole or not at all.)
	_, _ = st.Revision()
	sv.logf("stopped")
	return nil
}

// connectHost is the host to name in the "connect with" line.
func connectHost(addr *net.TCPAddr) string {
	if addr.IP.IsUnspecified() {
		return "THIS-MACHINE"
	}
	return addr.IP.String()
}

// serveKeysPath is the authorized_keys file, in the folder the
// configuration file lives in by default ($XDG_CONFIG_HOME/afterview).
// --config names a file, not a folder: it does not move the keys.
func serveKeysPath() (string, error) {
	home, _ := os.UserHomeDir()
	path, _, err := config.Path("", "", os.Getenv("XDG_CONFIG_HOME"), home)
	if err != nil {
		return "", usageErr("%v", err)
	}
	return filepath.Join(filepath.Dir(path), serveKeysName), nil
}

// serveHostKeyPath is the host key, in the data folder the database lives
// in by default ($XDG_DATA_HOME/afterview), whatever --db names.
func serveHostKeyPath() (string, error) {
	home, _ := os.UserHomeDir()
	path, err := store.DefaultPath(os.Getenv("XDG_DATA_HOME"), home)
	if err != nil {
		return "", usageErr("%v", err)
	}
	return filepath.Join(filepath.Dir(path), serveHostKeyName), nil
}

// readAuthorizedKeys reads an OpenSSH authorized_keys file: one key a
// line, blank lines and # comments skipped. A missing file is no keys.
func readAuthorizedKeys(path string) ([]gossh.PublicKey, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, usageErr("cannot read %s: %v", clean(path), err)
	}
	var keys []gossh.PublicKey
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, _, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			return nil, usageErr("%s, line %d, is not a public key in OpenSSH format (%v): copy it from a .pub file, e.g. ~/.ssh/id_ed25519.pub", clean(path), n, err)
		}
		keys = append(keys, k)
	}
	if err := sc.Err(); err != nil {
		return nil, usageErr("cannot read %s: %v", clean(path), err)
	}
	return keys, nil
}

// loadHostKey reads the host key at path, or makes one there (mode 0600)
// the first time; made reports the latter.
func loadHostKey(path string) (signer gossh.Signer, made bool, err error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		data, err = makeHostKey(path)
		made = err == nil
	}
	if err != nil {
		return nil, false, usageErr("cannot read the host key %s: %v", clean(path), err)
	}
	if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 {
		return nil, false, usageErr("the host key %s can be read by other users, who could pose as this server: run chmod 600 %s", clean(path), clean(path))
	}
	signer, err = gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, false, usageErr("the host key %s cannot be read (%v): move it aside and start again to make a new one (SSH clients will then warn that the key changed)", clean(path), err)
	}
	return signer, made, nil
}

// makeHostKey writes a new ed25519 host key to path, which must not exist.
func makeHostKey(path string) ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	block, err := gossh.MarshalPrivateKey(priv, "afterview serve")
	if err != nil {
		return nil, err
	}
	data := pem.EncodeToMemory(block)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	_, err = f.Write(data)
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(path)
		return nil, err
	}
	return data, nil
}

// server is a running afterview serve: its sessions share one store, whose
// every call is one transaction under the file's lock, as the local UI's
// and the commands' are.
type server struct {
	e        *env
	st       *agenda.Agenda
	opts     serveOptions
	keysPath string
	log      *lockedWriter
	started  atomic.Int64 // sessions so far, to number them

	mu       sync.Mutex
	sessions map[*serveSession]struct{}
	closing  string // set once the server stops: what sessions are told
}

// serveSession is one SSH session running the program.
type serveSession struct {
	mu      sync.Mutex
	program *tea.Program
	// why is what the user is told when the server ends the session.
	why string
}

// end quits the session's program, telling the user why.
func (s *serveSession) end(why string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.why == "" {
		s.why = why
	}
	if s.program != nil {
		go s.program.Quit()
	}
}

func (s *serveSession) reason() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.why
}

// allowed lets in the keys in the authorized_keys file, read again at each
// attempt, so that a key removed from it is refused at once.
func (sv *server) allowed(_ ssh.Context, key ssh.PublicKey) bool {
	keys, err := readAuthorizedKeys(sv.keysPath)
	if err != nil {
		sv.logf("refused key %s: %v", gossh.FingerprintSHA256(key), err)
		return false
	}
	for _, k := range keys {
		if ssh.KeysEqual(k, key) {
			return true
		}
	}
	sv.logf("refused key %s: not in %s", gossh.FingerprintSHA256(key), clean(sv.keysPath))
	return false
}

// session is the handler of every SSH session: it checks the cap, runs the
// program and logs the session's start and end.
func (sv *server) session(ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		id := sv.started.Add(1)
		who := "key " + gossh.FingerprintSHA256(sess.PublicKey()) + " from " + sess.RemoteAddr().String()
		defer func() {
			// A bug here ends this session, not the server and the others.
			if r := recover(); r != nil {
				sv.logf("session %d ended on an internal error: %v", id, r)
				_, _ = io.WriteString(sess.Stderr(), "afterview: internal error; please report it. What you saved is in the database.\r\n")
				_ = sess.Exit(2)
			}
		}()
		s := &serveSession{}
		if _, _, ok := sess.Pty(); !ok || len(sess.Command()) > 0 {
			sv.logf("session %d refused (%s): a command, or no terminal", id, who)
			wish.Fatalln(sess, "afterview: afterview serve runs the terminal UI only: connect with a terminal and no command (ssh -t -p PORT HOST)")
			return
		}
		if msg := sv.add(s); msg != "" {
			sv.logf("session %d refused (%s): %s", id, who, msg)
			wish.Fatalln(sess, "afterview: "+msg)
			return
		}
		start := time.Now()
		sv.logf("session %d started: %s", id, who)
		err := sv.run(sess, s)
		sv.remove(s)
		why := s.reason()
		if why != "" {
			_, _ = io.WriteString(sess, "afterview: "+why+"\r\n")
		}
		end := fmt.Sprintf("session %d ended after %s", id, time.Since(start).Round(time.Second))
		if why != "" {
			end += " (" + why + ")"
		}
		if err != nil {
			end += ": " + err.Error()
			_, _ = io.WriteString(sess.Stderr(), "afterview: internal error; please report it. What you saved is in the database.\r\n")
		}
		sv.logf("%s", end)
		_ = sess.Exit(0)
	}
}

// add counts s in, or says why not: the server is full or stopping.
func (sv *server) add(s *serveSession) string {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	switch {
	case sv.closing != "":
		return sv.closing
	case len(sv.sessions) >= sv.opts.maxSessions:
		return fmt.Sprintf("%d sessions are open already, the most this server allows (--max-sessions); close one and try again", len(sv.sessions))
	}
	sv.sessions[s] = struct{}{}
	return ""
}

func (sv *server) remove(s *serveSession) {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	delete(sv.sessions, s)
}

// closeAll ends every session with why, refuses new ones, and returns how
// many it told.
func (sv *server) closeAll(why string) int {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	sv.closing = why
	for s := range sv.sessions {
		s.end(why)
	}
	return len(sv.sessions)
}

// run runs the program on one session until it ends, as wish's bubbletea
// middleware does (whose Middleware drops the program's final model, where
// a bug caught inside it is reported): the session's input and output,
// size, colour profile and environment (MakeOptions), its window changes,
// and an idle timer fed by its keys.
func (sv *server) run(sess ssh.Session, s *serveSession) error {
	_, windows, _ := sess.Pty()
	input := &activity{r: sess}
	input.touch()
	e := sv.e
	drafts := tuiDrafts(e, true)
	// An editor or a mail program would open on this machine, not on the
	// device connected; the name question is the local program's (the
	// sessions would race on the configuration file).
	drafts.Editor, drafts.Mail, drafts.SaveName = "", nil, nil
	drafts.NoMail = "over SSH a mail program would open on the server, not on your device"
	// The server's signals are the server's: each program would otherwise
	// quit on SIGTERM itself, before its session is told why.
	opts := append(wishtea.MakeOptions(sess), tea.WithInput(input), tea.WithoutSignalHandler())
	program := tui.NewProgram(tui.Options{Store: tuiStore{sv.st}, Now: e.now, Settings: e.settings(), Drafts: drafts}, opts...)
	s.mu.Lock()
	s.program = program
	if s.why != "" {
		go program.Quit()
	}
	s.mu.Unlock()

	ctx, cancel := context.WithCancel(sess.Context())
	defer cancel()
	go func() {
		tick := time.NewTicker(min(sv.opts.idle/4, time.Minute))
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				program.Quit()
				return
			case w := <-windows:
				program.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			case <-tick.C:
				if input.idle() >= sv.opts.idle {
					s.end(fmt.Sprintf("closed after %s without a key (--idle-timeout)", sv.opts.idle))
				}
			}
		}
	}()
	err := tui.Result(program.Run())
	// Kill restores the terminal if the program ended on an error.
	program.Kill()
	// Other errors are the session's end (the connection gone), already
	// told by the log line.
	var bug tui.PanicError
	if errors.As(err, &bug) {
		return err
	}
	return nil
}

// activity is a session's input, noting when a key last came.
type activity struct {
	r    io.Reader
	last atomic.Int64
}

func (a *activity) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if n > 0 {
		a.touch()
	}
	return n, err
}

func (a *activity) touch() { a.last.Store(time.Now().UnixNano()) }

func (a *activity) idle() time.Duration { return time.Since(time.Unix(0, a.last.Load())) }

func (sv *server) logf(format string, args ...any) {
	sv.log.printf("afterview serve: %s %s\n", time.Now().Format(time.DateTime), fmt.Sprintf(format, args...))
}

// lockedWriter writes whole lines from many sessions without mixing them.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, format, args...)
}
