package cistreaty

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParsePeriod(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		want       Period
		wantString string
	}{
		{"six months (many CIS agreements)", "P6M", Period{Months: 6}, "P6M"},
		{"twelve months (CIS Charter Art. 9) is one year", "P12M", Period{Months: 12}, "P1Y"},
		{"one year is twelve months", "P1Y", Period{Months: 12}, "P1Y"},
		{"thirty days", "P30D", Period{Days: 30}, "P30D"},
		{"eighteen months", "P18M", Period{Months: 18}, "P18M"},
		{"zero days", "P0D", Period{}, "P0D"},
		{"zero months is the zero period", "P0M", Period{}, "P0D"},
		{"leading zeros", "P006M", Period{Months: 6}, "P6M"},
		{"six digits", "P999999D", Period{Days: 999999}, "P999999D"},
		{"six-digit years stay six digits", "P999999Y", Period{Months: 12 * 999999}, "P999999Y"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParsePeriod(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParsePeriod(%q) (-want +got):\n%s", tt.in, diff)
			}
			if diff := cmp.Diff(tt.wantString, got.String()); diff != "" {
				t.Errorf("String() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParsePeriodErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"no number", "P"},
		{"unit only", "PM"},
		{"fraction", "P1.5M"},
		{"comma fraction", "P1,5M"},
		{"weeks", "P1W"},
		{"time part", "PT12H"},
		{"time part in months", "PT1M"},
		{"two units", "P1Y2M"},
		{"months and days", "P1M15D"},
		{"negative", "-P1M"},
		{"sign inside", "P+1M"},
		{"negative number", "P-1M"},
		{"lower case", "p1m"},
		{"lower-case unit", "P1m"},
		{"trailing space", "P1M "},
		{"leading space", " P1M"},
		{"no P", "6M"},
		{"seven digits", "P1000000D"},
		{"words", "six months"},
		{"hours", "P1H"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePeriod(tt.in)
			if err == nil {
				t.Fatalf("ParsePeriod(%q) = %v, want an error", tt.in, p)
			}
			if !errors.Is(err, ErrInvalidPeriod) {
				t.Errorf("errors.Is(%v, ErrInvalidPeriod) = false", err)
			}
			var pe *PeriodError
			if !errors.As(err, &pe) || pe.Input != tt.in {
				t.Errorf("error %#v: want a *PeriodError with Input %q", err, tt.in)
			}
		})
	}
}

func TestPeriodErrorMessage(t *testing.T) {
	_, err := ParsePeriod("P1.5M")
	want := `invalid period "P1.5M": want P<n>Y, P<n>M or P<n>D with n a whole number; got "."`
	if err == nil {
		t.Fatal("no error")
	}
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestPeriodString(t *testing.T) {
	tests := []struct {
		name string
		p    Period
		want string
	}{
		{"zero", Period{}, "P0D"},
		{"months", Period{Months: 6}, "P6M"},
		{"whole years", Period{Months: 24}, "P2Y"},
		{"days", Period{Days: 30}, "P30D"},
		{"negative months", Period{Months: -6}, "-P6M"},
		{"negative days", Period{Days: -1}, "-P1D"},
		{"both fields (never parsed)", Period{Months: 1, Days: 2}, "P1M2D"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tt.p.String()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestAddPeriod(t *testing.T) {
	tests := []struct {
		name   string
		from   string
		period string
		rule   MonthEnd
		want   addResult
	}{
		{"30th day after a deposit across a year end", "2012-12-10", "P30D", MonthEndLastDay, addResult{"2013-01-09", false}},
		{"six months to the end of a leap February", "2023-08-31", "P6M", MonthEndLastDay, addResult{"2024-02-29", true}},
		{"six months to the end of a common February", "2024-08-31", "P6M", MonthEndLastDay, addResult{"2025-02-28", true}},
		{"CIS Charter Art. 9: twelve months' notice", "2008-08-18", "P12M", MonthEndLastDay, addResult{"2009-08-18", false}},
		{"one year from a leap day", "2024-02-29", "P1Y", MonthEndLastDay, addResult{"2025-02-28", true}},
		{"one year from a leap day, round-up", "2024-02-29", "P1Y", MonthEndRoundUp, addResult{"2025-03-01", true}},
		{"one month, round-up", "2023-01-31", "P1M", MonthEndRoundUp, addResult{"2023-03-01", true}},
		{"zero period", "2024-02-29", "P0D", MonthEndRefuse, addResult{"2024-02-29", false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePeriod(tt.period)
			if err != nil {
				t.Fatal(err)
			}
			d, adj, err := MustParseDate(tt.from).AddPeriod(p, tt.rule)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, addResult{d.String(), adj}); diff != "" {
				t.Errorf("%s + %s (%v) (-want +got):\n%s", tt.from, tt.period, tt.rule, diff)
			}
		})
	}
}

func TestAddPeriodErrors(t *testing.T) {
	tests := []struct {
		name     string
		from     string
		p        Period
		rule     MonthEnd
		sentinel error
	}{
		{"months and days together", "2024-01-01", Period{Months: 1, Days: 1}, MonthEndLastDay, ErrInvalidPeriod},
		{"refused month end", "2023-01-31", Period{Months: 1}, MonthEndRefuse, ErrInvalidDate},
		{"days past 9999-12-31", "9999-12-31", Period{Days: 1}, MonthEndLastDay, ErrInvalidDate},
		{"months past 9999-12", "9999-12-01", Period{Months: 1}, MonthEndLastDay, ErrInvalidDate},
		{"the largest parsable period", "2024-01-01", Period{Months: 12 * 999999}, MonthEndLastDay, ErrInvalidDate},
		{"zero date", "", Period{Days: 1}, MonthEndLastDay, ErrInvalidDate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var from Date
			if tt.from != "" {
				from = MustParseDate(tt.from)
			}
			d, adj, err := from.AddPeriod(tt.p, tt.rule)
			if !errors.Is(err, tt.sentinel) {
				t.Fatalf("%v + %v = %v, %v, %v; want %v", from, tt.p, d, adj, err, tt.sentinel)
			}
			if d.IsValid() || adj {
				t.Errorf("error came with date %v, adjusted %v", d, adj)
			}
		})
	}
}
