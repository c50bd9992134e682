package rules

import (
	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"

	"github.com/pacta-law/pacta/cistreaty"
)

// A rule without loops is evaluated directly: its checked expression is
// planned once, when it is compiled, into Go closures over the evaluation's
// activation (evalCtx), and run without cel-go's interpreter, whose set-up,
// late binding and per-node cost tracking cost a treaty-law rule several
// times its work. The CEL text stays the rule; the plan follows CEL's
// semantics step by step (strict calls stop at the first error and read
// their arguments left to right, && and || let false and true win over an
// error, cel.bind reads its value once, where it is first read), calling
// the same library functions in the same order, so the explanation records
// the same facts. FuzzDirectRules checks plan ≡ cel-go on random records.
//
// Only what has a fixed cost is planned: no comprehension but cel.bind, no
// string, list or map operation whose cost grows with its operands, and no
// function outside the treaty-law library, optional values and the logical,
// equality and ordering operators. Anything else runs through cel-go. A
// planned rule is still tracked against the one budget of an evaluation:
// each step is charged as it runs (a library function what cel-go's cost
// model charges for it, plus what it scans), and every library function
// checks the context. With no loop, the work between two checks is bounded
// by the rule's size.

// directPlan plans a checked rule, or returns nil when the rule uses
// anything the direct evaluation does not cover.
func directPlan(checked *cel.Ast) nativeRule {
	if checked == nil {
		return nil
	}
	return planDirect(checked.NativeRep())
}

// planDirect is directPlan on cel-go's native form of a checked expression.
func planDirect(a *ast.AST) nativeRule {
	if !a.IsChecked() {
		return nil
	}
	p := &planner{a: a}
	f, ok := p.plan(p.a.Expr())
	if !ok {
		return nil
	}
	slots := p.slots
	return func(c *evalCtx) ref.Val {
		if cap(c.slots) < slots {
			c.slots = make([]ref.Val, slots)
		}
		c.slots = c.slots[:slots]
		clear(c.slots)
		return f(c)
	}
}

// planned is one planned node.
type planned func(c *evalCtx) ref.Val

type planner struct {
	a     *ast.AST
	scope []binding // names bound by the enclosing cel.bind calls, innermost last
	slots int
}

type binding struct {
	name string
	slot int
	init planned
}

// spend charges n to the evaluation's budget.
func (c *evalCtx) spend(n uint64) { c.w.spent += n }

func (p *planner) plan(e ast.Expr) (planned, bool) {
	switch e.Kind() {
	case ast.LiteralKind:
		v := e.AsLiteral()
		switch v.(type) {
		case types.Bool, types.Int, types.String:
			return func(*evalCtx) ref.Val { return v }, true
		}
		return nil, false
	case ast.IdentKind:
		return p.ident(e.AsIdent())
	case ast.SelectKind:
		return p.selection(e)
	case ast.ListKind:
		return p.list(e)
	case ast.ComprehensionKind:
		return p.bind(e)
	case ast.CallKind:
		return p.call(e)
	}
	return nil, false
}

func (p *planner) ident(name string) (planned, bool) {
	for i := len(p.scope) - 1; i >= 0; i-- {
		b := p.scope[i]
		if b.name != name {
			continue
		}
		slot, init := b.slot, b.init
		// cel.bind reads its value where it is first read, once; the value
		// is read in the scope the binding was made in.
		return func(c *evalCtx) ref.Val {
			if v := c.slots[slot]; v != nil {
				return v
			}
			v := init(c)
			c.slots[slot] = v
			return v
		}, true
	}
	switch name {
	case varParty, varOther, varTreaty, varConcluded, varOn, varNotice, varNamed, varParams:
	default:
		return nil, false // events, whose cost grows with the record, and anything else
	}
	return func(c *evalCtx) ref.Val {
		c.spend(1)
		if v, ok := c.ResolveName(name); ok {
			return v.(ref.Val)
		}
		return types.NewErr("no such attribute(s): %s", name)
	}, true
}

