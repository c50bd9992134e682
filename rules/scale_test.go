package rules_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// manyParties is one treaty with n parties (organisations, so that there
// may be more than 676), each with one deposit, under the n-th-instrument
// clauses of a multilateral treaty.
func manyParties(t testing.TB, n int) []cistreaty.File {
	t.Helper()
	var b strings.Builder
	var files []cistreaty.File
	// Files of 10,000 entries each: a file may hold at most a million YAML
	// values.
	flush := func() {
		files = append(files, cistreaty.File{Name: fmt.Sprintf("many-%d.yaml", len(files)), Data: []byte(b.String())})
		b.Reset()
	}
	b.WriteString("dataset: {name: many, version: \"1\", record_as_of: 2026-11-27}\n")
	for i := range n {
		if i%10_000 == 0 {
			if i > 0 {
				flush()
			}
			b.WriteString("parties:\n")
		}
		fmt.Fprintf(&b, "- {id: p%d,name: P,kind: organisation}\n", i)
	}
	flush()
	b.WriteString(`treaties:
- id: t
  title: T
  concluded: 2000-01-01
  participation: complete
  source: {cite: x, grade: P}
  clauses:
    entry_into_force: {template: nth-instrument, params: {kinds: [deposit], n: 3, days: 30}}
    later_parties: {template: later-instrument, params: {kinds: [deposit], n: 3, days: 30}}
`)
	first := cistreaty.MustParseDate("2001-01-01")
	for i := range n {
		d, err := first.AddDays(i % 3000)
		if err != nil {
			t.Fatal(err)
		}
		if i%10_000 == 0 {
			if i > 0 {
				flush()
			}
			b.WriteString("events:\n")
		}
		fmt.Fprintf(&b, "- {treaty: t,party: p%d,kind: deposit,date: %s,source: {cite: x,grade: P}}\n", i, d)
	}
	flush()
	return files
}

// One treaty of 50,000 parties builds within issue 9's memory bound and
// gives the clause's answers. That building is linear in the parties (a
// search per party through the others once made it 29.5 s) is a matter of
// time: BenchmarkBuild10kParties and BenchmarkBuild50kParties measure it
// (ns/party should stay about the same at both sizes).
func TestBuild50kParties(t *testing.T) {
	ds, err := cistreaty.Load(manyParties(t, 50_000)...)
	if err != nil {
		t.Fatal(err)
	}
	var e *rules.Engine
	if n := allocatedBy(func() { e, err = rules.New(context.Background(), ds) }); n > maxAlloc {
		t.Errorf("New allocated %d bytes, over %d", n, maxAlloc)
	}
	if err != nil {
		t.Fatal(err)
	}
	// Seventeen parties deposit on each of 3,000 days from 1 Jan 2001, so
	// the third deposit is on 1 Jan 2001: the treaty entered into force
	// thirty days later, on 31 Jan 2001, for those of that day (p0), and for
	// each later party thirty days after its own deposit (p2: 3 Jan 2001;
	// p2999: 19 Mar 2009, 2,999 days on).
	for _, c := range []struct{ party, want string }{{"p0", "2001-01-31"}, {"p2", "2001-02-02"}, {"p2999", "2009-04-18"}} {
		if d, ok, err := e.EntryIntoForce(context.Background(), "t", c.party); err != nil || !ok || d.String() != c.want {
			t.Errorf("EntryIntoForce(%s) = %s %v %v, want %s", c.party, d, ok, err, c.want)
		}
	}
}

// benchmarkBuildParties builds one treaty of n parties and reports the time
// per party, which is the same for every n while building is linear.
func benchmarkBuildParties(b *testing.B, n int) {
	ds, err := cistreaty.Load(manyParties(b, n)...)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rules.New(context.Background(), ds); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/party")
}

// BenchmarkBuild10kParties builds one treaty of 10,000 parties.
func BenchmarkBuild10kParties(b *testing.B) { benchmarkBuildParties(b, 10_000) }

// BenchmarkBuild50kParties builds one treaty of 50,000 parties (issue 9:
// within 2 s; 29.5 s when building was quadratic).
func BenchmarkBuild50kParties(b *testing.B) { benchmarkBuildParties(b, 50_000) }
