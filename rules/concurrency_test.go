package rules_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// TestConcurrentQueries asks one engine, and what-if engines derived from it,
// the same questions from many goroutines at once, and compares every answer
// with the one given serially. Run under -race.
func TestConcurrentQueries(t *testing.T) {
	base := cisEngine(t)
	notice := cistreaty.Event{Treaty: "cis-charter-1993", Party: "MD", Kind: cistreaty.WithdrawalNotice,
		When: cistreaty.On(day("2026-12-01"))}
	whatIf, err := base.With(context.Background(), notice)
	if err != nil {
		t.Fatal(err)
	}
	engines := []*rules.Engine{base, whatIf}
	type question struct {
		eng           int
		treaty, party string
		on            cistreaty.Date
	}
	var qs []question
	for ei := range engines {
		for _, tr := range []string{"cis-charter-1993", "cis-agreement-1991", "fta-2011", "vclt-1969", "cst-1992"} {
			for _, p := range []string{"RU", "MD", "GE", "UA", "AZ", "TM"} {
				for _, on := range []string{"1991-12-20", "1994-01-22", "2009-08-18", "2016-01-01", "2027-12-01"} {
					qs = append(qs, question{ei, tr, p, day(on)})
				}
			}
		}
	}
	answer := func(q question) string {
		e := engines[q.eng]
		b, err := e.Bound(context.Background(), q.treaty, q.party, q.on)
		if err != nil {
			return err.Error()
		}
		v, err := e.Explain(context.Background(), rules.Question{Kind: rules.QuestionBound, Treaty: q.treaty, Party: q.party, On: q.on})
		if err != nil {
			return err.Error()
		}
		s, _, _ := e.Membership(context.Background(), "cis", q.party, q.on)
		return fmt.Sprintf("%v %v %d %s", b, v.Answer, len(v.Because), s)
	}
	serial := make([]string, len(qs))
	for i, q := range qs {
		serial[i] = answer(q)
	}
	var wg sync.WaitGroup
	errs := make(chan string, len(qs)*8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range qs {
				i := (k + g*37) % len(qs)
				if got := answer(qs[i]); got != serial[i] {
					errs <- fmt.Sprintf("%+v: concurrent %q, serial %q", qs[i], got, serial[i])
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	// The what-if engine marks its added fact as assumed, and the base engine
	// is untouched.
	got, _, _ := whatIf.Membership(context.Background(), "cis", "MD", day("2027-12-01"))
	if got != "withdrawn" {
		t.Errorf("what-if MD on 2027-12-01 = %q, want withdrawn (notice 2026-12-01 + 12 months)", got)
	}
	if s, settled, _ := base.Membership(context.Background(), "cis", "MD", day("2027-12-01")); settled {
		t.Errorf("base MD on 2027-12-01 = %q, want indeterminate: the what-if must not change it", s)
	}
}
