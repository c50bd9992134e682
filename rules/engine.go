package rules

import (
	"cmp"
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"cel.dev/cel-go/common/types/ref"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/quote"
	"github.com/pacta-law/pacta/internal/suggest"
)

// Engine answers questions of treaty law over one dataset. New compiles every
// rule and evaluates them into timelines; after that the Engine is immutable
// and safe for concurrent use by many goroutines.
type Engine struct {
	ds  *cistreaty.Dataset
	c   *compiled
	law *Law
	// lazy: a what-if engine, which builds a treaty's timelines and an
	// organisation's membership on first use (see lazy.go).
	lazy     bool
	assumed  []int // the events a what-if added
	treaties map[string]*treatyInfo
	parties  map[string]struct{} // the dataset's party IDs
	partyIDs []string
	orgs     map[string]*orgInfo
	// successor maps a state to the one that continues it (SU → RU).
	successor  map[string]string
	ceased     map[string][]int // party → its ceased-to-exist events
	timelines  map[ptKey]ptSummary
	pairs      map[pairKey]*timeline
	membership map[ptKey]*memberSummary
	findings   []Finding
	// params interns clause parameters while the engine is built.
	params   map[string]ref.Val
	paramsMu sync.Mutex
	// worlds keeps evaluation worlds, and memos the memos a treaty's worlds
	// share, for reuse; they are the only things in an Engine that change
	// after New, and sync.Pool is safe for concurrent use.
	worlds sync.Pool
	memos  sync.Pool
}

type ptKey struct{ treaty, party string }
type pairKey struct{ treaty, a, b string } // a < b

// treatyInfo is a treaty with its clauses bound to compiled programs.
type treatyInfo struct {
	t           *cistreaty.Treaty // the dataset's own: never changed
	eif, later  clauseUse
	withdrawal  clauseUse
	term        clauseUse
	displaces   []displaceUse
	displacedBy []displaceUse
	conditions  map[string]clauseUse // article → condition
	events      []int                // every event, in date order
	wide        []int                // treaty-wide events (no party)
	byParty     partyEvents          // a party's events, with those of the state it continues
	parties     []string             // parties with events, in ID order
	// subjects are the parties whose timelines are built: those with
	// events; where the dataset does not hold every party, also those that
	// ceased to exist, and strangerID for every other one.
	subjects   []string
	strangerTL timeline    // where the dataset does not hold every party
	lazy       *treatyLazy // a what-if engine's timelines, built on first use
	uncertain  []int       // events whose day the record does not fix
	// suspensions are the suspension and suspension-end events, in date
	// order: what can part a pair besides its members' standing.
	suspensions []int
	concluded   ref.Val // t.Concluded, as rules read it
}

type clauseUse struct {
	form   cistreaty.ClauseForm
	prog   *program
	params ref.Val
	// clause is the clause itself, inside the dataset's treaty (or, for an
	// organisation's status, a clause of its own): a pointer, not a copy,
	// keeps a treatyInfo small.
	clause *cistreaty.Clause
}

type displaceUse struct {
	later, earlier *treatyInfo
	use            clauseUse
}

type orgInfo struct {
	o        cistreaty.Organisation
	statuses []statusUse
	names    []string // distinct status names, then the default
	founding *program
	consts   []*treatyInfo
	lazy     *orgLazy // a what-if engine's membership, built on first use
}

type statusUse struct {
	name string
	idx  uint8
	prog *program
}

// Finding is something the engine noticed in the data that needs a person:
// a recorded date that contradicts the computed one.
type Finding struct {
	Treaty, Party string
	Message       string
	Pos           cistreaty.Pos
}

// With returns a what-if engine: the dataset with the given events added and
// marked as assumed. It reuses the compiled rules; the receiver is unchanged.
// When ctx ends, With stops and returns its error; a nil ctx means
// context.Background().
func (e *Engine) With(ctx context.Context, events ...cistreaty.Event) (*Engine, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	ds, err := e.ds.With(events...)
	if err != nil {
		return nil, err
	}
	return build(ctx, ds, e.c, e.law, e)
}

