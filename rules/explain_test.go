package rules_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

func explain(t *testing.T, e *rules.Engine, q rules.Question) *rules.Verdict {
	t.Helper()
	v, err := e.Explain(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func ruleIDs(v *rules.Verdict) []string {
	var out []string
	for _, s := range v.Because {
		out = append(out, s.Rule)
	}
	return out
}

func hasFact(v *rules.Verdict, party, kind, date string) bool {
	for _, s := range v.Because {
		for _, f := range s.Facts {
			if f.Party == party && f.Event == kind && f.Date.String() == date {
				return true
			}
		}
	}
	return false
}

func TestExplainCharterEntryIntoForce(t *testing.T) {
	v := explain(t, cisEngine(t), rules.Question{Kind: rules.QuestionBound, Treaty: "cis-charter-1993", Party: "RU", On: day("1994-01-22")})
	if v.Answer.String() != "true" || !v.Determinate {
		t.Fatalf("answer %s determinate %v, want true", v.Answer, v.Determinate)
	}
	if ids := ruleIDs(v); len(ids) == 0 || ids[0] != "cis-charter-1993/art-41" {
		t.Errorf("because %v, want cis-charter-1993/art-41 first", ids)
	}
	// Russia's deposit of 20 Jul 1993 (legal-facts §2.3), not its
	// ratification of 15 Apr 1993, is what Art. 41 counts.
	if !hasFact(v, "RU", "deposit", "1993-07-20") {
		t.Errorf("because %+v lacks RU's deposit of 1993-07-20", v.Because)
	}
	if hasFact(v, "RU", "ratification", "1993-04-15") {
		t.Error("the domestic ratification stands where the clause counts deposits")
	}
	if v.Grade != cistreaty.GradeS {
		t.Errorf("grade %v, want S (deposit dates are secondary)", v.Grade)
	}
}

func TestExplainGeorgiaWithdrawal(t *testing.T) {
	v := explain(t, cisEngine(t), rules.Question{Kind: rules.QuestionStatus, Org: "cis", Party: "GE", On: day("2009-08-18")})
	if v.Answer.String() != "withdrawn" {
		t.Fatalf("answer %s, want withdrawn", v.Answer)
	}
	ids := ruleIDs(v)
	if len(ids) == 0 || ids[0] != "cis-charter-1993/art-9" || !slices.Contains(ids, "notice-plus-months/withdrawal") {
		t.Errorf("because %v, want Art. 9 deciding, with the notice-plus-months clause", ids)
	}
	if !hasFact(v, "GE", "withdrawal-notice", "2008-08-18") {
		t.Errorf("because lacks Georgia's notice of 2008-08-18: %+v", v.Because)
	}
	if v.Founding == nil || *v.Founding != rules.False {
		t.Errorf("founding %v, want false (accession under Art. 7(3))", v.Founding)
	}
}

func TestExplainMoldovaOpen(t *testing.T) {
	e := cisEngine(t)
	v := explain(t, e, rules.Question{Kind: rules.QuestionStatus, Org: "cis", Party: "MD", On: day("2027-06-01")})
	if !v.Answer.IsNull() || v.Determinate || v.Reason != rules.ReasonUnknown {
		t.Fatalf("answer %s determinate %v reason %q, want null, false, unknown", v.Answer, v.Determinate, v.Reason)
	}
	if len(v.Open) != 1 || v.Open[0].Party != "MD" || v.Open[0].Event != "withdrawal-notice" || v.Open[0].Earliest.String() != "2026-03-20" {
		t.Errorf("open %+v, want Moldova's expected notice (earliest 2026-03-20)", v.Open)
	}
	if v.Founding == nil || *v.Founding != rules.Indeterminate {
		t.Errorf("founding %v, want indeterminate: Moldova ratified the Agreement after 22 Jan 1993", v.Founding)
	}
	v = explain(t, e, rules.Question{Kind: rules.QuestionStatus, Org: "cis", Party: "MD", On: day("2026-12-01")})
	if v.Answer.String() != "member-state" || !v.Determinate {
		t.Errorf("MD on 2026-12-01: %s determinate %v, want member-state (no notice can take effect before 2027-03-20)", v.Answer, v.Determinate)
	}
	if len(v.Notes) == 0 {
		t.Error("an answer after the record date must say that it assumes no further events")
	}
}

func TestExplainUkraineContext(t *testing.T) {
	v := explain(t, cisEngine(t), rules.Question{Kind: rules.QuestionStatus, Org: "cis", Party: "UA", On: day("2020-01-01")})
	if v.Answer.String() != "participant" || v.Founding == nil || *v.Founding != rules.True {
		t.Fatalf("UA: %s founding %v, want participant, founding true", v.Answer, v.Founding)
	}
	if !slices.ContainsFunc(v.Notes, func(n string) bool { return strings.Contains(n, "2018") }) {
		t.Errorf("notes %q do not mention the 2018 decree as context", v.Notes)
	}
}

func TestExplainEntryIntoForce(t *testing.T) {
	e := cisEngine(t)
	cases := []struct {
		treaty, party, want string
		why                 string
	}{
		{"vclt-1969", "MD", "1993-02-25", "Moldova's register: in force from 25 Feb 1993"},
		{"vclt-1969", "AM", "2005-06-16", "deposit 17 May 2005 + 30 days"},
		{"vclt-1969", "", "1980-01-27", "the Convention's general entry into force (UNTS)"},
		{"cis-charter-1993", "", "1994-01-22", "Art. 41: one year after adoption"},
		{"economic-union-1993", "AM", "1994-07-26", "ARLIS (P)"},
		{"fta-2011", "RU", "2012-09-20", "CIS Executive Committee via ITAR-TASS"},
		{"fta-2011", "AM", "2012-10-17", "topgorod.com (S)"},
		{"services-fta-2023", "AM", "2024-11-13", "notification 14 Oct 2024 + 30 days"},
		{"cst-extension-1999", "", "2000-03-22", "2010 Protocol recital"},
	}
	for _, c := range cases {
		v := explain(t, e, rules.Question{Kind: rules.QuestionEIF, Treaty: c.treaty, Party: c.party})
		if v.Answer.String() != c.want || !v.Determinate {
			t.Errorf("eif %s %s = %s (determinate %v), want %s (%s)", c.treaty, c.party, v.Answer, v.Determinate, c.want, c.why)
		}
	}
	// Azerbaijan's accession to the VCLT is known only to lie between mid-2016
	// and 2025: the answer is a range, not a guess.
	v := explain(t, e, rules.Question{Kind: rules.QuestionEIF, Treaty: "vclt-1969", Party: "AZ"})
	if !v.Answer.IsNull() || v.Determinate || v.Range == nil || v.Range.Earliest.String() != "2016-08-28" || v.Range.Latest.String() != "2026-01-30" {
		t.Errorf("eif vclt AZ = %s range %+v, want null with range 2016-08-28..2026-01-30 (accession 2016-07-29..2025-12-31 + 30 days)", v.Answer, v.Range)
	}
	// Kazakhstan's entry into force under the 2011 FTA is a U-graded range.
	v = explain(t, e, rules.Question{Kind: rules.QuestionEIF, Treaty: "fta-2011", Party: "KZ"})
	if v.Determinate || v.Grade != cistreaty.GradeU {
		t.Errorf("eif fta-2011 KZ: determinate %v grade %v, want indeterminate, U", v.Determinate, v.Grade)
	}
}

func TestExplainUnknownClause(t *testing.T) {
	// The Economic Union Treaty's withdrawal provision is not in the record: a
	// hypothetical notice by Moldova, bound since 10 May 1994, gives no date.
	v := explain(t, cisEngine(t), rules.Question{Kind: rules.QuestionWithdrawal, Treaty: "economic-union-1993", Party: "MD", Notice: day("2020-01-01")})
	if !v.Answer.IsNull() || v.Determinate || v.Reason != rules.ReasonUnknown {
		t.Errorf("withdrawal economic-union-1993 = %s determinate %v reason %q, want null, false, unknown", v.Answer, v.Determinate, v.Reason)
	}
}

func TestObliged(t *testing.T) {
	e := cisEngine(t)
	cases := []struct {
		treaty, article, p, q, on string
		want                      rules.Truth
		why                       string
	}{
		{"cst-1992", "4", "KZ", "BY", "1995-01-01", rules.True, "both bound from 20 Apr 1994"},
		{"cst-1992", "4", "AZ", "BY", "1999-04-20", rules.True, "last day of the initial term"},
		{"cst-1992", "4", "AZ", "BY", "1999-04-21", rules.False, "AZ did not extend"},
		{"cst-1992", "4", "KZ", "TM", "1995-01-01", rules.False, "Turkmenistan was never a party"},
		{"fta-2011", "2(1)", "RU", "BY", "2012-09-20", rules.True, "in force for both on 20 Sep 2012"},
		{"fta-2011", "2(1)", "RU", "BY", "2012-09-19", rules.False, "not yet in force"},
		{"fta-2011", "2(1)", "RU", "UA", "2016-01-01", rules.False, "suspended by Russia from 1 Jan 2016"},
		{"fta-2011", "2(1)", "RU", "UA", "2015-12-31", rules.True, "before the suspension"},
	}
	for _, c := range cases {
		got, err := e.Obliged(context.Background(), c.treaty, c.article, c.p, c.q, day(c.on))
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("Obliged(%s art %s, %s → %s, %s) = %v, want %v (%s)", c.treaty, c.article, c.p, c.q, c.on, got, c.want, c.why)
		}
		v := explain(t, e, rules.Question{Kind: rules.QuestionObliged, Treaty: c.treaty, Article: c.article, Party: c.p, Towards: c.q, On: day(c.on)})
		if v.Truth() != got {
			t.Errorf("Explain obliged %s %s %s %s = %v, lookup %v", c.treaty, c.p, c.q, c.on, v.Truth(), got)
		}
	}
}

func TestUnknownIDsNameClosest(t *testing.T) {
	e := cisEngine(t)
	_, err := e.Bound(context.Background(), "cis-charter-1994", "RU", day("2000-01-01"))
	if err == nil || !strings.Contains(err.Error(), "cis-charter-1993") {
		t.Errorf("unknown treaty: %v, want the closest ID named", err)
	}
	_, err = e.Bound(context.Background(), "cis-charter-1993", "RX", day("2000-01-01"))
	if err == nil || !strings.Contains(err.Error(), "RU") {
		t.Errorf("unknown party: %v, want RU named", err)
	}
	if _, err := e.Bound(context.Background(), "cis-charter-1993", "RU", cistreaty.Date{}); err == nil {
		t.Error("a zero date must be an error")
	}
	if _, err := e.BoundTowards(context.Background(), "fta-2011", "RU", "RU", day("2016-01-01")); err == nil {
		t.Error("a party towards itself must be an error")
	}
}

func TestPeriods(t *testing.T) {
	e := cisEngine(t)
	ps, err := e.Periods(context.Background(), "cis-charter-1993", "GE", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].From.String() != "1994-04-19" || ps[0].To.String() != "2009-08-17" {
		t.Errorf("Georgia's Charter periods %+v, want 1994-04-19..2009-08-17", ps)
	}
	ps, err = e.Periods(context.Background(), "fta-2011", "RU", "UA")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].From.String() != "2012-09-20" || ps[0].To.String() != "2015-12-31" {
		t.Errorf("RU-UA FTA periods %+v, want 2012-09-20..2015-12-31", ps)
	}
}

