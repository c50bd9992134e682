package cistreaty

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/v2"
)

// Known day numbers, derived by hand from the Gregorian calendar:
//
//   - 0001-01-01 is day 0 (rickb777's zero, the same as time.Time's).
//   - 1970-01-01 is day 719162: rickb777.ZeroOffset, and Rata Die 719163 minus
//     one (Rata Die counts 0001-01-01 as day 1).
//   - 9999-12-31 is day 3652058: 0001-01-01..9601-01-01 is 24 cycles of 400
//     years of 146097 days = 3506328 days; 9601..10000 is 399 years of 365
//     days plus 96 leap days (99 multiples of 4 from 9604 to 9996, less 9700,
//     9800, 9900) = 145731 days; 3506328 + 145731 = 3652059 days to
//     10000-01-01, so 9999-12-31 is day 3652058.
const (
	dayNumber1970 = 719162
	dayNumberMax  = 3652058
)

func TestParseDate(t *testing.T) {
	type ymd struct {
		Year  int
		Month time.Month
		Day   int
	}
	tests := []struct {
		name string
		in   string
		want ymd
	}{
		{"cis charter adopted", "1993-01-22", ymd{1993, time.January, 22}},
		{"first supported day", "0001-01-01", ymd{1, time.January, 1}},
		{"last supported day", "9999-12-31", ymd{9999, time.December, 31}},
		{"leap day in a leap year", "2024-02-29", ymd{2024, time.February, 29}},
		{"2000 is a leap year (divisible by 400)", "2000-02-29", ymd{2000, time.February, 29}},
		{"2400 is a leap year (divisible by 400)", "2400-02-29", ymd{2400, time.February, 29}},
		{"before 1900", "1700-03-01", ymd{1700, time.March, 1}},
		{"leading zeros in the year", "0999-12-31", ymd{999, time.December, 31}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDate(tt.in)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			got := ymd{d.Year(), d.Month(), d.Day()}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseDate(%q) (-want +got):\n%s", tt.in, diff)
			}
			if diff := cmp.Diff(tt.in, d.String()); diff != "" {
				t.Errorf("String() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"30 February in a leap year", "2024-02-30"},
		{"29 February in a common year", "2023-02-29"},
		{"1900 is not a leap year (century not divisible by 400)", "1900-02-29"},
		{"1700 is not a leap year", "1700-02-29"},
		{"2100 is not a leap year", "2100-02-29"},
		{"31 April", "2024-04-31"},
		{"month 13", "2024-13-01"},
		{"month 00", "2024-00-10"},
		{"day 00", "2024-01-00"},
		{"day 32", "2024-01-32"},
		{"year 0000", "0000-01-01"},
		{"unpadded month and day", "2024-1-1"},
		{"leading plus sign", "+2024-01-01"},
		{"plus sign in the day (strconv.Atoi would accept it)", "2024-01-+1"},
		{"minus sign in the month", "2024--1-01"},
		{"negative year", "-2024-01-01"},
		{"time and offset", "2018-02-03T23:59:00+05:00"},
		{"time only T", "2024-01-01T"},
		{"empty", ""},
		{"leading space", " 2024-01-01"},
		{"trailing space", "2024-01-01 "},
		{"slashes", "2024/01/01"},
		{"compact ISO form", "20240101"},
		{"five-digit year", "12024-01-01"},
		{"ordinal date", "2024-001"},
		{"letters", "YYYY-MM-DD"},
		{"non-ASCII digits", "２０２４-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDate(tt.in)
			if err == nil {
				t.Fatalf("ParseDate(%q) = %v, want an error", tt.in, d)
			}
			if !errors.Is(err, ErrInvalidDate) {
				t.Errorf("errors.Is(%v, ErrInvalidDate) = false", err)
			}
			var de *DateError
			if !errors.As(err, &de) || de.Input != tt.in {
				t.Errorf("error %#v: want a *DateError with Input %q", err, tt.in)
			}
			if d.IsValid() {
				t.Errorf("ParseDate(%q) returned a valid date %v with its error", tt.in, d)
			}
		})
	}
}

func TestDateErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"leap february", "2024-02-30", `invalid date "2024-02-30": February 2024 has 29 days`},
		{"common february", "2023-02-29", `invalid date "2023-02-29": February 2023 has 28 days`},
		{"month", "2024-13-01", `invalid date "2024-13-01": month 13 does not exist`},
		{"year", "0000-01-01", `invalid date "0000-01-01": year 0000 is outside 0001..9999`},
		{"sign", "2024-01-+1", `invalid date "2024-01-+1": want a digit at position 9, got "+"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDate(tt.in)
			if err == nil {
				t.Fatalf("ParseDate(%q): no error", tt.in)
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestNewDate(t *testing.T) {
	tests := []struct {
		name    string
		year    int
		month   time.Month
		day     int
		want    string // "" for an error
		wantErr string
	}{
		{"ordinary", 1991, time.December, 8, "1991-12-08", ""},
		{"no normalisation of 30 Feb", 2024, time.February, 30, "", `invalid date "2024-02-30": February 2024 has 29 days`},
		{"no normalisation of day 0", 2024, time.March, 0, "", `invalid date "2024-03-00": day 00 does not exist`},
		{"no normalisation of month 0", 2024, 0, 1, "", `invalid date "2024-00-01": month 00 does not exist`},
		{"year 0", 0, time.January, 1, "", `invalid date "0000-01-01": year 0000 is outside 0001..9999`},
		{"year 10000", 10000, time.January, 1, "", `invalid date "10000-01-01": year 10000 is outside 0001..9999`},
		{"2400-02-29 exists", 2400, time.February, 29, "2400-02-29", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := NewDate(tt.year, tt.month, tt.day)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
				if !errors.Is(err, ErrInvalidDate) {
					t.Errorf("errors.Is(%v, ErrInvalidDate) = false", err)
				}
			}
			if diff := cmp.Diff(tt.wantErr, gotErr); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
			got := ""
			if d.IsValid() {
				got = d.String()
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("date (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMustParseDatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustParseDate(\"2024-02-30\") did not panic")
		}
	}()
	MustParseDate("2024-02-30")
}

func TestZeroDate(t *testing.T) {
	var z Date
	type view struct {
		Valid     bool
		String    string
		Year      int
		Month     time.Month
		Day       int
		DayNumber int64
	}
	want := view{Valid: false, String: "invalid date", DayNumber: -1}
	got := view{z.IsValid(), z.String(), z.Year(), z.Month(), z.Day(), z.DayNumber()}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("zero Date (-want +got):\n%s", diff)
	}
	if _, err := z.MarshalText(); !errors.Is(err, ErrInvalidDate) {
		t.Errorf("MarshalText of the zero Date: err = %v, want ErrInvalidDate", err)
	}
	if _, err := z.AppendText(nil); !errors.Is(err, ErrInvalidDate) {
		t.Errorf("AppendText of the zero Date: err = %v, want ErrInvalidDate", err)
	}
	if _, err := json.Marshal(struct{ On Date }{}); !errors.Is(err, ErrInvalidDate) {
		t.Errorf("json.Marshal of the zero Date: err = %v, want ErrInvalidDate", err)
	}
	if _, err := z.AddDays(1); !errors.Is(err, ErrInvalidDate) {
		t.Errorf("AddDays on the zero Date: err = %v, want ErrInvalidDate", err)
	}
	if _, _, err := z.AddMonths(1, MonthEndLastDay); !errors.Is(err, ErrInvalidDate) {
		t.Errorf("AddMonths on the zero Date: err = %v, want ErrInvalidDate", err)
	}
	if _, _, err := z.AddYears(1, MonthEndLastDay); !errors.Is(err, ErrInvalidDate) {
		t.Errorf("AddYears on the zero Date: err = %v, want ErrInvalidDate", err)
	}
	if got := z.DaysBetween(MustParseDate("2024-01-01")); got != 0 {
		t.Errorf("DaysBetween with the zero Date = %d, want 0", got)
	}
	if !z.Before(MustParseDate("0001-01-01")) {
		t.Error("the zero Date does not sort before 0001-01-01")
	}
}

func TestTextRoundTrip(t *testing.T) {
	for _, s := range []string{"0001-01-01", "1991-12-26", "2024-02-29", "9999-12-31"} {
		t.Run(s, func(t *testing.T) {
			d := MustParseDate(s)
			b, err := d.MarshalText()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(s, string(b)); diff != "" {
				t.Errorf("MarshalText (-want +got):\n%s", diff)
			}
			b, err = d.AppendText([]byte("on "))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff("on "+s, string(b)); diff != "" {
				t.Errorf("AppendText (-want +got):\n%s", diff)
			}
			var back Date
			if err := back.UnmarshalText([]byte(s)); err != nil {
				t.Fatal(err)
			}
			if back != d {
				t.Errorf("UnmarshalText(%q) = %v, want %v", s, back, d)
			}
		})
	}
}

func TestUnmarshalTextStrict(t *testing.T) {
	d := MustParseDate("1993-01-22")
	if err := d.UnmarshalText([]byte("2024-02-30")); !errors.Is(err, ErrInvalidDate) {
		t.Errorf("UnmarshalText(2024-02-30): err = %v, want ErrInvalidDate", err)
	}
	if d != MustParseDate("1993-01-22") {
		t.Errorf("a failed UnmarshalText changed the date to %v", d)
	}
}

func TestJSON(t *testing.T) {
	type record struct {
		On    Date  `json:"on"`
		Until *Date `json:"until,omitempty"`
	}
	on := MustParseDate("1993-01-22")
	b, err := json.Marshal(record{On: on})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"on":"1993-01-22"}`, string(b)); diff != "" {
		t.Errorf("json.Marshal (-want +got):\n%s", diff)
	}
	var back record
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.On != on || back.Until != nil {
		t.Errorf("round trip = %+v, want On %v and no Until", back, on)
	}

	tests := []struct {
		name    string
		in      string
		want    string // String() of the result; "invalid date" for the zero Date
		wantErr bool
	}{
		{"string", `"2024-02-29"`, "2024-02-29", false},
		{"null leaves the zero value", `null`, "invalid date", false},
		{"escaped digit is still the same text", `"\u0032024-01-01"`, "2024-01-01", false},
		{"impossible day", `"2024-02-30"`, "invalid date", true},
		{"with a time", `"2018-02-03T23:59:00+05:00"`, "invalid date", true},
		{"number", `20240101`, "invalid date", true},
		{"empty string", `""`, "invalid date", true},
		{"object", `{}`, "invalid date", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d Date
			err := d.UnmarshalJSON([]byte(tt.in))
			if (err != nil) != tt.wantErr {
				t.Fatalf("UnmarshalJSON(%s): err = %v, want error %v", tt.in, err, tt.wantErr)
			}
			if err != nil && !errors.Is(err, ErrInvalidDate) {
				t.Errorf("errors.Is(%v, ErrInvalidDate) = false", err)
			}
			if diff := cmp.Diff(tt.want, d.String()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestCompare(t *testing.T) {
	a, b := MustParseDate("1991-12-08"), MustParseDate("1991-12-21")
	type result struct {
		Compare       int
		Before, After bool
	}
	tests := []struct {
		name string
		d, e Date
		want result
	}{
		{"earlier", a, b, result{-1, true, false}},
		{"later", b, a, result{1, false, true}},
		{"same", a, a, result{0, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := result{tt.d.Compare(tt.e), tt.d.Before(tt.e), tt.d.After(tt.e)}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestAddDays(t *testing.T) {
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		// 10 Dec + 30: 21 days remain in December (11..31), 9 more into January.
		{"30th day after a deposit across a year end (2012)", "2012-12-10", 30, "2013-01-09"},
		{"30th day after a deposit across a year end (1993)", "1993-12-14", 30, "1994-01-13"},
		{"1700 is not a leap year", "1700-02-28", 1, "1700-03-01"},
		{"1900 is not a leap year", "1900-02-28", 1, "1900-03-01"},
		{"2000 is a leap year", "2000-02-28", 1, "2000-02-29"},
		{"2100 is not a leap year", "2100-02-28", 1, "2100-03-01"},
		{"2400 is a leap year", "2400-02-28", 1, "2400-02-29"},
		{"backwards over a year end", "2024-01-01", -1, "2023-12-31"},
		{"zero", "2024-02-29", 0, "2024-02-29"},
		{"whole range", "0001-01-01", dayNumberMax, "9999-12-31"},
		{"whole range backwards", "9999-12-31", -dayNumberMax, "0001-01-01"},
		// 2024 is a leap year: 366 days from 1 Jan 2024 is 1 Jan 2025.
		{"a leap year is 366 days", "2024-01-01", 366, "2025-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MustParseDate(tt.from).AddDays(tt.n)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got.String()); diff != "" {
				t.Errorf("%s + %d days (-want +got):\n%s", tt.from, tt.n, diff)
			}
		})
	}
}

func TestAddDaysOutOfRange(t *testing.T) {
	tests := []struct {
		name string
		from string
		n    int
	}{
		{"after 9999-12-31", "9999-12-31", 1},
		{"before 0001-01-01", "0001-01-01", -1},
		{"just past the whole range", "0001-01-01", dayNumberMax + 1},
		{"math.MaxInt", "2024-01-01", math.MaxInt},
		{"math.MinInt", "2024-01-01", math.MinInt},
		{"math.MaxInt32", "2024-01-01", math.MaxInt32},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MustParseDate(tt.from).AddDays(tt.n)
			if !errors.Is(err, ErrInvalidDate) {
				t.Fatalf("%s + %d days = %v, %v; want ErrInvalidDate", tt.from, tt.n, got, err)
			}
			if got.IsValid() {
				t.Errorf("a valid date %v came with the error", got)
			}
		})
	}
}

func TestDaysBetween(t *testing.T) {
	tests := []struct {
		name   string
		d, e   string
		want   int
		reason string
	}{
		{"whole supported range", "0001-01-01", "9999-12-31", dayNumberMax,
			"far beyond time.Duration's 292 years; see dayNumberMax"},
		{"backwards", "9999-12-31", "0001-01-01", -dayNumberMax, "e minus d"},
		{"same day", "2024-02-29", "2024-02-29", 0, "no days"},
		{"leap year", "2024-01-01", "2025-01-01", 366, "2024 has 29 February"},
		{"common year", "2023-01-01", "2024-01-01", 365, "2023 has 28 February"},
		{"twentieth century", "1900-01-01", "2000-01-01", 36524,
			"100 × 365 + 24 leap days (1904..1996; 1900 is not leap)"},
		{"twenty-first century", "2000-01-01", "2100-01-01", 36525,
			"100 × 365 + 25 leap days (2000..2096; 2000 is leap)"},
		{"Unix epoch", "0001-01-01", "1970-01-01", dayNumber1970, "rickb777.ZeroOffset"},
		{"deposit to entry into force", "2012-12-10", "2013-01-09", 30, "21 days of December + 9 of January"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MustParseDate(tt.d).DaysBetween(MustParseDate(tt.e))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s → %s (%s) (-want +got):\n%s", tt.d, tt.e, tt.reason, diff)
			}
		})
	}
}

