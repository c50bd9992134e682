package rules

// answerWithdrawal answers "when does P's withdrawal, notified on N, take
// effect?" in one world.
func answerWithdrawal(e *Engine, w *world, q Question) worldAnswer {
	t := e.treaties[q.Treaty]
	r := w.result(t, q.Party)
	if r.state == psNotParty {
		return worldAnswer{reason: ReasonNotParty}
	}
	d, unknown := w.withdrawal(t, q.Party, q.Notice, q.Effective, -1)
	if unknown {
		return worldAnswer{v: vIndet, date: d, reason: ReasonUnknown}
	}
	return worldAnswer{v: vTrue, date: d}
}
