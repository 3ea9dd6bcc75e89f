package stages

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// d builds a Date literally, without going through the code under test.
func d(y int, m time.Month, day int) Date { return Date{y, m, day} }

func TestAddDays(t *testing.T) {
	tests := []struct {
		name string
		from Date
		n    int
		want Date
	}{
		{"zero", d(2026, 11, 20), 0, d(2026, 11, 20)},
		{"within month", d(2026, 11, 20), 7, d(2026, 11, 27)},
		{"across month end", d(2026, 11, 28), 5, d(2026, 12, 3)},
		{"across year end", d(2026, 12, 30), 3, d(2027, 1, 2)},
		{"back across year start", d(2027, 1, 2), -3, d(2026, 12, 30)},
		{"leap year Feb 28 to 29", d(2024, 2, 28), 1, d(2024, 2, 29)},
		{"leap year Feb 29 to Mar 1", d(2024, 2, 29), 1, d(2024, 3, 1)},
		{"common year Feb 28 to Mar 1", d(2026, 2, 28), 1, d(2026, 3, 1)},
		{"century non-leap 2100", d(2100, 2, 28), 1, d(2100, 3, 1)},
		{"400-year leap 2000", d(2000, 2, 28), 1, d(2000, 2, 29)},
		{"back over leap day", d(2024, 3, 1), -1, d(2024, 2, 29)},
		{"a whole leap year", d(2024, 1, 1), 366, d(2025, 1, 1)},
		{"a whole common year", d(2026, 1, 1), 365, d(2027, 1, 1)},
		{"before 1970", d(1969, 12, 31), 1, d(1970, 1, 1)},
		{"back before 1970", d(1970, 1, 1), -1, d(1969, 12, 31)},
		{"DST spring day is one day", d(2026, 3, 7), 2, d(2026, 3, 9)},
		{"DST fall day is one day", d(2026, 10, 31), 2, d(2026, 11, 2)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.from.AddDays(tt.n); got != tt.want {
				t.Errorf("%v.AddDays(%d) = %v, want %v", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

// TestDateAgreesWithTimePackage walks every day from 1989 to 2101 and checks
// AddDays, DaysSince and Weekday against the standard library in UTC.
func TestDateAgreesWithTimePackage(t *testing.T) {
	start := time.Date(1989, 1, 1, 0, 0, 0, 0, time.UTC)
	base := d(1989, 1, 1)
	for i := 0; i < 113*366; i++ {
		tm := start.AddDate(0, 0, i)
		want := Date{tm.Year(), tm.Month(), tm.Day()}
		got := base.AddDays(i)
		if got != want {
			t.Fatalf("1989-01-01 + %d days = %v, want %v", i, got, want)
		}
		if n := got.DaysSince(base); n != i {
			t.Fatalf("%v.DaysSince(1989-01-01) = %d, want %d", got, n, i)
		}
		if w := got.Weekday(); w != tm.Weekday() {
			t.Fatalf("%v.Weekday() = %v, want %v", got, w, tm.Weekday())
		}
		if back := got.AddDays(-i); back != base {
			t.Fatalf("%v - %d days = %v, want %v", got, i, back, base)
		}
	}
}

func TestDaysSince(t *testing.T) {
	tests := []struct {
		a, b Date
		want int
	}{
		{d(2026, 11, 20), d(2026, 11, 20), 0},
		{d(2026, 11, 21), d(2026, 11, 20), 1},
		{d(2026, 11, 20), d(2026, 11, 21), -1},
		{d(2026, 11, 10), d(2026, 10, 30), 11}, // across the 2026-11-01 DST change
		{d(2027, 1, 1), d(2026, 12, 31), 1},
		{d(2024, 3, 1), d(2024, 2, 1), 29},
		{d(2026, 3, 1), d(2026, 2, 1), 28},
		{d(2025, 1, 1), d(2024, 1, 1), 366},
	}
	for _, tt := range tests {
		if got := tt.a.DaysSince(tt.b); got != tt.want {
			t.Errorf("%v.DaysSince(%v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestWeekday(t *testing.T) {
	tests := []struct {
		date Date
		want time.Weekday
	}{
		{d(1970, 1, 1), time.Thursday},
		{d(1969, 12, 31), time.Wednesday},
		{d(2026, 11, 1), time.Sunday},
		{d(2026, 11, 20), time.Friday},
		{d(2026, 11, 21), time.Saturday},
		{d(2026, 11, 23), time.Monday},
		{d(2024, 2, 29), time.Thursday},
		{d(2000, 1, 1), time.Saturday},
		{d(2100, 12, 31), time.Friday},
	}
	for _, tt := range tests {
		if got := tt.date.Weekday(); got != tt.want {
			t.Errorf("%v.Weekday() = %v, want %v", tt.date, got, tt.want)
		}
	}
}

func TestIsBusinessDay(t *testing.T) {
	// 2026-11-16 is a Monday.
	want := []bool{true, true, true, true, true, false, false}
	for i, w := range want {
		day := d(2026, 11, 16+i)
		if got := day.IsBusinessDay(); got != w {
			t.Errorf("%v (%v).IsBusinessDay() = %v, want %v", day, day.Weekday(), got, w)
		}
	}
}

func TestAddBusinessDays(t *testing.T) {
	tests := []struct {
		name string
		from Date
		n    int
		want Date
	}{
		{"zero keeps a weekday", d(2026, 11, 18), 0, d(2026, 11, 18)},
		{"zero keeps a Saturday", d(2026, 11, 21), 0, d(2026, 11, 21)},
		{"Mon +1", d(2026, 11, 16), 1, d(2026, 11, 17)},
		{"Mon +4 same week", d(2026, 11, 16), 4, d(2026, 11, 20)},
		{"Thu +1 is Fri", d(2026, 11, 19), 1, d(2026, 11, 20)},
		{"Fri +1 skips the weekend", d(2026, 11, 20), 1, d(2026, 11, 23)},
		{"Sat +1 is Mon", d(2026, 11, 21), 1, d(2026, 11, 23)},
		{"Sun +1 is Mon", d(2026, 11, 22), 1, d(2026, 11, 23)},
		{"Fri +5 is next Fri", d(2026, 11, 20), 5, d(2026, 11, 27)},
		{"Fri +7", d(2026, 11, 20), 7, d(2026, 12, 1)},
		{"Fri +10", d(2026, 11, 20), 10, d(2026, 12, 4)},
		{"Tue +7 over one weekend", d(2026, 11, 17), 7, d(2026, 11, 26)},
		{"Tue +10 over two weekends", d(2026, 11, 17), 10, d(2026, 12, 1)},
		{"Sat +7", d(2026, 11, 21), 7, d(2026, 12, 1)},
		{"across the year end", d(2026, 12, 31), 2, d(2027, 1, 4)},
		{"across the fall DST change", d(2026, 10, 30), 7, d(2026, 11, 10)},
		{"Mon -1 is Fri", d(2026, 11, 23), -1, d(2026, 11, 20)},
		{"Sat -1 is Fri", d(2026, 11, 21), -1, d(2026, 11, 20)},
		{"Sun -1 is Fri", d(2026, 11, 22), -1, d(2026, 11, 20)},
		{"Wed -5 is last Wed", d(2026, 11, 25), -5, d(2026, 11, 18)},
		{"Tue -7", d(2026, 12, 1), -7, d(2026, 11, 20)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.from.AddBusinessDays(tt.n); got != tt.want {
				t.Errorf("%v.AddBusinessDays(%d) = %v, want %v", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

func TestNextBusinessDay(t *testing.T) {
	tests := []struct {
		from, want Date
	}{
		{d(2026, 11, 16), d(2026, 11, 17)}, // Mon
		{d(2026, 11, 19), d(2026, 11, 20)}, // Thu
		{d(2026, 11, 20), d(2026, 11, 23)}, // Fri
		{d(2026, 11, 21), d(2026, 11, 23)}, // Sat
		{d(2026, 11, 22), d(2026, 11, 23)}, // Sun
		{d(2026, 12, 31), d(2027, 1, 1)},   // Thu to Fri across the year
		{d(2027, 1, 1), d(2027, 1, 4)},     // Fri to Mon
	}
	for _, tt := range tests {
		if got := tt.from.NextBusinessDay(); got != tt.want {
			t.Errorf("%v (%v).NextBusinessDay() = %v, want %v", tt.from, tt.from.Weekday(), got, tt.want)
		}
	}
}

func TestMondayOf(t *testing.T) {
	tests := []struct {
		from, want Date
	}{
		{d(2026, 11, 23), d(2026, 11, 23)}, // Mon
		{d(2026, 11, 25), d(2026, 11, 23)}, // Wed
		{d(2026, 11, 28), d(2026, 11, 23)}, // Sat
		{d(2026, 11, 29), d(2026, 11, 23)}, // Sun belongs to the week before
		{d(2026, 11, 30), d(2026, 11, 30)}, // Mon
		{d(2026, 12, 2), d(2026, 11, 30)},  // across a month
		{d(2027, 1, 1), d(2026, 12, 28)},   // across a year
	}
	for _, tt := range tests {
		if got := tt.from.MondayOf(); got != tt.want {
			t.Errorf("%v (%v).MondayOf() = %v, want %v", tt.from, tt.from.Weekday(), got, tt.want)
		}
	}
}

func TestCompareBeforeAfter(t *testing.T) {
	a, b := d(2026, 11, 30), d(2026, 12, 1)
	if !a.Before(b) || a.After(b) || a.Compare(b) != -1 {
		t.Errorf("%v vs %v: Before=%v After=%v Compare=%d", a, b, a.Before(b), a.After(b), a.Compare(b))
	}
	if !b.After(a) || b.Before(a) || b.Compare(a) != 1 {
		t.Errorf("%v vs %v: Before=%v After=%v Compare=%d", b, a, b.Before(a), b.After(a), b.Compare(a))
	}
	if a.Before(a) || a.After(a) || a.Compare(a) != 0 {
		t.Errorf("%v vs itself is not equal", a)
	}
	// Month order must not be compared as text or per field in the wrong order.
	if !d(2026, 2, 28).Before(d(2026, 10, 1)) || !d(2026, 12, 31).Before(d(2027, 1, 1)) {
		t.Error("dates across months or years are out of order")
	}
}

func TestDateOfUsesTheTimesLocation(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	// 23:30 in Los Angeles is already the next day in UTC.
	tm := time.Date(2026, 11, 20, 23, 30, 0, 0, la)
	if got := DateOf(tm); got != d(2026, 11, 20) {
		t.Errorf("DateOf(%v) = %v, want 2026-11-20", tm, got)
	}
	if got := DateOf(tm.UTC()); got != d(2026, 11, 21) {
		t.Errorf("DateOf(%v) = %v, want 2026-11-21", tm.UTC(), got)
	}
}

func TestNewDateNormalises(t *testing.T) {
	if got := NewDate(2026, 11, 31); got != d(2026, 12, 1) {
		t.Errorf("NewDate(2026, 11, 31) = %v, want 2026-12-01", got)
	}
	if got := NewDate(2026, 1, 0); got != d(2025, 12, 31) {
		t.Errorf("NewDate(2026, 1, 0) = %v, want 2025-12-31", got)
	}
}

func TestDateTime(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	got := d(2026, 11, 1).Time(la)
	want := time.Date(2026, 11, 1, 0, 0, 0, 0, la)
	if !got.Equal(want) || got.Location() != la {
		t.Errorf("Time = %v, want %v", got, want)
	}
}

func TestParseDate(t *testing.T) {
	tests := []struct {
		in      string
		want    Date
		wantErr string
	}{
		{"2026-11-20", d(2026, 11, 20), ""},
		{" 2026-11-20 ", d(2026, 11, 20), ""},
		{"2024-02-29", d(2024, 2, 29), ""},
		{"1990-01-01", d(1990, 1, 1), ""},
		{"2100-12-31", d(2100, 12, 31), ""},
		{"1989-12-31", Date{}, "outside the years 1990 to 2100"},
		{"2101-01-01", Date{}, "outside the years 1990 to 2100"},
		{"0001-01-01", Date{}, "outside"},
		{"2026-02-29", Date{}, "not a date"},
		{"2026-13-01", Date{}, "not a date"},
		{"2026-11-31", Date{}, "not a date"},
		{"2026-11-20T15:00", Date{}, "not a date"},
		{"20/11/2026", Date{}, "not a date"},
		{"2026-1-5", Date{}, "not a date"},
		{"", Date{}, "not a date"},
		{"tomorrow", Date{}, "not a date"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v, want an error", tt.in, got)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("ParseDate(%q) error %q, want it to say %q", tt.in, err, tt.wantErr)
				}
				if !got.IsZero() {
					t.Errorf("ParseDate(%q) returned %v with its error, want the zero Date", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDateErrorShowsTheFormat(t *testing.T) {
	_, err := ParseDate("next friday")
	if err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("error %v should show the expected format", err)
	}
}

func TestParseDateTime(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	tests := []struct {
		in      string
		want    time.Time
		wantErr string
	}{
		{"2026-11-20T15:00", time.Date(2026, 11, 20, 15, 0, 0, 0, la), ""},
		{"2026-11-20 15:00", time.Date(2026, 11, 20, 15, 0, 0, 0, la), ""},
		{" 2026-11-20T15:00 ", time.Date(2026, 11, 20, 15, 0, 0, 0, la), ""},
		{"2026-11-20T15:00:30", time.Date(2026, 11, 20, 15, 0, 30, 0, la), ""},
		{"2026-11-20", time.Date(2026, 11, 20, 9, 0, 0, 0, la), ""},        // a bare date means 09:00
		{"2026-10-30T15:00", time.Date(2026, 10, 30, 15, 0, 0, 0, la), ""}, // PDT
		{"2026-11-02T15:00", time.Date(2026, 11, 2, 15, 0, 0, 0, la), ""},  // PST
		{"2026-11-20T15:00:00Z", time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC), ""},
		{"2026-11-20T15:00:00+01:00", time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC), ""},
		{"1990-01-01T00:00", time.Date(1990, 1, 1, 0, 0, 0, 0, la), ""},
		{"2100-12-31T23:59", time.Date(2100, 12, 31, 23, 59, 0, 0, la), ""},
		{"1989-12-31T23:59", time.Time{}, "outside the years 1990 to 2100"},
		{"2101-01-01", time.Time{}, "outside the years 1990 to 2100"},
		{"2101-01-01T00:00:00Z", time.Time{}, "outside"},
		{"2026-11-20T25:00", time.Time{}, "not a date and time"},
		{"2026-11-31T10:00", time.Time{}, "not a date and time"},
		{"2026-11-20T3pm", time.Time{}, "not a date and time"},
		{"", time.Time{}, "not a date and time"},
		{"soon", time.Time{}, "YYYY-MM-DD"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDateTime(tt.in, la)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseDateTime(%q) = %v, want an error", tt.in, got)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("ParseDateTime(%q) error %q, want it to say %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDateTime(%q): %v", tt.in, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ParseDateTime(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseDateTimeUsesTheGivenLocation(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	got, err := ParseDateTime("2026-11-20T15:00", la)
	if err != nil {
		t.Fatal(err)
	}
	if got.Location() != la {
		t.Errorf("location %v, want %v", got.Location(), la)
	}
	if DateOf(got) != d(2026, 11, 20) {
		t.Errorf("civil date %v, want 2026-11-20", DateOf(got))
	}
	utc, _ := ParseDateTime("2026-11-20T15:00", time.UTC)
	if got.Sub(utc) != 8*time.Hour {
		t.Errorf("15:00 in Los Angeles is %v after 15:00 UTC, want 8h", got.Sub(utc))
	}
}

func TestDateStringAndShort(t *testing.T) {
	tests := []struct {
		date       Date
		str, short string
	}{
		{d(2026, 11, 27), "2026-11-27", "Fri 27 Nov"},
		{d(2026, 1, 5), "2026-01-05", "Mon 5 Jan"},
		{Date{}, "", ""},
	}
	for _, tt := range tests {
		if got := tt.date.String(); got != tt.str {
			t.Errorf("String() = %q, want %q", got, tt.str)
		}
		if got := tt.date.Short(); got != tt.short {
			t.Errorf("Short() = %q, want %q", got, tt.short)
		}
	}
	if !(Date{}).IsZero() || d(2026, 1, 1).IsZero() {
		t.Error("IsZero is wrong")
	}
}

func TestDateMarshalText(t *testing.T) {
	tests := []struct {
		date Date
		text string
	}{
		{d(2026, 11, 20), "2026-11-20"},
		{d(1990, 1, 1), "1990-01-01"},
		{d(2024, 2, 29), "2024-02-29"},
		{Date{}, ""},
	}
	for _, tt := range tests {
		b, err := tt.date.MarshalText()
		if err != nil {
			t.Fatalf("MarshalText(%v): %v", tt.date, err)
		}
		if string(b) != tt.text {
			t.Errorf("MarshalText(%#v) = %q, want %q", tt.date, b, tt.text)
		}
		var back Date
		if err := back.UnmarshalText(b); err != nil {
			t.Fatalf("UnmarshalText(%q): %v", b, err)
		}
		if back != tt.date {
			t.Errorf("round trip of %v gave %v", tt.date, back)
		}
	}
}

func TestDateUnmarshalTextErrors(t *testing.T) {
	for _, in := range []string{"2026-02-30", "20261120", "2026-11-20T10:00", "nope", "2026-13-01"} {
		v := d(2026, 1, 1)
		if err := v.UnmarshalText([]byte(in)); err == nil {
			t.Errorf("UnmarshalText(%q) = %v, want an error", in, v)
		}
	}
}

func TestDateJSON(t *testing.T) {
	type wrap struct {
		When  Date `json:"when"`
		Maybe Date `json:"maybe,omitzero"`
	}
	b, err := json.Marshal(wrap{When: d(2026, 11, 20)})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"when":"2026-11-20"}` {
		t.Errorf("JSON = %s", b)
	}
	var back wrap
	if err := json.Unmarshal([]byte(`{"when":"2026-12-01","maybe":"2027-01-04"}`), &back); err != nil {
		t.Fatal(err)
	}
	if back.When != d(2026, 12, 1) || back.Maybe != d(2027, 1, 4) {
		t.Errorf("decoded %+v", back)
	}
	if err := json.Unmarshal([]byte(`{"when":"2026-12-32"}`), &back); err == nil {
		t.Error("decoding a bad date should fail")
	}
}
