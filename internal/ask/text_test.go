package ask

import (
	"bytes"
	"strings"
	"testing"
)

func TestWrap(t *testing.T) {
	var b bytes.Buffer
	long := strings.Repeat("слово ", 30) + strings.Repeat("x", 100)
	wrap(&b, "  - ", "    ", long)
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	for i, l := range lines {
		n := len([]rune(l))
		if n > textWidth && !strings.HasSuffix(l, strings.Repeat("x", 100)) {
			t.Errorf("line %d has %d columns: %q", i, n, l)
		}
		if i > 0 && !strings.HasPrefix(l, "    ") {
			t.Errorf("line %d is not indented: %q", i, l)
		}
	}
	if !strings.HasPrefix(lines[0], "  - слово") || len(lines) < 3 {
		t.Errorf("got %q", lines)
	}
}
