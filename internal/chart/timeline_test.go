package chart

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// engine is the CIS engine, built once for the package's tests.
var engine = sync.OnceValues(func() (*rules.Engine, error) {
	ds, err := cistreaty.Default()
	if err != nil {
		return nil, err
	}
	return rules.New(context.Background(), ds)
})

func testEngine(t *testing.T) *rules.Engine {
	t.Helper()
	eng, err := engine()
	if err != nil {
		t.Fatal(err)
	}
	return eng
}

func d(s string) cistreaty.Date { return cistreaty.MustParseDate(s) }

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/chart -update)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

func TestTimelineSVGGolden(t *testing.T) {
	eng := testEngine(t)
	for _, party := range []string{"GE", "UZ"} {
		t.Run(party, func(t *testing.T) {
			tl, err := NewTimeline(context.Background(), eng, party)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := tl.WriteSVG(&buf, SVGOptions{}); err != nil {
				t.Fatal(err)
			}
			golden(t, "timeline-"+party+".svg", buf.Bytes())
			// The same engine and party give the same bytes.
			var again bytes.Buffer
			tl2, err := NewTimeline(context.Background(), eng, party)
			if err != nil {
				t.Fatal(err)
			}
			if err := tl2.WriteSVG(&again, SVGOptions{}); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Error("two drawings of the same timeline differ")
			}
		})
	}
}

// seg is a segment as the sources give it: kind, label and days.
type seg struct {
	Kind     Kind
	Label    string
	From, To string
	Open     bool
	Since    string // a run that began before the axis
}

func segs(r Row) []seg {
	var out []seg
	for _, s := range r.Segments {
		g := seg{s.Kind, s.Label, s.From.String(), s.To.String(), s.Open, ""}
		if s.Since.IsValid() {
			g.Since = s.Since.String()
		}
		out = append(out, g)
	}
	return out
}

func row(t *testing.T, tl *Timeline, treaty, towards string) Row {
	t.Helper()
	for _, r := range tl.Rows {
		if r.Treaty == treaty && r.Towards == towards {
			return r
		}
	}
	t.Fatalf("no row %s towards %q", treaty, towards)
	return Row{}
}

// The rows whose days the sources fix (reference/legal-facts.md; DESIGN §5).
func TestTimelineRows(t *testing.T) {
	eng := testEngine(t)
	last := "2027-12-31" // the axis ends with the year after the record date
	tests := []struct {
		name, party, treaty, towards string
		want                         []seg
		why                          string
	}{
		{
			name: "GE Charter", party: "GE", treaty: "cis-charter-1993",
			want: []seg{
				{KindBound, "bound", "1994-04-19", "2009-08-17", false, ""},
				{KindWithdrawn, "withdrawn", "2009-08-18", last, true, ""},
			},
			why: "Georgia deposited 19 Apr 1994 (in force on deposit, recorded practice); notice received 18 Aug 2008, Art. 9: 12 months, effective 18 Aug 2009",
		},
		{
			name: "GE CIS status", party: "GE", treaty: "cis",
			want: []seg{
				{KindUncertain, "not settled", "1993-10-08", "1993-12-08", false, ""},
				{KindStatus, "participant", "1993-12-09", "1994-04-18", false, ""},
				{KindStatus, "member-state", "1994-04-19", "2009-08-17", false, ""},
				{KindStatus, "withdrawn", "2009-08-18", last, true, ""},
			},
			why: "accession to the 1991 Agreement between 8 Oct and 9 Dec 1993 (range); Charter from 19 Apr 1994; withdrawal effective 18 Aug 2009",
		},
		{
			name: "GE CST", party: "GE", treaty: "cst-1992",
			want: []seg{
				{KindNotYet, "not yet", "1993-12-09", "1994-04-19", false, ""},
				{KindBound, "bound", "1994-04-20", "1999-04-20", false, ""},
				{KindEnded, "ended", "1999-04-21", last, true, ""},
			},
			why: "acceded 9 Dec 1993; CST in force 20 Apr 1994; its five-year term ran out on 20 Apr 1999 for a state that did not sign the 1999 Protocol",
		},
		{
			name: "RU VCLT since the USSR's accession", party: "RU", treaty: "vclt-1969",
			want: []seg{
				{KindBound, "bound", "1991-01-01", last, true, "1986-05-29"},
			},
			why: "the USSR acceded on 29 Apr 1986, in force the 30th day after (Art. 84(2)); Russia continues the USSR; the axis begins with Russia's own first act, in 1991",
		},
		{
			name: "UZ CST", party: "UZ", treaty: "cst-1992",
			want: []seg{
				{KindNotYet, "not yet", "1992-05-15", "1994-04-19", false, ""},
				{KindBound, "bound", "1994-04-20", "1999-04-20", false, ""},
				{KindEnded, "ended", "1999-04-21", "2006-12-12", false, ""},
				{KindUncertain, "not settled", "2006-12-13", "2012-06-27", false, ""},
				{KindBound, "bound", "2012-06-28", last, true, ""},
			},
			why: "in force 20 Apr 1994; Uzbekistan did not sign the 1999 Protocol, so its term ran out on 20 Apr 1999; its law restoring membership of 13 Dec 2006 and the Organisation's treating it as a member by 28 Jun 2012 bound the day it was bound again",
		},
		{
			name: "UZ CST suspended towards all", party: "UZ", treaty: "cst-1992", towards: AllOthers,
			want: []seg{
				{KindSuspended, "suspended towards every other party", "2012-12-19", last, true, ""},
			},
			why: "the Collective Security Council suspended Uzbekistan's membership on 19 Dec 2012 (TASS), towards every other party; a suspension does not end its being bound",
		},
		{
			name: "RU towards UZ CST", party: "RU", treaty: "cst-1992", towards: "UZ",
			want: []seg{
				{KindSuspended, "suspended towards UZ", "2012-12-19", last, true, ""},
			},
			why: "Uzbekistan's suspension of 19 Dec 2012 operates between it and each other party, Russia included (VCLT Art. 72)",
		},
		{
			name: "RU towards UA FTA 2011", party: "RU", treaty: "fta-2011", towards: "UA",
			want: []seg{
				{KindSuspended, "suspended towards UA", "2016-01-01", last, true, ""},
			},
			why: "Russia suspended the 2011 Treaty towards Ukraine from 1 Jan 2016 (Decree of 16 Dec 2015); suspension is symmetric (VCLT Art. 72)",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tl, err := NewTimeline(context.Background(), eng, tc.party)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, segs(row(t, tl, tc.treaty, tc.towards))); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tc.why, diff)
			}
		})
	}
}

