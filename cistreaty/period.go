package cistreaty

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/pacta-law/pacta/internal/quote"
)

// Period is a clause's time limit ("six months", "30 days"): whole months or
// whole days, never both, never fractions, weeks or hours, because treaties
// count in those units and mixing them makes the order of addition matter.
// A year is twelve months, so that 29 Feb + 1 year follows the month-end
// rule. ParsePeriod sets at most one field; a negative field counts
// backwards.
type Period struct {
	Months int
	Days   int
}

// maxPeriodDigits keeps every parsed period far inside the supported date
// range, so no arithmetic on it can overflow.
const maxPeriodDigits = 6

// ErrInvalidPeriod is the sentinel every *PeriodError matches with
// errors.Is.
var ErrInvalidPeriod = errors.New("invalid period")

// PeriodError reports a period that is not one of P<n>Y, P<n>M or P<n>D, or
// one that cannot be added. It names the offending input so that a message
// can be traced back to the clause that caused it.
type PeriodError struct {
	Input  string // the text or period that was refused
	Reason string // why
}

// Error quotes a long input only in part, so that hostile input cannot
// flood a log line.
func (e *PeriodError) Error() string {
	return "invalid period " + strconv.Quote(quote.ClipTo(e.Input, 48)) + ": " + e.Reason
}

// Is lets errors.Is(err, ErrInvalidPeriod) match without unwrapping.
func (e *PeriodError) Is(target error) bool { return target == ErrInvalidPeriod }

// Unwrap exposes ErrInvalidPeriod for callers that walk error chains.
func (e *PeriodError) Unwrap() error { return ErrInvalidPeriod }

// ParsePeriod reads the strict ISO-8601 subset P<n>Y, P<n>M or P<n>D (n of 1
// to 6 digits, no sign). rickb777/period.Parse is not used: it accepts
// fractions, weeks and times, none of which a clause period may contain.
func ParsePeriod(s string) (Period, error) {
	fail := func(reason string) (Period, error) {
		return Period{}, &PeriodError{Input: s, Reason: reason}
	}
	const want = "want P<n>Y, P<n>M or P<n>D with n a whole number"
	if len(s) < 3 || s[0] != 'P' {
		return fail(want)
	}
	num := s[1 : len(s)-1]
	for i := range len(num) {
		if num[i] < '0' || num[i] > '9' {
			return fail(fmt.Sprintf("%s; got %q", want, num[i:i+1]))
		}
	}
	if len(num) > maxPeriodDigits {
		return fail(fmt.Sprintf("at most %d digits", maxPeriodDigits))
	}
	n := digits(num)
	switch s[len(s)-1] {
	case 'Y':
		return Period{Months: 12 * n}, nil
	case 'M':
		return Period{Months: n}, nil
	case 'D':
		return Period{Days: n}, nil
	}
	return fail(fmt.Sprintf("%s; got unit %q", want, s[len(s)-1:]))
}

// String gives a form ParsePeriod reads back to the same Period: whole
// years as P<n>Y (so six-digit year counts stay six digits), other months
// as P<n>M, days as P<n>D, and P0D for the zero Period. A negative period
// is written -P…; one with both fields set (never produced by ParsePeriod)
// as P<m>M<d>D.
func (p Period) String() string {
	if p.Months != 0 && p.Days != 0 {
		return fmt.Sprintf("P%dM%dD", p.Months, p.Days)
	}
	v, unit := p.Days, "D"
	if p.Months != 0 {
		v, unit = p.Months, "M"
		if v%12 == 0 {
			v, unit = v/12, "Y"
		}
	}
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	return sign + "P" + strconv.FormatUint(uint64(v), 10) + unit
}

// AddPeriod adds months with AddMonths (rule decides a missing month end,
// adjusted reports it) or days with AddDays. A Period with both fields set
// is an error, since the result would depend on the order of addition.
func (d Date) AddPeriod(p Period, rule MonthEnd) (result Date, adjusted bool, err error) {
	switch {
	case p.Months != 0 && p.Days != 0:
		return Date{}, false, &PeriodError{Input: p.String(), Reason: "months and days together: the result would depend on the order of addition"}
	case p.Months != 0:
		return d.AddMonths(p.Months, rule)
	default:
		r, err := d.AddDays(p.Days)
		return r, false, err
	}
}
