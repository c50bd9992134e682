package pages

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// answer is an explained answer laid out as the CLI's text lays it out for
// a lawyer: the answer and what it means, what was asked about, the rules
// that decided it with their articles, texts and facts, what would settle
// it, notes, and the dataset — with the sources as links.
type answer struct {
	Value        string // "true", "1994-01-22", a status, "null"
	Headline     string // the CLI's first line
	Determinate  bool
	Question     string
	Subject      []string
	Range        string
	Founding     string
	InForce      []string // for an eif question about one party
	NeverInForce bool
	Steps        []step
	Open         []string
	Notes        []string
	Dataset      string
	CLI          string // the same question as a cis command line
	JSON         string // the same question at the service's JSON API
}

type step struct {
	Depth    int
	Rule     string
	Cites    string
	URL      string // where the rule's text was read
	Fallback bool
	Says     string
	Value    string
	Facts    []fact
}

type fact struct {
	When, Subject, Treaty, Source, URL, Grade string
	Assumed                                   bool
}

func newAnswer(ds *cistreaty.Dataset, v *rules.Verdict) *answer {
	a := &answer{
		Value:       v.Answer.String(),
		Headline:    headline(v),
		Determinate: v.Determinate,
		Question:    string(v.Question),
		Subject:     subjectLines(ds, v),
		Notes:       v.Notes,
		Dataset:     datasetLine(ds, v.Grade.String()),
	}
	if r := v.Range; r != nil {
		if r.Latest.IsValid() {
			a.Range = fmt.Sprintf("between %s and %s (the record does not fix the day)", r.Earliest, r.Latest)
		} else {
			a.Range = fmt.Sprintf("not before %s (the record gives no latest day)", r.Earliest)
		}
	}
	if v.Founding != nil {
		a.Founding = "not settled by the record (it supports two readings)"
		switch *v.Founding {
		case rules.True:
			a.Founding = "yes"
		case rules.False:
			a.Founding = "no"
		}
	}
	if v.Question == rules.QuestionEIF && v.Inputs.Party != "" {
		a.NeverInForce = len(v.Periods) == 0
		for _, p := range v.Periods {
			s := "from " + p.From.String()
			if p.To.IsValid() {
				s += " to " + p.To.String()
			}
			if !p.Determinate {
				s += " (bounds not settled by the record)"
			}
			a.InForce = append(a.InForce, s)
		}
	}
	for _, st := range v.Because {
		s := step{Depth: st.Depth, Rule: st.Rule, Cites: st.Cites, URL: safeURL(st.Source.URL), Fallback: st.Fallback,
			Says: strings.TrimSpace(st.Says), Value: st.Value}
		if s.Cites == "" {
			s.Cites = st.Rule
		}
		for _, f := range st.Facts {
			when := f.Date.String()
			if !f.Date.IsValid() {
				when = span(f.Earliest, f.Latest, f.Expected)
			}
			s.Facts = append(s.Facts, fact{
				When: when, Subject: eventSubject(f.Party, f.Event), Treaty: f.Treaty,
				Source: f.Source, URL: safeURL(f.URL), Grade: f.Grade.String(), Assumed: f.Assumed,
			})
		}
		a.Steps = append(a.Steps, s)
	}
	for _, o := range v.Open {
		a.Open = append(a.Open, fmt.Sprintf("%s %s (%s) — %s",
			span(o.Earliest, o.Latest, false), eventSubject(o.Party, o.Event), o.Treaty, o.Why))
	}
	a.CLI, a.JSON = commandLine(v), apiPath(v)
	return a
}

// safeURL keeps a source's address only if it is an http(s) link, so that
// a dataset cannot put a javascript: address on the page.
func safeURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return s
}

// commandLine is the question as the cis command asks it.
func commandLine(v *rules.Verdict) string {
	q := questionOf(v)
	parts := []string{"cis", string(v.Question)}
	for _, name := range rules.InputNames() {
		if s := q.Get(name); s != "" {
			parts = append(parts, "-"+name, s)
		}
	}
	return strings.Join(parts, " ")
}

// apiPath is the question at the service's JSON API.
func apiPath(v *rules.Verdict) string {
	q := questionOf(v)
	vals := url.Values{}
	for _, name := range rules.InputNames() {
		if s := q.Get(name); s != "" {
			vals.Set(name, s)
		}
	}
	return "/v1/" + string(v.Question) + "?" + vals.Encode()
}

func questionOf(v *rules.Verdict) rules.Question {
	in := v.Inputs
	return rules.Question{Kind: v.Question, Treaty: in.Treaty, Article: in.Article, Party: in.Party,
		Towards: in.Towards, Org: in.Org, On: in.On, Notice: in.Notice, Effective: in.Effective}
}

// The words below are the CLI's (examples/cis/text.go), so that the page
// and the command say the same.

// eventSubject is "RU deposit", or the event alone for a treaty-wide one.
func eventSubject(party, event string) string {
	if party == "" {
		return event
	}
	return party + " " + event
}

// span is "earliest..latest", "earliest.." when there is no latest, and
// "expected earliest.." for an event the record expects but has not seen.
func span(earliest, latest cistreaty.Date, expected bool) string {
	s := ""
	if expected {
		s = "expected "
	}
	if earliest.IsValid() {
		s += earliest.String()
	}
	s += ".."
	if latest.IsValid() {
		s += latest.String()
	}
	return s
}

