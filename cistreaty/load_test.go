package cistreaty

import (
	"bytes"
	"errors"
	"iter"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/pacta-law/pacta/internal/yamlfile"
)

// dateEq lets cmp compare Dates, whose day number is unexported.
var dateEq = cmp.Comparer(func(a, b Date) bool { return a == b })

func at2(file string, line, col int) Pos { return Pos{File: file, Line: line, Col: col} }

func loadValid(t *testing.T) *Dataset {
	t.Helper()
	ds, err := LoadFS(os.DirFS("testdata/valid"))
	if err != nil {
		t.Fatalf("LoadFS(testdata/valid): %v", err)
	}
	return ds
}

// TestLoadValid checks every field of testdata/valid against the files, with
// the line and column each value was read from.
func TestLoadValid(t *testing.T) {
	ds := loadValid(t)
	const d, tr = "dataset.yaml", "treaties.yaml"
	date := MustParseDate
	unts := Source{Citation: "UNTS 1819, p. 57", Grade: GradeP}

	tests := []struct {
		name string
		got  any
		want any
	}{
		{"name", ds.Name(), "test"},
		{"version", ds.Version(), "2026.1"},
		{"record_as_of", ds.RecordAsOf(), date("2026-11-27")},
		{"parties", slices.Collect(ds.Parties()), []Party{
			{ID: "SU", Name: "Union of Soviet Socialist Republics", NameRU: "Союз Советских Социалистических Республик",
				Kind: KindState, Pos: at2(d, 4, 5)},
			{ID: "RU", Name: "Russian Federation", NameRU: "Российская Федерация", Kind: KindState,
				Continues:        "SU",
				ContinuitySource: Source{Citation: "Note of 24 Dec 1991", URL: "https://example.org/note", Grade: GradeS},
				Pos:              at2(d, 5, 5)},
			{ID: "MD", Name: "Republic of Moldova", Kind: KindState, Pos: at2(d, 11, 5)},
			{ID: "cis", Name: "Commonwealth of Independent States", Kind: KindOrganisation, Pos: at2(d, 12, 5)},
		}},
		{"rules", slices.Collect(ds.Rules()), []Rule{
			{ID: "charter/art-9", Cites: "Charter, Art. 9",
				Says:   "A member state may withdraw after notifying the depositary in writing twelve months in advance.",
				Source: unts,
				Expr:   "withdrawalNotice(party).exists(n,\n  addMonths(n.date, 12) <= on)\n",
				// The block scalar's text starts on the line after "expr: |", at
				// its indentation.
				Pos: at2(d, 14, 5), ExprPos: at2(d, 19, 7)},
			// A double-quoted expression starts one column after the quote.
			{ID: "charter/art-7", Expr: "bound(party, 'charter', on)", Pos: at2(d, 21, 5), ExprPos: at2(d, 22, 12)},
			// A plain one starts at the node.
			{ID: "fta-2011/art-23", Expr: "bound(party, 'fta-2011', on)", Pos: at2(d, 23, 5), ExprPos: at2(d, 24, 11)},
		}},
		{"organisations", slices.Collect(ds.Organisations()), []Organisation{{
			Party:       "cis",
			Constituent: []string{"charter"},
			Default:     "non-participant",
			Founding:    "charter/art-7",
			Statuses: []Membership{
				{Status: "withdrawn", Rule: "charter/art-9", Pos: at2(d, 31, 9)},
				{Status: "member-state", Rule: "charter/art-7", Pos: at2(d, 32, 9)},
			},
			Pos: at2(d, 26, 5),
		}}},
		{"treaties", slices.Collect(ds.Treaties()), []Treaty{
			{
				ID: "charter", Title: "Charter of the Commonwealth", TitleRU: "Устав Содружества",
				Concluded: date("1993-01-22"), Place: "Minsk", Depositary: "Republic of Belarus",
				Domains: []string{"institutional", "political"}, Participation: Partial,
				Source: Source{Citation: "UNTS 1819, p. 57", URL: "https://treaties.un.org/", Grade: GradeP},
				Note:   "The constituent instrument.",
				Clauses: Clauses{
					EntryIntoForce: Clause{
						Form: ClauseTemplate, Template: "nth-instrument",
						Params: map[string]Param{
							"kinds": {List: []string{"deposit"}, IsList: true, Pos: at2(tr, 15, 25)},
							"n":     {Scalar: "3", Pos: at2(tr, 15, 39)},
							"days":  {Scalar: "0", Pos: at2(tr, 15, 48)},
						},
						Cites: "Art. 41", Says: "This Charter shall enter into force …", Source: unts,
						Pos: at2(tr, 14, 9),
					},
					LaterParties: Clause{Form: ClauseRule, Rule: "charter/art-7", Pos: at2(tr, 19, 22)},
					Withdrawal:   Clause{Form: ClauseUnknown, Pos: at2(tr, 20, 19)},
					Term:         Clause{Form: ClauseSilent, Pos: at2(tr, 21, 13)},
				},
				Obligations: []Obligation{
					{Article: "4(1)", Text: "Members cooperate.", Source: unts,
						Condition: Clause{Form: ClauseRule, Rule: "charter/art-7", Pos: at2(tr, 26, 20)},
						Pos:       at2(tr, 23, 9)},
					{Article: "2", Text: "Sovereign equality.", Source: Source{Citation: "UNTS 1819, p. 57", Grade: GradeS},
						Pos: at2(tr, 27, 9)},
				},
				Pos: at2(tr, 2, 5),
			},
			{
				ID: "fta-2011", Title: "Treaty on a Free Trade Area", Concluded: date("2011-10-18"),
				Participation: Complete,
				Displaces: []Displacement{{Treaty: "charter",
					Clause: Clause{Form: ClauseRule, Rule: "fta-2011/art-23", Pos: at2(tr, 33, 35)},
					Pos:    at2(tr, 33, 9)}},
				Pos: at2(tr, 28, 5),
			},
		}},
		{"events", list(ds.Events()), []Event{
			{Treaty: "charter", Party: "RU", Kind: Deposit, When: On(date("1993-07-20")),
				Source: Source{Citation: "Depositary list", Grade: GradeS}, Pos: at2(tr, 35, 5)},
			{Treaty: "charter", Party: "MD", Kind: Accession,
				When:   When{Earliest: date("1993-10-08"), Latest: date("1993-12-09")},
				Source: Source{Citation: "Press report", URL: "https://example.org/press", Grade: GradeU},
				Note:   "Date uncertain.", Pos: at2(tr, 36, 5)},
			{Treaty: "charter", Party: "MD", Kind: WithdrawalNotice,
				When:      When{Earliest: date("2026-03-20"), Expected: true},
				Effective: date("2027-06-01"),
				Source:    Source{Citation: "Statement of intent", Grade: GradeS}, Pos: at2(tr, 43, 5)},
			{Treaty: "charter", Party: "RU", Kind: WithdrawalNotice,
				When:   When{Earliest: date("2027-01-01"), Latest: date("2027-12-31"), Expected: true},
				Source: Source{Citation: "Hypothesis", Grade: GradeU}, Pos: at2(tr, 50, 5)},
			{Treaty: "fta-2011", Party: "RU", Kind: Suspension, When: On(date("2015-01-01")), Towards: "MD",
				Source: Source{Citation: "Decree", Grade: GradeP}, Pos: at2(tr, 51, 5)},
			{Treaty: "charter", Kind: EntryIntoForce, When: On(date("1994-01-22")),
				Source: Source{Citation: "Depositary list", Grade: GradeS}, Pos: at2(tr, 52, 5)},
			{Party: "SU", Kind: CeasedToExist, When: On(date("1991-12-26")),
				Source: Source{Citation: "Declaration 142-N", Grade: GradeP}, Pos: at2(tr, 53, 5)},
		}},
		{"index by pair, in date order", kindsOf(list(ds.EventsOf("charter", "MD"))), []EventKind{Accession, WithdrawalNotice}},
		{"index by party, in date order", kindsOf(list(ds.EventsOf("", "RU"))), []EventKind{Deposit, Suspension, WithdrawalNotice}},
		{"index by treaty", len(list(ds.EventsOf("charter", ""))), 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.got, dateEq); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// list collects the events an iterator yields, in its order.
func list(seq iter.Seq2[int, Event]) []Event {
	var out []Event
	for _, e := range seq {
		out = append(out, e)
	}
	return out
}

// TestEventIterators checks the indexes and the order each iterator yields
// over testdata/valid: in file order the events are 0 RU's deposit
// (1993-07-20), 1 MD's accession (1993-10-08..12-09), 2 MD's notice
// (2026-03-20), 3 RU's notice (2027), 4 RU's suspension of fta-2011
// (2015-01-01), 5 the charter's entry into force (1994-01-22) and 6 SU's
// ceasing to exist (1991-12-26).
func TestEventIterators(t *testing.T) {
	ds := loadValid(t)
	indexes := func(seq iter.Seq2[int, Event]) []int {
		var out []int
		for i, e := range seq {
			if diff := cmp.Diff(ds.EventAt(i), e, dateEq); diff != "" {
				t.Errorf("event %d differs from EventAt(%d) (-want +got):\n%s", i, i, diff)
			}
			out = append(out, i)
		}
		return out
	}
	tests := []struct {
		name string
		seq  iter.Seq2[int, Event]
		want []int
	}{
		{"every event, in file order", ds.Events(), []int{0, 1, 2, 3, 4, 5, 6}},
		{"every event, in date order", ds.EventsOf("", ""), []int{6, 0, 1, 5, 4, 2, 3}},
		{"one treaty's, in date order", ds.EventsOf("charter", ""), []int{0, 1, 5, 2, 3}},
		{"one party's, in date order", ds.EventsOf("", "RU"), []int{0, 4, 3}},
		{"one pair's, in date order", ds.EventsOf("charter", "MD"), []int{1, 2}},
		{"an unknown treaty has none", ds.EventsOf("nope", ""), nil},
		{"a party with none under the treaty", ds.EventsOf("fta-2011", "MD"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, indexes(tt.seq)); diff != "" {
				t.Errorf("indexes (-want +got):\n%s", diff)
			}
			// Breaking out of the loop stops the iterator.
			n := 0
			for range tt.seq {
				n++
				break
			}
			if want := min(len(tt.want), 1); n != want {
				t.Errorf("a loop that breaks at once ran %d times, want %d", n, want)
			}
		})
	}
	if got := ds.NumEvents(); got != 7 {
		t.Errorf("NumEvents = %d, want 7", got)
	}
}

// TestTreatyRef checks that reading treaties by index gives, in file order,
// testdata/valid's two (charter, then fta-2011), the dataset's own: a what-if
// copy shares them; and that EventRef gives the events EventAt copies.
func TestTreatyRef(t *testing.T) {
	ds := loadValid(t)
	if got := ds.NumTreaties(); got != 2 {
		t.Fatalf("NumTreaties = %d, want 2", got)
	}
	var ids []string
	for i := range ds.NumTreaties() {
		ids = append(ids, ds.TreatyRef(i).ID)
	}
	if diff := cmp.Diff([]string{"charter", "fta-2011"}, ids); diff != "" {
		t.Errorf("IDs by index (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(slices.Collect(ds.Treaties()), []Treaty{*ds.TreatyRef(0), *ds.TreatyRef(1)}, dateEq); diff != "" {
		t.Errorf("TreatyRef differs from Treaties (-want +got):\n%s", diff)
	}
	if ds.TreatyRef(0) != ds.TreatyRef(0) {
		t.Error("TreatyRef(0) gives a new copy on each call, want the dataset's own")
	}
	cp, err := ds.With(Event{Treaty: "charter", Party: "MD", Kind: Deposit, When: On(MustParseDate("1994-04-15"))})
	if err != nil {
		t.Fatal(err)
	}
	if cp.TreatyRef(1) != ds.TreatyRef(1) {
		t.Error("a what-if copy holds treaties of its own, want the receiver's shared")
	}
	for i := range ds.NumEvents() {
		if diff := cmp.Diff(ds.EventAt(i), *ds.EventRef(i), dateEq); diff != "" {
			t.Errorf("EventRef(%d) differs from EventAt(%d) (-want +got):\n%s", i, i, diff)
		}
		if ds.EventRef(i) != ds.EventRef(i) {
			t.Errorf("EventRef(%d) gives a new copy on each call, want the dataset's own", i)
		}
	}
	// The what-if's events are its own: the added one is marked assumed.
	if n := ds.NumEvents(); cp.NumEvents() != n+1 || !cp.EventRef(n).Assumed || cp.EventRef(0) == ds.EventRef(0) {
		t.Errorf("what-if: %d events, the last assumed %v; want %d, true, and a copy of the receiver's", cp.NumEvents(), cp.EventRef(cp.NumEvents()-1).Assumed, n+1)
	}
}

func kindsOf(es []Event) []EventKind {
	var out []EventKind
	for _, e := range es {
		out = append(out, e.Kind)
	}
	return out
}

// TestLoadBrokenGolden loads a file with at least one of every kind of
// problem and compares the whole error text with broken.golden.
func TestLoadBrokenGolden(t *testing.T) {
	ds, err := LoadFS(os.DirFS("testdata/broken"), "broken.yaml")
	if ds != nil {
		t.Error("LoadFS returned a dataset along with problems")
	}
	if !errors.Is(err, ErrInvalidDataset) {
		t.Fatalf("errors.Is(%v, ErrInvalidDataset) = false", err)
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error is %T, want Problems", err)
	}
	if len(ps) < 10 {
		t.Errorf("got %d problems, want at least 10", len(ps))
	}
	checkGolden(t, "testdata/broken/broken.golden", []byte(err.Error()+"\n"))
}

// Lines 1–3 of most cases below: a header, two states and an organisation,
// and a treaty concluded on 2000-01-01.
const (
	hdr      = "dataset: {name: t, version: '1', record_as_of: 2026-01-01}\n"
	parties  = "parties: [{id: RU, name: R, kind: state}, {id: UZ, name: U, kind: state}, {id: cis, name: C, kind: organisation}]\n"
	treaty   = "treaties: [{id: tr, title: T, concluded: 2000-01-01, participation: partial}]\n"
	base     = hdr + parties + treaty
	src      = "source: {cite: c, grade: S}"
	eventsAt = "events:\n" // line 4; events start on line 5
)

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name  string
		files []File
		want  string
	}{
		{
			name:  "no file at all",
			files: nil,
			want:  "dataset: missing dataset header (a file with dataset: {name, version, record_as_of})",
		},
		{
			name:  "YAML syntax error, with the line YAML reports",
			files: []File{{"t.yaml", []byte(hdr + "parties: [\n")}},
			want:  "t.yaml:2: YAML syntax: did not find expected node content",
		},
		{
			name:  "anchors and aliases are refused",
			files: []File{{"t.yaml", []byte(hdr + "parties: [&p {id: RU, name: R, kind: state}, *p]\n")}},
			want: "t.yaml:2:11: anchors and aliases are not allowed\n" +
				"t.yaml:2:46: anchors and aliases are not allowed",
		},
		{
			name:  "one document a file",
			files: []File{{"t.yaml", []byte(base + "---\nevents: []\n")}},
			want:  "t.yaml:4:1: a dataset file holds one YAML document; this is another",
		},
		{
			name:  "file too large",
			files: []File{{"big.yaml", bytes.Repeat([]byte("#"), yamlfile.MaxSize+1)}},
			want:  "big.yaml: file is larger than 16 MiB",
		},
		{
			name:  "top level is not a mapping",
			files: []File{{"t.yaml", []byte("- a\n")}},
			want:  "t.yaml:1:1: a dataset file is a mapping, not a sequence",
		},
		{
			name:  "unknown top-level key",
			files: []File{{"t.yaml", []byte(base + "evnts: []\n")}},
			want:  `t.yaml:4:1: unknown key "evnts" (did you mean "events"?)`,
		},
		{
			name:  "header given twice, and a field missing",
			files: []File{{"a.yaml", []byte(base)}, {"b.yaml", []byte("dataset: {name: t, version: ''}\n")}},
			want:  "b.yaml:1:10: dataset: dataset header given twice (first at a.yaml:1:10)",
		},
		{
			name:  "header without record date",
			files: []File{{"t.yaml", []byte("dataset: {name: t, version: '1'}\n")}},
			want:  "t.yaml:1:10: dataset.record_as_of: missing record_as_of",
		},
		{
			name:  "repeated key",
			files: []File{{"t.yaml", []byte(hdr + "parties: [{id: RU, id: UZ, name: R, kind: state}]\n")}},
			want:  `t.yaml:2:20: parties: key "id" given twice (first at line 2)`,
		},
		{
			name:  "a tag that is not text",
			files: []File{{"t.yaml", []byte(hdr + "parties: [{id: RU, name: !!binary UjE=, kind: state}]\n")}},
			want:  "t.yaml:2:26: parties.name: want a text, got a value tagged !!binary",
		},
		{
			name: "party ids, kinds and continuity",
			files: []File{{"t.yaml", []byte(hdr + "parties:\n" +
				"  - {id: ru, name: R, kind: state}\n" +
				"  - {id: Cis, name: C, kind: organisation}\n" +
				"  - {id: XX, name: X, kind: country}\n" +
				"  - {id: RU, name: R, kind: state, continues: RU}\n" +
				"  - {id: UZ, name: U, kind: state, continues: SU, continuity_source: {grade: S}}\n" +
				"  - {id: UZ, name: U, kind: state}\n")}},
			want: `t.yaml:3:5: parties.id: state id "ru" is not two upper-case letters (ISO 3166-1 alpha-2)` + "\n" +
				`t.yaml:4:5: parties.id: organisation id "Cis" is not lower-case letters, digits and '-', starting with a letter` + "\n" +
				`t.yaml:5:29: parties.kind: unknown party kind "country" (want state or organisation)` + "\n" +
				`t.yaml:6:5: parties.continuity_source: missing source (cite and grade)` + "\n" +
				`t.yaml:6:5: parties.continues: party "RU" continues itself` + "\n" +
				`t.yaml:7:5: parties.continuity_source.cite: missing source citation` + "\n" +
				`t.yaml:7:5: parties.continues: unknown party "SU" (did you mean "RU" or "ru"?)` + "\n" +
				`t.yaml:8:5: parties.id: duplicate party id "UZ" (first at t.yaml:7:5)`,
		},
		{
			name: "clauses",
			files: []File{{"t.yaml", []byte(hdr + parties + "treaties:\n" +
				"  - id: tr\n" +
				"    title: T\n" +
				"    concluded: 2000-01-01\n" +
				"    participation: complete\n" +
				"    clauses:\n" +
				"      entry_into_force: {template: t, rule: a/b}\n" +
				"      later_parties: maybe\n" +
				"      withdrawal: {rule: a/b, params: {n: 1}}\n" +
				"      term: {template: t, params: {n: {x: 1}}, says: text}\n" +
				"    obligations:\n" +
				"      - {article: '1', text: duty}\n" +
				"      - {article: '1', condition: {cites: x}}\n" +
				"    displaces:\n" +
				"      - {treaty: tr, clause: silent}\n" +
				"      - {treaty: tx, clause: {rule: a/b}}\n")}},
			want: "t.yaml:9:25: treaties.clauses.entry_into_force: a clause has a template or a rule, not both\n" +
				`t.yaml:10:22: treaties.clauses.later_parties: want silent, unknown, or a mapping with template or rule; got "maybe"` + "\n" +
				"t.yaml:11:39: treaties.clauses.withdrawal: params belong to a template\n" +
				"t.yaml:12:13: treaties.clauses.term.source: missing source (cite and grade)\n" +
				`t.yaml:12:39: treaties.clauses.term.params: parameter "n": want a scalar or a list of scalars, got a mapping` + "\n" +
				"t.yaml:14:9: treaties.obligations.source: missing source (cite and grade)\n" +
				`t.yaml:15:9: treaties.obligations.article: duplicate article "1" (first at t.yaml:14:9)` + "\n" +
				"t.yaml:15:35: treaties.obligations.condition: a clause mapping needs template or rule\n" +
				`t.yaml:17:9: treaties.displaces.treaty: treaty "tr" displaces itself` + "\n" +
				"t.yaml:17:30: treaties.displaces.clause: a displacing clause must be a template or a rule, not silent\n" +
				`t.yaml:18:9: treaties.displaces.treaty: unknown treaty "tx" (did you mean "tr"?)`,
		},
		{
			name: "treaty fields",
			files: []File{{"t.yaml", []byte(hdr + "treaties:\n" +
				"  - {id: 'Bad Id', title: T, concluded: 2000-01-01, participation: partial}\n" +
				"  - {title: T, concluded: 1993-02-29, source: {cite: c, grade: Q}}\n")}},
			want: `t.yaml:3:5: treaties.id: treaty id "Bad Id" is not a slug (lower-case letters, digits, '.', '_' and '-')` + "\n" +
				"t.yaml:4:5: treaties.participation: missing participation (complete or partial)\n" +
				"t.yaml:4:5: treaties.id: missing treaty id\n" +
				`t.yaml:4:27: treaties.concluded: invalid date "1993-02-29": February 1993 has 28 days` + "\n" +
				`t.yaml:4:64: treaties.source.grade: unknown grade "Q" (want P, S or U)`,
		},
		{
			name: "event dates",
			files: []File{{"t.yaml", []byte(base + eventsAt +
				"  - {treaty: tr, party: RU, kind: signature, date: 2001-01-01, earliest: 2001-01-01, " + src + "}\n" +
				"  - {treaty: tr, party: RU, kind: signature, date: 2030-01-01, expected: true, " + src + "}\n" +
				"  - {treaty: tr, party: RU, kind: signature, earliest: 2001-01-01, " + src + "}\n" +
				"  - {treaty: tr, party: RU, kind: signature, latest: 2001-01-01, " + src + "}\n" +
				"  - {treaty: tr, party: RU, kind: signature, date: 2001-1-1, " + src + "}\n" +
				"  - {treaty: tr, party: RU, kind: signature, date: 2001-01-01, expected: yes, " + src + "}\n" +
				"  - {treaty: tr, party: RU, kind: signature, " + src + "}\n")}},
			want: "t.yaml:5:52: events.date: date together with earliest or latest: give one or the other\n" +
				"t.yaml:6:52: events.date: an expected event has earliest (and perhaps latest), not date\n" +
				"t.yaml:7:5: events.latest: missing latest date (or expected: true)\n" +
				"t.yaml:8:5: events.date: missing date (date; or earliest and latest; or expected: true and earliest)\n" +
				`t.yaml:9:52: events.date: invalid date "2001-1-1": want YYYY-MM-DD (10 characters), got 8 bytes` + "\n" +
				"t.yaml:10:74: events.expected: want true or false\n" +
				"t.yaml:11:5: events.date: missing date (date; or earliest and latest; or expected: true and earliest)",
		},
		{
			name: "who an event needs",
			files: []File{{"t.yaml", []byte(base + eventsAt +
				"  - {treaty: tr, kind: deposit, date: 2001-01-01, " + src + "}\n" +
				"  - {party: RU, kind: signature, date: 2001-01-01, " + src + "}\n" +
				"  - {treaty: tr, party: RU, kind: ceased-to-exist, date: 2001-01-01, " + src + "}\n" +
				"  - {treaty: tr, kind: termination, date: 2001-01-01, " + src + "}\n" +
				"  - {treaty: tr, kind: entry-into-force, date: 2001-01-01, " + src + "}\n" +
				"  - {party: UZ, kind: ceased-to-exist, date: 2001-01-01, " + src + "}\n" +
				"  - {treaty: tr, party: RU, date: 2001-01-01, " + src + "}\n")}},
			want: "t.yaml:5:5: events.party: a deposit event needs a party\n" +
				"t.yaml:6:5: events.treaty: a signature event needs a treaty (only ceased-to-exist stands without one)\n" +
				"t.yaml:7:5: events.treaty: ceased-to-exist is a party's own event and names no treaty\n" +
				"t.yaml:11:5: events.kind: missing event kind",
		},
		{
			name: "towards and effective",
			files: []File{{"t.yaml", []byte(base + eventsAt +
				"  - {treaty: tr, party: RU, kind: suspension, towards: RU, date: 2001-01-01, " + src + "}\n" +
				"  - {treaty: tr, party: RU, kind: suspension-end, towards: Uz, date: 2001-01-01, " + src + "}\n" +
				"  - {treaty: tr, party: RU, kind: suspension, towards: UZ, date: 2001-01-01, " + src + "}\n" +
				"  - {treaty: tr, party: RU, kind: withdrawal-notice, date: 2001-01-01, effective: 2000-12-31, " + src + "}\n" +
				"  - {treaty: tr, party: RU, kind: withdrawal-notice, date: 2001-01-01, effective: 2001-01-01, " + src + "}\n" +
				"  - {treaty: tr, party: RU, kind: accession, date: 2000-01-01, " + src + "}\n")}},
			want: `t.yaml:5:5: events.towards: party "RU" suspends towards itself` + "\n" +
				`t.yaml:6:5: events.towards: unknown party "Uz" (did you mean "UZ"?)` + "\n" +
				"t.yaml:8:5: events.effective: effective 2000-12-31 is before the notice of 2001-01-01",
		},
		{
			name: "withdrawal before the first instrument",
			files: []File{{"t.yaml", []byte(base + eventsAt +
				"  - {treaty: tr, party: RU, kind: ratification, date: 2001-01-01, " + src + "}\n" +
				"  - {treaty: tr, party: RU, kind: denunciation, date: 2000-06-01, " + src + "}\n" +
				"  - {treaty: tr, party: RU, kind: withdrawal, earliest: 2000-06-01, latest: 2001-01-02, " + src + "}\n" +
				"  - {treaty: tr, party: UZ, kind: withdrawal-notice, expected: true, earliest: 2000-02-01, " + src + "}\n" +
				"  - {treaty: tr, party: UZ, kind: accession, date: 2000-03-01, " + src + "}\n")}},
			want: "t.yaml:6:5: events.date: denunciation dated 2000-06-01, before RU's first ratification under tr on 2001-01-01\n" +
				"t.yaml:8:5: events.date: withdrawal-notice dated expected 2000-02-01.., before UZ's first accession under tr on 2000-03-01",
		},
		{
			name: "a long name from the file is quoted in part",
			files: []File{{"t.yaml", []byte(base + eventsAt +
				"  - {treaty: tr, party: " + strings.Repeat("é", 40) + ", kind: signature, date: 2001-01-01, " + src + "}\n")}},
			// 32 two-byte runes fill the 64 bytes a message quotes.
			want: `t.yaml:5:5: events.party: unknown party "` + strings.Repeat("é", 32) + `…"`,
		},
		{
			name: "rules",
			files: []File{{"t.yaml", []byte(base + "rules:\n" +
				"  - {id: tr/a, expr: 'true'}\n" +
				"  - {id: tr/a, expr: 'false'}\n" +
				"  - {id: tr-b, expr: x, says: text}\n" +
				"  - {id: tr/c/d}\n" +
				"  - {expr: 'true', source: {cite: c}}\n")}},
			want: `t.yaml:6:5: rules.id: duplicate rule id "tr/a" (first at t.yaml:5:5)` + "\n" +
				"t.yaml:7:5: rules.source: missing source (cite and grade)\n" +
				`t.yaml:7:5: rules.id: rule id "tr-b" is not of the form <treaty-or-template>/<slug>` + "\n" +
				"t.yaml:8:5: rules.expr: missing expr\n" +
				`t.yaml:8:5: rules.id: rule id "tr/c/d" is not of the form <treaty-or-template>/<slug>` + "\n" +
				"t.yaml:9:5: rules.source.grade: missing grade (P, S or U)\n" +
				"t.yaml:9:5: rules.id: missing rule id",
		},
		{
			name: "organisations",
			files: []File{{"t.yaml", []byte(base + "organisations:\n" +
				"  - {party: cs, constituent: [trr], default: x, statuses: [{status: s, rule: tr/a}]}\n" +
				"  - {party: RU, default: x, founding: nope, statuses: [{rule: tr/a}, {status: s}]}\n" +
				"  - {party: cis, default: x, statuses: [{status: s, rule: tr/a}]}\n" +
				"  - {party: cis, statuses: []}\n")}},
			want: `t.yaml:5:5: organisations.party: unknown party "cs" (did you mean "cis"?)` + "\n" +
				`t.yaml:5:5: organisations.constituent: unknown treaty "trr" (did you mean "tr"?)` + "\n" +
				`t.yaml:6:5: organisations.party: party "RU" is a state, not an organisation` + "\n" +
				`t.yaml:6:5: organisations.founding: rule "nope" is not of the form <treaty-or-template>/<slug>` + "\n" +
				"t.yaml:6:56: organisations.statuses.status: missing status\n" +
				"t.yaml:6:70: organisations.statuses.rule: missing rule\n" +
				`t.yaml:8:5: organisations.party: duplicate organisation "cis" (first at t.yaml:7:5)` + "\n" +
				"t.yaml:8:5: organisations.default: missing default status\n" +
				"t.yaml:8:5: organisations.statuses: no statuses",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := Load(tt.files...)
			if err == nil {
				t.Fatalf("Load succeeded, want problems:\n%s", tt.want)
			}
			if ds != nil {
				t.Error("Load returned a dataset along with problems")
			}
			if !errors.Is(err, ErrInvalidDataset) {
				t.Errorf("errors.Is(err, ErrInvalidDataset) = false for %T", err)
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("Load problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLoadTooManyProblems checks that the list is cut at maxProblems, both
// while decoding (which then stops) and while validating (which counts the
// rest).
func TestLoadTooManyProblems(t *testing.T) {
	tests := []struct {
		name     string
		parties  string // one party entry, repeated 1200 times
		wantLast string // the line without a position, which sorts first
	}{
		// Each entry is refused by the decoder; it stops at the limit.
		{"decoding", "kind: country", "too many problems: stopped after 1000"},
		// Each entry decodes but lacks a name, and all but the first repeat
		// an ID: 2399 problems.
		{"validating", "id: RU, kind: state", "too many problems: 1399 more not listed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := hdr + "parties: [" + strings.Repeat("{"+tt.parties+"}, ", 1199) + "{" + tt.parties + "}]\n"
			_, err := Load(File{"t.yaml", []byte(src)})
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Load error = %v, want Problems", err)
			}
			if len(ps) != maxProblems+1 {
				t.Errorf("got %d problems, want %d", len(ps), maxProblems+1)
			}
			if got := ps[0].String(); got != tt.wantLast {
				t.Errorf("first problem = %q, want %q", got, tt.wantLast)
			}
		})
	}
}

// TestExprPos checks the position of the first character of an expression
// in every scalar style, so that compile errors of package rules point into
// the file.
func TestExprPos(t *testing.T) {
	tests := []struct {
		name string
		expr string // the rules entry, from "expr:" on, on line 6
		want Pos
		text string
	}{
		{"plain", "expr: a < b", at2("t.yaml", 6, 11), "a < b"},
		{"double-quoted", `expr: "a < b"`, at2("t.yaml", 6, 12), "a < b"},
		{"single-quoted", `expr: 'a < b'`, at2("t.yaml", 6, 12), "a < b"},
		{"literal block", "expr: |\n      a < b\n      && c\n", at2("t.yaml", 7, 7), "a < b\n&& c\n"},
		{"literal block, deeper indentation", "expr: |-\n          a < b\n", at2("t.yaml", 7, 11), "a < b"},
		{"literal block after a blank line", "expr: |\n\n      a < b\n", at2("t.yaml", 7, 7), "\na < b\n"},
		{"indentation indicator", "expr: |2\n        a < b\n", at2("t.yaml", 7, 7), "  a < b\n"},
		{"folded block", "expr: >\n      a <\n      b\n", at2("t.yaml", 7, 7), "a < b\n"},
		{"plain on the next line", "expr:\n      a < b\n", at2("t.yaml", 7, 7), "a < b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := base + "rules:\n  - id: tr/a\n    " + tt.expr + "\n"
			ds, err := Load(File{"t.yaml", []byte(src)})
			if err != nil {
				t.Fatal(err)
			}
			r, _ := ds.Rule("tr/a")
			if diff := cmp.Diff(tt.want, r.ExprPos); diff != "" {
				t.Errorf("ExprPos (-want +got):\n%s", diff)
			}
			if r.Expr != tt.text {
				t.Errorf("Expr = %q, want %q", r.Expr, tt.text)
			}
		})
	}
}

func TestLoadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"b.yaml":      {Data: []byte(parties + treaty)},
		"a.yaml":      {Data: []byte(hdr)},
		"sub/c.yaml":  {Data: []byte("events: [{treaty: tr, party: RU, kind: signature, date: 2001-01-01, " + src + "}]\n")},
		"notes.txt":   {Data: []byte("not: [yaml")},
		"dir.yaml/x":  {Data: []byte("")},
		"broken.yaml": {Data: []byte("dataset: [")},
	}
	tests := []struct {
		name     string
		patterns []string
		want     string // the error, or "" for success
		events   int
	}{
		{"default pattern reads every .yaml file", nil,
			"broken.yaml:1: YAML syntax: did not find expected node content\n" +
				"dir.yaml: is a directory, not a dataset file", 0},
		{"files in name order, from several patterns", []string{"sub/*.yaml", "[ab].yaml"}, "", 1},
		{"a file matched twice is read once", []string{"a.yaml", "b.yaml", "?.yaml", "sub/c.yaml"}, "", 1},
		{"a pattern that matches nothing", []string{"a.yaml", "b.yaml", "*.yml"}, `pattern "*.yml" matches no file`, 0},
		{"a bad pattern", []string{"a.yaml", "b.yaml", "["}, `pattern "[": syntax error in pattern`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := LoadFS(fsys, tt.patterns...)
			got := ""
			if err != nil {
				got = err.Error()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("LoadFS error (-want +got):\n%s", diff)
			}
			if err == nil && len(list(ds.Events())) != tt.events {
				t.Errorf("got %d events, want %d", len(list(ds.Events())), tt.events)
			}
		})
	}

	t.Run("positions name the file by its path", func(t *testing.T) {
		ds, err := LoadFS(fsys, "a.yaml", "b.yaml", "sub/c.yaml")
		if err != nil {
			t.Fatal(err)
		}
		if got, want := list(ds.Events())[0].Pos, at2("sub/c.yaml", 1, 10); got != want {
			t.Errorf("event Pos = %v, want %v", got, want)
		}
	})
	t.Run("nil file system", func(t *testing.T) {
		if _, err := LoadFS(nil); !errors.Is(err, ErrInvalidDataset) {
			t.Errorf("LoadFS(nil) = %v, want an ErrInvalidDataset", err)
		}
	})
}

