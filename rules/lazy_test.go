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

// A what-if of a what-if keeps both assumptions; the treaties neither
// concerns answer as on the record.
func TestWhatIfOfAWhatIf(t *testing.T) {
	ctx := context.Background()
	base := cisEngine(t)
	first, err := base.With(ctx, cistreaty.Event{Treaty: "cis-charter-1993", Party: "MD", Kind: cistreaty.WithdrawalNotice,
		When: cistreaty.On(day("2026-12-01"))})
	if err != nil {
		t.Fatal(err)
	}
	second, err := first.With(ctx, cistreaty.Event{Treaty: "fta-2011", Party: "RU", Kind: cistreaty.Suspension,
		When: cistreaty.On(day("2015-03-01"))})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		got  func(*rules.Engine) (rules.Truth, error)
		want rules.Truth
	}{
		// Twelve months after the notice (Charter Art. 9).
		{"the first assumption", func(e *rules.Engine) (rules.Truth, error) {
			return e.Bound(ctx, "cis-charter-1993", "MD", day("2027-12-01"))
		}, rules.False},
		// Suspended towards every party from the day of the suspension.
		{"the second assumption", func(e *rules.Engine) (rules.Truth, error) {
			return e.BoundTowards(ctx, "fta-2011", "RU", "BY", day("2015-03-01"))
		}, rules.False},
	}
	for _, tt := range tests {
		if got, err := tt.got(second); err != nil || got != tt.want {
			t.Errorf("%s: %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	for _, id := range []string{"cst-1992", "vclt-1969", "economic-union-1993"} {
		for _, p := range []string{"RU", "MD", "KZ"} {
			for _, on := range []string{"1995-01-01", "2010-06-01", "2020-01-01"} {
				want, err1 := base.Bound(ctx, id, p, day(on))
				got, err2 := second.Bound(ctx, id, p, day(on))
				if err1 != nil || err2 != nil || got != want {
					t.Errorf("%s %s %s: what-if %v (%v), record %v (%v)", id, p, on, got, err2, want, err1)
				}
			}
		}
	}
}
