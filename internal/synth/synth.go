// Package synth makes synthetic treaty records for benchmarks: many parties,
// treaties and events, built in memory as cistreaty values rather than read
// from files, and the same for the same Size on every run and machine.
//
// It is not a model of any real record. Its treaties use the clause templates
// of package rules (nth-instrument with later-instrument, own-instrument,
// all-parties and fixed-date for entry into force; notice-plus-months for
// withdrawal), with event mixes shaped like real ones: signatures,
// ratifications and deposits, accessions, a few withdrawal notices, a few
// dates known only as a range, and a few expected instruments.
package synth

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/pacta-law/pacta/cistreaty"
)

// Size says how large a record to make. Events is the exact number of
// events; it must be at least twice Treaties (every treaty has at least two).
type Size struct {
	Treaties int
	Events   int
	Parties  int // 2 to 676: state IDs are two upper-case letters
	Seed     uint64
}

// Scale is the size of the "Performance and scale" benchmarks: 250,000
// treaties, 2,000,000 events, 200 parties.
func Scale() Size {
	return Size{Treaties: 250_000, Events: 2_000_000, Parties: 200, Seed: 1}
}

// Record is a generated record, ready for cistreaty.NewDataset.
type Record struct {
	Header   cistreaty.Header
	Parties  []cistreaty.Party
	Treaties []cistreaty.Treaty
	Events   []cistreaty.Event
	// Templates counts the treaties that use each clause template.
	Templates map[string]int
}

// Dataset builds and validates the dataset.
func (r *Record) Dataset() (*cistreaty.Dataset, error) {
	return cistreaty.NewDataset(r.Header, r.Parties, r.Treaties, r.Events, nil, nil)
}

// Template names, as package rules embeds them.
const (
	NthInstrument   = "nth-instrument"
	LaterInstrument = "later-instrument"
	OwnInstrument   = "own-instrument"
	AllParties      = "all-parties"
	FixedDate       = "fixed-date"
	NoticePlusMonth = "notice-plus-months"
)

var (
	// recordAsOf is the day the synthetic record was "checked" to; events
	// after it are expected.
	recordAsOf = cistreaty.MustParseDate("2025-12-31")
	firstDay   = cistreaty.MustParseDate("1950-01-01").DayNumber()
	lastDay    = cistreaty.MustParseDate("2019-12-31").DayNumber()
	// The sources and kind lists are shared by every treaty and event: they
	// are read, never written.
	eventSource  = cistreaty.Source{Citation: "synthetic record", Grade: cistreaty.GradeP}
	clauseSource = cistreaty.Source{Citation: "synthetic treaty text", Grade: cistreaty.GradeP}
	depositKinds = []string{"deposit"}
	ratifyKinds  = []string{"ratification"}
)

// Generate makes the record for s.
func Generate(s Size) (*Record, error) {
	switch {
	case s.Treaties < 1:
		return nil, errors.New("synth: at least one treaty")
	case s.Parties < 2 || s.Parties > 26*26:
		return nil, fmt.Errorf("synth: parties %d, want 2 to %d", s.Parties, 26*26)
	case s.Events < 2*s.Treaties:
		return nil, fmt.Errorf("synth: %d events for %d treaties, want at least two a treaty", s.Events, s.Treaties)
	}
	g := &gen{
		rnd: rand.New(rand.NewPCG(s.Seed, 0x7061637461)),
		r: &Record{
			Header:    cistreaty.Header{Name: "synthetic", Version: "seed-" + strconv.FormatUint(s.Seed, 10), RecordAsOf: recordAsOf},
			Parties:   make([]cistreaty.Party, s.Parties),
			Treaties:  make([]cistreaty.Treaty, 0, s.Treaties),
			Events:    make([]cistreaty.Event, 0, s.Events),
			Templates: map[string]int{},
		},
	}
	for i := range g.r.Parties {
		id := string([]byte{byte('A' + i/26), byte('A' + i%26)})
		g.r.Parties[i] = cistreaty.Party{ID: id, Name: "State " + id, Kind: cistreaty.KindState}
	}
	for i, n := range eventCounts(g.rnd, s.Treaties, s.Events) {
		g.treaty(i, n)
	}
	return g.r, nil
}

