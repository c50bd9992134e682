package cistreaty

import "fmt"

// EventKind is what a party did, or what happened to a treaty.
type EventKind uint8

const (
	EventUnknown EventKind = iota
	Signature
	Ratification // the domestic act; most clauses count the Deposit
	Deposit      // of an instrument with the depositary
	Accession
	Succession
	Notification // of completed internal procedures
	EntryIntoForce
	ProvisionalApplication
	Suspension
	SuspensionEnd
	WithdrawalNotice // dated when the depositary received it (VCLT Art. 78(b))
	Denunciation
	Withdrawal
	Termination
	AssociateStatus
	ObserverStatus
	PartnerStatus
	ParticipationEnded
	CeasedToExist
	numEventKinds
)

var eventKindNames = [numEventKinds]string{
	"", "signature", "ratification", "deposit", "accession", "succession",
	"notification", "entry-into-force", "provisional-application", "suspension",
	"suspension-end", "withdrawal-notice", "denunciation", "withdrawal",
	"termination", "associate-status", "observer-status", "partner-status",
	"participation-ended", "ceased-to-exist",
}

// String returns the kebab-case name of the event kind.
func (k EventKind) String() string {
	if k < numEventKinds {
		return eventKindNames[k]
	}
	return ""
}

// MarshalText writes the kebab-case name.
func (k EventKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// ParseEventKind reads a kebab-case event kind such as "withdrawal-notice".
func ParseEventKind(s string) (EventKind, error) {
	for i := EventKind(1); i < numEventKinds; i++ {
		if eventKindNames[i] == s {
			return i, nil
		}
	}
	return EventUnknown, fmt.Errorf("unknown event kind %q", clip(s))
}

// EventKinds lists every event kind, in declaration order.
func EventKinds() []EventKind {
	out := make([]EventKind, 0, numEventKinds-1)
	for i := EventKind(1); i < numEventKinds; i++ {
		out = append(out, i)
	}
	return out
}

// When is the date of an event as the record knows it: exact (Earliest ==
// Latest), a range, or an event that is expected but not recorded, which may
// never happen (Expected, with Latest zero when there is no bound).
type When struct {
	Earliest Date
	Latest   Date
	Expected bool
}

// On returns an exact When.
func On(d Date) When { return When{Earliest: d, Latest: d} }

// Exact returns the date when it is known to the day.
func (w When) Exact() (Date, bool) {
	if !w.Expected && w.Earliest.IsValid() && w.Earliest == w.Latest {
		return w.Earliest, true
	}
	return Date{}, false
}

// Uncertain reports whether the record does not fix the date to the day.
func (w When) Uncertain() bool {
	_, ok := w.Exact()
	return !ok
}

// String returns "1993-12-03", "1993-10-08..1993-12-09", or
// "expected 2026-03-20.." for an expected event.
func (w When) String() string {
	if d, ok := w.Exact(); ok {
		return d.String()
	}
	s := ""
	if w.Expected {
		s = "expected "
	}
	s += w.Earliest.String() + ".."
	if w.Latest.IsValid() {
		s += w.Latest.String()
	}
	return s
}

// Event is one fact of the record: what a party did, or what happened to a
// treaty, with its source. Party is empty for a treaty-wide event (the general
// entry into force); Treaty is empty for an event of the party itself
// (ceased-to-exist).
type Event struct {
	Treaty string
	Party  string
	Kind   EventKind
	When   When
	// Towards names the counterparty of a suspension or suspension-end that
	// applies to one pair only.
	Towards string
	// Effective is a later date a withdrawal notice names for its effect.
	Effective Date
	Source    Source
	Note      string
	// Assumed marks a what-if fact, added by Dataset.With.
	Assumed bool
	Pos     Pos
}
