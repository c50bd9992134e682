package pages

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/ask"
	"github.com/pacta-law/pacta/rules"
)

// engine is the CIS engine, built once for the package's tests.
var engine = sync.OnceValues(func() (*rules.Engine, error) {
	ds, err := cistreaty.Default()
	if err != nil {
		return nil, err
	}
	return rules.New(context.Background(), ds)
})

// fixedNow is the clock of the tests: the dataset's record date.
func fixedNow() time.Time { return time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC) }

func testPages(t *testing.T) *Pages {
	t.Helper()
	eng, err := engine()
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(eng, WithClock(fixedNow))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// get serves one request and returns the status and the body.
func get(t *testing.T, p *Pages, target string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	p.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(body)
}

func TestAskREADMEQuestion(t *testing.T) {
	code, body := get(t, testPages(t), "/?question=bound&treaty=cis-charter-1993&party=RU&on=1994-01-22")
	if code != http.StatusOK {
		t.Fatalf("status %d; want 200", code)
	}
	for _, want := range []string{
		`data-answer="true"`,
		`<span class="value">true</span> — RU is bound by cis-charter-1993 on 1994-01-22`,
		`Charter of the CIS, Art. 41`,
		`<code>cis bound -treaty cis-charter-1993 -party RU -on 1994-01-22</code>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

var (
	tagRE = regexp.MustCompile(`(?s)<[^>]*>`)
	urlRE = regexp.MustCompile(`<https?://[^>]*>`)
)

// words splits text into words, without the marks the CLI and the page
// spell differently (brackets around a grade, a colon after a heading,
// quotation marks, the text's bullets).
func words(s string) []string {
	s = strings.NewReplacer("[", " ", "]", " ", ":", " ", "“", " ", "”", " ").Replace(s)
	var out []string
	for _, w := range strings.Fields(s) {
		if w != "-" {
			out = append(out, w)
		}
	}
	return out
}

// subsequence reports the first word of want that does not follow, in
// order, in got.
func subsequence(want, got []string) (string, bool) {
	i := 0
	for _, w := range want {
		for i < len(got) && got[i] != w {
			i++
		}
		if i == len(got) {
			return w, false
		}
		i++
	}
	return "", true
}

// The page says what the CLI says: every word of the CLI's text answer
// (internal/ask, which the cis command prints) appears in the page's answer,
// in the same order. The page shows a source's address as a link, not as
// text. The questions are those of the CLI's golden answers.
func TestAskSameContentAsCLI(t *testing.T) {
	p := testPages(t)
	queries := []string{
		"question=bound&treaty=cis-charter-1993&party=RU&on=1994-01-22",
		"question=bound&treaty=fta-2011&party=RU&towards=UA&on=2016-01-01",
		"question=eif&treaty=vclt-1969&party=MD",
		"question=eif&treaty=cis-charter-1993",
		"question=status&party=GE&on=2009-08-18",
		"question=status&party=MD&on=2027-06-01",
		"question=status&party=ge&on=1993-11-01",
		"question=withdrawal&treaty=cis-charter-1993&party=MD&notice=2026-04-15",
		"question=obliged&treaty=cst-1992&article=4&party=KZ&towards=BY&on=1995-01-01",
		"question=vclt&treaty=alma-ata-protocol-1991&party=RU&towards=KZ",
	}
	for _, query := range queries {
		t.Run(query, func(t *testing.T) {
			vals, _ := url.ParseQuery(query)
			spec, _ := rules.QuestionFor(rules.QuestionKind(vals.Get("question")))
			q, err := ask.Question(p.eng, spec, vals.Get, cistreaty.MustParseDate("2026-11-27"))
			if err != nil {
				t.Fatal(err)
			}
			a, err := ask.Explain(context.Background(), p.eng, q, nil, ask.FromRequest)
			if err != nil {
				t.Fatal(err)
			}
			cli := string(a.Text())
			code, body := get(t, p, "/?"+query)
			if code != http.StatusOK {
				t.Fatalf("status %d; want 200", code)
			}
			start := strings.Index(body, `<section class="answer`)
			end := strings.Index(body, `<p class="how">`)
			if start < 0 || end < start {
				t.Fatal("no answer on the page")
			}
			page := html.UnescapeString(tagRE.ReplaceAllString(body[start:end], " "))
			want := words(urlRE.ReplaceAllString(cli, " "))
			if w, ok := subsequence(want, words(page)); !ok {
				t.Errorf("the page lacks the CLI's word %q (or has it out of order)\nCLI:\n%s\npage:\n%s", w, cli, page)
			}
		})
	}
}

// A fact's source with an address is a link to it.
func TestAskSourcesAreLinks(t *testing.T) {
	_, body := get(t, testPages(t), "/?question=status&party=GE&on=2009-08-18")
	if !strings.Contains(body, `<a href="https://www.kommersant.ru/doc/1718831">`) {
		t.Error("Georgia's withdrawal notice's source is not a link to kommersant.ru")
	}
}

func TestAskBadInput(t *testing.T) {
	p := testPages(t)
	tests := []struct {
		name, query string
		field       string
		closest     string // a closest ID the page names
	}{
		{"unknown treaty", "question=bound&treaty=cis-charter-1939&party=RU&on=1994-01-22", "treaty", "cis-charter-1993"},
		{"unknown party", "question=bound&treaty=cis-charter-1993&party=GX&on=1994-01-22", "party", "GE"},
		{"no close party", "question=bound&treaty=cis-charter-1993&party=QQQQQQ&on=1994-01-22", "party", "AM"},
		{"impossible date", "question=bound&treaty=cis-charter-1993&party=RU&on=2024-02-30", "on", ""},
		{"unknown question", "question=bund&treaty=cis-charter-1993&party=RU&on=1994-01-22", "question", ""},
		{"missing input", "question=bound&party=RU&on=1994-01-22", "treaty", ""},
		{"unknown article", "question=obliged&treaty=cst-1992&article=99&party=KZ&towards=BY&on=1995-01-01", "article", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, body := get(t, p, "/?"+tc.query)
			if code != http.StatusBadRequest {
				t.Fatalf("status %d; want 400", code)
			}
			if !strings.Contains(body, "Bad input: "+tc.field) {
				t.Errorf("the page does not name the field %q:\n%s", tc.field, errorSection(body))
			}
			if tc.closest != "" && !strings.Contains(errorSection(body), "<code>"+tc.closest+"</code></a>") {
				t.Errorf("the page does not name %q among the closest IDs:\n%s", tc.closest, errorSection(body))
			}
			if strings.Contains(body, `id="answer"`) {
				t.Error("a bad question shows an answer")
			}
			if strings.Contains(body, "goroutine") || strings.Contains(body, ".go:") {
				t.Error("the page shows a stack trace")
			}
		})
	}
	if code, body := get(t, p, "/?question=bound&treaty=cis-charter-1939&party=RU&on=1994-01-22"); code == http.StatusBadRequest {
		// The form keeps what was typed, so that it can be corrected, and
		// the closest ID asks again with it.
		if !strings.Contains(body, `value="cis-charter-1939"`) {
			t.Error("the form lost the mistyped treaty")
		}
		if !strings.Contains(body, `<a href="/?on=1994-01-22&amp;party=RU&amp;question=bound&amp;treaty=cis-charter-1993"><code>cis-charter-1993</code></a>`) {
			t.Errorf("the closest treaty does not ask again:\n%s", errorSection(body))
		}
	}
}

func errorSection(body string) string {
	i := strings.Index(body, `<section class="error"`)
	if i < 0 {
		return "(no error section)"
	}
	j := strings.Index(body[i:], "</section>")
	return body[i : i+j]
}

// A what-if through the form: Moldova's status on 1 Dec 2027 if its notice
// under Charter Art. 9 were received on 1 Dec 2026 — withdrawn, 12 months
// later (1 Dec 2027) — the assumed notice marked as such. The CLI's golden
// answer status-md-assumed-notice asks the same.
func TestAskWhatIf(t *testing.T) {
	p := testPages(t)
	code, body := get(t, p, "/?question=status&party=MD&on=2027-12-01&assume="+url.QueryEscape("MD:withdrawal-notice:2026-12-01:cis-charter-1993"))
	if code != http.StatusOK {
		t.Fatalf("status %d:\n%s", code, errorSection(body))
	}
	for _, want := range []string{
		`data-answer="withdrawn"`,
		"Assumed (what if; not in the record): 2026-12-01 MD withdrawal-notice (cis-charter-1993)",
		`<span class="assumed">[assumed]</span>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the what-if answer lacks %q", want)
		}
	}
	code, body = get(t, p, "/?question=status&party=MD&on=2027-12-01&assume="+url.QueryEscape("MD:withdrawl-notice:2026-12-01:cis-charter-1993"))
	if code != http.StatusBadRequest || !strings.Contains(body, "Bad input: assume") || !strings.Contains(errorSection(body), "withdrawal-notice") {
		t.Errorf("a misspelt event: status %d, error %s; want 400 about assume naming withdrawal-notice", code, errorSection(body))
	}
}

// -on defaults to today in the CLI; so does the form.
func TestAskOnDefaultsToToday(t *testing.T) {
	code, body := get(t, testPages(t), "/?question=bound&treaty=cis-charter-1993&party=GE&on=")
	if code != http.StatusOK || !strings.Contains(body, "GE is not bound by cis-charter-1993 on 2026-11-27") {
		t.Errorf("status %d; want the answer on the clock's day, 2026-11-27", code)
	}
}

func TestAskFormWithoutQuestion(t *testing.T) {
	code, body := get(t, testPages(t), "/")
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	for _, s := range rules.Questions() {
		if !strings.Contains(body, `<option value="`+string(s.Kind)+`"`) {
			t.Errorf("the form does not offer %s", s.Kind)
		}
	}
	for _, name := range rules.InputNames() {
		if !strings.Contains(body, `name="`+name+`"`) {
			t.Errorf("the form has no input %s", name)
		}
	}
	// Offline: nothing is fetched from another host.
	for _, bad := range []string{`src="http`, `href="//`, `@import`, `<link rel="stylesheet"`} {
		if strings.Contains(body, bad) {
			t.Errorf("the page loads something from elsewhere: %q", bad)
		}
	}
}

func TestTimelinePage(t *testing.T) {
	p := testPages(t)
	code, body := get(t, p, "/timeline?party=ge")
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	for _, want := range []string{
		`<svg xmlns="http://www.w3.org/2000/svg"`,
		`data-from="1994-04-19" data-to="2009-08-17" data-end="2009-08-18"`,
		// Each bar links to its explanation.
		`<a href="/?on=2009-08-18&amp;party=GE&amp;question=bound&amp;treaty=cis-charter-1993">`,
		// The same in words.
		`bound from 1994-04-19 to 2009-08-17`,
		`withdrawn from 2009-08-18 on`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the timeline page lacks %q", want)
		}
	}
	code, body = get(t, p, "/timeline?party=GX")
	if code != http.StatusBadRequest || !strings.Contains(errorSection(body), `<a href="/timeline?party=GE"><code>GE</code></a>`) {
		t.Errorf("unknown party: status %d, error %s; want 400 naming GE", code, errorSection(body))
	}
}

