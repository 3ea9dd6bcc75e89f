package cli

// Reliability, round two (issue 11): nothing overwritten, nothing crashes on
// a damaged file, no silent revert.

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"afterview/internal/gen"
	"afterview/stages"
	"afterview/store"
)

// An import file's name reaches the terminal through the one cleaning rule,
// in the message of a success as in that of a failure.
func TestImportFileNameIsCleaned(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "Acme")
	exported := c.ok(now, "export")
	dir := t.TempDir()
	for _, name := range []string{"clear\x1b[2J.json", "clip\x1b]52;c;cm0gLXJmIH4=\x07.json", "rtl\u202egnp.json", "lrm\u200e.json"} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(exported), 0o600); err != nil {
			t.Fatal(err)
		}
		d := newCLI(t)
		out, errOut, code := d.at(now, "import", path)
		if code != 0 {
			t.Fatalf("import %q: exit %d, %s", name, code, errOut)
		}
		if err := terminalSafe(out); err != nil || !strings.Contains(out, "Imported 1 application from "+dir) {
			t.Errorf("import %q printed %q (%v)", name, out, err)
		}
		_, errOut, _ = d.at(now, "import", path, "--merge", "--replace")
		if err := terminalSafe(errOut); err != nil {
			t.Errorf("import %q failing printed %q (%v)", name, errOut, err)
		}
	}
}

// --db "" names no file: it is refused, not read as the default database.
// A malformed AFTERVIEW_NOW stops only the commands that need the clock.
func TestEmptyDBAndBadClock(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "Acme")
	for _, args := range [][]string{{"--db", "", "list"}, {"--db=", "add", "X"}, {"--db", " ", "today"}} {
		out, errOut, code := c.at(now, args...)
		if code != exitUsage || !strings.Contains(errOut, "empty file path") || out != "" {
			t.Errorf("afterview %q: exit %d, %q %q; want exit 1 refusing the empty path", args, code, out, errOut)
		}
	}
	for _, args := range [][]string{{"help"}, {"version"}, {"--version"}, {"help", "log"}, {"log", "--help"}, {"-h"}} {
		if out, errOut, code := c.at("2026-13-45", args...); code != 0 || out == "" {
			t.Errorf("afterview %q with a bad AFTERVIEW_NOW: exit %d, %q", args, code, errOut)
		}
	}
	for _, args := range [][]string{{"list"}, {"today"}, {"add", "X"}, {}} {
		if _, errOut, code := c.at("2026-13-45", args...); code != exitUsage || !strings.Contains(errOut, "AFTERVIEW_NOW") {
			t.Errorf("afterview %q with a bad AFTERVIEW_NOW: exit %d, %q; want exit 1 naming it", args, code, errOut)
		}
	}
}

// A thank-you refused for a name too long still names the application.
func TestRefusedThankYouNamesTheCompany(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "Acme", "--interviewed", "2026-11-19T15:00")
	_, errOut, code := c.at(now, "log", "1", "thanks", "--to", strings.Repeat("p", 201))
	if code != exitUsage || !strings.Contains(errOut, "afterview: Acme (#1): ") {
		t.Errorf("exit %d, %q; want exit 1 naming Acme (#1)", code, errOut)
	}
}

// export -o never writes over the database, whatever the path that leads
// to it: the same name, a link, a hard link.
func TestExportRefusesTheDatabase(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "Acme")
	dir := t.TempDir()
	link, hard := filepath.Join(dir, "link.json"), filepath.Join(dir, "hard.json")
	if err := os.Symlink(c.db, link); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(c.db, hard); err != nil {
		t.Fatal(err)
	}
	before := mustRead(t, c.db)
	for _, target := range []string{c.db, link, hard, filepath.Join(filepath.Dir(c.db), ".", filepath.Base(c.db))} {
		for _, format := range []string{"json", "csv"} {
			_, errOut, code := c.at(now, "export", "--format", format, "-o", target)
			if code != exitUsage || !strings.Contains(errOut, "the database itself") {
				t.Errorf("export --format %s -o %s: exit %d, %q; want exit 1 refusing the database", format, target, code, errOut)
			}
		}
	}
	if !bytes.Equal(before, mustRead(t, c.db)) {
		t.Fatal("the database changed")
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi, err)
	}
	c.ok(now, "list")
}