func TestProblems(t *testing.T) {
	ps := Problems{
		{Pos: at2("b.yaml", 1, 1), Field: "events.party", Message: "z"},
		{Pos: at2("a.yaml", 10, 2), Message: "y"},
		{Pos: at2("a.yaml", 9, 30), Field: "f", Message: "x"},
		{Pos: at2("a.yaml", 9, 3), Field: "f", Message: "x"},
		{Pos: Pos{File: "a.yaml"}, Message: "whole file"},
		{Pos: Pos{File: "a.yaml", Line: 4}, Message: "line only"},
		{Field: "dataset", Message: "no position"},
	}
	want := strings.Join([]string{
		"dataset: no position",
		"a.yaml: whole file",
		"a.yaml:4: line only",
		"a.yaml:9:3: f: x",
		"a.yaml:9:30: f: x",
		"a.yaml:10:2: y",
		"b.yaml:1:1: events.party: z",
	}, "\n")
	if diff := cmp.Diff(want, ps.Error()); diff != "" {
		t.Errorf("Error() (-want +got):\n%s", diff)
	}
	if ps[0].Message != "z" {
		t.Error("Error() sorted the receiver; it must sort a copy")
	}
	var err error = ps
	if !errors.Is(err, ErrInvalidDataset) {
		t.Error("errors.Is(Problems, ErrInvalidDataset) = false")
	}
	if errors.Is(err, ErrInvalidDate) {
		t.Error("errors.Is(Problems, ErrInvalidDate) = true")
	}
}

