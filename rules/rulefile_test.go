package rules_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// brokenRule has a CEL error on line 6, column 9 of the file: the undeclared
// nosuch, two spaces into the second line of a block scalar whose text
// starts at column 7 of line 5.
const brokenRule = `rules:
  - id: x/broken
    cites: "Art. 1"
    expr: |
      true &&
        nosuch
`

func TestRuleFileExprPosIsTheDatasets(t *testing.T) {
	rf, err := rules.ParseRuleFile("r.yaml", []byte(brokenRule))
	if err != nil {
		t.Fatal(err)
	}
	// The same rule in a dataset file: the loader places its text at the
	// same line and column.
	_, err = cistreaty.Load(cistreaty.File{Name: "r.yaml", Data: []byte(brokenRule)})
	var ps cistreaty.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Load = %v", err)
	}
	want := cistreaty.Pos{File: "r.yaml", Line: 5, Col: 7}
	if diff := cmp.Diff(want, rf.Rules[0].ExprPos); diff != "" {
		t.Errorf("ExprPos (-want +got):\n%s", diff)
	}
}

func TestRuleFileCompileErrorColumn(t *testing.T) {
	rf, err := rules.ParseRuleFile("r.yaml", []byte(brokenRule))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := cistreaty.Default()
	if err != nil {
		t.Fatal(err)
	}
	_, err = rules.New(context.Background(), ds, rules.WithRuleFiles(rf))
	var ce *rules.CompileError
	if !errors.As(err, &ce) {
		t.Fatalf("New = %v, want a *CompileError", err)
	}
	if len(ce.Problems) == 0 || !strings.HasPrefix(ce.Problems[0].String(), "r.yaml:6:9: ") {
		t.Errorf("compile error %v, want it at r.yaml:6:9", err)
	}
	if errors.Is(err, cistreaty.ErrInvalidDataset) {
		t.Error("a rule's compile error matches cistreaty.ErrInvalidDataset")
	}
}

func TestParseRuleFileProblems(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"unknown key with a suggestion", "rules:\n  - id: a/b\n    cites: x\n    exrp: 'true'\n",
			[]string{`f.yaml:2:5: expr: missing`, `f.yaml:4:5: rules: unknown key "exrp" (did you mean "expr"?)`}},
		{"unknown top-level key", "rule: []\n",
			[]string{`f.yaml:1:1: unknown key "rule" (did you mean "rules"?)`}},
		{"not a mapping", "- 1\n", []string{"f.yaml:1:1: a rule file is a mapping, not a sequence"}},
		{"an empty document", "---", nil},
		{"anchors", "rules: &a []\n", []string{"f.yaml:1:8: anchors and aliases are not allowed"}},
		{"a long id is clipped", "rules:\n  - {id: " + strings.Repeat("x", 10_000) + ", cites: c, expr: 'true'}\n",
			[]string{`f.yaml:2:10: id: rule id "` + strings.Repeat("x", 64) + `…" is not of the form <treaty-or-template>/<slug>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rules.ParseRuleFile("f.yaml", []byte(tt.src))
			var got []string
			if err != nil {
				got = strings.Split(err.Error(), "\n")
				if !errors.Is(err, rules.ErrInvalidRuleFile) || errors.Is(err, cistreaty.ErrInvalidDataset) {
					t.Errorf("error %T: want ErrInvalidRuleFile and not cistreaty.ErrInvalidDataset", err)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}
