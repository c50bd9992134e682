package quote

import "testing"

func TestClipTo(t *testing.T) {
	for _, c := range []struct {
		in   string
		max  int
		want string
	}{
		{"short", 64, "short"},
		{"abcdef", 3, "abc…"},
		{"жжж", 3, "ж…"}, // each ж is two bytes: the cut falls back to a rune start
	} {
		if got := ClipTo(c.in, c.max); got != c.want {
			t.Errorf("ClipTo(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
}
