package rules

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/quote"
)

// Truth is a three-valued answer: true, false, or not settled by the record.
type Truth uint8

const (
	False Truth = iota
	True
	// Indeterminate: the record does not settle the question. It is an
	// honest answer, not an error.
	Indeterminate
)

// String returns "true", "false" or "indeterminate".
func (t Truth) String() string {
	switch t {
	case False:
		return "false"
	case True:
		return "true"
	}
	return "indeterminate"
}

// Errors for questions that name something the dataset does not have. The
// returned error wraps one of these and names the closest known IDs.
var (
	ErrUnknownTreaty       = errors.New("unknown treaty")
	ErrUnknownParty        = errors.New("unknown party")
	ErrUnknownOrganisation = errors.New("unknown organisation")
	ErrUnknownArticle      = errors.New("unknown article")
	// ErrInvalidDate is cistreaty.ErrInvalidDate: one sentinel for every
	// invalid date, in a question or in the record.
	ErrInvalidDate = cistreaty.ErrInvalidDate
	ErrSameParty   = errors.New("a party is not bound towards itself")
)

// UnknownIDError is a question's reference to an ID the dataset lacks.
type UnknownIDError struct {
	Kind    error // ErrUnknownTreaty, ErrUnknownParty, …
	ID      string
	Closest []string
}

func (e *UnknownIDError) Error() string {
	s := fmt.Sprintf("%v %q", e.Kind, quote.Clip(e.ID))
	if len(e.Closest) > 0 {
		s += " (closest known: "
		for i, c := range e.Closest {
			if i > 0 {
				s += ", "
			}
			s += c
		}
		s += ")"
	}
	return s
}

func (e *UnknownIDError) Unwrap() error { return e.Kind }

func (e *Engine) treaty(id string) (*treatyInfo, error) {
	if t, ok := e.treaties[id]; ok {
		return t, nil
	}
	return nil, &UnknownIDError{Kind: ErrUnknownTreaty, ID: id, Closest: cistreaty.Closest(id, mapKeys(e.treaties), 3)}
}

func (e *Engine) party(id string) error {
	if _, ok := e.parties[id]; ok {
		return nil
	}
	return &UnknownIDError{Kind: ErrUnknownParty, ID: id, Closest: cistreaty.Closest(id, e.partyIDs, 3)}
}

func validDate(d cistreaty.Date) error {
	if !d.IsValid() {
		return fmt.Errorf("%w: a date is required", ErrInvalidDate)
	}
	return nil
}

// Bound reports whether party is bound by treaty on the day on: the treaty
// has entered into force for it, no withdrawal, termination or end of term
// has taken effect, and the party exists. It is a lookup in the timelines
// built by New and allocates nothing (a what-if engine builds the treaty's
// timelines on the first question about it, under ctx).
func (e *Engine) Bound(ctx context.Context, treaty, party string, on cistreaty.Date) (Truth, error) {
	if e.lazy {
		return e.boundLazy(ctx, treaty, party, on)
	}
	if s, ok := e.timelines[ptKey{treaty, party}]; ok && on.IsValid() {
		return Truth(s.tl.at(on)), nil
	}
	// Not a party with a record under the treaty (or no date): the IDs are
	// checked only now, so that the common answer costs one lookup.
	ti, knownTreaty := e.treaties[treaty]
	_, knownParty := e.parties[party]
	if knownTreaty && knownParty && on.IsValid() {
		return Truth(ti.stranger(on)), nil
	}
	if !knownTreaty {
		_, err := e.treaty(treaty)
		return Indeterminate, err
	}
	if !knownParty {
		return Indeterminate, e.party(party)
	}
	return Indeterminate, validDate(on)
}

