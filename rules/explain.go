package rules

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pacta-law/pacta/cistreaty"
)

// worldAnswer is a question's answer in one world, comparable across worlds.
type worldAnswer struct {
	v      uint8 // truth value, or status index
	date   cistreaty.Date
	reason string
	// upper: date is only an upper bound (a treaty-wide entry into force
	// when some parties' standing is open: it was in force by then).
	upper bool
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
	logic := logicOf(q.Kind)
	answer := logic.answer
	var answers []worldAnswer
	worlds, scope, ok, err := e.explore(ctx, true, func(w *world) { answers = append(answers, answer(e, w, q)) })
	if err != nil {
		if q.Kind == QuestionWithdrawal && errors.Is(err, ErrInvalidDate) {
			// The clause ran past the calendar from the notice the question
			// gives: the input is out of range, not the rule wrong.
			rule := "its withdrawal clause"
			var re *RuleError
			if errors.As(err, &re) {
				rule = re.Rule
			}
			return nil, &InputError{Field: "notice", Err: fmt.Errorf("%w: from the notice %s, %s runs past the last day the calendar holds (9999-12-31)", ErrInvalidDate, q.Notice, rule)}
		}
		return nil, err
	}
	if !ok {
		v.Answer, v.Reason = Value{}, ReasonUnknown
		v.Notes = append(v.Notes, fmt.Sprintf("The answer depends on %d or more uncertain facts, more than the %d this engine combines; it is left open.", len(scope), e.law.maxUnc))
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
	logic.fill(ctx, e, v, q, answers)
	v.Because = e.steps(record.tr)
	if logic.finish != nil {
		logic.finish(e, v, q)
	}
	v.Open = e.open(scope, answers)
	if !v.Determinate {
		v.Notes = append(v.Notes, e.readings(q, scope, answers)...)
	}
	v.Notes = append(v.Notes, e.notes(q, record)...)
	found, err := e.contradictions(ctx, q)
	if err != nil {
		return nil, err
	}
	v.Notes = append(v.Notes, found...)
	v.Grade = e.grade(v, q)
	continuity := e.continuity(v, q)
	if continuity != nil {
		v.Notes = append(v.Notes, continuity.note)
		v.Grade = v.Grade.Weaker(continuity.grade)
	}
	if n := e.whyOpen(v); n != "" {
		v.Notes = append(v.Notes, n)
	}
	v.Notes = append(v.Notes, e.unusedAssumptions(v)...)
	return v, nil
}

// continuityNote is what an answer that rests on a successor continuing
// another state (Russia the USSR) must say, and the grade of that basis.
type continuityNote struct {
	note  string
	grade cistreaty.Grade
}

// continuity finds facts of a state that a party asked about continues (the
// USSR's acts read as Russia's): the answer then rests on that continuity,
// which the verdict says, graded no better than its source.
func (e *Engine) continuity(v *Verdict, q Question) *continuityNote {
	asked := []string{q.Party, q.Towards}
	for _, s := range v.Because {
		for _, f := range s.Facts {
			succ, ok := e.successor[f.Party]
			if !ok || !slices.Contains(asked, succ) || slices.Contains(asked, f.Party) {
				continue
			}
			p, _ := e.ds.Party(succ)
			// Never better than S: continuity is a reading of state
			// practice, not a treaty's text.
			g := p.ContinuitySource.Grade.Weaker(cistreaty.GradeS)
			return &continuityNote{
				note: fmt.Sprintf("This answer rests on %s continuing %s: %s's acts (here its %s under %s) are read as %s's own (%s; grade %s). A state that does not accept that continuity would read the answer otherwise.",
					succ, f.Party, f.Party, f.Event, f.Treaty, succ, p.ContinuitySource.Citation, g),
				grade: g,
			}
		}
	}
	return nil
}

// whyOpen gives an indeterminate answer with nothing open a reason: the
// steps that the record could not settle, or the notes already say why.
func (e *Engine) whyOpen(v *Verdict) string {
	if v.Determinate || len(v.Open) > 0 {
		return ""
	}
	for _, n := range v.Notes {
		if strings.Contains(n, "not settled") || strings.Contains(n, "open") || strings.Contains(n, "more than the") {
			return ""
		}
	}
	var why []string
	for _, s := range v.Because {
		if s.Value != "not settled by the record" {
			continue
		}
		switch {
		case s.Reading != "":
			why = append(why, s.Reading)
		case s.Cites != "":
			why = append(why, s.Cites+": its text or a fact it needs is not in the record")
		}
	}
	if len(why) == 0 {
		return "No uncertain date decides this: the record lacks a clause's text or a party's instruments that the question needs, so it cannot be settled."
	}
	return "Why this is open (no uncertain date would settle it): " + strings.Join(slices.Compact(why), " ")
}

// unusedAssumptions notes the what-if facts the answer did not read.
func (e *Engine) unusedAssumptions(v *Verdict) []string {
	if len(e.assumed) == 0 {
		return nil
	}
	used := map[string]bool{}
	key := func(party, treaty, event string) string { return party + "|" + treaty + "|" + event }
	for _, s := range v.Because {
		for _, f := range s.Facts {
			if f.Assumed {
				used[key(f.Party, f.Treaty, f.Event)] = true
			}
		}
	}
	for _, o := range v.Open {
		used[key(o.Party, o.Treaty, o.Event)] = true
	}
	var out []string
	for _, i := range e.assumed {
		ev := e.ds.EventAt(i)
		if used[key(ev.Party, ev.Treaty, ev.Kind.String())] {
			continue
		}
		out = append(out, fmt.Sprintf("The assumed fact %s %s %s (%s) played no part in this answer: it does not change it.", ev.When, ev.Party, ev.Kind, ev.Treaty))
	}
	return out
}

// checkQuestion checks a question's inputs against its description and
// the dataset; the error names the input it refuses.
func (e *Engine) checkQuestion(q Question) error {
	spec, err := checkForm(q)
	if err != nil {
		return err
	}
	for _, in := range spec.Inputs {
		if err := e.checkInput(q, in); err != nil {
			return &InputError{Field: in.Name, Err: err}
		}
	}
	if q.Kind == QuestionWithdrawal && q.Effective.IsValid() && q.Effective.Before(q.Notice) {
		return &InputError{Field: "effective", Err: fmt.Errorf("%w: the named effective date %s is before the notice %s", ErrInvalidDate, q.Effective, q.Notice)}
	}
	return nil
}

// checkInput checks one input the question takes: an ID the dataset has, a
// valid date. An optional input left empty is fine.
func (e *Engine) checkInput(q Question, in Input) error {
	if !in.Required && q.Get(in.Name) == "" {
		return nil
	}
	switch in.Type {
	case InputTreaty:
		_, err := e.treaty(q.Treaty)
		return err
	case InputParty:
		id := q.Get(in.Name)
		if err := e.party(id); err != nil {
			return err
		}
		if in.Name == "towards" && id == q.Party {
			return ErrSameParty
		}
	case InputOrg:
		if _, ok := e.orgs[q.Org]; !ok {
			return &UnknownIDError{Kind: ErrUnknownOrganisation, ID: q.Org, Closest: cistreaty.Closest(q.Org, mapKeys(e.orgs), 3)}
		}
	case InputArticle:
		t := e.treaties[q.Treaty]
		if _, ok := t.t.Obligation(q.Article); !ok {
			var arts []string
			for _, o := range t.t.Obligations {
				arts = append(arts, o.Article)
			}
			return &UnknownIDError{Kind: ErrUnknownArticle, ID: q.Article, Closest: cistreaty.Closest(q.Article, arts, 3)}
		}
	}
	return nil
}

// questionLogic is how the engine answers one kind of question: its answer
// in one world, the verdict's answer from every world's, and one reading's
// answer in words. Each kind's logic lives in its own file (explain_*.go).
type questionLogic struct {
	answer   func(e *Engine, w *world, q Question) worldAnswer
	fill     func(ctx context.Context, e *Engine, v *Verdict, q Question, answers []worldAnswer)
	describe func(e *Engine, q Question, a worldAnswer) string
	// finish, where set, completes the verdict once its steps are in.
	finish func(e *Engine, v *Verdict, q Question)
}

// logicOf returns a question kind's logic; checkQuestion has refused any
// other kind.
func logicOf(kind QuestionKind) questionLogic {
	switch kind {
	case QuestionBound:
		return questionLogic{answerBound, fillBound, describeTruth, nil}
	case QuestionObliged:
		return questionLogic{answerObliged, fillBound, describeTruth, obligationFirst}
	case QuestionVCLT:
		return questionLogic{answerVCLT, fillVCLT, describeTruth, nil}
	case QuestionEIF:
		return questionLogic{answerEIF, fillEIF, describeDate, nil}
	case QuestionWithdrawal:
		return questionLogic{answerWithdrawal, fillDate, describeDate, nil}
	case QuestionStatus:
		return questionLogic{answerStatus, fillStatus, describeStatus, nil}
	}
	return questionLogic{
		answer:   func(*Engine, *world, Question) worldAnswer { return worldAnswer{v: vIndet} },
		fill:     func(context.Context, *Engine, *Verdict, Question, []worldAnswer) {},
		describe: describeTruth,
	}
}

// agree reports whether every world gives the first world's answer; the
// reason counts only where withReason.
func agree(answers []worldAnswer, withReason bool) bool {
	for _, a := range answers[1:] {
		if a.v != answers[0].v || a.date != answers[0].date || (withReason && a.reason != answers[0].reason) {
			return false
		}
	}
	return true
}

// fillTruth sets a true / false / null answer; worlds that differ only in
// the reason disagree.
func fillTruth(_ context.Context, _ *Engine, v *Verdict, _ Question, answers []worldAnswer) {
	setTruth(v, answers[0].v, agree(answers, true))
}

func setTruth(v *Verdict, tri uint8, same bool) {
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
}

// describeTruth renders one reading's true / false / null answer.
func describeTruth(_ *Engine, _ Question, a worldAnswer) string {
	switch a.v {
	case vTrue:
		return "true"
	case vFalse:
		return "false"
	}
	return "still not settled"
}

// fillDate sets a date / null answer, with the range of dates the worlds
// give when they disagree.
func fillDate(_ context.Context, e *Engine, v *Verdict, q Question, answers []worldAnswer) {
	a := answers[0]
	same := agree(answers, true)
	if same && a.v == vTrue {
		v.Answer, v.Determinate = Value{Date: a.date}, true
		return
	}
	if same && a.v == vFalse {
		v.Reason, v.Determinate = a.reason, true
		return
	}
	v.Reason = ReasonUnknown
	var r Range
	open := false
	for _, x := range answers {
		if !x.date.IsValid() {
			open = true
			continue
		}
		lo := x.date
		if x.upper {
			// Not after x.date; not before the treaty was concluded.
			lo = e.treaties[q.Treaty].t.Concluded
		}
		if !r.Earliest.IsValid() || lo.Before(r.Earliest) {
			r.Earliest = lo
		}
		if x.v == vIndet && !x.upper {
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

// describeDate renders one reading's date / null answer.
func describeDate(_ *Engine, _ Question, a worldAnswer) string {
	if a.date.IsValid() && a.v == vTrue {
		return a.date.String()
	}
	if a.date.IsValid() && a.upper {
		return "not after " + a.date.String()
	}
	if a.date.IsValid() {
		return "not before " + a.date.String()
	}
	return "no date (" + a.reason + ")"
}

// reasonOf says why a party is not bound on d, where r.at(d) is false.
//
// Before the earliest day the treaty could be in force for it, the party is
// not yet bound, whether that day is settled (psBound) or only bounded
// (psUnknown: its entry into force lies in a window, or is open-ended, and
// the day is before it). After what ended its being bound, it has ended,
// until a new instrument: from that instrument to the entry into force of
// the period it opens, it is not yet bound again.
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
	case psUnknown:
		if r.first.IsValid() && d.Before(r.first) {
			return ReasonNotYet
		}
		if !r.end.IsValid() || r.endUnknown || d.Before(r.end) {
			return ReasonUnknown
		}
	}
	if !r.end.IsValid() {
		return ReasonUnknown
	}
	reason := ReasonEnded
	for _, s := range r.later {
		if d.Before(s.start) {
			break
		}
		reason = ReasonEnded
		if !s.eifOpen && d.Before(s.eif) {
			reason = ReasonNotYet
		}
	}
	return reason
}

// steps turns the record world's trace into the explanation's steps.
func (e *Engine) steps(tr *tracer) []Step {
	out := make([]Step, 0, len(tr.steps))
	for _, s := range tr.steps {
		st := Step{Rule: s.rule.ID, Cites: s.rule.Cites, Says: s.rule.Says, Lang: s.rule.Lang, SaysEN: s.rule.SaysEN,
			Reading: s.rule.Reading, Value: s.value,
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
		ev := e.event(i)
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
			ev := e.event(i)
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
		if s.rule.ID == RuleVCLTArt56 {
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
			ev := e.event(i)
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
		out = append(out, fmt.Sprintf("If %s: %s.", strings.Join(cond, " and "), logicOf(q.Kind).describe(e, q, a)))
	}
	return out
}

// contradictions are the findings about the treaty and the parties asked
// about: a recorded date the treaty's own clause contradicts, where the
// record is complete enough to check it. The answer follows the clause; the
// note says that the record disagrees.
func (e *Engine) contradictions(ctx context.Context, q Question) ([]string, error) {
	ti, ok := e.treaties[q.Treaty]
	if !ok || q.Party == "" {
		return nil, nil
	}
	parties := []string{q.Party}
	if q.Towards != "" {
		parties = append(parties, q.Towards)
	}
	found, err := e.findingsOf(ctx, ti, parties...)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range found {
		if f.Party == q.Party || f.Party == q.Towards {
			out = append(out, fmt.Sprintf("The record contradicts the rules: %s (%s).", f.Message, f.Pos))
		}
	}
	return out, nil
}
