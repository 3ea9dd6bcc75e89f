package tui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"afterview/stages"
)

// manyApps builds n varied applications, as a heavy user's ten thousand.
func manyApps(tb testing.TB, n int) []stages.Application {
	tb.Helper()
	demo := DemoApplications(testNow)
	apps := make([]stages.Application, 0, n)
	for i := 0; i < n; i++ {
		a := demo[i%len(demo)].Clone()
		a.ID = uint64(i + 1)
		a.Company = fmt.Sprintf("%s %d", a.Company, i)
		shift := time.Duration(i%40) * 24 * time.Hour
		a.Interviewed = a.Interviewed.Add(-shift)
		for j := range a.Events {
			a.Events[j].At = a.Events[j].At.Add(-shift)
		}
		if a.Offer != nil && i >= len(demo) {
			// One open offer at a time, as in life: the rest were answered.
			a.Outcome = stages.Declined
			if i%3 == 0 {
				a.Outcome = stages.Accepted
			}
		}
		apps = append(apps, a)
	}
	return apps
}

// bigHarness is a model loaded with n applications, without a store round
// trip per write.
func bigHarness(tb testing.TB, n int) Model {
	tb.Helper()
	m := New(Options{Store: newFakeStore(), Now: fixedClock})
	m.poll = 0
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	next, _ = next.(Model).Update(dataMsg{d: newData(manyApps(tb, n), nil, nil, 1, testNow, nil)})
	return next.(Model)
}

func BenchmarkSnapshot10k(b *testing.B) {
	apps := manyApps(b, 10000)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		newData(apps, nil, nil, 1, testNow, nil)
	}
}

func BenchmarkFrame10k(b *testing.B) {
	for _, screen := range []string{"today", "apps", "detail"} {
		b.Run(screen, func(b *testing.B) {
			m := bigHarness(b, 10000)
			switch screen {
			case "apps":
				next, _ := m.Update(tea.KeyPressMsg(tea.Key{Code: tea.KeyTab}))
				m = next.(Model)
			case "detail":
				next, _ := m.Update(tea.KeyPressMsg(tea.Key{Code: tea.KeyEnter}))
				m = next.(Model)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				next, _ := m.Update(tea.KeyPressMsg(tea.Key{Code: 'j', Text: "j"}))
				m = next.(Model)
				_ = m.View()
			}
		})
	}
}

// TestFrameCostDoesNotGrowWithApplications guards the promise that a frame
// costs the rows it shows: a key press and a redraw at 10,000 applications
// take about as long as at 100.
func TestFrameCostDoesNotGrowWithApplications(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	frame := func(n int) time.Duration {
		m := bigHarness(t, n)
		next, _ := m.Update(tea.KeyPressMsg(tea.Key{Code: tea.KeyTab}))
		m = next.(Model)
		best := time.Hour
		for r := 0; r < 5; r++ {
			start := time.Now()
			for i := 0; i < 20; i++ {
				next, _ := m.Update(tea.KeyPressMsg(tea.Key{Code: 'j', Text: "j"}))
				m = next.(Model)
				_ = m.View()
			}
			best = min(best, time.Since(start)/20)
		}
		return best
	}
	small, big := frame(100), frame(10000)
	if big > 10*small+2*time.Millisecond {
		t.Fatalf("a frame takes %v at 10,000 applications against %v at 100: it grows with the data", big, small)
	}
	t.Logf("frame: %v at 100 applications, %v at 10,000", small, big)
}
