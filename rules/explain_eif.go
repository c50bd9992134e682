package rules

import (
	"context"
	"fmt"

	"github.com/pacta-law/pacta/cistreaty"
)

// answerEIF answers "when did T enter into force (for P)?" in one world.
func answerEIF(e *Engine, w *world, q Question) worldAnswer {
	t := e.treaties[q.Treaty]
	if q.Party == "" {
		return generalEIF(w, t)
	}
	r := w.result(t, q.Party)
	switch r.state {
	case psBound:
		return worldAnswer{v: vTrue, date: r.eif}
	case psUnknown:
		return worldAnswer{v: vIndet, reason: ReasonUnknown}
	case psNotYet:
		return worldAnswer{reason: ReasonNotYet}
	}
	return worldAnswer{reason: ReasonNotParty}
}

// generalEIF is the treaty's general entry into force in one world: a
// recorded treaty-wide date decides, and is then the whole explanation;
// otherwise the first day the treaty was in force for any party. Where some
// party's standing is open, the earliest known day is only an upper bound:
// the treaty may have entered into force earlier for a party the record
// cannot settle, never later.
func generalEIF(w *world, t *treatyInfo) worldAnswer {
	mark := w.tr.mark()
	var first cistreaty.Date
	firstParty := ""
	unknown := false
	for _, p := range t.parties {
		r := w.result(t, p)
		if r.state == psUnknown {
			unknown = true
		}
		if r.state == psBound && (!first.IsValid() || r.eif.Before(first)) {
			first, firstParty = r.eif, p
		}
		// A party whose day is open but that is bound by some day (a
		// counted clause's latest) shows the treaty was in force by then.
		if r.state == psUnknown && r.boundFrom.IsValid() && (!first.IsValid() || r.boundFrom.Before(first)) {
			first, firstParty = r.boundFrom, p
		}
	}
	if i, g, ok := w.firstOf(t.wide, kindSet(cistreaty.EntryIntoForce)); ok {
		// The recorded date decides: the parties' own computations are not
		// its reasons, and their grades are not its grade.
		w.rollback(mark)
		if w.tr != nil {
			w.tr.record(RecordGeneralEntryIntoForce, "The record gives the day the treaty entered into force.", g.String(), i)
		}
		return worldAnswer{v: vTrue, date: g}
	}
	if first.IsValid() && !unknown && t.t.Participation == cistreaty.Complete {
		return worldAnswer{v: vTrue, date: first}
	}
	if first.IsValid() {
		if w.tr != nil {
			why := "the standing of some parties under it is not settled by the record"
			if t.t.Participation != cistreaty.Complete {
				why = "the dataset does not hold every party to it, or every party's instruments"
			}
			w.tr.note(fmt.Sprintf("The treaty entered into force not after %s, the earliest day the record gives (for %s); it may have entered into force earlier, because %s. It cannot have entered into force before it was concluded (%s).", first, firstParty, why, t.t.Concluded))
		}
		return worldAnswer{v: vIndet, date: first, reason: ReasonUnknown, upper: true}
	}
	if unknown || t.t.Participation != cistreaty.Complete {
		if w.tr != nil {
			w.tr.note("No party's entry into force is settled by the record, and no treaty-wide date is recorded: when the treaty entered into force is open.")
		}
		return worldAnswer{v: vIndet, reason: ReasonUnknown}
	}
	return worldAnswer{reason: ReasonNotYet}
}

// fillEIF sets the date answer and, for one party, every period in force.
func fillEIF(ctx context.Context, e *Engine, v *Verdict, q Question, answers []worldAnswer) {
	fillDate(ctx, e, v, q, answers)
	if q.Party != "" {
		v.Periods, _ = e.Periods(ctx, q.Treaty, q.Party, "")
	}
}
