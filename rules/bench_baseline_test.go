package rules_test

// Hand-written Go for the work the benchmarks in bench_test.go give the
// engine: the floor each rules path is measured against, in the same run.

import (
	"context"
	"math"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// interval is a run of days (day numbers, both ends included) in which a
// party is bound; to is math.MaxInt64 while it is open.
type interval struct{ from, to int64 }

// intervalIndex is the baseline's timelines: a party's intervals under a
// treaty, in order.
type intervalIndex map[[2]string][]interval

// newIntervalIndex copies the engine's precomputed intervals (Periods) for
// the given (treaty, party) pairs.
func newIntervalIndex(e *rules.Engine, pairs [][2]string) (intervalIndex, error) {
	x := make(intervalIndex, len(pairs))
	for _, p := range pairs {
		ps, err := e.Periods(context.Background(), p[0], p[1], "")
		if err != nil {
			return nil, err
		}
		if len(ps) == 0 {
			continue
		}
		ivs := make([]interval, len(ps))
		for i, q := range ps {
			ivs[i] = interval{from: q.From.DayNumber(), to: math.MaxInt64}
			if q.To.IsValid() {
				ivs[i].to = q.To.DayNumber()
			}
		}
		x[p] = ivs
	}
	return x, nil
}

// bound is the baseline's answer: a map lookup and a binary search for the
// first interval that ends on or after on. It knows only true and false; the
// days the engine leaves indeterminate lie outside every period, so it
// answers false there.
func (x intervalIndex) bound(treaty, party string, on cistreaty.Date) bool {
	ivs := x[[2]string{treaty, party}]
	n := on.DayNumber()
	lo, hi := 0, len(ivs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if ivs[m].to < n {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(ivs) && ivs[lo].from <= n
}

// nthInstrumentGo is the nth-instrument template in Go, over a treaty's
// events in date order (Dataset.EventsOf): the day of the n-th party's
// first instrument of the kind, plus days, for a party whose own instrument
// came by then. Like the template, it counts each party once; unlike the
// engine, it does not merge a successor with the state it continues (no
// such pair in the data it is run on) and reads exact dates only.
func nthInstrumentGo(evs []cistreaty.Event, party string, kind cistreaty.EventKind, n, days int) (cistreaty.Date, bool) {
	var own, nth cistreaty.Date
	var buf [16]string
	seen := buf[:0]
	for i := range evs {
		ev := &evs[i]
		if ev.Kind != kind || ev.Party == "" {
			continue
		}
		d, ok := ev.When.Exact()
		if !ok {
			continue
		}
		if ev.Party == party && !own.IsValid() {
			own = d
		}
		if !nth.IsValid() && !contains(seen, ev.Party) {
			seen = append(seen, ev.Party)
			if len(seen) == n {
				nth = d
			}
		}
		if own.IsValid() && nth.IsValid() {
			break
		}
	}
	if !own.IsValid() || !nth.IsValid() || own.After(nth) {
		return cistreaty.Date{}, false
	}
	d, err := nth.AddDays(days)
	return d, err == nil
}

func contains(s []string, x string) bool {
	for _, y := range s {
		if y == x {
			return true
		}
	}
	return false
}

// charterArt41Go is the CIS Charter's Art. 41 (rule cis-charter-1993/art-41)
// in Go: for a state whose deposit came within a year of the Charter's
// adoption, in force one year after the adoption.
func charterArt41Go(evs []cistreaty.Event, party string, concluded cistreaty.Date) (cistreaty.Date, bool) {
	yearOn, _, err := concluded.AddYears(1, cistreaty.MonthEndLastDay)
	if err != nil {
		return cistreaty.Date{}, false
	}
	for i := range evs {
		ev := &evs[i]
		if ev.Party != party || ev.Kind != cistreaty.Deposit {
			continue
		}
		d, ok := ev.When.Exact()
		if !ok {
			continue
		}
		if d.After(yearOn) {
			return cistreaty.Date{}, false
		}
		return yearOn, true
	}
	return cistreaty.Date{}, false
}
