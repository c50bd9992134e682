package rules

import (
	"context"
	"errors"
	"slices"
	"sync"

	"github.com/pacta-law/pacta/cistreaty"
)

// timeline is a step function over days: before its first step it is
// first; from each step's day on, that step's value. Most timelines have no
// step or one (in force from a day), a few two (until another), hardly any
// more: two are held inline, the rest behind a pointer, so that a timeline
// is 24 bytes. The engine keeps one for each (treaty, party), millions at
// the scale of the UN treaty record.
type timeline struct {
	first uint8
	n     uint8 // steps held inline
	val   [2]uint8
	day   [2]int32 // day numbers (days since 0001-01-01)
	rest  *[]step  // steps after the first two
}

type step struct {
	day int32
	val uint8
}

// push appends a step; days must increase.
func (tl *timeline) push(day int64, v uint8) {
	if int(tl.n) < len(tl.day) {
		tl.day[tl.n], tl.val[tl.n] = int32(day), v
		tl.n++
		return
	}
	if tl.rest == nil {
		tl.rest = new([]step)
	}
	*tl.rest = append(*tl.rest, step{int32(day), v})
}

// more returns the steps after those held inline.
func (tl *timeline) more() []step {
	if tl.rest == nil {
		return nil
	}
	return *tl.rest
}

// len is the number of steps.
func (tl *timeline) len() int { return int(tl.n) + len(tl.more()) }

// step returns the i-th step.
func (tl *timeline) step(i int) (int64, uint8) {
	if i < int(tl.n) {
		return int64(tl.day[i]), tl.val[i]
	}
	s := tl.more()[i-int(tl.n)]
	return int64(s.day), s.val
}

