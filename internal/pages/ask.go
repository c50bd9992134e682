package pages

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/ask"
	"github.com/pacta-law/pacta/rules"
)

// askPage is the form and, once a question was asked, its answer.
type askPage struct {
	layout
	Questions []questionOption
	Fields    []field
	Treaties  []option
	Parties   []option
	Answer    *answer
	// Assume is the what-if events, one a line.
	Assume        string
	AssumeInvalid bool
}

// maxAssumed bounds the what-if events of one question.
const maxAssumed = 100

// assumeLines splits the what-if box into its events, without blank lines;
// past maxAssumed lines the rest is one more line, which fails to parse
// rather than being dropped silently.
func assumeLines(s string) []string {
	var out []string
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	if len(out) > maxAssumed {
		out = append(out[:maxAssumed], "(more than 100 what-if events)")
	}
	return out
}

type questionOption struct {
	Kind, Synopsis, Usage string
	Selected              bool
}

// field is one input of the form: every input any question takes, with the
// questions that take it (the script shows only those of the chosen one).
type field struct {
	Name, Doc, Value, List, Type, Placeholder string
	Questions                                 string // space-separated kinds
	Required                                  string // kinds that require it
	Invalid                                   bool
}

type option struct{ ID, Name string }

// ask serves GET /: the form, and the answer when the query names a
// question.
func (p *Pages) ask(w http.ResponseWriter, r *http.Request) {
	ds := p.eng.Dataset()
	q := r.URL.Query()
	kind := q.Get("question")
	page := askPage{layout: layout{Title: "Ask", Nav: "ask", Dataset: p.dataset()}}
	if kind == "" {
		kind = string(rules.QuestionBound)
	}
	for _, s := range rules.Questions() {
		page.Questions = append(page.Questions, questionOption{
			Kind: string(s.Kind), Synopsis: s.Synopsis, Usage: s.Usage(), Selected: string(s.Kind) == kind,
		})
	}
	for _, id := range p.eng.Treaties() {
		t, _ := ds.Treaty(id)
		page.Treaties = append(page.Treaties, option{id, t.Title})
	}
	for pt := range ds.Parties() {
		page.Parties = append(page.Parties, option{pt.ID, pt.Name})
	}
	page.Fields = fields(q)
	page.Assume = strings.Join(q["assume"], "\n")
	if !q.Has("question") {
		p.render(w, http.StatusOK, "ask.html", page)
		return
	}
	question, err := p.question(q)
	var assumed []cistreaty.Event
	if err == nil {
		// What-if events, one PARTY:EVENT:DATE[:TREATY] a line, as -assume
		// takes them.
		assumed, err = ask.ParseAssumes(p.eng, assumeLines(page.Assume), question.Treaty, ask.FromRequest)
	}
	if err == nil {
		ctx, cancel := p.context(r)
		defer cancel()
		var a *ask.Answer
		a, err = ask.Explain(ctx, p.eng, question, assumed, ask.FromRequest)
		if err == nil {
			page.Answer = newAnswer(a)
			page.Title = page.Answer.Headline
			p.render(w, http.StatusOK, "ask.html", page)
			return
		}
		if ask.IsRuleFailure(err) {
			page.Error = &pageError{Message: "a rule failed while answering: " + err.Error()}
			page.Title = "A rule failed"
			p.render(w, http.StatusUnprocessableEntity, "ask.html", page)
			return
		}
	}
	page.Error = p.inputError("", err)
	page.Error.retry("/", q)
	for i := range page.Fields {
		page.Fields[i].Invalid = page.Fields[i].Name == page.Error.Field
	}
	page.AssumeInvalid = page.Error.Field == "assume"
	page.Title = "Bad input"
	p.render(w, http.StatusBadRequest, "ask.html", page)
}

// fields lists every input of every question, in the answer's order, with
// the values given in the query.
func fields(q url.Values) []field {
	var out []field
	for _, name := range rules.InputNames() {
		f := field{Name: name, Value: q.Get(name)}
		var takes, requires []string
		for _, s := range rules.Questions() {
			in, ok := s.Input(name)
			if !ok {
				continue
			}
			takes = append(takes, string(s.Kind))
			if in.Required && in.Default == "" {
				requires = append(requires, string(s.Kind))
			}
			if f.Doc == "" {
				f.Doc = strings.ReplaceAll(in.Doc, "`", "")
				f.Placeholder = in.Default
				switch in.Type {
				case rules.InputTreaty:
					f.List = "treaties"
				case rules.InputParty, rules.InputOrg:
					f.List = "parties"
				case rules.InputDate:
					f.Type, f.Placeholder = "date", "YYYY-MM-DD"
				}
			}
		}
		f.Questions, f.Required = strings.Join(takes, " "), strings.Join(requires, " ")
		out = append(out, f)
	}
	return out
}

// question reads a question from the query, as the service reads its
// query parameters (internal/ask): its kind, and the inputs it takes —
// inputs of other questions, which the form also sends, are left out. A
// date asked about that is left empty is today, as in the CLI.
func (p *Pages) question(q url.Values) (rules.Question, error) {
	kind := rules.QuestionKind(q.Get("question"))
	spec, ok := rules.QuestionFor(kind)
	if !ok {
		msg := fmt.Sprintf("unknown question %q", kind)
		if near := cistreaty.Closest(string(kind), rules.QuestionKinds(), 1); len(near) > 0 {
			msg += fmt.Sprintf(" (closest known: %s)", near[0])
		}
		return rules.Question{}, &ask.Error{Field: "question", Err: errors.New(msg)}
	}
	get := func(name string) string { return strings.TrimSpace(q.Get(name)) }
	return ask.Question(p.eng, spec, get, p.today())
}
