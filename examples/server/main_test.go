package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/pacta-law/pacta/internal/ask"
	"github.com/pacta-law/pacta/internal/release"
	"github.com/pacta-law/pacta/rules"
)

// testEngine is the engine over the embedded dataset, built once.
var testEngine = sync.OnceValues(func() (*rules.Engine, error) {
	return ask.NewEngine(context.Background(), "")
})

// fixedNow is the day the tests ask about when they leave "on" out.
func fixedNow() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) }

// startServer serves on a real listener on 127.0.0.1 until the test ends
// and returns its base URL. Each request's deadline is far beyond what any
// answer takes, so that no test depends on the machine's speed:
// TestDeadlineIs422 checks what a passed deadline does.
func startServer(t testing.TB) string {
	t.Helper()
	return startServerWith(t, 10*time.Minute)
}

func startServerWith(t testing.TB, timeout time.Duration) string {
	t.Helper()
	eng, err := testEngine()
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, ln, newServer(eng, discard(), timeout, fixedNow)) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// response is what a request got.
type response struct {
	status int
	header http.Header
	body   []byte
}

func do(t testing.TB, method, url, body string, header ...string) response {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, b}
}

// The README's question: the service's answer is, byte for byte, what
// `cis bound -treaty cis-charter-1993 -party RU -on 1994-01-22 -json`
// prints (the CLI's golden file, which the cis tests check against the
// command).
func TestBoundIsTheCLIAnswer(t *testing.T) {
	base := startServer(t)
	want, err := os.ReadFile(filepath.Join("..", "cis", "testdata", "golden", "bound-charter-ru-1994-01-22.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, url := range []string{
		"/v1/bound?treaty=cis-charter-1993&party=RU&on=1994-01-22",
		"/v1/bound?party=ru&on=1994-01-22&treaty=cis-charter-1993",
	} {
		r := do(t, "GET", base+url, "")
		if r.status != http.StatusOK || r.header.Get("Content-Type") != "application/json" {
			t.Errorf("%s: status %d, content type %q", url, r.status, r.header.Get("Content-Type"))
		}
		if !bytes.Equal(want, r.body) {
			t.Errorf("%s: (-cli +server):\n%s", url, cmp.Diff(string(want), string(r.body)))
		}
	}
	// POST /v1/ask gives the same answer to the same question.
	r := do(t, "POST", base+"/v1/ask", `{"question":"bound","inputs":{"treaty":"cis-charter-1993","party":"RU","on":"1994-01-22"}}`)
	if !bytes.Equal(want, r.body) {
		t.Errorf("ask: (-cli +server):\n%s", cmp.Diff(string(want), string(r.body)))
	}
	// With Accept: text/plain, the CLI's text answer.
	wantText, err := os.ReadFile(filepath.Join("..", "cis", "testdata", "golden", "bound-charter-ru-1994-01-22.txt"))
	if err != nil {
		t.Fatal(err)
	}
	r = do(t, "GET", base+"/v1/bound?treaty=cis-charter-1993&party=RU&on=1994-01-22", "", "Accept", "text/plain")
	if !bytes.Equal(wantText, r.body) {
		t.Errorf("text: (-cli +server):\n%s", cmp.Diff(string(wantText), string(r.body)))
	}
}

// Every CLI golden answer without a what-if is the service's answer to the
// same question.
func TestEveryQuestionIsTheCLIAnswer(t *testing.T) {
	base := startServer(t)
	tests := []struct{ golden, url string }{
		{"bound-fta-2011-ru-ua-2016.json", "/v1/bound?treaty=fta-2011&party=RU&towards=UA&on=2016-01-01"},
		{"eif-vclt-md.json", "/v1/eif?treaty=vclt-1969&party=MD"},
		{"obliged-cst-art-4-kz-by.json", "/v1/obliged?treaty=cst-1992&article=4&party=KZ&towards=BY&on=1995-01-01"},
		{"status-ge-2009-08-18.json", "/v1/status?party=GE&on=2009-08-18"},
		{"vclt-alma-ata-ru-kz.json", "/v1/vclt?treaty=alma-ata-protocol-1991&party=RU&towards=KZ"},
		{"treaties.json", "/v1/treaties"},
		{"parties.json", "/v1/parties"},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("..", "cis", "testdata", "golden", tt.golden))
			if err != nil {
				t.Fatal(err)
			}
			r := do(t, "GET", base+tt.url, "")
			if r.status != http.StatusOK || !bytes.Equal(want, r.body) {
				t.Errorf("status %d (-cli +server):\n%s", r.status, cmp.Diff(string(want), string(r.body)))
			}
		})
	}
}

