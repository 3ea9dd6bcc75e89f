package cli

// Reliability tests that run the real afterview binary: bad data files,
// a full disk, a database held by another process, the database's mode,
// backups and restores, and hostile text. See also store/crash_test.go
// (SIGKILL), store/faults_test.go and the fuzz tests.

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"afterview/agenda"
	"afterview/stages"
	"afterview/store"
)

var (
	buildOnce sync.Once
	binDir    string
	binPath   string
	binErr    error
)

func TestMain(m *testing.M) {
	// No test reads the real user's configuration: every command, in
	// process or as a child, looks in an empty folder of its own (open to
	// the other user some tests run as), unless a test names a file.
	configHome, err := os.MkdirTemp("", "afterview-config-*")
	if err == nil {
		err = os.Chmod(configHome, 0o755)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Setenv("XDG_CONFIG_HOME", configHome)
	os.Unsetenv("AFTERVIEW_CONFIG")
	os.Unsetenv("VISUAL")
	code := m.Run()
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	_ = os.RemoveAll(configHome)
	os.Exit(code)
}

// afterviewBinary builds the command once per test run.
func afterviewBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		if binDir, binErr = os.MkdirTemp("", "afterview-bin-*"); binErr != nil {
			return
		}
		// Another user runs it in the unreadable-file case.
		if binErr = os.Chmod(binDir, 0o755); binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "afterview")
		out, err := exec.Command("go", "build", "-o", binPath, "afterview").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// outcome is how one run of the binary ended.
type outcome struct {
	args           []string
	stdout, stderr string
	code           int
	signaled       bool
	took           time.Duration
}

func (o outcome) String() string {
	return fmt.Sprintf("afterview %q: exit %d (signaled %v) after %v\nstdout: %s\nstderr: %s", o.args, o.code, o.signaled, o.took.Round(time.Millisecond), o.stdout, o.stderr)
}

// runBinary runs the binary on the database db with the clock fixed.
// attr, when not nil, sets how the process starts (another user, say).
func runBinary(t *testing.T, db string, attr *syscall.SysProcAttr, args ...string) outcome {
	t.Helper()
	return runCommand(t, append([]string{afterviewBinary(t)}, args...), db, attr, "")
}

func runCommand(t *testing.T, argv []string, db string, attr *syscall.SysProcAttr, stdin string) outcome {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Env = append(os.Environ(), "AFTERVIEW_DB="+db, "AFTERVIEW_NOW=2026-11-20T09:00", "AFTERVIEW_DEBUG=")
	cmd.SysProcAttr = attr
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	start := time.Now()
	err := cmd.Run()
	o := outcome{args: argv[1:], stdout: out.String(), stderr: errOut.String(), took: time.Since(start)}
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		o.code = exit.ExitCode()
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			o.signaled = true
		}
	case attr != nil && attr.Credential != nil:
		t.Skipf("cannot run afterview as another user here (%v); the store's TestUnreadableFile covers the message", err)
	default:
		t.Fatalf("afterview %q did not run: %v", argv[1:], err)
	}
	return o
}

// wantCleanFailure checks a run that must fail with exit code 2 and a
// message naming the file, and never with a crash.
func wantCleanFailure(t *testing.T, o outcome, path string, says ...string) {
	t.Helper()
	switch {
	case o.signaled:
		t.Errorf("killed by a signal: %v", o)
	case o.code != exitData:
		t.Errorf("want exit code 2: %v", o)
	case !strings.Contains(o.stderr, path):
		t.Errorf("the message does not name %s: %v", path, o)
	}
	for _, s := range says {
		if !strings.Contains(o.stderr, s) {
			t.Errorf("the message does not say %q: %v", s, o)
		}
	}
	for _, crash := range []string{"panic", "goroutine", "internal error", "SIG"} {
		if strings.Contains(o.stdout+o.stderr, crash) {
			t.Errorf("the output shows a crash (%q): %v", crash, o)
		}
	}
}

// goodDatabase writes a database of twenty applications with long notes, so
// that it spans many pages, and returns its bytes.
func goodDatabase(t *testing.T, path string) []byte {
	t.Helper()
	// Opened as the commands open it, with the derived records they keep.
	st, err := agenda.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, time.November, 16, 15, 0, 0, 0, time.Local)
	for i := range 20 {
		a, err := stages.NewApplication(fmt.Sprintf("Company %d", i), "Engineer", "standard", at, []string{"Ana"}, "Sam", stages.Date{}, at)
		if err != nil {
			t.Fatal(err)
		}
		a.Notes = strings.Repeat(fmt.Sprintf("notes about company %d. ", i), 100)
		if _, err := st.Add(a); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// folderState is what a failed command must leave alone: the names in the
// data file's folder (no backup, no temporary file) and the file's bytes.
func folderState(t *testing.T, path string) string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %v %d\n", e.Name(), info.Mode(), info.Size())
	}
	if content, err := os.ReadFile(path); err == nil {
		fmt.Fprintf(&b, "%x\n", content)
	}
	return b.String()
}

