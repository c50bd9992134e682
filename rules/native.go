package rules

import (
	"github.com/pacta-law/pacta/cistreaty"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
)

// nativeRule evaluates a built-in clause template in Go. The template's CEL
// text stays its definition (rules/law/templates.yaml): each function here
// is that text transcribed step by step, calling the same library functions
// in the same order (so the explanation records the same facts and the
// budget is charged the same), and a fuzz test checks that both give the
// same value on random records and parameters. Errors follow CEL: a false
// operand of && wins over an error, any other error is the value.
type nativeRule func(c *evalCtx) ref.Val

// nativeTemplate returns the Go form of an embedded template, or nil.
func nativeTemplate(name string) nativeRule {
	switch name {
	case "nth-instrument":
		// cel.bind(mine, own(params.kinds), cel.bind(trigger, nth(params.kinds, params.n),
		//   mine.hasValue() && trigger.hasValue() && mine.value() <= trigger.value()
		//     ? optional.of(trigger.value().addDays(params.days)) : optional.none()))
		return func(c *evalCtx) ref.Val {
			mine := onceOpt(func() dateOpt { return c.own(c.param(pKinds)) })
			trigger := onceOpt(func() dateOpt { return c.nth(c.param(pKinds), c.param(pN)) })
			cond := and(func() ref.Val { return mine().hasValue() }, func() ref.Val { return trigger().hasValue() },
				func() ref.Val { return compareOpt(mine(), trigger(), func(x int) bool { return x <= 0 }) })
			return ifThen(cond, func() ref.Val { return optionalAddDays(trigger(), c.param(pDays)) }, optionalNone)
		}
	case "later-instrument":
		// … mine.value() > trigger.value() ? optional.of(mine.value().addDays(params.days)) …
		return func(c *evalCtx) ref.Val {
			mine := onceOpt(func() dateOpt { return c.own(c.param(pKinds)) })
			trigger := onceOpt(func() dateOpt { return c.nth(c.param(pKinds), c.param(pN)) })
			cond := and(func() ref.Val { return mine().hasValue() }, func() ref.Val { return trigger().hasValue() },
				func() ref.Val { return compareOpt(mine(), trigger(), func(x int) bool { return x > 0 }) })
			return ifThen(cond, func() ref.Val { return optionalAddDays(mine(), c.param(pDays)) }, optionalNone)
		}
	case "own-instrument":
		// cel.bind(mine, own(params.kinds),
		//   mine.hasValue() ? optional.of(mine.value().addDays(params.days)) : optional.none())
		return func(c *evalCtx) ref.Val {
			mine := c.own(c.param(pKinds))
			return ifThen(mine.hasValue(), func() ref.Val { return optionalAddDays(mine, c.param(pDays)) }, optionalNone)
		}
	case "all-parties":
		// cel.bind(mine, own(params.kinds), cel.bind(all, allConsented(params.kinds),
		//   mine.hasValue() && all.hasValue()
		//     ? optional.of(maxDate(all.value(), mine.value()).addDays(params.days)) : optional.none()))
		return func(c *evalCtx) ref.Val {
			mine := onceOpt(func() dateOpt { return c.own(c.param(pKinds)) })
			all := onceOpt(func() dateOpt { return c.allConsented(c.param(pKinds)) })
			cond := and(func() ref.Val { return mine().hasValue() }, func() ref.Val { return all().hasValue() })
			return ifThen(cond, func() ref.Val {
				return optionalAddDays(maxOpt(all(), mine()), c.param(pDays))
			}, optionalNone)
		}
	case "fixed-date":
		// cel.bind(mine, own(params.kinds),
		//   mine.hasValue() ? optional.of(maxDate(params.date, mine.value())) : optional.none())
		return func(c *evalCtx) ref.Val {
			mine := c.own(c.param(pKinds))
			return ifThen(mine.hasValue(), func() ref.Val {
				return optionalOf(c.call(libMaxDate, c.param(pDate), mine.valueVal()))
			}, optionalNone)
		}
	case "notice-plus-months":
		// cel.bind(period, notice.addMonths(params.months, params.month_end),
		//   named.hasValue() && named.value() > period ? named.value() : period)
		return func(c *evalCtx) ref.Val {
			return c.laterOfNamed(once(func() ref.Val {
				return c.call(libAddMonths, c.noticeVal(), c.param(pMonths), c.param(pMonthEnd))
			}))
		}
	case "notice-plus-days":
		// cel.bind(period, notice.addDays(params.days),
		//   named.hasValue() && named.value() > period ? named.value() : period)
		return func(c *evalCtx) ref.Val {
			return c.laterOfNamed(once(func() ref.Val { return c.call(libAddDays, c.noticeVal(), c.param(pDays)) }))
		}
	case "fixed-term":
		// optional.of(params.last_day)
		return func(c *evalCtx) ref.Val { return optionalOf(c.param(pLastDay)) }
	}
	return nil
}

