package rules

import (
	"fmt"
	"strings"

	"cel.dev/cel-go/common/types"

	"github.com/pacta-law/pacta/cistreaty"
	"slices"
)

// ptState is where a party stands under a treaty in one world.
type ptState uint8

const (
	psNotParty ptState = iota // no consent to be bound in the record
	psNotYet                  // consented, but the treaty is not in force for it
	psBound                   // in force from eif (until end, if any)
	psUnknown                 // the record cannot settle it
)

// Why a party's being bound ended.
const (
	endWithdrawal  = "withdrawal"
	endTerm        = "term"
	endTermination = "termination"
	endCeased      = "ceased"
)

// Truth values in timelines.
const (
	vFalse uint8 = 0
	vTrue  uint8 = 1
	vIndet uint8 = 2
)

// ptResult is a party's standing under a treaty in one world.
type ptResult struct {
	state      ptState
	first      cistreaty.Date // its first act under the treaty
	eif        cistreaty.Date
	eifRule    string
	end        cistreaty.Date // first day no longer bound; zero: open
	endUnknown bool           // from end on, whether it is still bound is not settled
	endWhy     string
	why        string
	// boundFrom, for a party whose standing is not settled (psUnknown), is
	// the day from which it is bound nonetheless (until end): the latest its
	// entry into force can be.
	boundFrom cistreaty.Date
	// later are the periods after the first, each opened by a new
	// instrument of consent once the party's being bound had ended (it
	// left and returned).
	later []span
	// deps are the uncertain facts the computation read (memo.go).
	deps deps
}

// span is a later period in which a party is bound: from its entry into
// force up to (not including) end.
type span struct {
	start      cistreaty.Date // the new instrument that opened it
	eif        cistreaty.Date
	eifOpen    bool // the record gives no day for its entry into force
	end        cistreaty.Date
	endUnknown bool
	endWhy     string
}

// at is the party's being bound on d in this world.
func (r *ptResult) at(d cistreaty.Date) uint8 {
	v := r.atFirst(d)
	if v != vFalse || len(r.later) == 0 || d.Before(r.end) {
		return v
	}
	for _, s := range r.later {
		if d.Before(s.start) {
			return vFalse
		}
		ended := s.end.IsValid() && !d.Before(s.end)
		switch {
		case ended && s.endUnknown:
			return vIndet
		case ended:
			continue // this period is over; a later one may hold d
		case s.eifOpen:
			return vIndet
		case d.Before(s.eif):
			return vFalse
		}
		return vTrue
	}
	return vFalse
}

// atFirst is the party's being bound on d in its first period.
func (r *ptResult) atFirst(d cistreaty.Date) uint8 {
	switch r.state {
	case psUnknown:
		if r.first.IsValid() && d.Before(r.first) {
			return vFalse
		}
		if r.end.IsValid() && !d.Before(r.end) {
			if r.endUnknown {
				return vIndet
			}
			return vFalse
		}
		if r.boundFrom.IsValid() && !d.Before(r.boundFrom) {
			return vTrue
		}
		return vIndet
	case psBound:
		if d.Before(r.eif) {
			return vFalse
		}
		if r.end.IsValid() && !d.Before(r.end) {
			if r.endUnknown {
				return vIndet
			}
			return vFalse
		}
		return vTrue
	}
	return vFalse
}

// dates are the days on which the party's standing can change.
func (r *ptResult) dates() []cistreaty.Date {
	var out []cistreaty.Date
	for _, d := range []cistreaty.Date{r.first, r.eif, r.end, r.boundFrom} {
		if d.IsValid() {
			out = append(out, d)
		}
	}
	for _, s := range r.later {
		for _, d := range []cistreaty.Date{s.start, s.eif, s.end} {
			if d.IsValid() {
				out = append(out, d)
			}
		}
	}
	return out
}

func kindSet(ks ...cistreaty.EventKind) uint64 {
	var s uint64
	for _, k := range ks {
		s |= 1 << k
	}
	return s
}

var (
	consentKinds = kindSet(cistreaty.Ratification, cistreaty.Deposit, cistreaty.Accession,
		cistreaty.Succession, cistreaty.Notification)
	actKinds = consentKinds | kindSet(cistreaty.Signature, cistreaty.EntryIntoForce)
)

