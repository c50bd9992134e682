package cistreaty

import "fmt"

// Grade says how well a fact is established. Its order runs from the
// strongest to the weakest, so the weakest of several grades is their maximum.
type Grade uint8

const (
	// GradeNone is the zero value: no grade was given, which validation rejects.
	GradeNone Grade = iota
	// GradeP is a primary source: treaty text, UNTS record, official register.
	GradeP
	// GradeS is a secondary source: reputable news, legal databases, encyclopaedias.
	GradeS
	// GradeU is unconfirmed: no source confirms it, or the sources conflict.
	GradeU
)

// ParseGrade reads "P", "S" or "U".
func ParseGrade(s string) (Grade, error) {
	switch s {
	case "P":
		return GradeP, nil
	case "S":
		return GradeS, nil
	case "U":
		return GradeU, nil
	}
	return GradeNone, fmt.Errorf("unknown grade %q (want P, S or U)", clip(s))
}

// String returns "P", "S", "U", or "" for GradeNone.
func (g Grade) String() string {
	switch g {
	case GradeP:
		return "P"
	case GradeS:
		return "S"
	case GradeU:
		return "U"
	}
	return ""
}

// MarshalText writes the grade's letter.
func (g Grade) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// Weaker returns the weaker of two grades; GradeNone counts as no fact at all.
func (g Grade) Weaker(h Grade) Grade {
	if g == GradeNone {
		return h
	}
	if h > g {
		return h
	}
	return g
}

// Source is where a fact comes from.
type Source struct {
	Citation string // a citation a lawyer can follow
	URL      string // where a copy can be read, if any
	Grade    Grade
}

// Pos is a place in a dataset file, for messages a person can follow.
type Pos struct {
	File string `json:"file,omitzero"`
	Line int    `json:"line,omitzero"`
	Col  int    `json:"column,omitzero"`
}

// String returns "file:line:col", or "" when the position is unknown.
func (p Pos) String() string {
	if p.File == "" && p.Line == 0 {
		return ""
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}