func TestErrors(t *testing.T) {
	base := startServer(t)
	tests := []struct {
		name, method, url, body string
		status                  int
		want                    apiError
	}{
		{"unknown treaty", "GET", "/v1/bound?treaty=cis-charter-1992&party=RU&on=2000-01-01", "", 400,
			apiError{Field: "treaty", Closest: []string{"cis-charter-1993", "cst-1992"}}},
		{"unknown parameter", "GET", "/v1/bound?treaty=cis-charter-1993&party=RU&onn=2000-01-01", "", 400,
			apiError{Field: "onn", Closest: []string{"on"}}},
		{"missing input", "GET", "/v1/withdrawal?treaty=cis-charter-1993&party=MD", "", 400, apiError{Field: "notice"}},
		{"impossible date", "GET", "/v1/bound?treaty=cis-charter-1993&party=RU&on=2024-02-30", "", 400, apiError{Field: "on"}},
		{"input twice", "GET", "/v1/bound?treaty=cis-charter-1993&party=RU&party=KZ", "", 400, apiError{Field: "party"}},
		{"same party", "GET", "/v1/vclt?treaty=cis-charter-1993&party=RU&towards=ru", "", 400, apiError{Field: "towards"}},
		{"malformed assume", "GET", "/v1/status?party=MD&on=2027-01-01&assume=MD:withdrawl-notice:2026-12-01:cis-charter-1993", "", 400,
			apiError{Field: "assume", Closest: []string{"withdrawal-notice", "withdrawal"}}},
		{"unknown path", "GET", "/v2/bound", "", 404, apiError{}},
		{"wrong method", "POST", "/v1/bound?treaty=cis-charter-1993", "", 405, apiError{}},
		{"ask: assume among the inputs", "POST", "/v1/ask", `{"question":"bound","inputs":{"assume":"MD:withdrawal-notice:2026-12-01"}}`, 400, apiError{Field: "inputs.assume"}},
		{"ask: unknown question", "POST", "/v1/ask", `{"question":"bond"}`, 400, apiError{Field: "question", Closest: []string{"bound"}}},
		{"ask: unknown field", "POST", "/v1/ask", `{"question":"bound","input":{}}`, 400, apiError{Field: "input"}},
		{"ask: unknown input", "POST", "/v1/ask", `{"question":"eif","inputs":{"treaty":"fta-2011","on":"2000-01-01"}}`, 400, apiError{Field: "inputs.on"}},
		{"ask: not JSON", "POST", "/v1/ask", `question=bound`, 400, apiError{}},
		{"ask: too large", "POST", "/v1/ask", `{"question":"` + strings.Repeat("x", maxBody) + `"}`, 413, apiError{}},
		{"test: problems", "POST", "/v1/test", "cases: 3\n", 400, apiError{Field: "cases"}},
		{"list: parameter", "GET", "/v1/treaties?x=1", "", 400, apiError{Field: "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, tt.method, base+tt.url, tt.body)
			var got apiError
			if err := json.Unmarshal(r.body, &got); err != nil {
				t.Fatalf("status %d, body %q: %v", r.status, r.body, err)
			}
			if r.status != tt.status || got.Error == "" || strings.Contains(string(r.body), "goroutine") {
				t.Errorf("status %d, body %s; want %d and an error message", r.status, r.body, tt.status)
			}
			got.Error = ""
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("error (-want +got):\n%s", diff)
			}
		})
	}
}