// export -o and backup FILE follow a link to a regular file (replacing
// the file it leads to, atomically), and write through to anything that is
// not a regular file: a FIFO stays a FIFO, /dev/stdout reaches the pipe.
// backup onto an existing file asks for --force.
func TestOutputTargets(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "Acme")
	exported := c.ok(now, "export")
	dir := t.TempDir()

	// A link to a regular file: the file gets the export, the link stays.
	real, link := filepath.Join(dir, "real.json"), filepath.Join(dir, "link.json")
	if err := os.WriteFile(real, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	c.ok(now, "export", "-o", link)
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file: %v %v", fi, err)
	}
	if got := string(mustRead(t, real)); got != exported {
		t.Errorf("the linked file holds %q, want the export", got)
	}

	// A FIFO: written to, and still a FIFO.
	for _, args := range [][]string{{"export", "-o"}, {"backup", "--force"}} {
		fifo := filepath.Join(dir, "fifo-"+args[0])
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Fatal(err)
		}
		got := make(chan []byte)
		go func() {
			b, _ := os.ReadFile(fifo)
			got <- b
		}()
		out, errOut, code := c.at(now, append(args, fifo)...)
		var b []byte
		select {
		case b = <-got:
		case <-time.After(5 * time.Second):
			// Nothing wrote to the FIFO (the reader is left waiting).
		}
		if code != 0 || len(b) == 0 {
			t.Errorf("afterview %v %s: exit %d, %q %q; %d bytes through the FIFO", args, fifo, code, out, errOut, len(b))
		}
		if args[0] == "export" && string(b) != exported {
			t.Errorf("the FIFO carried %q, want the export", b)
		}
		if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
			t.Errorf("after %v the FIFO is %v (%v)", args, fi, err)
		}
	}

	// /dev/stdout, in a process of its own whose standard output is a pipe.
	// As root, an afterview with the bug this checks for would replace the
	// system's /dev/stdout link: root tries the same path by /proc instead.
	stdout := "/dev/stdout"
	if os.Geteuid() == 0 {
		stdout = "/proc/self/fd/1"
	}
	o := runBinary(t, c.db, nil, "export", "-o", stdout)
	if o.code != 0 || o.stdout != exported {
		t.Errorf("export -o %s: %v", stdout, o)
	}

	// backup onto an existing file: refused without --force, and the file
	// is left as it was.
	keep := filepath.Join(dir, "keep.db")
	if err := os.WriteFile(keep, []byte("my only copy"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := c.at(now, "backup", keep); code != exitUsage || !strings.Contains(errOut, "--force") {
		t.Errorf("backup over an existing file: exit %d, %q; want exit 1 asking for --force", code, errOut)
	}
	if string(mustRead(t, keep)) != "my only copy" {
		t.Error("the refused backup changed the file")
	}
	c.ok(now, "backup", keep, "--force")
	checkBbolt(t, keep)
	if entries, _ := os.ReadDir(dir); len(entries) != 5 {
		t.Errorf("the folder holds %d entries, want 5 (no temporary file left): %v", len(entries), entries)
	}
}

// Temporary files that a killed afterview left behind (the process is
// gone) are removed by the next one writing beside them; another
// afterview's, still being written, are not.
func TestStaleTemporaryFilesAreRemoved(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "Acme")
	dir := t.TempDir()
	// A process id that is gone: a child that has ended.
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	dead := gone.Process.Pid
	old := time.Now().Add(-2 * time.Hour)
	files := map[string]bool{ // name: should be removed
		fmt.Sprintf(".out.json.afterview-%d-123.tmp", dead):         true,
		fmt.Sprintf(".b.db.afterview-%d-9.tmp", dead):               true,
		fmt.Sprintf(".out.json.afterview-%d-456.tmp", os.Getppid()): false, // a live process
		".afterview.db.backup-20261119-090000.2214.tmp":             true,  // the older naming, hours old
		".out.json.4242.tmp": true,
		".notes.txt.77.tmp":  false, // not ours
		"keep.tmp":           false,
	}
	for name := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("private"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	fresh := filepath.Join(dir, ".out.json.5555.tmp") // the older naming, but recent
	if err := os.WriteFile(fresh, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	files[filepath.Base(fresh)] = false
	c.ok(now, "export", "-o", filepath.Join(dir, "out.json"))
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if removed && err == nil {
			t.Errorf("%s was left behind", name)
		}
		if !removed && err != nil {
			t.Errorf("%s was removed: %v", name, err)
		}
	}
}

// TestHelperLimitedExport is not a test of its own: it runs the command
// of AFTERVIEW_ARGS under a file size limit of AFTERVIEW_FSIZE bytes,
// standing in for a full disk.
func TestHelperLimitedExport(t *testing.T) {
	bin, limit := os.Getenv("AFTERVIEW_EXEC"), os.Getenv("AFTERVIEW_FSIZE")
	if bin == "" {
		t.Skip("the child process of TestExportOnAFullDisk")
	}
	n, _ := strconv.ParseUint(limit, 10, 64)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(99)
	}
	args := append([]string{bin}, strings.Fields(os.Getenv("AFTERVIEW_ARGS"))...)
	fmt.Fprintln(os.Stderr, syscall.Exec(bin, args, os.Environ()))
	os.Exit(99)
}