func (e *Engine) boundLazy(ctx context.Context, treaty, party string, on cistreaty.Date) (Truth, error) {
	ti, err := e.treaty(treaty)
	if err != nil {
		return Indeterminate, err
	}
	if err := e.party(party); err != nil {
		return Indeterminate, err
	}
	if err := validDate(on); err != nil {
		return Indeterminate, err
	}
	s, ok, err := e.summary(ctx, ti, party)
	switch {
	case err != nil:
		return Indeterminate, err
	case ok:
		return Truth(s.tl.at(on)), nil
	case ti.t.Participation == cistreaty.Complete:
		return False, nil
	}
	return Truth(ti.lazy.stranger.at(on)), nil
}

// BoundTowards reports whether party is bound towards other under treaty on
// the day on: both are bound, the treaty is not suspended between them, and
// no later treaty's clause has ended it between them.
func (e *Engine) BoundTowards(ctx context.Context, treaty, party, other string, on cistreaty.Date) (Truth, error) {
	if party == other {
		return Indeterminate, ErrSameParty
	}
	if e.lazy {
		ti, err := e.treaty(treaty)
		if err != nil {
			return Indeterminate, err
		}
		tl, ok, err := e.pair(ctx, ti, party, other)
		if err != nil {
			return Indeterminate, err
		}
		if ok {
			if err := validDate(on); err != nil {
				return Indeterminate, err
			}
			return Truth(tl.at(on)), nil
		}
	} else if tl, ok := e.pairs[orderedPair(treaty, party, other)]; ok {
		if !on.IsValid() {
			return Indeterminate, validDate(on)
		}
		return Truth(tl.at(on)), nil
	}
	a, err := e.Bound(ctx, treaty, party, on)
	if err != nil {
		return a, err
	}
	b, err := e.Bound(ctx, treaty, other, on)
	if err != nil {
		return b, err
	}
	return Truth(and3(uint8(a), uint8(b))), nil
}

// EntryIntoForce returns the day treaty entered into force for party, and
// whether the record settles it. ok is false when it never has (or the
// record cannot say).
func (e *Engine) EntryIntoForce(ctx context.Context, treaty, party string) (d cistreaty.Date, settled bool, err error) {
	ti, err := e.treaty(treaty)
	if err != nil {
		return cistreaty.Date{}, false, err
	}
	if err := e.party(party); err != nil {
		return cistreaty.Date{}, false, err
	}
	if s, ok, err := e.summary(ctx, ti, party); err != nil || ok {
		return s.eif, s.eifSettled, err
	}
	// No record of the party under the treaty: settled (never) only where
	// the dataset holds every party.
	return cistreaty.Date{}, e.treaties[treaty].t.Participation == cistreaty.Complete, nil
}

// Period is an interval in which a party is bound: From up to and including
// To; To is zero while the interval is open.
type Period struct {
	From cistreaty.Date `json:"from"`
	To   cistreaty.Date `json:"to,omitzero"`
	// Determinate is false where the record does not settle the bounds.
	Determinate bool `json:"-"`
}

// Periods lists every interval in which party is bound by treaty (towards
// other, if it is not empty). Days the record does not settle are left out
// and make the neighbouring periods not determinate.
func (e *Engine) Periods(ctx context.Context, treaty, party, other string) ([]Period, error) {
	var tl *timeline
	if other == "" {
		if _, err := e.Bound(ctx, treaty, party, cistreaty.MustParseDate("2000-01-01")); err != nil {
			return nil, err
		}
		s, ok, err := e.summary(ctx, e.treaties[treaty], party)
		if err != nil || !ok {
			return nil, err
		}
		tl = &s.tl
	} else {
		if _, err := e.BoundTowards(ctx, treaty, party, other, cistreaty.MustParseDate("2000-01-01")); err != nil {
			return nil, err
		}
		ti := e.treaties[treaty]
		p, ok, err := e.pair(ctx, ti, party, other)
		if err != nil {
			return nil, err
		}
		if ok {
			tl = p
		} else {
			a, aok, _ := e.summary(ctx, ti, party)
			b, bok, _ := e.summary(ctx, ti, other)
			if !aok || !bok {
				return nil, nil
			}
			tl = e.intersect(&a, &b)
		}
	}
	return periodsOf(tl), nil
}

