package verify

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pacta-law/pacta/cistreaty"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s (-want +got):\n%s", path, d)
	}
}

func loadTestdata(t *testing.T, name string) (*File, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return Load(name, data)
}

// TestLoadBroken: every problem of a broken case file at once, sorted, each
// with file:line:col and the field.
func TestLoadBroken(t *testing.T) {
	for _, name := range []string{"broken.yaml", "broken-overlay.yaml"} {
		t.Run(name, func(t *testing.T) {
			f, err := loadTestdata(t, name)
			if f != nil || err == nil {
				t.Fatalf("Load(%s) = %v, %v; want problems", name, f, err)
			}
			if !errors.Is(err, ErrInvalidCaseFile) {
				t.Errorf("errors.Is(err, ErrInvalidCaseFile) = false for %T", err)
			}
			golden(t, strings.TrimSuffix(name, ".yaml")+".golden", err.Error()+"\n")
		})
	}
}

// lineCol returns the 1-based line and column of the first occurrence of
// marker in text (columns in runes, as the YAML library counts them).
func lineCol(t *testing.T, text, marker string) (int, int) {
	t.Helper()
	i := strings.Index(text, marker)
	if i < 0 {
		t.Fatalf("marker %q not in the text", marker)
	}
	before := text[:i]
	line := strings.Count(before, "\n") + 1
	col := len([]rune(before[strings.LastIndex(before, "\n")+1:])) + 1
	return line, col
}

func problemsOf(t *testing.T, err error) Problems {
	t.Helper()
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("error %v (%T) is not Problems", err, err)
	}
	return ps
}

// TestOverlayPositions: a problem of the overlay, reported by the dataset
// loader or by the rule compiler, points at the case file's own line and
// column, however the overlay is indented and whatever comes before it.
func TestOverlayPositions(t *testing.T) {
	const head = "# a comment\nbase: cis\ncases:\n  - {name: x, question: eif, treaty: t-mine, expect: {answer: null, reason: unknown}}\n"
	const treaty = "    - {id: t-mine, title: Mine, concluded: 2020-01-01, participation: complete, source: {cite: made up, grade: P},\n" +
		"       clauses: {entry_into_force: {rule: t-mine/eif}}}\n"
	for _, c := range []struct {
		name, text, marker, field string
	}{
		{
			name: "an unknown party in an event",
			text: head + "overlay:\n  treaties:\n" + treaty +
				"  rules:\n    - {id: t-mine/eif, expr: \"optional.none()\"}\n" +
				"  events:\n    - {treaty: t-mine, party: QQ, kind: ratification, date: 2020-02-01, source: {cite: made up, grade: P}}\n",
			marker: "{treaty: t-mine, party: QQ", field: "events.party",
		},
		{
			name:   "an overlay in flow style, after the cases",
			text:   head + "overlay: {parties: [{id: qq, name: Q, kind: state}]}\n",
			marker: "{id: qq", field: "parties.id",
		},
		{
			name: "a compile error in an overlay rule",
			text: "base: cis\noverlay:\n  treaties:\n" + treaty +
				"  rules:\n    - id: t-mine/eif\n      expr: |\n        own(['ratification']).hasValue()\n          ? optional.of(own(['ratification']).value().addDayz(1))\n          : optional.none()\n" +
				"cases:\n  - {name: x, question: eif, treaty: t-mine, expect: {answer: null, reason: unknown}}\n",
			marker: ".addDayz(1)", field: "",
		},
		{
			name:   "CR LF line breaks",
			text:   strings.ReplaceAll(head+"overlay:\n  parties:\n    - {id: qq, name: Q, kind: state}\n", "\n", "\r\n"),
			marker: "{id: qq", field: "parties.id",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Load("mine.yaml", []byte(c.text))
			if err == nil {
				t.Fatal("Load succeeded; want a problem")
			}
			line, col := lineCol(t, strings.ReplaceAll(c.text, "\r\n", "\n"), c.marker)
			for _, p := range problemsOf(t, err) {
				if p.Pos.File != "mine.yaml" || p.Pos.Line != line {
					continue
				}
				if c.field != "" && (p.Field != c.field || p.Pos.Col != col) {
					continue
				}
				return // found, at the marker's line (and column)
			}
			t.Errorf("no problem of %s at mine.yaml:%d:%d; got:\n%v", orNone(c.field), line, col, err)
		})
	}
}

