package rules

import (
	"context"

	"github.com/pacta-law/pacta/cistreaty"
)

// ClauseEvalForBench returns a function that decides, through CEL, when
// treaty entered into force for party: world.entryIntoForce, as New runs it
// while building the timelines, in the world the record reads plainly (every
// uncertain date at its earliest). The world is made once, so a call
// measures the clauses, not the set-up. For BenchmarkClauseEval only; it
// panics on an unknown treaty.
func ClauseEvalForBench(e *Engine, treaty, party string) func() (cistreaty.Date, bool) {
	ti := e.treaties[treaty]
	if ti == nil {
		panic("ClauseEvalForBench: unknown treaty " + treaty)
	}
	w := e.newWorld(context.Background(), nil, 0, nil)
	return func() (cistreaty.Date, bool) {
		d, _, unknown, _, _ := w.entryIntoForce(ti, party, cistreaty.Date{})
		return d, d.IsValid() && !unknown && w.err == nil
	}
}
