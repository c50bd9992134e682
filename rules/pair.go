package rules

import (
	"context"
	"fmt"

	"cel.dev/cel-go/common/types"

	"github.com/pacta-law/pacta/cistreaty"
)

// and3 is Kleene's conjunction: false wins, then indeterminate.
func and3(a, b uint8) uint8 {
	if a == vFalse || b == vFalse {
		return vFalse
	}
	if a == vIndet || b == vIndet {
		return vIndet
	}
	return vTrue
}

// pairDates are the days on which the relation between a and b can change.
func (w *world) pairDates(ti *treatyInfo, a, b string) []cistreaty.Date {
	out := append(w.result(ti, a).dates(), w.result(ti, b).dates()...)
	for _, i := range w.suspensions(ti, a, b) {
		if d, ok := w.day(i); ok {
			out = append(out, d)
		}
	}
	for _, du := range ti.displacedBy {
		if d, unk := w.displacement(du, a, b); d.IsValid() && !unk {
			out = append(out, d)
		}
	}
	return out
}

// suspensions are the suspension and suspension-end events between a and b
// (in either direction: suspension is symmetric, VCLT Art. 72), or of either
// towards every party.
func (w *world) suspensions(ti *treatyInfo, a, b string) []int {
	var out []int
	for _, i := range ti.suspensions {
		ev := w.e.event(i)
		if (ev.Party == a && (ev.Towards == b || ev.Towards == "")) || (ev.Party == b && (ev.Towards == a || ev.Towards == "")) {
			out = append(out, i)
		}
	}
	return out
}

// suspended reports whether the treaty is suspended between a and b on d,
// and the event that decides it.
func (w *world) suspended(ti *treatyInfo, a, b string, d cistreaty.Date) (bool, int) {
	on, last := false, -1
	var lastDay cistreaty.Date
	for _, i := range w.suspensions(ti, a, b) {
		day, ok := w.day(i)
		if !ok || day.After(d) {
			continue
		}
		if last < 0 || !day.Before(lastDay) {
			on, last, lastDay = w.e.event(i).Kind == cistreaty.Suspension, i, day
		}
	}
	return on, last
}

// displacement evaluates a later treaty's clause that ends this one between
// a and b: the first day it no longer applies between them.
func (w *world) displacement(du displaceUse, a, b string) (cistreaty.Date, bool) {
	// The clause does not depend on the day asked about: a world evaluates
	// it once per pair (an explained world evaluates it where it is asked,
	// so that the explanation shows it).
	k := displaceKey{du.later, du.earlier, a, b}
	if w.tr == nil {
		if r, ok := w.displaced[k]; ok {
			w.replay(r.deps)
			return r.d, r.unknown
		}
		if w.recording() {
			for _, r := range w.shared.displaced[k] {
				if w.agrees(r.deps) {
					w.replay(r.deps)
					w.keepDisplaced(k, r)
					return r.d, r.unknown
				}
			}
		}
	}
	mark, cycles := len(w.reads), w.cycles
	c := &evalCtx{treaty: du.later, party: a, other: b, params: du.use.params}
	v, unk := w.evalRule(du.use.prog, c)
	var d cistreaty.Date
	if !unk {
		d, _ = optDateOf(v)
	}
	if w.tr == nil && w.err == nil {
		r := displaceResult{d: d, unknown: unk}
		if w.shared != nil {
			r.deps = w.depsSince(mark)
		}
		w.keepDisplaced(k, r)
		if w.sharable(cycles) {
			w.shared.displaced[k] = append(w.shared.displaced[k], r)
		}
	}
	return d, unk
}

func (w *world) keepDisplaced(k displaceKey, r displaceResult) {
	if w.displaced == nil {
		w.displaced = map[displaceKey]displaceResult{}
	}
	w.displaced[k] = r
}

type displaceKey struct {
	later, earlier *treatyInfo
	a, b           string
}

type displaceResult struct {
	d       cistreaty.Date
	unknown bool
	deps    deps
}

// boundTowards is whether a is bound towards b under the treaty on d in this
// world, with the reason when it is not.
func (w *world) boundTowards(ti *treatyInfo, a, b string, d cistreaty.Date) (uint8, string) {
	v := and3(w.result(ti, a).at(d), w.result(ti, b).at(d))
	if v == vFalse {
		return v, ""
	}
	if on, i := w.suspended(ti, a, b, d); i >= 0 {
		if w.tr != nil {
			ev := w.e.event(i)
			value := "suspension ended"
			if on {
				value = "suspended"
			}
			w.tr.record(RecordSuspension,
				fmt.Sprintf("%s suspended the operation of the treaty towards %s; suspension operates between the two of them (VCLT Art. 72).", ev.Party, orAll(ev.Towards)),
				value, i)
		}
		if on {
			return vFalse, "suspended"
		}
	}
	for _, du := range ti.displacedBy {
		x, unk := w.displacement(du, a, b)
		if unk {
			v = and3(v, vIndet)
			continue
		}
		if x.IsValid() && !d.Before(x) {
			return vFalse, "displaced by " + du.later.t.ID
		}
	}
	return v, ""
}

