package rules

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/functions"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/interpreter"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/quote"
)

// A world is one way the record could be: every uncertain fact in scope is
// fixed at one of its endpoints (a range at its earliest or latest day; an
// expected event absent or at its earliest). Clause templates are monotone in
// their dates, so a question that gets the same answer in every world is
// settled by the record.
type world struct {
	e    *Engine
	ctx  context.Context
	pick map[int]cistreaty.Date // event index → its day in this world; zero: did not happen
	memo map[ptKey]*ptResult
	busy map[ptKey]bool
	tr   *tracer
	// firsts memoises instruments.
	firsts map[instrumentsKey]instrumentsMemo
	// displaced memoises displacement clauses by pair.
	displaced map[displaceKey]displaceResult
	// unscoped lists the uncertain events read that this world did not fix.
	unscoped []int
	// stack holds the activations in use, one per nesting depth.
	stack []*evalCtx
	depth int
	err   error // the first run-time failure of a rule
	// spent is what the rule under evaluation at depth 0 has cost so far,
	// with every rule and event it read.
	spent uint64
	// shared, when set, keeps what this world computes for the other worlds
	// of the same build (memo.go); reads logs the uncertain facts read, and
	// cycles counts the placeholders met for rules that refer to themselves.
	shared *sharedMemo
	reads  []int
	cycles int
	// scratch are lists firstPerParty fills and its callers read before
	// they evaluate anything else, kept for reuse.
	scratch [2][]partyFirst
}

func (e *Engine) newWorld(ctx context.Context, scope []int, mask uint64, tr *tracer) *world {
	// Worlds are reused: their maps and activations (with their function
	// tables) outlive one question.
	w, _ := e.worlds.Get().(*world)
	if w == nil {
		w = &world{memo: map[ptKey]*ptResult{}}
	}
	w.e, w.ctx, w.tr = e, ctx, tr
	if len(scope) > 0 {
		if w.pick == nil {
			w.pick = make(map[int]cistreaty.Date, len(scope))
		}
		for b, i := range scope {
			w.pick[i] = endpoint(e.event(i).When, mask&(1<<b) != 0)
		}
	}
	return w
}

// release returns worlds for reuse; they must not be used afterwards.
func (e *Engine) release(worlds []*world) {
	for _, w := range worlds {
		if w == nil || w.depth != 0 {
			continue
		}
		clear(w.memo)
		clear(w.busy)
		clear(w.pick)
		clear(w.firsts)
		clear(w.displaced)
		w.unscoped, w.reads = w.unscoped[:0], w.reads[:0]
		w.e, w.ctx, w.tr, w.err, w.spent, w.shared, w.cycles = nil, nil, nil, nil, 0, nil, 0
		e.worlds.Put(w)
	}
}

// explore runs f in the record's world, then in every combination of the
// endpoints of the uncertain facts f read, until no world reads a fact
// outside the combinations. It returns the worlds, indexed by the bit mask of
// their choices over scope, and false when the question turns on more
// uncertain facts than the engine combines; err is the first world's
// run-time failure.
func (e *Engine) explore(ctx context.Context, traced bool, f func(w *world)) (worlds []*world, scope []int, ok bool, err error) {
	return e.exploreUpTo(ctx, traced, e.law.maxUnc, nil, f)
}

// exploreUpTo is explore, giving up (ok false) beyond max uncertain facts;
// untraced worlds share what they compute through shared, if not nil.
func (e *Engine) exploreUpTo(ctx context.Context, traced bool, max int, shared *sharedMemo, f func(w *world)) (worlds []*world, scope []int, ok bool, err error) {
	for {
		if err := ctx.Err(); err != nil {
			return nil, scope, true, err
		}
		n := 1 << len(scope)
		worlds = make([]*world, n)
		var more []int
		for m := range n {
			var tr *tracer
			if traced {
				tr = &tracer{}
			}
			w := e.newWorld(ctx, scope, uint64(m), tr)
			if !traced {
				w.shared = shared
			}
			f(w)
			worlds[m] = w
			if w.err != nil {
				err := w.err
				e.release(worlds)
				return nil, scope, true, err
			}
			for _, i := range w.unscoped {
				if !slices.Contains(more, i) {
					more = append(more, i)
				}
			}
		}
		if len(more) == 0 {
			return worlds, scope, true, nil
		}
		e.release(worlds)
		slices.Sort(more)
		scope = append(scope, more...)
		if len(scope) > max {
			return nil, scope, false, nil
		}
	}
}

