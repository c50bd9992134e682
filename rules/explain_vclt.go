package rules

import (
	"context"
	"fmt"

	"cel.dev/cel-go/common/types"

	"github.com/pacta-law/pacta/cistreaty"
)

// answerVCLT answers "does the VCLT apply to T between P and Q?" (Art. 4) in
// one world. Where P or Q has no act at all under T (and the record holds
// every party's), there is no treaty relation between them for the
// Convention to govern, and the answer is null with reason not-party.
func answerVCLT(e *Engine, w *world, q Question) worldAnswer {
	t := e.treaties[q.Treaty]
	p := e.c.rules[RuleVCLTArt4]
	if _, ok := e.treaties["vclt-1969"]; !ok {
		// The dataset has no record of the Convention's parties.
		return worldAnswer{v: vIndet, reason: ReasonUnknown}
	}
	// Art. 4 speaks of a treaty between the two: a state with no act at
	// all under a treaty whose parties are all in the record (no signature,
	// no instrument) has no relation under it for the Convention to govern.
	// A signatory has one (VCLT Arts. 18, 24, 25 speak to it).
	for _, x := range []string{q.Party, q.Towards} {
		if _, ok := notParty(t, x); ok && w.result(t, x).state == psNotParty {
			return worldAnswer{reason: ReasonNotParty}
		}
	}
	if t.t.Participation == cistreaty.Complete {
		for _, x := range []string{q.Party, q.Towards} {
			if _, _, ok := w.firstOf(t.byParty.of(x), actKinds); !ok {
				if w.tr != nil {
					w.tr.record("record/not-a-party", fmt.Sprintf("The record shows no signature or instrument of %s under this treaty, and it holds every party's: %s is not a party, so Art. 4 has no treaty between %s and %s to apply to.", x, x, q.Party, q.Towards), "not a party")
				}
				return worldAnswer{reason: ReasonNotParty}
			}
		}
	}
	val, unk := w.evalRule(p, &evalCtx{treaty: t, party: q.Party, other: q.Towards})
	switch {
	case unk:
		return worldAnswer{v: vIndet, reason: ReasonUnknown}
	case val == types.True:
		return worldAnswer{v: vTrue}
	}
	return worldAnswer{v: vFalse}
}

// fillVCLT sets a true / false answer, or null with not-party where one of
// the two never consented to the treaty in every world.
func fillVCLT(ctx context.Context, e *Engine, v *Verdict, q Question, answers []worldAnswer) {
	if agree(answers, true) && answers[0].v == vFalse && answers[0].reason == ReasonNotParty {
		v.Reason, v.Determinate = ReasonNotParty, true
		return
	}
	fillTruth(ctx, e, v, q, answers)
}
