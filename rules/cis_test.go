package rules_test

import (
	"context"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

var (
	cisOnce sync.Once
	cisEng  *rules.Engine
	cisErr  error
)

// cisEngine builds the engine over the embedded CIS dataset once per test
// binary.
func cisEngine(t testing.TB) *rules.Engine {
	t.Helper()
	cisOnce.Do(func() {
		ds, err := cistreaty.Default()
		if err != nil {
			cisErr = err
			return
		}
		cisEng, cisErr = rules.New(context.Background(), ds)
	})
	if cisErr != nil {
		t.Fatal(cisErr)
	}
	return cisEng
}

func day(s string) cistreaty.Date { return cistreaty.MustParseDate(s) }

func shift(t testing.TB, d cistreaty.Date, n int) cistreaty.Date {
	t.Helper()
	r, err := d.AddDays(n)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// boundary checks a rule's date on the day before (want before), the day
// itself and the day after (want from).
type boundary struct {
	name           string
	treaty, party  string
	date           string
	before, from   rules.Truth
	source, reason string
}

func checkBoundaries(t *testing.T, e *rules.Engine, cases []boundary) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.reason == "" || c.source == "" {
				t.Fatal("every case needs the rule it tests (reason) and its source")
			}
			d := day(c.date)
			for _, x := range []struct {
				on   cistreaty.Date
				want rules.Truth
			}{{shift(t, d, -1), c.before}, {d, c.from}, {shift(t, d, 1), c.from}} {
				got, err := e.Bound(context.Background(), c.treaty, c.party, x.on)
				if err != nil {
					t.Fatal(err)
				}
				if got != x.want {
					t.Errorf("Bound(%s, %s, %s) = %v, want %v (%s; %s)", c.treaty, c.party, x.on, got, x.want, c.reason, c.source)
				}
				// The explained form must agree with the lookup.
				v, err := e.Explain(context.Background(), rules.Question{Kind: rules.QuestionBound, Treaty: c.treaty, Party: c.party, On: x.on})
				if err != nil {
					t.Fatal(err)
				}
				if v.Truth() != got {
					t.Errorf("Explain(bound %s %s %s) = %v, Bound = %v", c.treaty, c.party, x.on, v.Truth(), got)
				}
			}
		})
	}
}

func TestAgreementInForceOnRatification(t *testing.T) {
	const rule = "alma-ata-protocol-1991/agreement-on-ratification"
	cases := []boundary{
		{"BY", "cis-agreement-1991", "BY", "1991-12-10", rules.False, rules.True, "legal-facts §2.1 (monitor.cn.ua)", rule},
		{"UA", "cis-agreement-1991", "UA", "1991-12-10", rules.False, rules.True, "legal-facts §2.1", rule},
		{"RU ratified on 12 Dec, not 10 Dec", "cis-agreement-1991", "RU", "1991-12-12", rules.False, rules.True, "legal-facts §2.1, §7 item 3", rule},
		{"KZ", "cis-agreement-1991", "KZ", "1991-12-23", rules.False, rules.True, "legal-facts §2.1 [WP]", rule},
		{"TM", "cis-agreement-1991", "TM", "1991-12-26", rules.False, rules.True, "legal-facts §2.1 [WP]", rule},
		{"AM", "cis-agreement-1991", "AM", "1992-02-18", rules.False, rules.True, "legal-facts §2.1 [WP]", rule},
		{"KG", "cis-agreement-1991", "KG", "1992-03-06", rules.False, rules.True, "legal-facts §2.1 [WP]", rule},
		{"UZ", "cis-agreement-1991", "UZ", "1992-04-01", rules.False, rules.True, "legal-facts §2.1 [WP]", rule},
		{"TJ", "cis-agreement-1991", "TJ", "1993-06-26", rules.False, rules.True, "legal-facts §2.1 [WP]", rule},
		{"AZ accession", "cis-agreement-1991", "AZ", "1993-09-24", rules.False, rules.True, "legal-facts §2.1, §3", rule},
		{"MD", "cis-agreement-1991", "MD", "1994-04-08", rules.False, rules.True, "legal-facts §2.1 [WP]", rule},
		{"GE withdrew", "cis-agreement-1991", "GE", "2009-08-18", rules.True, rules.False, "legal-facts §3 (note of 18 Aug 2008 + 12 months)", "record/withdrawal"},
	}
	checkBoundaries(t, cisEngine(t), cases)
}