// endpoint is the day an uncertain event takes in a world: for a range, its
// earliest (second false) or latest day; for an expected event, absent (zero)
// or its earliest day.
func endpoint(wh cistreaty.When, second bool) cistreaty.Date {
	if wh.Expected {
		if second {
			return wh.Earliest
		}
		return cistreaty.Date{}
	}
	if second {
		return wh.Latest
	}
	return wh.Earliest
}

// day returns the day of event i in this world, and false if it did not
// happen here.
func (w *world) day(i int) (cistreaty.Date, bool) {
	ev := w.e.event(i)
	if d, ok := ev.When.Exact(); ok {
		return d, true
	}
	if w.shared != nil {
		w.reads = append(w.reads, i)
	}
	if d, ok := w.pick[i]; ok {
		return d, d.IsValid()
	}
	// Not yet among the facts whose endpoints are combined: read as the
	// record reads it (a range at its earliest; an expected event not yet
	// happened), and noted, so that explore combines it next.
	if !slices.Contains(w.unscoped, i) {
		w.unscoped = append(w.unscoped, i)
	}
	d := endpoint(ev.When, false)
	return d, d.IsValid()
}

func (w *world) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

// errUnknown marks a value the record cannot settle in this world (a clause
// whose text is not in the record).
var errUnknown = errors.New("not settled by the record")

// evalCtx is the activation of one rule evaluation: the variables it reads
// and the treaty-law functions, which see the world.
type evalCtx struct {
	w      *world
	treaty *treatyInfo
	party  string
	other  string
	on     cistreaty.Date
	notice cistreaty.Date
	named  cistreaty.Date
	params ref.Val
	clause *cistreaty.Clause // the treaty's own clause a template stands for
	// noticeEvent is the recorded notice a withdrawal rule reads, or -1.
	noticeEvent int
	unknown     bool // a library call met a value the record does not settle
	fns         map[string]functions.LateBoundOp
	// noneMeans says, for an explanation, what the rule's use makes of a
	// value of none ("does not apply here" when empty).
	noneMeans string
	// partyVal caches party as a CEL value for one evaluation.
	partyVal ref.Val
	// counts records how the rule read other parties' instruments (nth,
	// allConsented, the events list): under partial participation a date
	// computed from them is a bound, not the date.
	counts uint8
	// nthAt, when valid, is what nth returns instead of the recorded n-th
	// instrument: the engine tries the earliest n-th the missing
	// instruments could make.
	nthAt cistreaty.Date
	// slots hold the values of a directly evaluated rule's cel.bind names
	// (see direct.go).
	slots []ref.Val
}

// What a rule read of the other parties' instruments.
const (
	countNth    uint8 = 1 << iota // nth: missing instruments make it earlier
	countAll                      // allConsented: missing signatories make it later
	countEvents                   // the events list: either way
)

func (c *evalCtx) Parent() interpreter.Activation { return nil }

func (c *evalCtx) ResolveName(name string) (any, bool) {
	switch name {
	case varParty:
		if c.partyVal == nil {
			c.partyVal = types.String(c.party)
		}
		return c.partyVal, true
	case varOther:
		return types.String(c.other), true
	case varTreaty:
		if c.treaty != nil {
			return types.String(c.treaty.t.ID), true
		}
	case varConcluded:
		if c.treaty != nil {
			return c.treaty.concluded, true
		}
	case varOn:
		if c.on.IsValid() {
			return celDate{c.on}, true
		}
	case varNotice:
		if c.notice.IsValid() {
			return celDate{c.notice}, true
		}
	case varNamed:
		if c.named.IsValid() {
			return types.OptionalOf(celDate{c.named}), true
		}
		return types.OptionalNone, true
	case varParams:
		if c.params != nil {
			return c.params, true
		}
		return types.NewStringInterfaceMap(types.DefaultTypeAdapter, nil), true
	case varEvents:
		c.counts |= countEvents
		return c.eventList(), true
	}
	return nil, false
}

