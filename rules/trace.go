package rules

import (
	"slices"

	"github.com/pacta-law/pacta/cistreaty"
)

// tracer records, during an explained evaluation, which rules ran, what they
// gave, and which facts they read. A nil *tracer records nothing, so plain
// evaluation pays nothing for it.
type tracer struct {
	steps []*traceStep
	stack []*traceStep
	notes []string
}

type traceStep struct {
	rule     cistreaty.Rule
	fallback bool
	value    string
	facts    []int
	depth    int
}

func (t *tracer) push(p *program) *traceStep {
	if t == nil {
		return nil
	}
	s := &traceStep{rule: p.rule, fallback: p.fallback, depth: len(t.stack)}
	t.steps = append(t.steps, s)
	t.stack = append(t.stack, s)
	return s
}

// pushRecord starts a step that rests on the record alone, not on a rule.
func (t *tracer) pushRecord(id, cites, says string) *traceStep {
	if t == nil {
		return nil
	}
	s := &traceStep{rule: cistreaty.Rule{ID: id, Cites: cites, Reading: says}, depth: len(t.stack)}
	t.steps = append(t.steps, s)
	t.stack = append(t.stack, s)
	return s
}

func (t *tracer) pop(s *traceStep, value string) {
	if t == nil || s == nil {
		return
	}
	s.value = value
	if n := len(t.stack); n > 0 && t.stack[n-1] == s {
		t.stack = t.stack[:n-1]
	}
}

// fact records that the current step read event i.
func (t *tracer) fact(i int) {
	if t == nil || len(t.stack) == 0 {
		return
	}
	s := t.stack[len(t.stack)-1]
	if !slices.Contains(s.facts, i) {
		s.facts = append(s.facts, i)
	}
}

func (t *tracer) note(s string) {
	if t == nil || slices.Contains(t.notes, s) {
		return
	}
	t.notes = append(t.notes, s)
}

// mark returns a point to roll the explanation back to.
func (t *tracer) mark() int {
	if t == nil {
		return 0
	}
	return len(t.steps)
}

// rollback drops the steps recorded since mark, and forgets what the world
// computed meanwhile so that a later rule that needs it explains it again.
func (w *world) rollback(mark int) {
	if w.tr == nil || mark >= len(w.tr.steps) {
		return
	}
	w.tr.steps = w.tr.steps[:mark]
	clear(w.memo)
}

// recordCites is what a step that rests on the record alone cites: the
// sources are on its facts.
const recordCites = "The record (see the sources of the facts)"

// record adds, in one go, a step that rests on the record alone: its text,
// its value and the events it rests on (negative indexes are skipped).
// Callers build the text only when tracing (w.tr != nil).
func (t *tracer) record(id, says, value string, facts ...int) {
	s := t.pushRecord(id, recordCites, says)
	for _, i := range facts {
		if i >= 0 {
			t.fact(i)
		}
	}
	t.pop(s, value)
}