// stranger is the standing on d of a party of which the record holds
// nothing under the treaty and that did not cease to exist, as compute gives
// it: not bound where the dataset holds every party; where it does not, not
// bound before the treaty was concluded or after it ended, and not settled
// in between.
func (t *treatyInfo) stranger(d cistreaty.Date) uint8 {
	if t.t.Participation == cistreaty.Complete {
		return vFalse
	}
	return t.strangerTL.at(d)
}

// strangerID stands, while timelines are built, for any party of which the
// record holds nothing under a treaty and that did not cease to exist: no
// party has an empty ID.
const strangerID = ""

// result computes, once per world, where a party stands under a treaty.
func (w *world) result(t *treatyInfo, party string) *ptResult {
	k := ptKey{t.t.ID, party}
	if r, ok := w.memo[k]; ok {
		w.replay(r.deps)
		return r
	}
	// A rule that, through others, reads its own treaty's result meets this
	// placeholder and is not settled, rather than recursing for ever.
	if w.busy[k] {
		w.cycles++
		return &ptResult{state: psUnknown, why: "the rules refer to themselves"}
	}
	if w.recording() {
		for _, r := range w.shared.results[k] {
			if w.agrees(r.deps) {
				w.replay(r.deps)
				w.memo[k] = r
				return r
			}
		}
	}
	if w.busy == nil {
		w.busy = map[ptKey]bool{}
	}
	w.busy[k] = true
	mark, cycles := len(w.reads), w.cycles
	var r *ptResult
	if w.shared != nil {
		r = w.shared.newResult()
	} else {
		r = &ptResult{}
	}
	*r = w.compute(t, party)
	delete(w.busy, k)
	if w.shared != nil {
		r.deps = w.depsSince(mark)
	}
	w.memo[k] = r
	if w.sharable(cycles) {
		w.shared.results[k] = append(w.shared.results[k], r)
	}
	return r
}

