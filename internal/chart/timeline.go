package chart

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// Kind is what a bar of the timeline says about its days.
type Kind string

const (
	KindBound     Kind = "bound"     // bound by the treaty
	KindNotYet    Kind = "not-yet"   // has acted under the treaty, not yet bound
	KindWithdrawn Kind = "withdrawn" // a withdrawal or denunciation took effect
	KindEnded     Kind = "ended"     // no longer bound otherwise (term, termination, extinction)
	KindSuspended Kind = "suspended" // both bound, the treaty suspended between them
	KindCeased    Kind = "ceased"    // both bound, a later treaty ended it between them
	KindUncertain Kind = "uncertain" // the record does not settle these days
	KindStatus    Kind = "status"    // a status in an organisation
)

// Segment is one bar: a run of days with the same answer.
type Segment struct {
	Kind Kind
	// Label is the bar's text: "bound", "withdrawn", a status.
	Label string
	// From is the first day, To the last (inclusive). Open is true when the
	// run goes on past the end of the axis.
	From, To cistreaty.Date
	Open     bool
	// Since is the real first day of a run that began before the axis.
	Since cistreaty.Date
	// Tooltip names the rules and the facts of the explained answer on From.
	Tooltip string
	// Question is the explained question on From, for a link to it.
	Question rules.Question
}

// Row is one line of the timeline: the party's relation to one treaty, to
// one counterparty under a treaty, or its status in an organisation.
type Row struct {
	// Treaty is the treaty's ID, or the organisation's party ID for a
	// status row.
	Treaty string
	// Title is the treaty's title or the organisation's name.
	Title string
	// Towards is the counterparty of a pair row, TowardsName its name.
	Towards, TowardsName string
	// Org is true for a status row.
	Org      bool
	Segments []Segment
}

// Timeline is every treaty of one party over time.
type Timeline struct {
	Party cistreaty.Party
	// Start is the first day of the axis, End the day after its last.
	Start, End cistreaty.Date
	Dataset    rules.DatasetInfo
	Rows       []Row
	// Never lists the treaties under which the party has no record and is
	// never bound.
	Never []string
}

// NewTimeline computes the timeline of a party: for each treaty, the runs of
// days on which it is bound, not yet bound, no longer bound, or the record
// does not say; for each pair where a suspension or a later treaty makes it
// differ, the runs towards that counterparty; and its status in each
// organisation. The axis runs from 1 January of the year of the party's
// first recorded act to the end of the year after the record date.
func NewTimeline(ctx context.Context, eng *rules.Engine, party string) (*Timeline, error) {
	ds := eng.Dataset()
	p, ok := ds.Party(party)
	if !ok {
		return nil, &rules.UnknownIDError{Kind: rules.ErrUnknownParty, ID: party, Closest: cistreaty.Closest(party, eng.Parties(), 3)}
	}
	start, end, err := axis(ds, party)
	if err != nil {
		return nil, err
	}
	tl := &Timeline{
		Party: p, Start: start, End: end,
		Dataset: rules.DatasetInfo{Name: ds.Name(), Version: ds.Version(), RecordAsOf: ds.RecordAsOf()},
	}
	b := builder{ctx: ctx, eng: eng, ds: ds, party: party, start: start, end: end}
	for o := range ds.Organisations() {
		if o.Party == party {
			// An organisation has no status in itself.
			continue
		}
		row, err := b.statusRow(o)
		if err != nil {
			return nil, err
		}
		if len(row.Segments) > 0 {
			tl.Rows = append(tl.Rows, row)
		}
	}
	treaties := slices.SortedFunc(ds.Treaties(), func(a, b cistreaty.Treaty) int {
		return cmp.Or(a.Concluded.Compare(b.Concluded), strings.Compare(a.ID, b.ID))
	})
	for _, t := range treaties {
		row, runs, err := b.treatyRow(t)
		if err != nil {
			return nil, err
		}
		if len(row.Segments) == 0 {
			tl.Never = append(tl.Never, t.ID)
			continue
		}
		tl.Rows = append(tl.Rows, row)
		all, err := b.allRow(t, runs)
		if err != nil {
			return nil, err
		}
		if len(all.Segments) > 0 {
			tl.Rows = append(tl.Rows, all)
		}
		pairs, err := b.pairRows(t, runs)
		if err != nil {
			return nil, err
		}
		tl.Rows = append(tl.Rows, pairs...)
	}
	return tl, nil
}

