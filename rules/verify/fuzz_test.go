package verify

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/yamlfile"
)

// FuzzLoad: Load never panics; it either returns a file or problems, sorted,
// each with a message and, in the case file, a line within it; a loaded file
// runs. Seeded with the project's case files and this package's test files.
//
//	go test ./rules/verify -run '^$' -fuzz FuzzLoad -fuzztime 30s
func FuzzLoad(f *testing.F) {
	for _, pat := range []string{"../../testdata/cases/*.yaml", "testdata/*.yaml"} {
		names, err := filepath.Glob(pat)
		if err != nil {
			f.Fatal(err)
		}
		for _, name := range names {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte("overlay:\n  parties: [{id: QQ, name: Q, kind: state}]\ncases:\n  - {name: x, question: bound, treaty: cis-charter-1993, party: QQ, on: 2000-01-01, expect: {answer: false}}\n"))
	f.Add([]byte("base: none\noverlay:\n  dataset: {name: x, version: \"1\", record_as_of: 2020-01-01}\n\u2028cases: []\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Load("fuzz.yaml", data)
		if err != nil {
			if file != nil {
				t.Fatal("Load returned a file and an error")
			}
			var ps Problems
			if !errors.As(err, &ps) || len(ps) == 0 {
				t.Fatalf("Load error %v (%T) lists no problems", err, err)
			}
			lines := 1
			for rest := data; len(rest) > 0; {
				_, brk, r := yamlfile.CutLine(rest)
				if len(brk) > 0 {
					lines++
				}
				rest = r
			}
			for i, p := range ps {
				if p.Message == "" {
					t.Errorf("a problem without a message: %+v", p)
				}
				if p.Pos.File == "fuzz.yaml" && (p.Pos.Line < 0 || p.Pos.Line > lines) {
					t.Errorf("problem %q at line %d of a file of %d lines", p, p.Pos.Line, lines)
				}
				if i > 0 && less(p, ps[i-1]) {
					t.Errorf("problems not sorted: %q before %q", ps[i-1], p)
				}
			}
			return
		}
		// A loaded file's first cases run (all of them would make each
		// input of a large seed slow to fuzz and to minimize).
		if len(file.cases) > 3 {
			file.cases = file.cases[:3]
		}
		// The rules' budgets bound the work; no deadline is needed.
		rs, err := file.Run(context.Background())
		if err != nil {
			t.Fatalf("Run: %v", err)
		}
		if len(rs) != len(file.cases) {
			t.Fatalf("%d results for %d cases", len(rs), len(file.cases))
		}
		for _, r := range rs {
			if r.Passed != (r.Diff == "") {
				t.Errorf("case %q: passed %v with diff %q", r.Name, r.Passed, r.Diff)
			}
		}
	})
}

// less orders problems as Problems.Error does.
func less(a, b cistreaty.Problem) bool {
	ps := Problems{b, a}
	sortProblems(ps)
	return ps[0] == a && a != b
}