func TestDayNumber(t *testing.T) {
	tests := []struct {
		name   string
		n      int64
		want   string // "" when out of range
		wantOK bool
	}{
		{"first day", 0, "0001-01-01", true},
		{"Unix epoch", dayNumber1970, "1970-01-01", true},
		{"last day", dayNumberMax, "9999-12-31", true},
		{"before the range", -1, "", false},
		{"after the range", dayNumberMax + 1, "", false},
		{"huge", math.MaxInt64, "", false},
		{"huge negative", math.MinInt64, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := DateFromDayNumber(tt.n)
			got := ""
			if ok {
				got = d.String()
				if d.DayNumber() != tt.n {
					t.Errorf("DayNumber() = %d, want %d", d.DayNumber(), tt.n)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("DateFromDayNumber(%d) (-want +got):\n%s", tt.n, diff)
			}
			if ok != tt.wantOK {
				t.Errorf("ok = %v, want %v", ok, tt.wantOK)
			}
		})
	}
}

func TestMonthEndNames(t *testing.T) {
	tests := []struct {
		rule MonthEnd
		name string
	}{
		{MonthEndLastDay, "last-day"},
		{MonthEndRoundUp, "round-up"},
		{MonthEndRefuse, "refuse"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.name, tt.rule.String()); diff != "" {
				t.Errorf("String (-want +got):\n%s", diff)
			}
			got, err := ParseMonthEnd(tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.rule {
				t.Errorf("ParseMonthEnd(%q) = %v, want %v", tt.name, got, tt.rule)
			}
		})
	}
	var zero MonthEnd
	if zero != MonthEndLastDay {
		t.Errorf("the zero MonthEnd is %v, want last-day (the 1972 Convention's rule)", zero)
	}
	for _, bad := range []string{"", "last", "LAST-DAY", "round_up", "lastday"} {
		if _, err := ParseMonthEnd(bad); err == nil {
			t.Errorf("ParseMonthEnd(%q): no error", bad)
		}
	}
	if diff := cmp.Diff("MonthEnd(9)", MonthEnd(9).String()); diff != "" {
		t.Errorf("unknown rule String (-want +got):\n%s", diff)
	}
}

