package rules_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
	"github.com/pacta-law/pacta/rules/verify"
)

// The plain queries and Explain must come from the same logic: every plain
// answer equals the explained one, for every treaty, party, pair and
// article, on the days around every event of the treaty, on the record and
// with what-ifs (a suspension with no towards is the form -assume gives).
func TestPlainAgreesWithExplained(t *testing.T) {
	ctx := context.Background()
	base := cisEngine(t)
	assumed := func(treaty, party string, kind cistreaty.EventKind, on, towards string) cistreaty.Event {
		return cistreaty.Event{Treaty: treaty, Party: party, Kind: kind, Towards: towards, When: cistreaty.On(day(on)),
			Source: cistreaty.Source{Citation: "assumed", Grade: cistreaty.GradeU}}
	}
	whatIfs := map[string][]cistreaty.Event{
		"record": nil,
		"suspension towards every party": {
			assumed("fta-2011", "RU", cistreaty.Suspension, "2015-03-01", ""),
			assumed("cis-charter-1993", "AM", cistreaty.Suspension, "2001-05-05", ""),
			assumed("cis-charter-1993", "AM", cistreaty.SuspensionEnd, "2003-05-05", "BY"),
			assumed("fta-1994", "KZ", cistreaty.Suspension, "1999-01-01", ""),
		},
		"suspension towards one party": {
			assumed("cst-1992", "AM", cistreaty.Suspension, "2010-01-10", "KZ"),
			assumed("cst-1992", "KZ", cistreaty.SuspensionEnd, "2012-01-10", ""),
		},
		"withdrawal notice": {
			assumed("cis-charter-1993", "MD", cistreaty.WithdrawalNotice, "2026-12-01", ""),
		},
		"deposit under a partial treaty": {
			assumed("economic-union-1993", "TM", cistreaty.Deposit, "1995-01-01", ""),
		},
		// Art. 34 counts three deposits; the Treaty's participation is
		// partial, so the dates it gives are bounds. KZ's deposit is known
		// only to a month, so the worlds differ on which deposit is third.
		"deposits counted under a partial treaty": {
			assumed("economic-union-1993", "BY", cistreaty.Deposit, "1994-01-10", ""),
			assumed("economic-union-1993", "RU", cistreaty.Deposit, "1994-02-10", ""),
			{Treaty: "economic-union-1993", Party: "KZ", Kind: cistreaty.Deposit, When: cistreaty.When{Earliest: day("1994-02-01"), Latest: day("1994-02-28")},
				Source: cistreaty.Source{Citation: "assumed", Grade: cistreaty.GradeU}},
			assumed("economic-union-1993", "TM", cistreaty.Deposit, "1995-01-01", ""),
		},
	}
	for _, name := range []string{"record", "suspension towards every party", "suspension towards one party", "withdrawal notice", "deposit under a partial treaty", "deposits counted under a partial treaty"} {
		t.Run(name, func(t *testing.T) {
			e := base
			treaties := base.Treaties()
			if evs := whatIfs[name]; evs != nil {
				var err error
				if e, err = base.With(ctx, evs...); err != nil {
					t.Fatal(err)
				}
				// The treaties the assumed events are under: the others
				// are compared on the record.
				treaties = nil
				for _, ev := range evs {
					treaties = append(treaties, ev.Treaty)
				}
				slices.Sort(treaties)
				treaties = slices.Compact(treaties)
			}
			comparePlainExplained(t, e, treaties)
		})
	}
}

