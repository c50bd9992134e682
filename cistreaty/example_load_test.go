package cistreaty_test

import (
	"errors"
	"fmt"

	"github.com/pacta-law/pacta/cistreaty"
)

func ExampleLoad() {
	data := []byte(`
dataset: {name: demo, version: "1", record_as_of: 2026-11-27}
parties:
  - {id: GE, name: Georgia, kind: state}
treaties:
  - id: cis-charter-1993
    title: Charter of the Commonwealth of Independent States
    concluded: 1993-01-22
    participation: partial
    clauses:
      withdrawal: {template: notice-plus-months, params: {months: 12}}
events:
  - treaty: cis-charter-1993
    party: GE
    kind: accession
    earliest: 1993-10-08          # the record does not fix the day
    latest: 1993-12-09
    source: {cite: "CIS Executive Committee", grade: S}
  - {treaty: cis-charter-1993, party: GE, kind: withdrawal-notice, date: 2008-08-18,
     source: {cite: "Note of the Georgian MFA", grade: P}}
`)
	ds, err := cistreaty.Load(cistreaty.File{Name: "demo.yaml", Data: data})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ds.Name(), ds.Version(), ds.RecordAsOf())
	for _, e := range ds.EventsOf("cis-charter-1993", "GE") {
		fmt.Printf("%s %s (%s) at %s\n", e.Kind, e.When, e.Source.Grade, e.Pos)
	}
	// Output:
	// demo 1 2026-11-27
	// accession 1993-10-08..1993-12-09 (S) at demo.yaml:13:5
	// withdrawal-notice 2008-08-18 (P) at demo.yaml:19:5
}

// A dataset with problems is refused with every problem at once, each with
// its file, line, column and field.
func ExampleLoad_errors() {
	data := []byte(`
dataset: {name: demo, version: "1", record_as_of: 2026-11-27}
parties:
  - {id: GE, name: Georgia, kind: state}
events:
  - {treaty: cis-charter-1993, party: GEO, kind: acession, date: 1993-12-03}
`)
	_, err := cistreaty.Load(cistreaty.File{Name: "demo.yaml", Data: data})
	fmt.Println(errors.Is(err, cistreaty.ErrInvalidDataset))
	fmt.Println(err)
	// Output:
	// true
	// demo.yaml:6:5: events.source: missing source (cite and grade)
	// demo.yaml:6:5: events.party: unknown party "GEO" (did you mean "GE"?)
	// demo.yaml:6:5: events.treaty: unknown treaty "cis-charter-1993"
	// demo.yaml:6:50: events.kind: unknown event kind "acession" (did you mean "accession"?)
}