// selection is params.<name>: a map lookup.
func (p *planner) selection(e ast.Expr) (planned, bool) {
	s := e.AsSelect()
	if s.IsTestOnly() || s.Operand().Kind() != ast.IdentKind || s.Operand().AsIdent() != varParams {
		return nil, false
	}
	for _, b := range p.scope {
		if b.name == varParams {
			return nil, false
		}
	}
	key := types.String(s.FieldName())
	return func(c *evalCtx) ref.Val {
		c.spend(1)
		m, ok := c.params.(traits.Mapper)
		if !ok {
			if c.params == nil {
				return types.NewErr("no such key: %s", key)
			}
			return types.NewErr("no such key: %s", key)
		}
		v, found := m.Find(key)
		if !found {
			return types.NewErr("no such key: %s", key)
		}
		return v
	}, true
}

// list plans a list literal of event kinds, the one list a rule needs to
// spell: read once, here, into the set kindsArg would make of it.
func (p *planner) list(e ast.Expr) (planned, bool) {
	l := e.AsList()
	if len(l.OptionalIndices()) > 0 {
		return nil, false
	}
	strs := make([]string, 0, len(l.Elements()))
	for _, el := range l.Elements() {
		if el.Kind() != ast.LiteralKind {
			return nil, false
		}
		s, ok := el.AsLiteral().(types.String)
		if !ok {
			return nil, false
		}
		strs = append(strs, string(s))
	}
	kl := &kindList{Lister: types.NewStringList(types.DefaultTypeAdapter, strs)}
	kl.set, kl.err = kindsOf(kl.Lister)
	return func(*evalCtx) ref.Val { return kl }, true
}

// kindList is a list literal of event kinds, with what kindsArg makes of
// it.
type kindList struct {
	traits.Lister
	set uint64
	err ref.Val
}

// bind plans cel.bind(name, init, result), which the parser spells as a
// comprehension over an empty list.
func (p *planner) bind(e ast.Expr) (planned, bool) {
	c := e.AsComprehension()
	if c.HasIterVar2() || c.IterVar() != "#unused" || c.IterRange().Kind() != ast.ListKind || len(c.IterRange().AsList().Elements()) != 0 {
		return nil, false
	}
	if lc := c.LoopCondition(); lc.Kind() != ast.LiteralKind || lc.AsLiteral() != types.False {
		return nil, false
	}
	if ls := c.LoopStep(); ls.Kind() != ast.IdentKind || ls.AsIdent() != c.AccuVar() {
		return nil, false
	}
	init, ok := p.plan(c.AccuInit())
	if !ok {
		return nil, false
	}
	slot := p.slots
	p.slots++
	p.scope = append(p.scope, binding{name: c.AccuVar(), slot: slot, init: init})
	result, ok := p.plan(c.Result())
	p.scope = p.scope[:len(p.scope)-1]
	if !ok {
		return nil, false
	}
	return func(c *evalCtx) ref.Val {
		c.slots[slot] = nil
		return result(c)
	}, true
}

// libCosts is what cel-go's cost model charges for each library overload.
var libCosts = func() map[string]uint64 {
	m := make(map[string]uint64, len(libraryDecl))
	for _, f := range libraryDecl {
		m[f.overload] = f.cost
	}
	return m
}()

