package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"afterview/internal/termsafe"

	"github.com/charmbracelet/x/ansi"
)

// clean makes text from the database safe to print: what termsafe calls
// unsafe (control characters, and so every escape sequence, bidirectional
// controls) and invalid UTF-8 become '?', line breaks and tabs a space, so
// a hostile name cannot drive or disguise the terminal.
func clean(s string) string {
	if !needsClean(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t':
			b.WriteRune(' ')
		case termsafe.Unsafe(r) || r == utf8.RuneError:
			b.WriteRune('?')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func needsClean(s string) bool {
	if termsafe.PlainASCII(s) {
		return false // most text, checked at once
	}
	return !termsafe.Safe(s) || strings.ContainsRune(s, utf8.RuneError)
}

// jsonSafe wraps a writer of JSON so that the characters termsafe calls
// unsafe and encoding/json leaves as they are (DEL, the C1 controls
// U+0080 to U+009F, which some terminals obey as escape sequences even in
// UTF-8, and the bidirectional controls) go out as \u escapes: the same
// JSON to a program, inert on a terminal. encoding/json already escapes the
// C0 controls. It expects each Write to hold whole characters, as
// json.Encoder's do.
func jsonSafe(w io.Writer) io.Writer { return jsonSafeWriter{w} }

type jsonSafeWriter struct{ w io.Writer }

func (j jsonSafeWriter) Write(p []byte) (int, error) {
	if !bytes.ContainsFunc(p, mayBeUnsafe) {
		return j.w.Write(p)
	}
	out := make([]byte, 0, len(p)+16)
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRune(p[i:])
		if mayBeUnsafe(r) {
			out = fmt.Appendf(out, `\u%04x`, r)
		} else {
			out = append(out, p[i:i+size]...)
		}
		i += size
	}
	if _, err := j.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// mayBeUnsafe reports a character jsonSafe escapes.
func mayBeUnsafe(r rune) bool { return r == 0x7f || r >= 0x80 && termsafe.Unsafe(r) }

// cleanLines is clean for text of several lines.
func cleanLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = clean(l)
	}
	return strings.Join(lines, "\n")
}

func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(jsonSafe(e.stdout))
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// pad truncates or pads s to exactly width cells.
func pad(s string, width int) string {
	if w, ok := asciiWidth(s); ok {
		// Plain text, as most cells are: one column a byte, and working
		// out grapheme clusters was most of the cost of a long list.
		if w > width {
			return ansi.Truncate(s, width, "…")
		}
		return s + strings.Repeat(" ", width-w)
	}
	s = ansi.Truncate(s, width, "…")
	return s + strings.Repeat(" ", max(0, width-ansi.StringWidth(s)))
}

// padWhole pads s to width cells, and leaves a longer s whole: for output
// that is not a terminal, where nothing is cut.
func padWhole(s string, width int) string {
	if w := textWidth(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

// appendPad appends s padded or truncated to exactly width cells (pad),
// without a string of its own for plain text.
func appendPad(dst []byte, s string, width int) []byte {
	if w, ok := asciiWidth(s); ok && w <= width {
		dst = append(dst, s...)
		for range width - w {
			dst = append(dst, ' ')
		}
		return dst
	}
	return append(dst, pad(s, width)...)
}

// textWidth is ansi.StringWidth, without its cost for plain text.
func textWidth(s string) int {
	if w, ok := asciiWidth(s); ok {
		return w
	}
	return ansi.StringWidth(s)
}

// asciiWidth is the width of s when it is printable ASCII, one column a
// byte; ok is false for anything else.
func asciiWidth(s string) (int, bool) {
	if !termsafe.PlainASCII(s) {
		return 0, false
	}
	return len(s), true
}
