package cistreaty

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// positions are the parts of a message that name where an event is: in a
// file, or, for an event added by With, in words.
var positions = regexp.MustCompile(` \(first at [^)]*\)| \(given twice\)| \(at [^)]*\)| \[event: [^\]]*\]`)

// sansPositions is each problem as "field: code: message", positions aside.
func sansPositions(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %T, want Problems", err)
	}
	var out []string
	for _, p := range ps {
		out = append(out, p.Field+": "+p.Code+": "+positions.ReplaceAllString(p.Message, ""))
	}
	slices.Sort(out)
	return out
}

// TestWithRefusesAsLoading: adding a history's last events to a dataset of
// its first ones with With finds the problems loading the whole history
// finds (a duplicate, a second notice, a deposit before the signature, a
// party leaving a treaty it never joined…), positions aside; and they are
// exactly the problems validating the whole what-if copy finds.
func TestWithRefusesAsLoading(t *testing.T) {
	for _, tt := range factCases {
		_, loadErr := Load(File{Name: "f.yaml", Data: []byte(factsBase + strings.Join(tt.events, ""))})
		want := sansPositions(t, loadErr)
		if (len(want) > 0) != (len(tt.want) > 0) {
			t.Fatalf("%s: loading gives %q, the case says %q", tt.name, want, tt.want)
		}
		for k := range tt.events {
			base, err := Load(File{Name: "f.yaml", Data: []byte(factsBase + strings.Join(tt.events[:k], ""))})
			if err != nil {
				continue // the first k events are already wrong
			}
			added, err := ReadEvents(File{Name: "e.yaml", Data: []byte(strings.Join(tt.events[k:], ""))})
			if err != nil {
				t.Fatal(err)
			}
			for i := range added {
				added[i].Pos = Pos{}
			}
			t.Run(tt.name+"/"+string(rune('0'+k)), func(t *testing.T) {
				got, err := base.With(added...)
				if (got == nil) == (err == nil) {
					t.Fatalf("With = %v, %v: want one of a dataset and an error", got, err)
				}
				if diff := cmp.Diff(want, sansPositions(t, err)); diff != "" {
					t.Errorf("With's problems beside loading's (-want +got):\n%s", diff)
				}
				checkWithAsWhole(t, base, added)
			})
		}
	}
}

// checkWithAsWhole checks that the copy With makes has the indexes index
// builds, and that validating only what its events change finds exactly
// what validating all of it finds.
func checkWithAsWhole(t *testing.T, base *Dataset, added []Event) {
	t.Helper()
	cp := base.withEvents(added)
	whole := *cp
	whole.index()
	if diff := cmp.Diff(whole.byTreaty, cp.byTreaty); diff != "" {
		t.Errorf("byTreaty (-index +With):\n%s", diff)
	}
	if diff := cmp.Diff(whole.byParty, cp.byParty); diff != "" {
		t.Errorf("byParty (-index +With):\n%s", diff)
	}
	want, wantMore := cp.validate(nil, maxProblems)
	got, gotMore := cp.validateFrom(base.NumEvents())
	sortProblems(want)
	sortProblems(got)
	if diff := cmp.Diff(want, got); diff != "" || wantMore != gotMore {
		t.Errorf("%v: problems of the whole copy, %d more (-want) and of the added events, %d more (+got):\n%s", added, wantMore, gotMore, diff)
	}
}

// TestWithOnTheRecord adds random events, right and wrong, to the CIS
// record: With's copy always has the indexes and problems of the whole, and
// the record itself is unchanged.
func TestWithOnTheRecord(t *testing.T) {
	ds, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	byTreaty, byParty, events := cloneIdx(ds.byTreaty), cloneIdx(ds.byParty), list(ds.Events())
	var parties, treaties []string
	for _, p := range ds.parties {
		parties = append(parties, p.ID)
	}
	for _, tr := range ds.treaties {
		treaties = append(treaties, tr.ID)
	}
	parties = append(parties, "", "ZZ")
	treaties = append(treaties, "", "no-such-treaty")
	r := rand.New(rand.NewPCG(9, 9))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	add := func(d Date, n int) Date {
		d, err := d.AddDays(n)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	day := func() Date { return add(MustParseDate("1990-01-01"), r.IntN(40*365)) }
	for range 500 {
		var added []Event
		for range 1 + r.IntN(3) {
			var e Event
			if r.IntN(3) == 0 {
				// Again an event of the record, or one beside it.
				e = events[r.IntN(len(events))]
				e.Pos = Pos{}
				if r.IntN(2) == 0 {
					e.Kind = EventKind(1 + r.IntN(int(numEventKinds)-1))
				}
			} else {
				e = Event{Treaty: pick(treaties), Party: pick(parties), Kind: EventKind(r.IntN(int(numEventKinds) + 1))}
			}
			switch r.IntN(4) {
			case 0:
				e.When = On(day())
			case 1:
				a := day()
				e.When = When{Earliest: a, Latest: add(a, r.IntN(400))}
			case 2:
				e.When = When{Earliest: day(), Expected: true}
			}
			if r.IntN(8) == 0 {
				e.Effective = day()
			}
			if r.IntN(8) == 0 {
				e.Towards = pick(parties)
			}
			added = append(added, e)
		}
		checkWithAsWhole(t, ds, added)
		if t.Failed() {
			return
		}
	}
	if diff := cmp.Diff(byTreaty, ds.byTreaty); diff != "" {
		t.Errorf("the record's byTreaty changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(byParty, ds.byParty); diff != "" {
		t.Errorf("the record's byParty changed (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(events, list(ds.Events()), cmp.AllowUnexported(Date{})); diff != "" {
		t.Errorf("the record's events changed (-before +after):\n%s", diff)
	}
}

func cloneIdx(m map[string][]int) map[string][]int {
	out := map[string][]int{}
	for k, v := range m {
		out[k] = slices.Clone(v)
	}
	return out
}

// TestWithConcurrent: what-ifs made at once from one dataset, under the
// treaty and party they share, leave it as it was and see only their own
// event (the race detector watches the shared indexes).
func TestWithConcurrent(t *testing.T) {
	ds, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	before := list(ds.EventsOf("cis-charter-1993", "MD"))
	errs := make(chan error, 8)
	for g := range 8 {
		go func() {
			d, err := MustParseDate("2027-01-01").AddDays(g)
			if err != nil {
				errs <- err
				return
			}
			notice := Event{Treaty: "cis-charter-1993", Party: "MD", Kind: WithdrawalNotice, When: On(d)}
			w, err := ds.With(notice)
			if err != nil {
				errs <- err
				return
			}
			got := list(w.EventsOf("cis-charter-1993", "MD"))
			if n := len(got); n != len(before)+1 || !got[n-1].Assumed || got[n-1].When != notice.When {
				errs <- fmt.Errorf("what-if %d: the pair's events end with %+v, want its own notice", g, got[n-1])
				return
			}
			errs <- nil
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	if diff := cmp.Diff(before, list(ds.EventsOf("cis-charter-1993", "MD")), cmp.AllowUnexported(Date{})); diff != "" {
		t.Errorf("the record changed (-before +after):\n%s", diff)
	}
}