func (w *world) compute(t *treatyInfo, party string) ptResult {
	var r ptResult
	idx := t.byParty.of(party)
	if np, ok := notParty(t, party); ok {
		if _, _, consented := w.firstOf(idx, consentKinds|kindSet(cistreaty.EntryIntoForce)); !consented {
			// A source shows the state never became a party, and the record
			// holds no instrument of its own: not a party, whatever the
			// rest of the record lacks.
			r.state = psNotParty
			if w.tr != nil {
				s := w.tr.pushRecord(RecordNotAParty, recordCites, strings.TrimSpace(fmt.Sprintf("A source shows that %s never became a party to this treaty (%s), and the record holds no instrument of its consent. %s", party, np.Source.Citation, np.Note)))
				s.rule.Source = np.Source
				w.tr.pop(s, "not a party")
			}
			return r
		}
	}
	_, first, ok := w.firstOf(idx, actKinds)
	if !ok && t.t.Participation != cistreaty.Complete {
		// The dataset does not list every party to this treaty: that it
		// records nothing of this party settles nothing.
		r.state, r.why = psUnknown, "the dataset does not hold every party to this treaty, and records nothing of this one under it"
		r.first = t.t.Concluded // no state is bound before the treaty exists
		if w.tr != nil {
			w.tr.record(RecordParticipationPartial, fmt.Sprintf("The dataset does not hold every party to this treaty and records nothing of %s under it: whether %s is a party is not settled.", party, party), "not settled by the record")
		}
		// Whoever its parties were, the treaty binds no one after it
		// terminated, nor a party after it ceased to exist.
		w.ended(t, party, &r)
		return r
	}
	if !ok {
		r.state = psNotParty
		if w.tr != nil {
			w.tr.record(RecordNotAParty, fmt.Sprintf("The record shows no signature or instrument of %s under this treaty: it never consented to be bound.", party), "not a party")
		}
		return r
	}
	r.first = first
	_, _, consent := w.firstOf(idx, consentKinds)
	_, _, recorded := w.firstOf(idx, kindSet(cistreaty.EntryIntoForce))
	clauseUnknown := t.eif.form == cistreaty.ClauseUnknown || t.later.form == cistreaty.ClauseUnknown
	if !consent && !recorded {
		// A signature binds no one; but where the record of instruments is
		// partial, or the clause is unknown, that no instrument is recorded
		// settles nothing.
		if !clauseUnknown && t.t.Participation == cistreaty.Complete {
			r.state = psNotParty
			if w.tr != nil {
				i, _, _ := w.firstOf(idx, actKinds)
				w.tr.record(RecordNotAParty, fmt.Sprintf("The record shows %s's signature but no instrument of consent to be bound.", party), "not a party", i)
			}
			return r
		}
		// Signed, under a clause whose text is not in the record: whether
		// and when it became bound is open.
		r.state, r.why = psUnknown, "the record shows its signature but not its consent to be bound, and the record of instruments or the treaty's entry-into-force clause is incomplete"
		if w.tr != nil {
			i, _, _ := w.firstOf(idx, actKinds)
			w.tr.record(RecordSignatureOnly, fmt.Sprintf("The record shows %s's signature but no instrument of consent to be bound; the record of this treaty's instruments, or its entry-into-force clause, is incomplete, so whether and when %s became bound is not settled.", party, party), "not settled by the record", i)
		}
		w.ending(t, party, &r)
		return r
	}
	mark := w.tr.mark()
	eif, rule, unknown, why, counts := w.entryIntoForce(t, party, cistreaty.Date{})
	if eif.IsValid() && rule == RecordEntryIntoForce {
		// A recorded entry into force after the first period has ended
		// belongs to a later period (the party left and returned): the
		// first period is read again without it.
		probed := w.tr.mark()
		probe := ptResult{state: psBound, eif: eif}
		w.ending(t, party, &probe)
		if probe.end.IsValid() && !probe.endUnknown && !probe.end.After(eif) {
			w.rollback(mark)
			eif, rule, unknown, why, counts = w.entryIntoForce(t, party, probe.end)
		} else {
			w.rollback(probed)
		}
	}
	switch {
	case eif.IsValid():
		r.state, r.eif, r.eifRule = psBound, eif, rule
		if counts != 0 && t.t.Participation != cistreaty.Complete && w.countedOpen(t, party, &r, counts) {
			w.endingAndReturns(t, party, &r)
			return r
		}
	case unknown:
		r.state, r.why = psUnknown, why
		w.endingAndReturns(t, party, &r)
		return r
	case t.t.Participation != cistreaty.Complete:
		// The dataset does not hold every party to this treaty, or every
		// party's instruments: a clause that counts or waits for instruments
		// (the third deposit, every signatory's consent) gives none where the
		// record cannot tell, not where the treaty is known not to be in
		// force. As for a party with no record or a signature only, whether
		// and when it became bound is not settled.
		r.state, r.why = psUnknown, "the record shows its consent to be bound, but the dataset does not hold every party to this treaty or every party's instruments, and no clause puts it into force on the record"
		if w.tr != nil {
			i, _, _ := w.firstOf(idx, consentKinds)
			w.tr.record(RecordParticipationPartial, fmt.Sprintf("%s has consented to be bound, but no clause of the treaty puts it into force for %s on the record. The dataset does not hold every party to this treaty or every party's instruments, and the entry-into-force clause%s may turn on instruments the record lacks: whether and when the treaty entered into force for %s is not settled.", party, party, clauseCites(t), party), "not settled by the record", i)
		}
		w.endingAndReturns(t, party, &r)
		return r
	default:
		r.state = psNotYet
		if w.tr != nil {
			i, _, _ := w.firstOf(idx, consentKinds)
			w.tr.record(RecordNotYetInForce, fmt.Sprintf("%s has consented to be bound, but no clause of the treaty puts it into force for %s on the record.", party, party), "not in force", i)
		}
		return r
	}
	w.endingAndReturns(t, party, &r)
	return r
}

// clauseCites names, for an explanation, the articles of the treaty's
// entry-into-force clauses (" (Art. 34)"), or nothing where the record
// cites none.
func clauseCites(t *treatyInfo) string {
	var cites []string
	for _, u := range [...]*clauseUse{&t.eif, &t.later} {
		if u.clause == nil {
			continue
		}
		if c := u.clause.Cites; c != "" && !slices.Contains(cites, c) {
			cites = append(cites, c)
		}
	}
	if len(cites) == 0 {
		return ""
	}
	return " (" + strings.Join(cites, "; ") + ")"
}

