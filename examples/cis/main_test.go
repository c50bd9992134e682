package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
	"github.com/pacta-law/pacta/rules/verify"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixedNow is the clock of every test: the dataset's record date.
func fixedNow() time.Time { return time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC) }

// result is what one run of the command left behind.
type result struct {
	code           int
	stdout, stderr string
}

func runCLI(args ...string) result {
	var out, errb bytes.Buffer
	code := run(args, &out, &errb, fixedNow)
	return result{code, out.String(), errb.String()}
}

// answerCase is a question whose answer comes from the legal sources
// (reference/legal-facts.md, DESIGN §5), written here by hand: a golden file
// that drifts from it fails the test, whatever the golden file says.
type answerCase struct {
	name string
	args []string
	// want is the answer as the text form prints it first: "true", "false",
	// a date, a status, or "null".
	want string
	// why names the legal basis of want.
	why string

	determinate *bool  // when set, the answer's determinate flag
	founding    string // for status: "true", "false" or "null"
	open        string // "PARTY event treaty" that must be listed as open
	assumed     string // "PARTY event date" of a fact marked assumed
	text        string // a phrase the text answer must contain
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

func answerCases() []answerCase {
	return []answerCase{
		{
			name: "bound-charter-ru-1994-01-21", want: "false",
			args: []string{"bound", "-treaty", "cis-charter-1993", "-party", "RU", "-on", "1994-01-21"},
			why:  "Charter Art. 41: in force one year after its adoption (22 Jan 1993), i.e. 22 Jan 1994; not the day before",
		},
		{
			name: "bound-charter-ru-1994-01-22", want: "true", determinate: yes(),
			args: []string{"bound", "-treaty", "cis-charter-1993", "-party", "RU", "-on", "1994-01-22"},
			why:  "Charter Art. 41: Russia deposited on 20 Jul 1993; in force 22 Jan 1994 (legal-facts §7.2)",
		},
		{
			name: "eif-vclt-md", want: "1993-02-25", determinate: yes(),
			args: []string{"eif", "-treaty", "vclt-1969", "-party", "MD"},
			why:  "VCLT Art. 84(2): Moldova acceded 26 Jan 1993, in force the 30th day after, 25 Feb 1993 (legal-facts §6)",
		},
		{
			name: "status-ge-2009-08-17", want: "member-state", founding: "false",
			args: []string{"status", "-party", "GE", "-on", "2009-08-17"},
			why:  "Charter Art. 9: Georgia's notice of 18 Aug 2008 took effect 12 months later, 18 Aug 2009; the day before it was a member state",
		},
		{
			name: "status-ge-2009-08-18", want: "withdrawn", determinate: yes(), founding: "false",
			args: []string{"status", "-party", "GE", "-on", "2009-08-18"},
			why:  "Charter Art. 9: withdrawal effective 18 Aug 2009 (legal-facts §7.5)",
		},
		{
			name: "status-ua-2020-01-01", want: "participant", determinate: yes(), founding: "true",
			args: []string{"status", "-party", "UA", "-on", "2020-01-01"},
			why:  "Ukraine ratified the 1991 Agreement (10 Dec 1991) but never the Charter, and sent no withdrawal notice (legal-facts §7.6)",
		},
		{
			name: "vclt-cis-agreement-by-ua", want: "true", determinate: yes(),
			args: []string{"vclt", "-treaty", "cis-agreement-1991", "-party", "BY", "-towards", "UA"},
			why:  "VCLT Art. 4: in force for Belarus (31 May 1986) and Ukraine (13 Jun 1986) before 8 Dec 1991",
		},
		{
			name: "vclt-alma-ata-ru-kz", want: "false", determinate: yes(),
			args: []string{"vclt", "-treaty", "alma-ata-protocol-1991", "-party", "RU", "-towards", "KZ"},
			why:  "VCLT Art. 4: Kazakhstan acceded only in 1993, after the Protocol of 21 Dec 1991 was concluded",
		},
		{
			name: "bound-fta-2011-ru-ua-2016", want: "false", determinate: yes(),
			args: []string{"bound", "-treaty", "fta-2011", "-party", "RU", "-towards", "UA", "-on", "2016-01-01"},
			why:  "Russia suspended the 2011 FTA towards Ukraine from 1 Jan 2016 (suspension is symmetric, VCLT Art. 72)",
		},
		{
			name: "bound-fta-2011-ru-2016", want: "true", determinate: yes(),
			args: []string{"bound", "-treaty", "fta-2011", "-party", "RU", "-on", "2016-01-01"},
			why:  "the suspension towards Ukraine does not end Russia's being bound by the 2011 FTA (in force for it since 20 Sep 2012)",
		},
		{
			name: "withdrawal-charter-md", want: "2027-04-15", determinate: yes(),
			args: []string{"withdrawal", "-treaty", "cis-charter-1993", "-party", "MD", "-notice", "2026-04-15"},
			why:  "Charter Art. 9: 12 months after the depositary receives the notice, same calendar day",
		},
		{
			name: "status-md-2027-06-01", want: "null", determinate: no(), founding: "null",
			open: "MD withdrawal-notice cis-charter-1993",
			args: []string{"status", "-party", "MD", "-on", "2027-06-01"},
			why:  "Moldova's notice is expected (not before 20 Mar 2026) but unrecorded: withdrawn by 2027-06-01 only if it came by 2026-06-01",
		},
		{
			name: "status-md-2026-12-01", want: "member-state", determinate: yes(), founding: "null",
			args: []string{"status", "-party", "MD", "-on", "2026-12-01"},
			why:  "no notice can take effect before 20 Mar 2027 (12 months after 20 Mar 2026); Moldova ratified the 1991 Agreement after the Charter's adoption, hence two readings of founding (DESIGN §5)",
		},
		{
			name: "status-ge-1993-11-01", want: "null", determinate: no(), founding: "false",
			args: []string{"status", "-party", "GE", "-on", "1993-11-01"},
			why:  "Georgia joined between 8 Oct and 9 Dec 1993; the record does not fix the day (legal-facts §9)",
		},
		{
			name: "obliged-cst-art-4-kz-by", want: "true", determinate: yes(),
			args: []string{"obliged", "-treaty", "cst-1992", "-article", "4", "-party", "KZ", "-towards", "BY", "-on", "1995-01-01"},
			why:  "CST in force 20 Apr 1994 for its parties, Kazakhstan (signatory) and Belarus (joined 31 Dec 1993) among them; Art. 4 has no condition of its own",
		},
		{
			name: "eif-economic-union", want: "null", determinate: no(),
			args: []string{"eif", "-treaty", "economic-union-1993"},
			why:  "no treaty-wide date is recorded and seven signatories' instruments are not; Moldova's 10 May 1994 (lex.justice.md, P), before Armenia's 26 Jul 1994 (ARLIS, P), is an upper bound: the Treaty entered into force not after it",
			text: "Range: not after 1994-05-10",
		},
		{
			name: "withdrawal-charter-ge-2026", want: "null", determinate: yes(),
			args: []string{"withdrawal", "-treaty", "cis-charter-1993", "-party", "GE", "-notice", "2026-04-15"},
			why:  "Georgia left the CIS on 18 Aug 2009 (Art. 9; mfa.am, P): a notice presupposes a party, so no exit is computed (reason ended)",
			text: "ended",
		},
		{
			name: "vclt-charter-ru-ua", want: "null", determinate: yes(),
			args: []string{"vclt", "-treaty", "cis-charter-1993", "-party", "RU", "-towards", "UA"},
			why:  "Ukraine never signed or ratified the Charter (mfa.am, P): Art. 4 has no treaty between them to apply to (reason not-party)",
			text: "not-party",
		},
		{
			name: "status-md-assumed-notice", want: "withdrawn", determinate: yes(),
			assumed: "MD withdrawal-notice 2026-12-01",
			args:    []string{"status", "-party", "MD", "-on", "2027-12-01", "-assume", "MD:withdrawal-notice:2026-12-01:cis-charter-1993"},
			why:     "Charter Art. 9: a notice received 1 Dec 2026 takes effect 1 Dec 2027",
		},
	}
}

// answerOf renders a JSON answer as the text form prints it.
func answerOf(v any) string {
	switch a := v.(type) {
	case nil:
		return "null"
	case bool:
		return fmt.Sprint(a)
	case string:
		return a
	}
	return fmt.Sprintf("unexpected %T", v)
}

// answerSchema is testdata/schema/answer.schema.json, compiled.
type answerSchema struct{ s *jsonschema.Schema }

// Validate checks one JSON document against the schema.
func (a answerSchema) Validate(doc []byte) error {
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		return err
	}
	return a.s.Validate(v)
}

