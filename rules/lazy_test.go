package rules_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// A what-if engine builds a treaty's timelines on first use: many
// goroutines asking a fresh one at once get the answers one goroutine gets
// (run under -race).
func TestWhatIfFirstUseFromManyGoroutines(t *testing.T) {
	ctx := context.Background()
	notice := cistreaty.Event{Treaty: "cis-charter-1993", Party: "MD", Kind: cistreaty.WithdrawalNotice,
		When: cistreaty.On(day("2026-12-01"))}
	serial, err := cisEngine(t).With(ctx, notice)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := cisEngine(t).With(ctx, notice)
	if err != nil {
		t.Fatal(err)
	}
	ask := func(e *rules.Engine) [4]string {
		b, err1 := e.Bound(ctx, "cis-charter-1993", "MD", day("2027-12-01"))
		bt, err2 := e.BoundTowards(ctx, "cis-charter-1993", "MD", "RU", day("2027-06-01"))
		s, _, err3 := e.Membership(ctx, "cis", "MD", day("2027-12-01"))
		d, _, err4 := e.EntryIntoForce(ctx, "cis-charter-1993", "MD")
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			t.Error(err)
		}
		return [4]string{b.String(), bt.String(), s, d.String()}
	}
	want := ask(serial)
	// Twelve months after the notice of 1 Dec 2026 (Art. 9), Moldova has
	// left: not bound on 1 Dec 2027, still bound towards Russia in June 2027.
	if want[0] != "false" || want[1] != "true" || want[2] != "withdrawn" {
		t.Fatalf("serial answers %q, want false, true, withdrawn", want)
	}
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			if got := ask(fresh); got != want {
				t.Errorf("concurrent %q, serial %q", got, want)
			}
		})
	}
	wg.Wait()
}

// A what-if engine's first use under a cancelled context fails with the
// context's error and builds nothing; the next use with a live context
// answers.
func TestWhatIfFirstUseHonoursItsContext(t *testing.T) {
	e, err := cisEngine(t).With(context.Background(), cistreaty.Event{Treaty: "cis-charter-1993", Party: "MD",
		Kind: cistreaty.WithdrawalNotice, When: cistreaty.On(day("2026-12-01"))})
	if err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := e.Bound(cancelled, "cis-charter-1993", "MD", day("2027-12-01")); !errors.Is(err, context.Canceled) {
		t.Errorf("Bound with a cancelled context = %v, want context.Canceled", err)
	}
	if _, _, err := e.Membership(cancelled, "cis", "MD", day("2027-12-01")); !errors.Is(err, context.Canceled) {
		t.Errorf("Membership with a cancelled context = %v, want context.Canceled", err)
	}
	if got, err := e.Bound(context.Background(), "cis-charter-1993", "MD", day("2027-12-01")); err != nil || got != rules.False {
		t.Errorf("Bound afterwards = %v, %v; want false", got, err)
	}
}

// A built engine answers Bound without allocating, what-if or not.
func TestBoundAllocatesNothing(t *testing.T) {
	ctx := context.Background()
	base := cisEngine(t)
	whatIf, err := base.With(ctx, cistreaty.Event{Treaty: "cis-charter-1993", Party: "MD",
		Kind: cistreaty.WithdrawalNotice, When: cistreaty.On(day("2026-12-01"))})
	if err != nil {
		t.Fatal(err)
	}
	for name, e := range map[string]*rules.Engine{"base": base, "what-if": whatIf} {
		if _, err := e.Bound(ctx, "cis-charter-1993", "RU", day("2000-01-01")); err != nil {
			t.Fatal(err)
		}
		if n := testing.AllocsPerRun(100, func() { _, _ = e.Bound(ctx, "cis-charter-1993", "RU", day("2000-01-01")) }); n != 0 {
			t.Errorf("%s: Bound allocates %v times", name, n)
		}
	}
}