// axis is the drawn range: from 1 January of the year of the party's first
// recorded act (or of the record's first year) to 1 January two years after
// the record date's year, so that expected events of the next year show.
func axis(ds *cistreaty.Dataset, party string) (start, end cistreaty.Date, err error) {
	var first cistreaty.Date
	for _, ev := range ds.EventsOf("", party) {
		if d := ev.When.Earliest; d.IsValid() && (!first.IsValid() || d.Before(first)) {
			first = d
		}
	}
	rec := ds.RecordAsOf()
	if !first.IsValid() {
		first = rec
	}
	if start, err = cistreaty.NewDate(first.Year(), 1, 1); err != nil {
		return start, end, err
	}
	end, err = cistreaty.NewDate(rec.Year()+2, 1, 1)
	return start, end, err
}

// run is a maximal run of days with one value; to is inclusive.
type run[V comparable] struct {
	from, to cistreaty.Date
	v        V
}

// runs scans every day of [start, end) and groups equal values. The
// queries are lookups that allocate nothing, so a day-by-day scan costs a few
// milliseconds per row and finds every change, also the first day of a range
// the record does not settle, which Periods leaves out.
func runs[V comparable](start, end cistreaty.Date, at func(cistreaty.Date) (V, error)) ([]run[V], error) {
	var out []run[V]
	for d := start; d.Before(end); d, _ = d.AddDays(1) {
		v, err := at(d)
		if err != nil {
			return nil, err
		}
		if n := len(out); n > 0 && out[n-1].v == v {
			out[n-1].to = d
			continue
		}
		out = append(out, run[V]{from: d, to: d, v: v})
	}
	return out, nil
}

// builder carries what every row needs.
type builder struct {
	ctx        context.Context
	eng        *rules.Engine
	ds         *cistreaty.Dataset
	party      string
	start, end cistreaty.Date
}

// segment fills the dates of a segment from a run, clipped to the axis: a
// run that began before the axis keeps its first day in Since; one that
// ended before it is not drawn (ok is false).
func (b *builder) segment(kind Kind, label string, from, to cistreaty.Date) (s Segment, ok bool) {
	if to.Before(b.start) {
		return s, false
	}
	last, _ := b.end.AddDays(-1)
	s = Segment{Kind: kind, Label: label, From: from, To: to, Open: to == last}
	if from.Before(b.start) {
		s.From, s.Since = b.start, from
	}
	return s, true
}

// scanFrom is the first day to scan for the rows of these treaties: the
// earliest of the axis, their conclusion and their first events, so that a
// run that began before the axis is known with its real first day.
func (b *builder) scanFrom(treaties ...string) cistreaty.Date {
	from := b.start
	for _, id := range treaties {
		if t, ok := b.ds.Treaty(id); ok && t.Concluded.IsValid() && t.Concluded.Before(from) {
			from = t.Concluded
		}
		for _, ev := range b.ds.EventsOf(id, "") {
			if d := ev.When.Earliest; d.IsValid() && d.Before(from) {
				from = d
			}
		}
	}
	return from
}

func (b *builder) treatyRow(t cistreaty.Treaty) (Row, []run[rules.Truth], error) {
	row := Row{Treaty: t.ID, Title: t.Title}
	rs, err := runs(b.scanFrom(t.ID), b.end, func(d cistreaty.Date) (rules.Truth, error) {
		return b.eng.Bound(b.ctx, t.ID, b.party, d)
	})
	if err != nil {
		return row, nil, err
	}
	// The party's first act under the treaty opens its "not yet" run.
	var acted cistreaty.Date
	for _, ev := range b.ds.EventsOf(t.ID, b.party) {
		if d := ev.When.Earliest; d.IsValid() && (!acted.IsValid() || d.Before(acted)) {
			acted = d
		}
	}
	seen := false // a day bound or not settled has passed
	for _, r := range rs {
		q := rules.Question{Kind: rules.QuestionBound, Treaty: t.ID, Party: b.party, On: r.from}
		var s Segment
		var ok bool
		switch r.v {
		case rules.True:
			s, ok = b.segment(KindBound, "bound", r.from, r.to)
		case rules.Indeterminate:
			s, ok = b.segment(KindUncertain, "not settled", r.from, r.to)
		case rules.False:
			if seen {
				s, ok = b.segment(KindEnded, "ended", r.from, r.to)
				break
			}
			if acted.IsValid() && !r.to.Before(acted) {
				q.On = maxDate(acted, r.from)
				s, ok = b.segment(KindNotYet, "not yet", q.On, r.to)
			}
		}
		seen = seen || r.v != rules.False
		if !ok {
			continue
		}
		v, err := b.eng.Explain(b.ctx, q)
		if err != nil {
			return row, nil, err
		}
		if s.Kind == KindEnded {
			s.Kind, s.Label = endKind(v, b.party)
		}
		s.Question = q
		s.Tooltip = tooltip(t.ID, b.party, "", s, v)
		row.Segments = append(row.Segments, s)
	}
	return row, rs, nil
}

