package rules_test

import (
	"context"
	"errors"
	"testing"

	"github.com/pacta-law/pacta/rules"
)

// Issue 9's reproductions, timed: each must end within 2 s (the tests in
// budget_test.go and scale_test.go check what ends them and what they
// allocate, not their time).
//
//	go test ./rules -run '^$' -bench 'LiteralPatterns1KB|Chain4000|Build..kParties' -benchtime 3x

// BenchmarkLiteralPatterns1KB builds an engine over 300 parties under the
// 1 KB rule of 28 literal patterns.
func BenchmarkLiteralPatterns1KB(b *testing.B) {
	ds := ruleDataset(b, patternRule(b), 300)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rules.New(context.Background(), ds); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkChain4000 builds an engine over a chain of 4,000 treaties, each
// in force when the next is, which the shared budget stops.
func BenchmarkChain4000(b *testing.B) {
	ds, rf := chainDataset(b, 4000)
	law, err := rules.Compile(rules.WithRuleFiles(rf))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var re *rules.RuleError
		if _, err := law.Engine(context.Background(), ds); !errors.As(err, &re) {
			b.Fatalf("Engine = %v, want a *RuleError", err)
		}
	}
}
