// Package rules is pacta's treaty law: it compiles the rules written in CEL —
// each treaty's own final clauses, clause templates, an organisation's
// membership rules, and the Vienna Convention on the Law of Treaties' default
// rules — evaluates them over a cistreaty.Dataset, and answers questions with
// the rule, the article, the text, the facts and their sources.
//
// # Use
//
//	ds, _ := cistreaty.Default()
//	eng, err := rules.New(ctx, ds)       // compile, check, build timelines
//	t, err := eng.Bound(ctx, "cis-charter-1993", "RU", cistreaty.MustParseDate("1994-01-22"))
//	v, err := eng.Explain(ctx, rules.Question{Kind: rules.QuestionBound, …})
//
// New is the one-line form of two steps: Compile builds a Law (the embedded
// templates and the Vienna Convention's rules, rule files added with
// WithRuleFiles, the limits), once; Law.Engine builds an Engine over a
// dataset with it. A Law is immutable and shared by every engine built from
// it; it keeps, bounded, the programs it compiles for datasets' rules, by
// text, so a rule's text is compiled once per Law.
//
// An Engine is immutable after it is built and safe for concurrent use. The
// plain queries (Bound, BoundTowards, EntryIntoForce, Periods, Membership,
// Founding, VCLTApplies, Obliged) are lookups in timelines built once and
// allocate nothing; WithdrawalEffective applies a withdrawal clause to a
// notice; Explain re-derives any answer with tracking and returns a Verdict.
// What-if questions use Engine.With, which reuses the compiled programs and
// the base engine's treaties that no added event concerns, and builds a
// treaty's timelines (and an organisation's membership) on the first
// question that reads them, under that question's context; the base engine
// builds everything in New, so that a runaway rule fails there. The built-in
// clause templates run as Go functions transcribed from their CEL text
// (native.go), which stays their definition. Every other rule without
// loops (most of them) is planned, when it is compiled, into Go closures that
// follow CEL's semantics step by step (direct.go); rules that loop over
// events run through cel-go. Either way each evaluation is charged to one
// budget spanning the rules it calls, and is cancellable.
//
// Every call that evaluates takes a context first and honours it; none
// keeps it.
//
// # Three values
//
// Answers are true, false or indeterminate. A fact whose day the record does
// not fix (a range, or an event expected but not recorded) enters the rules as
// its endpoints; every combination is tried, and the answer is determinate
// only when all agree. Indeterminate answers list the facts that would settle
// them. A clause whose text is not in the record ("unknown") gives an
// indeterminate answer; a clause the treaty does not have ("silent") falls
// back to the Vienna Convention (Art. 24 for entry into force, Art. 56 for
// withdrawal), and the explanation says so.
//
// # Rules
//
// A rule has an id ("<treaty-or-template>/<slug>"), cites (the article), says
// (its text, quoted from a cited copy), and expr, a CEL expression. What an
// expression must give depends on its use: an entry-into-force clause gives
// optional(Date) (none: not in force for this party under this clause); a
// withdrawal clause gives the Date the withdrawal takes effect; a term gives
// optional(Date), the last day the treaty binds; a displacement clause gives
// optional(Date), the first day the earlier treaty no longer applies between
// party and other; a membership status or an obligation's condition gives a
// bool; a founding rule gives optional(bool) (none: two readings).
//
// Variables (which are set depends on the use):
//
//	party      string          the party the rule is asked about ('RU')
//	other      string          the counterparty of a pair rule
//	treaty     string          the treaty the clause belongs to
//	concluded  Date            the day that treaty was concluded
//	on         Date            the day asked about (membership, conditions)
//	notice     Date            the day a withdrawal notice was received
//	named      optional(Date)  a later day the notice names for its effect
//	params     map(string,dyn) a template's parameters
//	events     list(map)       the treaty's events: party, kind, date, towards
//
// Calendar functions:
//
//	date('1993-01-22')          a date; an impossible literal is a compile error
//	d.addDays(30)               30 days later
//	d.addMonths(12)             the same day 12 months later, or the last day of
//	                            that month where it does not exist (31 Jan + 1
//	                            month = 28/29 Feb); the explanation says so
//	d.addMonths(1, 'round-up')  month-end rule: 'last-day', 'round-up', 'refuse'
//	d.addYears(1)               12 months later, same month-end rule
//	a.daysBetween(b)            days from a to b
//	maxDate(a, b), minDate(a, b)
//	<, <=, >, >=, ==, !=        compare dates
//	cel.bind(x, value, expr)    name a value read once (ext.Bindings)
//
// Treaty-law functions, over the record of the treaty under evaluation (a
// successor state sees the acts of the state it continues):
//
//	own(['deposit'])                   optional(Date): the party's first event of
//	                                   those kinds
//	nth(['deposit'], 3)                optional(Date): the day the third party gave
//	                                   its first instrument of those kinds
//	allConsented(['deposit'])          optional(Date): the day the last signatory
//	                                   gave one, if all have
//	recorded('entry-into-force')       optional(Date): a treaty-wide recorded event
//	eventOf('cst-extension-1999', party, ['signature'])
//	                                   optional(Date): another treaty's record
//	inForce('cis-charter-1993', party, on)
//	                                   bool: the party is bound by that treaty on
//	                                   that day
//	entryIntoForce('fta-2011', party)  optional(Date)
//	withdrawalEffective('cis-charter-1993', party)
//	                                   optional(Date): the day its withdrawal took
//	                                   effect
//
// # Clause templates
//
// A treaty's clause may name a template with parameters instead of an
// expression of its own (rules/law/templates.yaml holds their CEL text, which
// is their definition). Each template is compiled once and shared by every
// treaty that uses it; the clause cites its own article and text. kinds is a
// list of event kinds, such as [deposit] or [deposit, accession].
//
//	nth-instrument {kinds, n, days}
//	    in force days after the n-th party's first instrument of those kinds,
//	    for every party whose own instrument came no later than that
//	later-instrument {kinds, n, days}
//	    for a party whose instrument came after the n-th, in force days after
//	    its own
//	own-instrument {kinds, days}
//	    in force for each party days after its own instrument
//	all-parties {kinds, days}
//	    in force days after the last signatory's instrument; for a party whose
//	    instrument comes later, days after its own
//	fixed-date {kinds, date}
//	    in force on date for every party whose instrument came by then, and on
//	    its instrument for later ones
//	notice-plus-months {months, month_end = last-day}
//	    a withdrawal takes effect months after the notice, or on a later day
//	    the notice names; month_end is last-day, round-up or refuse
//	notice-plus-days {days}
//	    a withdrawal takes effect days after the notice, or on a later day the
//	    notice names
//	fixed-term {last_day}
//	    the treaty binds up to and including last_day
//
// For example, the Economic Union Treaty's Art. 34 is nth-instrument with
// {kinds: [deposit], n: 3, days: 0}, and CIS Charter Art. 9 is
// notice-plus-months with {months: 12}.
//
// # Bounds
//
// Rules are untrusted input. Compilation limits the expression's size, its
// nesting, the nesting of comprehensions and its size with every cel.bind
// name replaced by its value, and refuses a rule whose static cost estimate
// (lists sized at Limits.EventsHint) exceeds Limits.EstimatedCost. A
// pattern (matches) must be a literal; it is compiled once, with the
// program, and may not compile to a large program. Every evaluation has a
// cost limit and honours context cancellation, also inside the library's
// own functions, which charge the events they scan. One budget
// (Limits.RuntimeCost) spans a rule's evaluation and every rule it calls
// through entryIntoForce, inForce and withdrawalEffective, so a chain of
// treaties that read each other is stopped, not walked. A rule that fails
// at run time is a *RuleError naming it, never a hang or a panic.
//
// # Explanations
//
// A Verdict's steps name rules by id (the rules the engine applies by name
// are RuleVCLTArt4, RuleVCLTArt24 and RuleVCLTArt56). Steps that rest on the
// record alone, not on a rule, use ids under "record/" (the Record…
// constants), which no rule may use: record/entry-into-force (a recorded
// per-party date), record/general-entry-into-force, record/withdrawal,
// record/termination, record/suspension, record/ceased-to-exist,
// record/signature-only, record/withdrawal-clause-unknown,
// record/not-a-party, record/not-yet-in-force, record/participation-partial,
// record/obligation (the text of the article an obligation question asks
// about).
package rules
