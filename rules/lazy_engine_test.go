package rules_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// lazyQuestions are questions of every kind about the CIS dataset: each
// treaty and party (eif; withdrawal on two notices; bound on two days a
// year from 1991 to 2026), each ordered pair (vclt; bound towards and every
// obligation on one day in four years) and each organisation and party
// (status on the same days as bound).
func lazyQuestions(ds *cistreaty.Dataset, parties []string) []rules.Question {
	var days []cistreaty.Date
	for y := 1991; y <= 2026; y++ {
		days = append(days, day(fmt.Sprintf("%d-01-22", y)), day(fmt.Sprintf("%d-07-01", y)))
	}
	var qs []rules.Question
	for tr := range ds.Treaties() {
		for _, p := range parties {
			qs = append(qs, rules.Question{Kind: rules.QuestionEIF, Treaty: tr.ID, Party: p},
				rules.Question{Kind: rules.QuestionWithdrawal, Treaty: tr.ID, Party: p, Notice: day("2000-03-01")},
				rules.Question{Kind: rules.QuestionWithdrawal, Treaty: tr.ID, Party: p, Notice: day("2026-12-01")})
			for _, on := range days {
				qs = append(qs, rules.Question{Kind: rules.QuestionBound, Treaty: tr.ID, Party: p, On: on})
			}
			for _, q := range parties {
				if q == p {
					continue
				}
				qs = append(qs, rules.Question{Kind: rules.QuestionVCLT, Treaty: tr.ID, Party: p, Towards: q})
				for i := 0; i < len(days); i += 8 {
					qs = append(qs, rules.Question{Kind: rules.QuestionBound, Treaty: tr.ID, Party: p, Towards: q, On: days[i]})
					for _, o := range tr.Obligations {
						qs = append(qs, rules.Question{Kind: rules.QuestionObliged, Treaty: tr.ID, Article: o.Article, Party: p, Towards: q, On: days[i]})
					}
				}
			}
		}
	}
	for o := range ds.Organisations() {
		for _, p := range parties {
			for _, on := range days {
				qs = append(qs, rules.Question{Kind: rules.QuestionStatus, Org: o.Party, Party: p, On: on})
			}
		}
	}
	return qs
}

// answerJSON is the explained answer to q as the CLI's -json prints it, or
// the error.
func answerJSON(e *rules.Engine, q rules.Question) string {
	v, err := e.Explain(context.Background(), q)
	if err != nil {
		return "error: " + err.Error()
	}
	b, err := v.MarshalJSON()
	if err != nil {
		return "error: " + err.Error()
	}
	return string(b)
}