func (c *evalCtx) ResolveFunction(name string) (functions.LateBoundOp, bool) {
	if c.fns == nil {
		c.fns = map[string]functions.LateBoundOp{
			"addDays": c.fAddDays, "addMonths": c.fAddMonths, "addYears": c.fAddYears,
			"daysBetween": c.fDaysBetween, "maxDate": c.fMaxDate, "minDate": c.fMinDate,
			"own": c.fOwn, "nth": c.fNth, "allConsented": c.fAllConsented, "recorded": c.fRecorded,
			"eventOf": c.fEventOf, "inForce": c.fInForce, "entryIntoForce": c.fEntryIntoForce,
			"withdrawalEffective": c.fWithdrawalEffective,
		}
	}
	f, ok := c.fns[name]
	return f, ok
}

// charge counts n events scanned against the rule's run-time budget: the
// library's functions cost what they scan, whatever cel-go's static model
// assumed, so a rule that calls them in a loop over a large record is
// stopped, not left to run.
func (c *evalCtx) charge(n int) ref.Val {
	c.w.spent += uint64(n)
	if lim := c.w.e.c.lim.RuntimeCost; c.w.spent > lim {
		return types.WrapErr(budgetError(c.w.spent, lim))
	}
	return nil
}

// checkCtx lets a cancelled context stop a rule inside a library function;
// cel-go checks cancellation only inside comprehensions.
func (c *evalCtx) checkCtx() ref.Val {
	if c.w.ctx != nil {
		if err := c.w.ctx.Err(); err != nil {
			return types.WrapErr(err)
		}
	}
	return nil
}

func dateArg(v ref.Val) (cistreaty.Date, bool) {
	d, ok := v.(celDate)
	return d.d, ok
}

func intArg(v ref.Val) (int, bool) {
	n, ok := v.(types.Int)
	// Range-checked: a clause period beyond 100,000 units is no real clause
	// and would overflow month arithmetic.
	if !ok || n < -100_000 || n > 100_000 {
		return 0, false
	}
	return int(n), true
}

func (c *evalCtx) fAddDays(_ string, args ...ref.Val) ref.Val {
	d, ok := dateArg(args[0])
	if !ok {
		return types.NewErr("addDays: argument out of range")
	}
	r, errv := addDays(d, args[1])
	if errv != nil {
		return errv
	}
	return celDate{r}
}

// addDays is the library's addDays unboxed.
func addDays(d cistreaty.Date, days ref.Val) (cistreaty.Date, ref.Val) {
	n, ok := intArg(days)
	if !ok {
		return cistreaty.Date{}, types.NewErr("addDays: argument out of range")
	}
	r, err := d.AddDays(n)
	if err != nil {
		return cistreaty.Date{}, types.WrapErr(fmt.Errorf("addDays: %w", err))
	}
	return r, nil
}

func (c *evalCtx) addMonths(fn string, mult int, args []ref.Val) ref.Val {
	d, ok1 := dateArg(args[0])
	n, ok2 := intArg(args[1])
	if !ok1 || !ok2 {
		return types.NewErr("%s: argument out of range", fn)
	}
	rule := cistreaty.MonthEndLastDay
	if len(args) == 3 {
		s, _ := args[2].(types.String)
		r, err := cistreaty.ParseMonthEnd(string(s))
		if err != nil {
			return types.NewErr("%s: %v", fn, err)
		}
		rule = r
	}
	r, adjusted, err := d.AddMonths(n*mult, rule)
	if err != nil {
		return types.WrapErr(fmt.Errorf("%s: %w", fn, err))
	}
	if adjusted && c.w.tr != nil {
		c.w.tr.note(fmt.Sprintf("%s plus %d months has no such day; by the %s month-end rule it is %s.", d, n*mult, rule, r))
	}
	return celDate{r}
}

func (c *evalCtx) fAddMonths(_ string, args ...ref.Val) ref.Val {
	return c.addMonths("addMonths", 1, args)
}
func (c *evalCtx) fAddYears(_ string, args ...ref.Val) ref.Val {
	return c.addMonths("addYears", 12, args)
}

func (c *evalCtx) fDaysBetween(_ string, args ...ref.Val) ref.Val {
	a, ok1 := dateArg(args[0])
	b, ok2 := dateArg(args[1])
	if !ok1 || !ok2 {
		return types.NewErr("daysBetween: not a date")
	}
	return types.Int(a.DaysBetween(b))
}

func (c *evalCtx) fMaxDate(_ string, args ...ref.Val) ref.Val {
	a, _ := dateArg(args[0])
	b, _ := dateArg(args[1])
	if a.Compare(b) >= 0 {
		return celDate{a}
	}
	return celDate{b}
}

