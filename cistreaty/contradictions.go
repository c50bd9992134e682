package cistreaty

import (
	"cmp"
	"slices"
)

// Facts that cannot all be true. Each is a problem of the dataset, placed
// at the event that cannot follow the others; the rules never see it, so
// that no answer rests on a record that contradicts itself. An order of
// events counts only when it is certain: an event known only as a range is
// before another when its range ends before the other's begins, and an
// instrument that may fall between two events is taken to be between them.

// factKey is what makes two events the same fact: all but their source,
// note and position.
type factKey struct {
	treaty, party, towards string
	kind                   EventKind
	when                   When
	effective              Date
}

// maxPairEvents bounds the events of one party under one treaty that the
// checks of order compare pairwise; a pair with more is not checked for
// order (no real record comes near it).
const maxPairEvents = 256

// instrument reports the kinds by which a party expresses its consent to be
// bound (or its continuation): a new one can follow a withdrawal.
func instrument(k EventKind) bool {
	switch k {
	case Ratification, Deposit, Accession, Succession, Notification:
		return true
	}
	return false
}

// consentKind reports the kinds that show a party took part in a treaty at
// all, as the check of a withdrawal's date counts them.
func consentKind(k EventKind) bool {
	switch k {
	case Signature, Ratification, Deposit, Accession, Succession, Notification,
		ProvisionalApplication, EntryIntoForce:
		return true
	}
	return false
}

// certainlyBefore reports whether a is over before b can begin. An
// expected event without a latest day may come at any time after its
// earliest, or never: nothing is certainly after it.
func certainlyBefore(a, b When) bool {
	if a.Expected && !a.Latest.IsValid() {
		return false
	}
	return a.Earliest.IsValid() && b.Earliest.IsValid() && upper(a).Before(b.Earliest)
}

// mayFallBetween reports whether x can lie between a and b (a before b).
func mayFallBetween(x, a, b When) bool {
	return x.Earliest.IsValid() && !upper(x).Before(a.Earliest) && !upper(b).Before(x.Earliest)
}