type addResult struct {
	Date     string
	Adjusted bool
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		name string
		from string
		n    int
		rule MonthEnd
		want addResult
	}{
		{"31 Jan + 1 month, leap year", "2024-01-31", 1, MonthEndLastDay, addResult{"2024-02-29", true}},
		{"31 Jan + 1 month, common year", "2023-01-31", 1, MonthEndLastDay, addResult{"2023-02-28", true}},
		{"29 Feb 2024 + 12 months", "2024-02-29", 12, MonthEndLastDay, addResult{"2025-02-28", true}},
		{"29 Feb 2024 + 48 months is a leap day again", "2024-02-29", 48, MonthEndLastDay, addResult{"2028-02-29", false}},
		{"31 Aug 2023 + 6 months", "2023-08-31", 6, MonthEndLastDay, addResult{"2024-02-29", true}},
		{"31 Aug 2024 + 6 months", "2024-08-31", 6, MonthEndLastDay, addResult{"2025-02-28", true}},
		{"31 Mar + 1 month: April has 30 days", "2024-03-31", 1, MonthEndLastDay, addResult{"2024-04-30", true}},
		{"day exists: no adjustment", "2024-01-15", 1, MonthEndLastDay, addResult{"2024-02-15", false}},
		{"30 Jan + 1 month in 1900 (not leap)", "1900-01-30", 1, MonthEndLastDay, addResult{"1900-02-28", true}},
		{"30 Jan + 1 month in 2000 (leap)", "2000-01-30", 1, MonthEndLastDay, addResult{"2000-02-29", true}},
		{"CIS Charter Art. 9: Georgia's notice + 12 months", "2008-08-18", 12, MonthEndLastDay, addResult{"2009-08-18", false}},
		{"across a year end", "2024-11-30", 3, MonthEndLastDay, addResult{"2025-02-28", true}},
		{"zero months", "2024-01-31", 0, MonthEndRefuse, addResult{"2024-01-31", false}},
		{"backwards into a leap February", "2024-03-31", -1, MonthEndLastDay, addResult{"2024-02-29", true}},
		{"backwards over a year end", "2024-01-31", -2, MonthEndLastDay, addResult{"2023-11-30", true}},
		{"backwards many months", "2024-05-15", -17, MonthEndLastDay, addResult{"2022-12-15", false}},
		{"to the last supported month", "0001-01-31", 9999*12 - 1, MonthEndLastDay, addResult{"9999-12-31", false}},
		{"to the first supported month", "9999-12-01", -(9999*12 - 1), MonthEndLastDay, addResult{"0001-01-01", false}},
		{"round-up, common year", "2023-01-31", 1, MonthEndRoundUp, addResult{"2023-03-01", true}},
		{"round-up, leap year", "2024-01-31", 1, MonthEndRoundUp, addResult{"2024-03-01", true}},
		{"round-up, 31 May + 1 month", "2024-05-31", 1, MonthEndRoundUp, addResult{"2024-07-01", true}},
		{"round-up, day exists", "2024-01-29", 1, MonthEndRoundUp, addResult{"2024-02-29", false}},
		{"refuse, day exists", "2023-01-30", 2, MonthEndRefuse, addResult{"2023-03-30", false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, adj, err := MustParseDate(tt.from).AddMonths(tt.n, tt.rule)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, addResult{d.String(), adj}); diff != "" {
				t.Errorf("%s + %d months (%v) (-want +got):\n%s", tt.from, tt.n, tt.rule, diff)
			}
		})
	}
}