func TestCharterEntryIntoForce(t *testing.T) {
	const art41 = "cis-charter-1993/art-41: one year after adoption for those that had deposited"
	const later = "cis-charter-1993/practice-later-deposit: on deposit"
	cases := []boundary{
		{"RU", "cis-charter-1993", "RU", "1994-01-22", rules.False, rules.True, "legal-facts §2.3 (22 Jan 1994, not 22 Jul 1993)", art41},
		{"TJ", "cis-charter-1993", "TJ", "1994-01-22", rules.False, rules.True, "legal-facts §2.3", art41},
		{"AZ", "cis-charter-1993", "AZ", "1994-01-22", rules.False, rules.True, "legal-facts §2.3", art41},
		{"BY deposited 18 Jan 1994", "cis-charter-1993", "BY", "1994-01-22", rules.False, rules.True, "legal-facts §2.3", art41},
		{"UZ", "cis-charter-1993", "UZ", "1994-02-09", rules.False, rules.True, "legal-facts §2.3", later},
		{"AM", "cis-charter-1993", "AM", "1994-03-16", rules.False, rules.True, "legal-facts §2.3", later},
		{"KG", "cis-charter-1993", "KG", "1994-04-12", rules.False, rules.True, "legal-facts §2.3", later},
		{"GE", "cis-charter-1993", "GE", "1994-04-19", rules.False, rules.True, "legal-facts §2.3", later},
		{"KZ", "cis-charter-1993", "KZ", "1994-04-20", rules.False, rules.True, "legal-facts §2.3", later},
		{"MD", "cis-charter-1993", "MD", "1994-06-27", rules.False, rules.True, "lex.justice.md id=357324 (P)", later},
		{"GE withdrawal, Art. 9", "cis-charter-1993", "GE", "2009-08-18", rules.True, rules.False, "legal-facts §3: notice 18 Aug 2008 + 12 months", "notice-plus-months/withdrawal"},
		{"UA never ratified", "cis-charter-1993", "UA", "1994-01-22", rules.False, rules.False, "mfa.am (P)", "not a party"},
		{"TM never ratified", "cis-charter-1993", "TM", "1994-01-22", rules.False, rules.False, "legal-facts §2.3", "not a party"},
	}
	checkBoundaries(t, cisEngine(t), cases)
}

func TestVCLTEntryIntoForce(t *testing.T) {
	const rule = "vclt-1969/art-84-2: thirtieth day after deposit"
	cases := []boundary{
		{"USSR", "vclt-1969", "SU", "1986-05-29", rules.False, rules.True, "Tractatenblad 1996/89: deposit 29 Apr 1986", rule},
		{"RU through the USSR", "vclt-1969", "RU", "1986-05-29", rules.False, rules.True, "continuity RU of SU", rule},
		{"BY", "vclt-1969", "BY", "1986-05-31", rules.False, rules.True, "Tractatenblad 1996/89: deposit 1 May 1986", rule},
		{"UA", "vclt-1969", "UA", "1986-06-13", rules.False, rules.True, "Tractatenblad 1996/89: deposit 14 May 1986", rule},
		{"MD", "vclt-1969", "MD", "1993-02-25", rules.False, rules.True, "lex.justice.md id=357022", rule},
		{"KZ", "vclt-1969", "KZ", "1994-02-04", rules.False, rules.True, "Tractatenblad 1996/89", rule},
		{"GE", "vclt-1969", "GE", "1995-07-08", rules.False, rules.True, "Tractatenblad 1996/89", rule},
		{"UZ", "vclt-1969", "UZ", "1995-08-11", rules.False, rules.True, "Tractatenblad 1996/89", rule},
		{"TM", "vclt-1969", "TM", "1996-02-03", rules.False, rules.True, "Tractatenblad 1996/89", rule},
		{"TJ", "vclt-1969", "TJ", "1996-06-05", rules.False, rules.True, "BGBl. III Nr. 75/1999", rule},
		{"KG", "vclt-1969", "KG", "1999-06-10", rules.False, rules.True, "BGBl. III Nr. 207/1999", rule},
		{"AM: 16 Jun 2005, not 17 Jun", "vclt-1969", "AM", "2005-06-16", rules.False, rules.True, "BGBl. III Nr. 24/2008; ARLIS", rule},
		{"the USSR ceased to exist", "vclt-1969", "SU", "1991-12-26", rules.True, rules.False, "legal-facts: SU ceased 26 Dec 1991", "record/ceased-to-exist"},
	}
	checkBoundaries(t, cisEngine(t), cases)
}