// returns finds the periods after the first: a party whose being bound
// ended (it withdrew, its term ran out) and that gave a new instrument of
// consent afterwards is bound again from the day the record gives for its
// new entry into force, until what ends that period. Nothing here is
// particular to one treaty: each period ends by the same clauses as the
// first, read from its own start, so a term that ran out before a party
// returned does not end its return. The first period may itself be open
// (psUnknown: the day it began is not settled): what ended it, and what
// came after, are read all the same.
func (w *world) returns(t *treatyInfo, party string, r *ptResult) {
	if (r.state != psBound && r.state != psUnknown) || !r.end.IsValid() || r.endUnknown {
		return
	}
	idx := t.byParty.of(party)
	after := r.end
	for len(r.later) < 16 {
		i, start, ok := w.firstFrom(idx, consentKinds, after)
		if !ok {
			return
		}
		s := span{start: start}
		if j, d, ok := w.firstFrom(idx, kindSet(cistreaty.EntryIntoForce), start); ok {
			s.eif = d
			if w.tr != nil {
				w.tr.record(RecordReturn, fmt.Sprintf("%s's being bound ended on %s. It gave a new instrument (%s) afterwards, and the record gives the day the treaty entered into force for it again.", party, after, w.e.event(i).Kind), d.String(), i, j)
			}
		} else {
			s.eifOpen = true
			if w.tr != nil {
				w.tr.record(RecordReturn, fmt.Sprintf("%s's being bound ended on %s. It gave a new instrument (%s) afterwards, but the record gives no day on which the treaty entered into force for it again: from that instrument on, whether it is bound is not settled.", party, after, w.e.event(i).Kind), "not settled by the record", i)
			}
		}
		from := s.eif
		if s.eifOpen {
			from = s.start
		}
		var end ptResult
		end.eif = from
		w.endingFrom(t, party, &end, from)
		s.end, s.endUnknown, s.endWhy = end.end, end.endUnknown, end.endWhy
		r.later = append(r.later, s)
		if s.eifOpen || !s.end.IsValid() || s.endUnknown {
			return
		}
		after = s.end
	}
}

// firstFrom returns the earliest event among idx whose kind is in set and
// that happened in this world on or after from.
func (w *world) firstFrom(idx []int, set uint64, from cistreaty.Date) (int, cistreaty.Date, bool) {
	best, bestDay := -1, cistreaty.Date{}
	for _, i := range idx {
		if set&(1<<w.e.event(i).Kind) == 0 {
			continue
		}
		d, ok := w.day(i)
		if !ok || d.Before(from) {
			continue
		}
		if best < 0 || d.Before(bestDay) {
			best, bestDay = i, d
		}
	}
	return best, bestDay, best >= 0
}

// entryIntoForce applies the treaty's clauses, then the record, then the
// Vienna Convention's default.
//
// A recorded date for the party counts only before until (when valid): one
// on or after it belongs to a later period.
//
// counts says how the clause that gave the date read the other parties'
// instruments (countNth, countAll, countEvents), or is zero.
func (w *world) entryIntoForce(t *treatyInfo, party string, until cistreaty.Date) (eif cistreaty.Date, rule string, unknown bool, why string, counts uint8) {
	c := &evalCtx{treaty: t, party: party}
	for _, u := range [...]*clauseUse{&t.eif, &t.later} {
		if u.prog == nil {
			continue
		}
		c.params, c.unknown, c.clause, c.counts = u.params, false, u.clause, 0
		mark := w.tr.mark()
		v, unk := w.evalRule(u.prog, c)
		if unk {
			unknown, why = true, "a fact the clause needs is not settled by the record"
			continue
		}
		if d, ok := optDateOf(v); ok {
			if w.tr != nil && mark < len(w.tr.steps) {
				// A recorded date that agrees corroborates the clause: the
				// explanation shows it beside the facts the clause read.
				if i, rec, ok := w.firstOf(t.byParty.of(party), kindSet(cistreaty.EntryIntoForce)); ok && rec == d {
					st := w.tr.steps[mark]
					if !slices.Contains(st.facts, i) {
						st.facts = append(st.facts, i)
					}
				}
			}
			return d, u.prog.rule.ID, false, "", c.counts
		}
		// A clause that does not apply to this party is left out of the
		// explanation; the one that applies speaks.
		w.rollback(mark)
	}
	idx := t.byParty.of(party)
	if i, d, ok := w.firstOf(idx, kindSet(cistreaty.EntryIntoForce)); ok && (!until.IsValid() || d.Before(until)) {
		if w.tr != nil {
			w.tr.record(RecordEntryIntoForce, fmt.Sprintf("The record gives the day the treaty entered into force for %s.", party), d.String(), i)
		}
		return d, RecordEntryIntoForce, false, "", 0
	}
	if t.eif.form == cistreaty.ClauseSilent {
		if p := w.e.c.rules[RuleVCLTArt24]; p != nil {
			c.params, c.unknown, c.clause, c.counts = nil, false, nil, 0
			v, unk := w.evalRule(p, c)
			if unk {
				unknown, why = true, "a fact Art. 24 needs is not settled by the record"
			} else if d, ok := optDateOf(v); ok {
				return d, p.rule.ID, false, "", c.counts
			}
		}
	}
	if i, g, ok := w.firstOf(t.wide, kindSet(cistreaty.EntryIntoForce)); ok {
		if j, d, ok := w.firstOf(idx, consentKinds); ok && !d.After(g) {
			if w.tr != nil {
				w.tr.record(RecordGeneralEntryIntoForce, fmt.Sprintf("The record gives the day the treaty entered into force; %s had consented to be bound before it.", party), g.String(), i, j)
			}
			return g, RecordGeneralEntryIntoForce, false, "", 0
		}
	}
	if t.eif.form == cistreaty.ClauseUnknown || t.later.form == cistreaty.ClauseUnknown {
		return cistreaty.Date{}, "", true, "the treaty's entry-into-force clause is not in the record, and the record gives no date for this party", 0
	}
	return cistreaty.Date{}, "", unknown, why, 0
}

