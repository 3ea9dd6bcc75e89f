package store

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"afterview/stages"
)

// The crash test runs this test binary again as a writer (the helper-process
// pattern): TestHelperWriter does the writing when these variables are set.
const (
	crashDBEnv     = "AFTERVIEW_CRASH_DB"     // the data file to write to
	crashFromEnv   = "AFTERVIEW_CRASH_FROM"   // the first write to make
	crashSilentEnv = "AFTERVIEW_CRASH_SILENT" // commit this write, never report it, and hang
)

// crashEvent is write number i: a note on application 1, and every fifth
// one also a dismissal in the global bucket. Every 25th note is long, so
// that the file keeps growing and values spill over several pages.
func crashEvent(i int) (stages.Event, *stages.Event) {
	note := "write " + strconv.Itoa(i)
	if i%25 == 0 {
		note += " " + strings.Repeat("padding ", 300)
	}
	e := stages.Event{Kind: stages.EvNote, At: t0.Add(time.Duration(i) * time.Second), Note: note}
	if i%5 != 0 {
		return e, nil
	}
	return e, &stages.Event{Kind: stages.EvDismiss, At: e.At, Prompt: "crash:" + strconv.Itoa(i)}
}

// TestHelperWriter is not a test of its own: it is the child process of
// TestSIGKILLLosesNoCommittedWrite. It logs writes from AFTERVIEW_CRASH_FROM
// on and prints "committed N" once write N has committed, until killed.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv(crashDBEnv)
	if path == "" {
		t.Skip("the writer child of TestSIGKILLLosesNoCommittedWrite")
	}
	from, _ := strconv.Atoi(os.Getenv(crashFromEnv))
	silent := -1
	if v := os.Getenv(crashSilentEnv); v != "" {
		silent, _ = strconv.Atoi(v)
	}
	fail := func(err error) {
		fmt.Printf("error %v\n", err)
		os.Exit(3)
	}
	s, err := Open(path)
	if err != nil {
		fail(err)
	}
	s.SetTimeout(10 * time.Second)
	fmt.Println("ready")
	for i := from; ; i++ {
		e, global := crashEvent(i)
		if _, err := s.Log(1, e); err != nil {
			fail(err)
		}
		if global != nil {
			if err := s.LogGlobal(*global); err != nil {
				fail(err)
			}
		}
		if i == silent {
			// Committed, but the parent never hears of it as such: as
			// if the process died between the commit and the report.
			fmt.Printf("holding %d\n", i)
			time.Sleep(time.Minute)
		}
		fmt.Printf("committed %d\n", i)
	}
}

// A writer killed with SIGKILL at random moments loses no write it reported
// as committed, never leaves a file bbolt finds inconsistent, and a write
// that may or may not have committed is not applied twice when retried.
func TestSIGKILLLosesNoCommittedWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts 60 processes")
	}
	const kills = 60
	seed := uint64(time.Now().UnixNano())
	if v := os.Getenv("AFTERVIEW_CRASH_SEED"); v != "" {
		seed, _ = strconv.ParseUint(v, 10, 64)
	}
	t.Logf("seed %d (set AFTERVIEW_CRASH_SEED to repeat)", seed)
	rng := rand.New(rand.NewPCG(seed, seed))

	path := filepath.Join(t.TempDir(), "afterview.db")
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(mustApp(t, "Acme", "")); err != nil {
		t.Fatal(err)
	}

	confirmed := -1 // the last write a child reported as committed
	unreported := 0 // kills that left a committed write unreported
	for round := range kills {
		silent := -1
		if round%10 == 9 {
			silent = confirmed + 1 + rng.IntN(3)
		}
		got := runWriter(t, path, confirmed+1, silent, rng)
		if got > confirmed {
			confirmed = got
		}
		last := verifyAfterCrash(t, path, confirmed)
		if last > confirmed {
			unreported++
		}
		if t.Failed() {
			t.Fatalf("after kill %d (writes reported up to %d)", round+1, confirmed)
		}
	}
	if confirmed < kills {
		t.Errorf("only %d writes in %d runs: the kills came too early to test much", confirmed+1, kills)
	}
	t.Logf("%d writes over %d kills; %d kills left a committed write unreported, which the next run retried", confirmed+1, kills, unreported)
	if unreported == 0 {
		t.Error("no kill left a committed but unreported write: the retry was never tested")
	}
}

