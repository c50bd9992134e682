package rules

import (
	"encoding/json"

	"github.com/pacta-law/pacta/cistreaty"
)

// QuestionKind names a question, as the CLI spells it.
type QuestionKind string

const (
	QuestionBound      QuestionKind = "bound"
	QuestionEIF        QuestionKind = "eif"
	QuestionWithdrawal QuestionKind = "withdrawal"
	QuestionVCLT       QuestionKind = "vclt"
	QuestionStatus     QuestionKind = "status"
	QuestionObliged    QuestionKind = "obliged"
)

// Question is one question to explain. Which fields it needs depends on its
// kind (see the CLI's flags).
type Question struct {
	Kind      QuestionKind
	Treaty    string
	Article   string
	Party     string
	Towards   string
	Org       string
	On        cistreaty.Date
	Notice    cistreaty.Date
	Effective cistreaty.Date
}

// Inputs echoes a question in an answer.
type Inputs struct {
	Treaty    string         `json:"treaty,omitempty"`
	Article   string         `json:"article,omitempty"`
	Party     string         `json:"party,omitempty"`
	Towards   string         `json:"towards,omitempty"`
	Org       string         `json:"org,omitempty"`
	On        cistreaty.Date `json:"on,omitzero"`
	Notice    cistreaty.Date `json:"notice,omitzero"`
	Effective cistreaty.Date `json:"effective,omitzero"`
}

// Value is an answer: true or false, a date, a status, or none.
type Value struct {
	Bool   *bool
	Date   cistreaty.Date
	Status string
}

// IsNull reports an answer of none: see the verdict's Reason.
func (v Value) IsNull() bool { return v.Bool == nil && !v.Date.IsValid() && v.Status == "" }

// String renders the answer: "true", "false", "1994-01-22", a status, or
// "null".
func (v Value) String() string {
	switch {
	case v.Bool != nil && *v.Bool:
		return "true"
	case v.Bool != nil:
		return "false"
	case v.Date.IsValid():
		return v.Date.String()
	case v.Status != "":
		return v.Status
	}
	return "null"
}

// MarshalJSON writes a JSON boolean, a "YYYY-MM-DD" string, a status string,
// or null.
func (v Value) MarshalJSON() ([]byte, error) {
	switch {
	case v.Bool != nil:
		return json.Marshal(*v.Bool)
	case v.Date.IsValid():
		return json.Marshal(v.Date.String())
	case v.Status != "":
		return json.Marshal(v.Status)
	}
	return []byte("null"), nil
}

// Reasons for an answer of none.
const (
	ReasonNotParty = "not-party" // the party never consented to be bound
	ReasonNotYet   = "not-yet"   // not in force as of the record date
	ReasonEnded    = "ended"     // was in force and no longer is
	ReasonUnknown  = "unknown"   // the record cannot settle it
)

// Range bounds an answer the record does not fix to the day.
type Range struct {
	Earliest cistreaty.Date `json:"earliest,omitzero"`
	Latest   cistreaty.Date `json:"latest,omitzero"`
}

// DatasetInfo names the dataset an answer comes from.
type DatasetInfo struct {
	Name       string         `json:"name"`
	Version    string         `json:"version"`
	RecordAsOf cistreaty.Date `json:"record_as_of"`
}

// Fact is one event of the record an answer rests on.
type Fact struct {
	Party    string          `json:"party,omitempty"`
	Treaty   string          `json:"treaty,omitempty"`
	Event    string          `json:"event"`
	Date     cistreaty.Date  `json:"date,omitzero"`
	Earliest cistreaty.Date  `json:"earliest,omitzero"`
	Latest   cistreaty.Date  `json:"latest,omitzero"`
	Expected bool            `json:"expected,omitempty"`
	Source   string          `json:"source"`
	URL      string          `json:"url,omitempty"`
	Grade    cistreaty.Grade `json:"grade"`
	Assumed  bool            `json:"assumed,omitempty"`
}

// Step is one rule that took part in an answer, with what it gave and the
// facts it read. Verdict.MarshalJSON writes it field by field
// (verdict_json.go): a field added here goes there too, and
// TestVerdictJSONMatchesReference fails until it does.
type Step struct {
	Rule  string `json:"rule"`
	Cites string `json:"cites"`
	// Says is the provision's own words, quoted from a cited copy (empty
	// for a step that rests on the record alone).
	Says string `json:"says"`
	// Lang is the language of Says where it is not English ("ru"); SaysEN
	// is then an English translation, not an authentic text.
	Lang   string `json:"lang,omitempty"`
	SaysEN string `json:"says_en,omitempty"`
	// Reading is pacta's reading of the provision or of the record: how
	// the rule applies it, never the treaty's words.
	Reading  string `json:"reading,omitempty"`
	Value    string `json:"value"`
	Fallback bool   `json:"fallback"`
	Facts    []Fact `json:"facts"`
	// Depth is how deep under the deciding rule this step ran (0: it
	// decided); for text layout only.
	Depth int `json:"-"`
	// Source is where the rule's text was read.
	Source cistreaty.Source `json:"-"`
}

// Open is a fact that would settle an indeterminate answer.
type Open struct {
	Party    string         `json:"party,omitempty"`
	Treaty   string         `json:"treaty,omitempty"`
	Event    string         `json:"event"`
	Earliest cistreaty.Date `json:"earliest,omitzero"`
	Latest   cistreaty.Date `json:"latest,omitzero"`
	Why      string         `json:"why"`
}

// Verdict is an explained answer: the answer, whether the record settles it,
// the weakest grade of what it rests on, the rules that decided it with their
// articles, texts and facts, and what would settle it if it is open.
type Verdict struct {
	Question    QuestionKind
	Inputs      Inputs
	Answer      Value
	Reason      string // with a null answer
	Determinate bool
	Range       *Range
	Grade       cistreaty.Grade
	Dataset     DatasetInfo
	Because     []Step
	Open        []Open
	// Founding, for status questions: True, False, or Indeterminate where
	// the record supports two readings. Nil for other questions.
	Founding *Truth
	// Periods, for entry-into-force questions: every interval in force.
	Periods []Period
	// Notes give context a lawyer should know: facts beside the answer,
	// month-end adjustments, the record date.
	Notes []string
}

// Truth returns a boolean answer as a Truth.
func (v *Verdict) Truth() Truth {
	if v.Answer.Bool == nil {
		return Indeterminate
	}
	if *v.Answer.Bool {
		return True
	}
	return False
}
