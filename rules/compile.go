package rules

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/quote"
)

// The embedded law is law/*.yaml, the source of truth, compiled into Go
// values (law_gen.go) so that a process does not parse its YAML;
// TestEmbeddedLawIsTheYAML keeps the two equal.
//
//go:generate go test -run ^TestEmbeddedLawIsTheYAML$ -update-law .

// resultKind is what a rule's expression must yield for the use it is put to.
type resultKind uint8

const (
	resultOptDate resultKind = iota // entry into force, term, displacement
	resultDate                      // withdrawal
	resultBool                      // membership statuses, conditions, Art. 4
	resultOptBool                   // founding
)

func (k resultKind) celType() *cel.Type {
	switch k {
	case resultOptDate:
		return optDate
	case resultDate:
		return dateType
	case resultBool:
		return cel.BoolType
	}
	return cel.OptionalType(cel.BoolType)
}

func (k resultKind) String() string {
	switch k {
	case resultOptDate:
		return "optional(Date)"
	case resultDate:
		return "Date"
	case resultBool:
		return "bool"
	}
	return "optional(bool)"
}

// program is one rule, compiled or to be compiled on first use.
type program struct {
	rule cistreaty.Rule
	// prg evaluates the rule: the compiled program, or src until the rule
	// has been compiled.
	prg cel.Program
	// src compiles the rule, once; every program has one.
	src      *lazyProgram
	fallback bool // a VCLT default rule
	// native is the Go form of an embedded clause template, run in its
	// place (see native.go); nil for every other rule.
	native nativeRule
	// direct evaluates a rule without loops without cel-go's interpreter
	// (see direct.go); nil for a rule it does not cover, and for one not
	// yet compiled (see goForm).
	direct nativeRule
}

// templateProg is a compiled clause template.
type templateProg struct {
	Template
	prog *program
}

// compiled is every rule an engine uses: the law's, and the dataset's. It is
// shared by what-if engines.
type compiled struct {
	// env is the CEL environment, made on first use: a process that
	// answers from the embedded law and dataset alone, whose expressions
	// are stored checked and run as Go, may never need it.
	env       func() (*cel.Env, error)
	lim       Limits
	templates map[string]*templateProg
	rules     map[string]*program
	exprs     *exprCache // the law's programs for rule texts, shared by its engines
	// lazy: the dataset's rules are compiled, and each use of a rule is
	// checked, on first use (Law.LazyEngine).
	lazy bool
}

// CompileError lists every problem found while compiling rules, each with
// file:line:col. It does not match cistreaty.ErrInvalidDataset: use
// errors.As to get at it.
type CompileError struct{ Problems cistreaty.Problems }

func (e *CompileError) Error() string { return e.Problems.Error() }

// compileLaw compiles the embedded law and extra rule files, and checks
// that the rules the engine names (the Vienna Convention's defaults) are
// there and give what their use needs. Every problem is collected.
//
// Under the default limits the embedded law's rules are compiled on first
// use, not here: the law is part of the program, TestEmbeddedLawCompiles
// compiles every rule of it under those limits and checks what each gives,
// and its clause templates run as Go (native.go), so most are never
// compiled at all. Under other limits, and for every rule of extra files,
// all of it is compiled here, side by side, and every problem reported.
func compileLaw(extra []RuleFile, lim Limits) (*compiled, error) {
	return compileLawFiles(extra, lim, lim == DefaultLimits())
}

