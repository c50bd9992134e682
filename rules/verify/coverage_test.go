package verify

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// twoTreaties is a made-up regime whose two treaties use two templates; its
// cases ask only about the first.
const twoTreaties = `base: none
overlay:
  dataset: {name: two, version: "1", record_as_of: 2026-01-01}
  parties:
    - {id: AA, name: State A, kind: state}
  treaties:
    - {id: t-own, title: Own, concluded: 2000-01-01, participation: complete, source: {cite: made up, grade: P},
       clauses: {entry_into_force: {template: own-instrument, params: {kinds: [ratification], days: 0}}, withdrawal: unknown}}
    - {id: t-fixed, title: Fixed, concluded: 2000-01-01, participation: complete, source: {cite: made up, grade: P},
       clauses: {entry_into_force: {template: fixed-date, params: {kinds: [deposit], date: 2001-01-01}}, withdrawal: unknown}}
  events:
    - {treaty: t-own, party: AA, kind: ratification, date: 2000-06-01, source: {cite: made up, grade: P}}
    - {treaty: t-fixed, party: AA, kind: deposit, date: 2000-06-01, source: {cite: made up, grade: P}}
cases:
  - {name: own, question: eif, treaty: t-own, party: AA, expect: {answer: 2000-06-01}}
`

func TestCoverage(t *testing.T) {
	f, err := Load("two.yaml", []byte(twoTreaties))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([]string{"fixed-date/entry-into-force", "own-instrument/entry-into-force"}, f.Engine().UsedRuleIDs()); d != "" {
		t.Fatalf("UsedRuleIDs (-want +got):\n%s", d)
	}
	rs, err := f.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !rs[0].Passed {
		t.Fatalf("case failed: %s", rs[0].Diff)
	}
	if d := cmp.Diff([]string{"own-instrument/entry-into-force"}, rs[0].Rules); d != "" {
		t.Errorf("Rules (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"fixed-date/entry-into-force"}, Coverage([]*File{f}, rs)); d != "" {
		t.Errorf("Coverage (-want +got):\n%s", d)
	}
	// Without results nothing is exercised; with no files nothing is used.
	if d := cmp.Diff([]string{"fixed-date/entry-into-force", "own-instrument/entry-into-force"}, Coverage([]*File{f}, nil)); d != "" {
		t.Errorf("Coverage without results (-want +got):\n%s", d)
	}
	if got := Coverage(nil, rs); got != nil {
		t.Errorf("Coverage without files = %q, want nil", got)
	}
}

// TestSharedEngine: files with base cis and no overlay share the CIS
// engine; assumptions derive an engine of their own from it.
func TestSharedEngine(t *testing.T) {
	const plain = "cases:\n  - {name: x, question: eif, treaty: cis-charter-1993, expect: {answer: 1994-01-22}}\n"
	const whatIf = "assume:\n  - {treaty: cis-charter-1993, party: MD, kind: withdrawal-notice, date: 2026-03-20}\n" + plain
	a, err := Load("a.yaml", []byte(plain))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Load("b.yaml", []byte("base: cis\n"+plain))
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load("c.yaml", []byte(whatIf))
	if err != nil {
		t.Fatal(err)
	}
	if a.Engine() != b.Engine() {
		t.Error("two files with base cis and no overlay have engines of their own")
	}
	if c.Engine() == a.Engine() {
		t.Error("a file with assumptions shares the base engine")
	}
	if n := c.Engine().Dataset().NumEvents() - a.Engine().Dataset().NumEvents(); n != 1 {
		t.Errorf("the what-if engine has %d more events, want 1", n)
	}
}
