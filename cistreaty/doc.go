// Package cistreaty is pacta's model of treaty law's facts: calendar dates,
// parties, treaties with their final clauses and obligations, the events of
// the record (signature, ratification, deposit, entry into force,
// suspension, withdrawal…) with their sources and grades, and datasets that
// hold them. It embeds the Commonwealth of Independent States dataset,
// returned by Default.
//
// It is not the law: it decides nothing about who is bound. Package rules
// reads a Dataset and applies the treaties' clauses and the Vienna Convention's
// default rules to it. This package does not import CEL; it carries rule texts
// (with their file positions) to package rules.
//
// # Guarantees
//
// A Dataset is immutable once loaded and safe for concurrent use. Nothing in
// this package panics on bad input, except the Must functions, which are for
// literals in tests. Loading reports every problem of every file at once,
// sorted, each as file:line:col with the field it concerns.
//
// # Dataset files
//
// A dataset is one or more YAML files. Each may hold any of the top-level keys
// below; exactly one holds "dataset". Dates are "YYYY-MM-DD". Every event and
// every clause text carries a source with a grade: P (primary: treaty text,
// UNTS record, official register), S (secondary), U (unconfirmed).
//
//	dataset: {name: cis, version: "2026.11.27", record_as_of: 2026-11-27}
//	parties:
//	  - {id: RU, name: Russian Federation, name_ru: Российская Федерация, kind: state,
//	     continues: SU, continuity_source: {cite: "…", url: "…", grade: S}}
//	treaties:
//	  - id: economic-union-1993              # a stable slug
//	    title: Treaty on the Creation of an Economic Union
//	    title_ru: Договор о создании Экономического союза
//	    concluded: 1993-09-24                # adopted or opened for signature
//	    place: Moscow
//	    depositary: Republic of Belarus
//	    domains: [economic]
//	    participation: partial               # complete | partial
//	    source: {cite: "…", url: "…", grade: P}
//	    clauses:                             # each: silent (default) | unknown | {template…} | {rule…}
//	      entry_into_force: {template: nth-instrument, params: {kinds: [deposit], n: 3, days: 0},
//	                         cites: "Art. 34", says: "…", source: {…}}
//	      later_parties:   {template: later-instrument, params: {kinds: [deposit], n: 3, days: 30}, …}
//	      withdrawal: unknown
//	      term: silent
//	    obligations:
//	      - {article: "2", text: "…", source: {…}, condition: {rule: …}}
//	    displaces:                           # a later treaty's clause that ends an earlier one
//	      - {treaty: fta-1994, clause: {rule: fta-2011/art-23}}
//	events:
//	  - treaty: cis-charter-1993             # omitted for a party's own event (ceased-to-exist)
//	    party: RU                            # omitted for a treaty-wide event
//	    kind: deposit                        # see EventKind
//	    date: 1993-07-20                     # or earliest + latest; or expected: true + earliest
//	    towards: UA                          # suspension / suspension-end towards one party
//	    effective: 2027-06-01                # a later date a withdrawal notice names
//	    source: {cite: "…", url: "…", grade: S}
//	    note: "…"
//	rules:
//	  - id: cis-charter-1993/art-41          # <treaty-or-template>/<slug>
//	    cites: Charter of the CIS, Art. 41
//	    says: "…"                            # the provision's text, quoted from a cited copy
//	    source: {cite: "…", url: "…", grade: P}
//	    expr: |                              # CEL, see package rules
//	      …
//	organisations:
//	  - party: cis
//	    constituent: [cis-agreement-1991, alma-ata-protocol-1991, cis-charter-1993]
//	    default: non-participant
//	    founding: cis-charter-1993/art-7-1
//	    statuses:                            # the first rule that holds decides
//	      - {status: withdrawn, rule: cis-charter-1993/art-9}
//
// Template names and rule references are checked by package rules, which
// knows the templates and the Vienna Convention's rules.
package cistreaty