// Each bad file, in a subprocess running the real binary, ends in exit
// code 2 and a message naming the file, never a panic or a signal, and the
// file and its folder are left exactly as they were.
func TestBadFilesEndInExit2(t *testing.T) {
	reads := [][]string{{}, {"today"}, {"list"}, {"show", "1"}, {"export"}, {"export", "--format", "csv"}, {"backup"}}
	writes := [][]string{{"log", "1", "note", "hello"}, {"add", "Acme"}, {"done", "1", "reflect"}}
	all := append(append([][]string{}, reads...), writes...)
	rng := rand.New(rand.NewPCG(7, 7))
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	write := func(t *testing.T, path string, b []byte) {
		t.Helper()
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name string
		make func(t *testing.T, path string)
		say  string
		cmds [][]string
	}{
		{"text file", func(t *testing.T, path string) {
			write(t, path, []byte("Netflix, Senior SWE, waiting since Monday\n"))
		}, "is not an afterview database", all},
		{"random bytes", func(t *testing.T, path string) { write(t, path, random(64<<10)) }, "is not an afterview database", all},
		{"truncated to half", func(t *testing.T, path string) {
			b := goodDatabase(t, path)
			write(t, path, b[:len(b)/2])
		}, "looks damaged", all},
		{"root page corrupted", func(t *testing.T, path string) {
			b := goodDatabase(t, path)
			corruptRootPage(t, path, b, rng)
		}, "looks damaged", all},
		// Damage to the page of one application: every command that reads
		// it says so. (A write elsewhere in the file, such as add, does not
		// read that page and works: bbolt has no checksums on data pages,
		// and checking the whole file before each write would cost a read
		// of all of it.)
		{"data page corrupted", func(t *testing.T, path string) {
			b := goodDatabase(t, path)
			corruptPagesHolding(t, path, b, []byte(`"Company 0"`), rng)
		}, "looks damaged", append(append([][]string{}, reads...), writes[0], writes[2])},
		{"newer schema", func(t *testing.T, path string) {
			goodDatabase(t, path)
			db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			err = db.Update(func(tx *bolt.Tx) error {
				return tx.Bucket([]byte("meta")).Put([]byte("schema"), binary.BigEndian.AppendUint64(nil, store.SchemaVersion+1))
			})
			db.Close()
			if err != nil {
				t.Fatal(err)
			}
		}, "written by a newer afterview", all},
		{"directory", func(t *testing.T, path string) {
			if err := os.Mkdir(path, 0o700); err != nil {
				t.Fatal(err)
			}
		}, "is a directory", all},
		{"no read permission", func(t *testing.T, path string) {
			goodDatabase(t, path)
			if err := os.Chmod(path, 0o000); err != nil {
				t.Fatal(err)
			}
		}, "permission denied", all},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			// Not t.TempDir: another user must reach the file in the
			// permission case.
			dir, err := os.MkdirTemp("", "afterview-bad-*")
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = os.RemoveAll(dir) })
			if err := os.Chmod(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "afterview.db")
			c.make(t, path)
			var attr *syscall.SysProcAttr
			if c.name == "no read permission" && os.Geteuid() == 0 {
				// Root reads any file: run as nobody, for whom the mode
				// holds.
				attr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
			}
			before := folderState(t, path)
			for _, args := range c.cmds {
				o := runBinary(t, path, attr, args...)
				wantCleanFailure(t, o, path, c.say)
				if after := folderState(t, path); after != before {
					t.Errorf("afterview %q changed the file or its folder", args)
					before = after
				}
			}
		})
	}
}

// corruptRootPage scrambles the page that holds the top-level buckets,
// which every transaction reads. The current meta page (of the two, the one
// with the higher transaction id) names it: after the 16-byte page header
// come magic, version, page size and flags (4 bytes each), then the root
// bucket's page id; the transaction id is at byte 64.
func corruptRootPage(t *testing.T, path string, content []byte, rng *rand.Rand) {
	t.Helper()
	pageSize := os.Getpagesize()
	meta := content[:pageSize]
	if binary.LittleEndian.Uint64(content[pageSize+64:]) > binary.LittleEndian.Uint64(meta[64:]) {
		meta = content[pageSize : 2*pageSize]
	}
	if size := binary.LittleEndian.Uint32(meta[24:]); int(size) != pageSize {
		t.Fatalf("the meta page gives page size %d, want %d", size, pageSize)
	}
	root := int(binary.LittleEndian.Uint64(meta[32:]))
	scramble(t, path, content, []int{root}, pageSize, rng)
}

// corruptPagesHolding scrambles every page that holds marker.
func corruptPagesHolding(t *testing.T, path string, content, marker []byte, rng *rand.Rand) {
	t.Helper()
	pageSize := os.Getpagesize()
	var pages []int
	for off := 0; ; {
		i := bytes.Index(content[off:], marker)
		if i < 0 {
			break
		}
		pages = append(pages, (off+i)/pageSize)
		off += i + len(marker)
	}
	if len(pages) == 0 {
		t.Fatalf("%s is in no page", marker)
	}
	scramble(t, path, content, pages, pageSize, rng)
}