func TestValidateValid(t *testing.T) {
	if err := loadValid(t).Validate(); err != nil {
		t.Errorf("Validate() = %v, want nil", err)
	}
	if err := (&Dataset{}).Validate(); err == nil || !strings.Contains(err.Error(), "missing dataset header") {
		t.Errorf("Validate() of an empty Dataset = %v, want a missing header", err)
	}
}

func TestWith(t *testing.T) {
	ds := loadValid(t)
	before := list(ds.Events())
	notice := Event{Treaty: "charter", Party: "RU", Kind: WithdrawalNotice, When: On(MustParseDate("2027-03-01"))}

	what, err := ds.With(notice)
	if err != nil {
		t.Fatalf("With: %v", err)
	}
	if diff := cmp.Diff(before, list(ds.Events()), dateEq); diff != "" {
		t.Errorf("With changed the original (-want +got):\n%s", diff)
	}
	if got := len(list(ds.EventsOf("charter", "RU"))); got != 2 {
		t.Errorf("original has %d charter events of RU, want 2", got)
	}

	got := list(what.EventsOf("charter", "RU"))
	want := []Event{
		before[0], // the deposit
		before[3], // the expected notice of 2027-01-01..2027-12-31
		{Treaty: "charter", Party: "RU", Kind: WithdrawalNotice, When: On(MustParseDate("2027-03-01")),
			Source:  Source{Citation: "assumed (what-if)", Grade: GradeU},
			Assumed: true},
	}
	if diff := cmp.Diff(want, got, dateEq); diff != "" {
		t.Errorf("what-if events (-want +got):\n%s", diff)
	}

	tests := []struct {
		name string
		ev   Event
		want string
	}{
		{"unknown party",
			Event{Treaty: "charter", Party: "RX", Kind: Deposit, When: On(MustParseDate("2027-03-01"))},
			`events.party: unknown party "RX" (did you mean "RU"?) [event: assumed RX deposit 2027-03-01 under charter]`},
		{"unknown treaty",
			Event{Treaty: "chartr", Party: "RU", Kind: Deposit, When: On(MustParseDate("2027-03-01"))},
			`events.treaty: unknown treaty "chartr" (did you mean "charter"?) [event: assumed RU deposit 2027-03-01 under chartr]`},
		{"no date",
			Event{Treaty: "charter", Party: "RU", Kind: Deposit},
			"events.date: missing date (date; or earliest and latest; or expected: true and earliest) [event: assumed RU deposit under charter]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ds.With(tt.ev)
			if got != nil || err == nil {
				t.Fatalf("With = %v, %v; want an error", got, err)
			}
			if !errors.Is(err, ErrInvalidDataset) {
				t.Errorf("errors.Is(err, ErrInvalidDataset) = false")
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("With error (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, list(ds.Events()), dateEq); diff != "" {
				t.Errorf("a failed With changed the original (-want +got):\n%s", diff)
			}
		})
	}
}