// Dataset returns the dataset the engine answers over.
func (e *Engine) Dataset() *cistreaty.Dataset { return e.ds }

// build binds the dataset's treaties and organisations to the compiled
// rules; then it builds every timeline, or, for a what-if engine (lazy),
// leaves each to be built on first use.
func build(ctx context.Context, ds *cistreaty.Dataset, c *compiled, law *Law, base *Engine) (*Engine, error) {
	e := &Engine{
		ds: ds, c: c, law: law, lazy: base != nil || c.lazy,
		assumed:  assumedEvents(ds),
		treaties: make(map[string]*treatyInfo, ds.NumTreaties()),
		orgs:     map[string]*orgInfo{},
		ceased:   map[string][]int{},
		params:   map[string]ref.Val{},
	}
	if base != nil {
		// A what-if adds events, not parties.
		e.parties, e.partyIDs, e.successor = base.parties, base.partyIDs, base.successor
	} else {
		e.parties, e.successor = map[string]struct{}{}, map[string]string{}
		e.timelines, e.pairs, e.membership = map[ptKey]ptSummary{}, map[pairKey]*timeline{}, map[ptKey]*memberSummary{}
		for p := range ds.Parties() {
			e.parties[p.ID] = struct{}{}
			e.partyIDs = append(e.partyIDs, p.ID)
			if p.Continues != "" {
				e.successor[p.Continues] = p.ID
			}
		}
		slices.Sort(e.partyIDs)
	}
	reused := e.reusable(base)
	var probs cistreaty.Problems
	nt := ds.NumTreaties()
	// One allocation holds every treatyInfo: at the scale of the UN treaty
	// record, a quarter of a million objects of their own cost the
	// allocator and the collector more than the engine's other work. Each
	// points to its treaty in the dataset, which is immutable, rather than
	// holding a copy; it is set when the treaty is filed, side by side with
	// the others (the first writes to a new array are what cost).
	infos := make([]treatyInfo, nt)
	order := make([]*treatyInfo, 0, nt)
	for k := range nt {
		ti := &infos[k]
		order = append(order, ti)
		if id := ds.TreatyRef(k).ID; e.treaties[id] == nil {
			e.treaties[id] = ti
		}
	}
	// Events in date order, each filed under its treaty and party; a
	// successor also sees the events of the state it continues.
	// An expected event is settled by a recorded (or assumed) one of the same
	// kind by the same party under the same treaty: the notice that was
	// expected is the one that came.
	type who struct {
		treaty, party string
		kind          cistreaty.EventKind
	}
	var expected map[who]bool
	for i := range ds.NumEvents() {
		if ev := e.event(i); ev.When.Expected {
			if expected == nil {
				expected = map[who]bool{}
			}
			expected[who{ev.Treaty, ev.Party, ev.Kind}] = false
		}
	}
	// Only the events of the pairs with an expected event can settle one.
	for k := range expected {
		for _, ev := range ds.EventsOf(k.treaty, k.party) {
			if !ev.When.Expected && ev.Treaty == k.treaty && ev.Party == k.party && ev.Kind == k.kind {
				expected[k] = true
				break
			}
		}
	}
	// Each treaty's events, in date order, are filed under it once; the
	// parties' own events (the extinction of a state) are found by a scan.
	// A treaty's list of events is made to measure, and its parties' lists
	// are cut from one array: at the scale of the UN treaty record, lists
	// grown an event at a time and a map for each treaty cost more memory
	// than the engine keeps of everything else.
	file := func(ti *treatyInfo, scratch []partyEvent) []partyEvent {
		n := 0
		for range ds.EventsOf(ti.t.ID, "") {
			n++
		}
		ti.events = make([]int, 0, n)
		for i := range ds.EventsOf(ti.t.ID, "") {
			ev := e.event(i)
			if ev.When.Expected && expected[who{ev.Treaty, ev.Party, ev.Kind}] {
				continue
			}
			ti.events = append(ti.events, i)
			if ev.When.Uncertain() {
				ti.uncertain = append(ti.uncertain, i)
			}
			if ev.Kind == cistreaty.Suspension || ev.Kind == cistreaty.SuspensionEnd {
				ti.suspensions = append(ti.suspensions, i)
			}
			if ev.Party == "" {
				ti.wide = append(ti.wide, i)
				continue
			}
			scratch = append(scratch, partyEvent{ev.Party, i})
			if s, ok := e.successor[ev.Party]; ok {
				scratch = append(scratch, partyEvent{s, i})
			}
		}
		ti.byParty = fileByParty(scratch)
		return scratch[:0]
	}
	var scratches sync.Pool
	for i := range ds.NumEvents() {
		if ev := e.event(i); ev.Treaty == "" && ev.Kind == cistreaty.CeasedToExist {
			e.ceased[ev.Party] = append(e.ceased[ev.Party], i)
		}
	}
	ceasedIDs := mapKeys(e.ceased)
	// Each treaty files its events and binds its clauses on its own, side
	// by side; what links treaties (displacement) is wired afterwards.
	treatyProbs := make([][]cistreaty.Problem, len(order))
	parallel(len(order), func(i int) {
		ti := order[i]
		ti.t = ds.TreatyRef(i)
		ti.concluded = celDate{ti.t.Concluded}
		if e.treaties[ti.t.ID] != ti {
			return // a duplicate ID, reported by the dataset's validation
		}
		if bti := reused[ti.t.ID]; bti != nil {
			// No added event concerns it: the base engine's filing and
			// binding serve, linked to this engine's treaties.
			*ti = *bti
			ti.lazy, ti.strangerTL, ti.displacedBy, ti.displaces = nil, timeline{}, nil, nil
			for _, du := range bti.displaces {
				ti.displaces = append(ti.displaces, displaceUse{later: ti, earlier: e.treaties[du.earlier.t.ID], use: du.use})
			}
			return
		}
		scratch, _ := scratches.Get().(*[]partyEvent)
		if scratch == nil {
			scratch = new([]partyEvent)
		}
		*scratch = file(ti, *scratch)
		scratches.Put(scratch)
		ti.parties = ti.byParty.parties
		ti.subjects = ti.parties
		if ti.t.Participation != cistreaty.Complete {
			ti.subjects = append(slices.Clone(ti.parties), strangerID)
			for _, p := range ceasedIDs {
				if len(ti.byParty.of(p)) == 0 {
					ti.subjects = append(ti.subjects, p)
				}
			}
			// A state a source shows was never a party has its own
			// standing (not a party), not a stranger's.
			for _, np := range ti.t.NotParties {
				if len(ti.byParty.of(np.Party)) == 0 && !slices.Contains(ti.subjects, np.Party) {
					ti.subjects = append(ti.subjects, np.Party)
				}
			}
		}
		treatyProbs[i] = e.bindTreaty(ti)
	})
	for i, ti := range order {
		probs = append(probs, treatyProbs[i]...)
		for _, du := range ti.displaces {
			du.earlier.displacedBy = append(du.earlier.displacedBy, du)
		}
	}
	for o := range ds.Organisations() {
		oi, ps := e.bindOrg(o)
		probs = append(probs, ps...)
		if oi != nil {
			e.orgs[o.Party] = oi
		}
	}
	if len(probs) > 0 {
		return nil, &CompileError{Problems: sortedProblems(probs)}
	}
	e.params = nil
	if e.lazy {
		for _, ti := range e.treaties {
			ti.lazy = &treatyLazy{}
		}
		for _, oi := range e.orgs {
			oi.lazy = &orgLazy{}
		}
		return e, nil
	}
	n := 0
	for _, ti := range e.treaties {
		n += len(ti.parties)
	}
	if err := e.buildTimelines(ctx, order, n); err != nil {
		return nil, err
	}
	return e, nil
}

