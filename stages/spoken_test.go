package stages

import (
	"strings"
	"testing"
	"time"
)

func TestParseWhenSpokenForms(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	// Sunday 29 November 2026, noon.
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, la)
	at := func(m time.Month, d, h, min int) time.Time { return time.Date(2026, m, d, h, min, 0, 0, la) }
	tests := []struct {
		in   string
		lean Lean
		want time.Time
	}{
		{"2026-11-28", LeanPast, at(11, 28, 9, 0)},
		{"2026-11-28 15:00", LeanPast, at(11, 28, 15, 0)},
		{"2026-11-28T15:00", LeanPast, at(11, 28, 15, 0)},
		{"yesterday 15:00", LeanPast, at(11, 28, 15, 0)},
		{"Yesterday at 3pm", LeanPast, at(11, 28, 15, 0)},
		{"today 3pm", LeanPast, at(11, 29, 15, 0)},
		{"today 3 pm", LeanPast, at(11, 29, 15, 0)},
		{"today 12am", LeanPast, at(11, 29, 0, 0)},
		{"today 12pm", LeanPast, at(11, 29, 12, 0)},
		{"today", LeanPast, at(11, 29, 9, 0)},
		{"now", LeanPast, at(11, 29, 12, 0)},
		{"15:30", LeanPast, at(11, 29, 15, 30)},
		{"tomorrow", LeanFuture, at(11, 30, 9, 0)},
		{"fri 10:00", LeanPast, at(11, 27, 10, 0)},
		{"fri 10:00", LeanFuture, at(12, 4, 10, 0)},
		{"Friday", LeanFuture, at(12, 4, 9, 0)},
		{"sun 10:00", LeanPast, at(11, 29, 10, 0)}, // today is Sunday
		{"sun", LeanFuture, at(11, 29, 9, 0)},
		{"last tuesday", LeanPast, at(11, 24, 9, 0)},
		{"last sunday", LeanPast, at(11, 22, 9, 0)},
		{"next friday", LeanPast, at(12, 4, 9, 0)},
		{"next sun", LeanFuture, at(12, 6, 9, 0)},
		{"28 Nov 15:00", LeanPast, at(11, 28, 15, 0)},
		{"28 Nov 15:00", LeanFuture, at(11, 28, 15, 0)}, // nearest wins over the lean
		{"Nov 28, 3:30pm", LeanPast, at(11, 28, 15, 30)},
		{"28th November", LeanPast, at(11, 28, 9, 0)},
		{"4 Dec", LeanPast, at(12, 4, 9, 0)}, // an interview still ahead
		{"thu 26 nov 15:00", LeanPast, at(11, 26, 15, 0)},
		{"2 Jan", LeanFuture, time.Date(2027, 1, 2, 9, 0, 0, 0, la)},
		{"20 Jan 2026", LeanFuture, time.Date(2026, 1, 20, 9, 0, 0, 0, la)},
		{"in 3 days", LeanFuture, at(12, 2, 9, 0)},
		{"in a week", LeanFuture, at(12, 6, 9, 0)},
		{"3 days ago", LeanPast, at(11, 26, 9, 0)},
		{"+3d", LeanFuture, at(12, 2, 9, 0)},
		{"-2d 14:00", LeanPast, at(11, 27, 14, 0)},
		{"+1w", LeanFuture, at(12, 6, 9, 0)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseWhen(tt.in, now, tt.lean)
			if err != nil {
				t.Fatalf("ParseWhen(%q): %v", tt.in, err)
			}
			if !got.Equal(tt.want) || got.Location() != la {
				t.Errorf("ParseWhen(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// Across a daylight-saving change the clock time stays what was said: the
// day after 1 Nov 2026 (when Los Angeles falls back) is 25 hours long.
func TestParseWhenAcrossDaylightSaving(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	now := time.Date(2026, 10, 31, 18, 0, 0, 0, la) // Saturday, still PDT
	tests := []struct {
		in   string
		want time.Time
	}{
		{"tomorrow 15:00", time.Date(2026, 11, 1, 15, 0, 0, 0, la)},
		{"+2d", time.Date(2026, 11, 2, 9, 0, 0, 0, la)},
		{"mon 10am", time.Date(2026, 11, 2, 10, 0, 0, 0, la)},
	}
	for _, tt := range tests {
		got, err := ParseWhen(tt.in, now, LeanFuture)
		if err != nil {
			t.Fatalf("%q: %v", tt.in, err)
		}
		if !got.Equal(tt.want) || got.Hour() != tt.want.Hour() {
			t.Errorf("ParseWhen(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if _, off := got.Zone(); off != -8*3600 {
			t.Errorf("%q: offset %d, want PST", tt.in, off)
		}
	}
	// And back: from Monday in PST, yesterday was Sunday 1 Nov, now PST too,
	// Saturday in PDT.
	now = time.Date(2026, 11, 2, 9, 0, 0, 0, la)
	got, err := ParseWhen("sat 15:00", now, LeanPast)
	if err != nil || got.Hour() != 15 || got.Day() != 31 {
		t.Errorf("sat 15:00 from Mon 2 Nov = %v, %v; want Sat 31 Oct 15:00", got, err)
	}
}

func TestParseWhenRefusesWithExamples(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	for _, in := range []string{"blah", "", "28/11", "11/12 15:00", "fri 25:00", "31 Nov", "30 Feb 2026", "thu 27 nov", "today 13pm", "now 15:00", "next", "in 3 months", "+3x", "2026-13-01"} {
		_, err := ParseWhen(in, now, LeanPast)
		if err == nil {
			t.Errorf("ParseWhen(%q) accepted it", in)
			continue
		}
		msg := err.Error()
		switch {
		case strings.Contains(in, "/"):
			if !strings.Contains(msg, "two ways") {
				t.Errorf("%q: %q does not say it is ambiguous", in, msg)
			}
		case in == "31 Nov" || in == "30 Feb 2026" || in == "thu 27 nov":
			// says what is impossible instead
		case !strings.Contains(msg, "28 Nov 15:00") || !strings.Contains(msg, "+3d"):
			t.Errorf("%q: %q gives no examples", in, msg)
		}
	}
}

func TestParseDayAndDescribe(t *testing.T) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	d, err := ParseDay("fri 17:00", now, LeanFuture)
	if err != nil || d != (Date{2026, 12, 4}) {
		t.Fatalf("ParseDay(fri 17:00) = %v, %v", d, err)
	}
	if got := DescribeDay(d, now); got != "Fri 4 Dec" {
		t.Errorf("DescribeDay = %q", got)
	}
	if got := DescribeWhen(time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC), now); got != "Thu 26 Nov 15:00" {
		t.Errorf("DescribeWhen = %q", got)
	}
	if got := DescribeDay(Date{2027, 1, 2}, now); got != "Sat 2 Jan 2027" {
		t.Errorf("DescribeDay another year = %q", got)
	}
	if _, err := ParseDay("+30000d", now, LeanFuture); err == nil {
		t.Error("a day beyond 2100 was accepted")
	}
}

func FuzzParseWhen(f *testing.F) {
	for _, s := range []string{"yesterday 15:00", "today 3pm", "fri 10:00", "last tuesday", "28 Nov 15:00", "in 3 days", "+3d", "2026-11-20T15:00", "12:60", "1pm pm"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		for _, lean := range []Lean{LeanPast, LeanFuture} {
			got, err := ParseWhen(s, now, lean)
			if err == nil && (got.Year() < MinYear || got.Year() > MaxYear) {
				t.Fatalf("%q gave %v, outside the years", s, got)
			}
		}
	})
}

// A deadline keeps the time of day it was given with (rule 6), in the
// user's zone; a time alone is refused, as it names no day.
func TestParseDeadlineKeepsTheTimeOfDay(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	// Friday 20 November 2026, 09:00 in Los Angeles.
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, la)
	tests := []struct {
		in, clock string
		day       Date
	}{
		{"fri 17:00", "17:00", Date{2026, 11, 20}},
		{"2026-11-25 17:00", "17:00", Date{2026, 11, 25}},
		{"25 Nov 5pm", "17:00", Date{2026, 11, 25}},
		{"wed at 9:30", "09:30", Date{2026, 11, 25}},
		{"2026-11-25", "", Date{2026, 11, 25}},
		{"fri", "", Date{2026, 11, 20}},
	}
	for _, tt := range tests {
		d, clock, err := ParseDeadline(tt.in, now, LeanFuture)
		if err != nil || d != tt.day || clock != tt.clock {
			t.Errorf("ParseDeadline(%q) = %v %q, %v; want %v %q", tt.in, d, clock, err, tt.day, tt.clock)
		}
	}
	for _, in := range []string{"17:00", "5pm", "5 pm", "at 17:00"} {
		_, _, err := ParseDeadline(in, now, LeanFuture)
		if err == nil || !strings.Contains(err.Error(), "give the day too") {
			t.Errorf("ParseDeadline(%q) = %v, want a refusal asking for the day", in, err)
		}
	}
	if _, _, err := ParseDeadline("soonish", now, LeanFuture); err == nil {
		t.Error("ParseDeadline(soonish) was accepted")
	}
}
