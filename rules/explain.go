package rules

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"cel.dev/cel-go/common/types"

	"github.com/pacta-law/pacta/cistreaty"
)

// worldAnswer is a question's answer in one world, comparable across worlds.
type worldAnswer struct {
	v      uint8 // truth value, or status index
	date   cistreaty.Date
	reason string
}

// Explain answers a question with its reasons. It re-derives the answer
// with tracking in every world the record allows; the answer is determinate
// when they agree. A rule that fails at run time (budget, cancellation) is
// an error of type *RuleError. ctx may be nil.
func (e *Engine) Explain(ctx context.Context, q Question) (*Verdict, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := e.checkQuestion(q); err != nil {
		return nil, err
	}
	v := &Verdict{
		Question: q.Kind,
		Inputs: Inputs{Treaty: q.Treaty, Article: q.Article, Party: q.Party, Towards: q.Towards,
			Org: q.Org, On: q.On, Notice: q.Notice, Effective: q.Effective},
		Dataset: DatasetInfo{Name: e.ds.Name(), Version: e.ds.Version(), RecordAsOf: e.ds.RecordAsOf()},
	}
	var answers []worldAnswer
	worlds, scope, ok, err := e.explore(ctx, true, func(w *world) { answers = append(answers, e.answerIn(w, q)) })
	if err != nil {
		return nil, err
	}
	if !ok {
		v.Answer, v.Reason = Value{}, ReasonUnknown
		v.Notes = append(v.Notes, fmt.Sprintf("The answer depends on %d or more uncertain facts, more than the %d this engine combines; it is left open.", len(scope), e.cfg.maxUnc))
		v.Grade = cistreaty.GradeU
		return v, nil
	}
	// explore may have run earlier rounds; the answers of the last are the
	// last len(worlds).
	answers = answers[len(answers)-len(worlds):]
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	record := worlds[0]
	defer e.release(worlds)
	e.fill(v, q, answers, record)
	v.Because = e.steps(record.tr)
	if q.Kind == QuestionObliged {
		// The obligation itself comes first: what is owed, then why it is
		// (or is not) owed on that day.
		t := e.treaties[q.Treaty]
		o, _ := t.t.Obligation(q.Article)
		owed := "not owed"
		if v.Answer.Bool != nil && *v.Answer.Bool {
			owed = "owed"
		} else if v.Answer.IsNull() {
			owed = "not settled by the record"
		}
		v.Because = append([]Step{{Rule: "record/obligation", Cites: fmt.Sprintf("%s, Art. %s", t.t.Title, o.Article),
			Says: o.Text, Value: owed, Source: o.Source}}, v.Because...)
		for i := 1; i < len(v.Because); i++ {
			v.Because[i].Depth++
		}
	}
	v.Open = e.open(scope, answers)
	if !v.Determinate {
		v.Notes = append(v.Notes, e.readings(q, scope, answers)...)
	}
	v.Notes = append(v.Notes, e.notes(q, record)...)
	v.Grade = e.grade(v, q)
	return v, nil
}

