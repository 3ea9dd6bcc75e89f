package termsafe

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestUnsafe(t *testing.T) {
	for _, r := range BidiControls {
		if !unicode.Is(unicode.Bidi_Control, r) {
			t.Errorf("%U is listed but is not a bidi control", r)
		}
		if !Unsafe(r) || Safe("a"+string(r)+"b") {
			t.Errorf("%U passes as safe", r)
		}
	}
	// Every bidi control Unicode knows is listed.
	n := 0
	for _, rg := range unicode.Bidi_Control.R16 {
		for r := rune(rg.Lo); r <= rune(rg.Hi); r += rune(rg.Stride) {
			n++
			if !Unsafe(r) {
				t.Errorf("the bidi control %U passes as safe", r)
			}
		}
	}
	if n != len(BidiControls) {
		t.Errorf("Unicode has %d bidi controls, BidiControls lists %d", n, len(BidiControls))
	}
	for _, r := range []rune{0, '\t', '\n', 0x1b, 0x7f, 0x80, 0x9b, 0x9f, 0x200b} {
		if !Unsafe(r) {
			t.Errorf("%U passes as safe", r)
		}
	}
	for _, s := range []string{"", "Netflix", "Ünïcode ✓ 日本語", "e\u0301", "👩\u200d💻", "\u00a0", "\ufffd"} {
		if !Safe(s) {
			t.Errorf("%q is refused", s)
		}
	}
	for _, s := range []string{"\xff", "a\x1b[2J", "\u009b31m", "x\u202ey"} {
		if Safe(s) {
			t.Errorf("%q passes as safe", s)
		}
	}
}

// printableASCII never counts a byte that is not printable ASCII, wherever
// it sits in a word, and Safe agrees with a character-by-character check.
func TestPrintableASCII(t *testing.T) {
	for b := range 256 {
		for at := range 16 {
			buf := []byte("abcdefghijklmnopqrstuvwx")
			buf[at] = byte(b)
			s := string(buf)
			n := printableASCII(s)
			for j := range n {
				if c := s[j]; c < 0x20 || c >= 0x7f {
					t.Fatalf("byte %#x at %d: printableASCII counted %d bytes, past it", b, at, n)
				}
			}
			want := true
			for _, r := range s {
				if r == utf8.RuneError || Unsafe(r) {
					want = false
				}
			}
			if got := Safe(s); got != want {
				t.Fatalf("byte %#x at %d: Safe = %v, want %v", b, at, got, want)
			}
		}
	}
}

// PlainASCII is true exactly for printable ASCII, wherever a byte that is
// not sits.
func TestPlainASCII(t *testing.T) {
	for b := range 256 {
		for n := 1; n <= 20; n++ {
			for at := range n {
				buf := []byte(strings.Repeat("x", n))
				buf[at] = byte(b)
				want := b >= 0x20 && b < 0x7f
				if got := PlainASCII(string(buf)); got != want {
					t.Fatalf("byte %#x at %d of %d: PlainASCII = %v", b, at, n, got)
				}
			}
		}
	}
	if !PlainASCII("") {
		t.Fatal("the empty string is not plain ASCII")
	}
}
