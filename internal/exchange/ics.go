package exchange

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"afterview/stages"
)

// icsReminderHour is the hour of the day, in the calendar's own time zone,
// at which the reminder of an all-day entry goes off.
const icsReminderHour = 9

// PromptUID is the stable identity of a prompt in exported calendars and
// task lists: the same application and prompt key give the same UID on every
// export, so that importing again updates the entry instead of adding a copy.
func PromptUID(p stages.Prompt) string {
	sum := sha1.Sum([]byte(p.Key))
	return fmt.Sprintf("afterview-%d-%s@afterview", p.AppID, hex.EncodeToString(sum[:])[:12])
}

// promptSummary is the one line a calendar or task list shows: "Company: text".
func promptSummary(p stages.Prompt) string {
	text := exportText(p.Text, false)
	if company := exportText(strings.TrimSpace(p.Company), false); company != "" {
		return company + ": " + text
	}
	return text
}

// WriteICS writes the prompts as an iCalendar (RFC 5545) file: one all-day
// event on each prompt's due day, with a display reminder at 09:00 on the day
// it opens (or comes back from a snooze). Entries keep the same UID from one
// export to the next (PromptUID). now stamps the file (DTSTAMP). Lines end in
// CRLF and are folded at 75 octets.
func WriteICS(w io.Writer, prompts []stages.Prompt, now time.Time) error {
	cal := ics.NewCalendarFor("afterview")
	cal.SetProductId("-//afterview//afterview//EN")
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName("afterview")
	for _, p := range prompts {
		if p.Due.IsZero() {
			continue // nothing to place on a calendar
		}
		summary := promptSummary(p)
		ev := cal.AddEvent(PromptUID(p))
		ev.SetDtStampTime(now)
		// Dates carry no zone: an all-day entry stays on its day wherever
		// the calendar is opened.
		ev.SetAllDayStartAt(p.Due.Time(time.UTC))
		ev.SetAllDayEndAt(p.Due.AddDays(1).Time(time.UTC))
		ev.SetSummary(summary)
		ev.SetDescription(icsDescription(p, now.Location()))
		ev.AddCategory(string(p.Kind))
		// A reminder is not a meeting: it must not mark the day as busy.
		ev.SetTimeTransparency(ics.TransparencyTransparent)

		alarm := ev.AddAlarm()
		alarm.SetAction(ics.ActionDisplay)
		alarm.SetTrigger(icsTrigger(p))
		alarm.SetDescription(summary)
	}
	if err := cal.SerializeTo(w, ics.WithNewLineWindows); err != nil {
		return fmt.Errorf("writing the calendar export: %w", err)
	}
	return nil
}

// icsDescription is the event's body: what to do, the company's tip, and
// when the prompt opens and is due.
func icsDescription(p stages.Prompt, loc *time.Location) string {
	lines := []string{exportText(p.Text, true)}
	if tip := exportText(p.Tip, true); tip != "" {
		lines = append(lines, tip)
	}
	due := "Due " + p.Due.Short()
	if !p.DueAt.IsZero() {
		due += " by " + p.DueAt.In(loc).Format("15:04")
	}
	if !p.Opens.IsZero() && p.Opens != p.Due {
		due = "Opens " + p.Opens.Short() + "; " + strings.ToLower(due[:1]) + due[1:]
	}
	return strings.Join(append(lines, due), "\n")
}

// icsTrigger places the reminder at icsReminderHour on the day the prompt
// appears on the Today list, as an offset from the start of the due day
// (RFC 5545 dur-value, for example "-P2DT15H" or "PT9H").
func icsTrigger(p stages.Prompt) string {
	day := p.ComesBack()
	if day.IsZero() {
		day = p.Due
	}
	hours := day.DaysSince(p.Due)*24 + icsReminderHour
	sign := ""
	if hours < 0 {
		sign, hours = "-", -hours
	}
	var b strings.Builder
	b.WriteString(sign + "P")
	if d := hours / 24; d > 0 {
		b.WriteString(strconv.Itoa(d) + "D")
	}
	if h := hours % 24; h > 0 {
		b.WriteString("T" + strconv.Itoa(h) + "H")
	}
	if hours == 0 {
		b.WriteString("T0H")
	}
	return b.String()
}