// TestLoadCapsProblems: a file of many broken cases lists a bounded number
// of problems and says how many more there were.
func TestLoadCapsProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("cases:\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "  - {name: c%d, question: nosuch, expect: {answer: true}}\n", i)
	}
	_, err := Load("many.yaml", []byte(b.String()))
	ps := problemsOf(t, err)
	if len(ps) != maxProblems+1 {
		t.Fatalf("%d problems listed, want %d and a last line", len(ps), maxProblems+1)
	}
	if got, want := ps[len(ps)-1].Message, "and 2000 more problems"; got != want {
		t.Errorf("last problem %q, want %q", got, want)
	}
}

// TestLoadProblems: single problems of the format, each reported with its
// field at the place marked (the first occurrence of marker in the text;
// no marker: the problem has no line).
func TestLoadProblems(t *testing.T) {
	const okCase = "cases:\n  - {name: x, question: status, party: MD, on: 2020-01-01, expect: {answer: member-state}}\n"
	for _, c := range []struct {
		name, text, marker, field, msg string
	}{
		{"empty file", "", "", "", "the case file is empty: it needs cases"},
		// The YAML library places the empty document of "---" on line 2 of a
		// file of one line.
		{"a document marker alone", "---", "", "", "the case file is empty: it needs cases"},
		// Datasets refuse an expected event with a date; case files read
		// their events with the dataset's own reader.
		{"an expected assumed event with a date",
			"assume:\n  - {treaty: cis-charter-1993, party: MD, kind: withdrawal-notice, date: 2027-01-01, latest: 2027-02-01, expected: true}\n" + okCase,
			"2027-01-01", "assume.date", "date together with earliest or latest: give one or the other"},
		{"an expected assumed event with a date alone",
			"assume:\n  - {treaty: cis-charter-1993, party: MD, kind: withdrawal-notice, date: 2027-01-01, expected: true}\n" + okCase,
			"2027-01-01", "assume.date", "an expected event has earliest (and perhaps latest), not date"},
		{"a long unknown treaty is clipped",
			"cases:\n  - {name: x, question: eif, treaty: " + strings.Repeat("t", 100_000) + ", expect: {answer: 1994-01-22}}\n",
			"ttt", "cases.treaty", `unknown treaty "` + strings.Repeat("t", 64) + `…"`},
		{"not a mapping", "- a\n", "- a", "", "a case file is a mapping, not a sequence"},
		{"no cases", "base: cis\n", "base", "cases", "missing cases: a case file needs at least one case"},
		{"empty cases", "cases: []\n", "[]", "cases", "a case file needs at least one case"},
		{"bad base", "base: eaeu\n" + okCase, "eaeu", "base", `unknown base "eaeu" (want cis or none)`},
		{"base none without overlay", "base: none\n" + okCase, "base", "overlay",
			"with base none the overlay is the whole dataset: give one, with its header (dataset: {name, version, record_as_of})"},
		{"base none without header", "base: none\noverlay:\n  parties: [{id: AA, name: A, kind: state}]\n" + okCase, "parties:", "overlay",
			"with base none the overlay is the whole dataset and needs its header (dataset: {name, version, record_as_of})"},
		{"overlay in a flow-style file", "{overlay: {parties: []}, cases: [{name: x}]}\n", "{parties", "overlay",
			"a case file with an overlay is written in block style, one top-level key a line"},
		{"overlay not a mapping", "overlay: [a]\n" + okCase, "[a]", "overlay",
			"want a mapping holding a dataset document (parties, treaties, events, rules, organisations), got a sequence"},
		{"two documents", okCase + "---\n" + okCase, "---", "", "a case file holds one YAML document; this is another"},
		{"an anchor", "base: &b cis\n" + okCase, "&b", "", "anchors and aliases are not allowed"},
		{"not UTF-8", "base: \xff\n" + okCase, "", "", "a case file is UTF-8 text; this one is not"},
		{"a duplicate key", "base: cis\nbase: cis\n" + okCase, "base: cis\ncases", "", `key "base" given twice (first at line 1)`},
		{"a null answer to a status question with another reason",
			"cases:\n  - {name: x, question: status, party: MD, on: 2027-06-01, expect: {answer: null, reason: ended}}\n",
			"ended", "cases.expect.reason", "a null answer to a status question means the record does not settle it: its reason is unknown"},
		{"a date answer that is no date",
			"cases:\n  - {name: x, question: eif, treaty: cis-charter-1993, expect: {answer: 22 Jan 1994}}\n",
			"22 Jan", "cases.expect.answer", `an eif question answers a date (YYYY-MM-DD) or null, not "22 Jan 1994"`},
		{"a boolean where a status belongs",
			"cases:\n  - {name: x, question: status, party: MD, on: 2020-01-01, expect: {answer: true}}\n",
			"true", "cases.expect.answer", `a status question answers a status or null, not "true"`},
		{"a range with latest before earliest",
			"cases:\n  - {name: x, question: eif, treaty: cis-charter-1993, party: GE, expect: {answer: null, reason: unknown, range: {earliest: 1994-01-02, latest: 1994-01-01}}}\n",
			"1994-01-01", "cases.expect.range.latest", "latest 1994-01-01 is before earliest 1994-01-02"},
		{"a range with a date answer",
			"cases:\n  - {name: x, question: eif, treaty: cis-charter-1993, expect: {answer: 1994-01-22, range: {earliest: 1994-01-22}}}\n",
			"{earliest", "cases.expect.range", "a range goes with a null answer the record does not settle"},
		{"an effective day before the notice",
			"cases:\n  - {name: x, question: withdrawal, treaty: cis-charter-1993, party: MD, notice: 2026-01-01, effective: 2025-01-01, expect: {answer: 2027-01-01}}\n",
			"2025-01-01", "cases.effective", "the named effective date 2025-01-01 is before the notice 2026-01-01"},
		{"an unknown organisation",
			"cases:\n  - {name: x, question: status, party: MD, org: ciss, on: 2020-01-01, expect: {answer: member-state}}\n",
			"ciss", "cases.org", `unknown organisation "ciss" (did you mean "cis"?)`},
		{"an unknown article",
			"cases:\n  - {name: x, question: obliged, treaty: cst-1992, article: \"5\", party: RU, towards: KZ, on: 2020-01-01, expect: {answer: true}}\n",
			`"5"`, "cases.article", `treaty cst-1992 has no obligation under article "5" (did you mean "4"?)`},
		{"an unknown key in a case",
			"cases:\n  - {name: x, question: eif, treaty: cis-charter-1993, onn: 2020-01-01, expect: {answer: 1994-01-22}}\n",
			"onn", "cases", `unknown key "onn" (did you mean "on"?)`},
		{"an unknown key in an expectation",
			"cases:\n  - {name: x, question: eif, treaty: cis-charter-1993, expect: {answer: 1994-01-22, rule: [a/b]}}\n",
			"rule:", "cases.expect", `unknown key "rule" (did you mean "rules"?)`},
		{"an assumed event without a date",
			"assume:\n  - {treaty: cis-charter-1993, party: MD, kind: withdrawal-notice}\n" + okCase,
			"{treaty", "assume.date", "missing date (date; or earliest and latest; or expected: true and earliest)"},
		{"an assumed event the dataset refuses",
			"assume:\n  - {treaty: cis-charter-1993, party: MD, kind: withdrawal-notice, date: 1990-01-01}\n" + okCase,
			"{treaty", "assume.date", "withdrawal-notice dated 1990-01-01, before cis-charter-1993 was concluded on 1993-01-22"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := Load("e.yaml", []byte(c.text))
			if err == nil {
				t.Fatalf("Load = %v, nil; want problems", f)
			}
			want := cistreaty.Problem{Pos: cistreaty.Pos{File: "e.yaml"}, Field: c.field, Message: c.msg}
			if c.marker != "" {
				want.Pos.Line, want.Pos.Col = lineCol(t, c.text, c.marker)
			}
			for _, p := range problemsOf(t, err) {
				p.Code = "" // the codes are the reader's
				if p == want {
					return
				}
			}
			t.Errorf("no problem %q; got:\n%v", want, err)
		})
	}
}
