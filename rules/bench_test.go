package rules_test

// Benchmarks of the issue "Performance and scale". Each rules path has a
// hand-written Go baseline beside it (bench_baseline_test.go), so the ratio
// is measured in one run:
//
//	go test -run '^$' -bench . -benchmem ./rules
//
// The scale benchmarks build a synthetic record of 250,000 treaties and
// 2,000,000 events (internal/synth) in memory; run them on their own first:
//
//	go test -run '^$' -bench 'Scale' -benchtime 1x -timeout 30m ./rules
//
// No test builds the scale record: benchmarks run only with -bench.

import (
	"context"
	"iter"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/synth"
	"github.com/pacta-law/pacta/rules"
)

// question is one plain question: is party bound by treaty on a day.
type question struct {
	treaty, party string
	on            cistreaty.Date
}

func benchEngine(b *testing.B) *rules.Engine {
	b.Helper()
	ds, err := cistreaty.Default()
	if err != nil {
		b.Fatal(err)
	}
	e, err := rules.New(context.Background(), ds)
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// boundMix is a fixed mix of 64 questions on the CIS record: every party in
// turn, against four treaties and seven days (15, 4 and 7 share no factor, so
// the mix does not repeat a combination). Most answers are false, about a
// quarter true, and at least one indeterminate (Kazakhstan under the 2011
// FTA on 1 Oct 2012, inside the range of its entry into force); setup fails
// if a kind of answer goes missing.
func boundMix(b *testing.B, e *rules.Engine) []question {
	b.Helper()
	treaties := []string{"cis-charter-1993", "economic-union-1993", "fta-2011", "cst-1992"}
	days := []string{"1992-05-15", "2012-10-01", "1994-01-22", "1999-04-02", "2009-08-18", "1993-06-01", "2024-01-01"}
	parties := e.Parties()
	qs := make([]question, 64)
	seen := map[rules.Truth]int{}
	for i := range qs {
		qs[i] = question{treaties[i%len(treaties)], parties[i%len(parties)], cistreaty.MustParseDate(days[i%len(days)])}
		v, err := e.Bound(context.Background(), qs[i].treaty, qs[i].party, qs[i].on)
		if err != nil {
			b.Fatal(err)
		}
		seen[v]++
	}
	if seen[rules.True] == 0 || seen[rules.False] == 0 || seen[rules.Indeterminate] == 0 {
		b.Fatalf("the mix has answers %v: want true, false and indeterminate", seen)
	}
	return qs
}

// allPairs is every (treaty, party) of the engine.
func allPairs(e *rules.Engine) [][2]string {
	var out [][2]string
	for _, t := range e.Treaties() {
		for _, p := range e.Parties() {
			out = append(out, [2]string{t, p})
		}
	}
	return out
}

// BenchmarkBound is the plain lookup: one question per op, allocating
// nothing.
func BenchmarkBound(b *testing.B) {
	e := benchEngine(b)
	qs := boundMix(b, e)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := &qs[i&63]
		i++
		if _, err := e.Bound(context.Background(), q.treaty, q.party, q.on); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBoundBaseline answers the same questions by hand over the same
// intervals: the floor for a lookup.
func BenchmarkBoundBaseline(b *testing.B) {
	e := benchEngine(b)
	qs := boundMix(b, e)
	x, err := newIntervalIndex(e, allPairs(e))
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range qs {
		v, _ := e.Bound(context.Background(), q.treaty, q.party, q.on)
		if v != rules.Indeterminate && (v == rules.True) != x.bound(q.treaty, q.party, q.on) {
			b.Fatalf("baseline: %v: engine says %v", q, v)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := &qs[i&63]
		i++
		_ = x.bound(q.treaty, q.party, q.on)
	}
}

// BenchmarkBoundExplained answers the same mix with reasons.
func BenchmarkBoundExplained(b *testing.B) {
	e := benchEngine(b)
	qs := boundMix(b, e)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := &qs[i&63]
		i++
		if _, err := e.Explain(ctx, rules.Question{Kind: rules.QuestionBound, Treaty: q.treaty, Party: q.party, On: q.on}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBoundExplainedJSON answers the same mix with reasons and writes
// each verdict as the CLI's JSON answer object.
func BenchmarkBoundExplainedJSON(b *testing.B) {
	e := benchEngine(b)
	qs := boundMix(b, e)
	ctx := context.Background()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := &qs[i&63]
		i++
		v, err := e.Explain(ctx, rules.Question{Kind: rules.QuestionBound, Treaty: q.treaty, Party: q.party, On: q.on})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := v.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerdictJSON writes one explained answer (the README's question)
// as the CLI's JSON answer object.
func BenchmarkVerdictJSON(b *testing.B) {
	e := benchEngine(b)
	v, err := e.Explain(context.Background(), rules.Question{Kind: rules.QuestionBound, Treaty: "cis-charter-1993", Party: "RU", On: cistreaty.MustParseDate("1994-01-22")})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.MarshalJSON(); err != nil {
			b.Fatal(err)
		}
	}
}

// clauseCase is one entry-into-force clause to evaluate, with its Go
// baseline.
type clauseCase struct {
	name          string
	dir           string // a dataset directory; "" for the CIS record
	treaty, party string
	want          string
	baseline      func(evs []cistreaty.Event, t cistreaty.Treaty, party string) (cistreaty.Date, bool)
}

var clauseCases = []clauseCase{
	{
		// The template the Economic Union and the 2011 FTA use: the third
		// deposit (10 Mar 2000) plus thirty days.
		name: "nth-instrument", dir: "testdata/templates", treaty: "t-nth", party: "AA", want: "2000-04-09",
		baseline: func(evs []cistreaty.Event, _ cistreaty.Treaty, party string) (cistreaty.Date, bool) {
			return nthInstrumentGo(evs, party, cistreaty.Deposit, 3, 30)
		},
	},
	{
		// A dataset rule of the same shape: the Charter's Art. 41.
		name: "cis-charter-art-41", treaty: "cis-charter-1993", party: "RU", want: "1994-01-22",
		baseline: func(evs []cistreaty.Event, t cistreaty.Treaty, party string) (cistreaty.Date, bool) {
			return charterArt41Go(evs, party, t.Concluded)
		},
	},
}

func clauseDataset(b *testing.B, c clauseCase) *cistreaty.Dataset {
	b.Helper()
	var ds *cistreaty.Dataset
	var err error
	if c.dir == "" {
		ds, err = cistreaty.Default()
	} else {
		ds, err = cistreaty.LoadFS(os.DirFS(c.dir), "*.yaml")
	}
	if err != nil {
		b.Fatal(err)
	}
	return ds
}

// BenchmarkClauseEval evaluates one entry-into-force clause through CEL, as
// New does for every (treaty, party) while it builds the timelines.
func BenchmarkClauseEval(b *testing.B) {
	for _, c := range clauseCases {
		b.Run(c.name, func(b *testing.B) {
			e, err := rules.New(context.Background(), clauseDataset(b, c))
			if err != nil {
				b.Fatal(err)
			}
			eval := rules.ClauseEvalForBench(e, c.treaty, c.party)
			if d, ok := eval(); !ok || d.String() != c.want {
				b.Fatalf("CEL gives %s, %v; want %s", d, ok, c.want)
			}
			b.ReportAllocs()
			for b.Loop() {
				eval()
			}
		})
	}
}

// BenchmarkClauseEvalBaseline computes the same clauses in Go over the
// treaty's events.
func BenchmarkClauseEvalBaseline(b *testing.B) {
	for _, c := range clauseCases {
		b.Run(c.name, func(b *testing.B) {
			ds := clauseDataset(b, c)
			t, _ := ds.Treaty(c.treaty)
			evs := eventList(ds.EventsOf(c.treaty, ""))
			if d, ok := c.baseline(evs, t, c.party); !ok || d.String() != c.want {
				b.Fatalf("Go gives %s, %v; want %s", d, ok, c.want)
			}
			b.ReportAllocs()
			for b.Loop() {
				c.baseline(evs, t, c.party)
			}
		})
	}
}

// BenchmarkNewEngine is the whole start-up on the embedded record: load,
// validate, compile, build the timelines.
func BenchmarkNewEngine(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ds, err := cistreaty.Default()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := rules.New(context.Background(), ds); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMatrix asks every party about every treaty on every day from the
// Alma-Ata meeting (8 Dec 1991) to the end of 2026.
func BenchmarkMatrix(b *testing.B) {
	e := benchEngine(b)
	parties, treaties := e.Parties(), e.Treaties()
	first := cistreaty.MustParseDate("1991-12-08").DayNumber()
	last := cistreaty.MustParseDate("2026-12-31").DayNumber()
	days := make([]cistreaty.Date, 0, last-first+1)
	for n := first; n <= last; n++ {
		d, _ := cistreaty.DateFromDayNumber(n)
		days = append(days, d)
	}
	perOp := len(parties) * len(treaties) * len(days)
	var tally [3]int
	b.ReportAllocs()
	for b.Loop() {
		tally = [3]int{}
		for _, t := range treaties {
			for _, p := range parties {
				for _, d := range days {
					v, err := e.Bound(context.Background(), t, p, d)
					if err != nil {
						b.Fatal(err)
					}
					tally[v]++
				}
			}
		}
	}
	if tally[rules.True] == 0 || tally[rules.False] == 0 {
		b.Fatalf("answers %v: want true and false", tally)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(perOp), "ns/question")
	b.ReportMetric(float64(perOp), "questions/op")
}

// The scale record, generated once per test binary and shared by the scale
// benchmarks; BenchmarkScaleBuild leaves its engine here for the lookups,
// so that with -count both lookups run with the same heap and one build.
var scale struct {
	rec  *synth.Record
	eng  *rules.Engine
	ds   *cistreaty.Dataset
	base intervalIndex
	mix  []question
}

func scaleRecord(b *testing.B) *synth.Record {
	b.Helper()
	if scale.rec == nil {
		r, err := synth.Generate(synth.Scale())
		if err != nil {
			b.Fatal(err)
		}
		scale.rec = r
	}
	return scale.rec
}

func scaleEngine(b *testing.B) (*rules.Engine, *cistreaty.Dataset) {
	b.Helper()
	if scale.eng == nil {
		ds, err := scaleRecord(b).Dataset()
		if err != nil {
			b.Fatal(err)
		}
		e, err := rules.New(context.Background(), ds)
		if err != nil {
			b.Fatal(err)
		}
		scale.eng, scale.ds = e, ds
	}
	return scale.eng, scale.ds
}

var heapSample = []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}

// heapObjects is the memory held by heap objects after a full collection.
func heapObjects() float64 {
	runtime.GC()
	metrics.Read(heapSample)
	return float64(heapSample[0].Value.Uint64())
}

// BenchmarkScaleBuild builds the dataset (index and validation) and the
// engine over the synthetic record; generating the record is not timed. It
// reports the heap held afterwards: all of it (heap-B, the generated values
// included) and what the dataset and engine add (built-heap-B).
func BenchmarkScaleBuild(b *testing.B) {
	rec := scaleRecord(b)
	scale.eng, scale.ds, scale.base, scale.mix = nil, nil, nil, nil
	before := heapObjects()
	var dsTime, engTime time.Duration
	var e *rules.Engine
	var ds *cistreaty.Dataset
	b.ReportAllocs()
	for b.Loop() {
		e, ds = nil, nil
		t0 := time.Now()
		var err error
		ds, err = rec.Dataset()
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		e, err = rules.New(context.Background(), ds)
		if err != nil {
			b.Fatal(err)
		}
		dsTime += t1.Sub(t0)
		engTime += time.Since(t1)
	}
	after := heapObjects()
	b.ReportMetric(after, "heap-B")
	b.ReportMetric(after-before, "built-heap-B")
	b.ReportMetric(float64(dsTime.Nanoseconds())/float64(b.N), "dataset-ns/op")
	b.ReportMetric(float64(engTime.Nanoseconds())/float64(b.N), "engine-ns/op")
	scale.eng, scale.ds = e, ds
}

// scaleMix is 4,096 questions on the synthetic record: a random treaty, one
// of its own parties three times in four (else any party), on a random day
// from 1950 to 2026.
func scaleMix(b *testing.B, e *rules.Engine, ds *cistreaty.Dataset) []question {
	b.Helper()
	if scale.mix != nil {
		return scale.mix
	}
	rnd := rand.New(rand.NewPCG(2, 3))
	treaties, parties := e.Treaties(), e.Parties()
	first := cistreaty.MustParseDate("1950-01-01").DayNumber()
	last := cistreaty.MustParseDate("2026-12-31").DayNumber()
	qs := make([]question, 4096)
	for i := range qs {
		t := treaties[rnd.IntN(len(treaties))]
		p := parties[rnd.IntN(len(parties))]
		if evs := eventList(ds.EventsOf(t, "")); rnd.IntN(4) != 0 && len(evs) > 0 {
			p = evs[rnd.IntN(len(evs))].Party
		}
		d, _ := cistreaty.DateFromDayNumber(first + rnd.Int64N(last-first+1))
		qs[i] = question{t, p, d}
	}
	scale.mix = qs
	return qs
}

// BenchmarkBoundScale is the plain lookup over the synthetic record.
func BenchmarkBoundScale(b *testing.B) {
	e, ds := scaleEngine(b)
	qs := scaleMix(b, e, ds)
	runtime.GC() // not to time a collection the set-up left running
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := &qs[i&4095]
		i++
		if _, err := e.Bound(context.Background(), q.treaty, q.party, q.on); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBoundScaleBaseline answers the same questions by hand over the
// intervals of every (treaty, party) of the synthetic record that has
// events, so that its map is as large as the engine's. The engine stays in
// memory, so both lookups run with the same heap.
func BenchmarkBoundScaleBaseline(b *testing.B) {
	e, ds := scaleEngine(b)
	qs := scaleMix(b, e, ds)
	if scale.base == nil {
		var pairs [][2]string
		seen := map[[2]string]bool{}
		for _, ev := range ds.Events() {
			k := [2]string{ev.Treaty, ev.Party}
			if ev.Treaty != "" && ev.Party != "" && !seen[k] {
				seen[k] = true
				pairs = append(pairs, k)
			}
		}
		x, err := newIntervalIndex(e, pairs)
		if err != nil {
			b.Fatal(err)
		}
		scale.base = x
	}
	x := scale.base
	for _, q := range qs {
		v, _ := e.Bound(context.Background(), q.treaty, q.party, q.on)
		if v != rules.Indeterminate && (v == rules.True) != x.bound(q.treaty, q.party, q.on) {
			b.Fatalf("baseline: %v: engine says %v", q, v)
		}
	}
	runtime.GC()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		q := &qs[i&4095]
		i++
		_ = x.bound(q.treaty, q.party, q.on)
	}
}

// BenchmarkWhatIf is a what-if question as a service answers it: the engine
// with one assumed event, then one explained answer.
func BenchmarkWhatIf(b *testing.B) {
	e := benchEngine(b)
	ctx := context.Background()
	notice := cistreaty.Event{Treaty: "cis-charter-1993", Party: "MD", Kind: cistreaty.WithdrawalNotice,
		When: cistreaty.On(cistreaty.MustParseDate("2026-12-01"))}
	q := rules.Question{Kind: rules.QuestionStatus, Org: "cis", Party: "MD", On: cistreaty.MustParseDate("2027-12-01")}
	b.ReportAllocs()
	for b.Loop() {
		w, err := e.With(ctx, notice)
		if err != nil {
			b.Fatal(err)
		}
		v, err := w.Explain(ctx, q)
		if err != nil || v.Answer.Status != "withdrawn" {
			b.Fatalf("%v, %v: want withdrawn", v.Answer, err)
		}
	}
}

// BenchmarkWhatIfBaseline is the same question on the record alone: the
// floor a what-if adds to.
func BenchmarkWhatIfBaseline(b *testing.B) {
	e := benchEngine(b)
	ctx := context.Background()
	q := rules.Question{Kind: rules.QuestionStatus, Org: "cis", Party: "MD", On: cistreaty.MustParseDate("2027-12-01")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Explain(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}

// eventList collects the events an iterator yields, in its order.
func eventList(seq iter.Seq2[int, cistreaty.Event]) []cistreaty.Event {
	var out []cistreaty.Event
	for _, ev := range seq {
		out = append(out, ev)
	}
	return out
}
