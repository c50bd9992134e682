package rules

import (
	"fmt"

	"github.com/pacta-law/pacta/cistreaty"
)

// answerWithdrawal answers "when does P's withdrawal, notified on N, take
// effect?" in one world. A notice of withdrawal presupposes a party: where P
// is not bound on the notice day (it never consented, the treaty is not yet
// in force for it, or its being bound has already ended), no exit is
// computed and the reason says why. Where an earlier recorded notice is
// still running, the later one does not postpone the exit it fixes.
func answerWithdrawal(e *Engine, w *world, q Question) worldAnswer {
	t := e.treaties[q.Treaty]
	r := w.result(t, q.Party)
	switch r.at(q.Notice) {
	case vFalse:
		reason := reasonOf(r, q.Notice)
		if w.tr != nil {
			what := map[string]string{
				ReasonNotParty: "it never consented to be bound",
				ReasonNotYet:   "the treaty is not yet in force for it",
				ReasonEnded:    fmt.Sprintf("its being bound ended on %s", r.end),
			}[reason]
			if what == "" {
				what = "the record says it is not"
			}
			w.tr.record(RecordNotBoundOnNotice, fmt.Sprintf("%s is not bound by the treaty on %s, the day of the notice (%s): a notice of withdrawal presupposes a party, so no exit is computed.", q.Party, q.Notice, what), reason)
		}
		return worldAnswer{reason: reason}
	case vIndet:
		if w.tr != nil {
			w.tr.record(RecordPartyOpenOnNotice, fmt.Sprintf("Whether %s is bound by the treaty on %s, the day of the notice, is not settled by the record, so neither is whether the notice can take effect.", q.Party, q.Notice), "not settled by the record")
		}
		return worldAnswer{v: vIndet, reason: ReasonUnknown}
	}
	d, unknown := w.withdrawal(t, q.Party, q.Notice, q.Effective, -1)
	// The period that holds the notice day, and how it ends.
	start, end, endWhy, endUnknown := cistreaty.Date{}, r.end, r.endWhy, r.endUnknown
	for _, sp := range r.later {
		if !q.Notice.Before(sp.start) {
			start, end, endWhy, endUnknown = sp.start, sp.end, sp.endWhy, sp.endUnknown
		}
	}
	if i, first, ok := w.firstFrom(t.byParty.of(q.Party), kindSet(cistreaty.WithdrawalNotice), start); ok &&
		!e.event(i).When.Expected && first.Before(q.Notice) && endWhy == endWithdrawal && end.After(q.Notice) {
		// A notice already received runs; the party leaves when it takes
		// effect, whatever a later notice would say.
		if endUnknown {
			return worldAnswer{v: vIndet, date: first, reason: ReasonUnknown}
		}
		if end.Before(d) || unknown {
			if w.tr != nil {
				w.tr.note(fmt.Sprintf("%s's notice received on %s already takes effect on %s; a later notice does not postpone that exit.", q.Party, first, end))
			}
			return worldAnswer{v: vTrue, date: end}
		}
	}
	if unknown {
		return worldAnswer{v: vIndet, date: d, reason: ReasonUnknown}
	}
	return worldAnswer{v: vTrue, date: d}
}
