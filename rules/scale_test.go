package rules_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

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

// Building is linear in the parties of one treaty: 50,000 parties build in
// a small multiple of the time it takes to load them (a search per party
// through the others made it 29.5 s).
func TestBuildIsLinearInParties(t *testing.T) {
	data := manyParties(t, 50_000)
	start := time.Now()
	ds, err := cistreaty.Load(data...)
	if err != nil {
		t.Fatal(err)
	}
	load := time.Since(start)
	start = time.Now()
	e, err := rules.New(context.Background(), ds)
	if err != nil {
		t.Fatal(err)
	}
	build := time.Since(start)
	t.Logf("load %v, build %v", load, build)
	if build > 20*load {
		t.Errorf("building took %v, more than 20 times the %v of loading", build, load)
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

// BenchmarkBuild50kParties builds one treaty of 50,000 parties.
func BenchmarkBuild50kParties(b *testing.B) {
	ds, err := cistreaty.Load(manyParties(b, 50_000)...)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := rules.New(context.Background(), ds); err != nil {
			b.Fatal(err)
		}
	}
}
