package cistreaty

import "fmt"

// Participation says whether the dataset's record of a treaty's parties is
// complete: every party is in the dataset and its instrument is recorded.
type Participation uint8

const (
	ParticipationUnknown Participation = iota
	// Complete: every party is in the dataset with its instrument, so a state
	// with none is not a party, and rules that count instruments can be
	// checked against the recorded dates.
	Complete
	// Partial: some parties, or their instruments, are missing: a state
	// without a record under the treaty may still be a party, and recorded
	// dates are graded inputs.
	Partial
)

// String returns "complete" or "partial".
func (p Participation) String() string {
	switch p {
	case Complete:
		return "complete"
	case Partial:
		return "partial"
	}
	return ""
}

// ParseParticipation reads "complete" or "partial".
func ParseParticipation(s string) (Participation, error) {
	switch s {
	case "complete":
		return Complete, nil
	case "partial":
		return Partial, nil
	}
	return ParticipationUnknown, fmt.Errorf("unknown participation %q (want complete or partial)", clip(s))
}

// ClauseForm says how a treaty states one of its final clauses.
type ClauseForm uint8

const (
	// ClauseSilent: the treaty has no such clause; the VCLT default applies.
	// It is the zero value, so a clause left out of a file is silent.
	ClauseSilent ClauseForm = iota
	// ClauseUnknown: the treaty has such a clause but its text is not in the
	// record; answers that need it are indeterminate.
	ClauseUnknown
	// ClauseTemplate: one of the clause templates of package rules, with
	// parameters.
	ClauseTemplate
	// ClauseRule: a rule of the dataset, by its ID.
	ClauseRule
)

// String returns "silent", "unknown", "template" or "rule".
func (f ClauseForm) String() string {
	switch f {
	case ClauseSilent:
		return "silent"
	case ClauseUnknown:
		return "unknown"
	case ClauseTemplate:
		return "template"
	case ClauseRule:
		return "rule"
	}
	return ""
}

// Param is one parameter of a clause template, as written in the file:
// a scalar or a list of scalars. Package rules types it against the
// template's declaration.
type Param struct {
	Scalar string
	List   []string
	IsList bool
	Pos    Pos
}

// Clause is one final clause of a treaty (entry into force, withdrawal, term).
type Clause struct {
	Form     ClauseForm
	Template string           // with ClauseTemplate
	Params   map[string]Param // with ClauseTemplate
	Rule     string           // with ClauseRule: the ID of a Rule in the dataset
	Cites    string           // the treaty's own provision, e.g. "Art. 34"
	Says     string           // its text, quoted from a cited copy: the provision's own words only
	Lang     string           // the language of Says (ISO 639-1, e.g. "ru"); empty: English
	SaysEN   string           // an English translation of Says where it is not English (not authentic)
	Reading  string           // the dataset's reading of the provision, not its words
	Source   Source           // where that text was read
	Pos      Pos
}

// Clauses are the final clauses the rules read. A clause not given is silent.
type Clauses struct {
	// EntryIntoForce decides when the treaty enters into force for a party
	// that consented before it first entered into force.
	EntryIntoForce Clause
	// LaterParties decides it for a party whose consent came later; silent
	// falls back to VCLT Art. 24(3).
	LaterParties Clause
	// Withdrawal decides when a withdrawal notice takes effect; silent falls
	// back to VCLT Art. 56.
	Withdrawal Clause
	// Term gives the last day the treaty binds a party, if it has a term.
	Term Clause
}

// Obligation is a duty one article of a treaty lays on its parties, owed by
// each party towards each other party.
type Obligation struct {
	Article string // "2", "4(1)"
	Text    string
	Lang    string // the language of Text (ISO 639-1); empty: English
	TextEN  string // an English translation of Text where it is not English (not authentic)
	// Condition, when not silent, must also hold for the duty to be owed.
	Condition Clause
	Source    Source
	Pos       Pos
}

// Displacement says that a later treaty's own clause ends an earlier treaty
// between the pairs of parties the clause names (the 2011 FTA's Art. 23 and
// Annex 5).
type Displacement struct {
	Treaty string // the earlier treaty, which ceases to apply
	Clause Clause
	Pos    Pos
}

// Treaty is one international agreement with its final clauses and the
// obligations the dataset models.
type Treaty struct {
	ID            string
	Title         string
	TitleRU       string
	Concluded     Date // adopted or opened for signature
	Place         string
	Depositary    string
	Domains       []string
	Participation Participation
	Clauses       Clauses
	Obligations   []Obligation
	Displaces     []Displacement
	// NotParties are states a source shows never became parties (Russia
	// never ratified the 1994 FTA): where the record holds no instrument of
	// theirs, they are not parties even under partial participation.
	NotParties []NotParty
	// Applies names a treaty this one applies to states that are not its
	// parties (the 2013 Protocol applies the 2011 FTA with Uzbekistan).
	Applies string
	Source  Source
	Note    string
	Pos     Pos
}

// NotParty is a state a source shows never became a party to a treaty.
type NotParty struct {
	Party  string
	Source Source
	Note   string
	Pos    Pos
}

// Obligation returns the treaty's obligation under an article.
func (t *Treaty) Obligation(article string) (Obligation, bool) {
	for _, o := range t.Obligations {
		if o.Article == article {
			return o, true
		}
	}
	return Obligation{}, false
}

// Rule is a rule text of the dataset: a CEL expression with the provision it
// encodes. Package rules compiles it; this package only carries it, with the
// position of the expression so compile errors point into the file.
type Rule struct {
	ID      string // "<treaty>/<slug>", e.g. "cis-charter-1993/art-41"
	Cites   string
	Says    string // the provision's own words only, quoted from a cited copy
	Lang    string // the language of Says (ISO 639-1); empty: English
	SaysEN  string // an English translation of Says where it is not English (not authentic)
	Reading string // the rule's reading of the provision, not its words
	Expr    string
	Source  Source
	Pos     Pos // the rule
	ExprPos Pos // the first character of Expr
}

// Membership is one status an organisation's membership rules can give a
// state, with the rule that decides it. The first rule that holds, in order,
// gives the status.
type Membership struct {
	Status string // "member-state", "participant", …
	Rule   string // ID of a Rule in the dataset
	Pos    Pos
}

// Organisation is what the dataset says about an organisation's membership.
type Organisation struct {
	Party string // the organisation's party ID, e.g. "cis"
	// Constituent lists the treaties membership rests on.
	Constituent []string
	// Statuses is the ordered list of status rules.
	Statuses []Membership
	// Default is the status when no rule holds, e.g. "non-participant".
	Default string
	// Founding is the rule giving the three-valued founding status.
	Founding string
	Pos      Pos
}
