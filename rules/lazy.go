package rules

import (
	"context"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
)

// A what-if engine builds a treaty's timelines, and an organisation's
// membership, on first use: most what-if questions read one or two of them,
// and Explain reads none. The base engine builds everything in New, so that
// a runaway rule fails there.

// treatyLazy is a treaty's timelines in a what-if engine, built once, on
// first use, safely for concurrent use.
type treatyLazy struct {
	mu    sync.Mutex
	done  atomic.Bool
	err   error // a rule's failure: the same on every use
	byKey map[string]ptSummary
	pairs map[pairKey]*timeline
	found []Finding
	// stranger is treatyInfo.strangerTL for this engine: a what-if engine
	// writes nothing into a treatyInfo, which it may share with its base.
	stranger timeline
}

// orgLazy is an organisation's membership in a what-if engine.
type orgLazy struct {
	mu      sync.Mutex
	done    atomic.Bool
	err     error
	members map[string]*memberSummary
}

// isCancel reports an error of the caller's context: not kept, so that a
// later call with a live context builds again.
func isCancel(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// built returns the treaty's timelines, building them on first use in a
// what-if engine.
func (e *Engine) built(ctx context.Context, ti *treatyInfo) (*treatyLazy, error) {
	l := ti.lazy
	if l.done.Load() {
		return l, l.err
	}
	if ctx == nil {
		ctx = context.Background()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.done.Load() {
		return l, l.err
	}
	b := e.buildTreaty(ctx, ti)
	if b.err != nil && isCancel(b.err) {
		return nil, b.err
	}
	l.err = b.err
	if b.err == nil {
		l.byKey = make(map[string]ptSummary, len(ti.subjects))
		for k, p := range ti.subjects {
			if p == strangerID {
				l.stranger = b.summaries[k].tl
				continue
			}
			l.byKey[p] = b.summaries[k]
		}
		l.pairs, l.found = b.pairs, b.findings
	}
	l.done.Store(true)
	return l, l.err
}

// summary is a party's timeline under a treaty, and whether the record
// holds anything of it there.
func (e *Engine) summary(ctx context.Context, ti *treatyInfo, party string) (ptSummary, bool, error) {
	if !e.lazy {
		s, ok := e.timelines[ptKey{ti.t.ID, party}]
		return s, ok, nil
	}
	l, err := e.built(ctx, ti)
	if err != nil {
		return ptSummary{}, false, err
	}
	s, ok := l.byKey[party]
	return s, ok, nil
}

// pair is a pair's own timeline under a treaty, where it is not just both
// being bound.
func (e *Engine) pair(ctx context.Context, ti *treatyInfo, a, b string) (*timeline, bool, error) {
	k := orderedPair(ti.t.ID, a, b)
	if !e.lazy {
		tl, ok := e.pairs[k]
		return tl, ok, nil
	}
	l, err := e.built(ctx, ti)
	if err != nil {
		return nil, false, err
	}
	tl, ok := l.pairs[k]
	return tl, ok, nil
}

// member is a party's membership summary in an organisation.
func (e *Engine) member(ctx context.Context, oi *orgInfo, party string) (*memberSummary, error) {
	if !e.lazy {
		return e.membership[ptKey{oi.o.Party, party}], nil
	}
	l := oi.lazy
	if !l.done.Load() {
		if ctx == nil {
			ctx = context.Background()
		}
		l.mu.Lock()
		if !l.done.Load() {
			m, err := e.buildMembership(ctx, oi)
			if err != nil && isCancel(err) {
				l.mu.Unlock()
				return nil, err
			}
			l.members, l.err = m, err
			l.done.Store(true)
		}
		l.mu.Unlock()
	}
	if l.err != nil {
		return nil, l.err
	}
	return l.members[party], nil
}

// Findings lists what the engine noticed in the data: recorded dates that
// contradict the computed ones where the record is complete enough to check.
// A what-if engine checks every treaty on this call; when ctx ends, it stops
// and returns its error.
func (e *Engine) Findings(ctx context.Context) ([]Finding, error) {
	if !e.lazy {
		return slices.Clone(e.findings), nil
	}
	var out []Finding
	for _, id := range mapKeys(e.treaties) {
		l, err := e.built(ctx, e.treaties[id])
		if err != nil {
			return nil, err
		}
		out = append(out, l.found...)
	}
	return out, nil
}

// findingsOf lists the findings about parties under one treaty. A what-if
// engine checks just those, without building the treaty's timelines.
func (e *Engine) findingsOf(ctx context.Context, ti *treatyInfo, parties ...string) ([]Finding, error) {
	if e.lazy {
		if l := ti.lazy; l.done.Load() && l.err == nil {
			return l.found, nil
		}
		return e.checkRecorded(ctx, ti, parties...)
	}
	var out []Finding
	for _, f := range e.findings {
		if f.Treaty == ti.t.ID {
			out = append(out, f)
		}
	}
	return out, nil
}