func TestWithdrawalEffectivePlain(t *testing.T) {
	e := cisEngine(t)
	cases := []struct {
		treaty, notice, named, want string
		settled                     bool
		why                         string
	}{
		{"cis-charter-1993", "2026-04-15", "", "2027-04-15", true, "Charter Art. 9: 12 months"},
		{"cis-charter-1993", "2024-02-29", "", "2025-02-28", true, "no 29 Feb 2025: the month's last day"},
		{"cis-charter-1993", "2026-04-15", "2027-06-01", "2027-06-01", true, "a later named day"},
		{"cst-1992", "2020-01-01", "", "2020-01-01", false, "the withdrawal clause (Art. 11, part two) is not in the record"},
		{"fta-2011", "2020-01-01", "", "2021-01-01", true, "2011 FTA Art. 25(1): twelve months"},
		{"vclt-1969", "2020-01-01", "", "2021-01-01", false, "the VCLT is silent: Art. 56, at least 12 months, if at all"},
	}
	for _, c := range cases {
		named := cistreaty.Date{}
		if c.named != "" {
			named = day(c.named)
		}
		d, settled, err := e.WithdrawalEffective(context.Background(), c.treaty, "RU", day(c.notice), named)
		if err != nil {
			t.Fatal(err)
		}
		if d.String() != c.want || settled != c.settled {
			t.Errorf("WithdrawalEffective(%s, %s, %s) = %s settled %v, want %s settled %v (%s)", c.treaty, c.notice, c.named, d, settled, c.want, c.settled, c.why)
		}
	}
	if _, _, err := e.WithdrawalEffective(context.Background(), "cis-charter-1993", "RU", day("2026-04-15"), day("2026-01-01")); err == nil {
		t.Error("a named day before the notice must be an error")
	}
}