func loadSchema(t *testing.T) answerSchema {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "schema", "answer.schema.json")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("answer.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("answer.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return answerSchema{s}
}

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./examples/cis -update)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", path, diff)
	}
}

// wantAnswer checks that a run printed an answer and nothing else.
func wantAnswer(t *testing.T, r result) {
	t.Helper()
	if r.code != exitAnswer || r.stderr != "" {
		t.Fatalf("exit %d, stderr %q; want 0 and nothing", r.code, r.stderr)
	}
}

func TestAnswers(t *testing.T) {
	schema := loadSchema(t)
	for _, tc := range answerCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.why == "" {
				t.Fatal("a case needs the legal basis of its answer")
			}
			r := runCLI(append(slices.Clone(tc.args), "-json")...)
			wantAnswer(t, r)
			if !strings.HasSuffix(r.stdout, "}\n") || strings.Count(r.stdout, "\n") != 1 {
				t.Errorf("stdout is not one JSON object and a newline: %q", r.stdout)
			}
			if err := schema.Validate([]byte(r.stdout)); err != nil {
				t.Errorf("the answer does not fit answer.schema.json:\n%v", err)
			}
			var got struct {
				Question    string `json:"question"`
				Answer      any    `json:"answer"`
				Determinate bool   `json:"determinate"`
				Founding    any    `json:"founding"`
				Because     []struct {
					Facts []struct {
						Party, Treaty, Event, Date string
						Assumed                    bool
					} `json:"facts"`
				} `json:"because"`
				Open []struct{ Party, Treaty, Event string } `json:"open"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
				t.Fatal(err)
			}
			if a := answerOf(got.Answer); a != tc.want {
				t.Errorf("answer %s, want %s: %s", a, tc.want, tc.why)
			}
			if tc.determinate != nil && got.Determinate != *tc.determinate {
				t.Errorf("determinate %v, want %v: %s", got.Determinate, *tc.determinate, tc.why)
			}
			if tc.founding != "" && answerOf(got.Founding) != tc.founding {
				t.Errorf("founding %s, want %s", answerOf(got.Founding), tc.founding)
			}
			if tc.open != "" {
				var open []string
				for _, o := range got.Open {
					open = append(open, o.Party+" "+o.Event+" "+o.Treaty)
				}
				if !slices.Contains(open, tc.open) {
					t.Errorf("open %q, want it to list %q", open, tc.open)
				}
			}
			if tc.assumed != "" {
				var assumed []string
				for _, s := range got.Because {
					for _, f := range s.Facts {
						if f.Assumed {
							assumed = append(assumed, f.Party+" "+f.Event+" "+f.Date)
						}
					}
				}
				if !slices.Contains(assumed, tc.assumed) {
					t.Errorf("assumed facts %q, want %q among them", assumed, tc.assumed)
				}
			}
			golden(t, tc.name+".json", r.stdout)

			txt := runCLI(tc.args...)
			wantAnswer(t, txt)
			first, _, _ := strings.Cut(txt.stdout, "\n")
			sep := " — "
			if tc.want == "null" {
				sep = " ("
			}
			if !strings.HasPrefix(first, tc.want+sep) {
				t.Errorf("text answer starts %q, want %q", first, tc.want+sep)
			}
			if tc.text != "" && !strings.Contains(txt.stdout, tc.text) {
				t.Errorf("the text answer does not say %q: %s", tc.text, tc.why)
			}
			if tc.assumed != "" && !strings.Contains(txt.stdout, "[assumed]") {
				t.Error("the text does not mark the assumed fact")
			}
			golden(t, tc.name+".txt", txt.stdout)
		})
	}
}

// The IDs of DESIGN §7, which are contract.
var (
	contractTreaties = []string{
		"alma-ata-protocol-1991", "cis-agreement-1991", "cis-charter-1993", "cst-1992", "cst-extension-1999",
		"economic-union-1993", "fta-1994", "fta-2011", "fta-2011-uz-protocol", "services-fta-2023", "vclt-1969",
	}
	contractParties = []string{"AM", "AZ", "BY", "GE", "KG", "KZ", "MD", "RU", "SU", "TJ", "TM", "UA", "UZ", "cis", "sco"}
)

func TestLists(t *testing.T) {
	tests := []struct {
		name string
		want []string
		// check reads one element of the JSON list.
		fields []string
	}{
		{"treaties", contractTreaties, []string{"id", "title", "title_ru", "concluded", "depositary"}},
		{"parties", contractParties, []string{"id", "name", "name_ru", "kind"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCLI(tt.name, "-json")
			wantAnswer(t, r)
			var list []map[string]any
			if err := json.Unmarshal([]byte(r.stdout), &list); err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, e := range list {
				ids = append(ids, e["id"].(string))
				var keys []string
				for k := range e {
					keys = append(keys, k)
				}
				if diff := cmp.Diff(tt.fields, keys, cmpSorted()); diff != "" {
					t.Errorf("%v: fields (-want +got):\n%s", e["id"], diff)
				}
			}
			if diff := cmp.Diff(tt.want, ids); diff != "" {
				t.Errorf("IDs (-want +got):\n%s", diff)
			}
			golden(t, tt.name+".json", r.stdout)
			txt := runCLI(tt.name)
			wantAnswer(t, txt)
			for _, id := range tt.want {
				if !strings.Contains(txt.stdout, "\n"+id+" ") {
					t.Errorf("text list lacks %s", id)
				}
			}
			golden(t, tt.name+".txt", txt.stdout)
		})
	}
}

func cmpSorted() cmp.Option {
	return cmp.Transformer("sort", func(s []string) []string {
		s = slices.Clone(s)
		slices.Sort(s)
		return s
	})
}

// Every golden answer on disk fits the schema, including any left from
// cases since removed.
func TestGoldenAnswersFitSchema(t *testing.T) {
	schema := loadSchema(t)
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.HasPrefix(b, []byte("[")) { // the treaties and parties lists
			continue
		}
		n++
		if err := schema.Validate(b); err != nil {
			t.Errorf("%s:\n%v", f, err)
		}
	}
	if n < len(answerCases()) && !*update {
		t.Errorf("%d golden answers, want at least %d", n, len(answerCases()))
	}
}

// Every answer the case files in testdata/cases ask for fits the schema:
// they reach the made-up regimes and the edges of the record (open entry
// into force, withdrawal by a party not bound) that the goldens do not.
func TestCaseFileAnswersFitSchema(t *testing.T) {
	schema := loadSchema(t)
	files, err := verify.LoadFS(os.DirFS(filepath.Join("..", "..", "testdata", "cases")), "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		results, err := f.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range results {
			if r.Verdict == nil {
				continue
			}
			n++
			b, err := json.Marshal(r.Verdict)
			if err != nil {
				t.Fatalf("%s: %v", r.Pos, err)
			}
			if err := schema.Validate(b); err != nil {
				t.Errorf("%s (%s): the answer does not fit answer.schema.json:\n%v\n%s", r.Pos, r.Name, err, b)
			}
		}
	}
	if n < 600 {
		t.Errorf("%d answers from the case files, want at least 600", n)
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name string
		args []string
		// want is a part of the one line on stderr.
		want string
	}{
		{"unknown treaty names the closest", []string{"bound", "-treaty", "cis-charter-1994", "-party", "RU", "-on", "2000-01-01"}, "cis-charter-1993"},
		{"unknown party names known parties", []string{"bound", "-treaty", "cis-charter-1993", "-party", "XX", "-on", "2000-01-01"}, `unknown party "XX" (known: AM, AZ`},
		{"unknown towards", []string{"bound", "-treaty", "fta-2011", "-party", "RU", "-towards", "UK", "-on", "2000-01-01"}, `unknown party "UK"`},
		{"unknown organisation", []string{"status", "-party", "GE", "-org", "CIS", "-on", "2000-01-01"}, "(closest known: cis)"},
		{"unknown article", []string{"obliged", "-treaty", "cst-1992", "-article", "5", "-party", "KZ", "-towards", "BY", "-on", "1995-01-01"}, `unknown article "5"`},
		{"impossible date", []string{"bound", "-treaty", "cis-charter-1993", "-party", "RU", "-on", "2024-02-30"}, `"2024-02-30"`},
		{"date with a time part", []string{"bound", "-treaty", "cis-charter-1993", "-party", "RU", "-on", "2024-01-01T00:00:00Z"}, "flag -on"},
		{"date with a sign", []string{"withdrawal", "-treaty", "cis-charter-1993", "-party", "MD", "-notice", "2024-01-+1"}, "flag -notice"},
		{"misspelt assumed event", []string{"status", "-party", "MD", "-on", "2027-12-01", "-assume", "MD:withdrawl-notice:2026-12-01"}, "withdrawal-notice"},
		{"impossible assumed date", []string{"status", "-party", "MD", "-on", "2027-12-01", "-assume", "MD:withdrawal-notice:2026-13-01"}, "2026-13-01"},
		{"assume without a treaty", []string{"status", "-party", "MD", "-on", "2027-12-01", "-assume", "MD:withdrawal-notice:2026-12-01"}, "no treaty"},
		{"assume with too few fields", []string{"bound", "-treaty", "cis-charter-1993", "-party", "MD", "-assume", "MD:2026-12-01"}, "PARTY:EVENT:DATE[:TREATY]"},
		{"assume with an unknown party", []string{"bound", "-treaty", "cis-charter-1993", "-party", "MD", "-assume", "MX:deposit:2026-12-01"}, `unknown party "MX"`},
		{"assume with an unknown treaty", []string{"bound", "-treaty", "cis-charter-1993", "-party", "MD", "-assume", "MD:deposit:2026-12-01:cis-charter-1994"}, "cis-charter-1993"},
		{"missing -party", []string{"bound", "-treaty", "cis-charter-1993", "-on", "2000-01-01"}, "-party is required"},
		{"missing -treaty", []string{"eif"}, "-treaty is required"},
		{"missing -notice", []string{"withdrawal", "-treaty", "cis-charter-1993", "-party", "MD"}, "-notice is required"},
		{"missing -towards", []string{"vclt", "-treaty", "cis-charter-1993", "-party", "MD"}, "-towards is required"},
		{"a party towards itself", []string{"bound", "-treaty", "fta-2011", "-party", "RU", "-towards", "ru", "-on", "2016-01-01"}, "not bound towards itself"},
		{"a notice whose effect is past the calendar", []string{"withdrawal", "-treaty", "cis-charter-1993", "-party", "RU", "-notice", "9999-12-31"}, "9999-12-31"},
		{"effective before the notice", []string{"withdrawal", "-treaty", "cis-charter-1993", "-party", "MD", "-notice", "2026-04-15", "-effective", "2026-01-01"}, "before the notice"},
		{"unknown question", []string{"bund", "-treaty", "cis-charter-1993"}, `unknown question "bund" (closest known: bound)`},
		{"no question", nil, "no question given"},
		{"unknown flag", []string{"bound", "-traety", "cis-charter-1993"}, "-traety"},
		{"flag of another question", []string{"eif", "-treaty", "vclt-1969", "-on", "2000-01-01"}, "-on"},
		{"stray argument", []string{"bound", "-treaty", "cis-charter-1993", "-party", "RU", "RU"}, `unexpected argument "RU"`},
		{"test of a missing case file", []string{"test", "no-such-cases.yaml"}, "no-such-cases.yaml"},
		{"test without a file", []string{"test"}, "no case file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := runCLI(tt.args...)
			if r.code != exitInput {
				t.Errorf("exit %d, want %d", r.code, exitInput)
			}
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
			if !strings.HasPrefix(r.stderr, "cis: ") || strings.Count(r.stderr, "\n") != 1 || !strings.HasSuffix(r.stderr, "\n") {
				t.Errorf("stderr %q, want exactly one line \"cis: …\"", r.stderr)
			}
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr %q, want it to contain %q", r.stderr, tt.want)
			}
		})
	}
}

// A rule that fails at run time is exit status 3 with one line, whether it
// fails while the engine is built, while it answers, or by a panic; so is
// a context that ends, also before case files are loaded.
func TestRuleFailures(t *testing.T) {
	args := []string{"bound", "-treaty", "cis-charter-1993", "-party", "RU", "-on", "1994-01-22"}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name   string
		ctx    context.Context
		engine func(context.Context) (*rules.Engine, error)
		args   []string // the bound question's, with -json, when nil
		want   string
	}{
		{
			name: "budget exceeded",
			ctx:  context.Background(),
			engine: func(ctx context.Context) (*rules.Engine, error) {
				ds, err := cistreaty.Default()
				if err != nil {
					return nil, err
				}
				return rules.New(ctx, ds, rules.WithLimits(rules.Limits{RuntimeCost: 1}))
			},
			want: "cost limit exceeded",
		},
		{name: "cancelled", ctx: cancelled, engine: defaultEngine, want: "context canceled"},
		{
			name: "case files cancelled", ctx: cancelled, engine: defaultEngine,
			args: []string{"test", filepath.Join("..", "..", "testdata", "cases", "user-example.yaml")},
			want: "user-example.yaml: loading the case file stopped: context canceled",
		},
		{
			name:   "panic",
			ctx:    context.Background(),
			engine: func(context.Context) (*rules.Engine, error) { panic("boom\nsecond line") },
			want:   "internal error: boom; second line",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			c := &cli{stdout: &out, stderr: &errb, now: fixedNow, ctx: tt.ctx, engine: tt.engine}
			a := tt.args
			if a == nil {
				a = append(slices.Clone(args), "-json")
			}
			code := c.run(a)
			if code != exitRule {
				t.Errorf("exit %d, want %d", code, exitRule)
			}
			if out.Len() != 0 {
				t.Errorf("stdout %q, want nothing", out.String())
			}
			if strings.Count(errb.String(), "\n") != 1 || !strings.Contains(errb.String(), tt.want) {
				t.Errorf("stderr %q, want one line containing %q", errb.String(), tt.want)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"-h"}, {"help"}, {"bound", "-h"}, {"status", "-help"}, {"test", "-h"}} {
		r := runCLI(args...)
		if r.code != exitAnswer || r.stderr != "" || !strings.Contains(r.stdout, "usage: cis") {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want 0, usage on stdout, nothing on stderr", args, r.code, r.stdout, r.stderr)
		}
	}
	r := runCLI("bound", "-h")
	for _, f := range []string{"-treaty", "-party", "-on", "-towards", "-json", "-assume"} {
		if !strings.Contains(r.stdout, f) {
			t.Errorf("bound -h does not list %s", f)
		}
	}
}

// cis -h explains every grade, every reason for a null answer, and every
// status the embedded dataset's organisations can give.
func TestHelpExplainsGradesReasonsAndStatuses(t *testing.T) {
	help := runCLI("-h").stdout
	want := []string{"  P  primary", "  S  secondary", "  U  unconfirmed"}
	for _, r := range []string{rules.ReasonNotParty, rules.ReasonNotYet, rules.ReasonEnded, rules.ReasonUnknown} {
		want = append(want, "  "+r+" ")
	}
	ds, err := cistreaty.Default()
	if err != nil {
		t.Fatal(err)
	}
	orgs := 0
	for o := range ds.Organisations() {
		orgs++
		want = append(want, "  "+o.Default+" ")
		for _, st := range o.Statuses {
			want = append(want, "  "+st.Status+" ")
		}
	}
	if orgs == 0 {
		t.Fatal("the embedded dataset has no organisation")
	}
	for _, w := range want {
		if !strings.Contains(help, w) {
			t.Errorf("cis -h does not explain %q", strings.TrimSpace(w))
		}
	}
}

// -on defaults to today's date in UTC, and state codes are accepted in
// either case.
func TestDefaultsAndCase(t *testing.T) {
	// 23:30 on 26 Nov in New York is 04:30 on 27 Nov in UTC.
	ny := func() time.Time { return time.Date(2026, 11, 26, 23, 30, 0, 0, time.FixedZone("EST", -5*3600)) }
	var out, errb bytes.Buffer
	code := run([]string{"bound", "-treaty", "cis-charter-1993", "-party", "ru", "-json"}, &out, &errb, ny)
	if code != 0 || errb.Len() != 0 {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	var got struct {
		Inputs rules.Inputs `json:"inputs"`
		Answer any          `json:"answer"`
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := rules.Inputs{Treaty: "cis-charter-1993", Party: "RU", On: cistreaty.MustParseDate("2026-11-27")}
	if diff := cmp.Diff(want, got.Inputs, cmp.Comparer(func(a, b cistreaty.Date) bool { return a == b })); diff != "" {
		t.Errorf("inputs (-want +got):\n%s", diff)
	}
	// Russia is a member state of the CIS to this day (no notice recorded).
	if got.Answer != true {
		t.Errorf("answer %v, want true", got.Answer)
	}
	// Organisation IDs stay case-sensitive: "SCO" is not "sco".
	r := runCLI("status", "-party", "SCO", "-on", "2026-01-01")
	if r.code != exitInput || !strings.Contains(r.stderr, "sco") {
		t.Errorf("exit %d, stderr %q; want 2 naming sco", r.code, r.stderr)
	}
	r = runCLI("status", "-party", "sco", "-on", "2026-01-01")
	wantAnswer(t, r)
	// The SCO has been an observer since the decision of 10 Oct 2025 (legal-facts §7.9).
	if !strings.HasPrefix(r.stdout, "observer — ") {
		t.Errorf("sco's status: %q, want observer", firstLine(r.stdout))
	}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// The schema is not vacuous: answers that break the contract fail it.
func TestSchemaRejectsBrokenAnswers(t *testing.T) {
	schema := loadSchema(t)
	b, err := os.ReadFile(filepath.Join("testdata", "golden", "status-md-2027-06-01.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(b); err != nil {
		t.Fatalf("the golden answer itself: %v", err)
	}
	tests := []struct {
		name   string
		mutate func(m map[string]any)
		want   string
	}{
		{"no open", func(m map[string]any) { delete(m, "open") }, `missing property 'open'`},
		{"an answer of no kind", func(m map[string]any) { m["answer"] = "Soon" }, "oneOf"},
		{"an impossible date", func(m map[string]any) { m["inputs"].(map[string]any)["on"] = "2027-13-01" }, "at '/inputs/on'"},
		{"null without a reason", func(m map[string]any) { delete(m, "reason") }, "oneOf"},
		{"unknown but determinate", func(m map[string]any) { m["determinate"] = true }, "anyOf"},
		{"status without founding", func(m map[string]any) { delete(m, "founding") }, "oneOf"},
		{"a grade of no kind", func(m map[string]any) { m["grade"] = "A" }, "at '/grade'"},
		{"a field outside the contract", func(m map[string]any) { m["confidence"] = 0.9 }, `additional properties 'confidence' not allowed`},
		{"a fact with no date", func(m map[string]any) {
			f := m["because"].([]any)[1].(map[string]any)["facts"].([]any)[0].(map[string]any)
			delete(f, "date")
		}, "at '/because/1/facts/0'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			tt.mutate(m)
			mb, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			err = schema.Validate(mb)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Validate = %v, want a problem containing %q", err, tt.want)
			}
		})
	}
}

// TestReadmeShowsCurrentAnswer keeps the README's example answer the one the
// command gives.
func TestReadmeShowsCurrentAnswer(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	golden, err := os.ReadFile("testdata/golden/bound-charter-ru-1994-01-22.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), string(golden)) {
		t.Error("README.md does not show the current answer of `bound -treaty cis-charter-1993 -party RU -on 1994-01-22`; copy testdata/golden/bound-charter-ru-1994-01-22.txt into it")
	}
}
