package rules

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/pacta-law/pacta/cistreaty"
)

// FuzzNativeTemplates checks that each built-in template's Go form gives
// what its CEL text gives — the value, whether the record settles it, a
// failure, and the facts the explanation shows — on a random record of six
// parties and random parameters.
func FuzzNativeTemplates(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, uint8(3), uint16(30), uint8(12), uint8(0))
	f.Add([]byte{2, 200, 2, 17, 9, 3, 40, 41, 255, 0, 1, 1}, uint8(1), uint16(0), uint8(1), uint8(1))
	f.Add([]byte{}, uint8(2), uint16(400), uint8(0), uint8(2))
	f.Add([]byte{5, 5, 5, 5, 5, 5, 5, 5}, uint8(9), uint16(65535), uint8(255), uint8(7))
	kinds := []string{"signature", "ratification", "deposit", "accession", "entry-into-force", "withdrawal-notice"}
	monthEnds := []string{"last-day", "round-up", "refuse"}
	f.Fuzz(func(t *testing.T, events []byte, n uint8, days uint16, months uint8, pick uint8) {
		if len(events) > 60 {
			events = events[:60]
		}
		var b strings.Builder
		b.WriteString("dataset: {name: fuzz, version: \"1\", record_as_of: 2026-11-27}\nparties:\n")
		for i := range 6 {
			fmt.Fprintf(&b, "- {id: A%c,name: P,kind: state}\n", 'A'+i)
		}
		b.WriteString("treaties:\n- {id: t,title: T,concluded: 2000-01-01,participation: complete,source: {cite: x,grade: P}}\nevents:\n")
		first := cistreaty.MustParseDate("2000-01-01")
		seen := map[string]bool{}
		for i := 0; i+1 < len(events); i += 2 {
			party := fmt.Sprintf("A%c", 'A'+int(events[i])%6)
			kind := kinds[int(events[i]/6)%len(kinds)]
			d, _ := first.AddDays(int(events[i+1]) * 17)
			if seen[party+kind] {
				continue // a second instrument of a kind is refused by the dataset's validation
			}
			seen[party+kind] = true
			fmt.Fprintf(&b, "- {treaty: t,party: %s,kind: %s,date: %s,source: {cite: x,grade: P}}\n", party, kind, d)
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
		fixed, _ := first.AddDays(int(days) % 5000)
		params := map[string]cistreaty.Param{
			"kinds":     {List: []string{kinds[int(pick)%3+1], kinds[int(pick/3)%4]}, IsList: true},
			"n":         {Scalar: fmt.Sprint(int(n) % 8)},
			"days":      {Scalar: fmt.Sprint(days)},
			"months":    {Scalar: fmt.Sprint(months)},
			"month_end": {Scalar: monthEnds[int(pick)%3]},
			"date":      {Scalar: fixed.String()},
			"last_day":  {Scalar: fixed.String()},
		}
		notice, _ := first.AddDays(int(days) * 3 % 9000)
		var named cistreaty.Date
		if pick%2 == 1 {
			named, _ = notice.AddDays(int(months) * 5)
		}
		for name, tp := range e.c.templates {
			if tp.prog.native == nil {
				continue
			}
			cl := cistreaty.Clause{Form: cistreaty.ClauseTemplate, Template: name, Params: map[string]cistreaty.Param{}}
			for _, d := range tp.Params {
				cl.Params[d.Name] = params[d.Name]
			}
			pv, probs := paramsVal(tp, cl)
			if len(probs) > 0 {
				continue // parameters the template refuses
			}
			celProg := *tp.prog
			celProg.native = nil
			for _, p := range append(ti.parties, "AF") {
				run := func(prog *program) string {
					w := e.newWorld(context.Background(), nil, 0, &tracer{})
					defer e.release([]*world{w})
					v, unk := w.evalRule(prog, &evalCtx{treaty: ti, party: p, params: pv, notice: notice, named: named, noticeEvent: -1})
					return fmt.Sprintf("%s unknown=%v failed=%v steps=%+v notes=%q", valueString(v), unk, w.err != nil, e.steps(w.tr), w.tr.notes)
				}
				if native, viaCEL := run(tp.prog), run(&celProg); native != viaCEL {
					t.Errorf("%s for %s: Go %s\nCEL %s", name, p, native, viaCEL)
				}
			}
		}
	})
}