// eventCounts splits events among treaties: on average events/treaties each,
// varying by up to six either way (and never below two), summing exactly.
func eventCounts(rnd *rand.Rand, treaties, events int) []int {
	base, rem := events/treaties, events%treaties
	spread := min(base-2, 6)
	out := make([]int, treaties)
	for i := 0; i < treaties; i += 2 {
		j := 0
		if spread > 0 {
			j = rnd.IntN(2*spread+1) - spread
		}
		out[i] = base + j
		if i+1 < treaties {
			out[i+1] = base - j
		} else {
			out[i] = base // an odd one out gets no partner to balance it
		}
	}
	for i := range rem {
		out[i]++
	}
	return out
}

type gen struct {
	rnd *rand.Rand
	r   *Record
	// used marks the parties a treaty already has (by party index).
	used []bool
}

func (g *gen) day(n int64) cistreaty.Date {
	d, ok := cistreaty.DateFromDayNumber(min(n, recordAsOf.DayNumber()))
	if !ok {
		panic("synth: day out of range") // cannot happen: days lie in 1950..2025
	}
	return d
}

func (g *gen) between(lo, hi int) int64 { return int64(lo + g.rnd.IntN(hi-lo+1)) }

// treaty adds one treaty and exactly n events.
func (g *gen) treaty(i, n int) {
	rnd := g.rnd
	concluded := firstDay + rnd.Int64N(lastDay-firstDay+1)
	t := cistreaty.Treaty{
		ID:            fmt.Sprintf("t%07d", i+1),
		Title:         "Synthetic treaty " + strconv.Itoa(i+1),
		Concluded:     g.day(concluded),
		Participation: cistreaty.Complete,
	}
	if rnd.IntN(5) == 0 {
		t.Participation = cistreaty.Partial
	}
	instrument := cistreaty.Deposit
	switch p := rnd.IntN(100); {
	case p < 40:
		n := g.between(2, 4)
		t.Clauses.EntryIntoForce = template(NthInstrument, "Art. 20(1)", depositKinds, "n", strconv.FormatInt(n, 10), "days", days(rnd))
		t.Clauses.LaterParties = template(LaterInstrument, "Art. 20(2)", depositKinds, "n", strconv.FormatInt(n, 10), "days", "30")
		g.r.Templates[LaterInstrument]++
	case p < 60:
		if rnd.IntN(2) == 0 {
			instrument = cistreaty.Ratification
			t.Clauses.EntryIntoForce = template(OwnInstrument, "Art. 12", ratifyKinds, "days", days(rnd))
		} else {
			t.Clauses.EntryIntoForce = template(OwnInstrument, "Art. 12", depositKinds, "days", days(rnd))
		}
	case p < 80:
		t.Clauses.EntryIntoForce = template(AllParties, "Art. 15", depositKinds, "days", days(rnd))
	default:
		fixed := g.day(concluded + g.between(180, 730))
		t.Clauses.EntryIntoForce = template(FixedDate, "Art. 9", depositKinds, "date", fixed.String())
	}
	g.r.Templates[t.Clauses.EntryIntoForce.Template]++
	notices := rnd.IntN(10) < 7
	if notices {
		months := []string{"6", "12", "12", "3"}[rnd.IntN(4)]
		t.Clauses.Withdrawal = template(NoticePlusMonth, "Art. 30", nil, "months", months)
		g.r.Templates[NoticePlusMonth]++
	}
	g.r.Treaties = append(g.r.Treaties, t)
	g.events(&t, concluded, instrument, notices, n)
}

var eifSays = map[string]string{
	NthInstrument:   "This Agreement shall enter into force on the day after the deposit of the n-th instrument of ratification.",
	LaterInstrument: "For each State depositing its instrument after that date, it shall enter into force after its own deposit.",
	OwnInstrument:   "This Agreement shall enter into force for each Party after it has given its own instrument.",
	AllParties:      "This Agreement shall enter into force once all the signatory States have deposited their instruments.",
	FixedDate:       "This Agreement shall enter into force on the fixed date for the States that have deposited their instruments by then.",
	NoticePlusMonth: "A Party may withdraw by written notice; the withdrawal takes effect months after the depositary receives the notice.",
}

// template is a clause naming a template with its parameters: kinds (if
// given) and then name, value pairs.
func template(name, cites string, kinds []string, kv ...string) cistreaty.Clause {
	params := make(map[string]cistreaty.Param, 1+len(kv)/2)
	if kinds != nil {
		params["kinds"] = cistreaty.Param{List: kinds, IsList: true}
	}
	for i := 0; i+1 < len(kv); i += 2 {
		params[kv[i]] = cistreaty.Param{Scalar: kv[i+1]}
	}
	return cistreaty.Clause{Form: cistreaty.ClauseTemplate, Template: name, Params: params,
		Cites: cites, Says: eifSays[name], Source: clauseSource}
}