func scramble(t *testing.T, path string, content []byte, pages []int, pageSize int, rng *rand.Rand) {
	t.Helper()
	for _, p := range pages {
		if p < 2 {
			t.Fatalf("page %d is a meta page", p)
		}
		for i := p * pageSize; i < (p+1)*pageSize && i < len(content); i++ {
			content[i] = byte(rng.Uint32())
		}
	}
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestHelperLimitedWriter is not a test of its own: it runs the binary
// named by AFTERVIEW_EXEC with the file size limit of AFTERVIEW_FSIZE bytes,
// standing in for a full disk (writes past it fail with EFBIG).
func TestHelperLimitedWriter(t *testing.T) {
	bin, limit := os.Getenv("AFTERVIEW_EXEC"), os.Getenv("AFTERVIEW_FSIZE")
	if bin == "" {
		t.Skip("the child process of TestFullDiskExits2")
	}
	n, err := strconv.ParseUint(limit, 10, 64)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(99)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(99)
	}
	args := append([]string{bin}, strings.Fields(os.Getenv("AFTERVIEW_ARGS"))...)
	args = append(args, "--note", strings.Repeat("long notes ", 1500))
	fmt.Fprintln(os.Stderr, syscall.Exec(bin, args, os.Environ()))
	os.Exit(99)
}

// A write that fails for want of space (here a file size limit, so that it
// works without root) ends in exit code 2 and a message naming the file,
// and the file stays consistent with every earlier write in it.
func TestFullDiskExits2(t *testing.T) {
	bin := afterviewBinary(t)
	path := filepath.Join(t.TempDir(), "afterview.db")
	if o := runBinary(t, path, nil, "list"); o.code != 0 {
		t.Fatal(o)
	}
	limited := func(args ...string) outcome {
		t.Helper()
		cmd := []string{os.Args[0], "-test.run=^TestHelperLimitedWriter$", "-test.count=1"}
		t.Setenv("AFTERVIEW_EXEC", bin)
		t.Setenv("AFTERVIEW_FSIZE", strconv.Itoa(128<<10))
		t.Setenv("AFTERVIEW_ARGS", strings.Join(args, " "))
		return runCommand(t, cmd, path, nil, "")
	}
	added := 0
	var o outcome
	for ; added < 100; added++ {
		if o = limited("add", fmt.Sprint("Company", added)); o.code != 0 {
			break
		}
	}
	if added == 0 || added == 100 {
		t.Fatalf("%d applications fitted under the limit: %v", added, o)
	}
	t.Logf("after %d applications: %s", added, o.stderr)
	wantCleanFailure(t, o, path, "could not be written", "disk may be full", "not saved")
	before := folderState(t, path)
	// Trying again fails the same way and changes nothing.
	wantCleanFailure(t, limited("add", fmt.Sprint("Company", added)), path, "disk may be full")
	if folderState(t, path) != before {
		t.Error("a failed write changed the file")
	}
	checkBbolt(t, path)
	out := runBinary(t, path, nil, "list")
	if out.code != 0 || strings.Count(out.stdout, "Company") != added || strings.Contains(out.stdout, fmt.Sprint("Company", added)) {
		t.Errorf("after the failed write the database should hold the %d applications added before it: %v", added, out)
	}
}

// checkBbolt runs bbolt's consistency check on a file.
func checkBbolt(t *testing.T, path string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.View(func(tx *bolt.Tx) error {
		var errs []error
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		return errors.Join(errs...)
	})
	if err != nil {
		t.Fatalf("bbolt's check of %s: %v", path, err)
	}
}

// TestHelperHoldLock is not a test of its own: it holds the database named
// by AFTERVIEW_HOLD open for writing, as a stuck afterview would, until
// killed.
func TestHelperHoldLock(t *testing.T) {
	path := os.Getenv("AFTERVIEW_HOLD")
	if path == "" {
		t.Skip("the child process of TestDatabaseHeldByAnotherProcess")
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	defer db.Close()
	fmt.Println("holding")
	time.Sleep(time.Minute)
}

// A database another process holds for longer than the timeout: every
// command gives up within seconds with exit code 75 and says why.
func TestDatabaseHeldByAnotherProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "afterview.db")
	if o := runBinary(t, path, nil, "add", "Acme"); o.code != 0 {
		t.Fatal(o)
	}
	holder := exec.Command(os.Args[0], "-test.run=^TestHelperHoldLock$", "-test.count=1")
	holder.Env = append(os.Environ(), "AFTERVIEW_HOLD="+path)
	out, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = holder.Process.Kill(); _ = holder.Wait() })
	buf := make([]byte, 64)
	if n, _ := out.Read(buf); !strings.Contains(string(buf[:n]), "holding") {
		t.Fatalf("the holder did not start: %q", buf[:n])
	}
	before := folderState(t, path)
	for _, args := range [][]string{{"today"}, {"log", "1", "note", "hello"}, {"backup"}} {
		o := runBinary(t, path, nil, args...)
		if o.code != exitBusy || !strings.Contains(o.stderr, "another afterview is using "+path) {
			t.Errorf("want exit 75 saying another afterview is using the file: %v", o)
		}
		// The lock timeout is one second; the rest is starting up.
		if o.took > 5*time.Second {
			t.Errorf("afterview %q waited %v", args, o.took)
		}
	}
	if folderState(t, path) != before {
		t.Error("a command that gave up changed the file")
	}
}

