package ask

import (
	"fmt"
	"strings"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/quote"
	"github.com/pacta-law/pacta/rules"
)

// From says where what-if events come from: it names the input in messages
// and gives the citation every such event carries.
type From uint8

const (
	FromFlag    From = iota // the cis command's -assume flag
	FromRequest             // the service's "assume" parameter or field
)

// Name is the input's name in messages: "-assume" or "assume".
func (f From) Name() string {
	if f == FromRequest {
		return "assume"
	}
	return "-assume"
}

// Citation is the source every what-if event from there carries.
func (f From) Citation() string {
	if f == FromRequest {
		return "assumed in the request (assume)"
	}
	return "assumed on the command line (-assume)"
}

// ParseAssume reads PARTY:EVENT:DATE[:TREATY] into an event graded U.
// TREATY defaults to defTreaty; PARTY is a state code in either case. The
// error is an *Error about the input "assume".
func ParseAssume(eng *rules.Engine, s, defTreaty string, from From) (cistreaty.Event, error) {
	bad := func(closest []string, format string, a ...any) error {
		return &Error{Field: "assume", Closest: closest, Err: fmt.Errorf("%s %q: %s (want PARTY:EVENT:DATE[:TREATY], e.g. MD:withdrawal-notice:2026-12-01:cis-charter-1993)", from.Name(), quote.Clip(s), fmt.Sprintf(format, a...))}
	}
	parts := strings.Split(s, ":")
	if len(parts) < 3 || len(parts) > 4 {
		return cistreaty.Event{}, bad(nil, "%d fields separated by ':'", len(parts))
	}
	ds := eng.Dataset()
	party := PartyID(ds, parts[0])
	if party == "" {
		return cistreaty.Event{}, bad(nil, "no party")
	}
	if err := CheckParty(eng, party); err != nil {
		_, closest := Describe(err)
		return cistreaty.Event{}, bad(closest, "%v", NameKnown(eng, rules.Question{}, err))
	}
	kind, err := cistreaty.ParseEventKind(parts[1])
	if err != nil {
		var names []string
		for _, k := range cistreaty.EventKinds() {
			names = append(names, k.String())
		}
		if near := cistreaty.Closest(parts[1], names, 3); len(near) > 0 {
			return cistreaty.Event{}, bad(near, "unknown event %q (closest known: %s)", quote.Clip(parts[1]), strings.Join(near, ", "))
		}
		return cistreaty.Event{}, bad(nil, "unknown event %q (known: %s)", quote.Clip(parts[1]), strings.Join(names, ", "))
	}
	d, err := cistreaty.ParseDate(parts[2])
	if err != nil {
		return cistreaty.Event{}, bad(nil, "%v", err)
	}
	// A party's own event (ceased-to-exist) names no treaty, so -treaty is
	// no default for it.
	treaty := defTreaty
	if kind == cistreaty.CeasedToExist {
		treaty = ""
	}
	if len(parts) == 4 {
		treaty = parts[3]
	}
	switch {
	case treaty == "" && kind != cistreaty.CeasedToExist:
		return cistreaty.Event{}, bad(nil, "no treaty: add :TREATY, or give -treaty")
	case treaty != "":
		if err := CheckTreaty(eng, treaty); err != nil {
			_, closest := Describe(err)
			return cistreaty.Event{}, bad(closest, "%v", NameKnown(eng, rules.Question{}, err))
		}
	}
	return cistreaty.Event{
		Treaty: treaty,
		Party:  party,
		Kind:   kind,
		When:   cistreaty.On(d),
		Source: cistreaty.Source{Citation: from.Citation(), Grade: cistreaty.GradeU},
	}, nil
}

// ParseAssumes reads every what-if event, as ParseAssume reads one.
func ParseAssumes(eng *rules.Engine, raw []string, defTreaty string, from From) ([]cistreaty.Event, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	evs := make([]cistreaty.Event, 0, len(raw))
	for _, s := range raw {
		ev, err := ParseAssume(eng, s, defTreaty, from)
		if err != nil {
			return nil, err
		}
		evs = append(evs, ev)
	}
	return evs, nil
}
