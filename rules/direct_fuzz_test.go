package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/pacta-law/pacta/cistreaty"
)

// directExprs are rules of every shape the direct evaluation plans — the
// CIS dataset's and the law's, spelled over the fuzz record's treaties t and
// u — and some it must get wrong in the same way as cel-go: a none read, a
// missing parameter, an unknown kind, an unbound variable, a shadowed name.
var directExprs = []string{
	// The Charter's Art. 41 and its practice rule.
	`cel.bind(deposit, own(['deposit']),
	   deposit.hasValue() && deposit.value() <= concluded.addYears(1) &&
	     !eventOf('u', party, ['accession']).hasValue()
	     ? optional.of(concluded.addYears(1)) : optional.none())`,
	`cel.bind(deposit, own(['deposit']),
	   deposit.hasValue() && deposit.value() > concluded.addYears(1)
	     ? deposit
	     : (deposit.hasValue() && eventOf('u', party, ['accession']).hasValue()
	         ? optional.of(concluded.addYears(1)) : optional.none()))`,
	`eventOf('u', party, ['signature']).hasValue() ? optional.none() : optional.of(date('2001-04-20'))`,
	`cel.bind(mine, entryIntoForce('u', party), cel.bind(theirs, entryIntoForce('u', other),
	   mine.hasValue() && theirs.hasValue() ? optional.of(maxDate(mine.value(), theirs.value())) : optional.none()))`,
	`withdrawalEffective('u', party).hasValue() && withdrawalEffective('u', party).value() <= on`,
	`cel.bind(ratified, eventOf('u', party, ['ratification']),
	   cel.bind(deposited, eventOf('t', party, ['deposit']),
	     inForce('u', party, on) && ratified.hasValue() && ratified.value() <= date('2001-01-22') &&
	       deposited.hasValue() && deposited.value() <= date('2002-01-22')))`,
	`eventOf('u', party, ['ratification']).hasValue()
	   ? (eventOf('u', party, ['ratification']).value() <= date('2001-01-22') ? optional.of(true)
	       : (eventOf('t', party, ['signature']).hasValue() ? optional.none() : optional.of(false)))
	   : optional.of(false)`,
	`inForce('u', party, on) || !inForce('u', other, on)`,
	`inForce('u', party, on) && inForce('u', other, concluded)`,
	// The law's.
	`cel.bind(mine, own(['accession', 'deposit', 'succession']), cel.bind(general, recorded('entry-into-force'),
	   mine.hasValue() && general.hasValue() && mine.value() > general.value().addDays(-30)
	     ? optional.of(mine.value().addDays(30)) : optional.none()))`,
	`cel.bind(mine, own(['deposit', 'accession']), cel.bind(all, allConsented(['deposit', 'accession']),
	   mine.hasValue() && all.hasValue() ? optional.of(maxDate(all.value(), mine.value())) : optional.none()))`,
	`cel.bind(period, notice.addMonths(12), named.hasValue() && named.value() > period ? named.value() : period)`,
	`cel.bind(mine, own(params.kinds), cel.bind(trigger, nth(params.kinds, params.n),
	   mine.hasValue() && trigger.hasValue() && mine.value() <= trigger.value()
	     ? optional.of(trigger.value().addDays(params.days)) : optional.none()))`,
	`notice.addMonths(params.months, params.month_end)`,
	// Failures and corners.
	`own(['deposit']).value() <= on`,
	`own(['deposit']).value() <= on || inForce('t', party, on)`,
	`inForce('t', party, on) && own(['ratification']).value() > on`,
	`own(['no-such-kind']).hasValue() ? optional.none() : own(['deposit'])`,
	`cel.bind(x, own(['deposit']), cel.bind(x, own(['ratification']), x.hasValue() ? x : own(['signature'])))`,
	`cel.bind(x, own(['deposit']), cel.bind(y, x, cel.bind(x, own(['ratification']), y.hasValue() && x.hasValue() ? optional.of(minDate(x.value(), y.value())) : y)))`,
	`cel.bind(x, own(['deposit']), false && x.hasValue())`,
	`concluded.daysBetween(on) > 365 && on >= concluded`,
	`own(['deposit']).hasValue() == inForce('t', party, on)`,
	`party == 'AA' ? own(['deposit']) : optional.none()`,
	`on.addDays(params.missing) > concluded`,
	`on.addYears(100001) > concluded`,
	`!inForce('t', party, on) ? inForce('u', party, on) : inForce('t', other, on)`,
	`inForce('nowhere', party, on)`,
	`entryIntoForce(params.treaty, party)`,
	`size(events) > 2 ? own(['deposit']) : optional.none()`,
}

