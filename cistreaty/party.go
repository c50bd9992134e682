package cistreaty

import "fmt"

// PartyKind says what kind of subject of international law a party is.
type PartyKind uint8

const (
	KindUnknown PartyKind = iota
	KindState
	KindOrganisation
)

// String returns "state" or "organisation".
func (k PartyKind) String() string {
	switch k {
	case KindState:
		return "state"
	case KindOrganisation:
		return "organisation"
	}
	return ""
}

// ParsePartyKind reads "state" or "organisation".
func ParsePartyKind(s string) (PartyKind, error) {
	switch s {
	case "state":
		return KindState, nil
	case "organisation":
		return KindOrganisation, nil
	}
	return KindUnknown, fmt.Errorf("unknown party kind %q (want state or organisation)", clip(s))
}

// Party is a state or an international organisation. IDs are ISO 3166-1
// alpha-2 codes for states (SU for the USSR) and lower-case short names for
// organisations.
type Party struct {
	ID     string
	Name   string // English
	NameRU string // Russian
	Kind   PartyKind
	// Continues names the party whose treaty acts are this party's own
	// (RU continues SU): questions about this party before Continues ceased
	// to exist are answered through it.
	Continues string
	// ContinuitySource is the basis for Continues.
	ContinuitySource Source
	Pos              Pos
}
