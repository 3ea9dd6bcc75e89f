// Package termsafe decides which characters may reach a terminal. The
// command line, the terminal UI and the exports each keep their own policy
// for what to do with the others (replace them, drop them, keep line breaks
// a format escapes), but what is unsafe is decided here, once.
package termsafe

import "unicode/utf8"

// Unsafe reports whether r must never reach a terminal as it is:
//   - C0 controls (ESC starts every escape sequence), DEL and C1 controls
//     (U+0080 to U+009F; some terminals obey U+009B as CSI even in UTF-8);
//   - every Unicode bidirectional control (U+061C, U+200E, U+200F,
//     U+202A to U+202E, U+2066 to U+2069), which reorder what the rest of
//     the line shows and so can disguise text;
//   - the zero-width space U+200B, which hides inside a name.
//
// Line breaks and tabs are C0 controls too: callers that keep them (a
// format that escapes them) test for them before asking.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200b, r == 0x200e, r == 0x200f,
		r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// BidiControls lists every Unicode bidirectional control character, for
// tests that check nothing lets one through.
var BidiControls = []rune{0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069}

// Safe reports whether s can go to a terminal as it is: valid UTF-8 with no
// unsafe character.
func Safe(s string) bool {
	i := printableASCII(s)
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || Unsafe(r) {
			return false
		}
		i += size
	}
	return true
}

// PlainASCII reports whether s is printable ASCII alone (0x20 to 0x7e):
// safe, and one column a byte.
func PlainASCII(s string) bool {
	for i := printableASCII(s); i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// Bytes repeated in each of the eight lanes of a word.
const (
	lanes01 = 0x0101010101010101
	lanes20 = 0x2020202020202020
	lanes7f = 0x7f7f7f7f7f7f7f7f
	lanes80 = 0x8080808080808080
)

// printableASCII is how many of s's first bytes are plain printable ASCII
// (0x20 to 0x7e), counted eight at a time, give or take the last few: most
// text is, and this is Safe's cost on a long list. It may stop early; Safe
// checks the rest a character at a time.
func printableASCII(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		v := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		del := v ^ lanes7f   // a zero lane where a byte is DEL
		if v&lanes80 != 0 || // a byte of 0x80 or more
			(v-lanes20)&^v&lanes80 != 0 || // a byte below 0x20
			(del-lanes01)&^del&lanes80 != 0 {
			break
		}
	}
	return i
}