// FuzzDirectRules checks that a rule planned for direct evaluation gives
// what cel-go gives — the value, whether the record settles it, a failure,
// and the facts and notes the explanation shows — on a random record of two
// treaties and six parties, for every party, on a random day.
func FuzzDirectRules(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, uint16(400), uint16(30), uint8(0))
	f.Add([]byte{2, 200, 2, 17, 9, 3, 40, 41, 255, 0, 1, 1, 77, 12, 130, 90}, uint16(4000), uint16(0), uint8(1))
	f.Add([]byte{}, uint16(9), uint16(400), uint8(2))
	f.Add([]byte{5, 5, 5, 5, 5, 5, 5, 5, 131, 3, 135, 9, 160, 50, 170, 51}, uint16(65535), uint16(65535), uint8(7))
	kinds := []string{"signature", "ratification", "deposit", "accession", "entry-into-force", "withdrawal-notice"}
	f.Fuzz(func(t *testing.T, events []byte, on uint16, days uint16, pick uint8) {
		if len(events) > 80 {
			events = events[:80]
		}
		var b strings.Builder
		b.WriteString("dataset: {name: fuzz, version: \"1\", record_as_of: 2026-11-27}\nparties:\n")
		for i := range 6 {
			fmt.Fprintf(&b, "- {id: A%c,name: P,kind: state}\n", 'A'+i)
		}
		b.WriteString("treaties:\n")
		b.WriteString("- {id: t,title: T,concluded: 2000-01-01,participation: complete,source: {cite: x,grade: P}}\n")
		b.WriteString("- {id: u,title: U,concluded: 2000-06-01,participation: complete,source: {cite: x,grade: P},clauses: {withdrawal: {template: notice-plus-months, params: {months: 6}}}}\n")
		b.WriteString("events:\n")
		first := cistreaty.MustParseDate("2000-01-01")
		seen := map[string]bool{}
		for i := 0; i+1 < len(events); i += 2 {
			treaty := "t"
			if events[i] >= 128 {
				treaty = "u"
			}
			party := fmt.Sprintf("A%c", 'A'+int(events[i])%6)
			kind := kinds[int(events[i]/6)%len(kinds)]
			d, _ := first.AddDays(int(events[i+1]) * 17)
			if seen[treaty+party+kind] {
				continue // a second instrument of a kind is refused by the dataset's validation
			}
			seen[treaty+party+kind] = true
			fmt.Fprintf(&b, "- {treaty: %s,party: %s,kind: %s,date: %s,source: {cite: x,grade: P}}\n", treaty, party, kind, d)
		}
		ds, err := cistreaty.Load(cistreaty.File{Name: "fuzz.yaml", Data: []byte(b.String())})
		if err != nil {
			return // not a valid record: the dataset refuses contradictory facts, so there is nothing to compare
		}
		e, err := New(context.Background(), ds)
		if err != nil {
			t.Fatal(err)
		}
		ti := e.treaties["t"]
		day, _ := first.AddDays(int(on) % 9000)
		notice, named := cistreaty.Date{}, cistreaty.Date{}
		if pick%2 == 1 {
			notice, _ = first.AddDays(int(days) % 9000)
		}
		if pick%4 == 3 {
			named, _ = notice.AddDays(int(days) % 400)
		}
		tp := e.c.templates["nth-instrument"]
		pv, probs := paramsVal(tp, cistreaty.Clause{Form: cistreaty.ClauseTemplate, Template: tp.Name, Params: map[string]cistreaty.Param{
			"kinds": {List: []string{kinds[int(pick)%3+1], kinds[int(pick/3)%4]}, IsList: true},
			"n":     {Scalar: fmt.Sprint(int(pick) % 5)},
			"days":  {Scalar: fmt.Sprint(days % 1000)},
		}})
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		planned := 0
		for i, expr := range directExprs {
			r := cistreaty.Rule{ID: fmt.Sprintf("fuzz/%d", i), Expr: expr}
			x, probs := e.c.compileExpr(r, func(int, int) cistreaty.Pos { return cistreaty.Pos{} })
			if len(probs) > 0 {
				t.Fatalf("rule %d: %v", i, probs)
			}
			if x.direct == nil {
				continue
			}
			planned++
			direct := &program{rule: r, prg: x.prg, direct: x.direct}
			viaCEL := &program{rule: r, prg: x.prg}
			for _, p := range append(e.partyIDs, "ZZ") {
				other := e.partyIDs[(int(pick)+len(p))%len(e.partyIDs)]
				run := func(prog *program) string {
					w := e.newWorld(context.Background(), nil, 0, &tracer{})
					defer e.release([]*world{w})
					c := &evalCtx{treaty: ti, party: p, other: other, on: day, notice: notice, named: named, params: pv, noticeEvent: -1}
					v, unk := w.evalRule(prog, c)
					return fmt.Sprintf("%s unknown=%v failed=%v counts=%d steps=%+v notes=%q", valueString(v), unk, w.err != nil, c.counts, e.steps(w.tr), w.tr.notes)
				}
				if d, viaCEL := run(direct), run(viaCEL); d != viaCEL {
					t.Errorf("rule %d for %s (other %s, on %s, notice %s, named %s):\n%s\ndirect %s\nCEL    %s", i, p, other, day, notice, named, expr, d, viaCEL)
				}
			}
		}
		if want := len(directExprs) - 2; planned != want {
			t.Errorf("%d rules planned for direct evaluation, want %d (all but the string equality and the events list)", planned, want)
		}
	})
}
