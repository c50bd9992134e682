package rules

import (
	"fmt"

	"cel.dev/cel-go/common/types"
)

// answerObliged answers "does P owe Q the obligation of Art. A of T on D?"
// in one world: both bound towards each other, and the article's
// condition, where it has one, holds.
func answerObliged(e *Engine, w *world, q Question) worldAnswer {
	a := answerBound(e, w, q)
	if a.v == vFalse {
		return a
	}
	t := e.treaties[q.Treaty]
	if u, ok := t.conditions[q.Article]; ok {
		val, unk := w.evalRule(u.prog, &evalCtx{treaty: t, party: q.Party, other: q.Towards, on: q.On})
		switch {
		case unk:
			a.v = and3(a.v, vIndet)
		case val != types.True:
			a.v, a.reason = vFalse, "condition"
		}
	}
	return a
}

// obligationFirst puts the obligation itself first: what is owed, then why
// it is (or is not) owed on that day.
func obligationFirst(e *Engine, v *Verdict, q Question) {
	t := e.treaties[q.Treaty]
	o, _ := t.t.Obligation(q.Article)
	owed := "not owed"
	if v.Answer.Bool != nil && *v.Answer.Bool {
		owed = "owed"
	} else if v.Answer.IsNull() {
		owed = "not settled by the record"
	}
	v.Because = append([]Step{{Rule: RecordObligation, Cites: fmt.Sprintf("%s, Art. %s", t.t.Title, o.Article),
		Says: o.Text, Lang: o.Lang, SaysEN: o.TextEN, Value: owed, Source: o.Source}}, v.Because...)
	for i := 1; i < len(v.Because); i++ {
		v.Because[i].Depth++
	}
}
