package rules_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// No null without a reason: every answer of the CIS dataset that the record
// does not settle says why, by what is open or by a note.
func TestEveryOpenAnswerSaysWhy(t *testing.T) {
	e := cisEngine(t)
	ctx := context.Background()
	days := []string{"1993-06-01", "1999-04-21", "2008-06-01", "2013-07-01", "2027-06-01"}
	var qs []rules.Question
	for _, tr := range e.Treaties() {
		qs = append(qs, rules.Question{Kind: rules.QuestionEIF, Treaty: tr})
		for _, p := range e.Parties() {
			qs = append(qs, rules.Question{Kind: rules.QuestionEIF, Treaty: tr, Party: p})
			for _, d := range days {
				qs = append(qs, rules.Question{Kind: rules.QuestionBound, Treaty: tr, Party: p, On: day(d)})
			}
			if p != "RU" {
				qs = append(qs, rules.Question{Kind: rules.QuestionVCLT, Treaty: tr, Party: "RU", Towards: p})
			}
		}
	}
	for _, p := range e.Parties() {
		for _, d := range days {
			qs = append(qs, rules.Question{Kind: rules.QuestionStatus, Org: "cis", Party: p, On: day(d)})
		}
	}
	open := 0
	for _, q := range qs {
		v, err := e.Explain(ctx, q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		if v.Determinate {
			continue
		}
		open++
		if len(v.Open) == 0 && len(v.Notes) == 0 {
			t.Errorf("%s %s %s %s %s: indeterminate with nothing open and no note", q.Kind, q.Treaty, q.Party, q.Towards, q.On)
		}
	}
	if open == 0 {
		t.Fatal("no open answer was checked")
	}
}

// An assumed fact the answer did not read is named in a note; one it read is
// not. Moldova's assumed notice of 1 Dec 2026 plays no part in Russia's
// standing under the Charter, and decides Moldova's withdrawal.
func TestUnusedAssumptionIsNoted(t *testing.T) {
	ctx := context.Background()
	e, err := cisEngine(t).With(ctx, cistreaty.Event{Treaty: "cis-charter-1993", Party: "MD", Kind: cistreaty.WithdrawalNotice,
		When: cistreaty.On(day("2026-12-01")), Source: cistreaty.Source{Citation: "assumed", Grade: cistreaty.GradeU}})
	if err != nil {
		t.Fatal(err)
	}
	noted := func(v *rules.Verdict) bool {
		for _, n := range v.Notes {
			if strings.Contains(n, "played no part") {
				return true
			}
		}
		return false
	}
	v, err := e.Explain(ctx, rules.Question{Kind: rules.QuestionBound, Treaty: "cis-charter-1993", Party: "RU", On: day("2028-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	if !noted(v) {
		t.Errorf("Russia's answer does not note the unused assumption: %q", v.Notes)
	}
	v, err = e.Explain(ctx, rules.Question{Kind: rules.QuestionBound, Treaty: "cis-charter-1993", Party: "MD", On: day("2028-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	if noted(v) {
		t.Errorf("Moldova's answer reads the assumption but notes it as unused: %q", v.Notes)
	}
}

// Uzbekistan is not a party to the 2011 FTA; the 2013 Protocol applies it
// with Uzbekistan (in force for it 16 May 2014: ru-WP, apn.ru, S). The
// answer names the Protocol rather than leaving "never consented" alone.
func TestNotPartyNamesTheInstrumentThatApplies(t *testing.T) {
	v, err := cisEngine(t).Explain(context.Background(), rules.Question{Kind: rules.QuestionBound, Treaty: "fta-2011", Party: "UZ", On: day("2015-01-01")})
	if err != nil {
		t.Fatal(err)
	}
	if v.Reason != rules.ReasonNotParty && (v.Answer.Bool == nil || *v.Answer.Bool) {
		t.Fatalf("answer %v (%s), want false", v.Answer, v.Reason)
	}
	found := false
	for _, n := range v.Notes {
		found = found || (strings.Contains(n, "fta-2011-uz-protocol") && strings.Contains(n, "it is bound by that instrument on 2015-01-01"))
	}
	if !found {
		t.Errorf("the notes do not name the Protocol: %q", v.Notes)
	}
}