var (
	tickRE = regexp.MustCompile(`class="tick" data-date="(\d{4}-\d\d-\d\d)" x1="([0-9.]+)"`)
	barRE  = regexp.MustCompile(`<g class="bar" data-kind="(\w[\w-]*)" data-label="([^"]*)" data-from="([^"]+)" data-to="([^"]+)" data-end="([^"]+)"[^>]*><title>[^<]*</title><rect x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)"`)
)

// Georgia's bar in the Charter ends where 18 Aug 2009 begins on the axis:
// the x of the bar's right edge is read from the SVG and compared with the
// day interpolated between the ticks of 1 Jan 2009 and 1 Jan 2010, which
// are themselves read from the SVG — not from the scale the code uses.
func TestTimelineGeorgiaWithdrawalOnTheAxis(t *testing.T) {
	tl, err := NewTimeline(context.Background(), testEngine(t), "GE")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tl.WriteSVG(&buf, SVGOptions{}); err != nil {
		t.Fatal(err)
	}
	svg := buf.String()
	ticks := map[string]float64{}
	for _, m := range tickRE.FindAllStringSubmatch(svg, -1) {
		ticks[m[1]], _ = strconv.ParseFloat(m[2], 64)
	}
	x2009, ok1 := ticks["2009-01-01"]
	x2010, ok2 := ticks["2010-01-01"]
	if !ok1 || !ok2 {
		t.Fatalf("no ticks for 2009 and 2010 in %v", ticks)
	}
	// 18 Aug 2009 is day 229 of a 365-day year (31+28+31+30+31+30+31+17 = 229
	// days before it).
	want := x2009 + (x2010-x2009)*229/365
	charter := svg[strings.Index(svg, `data-treaty="cis-charter-1993"`):]
	m := barRE.FindStringSubmatch(charter)
	if m == nil || m[1] != "bound" {
		t.Fatalf("no bound bar for the Charter: %q", m)
	}
	x, _ := strconv.ParseFloat(m[6], 64)
	w, _ := strconv.ParseFloat(m[7], 64)
	if m[4] != "2009-08-17" || m[5] != "2009-08-18" {
		t.Errorf("bar's last day %s, end %s; want 2009-08-17, 2009-08-18", m[4], m[5])
	}
	if got := x + w; got < want-0.02 || got > want+0.02 {
		t.Errorf("bar ends at x=%.2f; 18 Aug 2009 is at x=%.2f on the axis", got, want)
	}
}

func TestTimelineTooltipNamesRuleAndFacts(t *testing.T) {
	tl, err := NewTimeline(context.Background(), testEngine(t), "GE")
	if err != nil {
		t.Fatal(err)
	}
	r := row(t, tl, "cis-charter-1993", "")
	withdrawn := r.Segments[1]
	for _, want := range []string{
		"GE — cis-charter-1993: withdrawn, from 2009-08-18",
		"Charter of the CIS, Art. 9 [notice-plus-months/withdrawal]: 2009-08-18",
		"2008-08-18 GE withdrawal-notice — Kommersant",
	} {
		if !strings.Contains(withdrawn.Tooltip, want) {
			t.Errorf("tooltip lacks %q:\n%s", want, withdrawn.Tooltip)
		}
	}
}

// Every party of the dataset has a timeline, the organisations and the USSR
// included.
func TestTimelineEveryParty(t *testing.T) {
	eng := testEngine(t)
	for _, p := range eng.Parties() {
		tl, err := NewTimeline(context.Background(), eng, p)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if err := tl.WriteSVG(io.Discard, SVGOptions{}); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}

func TestTimelineUnknownParty(t *testing.T) {
	_, err := NewTimeline(context.Background(), testEngine(t), "GX")
	var uid *rules.UnknownIDError
	if !errors.As(err, &uid) || !strings.Contains(err.Error(), "GE") {
		t.Fatalf("got %v; want an unknown-party error naming GE", err)
	}
}

func BenchmarkNewTimeline(b *testing.B) {
	eng, err := engine()
	if err != nil {
		b.Fatal(err)
	}
	for _, party := range []string{"GE", "RU"} {
		b.Run(party, func(b *testing.B) {
			for b.Loop() {
				if _, err := NewTimeline(context.Background(), eng, party); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
