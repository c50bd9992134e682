package cistreaty

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// contradictionsByMaps is the check of contradictions written the plain
// way, with a map from facts and a map from pairs: the oracle that
// contradictions, which groups events through the dataset's index, must
// agree with problem for problem and in the same order.
func (v *validator) contradictionsByMaps() {
	ds := v.ds
	first := make(map[factKey]*Event, len(ds.events))
	pairs := make(map[pairKey][]*Event)
	var keys []pairKey
	for i := range ds.events {
		e := &ds.events[i]
		if !e.When.Earliest.IsValid() || e.Kind == EventUnknown {
			continue
		}
		k := factKey{e.Treaty, e.Party, e.Towards, e.Kind, e.When, e.Effective}
		if f, dup := first[k]; dup {
			v.addCode(e.Pos, "events", codeDuplicate, "the same %s%s as the event%s: a fact is recorded once%s",
				e.Kind, forWhom(e), where(f.Pos), eventDesc{e})
			continue
		}
		first[k] = e
		if e.Treaty != "" && e.Party != "" {
			k := pairKey{e.Treaty, e.Party}
			if pairs[k] == nil {
				keys = append(keys, k)
			}
			pairs[k] = append(pairs[k], e)
		}
	}
	for _, k := range keys {
		v.pairFacts(k, pairs[k])
	}
}

// randomRecord is a dataset of a few treaties and states whose events are
// drawn from a small pool of kinds, days and names, so that duplicates,
// contradictions, unknown and empty IDs, and pairs of many events all
// occur; the dataset is indexed, not validated.
func randomRecord(rnd *rand.Rand, nEvents int) *Dataset {
	ds := &Dataset{name: "r", version: "1", recordAsOf: MustParseDate("2026-01-01")}
	for i := range 6 {
		p := Party{ID: fmt.Sprintf("P%d", i), Name: "p", Kind: KindState}
		if i == 5 {
			p.Continues = "P0"
		}
		ds.parties = append(ds.parties, p)
	}
	for i := range 4 {
		t := Treaty{ID: fmt.Sprintf("T%d", i), Title: "t", Concluded: MustParseDate("1990-01-01"), Participation: Complete}
		if i%2 == 1 {
			t.Participation = Partial
		}
		ds.treaties = append(ds.treaties, t)
	}
	ds.treaties = append(ds.treaties, Treaty{ID: "T0", Title: "again", Concluded: MustParseDate("1990-01-01")})
	kinds := []EventKind{EventUnknown, Signature, Ratification, Deposit, Accession, Succession, Notification, EntryIntoForce,
		ProvisionalApplication, Suspension, SuspensionEnd, WithdrawalNotice, Denunciation, Withdrawal, Termination, CeasedToExist}
	names := func(prefix string, n int) string {
		switch k := rnd.IntN(n + 2); k {
		case n:
			return ""
		case n + 1:
			return prefix + "unknown"
		default:
			return fmt.Sprintf("%s%d", prefix, k)
		}
	}
	day := func() Date {
		d, _ := DateFromDayNumber(MustParseDate("1990-01-01").DayNumber() + int64(rnd.IntN(12))*400)
		return d
	}
	for i := range nEvents {
		e := Event{Treaty: names("T", 4), Party: names("P", 6), Kind: kinds[rnd.IntN(len(kinds))], Pos: Pos{File: "r.yaml", Line: i + 1, Col: 5}}
		if rnd.IntN(4) == 0 {
			e.Towards = names("P", 6)
		}
		switch rnd.IntN(6) {
		case 0: // no day
		case 1:
			a, b := day(), day()
			if b.Before(a) {
				a, b = b, a
			}
			e.When = When{Earliest: a, Latest: b}
		case 2:
			e.When = When{Earliest: day(), Expected: true}
		default:
			e.When = On(day())
		}
		if rnd.IntN(8) == 0 {
			e.Effective = day()
		}
		ds.events = append(ds.events, e)
	}
	ds.index()
	return ds
}

// checkBoth runs both checks of contradictions over ds and returns their
// problems, with the limit given.
func checkBoth(ds *Dataset, limit int) (got, want Problems) {
	run := func(check func(*validator)) Problems {
		v := &validator{ds: ds, suggestBudget: maxSuggestWork, limit: limit}
		v.indexByID()
		v.probs = nil // the duplicate treaty ID is not this check's
		check(v)
		return v.probs
	}
	return run((*validator).contradictions), run((*validator).contradictionsByMaps)
}

func TestContradictionsAgreeWithTheOracle(t *testing.T) {
	ds, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	got, want := checkBoth(ds, maxProblems)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("embedded dataset: problems differ (-oracle +index):\n%s", diff)
	}
	codes := map[string]int{}
	for seed := range uint64(300) {
		rnd := rand.New(rand.NewPCG(seed, 7))
		n := 1 + rnd.IntN(120)
		if seed%50 == 0 {
			n = 3000 // pairs of more than 32 events
		}
		ds := randomRecord(rnd, n)
		for _, limit := range []int{maxProblems, 3} {
			got, want := checkBoth(ds, limit)
			for _, p := range want {
				codes[p.Code]++
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Fatalf("seed %d, %d events, limit %d: problems differ (-oracle +index):\n%s", seed, n, limit, diff)
			}
		}
	}
	// The records must have made the oracle find both kinds of problem.
	if codes[codeDuplicate] == 0 || codes[codeContradicted] == 0 {
		t.Errorf("the random records gave problems %v; want duplicates and contradictions", codes)
	}
}

// runOneAfterAnother is run with every check in turn on one validator: the
// oracle of run, which checks contradictions beside the other checks.
func (v *validator) runOneAfterAnother() {
	ds := v.ds
	v.header()
	v.indexByID()
	for i := range ds.parties {
		v.party(&ds.parties[i])
	}
	for i := range ds.treaties {
		v.treaty(&ds.treaties[i])
	}
	v.rules()
	v.events(nil)
	v.contradictions()
	v.organisations()
}

// Validation lists the same problems, in the same order and with the same
// count beyond its limit, as checking one thing after another would, at
// every limit.
func TestValidationJoinsContradictionsInOrder(t *testing.T) {
	for seed := range uint64(40) {
		rnd := rand.New(rand.NewPCG(seed, 11))
		ds := randomRecord(rnd, 20+rnd.IntN(200))
		ds.recordAsOf = Date{} // a header problem first
		all, _ := ds.validate(nil, maxProblems)
		if len(all) < 3 {
			t.Fatalf("seed %d: %d problems; the record should have more", seed, len(all))
		}
		// Every limit around each problem of the first few, then around the
		// join of the other checks' problems with the contradictions'.
		limits := []int{1, 2, 3, 4, 5, len(all) / 2, len(all) - 1, len(all), len(all) + 1}
		for i, p := range all {
			if p.Code == codeDuplicate || p.Code == codeContradicted {
				limits = append(limits, i, i+1, i+2)
				break
			}
		}
		for _, limit := range limits {
			if limit < 1 {
				continue
			}
			got, gotMore := ds.validate(nil, limit)
			want := &validator{ds: ds, suggestBudget: maxSuggestWork, limit: limit}
			want.runOneAfterAnother()
			if diff := cmp.Diff(want.probs, got); diff != "" || gotMore != want.more {
				t.Fatalf("seed %d, limit %d: problems differ (-one after another +run), more %d, want %d:\n%s", seed, limit, gotMore, want.more, diff)
			}
		}
	}
}
