package cistreaty

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// factsBase is a dataset of one treaty and three states; each case adds
// events under it, one a line from line 5.
const factsBase = `dataset: {name: t, version: "1", record_as_of: 2026-01-01}
parties: [{id: AA, name: A, kind: state}, {id: BB, name: B, kind: state}, {id: CC, name: C, kind: state, continues: AA, continuity_source: {cite: c, grade: S}}]
treaties: [{id: t, title: T, concluded: 1990-01-01, participation: complete}, {id: p, title: P, concluded: 1990-01-01, participation: partial}]
events:
`

func ev(s string) string { return "  - {treaty: t, " + s + ", source: {cite: c, grade: S}}\n" }

// factCases are histories of factsBase, and the problems loading each
// gives.
var factCases = []struct {
	name   string
	events []string
	want   []string // problems, each "line:col: field: message"
}{
	{"a party's history that holds together", []string{
		ev("party: AA, kind: signature, date: 1990-01-01"),
		ev("party: AA, kind: deposit, date: 1991-01-01"),
		ev("party: AA, kind: withdrawal-notice, date: 1999-01-01"),
		ev("party: AA, kind: withdrawal, date: 2000-01-01"),
		ev("party: AA, kind: accession, date: 2006-01-01"),
		ev("party: AA, kind: entry-into-force, date: 2006-02-01"),
		ev("party: AA, kind: withdrawal-notice, date: 2012-01-01"),
		ev("party: BB, kind: accession, date: 1995-01-01"),         // accession without signature
		ev("party: CC, kind: withdrawal-notice, date: 2001-01-01"), // its predecessor took part
	}, nil},
	{"the same uncertain fact twice", []string{
		ev("party: AA, kind: accession, earliest: 1995-01-01, latest: 1995-12-31"),
		ev("party: AA, kind: accession, earliest: 1995-01-01, latest: 1995-12-31"),
	}, []string{`6:5: events: the same accession of AA under t dated 1995-01-01..1995-12-31 as the event (first at f.yaml:5:5): a fact is recorded once`}},
	{"the same fact with other sources is still one fact", []string{
		ev("party: AA, kind: accession, date: 1995-01-01"),
		"  - {treaty: t, party: AA, kind: accession, date: 1995-01-01, source: {cite: other, grade: P}, note: again}\n",
	}, []string{`6:5: events: the same accession of AA under t dated 1995-01-01 as the event (first at f.yaml:5:5): a fact is recorded once`}},
	{"a deposit before the signature", []string{
		ev("party: AA, kind: deposit, date: 1990-06-01"),
		ev("party: AA, kind: signature, date: 1990-07-01"),
	}, []string{`5:5: events.date: deposit of AA under t dated 1990-06-01, before its signature on 1990-07-01 (at f.yaml:6:5): an instrument of ratification follows the signature (a party that never signed accedes)`}},
	{"a deposit that may follow the signature", []string{
		ev("party: AA, kind: deposit, earliest: 1990-06-01, latest: 1990-12-31"),
		ev("party: AA, kind: signature, date: 1990-07-01"),
	}, nil},
	{"a second notice while the first is pending", []string{
		ev("party: AA, kind: signature, date: 1990-01-01"),
		ev("party: AA, kind: withdrawal-notice, date: 1999-01-01"),
		ev("party: AA, kind: withdrawal-notice, date: 1999-06-01"),
	}, []string{`7:5: events.date: a second withdrawal notice of AA under t dated 1999-06-01, after its notice of 1999-01-01 (at f.yaml:6:5) with no new instrument between: the first is pending or has taken effect`}},
	{"a notice after an expected one", []string{
		ev("party: AA, kind: signature, date: 1990-01-01"),
		ev("party: AA, kind: withdrawal-notice, earliest: 2025-01-01, expected: true"),
		ev("party: AA, kind: withdrawal-notice, date: 2025-06-01"),
	}, nil},
	{"a notice by a party that never took part", []string{
		ev("party: BB, kind: withdrawal-notice, date: 1999-01-01"),
	}, []string{`5:5: events.kind: withdrawal-notice by BB, which has no signature, instrument or entry into force under t: only a party can leave a treaty`}},
	{"a notice under a treaty whose record of parties is partial", []string{
		"  - {treaty: p, party: BB, kind: withdrawal-notice, date: 1999-01-01, source: {cite: c, grade: S}}\n",
	}, nil},
	{"a withdrawal by a party that never took part", []string{
		ev("party: BB, kind: withdrawal, date: 1999-01-01"),
	}, []string{`5:5: events.kind: withdrawal by BB, which has no signature, instrument or entry into force under t: only a party can leave a treaty`}},
	{"entry into force again without a new instrument", []string{
		ev("party: AA, kind: deposit, date: 1991-01-01"),
		ev("party: AA, kind: entry-into-force, date: 1991-02-01"),
		ev("party: AA, kind: withdrawal, date: 2000-01-01"),
		ev("party: AA, kind: entry-into-force, date: 2006-02-01"),
	}, []string{`8:5: events.date: entry into force for AA under t dated 2006-02-01, after it withdrew on 2000-01-01 (at f.yaml:7:5) with no new instrument between: a state that left joins again by a new instrument`}},
	{"a notice after the withdrawal without a new instrument", []string{
		ev("party: AA, kind: deposit, date: 1991-01-01"),
		ev("party: AA, kind: withdrawal, date: 2000-01-01"),
		ev("party: AA, kind: withdrawal-notice, date: 2003-01-01"),
	}, []string{`7:5: events.date: a withdrawal notice of AA under t dated 2003-01-01, after it withdrew on 2000-01-01 (at f.yaml:6:5) with no new instrument between`}},
	{"a second withdrawal", []string{
		ev("party: AA, kind: deposit, date: 1991-01-01"),
		ev("party: AA, kind: withdrawal, date: 2000-01-01"),
		ev("party: AA, kind: withdrawal, date: 2003-01-01"),
	}, []string{`7:5: events.date: a second withdrawal of AA under t dated 2003-01-01, after it withdrew on 2000-01-01 (at f.yaml:6:5) with no new instrument between`}},
}

func TestContradictoryFacts(t *testing.T) {
	for _, tt := range factCases {
		t.Run(tt.name, func(t *testing.T) {
			src := factsBase + strings.Join(tt.events, "")
			_, err := Load(File{Name: "f.yaml", Data: []byte(src)})
			var got []string
			if err != nil {
				if !errors.Is(err, ErrInvalidDataset) {
					t.Fatalf("error %T", err)
				}
				for _, l := range strings.Split(err.Error(), "\n") {
					got = append(got, strings.TrimPrefix(l, "f.yaml:"))
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestContradictoryAssumption: a what-if that contradicts the record is
// refused with the assumed event described.
func TestContradictoryAssumption(t *testing.T) {
	ds, err := Load(File{Name: "f.yaml", Data: []byte(factsBase + ev("party: AA, kind: accession, date: 1995-01-01"))})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ds.With(Event{Treaty: "t", Party: "AA", Kind: Accession, When: On(MustParseDate("1995-01-01"))})
	want := "events: the same accession of AA under t dated 1995-01-01 as the event (first at f.yaml:5:5): a fact is recorded once [event: assumed AA accession 1995-01-01 under t]"
	if err == nil || err.Error() != want {
		t.Errorf("With = %v, want %s", err, want)
	}
}