func (p *planner) call(e ast.Expr) (planned, bool) {
	call := e.AsCall()
	fn := call.FunctionName()
	var args []ast.Expr
	if call.IsMemberFunction() {
		args = append(args, call.Target())
	}
	args = append(args, call.Args()...)
	switch fn {
	case operators.LogicalAnd, operators.LogicalOr:
		return p.logical(fn == operators.LogicalAnd, args)
	case operators.Conditional:
		return p.conditional(args)
	case operators.LogicalNot:
		return p.strict(args, 1, func(v argVals) ref.Val {
			b, ok := v[0].(types.Bool)
			if !ok {
				return types.MaybeNoSuchOverloadErr(v[0])
			}
			return !b
		})
	case operators.Equals, operators.NotEquals:
		for _, a := range args {
			if !fixedCost(p.a.GetType(a.ID())) {
				return nil, false
			}
		}
		eq := fn == operators.Equals
		return p.strict(args, 1, func(v argVals) ref.Val {
			r := types.Equal(v[0], v[1])
			if eq {
				return r
			}
			return types.Bool(r != types.True)
		})
	case operators.Less, operators.LessEquals, operators.Greater, operators.GreaterEquals:
		for _, a := range args {
			if !ordered(p.a.GetType(a.ID())) {
				return nil, false
			}
		}
		var holds func(int64) bool
		switch fn {
		case operators.Less:
			holds = func(n int64) bool { return n < 0 }
		case operators.LessEquals:
			holds = func(n int64) bool { return n <= 0 }
		case operators.Greater:
			holds = func(n int64) bool { return n > 0 }
		default:
			holds = func(n int64) bool { return n >= 0 }
		}
		return p.strict(args, 1, func(v argVals) ref.Val {
			if x, ok := v[0].(celDate); ok {
				if y, ok := v[1].(celDate); ok {
					return types.Bool(holds(int64(x.d.Compare(y.d))))
				}
			}
			cmp, ok := v[0].(traits.Comparer)
			if !ok {
				return types.MaybeNoSuchOverloadErr(v[0])
			}
			n, ok := cmp.Compare(v[1]).(types.Int)
			if !ok {
				return types.MaybeNoSuchOverloadErr(v[1])
			}
			return types.Bool(holds(int64(n)))
		})
	case "optional.of":
		return p.strict(args, 1, func(v argVals) ref.Val { return types.OptionalOf(v[0]) })
	case "optional.none":
		if len(args) != 0 {
			return nil, false
		}
		return func(c *evalCtx) ref.Val { c.spend(1); return types.OptionalNone }, true
	case "hasValue":
		if !call.IsMemberFunction() || len(args) != 1 {
			return nil, false
		}
		return p.strict(args, 1, func(v argVals) ref.Val {
			o, ok := v[0].(*types.Optional)
			if !ok {
				return types.MaybeNoSuchOverloadErr(v[0])
			}
			return types.Bool(o.HasValue())
		})
	case "value":
		if !call.IsMemberFunction() || len(args) != 1 {
			return nil, false
		}
		return p.strict(args, 1, func(v argVals) ref.Val {
			o, ok := v[0].(*types.Optional)
			if !ok {
				return types.MaybeNoSuchOverloadErr(v[0])
			}
			return o.GetValue()
		})
	case "date":
		// A literal, checked when the rule was compiled: read once, here.
		if len(args) != 1 || args[0].Kind() != ast.LiteralKind {
			return nil, false
		}
		s, ok := args[0].AsLiteral().(types.String)
		if !ok {
			return nil, false
		}
		d, err := cistreaty.ParseDate(string(s))
		if err != nil {
			return nil, false
		}
		v := ref.Val(celDate{d})
		return func(*evalCtx) ref.Val { return v }, true
	}
	return p.library(e, fn, args)
}

// library plans a call of a treaty-law function.
func (p *planner) library(e ast.Expr, fn string, args []ast.Expr) (planned, bool) {
	ids := p.a.GetOverloadIDs(e.ID())
	if len(ids) == 0 {
		return nil, false
	}
	var charge uint64
	for _, id := range ids {
		n, ok := libCosts[id]
		if !ok {
			return nil, false
		}
		charge = max(charge, n)
	}
	lib, ok := libFuncs[fn]
	if !ok || len(args) == 0 || len(args) > len(argVals{}) {
		return nil, false
	}
	n := len(args)
	f := func(c *evalCtx, v argVals) ref.Val { return c.callLib(lib, v, n) }
	// The arguments are checked against a declared overload before the
	// function runs, as cel-go's late binding does: a value of the wrong
	// type (through params, which are dyn) is an error, not a call.
	var sigs [][]*types.Type
	for _, d := range libraryDecl {
		if d.name == fn && len(d.args) == len(args) {
			sigs = append(sigs, d.args)
		}
	}
	if len(sigs) == 0 {
		return nil, false
	}
	return p.strictCharged(args, charge, func(c *evalCtx, v argVals) ref.Val {
		for _, sig := range sigs {
			if fits(sig, v) {
				return f(c, v)
			}
		}
		return types.NewErr("no such overload: %s", fn)
	})
}

