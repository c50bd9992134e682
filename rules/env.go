package rules

import (
	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	"cel.dev/cel-go/common/cost"
	"cel.dev/cel-go/common/operators"
	"cel.dev/cel-go/common/overloads"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/ext"

	"github.com/pacta-law/pacta/cistreaty"
)

// Names of the variables a rule may read. Which are bound depends on what the
// rule decides; see doc.go.
const (
	varParty     = "party"
	varOther     = "other"
	varTreaty    = "treaty"
	varConcluded = "concluded"
	varOn        = "on"
	varNotice    = "notice"
	varNamed     = "named"
	varParams    = "params"
	varEvents    = "events"
)

// libFunc describes one function of the treaty-law library: its CEL
// declaration and the cost it charges, so the static estimate and the
// run-time tracker agree with the work it does.
type libFunc struct {
	name     string
	overload string
	member   bool
	args     []*cel.Type
	result   *cel.Type
	cost     uint64
}

var (
	optDate     = cel.OptionalType(dateType)
	stringList  = cel.ListType(cel.StringType)
	paramsType  = cel.MapType(cel.StringType, cel.DynType)
	eventCost   = uint64(20) // a scan of one party's events under one treaty
	lookupCost  = uint64(40) // a timeline lookup, possibly evaluating another treaty's clauses
	libraryDecl = []libFunc{
		{"addDays", "date_add_days", true, []*cel.Type{dateType, cel.IntType}, dateType, 2},
		{"addMonths", "date_add_months", true, []*cel.Type{dateType, cel.IntType}, dateType, 4},
		{"addMonths", "date_add_months_rule", true, []*cel.Type{dateType, cel.IntType, cel.StringType}, dateType, 4},
		{"addYears", "date_add_years", true, []*cel.Type{dateType, cel.IntType}, dateType, 4},
		{"addYears", "date_add_years_rule", true, []*cel.Type{dateType, cel.IntType, cel.StringType}, dateType, 4},
		{"daysBetween", "date_days_between", true, []*cel.Type{dateType, dateType}, cel.IntType, 1},
		{"maxDate", "max_date", false, []*cel.Type{dateType, dateType}, dateType, 1},
		{"minDate", "min_date", false, []*cel.Type{dateType, dateType}, dateType, 1},
		{"own", "own_kinds", false, []*cel.Type{stringList}, optDate, eventCost},
		{"nth", "nth_kinds_int", false, []*cel.Type{stringList, cel.IntType}, optDate, eventCost * 8},
		{"allConsented", "all_consented_kinds", false, []*cel.Type{stringList}, optDate, eventCost * 8},
		{"recorded", "recorded_kind", false, []*cel.Type{cel.StringType}, optDate, eventCost},
		{"eventOf", "event_of", false, []*cel.Type{cel.StringType, cel.StringType, stringList}, optDate, eventCost},
		{"inForce", "in_force", false, []*cel.Type{cel.StringType, cel.StringType, dateType}, cel.BoolType, lookupCost},
		{"entryIntoForce", "entry_into_force", false, []*cel.Type{cel.StringType, cel.StringType}, optDate, lookupCost},
		{"withdrawalEffective", "withdrawal_effective", false, []*cel.Type{cel.StringType, cel.StringType}, optDate, lookupCost},
	}
)

