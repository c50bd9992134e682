package pages

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/pacta-law/pacta/internal/ask"
	"github.com/pacta-law/pacta/rules"
)

// answer is an explained answer laid out as the CLI's text lays it out for
// a lawyer: the answer and what it means, what was asked about, the rules
// that decided it with their articles, texts and facts, what would settle
// it, notes, and the dataset — with the sources as links.
type answer struct {
	Value       string // "true", "1994-01-22", a status, "null"
	Headline    string // the CLI's first line
	Determinate bool
	Question    string
	Head        []headLine // what was asked about, assumed, the range…
	Steps       []step
	Open        []string
	Notes       []string
	Dataset     string
	CLI         string // the same question as a cis command line
	JSON        string // the same question at the service's JSON API
	Text        string // the CLI's text answer, whole
}

type step struct {
	Depth    int
	Rule     string
	Cites    string
	URL      string // where the rule's text was read
	Fallback bool
	Says     string
	Lang     string
	LangName string // "Russian", for the label of an original that is not English
	SaysEN   string
	Reading  string
	Value    string
	Facts    []fact
}

type fact struct {
	When, Subject, Treaty, Source, URL, Grade string
	Assumed                                   bool
}

func newAnswer(a *ask.Answer) *answer {
	v, text := a.Verdict, string(a.Text())
	out := &answer{
		Value:       v.Answer.String(),
		Determinate: v.Determinate,
		Question:    string(v.Question),
		Notes:       v.Notes,
		Dataset:     ask.DatasetLine(a.Dataset, v.Grade.String()),
		Text:        text,
	}
	out.Headline, out.Head = headBlock(text)
	for _, st := range v.Because {
		s := step{Depth: st.Depth, Rule: st.Rule, Cites: st.Cites, URL: safeURL(st.Source.URL), Fallback: st.Fallback,
			Says: strings.TrimSpace(st.Says), Lang: st.Lang, LangName: ask.LanguageName(st.Lang), SaysEN: strings.TrimSpace(st.SaysEN),
			Reading: strings.TrimSpace(st.Reading), Value: st.Value}
		if s.Cites == "" {
			s.Cites = st.Rule
		}
		for _, f := range st.Facts {
			when := f.Date.String()
			if !f.Date.IsValid() {
				when = ask.Span(f.Earliest, f.Latest, f.Expected)
			}
			s.Facts = append(s.Facts, fact{
				When: when, Subject: ask.EventSubject(f.Party, f.Event), Treaty: f.Treaty,
				Source: f.Source, URL: safeURL(f.URL), Grade: f.Grade.String(), Assumed: f.Assumed,
			})
		}
		out.Steps = append(out.Steps, s)
	}
	for _, o := range v.Open {
		out.Open = append(out.Open, fmt.Sprintf("%s %s (%s) — %s",
			ask.Span(o.Earliest, o.Latest, false), ask.EventSubject(o.Party, o.Event), o.Treaty, o.Why))
	}
	out.CLI, out.JSON = commandLine(v), apiPath(v)
	return out
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

// headBlock reads the first block of the CLI's text answer — the answer's
// line, then what was asked about, what was assumed, the range, the
// founding status and the periods in force — into its headline and its
// lines, each with the items listed under it. A line the text wrapped is
// joined again.
func headBlock(text string) (headline string, lines []headLine) {
	block, _, _ := strings.Cut(text, "\n\n")
	for i, l := range strings.Split(block, "\n") {
		switch {
		case i == 0:
			headline = l
		case strings.HasPrefix(l, "  - ") && len(lines) > 0:
			last := &lines[len(lines)-1]
			last.Items = append(last.Items, strings.TrimPrefix(l, "  - "))
		case strings.HasPrefix(l, "  ") && len(lines) > 0:
			last := &lines[len(lines)-1]
			if n := len(last.Items); n > 0 {
				last.Items[n-1] += " " + strings.TrimSpace(l)
			} else {
				last.Text += " " + strings.TrimSpace(l)
			}
		default:
			lines = append(lines, headLine{Text: l})
		}
	}
	return headline, lines
}

// headLine is one line of the answer's first block, with the items listed
// under it ("In force:" and its periods).
type headLine struct {
	Text  string
	Items []string
}