func (e *Engine) checkQuestion(q Question) error {
	need := func(s, what string) error {
		if s == "" {
			return fmt.Errorf("%s is required", what)
		}
		return nil
	}
	var errs []error
	add := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	switch q.Kind {
	case QuestionBound, QuestionEIF, QuestionWithdrawal, QuestionVCLT, QuestionObliged:
		if err := need(q.Treaty, "treaty"); err != nil {
			return err
		}
		if _, err := e.treaty(q.Treaty); err != nil {
			return err
		}
	case QuestionStatus:
		if q.Org == "" {
			return fmt.Errorf("org is required")
		}
		if _, ok := e.orgs[q.Org]; !ok {
			return &UnknownIDError{Kind: ErrUnknownOrganisation, ID: q.Org, Closest: cistreaty.Closest(q.Org, mapKeys(e.orgs), 3)}
		}
	default:
		return fmt.Errorf("unknown question %q", q.Kind)
	}
	if q.Kind != QuestionEIF || q.Party != "" {
		if err := need(q.Party, "party"); err != nil {
			return err
		}
		if err := e.party(q.Party); err != nil {
			return err
		}
	}
	if q.Towards != "" || q.Kind == QuestionVCLT || q.Kind == QuestionObliged {
		if err := need(q.Towards, "towards"); err != nil {
			return err
		}
		if err := e.party(q.Towards); err != nil {
			return err
		}
		if q.Towards == q.Party {
			return ErrSameParty
		}
	}
	switch q.Kind {
	case QuestionBound, QuestionStatus, QuestionObliged:
		add(validDate(q.On))
	case QuestionWithdrawal:
		add(validDate(q.Notice))
		if q.Effective.IsValid() && q.Effective.Before(q.Notice) {
			add(fmt.Errorf("%w: the named effective date %s is before the notice %s", ErrInvalidDate, q.Effective, q.Notice))
		}
	}
	if q.Kind == QuestionObliged {
		t := e.treaties[q.Treaty]
		if _, ok := t.t.Obligation(q.Article); !ok {
			var arts []string
			for _, o := range t.t.Obligations {
				arts = append(arts, o.Article)
			}
			return &UnknownIDError{Kind: ErrUnknownArticle, ID: q.Article, Closest: cistreaty.Closest(q.Article, arts, 3)}
		}
	}
	if len(errs) > 0 {
		return errs[0]
	}
	return nil
}

// answerIn answers the question in one world.
func (e *Engine) answerIn(w *world, q Question) worldAnswer {
	switch q.Kind {
	case QuestionBound, QuestionObliged:
		t := e.treaties[q.Treaty]
		var a worldAnswer
		if q.Towards == "" {
			r := w.result(t, q.Party)
			a.v = r.at(q.On)
			if a.v == vFalse {
				a.reason = reasonOf(r, q.On)
			}
		} else {
			a.v, a.reason = w.boundTowards(t, q.Party, q.Towards, q.On)
			if a.v == vFalse && a.reason == "" {
				for _, p := range []string{q.Party, q.Towards} {
					if r := w.result(t, p); r.at(q.On) == vFalse {
						a.reason = p + ": " + reasonOf(r, q.On)
						break
					}
				}
			}
		}
		if q.Kind == QuestionObliged && a.v != vFalse {
			if u, ok := t.conditions[q.Article]; ok {
				val, unk := w.evalRule(u.prog, &evalCtx{treaty: t, party: q.Party, other: q.Towards, on: q.On})
				switch {
				case unk:
					a.v = and3(a.v, vIndet)
				case val != types.True:
					a.v, a.reason = vFalse, "condition"
				}
			}
		}
		return a
	case QuestionEIF:
		t := e.treaties[q.Treaty]
		if q.Party == "" {
			// The treaty's general entry into force: the first day it was in
			// force for any party.
			var first cistreaty.Date
			unknown := false
			for _, p := range t.parties {
				r := w.result(t, p)
				if r.state == psUnknown {
					unknown = true
				}
				if r.state == psBound && (!first.IsValid() || r.eif.Before(first)) {
					first = r.eif
				}
			}
			// Where the dataset lacks some parties, the earliest computed date
			// may not be the treaty's: the recorded one is the answer.
			if !first.IsValid() || t.t.Participation != cistreaty.Complete {
				if i, g, ok := w.firstOf(t.wide, kindSet(cistreaty.EntryIntoForce)); ok {
					if w.tr != nil {
						w.tr.record("record/general-entry-into-force", "The record gives the day the treaty entered into force.", g.String(), i)
					}
					return worldAnswer{v: vTrue, date: g}
				}
			}
			if first.IsValid() && !unknown {
				return worldAnswer{v: vTrue, date: first}
			}
			if unknown || t.t.Participation != cistreaty.Complete {
				// A party whose standing is open may have been bound earlier.
				return worldAnswer{v: vIndet, date: first, reason: ReasonUnknown}
			}
			return worldAnswer{reason: ReasonNotYet}
		}
		r := w.result(t, q.Party)
		switch r.state {
		case psBound:
			return worldAnswer{v: vTrue, date: r.eif}
		case psUnknown:
			return worldAnswer{v: vIndet, reason: ReasonUnknown}
		case psNotYet:
			return worldAnswer{reason: ReasonNotYet}
		}
		return worldAnswer{reason: ReasonNotParty}
	case QuestionWithdrawal:
		t := e.treaties[q.Treaty]
		r := w.result(t, q.Party)
		if r.state == psNotParty {
			return worldAnswer{reason: ReasonNotParty}
		}
		d, unknown := w.withdrawal(t, q.Party, q.Notice, q.Effective, -1)
		if unknown {
			return worldAnswer{v: vIndet, date: d, reason: ReasonUnknown}
		}
		return worldAnswer{v: vTrue, date: d}
	case QuestionVCLT:
		t := e.treaties[q.Treaty]
		p := e.c.rules["vclt-1969/art-4"]
		if _, ok := e.treaties["vclt-1969"]; !ok {
			// The dataset has no record of the Convention's parties.
			return worldAnswer{v: vIndet, reason: ReasonUnknown}
		}
		val, unk := w.evalRule(p, &evalCtx{treaty: t, party: q.Party, other: q.Towards})
		switch {
		case unk:
			return worldAnswer{v: vIndet, reason: ReasonUnknown}
		case val == types.True:
			return worldAnswer{v: vTrue}
		}
		return worldAnswer{v: vFalse}
	case QuestionStatus:
		oi := e.orgs[q.Org]
		s := w.status(oi, q.Party, q.On)
		f := w.founding(oi, q.Party)
		return worldAnswer{v: s, date: cistreaty.Date{}, reason: string(rune('0' + f))}
	}
	return worldAnswer{v: vIndet}
}

