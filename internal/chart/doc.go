// Package chart draws what the engine knows about a party over time and about
// every party on one day: a timeline of every treaty for one party (SVG) and
// a matrix of parties × treaties on a date (an HTML table).
//
// It is built only on the engine's public queries: Bound, BoundTowards,
// Periods and Membership give the shape, Explain the words of each bar's
// tooltip. A day the record does not settle is drawn hatched, never guessed.
//
// The output is deterministic: the same engine and party give the same bytes,
// so it can be compared with golden files. Every bar carries a text label or
// a tooltip and a pattern besides its colour, so that nothing is told by
// colour alone.
//
// The package is internal: the pages of examples/server and the cis command's
// timeline question draw with it; its layout is not a promise.
package chart