// runWriter starts a writer child from write number from, kills it with
// SIGKILL at a random moment and returns the last write it reported.
func runWriter(t *testing.T, path string, from, silent int, rng *rand.Rand) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashDBEnv+"="+path, crashFromEnv+"="+strconv.Itoa(from), crashSilentEnv+"="+strconv.Itoa(silent))
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	last := from - 1
	read := func(line string) {
		switch {
		case strings.HasPrefix(line, "committed "):
			n, err := strconv.Atoi(strings.TrimPrefix(line, "committed "))
			if err != nil || n != last+1 {
				t.Errorf("the writer reported %q after write %d", line, last)
			}
			last = n
		case strings.HasPrefix(line, "error "):
			t.Errorf("the writer failed: %s", line)
		}
	}
	// Kill during the writes: wait until the child is ready (or until a
	// silent child has committed its write), then a random moment more.
	deadline := time.After(20 * time.Second)
	waitFor := func(done func(string) bool) {
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					return
				}
				read(line)
				if done(line) {
					return
				}
			case <-deadline:
				t.Error("the writer child got stuck")
				return
			}
		}
	}
	if silent >= 0 {
		waitFor(func(l string) bool { return strings.HasPrefix(l, "holding ") })
	} else {
		waitFor(func(l string) bool { return l == "ready" })
		timer := time.NewTimer(time.Duration(rng.IntN(30_000)) * time.Microsecond)
	wait:
		for {
			select {
			case line, ok := <-lines:
				if !ok {
					break wait
				}
				read(line)
			case <-timer.C:
				break wait
			}
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Logf("kill: %v", err)
	}
	for line := range lines {
		read(line)
	}
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Errorf("the writer was not killed by SIGKILL: %v", err)
	}
	return last
}

// verifyAfterCrash checks the file after a kill: bbolt finds it consistent,
// afterview opens it, and it holds writes 0 to at least confirmed, each
// once and in order. It returns the last write the file holds.
func verifyAfterCrash(t *testing.T, path string, confirmed int) int {
	t.Helper()
	checkBolt(t, path)
	s, err := Open(path)
	if err != nil {
		t.Fatalf("the file does not open after a kill: %v", err)
	}
	a, err := s.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	last := -1
	for _, e := range a.Events {
		if e.Kind != stages.EvNote {
			continue
		}
		want, _ := crashEvent(last + 1)
		if !stages.SameEvent(e, want) {
			t.Fatalf("note %d is %.40q at %v, want %.40q at %v: a write was lost or applied twice", last+1, e.Note, e.At, want.Note, want.At)
		}
		last++
	}
	if last < confirmed {
		t.Fatalf("the file holds writes up to %d, but the writer reported %d as committed", last, confirmed)
	}
	if last > confirmed+1 {
		t.Fatalf("the file holds writes up to %d, but only one write after the last reported (%d) can have committed", last, confirmed)
	}
	global, err := s.Global()
	if err != nil {
		t.Fatal(err)
	}
	var want []stages.Event
	for i := 0; i <= last; i++ {
		if _, g := crashEvent(i); g != nil {
			want = append(want, *g)
		}
	}
	// A write is reported once both its events committed; a kill between
	// the two leaves the last one out, until the retry.
	_, lastGlobal := crashEvent(last)
	if len(global) != len(want) && (last == confirmed || lastGlobal == nil || len(global) != len(want)-1) {
		t.Fatalf("the global bucket holds %d events, want %d: lost or applied twice", len(global), len(want))
	}
	for i, e := range global {
		if i < len(want) && !stages.SameEvent(e, want[i]) {
			t.Fatalf("global event %d is %s, want %s: lost or applied twice", i, e.Prompt, want[i].Prompt)
		}
	}
	return last
}