// eventDays are the days before, of and after every event of the treaties.
func eventDays(ds *cistreaty.Dataset, treaties ...string) []cistreaty.Date {
	var out []cistreaty.Date
	add := func(d cistreaty.Date) {
		for _, n := range []int{-1, 0, 1} {
			if x, err := d.AddDays(n); err == nil {
				out = append(out, x)
			}
		}
	}
	for _, id := range treaties {
		if t, ok := ds.Treaty(id); ok {
			add(t.Concluded)
		}
		for _, ev := range ds.EventsOf(id, "") {
			for _, d := range []cistreaty.Date{ev.When.Earliest, ev.When.Latest, ev.Effective} {
				if d.IsValid() {
					add(d)
				}
			}
		}
	}
	for p := range ds.Parties() {
		for _, ev := range ds.EventsOf("", p.ID) {
			if ev.Treaty == "" && ev.When.Earliest.IsValid() {
				add(ev.When.Earliest)
			}
		}
	}
	slices.SortFunc(out, func(a, b cistreaty.Date) int { return a.Compare(b) })
	return slices.Compact(out)
}

func comparePlainExplained(t *testing.T, e *rules.Engine, treaties []string) {
	ctx := context.Background()
	ds := e.Dataset()
	parties := e.Parties()
	explain := func(q rules.Question) *rules.Verdict {
		t.Helper()
		v, err := e.Explain(ctx, q)
		if err != nil {
			t.Fatalf("Explain(%+v): %v", q, err)
		}
		return v
	}
	mismatches := 0
	report := func(format string, args ...any) {
		t.Helper()
		if mismatches++; mismatches <= 20 {
			t.Errorf(format, args...)
		}
	}
	for _, id := range treaties {
		tr, _ := ds.Treaty(id)
		days := eventDays(ds, id)
		for _, p := range parties {
			d, settled, err := e.EntryIntoForce(ctx, id, p)
			if err != nil {
				t.Fatal(err)
			}
			v := explain(rules.Question{Kind: rules.QuestionEIF, Treaty: id, Party: p})
			if settled != v.Determinate || (settled && d != v.Answer.Date) {
				report("%s %s: EntryIntoForce = %s settled %v; Explain = %s determinate %v", id, p, d, settled, v.Answer.Date, v.Determinate)
			}
			for _, on := range days {
				got, err := e.Bound(ctx, id, p, on)
				if err != nil {
					t.Fatal(err)
				}
				if want := explain(rules.Question{Kind: rules.QuestionBound, Treaty: id, Party: p, On: on}).Truth(); got != want {
					report("%s %s on %s: Bound = %v; Explain = %v", id, p, on, got, want)
				}
				// A notice on the day: where the party is not bound, no
				// exit, settled (Explain: null with the reason why, which is
				// never unknown when settled).
				d, settled, err := e.WithdrawalEffective(ctx, id, p, on, cistreaty.Date{})
				if err != nil && !errors.Is(err, rules.ErrInvalidDate) {
					t.Fatal(err)
				}
				if err == nil {
					v := explain(rules.Question{Kind: rules.QuestionWithdrawal, Treaty: id, Party: p, Notice: on})
					if settled != v.Determinate || (settled && d != v.Answer.Date) || (v.Determinate && v.Reason == rules.ReasonUnknown) {
						report("%s %s notice %s: WithdrawalEffective = %s settled %v; Explain = %s determinate %v reason %q", id, p, on, d, settled, v.Answer.Date, v.Determinate, v.Reason)
					}
				}
			}
		}
		for i, p := range parties {
			for _, q := range parties[i+1:] {
				for _, on := range days {
					got, err := e.BoundTowards(ctx, id, p, q, on)
					if err != nil {
						t.Fatal(err)
					}
					if want := explain(rules.Question{Kind: rules.QuestionBound, Treaty: id, Party: p, Towards: q, On: on}).Truth(); got != want {
						report("%s %s towards %s on %s: BoundTowards = %v; Explain = %v", id, p, q, on, got, want)
					}
					for _, o := range tr.Obligations {
						got, err := e.Obliged(ctx, id, o.Article, p, q, on)
						if err != nil {
							t.Fatal(err)
						}
						if want := explain(rules.Question{Kind: rules.QuestionObliged, Treaty: id, Article: o.Article, Party: p, Towards: q, On: on}).Truth(); got != want {
							report("%s Art. %s %s towards %s on %s: Obliged = %v; Explain = %v", id, o.Article, p, q, on, got, want)
						}
					}
				}
				got, err := e.VCLTApplies(ctx, id, p, q)
				if err != nil {
					t.Fatal(err)
				}
				v := explain(rules.Question{Kind: rules.QuestionVCLT, Treaty: id, Party: p, Towards: q})
				want := v.Truth()
				if v.Reason == rules.ReasonNotParty {
					want = rules.False // no treaty between them for the Convention to govern
				}
				if got != want {
					report("%s %s and %s: VCLTApplies = %v; Explain = %v", id, p, q, got, want)
				}
			}
		}
	}
	for o := range ds.Organisations() {
		days := eventDays(ds, o.Constituent...)
		for _, p := range parties {
			if p == o.Party {
				continue
			}
			f, err := e.Founding(ctx, o.Party, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, on := range days {
				s, settled, err := e.Membership(ctx, o.Party, p, on)
				if err != nil {
					t.Fatal(err)
				}
				v := explain(rules.Question{Kind: rules.QuestionStatus, Org: o.Party, Party: p, On: on})
				if settled != v.Determinate || s != v.Answer.Status {
					report("%s %s on %s: Membership = %q settled %v; Explain = %q determinate %v", o.Party, p, on, s, settled, v.Answer.Status, v.Determinate)
				}
				if v.Founding == nil || *v.Founding != f {
					report("%s %s: Founding = %v; Explain = %v", o.Party, p, f, fmt.Sprint(v.Founding))
				}
			}
		}
	}
	if mismatches > 0 {
		t.Errorf("%d plain answers differ from the explained ones", mismatches)
	}
}

// A suspension with no towards (the form -assume gives) suspends the treaty
// between the party and every other party (VCLT Art. 72). The 2011 FTA
// entered into force for Russia and Belarus on 20 Sep 2012.
func TestSuspensionTowardsEveryParty(t *testing.T) {
	ctx := context.Background()
	e, err := cisEngine(t).With(ctx, cistreaty.Event{Treaty: "fta-2011", Party: "RU", Kind: cistreaty.Suspension,
		When: cistreaty.On(day("2015-03-01")), Source: cistreaty.Source{Citation: "assumed", Grade: cistreaty.GradeU}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		a, b, on string
		want     rules.Truth
	}{
		{name: "before the suspension", a: "RU", b: "BY", on: "2015-02-28", want: rules.True},
		{name: "from the suspension", a: "RU", b: "BY", on: "2015-03-01", want: rules.False},
		{name: "from the suspension, the other way", a: "BY", b: "RU", on: "2016-01-01", want: rules.False},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := e.BoundTowards(ctx, "fta-2011", tt.a, tt.b, day(tt.on))
			if err != nil || got != tt.want {
				t.Errorf("BoundTowards = %v, %v; want %v", got, err, tt.want)
			}
			v, err := e.Explain(ctx, rules.Question{Kind: rules.QuestionBound, Treaty: "fta-2011", Party: tt.a, Towards: tt.b, On: day(tt.on)})
			if err != nil || v.Truth() != tt.want {
				t.Errorf("Explain = %v, %v; want %v", v.Truth(), err, tt.want)
			}
		})
	}
}

// The made-up regimes of the project's case files (treaties that the CIS
// dataset lacks: partial participation, counted instruments, parties that
// left and returned) are compared the same way.
func TestPlainAgreesWithExplainedOnCaseFiles(t *testing.T) {
	files, err := verify.LoadFS(os.DirFS("../testdata/cases"), "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cis := map[string]bool{}
	for _, id := range cisEngine(t).Treaties() {
		cis[id] = true
	}
	checked := 0
	for _, f := range files {
		e := f.Engine()
		var own []string
		for _, id := range e.Treaties() {
			if !cis[id] {
				own = append(own, id)
			}
		}
		if len(own) == 0 {
			continue
		}
		checked += len(own)
		t.Run(f.Name(), func(t *testing.T) { comparePlainExplained(t, e, own) })
	}
	if checked == 0 {
		t.Fatal("no case file brings a treaty of its own")
	}
}
