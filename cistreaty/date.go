package cistreaty

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/rickb777/date/v2/gregorian"

	"github.com/pacta-law/pacta/internal/quote"
)

// Date is a calendar day with no time zone: treaty instruments are dated by
// the day, and a time of day or an offset would only invite off-by-one errors
// across zones. It is comparable with ==, safe to copy and to share between
// goroutines.
//
// The zero value is not a date (IsValid reports false), so that a forgotten
// field is never mistaken for 1 January of year 1. Years 0001 to 9999 are
// supported: the range of the YYYY-MM-DD text form.
type Date struct {
	// n is the rickb777 day number (days since 0001-01-01) plus one, so that
	// the zero value of Date is invalid while rickb777's own zero is valid.
	n int32
}

const (
	minYear = 1
	maxYear = 9999
	// maxDayNumber is the rickb777 day number of 9999-12-31.
	maxDayNumber = 3652058
	// zeroOffset is the number of days from 0001-01-01 to 1970-01-01:
	// rickb777/date's ZeroOffset (a test checks they agree). It is not
	// imported, because importing that package runs its initialisation,
	// a fifth of a short process's work, for one constant.
	zeroOffset = 719162
)

// ErrInvalidDate is the sentinel every *DateError matches with errors.Is, so
// callers can tell a bad date from other failures without a type switch.
var ErrInvalidDate = errors.New("invalid date")

// DateError reports a date that does not exist, cannot be parsed or falls
// outside 0001-01-01..9999-12-31. It names the offending input so that a
// message can be traced back to the data that caused it.
type DateError struct {
	Input  string // the text or computation that gave no date
	Reason string // why, in words a reader of the treaty would use
}

// Error quotes a long input only in part, so that hostile input cannot
// flood a log line.
func (e *DateError) Error() string {
	return "invalid date " + strconv.Quote(quote.ClipTo(e.Input, 48)) + ": " + e.Reason
}

// Is lets errors.Is(err, ErrInvalidDate) match without unwrapping.
func (e *DateError) Is(target error) bool { return target == ErrInvalidDate }

// Unwrap exposes ErrInvalidDate for callers that walk error chains.
func (e *DateError) Unwrap() error { return ErrInvalidDate }

// NewDate never normalises: 30 February is an error, not 1 or 2 March, because
// a silently moved date would change a legal answer.
func NewDate(year int, month time.Month, day int) (Date, error) {
	if reason := checkYMD(year, month, day); reason != "" {
		return Date{}, &DateError{Input: fmt.Sprintf("%04d-%02d-%02d", year, int(month), day), Reason: reason}
	}
	return fromYMD(year, month, day), nil
}

// checkYMD returns why year-month-day is not a supported day, or "".
func checkYMD(year int, month time.Month, day int) string {
	switch {
	case year < minYear || year > maxYear:
		return fmt.Sprintf("year %04d is outside 0001..9999", year)
	case month < time.January || month > time.December:
		return fmt.Sprintf("month %02d does not exist", int(month))
	case day < 1:
		return fmt.Sprintf("day %02d does not exist", day)
	case day > gregorian.DaysIn(year, month):
		return fmt.Sprintf("%s %d has %d days", month, year, gregorian.DaysIn(year, month))
	}
	return ""
}

// fromYMD requires a day that checkYMD accepted. It computes rickb777's day
// number (days since 0001-01-01) with integer arithmetic: going through
// time.Date, as rickb777 does, costs more than the rules that use it.
func fromYMD(year int, month time.Month, day int) Date {
	return Date{n: int32(daysFromCivil(year, int(month), day)+zeroOffset) + 1}
}

// daysFromCivil is the number of days from 1970-01-01 to the proleptic
// Gregorian date y-m-d (H. Hinnant's algorithm).
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (int, time.Month, int) {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, time.Month(m), d
}

