package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"afterview/internal/gen"
)

// The SSH benchmarks run the real `afterview serve` on loopback over a
// generated data set of 1,000 applications (30 open) and time it from a Go
// SSH client with a pseudo-terminal, as a phone's client would use it:
//
//	go test -run '^$' -bench 'Serve(FirstFrame|Key)' -count 5 ./internal/cli
//	go test -run '^$' -bench 'ServeSessions' -benchtime 1x -timeout 5m ./internal/cli
//
// AFTERVIEW_BENCH_SECONDS changes how long ServeSessions moves the cursor
// (default 30).

// benchServer builds afterview, fills a database, authorises a new key and
// starts serve; it returns the server and the client's configuration.
func benchServer(b *testing.B, args ...string) (*serveProcess, *gossh.ClientConfig) {
	b.Helper()
	dir := b.TempDir()
	bin := filepath.Join(dir, "afterview")
	if out, err := exec.Command("go", "build", "-o", bin, "afterview").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "afterview.db")
	generatedStore(b, db, gen.Options{N: 1000, Seed: 1, Now: benchNow})
	key := filepath.Join(dir, "key")
	line, _ := writeTestKey(b, key)
	if err := os.MkdirAll(filepath.Join(dir, "config", "afterview"), 0o700); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config", "afterview", "authorized_keys"), line, 0o600); err != nil {
		b.Fatal(err)
	}
	pemBytes, err := os.ReadFile(key)
	if err != nil {
		b.Fatal(err)
	}
	signer, err := gossh.ParsePrivateKey(pemBytes)
	if err != nil {
		b.Fatal(err)
	}
	env := []string{"AFTERVIEW_DB=" + db, "AFTERVIEW_NOW=" + benchNow.Format("2006-01-02T15:04"),
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "XDG_DATA_HOME=" + filepath.Join(dir, "data")}
	srv := startServe(b, bin, env, args...)
	return srv, &gossh.ClientConfig{User: "bench", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 5 * time.Second}
}

// benchSession is one SSH session with a terminal, its output read as it
// comes: reads signals each arrival.
type benchSession struct {
	client *gossh.Client
	sess   *gossh.Session
	stdin  io.Writer
	mu     sync.Mutex
	out    bytes.Buffer
	reads  chan struct{}
}

// dialSession connects, asks for a 100x30 terminal and starts the program.
func dialSession(addr string, cfg *gossh.ClientConfig) (*benchSession, error) {
	c, err := gossh.Dial("tcp", addr, cfg)
	if err != nil {
		return nil, err
	}
	s, err := c.NewSession()
	if err != nil {
		c.Close()
		return nil, err
	}
	bs := &benchSession{client: c, sess: s, reads: make(chan struct{}, 1)}
	if bs.stdin, err = s.StdinPipe(); err != nil {
		bs.close()
		return nil, err
	}
	stdout, err := s.StdoutPipe()
	if err != nil {
		bs.close()
		return nil, err
	}
	if err := s.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{}); err != nil {
		bs.close()
		return nil, err
	}
	if err := s.Shell(); err != nil {
		bs.close()
		return nil, err
	}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := stdout.Read(buf)
			if n > 0 {
				bs.mu.Lock()
				bs.out.Write(buf[:n])
				bs.mu.Unlock()
				select {
				case bs.reads <- struct{}{}:
				default:
				}
			}
			if err != nil {
				close(bs.reads)
				return
			}
		}
	}()
	return bs, nil
}

// waitFor waits until the output holds text.
func (bs *benchSession) waitFor(text string, limit time.Duration) error {
	deadline := time.After(limit)
	for {
		bs.mu.Lock()
		found := bytes.Contains(bs.out.Bytes(), []byte(text))
		bs.mu.Unlock()
		if found {
			return nil
		}
		select {
		case _, ok := <-bs.reads:
			if !ok {
				return fmt.Errorf("the session ended before showing %q", text)
			}
		case <-deadline:
			return fmt.Errorf("no %q within %s", text, limit)
		}
	}
}

// settle waits until no output has come for quiet: the first screen's
// later stages are drawn. (Keys typed while a screen loads are held and
// carried out together, where a j and a k would cancel out unseen.)
func (bs *benchSession) settle(quiet time.Duration) {
	for {
		select {
		case _, ok := <-bs.reads:
			if !ok {
				return
			}
		case <-time.After(quiet):
			return
		}
	}
}

// key types k and returns how long until the screen's answer arrives.
func (bs *benchSession) key(k string) (time.Duration, error) {
	// Forget output that came before the key.
	select {
	case <-bs.reads:
	default:
	}
	start := time.Now()
	if _, err := io.WriteString(bs.stdin, k); err != nil {
		return 0, err
	}
	select {
	case _, ok := <-bs.reads:
		if !ok {
			return 0, fmt.Errorf("the session ended after the key %q", k)
		}
		return time.Since(start), nil
	case <-time.After(2 * time.Second):
		return 0, fmt.Errorf("no answer to the key %q within 2s", k)
	}
}