// No code path opens bbolt without a timeout: without one, a stuck
// afterview would hang every other. Every bbolt.Open outside the tests must
// pass options that set Timeout.
func TestEveryBboltOpenHasATimeout(t *testing.T) {
	fset := token.NewFileSet()
	opens := 0
	// The whole module, from internal/cli.
	const root = "../.."
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "vendor") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		names := map[string]bool{}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p != "go.etcd.io/bbolt" && p != "github.com/boltdb/bolt" {
				continue
			}
			name := map[string]string{"go.etcd.io/bbolt": "bbolt", "github.com/boltdb/bolt": "bolt"}[p]
			if imp.Name != nil {
				name = imp.Name.Name
			}
			names[name] = true
		}
		if len(names) == 0 {
			return nil
		}
		for _, decl := range f.Decls {
			checkOpens(t, fset, decl, names, &opens)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if opens == 0 {
		t.Fatal("found no bbolt.Open at all: is the walk looking in the right place?")
	}
}

// checkOpens checks the bbolt.Open calls in one declaration.
func checkOpens(t *testing.T, fset *token.FileSet, decl ast.Decl, names map[string]bool, opens *int) {
	t.Helper()
	isBbolt := func(e ast.Expr, sel string) bool {
		s, ok := e.(*ast.SelectorExpr)
		if !ok || s.Sel.Name != sel {
			return false
		}
		id, ok := s.X.(*ast.Ident)
		return ok && names[id.Name]
	}
	// setsTimeout reports whether e is a bbolt.Options literal (or its
	// address) with a Timeout.
	setsTimeout := func(e ast.Expr) bool {
		if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
			e = u.X
		}
		lit, ok := e.(*ast.CompositeLit)
		if !ok || !isBbolt(lit.Type, "Options") {
			return false
		}
		for _, el := range lit.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Timeout" {
					return true
				}
			}
		}
		return false
	}
	// Options held in a variable: what was assigned to it in this
	// declaration, all of which must set the timeout.
	assigned := map[string][]ast.Expr{}
	ast.Inspect(decl, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				if id, ok := l.(*ast.Ident); ok && i < len(n.Rhs) {
					assigned[id.Name] = append(assigned[id.Name], n.Rhs[i])
				}
			}
		case *ast.ValueSpec:
			for i, id := range n.Names {
				if i < len(n.Values) {
					assigned[id.Name] = append(assigned[id.Name], n.Values[i])
				}
			}
		}
		return true
	})
	calls := map[ast.Expr]bool{}
	ast.Inspect(decl, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || !isBbolt(call.Fun, "Open") {
			return true
		}
		calls[call.Fun] = true
		*opens++
		pos := fset.Position(call.Pos())
		if len(call.Args) != 3 {
			t.Errorf("%s: bbolt.Open without options, so without a timeout", pos)
			return true
		}
		opt := call.Args[2]
		if id, ok := opt.(*ast.Ident); ok && len(assigned[id.Name]) > 0 {
			for _, e := range assigned[id.Name] {
				if !setsTimeout(e) {
					t.Errorf("%s: the options passed to bbolt.Open (%s) do not set a Timeout", pos, id.Name)
				}
			}
			return true
		}
		if !setsTimeout(opt) {
			t.Errorf("%s: bbolt.Open's options do not set a Timeout", pos)
		}
		return true
	})
	// bbolt.Open used as a value could be called anywhere, unchecked.
	ast.Inspect(decl, func(n ast.Node) bool {
		if e, ok := n.(ast.Expr); ok && isBbolt(e, "Open") && !calls[e] {
			t.Errorf("%s: bbolt.Open used as a value; call it with options that set a Timeout", fset.Position(e.Pos()))
		}
		return true
	})
}

// The data file is created private; if it is readable by others afterview
// warns, once per command, naming the file and the fix.
func TestWarnsWhenOthersCanReadTheFile(t *testing.T) {
	c := newCLI(t)
	if _, errOut, _ := c.at("2026-11-20T09:00", "add", "Acme", "--interviewer", "Ana", "--interviewer", "Bo"); errOut != "" {
		t.Fatalf("a new database warned: %q", errOut)
	}
	info, err := os.Stat(c.db)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("the new data file has mode %v, want 0600", info.Mode().Perm())
	}
	if dir, _ := os.Stat(filepath.Dir(c.db)); dir.Mode().Perm() != 0o700 {
		t.Errorf("its new folder has mode %v, want 0700", dir.Mode().Perm())
	}
	for i, mode := range []fs.FileMode{0o644, 0o640, 0o604, 0o660} {
		if err := os.Chmod(c.db, mode); err != nil {
			t.Fatal(err)
		}
		write := []string{"log", "1", "note", fmt.Sprint("note ", i)}
		if i == 0 {
			// Thanking everyone writes twice in one command: still one
			// warning.
			write = []string{"log", "1", "thanks", "--to", "all"}
		}
		for _, args := range [][]string{{"today"}, write} {
			out, errOut, code := c.at("2026-11-20T09:00", args...)
			if code != 0 {
				t.Fatalf("afterview %v with mode %v: exit %d, %s", args, mode, code, errOut)
			}
			want := fmt.Sprintf("afterview: warning: other users can read or change %s (mode %04o)", c.db, mode)
			if strings.Count(errOut, "warning") != 1 || !strings.Contains(errOut, want) || !strings.Contains(errOut, "chmod 600 "+c.db) {
				t.Errorf("afterview %v with mode %v: stderr %q; want one warning naming the file and chmod 600", args, mode, errOut)
			}
			if strings.Contains(out, "warning") {
				t.Errorf("the warning went to standard output: %q", out)
			}
		}
	}
	if err := os.Chmod(c.db, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, _ := c.at("2026-11-20T09:00", "today"); errOut != "" {
		t.Errorf("mode 600 still warns: %q", errOut)
	}
}

