package rules

import (
	"slices"

	"github.com/pacta-law/pacta/cistreaty"
)

// While one treaty's timelines (or one organisation's membership) are built,
// the same standing is worked out in many worlds: every pair of parties, every
// combination of the uncertain facts. A world differs from another only in
// the days of its uncertain facts, and a computation is a function of the
// days it reads, so what a world computed is kept with the uncertain facts it
// read and the days it read them at (its deps): another world of the same
// build whose days agree on those facts reuses it. Reusing a value reads its
// facts again (replay), so that exploration sees the same facts as computing
// it would. Explained worlds (with a tracer) compute everything themselves.

// sharedMemo is what the worlds of one build computed. It is used by one
// goroutine at a time.
type sharedMemo struct {
	results   map[ptKey][]*ptResult
	displaced map[displaceKey][]displaceResult
	statuses  map[statusKey][]statusResult
	// chunks hold the results handed out, allocated a chunk at a time;
	// used counts those handed out since the memo was last emptied. Once it
	// is, nothing refers to them (the worlds that did were released first),
	// and they are handed out again.
	chunks [][]ptResult
	used   int
}

const (
	resultChunk = 32
	// keptChunks bounds the results a pooled memo keeps for reuse.
	keptChunks = 4
)

// newResult returns a zero ptResult from the memo's chunks.
func (m *sharedMemo) newResult() *ptResult {
	c, k := m.used/resultChunk, m.used%resultChunk
	if c == len(m.chunks) {
		m.chunks = append(m.chunks, make([]ptResult, resultChunk))
	}
	m.used++
	r := &m.chunks[c][k]
	*r = ptResult{}
	return r
}

func newSharedMemo() *sharedMemo {
	return &sharedMemo{
		results:   map[ptKey][]*ptResult{},
		displaced: map[displaceKey][]displaceResult{},
		statuses:  map[statusKey][]statusResult{},
	}
}

// getSharedMemo returns an empty sharedMemo from the engine's pool;
// putSharedMemo empties it and keeps it for reuse, once nothing refers to
// it: building a quarter of a million treaties, making each one's maps
// anew cost more than using them.
func (e *Engine) getSharedMemo() *sharedMemo {
	if m, ok := e.memos.Get().(*sharedMemo); ok {
		return m
	}
	return newSharedMemo()
}

func (e *Engine) putSharedMemo(m *sharedMemo) {
	// Clearing a map costs what it once held: one that grew large is
	// dropped instead, so that the many small builds stay cheap.
	const large = 64
	if len(m.results) > large || len(m.displaced) > large || len(m.statuses) > large {
		return
	}
	clear(m.results)
	clear(m.displaced)
	clear(m.statuses)
	m.used = 0
	if len(m.chunks) > keptChunks {
		clear(m.chunks[keptChunks:])
		m.chunks = m.chunks[:keptChunks]
	}
	e.memos.Put(m)
}

// deps are the uncertain facts a computation read, each with its day in the
// world that computed it (zero: did not happen there).
type deps struct {
	events []int
	days   []cistreaty.Date
}

// peek is the day event i takes in this world, as day gives it, without
// reading it.
func (w *world) peek(i int) cistreaty.Date {
	if d, ok := w.pick[i]; ok {
		return d
	}
	return endpoint(w.e.event(i).When, false)
}

// agrees reports whether this world gives every fact of d its day in d.
func (w *world) agrees(d deps) bool {
	for k, i := range d.events {
		if w.peek(i) != d.days[k] {
			return false
		}
	}
	return true
}

// replay reads d's facts, as computing the value would.
func (w *world) replay(d deps) {
	for _, i := range d.events {
		w.day(i)
	}
}

// recording reports whether this world keeps what it reads for reuse.
func (w *world) recording() bool { return w.shared != nil && w.tr == nil }

// depsSince returns the facts read since mark, in this world's days.
func (w *world) depsSince(mark int) deps {
	if mark == len(w.reads) {
		return deps{}
	}
	ev := slices.Clone(w.reads[mark:])
	slices.Sort(ev)
	ev = slices.Compact(ev)
	d := deps{events: ev, days: make([]cistreaty.Date, len(ev))}
	for k, i := range ev {
		d.days[k] = w.peek(i)
	}
	return d
}

// sharable reports whether a value computed since the marks may be reused
// by other worlds: it met no failure and no rule that refers to itself
// (whose placeholder depends on what was being computed around it).
func (w *world) sharable(cycles int) bool {
	return w.recording() && w.err == nil && w.cycles == cycles
}

type statusKey struct {
	org   *orgInfo
	party string
	on    cistreaty.Date
}

type statusResult struct {
	v    uint8
	deps deps
}
