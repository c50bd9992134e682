package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cis timeline writes the drawing of internal/chart, whose golden file for
// Georgia was reviewed against the sources (the Charter's bar ends with
// 17 Aug 2009; the withdrawal took effect on 18 Aug 2009).
func TestTimelineWritesTheChartsSVG(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("..", "..", "internal", "chart", "testdata", "timeline-GE.svg"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "ge.svg")
	r := runCLI("timeline", "-party", "ge", "-o", file)
	if r.code != exitAnswer || r.stdout != "" || r.stderr != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q; want 0 and nothing", r.code, r.stdout, r.stderr)
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("cis timeline -party ge -o FILE differs from internal/chart/testdata/timeline-GE.svg")
	}
	r = runCLI("timeline", "-party", "GE")
	if r.code != exitAnswer || r.stdout != string(want) {
		t.Errorf("without -o: exit %d, %d bytes on stdout; want 0 and the SVG (%d bytes)", r.code, len(r.stdout), len(want))
	}
}

func TestTimelineBadInput(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string // in the one line on stderr
	}{
		{"unknown party", []string{"timeline", "-party", "GX"}, `unknown party "GX" (closest known: GE)`},
		{"no party", []string{"timeline"}, "-party is required"},
		{"an argument", []string{"timeline", "-party", "GE", "extra"}, `unexpected argument "extra"`},
		{"unwritable file", []string{"timeline", "-party", "GE", "-o", filepath.Join(dir, "no", "such", "dir.svg")}, "-o: open"},
		{"a question's flag", []string{"timeline", "-party", "GE", "-json"}, "flag provided but not defined: -json"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := runCLI(tc.args...)
			if r.code != exitInput || r.stdout != "" || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want 2, nothing, one line with %q", r.code, r.stdout, r.stderr, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "no")); err == nil {
		t.Error("a failed run left a directory behind")
	}
}