// compileLawFiles is compileLaw; lazyLaw leaves the embedded law's rules
// to be compiled on first use.
func compileLawFiles(extra []RuleFile, lim Limits, lazyLaw bool) (*compiled, error) {
	env := sync.OnceValues(func() (*cel.Env, error) {
		env, err := newEnv(lim)
		if err != nil {
			return nil, fmt.Errorf("rules: building the CEL environment: %w", err)
		}
		return env, nil
	})
	if !lazyLaw {
		if _, err := env(); err != nil {
			return nil, err
		}
	}
	law := embeddedLaw()
	c := &compiled{env: env, lim: lim, templates: map[string]*templateProg{}, rules: map[string]*program{},
		exprs: &exprCache{exprs: map[string]*compiledExpr{}}}
	var probs cistreaty.Problems
	var now []*program // compiled here, not on first use
	for fi, rf := range slices.Concat(law, extra) {
		embedded := fi < len(law)
		for _, t := range rf.Templates {
			if prev, dup := c.templates[t.Name]; dup {
				probs = append(probs, cistreaty.Problem{Pos: t.Rule.Pos, Field: "name", Message: fmt.Sprintf("duplicate template %q (first at %s)", quote.Clip(t.Name), prev.Rule.Pos)})
				continue
			}
			if p := c.add(t.Rule, &probs); p != nil {
				if embedded {
					p.native = nativeTemplate(t.Name)
				}
				if !embedded || !lazyLaw {
					now = append(now, p)
				}
				c.templates[t.Name] = &templateProg{Template: t, prog: p}
			}
		}
		for _, r := range rf.Rules {
			if p := c.add(r, &probs); p != nil {
				// Arts. 24 and 56 stand in for a clause the treaty does not have.
				p.fallback = r.ID == RuleVCLTArt24 || r.ID == RuleVCLTArt56
				if !embedded || !lazyLaw {
					now = append(now, p)
				}
			}
		}
	}
	probs = append(probs, compileNow(now)...)
	for _, id := range mapKeys(namedRules) {
		want := namedRules[id]
		p, ok := c.rules[id]
		switch {
		case !ok && len(probs) == 0:
			probs = append(probs, cistreaty.Problem{Field: "id", Message: fmt.Sprintf("the law has no rule %s", id)})
		case ok && p.ready():
			if x, err := p.src.get(); err == nil && !givesKind(x.out, want) {
				probs = append(probs, cistreaty.Problem{Pos: p.rule.Pos, Field: "expr", Message: fmt.Sprintf("rule %s gives %s; its use needs %s", id, x.out, want)})
			}
		}
	}
	if len(probs) > 0 {
		return nil, &CompileError{Problems: sortedProblems(probs)}
	}
	return c, nil
}

// namedRules are the rules the engine applies by name, and what each must
// give.
var namedRules = map[string]resultKind{
	RuleVCLTArt4:  resultBool,
	RuleVCLTArt24: resultOptDate,
	RuleVCLTArt56: resultDate,
}

// add adds one rule to c, to be compiled on first use or by compileNow,
// refusing a duplicate id and an id under "record/", which names the steps
// that rest on the record alone.
func (c *compiled) add(r cistreaty.Rule, probs *cistreaty.Problems) *program {
	if strings.HasPrefix(r.ID, recordPrefix) {
		*probs = append(*probs, cistreaty.Problem{Pos: r.Pos, Field: "id", Message: fmt.Sprintf("rule id %q: ids under %q name steps that rest on the record, not rules", quote.Clip(r.ID), recordPrefix)})
		return nil
	}
	if prev, dup := c.rules[r.ID]; dup {
		*probs = append(*probs, cistreaty.Problem{Pos: r.Pos, Field: "id", Message: fmt.Sprintf("duplicate rule id %q (first at %s)", quote.Clip(r.ID), prev.rule.Pos)})
		return nil
	}
	p := c.later(r)
	c.rules[r.ID] = p
	return p
}

// later returns r as a program compiled on first use.
func (c *compiled) later(r cistreaty.Rule) *program {
	p := &program{rule: r}
	p.src = &lazyProgram{compile: func() (*compiledExpr, cistreaty.Problems) { return c.compileRule(r) }}
	p.prg = p.src
	return p
}

// compileNow compiles the programs side by side and returns every
// problem, in the programs' order. Each compiled program evaluates
// directly, without its first-use check.
func compileNow(ps []*program) cistreaty.Problems {
	parallel(len(ps), func(i int) {
		if x, _ := ps[i].src.get(); x != nil {
			ps[i].prg, ps[i].direct = x.prg, x.direct
		}
	})
	var probs cistreaty.Problems
	for _, p := range ps {
		probs = append(probs, p.src.probs...)
	}
	return probs
}

