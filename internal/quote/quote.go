// Package quote bounds how much of an input pacta's messages quote, so that
// a hostile file or argument cannot make one message as large as itself. It
// is internal: no promise is made about it.
package quote

import "unicode/utf8"

// Max is how much of a name or value from input a message quotes.
const Max = 64

// Clip shortens s to at most Max bytes, on a rune boundary, marking the cut
// with "…".
func Clip(s string) string { return ClipTo(s, Max) }

// ClipTo shortens s to at most max bytes as Clip does.
func ClipTo(s string, max int) string {
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
