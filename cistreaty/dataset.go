package cistreaty

import (
	"iter"
	"maps"
	"slices"
)

// Dataset is a loaded record of parties, treaties, events and rule texts.
// It is immutable once loaded and safe for concurrent use by many goroutines;
// a what-if is a new Dataset (see With).
type Dataset struct {
	name       string
	version    string
	recordAsOf Date

	parties  []Party
	treaties []Treaty
	events   []Event
	rules    []Rule
	orgs     []Organisation

	partyIdx  map[string]int
	treatyIdx map[string]int
	ruleIdx   map[string]int
	byTreaty  map[string][]int // treaty ID → event indexes, in date order
	byParty   map[string][]int // party ID → event indexes, in date order

	// checked is set on a dataset validated whole without a problem: With
	// then validates only what its events change.
	checked bool
}

// Name is the dataset's short name, e.g. "cis".
func (ds *Dataset) Name() string { return ds.name }

// Version identifies the revision of the record.
func (ds *Dataset) Version() string { return ds.version }

// RecordAsOf is the day up to which the record was checked. Answers about
// later days assume no events beyond those recorded or expected.
func (ds *Dataset) RecordAsOf() Date { return ds.recordAsOf }

// Party returns the party with the given ID.
func (ds *Dataset) Party(id string) (Party, bool) {
	i, ok := ds.partyIdx[id]
	if !ok {
		return Party{}, false
	}
	return ds.parties[i], true
}

// Treaty returns the treaty with the given ID.
func (ds *Dataset) Treaty(id string) (Treaty, bool) {
	i, ok := ds.treatyIdx[id]
	if !ok {
		return Treaty{}, false
	}
	return ds.treaties[i], true
}

// Rule returns the dataset's rule text with the given ID.
func (ds *Dataset) Rule(id string) (Rule, bool) {
	i, ok := ds.ruleIdx[id]
	if !ok {
		return Rule{}, false
	}
	return ds.rules[i], true
}

// Parties yields every party, in file order.
func (ds *Dataset) Parties() iter.Seq[Party] { return slices.Values(ds.parties) }

// Treaties yields every treaty, in file order.
func (ds *Dataset) Treaties() iter.Seq[Treaty] { return slices.Values(ds.treaties) }

// Rules yields every rule text of the dataset, in file order.
func (ds *Dataset) Rules() iter.Seq[Rule] { return slices.Values(ds.rules) }

// Organisations yields the membership rules of each organisation, in file
// order.
func (ds *Dataset) Organisations() iter.Seq[Organisation] { return slices.Values(ds.orgs) }

// Organisation returns the membership rules of one organisation.
func (ds *Dataset) Organisation(party string) (Organisation, bool) {
	for _, o := range ds.orgs {
		if o.Party == party {
			return o, true
		}
	}
	return Organisation{}, false
}

// Events yields every event with its index (the number EventAt takes), in
// file order: the indexes ascend from 0 to NumEvents()-1.
func (ds *Dataset) Events() iter.Seq2[int, Event] {
	return func(yield func(int, Event) bool) {
		for i := range ds.events {
			if !yield(i, ds.events[i]) {
				return
			}
		}
	}
}

// EventsOf yields the events of one party under one treaty with their
// indexes, ordered by earliest date, ties in file order: the order in which
// "the n-th instrument" is counted. An empty treaty or party matches any:
// EventsOf(treaty, "") yields a treaty's events, EventsOf("", party) a
// party's, EventsOf("", "") every event (sorted on each call).
func (ds *Dataset) EventsOf(treaty, party string) iter.Seq2[int, Event] {
	return func(yield func(int, Event) bool) {
		var idx []int
		switch {
		case treaty != "":
			idx = ds.byTreaty[treaty]
		case party != "":
			idx = ds.byParty[party]
		default:
			idx = dateOrder(ds.events)
		}
		for _, i := range idx {
			// A treaty's events are few; filtering them costs less than a
			// third index over every (treaty, party) pair.
			if treaty != "" && party != "" && ds.events[i].Party != party {
				continue
			}
			if !yield(i, ds.events[i]) {
				return
			}
		}
	}
}