func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"/home/me/.local/share/afterview/afterview.db": "/home/me/.local/share/afterview/afterview.db",
		"/tmp/my data/a.db":                            "'/tmp/my data/a.db'",
		"/tmp/it's.db":                                 `'/tmp/it'\''s.db'`,
		"/tmp/$(rm -rf ~).db":                          "'/tmp/$(rm -rf ~).db'",
		"~/a.db":                                       "'~/a.db'",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestBackupCommand(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "Netflix", "--process", "netflix", "--interviewed", "2026-11-19T15:00", "--interviewer", "Ana")
	c.ok(now, "log", "1", "note", "first round went well")
	exported := c.ok(now, "export")

	// By default, beside the database, named after the time.
	out := c.ok(now, "backup")
	def := c.db + ".backup-20261120-090000"
	if !strings.Contains(out, "Backed up "+c.db+" to "+def) {
		t.Errorf("backup printed %q, want it to name %s", out, def)
	}
	if info, err := os.Stat(def); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("the default backup: %v, %v; want a file of mode 0600", info, err)
	}
	checkBbolt(t, def)
	// To a file, and into a folder.
	dir := t.TempDir()
	c.ok(now, "backup", filepath.Join(dir, "mine.db"))
	c.ok(now, "backup", dir)
	for _, p := range []string{filepath.Join(dir, "mine.db"), filepath.Join(dir, "afterview.db.backup-20261120-090000")} {
		checkBbolt(t, p)
	}
	// Not over the database itself, nor into a missing folder.
	for _, args := range [][]string{{"backup", c.db}, {"backup", filepath.Join(dir, "missing", "b.db")}, {"backup", "a", "b"}} {
		if _, errOut, code := c.at(now, args...); code != exitUsage || errOut == "" {
			t.Errorf("afterview %v: exit %d, %q; want exit 1 with a reason", args, code, errOut)
		}
	}

	// Later changes, then a restore by copying the backup over the file.
	c.ok(now, "log", "1", "rejected")
	c.ok(now, "add", "Amazon")
	if err := os.WriteFile(c.db, mustRead(t, def), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := c.ok(now, "export"); got != exported {
		t.Errorf("after restoring the backup the database exports as\n%s\nwant\n%s", got, exported)
	}

	// Or by exporting the backup into the database in use.
	c.ok(now, "add", "Amazon")
	var backupJSON, errOut bytes.Buffer
	if code := run([]string{"--db", def, "export"}, strings.NewReader(""), &backupJSON, &errOut); code != 0 {
		t.Fatalf("export from the backup: exit %d, %s", code, errOut.String())
	}
	var out2 bytes.Buffer
	if code := run([]string{"import", "-", "--replace"}, &backupJSON, &out2, &errOut); code != 0 || !strings.Contains(out2.String(), "Imported 1 application from standard input") {
		t.Fatalf("import - --replace: exit %d, %s %s", code, out2.String(), errOut.String())
	}
	if got := c.ok(now, "export"); got != exported {
		t.Errorf("after importing the backup the database exports as\n%s\nwant\n%s", got, exported)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// hostile is text people should never see raw: escape sequences that
// clear the screen, write the clipboard (OSC 52), move the cursor, and a
// C1 CSI, which some terminals obey even in UTF-8.
var hostile = []string{
	"\x1b[2J\x1b[H",
	"\x1b]52;c;cm0gLXJmIH4=\x07",
	"\u009b31m",
	"\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\",
	"\r\x7f\x08\x00",
	// Every bidirectional control: each can reorder what follows it.
	"\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
}

// terminalSafe reports the first thing in s a terminal would obey, or that
// would disguise the text around it: a C0 control other than a line end
// (iCalendar's are CRLF), DEL, a C1 control, any of Unicode's bidirectional
// controls, or invalid UTF-8. It asks Unicode's own table, not the code
// under test.
func terminalSafe(s string) error {
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return fmt.Errorf("invalid UTF-8 at byte %d", i)
			}
		case r == '\n', r == '\r' && strings.HasPrefix(s[i:], "\r\n"):
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			return fmt.Errorf("control character %U at byte %d", r, i)
		case unicode.Is(unicode.Bidi_Control, r):
			return fmt.Errorf("bidirectional control %U at byte %d", r, i)
		}
	}
	return nil
}