func TestCSTTerm(t *testing.T) {
	const term = "cst-1992/art-11-term: the term ends on 20 Apr 1999 for states that did not sign the 1999 Protocol"
	cases := []boundary{
		{"AZ entry into force", "cst-1992", "AZ", "1994-04-20", rules.False, rules.True, "2010 Protocol recital (P); AZ joined 24 Sep 1993 (S)", "record/general-entry-into-force"},
		{"AZ still bound on 20 Apr 1999", "cst-1992", "AZ", "1999-04-21", rules.True, rules.False, "1999 Protocol recital: term 'истекает 20 апреля 1999 года'", term},
		{"GE", "cst-1992", "GE", "1999-04-21", rules.True, rules.False, "legal-facts §5", term},
		{"BY extended", "cst-1992", "BY", "1999-04-21", rules.True, rules.True, "BY signed the 1999 Protocol, which runs from 21 Apr 1999", term},
		{"KZ extended", "cst-1992", "KZ", "1999-04-21", rules.True, rules.True, "KZ signed the 1999 Protocol", term},
	}
	checkBoundaries(t, cisEngine(t), cases)
}

func TestFTA2011Suspension(t *testing.T) {
	e := cisEngine(t)
	for _, c := range []struct {
		on   string
		want rules.Truth
	}{
		{"2015-12-31", rules.True}, // before the suspension
		{"2016-01-01", rules.False},
		{"2016-01-02", rules.False},
	} {
		got, err := e.BoundTowards(context.Background(), "fta-2011", "RU", "UA", day(c.on))
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("BoundTowards(fta-2011, RU, UA, %s) = %v, want %v (decree of 16 Dec 2015: suspended from 1 Jan 2016)", c.on, got, c.want)
		}
		// Suspension is symmetric (VCLT Art. 72).
		if back, _ := e.BoundTowards(context.Background(), "fta-2011", "UA", "RU", day(c.on)); back != got {
			t.Errorf("BoundTowards(fta-2011, UA, RU, %s) = %v, want %v", c.on, back, got)
		}
	}
	if got, _ := e.Bound(context.Background(), "fta-2011", "RU", day("2016-01-01")); got != rules.True {
		t.Errorf("Bound(fta-2011, RU, 2016-01-01) = %v: suspension towards one party does not end the treaty for RU", got)
	}
	if got, _ := e.BoundTowards(context.Background(), "fta-2011", "RU", "BY", day("2016-01-01")); got != rules.True {
		t.Errorf("BoundTowards(fta-2011, RU, BY, 2016-01-01) = %v, want true", got)
	}
}

