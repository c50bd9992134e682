package rules_test

import (
	"context"
	"fmt"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// Is Russia bound by the CIS Charter? It entered into force on 22 January
// 1994, one year after its adoption (Art. 41), not on 22 July 1993.
func ExampleEngine_Bound() {
	ds, err := cistreaty.Default()
	if err != nil {
		panic(err)
	}
	eng, err := rules.New(ds)
	if err != nil {
		panic(err)
	}
	for _, on := range []string{"1994-01-21", "1994-01-22"} {
		t, err := eng.Bound("cis-charter-1993", "RU", cistreaty.MustParseDate(on))
		if err != nil {
			panic(err)
		}
		fmt.Println(on, t)
	}
	// Output:
	// 1994-01-21 false
	// 1994-01-22 true
}

// Georgia's withdrawal took effect twelve months after its notice reached
// the depositary (Art. 9): the explanation names the article and the fact.
func ExampleEngine_Explain() {
	ds, _ := cistreaty.Default()
	eng, _ := rules.New(ds)
	v, err := eng.Explain(context.Background(), rules.Question{
		Kind: rules.QuestionStatus, Org: "cis", Party: "GE", On: cistreaty.MustParseDate("2009-08-18"),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(v.Answer, v.Determinate)
	for _, s := range v.Because {
		if s.Rule == "notice-plus-months/withdrawal" {
			fmt.Println(s.Cites, "→", s.Value)
			for _, f := range s.Facts {
				fmt.Println(f.Party, f.Event, f.Date, f.Grade)
			}
		}
	}
	// Output:
	// withdrawn true
	// Charter of the CIS, Art. 9 → 2009-08-18
	// GE withdrawal-notice 2008-08-18 S
}

// Moldova's notice of withdrawal is expected but not recorded: its status
// in mid-2027 is open. Assuming the notice reached the depositary on 1
// December 2026 settles it.
func ExampleEngine_With() {
	ds, _ := cistreaty.Default()
	eng, _ := rules.New(ds)
	on := cistreaty.MustParseDate("2027-12-01")
	_, settled, _ := eng.Membership("cis", "MD", on)
	fmt.Println("on the record:", settled)
	whatIf, err := eng.With(cistreaty.Event{Treaty: "cis-charter-1993", Party: "MD",
		Kind: cistreaty.WithdrawalNotice, When: cistreaty.On(cistreaty.MustParseDate("2026-12-01"))})
	if err != nil {
		panic(err)
	}
	status, settled, _ := whatIf.Membership("cis", "MD", on)
	fmt.Println("assuming the notice:", status, settled)
	// Output:
	// on the record: false
	// assuming the notice: withdrawn true
}