func (e *Engine) intersect(a, b *ptSummary) *timeline {
	var days []cistreaty.Date
	for _, tl := range []*timeline{&a.tl, &b.tl} {
		for i := range tl.len() {
			n, _ := tl.step(i)
			d, _ := cistreaty.DateFromDayNumber(n)
			days = append(days, d)
		}
	}
	tl := stepFunction(1, days, vIndet, func(_ int, d cistreaty.Date) uint8 { return and3(a.tl.at(d), b.tl.at(d)) })
	return &tl
}

func periodsOf(tl *timeline) []Period {
	var out []Period
	var cur *Period
	indetBefore := tl.first == vIndet
	for i := range tl.len() {
		n, v := tl.step(i)
		d, _ := cistreaty.DateFromDayNumber(n)
		if cur != nil && v != vTrue {
			last, _ := d.AddDays(-1)
			cur.To = last
			cur.Determinate = cur.Determinate && v == vFalse
			out = append(out, *cur)
			cur = nil
		}
		if v == vTrue && cur == nil {
			cur = &Period{From: d, Determinate: !indetBefore}
		}
		indetBefore = v == vIndet
	}
	if cur != nil {
		out = append(out, *cur)
	}
	return out
}

// Membership returns a party's status in an organisation on a day (for the
// CIS: non-participant, participant, member-state, associate-member,
// observer, partner, withdrawn); settled is false when the record does not
// decide between statuses, and then status is empty.
func (e *Engine) Membership(ctx context.Context, org, party string, on cistreaty.Date) (status string, settled bool, err error) {
	oi, ok := e.orgs[org]
	if !ok {
		return "", false, &UnknownIDError{Kind: ErrUnknownOrganisation, ID: org, Closest: cistreaty.Closest(org, mapKeys(e.orgs), 3)}
	}
	if err := e.party(party); err != nil {
		return "", false, err
	}
	if err := validDate(on); err != nil {
		return "", false, err
	}
	ms, err := e.member(ctx, oi, party)
	if err != nil {
		return "", false, err
	}
	if ms == nil {
		return "", false, fmt.Errorf("%s has no status in %s", party, org)
	}
	v := ms.tl.at(on)
	if v == indetStatus {
		return "", false, nil
	}
	return oi.names[v], true, nil
}

// Founding reports whether a party is a founding state of an organisation:
// Indeterminate where the record supports two readings.
func (e *Engine) Founding(ctx context.Context, org, party string) (Truth, error) {
	oi, ok := e.orgs[org]
	if !ok {
		return Indeterminate, &UnknownIDError{Kind: ErrUnknownOrganisation, ID: org, Closest: cistreaty.Closest(org, mapKeys(e.orgs), 3)}
	}
	if err := e.party(party); err != nil {
		return Indeterminate, err
	}
	ms, err := e.member(ctx, oi, party)
	if err != nil {
		return Indeterminate, err
	}
	if ms == nil {
		return False, nil
	}
	return Truth(ms.founding), nil
}

// VCLTApplies reports whether the Vienna Convention applies as treaty law to
// treaty between two states (Art. 4): it was in force for both on the day the
// treaty was concluded. It is False where a or b has no act under a treaty
// whose parties are all in the record: there is then no treaty relation
// between them for the Convention to govern (Explain says so with reason
// not-party).
func (e *Engine) VCLTApplies(ctx context.Context, treaty, a, b string) (Truth, error) {
	if _, err := e.treaty(treaty); err != nil {
		return Indeterminate, err
	}
	if _, ok := e.treaties["vclt-1969"]; !ok {
		return Indeterminate, nil
	}
	if err := e.party(a); err != nil {
		return Indeterminate, err
	}
	if err := e.party(b); err != nil {
		return Indeterminate, err
	}
	vd, err := e.Explain(ctx, Question{Kind: QuestionVCLT, Treaty: treaty, Party: a, Towards: b})
	if err != nil {
		return Indeterminate, err
	}
	if vd.Reason == ReasonNotParty {
		return False, nil
	}
	return vd.Truth(), nil
}