// countedOpen widens a party's entry into force that a clause computed by
// counting the other parties' instruments, where the dataset does not hold
// every party or every party's instruments (participation partial):
//
//   - nth (the third deposit): the instruments the record lacks could only
//     make the n-th come earlier. The clauses are read again as if the n-th
//     had come on each of the party's own instruments, and the day before
//     the first; the earliest and latest days they give bound the real one.
//     Before the earliest the party is not bound, from the latest it is, in
//     between it is not settled. A party whose instrument came after the
//     recorded n-th comes after any earlier one too: its day is settled.
//   - allConsented (every signatory's consent): signatories the record lacks
//     could only make it later. The computed day is the earliest; from it on,
//     whether the party is bound is not settled.
//   - the events list, or both: a rule that reads the instruments itself
//     could count them either way; from the party's consent on, whether it
//     is bound is not settled.
//
// A treaty-wide entry into force in the record, or the party's own that
// agrees with the clause, settles the day: nothing is widened. It reports
// whether r became open (psUnknown).
func (w *world) countedOpen(t *treatyInfo, party string, r *ptResult, counts uint8) bool {
	idx := t.byParty.of(party)
	if _, _, ok := w.firstOf(t.wide, kindSet(cistreaty.EntryIntoForce)); ok {
		return false
	}
	if _, d, ok := w.firstOf(idx, kindSet(cistreaty.EntryIntoForce)); ok && d == r.eif {
		return false
	}
	ci, consent, ok := w.firstOf(idx, consentKinds)
	if !ok {
		return false
	}
	lo, hi := r.eif, r.eif
	var how string
	switch {
	case counts&countEvents != 0 || counts&(countNth|countAll) == countNth|countAll:
		lo, hi = consent, cistreaty.Date{}
		how = "reads the other parties' instruments, which the record may lack, in a way the engine cannot tell makes its day earlier or later"
	case counts&countAll != 0:
		hi = cistreaty.Date{}
		how = "waits for every recorded signatory's consent; signatories the record lacks could only make that day later"
	default:
		at := []cistreaty.Date{}
		if d, err := consent.AddDays(-1); err == nil {
			at = append(at, d)
		}
		for _, i := range idx {
			if consentKinds&(1<<w.e.event(i).Kind) != 0 {
				if d, ok := w.day(i); ok {
					at = append(at, d)
				}
			}
		}
		for _, x := range at {
			d, ok := w.probeNth(t, party, x)
			if !ok {
				continue
			}
			if d.Before(lo) {
				lo = d
			}
			if d.After(hi) {
				hi = d
			}
		}
		how = "counts the recorded instruments; instruments the record lacks could only make the counted one come earlier, and had it come before " + party + "'s own, the treaty's clauses would read " + party + " as a later party"
	}
	if lo == hi {
		return false
	}
	rule := r.eifRule
	r.state, r.first, r.boundFrom = psUnknown, lo, hi
	r.why = "the clause counts the other parties' instruments, and the dataset does not hold every party to this treaty or every party's instruments"
	if w.tr != nil {
		span := fmt.Sprintf("on a day from %s to %s: before %s it is not bound, from %s on it is, and in between whether it is bound is not settled", lo, hi, lo, hi)
		value := fmt.Sprintf("not before %s, not after %s", lo, hi)
		if !hi.IsValid() {
			span = fmt.Sprintf("not before %s: before it is not bound, and from then on whether it is bound is not settled", lo)
			value = "not before " + lo.String()
		}
		says := fmt.Sprintf("The entry-into-force clause%s, read by %s, gives %s for %s from the record, but it %s. The dataset does not hold every party to this treaty or every party's instruments (participation partial): the treaty entered into force for %s %s.", clauseCites(t), rule, r.eif, party, how, party, span)
		w.tr.record(RecordParticipationPartial, says, value, ci)
		w.tr.note(fmt.Sprintf("The record of this treaty's instruments is incomplete: the day %s computes for %s (%s) is a bound, not the day; the treaty entered into force for %s %s.", rule, party, r.eif, party, span))
	}
	return true
}

