package rules

import (
	"fmt"
	"github.com/pacta-law/pacta/internal/quote"
	"strings"
	"sync"
)

// InputType is what one input of a question holds.
type InputType uint8

const (
	InputTreaty  InputType = iota + 1 // a treaty's ID
	InputParty                        // a party's ID
	InputOrg                          // an organisation's party ID
	InputArticle                      // the article of one of the treaty's obligations
	InputDate                         // a YYYY-MM-DD date
)

// String names the type as a JSON schema or a usage line would: "id",
// "article" or "date".
func (t InputType) String() string {
	switch t {
	case InputTreaty, InputParty, InputOrg:
		return "id"
	case InputArticle:
		return "article"
	case InputDate:
		return "date"
	}
	return "unknown"
}

// Input is one input of a question, named as the CLI's flag, the service's
// query parameter, the case files' field and the answer's "inputs" key.
type Input struct {
	Name     string
	Type     InputType
	Required bool
	// Default is the value an interface fills in when the input is absent
	// ("cis" for org); empty when there is none.
	Default string
	// Today marks a date that an interface asking about the present may
	// fill in with today's date (UTC); case files must give it.
	Today bool
	// Meta is the input's placeholder in a synopsis: T, P, Q, D.
	Meta string
	// Doc says what the input is, in one phrase; a back-quoted word names
	// its value, as package flag reads it.
	Doc string
}

// QuestionSpec describes one question kind: its name, what it asks, its
// inputs in the order a synopsis lists them, and what its answer is.
type QuestionSpec struct {
	Kind     QuestionKind
	Synopsis string // what it asks, in one line
	Inputs   []Input
	Answer   string // what the answer is, in one line
}

// The inputs, as every question that takes them describes them.
func inTreaty() Input {
	return Input{Name: "treaty", Type: InputTreaty, Required: true, Meta: "T", Doc: "the treaty's `ID` (cis treaties lists them)"}
}
func inParty(required bool) Input {
	return Input{Name: "party", Type: InputParty, Required: required, Meta: "P", Doc: "the party's `ID`: a state code in either case (RU, ru) or an organisation (cis)"}
}
func inTowards(required bool) Input {
	return Input{Name: "towards", Type: InputParty, Required: required, Meta: "Q", Doc: "the other party's `ID`"}
}
func inOn() Input {
	return Input{Name: "on", Type: InputDate, Required: true, Today: true, Meta: "D", Doc: "the `date` asked about, YYYY-MM-DD (default: today, UTC)"}
}

// Questions lists every question the engine answers, in the CLI's order.
// Each call returns a fresh table.
func Questions() []QuestionSpec {
	return []QuestionSpec{
		{Kind: QuestionBound, Synopsis: "is P bound by T (towards Q) on D?",
			Inputs: []Input{inTreaty(), inParty(true), inOn(), inTowards(false)},
			Answer: "true / false / null"},
		{Kind: QuestionEIF, Synopsis: "when did T enter into force (for P)?",
			Inputs: []Input{inTreaty(), inParty(false)},
			Answer: "date / null, plus periods"},
		{Kind: QuestionWithdrawal, Synopsis: "when does P's withdrawal take effect?",
			Inputs: []Input{inTreaty(), inParty(true),
				{Name: "notice", Type: InputDate, Required: true, Meta: "D", Doc: "the `date` the depositary received the withdrawal notice, YYYY-MM-DD"},
				{Name: "effective", Type: InputDate, Meta: "D2", Doc: "a later effective `date` the notice names, YYYY-MM-DD"}},
			Answer: "date the withdrawal takes effect / null"},
		{Kind: QuestionVCLT, Synopsis: "does the VCLT apply to T between P and Q (Art. 4)?",
			Inputs: []Input{inTreaty(), inParty(true), inTowards(true)},
			Answer: "true / false / null (Art. 4; null with not-party where P or Q has no act under T)"},
		{Kind: QuestionStatus, Synopsis: "P's status in the organisation on D",
			Inputs: []Input{inParty(true), inOn(),
				{Name: "org", Type: InputOrg, Required: true, Default: "cis", Meta: "O", Doc: "the organisation's `ID`"}},
			Answer: "status string, plus founding"},
		{Kind: QuestionObliged, Synopsis: "does P owe Q the obligation of Art. A of T on D?",
			Inputs: []Input{inTreaty(),
				{Name: "article", Type: InputArticle, Required: true, Meta: "A", Doc: "the `article` of the obligation, e.g. 4 or 2(1)"},
				inParty(true), inTowards(true), inOn()},
			Answer: "true / false / null"},
	}
}

