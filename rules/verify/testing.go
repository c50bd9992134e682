package verify

import (
	"path"
	"testing"
)

// RunT runs the files' cases as subtests of t, one per file (named by the
// file's base name) holding one per case (named by the case), so that
// `go test -run 'TestCases/charter.yaml/Georgia'` picks cases out. A failed
// case reports where it is written, its expectation, the verdict, and what
// differs (-want +got). Each case runs under its subtest's context
// (testing.T.Context). RunT returns the results of the cases that ran.
func RunT(t *testing.T, files ...*File) []Result {
	t.Helper()
	var out []Result
	for _, f := range files {
		if f == nil {
			t.Error("verify.RunT: a nil *File")
			continue
		}
		t.Run(path.Base(f.name), func(t *testing.T) {
			for i := range f.cases {
				c := &f.cases[i]
				t.Run(c.name, func(t *testing.T) {
					r, _ := f.run(t.Context(), c)
					out = append(out, r)
					if !r.Passed {
						why := ""
						if c.why != "" {
							why = "\nwhy: " + c.why
						}
						t.Errorf("%s: %s\nwant %s\ngot  %s%s\n%s", c.pos, c.name, r.Want, r.Got, why, r.Diff)
					}
				})
			}
		})
	}
	return out
}