// probeNth is the party's entry into force under the treaty's clauses had
// the n-th instrument come on at (or on its recorded day, if earlier). It
// leaves nothing in the explanation.
func (w *world) probeNth(t *treatyInfo, party string, at cistreaty.Date) (cistreaty.Date, bool) {
	mark := w.tr.mark()
	defer w.rollback(mark)
	c := &evalCtx{treaty: t, party: party, nthAt: at}
	for _, u := range [...]*clauseUse{&t.eif, &t.later} {
		if u.prog == nil {
			continue
		}
		c.params, c.unknown, c.clause = u.params, false, u.clause
		v, unk := w.evalRule(u.prog, c)
		if unk {
			return cistreaty.Date{}, false
		}
		if d, ok := optDateOf(v); ok {
			return d, true
		}
	}
	return cistreaty.Date{}, false
}

func optDateOf(v any) (cistreaty.Date, bool) {
	switch x := v.(type) {
	case *types.Optional:
		if x.HasValue() {
			return optDateOf(x.GetValue())
		}
	case celDate:
		return x.d, true
	}
	return cistreaty.Date{}, false
}

// endingAndReturns reads what ended the party's first period of being
// bound, and the periods after it.
func (w *world) endingAndReturns(t *treatyInfo, party string, r *ptResult) {
	w.ending(t, party, r)
	w.returns(t, party, r)
}

// ending finds the first day the party is no longer bound: a withdrawal, the
// treaty's termination, the end of its term, or the party's extinction.
func (w *world) ending(t *treatyInfo, party string, r *ptResult) {
	w.endingFrom(t, party, r, cistreaty.Date{})
}

// endingFrom is ending for a period that began on from (zero: the first):
// only what happens after from can end it.
func (w *world) endingFrom(t *treatyInfo, party string, r *ptResult, from cistreaty.Date) {
	firstOf := func(idx []int, set uint64) (int, cistreaty.Date, bool) {
		if !from.IsValid() {
			return w.firstOf(idx, set)
		}
		return w.firstFrom(idx, set, from)
	}
	consider := func(d cistreaty.Date, why string, unknown bool) {
		if from.IsValid() && !d.After(from) {
			return
		}
		r.consider(d, why, unknown)
	}
	idx := t.byParty.of(party)
	// A notice under a known clause decides by the clause; a recorded
	// withdrawal decides where the clause cannot (unknown or silent).
	decided := false
	if i, notice, ok := firstOf(idx, kindSet(cistreaty.WithdrawalNotice)); ok && t.withdrawal.prog != nil {
		d, unknown := w.withdrawal(t, party, notice, w.e.event(i).Effective, i)
		consider(d, endWithdrawal, unknown)
		decided = !unknown
	}
	if i, d, ok := firstOf(idx, kindSet(cistreaty.Withdrawal)); ok && !decided {
		if w.tr != nil {
			w.tr.record(RecordWithdrawal, fmt.Sprintf("The record gives the day %s's withdrawal took effect.", party), d.String(), i)
		}
		consider(d, endWithdrawal, false)
		decided = true
	}
	if i, notice, ok := firstOf(idx, kindSet(cistreaty.WithdrawalNotice)); ok && t.withdrawal.prog == nil && !decided {
		d, unknown := w.withdrawal(t, party, notice, w.e.event(i).Effective, i)
		consider(d, endWithdrawal, unknown)
	}
	w.terminated(t, r, from)
	if t.term.prog != nil {
		c := &evalCtx{treaty: t, party: party, params: t.term.params, clause: t.term.clause, noneMeans: "no end of term for this party"}
		mark := w.tr.mark()
		v, unk := w.evalRule(t.term.prog, c)
		if unk {
			consider(r.eif, endTerm, true)
		} else if last, ok := optDateOf(v); ok {
			if next, err := last.AddDays(1); err == nil {
				consider(next, endTerm, false)
				if from.IsValid() && !next.After(from) {
					// A term that ran out before this period began is not
					// among its reasons.
					w.rollback(mark)
				}
			}
		} else if from.IsValid() {
			w.rollback(mark)
		}
	} else if t.term.form == cistreaty.ClauseUnknown {
		// A term whose text is not in the record: nothing is known to end it.
		_ = 0
	}
	w.ceased(party, r, from)
}

