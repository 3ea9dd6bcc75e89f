// Package tuitest runs the terminal UI in a test terminal, for the tests
// of the UI and those of the command line that drive it as a user would.
// A test waits for what a user would see: the text of a frame, without
// its colours.
package tuitest

import (
	"bytes"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// Timeout bounds each wait: far more than a frame takes, so that a slow
// machine does not fail a test that would pass.
const Timeout = 5 * time.Second

// Start runs m in a test terminal of width x height.
func Start(tb testing.TB, m tea.Model, width, height int) *teatest.TestModel {
	tb.Helper()
	return teatest.NewTestModel(tb, m, teatest.WithInitialTermSize(width, height))
}

// WaitScreen waits for a frame whose text holds text.
func WaitScreen(tb testing.TB, tm *teatest.TestModel, text string) {
	tb.Helper()
	WaitOutput(tb, tm, nil, text)
}

// WaitOutput waits for output that holds the bytes seq (a terminal
// sequence, such as the clipboard's) and a frame whose text holds text.
func WaitOutput(tb testing.TB, tm *teatest.TestModel, seq []byte, text string) {
	tb.Helper()
	teatest.WaitFor(tb, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, seq) && bytes.Contains([]byte(ansi.Strip(string(b))), []byte(text))
	}, teatest.WithDuration(Timeout), teatest.WithCheckInterval(20*time.Millisecond))
}

// Finish waits for the program to end (after q or ctrl+c).
func Finish(tb testing.TB, tm *teatest.TestModel) {
	tb.Helper()
	tm.WaitFinished(tb, teatest.WithFinalTimeout(Timeout))
}

// Final waits for the program to end and returns its last model.
func Final(tb testing.TB, tm *teatest.TestModel) tea.Model {
	tb.Helper()
	return tm.FinalModel(tb, teatest.WithFinalTimeout(Timeout))
}
