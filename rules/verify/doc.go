// Package verify runs rule-verification cases: YAML case files that ask
// pacta's engine questions (is P bound by T on D, when did T enter into force
// for P, what is P's status in the CIS…) and say what the verdict must be.
// It is for people who check legal rules the way programmers check code:
// from `go test` (RunT) or from the command line (`cis test FILE…`, Main).
//
// It is not a second engine: every answer comes from package rules. A case
// file states expectations, which should come from the sources (treaty
// texts, registers, the dataset's cited facts) and never from running the
// engine; a case that fails is a finding about the rules or the data.
//
// # Case files
//
// A case file is one YAML document with these top-level keys:
//
//	base: cis            # cis (the default): the embedded CIS dataset;
//	                     # none: the overlay is the whole dataset
//	overlay:             # optional: a dataset document in the format of package
//	  …                  # cistreaty (parties, treaties, events, rules,
//	                     # organisations; with base none also its dataset:
//	                     # header), loaded together with the base
//	assume:              # optional: what-if events, added with Engine.With and
//	  - …                # marked as assumed (the format of a dataset's events;
//	                     # source may be left out)
//	cases:               # at least one
//	  - name: …          # required, unique in the file
//	    why: …           # where the expectation comes from (a citation)
//	    question: bound  # bound | eif | withdrawal | vclt | status | obliged
//	    treaty: …        # the question's inputs, as the CLI's flags:
//	    party: …         #   bound:      treaty, party, on [, towards]
//	    towards: …       #   eif:        treaty [, party]
//	    org: cis         #   withdrawal: treaty, party, notice [, effective]
//	    article: …       #   vclt:       treaty, party, towards
//	    on: YYYY-MM-DD   #   status:     party, on [, org (default cis)]
//	    notice: …        #   obliged:    treaty, article, party, towards, on
//	    effective: …
//	    expect:
//	      answer: …      # required: true | false | YYYY-MM-DD | a status | null
//	      reason: …      # with null: not-party | not-yet | ended | unknown
//	      determinate: … # default: false for null with reason unknown, else true
//	      founding: …    # status questions: true | false | null
//	      range: {earliest: YYYY-MM-DD, latest: YYYY-MM-DD}  # latest omitted: open
//	      rules: [ … ]   # rule IDs the verdict's explanation must cite
//	      grade: S       # the weakest grade the answer rests on: P | S | U
//
// Every question field the question does not take is a problem, and so is
// every unknown key, so that a typo never passes silently. A null answer to
// a bound, vclt, obliged or status question means the record does not settle
// it (reason unknown, which may be left out); a null eif or withdrawal answer
// needs its reason. Parts of the expectation that are left out (founding,
// range, rules, grade) are not checked, except that a case expecting a
// non-null answer also expects no range.
//
// The overlay is loaded with the base dataset's files by cistreaty.Load,
// under the case file's name and at the case file's own lines and columns:
// every problem of the overlay, and every compile error of its rules, points
// at the line to fix. A file with an overlay is written in block style (each
// top-level key on a line of its own).
//
// # Example
//
// A treaty of one's own, laid over the CIS dataset:
//
//	base: cis
//	overlay:
//	  treaties:
//	    - id: example-transit-2020
//	      title: Agreement on Transit (an example, not a real treaty)
//	      concluded: 2020-03-02
//	      participation: complete
//	      source: {cite: "made up for this example", grade: P}
//	      clauses:
//	        entry_into_force:
//	          template: nth-instrument
//	          params: {kinds: [notification], n: 2, days: 30}
//	          cites: "Art. 12(1)"
//	          says: "In force on the thirtieth day after the second notification."
//	          source: {cite: "made up for this example", grade: P}
//	        withdrawal:
//	          template: notice-plus-months
//	          params: {months: 6}
//	          cites: "Art. 14"
//	          says: "A withdrawal takes effect six months after the notice."
//	          source: {cite: "made up for this example", grade: P}
//	  events:
//	    - {treaty: example-transit-2020, party: AM, kind: notification, date: 2020-06-15, source: {cite: "made up", grade: P}}
//	    - {treaty: example-transit-2020, party: KZ, kind: notification, date: 2020-09-01, source: {cite: "made up", grade: P}}
//	assume:
//	  - {treaty: example-transit-2020, party: KZ, kind: withdrawal-notice, date: 2023-05-31}
//	cases:
//	  - name: in force thirty days after the second notification
//	    why: "Art. 12(1): 1 Sep 2020 + 30 days"
//	    question: eif
//	    treaty: example-transit-2020
//	    party: AM
//	    expect: {answer: 2020-10-01, rules: [nth-instrument/entry-into-force]}
//	  - name: not bound the day before
//	    question: bound
//	    treaty: example-transit-2020
//	    party: AM
//	    on: 2020-09-30
//	    expect: {answer: false}
//	  - name: "what if: Kazakhstan's notice of 31 May 2023 ends its being bound on 30 Nov 2023"
//	    why: "Art. 14: 31 May + 6 months; there is no 31 November"
//	    question: bound
//	    treaty: example-transit-2020
//	    party: KZ
//	    on: 2023-11-30
//	    expect: {answer: false, rules: [notice-plus-months/withdrawal]}
//	  - name: Moldova's exit cannot be dated
//	    question: status
//	    party: MD
//	    on: 2027-06-01
//	    expect: {answer: null, founding: null}
//
// testdata/cases/user-example.yaml in the module is a fuller version of it.
//
// # Running
//
// Load reads a case file and builds the engine its cases run against
// (files with base cis and no overlay share one engine of the embedded
// dataset, built once per process); LoadFS reads several. File.Run answers
// the cases; RunT does so as subtests of a test; Coverage names the rules
// the files' engines use (rules.Engine.UsedRuleIDs) that no case exercised
// — a case exercises a rule when its verdict's explanation cites it; Report
// and Main write what the CLI prints, ending with the line
// "N passed, M failed".
//
// Building a file's engine evaluates its rules, so, as in package rules,
// everything that builds or evaluates takes a context: LoadContext,
// LoadFSContext, File.Run and MainContext check it between files and
// between cases and build under it, and return its error, wrapped and
// naming where they stopped, once it ends. Load, LoadFS and Main are the
// same under context.Background(); RunT runs each case under its test's
// context.
//
// # Guarantees
//
// Loading is safe for untrusted files: it never panics, bounds their size,
// refuses YAML anchors and aliases, and the overlay's rules run under the
// engine's bounds (rules.Limits). Load reports every problem of a file at
// once, sorted, each as file:line:col with the field it concerns. A File is
// immutable and safe for concurrent use.
package verify