func (c *evalCtx) fMinDate(_ string, args ...ref.Val) ref.Val {
	a, _ := dateArg(args[0])
	b, _ := dateArg(args[1])
	if a.Compare(b) <= 0 {
		return celDate{a}
	}
	return celDate{b}
}

// kindsArg reads a list of event kinds into a bit set.
func kindsArg(v ref.Val) (uint64, ref.Val) {
	if kl, ok := v.(*kindList); ok {
		return kl.set, kl.err // a literal, read when the rule was planned
	}
	return kindsOf(v)
}

func kindsOf(v ref.Val) (uint64, ref.Val) {
	l, ok := v.(interface {
		Size() ref.Val
		Get(ref.Val) ref.Val
	})
	if !ok {
		return 0, types.NewErr("want a list of event kinds")
	}
	n, _ := l.Size().(types.Int)
	if n > 64 {
		return 0, types.NewErr("too many event kinds")
	}
	var set uint64
	for i := types.Int(0); i < n; i++ {
		s, ok := l.Get(i).(types.String)
		if !ok {
			return 0, types.NewErr("want a list of event kinds")
		}
		k, err := cistreaty.ParseEventKind(string(s))
		if err != nil {
			return 0, types.NewErr("%v", err)
		}
		set |= 1 << k
	}
	return set, nil
}

func optOf(d cistreaty.Date, ok bool) ref.Val {
	if !ok {
		return types.OptionalNone
	}
	return types.OptionalOf(celDate{d})
}

// firstOf returns the earliest event among idx (in date order) whose kind is
// in set and that happened in this world.
func (w *world) firstOf(idx []int, set uint64) (int, cistreaty.Date, bool) {
	best, bestDay := -1, cistreaty.Date{}
	for _, i := range idx {
		if set&(1<<w.e.event(i).Kind) == 0 {
			continue
		}
		d, ok := w.day(i)
		if !ok {
			continue
		}
		if best < 0 || d.Before(bestDay) {
			best, bestDay = i, d
		}
	}
	return best, bestDay, best >= 0
}

// kindsIn begins a library function that reads a list of event kinds: an
// error argument is the value, a cancelled context stops it, and the list
// is read into a set.
func (c *evalCtx) kindsIn(kinds ref.Val) (uint64, ref.Val) {
	if types.IsError(kinds) {
		return 0, kinds
	}
	if e := c.checkCtx(); e != nil {
		return 0, e
	}
	return kindsArg(kinds)
}

func (c *evalCtx) fOwn(_ string, args ...ref.Val) ref.Val { return c.own(args[0]).boxed() }

// own is the library's own(kinds) unboxed: the party's first instrument of
// those kinds.
func (c *evalCtx) own(kinds ref.Val) dateOpt {
	set, errv := c.kindsIn(kinds)
	if errv != nil {
		return dateOpt{err: errv}
	}
	idx := c.treaty.byParty.of(c.party)
	if e := c.charge(len(idx)); e != nil {
		return dateOpt{err: e}
	}
	i, d, ok := c.w.firstOf(idx, set)
	if ok {
		c.w.tr.fact(i)
	}
	return dateOpt{d: d, has: ok}
}

// firstPerParty returns, for each party (successors merged with the states
// they continue), its first instrument of the kinds in set, in the order of
// their first events. It appends them to out (given empty): the callers
// pass the world's scratch lists, which a quarter of a million treaties'
// builds would otherwise allocate anew.
func (c *evalCtx) firstPerParty(set uint64, out []partyFirst) []partyFirst {
	c.w.spent += uint64(len(c.treaty.events))
	var at map[string]int // party → its place in out, once out is long
	find := func(who string) (int, bool) {
		if at != nil {
			k, ok := at[who]
			return k, ok
		}
		for k := range out {
			if out[k].party == who {
				return k, true
			}
		}
		return 0, false
	}
	for _, i := range c.treaty.events {
		ev := c.w.e.event(i)
		if ev.Party == "" || set&(1<<ev.Kind) == 0 {
			continue
		}
		d, ok := c.w.day(i)
		if !ok {
			continue
		}
		who := c.w.e.canonical(ev.Party)
		k, seen := find(who)
		switch {
		case !seen:
			out = append(out, partyFirst{who, firstInstrument{d, i}})
			if at != nil {
				at[who] = len(out) - 1
			} else if len(out) > 16 {
				at = make(map[string]int, 2*len(out))
				for k, f := range out {
					at[f.party] = k
				}
			}
		case d.Before(out[k].d):
			out[k].firstInstrument = firstInstrument{d, i}
		}
	}
	return out
}