func (v *validator) contradictions() {
	ds := v.ds
	counted := func(e *Event) bool { return e.When.Earliest.IsValid() && e.Kind != EventUnknown }
	key := func(e *Event) factKey { return factKey{e.Treaty, e.Party, e.Towards, e.Kind, e.When, e.Effective} }
	// The events are grouped by pair through the dataset's index, each
	// treaty's events sorted by party number and then by index, so that a
	// record of millions of events needs no map from pairs or facts. Events
	// the index does not place (an empty or unknown treaty or party: other
	// problems of the dataset) are grouped by name.
	// At most a group an event: room for that many is cheaper than
	// growing the list a pair at a time (pages never written are never
	// touched).
	groups := make([]span, 0, len(ds.events))
	placed := make([]bool, len(ds.events))
	var keys []uint64
	backing := make([]int32, 0, len(ds.events)) // every group's events, cut from one array
	for t := range ds.treaties {
		id := ds.treaties[t].ID
		list := ds.byTreaty[id]
		if len(list) == 0 || ds.treatyIdx[id] != t {
			continue
		}
		keys = keys[:0]
		for _, i := range list {
			e := &ds.events[i]
			p, ok := ds.partyIdx[e.Party]
			if !ok || e.Party == "" {
				continue
			}
			placed[i] = true
			if counted(e) {
				keys = append(keys, uint64(p)<<32|uint64(i))
			}
		}
		slices.Sort(keys)
		for a := 0; a < len(keys); {
			lo := int32(len(backing))
			for b := a; b < len(keys) && keys[b]>>32 == keys[a]>>32; b++ {
				backing = append(backing, int32(keys[b]&0xffffffff))
			}
			a += len(backing) - int(lo)
			groups = append(groups, span{lo, int32(len(backing))})
		}
	}
	at := len(backing)
	for i := range ds.events {
		if !placed[i] && counted(&ds.events[i]) {
			backing = append(backing, int32(i))
		}
	}
	pairOf := func(i int32) pairKey { return pairKey{ds.events[i].Treaty, ds.events[i].Party} }
	slices.SortFunc(backing[at:], func(a, b int32) int {
		ka, kb := pairOf(a), pairOf(b)
		if c := cmp.Compare(ka.treaty, kb.treaty); c != 0 {
			return c
		}
		if c := cmp.Compare(ka.party, kb.party); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	for a := at; a < len(backing); {
		b := a + 1
		for b < len(backing) && pairOf(backing[b]) == pairOf(backing[a]) {
			b++
		}
		groups = append(groups, span{int32(a), int32(b)})
		a = b
	}
	// A fact recorded twice is a problem at each later copy, naming the
	// first; the copies are left out of the checks of order.
	type duplicate struct{ i, first int32 }
	var dups []duplicate
	for g := range groups {
		evs := backing[groups[g].lo:groups[g].hi]
		kept := evs[:0]
		if len(evs) <= 32 {
		next:
			for _, i := range evs {
				k := key(&ds.events[i])
				for _, f := range kept {
					if key(&ds.events[f]) == k {
						dups = append(dups, duplicate{i, f})
						continue next
					}
				}
				kept = append(kept, i)
			}
		} else {
			first := make(map[factKey]int32, len(evs))
			for _, i := range evs {
				k := key(&ds.events[i])
				if f, dup := first[k]; dup {
					dups = append(dups, duplicate{i, f})
					continue
				}
				first[k] = i
				kept = append(kept, i)
			}
		}
		groups[g].hi = groups[g].lo + int32(len(kept))
	}
	slices.SortFunc(dups, func(a, b duplicate) int { return cmp.Compare(a.i, b.i) })
	for _, d := range dups {
		e := &ds.events[d.i]
		v.addCode(e.Pos, "events", codeDuplicate, "the same %s%s as the event%s: a fact is recorded once%s",
			e.Kind, forWhom(e), where(ds.events[d.first].Pos), eventDesc{e})
	}
	// Each pair is checked in the order of its first event.
	slices.SortFunc(groups, func(a, b span) int { return cmp.Compare(backing[a.lo], backing[b.lo]) })
	var events []*Event
	for _, g := range groups {
		k := pairOf(backing[g.lo])
		if k.treaty == "" || k.party == "" {
			continue
		}
		events = events[:0]
		for _, i := range backing[g.lo:g.hi] {
			events = append(events, &ds.events[i])
		}
		v.pairFacts(k, events)
	}
}

// span is the events backing[lo:hi] of one pair.
type span struct{ lo, hi int32 }

// contradictionsFrom finds the contradictions contradictions would in a
// dataset whose events before n hold none: those of each event from n on
// (a duplicate, or at odds with the events of its pair), and those its pair
// now has. Touched lists the pairs of the events from n on.
func (v *validator) contradictionsFrom(n int, touched []pairKey) {
	ds := v.ds
	counted := func(e *Event) bool { return e.When.Earliest.IsValid() && e.Kind != EventUnknown }
	key := func(e *Event) factKey { return factKey{e.Treaty, e.Party, e.Towards, e.Kind, e.When, e.Effective} }
	dup := make([]bool, len(ds.events)-n)
	for i := n; i < len(ds.events); i++ {
		e := &ds.events[i]
		if !counted(e) {
			continue
		}
		k := key(e)
		for j := range i {
			// The first of a fact is never itself a duplicate.
			if f := &ds.events[j]; counted(f) && key(f) == k {
				v.addCode(e.Pos, "events", codeDuplicate, "the same %s%s as the event%s: a fact is recorded once%s",
					e.Kind, forWhom(e), where(f.Pos), eventDesc{e})
				dup[i-n] = true
				break
			}
		}
	}
	for _, k := range touched {
		var events []*Event // in file order, as contradictions lists them
		for i := range ds.events {
			if e := &ds.events[i]; e.Treaty == k.treaty && e.Party == k.party && counted(e) && (i < n || !dup[i-n]) {
				events = append(events, e)
			}
		}
		v.pairFacts(k, events)
	}
}

// forWhom is " of PARTY under TREATY", as far as the event names them.
func forWhom(e *Event) string {
	s := ""
	if e.Party != "" {
		s += " of " + clip(e.Party)
	}
	if e.Treaty != "" {
		s += " under " + clip(e.Treaty)
	}
	if e.Towards != "" {
		s += " towards " + clip(e.Towards)
	}
	if e.When.Earliest.IsValid() {
		s += " dated " + e.When.String()
	}
	return s
}

// pairFacts checks the events of one party under one treaty.
func (v *validator) pairFacts(k pairKey, events []*Event) {
	// A treaty of partial participation may lack a party's instruments
	// (Georgia's accession to the Economic Union is not recorded, its
	// withdrawal is): only a complete record shows a party never took part.
	consented := slices.ContainsFunc(events, func(e *Event) bool { return consentKind(e.Kind) })
	if t := v.treaties[k.treaty]; !consented && (t == nil || t.Participation != Complete) {
		consented = true
	}
	if !consented {
		consented = v.predecessorConsented(k)
	}
	var sigs, instruments []*Event
	for _, e := range events {
		switch {
		case e.Kind == Signature:
			sigs = append(sigs, e)
		case instrument(e.Kind):
			instruments = append(instruments, e)
		}
	}
	// newInstrument reports whether an instrument may fall between a and b.
	newInstrument := func(a, b *Event) bool {
		return slices.ContainsFunc(instruments, func(x *Event) bool { return mayFallBetween(x.When, a.When, b.When) })
	}
	for _, e := range events {
		switch e.Kind {
		case WithdrawalNotice, Withdrawal, Denunciation:
			if !consented {
				v.addCode(e.Pos, "events.kind", codeContradicted, "%s by %s, which has no signature, instrument or entry into force under %s: only a party can leave a treaty%s",
					e.Kind, clip(e.Party), clip(e.Treaty), eventDesc{e})
			}
		case Deposit, Ratification:
			v.beforeSignature(e, sigs, events)
		}
	}
	if len(events) > maxPairEvents {
		return
	}
	// left returns the latest event of the kind certainly before e with no
	// new instrument that may fall between, or nil.
	left := func(e *Event, kind EventKind) *Event {
		var found *Event
		for _, w := range events {
			if w.Kind == kind && w != e && certainlyBefore(w.When, e.When) && !newInstrument(w, e) &&
				(found == nil || found.When.Earliest.Before(w.When.Earliest)) {
				found = w
			}
		}
		return found
	}
	for _, e := range events {
		desc := eventDesc{e}
		switch e.Kind {
		case EntryIntoForce:
			// A withdrawal before every entry into force is reported at the
			// withdrawal (it comes before the party's first entry into force).
			if w := left(e, Withdrawal); w != nil && slices.ContainsFunc(events, func(x *Event) bool {
				return x != e && x.Kind == EntryIntoForce && !certainlyBefore(w.When, x.When)
			}) {
				v.addCode(e.Pos, "events.date", codeContradicted, "entry into force for %s under %s dated %s, after it withdrew on %s%s with no new instrument between: a state that left joins again by a new instrument%s",
					clip(e.Party), clip(e.Treaty), e.When, w.When, at2Of(w), desc)
			}
		case Withdrawal:
			if w := left(e, Withdrawal); w != nil {
				v.addCode(e.Pos, "events.date", codeContradicted, "a second withdrawal of %s under %s dated %s, after it withdrew on %s%s with no new instrument between%s",
					clip(e.Party), clip(e.Treaty), e.When, w.When, at2Of(w), desc)
			}
		case WithdrawalNotice:
			if w := left(e, Withdrawal); w != nil {
				v.addCode(e.Pos, "events.date", codeContradicted, "a withdrawal notice of %s under %s dated %s, after it withdrew on %s%s with no new instrument between%s",
					clip(e.Party), clip(e.Treaty), e.When, w.When, at2Of(w), desc)
			} else if n := left(e, WithdrawalNotice); n != nil {
				// The first notice is pending, or has taken effect: either
				// way a party gives one notice until it joins again.
				v.addCode(e.Pos, "events.date", codeContradicted, "a second withdrawal notice of %s under %s dated %s, after its notice of %s%s with no new instrument between: the first is pending or has taken effect%s",
					clip(e.Party), clip(e.Treaty), e.When, n.When, at2Of(n), desc)
			}
		}
	}
}

// at2Of is " (at file:line:col)" for an event read from a file.
func at2Of(e *Event) string {
	if s := e.Pos.String(); s != "" {
		return " (at " + s + ")"
	}
	return ""
}

// beforeSignature reports a deposit or ratification that comes before every
// signature of the same party: an instrument of ratification follows a
// signature. A party that accedes has no signature, and an accession (or
// succession) that may come first explains an early deposit.
func (v *validator) beforeSignature(e *Event, sigs, events []*Event) {
	if len(sigs) == 0 || !e.When.Earliest.IsValid() {
		return
	}
	for _, s := range sigs {
		if !certainlyBefore(e.When, s.When) {
			return
		}
	}
	for _, x := range events {
		if (x.Kind == Accession || x.Kind == Succession) && x.When.Earliest.IsValid() && !upper(e.When).Before(x.When.Earliest) {
			return
		}
	}
	first := sigs[0]
	for _, s := range sigs[1:] {
		if s.When.Earliest.Before(first.When.Earliest) {
			first = s
		}
	}
	v.addCode(e.Pos, "events.date", codeContradicted, "%s of %s under %s dated %s, before its signature on %s%s: an instrument of ratification follows the signature (a party that never signed accedes)%s",
		e.Kind, clip(e.Party), clip(e.Treaty), e.When, first.When, at2Of(first), eventDesc{e})
}

// predecessorConsented reports whether the party continues a party that
// took part in the treaty: a continuing state can leave what its
// predecessor joined.
func (v *validator) predecessorConsented(k pairKey) bool {
	seen := map[string]bool{}
	for p := v.parties[k.party]; p != nil && p.Continues != "" && !seen[p.Continues]; p = v.parties[p.Continues] {
		seen[p.Continues] = true
		for _, i := range v.ds.byTreaty[k.treaty] {
			if e := &v.ds.events[i]; e.Party == p.Continues && consentKind(e.Kind) {
				return true
			}
		}
	}
	return false
}