// Obliged reports whether party owes the obligation of the treaty's article
// to other on the day on: it is bound towards other, and the article's own
// condition (if any) holds.
func (e *Engine) Obliged(ctx context.Context, treaty, article, party, other string, on cistreaty.Date) (Truth, error) {
	t, err := e.treaty(treaty)
	if err != nil {
		return Indeterminate, err
	}
	if _, ok := t.t.Obligation(article); !ok {
		var arts []string
		for _, o := range t.t.Obligations {
			arts = append(arts, o.Article)
		}
		return Indeterminate, &UnknownIDError{Kind: ErrUnknownArticle, ID: article, Closest: cistreaty.Closest(article, arts, 3)}
	}
	v, err := e.BoundTowards(ctx, treaty, party, other, on)
	if err != nil || v == False {
		return v, err
	}
	if _, ok := t.conditions[article]; !ok {
		return v, nil
	}
	vd, err := e.Explain(ctx, Question{Kind: QuestionObliged, Treaty: treaty, Article: article, Party: party, Towards: other, On: on})
	if err != nil {
		return Indeterminate, err
	}
	return vd.Truth(), nil
}

// Treaties lists the dataset's treaty IDs, sorted.
func (e *Engine) Treaties() []string { return mapKeys(e.treaties) }

// Parties lists the dataset's party IDs, sorted.
func (e *Engine) Parties() []string { return slices.Clone(e.partyIDs) }

// WithdrawalEffective returns the day a withdrawal by party from treaty
// takes effect for a notice received on notice (recorded or hypothetical),
// naming a later day named if it is valid: the later of the treaty's period
// after the notice and the named day. settled is false when the treaty's
// withdrawal clause is not in the record, or when the treaty is silent and
// VCLT Art. 56 leaves open whether it admits withdrawal at all; d is then
// the first day on which it could take effect. Where party is not bound on
// the notice day (it never consented, the treaty is not yet in force for it,
// or its being bound has ended), no exit is computed: d is zero and settled
// is true; where that is open, d is zero and settled false. Where an
// earlier notice of the same period is still running, the party leaves when
// it takes effect, as Explain says. A rule's run-time failure is a
// *RuleError.
func (e *Engine) WithdrawalEffective(ctx context.Context, treaty, party string, notice, named cistreaty.Date) (d cistreaty.Date, settled bool, err error) {
	t, err := e.treaty(treaty)
	if err != nil {
		return cistreaty.Date{}, false, err
	}
	if err := e.party(party); err != nil {
		return cistreaty.Date{}, false, err
	}
	if err := validDate(notice); err != nil {
		return cistreaty.Date{}, false, err
	}
	if named.IsValid() && named.Before(notice) {
		return cistreaty.Date{}, false, fmt.Errorf("%w: the named day %s is before the notice %s", ErrInvalidDate, named, notice)
	}
	switch b, err := e.Bound(ctx, treaty, party, notice); {
	case err != nil:
		return cistreaty.Date{}, false, err
	case b == False:
		return cistreaty.Date{}, true, nil
	case b == Indeterminate:
		return cistreaty.Date{}, false, nil
	}
	// Bound on the notice day: the clause, read in every world the record
	// allows, as Explain reads it (an earlier notice still running fixes the
	// exit; a later one does not postpone it).
	v, err := e.Explain(ctx, Question{Kind: QuestionWithdrawal, Treaty: t.t.ID, Party: party, Notice: notice, Effective: named})
	if err != nil {
		return cistreaty.Date{}, false, err
	}
	if v.Determinate {
		return v.Answer.Date, true, nil
	}
	if v.Range != nil {
		return v.Range.Earliest, false, nil
	}
	return cistreaty.Date{}, false, nil
}
