package rules

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/quote"
)

//go:embed law/*.yaml
var lawFS embed.FS

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

// program is one compiled rule.
type program struct {
	rule     cistreaty.Rule
	prg      cel.Program
	out      *cel.Type
	estimate uint64 // static cost estimate (max)
	fallback bool   // a VCLT default rule
	// native is the Go form of an embedded clause template, run in its
	// place (see native.go); nil for every other rule.
	native nativeRule
	// direct evaluates a rule without loops without cel-go's interpreter
	// (see direct.go); nil for a rule it does not cover.
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
	env       *cel.Env
	lim       Limits
	templates map[string]*templateProg
	rules     map[string]*program
	exprs     *exprCache // the law's programs for rule texts, shared by its engines
}

// CompileError lists every problem found while compiling rules, each with
// file:line:col. It does not match cistreaty.ErrInvalidDataset: use
// errors.As to get at it.
type CompileError struct{ Problems cistreaty.Problems }

func (e *CompileError) Error() string { return e.Problems.Error() }

// lawFiles reads the rule files embedded in this package: the clause
// templates and the Vienna Convention's rules.
func lawFiles() ([]RuleFile, error) {
	names, err := fs.Glob(lawFS, "law/*.yaml")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var out []RuleFile
	var probs cistreaty.Problems
	for _, n := range names {
		data, err := lawFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		rf, err := ParseRuleFile("rules/"+n, data)
		if err != nil {
			var rfe *RuleFileError
			if errors.As(err, &rfe) {
				probs = append(probs, rfe.Problems...)
				continue
			}
			return nil, err
		}
		out = append(out, rf)
	}
	if len(probs) > 0 {
		return nil, &CompileError{Problems: probs}
	}
	return out, nil
}

