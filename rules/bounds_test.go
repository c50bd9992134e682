package rules_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

var update = flag.Bool("update", false, "rewrite golden files")

// ruleDataset is a small regime whose one treaty's entry into force is the
// given expression, with n parties that each made a deposit.
func ruleDataset(t testing.TB, expr string, n int) *cistreaty.Dataset {
	t.Helper()
	var b strings.Builder
	b.WriteString("dataset: {name: bounds, version: \"1\", record_as_of: 2026-11-27}\nparties:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {id: %c%c, name: State %d, kind: state}\n", 'A'+i/26%26, 'A'+i%26, i)
	}
	b.WriteString(`treaties:
  - id: t
    title: Test treaty
    concluded: 2000-01-01
    participation: complete
    source: {cite: made up, grade: P}
    clauses:
      entry_into_force: {rule: t/eif}
rules:
  - id: t/eif
    cites: Art. 1
    says: A clause under test.
    source: {cite: made up, grade: P}
    expr: |
`)
	for _, line := range strings.Split(expr, "\n") {
		b.WriteString("      " + line + "\n")
	}
	b.WriteString("events:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - {treaty: t, party: %c%c, kind: deposit, date: 2001-01-01, source: {cite: made up, grade: P}}\n", 'A'+i/26%26, 'A'+i%26)
	}
	ds, err := cistreaty.Load(cistreaty.File{Name: "bounds.yaml", Data: []byte(b.String())})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func TestQuadraticRuleRejected(t *testing.T) {
	// Two nested loops over the events: refused at compile time (nesting of
	// comprehensions), so it never runs over 2,000 events.
	ds := ruleDataset(t, "events.all(a, events.all(b, a.date <= b.date)) ? own(['deposit']) : optional.none()", 676)
	_, err := rules.New(context.Background(), ds)
	var ce *rules.CompileError
	if !errors.As(err, &ce) {
		t.Fatalf("New = %v, want a *CompileError", err)
	}
	if !strings.Contains(err.Error(), "bounds.yaml:") {
		t.Errorf("error %q does not point into the file", err)
	}
}

func TestEstimatedCostRejected(t *testing.T) {
	// One loop over the events, with an expensive body: its estimate, with
	// the events list sized at the hint, exceeds a tight limit.
	ds := ruleDataset(t, "events.exists(e, e.party + e.kind == 'AAdeposit') ? own(['deposit']) : optional.none()", 3)
	_, err := rules.New(context.Background(), ds, rules.WithLimits(rules.Limits{EstimatedCost: 1000, EventsHint: 2000}))
	if err == nil || !strings.Contains(err.Error(), "estimated cost") {
		t.Fatalf("New = %v, want an estimated-cost error", err)
	}
}

func TestRuntimeCostStopsRule(t *testing.T) {
	// Within the static estimate but over a small run-time budget: the rule
	// is stopped and New reports which rule failed.
	ds := ruleDataset(t, "events.exists(e, e.party == 'ZZ') ? own(['deposit']) : optional.none()", 676)
	_, err := rules.New(context.Background(), ds, rules.WithLimits(rules.Limits{RuntimeCost: 50}))
	var re *rules.RuleError
	if !errors.As(err, &re) || re.Rule != "t/eif" {
		t.Fatalf("New = %v, want a *RuleError for t/eif", err)
	}
}

func TestCancelStopsLibraryLoop(t *testing.T) {
	// The loop's body is a library function; cel-go checks cancellation only
	// between comprehension steps, the library checks it on every call.
	ds := ruleDataset(t, "[1, 2, 3, 4, 5, 6, 7, 8].all(i, nth(['deposit'], i).hasValue()) ? own(['deposit']) : optional.none()", 10)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := rules.New(ctx, ds)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("New with a cancelled context = %v, want context.Canceled", err)
	}
	e, err := rules.New(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Explain(ctx, rules.Question{Kind: rules.QuestionBound, Treaty: "t", Party: "AA", On: day("2001-01-01")})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Explain with a cancelled context = %v, want context.Canceled", err)
	}
}

func TestHugeMonthsIsAnError(t *testing.T) {
	for _, expr := range []string{
		"optional.of(date('2000-01-01').addMonths(9223372036854775807))",
		"optional.of(date('2000-01-01').addYears(-9223372036854775807))",
		"optional.of(date('9999-12-31').addDays(1))",
	} {
		ds := ruleDataset(t, expr, 1)
		_, err := rules.New(context.Background(), ds)
		var re *rules.RuleError
		if !errors.As(err, &re) {
			t.Errorf("%s: New = %v, want a *RuleError, not a wrapped-around date", expr, err)
		}
	}
}

func TestImpossibleDateLiteralIsCompileError(t *testing.T) {
	ds := ruleDataset(t, "optional.of(date('2024-02-30'))", 1)
	_, err := rules.New(context.Background(), ds)
	if err == nil || !strings.Contains(err.Error(), "bounds.yaml:") || !strings.Contains(err.Error(), "2024-02-30") {
		t.Fatalf("New = %v, want a compile error at the literal", err)
	}
}

func TestCompileErrorsAllReported(t *testing.T) {
	ds := ruleDataset(t, "own(['deposit']) +\n  nosuch(1)", 1)
	_, err := rules.New(context.Background(), ds)
	if err == nil {
		t.Fatal("New succeeded")
	}
	// The expression starts on line 18 of the generated file; the unknown
	// function is on its second line.
	if !strings.Contains(err.Error(), "bounds.yaml:19:") {
		t.Errorf("error %q does not point at line 19", err)
	}
}

// TestCostEstimatesGolden pins the static cost estimates of the shipped
// rules: a cel-go upgrade that moves them shows here, and the limits in
// DefaultLimits are then recalibrated.
func TestCostEstimatesGolden(t *testing.T) {
	e := cisEngine(t)
	est := e.CostEstimates()
	ids := make([]string, 0, len(est))
	for id := range est {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var b strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&b, "%s %d\n", id, est[id])
		if est[id] > rules.DefaultLimits().EstimatedCost {
			t.Errorf("%s: estimate %d over the default limit", id, est[id])
		}
	}
	const golden = "testdata/cost.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(want), b.String()); d != "" {
		t.Errorf("cost estimates moved (-want +got); recalibrate the limits and run with -update:\n%s", d)
	}
}

func TestLibraryChargesWhatItScans(t *testing.T) {
	// nth's static cost is a constant well under the budget, but over 676
	// events its real work is not: the library charges the events it scans.
	ds := ruleDataset(t, "nth(['deposit'], 1).hasValue() ? own(['deposit']) : optional.none()", 676)
	_, err := rules.New(context.Background(), ds, rules.WithLimits(rules.Limits{RuntimeCost: 500}))
	var re *rules.RuleError
	if !errors.As(err, &re) || !strings.Contains(err.Error(), "scanned") {
		t.Fatalf("New = %v, want a *RuleError from the library's charge", err)
	}
	// Within a budget that covers the scan, the same rule runs.
	if _, err := rules.New(context.Background(), ds, rules.WithLimits(rules.Limits{RuntimeCost: 5000})); err != nil {
		t.Fatalf("New with a budget of 5000: %v", err)
	}
}