func TestMembership(t *testing.T) {
	e := cisEngine(t)
	cases := []struct {
		party, on, want, source string
	}{
		{"GE", "2009-08-17", "member-state", "Art. 9: notice 18 Aug 2008, 12 months"},
		{"GE", "2009-08-18", "withdrawn", "mfa.am: withdrew 18 Aug 2009"},
		{"GE", "2009-08-19", "withdrawn", "mfa.am"},
		{"GE", "1994-04-18", "participant", "accession 1993, Charter deposit 19 Apr 1994"},
		{"GE", "1994-04-19", "member-state", "Charter deposit 19 Apr 1994"},
		{"GE", "1993-11-01", "", "accession between 8 Oct and 9 Dec 1993: not settled"},
		{"GE", "1993-10-07", "non-participant", "no accession before 8 Oct 1993"},
		{"GE", "1993-12-09", "participant", "accession by 9 Dec 1993 at the latest"},
		{"UA", "2020-01-01", "participant", "mfa.am: not a member state de jure; no withdrawal notice (Lebedev 2026)"},
		{"TM", "2005-08-25", "participant", "associate status from 26 Aug 2005"},
		{"TM", "2005-08-26", "associate-member", "mfa.am: Kazan summit 26 Aug 2005"},
		{"TM", "2005-08-27", "associate-member", "mfa.am"},
		{"RU", "1994-01-21", "participant", "Charter in force from 22 Jan 1994"},
		{"RU", "1994-01-22", "member-state", "Charter Art. 41"},
		{"MD", "1994-04-07", "non-participant", "ratified the Agreement 8 Apr 1994"},
		{"MD", "1994-04-08", "participant", "ratified the Agreement 8 Apr 1994"},
		{"MD", "1994-06-26", "participant", "Charter deposit 27 Jun 1994"},
		{"MD", "1994-06-27", "member-state", "lex.justice.md: in force 27 Jun 1994"},
		{"MD", "2026-12-01", "member-state", "no notice can take effect before 20 Mar 2027"},
		{"MD", "2027-03-19", "member-state", "earliest notice 20 Mar 2026 + 12 months"},
		{"MD", "2027-03-20", "", "the notice, if received on its earliest day, takes effect now"},
		{"MD", "2027-06-01", "", "notice unrecorded"},
		{"AZ", "1993-09-23", "non-participant", "accession 24 Sep 1993"},
		{"AZ", "1993-09-24", "participant", "accession 24 Sep 1993"},
		{"sco", "2025-10-09", "non-participant", "observer from 10 Oct 2025"},
		{"sco", "2025-10-10", "observer", "Interfax 10 Oct 2025"},
		{"SU", "1991-12-20", "non-participant", "the USSR was never a party"},
	}
	for _, c := range cases {
		got, settled, err := e.Membership(context.Background(), "cis", c.party, day(c.on))
		if err != nil {
			t.Fatal(err)
		}
		if c.want == "" {
			if settled {
				t.Errorf("Membership(%s, %s) = %s, want indeterminate (%s)", c.party, c.on, got, c.source)
			}
			continue
		}
		if !settled || got != c.want {
			t.Errorf("Membership(%s, %s) = %q (settled %v), want %q (%s)", c.party, c.on, got, settled, c.want, c.source)
		}
	}
}

func TestFounding(t *testing.T) {
	e := cisEngine(t)
	want := map[string]rules.Truth{
		"UA": rules.True, "RU": rules.True, "BY": rules.True, "KZ": rules.True, "TM": rules.True,
		"AM": rules.True, "KG": rules.True, "UZ": rules.True,
		// Ratified the Agreement after the Charter's adoption: two readings.
		"TJ": rules.Indeterminate, "MD": rules.Indeterminate,
		// Members by accession (Art. 7(3)), not founding states.
		"AZ": rules.False, "GE": rules.False,
	}
	got := map[string]rules.Truth{}
	for p := range want {
		f, err := e.Founding(context.Background(), "cis", p)
		if err != nil {
			t.Fatal(err)
		}
		got[p] = f
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("founding states (-want +got):\n%s", d)
	}
}

func TestVCLTApplies(t *testing.T) {
	e := cisEngine(t)
	cases := []struct {
		treaty, a, b string
		want         rules.Truth
		why          string
	}{
		{"cis-agreement-1991", "BY", "UA", rules.True, "VCLT in force for BY (31 May 1986) and UA (13 Jun 1986) before 8 Dec 1991"},
		{"cis-agreement-1991", "BY", "RU", rules.True, "RU through the USSR (29 May 1986)"},
		{"alma-ata-protocol-1991", "RU", "KZ", rules.False, "KZ: VCLT in force 4 Feb 1994"},
		{"cis-charter-1993", "RU", "MD", rules.False, "MD: VCLT in force 25 Feb 1993, after the Charter's conclusion on 22 Jan 1993"},
		{"fta-2011", "RU", "KZ", rules.True, "both bound by the VCLT long before 18 Oct 2011"},
		{"fta-2011", "RU", "AZ", rules.False, "AZ has no act under the 2011 Treaty (its eight signatories are in the record): no relation for Art. 4 to govern"},
		{"services-fta-2023", "RU", "AZ", rules.False, "AZ has no act under the 2023 Agreement (its seven signatories are in the record)"},
		{"cis-charter-1993", "RU", "UA", rules.False, "UA never signed or ratified the Charter (mfa.am, P)"},
	}
	for _, c := range cases {
		got, err := e.VCLTApplies(context.Background(), c.treaty, c.a, c.b)
		if err != nil {
			t.Fatal(err)
		}
		if got != c.want {
			t.Errorf("VCLTApplies(%s, %s, %s) = %v, want %v (%s)", c.treaty, c.a, c.b, got, c.want, c.why)
		}
		v, err := e.Explain(context.Background(), rules.Question{Kind: rules.QuestionVCLT, Treaty: c.treaty, Party: c.a, Towards: c.b})
		if err != nil {
			t.Fatal(err)
		}
		if v.Reason == rules.ReasonNotParty {
			// Explain says why: null, not-party, settled.
			if got != rules.False || !v.Determinate {
				t.Errorf("Explain(vclt %s %s %s) = not-party (determinate %v), lookup %v", c.treaty, c.a, c.b, v.Determinate, got)
			}
		} else if v.Truth() != got {
			t.Errorf("Explain(vclt %s %s %s) = %v, lookup %v", c.treaty, c.a, c.b, v.Truth(), got)
		}
	}
}

