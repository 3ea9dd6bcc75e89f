package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"afterview/stages"
)

func writeTaskwarrior(t *testing.T, prompts []stages.Prompt, now time.Time) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WriteTaskwarrior(&b, prompts, now); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// decodeTasks reads one JSON object per line, refusing unknown shapes.
func decodeTasks(t *testing.T, data []byte) []map[string]any {
	t.Helper()
	var tasks []map[string]any
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q is not a JSON object: %v", sc.Text(), err)
		}
		tasks = append(tasks, m)
	}
	return tasks
}

func TestWriteTaskwarriorShape(t *testing.T) {
	prompts := exportPrompts()
	tasks := decodeTasks(t, writeTaskwarrior(t, prompts, exportNow))
	if len(tasks) != len(prompts) {
		t.Fatalf("%d tasks, want %d", len(tasks), len(prompts))
	}
	uuidRE := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	timeRE := regexp.MustCompile(`^\d{8}T\d{6}Z$`)
	for i, task := range tasks {
		p := prompts[i]
		if task["uuid"] != PromptTaskUUID(p) || !uuidRE.MatchString(task["uuid"].(string)) {
			t.Errorf("%s: uuid %v, want the version 5 UUID %s", p.Key, task["uuid"], PromptTaskUUID(p))
		}
		if task["status"] != "pending" {
			t.Errorf("%s: status %v, want pending", p.Key, task["status"])
		}
		if task["description"] != promptSummary(p) {
			t.Errorf("%s: description %q, want %q", p.Key, task["description"], promptSummary(p))
		}
		tags, _ := task["tags"].([]any)
		if len(tags) != 1 || tags[0] != string(p.Kind) {
			t.Errorf("%s: tags %v, want [%s]", p.Key, task["tags"], p.Kind)
		}
		for _, f := range []string{"entry", "due", "scheduled", "wait"} {
			if v, ok := task[f]; ok && !timeRE.MatchString(v.(string)) {
				t.Errorf("%s: %s %q is not in Taskwarrior's date format", p.Key, f, v)
			}
		}
	}

	want := []map[string]any{
		{
			// Due at the thank-you's own time; opened before now, so the
			// entry is the opening day.
			"description": "Netflix: Send a short, personal thank-you to Ana Lopez (interviewer)",
			"project":     "afterview.netflix", "due": "20261120T150000Z",
			"scheduled": "20261119T000000Z", "entry": "20261119T000000Z",
		},
		{
			// Upcoming: waits (hidden) until it opens; entered now.
			"project": "afterview.netflix", "due": "20261203T235959Z",
			"scheduled": "20261130T000000Z", "wait": "20261130T000000Z", "entry": "20261123T083000Z",
		},
		{"project": "afterview.amazon", "due": "20261127T235959Z"},
		// Snoozed: waits until the snooze ends.
		{"due": "20261120T235959Z", "wait": "20261125T000000Z"},
		{"project": "afterview", "due": "20261129T235959Z"},
		{
			"project":     "afterview.ac-me-inc",
			"description": "Ac,me; \\Inc: Line one line two, with; specials \\ and a bell and NEL and tab here " + strings.Repeat("é", 60),
		},
	}
	for i, w := range want {
		for k, v := range w {
			if got := tasks[i][k]; got != v {
				t.Errorf("%s: %s = %v, want %v", prompts[i].Key, k, got, v)
			}
		}
	}
	for _, i := range []int{0, 2, 4, 5} {
		if _, ok := tasks[i]["wait"]; ok {
			t.Errorf("%s: an open prompt must not wait", prompts[i].Key)
		}
	}
	ann, _ := tasks[2]["annotations"].([]any)
	if len(ann) != 1 || ann[0].(map[string]any)["description"] != prompts[2].Tip {
		t.Errorf("offer annotations %v, want the tip", tasks[2]["annotations"])
	}
	if _, ok := tasks[0]["annotations"]; ok {
		t.Error("a prompt without a tip has annotations")
	}
}

func TestWriteTaskwarriorDueInLocalZone(t *testing.T) {
	// In New York the end of 24 Nov is 05:00 UTC the next day.
	ny := time.FixedZone("EST", -5*3600)
	p := stages.Prompt{Key: "k", Kind: stages.StageTask, AppID: 1, Company: "Acme", Opens: exportDate(23), Due: exportDate(24), Text: "x"}
	tasks := decodeTasks(t, writeTaskwarrior(t, []stages.Prompt{p}, time.Date(2026, time.November, 23, 12, 0, 0, 0, ny)))
	if got := tasks[0]["due"]; got != "20261125T045959Z" {
		t.Errorf("due %v, want the end of 24 Nov in New York, 20261125T045959Z", got)
	}
	if got := tasks[0]["scheduled"]; got != "20261123T050000Z" {
		t.Errorf("scheduled %v, want the start of 23 Nov in New York", got)
	}
}

