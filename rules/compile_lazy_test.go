package rules

import (
	"context"
	"testing"

	"github.com/pacta-law/pacta/cistreaty"
)

// Under the default limits Compile leaves the embedded law to be compiled
// on first use, so this test is what compiles all of it: every rule and
// template compiles under those limits, each named rule gives what its use
// needs, and each template gives what the clause it decides needs. What
// each compiles to on first use is what compiling it up front gives.
func TestEmbeddedLawCompiles(t *testing.T) {
	lim := DefaultLimits()
	eager, err := compileLawFiles(nil, lim, false)
	if err != nil {
		t.Fatalf("the embedded law does not compile under the default limits: %v", err)
	}
	decides := map[string]resultKind{"entry-into-force": resultOptDate, "withdrawal": resultDate, "term": resultOptDate}
	for name, tp := range eager.templates {
		want, ok := decides[tp.Decides]
		if !ok {
			t.Errorf("template %s decides %q, which no clause uses", name, tp.Decides)
			continue
		}
		if !givesKind(tp.prog.src.x.out, want) {
			t.Errorf("template %s gives %s; %s needs %s", name, tp.prog.src.x.out, tp.Decides, want)
		}
	}
	lazy, err := compileLaw(nil, lim)
	if err != nil {
		t.Fatal(err)
	}
	for id, p := range lazy.rules {
		if p.ready() {
			t.Errorf("%s: compiled by Compile; want it left to first use", id)
			continue
		}
		x, err := p.src.get()
		if err != nil {
			t.Errorf("%s: %v", id, err)
			continue
		}
		want := eager.rules[id].src.x
		if x.out.String() != want.out.String() || x.estimate != want.estimate {
			t.Errorf("%s: on first use gives %s, estimate %d; compiled up front %s, %d", id, x.out, x.estimate, want.out, want.estimate)
		}
	}
	if len(lazy.rules) != len(eager.rules) {
		t.Errorf("%d rules compiled lazily, %d up front", len(lazy.rules), len(eager.rules))
	}
}

// Under limits other than the defaults, the embedded law is compiled by
// Compile, and a rule of it that the limits refuse is reported there.
func TestEmbeddedLawCompiledUnderOtherLimits(t *testing.T) {
	law, err := Compile(WithLimits(Limits{RuntimeCost: 200_000}))
	if err != nil {
		t.Fatal(err)
	}
	for id, p := range law.c.rules {
		if !p.ready() {
			t.Errorf("%s: not compiled by Compile under other limits", id)
		}
	}
	_, err = Compile(WithLimits(Limits{ExpressionSize: 20}))
	if err == nil {
		t.Fatal("Compile under a 20-code-point expression limit = nil; want the law's longer rules refused")
	}
}

// The clause templates run as Go: building an engine over the CIS dataset
// never compiles their CEL.
func TestNativeTemplatesAreNotCompiled(t *testing.T) {
	law, err := Compile()
	if err != nil {
		t.Fatal(err)
	}
	ds, err := cistreaty.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := law.Engine(context.Background(), ds); err != nil {
		t.Fatal(err)
	}
	n := 0
	for name, tp := range law.c.templates {
		if tp.prog.native == nil {
			continue
		}
		n++
		if tp.prog.ready() {
			t.Errorf("template %s: its CEL was compiled", name)
		}
	}
	if n == 0 {
		t.Error("no template runs as Go")
	}
}