func datasetLine(ds *cistreaty.Dataset, grade string) string {
	s := fmt.Sprintf("Dataset: %s %s, record as of %s", ds.Name(), ds.Version(), ds.RecordAsOf())
	if grade != "" {
		s += "; weakest grade: " + grade
	}
	return s
}

func reasonText(reason string) string {
	switch reason {
	case rules.ReasonNotParty:
		return "the party never consented to be bound"
	case rules.ReasonNotYet:
		return "not in force as of the record date"
	case rules.ReasonEnded:
		return "was in force and no longer is"
	}
	return "not settled by the record"
}

// headline is the answer, then what it means.
func headline(v *rules.Verdict) string {
	in := v.Inputs
	if v.Answer.IsNull() {
		reason := v.Reason
		if reason == "" {
			reason = rules.ReasonUnknown
		}
		return fmt.Sprintf("null (%s: %s) — %s", reasonText(reason), reason, asked(v))
	}
	yes := v.Answer.Bool == nil || *v.Answer.Bool
	not := func(pos, neg string) string {
		if yes {
			return pos
		}
		return neg
	}
	var s string
	switch v.Question {
	case rules.QuestionBound:
		if in.Towards != "" {
			s = fmt.Sprintf("%s %s towards %s by %s on %s", in.Party, not("is bound", "is not bound"), in.Towards, in.Treaty, in.On)
		} else {
			s = fmt.Sprintf("%s %s by %s on %s", in.Party, not("is bound", "is not bound"), in.Treaty, in.On)
		}
	case rules.QuestionEIF:
		if in.Party != "" {
			s = fmt.Sprintf("%s entered into force for %s on %s", in.Treaty, in.Party, v.Answer)
		} else {
			s = fmt.Sprintf("%s entered into force on %s", in.Treaty, v.Answer)
		}
	case rules.QuestionWithdrawal:
		s = fmt.Sprintf("%s's withdrawal from %s takes effect on %s (notice received %s", in.Party, in.Treaty, v.Answer, in.Notice)
		if in.Effective.IsValid() {
			s += fmt.Sprintf(", naming %s", in.Effective)
		}
		s += ")"
	case rules.QuestionVCLT:
		s = fmt.Sprintf("the VCLT %s as treaty law to %s between %s and %s (Art. 4)", not("applies", "does not apply"), in.Treaty, in.Party, in.Towards)
	case rules.QuestionStatus:
		s = fmt.Sprintf("%s's status in %s on %s", in.Party, in.Org, in.On)
	case rules.QuestionObliged:
		s = fmt.Sprintf("%s %s %s the obligation of %s, Art. %s, on %s", in.Party, not("owes", "does not owe"), in.Towards, in.Treaty, in.Article, in.On)
	default:
		s = asked(v)
	}
	return v.Answer.String() + " — " + s
}

// asked restates the question, for an answer the record does not give.
func asked(v *rules.Verdict) string {
	in := v.Inputs
	switch v.Question {
	case rules.QuestionBound:
		if in.Towards != "" {
			return fmt.Sprintf("is %s bound towards %s by %s on %s?", in.Party, in.Towards, in.Treaty, in.On)
		}
		return fmt.Sprintf("is %s bound by %s on %s?", in.Party, in.Treaty, in.On)
	case rules.QuestionEIF:
		if in.Party != "" {
			return fmt.Sprintf("when did %s enter into force for %s?", in.Treaty, in.Party)
		}
		return fmt.Sprintf("when did %s enter into force?", in.Treaty)
	case rules.QuestionWithdrawal:
		return fmt.Sprintf("when does %s's withdrawal from %s take effect on a notice received %s?", in.Party, in.Treaty, in.Notice)
	case rules.QuestionVCLT:
		return fmt.Sprintf("does the VCLT apply as treaty law to %s between %s and %s (Art. 4)?", in.Treaty, in.Party, in.Towards)
	case rules.QuestionStatus:
		return fmt.Sprintf("what is %s's status in %s on %s?", in.Party, in.Org, in.On)
	case rules.QuestionObliged:
		return fmt.Sprintf("does %s owe %s the obligation of %s, Art. %s, on %s?", in.Party, in.Towards, in.Treaty, in.Article, in.On)
	}
	return string(v.Question)
}

// subjectLines name the treaty and the parties asked about, in full.
func subjectLines(ds *cistreaty.Dataset, v *rules.Verdict) []string {
	var out []string
	in := v.Inputs
	if t, ok := ds.Treaty(in.Treaty); ok {
		s := "Treaty: " + t.ID + " — " + t.Title
		var at []string
		if t.Place != "" {
			at = append(at, t.Place)
		}
		if t.Concluded.IsValid() {
			at = append(at, t.Concluded.String())
		}
		if len(at) > 0 {
			s += " (" + strings.Join(at, ", ") + ")"
		}
		out = append(out, s)
	}
	if in.Org != "" {
		out = append(out, "Organisation: "+partyName(ds, in.Org))
	}
	var ps []string
	for _, id := range []string{in.Party, in.Towards} {
		if id != "" {
			ps = append(ps, partyName(ds, id))
		}
	}
	switch len(ps) {
	case 1:
		out = append(out, "Party: "+ps[0])
	case 2:
		out = append(out, "Parties: "+ps[0]+"; "+ps[1])
	}
	return out
}

func partyName(ds *cistreaty.Dataset, id string) string {
	if p, ok := ds.Party(id); ok && p.Name != "" {
		return id + " — " + p.Name
	}
	return id
}