// withDataset returns the law's rules and the dataset's, compiled (or, when
// lazy, to be compiled on first use); the law's programs are shared, not
// copied.
func (c *compiled) withDataset(ds *cistreaty.Dataset, lazy bool) (*compiled, error) {
	n := 0
	for range ds.Rules() {
		n++
	}
	if n == 0 && !lazy {
		return c, nil
	}
	out := &compiled{env: c.env, lim: c.lim, templates: c.templates, rules: make(map[string]*program, len(c.rules)+n), exprs: c.exprs, lazy: lazy}
	for id, p := range c.rules {
		out.rules[id] = p
	}
	var probs cistreaty.Problems
	var now []*program
	for r := range ds.Rules() {
		if p := out.add(r, &probs); p != nil && !lazy {
			now = append(now, p)
		}
	}
	probs = append(probs, compileNow(now)...)
	if len(probs) > 0 {
		return nil, &CompileError{Problems: sortedProblems(probs)}
	}
	return out, nil
}

func sortedProblems(ps cistreaty.Problems) cistreaty.Problems { return ps.Sorted() }

// compile checks, bounds and plans one rule now.
func (c *compiled) compile(r cistreaty.Rule) (*program, cistreaty.Problems) {
	x, probs := c.compileRule(r)
	if x == nil {
		return nil, probs
	}
	src := &lazyProgram{x: x}
	src.once.Do(func() {})
	src.done.Store(true)
	return &program{rule: r, prg: x.prg, src: src, direct: x.direct}, nil
}

// compileRule checks, bounds and plans one rule's expression, or takes it
// from the law's cache.
func (c *compiled) compileRule(r cistreaty.Rule) (x *compiledExpr, probs cistreaty.Problems) {
	at := func(line, col int) cistreaty.Pos {
		pos := r.ExprPos
		if pos.File == "" {
			pos = r.Pos
		}
		if line > 1 {
			pos.Line += line - 1
		}
		pos.Col += col
		return pos
	}
	defer func() {
		// cel-go is not expected to panic, but a rule is untrusted input:
		// whatever happens inside the compiler is reported, not raised.
		if v := recover(); v != nil {
			x = nil
			probs = append(probs, cistreaty.Problem{Pos: r.Pos, Field: "expr", Message: fmt.Sprintf("rule %s: the compiler failed: %v", quote.Clip(r.ID), v)})
		}
	}()
	x, ok := c.exprs.get(r.Expr)
	if !ok {
		x, probs = c.compileExpr(r, at)
		if x == nil {
			return nil, probs
		}
		c.exprs.put(r.Expr, x)
	}
	return x, nil
}

// givesKind reports whether a result type suits a use that needs k.
func givesKind(out *cel.Type, k resultKind) bool {
	return out.IsAssignableType(k.celType()) || out.Kind() == types.DynKind
}

// goForm returns the Go function the program runs as: the template's
// native form, or the direct plan of a rule without loops (compiling the
// rule if it has not been); nil where it runs on cel-go, or does not
// compile (then prg fails with its problems).
func (p *program) goForm() nativeRule {
	switch {
	case p.native != nil:
		return p.native
	case p.direct != nil:
		return p.direct
	case p.src == nil:
		return nil // built by hand, to run on cel-go (tests)
	}
	if x, err := p.src.get(); err == nil {
		return x.direct
	}
	return nil
}

// ready reports whether the program has been compiled (or has failed to).
func (p *program) ready() bool { return p.src.done.Load() }