// A lazy engine compiles and builds only what a question reaches; its
// answers are the eager engine's, byte for byte: asked one after another
// of one engine, and asked first of a fresh engine, as the cis command
// asks.
func TestLazyEngineAnswersAsEngine(t *testing.T) {
	ctx := context.Background()
	eager := cisEngine(t)
	ds := eager.Dataset()
	law, err := rules.Compile()
	if err != nil {
		t.Fatal(err)
	}
	lazy, err := law.LazyEngine(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	qs := lazyQuestions(ds, eager.Parties())
	differ := 0
	firstOfKind := map[string]bool{}
	for _, q := range qs {
		want := answerJSON(eager, q)
		if got := answerJSON(lazy, q); got != want {
			if differ++; differ <= 10 {
				t.Errorf("%+v: lazy engine differs (-eager +lazy):\n%s", q, cmp.Diff(want, got))
			}
		}
		// The first question of each kind about each treaty or
		// organisation, asked of a fresh engine.
		if k := fmt.Sprint(q.Kind, q.Treaty, q.Org); !firstOfKind[k] {
			firstOfKind[k] = true
			fresh, err := law.LazyEngine(ctx, ds)
			if err != nil {
				t.Fatal(err)
			}
			if got := answerJSON(fresh, q); got != want {
				t.Errorf("%+v: a fresh lazy engine differs (-eager +lazy):\n%s", q, cmp.Diff(want, got))
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d of %d answers differ", differ, len(qs))
	}
	for _, f := range []func(e *rules.Engine) (any, error){
		func(e *rules.Engine) (any, error) { return e.Findings(ctx) },
		func(e *rules.Engine) (any, error) { return e.UsedRuleIDs(), nil },
		func(e *rules.Engine) (any, error) { return e.RuleIDs(), nil },
		func(e *rules.Engine) (any, error) { return e.CostEstimates(), nil },
	} {
		want, err := f(eager)
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := law.LazyEngine(ctx, ds)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f(fresh)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("lazy engine differs (-eager +lazy):\n%s", d)
		}
	}
}

// A lazy engine reports what only compiling or evaluating a rule finds when
// a query reaches the rule, as a *RuleError naming it; what the dataset
// alone shows (an unknown rule) it reports at once, as Engine does.
func TestLazyEngineReportsOnFirstUse(t *testing.T) {
	ctx := context.Background()
	law, err := rules.Compile()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		expr     string
		wantText string // in the error of the query and of Engine
		compile  bool   // a *CompileError is wrapped
	}{
		{name: "does not compile", expr: "own(['deposit']) +", wantText: "bounds.yaml:", compile: true},
		{name: "wrong type", expr: "true", wantText: "needs optional(Date)", compile: true},
		{name: "runs away", expr: "[1,2,3,4,5,6,7,8,9,10].map(x, own(['deposit'])).size() > 0 ? own(['deposit']) : optional.none()", wantText: "t/eif"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := ruleDataset(t, tt.expr, 3)
			eager, eagerErr := law.Engine(ctx, ds)
			if tt.name == "runs away" {
				// Runs within the default budget: give it a small one.
				small, err := rules.Compile(rules.WithLimits(rules.Limits{RuntimeCost: 50}))
				if err != nil {
					t.Fatal(err)
				}
				law := small
				eager, eagerErr = law.Engine(ctx, ds)
				e, err := law.LazyEngine(ctx, ds)
				if err != nil {
					t.Fatalf("LazyEngine = %v; want the failure left to the query", err)
				}
				checkLazyFailure(t, e, eager, eagerErr, tt.wantText, tt.compile)
				return
			}
			e, err := law.LazyEngine(ctx, ds)
			if err != nil {
				t.Fatalf("LazyEngine = %v; want the failure left to the query", err)
			}
			checkLazyFailure(t, e, eager, eagerErr, tt.wantText, tt.compile)
		})
	}
	t.Run("unknown rule", func(t *testing.T) {
		ds, err := cistreaty.Load(cistreaty.File{Name: "bad.yaml", Data: []byte(`dataset: {name: bad, version: "1", record_as_of: 2026-11-27}
parties:
  - {id: AA, name: State A, kind: state}
treaties:
  - id: t
    title: Test treaty
    concluded: 2000-01-01
    participation: complete
    source: {cite: made up, grade: P}
    clauses:
      entry_into_force: {rule: t/eiff}
rules:
  - id: t/eif
    cites: Art. 1
    says: A clause under test.
    source: {cite: made up, grade: P}
    expr: own(['deposit'])
events:
  - {treaty: t, party: AA, kind: deposit, date: 2001-01-01, source: {cite: made up, grade: P}}
`)})
		if err != nil {
			t.Fatal(err)
		}
		_, err = law.LazyEngine(ctx, ds)
		var ce *rules.CompileError
		if !errors.As(err, &ce) || !strings.Contains(err.Error(), "bad.yaml:11:") || !strings.Contains(err.Error(), "t/eiff") {
			t.Errorf("LazyEngine = %v; want the unknown rule reported at bad.yaml:11", err)
		}
	})
}

func checkLazyFailure(t *testing.T, lazy, eager *rules.Engine, eagerErr error, wantText string, compile bool) {
	t.Helper()
	if eager != nil || eagerErr == nil || !strings.Contains(eagerErr.Error(), wantText) {
		t.Fatalf("Engine = %v; want an error with %q", eagerErr, wantText)
	}
	_, err := lazy.Explain(context.Background(), rules.Question{Kind: rules.QuestionBound, Treaty: "t", Party: "AA", On: day("2002-01-01")})
	var re *rules.RuleError
	if !errors.As(err, &re) || re.Rule != "t/eif" || !strings.Contains(err.Error(), wantText) {
		t.Fatalf("Explain = %v; want a *RuleError of t/eif with %q", err, wantText)
	}
	var ce *rules.CompileError
	if got := errors.As(err, &ce); got != compile {
		t.Errorf("errors.As(*CompileError) = %v, want %v", got, compile)
	}
	if _, err := lazy.Bound(context.Background(), "t", "AB", day("2002-01-01")); err == nil {
		t.Errorf("a second query = nil; want the same failure")
	}
}