// Escape sequences typed into any field never reach the terminal raw, in
// any command's output, plain or JSON, nor in error messages.
func TestHostileTextNeverReachesTheTerminal(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	h := strings.Join(hostile, "")
	c.ok(now, "add", "Evil"+h+"Corp", "--role", "Role"+h, "--interviewed", "2026-11-19T15:00",
		"--interviewer", "Ana"+h, "--recruiter", "Bob"+h, "--note", "notes"+h)
	c.ok(now, "log", "1", "thanks", "--new", "--to", "Zed"+h)
	c.ok(now, "log", "1", "note", "a note"+h)
	c.ok(now, "log", "1", "heard", "--note", "heard"+h)
	c.ok(now, "log", "1", "followup", "--note", "followed up"+h, "--force")
	c.ok(now, "log", "1", "offer", "--base", "100", "--note", "offer"+h)
	commands := [][]string{
		{}, {"today"}, {"today", "--all"}, {"today", "--json"}, {"list"}, {"list", "--json"}, {"show", "1"}, {"show", "1", "--json"},
		{"export"}, {"export", "--format", "csv"}, {"export", "--format", "ics"}, {"export", "--format", "taskwarrior"},
		{"offers"}, {"offers", "--json"}, {"stats"}, {"stats", "--json"},
		// Errors that quote what was typed, or names from the database.
		{"log", "1", "stage", "stage" + h}, {"log", "1", "kind" + h}, {"show", "1" + h}, {"add", "X", "--process", h},
		{"done", "1", "prompt" + h}, {"snooze", "1", "thank_you"}, {"frobnicate" + h}, {"log", "1", "thanks", "--to", "Ana" + h},
		{"--db", filepath.Join(t.TempDir(), "a"+h, "b.db"), "list"},
	}
	for _, args := range commands {
		out, errOut, _ := c.at(now, args...)
		if err := terminalSafe(out); err != nil {
			t.Errorf("afterview %q printed a %v:\n%q", args, err, out)
		}
		if err := terminalSafe(errOut); err != nil {
			t.Errorf("afterview %q printed on stderr a %v:\n%q", args, err, errOut)
		}
	}
	// The JSON still holds the text exactly: escaping is not loss.
	var buf bytes.Buffer
	if code := run([]string{"export"}, strings.NewReader(""), &buf, &buf); code != 0 {
		t.Fatal(buf.String())
	}
	d := newCLI(t)
	file := filepath.Join(t.TempDir(), "x.json")
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	d.ok(now, "import", file)
	if got := d.ok(now, "list", "--json"); !strings.Contains(got, `\u009b31m`) || !strings.Contains(got, `\u001b]52;c;`) {
		t.Errorf("the imported names lost their characters:\n%s", got)
	}
}

func TestJSONSafeWriter(t *testing.T) {
	var buf bytes.Buffer
	in := "a\u0080b\u009bc\x7fd é ě \u00a0 ✓\u202e\u200f\u2066\u061c"
	if _, err := jsonSafe(&buf).Write([]byte(in)); err != nil {
		t.Fatal(err)
	}
	if want := `a\u0080b\u009bc\u007fd é ě ` + "\u00a0 ✓" + `\u202e\u200f\u2066\u061c`; buf.String() != want {
		t.Errorf("jsonSafe wrote %q, want %q", buf.String(), want)
	}
}

// A CSV export opened in a spreadsheet runs no formula typed into a field.
func TestCSVExportNeutralisesFormulas(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "=HYPERLINK(\"http://evil.example\",\"x\")", "--role", "+1+1", "--recruiter", "-2+3",
		"--interviewer", "@SUM(A1)", "--interviewer", "\t=1", "--interviewed", "2026-11-19T15:00")
	out := c.ok(now, "export", "--format", "csv")
	for _, cell := range []string{`"'=HYPERLINK(""http://evil.example"",""x"")"`, "'+1+1", "'-2+3", "'@SUM(A1)"} {
		if !strings.Contains(out, cell) {
			t.Errorf("the CSV lacks the neutralised cell %s:\n%s", cell, out)
		}
	}
	for _, raw := range []string{",=HYPERLINK", ",+1+1", ",-2+3", ",@SUM", `,"=`} {
		if strings.Contains(out, raw) {
			t.Errorf("the CSV has a live formula %q:\n%s", raw, out)
		}
	}
}

// Limits, each refused with a clear message, exit code 1 and no change.
func TestLimitsAreRefusedClearly(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", strings.Repeat("C", 200), "--role", strings.Repeat("r", 200), "--note", strings.Repeat("n", 20000),
		"--interviewed", "1990-01-01T09:00")
	c.ok(now, "log", "1", "note", strings.Repeat("é", 20000))
	cases := []struct {
		args []string
		say  []string
	}{
		{[]string{"add", strings.Repeat("C", 201)}, []string{"company", "201 characters is too long (at most 200)"}},
		{[]string{"add", "Acme", "--role", strings.Repeat("r", 201)}, []string{"role", "at most 200"}},
		{[]string{"add", "Acme", "--recruiter", strings.Repeat("r", 201)}, []string{"recruiter", "at most 200"}},
		{[]string{"add", "Acme", "--interviewer", strings.Repeat("r", 201)}, []string{"interviewer", "at most 200"}},
		{[]string{"add", "Acme", "--note", strings.Repeat("n", 20001)}, []string{"notes", "at most 20000"}},
		{[]string{"add", "Acme", "--interviewed", "1989-12-31T23:00"}, []string{"1990 to 2100"}},
		{[]string{"add", "Acme", "--interviewed", "2101-01-01"}, []string{"1990 to 2100"}},
		{[]string{"add", "Acme", "--expect", "2101-01-01"}, []string{"1990 to 2100"}},
		{[]string{"add", "Acme", "--process", "google"}, []string{"amazon, netflix, standard"}},
		{[]string{"log", "1", "note", strings.Repeat("é", 20001)}, []string{"20001 characters is too long (at most 20000)"}},
		{[]string{"log", "1", "heard", "--note", strings.Repeat("n", 20001)}, []string{"at most 20000"}},
		{[]string{"log", "1", "thanks", "--to", strings.Repeat("p", 201)}, []string{"at most 200"}},
		{[]string{"log", "1", "heard", "--at", "1989-12-31"}, []string{"1990 to 2100"}},
		{[]string{"log", "1", "heard", "--expect", "2101-01-01"}, []string{"1990 to 2100"}},
		{[]string{"log", "1", "offer", "--deadline", "2101-01-01"}, []string{"1990 to 2100"}},
		{[]string{"log", "1", "offer", "--base", "-5"}, []string{"negative"}},
		{[]string{"log", "1", "offer", "--currency", "dollars"}, []string{"three-letter code"}},
		{[]string{"log", "1", "offer", "--vest-years", "99"}, []string{"vesting years"}},
		{[]string{"log", "1", "stage", "onsite"}, []string{`"onsite"`, "final interview", "decision pending", "references", "offer"}},
		{[]string{"log", "1", "party"}, []string{"thanks, followup, heard, stage, offer, counter, note, accepted, declined, rejected, withdrawn, no-answer"}},
		{[]string{"snooze", "1", "reflect", "--until", "2101-01-01"}, []string{"1990 to 2100"}},
	}
	before := mustRead(t, c.db)
	for _, tc := range cases {
		out, errOut, code := c.at(now, tc.args...)
		if code != exitUsage {
			t.Errorf("afterview %.80q: exit %d, want 1 (stdout %q, stderr %q)", tc.args, code, out, errOut)
			continue
		}
		for _, s := range tc.say {
			if !strings.Contains(errOut, s) {
				t.Errorf("afterview %.80q: %q does not say %q", tc.args, errOut, s)
			}
		}
	}
	if !bytes.Equal(before, mustRead(t, c.db)) {
		t.Error("a refused command changed the database")
	}
}