func TestWriteTaskwarriorStable(t *testing.T) {
	// Once prompts have opened, a later export is byte for byte the same,
	// so `task import` leaves the tasks alone.
	prompts := exportPrompts()
	open := []stages.Prompt{prompts[0], prompts[2], prompts[4], prompts[5]}
	a := writeTaskwarrior(t, open, exportNow)
	b := writeTaskwarrior(t, open, exportNow.Add(3*time.Hour))
	if !bytes.Equal(a, b) {
		t.Errorf("exports differ:\n%s\n%s", a, b)
	}
}

func TestPromptTaskUUID(t *testing.T) {
	p := stages.Prompt{AppID: 7, Key: "thank_you:ana lopez"}
	got := PromptTaskUUID(p)
	if got != PromptTaskUUID(p) {
		t.Error("not stable")
	}
	if len(got) != 36 || got[14] != '5' {
		t.Errorf("PromptTaskUUID = %q, want a version 5 UUID", got)
	}
	for _, other := range []stages.Prompt{{AppID: 8, Key: p.Key}, {AppID: 7, Key: "reflect"}, {AppID: 0, Key: p.Key}} {
		if PromptTaskUUID(other) == got {
			t.Errorf("PromptTaskUUID(%+v) = PromptTaskUUID(%+v)", other, p)
		}
	}
}

func TestTaskwarriorProject(t *testing.T) {
	tests := []struct{ company, want string }{
		{"Netflix", "afterview.netflix"},
		{"  Jane Street  ", "afterview.jane-street"},
		{"A.B. Corp", "afterview.a-b-corp"},
		{"Zürich Versicherung", "afterview.zürich-versicherung"},
		{"", "afterview"},
		{"!!!", "afterview"},
	}
	for _, tt := range tests {
		if got := taskwarriorProject(tt.company); got != tt.want {
			t.Errorf("taskwarriorProject(%q) = %q, want %q", tt.company, got, tt.want)
		}
	}
}

// TestTaskwarriorImport runs the real `task import` on an export, in a
// throwaway Taskwarrior database, then imports a later export again and
// checks that it updated the tasks instead of adding copies.
func TestTaskwarriorImport(t *testing.T) {
	taskBin, err := exec.LookPath("task")
	if err != nil {
		t.Skip("Taskwarrior (task) is not installed")
	}
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	if err := os.Mkdir(data, 0o700); err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(dir, "taskrc")
	if err := os.WriteFile(rc, []byte("data.location="+data+"\nconfirmation=off\nverbose=nothing\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(stdin []byte, args ...string) []byte {
		t.Helper()
		cmd := exec.Command(taskBin, append([]string{"rc.confirmation=off", "rc.hooks=off", "rc.json.array=on"}, args...)...)
		cmd.Env = append(os.Environ(), "TASKRC="+rc, "TASKDATA="+data)
		cmd.Stdin = bytes.NewReader(stdin)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("task %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.String())
		}
		return out
	}
	exported := func() map[string]map[string]any {
		t.Helper()
		var tasks []map[string]any
		if err := json.Unmarshal(run(nil, "export"), &tasks); err != nil {
			t.Fatal(err)
		}
		byUUID := map[string]map[string]any{}
		for _, task := range tasks {
			byUUID[task["uuid"].(string)] = task
		}
		return byUUID
	}

	prompts := exportPrompts()
	run(writeTaskwarrior(t, prompts, exportNow), "import", "-")
	got := exported()
	if len(got) != len(prompts) {
		t.Fatalf("task has %d tasks, want %d", len(got), len(prompts))
	}
	for _, p := range prompts {
		task := got[PromptTaskUUID(p)]
		if task == nil {
			t.Errorf("%s: not imported", p.Key)
			continue
		}
		if task["description"] != promptSummary(p) {
			t.Errorf("%s: description %q, want %q", p.Key, task["description"], promptSummary(p))
		}
		if task["status"] != "pending" && task["status"] != "waiting" {
			t.Errorf("%s: status %v", p.Key, task["status"])
		}
		if task["project"] != taskwarriorProject(p.Company) {
			t.Errorf("%s: project %v", p.Key, task["project"])
		}
	}
	if due := got[PromptTaskUUID(prompts[0])]["due"]; due != "20261120T150000Z" {
		t.Errorf("thank-you due %v, want 20261120T150000Z", due)
	}

	// A day later the follow-up has new text: re-importing updates it.
	later := exportPrompts()
	later[1].Text = "Send one polite follow-up to Rita today"
	run(writeTaskwarrior(t, later, exportNow.Add(24*time.Hour)), "import", "-")
	got = exported()
	if len(got) != len(prompts) {
		t.Fatalf("after a second import task has %d tasks, want still %d", len(got), len(prompts))
	}
	if d := got[PromptTaskUUID(later[1])]["description"]; d != "Netflix: Send one polite follow-up to Rita today" {
		t.Errorf("the re-import did not update the follow-up: %v", d)
	}
}
