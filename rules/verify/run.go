package verify

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// Result is what one case gave.
type Result struct {
	File   string        // the case file's name
	Name   string        // the case's name
	Pos    cistreaty.Pos // where the case is written
	Passed bool
	// Want is the expectation and Got the verdict, as text in the same
	// form: "2027-12-01", "true", "member-state (founding null)", "null
	// (unknown, range 2027-01-15..)". Got is "error: …" when the engine
	// refused the question or a rule failed at run time.
	Want, Got string
	// Diff lists what differs, one line each, in cmp.Diff's manner: "-"
	// for the expectation, "+" for the verdict. Empty when the case passed.
	Diff string
	// Rules are the IDs of the rules the verdict's explanation cites
	// (Verdict.Because), in order, each once: what the case exercised.
	Rules []string
	// Verdict is the engine's answer; nil when it refused the question.
	Verdict *rules.Verdict
}

// Run asks every case's question of the file's engine and compares the
// verdict with the expectation. A case whose question the engine refuses,
// or whose rules fail at run time, fails; Run checks ctx before each case,
// and its error is only the context's: wrapped, naming the case it stopped
// at (errors.Is(err, context.Canceled) or context.DeadlineExceeded holds),
// with the results of the cases run before it ended. A case that ctx ends
// while the engine answers it is not in the results. ctx may be nil.
func (f *File) Run(ctx context.Context) ([]Result, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	out := make([]Result, 0, len(f.cases))
	for i := range f.cases {
		c := &f.cases[i]
		if err := ctx.Err(); err != nil {
			return out, f.stopped(c, err)
		}
		r, err := f.run(ctx, c)
		if err != nil && ctx.Err() != nil {
			// The engine stopped because ctx ended: not the case's failure.
			return out, f.stopped(c, ctx.Err())
		}
		out = append(out, r)
	}
	return out, nil
}

// stopped is the error of a run that ctx ended before c had its answer.
func (f *File) stopped(c *testCase, err error) error {
	where := f.name
	if s := c.pos.String(); s != "" {
		where = s
	}
	return fmt.Errorf("%s: running the cases stopped at %q: %w", where, clip(c.name), err)
}

// run answers one case; its error is the engine's, when it gave no verdict
// (the result says so as a failure).
func (f *File) run(ctx context.Context, c *testCase) (Result, error) {
	r := Result{File: f.name, Name: c.name, Pos: c.pos}
	want := c.expect.outcome()
	r.Want = want.text(&c.expect, true)
	v, err := f.eng.Explain(ctx, c.q)
	if err != nil {
		r.Got = "error: " + err.Error()
		r.Diff = "-want +got:\n+ error: " + err.Error() + "\n"
		return r, err
	}
	r.Verdict = v
	for _, s := range v.Because {
		if !slices.Contains(r.Rules, s.Rule) {
			r.Rules = append(r.Rules, s.Rule)
		}
	}
	got := outcomeOf(v, &c.expect, r.Rules)
	r.Got = got.text(&c.expect, false)
	r.Diff = diff(want, got)
	r.Passed = r.Diff == ""
	return r, nil
}

// outcome is the part of a verdict a case compares, as text.
type outcome struct {
	answer, reason, determinate, founding, rng, grade string
	rules                                             []string // the rules expected, or those of them the verdict cites
}

func truthText(t rules.Truth) string {
	if t == rules.Indeterminate {
		return "null"
	}
	return t.String()
}

func rangeText(r *rules.Range) string {
	if r == nil {
		return "none"
	}
	s := r.Earliest.String() + ".."
	if r.Latest.IsValid() {
		s += r.Latest.String()
	}
	return s
}

func (e *expectation) outcome() outcome {
	o := outcome{answer: e.answer.String(), reason: e.reason, determinate: fmt.Sprint(e.determinate), rules: e.rules}
	if e.founding != nil {
		o.founding = truthText(*e.founding)
	}
	if e.checkRange {
		o.rng = rangeText(e.rng)
	}
	if e.grade != cistreaty.GradeNone {
		o.grade = e.grade.String()
	}
	return o
}

// outcomeOf reads of a verdict what e checks; seen are the rules it cites.
func outcomeOf(v *rules.Verdict, e *expectation, seen []string) outcome {
	o := outcome{answer: v.Answer.String(), reason: v.Reason, determinate: fmt.Sprint(v.Determinate)}
	if e.founding != nil {
		f := "none"
		if v.Founding != nil {
			f = truthText(*v.Founding)
		}
		o.founding = f
	}
	if e.checkRange {
		o.rng = rangeText(v.Range)
	}
	if e.grade != cistreaty.GradeNone {
		o.grade = v.Grade.String()
	}
	for _, id := range e.rules {
		if slices.Contains(seen, id) {
			o.rules = append(o.rules, id)
		}
	}
	return o
}

// text renders an outcome on one line: the answer, then in brackets what
// else the case checks. A determinate null and an indeterminate null say so
// only where their reason does not already.
func (o outcome) text(e *expectation, want bool) string {
	var extra []string
	if o.reason != "" {
		extra = append(extra, o.reason)
	}
	implied := fmt.Sprint(!(o.answer == "null" && o.reason == rules.ReasonUnknown))
	if o.determinate != implied {
		if o.determinate == "true" {
			extra = append(extra, "determinate")
		} else {
			extra = append(extra, "indeterminate")
		}
	}
	if o.founding != "" {
		extra = append(extra, "founding "+o.founding)
	}
	if o.rng != "" && o.rng != "none" {
		extra = append(extra, "range "+o.rng)
	}
	if o.grade != "" {
		extra = append(extra, "grade "+o.grade)
	}
	if want && len(o.rules) > 0 {
		extra = append(extra, "rules "+strings.Join(o.rules, ", "))
	}
	if !want {
		var missing []string
		for _, id := range e.rules {
			if !slices.Contains(o.rules, id) {
				missing = append(missing, id)
			}
		}
		if len(missing) > 0 {
			extra = append(extra, "missing rules "+strings.Join(missing, ", "))
		}
	}
	if len(extra) == 0 {
		return o.answer
	}
	return o.answer + " (" + strings.Join(extra, ", ") + ")"
}

// diff lists the fields in which got differs from want, "-want +got", and
// each expected rule the verdict does not cite; "" when they agree.
func diff(want, got outcome) string {
	var b strings.Builder
	field := func(name, w, g string) {
		if w != g {
			fmt.Fprintf(&b, "- %s: %s\n+ %s: %s\n", name, orNone(w), name, orNone(g))
		}
	}
	field("answer", want.answer, got.answer)
	field("reason", want.reason, got.reason)
	field("determinate", want.determinate, got.determinate)
	field("founding", want.founding, got.founding)
	field("range", want.rng, got.rng)
	field("grade", want.grade, got.grade)
	for _, id := range want.rules {
		if !slices.Contains(got.rules, id) {
			fmt.Fprintf(&b, "- rule: %s\n", id)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return "-want +got:\n" + b.String()
}

func orNone(s string) string {
	if s == "" {
		return `""`
	}
	return s
}
