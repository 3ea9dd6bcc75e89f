package gen

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

// task is one Taskwarrior task in its JSON import format.
type task struct {
	UUID        string       `json:"uuid"`
	Description string       `json:"description"`
	Status      string       `json:"status"`
	Entry       string       `json:"entry"`
	Modified    string       `json:"modified"`
	End         string       `json:"end,omitempty"`
	Due         string       `json:"due,omitempty"`
	Project     string       `json:"project"`
	Tags        []string     `json:"tags"`
	Annotations []annotation `json:"annotations,omitempty"`
}

type annotation struct {
	Entry       string `json:"entry"`
	Description string `json:"description"`
}

// WriteTaskwarrior writes the applications as Taskwarrior import JSON, one
// task per line and per application, so that Taskwarrior holds the same
// items as afterview for a side-by-side measurement: an open application is
// a pending task due at the end of its follow-up window, a closed one a
// completed task; each event is an annotation.
func WriteTaskwarrior(w io.Writer, apps []stages.Application) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range apps {
		a := &apps[i]
		t := task{
			UUID:        taskUUID(a.ID),
			Description: description(a),
			Status:      "pending",
			Entry:       twTime(a.Created),
			Modified:    twTime(a.Created),
			Project:     project(a.Company),
			Tags:        []string{"afterview", a.Process},
		}
		for _, e := range a.Events {
			t.Annotations = append(t.Annotations, annotation{Entry: twTime(e.At), Description: eventText(e)})
			if t.Modified < twTime(e.At) {
				t.Modified = twTime(e.At)
			}
		}
		if a.Closed() {
			t.Status = "completed"
			t.End = t.Modified
		} else {
			_, due := a.FollowUpWindow(nil, a.Interviewed.Location())
			t.Due = twTime(due.AddDays(1).Time(a.Interviewed.Location()).Add(-time.Second))
		}
		if err := enc.Encode(t); err != nil {
			return err
		}
	}
	return nil
}

func description(a *stages.Application) string {
	s := a.Company
	if a.Role != "" {
		s += ", " + a.Role
	}
	return s + " (" + a.Stage + ")"
}

func eventText(e stages.Event) string {
	parts := []string{string(e.Kind)}
	for _, s := range []string{e.Person, e.Stage, string(e.Outcome), e.Prompt, e.Note} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ": ")
}

func twTime(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// taskUUID is a name-based UUID of the application id, so that the same
// data set always makes the same tasks.
func taskUUID(id uint64) string {
	u := sha1.Sum(fmt.Appendf(nil, "urn:afterview:bench:%d", id))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}

// project is the company as a Taskwarrior project name: letters and digits,
// other runs of characters as one "-".
func project(company string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(company) {
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
	return b.String()
}