// use returns p for a use that needs a result of kind want, with the
// problem if it does not give one: p itself once it is compiled (compiling
// it now unless the rules are lazy), else a program that compiles p and
// checks its result on first use, failing as p's compile problems or this
// problem would have.
func (c *compiled) use(p *program, want resultKind, pos cistreaty.Pos, field string) (*program, []cistreaty.Problem) {
	misfit := func(out *cel.Type) cistreaty.Problems {
		return cistreaty.Problems{{Pos: pos, Field: field, Message: fmt.Sprintf("rule %s gives %s; %s needs %s", quote.Clip(p.rule.ID), out, field, want)}}
	}
	if c.lazy && !p.ready() {
		q := *p
		q.src = &lazyProgram{compile: func() (*compiledExpr, cistreaty.Problems) {
			x, err := p.src.get()
			if err != nil {
				return nil, p.src.probs
			}
			if !givesKind(x.out, want) {
				return nil, misfit(x.out)
			}
			return x, nil
		}}
		q.prg = q.src
		return &q, nil
	}
	x, err := p.src.get()
	if err != nil {
		return nil, p.src.probs
	}
	if !givesKind(x.out, want) {
		return nil, misfit(x.out)
	}
	return p, nil
}

// lazyProgram compiles a rule on first use, once, safely for concurrent
// use; it is a cel.Program, so an evaluation reaches a rule not yet
// compiled as it reaches any other. A rule that does not compile fails
// every evaluation with its *CompileError.
type lazyProgram struct {
	once sync.Once
	done atomic.Bool
	// compile gives the program, or else at least one problem.
	compile func() (*compiledExpr, cistreaty.Problems)
	x       *compiledExpr
	probs   cistreaty.Problems // why it did not compile
	err     error              // *CompileError of probs
}

func (l *lazyProgram) get() (*compiledExpr, error) {
	l.once.Do(func() {
		if l.x, l.probs = l.compile(); l.x == nil {
			l.err = &CompileError{Problems: sortedProblems(l.probs)}
		}
		l.compile = nil
		l.done.Store(true)
	})
	return l.x, l.err
}

// Eval compiles the rule if it has not been, and evaluates it.
func (l *lazyProgram) Eval(input any) (ref.Val, *cel.EvalDetails, error) {
	x, err := l.get()
	if err != nil {
		return nil, nil, err
	}
	return x.prg.Eval(input)
}

// ContextEval compiles the rule if it has not been, and evaluates it.
func (l *lazyProgram) ContextEval(ctx context.Context, input any) (ref.Val, *cel.EvalDetails, error) {
	x, err := l.get()
	if err != nil {
		return nil, nil, err
	}
	return x.prg.ContextEval(ctx, input)
}

// paramsVal converts a clause's parameters to the map the template reads,
// checking each against the template's declaration.
func paramsVal(t *templateProg, cl cistreaty.Clause) (ref.Val, []cistreaty.Problem) {
	var probs []cistreaty.Problem
	m := map[string]ref.Val{}
	for name := range cl.Params {
		if !slices.ContainsFunc(t.Params, func(d ParamDecl) bool { return d.Name == name }) {
			probs = append(probs, cistreaty.Problem{Pos: cl.Params[name].Pos, Field: "params." + name, Message: fmt.Sprintf("template %s has no parameter %q", t.Name, quote.Clip(name))})
		}
	}
	for _, d := range t.Params {
		pv, ok := cl.Params[d.Name]
		pos := pv.Pos
		if !ok {
			pos = cl.Pos
			if !d.Optional {
				probs = append(probs, cistreaty.Problem{Pos: pos, Field: "params." + d.Name, Message: fmt.Sprintf("template %s needs parameter %q (%s)", t.Name, d.Name, d.Type)})
				continue
			}
			pv = cistreaty.Param{Scalar: d.Default}
		}
		bad := func(format string, args ...any) {
			probs = append(probs, cistreaty.Problem{Pos: pos, Field: "params." + d.Name, Message: fmt.Sprintf(format, args...)})
		}
		if (d.Type == ParamKinds) != pv.IsList {
			bad("want %s", d.Type)
			continue
		}
		switch d.Type {
		case ParamInt:
			var n int64
			if _, err := fmt.Sscanf(pv.Scalar, "%d", &n); err != nil || fmt.Sprint(n) != pv.Scalar || n < 0 || n > 100_000 {
				bad("want a whole number from 0 to 100000, got %q", quote.Clip(pv.Scalar))
				continue
			}
			m[d.Name] = types.Int(n)
		case ParamString:
			m[d.Name] = types.String(pv.Scalar)
		case ParamDate:
			dt, err := cistreaty.ParseDate(pv.Scalar)
			if err != nil {
				bad("%v", err)
				continue
			}
			m[d.Name] = celDate{dt}
		case ParamMonthEnd:
			if _, err := cistreaty.ParseMonthEnd(pv.Scalar); err != nil {
				bad("%v", err)
				continue
			}
			m[d.Name] = types.String(pv.Scalar)
		case ParamKinds:
			var ks []ref.Val
			for _, k := range pv.List {
				if _, err := cistreaty.ParseEventKind(k); err != nil {
					bad("%v", err)
					continue
				}
				ks = append(ks, types.String(k))
			}
			kl := &kindList{Lister: types.NewRefValList(types.DefaultTypeAdapter, ks)}
			kl.set, kl.err = kindsOf(kl.Lister)
			m[d.Name] = kl
		}
	}
	return newParamMap(m), probs
}