func TestAddMonthsErrors(t *testing.T) {
	tests := []struct {
		name    string
		from    string
		n       int
		rule    MonthEnd
		wantErr string // "" to check only that it is an error
	}{
		{"refuse 31 Jan 2023 + 1", "2023-01-31", 1, MonthEndRefuse,
			`invalid date "2023-02-31": February 2023 has 28 days (2023-01-31 +1 months, month-end rule "refuse")`},
		{"refuse 29 Feb 2024 + 12", "2024-02-29", 12, MonthEndRefuse, ""},
		{"past 9999-12", "9999-12-01", 1, MonthEndLastDay,
			`invalid date "9999-12-01 +1 months": outside 0001-01-01..9999-12-31`},
		{"before 0001-01", "0001-01-31", -1, MonthEndLastDay, ""},
		{"math.MaxInt", "2024-01-31", math.MaxInt, MonthEndLastDay, ""},
		{"math.MinInt", "2024-01-31", math.MinInt, MonthEndLastDay, ""},
		{"math.MaxInt32", "2024-01-31", math.MaxInt32, MonthEndLastDay, ""},
		{"one past the whole range", "0001-01-01", 9999 * 12, MonthEndLastDay, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, adj, err := MustParseDate(tt.from).AddMonths(tt.n, tt.rule)
			if !errors.Is(err, ErrInvalidDate) {
				t.Fatalf("%s + %d months = %v, %v, %v; want ErrInvalidDate", tt.from, tt.n, d, adj, err)
			}
			if d.IsValid() || adj {
				t.Errorf("error came with date %v, adjusted %v", d, adj)
			}
			if tt.wantErr != "" {
				if diff := cmp.Diff(tt.wantErr, err.Error()); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			}
		})
	}
	if _, _, err := MustParseDate("2024-01-31").AddMonths(1, MonthEnd(9)); err == nil {
		t.Error("AddMonths with an unknown month-end rule: no error")
	}
}