// compileLaw compiles the embedded law and extra rule files, and checks
// that the rules the engine names (the Vienna Convention's defaults) are
// there and give what their use needs. Every problem is collected.
func compileLaw(extra []RuleFile, lim Limits) (*compiled, error) {
	env, err := newEnv(lim)
	if err != nil {
		return nil, fmt.Errorf("rules: building the CEL environment: %w", err)
	}
	law, err := lawFiles()
	if err != nil {
		return nil, err
	}
	c := &compiled{env: env, lim: lim, templates: map[string]*templateProg{}, rules: map[string]*program{},
		exprs: &exprCache{exprs: map[string]*compiledExpr{}}}
	var probs cistreaty.Problems
	for fi, rf := range slices.Concat(law, extra) {
		for _, t := range rf.Templates {
			if prev, dup := c.templates[t.Name]; dup {
				probs = append(probs, cistreaty.Problem{Pos: t.Rule.Pos, Field: "name", Message: fmt.Sprintf("duplicate template %q (first at %s)", quote.Clip(t.Name), prev.Rule.Pos)})
				continue
			}
			if p := c.add(t.Rule, &probs); p != nil {
				if fi < len(law) {
					p.native = nativeTemplate(t.Name)
				}
				c.templates[t.Name] = &templateProg{Template: t, prog: p}
			}
		}
		for _, r := range rf.Rules {
			if p := c.add(r, &probs); p != nil {
				// Arts. 24 and 56 stand in for a clause the treaty does not have.
				p.fallback = r.ID == RuleVCLTArt24 || r.ID == RuleVCLTArt56
			}
		}
	}
	for _, id := range mapKeys(namedRules) {
		want := namedRules[id]
		switch p, ok := c.rules[id]; {
		case !ok && len(probs) == 0:
			probs = append(probs, cistreaty.Problem{Field: "id", Message: fmt.Sprintf("the law has no rule %s", id)})
		case ok && !p.fits(want):
			probs = append(probs, cistreaty.Problem{Pos: p.rule.Pos, Field: "expr", Message: fmt.Sprintf("rule %s gives %s; its use needs %s", id, p.out, want)})
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

// add compiles one rule into c, refusing a duplicate id and an id under
// "record/", which names the steps that rest on the record alone.
func (c *compiled) add(r cistreaty.Rule, probs *cistreaty.Problems) *program {
	if strings.HasPrefix(r.ID, recordPrefix) {
		*probs = append(*probs, cistreaty.Problem{Pos: r.Pos, Field: "id", Message: fmt.Sprintf("rule id %q: ids under %q name steps that rest on the record, not rules", quote.Clip(r.ID), recordPrefix)})
		return nil
	}
	if prev, dup := c.rules[r.ID]; dup {
		*probs = append(*probs, cistreaty.Problem{Pos: r.Pos, Field: "id", Message: fmt.Sprintf("duplicate rule id %q (first at %s)", quote.Clip(r.ID), prev.rule.Pos)})
		return nil
	}
	p, ps := c.compile(r)
	*probs = append(*probs, ps...)
	if p != nil {
		c.rules[r.ID] = p
	}
	return p
}

// withDataset returns the law's rules and the dataset's, compiled; the law's
// programs are shared, not copied.
func (c *compiled) withDataset(ds *cistreaty.Dataset) (*compiled, error) {
	n := 0
	for range ds.Rules() {
		n++
	}
	if n == 0 {
		return c, nil
	}
	out := &compiled{env: c.env, lim: c.lim, templates: c.templates, rules: make(map[string]*program, len(c.rules)+n), exprs: c.exprs}
	for id, p := range c.rules {
		out.rules[id] = p
	}
	var probs cistreaty.Problems
	for r := range ds.Rules() {
		out.add(r, &probs)
	}
	if len(probs) > 0 {
		return nil, &CompileError{Problems: sortedProblems(probs)}
	}
	return out, nil
}

func sortedProblems(ps cistreaty.Problems) cistreaty.Problems { return ps.Sorted() }

// compile checks, bounds and plans one rule.
func (c *compiled) compile(r cistreaty.Rule) (p *program, probs cistreaty.Problems) {
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
			p = nil
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
	p = &program{rule: r, prg: x.prg, out: x.out, estimate: x.estimate, direct: x.direct}
	return p, nil
}

// fits reports whether the program's result type suits the use.
func (p *program) fits(k resultKind) bool {
	return p.out.IsAssignableType(k.celType()) || p.out.Kind() == types.DynKind
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
			m[d.Name] = types.NewRefValList(types.DefaultTypeAdapter, ks)
		}
	}
	return types.NewRefValMap(types.DefaultTypeAdapter, toRefKeys(m)), probs
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
	checked, iss := c.env.Compile(r.Expr)
	if iss != nil && iss.Err() != nil {
		for _, e := range iss.Errors() {
			probs = append(probs, cistreaty.Problem{Pos: at(e.Location.Line(), e.Location.Column()), Field: "expr", Message: fmt.Sprintf("rule %s: %s", quote.Clip(r.ID), quote.ClipTo(e.Message, 400))})
		}
		return nil, probs
	}
	est, err := c.env.EstimateCost(checked, sizeHints{n: c.lim.EventsHint})
	if err != nil {
		return nil, append(probs, cistreaty.Problem{Pos: r.Pos, Field: "expr", Message: fmt.Sprintf("rule %s: cost estimate: %v", quote.Clip(r.ID), err)})
	}
	if est.Max > c.lim.EstimatedCost {
		return nil, append(probs, cistreaty.Problem{Pos: r.Pos, Field: "expr", Message: fmt.Sprintf("rule %s: estimated cost %d exceeds the limit %d (lists sized at %d)", quote.Clip(r.ID), est.Max, c.lim.EstimatedCost, c.lim.EventsHint)})
	}
	// Every evaluation is tracked against the run-time budget and can be
	// cancelled; constant calls are folded and literal patterns compiled
	// once, here.
	prg, err := c.env.Program(checked, cel.EvalOptions(cel.OptOptimize), cel.CostLimit(c.lim.RuntimeCost), cel.InterruptCheckFrequency(64))
	if err != nil {
		return nil, append(probs, cistreaty.Problem{Pos: r.Pos, Field: "expr", Message: fmt.Sprintf("rule %s: %v", quote.Clip(r.ID), err)})
	}
	x := &compiledExpr{prg: prg, direct: directPlan(checked), out: checked.OutputType(), estimate: est.Max}
	return x, nil
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