// QuestionFor returns the description of one question kind.
func QuestionFor(kind QuestionKind) (QuestionSpec, bool) {
	for _, s := range Questions() {
		if s.Kind == kind {
			return s, true
		}
	}
	return QuestionSpec{}, false
}

// QuestionKinds lists the question kinds' names, in the CLI's order.
func QuestionKinds() []string {
	var out []string
	for _, s := range Questions() {
		out = append(out, string(s.Kind))
	}
	return out
}

// Input returns the question's input of that name.
func (s QuestionSpec) Input(name string) (Input, bool) {
	for _, in := range s.Inputs {
		if in.Name == name {
			return in, true
		}
	}
	return Input{}, false
}

// Usage is the question's flags as a synopsis writes them:
// "-treaty T -party P -on D [-towards Q]". An optional input, or one with a
// default, is in brackets (with its default for a placeholder).
func (s QuestionSpec) Usage() string {
	var b strings.Builder
	for i, in := range s.Inputs {
		if i > 0 {
			b.WriteByte(' ')
		}
		switch {
		case in.Default != "":
			fmt.Fprintf(&b, "[-%s %s]", in.Name, in.Default)
		case !in.Required:
			fmt.Fprintf(&b, "[-%s %s]", in.Name, in.Meta)
		default:
			fmt.Fprintf(&b, "-%s %s", in.Name, in.Meta)
		}
	}
	return b.String()
}

// InputNames lists every input name any question takes, in the order of
// the answer's "inputs" object.
func InputNames() []string {
	return []string{"treaty", "article", "party", "towards", "org", "on", "notice", "effective"}
}

// Get returns an input of the question as text: an ID, an article or a
// YYYY-MM-DD date; empty when it is not set.
func (q Question) Get(name string) string {
	switch name {
	case "treaty":
		return q.Treaty
	case "article":
		return q.Article
	case "party":
		return q.Party
	case "towards":
		return q.Towards
	case "org":
		return q.Org
	case "on":
		return dateText(q.On.IsValid(), q.On.String)
	case "notice":
		return dateText(q.Notice.IsValid(), q.Notice.String)
	case "effective":
		return dateText(q.Effective.IsValid(), q.Effective.String)
	}
	return ""
}

// given reports whether an input is set, as Get(name) != "" does, without
// writing dates out.
func (q Question) given(name string) bool {
	switch name {
	case "on":
		return q.On.IsValid()
	case "notice":
		return q.Notice.IsValid()
	case "effective":
		return q.Effective.IsValid()
	}
	return q.Get(name) != ""
}

// questionTable is Questions, built once for the engine's own checks, which
// only read it.
var questionTable = sync.OnceValue(Questions)

// inputNames is InputNames for the engine's own checks, which only read it.
var inputNames = InputNames()

func dateText(ok bool, s func() string) string {
	if !ok {
		return ""
	}
	return s()
}

// InputError is a question's input the engine refuses: missing, not taken
// by the question, or naming something the dataset lacks. Its message is
// the wrapped error's.
type InputError struct {
	Field string // the input's name: "treaty", "towards", …
	Err   error
}

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// checkForm checks a question against its description: a known kind, every
// required input given, no input the question does not take.
func checkForm(q Question) (QuestionSpec, error) {
	var spec QuestionSpec
	ok := false
	for _, s := range questionTable() {
		if s.Kind == q.Kind {
			spec, ok = s, true
			break
		}
	}
	if !ok {
		return spec, &InputError{Field: "question", Err: fmt.Errorf("unknown question %q", quote.Clip(string(q.Kind)))}
	}
	for _, name := range inputNames {
		in, takes := spec.Input(name)
		given := q.given(name)
		switch {
		case takes && in.Required && !given && in.Type == InputDate:
			return spec, &InputError{Field: name, Err: fmt.Errorf("%w: %s is required", ErrInvalidDate, name)}
		case takes && in.Required && !given:
			return spec, &InputError{Field: name, Err: fmt.Errorf("%s is required", name)}
		case !takes && given:
			return spec, &InputError{Field: name, Err: fmt.Errorf("%s question takes no %s", article(q.Kind), name)}
		}
	}
	return spec, nil
}

// article returns the question's name with its article: "a bound", "an eif".
func article(kind QuestionKind) string {
	if s := string(kind); s != "" && strings.ContainsRune("aeiou", rune(s[0])) {
		return "an " + s
	}
	return "a " + string(kind)
}