// reasonOf says why a party is not bound on d.
func reasonOf(r *ptResult, d cistreaty.Date) string {
	switch r.state {
	case psNotParty:
		return ReasonNotParty
	case psNotYet:
		return ReasonNotYet
	case psBound:
		if d.Before(r.eif) {
			return ReasonNotYet
		}
		return ReasonEnded
	}
	return ReasonUnknown
}

// fill sets the answer from the worlds' answers.
func (e *Engine) fill(v *Verdict, q Question, answers []worldAnswer, record *world) {
	same := true
	for _, a := range answers[1:] {
		if a.v != answers[0].v || a.date != answers[0].date || (q.Kind != QuestionStatus && a.reason != answers[0].reason && q.Kind != QuestionBound) {
			same = false
		}
	}
	if q.Kind == QuestionStatus {
		oi := e.orgs[q.Org]
		statusSame, foundingSame := true, true
		for _, a := range answers[1:] {
			if a.v != answers[0].v {
				statusSame = false
			}
			if a.reason != answers[0].reason {
				foundingSame = false
			}
		}
		f := Indeterminate
		if foundingSame {
			f = Truth(answers[0].reason[0] - '0')
		}
		v.Founding = &f
		if statusSame && answers[0].v != indetStatus {
			v.Answer = Value{Status: oi.names[answers[0].v]}
			v.Determinate = true
		} else {
			v.Reason = ReasonUnknown
		}
		return
	}
	a := answers[0]
	switch q.Kind {
	case QuestionBound, QuestionObliged, QuestionVCLT:
		tri := a.v
		if !same {
			tri = vIndet
		}
		switch tri {
		case vTrue:
			b := true
			v.Answer, v.Determinate = Value{Bool: &b}, true
		case vFalse:
			b := false
			v.Answer, v.Determinate = Value{Bool: &b}, true
		default:
			v.Reason = ReasonUnknown
		}
	case QuestionEIF, QuestionWithdrawal:
		if same && a.v == vTrue {
			v.Answer, v.Determinate = Value{Date: a.date}, true
		} else if same && a.v == vFalse {
			v.Reason, v.Determinate = a.reason, true
		} else {
			v.Reason = ReasonUnknown
			var r Range
			open := false
			for _, x := range answers {
				if !x.date.IsValid() {
					open = true
					continue
				}
				if !r.Earliest.IsValid() || x.date.Before(r.Earliest) {
					r.Earliest = x.date
				}
				if x.v == vIndet {
					open = true
				}
				if x.date.After(r.Latest) {
					r.Latest = x.date
				}
			}
			if open {
				r.Latest = cistreaty.Date{}
			}
			if r.Earliest.IsValid() {
				v.Range = &r
			}
		}
		if q.Kind == QuestionEIF && q.Party != "" {
			v.Periods, _ = e.Periods(q.Treaty, q.Party, "")
		}
	}
}