// fits reports whether values suit a declared signature.
func fits(sig []*types.Type, v argVals) bool {
	for i, t := range sig {
		switch t.Kind() {
		case types.IntKind:
			if _, ok := v[i].(types.Int); !ok {
				return false
			}
		case types.StringKind:
			if _, ok := v[i].(types.String); !ok {
				return false
			}
		case types.OpaqueKind:
			if _, ok := v[i].(celDate); !ok {
				return false
			}
		case types.ListKind:
			if _, ok := v[i].(traits.Lister); !ok {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// args are a call's argument values, at most three; the rest are nil.
type argVals [3]ref.Val

// strict plans a call that charges n and reads its arguments left to
// right, stopping at the first error, which is its value.
func (p *planner) strict(in []ast.Expr, n uint64, f func(v argVals) ref.Val) (planned, bool) {
	return p.strictCharged(in, n, func(_ *evalCtx, v argVals) ref.Val { return f(v) })
}

func (p *planner) strictCharged(in []ast.Expr, n uint64, f func(c *evalCtx, v argVals) ref.Val) (planned, bool) {
	if len(in) > len(argVals{}) {
		return nil, false
	}
	steps := make([]planned, len(in))
	for i, a := range in {
		s, ok := p.plan(a)
		if !ok {
			return nil, false
		}
		steps[i] = s
	}
	switch len(steps) {
	case 0:
		return func(c *evalCtx) ref.Val { c.spend(n); return f(c, argVals{}) }, true
	case 1:
		s0 := steps[0]
		return func(c *evalCtx) ref.Val {
			var v argVals
			if v[0] = s0(c); types.IsError(v[0]) {
				return v[0]
			}
			c.spend(n)
			return f(c, v)
		}, true
	case 2:
		s0, s1 := steps[0], steps[1]
		return func(c *evalCtx) ref.Val {
			var v argVals
			if v[0] = s0(c); types.IsError(v[0]) {
				return v[0]
			}
			if v[1] = s1(c); types.IsError(v[1]) {
				return v[1]
			}
			c.spend(n)
			return f(c, v)
		}, true
	}
	s0, s1, s2 := steps[0], steps[1], steps[2]
	return func(c *evalCtx) ref.Val {
		var v argVals
		if v[0] = s0(c); types.IsError(v[0]) {
			return v[0]
		}
		if v[1] = s1(c); types.IsError(v[1]) {
			return v[1]
		}
		if v[2] = s2(c); types.IsError(v[2]) {
			return v[2]
		}
		c.spend(n)
		return f(c, v)
	}, true
}

// logical plans && (and) or ||: every operand is read until one decides
// (false for &&, true for ||); then the first error, then the other value.
func (p *planner) logical(and bool, args []ast.Expr) (planned, bool) {
	if len(args) != 2 {
		return nil, false
	}
	l, ok1 := p.plan(args[0])
	r, ok2 := p.plan(args[1])
	if !ok1 || !ok2 {
		return nil, false
	}
	decides := types.Bool(!and)
	return func(c *evalCtx) ref.Val {
		lv := l(c)
		if lv == decides {
			return decides
		}
		rv := r(c)
		if rv == decides {
			return decides
		}
		if _, ok := lv.(types.Bool); !ok {
			if types.IsError(lv) {
				return lv
			}
			return types.MaybeNoSuchOverloadErr(lv)
		}
		if _, ok := rv.(types.Bool); !ok {
			if types.IsError(rv) {
				return rv
			}
			return types.MaybeNoSuchOverloadErr(rv)
		}
		return !decides
	}, true
}

// conditional plans c ? a : b: an error condition is the value.
func (p *planner) conditional(args []ast.Expr) (planned, bool) {
	if len(args) != 3 {
		return nil, false
	}
	cond, ok1 := p.plan(args[0])
	then, ok2 := p.plan(args[1])
	els, ok3 := p.plan(args[2])
	if !ok1 || !ok2 || !ok3 {
		return nil, false
	}
	return func(c *evalCtx) ref.Val {
		switch v := cond(c); v {
		case types.True:
			return then(c)
		case types.False:
			return els(c)
		default:
			if types.IsError(v) {
				return v
			}
			return types.MaybeNoSuchOverloadErr(v)
		}
	}, true
}

// fixedCost reports whether equality of values of type t costs the same
// whatever the values: not strings, lists or maps, which cel-go charges by
// size.
func fixedCost(t *types.Type) bool {
	if t == nil {
		return false
	}
	switch t.Kind() {
	case types.BoolKind, types.IntKind, types.UintKind, types.DoubleKind, types.NullTypeKind:
		return true
	case types.OpaqueKind:
		return t.TypeName() == dateTypeName
	}
	return false
}

// ordered reports whether values of type t are ordered at a fixed cost:
// dates and numbers.
func ordered(t *types.Type) bool {
	if t == nil {
		return false
	}
	switch t.Kind() {
	case types.IntKind, types.UintKind, types.DoubleKind:
		return true
	case types.OpaqueKind:
		return t.TypeName() == dateTypeName
	}
	return false
}

// libFunc names a library function for callLib.
type libFn uint8

const (
	libAddDays libFn = iota
	libAddMonths
	libAddYears
	libDaysBetween
	libMaxDate
	libMinDate
	libOwn
	libNth
	libAllConsented
	libRecorded
	libEventOf
	libInForce
	libEntryIntoForce
	libWithdrawalEffective
)

var libFuncs = map[string]libFn{
	"addDays": libAddDays, "addMonths": libAddMonths, "addYears": libAddYears,
	"daysBetween": libDaysBetween, "maxDate": libMaxDate, "minDate": libMinDate,
	"own": libOwn, "nth": libNth, "allConsented": libAllConsented, "recorded": libRecorded,
	"eventOf": libEventOf, "inForce": libInForce, "entryIntoForce": libEntryIntoForce,
	"withdrawalEffective": libWithdrawalEffective,
}

// callLib calls a library function with the first n values. The calls are
// static, so that the arguments stay on the stack.
func (c *evalCtx) callLib(f libFn, v argVals, n int) ref.Val {
	a := v[:n]
	switch f {
	case libAddDays:
		return c.fAddDays("addDays", a...)
	case libAddMonths:
		return c.fAddMonths("addMonths", a...)
	case libAddYears:
		return c.fAddYears("addYears", a...)
	case libDaysBetween:
		return c.fDaysBetween("daysBetween", a...)
	case libMaxDate:
		return c.fMaxDate("maxDate", a...)
	case libMinDate:
		return c.fMinDate("minDate", a...)
	case libOwn:
		return c.fOwn("own", a...)
	case libNth:
		return c.fNth("nth", a...)
	case libAllConsented:
		return c.fAllConsented("allConsented", a...)
	case libRecorded:
		return c.fRecorded("recorded", a...)
	case libEventOf:
		return c.fEventOf("eventOf", a...)
	case libInForce:
		return c.fInForce("inForce", a...)
	case libEntryIntoForce:
		return c.fEntryIntoForce("entryIntoForce", a...)
	case libWithdrawalEffective:
		return c.fWithdrawalEffective("withdrawalEffective", a...)
	}
	return types.NewErr("no such overload")
}
