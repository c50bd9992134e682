package rules_test

import (
	"context"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

func templateEngine(t *testing.T) *rules.Engine {
	t.Helper()
	ds, err := cistreaty.LoadFS(os.DirFS("testdata/templates"), "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	e, err := rules.New(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestTemplates(t *testing.T) {
	e := templateEngine(t)
	I := rules.Indeterminate
	cases := []boundary{
		{"nth-instrument: first three parties", "t-nth", "AA", "2000-04-09", rules.False, rules.True, "third deposit 10 Mar 2000 + 30 days", "nth-instrument"},
		{"nth-instrument: the third itself", "t-nth", "CC", "2000-04-09", rules.False, rules.True, "third deposit 10 Mar 2000 + 30 days", "nth-instrument"},
		{"later-instrument", "t-nth", "DD", "2000-05-31", rules.False, rules.True, "deposit 1 May 2000 + 30 days", "later-instrument"},
		{"a signature alone does not bind", "t-nth", "EE", "2000-04-09", rules.False, rules.False, "no deposit", "not a party"},
		{"own-instrument", "t-own", "AA", "2001-01-01", rules.False, rules.True, "ratification 1 Jan 2001", "own-instrument"},
		{"all-parties: every signatory", "t-all", "AA", "2002-12-31", rules.False, rules.True, "last signatory's deposit 31 Dec 2002", "all-parties"},
		{"all-parties: the last signatory", "t-all", "CC", "2002-12-31", rules.False, rules.True, "its own deposit completes the set", "all-parties"},
		{"all-parties: a later party", "t-all", "DD", "2003-06-01", rules.False, rules.True, "its own deposit, after the treaty's entry into force", "all-parties"},
		{"fixed-date", "t-fixed", "AA", "2004-07-01", rules.False, rules.True, "deposit before 1 Jul 2004", "fixed-date"},
		{"fixed-date: later deposit", "t-fixed", "BB", "2004-09-09", rules.False, rules.True, "deposit after the fixed date", "fixed-date"},
		{"VCLT Art. 24(2)", "t-silent", "AA", "2005-03-01", rules.False, rules.True, "both signatories consented by 1 Mar 2005", "vclt-1969/art-24"},
		{"VCLT Art. 24(3)", "t-silent", "CC", "2006-01-01", rules.False, rules.True, "later accession", "vclt-1969/art-24"},
		{"VCLT Art. 56", "t-silent", "AA", "2008-01-31", rules.True, I, "notice 31 Jan 2007 + 12 months; whether withdrawal is admitted is open", "vclt-1969/art-56"},
		{"notice-plus-days", "t-days", "AA", "2009-04-01", rules.True, rules.False, "notice 1 Jan 2009 + 90 days", "notice-plus-days"},
		{"fixed-term: the last day still binds", "t-term", "AA", "2011-01-01", rules.True, rules.False, "term ends 31 Dec 2010", "fixed-term"},
		{"notice-plus-months, round-up", "t-roundup", "AA", "2011-03-01", rules.True, rules.False, "31 Jan 2011 + 1 month, no 31 Feb: round up to 1 Mar", "notice-plus-months"},
		{"VCLT Art. 84(1)", "t-conv", "AA", "1980-01-27", rules.False, rules.True, "thirty-fifth instrument 28 Dec 1979 + 30 days", "vclt-1969/art-84-1"},
		{"VCLT Art. 84(2)", "t-conv", "BB", "1980-01-28", rules.False, rules.True, "deposit 29 Dec 1979 + 30 days", "vclt-1969/art-84-2"},
		{"unknown clause", "t-unknown", "AA", "2012-01-01", rules.False, I, "signature under an unknown clause", "unknown"},
	}
	checkBoundaries(t, e, cases)
}

func TestDisplacement(t *testing.T) {
	e := templateEngine(t)
	for _, c := range []struct {
		on   string
		want rules.Truth
		why  string
	}{
		{"2013-05-31", rules.True, "t-new not yet in force for BB"},
		{"2013-06-01", rules.False, "t-new in force for both: t-old ceases between them"},
		{"2013-06-02", rules.False, "t-old has ceased between them"},
		{"2014-06-01", rules.False, "suspending t-new does not revive t-old"},
	} {
		got, err := e.BoundTowards(context.Background(), "t-old", "AA", "BB", day(c.on))
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("BoundTowards(t-old, AA, BB, %s) = %v, want %v (%s)", c.on, got, c.want, c.why)
		}
	}
	// CC is not bound by t-new: t-old still applies between AA and CC.
	if got, _ := e.BoundTowards(context.Background(), "t-old", "AA", "CC", day("2020-01-01")); got != rules.True {
		t.Errorf("BoundTowards(t-old, AA, CC, 2020-01-01) = %v, want true", got)
	}
	if got, _ := e.BoundTowards(context.Background(), "t-new", "AA", "BB", day("2014-01-01")); got != rules.False {
		t.Errorf("BoundTowards(t-new, AA, BB, 2014-01-01) = %v, want false (suspended)", got)
	}
}

func TestExplainTemplateCitesTreatyArticle(t *testing.T) {
	e := templateEngine(t)
	v, err := e.Explain(context.Background(), rules.Question{Kind: rules.QuestionEIF, Treaty: "t-nth", Party: "DD"})
	if err != nil {
		t.Fatal(err)
	}
	if v.Answer.String() != "2000-05-31" {
		t.Fatalf("eif t-nth DD = %s, want 2000-05-31", v.Answer)
	}
	if len(v.Because) == 0 || v.Because[0].Rule != "later-instrument/entry-into-force" || v.Because[0].Cites != "Art. 10(2)" {
		t.Errorf("because[0] = %+v, want the later-instrument template citing the treaty's Art. 10(2)", v.Because)
	}
}

func TestRoundUpNoted(t *testing.T) {
	e := templateEngine(t)
	v, err := e.Explain(context.Background(), rules.Question{Kind: rules.QuestionBound, Treaty: "t-roundup", Party: "AA", On: day("2011-03-01")})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, n := range v.Notes {
		if n == "2011-01-31 plus 1 months has no such day; by the round-up month-end rule it is 2011-03-01." {
			found = true
		}
	}
	if !found {
		t.Errorf("notes %q do not say that the month end was adjusted", v.Notes)
	}
}

// TestFindingsInTreatyIDOrder: the engine builds treaties side by side, in
// file order (t-own before t-fixed in the file), and lists its findings in
// treaty ID order (t-fixed before t-own), as a lazy engine does. t-fixed
// enters into force for AA on its fixed date, 1 Jul 2004 (AA deposited
// before it); t-own on AA's ratification, 1 Jan 2001.
func TestFindingsInTreatyIDOrder(t *testing.T) {
	data, err := os.ReadFile("testdata/templates/dataset.yaml")
	if err != nil {
		t.Fatal(err)
	}
	extra := `events:
  - {treaty: t-own, party: AA, kind: entry-into-force, date: 2001-01-02, source: {cite: made up, grade: S}}
  - {treaty: t-fixed, party: AA, kind: entry-into-force, date: 2004-07-02, source: {cite: made up, grade: S}}
`
	ds, err := cistreaty.Load(cistreaty.File{Name: "dataset.yaml", Data: data}, cistreaty.File{Name: "extra.yaml", Data: []byte(extra)})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	law, err := rules.Compile()
	if err != nil {
		t.Fatal(err)
	}
	eager, err := law.Engine(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	lazy, err := law.LazyEngine(ctx, ds)
	if err != nil {
		t.Fatal(err)
	}
	for name, e := range map[string]*rules.Engine{"engine": eager, "lazy engine": lazy} {
		f, err := e.Findings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, x := range f {
			got = append(got, x.Treaty+" "+x.Party)
		}
		if diff := cmp.Diff([]string{"t-fixed AA", "t-own AA"}, got); diff != "" {
			t.Errorf("%s: findings (-want +got):\n%s", name, diff)
		}
	}
}

func TestFindingsRecordedContradictsComputed(t *testing.T) {
	data, err := os.ReadFile("testdata/templates/dataset.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// t-own enters into force for AA on its ratification, 1 Jan 2001; a
	// recorded 2 Jan 2001 contradicts it. t-unknown's participation is
	// partial, so a recorded date there is a graded input, not a finding.
	extra := `events:
  - {treaty: t-own, party: AA, kind: entry-into-force, date: 2001-01-02, source: {cite: made up, grade: S}}
  - {treaty: t-unknown, party: AA, kind: entry-into-force, date: 2012-06-01, source: {cite: made up, grade: S}}
`
	ds, err := cistreaty.Load(cistreaty.File{Name: "dataset.yaml", Data: data}, cistreaty.File{Name: "extra.yaml", Data: []byte(extra)})
	if err != nil {
		t.Fatal(err)
	}
	e, err := rules.New(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	f, err := e.Findings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(f) != 1 || f[0].Treaty != "t-own" || f[0].Party != "AA" || f[0].Pos.File != "extra.yaml" {
		t.Fatalf("findings %+v, want one for t-own AA at extra.yaml", f)
	}
	// The computed date decides; the finding is for a person to look at.
	if got, _ := e.Bound(context.Background(), "t-own", "AA", day("2001-01-01")); got != rules.True {
		t.Errorf("Bound(t-own, AA, 2001-01-01) = %v, want true (computed from the ratification)", got)
	}
}