func toRefKeys(m map[string]ref.Val) map[ref.Val]ref.Val {
	out := make(map[ref.Val]ref.Val, len(m))
	for k, v := range m {
		out[types.String(k)] = v
	}
	return out
}

// compiledExpr is what compiling one expression under one set of limits
// gives. It does not depend on the rule's id or place, and a cel.Program is
// immutable and safe for concurrent use, so engines share it.
type compiledExpr struct {
	prg      cel.Program
	direct   nativeRule
	out      *cel.Type
	estimate uint64
}

// compileExpr checks, bounds and plans one rule's expression.
func (c *compiled) compileExpr(r cistreaty.Rule, at func(line, col int) cistreaty.Pos) (*compiledExpr, cistreaty.Problems) {
	var probs cistreaty.Problems
	if x := c.storedDirect(r.Expr); x != nil {
		return x, nil
	}
	env, err := c.env()
	if err != nil {
		return nil, append(probs, cistreaty.Problem{Pos: r.Pos, Field: "expr", Message: fmt.Sprintf("rule %s: %v", quote.Clip(r.ID), err)})
	}
	checked, storedEst, stored := precheckedAST(env, r.Expr, c.lim)
	var iss *cel.Issues
	if !stored {
		checked, iss = env.Compile(r.Expr)
	}
	if iss != nil && iss.Err() != nil {
		for _, e := range iss.Errors() {
			probs = append(probs, cistreaty.Problem{Pos: at(e.Location.Line(), e.Location.Column()), Field: "expr", Message: fmt.Sprintf("rule %s: %s", quote.Clip(r.ID), quote.ClipTo(e.Message, 400))})
		}
		return nil, probs
	}
	estimate := storedEst
	if !stored || c.lim.EventsHint != DefaultLimits().EventsHint {
		est, err := env.EstimateCost(checked, sizeHints{n: c.lim.EventsHint})
		if err != nil {
			return nil, append(probs, cistreaty.Problem{Pos: r.Pos, Field: "expr", Message: fmt.Sprintf("rule %s: cost estimate: %v", quote.Clip(r.ID), err)})
		}
		estimate = est.Max
	}
	if estimate > c.lim.EstimatedCost {
		return nil, append(probs, cistreaty.Problem{Pos: r.Pos, Field: "expr", Message: fmt.Sprintf("rule %s: estimated cost %d exceeds the limit %d (lists sized at %d)", quote.Clip(r.ID), estimate, c.lim.EstimatedCost, c.lim.EventsHint)})
	}
	x := &compiledExpr{direct: directPlan(checked), out: checked.OutputType(), estimate: estimate}
	prg, err := env.Program(checked, programOptions(c.lim)...)
	if err != nil {
		return nil, append(probs, cistreaty.Problem{Pos: r.Pos, Field: "expr", Message: fmt.Sprintf("rule %s: %v", quote.Clip(r.ID), err)})
	}
	x.prg = prg
	return x, nil
}