func TestWithdrawalEffective(t *testing.T) {
	e := cisEngine(t)
	cases := []struct {
		notice, named, want string
		why                 string
	}{
		{"2026-04-15", "", "2027-04-15", "Art. 9: 12 months after notice"},
		{"2008-08-18", "", "2009-08-18", "Georgia's notice (legal-facts §3)"},
		{"2024-02-29", "", "2025-02-28", "no 29 Feb 2025: last day of the month (DESIGN §3)"},
		{"2026-04-15", "2027-06-01", "2027-06-01", "a later date named in the notice"},
		{"2026-04-15", "2027-01-01", "2027-04-15", "a named date earlier than 12 months does not shorten the period"},
	}
	for _, c := range cases {
		q := rules.Question{Kind: rules.QuestionWithdrawal, Treaty: "cis-charter-1993", Party: "MD", Notice: day(c.notice)}
		if c.named != "" {
			q.Effective = day(c.named)
		}
		v, err := e.Explain(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if got := v.Answer.String(); got != c.want || !v.Determinate {
			t.Errorf("withdrawal notice %s named %q = %s (determinate %v), want %s (%s)", c.notice, c.named, got, v.Determinate, c.want, c.why)
		}
	}
}

// A notice presupposes a party: for a state not bound on the notice day the
// plain query computes no exit (Georgia left on 18 Aug 2009, mfa.am; Ukraine
// never ratified the Charter).
func TestWithdrawalEffectiveNotBound(t *testing.T) {
	e := cisEngine(t)
	cases := []struct {
		party, notice string
		settled       bool
		why           string
	}{
		{"GE", "2026-04-15", true, "Georgia left the CIS on 18 Aug 2009"},
		{"GE", "2009-08-18", true, "the day of its exit"},
		{"UA", "2026-04-15", true, "Ukraine never consented to the Charter"},
	}
	for _, c := range cases {
		d, settled, err := e.WithdrawalEffective(context.Background(), "cis-charter-1993", c.party, day(c.notice), cistreaty.Date{})
		if err != nil {
			t.Fatal(err)
		}
		if d.IsValid() || settled != c.settled {
			t.Errorf("WithdrawalEffective(%s, %s) = %v, settled %v; want no date, settled %v (%s)", c.party, c.notice, d, settled, c.settled, c.why)
		}
	}
	d, settled, err := e.WithdrawalEffective(context.Background(), "cis-charter-1993", "GE", day("2008-08-18"), cistreaty.Date{})
	if err != nil || d != day("2009-08-18") || !settled {
		t.Errorf("WithdrawalEffective(GE, 2008-08-18) = %v, %v, %v; want 2009-08-18, settled", d, settled, err)
	}
	// A second notice while the first runs does not postpone the exit the
	// first fixes (notice received 18 Aug 2008, Kommersant; out on 18 Aug
	// 2009, mfa.am), as Explain says (testdata/cases/withdrawal-not-party.yaml).
	d, settled, err = e.WithdrawalEffective(context.Background(), "cis-charter-1993", "GE", day("2009-08-17"), cistreaty.Date{})
	if err != nil || d != day("2009-08-18") || !settled {
		t.Errorf("WithdrawalEffective(GE, 2009-08-17) = %v, %v, %v; want 2009-08-18, settled", d, settled, err)
	}
}