// A rule that fails at run time is 422: a deadline that has passed stops
// the answer.
func TestDeadlineIs422(t *testing.T) {
	eng, err := testEngine()
	if err != nil {
		t.Fatal(err)
	}
	s := newServer(eng, discard(), time.Nanosecond, fixedNow)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go serve(ctx, ln, s)
	r := do(t, "GET", "http://"+ln.Addr().String()+"/v1/bound?treaty=cis-charter-1993&party=RU&on=1994-01-22", "")
	if r.status != http.StatusUnprocessableEntity || !strings.Contains(string(r.body), "deadline") {
		t.Errorf("status %d, body %s; want 422 naming the deadline", r.status, r.body)
	}
}

func TestHealthz(t *testing.T) {
	base := startServer(t)
	r := do(t, "GET", base+"/healthz", "")
	want := `{"status":"ok","version":"` + release.Version + `","dataset":{"name":"cis","version":"`
	if r.status != 200 || !strings.HasPrefix(string(r.body), want) {
		t.Errorf("status %d, body %s; want 200, %s…", r.status, r.body, want)
	}
}

// The ETag comes from the versions (and the day, where "on" was left out);
// a client that has it gets 304.
func TestETag(t *testing.T) {
	base := startServer(t)
	eng, _ := testEngine()
	ds := eng.Dataset()
	tag := `"` + release.Version + "/" + ds.Name() + "@" + ds.Version() + `"`
	tests := []struct{ url, etag string }{
		{"/v1/bound?treaty=cis-charter-1993&party=RU&on=1994-01-22", tag},
		{"/v1/treaties", tag},
		{"/v1/status?party=GE", strings.TrimSuffix(tag, `"`) + `/2026-12-01"`},
	}
	for _, tt := range tests {
		r := do(t, "GET", base+tt.url, "")
		if r.status != 200 || r.header.Get("ETag") != tt.etag {
			t.Errorf("%s: status %d, ETag %q; want 200, %q", tt.url, r.status, r.header.Get("ETag"), tt.etag)
		}
		r = do(t, "GET", base+tt.url, "", "If-None-Match", tt.etag)
		if r.status != http.StatusNotModified || len(r.body) != 0 {
			t.Errorf("%s with If-None-Match: status %d, body %q; want 304 and none", tt.url, r.status, r.body)
		}
		r = do(t, "GET", base+tt.url, "", "If-None-Match", `"v0.0.0/other"`)
		if r.status != 200 {
			t.Errorf("%s with another ETag: status %d; want 200", tt.url, r.status)
		}
	}
}

// A what-if over the API: Moldova's notice of 1 Dec 2026 takes effect
// twelve months later (Charter Art. 9), so on 2027-12-01 it has withdrawn.
func TestAskWhatIf(t *testing.T) {
	base := startServer(t)
	for _, body := range []string{
		`{"question":"bound","inputs":{"treaty":"cis-charter-1993","party":"MD","on":"2027-12-01"},"assume":["MD:withdrawal-notice:2026-12-01"]}`,
		`{"question":"bound","inputs":{"treaty":"cis-charter-1993","party":"MD","on":"2027-12-01"},"assume":[{"party":"MD","event":"withdrawal-notice","date":"2026-12-01","treaty":"cis-charter-1993"}]}`,
	} {
		r := do(t, "POST", base+"/v1/ask", body)
		var got struct {
			Answer *bool `json:"answer"`
		}
		if err := json.Unmarshal(r.body, &got); err != nil || r.status != 200 || got.Answer == nil || *got.Answer {
			t.Errorf("%s: status %d, body %.300s; want false", body, r.status, r.body)
		}
		if !strings.Contains(string(r.body), `"source":"assumed in the request (assume)","grade":"U","assumed":true`) {
			t.Errorf("%s: the assumed fact is not marked: %.2000s", body, r.body)
		}
	}
}