// laterOfNamed is `named.hasValue() && named.value() > period ? named.value() : period`.
func (c *evalCtx) laterOfNamed(period func() ref.Val) ref.Val {
	named, _ := c.ResolveName(varNamed)
	nv := named.(ref.Val)
	cond := and(func() ref.Val { return hasValue(nv) }, func() ref.Val { return compareDates(optValue(nv), period(), func(x int) bool { return x > 0 }) })
	return ifThen(cond, func() ref.Val { return optValue(nv) }, period)
}

// once is a binding of cel.bind: evaluated where it is first read, once.
func once(f func() ref.Val) func() ref.Val {
	var v ref.Val
	return func() ref.Val {
		if v == nil {
			v = f()
		}
		return v
	}
}

// onceOpt is once for a dateOpt.
func onceOpt(f func() dateOpt) func() dateOpt {
	var v dateOpt
	done := false
	return func() dateOpt {
		if !done {
			v, done = f(), true
		}
		return v
	}
}

// dateOpt is a CEL optional<date>, or an error in its place, held unboxed:
// the Go templates pass it between library functions without allocating
// and box only their result, where CEL boxes every step.
type dateOpt struct {
	d   cistreaty.Date
	has bool
	err ref.Val // the error that stands in the optional's place
}

// boxed is the CEL value.
func (o dateOpt) boxed() ref.Val {
	switch {
	case o.err != nil:
		return o.err
	case !o.has:
		return types.OptionalNone
	}
	return types.OptionalOf(celDate{o.d})
}

// hasValue is o.hasValue().
func (o dateOpt) hasValue() ref.Val {
	if o.err != nil {
		return o.err
	}
	return types.Bool(o.has)
}

// value is o.value(), unboxed: the date, or the error CEL gives.
func (o dateOpt) value() (cistreaty.Date, ref.Val) {
	if o.err != nil {
		return cistreaty.Date{}, o.err
	}
	if !o.has {
		return cistreaty.Date{}, types.NewErr("optional.none() dereference")
	}
	return o.d, nil
}

// valueVal is o.value() as a CEL value.
func (o dateOpt) valueVal() ref.Val {
	d, errv := o.value()
	if errv != nil {
		return errv
	}
	return celDate{d}
}

// compareOpt is compareDates(a.value(), b.value()).
func compareOpt(a, b dateOpt, holds func(int) bool) ref.Val {
	x, errv := a.value()
	if errv != nil {
		return errv
	}
	y, errv := b.value()
	if errv != nil {
		return errv
	}
	return types.Bool(holds(x.Compare(y)))
}

// maxOpt is maxDate(a.value(), b.value()), still unboxed.
func maxOpt(a, b dateOpt) dateOpt {
	x, errv := a.value()
	if errv != nil {
		return dateOpt{err: errv}
	}
	y, errv := b.value()
	if errv != nil {
		return dateOpt{err: errv}
	}
	if x.Compare(y) >= 0 {
		return dateOpt{d: x, has: true}
	}
	return dateOpt{d: y, has: true}
}

// optionalAddDays is optional.of(o.value().addDays(days)).
func optionalAddDays(o dateOpt, days ref.Val) ref.Val {
	d, errv := o.value()
	if errv != nil {
		return errv
	}
	if types.IsError(days) {
		return days
	}
	r, errv := addDays(d, days)
	if errv != nil {
		return errv
	}
	return types.OptionalOf(celDate{r})
}

