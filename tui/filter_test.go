package tui

import (
	"strings"
	"testing"
)

// TestFilterOnToday: / narrows Today to the to-dos that hold the text, the
// keys act on what is shown, enter keeps the filter and esc clears it.
func TestFilterOnToday(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	all := len(h.m.ctx.data.actionable)
	h.press("/", "figma")
	if !h.m.today().filter.typing {
		t.Fatal("/ should open the filter line on Today")
	}
	shown := h.m.today().list(h.m.ctx)
	if len(shown) == 0 || len(shown) == all {
		t.Fatalf("the filter kept %d of %d to-dos", len(shown), all)
	}
	for _, p := range shown {
		if p.Company != "Figma" {
			t.Fatalf("the filter kept %s's %s", p.Company, p.Kind)
		}
	}
	h.press("enter")
	h.mustSee("/ figma", "esc clears")
	// q types while the line takes the keys; after enter, x marks the
	// selected to-do, which is Figma's, done.
	before := len(h.store.app(t, "Figma").Events)
	h.press("x")
	if after := len(h.store.app(t, "Figma").Events); after != before+1 {
		t.Fatalf("x after the filter logged %d events on Figma, want 1", after-before)
	}
	h.press("esc")
	if got := len(h.m.today().list(h.m.ctx)); got != len(h.m.ctx.data.actionable) {
		t.Fatalf("esc left %d of %d to-dos shown", got, len(h.m.ctx.data.actionable))
	}
	h.press("/", "no such company")
	h.mustSee("Nothing matches “no such company”")
	h.press("enter", "x")
	h.mustSee("nothing to mark done: nothing matches the filter")
}

// TestFilterOnOffers: / on Offers narrows the columns to the offers whose
// company or role holds the text.
func TestFilterOnOffers(t *testing.T) {
	h := newDemoHarness(t, 100, 30)
	h.press("3")
	if len(h.m.ctx.data.offers) < 2 {
		t.Fatal("the demo should hold two offers or more")
	}
	first := h.m.ctx.data.apps[h.m.ctx.data.offers[0].app].Company
	second := h.m.ctx.data.apps[h.m.ctx.data.offers[1].app].Company
	h.press("/", strings.ToLower(second), "enter")
	shown := h.m.offers().list(h.m.ctx)
	if len(shown) != 1 || h.m.ctx.data.apps[shown[0].app].Company != second {
		t.Fatalf("the filter kept %d offers, want %s's alone", len(shown), second)
	}
	h.mustSee("1 match", second)
	h.mustNotSee(first)
	h.press("enter")
	if h.m.screen() != screenDetail || h.m.detail().appID != h.m.ctx.data.apps[shown[0].app].ID {
		t.Fatalf("enter opened %v, want %s's page", h.m.screen(), second)
	}
	h.press("esc", "esc")
	h.mustSee(first, second)
}
