package stages

import (
	"strings"
	"testing"
	"time"
)

// The seeds of these fuzz tests run with every go test; go test
// -fuzz=FuzzParseDate ./stages (or FuzzParseDateTime) explores further.

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-11-20", " 2026-11-20 ", "2024-02-29", "2026-02-29", "1990-01-01", "2100-12-31",
		"1989-12-31", "2101-01-01", "0000-01-01", "9999-12-31", "2026-13-01", "2026-1-5", "", "tomorrow",
		"2026-11-20\x00", "２０２６-１１-２０", "2026-11-20T15:00", "+2026-11-20", "-001-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !d.IsZero() {
				t.Errorf("ParseDate(%q) returned %v with its error", s, d)
			}
			if !strings.Contains(err.Error(), "YYYY-MM-DD") && !strings.Contains(err.Error(), "outside the years") {
				t.Errorf("ParseDate(%q): %q does not say what to type", s, err)
			}
			return
		}
		if d.Year < MinYear || d.Year > MaxYear {
			t.Errorf("ParseDate(%q) = %v, outside the years %d to %d", s, d, MinYear, MaxYear)
		}
		if again, err := ParseDate(d.String()); err != nil || again != d {
			t.Errorf("ParseDate(%q) = %v, which reads back as %v, %v", s, d, again, err)
		}
		var text Date
		if b, _ := d.MarshalText(); text.UnmarshalText(b) != nil || text != d {
			t.Errorf("%v does not survive MarshalText and UnmarshalText: %v", d, text)
		}
		if DateOf(d.Time(time.UTC)) != d || d.AddDays(0) != d || d.AddDays(400).DaysSince(d) != 400 {
			t.Errorf("%v: date arithmetic disagrees with itself", d)
		}
	})
}

func FuzzParseDateTime(f *testing.F) {
	for _, s := range []string{"2026-11-20T15:00", "2026-11-20 15:00", "2026-11-20T15:00:30", "2026-11-20",
		"2026-11-20T15:00:00Z", "2026-11-20T15:00:00+01:00", "2026-11-20T15:00:00.123456789-08:00",
		"1990-01-01T00:00:00+14:00", "2100-12-31T23:59:59-12:00", "2101-01-01T00:00:00Z", "1989-12-31T23:59",
		"2026-11-20T25:00", "2026-11-20T3pm", "", "soon", "2026-03-08T02:30", "2026-11-20T15:00:00+99:99"} {
		f.Add(s)
	}
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		la = time.FixedZone("PST", -8*3600)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDateTime(s, la)
		if err != nil {
			if !got.IsZero() {
				t.Errorf("ParseDateTime(%q) returned %v with its error", s, got)
			}
			return
		}
		if y := got.Year(); y < MinYear || y > MaxYear {
			t.Errorf("ParseDateTime(%q) = %v, outside the years %d to %d", s, got, MinYear, MaxYear)
		}
		again, err := ParseDateTime(got.Format(time.RFC3339Nano), la)
		if err != nil || !again.Equal(got) {
			t.Errorf("ParseDateTime(%q) = %v, which reads back as %v, %v", s, got, again, err)
		}
	})
}
