package rules

import (
	"fmt"

	"github.com/pacta-law/pacta/cistreaty"
)

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
			if a.reason == ReasonNotParty {
				appliedThrough(e, w, t, q.Party, q.On)
			}
		}
		if a.v != vFalse {
			suspendedTowardsAll(w, t, q.Party, q.On)
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

// suspendedTowardsAll notes, for a party bound on d, a suspension of its
// participation towards all the other parties in effect on d: it remains a
// party, but the treaty does not operate between it and the others (VCLT
// Art. 72); bound-towards questions answer false.
func suspendedTowardsAll(w *world, t *treatyInfo, party string, d cistreaty.Date) {
	if w.tr == nil {
		return
	}
	var on cistreaty.Date
	src := ""
	for _, i := range t.byParty.of(party) {
		ev := w.e.event(i)
		if ev.Towards != "" || (ev.Kind != cistreaty.Suspension && ev.Kind != cistreaty.SuspensionEnd) {
			continue
		}
		day, ok := w.day(i)
		if !ok || day.After(d) {
			continue
		}
		if ev.Kind == cistreaty.Suspension && (!on.IsValid() || day.After(on)) {
			on, src = day, w.e.ds.EventAt(i).Source.Citation
		}
		if ev.Kind == cistreaty.SuspensionEnd && on.IsValid() && !day.Before(on) {
			on = cistreaty.Date{}
		}
	}
	if on.IsValid() {
		w.tr.note(fmt.Sprintf("%s's participation has been suspended towards all the other parties since %s (%s): it remains a party, but the treaty does not operate between it and the others (VCLT Art. 72); asked towards another party, the answer is false.", party, on, src))
	}
}

// appliedThrough notes, for a state that is not a party to t, another
// treaty that applies t to it (Uzbekistan and the 2011 FTA, through the 2013
// Protocol), and where the state stands under that one on d.
func appliedThrough(e *Engine, w *world, t *treatyInfo, party string, d cistreaty.Date) {
	if w.tr == nil {
		return
	}
	for _, id := range mapKeys(e.treaties) {
		other := e.treaties[id]
		if other.t.Applies != t.t.ID {
			continue
		}
		mark := w.tr.mark()
		v := w.result(other, party).at(d)
		w.rollback(mark)
		stand := map[uint8]string{vTrue: "it is bound by that instrument on " + d.String(),
			vFalse: "it is not bound by that instrument on " + d.String(),
			vIndet: "whether it is bound by that instrument on " + d.String() + " is not settled by the record"}[v]
		w.tr.note(fmt.Sprintf("%s is not a party to %s itself, but %s (%s) applies it between its parties and %s: %s (ask about %s).", party, t.t.ID, other.t.ID, other.t.Title, party, stand, other.t.ID))
	}
}
