package rules

import (
	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	exprpb "google.golang.org/genproto/googleapis/api/expr/v1alpha1"
)

// The embedded law's and the embedded dataset's expressions are kept here
// already parsed (prechecked_gen.go: Go that builds each one as CEL's
// parser gives it, with its cost estimate under the default limits), so
// that a process which answers from them never runs CEL's parser: its
// first parse in a process spends about ten milliseconds building the
// ANTLR parser's caches, more than the rest of building an engine. The
// texts stay the definition: TestPrecheckedIsCurrent requires the stored
// forms to be what go generate writes from them, and each one, checked, to
// be what the compiler gives, node for node, type for type. A stored form
// is checked and validated as a parsed one is (cel-go's static optimizer,
// given the stored form, re-checks it); any text not stored, or any limits
// that would parse differently, takes the compiler's way.
//
//go:generate go test -run ^TestPrecheckedIsCurrent$ -update-prechecked .

// storedExpr is an embedded expression as stored: Go that builds its parse,
// and its static cost estimate under the default limits.
type storedExpr struct {
	parse    func(f ast.ExprFactory) ast.Expr
	estimate uint64
}

// precheckedAST returns expr checked from its stored parse, with its
// stored cost estimate; ok is false when there is none for these limits or
// it does not check (the compiler then reports why).
func precheckedAST(env *cel.Env, expr string, lim Limits) (a *cel.Ast, estimate uint64, ok bool) {
	if !parsesAsDefault(lim) {
		return nil, 0, false
	}
	s, found := prechecked[expr]
	if !found {
		return nil, 0, false
	}
	opt, err := cel.NewStaticOptimizer(storedParse{s.parse(ast.NewExprFactory())})
	if err != nil {
		return nil, 0, false
	}
	a, iss := opt.Optimize(env, optimizerSeed())
	if iss != nil && iss.Err() != nil {
		return nil, 0, false
	}
	return a, s.estimate, true
}

// storedParse is an optimizer that replaces the expression it is given by
// a stored parse, which the optimizer then checks.
type storedParse struct{ e ast.Expr }

func (s storedParse) Optimize(_ *cel.OptimizerContext, _ *ast.AST) *ast.AST {
	return ast.NewAST(s.e, ast.NewSourceInfo(nil))
}

// optimizerSeed is the parsed expression the optimizer starts from: the
// stored parse replaces it at once.
func optimizerSeed() *cel.Ast {
	return cel.ParsedExprToAst(&exprpb.ParsedExpr{
		Expr:       &exprpb.Expr{Id: 1, ExprKind: &exprpb.Expr_IdentExpr{IdentExpr: &exprpb.Expr_Ident{Name: varOn}}},
		SourceInfo: &exprpb.SourceInfo{},
	})
}

// parsesAsDefault reports whether lim parses and validates an expression
// as the default limits do: the stored forms were made under those.
func parsesAsDefault(lim Limits) bool {
	d := DefaultLimits()
	return lim.ExpressionSize == d.ExpressionSize && lim.Nesting == d.Nesting && lim.ComprehensionNesting == d.ComprehensionNesting
}
