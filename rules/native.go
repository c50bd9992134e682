package rules

import (
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
			mine := once(func() ref.Val { return c.call(libOwn, c.param(pKinds)) })
			trigger := once(func() ref.Val { return c.call(libNth, c.param(pKinds), c.param(pN)) })
			cond := and(func() ref.Val { return hasValue(mine()) }, func() ref.Val { return hasValue(trigger()) },
				func() ref.Val {
					return compareDates(optValue(mine()), optValue(trigger()), func(x int) bool { return x <= 0 })
				})
			return ifThen(cond, func() ref.Val {
				return optionalOf(c.call(libAddDays, optValue(trigger()), c.param(pDays)))
			}, optionalNone)
		}
	case "later-instrument":
		// … mine.value() > trigger.value() ? optional.of(mine.value().addDays(params.days)) …
		return func(c *evalCtx) ref.Val {
			mine := once(func() ref.Val { return c.call(libOwn, c.param(pKinds)) })
			trigger := once(func() ref.Val { return c.call(libNth, c.param(pKinds), c.param(pN)) })
			cond := and(func() ref.Val { return hasValue(mine()) }, func() ref.Val { return hasValue(trigger()) },
				func() ref.Val {
					return compareDates(optValue(mine()), optValue(trigger()), func(x int) bool { return x > 0 })
				})
			return ifThen(cond, func() ref.Val {
				return optionalOf(c.call(libAddDays, optValue(mine()), c.param(pDays)))
			}, optionalNone)
		}
	case "own-instrument":
		// cel.bind(mine, own(params.kinds),
		//   mine.hasValue() ? optional.of(mine.value().addDays(params.days)) : optional.none())
		return func(c *evalCtx) ref.Val {
			mine := c.call(libOwn, c.param(pKinds))
			return ifThen(hasValue(mine), func() ref.Val {
				return optionalOf(c.call(libAddDays, optValue(mine), c.param(pDays)))
			}, optionalNone)
		}
	case "all-parties":
		// cel.bind(mine, own(params.kinds), cel.bind(all, allConsented(params.kinds),
		//   mine.hasValue() && all.hasValue()
		//     ? optional.of(maxDate(all.value(), mine.value()).addDays(params.days)) : optional.none()))
		return func(c *evalCtx) ref.Val {
			mine := once(func() ref.Val { return c.call(libOwn, c.param(pKinds)) })
			all := once(func() ref.Val { return c.call(libAllConsented, c.param(pKinds)) })
			cond := and(func() ref.Val { return hasValue(mine()) }, func() ref.Val { return hasValue(all()) })
			return ifThen(cond, func() ref.Val {
				return optionalOf(c.call(libAddDays, c.call(libMaxDate, optValue(all()), optValue(mine())), c.param(pDays)))
			}, optionalNone)
		}
	case "fixed-date":
		// cel.bind(mine, own(params.kinds),
		//   mine.hasValue() ? optional.of(maxDate(params.date, mine.value())) : optional.none())
		return func(c *evalCtx) ref.Val {
			mine := c.call(libOwn, c.param(pKinds))
			return ifThen(hasValue(mine), func() ref.Val {
				return optionalOf(c.call(libMaxDate, c.param(pDate), optValue(mine)))
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

// noticeVal is the variable notice, or CEL's error where it is not bound.
func (c *evalCtx) noticeVal() ref.Val {
	if v, ok := c.ResolveName(varNotice); ok {
		return v.(ref.Val)
	}
	return types.NewErr("no such attribute: notice")
}

// param is params.<name>, or CEL's error where there is no such key.
func (c *evalCtx) param(key ref.Val) ref.Val {
	m, ok := c.params.(traits.Mapper)
	if !ok {
		return types.NewErr("no such key: %s", key)
	}
	v, found := m.Find(key)
	if !found {
		return types.NewErr("no such key: %s", key)
	}
	return v
}

// The templates' parameter names as CEL values, made once: turning a name
// into a CEL value on every call would allocate.
var (
	pKinds    ref.Val = types.String("kinds")
	pN        ref.Val = types.String("n")
	pDays     ref.Val = types.String("days")
	pDate     ref.Val = types.String("date")
	pMonths   ref.Val = types.String("months")
	pMonthEnd ref.Val = types.String("month_end")
	pLastDay  ref.Val = types.String("last_day")
)

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
