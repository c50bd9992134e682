package textfile

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestRead(t *testing.T) {
	fsys := fstest.MapFS{
		"small.yaml": {Data: []byte("a: 1\n")},
		"big.yaml":   {Data: []byte(strings.Repeat("x", 2<<20))},
		"dir/x.yaml": {Data: []byte("b: 2\n")},
	}
	if got, err := Read(fsys, "small.yaml", 1<<20, "a dataset file"); err != nil || string(got) != "a: 1\n" {
		t.Errorf("Read(small) = %q, %v", got, err)
	}
	if _, err := Read(fsys, "big.yaml", 1<<20, "a dataset file"); err == nil || err.Error() != "file is larger than 1 MiB" {
		t.Errorf("Read(big) error = %v, want the size limit", err)
	}
	if _, err := Read(fsys, "dir", 1<<20, "a dataset file"); err == nil || err.Error() != "is a directory, not a dataset file" {
		t.Errorf("Read(dir) error = %v", err)
	}
	if _, err := Read(fsys, "missing.yaml", 1<<20, "a dataset file"); err == nil {
		t.Error("Read(missing) succeeded")
	}
}

func TestClip(t *testing.T) {
	for _, c := range []struct {
		in   string
		max  int
		want string
	}{
		{"short", 64, "short"},
		{"abcdef", 3, "abc…"},
		{"жжж", 3, "ж…"}, // each ж is two bytes: the cut falls back to a rune start
	} {
		if got := Clip(c.in, c.max); got != c.want {
			t.Errorf("Clip(%q, %d) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
}