// index builds the lookup tables. Events are ordered by earliest date, then
// by file order, so that "the n-th instrument" is well defined.
func (ds *Dataset) index() {
	ds.partyIdx = make(map[string]int, len(ds.parties))
	for i, p := range ds.parties {
		if _, dup := ds.partyIdx[p.ID]; !dup {
			ds.partyIdx[p.ID] = i
		}
	}
	ds.treatyIdx = make(map[string]int, len(ds.treaties))
	for i := range ds.treaties {
		id := ds.treaties[i].ID
		if _, dup := ds.treatyIdx[id]; !dup {
			ds.treatyIdx[id] = i
		}
	}
	ds.ruleIdx = make(map[string]int, len(ds.rules))
	for i, r := range ds.rules {
		if _, dup := ds.ruleIdx[r.ID]; !dup {
			ds.ruleIdx[r.ID] = i
		}
	}
	// Two passes: find each event's treaty and party by number and count
	// them, then file the events, in date order, into slices cut from one
	// array each; the maps are filled once per treaty and party, not once
	// per event. The date order is sorted meanwhile, on another goroutine.
	sorted := make(chan []uint64, 1)
	go func() { sorted <- dateKeys(ds.events) }()
	tOf := make([]int32, len(ds.events))
	pOf := make([]int32, len(ds.events))
	tCount := make([]int, len(ds.treaties))
	pCount := make([]int, len(ds.parties))
	// A record lists a treaty's events together, as a rule: the treaty of
	// the event before is looked up again only when it changes.
	lastT, lastK := "", -1
	for i := range ds.events {
		e := &ds.events[i]
		tOf[i], pOf[i] = -1, -1
		if e.Treaty != lastT || lastK < 0 {
			lastT, lastK = e.Treaty, -1
			if k, ok := ds.treatyIdx[e.Treaty]; ok && e.Treaty != "" {
				lastK = k
			}
		}
		if lastK >= 0 {
			tOf[i] = int32(lastK)
			tCount[lastK]++
		}
		if k, ok := ds.partyIdx[e.Party]; ok && e.Party != "" {
			pOf[i] = int32(k)
			pCount[k]++
		}
	}
	tLists, pLists := carve(tCount), carve(pCount)
	for _, key := range <-sorted {
		i := int(key & 0xffffffff)
		if k := tOf[i]; k >= 0 {
			tLists[k] = append(tLists[k], i)
		}
		if k := pOf[i]; k >= 0 {
			pLists[k] = append(pLists[k], i)
		}
	}
	ds.byTreaty = make(map[string][]int, len(ds.treaties))
	for k := range ds.treaties {
		if id := ds.treaties[k].ID; len(tLists[k]) > 0 && ds.treatyIdx[id] == k {
			ds.byTreaty[id] = tLists[k]
		}
	}
	ds.byParty = make(map[string][]int, len(ds.parties))
	for k, p := range ds.parties {
		if len(pLists[k]) > 0 && ds.partyIdx[p.ID] == k {
			ds.byParty[p.ID] = pLists[k]
		}
	}
}

// With returns a what-if copy of the dataset with the given events added and
// marked as assumed. The receiver is not changed. The copy is validated; an
// event that names an unknown party or treaty, or is otherwise invalid, is an
// error and no copy is returned.
//
// The copy shares the receiver's parties, treaties, rules and the event
// lists of every treaty and party the added events do not name. Of a
// dataset that was validated whole (one from Load, NewDataset or With),
// only what the added events can change is checked again: the added events
// themselves, and the events and contradictions of each (treaty, party)
// pair they belong to. The problems are those validating the whole copy
// would find.
func (ds *Dataset) With(events ...Event) (*Dataset, error) {
	cp := ds.withEvents(events)
	if !ds.checked {
		if err := cp.Validate(); err != nil {
			return nil, err
		}
		cp.checked = true
		return cp, nil
	}
	ps, more := cp.validateFrom(len(ds.events))
	if more > 0 {
		ps = append(ps, tooMany(more))
	}
	if len(ps) > 0 {
		sortProblems(ps)
		return nil, ps
	}
	return cp, nil
}

// withEvents is the copy With returns, before validation: the events added
// (and marked assumed) and filed under their treaty and party, the indexes
// of those untouched shared with ds.
func (ds *Dataset) withEvents(events []Event) *Dataset {
	cp := *ds
	n := len(ds.events)
	cp.events = make([]Event, n, n+len(events))
	copy(cp.events, ds.events)
	for _, e := range events {
		e.Assumed = true
		if e.Source.Citation == "" {
			e.Source.Citation = "assumed (what-if)"
		}
		if e.Source.Grade == GradeNone {
			e.Source.Grade = GradeU
		}
		cp.events = append(cp.events, e)
	}
	cp.byTreaty = refile(ds.byTreaty, cp.events, n, func(e *Event) string {
		if _, ok := ds.treatyIdx[e.Treaty]; ok {
			return e.Treaty
		}
		return ""
	})
	cp.byParty = refile(ds.byParty, cp.events, n, func(e *Event) string {
		if _, ok := ds.partyIdx[e.Party]; ok {
			return e.Party
		}
		return ""
	})
	return &cp
}

