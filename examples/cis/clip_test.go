package main

import (
	"strings"
	"testing"
)

// TestLongInputIsClipped: a message quotes at most a short piece of any
// input; a 131 KB argument once came back as a 131 KB error line.
func TestLongInputIsClipped(t *testing.T) {
	long := strings.Repeat("X", 131_000)
	long1k := strings.Repeat("X", 1000) // under the argument bound: each message clips it
	tests := []struct {
		name string
		args []string
	}{
		{"party", []string{"bound", "-treaty", "cis-charter-1993", "-party", long, "-on", "2020-01-01"}},
		{"treaty", []string{"bound", "-treaty", long1k, "-party", "RU", "-on", "2020-01-01"}},
		{"date", []string{"bound", "-treaty", "cis-charter-1993", "-party", "RU", "-on", long}},
		{"date under the bound", []string{"bound", "-treaty", "cis-charter-1993", "-party", "RU", "-on", long1k}},
		{"question", []string{long1k}},
		{"organisation", []string{"status", "-party", "RU", "-on", "2020-01-01", "-org", long1k}},
		{"assume", []string{"bound", "-treaty", "cis-charter-1993", "-party", "RU", "-on", "2020-01-01", "-assume", long1k}},
		{"assumed event kind", []string{"bound", "-treaty", "cis-charter-1993", "-party", "RU", "-on", "2020-01-01", "-assume", "RU:" + long1k + ":2020-01-01"}},
		{"article", []string{"obliged", "-treaty", "cst-1992", "-article", long1k, "-party", "RU", "-towards", "KZ", "-on", "2020-01-01"}},
		{"argument", []string{"bound", "-treaty", "cis-charter-1993", "-party", "RU", "-on", "2020-01-01", long1k}},
		{"flag", []string{"bound", "-" + long}},
		{"case file", []string{"test", long}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(tt.args...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2 (bad input); stderr %.200q", r.code, r.stderr)
			}
			if len(r.stderr) > 600 {
				t.Errorf("stderr is %d bytes: %.200q…", len(r.stderr), r.stderr)
			}
		})
	}
}