// A full disk during export -o or backup names the file the user gave (not
// a temporary one), says the disk may be full, and leaves nothing behind.
func TestExportOnAFullDisk(t *testing.T) {
	bin := afterviewBinary(t)
	path := filepath.Join(t.TempDir(), "afterview.db")
	for i := range 20 {
		if o := runBinary(t, path, nil, "add", fmt.Sprint("Company ", i), "--note", strings.Repeat("notes ", 1000)); o.code != 0 {
			t.Fatal(o)
		}
	}
	outDir := t.TempDir()
	for _, args := range [][]string{{"export", "-o", filepath.Join(outDir, "out.json")}, {"backup", filepath.Join(outDir, "b.db")}} {
		t.Setenv("AFTERVIEW_EXEC", bin)
		t.Setenv("AFTERVIEW_FSIZE", strconv.Itoa(16<<10))
		t.Setenv("AFTERVIEW_ARGS", strings.Join(args, " "))
		o := runCommand(t, []string{os.Args[0], "-test.run=^TestHelperLimitedExport$", "-test.count=1"}, path, nil, "")
		target := args[len(args)-1]
		if o.code != exitUsage || !strings.Contains(o.stderr, "cannot write the ") || !strings.Contains(o.stderr, target+" (") ||
			!strings.Contains(o.stderr, "disk may be full") || strings.Contains(o.stderr, ".tmp") {
			t.Errorf("want exit 1 naming %s and the full disk: %v", target, o)
		}
		if entries, _ := os.ReadDir(outDir); len(entries) != 0 {
			t.Errorf("afterview %v left %v", args, entries)
		}
	}
}

// The one-follow-up guard holds against concurrent commands: it is
// checked inside the write's transaction, so twenty 'log 1 followup' at
// once store one follow-up and refuse the rest.
func TestConcurrentFollowUpsStoreOne(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	// A race shows only some of the time: ten rounds of twenty.
	const rounds = 10
	for range rounds {
		c.ok(now, "add", "Acme", "--interviewed", "2026-11-02T15:00", "--recruiter", "Sam")
	}
	t.Setenv("AFTERVIEW_NOW", now)
	t.Setenv("AFTERVIEW_DB", c.db)
	for round := 1; round <= rounds; round++ {
		codes := make([]int, 20)
		msgs := make([]string, 20)
		var wg sync.WaitGroup
		for i := range codes {
			wg.Go(func() {
				var out, errOut bytes.Buffer
				// Each at its own minute, as commands typed in two shells are.
				at := fmt.Sprintf("2026-11-20T08:%02d", i)
				codes[i] = run([]string{"log", fmt.Sprint(round), "followup", "--at", at}, strings.NewReader(""), &out, &errOut)
				msgs[i] = errOut.String()
			})
		}
		wg.Wait()
		ok := 0
		for i, code := range codes {
			switch {
			case code == 0:
				ok++
			case code == exitUsage && strings.Contains(msgs[i], "already sent"):
			case code == exitBusy:
			default:
				t.Errorf("command %d: exit %d, %q", i, code, msgs[i])
			}
		}
		got := strings.Count(c.ok(now, "show", fmt.Sprint(round), "--json"), `"kind": "followup"`)
		if got != 1 || ok != 1 {
			t.Errorf("round %d: %d commands succeeded and %d follow-ups are stored; want one of each", round, ok, got)
		}
	}
}

