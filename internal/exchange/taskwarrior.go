package exchange

import (
	"crypto/sha1"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"afterview/stages"
)

// taskwarriorTime is Taskwarrior's date format, always in UTC.
const taskwarriorTime = "20060102T150405Z"

// taskwarriorNamespace is RFC 4122's URL namespace: task UUIDs are name-based
// (version 5) UUIDs of an afterview URN in it.
var taskwarriorNamespace = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// taskwarriorTask is one task in Taskwarrior's JSON import format.
type taskwarriorTask struct {
	UUID        string                  `json:"uuid"`
	Description string                  `json:"description"`
	Status      string                  `json:"status"`
	Entry       string                  `json:"entry"`
	Due         string                  `json:"due,omitempty"`
	Scheduled   string                  `json:"scheduled,omitempty"`
	Wait        string                  `json:"wait,omitempty"`
	Project     string                  `json:"project"`
	Tags        []string                `json:"tags,omitempty"`
	Annotations []taskwarriorAnnotation `json:"annotations,omitempty"`
}

type taskwarriorAnnotation struct {
	Entry       string `json:"entry"`
	Description string `json:"description"`
}

// PromptTaskUUID is the prompt's stable Taskwarrior UUID (a version 5 UUID
// of its application id and key), so that `task import` of a later export
// updates the task instead of adding a copy.
func PromptTaskUUID(p stages.Prompt) string {
	h := sha1.New()
	h.Write(taskwarriorNamespace[:])
	fmt.Fprintf(h, "urn:afterview:prompt:%d:%s", p.AppID, p.Key)
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50 // version 5
	u[8] = u[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// WriteTaskwarrior writes the prompts as Taskwarrior import JSON, one task
// object per line, for `task import`. Each task is pending, in project
// "afterview.<company>" ("afterview" for prompts about the whole search),
// tagged with the prompt's kind, scheduled on the day the prompt opens,
// waiting (hidden) until that day when it has not come yet, and due at its
// deadline: the time a thank-you is due, else the end of the due day. Dates
// are read in now's time zone. The company's tip, if any, is an annotation.
//
// Every field is a function of the prompt alone once it has opened: the
// entry date is the opening day, not the time of export, so importing an
// unchanged export again leaves the tasks untouched.
func WriteTaskwarrior(w io.Writer, prompts []stages.Prompt, now time.Time) error {
	loc := now.Location()
	today := stages.DateOf(now)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, p := range prompts {
		if p.Due.IsZero() {
			continue
		}
		t := taskwarriorTask{
			UUID:        PromptTaskUUID(p),
			Description: promptSummary(p),
			Status:      "pending",
			Project:     taskwarriorProject(p.Company),
			Tags:        []string{string(p.Kind)},
		}
		entry := now
		if !p.Opens.IsZero() && !p.Opens.Time(loc).After(now) {
			entry = p.Opens.Time(loc)
		}
		t.Entry = twTime(entry)
		if !p.DueAt.IsZero() {
			t.Due = twTime(p.DueAt)
		} else {
			t.Due = twTime(p.Due.AddDays(1).Time(loc).Add(-time.Second))
		}
		if !p.Opens.IsZero() {
			t.Scheduled = twTime(p.Opens.Time(loc))
		}
		if back := p.ComesBack(); back.After(today) {
			t.Wait = twTime(back.Time(loc))
		}
		if tip := exportText(p.Tip, false); tip != "" {
			t.Annotations = []taskwarriorAnnotation{{Entry: t.Entry, Description: tip}}
		}
		if err := enc.Encode(t); err != nil {
			return fmt.Errorf("writing the Taskwarrior export: %w", err)
		}
	}
	return nil
}

func twTime(t time.Time) string { return t.UTC().Format(taskwarriorTime) }

// taskwarriorProject is "afterview.<company slug>": lower case, letters and
// digits kept, every other run of characters a single "-". A dot would start
// a sub-project, so it is replaced too.
func taskwarriorProject(company string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(exportText(company, false)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	if b.Len() == 0 {
		return "afterview"
	}
	return "afterview." + b.String()
}