// newEnv builds the CEL environment every rule is compiled in. It is built
// once per Engine and shared by what-if engines.
func newEnv(lim Limits) (*cel.Env, error) {
	opts := []cel.EnvOption{
		cel.OptionalTypes(),
		ext.Bindings(), // cel.bind(name, value, expr): read a value once
		cel.Variable(varParty, cel.StringType),
		cel.Variable(varOther, cel.StringType),
		cel.Variable(varTreaty, cel.StringType),
		cel.Variable(varConcluded, dateType),
		cel.Variable(varOn, dateType),
		cel.Variable(varNotice, dateType),
		cel.Variable(varNamed, optDate),
		cel.Variable(varParams, paramsType),
		cel.Variable(varEvents, cel.ListType(cel.MapType(cel.StringType, cel.DynType))),
		cel.ParserExpressionSizeLimit(lim.ExpressionSize),
		cel.ParserRecursionLimit(lim.Nesting),
		cel.ASTValidators(
			cel.ValidateComprehensionNestingLimit(lim.ComprehensionNesting),
			dateLiteralValidator{},
			literalPatternValidator{},
			expandedSizeValidator{},
		),
		// A pattern is compiled once, with the program (cel.OptOptimize), and
		// may not compile to more than this many instructions.
		cel.RegexProgramSizeLimit(maxRegexProgramSize),
		// date('YYYY-MM-DD'): pure, so bound statically; literals are checked
		// at compile time by dateLiteralValidator.
		cel.Function("date",
			cel.Overload("string_to_date", []*cel.Type{cel.StringType}, dateType,
				cel.UnaryBinding(func(v ref.Val) ref.Val {
					s, ok := v.(types.String)
					if !ok {
						return types.MaybeNoSuchOverloadErr(v)
					}
					d, err := cistreaty.ParseDate(string(s))
					if err != nil {
						return types.NewErr("%v", err)
					}
					return celDate{d}
				}))),
		// Ordering and equality of dates: declared without bindings so the
		// standard operators dispatch through the comparer trait.
		cel.Function(operators.Less, cel.Overload("less_date", []*cel.Type{dateType, dateType}, cel.BoolType)),
		cel.Function(operators.LessEquals, cel.Overload("less_equals_date", []*cel.Type{dateType, dateType}, cel.BoolType)),
		cel.Function(operators.Greater, cel.Overload("greater_date", []*cel.Type{dateType, dateType}, cel.BoolType)),
		cel.Function(operators.GreaterEquals, cel.Overload("greater_equals_date", []*cel.Type{dateType, dateType}, cel.BoolType)),
	}
	models := make([]cost.OverloadModel, 0, len(libraryDecl))
	byName := map[string][]cel.FunctionOpt{}
	var names []string
	for _, f := range libraryDecl {
		var o cel.FunctionOpt
		if f.member {
			o = cel.MemberOverload(f.overload, f.args, f.result, cel.LateFunctionBinding())
			models = append(models, cost.MemberOverload(f.overload, cost.EvalCost(cost.Const(f.cost))))
		} else {
			o = cel.Overload(f.overload, f.args, f.result, cel.LateFunctionBinding())
			models = append(models, cost.Overload(f.overload, cost.EvalCost(cost.Const(f.cost))))
		}
		if _, seen := byName[f.name]; !seen {
			names = append(names, f.name)
		}
		byName[f.name] = append(byName[f.name], o)
	}
	for _, n := range names {
		opts = append(opts, cel.Function(n, byName[n]...))
	}
	opts = append(opts, cel.CostModel(models...))
	return cel.NewEnv(opts...)
}

// dateLiteralValidator rejects date('…') calls whose literal is not a real
// calendar date, at compile time.
type dateLiteralValidator struct{}

func (dateLiteralValidator) Name() string { return "pacta.validator.date" }

func (dateLiteralValidator) Validate(_ *cel.Env, _ cel.ValidatorConfig, a *ast.AST, iss *cel.Issues) {
	root := ast.NavigateAST(a)
	for _, call := range ast.MatchDescendants(root, ast.FunctionMatcher("date")) {
		args := call.AsCall().Args()
		if len(args) != 1 || args[0].Kind() != ast.LiteralKind {
			continue
		}
		s, ok := args[0].AsLiteral().Value().(string)
		if !ok {
			continue
		}
		if _, err := cistreaty.ParseDate(s); err != nil {
			iss.ReportErrorAtID(args[0].ID(), "%v", err)
		}
	}
}

// maxRegexProgramSize bounds the compiled size of a rule's pattern.
const maxRegexProgramSize = 1000

// literalPatternValidator refuses a pattern that is not a string literal: a
// literal is compiled once, with the program; a pattern built at run time
// would be compiled on every call, at a cost the budget cannot see.
type literalPatternValidator struct{}

func (literalPatternValidator) Name() string { return "pacta.validator.pattern" }

func (literalPatternValidator) Validate(_ *cel.Env, _ cel.ValidatorConfig, a *ast.AST, iss *cel.Issues) {
	root := ast.NavigateAST(a)
	for _, call := range ast.MatchDescendants(root, ast.FunctionMatcher(overloads.Matches)) {
		args := call.AsCall().Args()
		if len(args) == 0 {
			continue
		}
		p := args[len(args)-1]
		if p.Kind() != ast.LiteralKind {
			iss.ReportErrorAtID(p.ID(), "matches needs a literal pattern")
			continue
		}
		if _, ok := p.AsLiteral().Value().(string); !ok {
			iss.ReportErrorAtID(p.ID(), "matches needs a literal pattern")
		}
	}
}

// maxExpandedSize bounds a rule's size with every bound name replaced by its
// value: names bound to names that are read twice double it at each level,
// and the cost estimate's work grows with it.
const maxExpandedSize = 20_000

// expandedSizeValidator refuses a rule whose expansion is too large, before
// its cost is estimated: a few nested cel.bind calls that each read the
// previous name twice otherwise take the estimator minutes.
type expandedSizeValidator struct{}

func (expandedSizeValidator) Name() string { return "pacta.validator.expanded-size" }