// canonical merges a state with its successor for counting instruments.
func (e *Engine) canonical(party string) string {
	if s, ok := e.successor[party]; ok {
		return s
	}
	return party
}

// bind resolves a clause to a compiled program, checking that it can decide
// what it is used for.
func (e *Engine) bind(cl *cistreaty.Clause, decides string, want resultKind, field string) (clauseUse, []cistreaty.Problem) {
	u := clauseUse{form: cl.Form, clause: cl}
	switch cl.Form {
	case cistreaty.ClauseTemplate:
		t, ok := e.c.templates[cl.Template]
		if !ok {
			return u, []cistreaty.Problem{{Pos: cl.Pos, Field: field, Message: fmt.Sprintf("unknown clause template %q%s", quote.Clip(cl.Template), didYouMean(cl.Template, mapKeys(e.c.templates)))}}
		}
		if t.Decides != decides {
			return u, []cistreaty.Problem{{Pos: cl.Pos, Field: field, Message: fmt.Sprintf("template %s decides %s, not %s", t.Name, t.Decides, decides)}}
		}
		// Treaties share few distinct parameter sets: each is made once,
		// and its key is spelled in a buffer of the stack, made a string
		// only for a new set.
		var buf [128]byte
		key := appendParamsKey(buf[:0], t.Name, cl.Params)
		e.paramsMu.Lock()
		params, ok := e.params[string(key)]
		e.paramsMu.Unlock()
		if !ok {
			var probs []cistreaty.Problem
			params, probs = paramsVal(t, *cl)
			if len(probs) > 0 {
				return u, probs
			}
			e.paramsMu.Lock()
			e.params[string(key)] = params
			e.paramsMu.Unlock()
		}
		u.prog, u.params = t.prog, params
	case cistreaty.ClauseRule:
		p, ok := e.c.rules[cl.Rule]
		if !ok {
			return u, []cistreaty.Problem{{Pos: cl.Pos, Field: field, Message: fmt.Sprintf("unknown rule %q%s", quote.Clip(cl.Rule), didYouMean(cl.Rule, mapKeys(e.c.rules)))}}
		}
		p, probs := e.c.use(p, want, cl.Pos, field)
		if len(probs) > 0 {
			return u, probs
		}
		u.prog = p
	}
	return u, nil
}

