package rules_test

import (
	"bytes"
	"context"
	"encoding/json"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// referenceJSON is the answer object as encoding/json writes it from the
// contract's field list (DESIGN §6): the oracle for the one-pass writer.
func referenceJSON(t *testing.T, v *rules.Verdict) []byte {
	t.Helper()
	type out struct {
		Question    rules.QuestionKind `json:"question"`
		Inputs      rules.Inputs       `json:"inputs"`
		Answer      rules.Value        `json:"answer"`
		Reason      string             `json:"reason,omitempty"`
		Determinate bool               `json:"determinate"`
		Range       *rules.Range       `json:"range,omitempty"`
		Grade       cistreaty.Grade    `json:"grade"`
		Dataset     rules.DatasetInfo  `json:"dataset"`
		Because     []rules.Step       `json:"because"`
		Open        []rules.Open       `json:"open"`
		Founding    json.RawMessage    `json:"founding,omitempty"`
		Periods     *[]rules.Period    `json:"periods,omitempty"`
		Notes       []string           `json:"notes,omitempty"`
	}
	o := out{Question: v.Question, Inputs: v.Inputs, Answer: v.Answer, Reason: v.Reason,
		Determinate: v.Determinate, Range: v.Range, Grade: v.Grade, Dataset: v.Dataset,
		Open: append([]rules.Open{}, v.Open...), Notes: v.Notes}
	o.Because = []rules.Step{}
	for _, s := range v.Because {
		s.Facts = append([]rules.Fact{}, s.Facts...)
		o.Because = append(o.Because, s)
	}
	if v.Founding != nil {
		o.Founding = json.RawMessage(map[rules.Truth]string{rules.True: "true", rules.False: "false"}[*v.Founding])
		if len(o.Founding) == 0 {
			o.Founding = json.RawMessage("null")
		}
	}
	if v.Question == rules.QuestionEIF {
		p := append([]rules.Period{}, v.Periods...)
		o.Periods = &p
	}
	b, err := json.Marshal(o)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// verdictsForJSON explains every kind of question over the CIS record, with
// and without a what-if, determinate and not.
func verdictsForJSON(t *testing.T) []*rules.Verdict {
	t.Helper()
	base := cisEngine(t)
	whatIf, err := base.With(context.Background(), cistreaty.Event{Treaty: "cis-charter-1993", Party: "MD", Kind: cistreaty.WithdrawalNotice,
		When: cistreaty.On(day("2026-12-01")), Source: cistreaty.Source{Citation: "assumed <test> & \"quoted\"", Grade: cistreaty.GradeU}})
	if err != nil {
		t.Fatal(err)
	}
	var qs []rules.Question
	for _, tr := range []string{"cis-charter-1993", "fta-2011", "cst-1992", "vclt-1969"} {
		qs = append(qs, rules.Question{Kind: rules.QuestionEIF, Treaty: tr})
		for _, p := range []string{"RU", "MD", "GE", "UA", "AZ", "TM"} {
			qs = append(qs,
				rules.Question{Kind: rules.QuestionEIF, Treaty: tr, Party: p},
				rules.Question{Kind: rules.QuestionBound, Treaty: tr, Party: p, On: day("1994-01-22")},
				rules.Question{Kind: rules.QuestionBound, Treaty: tr, Party: p, On: day("2027-06-01")},
				rules.Question{Kind: rules.QuestionBound, Treaty: tr, Party: p, Towards: "KZ", On: day("2016-01-01")},
				rules.Question{Kind: rules.QuestionWithdrawal, Treaty: tr, Party: p, Notice: day("2026-12-01")},
				rules.Question{Kind: rules.QuestionVCLT, Treaty: tr, Party: p, Towards: "KZ"},
				rules.Question{Kind: rules.QuestionStatus, Org: "cis", Party: p, On: day("2009-08-18")},
			)
		}
	}
	qs = append(qs, rules.Question{Kind: rules.QuestionObliged, Treaty: "cst-1992", Article: "4", Party: "KZ", Towards: "BY", On: day("2000-01-01")})
	var out []*rules.Verdict
	for _, e := range []*rules.Engine{base, whatIf} {
		for _, q := range qs {
			v, err := e.Explain(context.Background(), q)
			if err != nil {
				t.Fatalf("%+v: %v", q, err)
			}
			out = append(out, v)
		}
	}
	return out
}

func TestVerdictJSONMatchesReference(t *testing.T) {
	vs := verdictsForJSON(t)
	seen := map[string]bool{}
	for _, v := range vs {
		got, err := v.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if want := referenceJSON(t, v); !bytes.Equal(want, got) {
			t.Errorf("%s %+v (-want +got):\n%s", v.Question, v.Inputs, cmp.Diff(string(want), string(got)))
		}
		seen[v.Answer.String()+"/"+v.Reason] = true
	}
	// The set covers true, false, dates, statuses and null with reasons.
	for _, k := range []string{"true/", "false/", "null/unknown", "null/not-party"} {
		if !seen[k] {
			t.Errorf("no verdict answered %s; seen %v", k, seen)
		}
	}
}

// Every text is escaped as encoding/json escapes it.
func TestVerdictJSONEscapes(t *testing.T) {
	texts := []string{"", "plain", `"quoted" \ back`, "<b>&amp;</b>", "tab\tnew\nline\rcr\bbs\fff", "\x00\x01\x1f\x7f",
		"Устав СНГ, ст. 41", "\u2028\u2029", "bad \xff utf-8 \xe2\x82", "emoji 😀"}
	v := &rules.Verdict{Question: rules.QuestionBound, Grade: cistreaty.GradeS,
		Dataset: rules.DatasetInfo{Name: "x", Version: "1", RecordAsOf: day("2026-01-01")}, Notes: texts,
		Because: []rules.Step{{Rule: "r", Cites: texts[3], Says: texts[4], Value: texts[8]}}}
	got, err := v.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if want := referenceJSON(t, v); !bytes.Equal(want, got) {
		t.Errorf("(-want +got):\n%s", cmp.Diff(string(want), string(got)))
	}
}

// A zero record date is refused, as cistreaty.Date refuses it.
func TestVerdictJSONZeroDate(t *testing.T) {
	v := &rules.Verdict{Question: rules.QuestionBound}
	if _, err := v.MarshalJSON(); err == nil {
		t.Error("MarshalJSON with a zero record date: no error")
	}
}

// Marshalling reads the verdict only: several goroutines marshal one
// verdict (run under -race), and steps without facts keep nil facts.
func TestVerdictJSONConcurrent(t *testing.T) {
	v := explain(t, cisEngine(t), rules.Question{Kind: rules.QuestionObliged, Treaty: "cst-1992", Article: "4", Party: "KZ", Towards: "BY", On: day("2000-01-01")})
	nilFacts := 0
	for _, s := range v.Because {
		if s.Facts == nil {
			nilFacts++
		}
	}
	if nilFacts == 0 {
		t.Fatal("no step without facts: the test would prove nothing")
	}
	want, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Go(func() {
			for range 20 {
				got, err := json.Marshal(v)
				if err != nil || !bytes.Equal(got, want) {
					errs <- string(got)
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for s := range errs {
		t.Errorf("a concurrent marshal gave %s", s)
	}
	after := 0
	for _, s := range v.Because {
		if s.Facts == nil {
			after++
		}
	}
	if after != nilFacts {
		t.Errorf("steps with nil facts: %d before marshalling, %d after", nilFacts, after)
	}
}
