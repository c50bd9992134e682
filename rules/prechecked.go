package rules

import (
	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common"
	exprpb "google.golang.org/genproto/googleapis/api/expr/v1alpha1"
	"google.golang.org/protobuf/proto"
)

// The embedded law's and the embedded dataset's expressions are kept here
// already parsed and checked (prechecked_gen.go), so that a process which
// answers from them never runs CEL's parser: its first parse in a process
// spends about ten milliseconds building the ANTLR parser's caches, more
// than the rest of building an engine. The texts stay the definition:
// TestPrecheckedIsCurrent compiles each one and requires the stored form
// to be what the compiler gives, and any text not stored, or any limits
// that would parse or validate differently, takes the compiler's way.
//
//go:generate go test -run ^TestPrecheckedIsCurrent$ -update-prechecked .

// precheckedAST returns expr's stored checked form, or nil when there is
// none for these limits.
func precheckedAST(expr string, lim Limits) *cel.Ast {
	if !parsesAsDefault(lim) {
		return nil
	}
	b, ok := prechecked[expr]
	if !ok {
		return nil
	}
	var pb exprpb.CheckedExpr
	if err := proto.Unmarshal([]byte(b), &pb); err != nil {
		return nil
	}
	a, err := cel.CheckedExprToAstWithSource(&pb, common.NewTextSource(expr))
	if err != nil {
		return nil
	}
	return a
}

// parsesAsDefault reports whether lim parses and validates an expression
// as the default limits do: the stored forms were checked under those.
func parsesAsDefault(lim Limits) bool {
	d := DefaultLimits()
	return lim.ExpressionSize == d.ExpressionSize && lim.Nesting == d.Nesting && lim.ComprehensionNesting == d.ComprehensionNesting
}
