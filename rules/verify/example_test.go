package verify_test

import (
	"context"
	"fmt"
	"os"

	"github.com/pacta-law/pacta/rules/verify"
)

// A case file checks the engine's answers against the sources.
func ExampleLoad() {
	const caseFile = `
cases:
  - name: the Charter binds Russia from 22 Jan 1994
    why: "Charter Art. 41: one year after its adoption on 22 Jan 1993"
    question: bound
    treaty: cis-charter-1993
    party: RU
    on: 1994-01-22
    expect: {answer: true, rules: [cis-charter-1993/art-41]}
  - name: Georgia's accession cannot be dated to the day
    question: status
    party: GE
    on: 1993-11-01
    expect: {answer: null, founding: false}
`
	f, err := verify.Load("charter.yaml", []byte(caseFile))
	if err != nil {
		fmt.Println(err)
		return
	}
	results, err := f.Run(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range results {
		fmt.Printf("%v %s: %s\n", r.Passed, r.Name, r.Got)
	}
	// Output:
	// true the Charter binds Russia from 22 Jan 1994: true
	// true Georgia's accession cannot be dated to the day: null (unknown, founding false)
}

// Load reports every problem of a case file at once, each where it is.
func ExampleLoad_errors() {
	const caseFile = `
cases:
  - name: a typo
    question: bound
    treaty: cis-charter-1993
    party: RU
    on: 1994-02-30
    expect: {answer: yes}
`
	_, err := verify.Load("typo.yaml", []byte(caseFile))
	fmt.Println(err)
	// Output:
	// typo.yaml:7:9: cases.on: invalid date "1994-02-30": February 1994 has 28 days
	// typo.yaml:8:22: cases.expect.answer: a bound question answers true, false or null, not "yes"
}

// Main is the CLI's `test` question: it prints the failures, the rules no
// case exercised, and "N passed, M failed".
func ExampleMain() {
	status := verify.Main(os.Stdout, os.Stderr, []string{"testdata/dir"})
	fmt.Println("exit status", status)
	// Output:
	// rule coverage: 1 of 1 rules exercised
	// 2 passed, 0 failed
	// exit status 0
}