// steps turns the record world's trace into the explanation's steps.
func (e *Engine) steps(tr *tracer) []Step {
	out := make([]Step, 0, len(tr.steps))
	for _, s := range tr.steps {
		st := Step{Rule: s.rule.ID, Cites: s.rule.Cites, Says: s.rule.Says, Value: s.value,
			Fallback: s.fallback, Depth: s.depth, Source: s.rule.Source}
		for _, i := range s.facts {
			st.Facts = append(st.Facts, e.fact(i))
		}
		out = append(out, st)
	}
	return out
}

func (e *Engine) fact(i int) Fact {
	ev := e.ds.EventAt(i)
	f := Fact{Party: ev.Party, Treaty: ev.Treaty, Event: ev.Kind.String(), Source: ev.Source.Citation,
		URL: ev.Source.URL, Grade: ev.Source.Grade, Assumed: ev.Assumed, Expected: ev.When.Expected}
	if d, ok := ev.When.Exact(); ok {
		f.Date = d
	} else {
		f.Earliest, f.Latest = ev.When.Earliest, ev.When.Latest
	}
	return f
}

// open lists the uncertain facts on which the worlds' answers turn.
func (e *Engine) open(scope []int, answers []worldAnswer) []Open {
	var out []Open
	for b, i := range scope {
		bit := 1 << b
		turns := false
		for m := range answers {
			if answers[m] != answers[m^bit] {
				turns = true
				break
			}
		}
		if !turns {
			continue
		}
		ev := &e.events[i]
		o := Open{Party: ev.Party, Treaty: ev.Treaty, Event: ev.Kind.String(), Earliest: ev.When.Earliest, Latest: ev.When.Latest}
		if ev.When.Expected {
			o.Why = "expected but not recorded: it may not have happened, or may come on any day from its earliest"
		} else {
			o.Why = "the record gives a range, not the day"
		}
		if note := e.ds.EventAt(i).Note; note != "" {
			o.Why += "; " + note
		}
		out = append(out, o)
	}
	return out
}