// People per application are capped, and 'thanks --to all' logs everyone
// in one transaction.
func TestPeopleCapAndThanksToAllInOneWrite(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	people := func(n int) []string {
		var args []string
		for i := range n {
			args = append(args, "--interviewer", fmt.Sprint("Person ", i))
		}
		return args
	}
	_, errOut, code := c.at(now, append([]string{"add", "Acme"}, people(stages.MaxInterviewers+1)...)...)
	if code != exitUsage || !strings.Contains(errOut, "at most 50") {
		t.Errorf("add with 51 interviewers: exit %d, %q; want exit 1 saying at most 50", code, errOut)
	}
	c.ok(now, append([]string{"add", "Acme", "--interviewed", "2026-11-19T15:00", "--recruiter", "Sam"}, people(stages.MaxInterviewers)...)...)
	st, err := store.Open(c.db)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := st.Revision()
	out := c.ok(now, "log", "1", "thanks", "--to", "all")
	after, _ := st.Revision()
	if n := strings.Count(out, "Logged: thank-you"); n != stages.MaxInterviewers+1 {
		t.Errorf("logged %d thank-yous, want %d:\n%s", n, stages.MaxInterviewers+1, out)
	}
	if after != before+1 {
		t.Errorf("--to all took %d writes, want one", after-before)
	}
	// The import refuses an application with too many people too.
	x := c.ok(now, "export")
	x = strings.Replace(x, `"interviewers": [`, `"interviewers": [`+strings.Repeat(`"Extra", `, 10), 1)
	file := filepath.Join(t.TempDir(), "x.json")
	if err := os.WriteFile(file, []byte(x), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := newCLI(t).at(now, "import", file); code != exitUsage || !strings.Contains(errOut, "at most 50") {
		t.Errorf("import of 60 interviewers: exit %d, %q", code, errOut)
	}
}

// import --merge is safe to run again: the second run adds nothing and
// says what it skipped.
func TestMergeTwiceAddsNothing(t *testing.T) {
	c := newCLI(t)
	const now = "2026-11-20T09:00"
	c.ok(now, "add", "Acme")
	c.ok(now, "add", "Globex")
	file := filepath.Join(t.TempDir(), "x.json")
	if err := os.WriteFile(file, []byte(c.ok(now, "export")), 0o600); err != nil {
		t.Fatal(err)
	}
	d := newCLI(t)
	d.ok(now, "add", "Mine")
	if out := d.ok(now, "import", file, "--merge"); !strings.Contains(out, "Imported 2 applications") {
		t.Errorf("first merge: %q", out)
	}
	out := d.ok(now, "import", file, "--merge")
	if !strings.Contains(out, "Imported 0 applications") || !strings.Contains(out, "Skipped 2 applications already in the database") {
		t.Errorf("second merge: %q", out)
	}
	if n := strings.Count(d.ok(now, "list"), "Acme"); n != 1 {
		t.Errorf("Acme is listed %d times after two merges", n)
	}
}

// bigDatabase writes a database of n generated applications.
func bigDatabase(t *testing.T, path string, n int) {
	t.Helper()
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	apps := gen.Applications(gen.Options{N: n, Seed: 3, Now: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)})
	if err := json.NewEncoder(&buf).Encode(store.Export{Format: store.ExportFormat, Version: store.ExportVersion, Applications: apps, Global: []stages.Event{}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(&buf, store.ImportIntoEmpty); err != nil {
		t.Fatal(err)
	}
}

// setRecordLength writes a new stored length over that of application
// id's record: the 4 bytes a damaged disk or a hostile edit would change.
// bbolt keeps each record's length in its leaf page's element header
// (flags, position, key size, value size: 4 bytes each, after the 16-byte
// page header); the record's place in the memory map gives the page.
func setRecordLength(t *testing.T, path string, id uint64, length uint32) {
	t.Helper()
	e, content := recordElement(t, path, id)
	binary.LittleEndian.PutUint32(content[e+12:], length)
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
}

// One record's stored length changed in a database of 10,000 applications:
// every command that reads it ends in exit code 2 naming the file, never a
// fault with a stack trace, also when the reading is shared between
// several processors.
func TestDamagedRecordLengthInALargeDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a database of 10,000 applications")
	}
	path := filepath.Join(t.TempDir(), "afterview.db")
	bigDatabase(t, path, 10_000)
	// Past the end of the file and of its memory map, though not past
	// what bbolt itself checks.
	setRecordLength(t, path, 5000, 256<<20)
	t.Setenv("GOMAXPROCS", "4") // several decoding goroutines, whatever the machine
	for _, args := range [][]string{{"list"}, {"export"}, {"export", "--format", "csv"}, {"show", "5000"}, {"stats"}, {"today"}, {"show", "1"}} {
		o := runBinary(t, path, nil, args...)
		if o.code == 0 && (args[0] == "today" || (args[0] == "show" && args[1] == "1")) {
			// today reads only the open applications and show 1 only its
			// own record (and the few its prompts depend on): both whole.
			continue
		}
		wantCleanFailure(t, o, path, "looks damaged")
	}
}

