package cistreaty

import "testing"

// sourceOK, which validation runs before spelling a clause source's field
// name, says a source is fine exactly where the full check finds nothing.
func TestSourceOKAgreesWithTheCheck(t *testing.T) {
	for _, s := range []Source{
		{},
		{Citation: "UNTS vol. 1819"},
		{Grade: GradeP},
		{URL: "https://treaties.un.org"},
		{Citation: "UNTS vol. 1819", Grade: GradeP},
		{Citation: "Kommersant", Grade: GradeS},
		{Citation: "x", Grade: GradeU},
		{Citation: "x", Grade: GradeU + 1},
		{URL: "https://treaties.un.org", Grade: GradeS},
	} {
		for _, required := range []bool{false, true} {
			v := &validator{limit: maxProblems}
			v.source(s, Pos{File: "f.yaml", Line: 1}, "source", required)
			if got, want := sourceOK(s, required), len(v.probs) == 0; got != want {
				t.Errorf("sourceOK(%+v, %v) = %v; the check found %v", s, required, got, v.probs)
			}
		}
	}
}