// A malformed or hostile import file is refused whole, naming the record or
// line at fault, and the database is left exactly as it was.
func TestImportRefusedWhole(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "Acme")
	good := func(id int, company, extra string) string {
		return fmt.Sprintf(`{"id":%d,"company":%q,"process":"standard","stage":"final interview","interviewed":"2026-11-16T15:00:00Z","created":"2026-11-16T15:00:00Z","events":[]%s}`, id, company, extra)
	}
	file := func(apps ...string) string {
		return `{"format":"afterview","version":1,"exported_at":"2026-11-20T09:00:00Z","applications":[` + strings.Join(apps, ",") + `],"global_events":[]}`
	}
	cases := []struct{ name, data string }{
		{"one bad record", file(good(1, "Fine", ""), good(2, "Broken", `,"stage":"onsite"`))},
		{"hostile offer", file(good(1, "Fine", ""), good(2, "Broken", `,"offer":{"stock":1,"vest_years":2000000000}`))},
		{"too long", file(good(1, "Fine", ""), good(2, "Broken", `,"role":"`+strings.Repeat("r", 201)+`"`))},
		{"not JSON", "{\n\"format\": \"afterview\",\n\"version\": 1,\n\"applications\": [\n{\"id\": 1,,}\n]}"},
	}
	for _, tc := range cases {
		path := filepath.Join(t.TempDir(), "in.json")
		if err := os.WriteFile(path, []byte(tc.data), 0o600); err != nil {
			t.Fatal(err)
		}
		before := mustRead(t, c.db)
		for _, mode := range []string{"--merge", "--replace"} {
			_, errOut, code := c.at(now, "import", path, mode)
			if code != exitUsage || !strings.Contains(errOut, path) || !strings.Contains(errOut, "nothing was imported") && !strings.Contains(errOut, "line 5") {
				t.Errorf("%s %s: exit %d, %q; want exit 1 naming the file", tc.name, mode, code, errOut)
			}
			if tc.name != "not JSON" && !strings.Contains(errOut, "application 2 (Broken)") {
				t.Errorf("%s %s: %q does not name the record", tc.name, mode, errOut)
			}
		}
		if !bytes.Equal(before, mustRead(t, c.db)) {
			t.Errorf("%s: a refused import changed the database", tc.name)
		}
	}
}

