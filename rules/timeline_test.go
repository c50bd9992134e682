package rules

import (
	"testing"

	"github.com/pacta-law/pacta/cistreaty"
)

// TestTimelineSteps checks a step function of five steps, two held inline
// and three beyond: its value the day before, on and after each step, and its
// steps read back in order.
func TestTimelineSteps(t *testing.T) {
	day := func(s string) cistreaty.Date { return cistreaty.MustParseDate(s) }
	steps := []struct {
		on  string
		val uint8
	}{
		{"1994-01-22", vTrue},
		{"1995-03-01", vIndet},
		{"1995-06-30", vTrue},
		{"2009-08-18", vFalse},
		{"2012-01-01", vTrue},
	}
	var tl timeline
	tl.first = vFalse
	for _, s := range steps {
		tl.push(day(s.on).DayNumber(), s.val)
	}
	if tl.len() != len(steps) {
		t.Fatalf("len = %d, want %d", tl.len(), len(steps))
	}
	prev := uint8(vFalse)
	for i, s := range steps {
		d, v := tl.step(i)
		if d != day(s.on).DayNumber() || v != s.val {
			t.Errorf("step %d = (%d, %d), want (%d, %d)", i, d, v, day(s.on).DayNumber(), s.val)
		}
		before, _ := cistreaty.DateFromDayNumber(day(s.on).DayNumber() - 1)
		after, _ := cistreaty.DateFromDayNumber(day(s.on).DayNumber() + 1)
		for _, c := range []struct {
			d    cistreaty.Date
			want uint8
		}{{before, prev}, {day(s.on), s.val}, {after, s.val}} {
			if got := tl.at(c.d); got != c.want {
				t.Errorf("at(%s) = %d, want %d", c.d, got, c.want)
			}
		}
		prev = s.val
	}
	if got := tl.at(day("0001-01-01")); got != vFalse {
		t.Errorf("at the first day = %d, want %d (first)", got, vFalse)
	}
	if got := tl.at(day("9999-12-31")); got != vTrue {
		t.Errorf("at the last day = %d, want %d (the last step's)", got, vTrue)
	}
	var short timeline
	short.push(day("2000-01-01").DayNumber(), vTrue)
	if short.rest != nil || short.len() != 1 || short.at(day("1999-12-31")) != 0 || short.at(day("2000-01-01")) != vTrue {
		t.Errorf("one step: %+v", short)
	}
}
