package rules

import "context"

// answerBound answers "is P bound by T (towards Q) on D?" in one world.
func answerBound(e *Engine, w *world, q Question) worldAnswer {
	t := e.treaties[q.Treaty]
	var a worldAnswer
	if q.Towards == "" {
		r := w.result(t, q.Party)
		a.v = r.at(q.On)
		if a.v == vFalse {
			a.reason = reasonOf(r, q.On)
		}
		return a
	}
	a.v, a.reason = w.boundTowards(t, q.Party, q.Towards, q.On)
	if a.v == vFalse && a.reason == "" {
		for _, p := range []string{q.Party, q.Towards} {
			if r := w.result(t, p); r.at(q.On) == vFalse {
				a.reason = p + ": " + reasonOf(r, q.On)
				break
			}
		}
	}
	return a
}

// fillBound sets the answer: worlds that differ only in why the party is not
// bound agree that it is not.
func fillBound(_ context.Context, _ *Engine, v *Verdict, _ Question, answers []worldAnswer) {
	setTruth(v, answers[0].v, agree(answers, false))
}
