package rules

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFileByParty files a treaty's events, given in date order, by party:
// each party's events keep their order (ties too), an event filed under a
// state and its successor is in both lists, and a party with none has none.
func TestFileByParty(t *testing.T) {
	in := []partyEvent{{"RU", 4}, {"MD", 0}, {"SU", 7}, {"RU", 7}, {"AM", 2}, {"MD", 9}, {"RU", 1}}
	pe := fileByParty(slices.Clone(in))
	if diff := cmp.Diff([]string{"AM", "MD", "RU", "SU"}, pe.parties); diff != "" {
		t.Errorf("parties (-want +got):\n%s", diff)
	}
	for _, tt := range []struct {
		party string
		want  []int
	}{
		{"AM", []int{2}},
		{"MD", []int{0, 9}},
		{"RU", []int{4, 7, 1}},
		{"SU", []int{7}},
		{"KZ", nil},
		{"", nil},
		{"ZZ", nil},
	} {
		got := pe.of(tt.party)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("of(%q) (-want +got):\n%s", tt.party, diff)
		}
		if len(got) != cap(got) {
			t.Errorf("of(%q) has room for %d more: an append would overwrite the next party's", tt.party, cap(got)-len(got))
		}
	}
	if got := fileByParty(nil); len(got.parties) != 0 || got.of("RU") != nil {
		t.Errorf("no events: %+v, want none", got)
	}
}

// TestFilingByParty checks the engine's filing of the CIS record against
// the dataset's own index of each (treaty, party): the same events in date
// order (ties in file order), a successor's (Russia's) with those of the
// state it continues (the USSR's), an expected event that came left out.
func TestFilingByParty(t *testing.T) {
	e := newCISEngine(t)
	ds := e.ds
	continues := map[string]string{}
	for p := range ds.Parties() {
		if p.Continues != "" {
			continues[p.ID] = p.Continues
		}
	}
	if continues["RU"] != "SU" {
		t.Fatalf("continues = %v, want RU to continue SU", continues)
	}
	for _, id := range mapKeys(e.treaties) {
		ti := e.treaties[id]
		want := map[string][]int{}
		for _, p := range e.partyIDs {
			for i, ev := range ds.EventsOf(id, p) {
				if !ev.When.Expected || slices.Contains(ti.events, i) {
					want[p] = append(want[p], i)
				}
			}
		}
		for p, q := range continues {
			merged := append(want[p], want[q]...)
			slices.SortFunc(merged, func(a, b int) int {
				if c := cmpDate(ds.EventAt(a).When.Earliest, ds.EventAt(b).When.Earliest); c != 0 {
					return c
				}
				return a - b
			})
			if len(merged) > 0 {
				want[p] = merged
			}
		}
		if diff := cmp.Diff(mapKeys(want), ti.parties); diff != "" {
			t.Errorf("%s: parties (-want +got):\n%s", id, diff)
		}
		for _, p := range append(slices.Clone(e.partyIDs), "nobody") {
			if diff := cmp.Diff(want[p], ti.byParty.of(p)); diff != "" {
				t.Errorf("%s: events of %s (-want +got):\n%s", id, p, diff)
			}
		}
	}
}