// at looks up the value on d, allocating nothing.
func (tl *timeline) at(d cistreaty.Date) uint8 {
	n := int32(d.DayNumber())
	v := tl.first
	for i := range int(tl.n) {
		if tl.day[i] > n {
			return v
		}
		v = tl.val[i]
	}
	if tl.rest == nil {
		return v
	}
	rest := *tl.rest
	if rest[0].day > n {
		return v
	}
	lo, hi := 0, len(rest)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if rest[m].day <= n {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return rest[lo-1].val
}

// ptSummary is what the plain queries read for one (treaty, party).
type ptSummary struct {
	tl  timeline
	eif cistreaty.Date // when the same in every world
	// eifSettled: every world agrees on eif (and on whether there is one).
	eifSettled bool
}

// memberSummary is a party's status in an organisation over time.
type memberSummary struct {
	tl       timeline // status index, or indetStatus
	founding uint8    // vFalse, vTrue or vIndet
}

const indetStatus uint8 = 255

// combine merges the worlds' values: the same everywhere, or indeterminate.
func combine(vals []uint8, indet uint8) uint8 {
	for _, v := range vals[1:] {
		if v != vals[0] {
			return indet
		}
	}
	return vals[0]
}

// stepFunction builds a timeline from each world's value at each candidate
// day. value(w, d) must be a step function whose changes lie in days.
func stepFunction(worlds int, days []cistreaty.Date, indet uint8, value func(w int, d cistreaty.Date) uint8) timeline {
	slices.SortFunc(days, cmpDate)
	days = slices.Compact(days)
	vals := make([]uint8, worlds)
	at := func(d cistreaty.Date) uint8 {
		for w := range worlds {
			vals[w] = value(w, d)
		}
		return combine(vals, indet)
	}
	var tl timeline
	tl.first = at(cistreaty.MustParseDate("0001-01-01"))
	cur := tl.first
	for _, d := range days {
		v := at(d)
		if v != cur {
			tl.push(d.DayNumber(), v)
			cur = v
		}
	}
	return tl
}

// buildTimelines builds every treaty's timelines and every organisation's
// membership into a new engine's maps; n is the number of (treaty, party)
// timelines, for which e.timelines is made.
func (e *Engine) buildTimelines(ctx context.Context, order []*treatyInfo, n int) error {
	// Treaties are independent: they are built side by side, in file order,
	// and each one's timelines are filed as soon as it is built (under a
	// lock: what the maps hold does not depend on the order of filing). The
	// findings are put in treaty ID order, and of several failures the
	// first treaty's by ID is returned, so that the result does not depend
	// on the schedule. The first failure stops the others.
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type failure struct {
		treaty string
		err    error
	}
	type built struct {
		ti *treatyInfo
		b  treatyBuild
	}
	var (
		mu       sync.Mutex
		failures []failure
		found    []Finding
		// The map of millions of timelines is made meanwhile, on a
		// goroutine of its own (making it writes every page of it); until
		// it is ready, what is built waits in pending.
		ready   bool
		pending []built
	)
	file := func(ti *treatyInfo, b *treatyBuild) {
		for k, p := range ti.subjects {
			if p != strangerID {
				e.timelines[ptKey{ti.t.ID, p}] = b.summaries[k]
			}
		}
	}
	made := make(chan struct{})
	go func() {
		m := make(map[ptKey]ptSummary, n)
		mu.Lock()
		defer mu.Unlock()
		e.timelines, ready = m, true
		for _, x := range pending {
			file(x.ti, &x.b)
		}
		pending = nil
		close(made)
	}()
	parallel(len(order), func(i int) {
		ti := order[i]
		if ctx.Err() != nil || e.treaties[ti.t.ID] != ti {
			return // stopped, or a duplicate ID (reported by the dataset's validation)
		}
		b := e.buildTreaty(ctx, ti)
		if b.err != nil {
			cancel()
			mu.Lock()
			failures = append(failures, failure{ti.t.ID, b.err})
			mu.Unlock()
			return
		}
		for k, p := range ti.subjects {
			if p == strangerID {
				ti.strangerTL = b.summaries[k].tl
			}
		}
		mu.Lock()
		defer mu.Unlock()
		if ready {
			file(ti, &b)
		} else {
			pending = append(pending, built{ti, b})
		}
		for k, tl := range b.pairs {
			e.pairs[k] = tl
		}
		found = append(found, b.findings...)
	})
	<-made
	if err := parent.Err(); err != nil {
		return err
	}
	if len(failures) > 0 {
		slices.SortFunc(failures, func(a, b failure) int {
			// A treaty's own failure before one stopped by it.
			if ca, cb := errors.Is(a.err, context.Canceled), errors.Is(b.err, context.Canceled); ca != cb {
				if ca {
					return 1
				}
				return -1
			}
			return compareStrings(a.treaty, b.treaty)
		})
		return failures[0].err
	}
	// Each treaty's findings are in order, and the sort is stable.
	slices.SortStableFunc(found, func(a, b Finding) int { return compareStrings(a.Treaty, b.Treaty) })
	e.findings = append(e.findings, found...)
	for _, org := range mapKeys(e.orgs) {
		m, err := e.buildMembership(ctx, e.orgs[org])
		if err != nil {
			return err
		}
		for p, ms := range m {
			e.membership[ptKey{org, p}] = ms
		}
	}
	return nil
}

// treatyBuild is what building one treaty's timelines gives.
type treatyBuild struct {
	summaries []ptSummary // by ti.subjects
	pairs     map[pairKey]*timeline
	findings  []Finding
	err       error
}

func (e *Engine) buildTreaty(ctx context.Context, ti *treatyInfo) treatyBuild {
	// Every world of this build shares what it computes with the others.
	shared := e.getSharedMemo()
	defer e.putSharedMemo(shared)
	return e.buildTreatyShared(ctx, ti, shared)
}

// buildTreatyShared builds a treaty's timelines in worlds that share what
// they compute through shared; nil: each world computes everything itself.
func (e *Engine) buildTreatyShared(ctx context.Context, ti *treatyInfo, shared *sharedMemo) (b treatyBuild) {
	// One set of worlds serves every party of the treaty: the instruments a
	// clause counts are found once per world, not once per party.
	worlds, scope, ok, err := e.exploreUpTo(ctx, false, 1, shared, func(w *world) {
		for _, p := range ti.subjects {
			w.result(ti, p)
		}
	})
	if err != nil {
		b.err = err
		return b
	}
	if ok && len(scope) > 1 {
		// Several uncertain facts, each perhaps read by one party only:
		// combining them for every party multiplies the worlds, so each party
		// gets the worlds of the facts it reads.
		e.release(worlds)
		worlds, ok = nil, false
	}
	b.summaries = make([]ptSummary, len(ti.subjects))
	for k, p := range ti.subjects {
		if ok {
			b.summaries[k] = e.summarise(ti, p, worlds, true)
			continue
		}
		// Each party alone, in the worlds of the facts it reads.
		if err := ctx.Err(); err != nil {
			b.err = err
			return b
		}
		pw, _, pok, err := e.exploreUpTo(ctx, false, e.law.maxUnc, shared, func(w *world) { w.result(ti, p) })
		if err != nil {
			b.err = err
			return b
		}
		b.summaries[k] = e.summarise(ti, p, pw, pok)
		e.release(pw)
	}
	e.release(worlds)
	if b.pairs, b.err = e.buildPairs(ctx, ti, shared); b.err != nil {
		return b
	}
	b.findings, b.err = e.checkRecorded(ctx, ti)
	return b
}

// summarise combines a party's standing under a treaty across the worlds
// into the timeline the plain queries read.
func (e *Engine) summarise(ti *treatyInfo, p string, worlds []*world, ok bool) ptSummary {
	var s ptSummary
	if !ok {
		// Too many uncertain facts to try: indeterminate throughout.
		s.tl = timeline{first: vIndet}
		return s
	}
	res := make([]*ptResult, len(worlds))
	var days []cistreaty.Date
	for i, w := range worlds {
		res[i] = w.result(ti, p)
		days = append(days, res[i].dates()...)
	}
	s.tl = stepFunction(len(worlds), days, vIndet, func(w int, d cistreaty.Date) uint8 { return res[w].at(d) })
	s.eifSettled = true
	for _, r := range res {
		eif := cistreaty.Date{}
		if r.state == psBound {
			eif = r.eif
		}
		if r.state == psUnknown || eif != worldsEIF(res[0]) {
			s.eifSettled = false
		}
	}
	if s.eifSettled {
		s.eif = worldsEIF(res[0])
	}
	return s
}

func worldsEIF(r *ptResult) cistreaty.Date {
	if r.state == psBound {
		return r.eif
	}
	return cistreaty.Date{}
}

// buildPairs precomputes the pairs whose relation is not just both being
// bound: a suspension between them, or a later treaty that displaces this
// one.
func (e *Engine) buildPairs(ctx context.Context, ti *treatyInfo, shared *sharedMemo) (map[pairKey]*timeline, error) {
	// A pair's relation is both being bound unless a suspension or a later
	// treaty's clause says otherwise. Where the dataset does not hold every
	// party, a party with no record under the treaty may be bound too, so
	// every party of the dataset is a counterparty.
	others := ti.parties
	if ti.t.Participation != cistreaty.Complete {
		others = e.partyIDs
	}
	special := map[pairKey]bool{}
	for _, i := range ti.events {
		ev := e.event(i)
		if ev.Kind != cistreaty.Suspension && ev.Kind != cistreaty.SuspensionEnd {
			continue
		}
		if ev.Towards != "" {
			special[orderedPair(ti.t.ID, ev.Party, ev.Towards)] = true
			continue
		}
		// Towards every other party.
		for _, b := range others {
			if b != ev.Party {
				special[orderedPair(ti.t.ID, ev.Party, b)] = true
			}
		}
	}
	if len(ti.displacedBy) > 0 {
		for i, a := range others {
			for _, b := range others[i+1:] {
				special[orderedPair(ti.t.ID, a, b)] = true
			}
		}
	}
	if len(special) == 0 {
		return nil, nil
	}
	out := make(map[pairKey]*timeline, len(special))
	keys := make([]pairKey, 0, len(special))
	for k := range special {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y pairKey) int {
		if x.a != y.a {
			return compareStrings(x.a, y.a)
		}
		return compareStrings(x.b, y.b)
	})
	// One set of worlds serves every pair where they read at most one
	// uncertain fact between them: each party's standing is found once per
	// world, not once per pair. A pair that does not read the fact answers
	// the same in both worlds, as it would alone.
	candidates := make(map[pairKey][]cistreaty.Date, len(keys))
	worlds, scope, ok, err := e.exploreUpTo(ctx, false, 1, shared, func(w *world) {
		for _, k := range keys {
			ds := w.pairDates(ti, k.a, k.b)
			for _, d := range ds {
				w.boundTowards(ti, k.a, k.b, d)
			}
			candidates[k] = append(candidates[k], ds...)
		}
	})
	if err != nil {
		return nil, err
	}
	if ok && len(scope) <= 1 {
		for _, k := range keys {
			tl := stepFunction(len(worlds), candidates[k], vIndet, func(wi int, d cistreaty.Date) uint8 {
				v, _ := worlds[wi].boundTowards(ti, k.a, k.b, d)
				return v
			})
			out[k] = &tl
		}
		e.release(worlds)
		return out, nil
	}
	e.release(worlds)
	for _, k := range keys {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var days []cistreaty.Date
		worlds, _, ok, err := e.exploreUpTo(ctx, false, e.law.maxUnc, shared, func(w *world) {
			ds := w.pairDates(ti, k.a, k.b)
			for _, d := range ds {
				w.boundTowards(ti, k.a, k.b, d)
			}
			days = append(days, ds...)
		})
		if err != nil {
			return nil, err
		}
		if !ok {
			out[k] = &timeline{first: vIndet}
			continue
		}
		tl := stepFunction(len(worlds), days, vIndet, func(wi int, d cistreaty.Date) uint8 {
			v, _ := worlds[wi].boundTowards(ti, k.a, k.b, d)
			return v
		})
		e.release(worlds)
		out[k] = &tl
	}
	return out, nil
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func orderedPair(t, a, b string) pairKey {
	if b < a {
		a, b = b, a
	}
	return pairKey{t, a, b}
}

// checkRecorded compares recorded entry-into-force dates with the computed
// ones where the record is complete enough to check them.
func (e *Engine) checkRecorded(ctx context.Context, ti *treatyInfo, parties ...string) (findings []Finding, err error) {
	if ti.t.Participation != cistreaty.Complete || len(ti.uncertain) > 0 {
		return nil, nil
	}
	if parties == nil {
		parties = ti.parties
	}
	w := e.newWorld(ctx, nil, 0, nil)
	defer e.release([]*world{w})
	for _, p := range parties {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		i, rec, ok := w.firstOf(ti.byParty.of(p), kindSet(cistreaty.EntryIntoForce))
		if !ok {
			continue
		}
		c := &evalCtx{treaty: ti, party: p}
		for _, u := range [...]*clauseUse{&ti.eif, &ti.later} {
			if u.prog == nil {
				continue
			}
			c.params, c.unknown = u.params, false
			v, unk := w.evalRule(u.prog, c)
			if d, ok := optDateOf(v); ok && !unk {
				if d != rec {
					findings = append(findings, Finding{Treaty: ti.t.ID, Party: p, Pos: e.ds.EventAt(i).Pos,
						Message: "recorded entry into force " + rec.String() + " differs from " + d.String() + " computed by " + u.prog.rule.ID})
				}
				break
			}
		}
	}
	return findings, w.err
}
