package rules_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pacta-law/pacta/rules"
)

// The synopses are the CLI contract's (DESIGN §6).
func TestQuestionsUsage(t *testing.T) {
	want := map[rules.QuestionKind]string{
		rules.QuestionBound:      "-treaty T -party P -on D [-towards Q]",
		rules.QuestionEIF:        "-treaty T [-party P]",
		rules.QuestionWithdrawal: "-treaty T -party P -notice D [-effective D2]",
		rules.QuestionVCLT:       "-treaty T -party P -towards Q",
		rules.QuestionStatus:     "-party P -on D [-org cis]",
		rules.QuestionObliged:    "-treaty T -article A -party P -towards Q -on D",
	}
	got := map[rules.QuestionKind]string{}
	for _, s := range rules.Questions() {
		if _, dup := got[s.Kind]; dup {
			t.Errorf("question %s listed twice", s.Kind)
		}
		got[s.Kind] = s.Usage()
		if s.Synopsis == "" || s.Answer == "" {
			t.Errorf("question %s: synopsis %q, answer %q; want both", s.Kind, s.Synopsis, s.Answer)
		}
		for _, in := range s.Inputs {
			if in.Doc == "" || in.Meta == "" || in.Type == 0 {
				t.Errorf("question %s, input %s: doc %q, meta %q, type %v; want all", s.Kind, in.Name, in.Doc, in.Meta, in.Type)
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("usage (-want +got):\n%s", diff)
	}
	if _, ok := rules.QuestionFor("bond"); ok {
		t.Error(`QuestionFor("bond") found a question`)
	}
}

// Explain names the input it refuses: one the question needs and lacks, one
// it does not take, one the dataset lacks.
func TestExplainInputError(t *testing.T) {
	e := cisEngine(t)
	tests := []struct {
		name  string
		q     rules.Question
		field string
		is    error
	}{
		{"missing treaty", rules.Question{Kind: rules.QuestionBound, Party: "RU", On: day("2000-01-01")}, "treaty", nil},
		{"missing date", rules.Question{Kind: rules.QuestionBound, Treaty: "cis-charter-1993", Party: "RU"}, "on", rules.ErrInvalidDate},
		{"input not taken", rules.Question{Kind: rules.QuestionEIF, Treaty: "cis-charter-1993", On: day("2000-01-01")}, "on", nil},
		{"unknown towards", rules.Question{Kind: rules.QuestionVCLT, Treaty: "cis-charter-1993", Party: "RU", Towards: "XX"}, "towards", rules.ErrUnknownParty},
		{"same party", rules.Question{Kind: rules.QuestionVCLT, Treaty: "cis-charter-1993", Party: "RU", Towards: "RU"}, "towards", rules.ErrSameParty},
		{"unknown article", rules.Question{Kind: rules.QuestionObliged, Treaty: "cst-1992", Article: "99", Party: "KZ", Towards: "BY", On: day("2000-01-01")}, "article", rules.ErrUnknownArticle},
		{"unknown org", rules.Question{Kind: rules.QuestionStatus, Org: "nato", Party: "RU", On: day("2000-01-01")}, "org", rules.ErrUnknownOrganisation},
		{"effective before notice", rules.Question{Kind: rules.QuestionWithdrawal, Treaty: "cis-charter-1993", Party: "MD", Notice: day("2020-01-01"), Effective: day("2019-01-01")}, "effective", rules.ErrInvalidDate},
		{"unknown question", rules.Question{Kind: "bond"}, "question", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := e.Explain(context.Background(), tt.q)
			var ie *rules.InputError
			if !errors.As(err, &ie) {
				t.Fatalf("Explain: error %v; want an *InputError", err)
			}
			if ie.Field != tt.field {
				t.Errorf("field %q; want %q (error %v)", ie.Field, tt.field, err)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.is)
			}
		})
	}
}