// refile returns the lists of idx with the events from index n on filed
// under key(e) (none when it is ""), as index would file them: a list that
// gains an event is a new one, the others and idx itself are not changed.
func refile(idx map[string][]int, events []Event, n int, key func(*Event) string) map[string][]int {
	var out map[string][]int
	for i := n; i < len(events); i++ {
		k := key(&events[i])
		if k == "" {
			continue
		}
		if out == nil {
			out = maps.Clone(idx)
			if out == nil {
				out = map[string][]int{}
			}
		}
		old := out[k]
		l := make([]int, len(old), len(old)+1)
		copy(l, old)
		// In date order, ties in file order: after every event of the same
		// earliest day, since an added event comes last in the file.
		day := dayKey(&events[i])
		at := len(l)
		for at > 0 && dayKey(&events[l[at-1]]) > day {
			at--
		}
		out[k] = slices.Insert(l, at, i)
	}
	if out == nil {
		return idx
	}
	return out
}

// dayKey is the earliest day of an event as dateOrder sorts it.
func dayKey(e *Event) uint64 { return uint64(e.When.Earliest.DayNumber() + 1) }

// Header names a dataset and the day up to which its record was checked.
type Header struct {
	Name       string
	Version    string
	RecordAsOf Date
}

// NewDataset builds a dataset from values, for programs that make their
// record in Go rather than in files. The slices are copied; the dataset is
// validated like a loaded one and every problem is returned at once.
func NewDataset(h Header, parties []Party, treaties []Treaty, events []Event, rules []Rule, orgs []Organisation) (*Dataset, error) {
	ds := &Dataset{
		name: h.Name, version: h.Version, recordAsOf: h.RecordAsOf,
		parties: slices.Clone(parties),
		rules:   slices.Clone(rules),
		orgs:    slices.Clone(orgs),
	}
	// A record at treaty-collection scale holds hundreds of megabytes of
	// events and of treaties: the two are copied side by side.
	done := make(chan struct{})
	go func() {
		ds.treaties = slices.Clone(treaties)
		close(done)
	}()
	ds.events = slices.Clone(events)
	<-done
	ds.index()
	if err := ds.Validate(); err != nil {
		return nil, err
	}
	ds.checked = true
	return ds, nil
}

// dateOrder is the events' indexes by day, ties in file order.
func dateOrder(events []Event) []int {
	keys := dateKeys(events)
	order := make([]int, len(keys))
	for i, k := range keys {
		order[i] = int(k & 0xffffffff)
	}
	return order
}

// NumTreaties is the number of treaties; with TreatyRef it reads them by
// index, in file order, without copying them.
func (ds *Dataset) NumTreaties() int { return len(ds.treaties) }

// TreatyRef returns the treaty with index i, 0 <= i < NumTreaties, in file
// order: the dataset's own, not a copy, which the caller must not change
// (the dataset, and every engine and what-if built over it, share it). A
// Treaty is about a kilobyte: an engine over a record of the size of the
// UN treaty collection keeps a pointer to each rather than a copy.
func (ds *Dataset) TreatyRef(i int) *Treaty { return &ds.treaties[i] }

// dateKeys sorts the events by day, ties in file order: one key per
// event, the day in the high half and the index in the low. An unstable
// sort of distinct keys is a stable sort by day, and sorting integers is
// several times faster than sorting with a comparison.
func dateKeys(events []Event) []uint64 {
	keys := make([]uint64, len(events))
	for i := range events {
		keys[i] = dayKey(&events[i])<<32 | uint64(i)
	}
	slices.Sort(keys)
	return keys
}

// NumEvents is the number of events; with EventAt it reads events by index
// without copying them all. An engine files events by index and reads them
// back where it explains an answer.
func (ds *Dataset) NumEvents() int { return len(ds.events) }

// EventAt returns the event with index i (a copy), 0 <= i < NumEvents, as
// Events and EventsOf number them.
func (ds *Dataset) EventAt(i int) Event { return ds.events[i] }

// EventRef returns the event with index i, 0 <= i < NumEvents, as EventAt
// does, but the dataset's own, not a copy, which the caller must not change.
// An engine reads the events where they are rather than keeping a copy of
// millions of them.
func (ds *Dataset) EventRef(i int) *Event { return &ds.events[i] }

// carve makes, for each count, an empty slice with room for it, all cut
// from one array.
func carve(counts []int) [][]int {
	total := 0
	for _, n := range counts {
		total += n
	}
	backing := make([]int, total)
	out := make([][]int, len(counts))
	at := 0
	for k, n := range counts {
		out[k] = backing[at : at : at+n]
		at += n
	}
	return out
}