// noticeVal is the variable notice, or CEL's error where it is not bound.
func (c *evalCtx) noticeVal() ref.Val {
	if v, ok := c.ResolveName(varNotice); ok {
		return v.(ref.Val)
	}
	return types.NewErr("no such attribute: notice")
}

// param is params.<name>, or CEL's error where there is no such key.
func (c *evalCtx) param(slot paramSlot) ref.Val {
	if pm, ok := c.params.(*paramMap); ok {
		if v := pm.slots[slot]; v != nil {
			return v
		}
		return types.NewErr("no such key: %s", paramNames[slot])
	}
	m, ok := c.params.(traits.Mapper)
	if !ok {
		return types.NewErr("no such key: %s", paramNames[slot])
	}
	v, found := m.Find(types.String(paramNames[slot]))
	if !found {
		return types.NewErr("no such key: %s", paramNames[slot])
	}
	return v
}

// paramSlot names a parameter the Go templates read.
type paramSlot int

const (
	pKinds paramSlot = iota
	pN
	pDays
	pDate
	pMonths
	pMonthEnd
	pLastDay
	nParamSlots
)

var paramNames = [nParamSlots]string{"kinds", "n", "days", "date", "months", "month_end", "last_day"}

// paramMap is a clause's parameters as CEL reads them, with the ones the Go
// templates read also in slots, so that a template finds them without
// hashing a key; a list of kinds is a *kindList, read into its set once.
type paramMap struct {
	traits.Mapper
	slots [nParamSlots]ref.Val
}

func newParamMap(m map[string]ref.Val) *paramMap {
	pm := &paramMap{Mapper: types.NewRefValMap(types.DefaultTypeAdapter, toRefKeys(m))}
	for i, name := range paramNames {
		pm.slots[i] = m[name]
	}
	return pm
}

// call applies a library function as CEL does: an error among the
// arguments is the value, and the function is not called. It goes through
// callLib, which calls each function directly, so that the arguments stay
// on the stack.
func (c *evalCtx) call(f libFn, args ...ref.Val) ref.Val {
	var v argVals
	for i, a := range args {
		if types.IsError(a) {
			return a
		}
		v[i] = a
	}
	return c.callLib(f, v, len(args))
}

func hasValue(v ref.Val) ref.Val {
	switch o := v.(type) {
	case *types.Optional:
		return types.Bool(o.HasValue())
	case *types.Err:
		return o
	}
	return types.NewErr("no such overload: hasValue")
}

func optValue(v ref.Val) ref.Val {
	switch o := v.(type) {
	case *types.Optional:
		if o.HasValue() {
			return o.GetValue()
		}
		return types.NewErr("optional.none() dereference")
	case *types.Err:
		return o
	}
	return types.NewErr("no such overload: value")
}

// and is CEL's &&, its terms evaluated in order until one is false: false
// wins, then the first error, then true.
func and(terms ...func() ref.Val) ref.Val {
	var err ref.Val
	for _, t := range terms {
		switch v := t(); v {
		case types.False:
			return types.False
		case types.True:
		default:
			if err == nil {
				err = v
				if !types.IsError(v) {
					err = types.NewErr("no such overload: _&&_")
				}
			}
		}
	}
	if err != nil {
		return err
	}
	return types.True
}

// compareDates compares two dates as CEL's ordering operators do.
func compareDates(a, b ref.Val, holds func(int) bool) ref.Val {
	if types.IsError(a) {
		return a
	}
	if types.IsError(b) {
		return b
	}
	x, ok1 := a.(celDate)
	y, ok2 := b.(celDate)
	if !ok1 || !ok2 {
		return types.NewErr("no such overload: compare")
	}
	return types.Bool(holds(x.d.Compare(y.d)))
}

// ifThen is CEL's conditional: an error condition is the value.
func ifThen(cond ref.Val, then, els func() ref.Val) ref.Val {
	switch cond {
	case types.True:
		return then()
	case types.False:
		return els()
	}
	if types.IsError(cond) {
		return cond
	}
	return types.NewErr("no such overload: _?_:_")
}

func optionalOf(v ref.Val) ref.Val {
	if types.IsError(v) {
		return v
	}
	return types.OptionalOf(v)
}

func optionalNone() ref.Val { return types.OptionalNone }
