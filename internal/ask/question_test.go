package ask

import (
	"context"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

func TestQuestion(t *testing.T) {
	eng, err := NewEngine(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	today := cistreaty.MustParseDate("2026-12-01")
	tests := []struct {
		name    string
		kind    rules.QuestionKind
		in      map[string]string
		want    rules.Question
		field   string // of the error; "" for none
		closest string // one of the closest known IDs the error names
	}{
		{"README question", rules.QuestionBound, map[string]string{"treaty": "cis-charter-1993", "party": "ru", "on": "1994-01-22"},
			rules.Question{Kind: rules.QuestionBound, Treaty: "cis-charter-1993", Party: "RU", On: cistreaty.MustParseDate("1994-01-22")}, "", ""},
		{"on defaults to today", rules.QuestionStatus, map[string]string{"party": "GE"},
			rules.Question{Kind: rules.QuestionStatus, Party: "GE", Org: "cis", On: today}, "", ""},
		{"missing treaty", rules.QuestionBound, map[string]string{"party": "RU"}, rules.Question{}, "treaty", ""},
		{"missing notice", rules.QuestionWithdrawal, map[string]string{"treaty": "cis-charter-1993", "party": "MD"}, rules.Question{}, "notice", ""},
		{"impossible date", rules.QuestionBound, map[string]string{"treaty": "cis-charter-1993", "party": "RU", "on": "2024-02-30"}, rules.Question{}, "on", ""},
		{"unknown treaty", rules.QuestionBound, map[string]string{"treaty": "cis-charter-1992", "party": "RU"}, rules.Question{}, "treaty", "cis-charter-1993"},
		{"unknown towards", rules.QuestionVCLT, map[string]string{"treaty": "cis-charter-1993", "party": "RU", "towards": "KY"}, rules.Question{}, "towards", "KG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec, _ := rules.QuestionFor(tt.kind)
			got, err := Question(eng, spec, func(n string) string { return tt.in[n] }, today)
			field, closest := Describe(err)
			if field != tt.field || (err == nil) != (tt.field == "") {
				t.Fatalf("error %v (field %q); want field %q", err, field, tt.field)
			}
			if err != nil {
				if tt.closest != "" && !slices.Contains(closest, tt.closest) {
					t.Errorf("closest %q; want it to name %s", closest, tt.closest)
				}
				return
			}
			if diff := cmp.Diff(tt.want, got, cmp.Comparer(func(a, b cistreaty.Date) bool { return a == b })); diff != "" {
				t.Errorf("question (-want +got):\n%s", diff)
			}
		})
	}
}