// recordElement finds the leaf element header of application id's record
// (its offset in the file, whose content it returns): the record's place in
// the memory map gives its page.
func recordElement(t *testing.T, path string, id uint64) (elem int64, content []byte) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var off int64
	ps := int64(db.Info().PageSize)
	err = db.View(func(tx *bolt.Tx) error {
		k := make([]byte, 8)
		binary.BigEndian.PutUint64(k, id)
		v := tx.Bucket([]byte("apps")).Get(k)
		if v == nil {
			return fmt.Errorf("no application %d", id)
		}
		off = int64(uintptr(unsafe.Pointer(&v[0])) - db.Info().Data)
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	content = mustRead(t, path)
	for p := off / ps; p >= 0; p-- {
		page := content[p*ps:]
		flags, count, overflow := binary.LittleEndian.Uint16(page[8:]), binary.LittleEndian.Uint16(page[10:]), binary.LittleEndian.Uint32(page[12:])
		if binary.LittleEndian.Uint64(page) != uint64(p) || flags&0x02 == 0 || p+int64(overflow) < off/ps {
			continue
		}
		for j := range int64(count) {
			e := p*ps + 16 + j*16
			pos, ksize := binary.LittleEndian.Uint32(content[e+4:]), binary.LittleEndian.Uint32(content[e+8:])
			if e+int64(pos)+int64(ksize) == off {
				return e, content
			}
		}
	}
	t.Fatalf("the record of application %d was not found in %s", id, path)
	return 0, nil
}

// appsRootPage is the page number of the root of the applications'
// b-tree, and the file's page size. The current meta page (the one with
// the higher transaction id, at byte 64) names the top-level page; there,
// the "apps" bucket's value starts with its root page.
func appsRootPage(t *testing.T, content []byte) (root, pageSize int64) {
	t.Helper()
	pageSize = int64(binary.LittleEndian.Uint32(content[24:]))
	meta := content[16:]
	if binary.LittleEndian.Uint64(content[pageSize+64:]) > binary.LittleEndian.Uint64(content[64:]) {
		meta = content[pageSize+16:]
	}
	top := int64(binary.LittleEndian.Uint64(meta[16:])) * pageSize
	count := int64(binary.LittleEndian.Uint16(content[top+10:]))
	for j := range count {
		e := top + 16 + j*16
		pos, ksize := int64(binary.LittleEndian.Uint32(content[e+4:])), int64(binary.LittleEndian.Uint32(content[e+8:]))
		if string(content[e+pos:e+pos+ksize]) == "apps" {
			return int64(binary.LittleEndian.Uint64(content[e+pos+ksize:])), pageSize
		}
	}
	t.Fatal("no apps bucket")
	return 0, 0
}

// backup on a damaged file ends in exit 2 naming it, within seconds and
// without a crash, and writes no backup: a page that points back to
// itself (bbolt's own check never ended, its memory growing), a record
// whose key lies outside its page (a fault inside bbolt's check), a record
// whose length runs past the file (bbolt's check does not look at values;
// every read of the file trips on it).
func TestBackupOfADamagedFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a database of 10,000 applications")
	}
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	bigDatabase(t, good, 10_000)
	o := runBinary(t, good, nil, "backup", filepath.Join(dir, "good-backup.db"))
	if o.code != 0 {
		t.Fatalf("backup of the good file: %v", o)
	}
	cases := []struct {
		name   string
		damage func(path string)
	}{
		{"a page that points to itself", func(path string) {
			content := mustRead(t, path)
			root, ps := appsRootPage(t, content)
			if content[root*ps+8]&0x01 == 0 {
				t.Fatal("the applications' root is not a branch page")
			}
			// The second child of the root becomes the root itself.
			binary.LittleEndian.PutUint64(content[root*ps+16+16+8:], uint64(root))
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"a child page far past the file", func(path string) {
			content := mustRead(t, path)
			root, ps := appsRootPage(t, content)
			binary.LittleEndian.PutUint64(content[root*ps+16+16+8:], 1<<30)
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"a key outside its page", func(path string) {
			e, content := recordElement(t, path, 5000)
			binary.LittleEndian.PutUint32(content[e+4:], 0x0fffffff)
			if err := os.WriteFile(path, content, 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"a record longer than the file", func(path string) {
			setRecordLength(t, path, 5000, 256<<20)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "afterview.db")
			if err := os.WriteFile(path, mustRead(t, good), 0o600); err != nil {
				t.Fatal(err)
			}
			c.damage(path)
			dst := filepath.Join(dir, "backup.db")
			o := runBinary(t, path, nil, "backup", dst)
			wantCleanFailure(t, o, path, "looks damaged")
			if o.took > 10*time.Second {
				t.Errorf("the backup took %v", o.took)
			}
			if _, err := os.Stat(dst); err == nil {
				t.Error("a backup of the damaged file was written")
			}
		})
	}
}