func (e *Engine) bindTreaty(ti *treatyInfo) []cistreaty.Problem {
	var probs []cistreaty.Problem
	var ps []cistreaty.Problem
	cl := &ti.t.Clauses
	ti.eif, ps = e.bind(&cl.EntryIntoForce, "entry-into-force", resultOptDate, "clauses.entry_into_force")
	probs = append(probs, ps...)
	ti.later, ps = e.bind(&cl.LaterParties, "entry-into-force", resultOptDate, "clauses.later_parties")
	probs = append(probs, ps...)
	ti.withdrawal, ps = e.bind(&cl.Withdrawal, "withdrawal", resultDate, "clauses.withdrawal")
	probs = append(probs, ps...)
	ti.term, ps = e.bind(&cl.Term, "term", resultOptDate, "clauses.term")
	probs = append(probs, ps...)
	for k := range ti.t.Displaces {
		d := &ti.t.Displaces[k]
		earlier := e.treaties[d.Treaty]
		u, ps := e.bind(&d.Clause, "", resultOptDate, "displaces.clause")
		probs = append(probs, ps...)
		if earlier == nil || u.prog == nil {
			continue
		}
		ti.displaces = append(ti.displaces, displaceUse{later: ti, earlier: earlier, use: u})
	}
	for k := range ti.t.Obligations {
		o := &ti.t.Obligations[k]
		if o.Condition.Form == cistreaty.ClauseSilent {
			continue
		}
		u, ps := e.bind(&o.Condition, "", resultBool, "obligations.condition")
		probs = append(probs, ps...)
		if ti.conditions == nil {
			ti.conditions = map[string]clauseUse{}
		}
		ti.conditions[o.Article] = u
	}
	return probs
}

