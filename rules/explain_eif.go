package rules

import "github.com/pacta-law/pacta/cistreaty"

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

// generalEIF is the treaty's general entry into force: the first day it was
// in force for any party.
func generalEIF(w *world, t *treatyInfo) worldAnswer {
	var first cistreaty.Date
	unknown := false
	for _, p := range t.parties {
		r := w.result(t, p)
		if r.state == psUnknown {
			unknown = true
		}
		if r.state == psBound && (!first.IsValid() || r.eif.Before(first)) {
			first = r.eif
		}
	}
	// Where the dataset lacks some parties, the earliest computed date may
	// not be the treaty's: the recorded one is the answer.
	if !first.IsValid() || t.t.Participation != cistreaty.Complete {
		if i, g, ok := w.firstOf(t.wide, kindSet(cistreaty.EntryIntoForce)); ok {
			if w.tr != nil {
				w.tr.record("record/general-entry-into-force", "The record gives the day the treaty entered into force.", g.String(), i)
			}
			return worldAnswer{v: vTrue, date: g}
		}
	}
	if first.IsValid() && !unknown {
		return worldAnswer{v: vTrue, date: first}
	}
	if unknown || t.t.Participation != cistreaty.Complete {
		// A party whose standing is open may have been bound earlier.
		return worldAnswer{v: vIndet, date: first, reason: ReasonUnknown}
	}
	return worldAnswer{reason: ReasonNotYet}
}

// fillEIF sets the date answer and, for one party, every period in force.
func fillEIF(e *Engine, v *Verdict, q Question, answers []worldAnswer) {
	fillDate(e, v, q, answers)
	if q.Party != "" {
		v.Periods, _ = e.Periods(q.Treaty, q.Party, "")
	}
}