// notes gathers context a lawyer should see beside the answer.
func (e *Engine) notes(q Question, w *world) []string {
	var out []string
	out = append(out, w.tr.notes...)
	treaties := []string{q.Treaty}
	if q.Kind == QuestionStatus {
		treaties = e.orgs[q.Org].o.Constituent
	}
	for _, id := range treaties {
		t := e.treaties[id]
		if t == nil {
			continue
		}
		for _, i := range t.events {
			ev := &e.events[i]
			d, ok := w.day(i)
			if !ok || (q.On.IsValid() && d.After(q.On)) {
				continue
			}
			switch {
			case ev.Kind == cistreaty.ParticipationEnded && (ev.Party == q.Party || ev.Party == q.Towards):
				full := e.ds.EventAt(i)
				out = append(out, fmt.Sprintf("Context, not a legal act ending the treaty: on %s %s ended its participation (%s). %s", d, ev.Party, full.Source.Citation, full.Note))
			case ev.Kind == cistreaty.ProvisionalApplication && (ev.Party == "" || ev.Party == q.Party):
				out = append(out, fmt.Sprintf("Provisional application is not being bound: %s was applied provisionally from %s (%s).", id, d, e.ds.EventAt(i).Source.Citation))
			}
		}
	}
	if q.Kind == QuestionVCLT {
		out = append(out, "Art. 4 is read here as applying the Convention to a treaty concluded after it entered into force for both states; another reading asks whether it was in force for a state when that state later joined the treaty. The Convention's rules that codify customary law apply regardless (Art. 4, first clause).")
	}
	for _, s := range w.tr.steps {
		if s.rule.ID == "vclt-1969/art-56" {
			out = append(out, "The treaty has no withdrawal clause: under VCLT Art. 56(1) it admits withdrawal only if the parties so intended or its nature implies it, which the record does not settle; if it does, Art. 56(2) requires at least twelve months' notice.")
		}
	}
	if q.On.IsValid() && q.On.After(e.ds.RecordAsOf()) {
		out = append(out, fmt.Sprintf("The record was checked up to %s; this answer assumes no events beyond those recorded or expected.", e.ds.RecordAsOf()))
	}
	return slices.Compact(out)
}

// grade is the weakest grade of the facts and rule texts the answer rests
// on, and of the open facts; with none, the treaty record's own grade.
func (e *Engine) grade(v *Verdict, q Question) cistreaty.Grade {
	g := cistreaty.GradeNone
	for _, s := range v.Because {
		g = g.Weaker(s.Source.Grade)
		for _, f := range s.Facts {
			g = g.Weaker(f.Grade)
		}
	}
	if !v.Determinate {
		g = g.Weaker(cistreaty.GradeU)
	}
	if g == cistreaty.GradeNone {
		if t, ok := e.treaties[q.Treaty]; ok {
			g = t.t.Source.Grade
		}
	}
	if g == cistreaty.GradeNone {
		g = cistreaty.GradeS
	}
	return g
}

// readings says, for an indeterminate answer, what the answer would be on
// each reading of the uncertain facts it turns on.
func (e *Engine) readings(q Question, scope []int, answers []worldAnswer) []string {
	var out []string
	seen := map[worldAnswer]bool{}
	for m, a := range answers {
		if seen[a] || len(out) == 4 {
			continue
		}
		seen[a] = true
		var cond []string
		for b, i := range scope {
			turns := false
			for k := range answers {
				if answers[k] != answers[k^(1<<b)] {
					turns = true
					break
				}
			}
			if !turns {
				continue
			}
			ev := &e.events[i]
			d := endpoint(ev.When, m&(1<<b) != 0)
			what := fmt.Sprintf("%s's %s (%s)", ev.Party, ev.Kind, ev.Treaty)
			switch {
			case !d.IsValid():
				cond = append(cond, what+" has not happened")
			case ev.When.Expected:
				cond = append(cond, fmt.Sprintf("%s happened on its earliest possible day, %s", what, d))
			default:
				cond = append(cond, fmt.Sprintf("%s fell on %s", what, d))
			}
		}
		if len(cond) == 0 {
			continue
		}
		out = append(out, fmt.Sprintf("If %s: %s.", strings.Join(cond, " and "), e.describe(q, a)))
	}
	return out
}

// describe renders one reading's answer.
func (e *Engine) describe(q Question, a worldAnswer) string {
	switch q.Kind {
	case QuestionStatus:
		if a.v == indetStatus {
			return "still not settled"
		}
		return e.orgs[q.Org].names[a.v]
	case QuestionEIF, QuestionWithdrawal:
		if a.date.IsValid() && a.v == vTrue {
			return a.date.String()
		}
		if a.date.IsValid() {
			return "not before " + a.date.String()
		}
		return "no date (" + a.reason + ")"
	}
	switch a.v {
	case vTrue:
		return "true"
	case vFalse:
		return "false"
	}
	return "still not settled"
}
