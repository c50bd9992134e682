package rules

import (
	"strings"
	"testing"

	"cel.dev/cel-go/cel"

	"github.com/pacta-law/pacta/cistreaty"
)

// FuzzParseRuleFile: any bytes give a rule file or an error with positions,
// never a panic.
func FuzzParseRuleFile(f *testing.F) {
	for _, name := range []string{"law/templates.yaml", "law/vclt.yaml"} {
		data, err := lawFS.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("rules:\n  - id: a/b\n    cites: x\n    expr: |\n      1 +\n"))
	f.Add([]byte("templates: [{name: x}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rf, err := ParseRuleFile("fuzz.yaml", data)
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.yaml:") {
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		for _, r := range rf.Rules {
			if r.ID == "" || r.Expr == "" {
				t.Fatalf("accepted a rule without id or expr: %+v", r)
			}
		}
	})
}

// FuzzCompileRule: any expression compiles, or is refused with an error that
// points into the file; nothing panics, and what compiles stays within the
// static cost limit.
func FuzzCompileRule(f *testing.F) {
	for _, s := range []string{
		"own(['deposit'])",
		"optional.of(date('1994-01-22').addMonths(12))",
		"events.all(a, events.all(b, a.date <= b.date))",
		"date('2024-02-30')",
		"[1,2,3].map(x, x * x).size() > 2",
		"inForce('vclt-1969', party, on) && inForce('vclt-1969', other, on)",
		"((((((((((1))))))))))",
		"'a'.matches('(a+)+$')",
	} {
		f.Add(s)
	}
	lim := DefaultLimits()
	env, err := newEnv(lim)
	if err != nil {
		f.Fatal(err)
	}
	c := &compiled{env: func() (*cel.Env, error) { return env, nil }, lim: lim, templates: map[string]*templateProg{}, rules: map[string]*program{}, exprs: &exprCache{exprs: map[string]*compiledExpr{}}}
	f.Fuzz(func(t *testing.T, expr string) {
		r := cistreaty.Rule{ID: "fuzz/rule", Expr: expr,
			Pos: cistreaty.Pos{File: "fuzz.yaml", Line: 1, Col: 1}, ExprPos: cistreaty.Pos{File: "fuzz.yaml", Line: 2, Col: 7}}
		p, probs := c.compile(r)
		if p == nil && len(probs) == 0 {
			t.Fatal("refused without a problem")
		}
		for _, pr := range probs {
			if pr.Pos.File != "fuzz.yaml" || pr.Pos.Line < 1 {
				t.Fatalf("problem without a position: %+v", pr)
			}
		}
		if p != nil && p.src.x.estimate > lim.EstimatedCost {
			t.Fatalf("compiled over the cost limit: %d", p.src.x.estimate)
		}
	})
}