func orAll(p string) string {
	if p == "" {
		return "every other party"
	}
	return p
}

// status is a party's status in an organisation on d in this world: the
// first status rule that holds, or the default.
func (w *world) status(oi *orgInfo, party string, d cistreaty.Date) uint8 {
	if !w.recording() {
		return w.statusOf(oi, party, d)
	}
	k := statusKey{oi, party, d}
	for _, r := range w.shared.statuses[k] {
		if w.agrees(r.deps) {
			w.replay(r.deps)
			return r.v
		}
	}
	mark, cycles := len(w.reads), w.cycles
	v := w.statusOf(oi, party, d)
	if w.sharable(cycles) {
		w.shared.statuses[k] = append(w.shared.statuses[k], statusResult{v, w.depsSince(mark)})
	}
	return v
}

func (w *world) statusOf(oi *orgInfo, party string, d cistreaty.Date) uint8 {
	var first *treatyInfo
	if len(oi.consts) > 0 {
		first = oi.consts[0]
	}
	for _, s := range oi.statuses {
		c := &evalCtx{treaty: first, party: party, on: d}
		mark := w.tr.mark()
		v, unk := w.evalRule(s.prog, c)
		if unk {
			return indetStatus
		}
		if v == types.True {
			return s.idx
		}
		if w.err != nil {
			return indetStatus
		}
		w.rollback(mark)
	}
	return uint8(len(oi.names) - 1)
}

// statusDates are the days on which a party's status can change.
func (w *world) statusDates(oi *orgInfo, party string) []cistreaty.Date {
	var out []cistreaty.Date
	for _, t := range oi.consts {
		r := w.result(t, party)
		out = append(out, r.dates()...)
		for _, i := range t.byParty.of(party) {
			if d, ok := w.day(i); ok {
				out = append(out, d)
			}
		}
	}
	return out
}

// founding evaluates the organisation's founding rule: true, false, or
// indeterminate where the record supports two readings.
func (w *world) founding(oi *orgInfo, party string) uint8 {
	if oi.founding == nil {
		return vFalse
	}
	var first *treatyInfo
	if len(oi.consts) > 0 {
		first = oi.consts[0]
	}
	v, unk := w.evalRule(oi.founding, &evalCtx{treaty: first, party: party, noneMeans: "not settled: the record supports two readings"})
	if unk {
		return vIndet
	}
	if o, ok := v.(*types.Optional); ok {
		if !o.HasValue() {
			return vIndet
		}
		v = o.GetValue()
	}
	if v == types.True {
		return vTrue
	}
	return vFalse
}

// buildMembership builds every party's status in an organisation over time.
func (e *Engine) buildMembership(ctx context.Context, oi *orgInfo) (map[string]*memberSummary, error) {
	// The worlds of every party share what they compute: the constituent
	// treaties' standing, and each status on each day.
	return e.buildMembershipShared(ctx, oi, newSharedMemo())
}

// buildMembershipShared is buildMembership in worlds that share what they
// compute through shared; nil: each world computes everything itself.
func (e *Engine) buildMembershipShared(ctx context.Context, oi *orgInfo, shared *sharedMemo) (map[string]*memberSummary, error) {
	out := make(map[string]*memberSummary, len(e.partyIDs))
	for _, p := range e.partyIDs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if p == oi.o.Party {
			continue
		}
		ms := &memberSummary{}
		var days []cistreaty.Date
		// The statuses each world works out are kept: the timeline asks the
		// final worlds for the same days again. A world is run afresh (from
		// the pool, perhaps under an earlier one's address) each time f is.
		known := map[*world]map[cistreaty.Date]uint8{}
		worlds, _, ok, err := e.exploreUpTo(ctx, false, e.law.maxUnc, shared, func(w *world) {
			ds := w.statusDates(oi, p)
			got := make(map[cistreaty.Date]uint8, len(ds))
			for _, d := range ds {
				got[d] = w.status(oi, p, d)
			}
			known[w] = got
			w.founding(oi, p)
			days = append(days, ds...)
		})
		if err != nil {
			return nil, err
		}
		if !ok {
			ms.tl, ms.founding = timeline{first: indetStatus}, vIndet
			out[p] = ms
			continue
		}
		ms.tl = stepFunction(len(worlds), days, indetStatus, func(wi int, d cistreaty.Date) uint8 {
			if v, ok := known[worlds[wi]][d]; ok {
				return v
			}
			return worlds[wi].status(oi, p, d)
		})
		fs := make([]uint8, len(worlds))
		for i, w := range worlds {
			fs[i] = w.founding(oi, p)
		}
		ms.founding = combine(fs, vIndet)
		for _, w := range worlds {
			if w.err != nil {
				return nil, w.err
			}
		}
		e.release(worlds)
		out[p] = ms
	}
	return out, nil
}