// POST /v1/test runs a case file and reports it as `cis test` does.
func TestCaseFile(t *testing.T) {
	base := startServer(t)
	body := `cases:
  - name: RU bound by the Charter on the day it entered into force
    why: Charter Art. 41; RU's deposit of 20 Jul 1993
    question: bound
    treaty: cis-charter-1993
    party: RU
    on: 1994-01-22
    expect: {answer: true}
  - name: a wrong expectation fails
    question: bound
    treaty: cis-charter-1993
    party: RU
    on: 1994-01-21
    expect: {answer: true}
`
	r := do(t, "POST", base+"/v1/test", body)
	var got testReport
	if err := json.Unmarshal(r.body, &got); err != nil || r.status != 200 {
		t.Fatalf("status %d, body %s: %v", r.status, r.body, err)
	}
	if got.Passed != 1 || got.Failed != 1 || len(got.Cases) != 2 || !strings.HasSuffix(got.Report, "1 passed, 1 failed\n") {
		t.Errorf("report %+v; want 1 passed, 1 failed", got)
	}
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }

// The README's curl is the question TestBoundIsTheCLIAnswer asks.
func TestReadmeShowsTheService(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"go run ./examples/server &",
		"curl -s 'localhost:8080/v1/bound?treaty=cis-charter-1993&party=RU&on=1994-01-22'",
	} {
		if !bytes.Contains(readme, []byte(want)) {
			t.Errorf("README.md does not show %s", want)
		}
	}
}

// A panic below the mux is a JSON 500 that says nothing of the panic: no
// stack trace, no value.
func TestPanicIs500(t *testing.T) {
	eng, err := testEngine()
	if err != nil {
		t.Fatal(err)
	}
	s := newServer(eng, discard(), time.Second, fixedNow)
	h := s.wrap(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom\nsecret") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/v1/bound", nil))
	var got apiError
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || rec.Code != 500 || got.Error != "internal error" {
		t.Errorf("status %d, body %q; want 500 and {\"error\":\"internal error\"}", rec.Code, rec.Body)
	}
}

// The request's deadline covers loading a case file, not only running its
// cases: past the deadline, POST /v1/test is 422 naming the deadline, even
// for a file whose overlay has a rule that does not compile (which, loaded,
// would be a 400): its engine is not built.
func TestCaseFileDeadlineCoversLoading(t *testing.T) {
	eng, err := testEngine()
	if err != nil {
		t.Fatal(err)
	}
	const body = `base: cis
overlay:
  treaties:
    - {id: t-mine, title: Mine, concluded: 2020-01-01, participation: complete, source: {cite: made up, grade: P},
       clauses: {entry_into_force: {rule: t-mine/eif}}}
  rules:
    - {id: t-mine/eif, expr: "optional.of(date('2020-01-01').addDayz(1))"}
cases:
  - {name: x, question: eif, treaty: t-mine, expect: {answer: null, reason: unknown}}
`
	s := newServer(eng, discard(), time.Minute, fixedNow)
	post := func(ctx context.Context) (int, apiError) {
		rec := httptest.NewRecorder()
		s.handler().ServeHTTP(rec, httptest.NewRequest("POST", "/v1/test", strings.NewReader(body)).WithContext(ctx))
		var got apiError
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
			t.Fatalf("status %d, body %q: %v", rec.Code, rec.Body, err)
		}
		return rec.Code, got
	}
	// Within the deadline the compile error is the answer.
	if code, got := post(context.Background()); code != http.StatusBadRequest || !strings.Contains(got.Error, "addDayz") {
		t.Fatalf("status %d, %+v; want 400 naming addDayz", code, got)
	}
	// A deadline that has passed: the request's context ends before the
	// handler runs (the server's own deadline cannot extend it).
	expired, cancel := context.WithDeadline(context.Background(), time.Unix(0, 0))
	defer cancel()
	code, got := post(expired)
	if code != http.StatusUnprocessableEntity || !strings.Contains(got.Error, "deadline") ||
		strings.Contains(got.Error, "addDayz") || got.Field != "" || got.Closest != nil {
		t.Errorf("status %d, %+v; want 422 naming the deadline, no field", code, got)
	}
}