func days(rnd *rand.Rand) string {
	return []string{"0", "30", "30", "60", "90"}[rnd.IntN(5)]
}

// events adds exactly n events of the treaty: each party's story in turn
// (a signature; then consent, often as ratification and deposit; now and
// then a withdrawal notice), cut short where the budget ends.
func (g *gen) events(t *cistreaty.Treaty, concluded int64, instrument cistreaty.EventKind, notices bool, n int) {
	rnd := g.rnd
	if g.used == nil {
		g.used = make([]bool, len(g.r.Parties))
	}
	start := len(g.r.Events)
	var parties []int
	add := func(p int, k cistreaty.EventKind, d int64) int64 {
		if n == 0 {
			return d
		}
		n--
		g.r.Events = append(g.r.Events, cistreaty.Event{Treaty: t.ID, Party: g.r.Parties[p].ID, Kind: k,
			When: cistreaty.On(g.day(d)), Source: eventSource})
		return d
	}
	for n > 0 && len(parties) < len(g.r.Parties) {
		p := rnd.IntN(len(g.r.Parties))
		for g.used[p] {
			p = (p + 1) % len(g.r.Parties)
		}
		g.used[p] = true
		parties = append(parties, p)
		sig := concluded + g.between(0, 365)
		var consent int64
		switch s := rnd.IntN(100); {
		case s < 15: // signature only
			add(p, cistreaty.Signature, sig)
			continue
		case s < 25: // accession: a deposit without a signature
			consent = add(p, cistreaty.Deposit, concluded+g.between(400, 3000))
		case s < 45 || instrument == cistreaty.Ratification: // the domestic act, then the deposit
			add(p, cistreaty.Signature, sig)
			r := add(p, cistreaty.Ratification, sig+g.between(30, 700))
			consent = r
			if instrument == cistreaty.Deposit {
				consent = add(p, cistreaty.Deposit, r+g.between(1, 90))
			}
		default:
			add(p, cistreaty.Signature, sig)
			consent = add(p, cistreaty.Deposit, sig+g.between(30, 1500))
		}
		if notices && rnd.IntN(100) < 4 && n > 0 {
			d := consent + g.between(365, 6000)
			if d <= recordAsOf.DayNumber() {
				add(p, cistreaty.WithdrawalNotice, d)
				if rnd.IntN(3) == 0 {
					ev := &g.r.Events[len(g.r.Events)-1]
					ev.Effective = g.day(d + g.between(400, 800))
					if ev.Effective.Before(ev.When.Earliest) { // clamped at the record date
						ev.Effective = cistreaty.Date{}
					}
				}
			}
		}
	}
	for _, p := range parties {
		g.used[p] = false
	}
	// Budget left when every party already has a story (only with very few
	// parties) goes to further signatures.
	for n > 0 {
		p := rnd.IntN(len(g.r.Parties))
		add(p, cistreaty.Signature, concluded+g.between(0, 365))
	}
	evs := g.r.Events[start:]
	// A few dates known only as a range, and a few instruments expected but
	// not yet recorded.
	switch u := rnd.IntN(1000); {
	case u < 20:
		g.uncertain(evs, concluded, false)
	case u < 25:
		g.uncertain(evs, concluded, true)
	}
}

// uncertain turns one instrument of the treaty into a range, or into an
// expected instrument after the record date.
func (g *gen) uncertain(evs []cistreaty.Event, concluded int64, expected bool) {
	for k := range evs {
		e := &evs[len(evs)-1-k]
		if e.Kind != cistreaty.Deposit && e.Kind != cistreaty.Ratification {
			continue
		}
		if expected && slices.ContainsFunc(evs, func(n cistreaty.Event) bool {
			return n.Party == e.Party && n.Kind == cistreaty.WithdrawalNotice
		}) {
			continue // a notice before the instrument would be no record at all
		}
		d := e.When.Earliest.DayNumber()
		if expected {
			// g.day stops at the record date; an expected instrument lies
			// beyond it.
			ed, _ := recordAsOf.AddDays(int(g.between(1, 365)))
			e.When = cistreaty.When{Earliest: ed, Expected: true}
			return
		}
		lo := max(d-g.between(1, 60), concluded)
		e.When = cistreaty.When{Earliest: g.day(lo), Latest: g.day(d)}
		return
	}
}