func (e *Engine) bindOrg(o cistreaty.Organisation) (*orgInfo, []cistreaty.Problem) {
	oi := &orgInfo{o: o}
	var probs []cistreaty.Problem
	for _, m := range o.Statuses {
		u, ps := e.bind(&cistreaty.Clause{Form: cistreaty.ClauseRule, Rule: m.Rule, Pos: m.Pos}, "", resultBool, "statuses.rule")
		probs = append(probs, ps...)
		if u.prog == nil {
			continue
		}
		idx := slices.Index(oi.names, m.Status)
		if idx < 0 {
			idx = len(oi.names)
			oi.names = append(oi.names, m.Status)
		}
		oi.statuses = append(oi.statuses, statusUse{name: m.Status, idx: uint8(idx), prog: u.prog})
	}
	oi.names = append(oi.names, o.Default)
	if o.Founding != "" {
		u, ps := e.bind(&cistreaty.Clause{Form: cistreaty.ClauseRule, Rule: o.Founding, Pos: o.Pos}, "", resultOptBool, "founding")
		probs = append(probs, ps...)
		oi.founding = u.prog
	}
	for _, id := range o.Constituent {
		if t := e.treaties[id]; t != nil {
			oi.consts = append(oi.consts, t)
		}
	}
	if len(oi.names) > 250 {
		probs = append(probs, cistreaty.Problem{Pos: o.Pos, Field: "statuses", Message: "too many statuses"})
	}
	return oi, probs
}

func mapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func didYouMean(name string, known []string) string { return suggest.DidYouMean(name, known) }

func cmpDate(a, b cistreaty.Date) int { return cmp.Compare(a.DayNumber(), b.DayNumber()) }

// RuleIDs lists every rule the engine compiled, templates included, sorted:
// the embedded law, rule files given with WithRuleFiles, and the dataset's.
func (e *Engine) RuleIDs() []string {
	return mapKeys(e.c.rules)
}

// UsedRuleIDs lists the rules the dataset's treaties and organisations use,
// sorted: the ones a test suite of the dataset should exercise.
func (e *Engine) UsedRuleIDs() []string {
	seen := map[string]bool{}
	add := func(p *program) {
		if p != nil {
			seen[p.rule.ID] = true
		}
	}
	for _, t := range e.treaties {
		for _, u := range []clauseUse{t.eif, t.later, t.withdrawal, t.term} {
			add(u.prog)
		}
		if t.eif.form == cistreaty.ClauseSilent {
			add(e.c.rules[RuleVCLTArt24])
		}
		if t.withdrawal.form == cistreaty.ClauseSilent {
			add(e.c.rules[RuleVCLTArt56])
		}
		for _, d := range t.displaces {
			add(d.use.prog)
		}
		for _, c := range t.conditions {
			add(c.prog)
		}
	}
	for _, o := range e.orgs {
		for _, s := range o.statuses {
			add(s.prog)
		}
		add(o.founding)
	}
	if _, ok := e.treaties["vclt-1969"]; ok {
		add(e.c.rules[RuleVCLTArt4])
	}
	return mapKeys(seen)
}

// CostEstimates returns each compiled rule's static cost estimate (the upper
// bound, with lists sized at Limits.EventsHint), by rule id, compiling any
// rule not yet compiled; a lazy engine leaves out a rule that does not
// compile. The estimates
// move when cel-go's cost model changes; a golden test pins them so such a
// change is noticed and the limits recalibrated.
func (e *Engine) CostEstimates() map[string]uint64 {
	out := make(map[string]uint64, len(e.c.rules))
	for id, p := range e.c.rules {
		if x, err := p.src.get(); err == nil {
			out[id] = x.estimate
		}
	}
	return out
}

