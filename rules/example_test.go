package rules_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// Is Russia bound by the CIS Charter? It entered into force on 22 January
// 1994, one year after its adoption (Art. 41), not on 22 July 1993.
func ExampleEngine_Bound() {
	ctx := context.Background()
	ds, err := cistreaty.Default()
	if err != nil {
		panic(err)
	}
	eng, err := rules.New(ctx, ds)
	if err != nil {
		panic(err)
	}
	for _, on := range []string{"1994-01-21", "1994-01-22"} {
		t, err := eng.Bound(ctx, "cis-charter-1993", "RU", cistreaty.MustParseDate(on))
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
	ctx := context.Background()
	ds, _ := cistreaty.Default()
	eng, _ := rules.New(ctx, ds)
	v, err := eng.Explain(ctx, rules.Question{
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
	ctx := context.Background()
	ds, _ := cistreaty.Default()
	eng, _ := rules.New(ctx, ds)
	on := cistreaty.MustParseDate("2027-12-01")
	_, settled, _ := eng.Membership(ctx, "cis", "MD", on)
	fmt.Println("on the record:", settled)
	whatIf, err := eng.With(ctx, cistreaty.Event{Treaty: "cis-charter-1993", Party: "MD",
		Kind: cistreaty.WithdrawalNotice, When: cistreaty.On(cistreaty.MustParseDate("2026-12-01"))})
	if err != nil {
		panic(err)
	}
	status, settled, _ := whatIf.Membership(ctx, "cis", "MD", on)
	fmt.Println("assuming the notice:", status, settled)
	// Output:
	// on the record: false
	// assuming the notice: withdrawn true
}

// A program that builds many engines (one per dataset, or per request)
// compiles the law once and builds each engine with it. Belarus ratified
// the Charter on 18 January 1994, before it entered into force on 22
// January 1994 (Art. 41).
func ExampleCompile() {
	ctx := context.Background()
	law, err := rules.Compile(rules.WithMaxUncertain(8))
	if err != nil {
		panic(err)
	}
	ds, _ := cistreaty.Default()
	eng, err := law.Engine(ctx, ds)
	if err != nil {
		panic(err)
	}
	d, settled, _ := eng.EntryIntoForce(ctx, "cis-charter-1993", "BY")
	fmt.Println(d, settled)
	// Output:
	// 1994-01-22 true
}

// A dataset that no constructor of cistreaty built is refused, not
// answered over.
func ExampleNew_errors() {
	_, err := rules.New(context.Background(), nil)
	fmt.Println(errors.Is(err, rules.ErrNoDataset))
	_, err = rules.New(context.Background(), &cistreaty.Dataset{})
	fmt.Println(errors.Is(err, rules.ErrNoDataset), errors.Is(err, cistreaty.ErrInvalidDataset))
	_, err = rules.New(context.Background(), &cistreaty.Dataset{}, rules.WithMaxUncertain(99))
	fmt.Println(errors.Is(err, rules.ErrInvalidOption))
	// Output:
	// true
	// true true
	// true
}
