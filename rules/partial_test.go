package rules_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// Under a treaty whose participation is partial, a clause that counts the
// other parties' instruments and gives no date for a party that consented
// does not show the treaty is not in force for it: the record may lack the
// instruments it counts. The Economic Union Treaty's Art. 34 counts the third
// deposit, and the record holds no deposit of any state (its note in
// cistreaty/cis/treaties.yaml); Turkmenistan's deposit is assumed.
func TestPartialClauseNoneIsNotSettled(t *testing.T) {
	ctx := context.Background()
	e, err := cisEngine(t).With(ctx, cistreaty.Event{Treaty: "economic-union-1993", Party: "TM", Kind: cistreaty.Deposit,
		When: cistreaty.On(day("1995-01-01")), Source: cistreaty.Source{Citation: "assumed", Grade: cistreaty.GradeU}})
	if err != nil {
		t.Fatal(err)
	}
	checkBoundaries(t, e, []boundary{{
		name: "TM's deposit under Art. 34", treaty: "economic-union-1993", party: "TM", date: "1995-01-01",
		before: rules.False, from: rules.Indeterminate,
		reason: "bound only once it consented (VCLT Art. 24(3)); from then on Art. 34 turns on deposits the record lacks",
		source: "Treaty on the Creation of an Economic Union, Art. 34; participation partial",
	}})
	d, settled, err := e.EntryIntoForce(ctx, "economic-union-1993", "TM")
	if err != nil {
		t.Fatal(err)
	}
	if settled || d.IsValid() {
		t.Errorf("EntryIntoForce(economic-union-1993, TM) = %v, settled %v; want not settled", d, settled)
	}
}

// Under a treaty whose participation is partial, a date an entry-into-force
// clause computes by counting the recorded instruments is a bound, not the
// date: deposits the record lacks could only make the third come earlier.
// The Economic Union Treaty's Art. 34 counts the third deposit (and gives a
// later state the thirtieth day after its own); the record holds no deposit,
// so four are assumed: BY 10 Jan 1994, RU 10 Feb, KZ 10 Mar (the third
// recorded), TM 1 Jan 1995 (later).
//
//   - BY: had the third come on or after its own deposit, from that day (at
//     the latest 10 Mar); had it come before, as a later state, from 9 Feb.
//     Not bound before 10 Jan, bound from 10 Mar, open in between.
//   - KZ: the third, from 10 Mar; the fourth, had a deposit the record lacks
//     come before, from 9 Apr (10 Mar + 30 days). Open in between.
//   - TM: after the third recorded deposit, so after any earlier third: from
//     31 Jan 1995 (1 Jan + 30 days) whatever the record lacks.
func TestPartialCountedDateIsABound(t *testing.T) {
	ctx := context.Background()
	var evs []cistreaty.Event
	for _, d := range []struct{ party, on string }{{"BY", "1994-01-10"}, {"RU", "1994-02-10"}, {"KZ", "1994-03-10"}, {"TM", "1995-01-01"}} {
		evs = append(evs, cistreaty.Event{Treaty: "economic-union-1993", Party: d.party, Kind: cistreaty.Deposit,
			When: cistreaty.On(day(d.on)), Source: cistreaty.Source{Citation: "assumed", Grade: cistreaty.GradeU}})
	}
	e, err := cisEngine(t).With(ctx, evs...)
	if err != nil {
		t.Fatal(err)
	}
	const art = "Treaty on the Creation of an Economic Union, Art. 34; participation partial"
	checkBoundaries(t, e, []boundary{
		{name: "BY's own deposit", treaty: "economic-union-1993", party: "BY", date: "1994-01-10", before: rules.False, from: rules.Indeterminate,
			reason: "a third deposit the record lacks may have come by its own", source: art},
		{name: "the third recorded deposit, for BY", treaty: "economic-union-1993", party: "BY", date: "1994-03-10", before: rules.Indeterminate, from: rules.True,
			reason: "deposits the record lacks could only make the third come earlier", source: art},
		{name: "KZ's own deposit, the third recorded", treaty: "economic-union-1993", party: "KZ", date: "1994-03-10", before: rules.False, from: rules.Indeterminate,
			reason: "KZ's deposit is the third, or the fourth if one the record lacks came before", source: art},
		{name: "the thirtieth day after KZ's deposit", treaty: "economic-union-1993", party: "KZ", date: "1994-04-09", before: rules.Indeterminate, from: rules.True,
			reason: "as a later state, the thirtieth day after its deposit", source: art},
		{name: "TM, a later state", treaty: "economic-union-1993", party: "TM", date: "1995-01-31", before: rules.False, from: rules.True,
			reason: "its deposit came after the third recorded one, so after any earlier third", source: art},
	})
	for _, c := range []struct {
		party   string
		want    string
		settled bool
	}{{"BY", "", false}, {"KZ", "", false}, {"TM", "1995-01-31", true}} {
		d, settled, err := e.EntryIntoForce(ctx, "economic-union-1993", c.party)
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if d.IsValid() {
			got = d.String()
		}
		if got != c.want || settled != c.settled {
			t.Errorf("EntryIntoForce(economic-union-1993, %s) = %q, settled %v; want %q, settled %v", c.party, got, settled, c.want, c.settled)
		}
	}
	// The explanation says why the answer is open: the clause, and that the
	// record of instruments is incomplete.
	v, err := e.Explain(ctx, rules.Question{Kind: rules.QuestionBound, Treaty: "economic-union-1993", Party: "BY", On: day("1994-02-01")})
	if err != nil {
		t.Fatal(err)
	}
	noted := false
	for _, n := range v.Notes {
		if strings.Contains(n, "record of this treaty's instruments is incomplete") && strings.Contains(n, "nth-instrument") {
			noted = true
		}
	}
	if !noted {
		t.Errorf("Explain(bound economic-union-1993 BY 1994-02-01): no note naming the clause and the incomplete record; notes %q", v.Notes)
	}
	if !slices.ContainsFunc(v.Because, func(s rules.Step) bool {
		return s.Rule == rules.RecordParticipationPartial && strings.Contains(s.Reading, "Art. 34")
	}) {
		t.Errorf("Explain(bound economic-union-1993 BY 1994-02-01): no %s step citing Art. 34; steps %+v", rules.RecordParticipationPartial, v.Because)
	}
}