// ParseDate accepts exactly YYYY-MM-DD, because every looser form has bitten
// someone: rickb777's ParseISO moves 2024-02-30 to 1 March and drops a time
// part, and strconv.Atoi accepts a sign ("2024-01-+1").
func ParseDate(s string) (Date, error) {
	if len(s) != 10 {
		return Date{}, &DateError{Input: s, Reason: fmt.Sprintf("want YYYY-MM-DD (10 characters), got %d bytes", len(s))}
	}
	for i := range 10 {
		c := s[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return Date{}, &DateError{Input: s, Reason: fmt.Sprintf("want '-' at position %d, got %q", i+1, s[i:i+1])}
			}
			continue
		}
		if c < '0' || c > '9' {
			return Date{}, &DateError{Input: s, Reason: fmt.Sprintf("want a digit at position %d, got %q", i+1, s[i:i+1])}
		}
	}
	year := digits(s[0:4])
	month := time.Month(digits(s[5:7]))
	day := digits(s[8:10])
	if reason := checkYMD(year, month, day); reason != "" {
		return Date{}, &DateError{Input: s, Reason: reason}
	}
	return fromYMD(year, month, day), nil
}

// digits reads ASCII digits that ParseDate has already checked.
func digits(s string) int {
	n := 0
	for i := range len(s) {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// MustParseDate is for tests and for literals in source code only: it panics
// on bad input, which data from users must never reach.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsValid reports false for the zero Date, which stands for "no date".
func (d Date) IsValid() bool { return d.n != 0 }

// ymd decodes once for callers that need all three fields.
func (d Date) ymd() (int, time.Month, int) {
	if d.n == 0 {
		return 0, 0, 0
	}
	return civilFromDays(int(d.n-1) - zeroOffset)
}

// Year is 0 for the zero Date, which no valid date has.
func (d Date) Year() int { y, _, _ := d.ymd(); return y }

// Month is 0 for the zero Date, which no valid date has.
func (d Date) Month() time.Month { _, m, _ := d.ymd(); return m }

// Day is 0 for the zero Date, which no valid date has.
func (d Date) Day() int { _, _, dd := d.ymd(); return dd }

// String gives the same YYYY-MM-DD form that ParseDate reads, and
// "invalid date" for the zero Date so that a log never shows 0001-01-01.
func (d Date) String() string {
	if d.n == 0 {
		return "invalid date"
	}
	var buf [10]byte
	return string(d.appendISO(buf[:0]))
}

func (d Date) appendISO(b []byte) []byte {
	y, m, dd := d.ymd()
	b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-')
	b = append(b, byte('0'+int(m)/10), byte('0'+int(m)%10), '-')
	return append(b, byte('0'+dd/10), byte('0'+dd%10))
}

// errZeroDate is returned where a zero Date would otherwise be written out or
// computed with as if it were a day.
func errZeroDate() error {
	return &DateError{Input: "", Reason: "the zero Date value is not a date"}
}

// AppendText refuses the zero Date rather than write a text that ParseDate
// would reject.
func (d Date) AppendText(b []byte) ([]byte, error) {
	if d.n == 0 {
		return b, errZeroDate()
	}
	return d.appendISO(b), nil
}

// MarshalText refuses the zero Date rather than write a text that ParseDate
// would reject.
func (d Date) MarshalText() ([]byte, error) {
	return d.AppendText(make([]byte, 0, 10))
}

// UnmarshalText is as strict as ParseDate, so data files cannot smuggle in a
// date that the rest of the program would reject.
func (d *Date) UnmarshalText(text []byte) error {
	v, err := ParseDate(string(text))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalJSON writes a JSON string "YYYY-MM-DD", the form of the JSON
// contract; the zero Date is an error (use a pointer or omitzero for an
// absent date).
func (d Date) MarshalJSON() ([]byte, error) {
	if d.n == 0 {
		return nil, errZeroDate()
	}
	b := make([]byte, 0, 12)
	b = append(b, '"')
	b = d.appendISO(b)
	return append(b, '"'), nil
}

// UnmarshalJSON reads a JSON string "YYYY-MM-DD" as strictly as ParseDate.
// Like encoding/json itself, it treats null as "no value" and leaves d as it
// was (the zero Date, for a fresh value).
func (d *Date) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	var s string
	if n := len(data); n >= 2 && data[0] == '"' && data[n-1] == '"' && !hasByte(data[1:n-1], '\\', '"') {
		s = string(data[1 : n-1])
	} else if err := json.Unmarshal(data, &s); err != nil {
		// Not a JSON string (a number, an object…): say what was expected.
		return &DateError{Input: string(data), Reason: "want a JSON string \"YYYY-MM-DD\""}
	}
	return d.UnmarshalText([]byte(s))
}

func hasByte(b []byte, cs ...byte) bool {
	for _, x := range b {
		for _, c := range cs {
			if x == c {
				return true
			}
		}
	}
	return false
}

// Compare orders dates by day for slices.SortFunc and the like; the zero
// Date sorts before every valid date.
func (d Date) Compare(e Date) int { return cmp.Compare(d.n, e.n) }

// Before reads better than Compare in legal conditions ("before the deposit").
func (d Date) Before(e Date) bool { return d.n < e.n }

// After reads better than Compare in legal conditions ("after the deposit").
func (d Date) After(e Date) bool { return d.n > e.n }

// AddDays counts through the day number, never time.Duration, which
// overflows past about 292 years. A result outside 0001-01-01..9999-12-31,
// or a zero d, is an error rather than a wrapped or clamped date.
func (d Date) AddDays(n int) (Date, error) {
	if d.n == 0 {
		return Date{}, errZeroDate()
	}
	// Bound n before adding, so that n near math.MaxInt cannot overflow.
	if n > maxDayNumber || n < -maxDayNumber || !inDayRange(int64(d.n)-1+int64(n)) {
		return Date{}, &DateError{Input: fmt.Sprintf("%s %+d days", d, n), Reason: "outside 0001-01-01..9999-12-31"}
	}
	return Date{n: d.n + int32(n)}, nil
}

func inDayRange(dn int64) bool { return dn >= 0 && dn <= maxDayNumber }

// DaysBetween counts through the day number, so it stays exact across the
// whole range (time.Duration would overflow past about 292 years). It is 0
// when either date is the zero Date: check IsValid first where that matters.
func (d Date) DaysBetween(e Date) int {
	if d.n == 0 || e.n == 0 {
		return 0
	}
	return int(e.n) - int(d.n)
}

// DateFromDayNumber lets other packages (the rules engine) do day arithmetic
// on plain integers and come back; ok is false outside 0001..9999.
func DateFromDayNumber(n int64) (Date, bool) {
	if !inDayRange(n) {
		return Date{}, false
	}
	return Date{n: int32(n) + 1}, true
}

// DayNumber is the rickb777 day number (0 for 0001-01-01), for fast
// arithmetic in other packages; it is -1 for the zero Date, which
// DateFromDayNumber rejects.
func (d Date) DayNumber() int64 { return int64(d.n) - 1 }

// MonthEnd says what "N months after D" means when that day does not exist
// in the target month (31 January + 1 month). Treaties rarely say; the
// choice must be explicit and visible in an explanation, never a silent
// roll-over into the next month.
type MonthEnd uint8

const (
	// MonthEndLastDay moves to the last day of the target month (31 Jan + 1
	// month = 28 or 29 Feb). It is the default because it is the rule of the
	// European Convention on the Calculation of Time-Limits (1972), Art. 4,
	// and of EU Regulation 1182/71, Art. 3(2)(c).
	MonthEndLastDay MonthEnd = iota
	// MonthEndRoundUp moves to the first day of the following month (31 Jan
	// 2023 + 1 month = 1 Mar 2023), for clauses that count whole months.
	MonthEndRoundUp
	// MonthEndRefuse makes a missing day an error, for callers that want a
	// human to decide.
	MonthEndRefuse
)

// String gives the names ParseMonthEnd reads.
func (r MonthEnd) String() string {
	switch r {
	case MonthEndLastDay:
		return "last-day"
	case MonthEndRoundUp:
		return "round-up"
	case MonthEndRefuse:
		return "refuse"
	}
	return "MonthEnd(" + strconv.Itoa(int(r)) + ")"
}

// ParseMonthEnd reads the names String gives, as rule and clause files spell
// them; anything else is an error rather than a fallback to the default.
func ParseMonthEnd(s string) (MonthEnd, error) {
	switch s {
	case "last-day":
		return MonthEndLastDay, nil
	case "round-up":
		return MonthEndRoundUp, nil
	case "refuse":
		return MonthEndRefuse, nil
	}
	return 0, fmt.Errorf("unknown month-end rule %q: want \"last-day\", \"round-up\" or \"refuse\"", clip(s))
}

// maxMonthSpan bounds month counts so that huge arguments (from untrusted
// rules) fail early instead of overflowing.
const maxMonthSpan = (maxYear - minYear + 1) * 12

// AddMonths gives the same day n months later (earlier, for negative n). When
// that day does not exist, rule decides, and adjusted reports it, so that an
// explanation can say the month end was moved. It never uses rickb777's
// AddDate, which rolls 31 Jan + 1 month into March.
func (d Date) AddMonths(n int, rule MonthEnd) (result Date, adjusted bool, err error) {
	return d.addMonths(n, rule, n, "month")
}

// AddYears is AddMonths of 12n, so 29 Feb 2024 + 1 year follows the same
// month-end rule (28 Feb 2025 by default).
func (d Date) AddYears(n int, rule MonthEnd) (result Date, adjusted bool, err error) {
	if n > maxYear || n < -maxYear {
		if d.n == 0 {
			return Date{}, false, errZeroDate()
		}
		return Date{}, false, &DateError{Input: fmt.Sprintf("%s %+d years", d, n), Reason: "outside 0001-01-01..9999-12-31"}
	}
	return d.addMonths(12*n, rule, n, "year")
}

// addMonths names the caller's own count and unit (shown, unit) in errors.
func (d Date) addMonths(n int, rule MonthEnd, shown int, unit string) (Date, bool, error) {
	if d.n == 0 {
		return Date{}, false, errZeroDate()
	}
	if rule > MonthEndRefuse {
		return Date{}, false, fmt.Errorf("add %d %ss to %s: unknown month-end rule %s", shown, unit, d, rule)
	}
	y, m, day := d.ymd()
	outOfRange := func() error {
		return &DateError{Input: fmt.Sprintf("%s %+d %ss", d, shown, unit), Reason: "outside 0001-01-01..9999-12-31"}
	}
	if n > maxMonthSpan || n < -maxMonthSpan {
		return Date{}, false, outOfRange()
	}
	// Months since 0001-01 (year 1, January = 12), small enough now for plain ints.
	t := y*12 + int(m-1) + n
	ty, tm := t/12, time.Month(t%12+1)
	if t < 0 || ty < minYear || ty > maxYear {
		return Date{}, false, outOfRange()
	}
	last := gregorian.DaysIn(ty, tm)
	if day <= last {
		return fromYMD(ty, tm, day), false, nil
	}
	switch rule {
	case MonthEndLastDay:
		return fromYMD(ty, tm, last), true, nil
	case MonthEndRoundUp:
		if tm == time.December {
			// Unreachable (December has 31 days) but kept so the rule is total.
			ty, tm = ty+1, time.January
			if ty > maxYear {
				return Date{}, false, outOfRange()
			}
		} else {
			tm++
		}
		return fromYMD(ty, tm, 1), true, nil
	default: // MonthEndRefuse
		return Date{}, false, &DateError{
			Input:  fmt.Sprintf("%04d-%02d-%02d", ty, int(tm), day),
			Reason: fmt.Sprintf("%s %d has %d days (%s %+d %ss, month-end rule %q)", tm, ty, last, d, shown, unit, rule),
		}
	}
}