// partyFirst is one party's first instrument.
type partyFirst struct {
	party string
	firstInstrument
}

func (c *evalCtx) fNth(_ string, args ...ref.Val) ref.Val { return c.nth(args[0], args[1]).boxed() }

// nth is the library's nth(kinds, n) unboxed: the day of the n-th instrument
// of those kinds, by any party.
func (c *evalCtx) nth(kinds, nv ref.Val) dateOpt {
	if types.IsError(nv) && !types.IsError(kinds) {
		return dateOpt{err: nv} // CEL reports the first error among the arguments
	}
	set, errv := c.kindsIn(kinds)
	if errv != nil {
		return dateOpt{err: errv}
	}
	n, ok := intArg(nv)
	if !ok || n < 1 {
		return dateOpt{err: types.NewErr("nth: n must be from 1 to 100000")}
	}
	c.counts |= countNth
	days := c.w.instruments(c.treaty, set, c)
	if e := c.charge(0); e != nil {
		return dateOpt{err: e}
	}
	if len(days) < n {
		return dateOpt{}
	}
	if c.nthAt.IsValid() && c.nthAt.Before(days[n-1].d) {
		return dateOpt{d: c.nthAt, has: true}
	}
	if c.w.tr != nil {
		for k := 0; k < n; k++ {
			c.w.tr.fact(days[k].i)
		}
	}
	return dateOpt{d: days[n-1].d, has: true}
}

func (c *evalCtx) fAllConsented(_ string, args ...ref.Val) ref.Val {
	return c.allConsented(args[0]).boxed()
}

// allConsented is the library's allConsented(kinds) unboxed: the day the
// last signatory gave its consent by an instrument of those kinds.
func (c *evalCtx) allConsented(kinds ref.Val) dateOpt {
	set, errv := c.kindsIn(kinds)
	if errv != nil {
		return dateOpt{err: errv}
	}
	c.counts |= countAll
	// Neither list outlives this call, which evaluates no rule: the
	// world's scratch lists serve.
	firsts := c.firstPerParty(set, c.w.scratch[0][:0])
	signers := c.firstPerParty(1<<cistreaty.Signature, c.w.scratch[1][:0])
	c.w.scratch[0], c.w.scratch[1] = firsts[:0], signers[:0]
	if e := c.charge(0); e != nil {
		return dateOpt{err: e}
	}
	if len(signers) == 0 {
		return dateOpt{}
	}
	find := func(p string) (int, bool) {
		for k := range firsts {
			if firsts[k].party == p {
				return k, true
			}
		}
		return 0, false
	}
	if len(firsts) > 16 {
		byParty := make(map[string]int, len(firsts))
		for k, f := range firsts {
			byParty[f.party] = k
		}
		find = func(p string) (int, bool) { k, ok := byParty[p]; return k, ok }
	}
	var last cistreaty.Date
	for _, sg := range signers {
		k, ok := find(sg.party)
		if !ok {
			return dateOpt{}
		}
		f := firsts[k]
		c.w.tr.fact(f.i)
		if f.d.After(last) {
			last = f.d
		}
	}
	return dateOpt{d: last, has: true}
}

func (c *evalCtx) fRecorded(_ string, args ...ref.Val) ref.Val {
	s, _ := args[0].(types.String)
	k, err := cistreaty.ParseEventKind(string(s))
	if err != nil {
		return types.NewErr("recorded: %v", err)
	}
	i, d, ok := c.w.firstOf(c.treaty.wide, 1<<k)
	if ok {
		c.w.tr.fact(i)
	}
	return optOf(d, ok)
}

func (c *evalCtx) lookupTreaty(v ref.Val) (*treatyInfo, ref.Val) {
	s, _ := v.(types.String)
	t, ok := c.w.e.treaties[string(s)]
	if !ok {
		return nil, types.NewErr("unknown treaty %q", quote.Clip(string(s)))
	}
	return t, nil
}