func TestTimelineSVGIsTheCLIs(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("..", "chart", "testdata", "timeline-GE.svg"))
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	testPages(t).Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/timeline.svg?party=GE", nil))
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "image/svg+xml" || rec.Body.String() != string(want) {
		t.Errorf("status %d, type %q, %d bytes; want 200, image/svg+xml, the golden SVG", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len())
	}
}

func TestMatrixPage(t *testing.T) {
	p := testPages(t)
	code, body := get(t, p, "/matrix?on=2010-01-01")
	if code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	// Georgia left the Charter on 18 Aug 2009; Russia has been bound since
	// 22 Jan 1994.
	for _, want := range []string{
		`<td class="no" data-treaty="cis-charter-1993" data-party="GE" data-value="false"><a href="/?on=2010-01-01&amp;party=GE&amp;question=bound&amp;treaty=cis-charter-1993"`,
		`<td class="yes" data-treaty="cis-charter-1993" data-party="RU" data-value="true">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the matrix lacks %q", want)
		}
	}
	code, body = get(t, p, "/matrix?on=2010-02-30")
	if code != http.StatusBadRequest || !strings.Contains(body, "Bad input: on") {
		t.Errorf("impossible date: status %d; want 400 naming on", code)
	}
	if code, body := get(t, p, "/matrix"); code != http.StatusOK || !strings.Contains(body, `data-day="2026-11-27"`) {
		t.Errorf("no date: status %d; want the matrix on the clock's day", code)
	}
}

// The explanation links of the drawings lead to answers the page gives.
func TestExplainHrefAnswers(t *testing.T) {
	p := testPages(t)
	q := rules.Question{Kind: rules.QuestionBound, Treaty: "cis-charter-1993", Party: "GE", On: cistreaty.MustParseDate("2009-08-18")}
	href := explainHref(q)
	u, err := url.Parse(href)
	if err != nil {
		t.Fatal(err)
	}
	code, body := get(t, p, u.String())
	if code != http.StatusOK || !strings.Contains(body, "GE is not bound by cis-charter-1993 on 2009-08-18") {
		t.Errorf("%s: status %d; want Georgia's answer", href, code)
	}
}

// Odd input is bad input: a 400 page or an answer, never a failure of the
// server, and never the input back unescaped.
func TestPagesOddInput(t *testing.T) {
	p := testPages(t)
	long := strings.Repeat("x", 5000)
	for _, target := range []string{
		"/?question=" + long,
		"/?question=bound&treaty=" + long + "&party=RU&on=1994-01-22",
		"/?question=bound&treaty=cis-charter-1993&party=%3Cscript%3Ealert(1)%3C/script%3E&on=1994-01-22",
		"/?question=bound&treaty=cis-charter-1993&party=RU&on=%00",
		"/?question=bound&treaty=cis-charter-1993&party=RU&on=1994-01-22T00:00:00Z",
		"/?question=bound&treaty=cis-charter-1993&party=RU&on=+1994-01-22",
		"/?question=withdrawal&treaty=cis-charter-1993&party=MD&notice=2026-04-15&effective=2020-01-01",
		"/?question=status&party=RU&on=1994-01-22&org=nato",
		"/?question=bound&treaty=cis-charter-1993&party=RU&on=1994-01-22&assume=" + url.QueryEscape(strings.Repeat("RU:deposit:1993-01-01\n", 150)),
		"/?question=bound&treaty=cis-charter-1993&party=RU&on=1994-01-22&assume=%3Cb%3E",
		"/timeline?party=" + long,
		"/timeline?party=%3Cscript%3E",
		"/timeline.svg?party=",
		"/timeline.svg?party=XX",
		"/matrix?on=99999-01-01",
		"/matrix?on=%3Cscript%3E",
	} {
		rec := httptest.NewRecorder()
		p.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
		short := target
		if len(short) > 80 {
			short = short[:80] + "…"
		}
		if rec.Code != http.StatusOK && rec.Code != http.StatusBadRequest {
			t.Errorf("%s: status %d; want 200 or 400", short, rec.Code)
		}
		if strings.Contains(rec.Body.String(), "<script>alert") || strings.Contains(rec.Body.String(), "<b>") {
			t.Errorf("%s: the input is on the page unescaped", short)
		}
	}
}