// The TUI open on the database while 100 'afterview log' commands run from
// a shell: none waits more than 3 seconds or fails, and the TUI shows every
// change within 2 seconds. tmux gives the TUI its terminal, tall enough for
// the application's whole timeline. The commands run in rounds of ten, one
// after another, and a last round of twenty five at a time; after each
// round the screen must show every command so far (the TUI polls the
// database's revision about once a second, so waiting for each command on
// its own would take 100 seconds).
func TestTUIAndCommandsTogether(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 100 commands against a live TUI")
	}
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed (CI installs it)")
	}
	bin := afterviewBinary(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "afterview.db")
	if o := runBinary(t, db, nil, "add", "Acme", "--role", "Engineer", "--interviewed", "2026-11-19T15:00", "--recruiter", "Sam"); o.code != 0 {
		t.Fatal(o)
	}
	sock := filepath.Join(dir, "tmux.sock")
	tm := func(args ...string) (string, error) {
		out, err := exec.Command(tmux, append([]string{"-S", sock}, args...)...).CombinedOutput()
		return string(out), err
	}
	shell := fmt.Sprintf("TERM=xterm-256color AFTERVIEW_DB=%s AFTERVIEW_NOW=2026-11-20T09:00 %s; sleep 600", shellQuote(db), shellQuote(bin))
	if out, err := tm("new-session", "-d", "-s", "av", "-x", "120", "-y", "160", shell); err != nil {
		t.Fatalf("tmux: %v %s", err, out)
	}
	t.Cleanup(func() { _, _ = tm("kill-server") })
	screen := func() string {
		out, _ := tm("capture-pane", "-t", "av", "-p")
		return out
	}
	waitFor := func(ok func(string) bool, deadline time.Time) bool {
		for {
			if ok(screen()) {
				return true
			}
			if time.Now().After(deadline) {
				return false
			}
			time.Sleep(25 * time.Millisecond)
		}
	}
	shows := func(text string) func(string) bool { return func(s string) bool { return strings.Contains(s, text) } }
	if !waitFor(shows("Acme"), time.Now().Add(10*time.Second)) {
		t.Fatalf("the TUI did not start:\n%s", screen())
	}
	// Open the application's page: Applications, then its row.
	for _, key := range []string{"Tab", "Enter"} {
		if _, err := tm("send-keys", "-t", "av", key); err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if !waitFor(shows("TIMELINE"), time.Now().Add(5*time.Second)) {
		t.Fatalf("the application did not open:\n%s", screen())
	}

	first := stages.NewDate(2026, time.November, 21)
	var slowest time.Duration
	var mu sync.Mutex
	logOne := func(i int) {
		o := runBinary(t, db, nil, "log", "1", "heard", "--expect", first.AddDays(i).String(), "--note", fmt.Sprint("call ", i))
		mu.Lock()
		defer mu.Unlock()
		if o.code != 0 || o.took > 3*time.Second {
			t.Errorf("command %d: want exit 0 within 3s: %v", i+1, o)
		}
		slowest = max(slowest, o.took)
	}
	// heardLines counts the timeline's lines of the commands' events.
	heardLines := func(s string) int { return strings.Count(s, "heard back") }
	var slowestShown time.Duration
	done := 0
	round := func(n, together int) {
		start := time.Now()
		sem := make(chan struct{}, together)
		var wg sync.WaitGroup
		for i := done; i < done+n; i++ {
			sem <- struct{}{}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				logOne(i)
			}()
		}
		wg.Wait()
		done += n
		// Every change must be on screen within 2 seconds of the first
		// command of the round finishing (the round's start is earlier).
		if !waitFor(func(s string) bool { return heardLines(s) == done }, start.Add(2*time.Second)) {
			t.Fatalf("after %d commands the TUI shows %d of them 2 seconds on:\n%s", done, heardLines(screen()), screen())
		}
		slowestShown = max(slowestShown, time.Since(start))
	}
	for range 8 {
		round(10, 1)
	}
	round(20, 5)
	if t.Failed() {
		return
	}
	t.Logf("slowest command %v; slowest round to reach the screen %v", slowest.Round(time.Millisecond), slowestShown.Round(time.Millisecond))
	// The database holds each command once.
	o := runBinary(t, db, nil, "show", "1", "--json")
	if n := strings.Count(o.stdout, `"kind": "heard"`); n != 100 {
		t.Errorf("the database holds %d heard events, want 100", n)
	}
}

// The demo's throwaway database goes away with the demo, also when its
// terminal is closed under it (SIGHUP) rather than quit.
func TestDemoLeavesNothingBehind(t *testing.T) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		t.Skip("tmux is not installed (CI installs it)")
	}
	bin := afterviewBinary(t)
	dir := t.TempDir()
	tmp := filepath.Join(dir, "tmp")
	if err := os.Mkdir(tmp, 0o700); err != nil {
		t.Fatal(err)
	}
	var sock string
	tm := func(args ...string) (string, error) {
		out, err := exec.Command(tmux, append([]string{"-S", sock}, args...)...).CombinedOutput()
		return string(out), err
	}
	leftovers := func() []string {
		m, _ := filepath.Glob(filepath.Join(tmp, "afterview-demo-*"))
		return m
	}
	for i, quit := range []string{"q", "close the terminal"} {
		sock = filepath.Join(dir, fmt.Sprint("tmux", i, ".sock"))
		shell := fmt.Sprintf("TERM=xterm-256color TMPDIR=%s AFTERVIEW_NOW=2026-11-20T09:00 %s demo; sleep 600", shellQuote(tmp), shellQuote(bin))
		if out, err := tm("new-session", "-d", "-s", "demo", "-x", "100", "-y", "30", shell); err != nil {
			t.Fatalf("tmux: %v %s", err, out)
		}
		deadline := time.Now().Add(10 * time.Second)
		for len(leftovers()) == 0 || !strings.Contains(func() string { s, _ := tm("capture-pane", "-t", "demo", "-p"); return s }(), "Netflix") {
			if time.Now().After(deadline) {
				_, _ = tm("kill-server")
				t.Fatal("the demo did not start")
			}
			time.Sleep(50 * time.Millisecond)
		}
		if quit == "q" {
			_, _ = tm("send-keys", "-t", "demo", "q")
			time.Sleep(300 * time.Millisecond)
		}
		_, _ = tm("kill-server")
		deadline = time.Now().Add(3 * time.Second)
		for len(leftovers()) > 0 && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
		}
		if l := leftovers(); len(l) > 0 {
			t.Errorf("after %s the demo left %v behind", quit, l)
		}
	}
}
