package rules

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pacta-law/pacta/cistreaty"
)

// sameBuilds checks that building every treaty's timelines and every
// organisation's membership in worlds that share what they compute gives
// what worlds that compute everything themselves give.
func sameBuilds(t *testing.T, e *Engine) {
	t.Helper()
	ctx := context.Background()
	all := cmp.Exporter(func(reflect.Type) bool { return true })
	for _, id := range mapKeys(e.treaties) {
		ti := e.treaties[id]
		shared, alone := e.buildTreatyShared(ctx, ti, newSharedMemo()), e.buildTreatyShared(ctx, ti, nil)
		if shared.err != nil || alone.err != nil {
			if (shared.err == nil) != (alone.err == nil) {
				t.Errorf("%s: shared %v, alone %v", id, shared.err, alone.err)
			}
			continue
		}
		// deps record how a value was computed, not what it is.
		strip := cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".deps" }, cmp.Ignore())
		if diff := cmp.Diff(alone.summaries, shared.summaries, all, strip); diff != "" {
			t.Errorf("%s: timelines (-alone +shared):\n%s", id, diff)
		}
		if diff := cmp.Diff(alone.pairs, shared.pairs, all); diff != "" {
			t.Errorf("%s: pairs (-alone +shared):\n%s", id, diff)
		}
		if diff := cmp.Diff(alone.findings, shared.findings, all); diff != "" {
			t.Errorf("%s: findings (-alone +shared):\n%s", id, diff)
		}
		// As New builds: with a memo from the engine's pool, emptied after
		// the treaty before and its results handed out again.
		pooled := e.buildTreaty(ctx, ti)
		if (pooled.err == nil) != (alone.err == nil) {
			t.Errorf("%s: pooled %v, alone %v", id, pooled.err, alone.err)
		}
		if diff := cmp.Diff(alone.summaries, pooled.summaries, all, strip); diff != "" {
			t.Errorf("%s: timelines (-alone +pooled):\n%s", id, diff)
		}
		if diff := cmp.Diff(alone.pairs, pooled.pairs, all); diff != "" {
			t.Errorf("%s: pairs (-alone +pooled):\n%s", id, diff)
		}
	}
	for _, org := range mapKeys(e.orgs) {
		shared, err1 := e.buildMembershipShared(ctx, e.orgs[org], newSharedMemo())
		alone, err2 := e.buildMembershipShared(ctx, e.orgs[org], nil)
		if (err1 == nil) != (err2 == nil) {
			t.Errorf("%s: shared %v, alone %v", org, err1, err2)
		}
		if diff := cmp.Diff(alone, shared, all); diff != "" {
			t.Errorf("%s: membership (-alone +shared):\n%s", org, diff)
		}
	}
}

// newCISEngine builds an engine over the embedded CIS dataset.
func newCISEngine(t *testing.T) *Engine {
	t.Helper()
	ds, err := cistreaty.Default()
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// Sharing what worlds compute changes no answer on the CIS record, whose
// uncertain facts (ranges, expected notices) make many worlds.
func TestSharedWorldsChangeNothingCIS(t *testing.T) {
	e := newCISEngine(t)
	sameBuilds(t, e)
}

// FuzzSharedWorlds checks the same on random records of two treaties, the
// later displacing the earlier between parties bound by it, with ranges and
// expected events, a suspension, and an organisation whose statuses read
// both.
func FuzzSharedWorlds(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
	f.Add([]byte{2, 200, 2, 17, 9, 3, 40, 41, 255, 0, 1, 1, 77, 12, 130, 90, 33, 180, 66, 201, 99, 7})
	f.Add([]byte{130, 5, 131, 6, 132, 7, 133, 8, 134, 9, 135, 10, 1, 3, 2, 4, 3, 5, 4, 6, 5, 7})
	kinds := []string{"signature", "ratification", "deposit", "accession", "withdrawal-notice", "suspension"}
	f.Fuzz(func(t *testing.T, events []byte) {
		if len(events) > 90 {
			events = events[:90]
		}
		var b strings.Builder
		b.WriteString("dataset: {name: fuzz, version: \"1\", record_as_of: 2026-11-27}\nparties:\n- {id: org,name: O,kind: organisation}\n")
		for i := range 5 {
			fmt.Fprintf(&b, "- {id: A%c,name: P,kind: state}\n", 'A'+i)
		}
		b.WriteString(`treaties:
- {id: t,title: T,concluded: 2000-01-01,participation: partial,source: {cite: x,grade: P},clauses: {entry_into_force: {template: nth-instrument, params: {kinds: [deposit, accession], n: 2, days: 30}}, withdrawal: {template: notice-plus-months, params: {months: 6}}}}
- {id: u,title: U,concluded: 2001-01-01,participation: complete,source: {cite: x,grade: P},clauses: {entry_into_force: {template: nth-instrument, params: {kinds: [ratification, deposit], n: 2, days: 0}}},displaces: [{treaty: t,clause: {rule: u/ends-t}}]}
rules:
- {id: u/ends-t,cites: Art. 9,says: x,source: {cite: x,grade: P},expr: "cel.bind(mine, entryIntoForce('u', party), cel.bind(theirs, entryIntoForce('u', other), mine.hasValue() && theirs.hasValue() ? optional.of(maxDate(mine.value(), theirs.value())) : optional.none()))"}
- {id: org/member,cites: Art. 1,says: x,source: {cite: x,grade: P},expr: "inForce('t', party, on) && !inForce('u', party, on)"}
- {id: org/later,cites: Art. 2,says: x,source: {cite: x,grade: P},expr: "inForce('u', party, on)"}
organisations:
- {party: org,constituent: [t, u],default: none,statuses: [{status: member,rule: org/member},{status: later,rule: org/later}]}
events:
`)
		first := cistreaty.MustParseDate("2000-01-01")
		seen := map[string]bool{}
		for i := 0; i+1 < len(events); i += 2 {
			treaty := "t"
			if events[i] >= 128 {
				treaty = "u"
			}
			party := fmt.Sprintf("A%c", 'A'+int(events[i])%5)
			kind := kinds[int(events[i]/5)%len(kinds)]
			if seen[treaty+party+kind] {
				continue
			}
			seen[treaty+party+kind] = true
			d, _ := first.AddDays(int(events[i+1]) * 23)
			when := "date: " + d.String()
			switch events[i+1] % 4 {
			case 1:
				late, _ := d.AddDays(int(events[i+1]%7+1) * 40)
				when = fmt.Sprintf("earliest: %s, latest: %s", d, late)
			case 2:
				if kind == "withdrawal-notice" {
					when = "expected: true, earliest: " + d.String()
				}
			}
			fmt.Fprintf(&b, "- {treaty: %s,party: %s,kind: %s,%s,source: {cite: x,grade: P}}\n", treaty, party, kind, when)
		}
		ds, err := cistreaty.Load(cistreaty.File{Name: "fuzz.yaml", Data: []byte(b.String())})
		if err != nil {
			return // the dataset refuses contradictory facts: nothing to compare
		}
		// A small limit on the uncertain facts combined also tries the
		// pairs that, explored together, turn on more facts than alone.
		for _, max := range []int{1, 2, 12} {
			e, err := New(context.Background(), ds, WithMaxUncertain(max))
			if err != nil {
				t.Fatal(err)
			}
			sameBuilds(t, e)
		}
	})
}