func (c *evalCtx) fEventOf(_ string, args ...ref.Val) ref.Val {
	if e := c.checkCtx(); e != nil {
		return e
	}
	t, errv := c.lookupTreaty(args[0])
	if errv != nil {
		return errv
	}
	p, _ := args[1].(types.String)
	set, errv := kindsArg(args[2])
	if errv != nil {
		return errv
	}
	idx := t.byParty.of(string(p))
	if e := c.charge(len(idx)); e != nil {
		return e
	}
	i, d, ok := c.w.firstOf(idx, set)
	if ok {
		c.w.tr.fact(i)
	}
	return optOf(d, ok)
}

func (c *evalCtx) result(args []ref.Val) (*ptResult, ref.Val) {
	if e := c.checkCtx(); e != nil {
		return nil, e
	}
	t, errv := c.lookupTreaty(args[0])
	if errv != nil {
		return nil, errv
	}
	p, _ := args[1].(types.String)
	return c.w.result(t, string(p)), nil
}

func (c *evalCtx) fInForce(_ string, args ...ref.Val) ref.Val {
	r, errv := c.result(args)
	if errv != nil {
		return errv
	}
	d, ok := dateArg(args[2])
	if !ok {
		return types.NewErr("inForce: not a date")
	}
	switch r.at(d) {
	case vTrue:
		return types.True
	case vFalse:
		return types.False
	}
	c.unknown = true
	return types.WrapErr(errUnknown)
}

func (c *evalCtx) fEntryIntoForce(_ string, args ...ref.Val) ref.Val {
	r, errv := c.result(args)
	if errv != nil {
		return errv
	}
	if r.state == psUnknown {
		c.unknown = true
		return types.WrapErr(errUnknown)
	}
	return optOf(r.eif, r.state == psBound)
}

func (c *evalCtx) fWithdrawalEffective(_ string, args ...ref.Val) ref.Val {
	r, errv := c.result(args)
	if errv != nil {
		return errv
	}
	if r.state == psUnknown || (r.endUnknown && r.end.IsValid()) {
		c.unknown = true
		return types.WrapErr(errUnknown)
	}
	return optOf(r.end, r.state == psBound && r.end.IsValid() && r.endWhy == endWithdrawal)
}

// eventList is the `events` variable: the treaty's events in this world.
func (c *evalCtx) eventList() ref.Val {
	var out []map[string]any
	if c.treaty != nil {
		for _, i := range c.treaty.events {
			d, ok := c.w.day(i)
			if !ok {
				continue
			}
			ev := c.w.e.event(i)
			out = append(out, map[string]any{
				"party": ev.Party, "kind": ev.Kind.String(), "date": celDate{d}, "towards": ev.Towards,
			})
		}
	}
	return types.DefaultTypeAdapter.NativeToValue(out)
}