// ended applies what ends the treaty for every party: its termination, and
// the party's ceasing to exist.
func (w *world) ended(t *treatyInfo, party string, r *ptResult) {
	w.terminated(t, r, cistreaty.Date{})
	w.ceased(party, r, cistreaty.Date{})
}

// terminated and ceased read only what happens on or after from (zero:
// everything).
func (w *world) terminated(t *treatyInfo, r *ptResult, from cistreaty.Date) {
	if i, d, ok := w.firstFrom(t.wide, kindSet(cistreaty.Termination), from); ok {
		if w.tr != nil {
			w.tr.record(RecordTermination, "The record gives the day the treaty terminated.", d.String(), i)
		}
		r.consider(d, endTermination, false)
	}
}

func (w *world) ceased(party string, r *ptResult, from cistreaty.Date) {
	if i, d, ok := w.firstFrom(w.e.ceased[party], kindSet(cistreaty.CeasedToExist), from); ok {
		if w.tr != nil {
			w.tr.record(RecordCeasedToExist, fmt.Sprintf("%s ceased to exist; a state that no longer exists is bound by nothing.", party), d.String(), i)
		}
		r.consider(d, endCeased, false)
	}
}

// consider makes d the end of being bound if it is the first.
func (r *ptResult) consider(d cistreaty.Date, why string, unknown bool) {
	if !d.IsValid() {
		return
	}
	if !r.end.IsValid() || d.Before(r.end) || (d == r.end && r.endUnknown && !unknown) {
		r.end, r.endWhy, r.endUnknown = d, why, unknown
	}
}

// withdrawal applies the treaty's withdrawal clause to a notice received on
// notice (naming a later date named, if valid). unknown reports that the
// record cannot settle whether or when it takes effect; the date is then the
// first day on which it could.
func (w *world) withdrawal(t *treatyInfo, party string, notice, named cistreaty.Date, noticeEvent int) (cistreaty.Date, bool) {
	c := &evalCtx{treaty: t, party: party, notice: notice, named: named}
	switch t.withdrawal.form {
	case cistreaty.ClauseUnknown:
		if w.tr != nil {
			w.tr.record(RecordWithdrawalClauseUnknown,
				"The treaty has a withdrawal clause, but its text is not in the record: when the notice takes effect is not settled.",
				"not settled by the record", noticeEvent)
		}
		return notice, true
	case cistreaty.ClauseSilent:
		p := w.e.c.rules[RuleVCLTArt56]
		c.noticeEvent = noticeEvent
		v, unk := w.evalRule(p, c)
		d, ok := optDateOf(v)
		if unk || !ok {
			return notice, true
		}
		// Art. 56(1): whether a silent treaty admits withdrawal at all is
		// not in the record, so from this day on the answer is open.
		return d, true
	}
	c.params, c.clause = t.withdrawal.params, t.withdrawal.clause
	c.noticeEvent = noticeEvent
	v, unk := w.evalRule(t.withdrawal.prog, c)
	d, ok := optDateOf(v)
	if unk || !ok {
		return notice, true
	}
	return d, false
}

// notParty is the treaty's record that party never became a party to it.
func notParty(t *treatyInfo, party string) (cistreaty.NotParty, bool) {
	for _, np := range t.t.NotParties {
		if np.Party == party {
			return np, true
		}
	}
	return cistreaty.NotParty{}, false
}