// event returns the dataset's event with index i, which the rules read
// where they are (the dataset is immutable) rather than from a copy.
func (e *Engine) event(i int) *cistreaty.Event { return e.ds.EventRef(i) }

// reusable returns the base engine's treaties that a what-if engine can
// take over: those no added event concerns, where the added events come
// after the base's, which are unchanged, and none is a party's own (the
// extinction of a state changes every treaty's parties).
func (e *Engine) reusable(base *Engine) map[string]*treatyInfo {
	if base == nil || e.ds.NumEvents() < base.ds.NumEvents() {
		return nil
	}
	n := base.ds.NumEvents()
	for i := range n {
		if *e.event(i) != *base.event(i) {
			return nil
		}
	}
	touched := map[string]bool{}
	for i := n; i < e.ds.NumEvents(); i++ {
		ev := e.event(i)
		if ev.Treaty == "" {
			return nil
		}
		touched[ev.Treaty] = true
	}
	out := make(map[string]*treatyInfo, len(base.treaties))
	for id, ti := range base.treaties {
		if !touched[id] {
			out[id] = ti
		}
	}
	return out
}

// assumedEvents lists the events a what-if added.
func assumedEvents(ds *cistreaty.Dataset) []int {
	var out []int
	for i := range ds.NumEvents() {
		if ds.EventRef(i).Assumed {
			out = append(out, i)
		}
	}
	return out
}

// partyEvents files a treaty's events by party, each party's in date
// order.
type partyEvents struct {
	parties []string // in ID order
	// at[k]:at[k+1] are the indexes in events of parties[k]'s events.
	at     []int32
	events []int
}

// partyEvent is an event of a treaty filed under a party.
type partyEvent struct {
	party string
	i     int
}

// fileByParty files events by party; in is in date order, and is sorted
// (stably) by party.
func fileByParty(in []partyEvent) partyEvents {
	if len(in) == 0 {
		return partyEvents{}
	}
	slices.SortStableFunc(in, func(a, b partyEvent) int { return strings.Compare(a.party, b.party) })
	n := 1
	for k := 1; k < len(in); k++ {
		if in[k].party != in[k-1].party {
			n++
		}
	}
	pe := partyEvents{parties: make([]string, 0, n), at: make([]int32, 0, n+1), events: make([]int, len(in))}
	for k, x := range in {
		if k == 0 || x.party != in[k-1].party {
			pe.parties = append(pe.parties, x.party)
			pe.at = append(pe.at, int32(k))
		}
		pe.events[k] = x.i
	}
	pe.at = append(pe.at, int32(len(in)))
	return pe
}

// of returns a party's events, in date order.
func (pe *partyEvents) of(party string) []int {
	k, ok := slices.BinarySearch(pe.parties, party)
	if !ok {
		return nil
	}
	from, to := pe.at[k], pe.at[k+1]
	return pe.events[from:to:to]
}

// appendParamsKey appends to b a template's name and parameters, spelled
// canonically.
func appendParamsKey(b []byte, template string, params map[string]cistreaty.Param) []byte {
	var few [8]string
	names := few[:0]
	for n := range params {
		names = append(names, n)
	}
	slices.Sort(names)
	b = append(b, template...)
	for _, n := range names {
		p := params[n]
		b = append(b, 0)
		b = append(b, n...)
		b = append(b, '=')
		if !p.IsList {
			b = append(b, p.Scalar...)
			continue
		}
		b = append(b, '[')
		for k, v := range p.List {
			if k > 0 {
				b = append(b, 1)
			}
			b = append(b, v...)
		}
		b = append(b, ']')
	}
	return b
}

// parallel runs f(0..n-1) on as many goroutines as the process may use,
// each taking the next index from a counter (at the scale of the UN treaty
// record, a quarter of a million of them).
func parallel(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				f(int(i))
			}
		}()
	}
	wg.Wait()
}