func TestClosest(t *testing.T) {
	// The suggestions are internal/suggest's; this checks the wrapper.
	if got := Closest("UK", []string{"UA", "UZ", "cis"}, 1); len(got) != 1 || got[0] != "UA" {
		t.Errorf("Closest(UK) = %q, want [UA]", got)
	}
}

func TestLoadRefusesTooManyNodes(t *testing.T) {
	// 3,000,001 tiny list items in 6 MB: under the size limit, but the YAML
	// library would build gigabytes of nodes. It is refused before parsing.
	data := []byte("events: [" + strings.Repeat("1,", 3_000_000) + "1]\n")
	_, err := Load(File{Name: "hostile.yaml", Data: data})
	if err == nil || !strings.Contains(err.Error(), "hostile.yaml: file holds more than") {
		t.Fatalf("Load = %v, want the file refused for its number of values", err)
	}
}

func TestReadEvents(t *testing.T) {
	src := "- {treaty: t, party: AA, kind: accession, date: 2000-01-01, source: {cite: c, grade: P}}\n" +
		"- {treaty: t, party: AA, kind: withdrawal-notice, earliest: 2030-01-01, expected: true}\n"
	events, err := ReadEvents(File{Name: "w.yaml", Data: []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	want := []Event{
		{Treaty: "t", Party: "AA", Kind: Accession, When: On(MustParseDate("2000-01-01")),
			Source: Source{Citation: "c", Grade: GradeP}, Pos: at2("w.yaml", 1, 3)},
		{Treaty: "t", Party: "AA", Kind: WithdrawalNotice, When: When{Earliest: MustParseDate("2030-01-01"), Expected: true},
			Pos: at2("w.yaml", 2, 3)},
	}
	if diff := cmp.Diff(want, events, dateEq); diff != "" {
		t.Errorf("ReadEvents (-want +got):\n%s", diff)
	}
	_, err = ReadEvents(File{Name: "w.yaml", Data: []byte("- {kind: accesion, date: 2000-01-01, expected: true}\n")})
	wantErr := "w.yaml:1:10: events.kind: unknown event kind \"accesion\" (did you mean \"accession\"?)\n" +
		"w.yaml:1:26: events.date: an expected event has earliest (and perhaps latest), not date"
	if err == nil || err.Error() != wantErr {
		t.Errorf("ReadEvents error:\n%v\nwant:\n%s", err, wantErr)
	}
}

// TestLoadClipsQuotedInput: no message quotes more than a short piece of a
// value, however long the value.
func TestLoadClipsQuotedInput(t *testing.T) {
	x := strings.Repeat("x", 100_000)
	src := "dataset: {name: n, version: '1', record_as_of: " + x + "}\n" +
		"parties:\n  - {id: " + x + ", name: A, kind: " + x + "}\n  - {id: BB, name: B, kind: state, continues: " + x + "}\n" +
		"treaties:\n  - {id: " + x + ", title: t, concluded: 2000-01-01, participation: " + x + ",\n" +
		"     clauses: {entry_into_force: " + x + ", withdrawal: {template: " + x + "}}}\n" +
		"events:\n  - {treaty: " + x + ", party: " + x + ", kind: " + x + ", date: " + x + ", towards: " + x + ",\n" +
		"     source: {cite: c, grade: " + x + "}}\n" +
		"rules:\n  - {id: " + x + ", expr: 'true'}\n" +
		"organisations:\n  - {party: " + x + ", constituent: [" + x + "], default: d, founding: " + x + ", statuses: [{status: s, rule: " + x + "}]}\n" +
		strings.Repeat("k", 1000) + ": 1\n" // a YAML key is at most 1024 characters
	_, err := Load(File{Name: "long.yaml", Data: []byte(src)})
	if err == nil {
		t.Fatal("Load succeeded")
	}
	lines := strings.Split(err.Error(), "\n")
	if len(lines) < 10 {
		t.Errorf("only %d problems:\n%v", len(lines), err)
	}
	for _, l := range lines {
		if len(l) > 300 {
			t.Errorf("a problem of %d bytes: %.200s…", len(l), l)
		}
	}
}
