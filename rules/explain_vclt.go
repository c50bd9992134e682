package rules

import "cel.dev/cel-go/common/types"

// answerVCLT answers "does the VCLT apply to T between P and Q?" (Art. 4) in
// one world.
func answerVCLT(e *Engine, w *world, q Question) worldAnswer {
	t := e.treaties[q.Treaty]
	p := e.c.rules[RuleVCLTArt4]
	if _, ok := e.treaties["vclt-1969"]; !ok {
		// The dataset has no record of the Convention's parties.
		return worldAnswer{v: vIndet, reason: ReasonUnknown}
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
