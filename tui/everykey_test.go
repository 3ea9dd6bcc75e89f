package tui

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"afterview/stages"
)

// keymapKeys is every key the key map binds, in any area, read from the
// KeyMap itself: a key added to it is tested without touching this list.
func keymapKeys(k KeyMap) []string {
	var out []string
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch {
		case v.Type() == reflect.TypeOf(key.Binding{}):
			for _, s := range v.Interface().(key.Binding).Keys() {
				if !slices.Contains(out, s) {
					out = append(out, s)
				}
			}
		case v.Kind() == reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		case v.Kind() == reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		}
	}
	walk(reflect.ValueOf(k))
	return out
}

// pressMsg is the key press the terminal sends for a key map's key name.
func pressMsg(t *testing.T, name string) tea.KeyPressMsg {
	t.Helper()
	msg := keyMsgs(name)
	if len(msg) != 1 {
		// A named key the tests' table lacks: read it as Bubble Tea
		// would name it.
		for code, n := range map[rune]string{tea.KeyPgUp: "pgup", tea.KeyPgDown: "pgdown"} {
			if n == name {
				return tea.KeyPressMsg{Code: code}
			}
		}
		mods := map[string]tea.KeyMod{"ctrl": tea.ModCtrl, "shift": tea.ModShift, "alt": tea.ModAlt}
		if len(name) > 5 && mods[name[:4]] != 0 && name[4] == '+' {
			return tea.KeyPressMsg{Code: rune(name[5]), Mod: mods[name[:4]]}
		}
		t.Fatalf("no key press for %q", name)
	}
	if got := msg[0].String(); got != name {
		t.Fatalf("the key press for %q reads as %q", name, got)
	}
	return msg[0]
}

// TestEveryKeyAnswers presses every key of the key map on every screen,
// with data and without (the empty Today, Applications and Offers), and
// checks that each one either acts (the screen changes, or a command runs)
// or says in the status line why it does nothing here.
func TestEveryKeyAnswers(t *testing.T) {
	keys := keymapKeys(DefaultKeyMap())
	if len(keys) < 30 {
		t.Fatalf("the key map holds only %d keys: %v", len(keys), keys)
	}
	type state struct {
		name  string
		demo  bool
		setup []string
	}
	states := []state{
		// Lists start in the middle, where up and down both move.
		{"today", true, []string{"j", "j"}},
		{"today_empty", false, nil},
		{"applications", true, []string{"2", "j"}},
		{"applications_empty", false, []string{"2"}},
		{"offers", true, []string{"3", "right"}},
		{"offers_empty", false, []string{"3"}},
		{"stats", true, []string{"4", "j"}},
		{"stats_empty", false, []string{"4"}},
		{"detail", true, []string{"enter", "j"}},
	}
	for _, st := range states {
		for _, k := range keys {
			t.Run(st.name+"/"+k, func(t *testing.T) {
				var h *harness
				if st.demo {
					h = newDemoHarness(t, 100, 30)
				} else {
					h = newHarness(t, newFakeStore(), 100, 30)
				}
				h.press(st.setup...)
				h.m.setStatus("")
				before := plain(h.m)
				next, cmd := h.m.Update(pressMsg(t, k))
				m := next.(Model)
				if cmd == nil && m.status == "" && plain(m) == before {
					t.Fatalf("%s on %s does nothing and says nothing:\n%s", k, st.name, before)
				}
			})
		}
	}
}

// TestKeysSayWhyNot checks the words of keys that have nothing to act on.
func TestKeysSayWhyNot(t *testing.T) {
	h := newHarness(t, newFakeStore(), 100, 30)
	h.press("c")
	h.mustSee("nothing to copy: no applications yet (a adds one)")
	h.press("x")
	h.mustSee("nothing to mark done: no applications yet")
	// The footer shows what works on the empty Today: a adds, x does not.
	h.mustSee("a add")
	h.mustNotSee("x done", "c copy")
	h.press("w")
	h.mustSee("w does nothing here · ? lists the keys")

	h = newDemoHarness(t, 100, 30)
	h.press("D")
	h.mustSee("D deletes from an application's page")
	h.press("1")
	h.mustSee("already on Today")
}

// TestLogNamesTheToDosItEnded: a new stage for an application with
// thank-yous still to send ends them; the status line names them and
// why, where before it said only what was logged.
func TestLogNamesTheToDosItEnded(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.moveTo(func(p stages.Prompt) bool { return p.Company == "Figma" && p.Kind == stages.ThankYou })
	var thanks int
	for _, p := range h.m.ctx.data.actionable {
		if p.Company == "Figma" && p.Kind == stages.ThankYou {
			thanks++
		}
	}
	h.press("l", "right", "ctrl+s")
	for _, want := range []string{fmt.Sprintf("· %d %s", thanks, stages.Plural(thanks, "thank-you", "thank-yous")), "lapsed: the company answered"} {
		if thanks == 0 || !strings.Contains(h.m.status, want) {
			t.Fatalf("status %q, want it to say %q", h.m.status, want)
		}
	}
	// A thank-you logged ends its own to-do and no other: nothing lapsed.
	h = newDemoHarness(t, 100, 30)
	h.moveTo(func(p stages.Prompt) bool { return p.Kind == stages.ThankYou })
	h.press("x")
	if strings.Contains(h.m.status, "lapsed") {
		t.Fatalf("status %q names a lapse after a thank-you", h.m.status)
	}
}