func (bs *benchSession) close() {
	bs.sess.Close()
	bs.client.Close()
}

// BenchmarkServeFirstFrame: from dialling to the first screen with data
// (Today's "to do"), over SSH on loopback: key exchange, authentication,
// the pseudo-terminal, the program's start and its first read.
func BenchmarkServeFirstFrame(b *testing.B) {
	srv, cfg := benchServer(b)
	addr := "127.0.0.1:" + srv.port
	var all []time.Duration
	b.ResetTimer()
	for range b.N {
		start := time.Now()
		bs, err := dialSession(addr, cfg)
		if err != nil {
			b.Fatal(err)
		}
		if err := bs.waitFor("to do", 5*time.Second); err != nil {
			b.Fatal(err)
		}
		all = append(all, time.Since(start))
		b.StopTimer()
		bs.close()
		b.StartTimer()
	}
	reportQuantiles(b, all)
}

// BenchmarkServeKey: a key's round trip, from writing it to the redrawn
// screen arriving (the cursor moved down, then up, on Today).
func BenchmarkServeKey(b *testing.B) {
	srv, cfg := benchServer(b)
	bs, err := dialSession("127.0.0.1:"+srv.port, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer bs.close()
	if err := bs.waitFor("to do", 5*time.Second); err != nil {
		b.Fatal(err)
	}
	bs.settle(300 * time.Millisecond)
	var all []time.Duration
	b.ResetTimer()
	for i := range b.N {
		d, err := bs.key([]string{"j", "k"}[i%2])
		if err != nil {
			b.Fatal(err)
		}
		all = append(all, d)
	}
	reportQuantiles(b, all)
}

// BenchmarkServeSessions: 20 sessions at once, each moving the cursor (a
// key, its answer, 50 ms) for 30 seconds. It reports the errors (any
// failed connection, or a key without an answer within 2 s), the round
// trips, and the server's resident memory per session: its peak during
// the run less its size before the first connection, over 20.
func BenchmarkServeSessions(b *testing.B) {
	const sessions = 20
	seconds := 30
	if s, err := strconv.Atoi(os.Getenv("AFTERVIEW_BENCH_SECONDS")); err == nil && s > 0 {
		seconds = s
	}
	srv, cfg := benchServer(b, "--max-sessions", strconv.Itoa(sessions))
	addr := "127.0.0.1:" + srv.port
	idle := residentKB(srv.cmd.Process.Pid)
	for range b.N {
		var (
			mu     sync.Mutex
			all    []time.Duration
			errs   []error
			wg     sync.WaitGroup
			peak   = idle
			stopMe = make(chan struct{})
		)
		go func() {
			for {
				select {
				case <-stopMe:
					return
				case <-time.After(200 * time.Millisecond):
					if kb := residentKB(srv.cmd.Process.Pid); kb > peak {
						mu.Lock()
						peak = kb
						mu.Unlock()
					}
				}
			}
		}()
		for range sessions {
			wg.Go(func() {
				var mine []time.Duration
				err := func() error {
					bs, err := dialSession(addr, cfg)
					if err != nil {
						return err
					}
					defer bs.close()
					if err := bs.waitFor("to do", 10*time.Second); err != nil {
						return err
					}
					bs.settle(300 * time.Millisecond)
					end := time.Now().Add(time.Duration(seconds) * time.Second)
					for i := 0; time.Now().Before(end); i++ {
						d, err := bs.key([]string{"j", "k"}[i%2])
						if err != nil {
							return err
						}
						mine = append(mine, d)
						time.Sleep(50 * time.Millisecond)
					}
					return nil
				}()
				mu.Lock()
				all = append(all, mine...)
				if err != nil {
					errs = append(errs, err)
				}
				mu.Unlock()
			})
		}
		wg.Wait()
		close(stopMe)
		mu.Lock()
		b.ReportMetric(float64(len(errs)), "errors")
		b.ReportMetric(float64(len(all)), "keys")
		b.ReportMetric(float64(peak-idle)/sessions, "KB-RSS/session")
		b.ReportMetric(float64(idle), "KB-RSS-idle")
		mu.Unlock()
		for _, err := range errs {
			b.Error(err)
		}
		reportQuantiles(b, all)
	}
}

// reportQuantiles reports the median and the 95th percentile in ms.
func reportQuantiles(b *testing.B, all []time.Duration) {
	if len(all) == 0 {
		return
	}
	slices.Sort(all)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	b.ReportMetric(ms(all[len(all)/2]), "ms-median")
	b.ReportMetric(ms(all[len(all)*95/100]), "ms-p95")
	b.ReportMetric(0, "ns/op")
}

// residentKB is a process's resident memory (VmRSS) in KB, 0 if unknown
// (no /proc).
func residentKB(pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return kb
		}
	}
	return 0
}
