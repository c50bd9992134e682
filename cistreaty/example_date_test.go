package cistreaty_test

import (
	"fmt"

	"github.com/pacta-law/pacta/cistreaty"
)

// Six months after 31 August 2023 there is no 31 February: by default (the
// 1972 European Convention on the Calculation of Time-Limits, Art. 4) the
// period ends on the last day of February, and the adjustment is reported.
func ExampleDate_AddMonths() {
	notice := cistreaty.MustParseDate("2023-08-31")
	for _, rule := range []cistreaty.MonthEnd{cistreaty.MonthEndLastDay, cistreaty.MonthEndRoundUp, cistreaty.MonthEndRefuse} {
		d, adjusted, err := notice.AddMonths(6, rule)
		if err != nil {
			fmt.Printf("%s: %v\n", rule, err)
			continue
		}
		fmt.Printf("%s: %s (adjusted: %t)\n", rule, d, adjusted)
	}
	// Output:
	// last-day: 2024-02-29 (adjusted: true)
	// round-up: 2024-03-01 (adjusted: true)
	// refuse: invalid date "2024-02-31": February 2024 has 29 days (2023-08-31 +6 months, month-end rule "refuse")
}