func (expandedSizeValidator) Validate(_ *cel.Env, _ cel.ValidatorConfig, a *ast.AST, iss *cel.Issues) {
	if n := expandedSize(a.Expr(), nil); n > maxExpandedSize {
		iss.ReportErrorAtID(a.Expr().ID(), "the rule is too complex: with its bound names replaced by their values it has more than %d parts", maxExpandedSize)
	}
}

// expandedSize counts e's nodes with every name in bound replaced by the
// size of its value, saturating above maxExpandedSize.
func expandedSize(e ast.Expr, bound map[string]int) int {
	sum := func(ns ...int) int {
		t := 0
		for _, n := range ns {
			t += n
			if t > maxExpandedSize {
				return maxExpandedSize + 1
			}
		}
		return t
	}
	switch e.Kind() {
	case ast.IdentKind:
		if n, ok := bound[e.AsIdent()]; ok {
			return n
		}
		return 1
	case ast.SelectKind:
		return sum(1, expandedSize(e.AsSelect().Operand(), bound))
	case ast.CallKind:
		c := e.AsCall()
		n := 1
		if c.IsMemberFunction() {
			n = sum(n, expandedSize(c.Target(), bound))
		}
		for _, arg := range c.Args() {
			n = sum(n, expandedSize(arg, bound))
		}
		return n
	case ast.ListKind:
		n := 1
		for _, el := range e.AsList().Elements() {
			n = sum(n, expandedSize(el, bound))
		}
		return n
	case ast.MapKind:
		n := 1
		for _, en := range e.AsMap().Entries() {
			me := en.AsMapEntry()
			n = sum(n, expandedSize(me.Key(), bound), expandedSize(me.Value(), bound))
		}
		return n
	case ast.StructKind:
		n := 1
		for _, f := range e.AsStruct().Fields() {
			n = sum(n, expandedSize(f.AsStructField().Value(), bound))
		}
		return n
	case ast.ComprehensionKind:
		c := e.AsComprehension()
		r := expandedSize(c.IterRange(), bound)
		init := expandedSize(c.AccuInit(), bound)
		inner := make(map[string]int, len(bound)+3)
		for k, v := range bound {
			inner[k] = v
		}
		inner[c.AccuVar()] = init
		inner[c.IterVar()] = 1
		if c.HasIterVar2() {
			inner[c.IterVar2()] = 1
		}
		return sum(1, r, init, expandedSize(c.LoopCondition(), inner), expandedSize(c.LoopStep(), inner), expandedSize(c.Result(), inner))
	}
	return 1
}

// Limits bound what an untrusted rule may cost. The zero value means the
// defaults of DefaultLimits.
type Limits struct {
	// ExpressionSize is the largest expression, in code points.
	ExpressionSize int
	// Nesting is the deepest parse nesting.
	Nesting int
	// ComprehensionNesting is the deepest nesting of comprehensions.
	ComprehensionNesting int
	// EstimatedCost is the largest static cost estimate a rule may have,
	// with every list of events sized at EventsHint.
	EstimatedCost uint64
	// EventsHint is the size assumed for lists in the static estimate.
	EventsHint uint64
	// RuntimeCost is the budget of one evaluation of one rule.
	RuntimeCost uint64
}

// DefaultLimits are generous for the clauses of real treaties and tight
// enough that a runaway rule is refused or stopped quickly.
func DefaultLimits() Limits {
	return Limits{
		ExpressionSize:       4096,
		Nesting:              32,
		ComprehensionNesting: 1,
		EstimatedCost:        100_000,
		EventsHint:           2_000,
		RuntimeCost:          100_000,
	}
}

func (l Limits) orDefault() Limits {
	d := DefaultLimits()
	if l.ExpressionSize <= 0 {
		l.ExpressionSize = d.ExpressionSize
	}
	if l.Nesting <= 0 {
		l.Nesting = d.Nesting
	}
	if l.ComprehensionNesting <= 0 {
		l.ComprehensionNesting = d.ComprehensionNesting
	}
	if l.EstimatedCost == 0 {
		l.EstimatedCost = d.EstimatedCost
	}
	if l.EventsHint == 0 {
		l.EventsHint = d.EventsHint
	}
	if l.RuntimeCost == 0 {
		l.RuntimeCost = d.RuntimeCost
	}
	return l
}

// sizeHints gives the static estimator a size for lists whose size only the
// data knows, so loops over them do not estimate at the 64-bit maximum.
type sizeHints struct{ n uint64 }

func (h sizeHints) EstimateSize(n cost.AstNode) *cost.SizeEstimate {
	if n.ComputedSize() != nil {
		return nil
	}
	switch n.Type().Kind() {
	case types.ListKind, types.MapKind, types.StringKind, types.DynKind:
		return &cost.SizeEstimate{Min: 0, Max: h.n}
	}
	return nil
}

func (h sizeHints) EstimateCallCost(string, string, *cost.AstNode, []cost.AstNode) *cost.CallEstimate {
	return nil
}
