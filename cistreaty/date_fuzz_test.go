package cistreaty

import (
	"errors"
	"testing"
	"time"

	"github.com/rickb777/date/v2/gregorian"
)

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"1993-01-22", "0001-01-01", "9999-12-31", "2024-02-29", "2400-02-29", "1700-03-01",
		"2024-02-30", "2023-02-29", "2024-13-01", "2024-1-1", "+2024-01-01", "2024-01-+1",
		"2018-02-03T23:59:00+05:00", "", "0000-01-01", " 2024-01-01", "1900-02-29", "2024-00-10",
		"2024-01-00", "-2024-01-01", "２０２４-01-01",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidDate) {
				t.Fatalf("ParseDate(%q): error %v is not ErrInvalidDate", s, err)
			}
			if d.IsValid() {
				t.Fatalf("ParseDate(%q): valid date %v with error %v", s, d, err)
			}
			return
		}
		if !d.IsValid() {
			t.Fatalf("ParseDate(%q): no error but an invalid date", s)
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, d.String())
		}
		back, err := ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseDate(%q) = %v, %v; want %v", d.String(), back, err, d)
		}
		again, ok := DateFromDayNumber(d.DayNumber())
		if !ok || again != d {
			t.Fatalf("DateFromDayNumber(%d) = %v, %v; want %v", d.DayNumber(), again, ok, d)
		}
		var fromJSON Date
		b, err := d.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if err := fromJSON.UnmarshalJSON(b); err != nil || fromJSON != d {
			t.Fatalf("JSON round trip of %v via %s = %v, %v", d, b, fromJSON, err)
		}
	})
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{
		"P6M", "P12M", "P1Y", "P30D", "P0D", "P0M", "P999999Y", "P006M",
		"P1.5M", "P1W", "PT12H", "", "P", "P1Y2M", "-P1M", "P+1M", "p1m", "P1M ", "P1000000D",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePeriod(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidPeriod) {
				t.Fatalf("ParsePeriod(%q): error %v is not ErrInvalidPeriod", s, err)
			}
			return
		}
		if p.Months != 0 && p.Days != 0 {
			t.Fatalf("ParsePeriod(%q) = %+v: two units", s, p)
		}
		if p.Months < 0 || p.Days < 0 {
			t.Fatalf("ParsePeriod(%q) = %+v: negative", s, p)
		}
		canon := p.String()
		back, err := ParsePeriod(canon)
		if err != nil || back != p {
			t.Fatalf("ParsePeriod(%q) (canonical of %q) = %+v, %v; want %+v", canon, s, back, err, p)
		}
		if back.String() != canon {
			t.Fatalf("String() not stable: %q then %q", canon, back.String())
		}
	})
}

func FuzzAddMonths(f *testing.F) {
	seeds := []struct {
		day  int64
		n    int
		rule uint8
	}{
		{MustParseDate("2024-01-31").DayNumber(), 1, 0},
		{MustParseDate("2023-01-31").DayNumber(), 1, 0},
		{MustParseDate("2024-02-29").DayNumber(), 12, 0},
		{MustParseDate("2023-08-31").DayNumber(), 6, 0},
		{MustParseDate("2024-08-31").DayNumber(), 6, 0},
		{MustParseDate("2023-01-31").DayNumber(), 1, 1},
		{MustParseDate("2023-01-31").DayNumber(), 1, 2},
		{MustParseDate("9999-12-31").DayNumber(), 1, 0},
		{MustParseDate("0001-01-01").DayNumber(), -1, 0},
		{MustParseDate("2024-01-31").DayNumber(), int(^uint(0) >> 1), 0},
		{MustParseDate("2024-01-31").DayNumber(), -int(^uint(0)>>1) - 1, 0},
		{-1, 1, 0}, // the zero Date
		{0, 1, 9},
	}
	for _, s := range seeds {
		f.Add(s.day, s.n, s.rule)
	}
	f.Fuzz(func(t *testing.T, day int64, n int, r uint8) {
		// Fold day into -1..maxDayNumber (leaving that range as it is) so most
		// inputs are dates; -1 gives the zero Date, which must be an error,
		// not a panic.
		dn := (day + 1) % (maxDayNumber + 2)
		if dn < 0 {
			dn += maxDayNumber + 2
		}
		d, _ := DateFromDayNumber(dn - 1)
		rule := MonthEnd(r)
		got, adjusted, err := d.AddMonths(n, rule)
		if err != nil {
			if got.IsValid() || adjusted {
				t.Fatalf("%v + %d months (%v): error %v came with %v, %v", d, n, rule, err, got, adjusted)
			}
			return
		}
		if !d.IsValid() || rule > MonthEndRefuse {
			t.Fatalf("%v + %d months (%v) = %v: want an error", d, n, rule, got)
		}
		if !got.IsValid() {
			t.Fatalf("%v + %d months (%v): no error but an invalid date", d, n, rule)
		}
		// The target month is exactly n months on, whatever the rule did to the day.
		months := func(x Date) int { return x.Year()*12 + int(x.Month()) - 1 }
		wantMonths := months(d) + n
		last := gregorian.DaysIn(wantMonths/12, time.Month(wantMonths%12+1))
		switch rule {
		case MonthEndLastDay:
			if months(got) != wantMonths || got.Day() != min(d.Day(), last) || adjusted != (d.Day() > last) {
				t.Fatalf("%v + %d months (last-day) = %v, adjusted %v; want day min(%d, %d) of month %d",
					d, n, got, adjusted, d.Day(), last, wantMonths)
			}
		case MonthEndRoundUp:
			if d.Day() > last {
				if months(got) != wantMonths+1 || got.Day() != 1 || !adjusted {
					t.Fatalf("%v + %d months (round-up) = %v, adjusted %v; want the 1st of the next month", d, n, got, adjusted)
				}
			} else if months(got) != wantMonths || got.Day() != d.Day() || adjusted {
				t.Fatalf("%v + %d months (round-up) = %v, adjusted %v", d, n, got, adjusted)
			}
		case MonthEndRefuse:
			if months(got) != wantMonths || got.Day() != d.Day() || adjusted {
				t.Fatalf("%v + %d months (refuse) = %v, adjusted %v", d, n, got, adjusted)
			}
		}
		// Going back never overshoots: the same day or an earlier one in the original month.
		if rule == MonthEndLastDay {
			back, _, err := got.AddMonths(-n, MonthEndLastDay)
			if err != nil || months(back) != months(d) || back.Day() > d.Day() {
				t.Fatalf("%v + %d - %d months = %v, %v", d, n, n, back, err)
			}
		}
	})
}