// storedDirect compiles a stored expression that runs as Go straight from
// its stored checked form, or returns nil: cel-go checks it, and makes its
// program, only if the program is asked for (TestPrecheckedIsCurrent
// checks and makes every one, so neither can fail then).
func (c *compiled) storedDirect(expr string) *compiledExpr {
	a, estimate, ok := storedChecked(expr, c.lim)
	if !ok || c.lim.EventsHint != DefaultLimits().EventsHint || estimate > c.lim.EstimatedCost {
		return nil // the compiler's way reports or estimates it
	}
	direct := planDirect(a)
	if direct == nil {
		return nil
	}
	x := &compiledExpr{direct: direct, out: a.GetType(a.Expr().ID()), estimate: estimate}
	x.prg = &lateProgram{build: func() (cel.Program, error) {
		env, err := c.env()
		if err != nil {
			return nil, err
		}
		checked, _, ok := precheckedAST(env, expr, c.lim)
		if !ok {
			return nil, fmt.Errorf("the stored form of %q does not check", quote.Clip(expr))
		}
		return env.Program(checked, programOptions(c.lim)...)
	}}
	return x
}

// programOptions are cel-go's program options under lim: every evaluation
// is tracked against the run-time budget and can be cancelled; constant
// calls are folded and literal patterns compiled once, with the program.
func programOptions(lim Limits) []cel.ProgramOption {
	return []cel.ProgramOption{cel.EvalOptions(cel.OptOptimize), cel.CostLimit(lim.RuntimeCost), cel.InterruptCheckFrequency(64)}
}

// lateProgram is a cel-go program made on its first use.
type lateProgram struct {
	once  sync.Once
	build func() (cel.Program, error)
	prg   cel.Program
	err   error
}

func (l *lateProgram) get() (cel.Program, error) {
	l.once.Do(func() { l.prg, l.err = l.build() })
	return l.prg, l.err
}

func (l *lateProgram) Eval(input any) (ref.Val, *cel.EvalDetails, error) {
	p, err := l.get()
	if err != nil {
		return nil, nil, err
	}
	return p.Eval(input)
}

func (l *lateProgram) ContextEval(ctx context.Context, input any) (ref.Val, *cel.EvalDetails, error) {
	p, err := l.get()
	if err != nil {
		return nil, nil, err
	}
	return p.ContextEval(ctx, input)
}

func (l *lateProgram) ConcurrentEval(ctx context.Context, input any) <-chan cel.EvalResult {
	p, err := l.get()
	if err != nil {
		return failedEval(err)
	}
	return p.ConcurrentEval(ctx, input)
}

// exprCache keeps a law's programs by rule text: engines built from one law
// (what-ifs, reloads, case files) compile each dataset rule's text once. It
// holds only immutable values, is safe for concurrent use, and is bounded,
// so untrusted rules cannot grow it without limit.
type exprCache struct {
	mu    sync.Mutex
	exprs map[string]*compiledExpr
}

const exprCacheSize = 4096

func (c *exprCache) get(expr string) (*compiledExpr, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	x, ok := c.exprs[expr]
	return x, ok
}

func (c *exprCache) put(expr string, x *compiledExpr) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.exprs) < exprCacheSize {
		c.exprs[expr] = x
	}
}

// ConcurrentEval compiles the rule if it has not been, and evaluates it.
func (l *lazyProgram) ConcurrentEval(ctx context.Context, input any) <-chan cel.EvalResult {
	x, err := l.get()
	if err != nil {
		return failedEval(err)
	}
	return x.prg.ConcurrentEval(ctx, input)
}

// failedEval is the channel of a concurrent evaluation that failed before
// it began.
func failedEval(err error) <-chan cel.EvalResult {
	ch := make(chan cel.EvalResult, 1)
	ch <- cel.EvalResult{Err: err}
	close(ch)
	return ch
}
