package rules

import (
	"context"

	"github.com/pacta-law/pacta/cistreaty"
)

// answerStatus answers "what is P's status in the organisation on D?" in one
// world. The status index is the answer's value; whether P is a founding
// member (a Truth) travels as the reason's one digit.
func answerStatus(e *Engine, w *world, q Question) worldAnswer {
	oi := e.orgs[q.Org]
	s := w.status(oi, q.Party, q.On)
	f := w.founding(oi, q.Party)
	return worldAnswer{v: s, date: cistreaty.Date{}, reason: string(rune('0' + f))}
}

// fillStatus sets the status, and founding, each settled on its own.
func fillStatus(_ context.Context, e *Engine, v *Verdict, q Question, answers []worldAnswer) {
	oi := e.orgs[q.Org]
	statusSame, foundingSame := true, true
	for _, a := range answers[1:] {
		if a.v != answers[0].v {
			statusSame = false
		}
		if a.reason != answers[0].reason {
			foundingSame = false
		}
	}
	f := Indeterminate
	if foundingSame {
		f = Truth(answers[0].reason[0] - '0')
	}
	v.Founding = &f
	if statusSame && answers[0].v != indetStatus {
		v.Answer = Value{Status: oi.names[answers[0].v]}
		v.Determinate = true
	} else {
		v.Reason = ReasonUnknown
	}
}

// describeStatus renders one reading's status.
func describeStatus(e *Engine, q Question, a worldAnswer) string {
	if a.v == indetStatus {
		return "still not settled"
	}
	return e.orgs[q.Org].names[a.v]
}
