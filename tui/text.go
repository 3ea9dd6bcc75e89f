package tui

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"afterview/internal/termsafe"
)

// sanitize makes a user-typed string safe to put on the screen: what
// termsafe calls unsafe (C0, DEL, C1, and so ESC and every escape sequence
// it could start; every bidirectional control) is dropped, and invalid UTF-8
// never reaches the terminal.
// Line breaks and tabs become spaces, since every field shows on one line.
func sanitize(s string) string {
	clean := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || unsafeRune(r) {
			clean = false
			break
		}
		i += size
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			b.WriteRune('�')
		case r == '\n' || r == '\t' || r == '\r':
			b.WriteByte(' ')
		case unsafeRune(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// unsafeRune is termsafe's one rule of what never reaches the terminal.
func unsafeRune(r rune) bool { return termsafe.Unsafe(r) }

// width is the number of terminal cells s takes, escape sequences excluded.
func width(s string) int { return ansi.StringWidth(s) }

// truncate cuts plain or styled text to w cells, ending with an ellipsis
// when it had to cut; wide characters are never split.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if width(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "…")
}

// fit truncates s to w cells and pads it with spaces to exactly w cells.
func fit(s string, w int) string {
	s = truncate(s, w)
	if n := width(s); n < w {
		s += strings.Repeat(" ", w-n)
	}
	return s
}

// fitLeft is fit with the padding on the left (right-aligned text).
func fitLeft(s string, w int) string {
	s = truncate(s, w)
	if n := width(s); n < w {
		s = strings.Repeat(" ", w-n) + s
	}
	return s
}

// clean sanitizes then fits a user string into w cells.
func clean(s string, w int) string { return fit(sanitize(s), w) }

// wrap breaks plain text into lines of at most w cells, on spaces where it can.
func wrap(s string, w int) []string {
	if w <= 0 {
		return nil
	}
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		var line string
		for _, word := range strings.Fields(para) {
			for width(word) > w {
				// A word longer than the line: cut it hard.
				if line != "" {
					lines = append(lines, line)
					line = ""
				}
				head := ansi.Truncate(word, w, "")
				lines = append(lines, head)
				word = ansi.TruncateLeft(word, width(head), "")
			}
			switch {
			case line == "":
				line = word
			case width(line)+1+width(word) <= w:
				line += " " + word
			default:
				lines = append(lines, line)
				line = word
			}
		}
		lines = append(lines, line)
	}
	return lines
}

// joinRight puts right at the right edge of a w-cell line that starts with left.
func joinRight(left, right string, w int) string {
	gap := w - width(left) - width(right)
	if gap < 1 {
		return truncate(left, max(0, w-width(right)-1)) + " " + right
	}
	return left + strings.Repeat(" ", gap) + right
}

func itoa(n int) string { return strconv.Itoa(n) }

// cutMiddle fits s into w cells by cutting its middle rather than its end,
// keeping its last word whole when that leaves a few cells of its start:
// "Umbrella…Systems", "Umbrella…Security" stay apart where "Umbrella Sy…"
// would not.
func cutMiddle(s string, w int) string {
	if width(s) <= w || w < 5 {
		return truncate(s, w)
	}
	tail := ""
	if i := strings.LastIndexByte(s, ' '); i > 0 && width(s[i+1:]) <= w-1-2 {
		tail = s[i+1:]
	} else {
		// No last word that fits: the end's last cells.
		rs := []rune(s)
		for n := len(rs) - 1; n > 0 && width(string(rs[n:])) <= (w-1)/2; n-- {
			tail = string(rs[n:])
		}
	}
	head := ansi.Truncate(s, w-1-width(tail), "")
	return strings.TrimRight(head, " ") + "…" + tail
}