// evalRule runs one compiled rule in this world. It reports the value, or
// that the record does not settle it (unknown), or a run-time failure.
func (w *world) evalRule(p *program, vars *evalCtx) (ref.Val, bool) {
	// Activations are kept per nesting depth and reused, so that evaluating
	// a rule allocates no activation and no function table; a rule's library
	// call may evaluate another rule, one level deeper.
	if w.err != nil {
		return nil, false // the evaluation has already failed
	}
	// One budget spans a rule's evaluation and every rule it calls, however
	// deep: a rule that reads another treaty's standing pays for the rules
	// that decide it, each charged on entry so that a chain of them is
	// stopped before it is walked.
	lim := w.e.c.lim.RuntimeCost
	if w.depth == 0 {
		w.spent = 0
	} else if w.spent += nestedCost; w.spent > lim {
		w.fail(&RuleError{Rule: p.rule.ID, Pos: p.rule.Pos, Err: budgetError(w.spent, lim)})
		return nil, false
	}
	if w.depth == len(w.stack) {
		w.stack = append(w.stack, &evalCtx{})
	}
	c := w.stack[w.depth]
	fns, slots := c.fns, c.slots
	*c = *vars
	c.fns, c.slots, c.w, c.unknown, c.partyVal = fns, slots, w, false, nil
	w.depth++
	defer func() { w.depth-- }()
	step := w.tr.push(p)
	if step != nil && c.clause != nil && c.clause.Cites != "" {
		// A template speaks through the treaty's own article.
		step.rule.Cites, step.rule.Says, step.rule.Source = c.clause.Cites, c.clause.Says, c.clause.Source
		step.rule.Lang, step.rule.SaysEN, step.rule.Reading = c.clause.Lang, c.clause.SaysEN, c.clause.Reading
	}
	if c.notice.IsValid() && c.noticeEvent >= 0 {
		w.tr.fact(c.noticeEvent)
	}
	var out ref.Val
	var err error
	if run := p.goForm(); run != nil {
		if out = run(c); types.IsError(out) {
			err = out.(*types.Err)
		}
	} else {
		var det *cel.EvalDetails
		out, det, err = p.prg.ContextEval(w.ctxOrBackground(), c)
		if det != nil {
			if n := det.ActualCost(); n != nil {
				w.spent += *n
			}
		}
	}
	vars.counts |= c.counts
	if err == nil && w.spent > lim {
		err = budgetError(w.spent, lim)
	}
	if c.unknown && err == nil {
		w.tr.pop(step, "not settled by the record")
		return nil, true
	}
	if err != nil {
		if errors.Is(err, errUnknown) || strings.Contains(err.Error(), errUnknown.Error()) {
			w.tr.pop(step, "not settled by the record")
			return nil, true
		}
		w.fail(&RuleError{Rule: p.rule.ID, Pos: p.rule.Pos, Err: err})
		if w.tr != nil {
			w.tr.pop(step, "failed: "+err.Error())
		}
		return nil, false
	}
	if w.tr != nil {
		v := valueString(out)
		if v == "none" {
			v = c.noneMeans
			if v == "" {
				v = "does not apply here"
			}
		}
		w.tr.pop(step, v)
	}
	return out, false
}

// nestedCost is what entering a rule from another rule's library call
// costs, besides the rule's own evaluation.
const nestedCost = 500

func budgetError(spent, lim uint64) error {
	return fmt.Errorf("operation cancelled: actual cost limit exceeded: the rule, the rules it calls and the events they scanned cost %d, over the budget of %d", spent, lim)
}

func (w *world) ctxOrBackground() context.Context {
	if w.ctx == nil {
		return context.Background()
	}
	return w.ctx
}

// valueString renders a rule's value for an explanation.
func valueString(v ref.Val) string {
	switch x := v.(type) {
	case celDate:
		return x.d.String()
	case *types.Optional:
		if !x.HasValue() {
			return "none"
		}
		return valueString(x.GetValue())
	case types.Bool:
		if x {
			return "true"
		}
		return "false"
	case nil:
		return ""
	}
	return fmt.Sprint(v.Value())
}

// RuleError is a rule's failure at run time: its budget exceeded, the
// evaluation cancelled, or an error inside the expression.
type RuleError struct {
	Rule string
	Pos  cistreaty.Pos
	Err  error
}

func (e *RuleError) Error() string {
	return fmt.Sprintf("%s: rule %s failed: %v", e.Pos, e.Rule, e.Err)
}

func (e *RuleError) Unwrap() error { return e.Err }

// firstInstrument is a party's first instrument of some kinds.
type firstInstrument struct {
	d cistreaty.Date
	i int
}

type instrumentsKey struct {
	treaty string
	set    uint64
}

// instruments returns each party's first instrument of the kinds in set,
// in date order, computed once per world: every party's entry into force
// under an n-th-instrument clause reads the same list.
func (w *world) instruments(t *treatyInfo, set uint64, c *evalCtx) []firstInstrument {
	k := instrumentsKey{t.t.ID, set}
	if l, ok := w.firsts[k]; ok {
		w.replay(l.deps)
		return l.l
	}
	mark := len(w.reads)
	m := c.firstPerParty(set, c.w.scratch[0][:0])
	c.w.scratch[0] = m[:0]
	l := make([]firstInstrument, len(m))
	for k, f := range m {
		l[k] = f.firstInstrument
	}
	slices.SortFunc(l, func(a, b firstInstrument) int {
		if c := a.d.Compare(b.d); c != 0 {
			return c
		}
		return a.i - b.i
	})
	if w.firsts == nil {
		w.firsts = map[instrumentsKey]instrumentsMemo{}
	}
	var d deps
	if w.shared != nil {
		d = w.depsSince(mark)
	}
	w.firsts[k] = instrumentsMemo{l, d}
	return l
}

type instrumentsMemo struct {
	l    []firstInstrument
	deps deps
}
