package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// -data DIR answers from a user's own dataset: testdata/data holds one
// bilateral pact that enters into force thirty days after the second
// ratification (2020-04-01 + 30 days = 2020-05-01; pact.yaml).
func TestDataFlag(t *testing.T) {
	dir := filepath.Join("testdata", "data")
	tests := []struct {
		name string
		args []string
		code int
		out  string // a prefix of stdout
		err  string // a substring of stderr
	}{
		{"day before", []string{"bound", "-data", dir, "-treaty", "pact-2020", "-party", "aa", "-on", "2020-04-30"}, exitAnswer, "false — ", ""},
		{"day of", []string{"bound", "-data", dir, "-treaty", "pact-2020", "-party", "AA", "-on", "2020-05-01"}, exitAnswer, "true — ", ""},
		{"entry into force", []string{"eif", "-data", dir, "-treaty", "pact-2020", "-json"}, exitAnswer, `{"question":"eif","inputs":{"treaty":"pact-2020"},"answer":"2020-05-01"`, ""},
		{"treaties", []string{"treaties", "-data", dir, "-json"}, exitAnswer, `[{"id":"pact-2020",`, ""},
		{"parties", []string{"parties", "-data", dir}, exitAnswer, "ID  kind   name\nAA  state  Republic of A\nBB  state  Kingdom of B\n", ""},
		{"a CIS treaty is not in it", []string{"bound", "-data", dir, "-treaty", "cis-charter-1993", "-party", "AA", "-on", "2020-05-01"}, exitInput, "", "pact-2020"},
		{"no such directory", []string{"bound", "-data", filepath.Join(dir, "missing"), "-treaty", "pact-2020", "-party", "AA"}, exitInput, "", "-data"},
		{"not a dataset", []string{"treaties", "-data", filepath.Join("testdata", "golden")}, exitInput, "", "-data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(tt.args...)
			if r.code != tt.code || !strings.HasPrefix(r.stdout, tt.out) || !strings.Contains(r.stderr, tt.err) {
				t.Errorf("exit %d, stdout %q, stderr %q; want %d, %q…, …%q…", r.code, r.stdout, r.stderr, tt.code, tt.out, tt.err)
			}
		})
	}
}

// cis version prints the module's version and the dataset's.
func TestVersion(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"version"}, "pacta v0.1.0; dataset cis "},
		{[]string{"version", "-json"}, `{"version":"v0.1.0","dataset":{"name":"cis","version":"`},
		{[]string{"version", "-data", filepath.Join("testdata", "data")}, "pacta v0.1.0; dataset example 2026.1, record as of 2026-01-01\n"},
	}
	for _, tt := range tests {
		r := runCLI(tt.args...)
		if r.code != exitAnswer || !strings.HasPrefix(r.stdout, tt.want) {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 0, %q…", tt.args, r.code, r.stdout, r.stderr, tt.want)
		}
	}
}