func TestAddYears(t *testing.T) {
	tests := []struct {
		name    string
		from    string
		n       int
		rule    MonthEnd
		want    addResult
		wantErr bool
	}{
		{"29 Feb 2024 + 1 year", "2024-02-29", 1, MonthEndLastDay, addResult{"2025-02-28", true}, false},
		{"29 Feb 2024 + 4 years", "2024-02-29", 4, MonthEndLastDay, addResult{"2028-02-29", false}, false},
		{"29 Feb 2096 + 4 years: 2100 is not leap", "2096-02-29", 4, MonthEndLastDay, addResult{"2100-02-28", true}, false},
		{"29 Feb 2024 + 1 year, round-up", "2024-02-29", 1, MonthEndRoundUp, addResult{"2025-03-01", true}, false},
		{"backwards", "2024-02-29", -1, MonthEndLastDay, addResult{"2023-02-28", true}, false},
		{"29 Feb 2024 + 1 year, refuse", "2024-02-29", 1, MonthEndRefuse, addResult{}, true},
		{"past 9999", "9999-01-01", 1, MonthEndLastDay, addResult{}, true},
		{"before 0001", "0001-06-01", -1, MonthEndLastDay, addResult{}, true},
		{"math.MaxInt", "2024-01-01", math.MaxInt, MonthEndLastDay, addResult{}, true},
		{"math.MinInt", "2024-01-01", math.MinInt, MonthEndLastDay, addResult{}, true},
		{"math.MaxInt / 12 + 1 (12n would wrap)", "2024-01-01", math.MaxInt/12 + 1, MonthEndLastDay, addResult{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, adj, err := MustParseDate(tt.from).AddYears(tt.n, tt.rule)
			if tt.wantErr {
				if !errors.Is(err, ErrInvalidDate) {
					t.Fatalf("%s + %d years = %v, %v, %v; want ErrInvalidDate", tt.from, tt.n, d, adj, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, addResult{d.String(), adj}); diff != "" {
				t.Errorf("%s + %d years (%v) (-want +got):\n%s", tt.from, tt.n, tt.rule, diff)
			}
		})
	}
}

// TestDayNumberMatchesRickb777 checks the integer calendar arithmetic against
// the rickb777 day count the Date is defined by, on every day of several
// centuries and at the ends of the supported range.
func TestDayNumberMatchesRickb777(t *testing.T) {
	check := func(rd date.Date) {
		y, m, dd := rd.Date()
		d, err := NewDate(y, m, dd)
		if err != nil {
			t.Fatalf("NewDate(%d, %d, %d): %v", y, m, dd, err)
		}
		if d.DayNumber() != int64(rd) {
			t.Fatalf("%04d-%02d-%02d: day number %d, rickb777 %d", y, m, dd, d.DayNumber(), int64(rd))
		}
		if gy, gm, gd := d.ymd(); gy != y || gm != m || gd != dd {
			t.Fatalf("day %d decodes to %d-%d-%d, rickb777 %d-%d-%d", int64(rd), gy, gm, gd, y, m, dd)
		}
	}
	for rd := date.New(1580, time.January, 1); rd <= date.New(2420, time.December, 31); rd++ {
		check(rd)
	}
	for _, rd := range []date.Date{date.New(1, time.January, 1), date.New(1, time.March, 1), date.New(400, time.February, 29), date.New(9999, time.December, 31)} {
		check(rd)
	}
}

// Day numbers are rickb777/date's: the offset pacta keeps for 1970-01-01
// is that package's own.
func TestZeroOffsetIsRickb777s(t *testing.T) {
	if zeroOffset != date.ZeroOffset {
		t.Errorf("zeroOffset = %d, rickb777/date's ZeroOffset = %d", zeroOffset, date.ZeroOffset)
	}
}
