package rules

import (
	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/ast"
	exprpb "google.golang.org/genproto/googleapis/api/expr/v1alpha1"
)

// The embedded law's and the embedded dataset's expressions are kept here
// already checked (prechecked_gen.go: Go that builds each one as CEL's
// checker gives it, every node with its type and reference, and its cost
// estimate under the default limits), so that a process which answers from
// them runs neither CEL's parser nor its checker: the parser's first use
// in a process spends about ten milliseconds building the ANTLR parser's
// caches, and the checker's first uses build its tables. The texts stay
// the definition: TestPrecheckedIsCurrent requires the stored forms to be
// what go generate writes from them, each one to be what the compiler
// gives, node for node, and each one, checked again by cel-go, to be the
// same. An expression that the engine plans into Go is planned from its
// stored form; cel-go's program of it, and of any other stored expression,
// is made from the stored form checked and validated by cel-go (its static
// optimizer, given the stored form, re-checks it). Any text not stored, or
// any limits that would parse or validate differently, takes the
// compiler's way.
//
//go:generate go test -run ^TestPrecheckedIsCurrent$ -update-prechecked .

// storedExpr is an embedded expression as stored: Go that builds it as
// CEL's checker gives it (the checker's tree, with each node's type and
// reference), and its static cost estimate under the default limits.
type storedExpr struct {
	build    func(f ast.ExprFactory) *ast.AST
	estimate uint64
}

// storedChecked returns expr as the checker gives it under lim, from its
// stored form, without running the checker, and its stored cost estimate;
// ok is false when there is none for these limits. The engine plans such
// an expression into Go from it; cel-go's program of it, which needs
// cel-go's own checked form, is made from precheckedAST if it is asked for.
func storedChecked(expr string, lim Limits) (a *ast.AST, estimate uint64, ok bool) {
	if !parsesAsDefault(lim) {
		return nil, 0, false
	}
	s, found := prechecked[expr]
	if !found {
		return nil, 0, false
	}
	return s.build(ast.NewExprFactory()), s.estimate, true
}

// precheckedAST returns expr checked by cel-go from its stored form, with
// its stored cost estimate; ok is false when there is none for these
// limits or it does not check (the compiler then reports why).
func precheckedAST(env *cel.Env, expr string, lim Limits) (a *cel.Ast, estimate uint64, ok bool) {
	stored, estimate, ok := storedChecked(expr, lim)
	if !ok {
		return nil, 0, false
	}
	opt, err := cel.NewStaticOptimizer(storedParse{stored.Expr()})
	if err != nil {
		return nil, 0, false
	}
	a, iss := opt.Optimize(env, optimizerSeed())
	if iss != nil && iss.Err() != nil {
		return nil, 0, false
	}
	return a, estimate, true
}

// storedParse is an optimizer that replaces the expression it is given by
// a stored one, which the optimizer then checks.
type storedParse struct{ e ast.Expr }

func (s storedParse) Optimize(_ *cel.OptimizerContext, _ *ast.AST) *ast.AST {
	return ast.NewAST(s.e, ast.NewSourceInfo(nil))
}

// optimizerSeed is the parsed expression the optimizer starts from: the
// stored expression replaces it at once.
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