// endKind names why a party is no longer bound, from the facts of the
// explained answer.
func endKind(v *rules.Verdict, party string) (Kind, string) {
	kind, label := KindEnded, "ended"
	for _, st := range v.Because {
		for _, f := range st.Facts {
			switch f.Event {
			case cistreaty.WithdrawalNotice.String(), cistreaty.Withdrawal.String(), cistreaty.Denunciation.String():
				if f.Party == party {
					return KindWithdrawn, "withdrawn"
				}
			case cistreaty.Termination.String():
				label = "terminated"
			case cistreaty.CeasedToExist.String():
				label = "ceased to exist"
			}
		}
	}
	return kind, label
}

// counterparties are the parties with which a pair row may differ from the
// party's own row: those a suspension of the treaty names (in either
// direction) and, where a later treaty's clause ends this one between pairs,
// every party of that later treaty.
func (b *builder) counterparties(t cistreaty.Treaty) []string {
	set := map[string]bool{}
	for _, ev := range b.ds.EventsOf(t.ID, "") {
		if ev.Towards == "" {
			// Another party's suspension towards every party, this one
			// included. The party's own is drawn in one row (allRow).
			if ev.Kind == cistreaty.Suspension && ev.Party != b.party && ev.Party != "" {
				set[ev.Party] = true
			}
			continue
		}
		switch {
		case ev.Party == b.party:
			set[ev.Towards] = true
		case ev.Towards == b.party:
			set[ev.Party] = true
		}
	}
	for later := range b.ds.Treaties() {
		for _, dp := range later.Displaces {
			if dp.Treaty != t.ID {
				continue
			}
			for _, ev := range b.ds.EventsOf(later.ID, "") {
				if ev.Party != "" {
					set[ev.Party] = true
				}
			}
		}
	}
	delete(set, b.party)
	out := make([]string, 0, len(set))
	for p := range set {
		if _, ok := b.ds.Party(p); ok {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// pairRows draws, for each counterparty, the runs on which the party's
// relation towards it differs from both being bound: a suspension between
// them, a later treaty that ended this one between them, or days the record
// does not settle for the pair alone.
func (b *builder) pairRows(t cistreaty.Treaty, own []run[rules.Truth]) ([]Row, error) {
	var rows []Row
	for _, q := range b.counterparties(t) {
		row := Row{Treaty: t.ID, Title: t.Title, Towards: q}
		if p, ok := b.ds.Party(q); ok {
			row.TowardsName = p.Name
		}
		for _, r := range own {
			if r.v != rules.True {
				continue
			}
			// Within a run where the party is bound: compare towards q
			// with q being bound.
			type pairDay struct{ other, towards rules.Truth }
			prs, err := runs(r.from, nextDay(r.to), func(d cistreaty.Date) (pairDay, error) {
				o, err := b.eng.Bound(b.ctx, t.ID, q, d)
				if err != nil {
					return pairDay{}, err
				}
				tw, err := b.eng.BoundTowards(b.ctx, t.ID, b.party, q, d)
				return pairDay{o, tw}, err
			})
			if err != nil {
				return nil, err
			}
			for _, pr := range prs {
				if pr.v.other != rules.True || pr.v.towards == rules.True {
					continue
				}
				qu := rules.Question{Kind: rules.QuestionBound, Treaty: t.ID, Party: b.party, Towards: q, On: pr.from}
				v, err := b.eng.Explain(b.ctx, qu)
				if err != nil {
					return nil, err
				}
				var s Segment
				var ok bool
				if pr.v.towards == rules.Indeterminate {
					s, ok = b.segment(KindUncertain, "not settled towards "+q, pr.from, pr.to)
				} else {
					kind, label := pairEndKind(v)
					s, ok = b.segment(kind, label+" towards "+q, pr.from, pr.to)
				}
				if !ok {
					continue
				}
				s.Question = qu
				s.Tooltip = tooltip(t.ID, b.party, q, s, v)
				row.Segments = append(row.Segments, s)
			}
		}
		if len(row.Segments) > 0 {
			rows = append(rows, row)
		}
	}
	return rows, nil
}

// allRow draws a suspension by the party towards every other party (a
// suspension the record gives without a counterparty): the runs, within the
// days the party is bound, on which it is bound towards none of the other
// parties that are bound, or the record does not settle whether it is.
func (b *builder) allRow(t cistreaty.Treaty, own []run[rules.Truth]) (Row, error) {
	row := Row{Treaty: t.ID, Title: t.Title, Towards: AllOthers, TowardsName: "every other party"}
	suspends := false
	for _, ev := range b.ds.EventsOf(t.ID, b.party) {
		suspends = suspends || ev.Kind == cistreaty.Suspension && ev.Towards == ""
	}
	if !suspends {
		return row, nil
	}
	others := map[string]bool{}
	for _, ev := range b.ds.EventsOf(t.ID, "") {
		if _, ok := b.ds.Party(ev.Party); ok && ev.Party != b.party {
			others[ev.Party] = true
		}
	}
	ids := make([]string, 0, len(others))
	for id := range others {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	// towardsAll is, on one day: whether some other party is bound, and
	// then whether the party is bound towards none of them (False), towards
	// some (True), or the record does not settle it (Indeterminate); and
	// the first bound other party, for the explanation.
	type towardsAll struct {
		v     rules.Truth
		other string
	}
	for _, r := range own {
		if r.v != rules.True {
			continue
		}
		ars, err := runs(r.from, nextDay(r.to), func(d cistreaty.Date) (towardsAll, error) {
			res := towardsAll{v: rules.True}
			for _, q := range ids {
				o, err := b.eng.Bound(b.ctx, t.ID, q, d)
				if err != nil {
					return res, err
				}
				if o != rules.True {
					continue
				}
				tw, err := b.eng.BoundTowards(b.ctx, t.ID, b.party, q, d)
				if err != nil {
					return res, err
				}
				if tw == rules.True {
					return towardsAll{v: rules.True}, nil
				}
				if res.other == "" {
					res = towardsAll{v: rules.False, other: q}
				}
				if tw == rules.Indeterminate {
					res.v = rules.Indeterminate
				}
			}
			return res, nil
		})
		if err != nil {
			return row, err
		}
		for _, ar := range ars {
			if ar.v.v == rules.True {
				continue
			}
			qu := rules.Question{Kind: rules.QuestionBound, Treaty: t.ID, Party: b.party, Towards: ar.v.other, On: ar.from}
			v, err := b.eng.Explain(b.ctx, qu)
			if err != nil {
				return row, err
			}
			kind, label := KindSuspended, "suspended towards every other party"
			if ar.v.v == rules.Indeterminate {
				kind, label = KindUncertain, "not settled towards the other parties"
			}
			s, ok := b.segment(kind, label, ar.from, ar.to)
			if !ok {
				continue
			}
			s.Question = qu
			s.Tooltip = tooltip(t.ID, b.party, "every other party (explained towards "+ar.v.other+")", s, v)
			row.Segments = append(row.Segments, s)
		}
	}
	return row, nil
}

// AllOthers is the Towards of a row about every other party at once.
const AllOthers = "*"

// pairEndKind names why a pair that is both bound is not bound towards each
// other: a recorded suspension, or a later treaty's clause.
func pairEndKind(v *rules.Verdict) (Kind, string) {
	for _, st := range v.Because {
		for _, f := range st.Facts {
			if f.Event == cistreaty.Suspension.String() {
				return KindSuspended, "suspended"
			}
		}
	}
	return KindCeased, "ceased to apply"
}

func (b *builder) statusRow(o cistreaty.Organisation) (Row, error) {
	title := o.Party
	if p, ok := b.ds.Party(o.Party); ok && p.Name != "" {
		title = p.Name
	}
	row := Row{Treaty: o.Party, Title: title, Org: true}
	type status struct {
		s       string
		settled bool
	}
	rs, err := runs(b.scanFrom(o.Constituent...), b.end, func(d cistreaty.Date) (status, error) {
		s, ok, err := b.eng.Membership(b.ctx, o.Party, b.party, d)
		return status{s, ok}, err
	})
	if err != nil {
		return row, err
	}
	seen := false
	for _, r := range rs {
		// The default status before anything happened is no bar.
		if !seen && r.v.settled && r.v.s == o.Default {
			continue
		}
		seen = true
		q := rules.Question{Kind: rules.QuestionStatus, Org: o.Party, Party: b.party, On: r.from}
		var s Segment
		var ok bool
		if r.v.settled {
			s, ok = b.segment(KindStatus, r.v.s, r.from, r.to)
		} else {
			s, ok = b.segment(KindUncertain, "not settled", r.from, r.to)
		}
		if !ok {
			continue
		}
		v, err := b.eng.Explain(b.ctx, q)
		if err != nil {
			return row, err
		}
		s.Question = q
		s.Tooltip = tooltip(o.Party, b.party, "", s, v)
		row.Segments = append(row.Segments, s)
	}
	return row, nil
}

func nextDay(d cistreaty.Date) cistreaty.Date {
	n, _ := d.AddDays(1)
	return n
}

func maxDate(a, b cistreaty.Date) cistreaty.Date {
	if a.After(b) {
		return a
	}
	return b
}

// maxSource bounds a source's citation in a tooltip; the full text is in the
// explanation the bar links to.
const maxSource = 110

// tooltip is a bar's text: what the bar says, then the explained answer on
// its first day — each rule with its article, id and value, and the facts it
// read with their grades — and what would settle an open answer.
func tooltip(treaty, party, towards string, s Segment, v *rules.Verdict) string {
	var b strings.Builder
	subject := party + " — " + treaty
	if towards != "" {
		subject = party + " towards " + towards + " — " + treaty
	}
	fmt.Fprintf(&b, "%s: %s, %s", subject, s.Label, spanText(s))
	on := s.Question.On
	if !on.IsValid() {
		on = s.From
	}
	fmt.Fprintf(&b, "\nOn %s the answer is %s", on, v.Answer)
	if !v.Determinate {
		b.WriteString(" (not determinate)")
	}
	for _, st := range v.Because {
		b.WriteString("\n" + strings.Repeat("  ", st.Depth))
		name := st.Cites
		if name == "" {
			name = st.Rule
		}
		fmt.Fprintf(&b, "%s [%s]", name, st.Rule)
		if st.Value != "" {
			b.WriteString(": " + st.Value)
		}
		if st.Fallback {
			b.WriteString(" (VCLT default rule)")
		}
		for _, f := range st.Facts {
			b.WriteString("\n" + strings.Repeat("  ", st.Depth+1) + "• " + factText(f))
		}
	}
	for _, o := range v.Open {
		fmt.Fprintf(&b, "\nOpen: %s %s (%s)", rangeText(o.Earliest, o.Latest), strings.TrimSpace(o.Party+" "+o.Event), o.Treaty)
	}
	return b.String()
}

// spanText is "1994-04-19 to 2009-08-17", "from 1994-04-19", and
// "since 1986-06-13" for a run that began before the axis.
func spanText(s Segment) string {
	from := s.From
	if s.Since.IsValid() {
		from = s.Since
	}
	if s.Open {
		return "from " + from.String()
	}
	if from == s.To {
		return "on " + from.String()
	}
	return from.String() + " to " + s.To.String()
}

func factText(f rules.Fact) string {
	when := f.Date.String()
	if !f.Date.IsValid() {
		when = rangeText(f.Earliest, f.Latest)
		if f.Expected {
			when = "expected " + when
		}
	}
	src := f.Source
	if r := []rune(src); len(r) > maxSource {
		src = string(r[:maxSource-1]) + "…"
	}
	s := fmt.Sprintf("%s %s %s", when, strings.TrimSpace(f.Party+" "+f.Event), "— "+src+" [grade "+f.Grade.String()+"]")
	if f.Assumed {
		s += " [assumed]"
	}
	return s
}

func rangeText(earliest, latest cistreaty.Date) string {
	s := ""
	if earliest.IsValid() {
		s = earliest.String()
	}
	s += ".."
	if latest.IsValid() {
		s += latest.String()
	}
	return s
}
