package rules_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

func TestCompileRefusesBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  rules.Option
	}{
		{"no uncertain facts", rules.WithMaxUncertain(0)},
		{"too many uncertain facts", rules.WithMaxUncertain(21)},
		{"negative expression size", rules.WithLimits(rules.Limits{ExpressionSize: -1})},
		{"negative nesting", rules.WithLimits(rules.Limits{Nesting: -1})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			law, err := rules.Compile(tt.opt)
			if !errors.Is(err, rules.ErrInvalidOption) || law != nil {
				t.Errorf("Compile = %v, %v; want ErrInvalidOption", law, err)
			}
		})
	}
}

func TestRuleIDsUnderRecordAreRefused(t *testing.T) {
	rf, err := rules.ParseRuleFile("mine.yaml", []byte(`rules:
  - id: record/entry-into-force
    cites: "Art. 1"
    says: "x"
    source: {cite: "x", grade: P}
    expr: "optional.none()"
`))
	if err != nil {
		t.Fatal(err)
	}
	_, err = rules.Compile(rules.WithRuleFiles(rf))
	var ce *rules.CompileError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "mine.yaml:2:") || !strings.Contains(err.Error(), "record/") {
		t.Fatalf("Compile = %v, want a compile error at mine.yaml:2 about record/", err)
	}
}

func TestNoDatasetIsAnError(t *testing.T) {
	law, err := rules.Compile()
	if err != nil {
		t.Fatal(err)
	}
	for name, ds := range map[string]*cistreaty.Dataset{"nil": nil, "zero": {}} {
		t.Run(name, func(t *testing.T) {
			eng, err := law.Engine(context.Background(), ds)
			if !errors.Is(err, rules.ErrNoDataset) || eng != nil {
				t.Errorf("Engine = %v, %v; want ErrNoDataset", eng, err)
			}
		})
	}
}

// One Law serves engines over different datasets, side by side.
func TestLawIsShared(t *testing.T) {
	law, err := rules.Compile()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cis, err := cistreaty.Default()
	if err != nil {
		t.Fatal(err)
	}
	a, err := law.Engine(ctx, cis)
	if err != nil {
		t.Fatal(err)
	}
	b, err := law.Engine(ctx, ruleDataset(t, "optional.of(date('2001-02-03'))", 1))
	if err != nil {
		t.Fatal(err)
	}
	// The Charter entered into force for Russia on 22 January 1994 (Art. 41);
	// the generated treaty's clause names 3 February 2001.
	if d, ok, err := a.EntryIntoForce(ctx, "cis-charter-1993", "RU"); err != nil || !ok || d.String() != "1994-01-22" {
		t.Errorf("CIS: EntryIntoForce = %s %v %v, want 1994-01-22", d, ok, err)
	}
	if d, ok, err := b.EntryIntoForce(ctx, "t", "AA"); err != nil || !ok || d.String() != "2001-02-03" {
		t.Errorf("generated: EntryIntoForce = %s %v %v, want 2001-02-03", d, ok, err)
	}
}
