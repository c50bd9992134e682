// Package ask is how pacta's programs ask the engine a question: it turns
// a question's inputs (the cis command's flags, the service's query
// parameters or JSON body) into a rules.Question, reads what-if events,
// explains the answer and writes it as the CLI's JSON answer object or as
// text for a lawyer to read. The cis command and the service share it, so
// that they answer alike, byte for byte.
package ask

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// Error is bad input: what is wrong, the input it concerns ("" when it
// concerns no one input) and the closest known values.
type Error struct {
	Field   string
	Closest []string
	Err     error
}

func (e *Error) Error() string { return e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Describe returns the input an error concerns and the closest known values
// it names, from an *Error, a *rules.InputError or a *rules.UnknownIDError.
func Describe(err error) (field string, closest []string) {
	var ae *Error
	if errors.As(err, &ae) {
		field, closest = ae.Field, ae.Closest
	}
	var ie *rules.InputError
	if field == "" && errors.As(err, &ie) {
		field = ie.Field
	}
	var uid *rules.UnknownIDError
	if closest == nil && errors.As(err, &uid) {
		closest = uid.Closest
	}
	return field, closest
}

// IsRuleFailure reports an error that no input corrects: a rule failed at
// run time (budget, evaluation) or the context ended.
func IsRuleFailure(err error) bool {
	var re *rules.RuleError
	return errors.As(err, &re) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// Question reads a question's inputs by name (get returns "" for an absent
// input), fills in what is left out (an input's default; today for a date
// asked about), reads a state code given in lower case as the dataset's ID,
// and checks the treaty and parties against the engine's dataset. An input
// the question needs and lacks, a malformed date and an unknown ID are
// *Error values naming the input; an unknown ID's message names the closest
// known IDs (or, with no close one, the known ones).
func Question(eng *rules.Engine, spec rules.QuestionSpec, get func(name string) string, today cistreaty.Date) (rules.Question, error) {
	q := rules.Question{Kind: spec.Kind}
	ds := eng.Dataset()
	for _, in := range spec.Inputs {
		s := get(in.Name)
		if s == "" {
			s = in.Default
		}
		if in.Type == rules.InputDate {
			var d cistreaty.Date
			switch {
			case s != "":
				var err error
				if d, err = cistreaty.ParseDate(s); err != nil {
					return q, &Error{Field: in.Name, Err: fmt.Errorf("%s: %w", in.Name, err)}
				}
			case in.Today:
				d = today
			}
			if !d.IsValid() && in.Required {
				return q, &Error{Field: in.Name, Err: fmt.Errorf("%s is required", in.Name)}
			}
			setDate(&q, in.Name, d)
			continue
		}
		if s == "" && in.Required {
			return q, &Error{Field: in.Name, Err: fmt.Errorf("%s is required", in.Name)}
		}
		if in.Type == rules.InputParty {
			s = PartyID(ds, s)
		}
		setText(&q, in.Name, s)
	}
	if q.Treaty != "" {
		if err := CheckTreaty(eng, q.Treaty); err != nil {
			return q, field("treaty", NameKnown(eng, q, err))
		}
	}
	for _, name := range []string{"party", "towards"} {
		if p := q.Get(name); p != "" {
			if err := CheckParty(eng, p); err != nil {
				return q, field(name, NameKnown(eng, q, err))
			}
		}
	}
	return q, nil
}

// field wraps err as an *Error about one input, with the closest IDs it
// names.
func field(name string, err error) error {
	_, closest := Describe(err)
	return &Error{Field: name, Closest: closest, Err: err}
}

func setDate(q *rules.Question, name string, d cistreaty.Date) {
	switch name {
	case "on":
		q.On = d
	case "notice":
		q.Notice = d
	case "effective":
		q.Effective = d
	}
}

func setText(q *rules.Question, name, s string) {
	switch name {
	case "treaty":
		q.Treaty = s
	case "article":
		q.Article = s
	case "party":
		q.Party = s
	case "towards":
		q.Towards = s
	case "org":
		q.Org = s
	}
}

// PartyID maps a state code given in either case to the dataset's ID ("ru"
// → "RU"). Organisation IDs are lower case and case-sensitive, and an ID the
// dataset lacks is returned as given, for the engine to report with the
// closest known IDs.
func PartyID(ds *cistreaty.Dataset, s string) string {
	if _, ok := ds.Party(s); ok {
		return s
	}
	if u := strings.ToUpper(s); u != s {
		if p, ok := ds.Party(u); ok && p.Kind == cistreaty.KindState {
			return u
		}
	}
	return s
}

// CheckParty reports an ID the dataset lacks, naming the closest known IDs.
func CheckParty(eng *rules.Engine, id string) error {
	if _, ok := eng.Dataset().Party(id); ok {
		return nil
	}
	return &rules.UnknownIDError{Kind: rules.ErrUnknownParty, ID: id, Closest: cistreaty.Closest(id, eng.Parties(), 3)}
}

// CheckTreaty reports an ID the dataset lacks, naming the closest known IDs.
func CheckTreaty(eng *rules.Engine, id string) error {
	if _, ok := eng.Dataset().Treaty(id); ok {
		return nil
	}
	return &rules.UnknownIDError{Kind: rules.ErrUnknownTreaty, ID: id, Closest: cistreaty.Closest(id, eng.Treaties(), 3)}
}

// maxKnownListed bounds the IDs an error message lists.
const maxKnownListed = 20

// NameKnown adds the known IDs to an unknown-ID error that has no close
// match ("XX" is no typo of any state code), so that the message still
// names IDs the user can use.
func NameKnown(eng *rules.Engine, q rules.Question, err error) error {
	var uid *rules.UnknownIDError
	if !errors.As(err, &uid) || len(uid.Closest) > 0 {
		return err
	}
	var known []string
	switch uid.Kind {
	case rules.ErrUnknownParty:
		known = eng.Parties()
	case rules.ErrUnknownTreaty:
		known = eng.Treaties()
	case rules.ErrUnknownOrganisation:
		for o := range eng.Dataset().Organisations() {
			known = append(known, o.Party)
		}
	case rules.ErrUnknownArticle:
		if t, ok := eng.Dataset().Treaty(q.Treaty); ok {
			for _, o := range t.Obligations {
				known = append(known, o.Article)
			}
		}
	}
	if len(known) == 0 {
		return err
	}
	more := ""
	if len(known) > maxKnownListed {
		known, more = known[:maxKnownListed], ", …"
	}
	return fmt.Errorf("%w (known: %s%s)", err, strings.Join(known, ", "), more)
}

// Answer is an explained answer with the what-if events it assumed and the
// dataset it comes from.
type Answer struct {
	Verdict *rules.Verdict
	Assumed []cistreaty.Event
	Dataset *cistreaty.Dataset
}

// Explain adds the what-if events (already read with ParseAssume) to the
// engine and explains the question's answer. An error from the engine about
// the question's inputs names the known IDs where no close one exists.
func Explain(ctx context.Context, eng *rules.Engine, q rules.Question, assumed []cistreaty.Event, from From) (*Answer, error) {
	if len(assumed) > 0 {
		w, err := eng.With(ctx, assumed...)
		if err != nil {
			if IsRuleFailure(err) {
				return nil, err
			}
			return nil, &Error{Field: "assume", Err: fmt.Errorf("%s: %w", from.Name(), err)}
		}
		eng = w
	}
	v, err := eng.Explain(ctx, q)
	if err != nil {
		return nil, NameKnown(eng, q, err)
	}
	return &Answer{Verdict: v, Assumed: assumed, Dataset: eng.Dataset()}, nil
}

// JSON is the CLI's -json output: the answer object and a newline.
func (a *Answer) JSON() ([]byte, error) { return JSON(a.Verdict) }

// Text is the CLI's text answer, for a lawyer to read.
func (a *Answer) Text() []byte {
	var b bytes.Buffer
	Text(&b, a.Dataset, a.Verdict, a.Assumed)
	return b.Bytes()
}
