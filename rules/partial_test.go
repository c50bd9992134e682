package rules_test

import (
	"context"
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
