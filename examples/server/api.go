package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/ask"
	"github.com/pacta-law/pacta/internal/release"
	"github.com/pacta-law/pacta/rules"
	"github.com/pacta-law/pacta/rules/verify"
)

// question answers GET /v1/<question>: the CLI's flags as query parameters
// (assume repeatable), the CLI's -json answer as the body. With
// Accept: text/plain the body is the CLI's text answer instead.
func (s *server) question(spec rules.QuestionSpec) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		params, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			writeError(w, http.StatusBadRequest, "malformed query: "+oneLine(err.Error()), "", nil)
			return
		}
		if err := checkParams(spec, params); err != nil {
			fail(w, err)
			return
		}
		s.answer(w, r, spec, params.Get, params["assume"], true)
	}
}

// checkParams refuses a parameter the question does not take, and an input
// given twice.
func checkParams(spec rules.QuestionSpec, params url.Values) error {
	var names []string
	for _, in := range spec.Inputs {
		names = append(names, in.Name)
	}
	names = append(names, "assume")
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		switch {
		case !slices.Contains(names, k):
			closest := cistreaty.Closest(k, names, 3)
			return &ask.Error{Field: k, Closest: closest,
				Err: fmt.Errorf("%s question takes no parameter %q (it takes %s)", spec.Kind, clip(k), strings.Join(names, ", "))}
		case k != "assume" && len(params[k]) > 1:
			return &ask.Error{Field: k, Err: fmt.Errorf("parameter %q given %d times", k, len(params[k]))}
		}
	}
	return nil
}

// clip shortens an echoed input.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

// answer reads the question from get, adds the what-ifs, explains it and
// writes the answer (with an ETag where cacheable: no what-if).
func (s *server) answer(w http.ResponseWriter, r *http.Request, spec rules.QuestionSpec, get func(string) string, assume []string, cacheable bool) {
	start := time.Now()
	today := s.today()
	q, err := ask.Question(s.eng, spec, get, today)
	if err != nil {
		fail(w, err)
		return
	}
	assumed, err := ask.ParseAssumes(s.eng, assume, q.Treaty, ask.FromRequest)
	if err != nil {
		fail(w, err)
		return
	}
	if cacheable {
		day := ""
		for _, in := range spec.Inputs {
			if in.Today && get(in.Name) == "" {
				day = today.String()
			}
		}
		if notModified(w, r, s.etagFor(day)) {
			return
		}
	}
	a, err := ask.Explain(r.Context(), s.eng, q, assumed, ask.FromRequest)
	if err != nil {
		fail(w, s.late(err))
		return
	}
	v := a.Verdict
	s.log.Info("decision", "question", string(q.Kind), "inputs", inputsAttr(q), "assume", assume,
		"answer", v.Answer.String(), "reason", v.Reason, "determinate", v.Determinate, "grade", v.Grade.String(),
		"dataset", v.Dataset.Name+"@"+v.Dataset.Version, "duration_ms", float64(time.Since(start).Microseconds())/1000)
	if wantsText(r) {
		b := a.Text()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write(b)
		return
	}
	b, err := a.JSON()
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal error: "+err.Error(), "", nil)
		return
	}
	writeJSONBytes(w, http.StatusOK, b)
}

// late says so when err is the request's deadline passing.
func (s *server) late(err error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("no answer within the request's deadline of %s: %w", s.timeout, err)
	}
	return err
}

// inputsAttr is the question's inputs for the decision log.
func inputsAttr(q rules.Question) map[string]string {
	m := map[string]string{}
	for _, n := range rules.InputNames() {
		if v := q.Get(n); v != "" {
			m[n] = v
		}
	}
	return m
}

// wantsText reports a client that asks for the CLI's text answer.
func wantsText(r *http.Request) bool {
	a := r.Header.Get("Accept")
	return strings.Contains(a, "text/plain") && !strings.Contains(a, "application/json")
}

// askRequest is the body of POST /v1/ask.
type askRequest struct {
	Question string            `json:"question"`
	Inputs   map[string]string `json:"inputs"`
	// Assume lists what-if events, each either the CLI's
	// "PARTY:EVENT:DATE[:TREATY]" or an object with those fields.
	Assume []json.RawMessage `json:"assume"`
}

// assumedEvent is a what-if event written as an object.
type assumedEvent struct {
	Party  string `json:"party"`
	Event  string `json:"event"`
	Date   string `json:"date"`
	Treaty string `json:"treaty,omitempty"`
}

// ask answers POST /v1/ask {question, inputs, assume}: any question, with
// what-if events.
func (s *server) ask(w http.ResponseWriter, r *http.Request) {
	var req askRequest
	if err := decodeBody(w, r, &req); err != nil {
		fail(w, err)
		return
	}
	spec, ok := rules.QuestionFor(rules.QuestionKind(req.Question))
	if !ok {
		kinds := rules.QuestionKinds()
		msg := fmt.Sprintf("unknown question %q (want one of %s)", clip(req.Question), strings.Join(kinds, ", "))
		if req.Question == "" {
			msg = "question is required (one of " + strings.Join(kinds, ", ") + ")"
		}
		writeError(w, http.StatusBadRequest, msg, "question", cistreaty.Closest(req.Question, kinds, 3))
		return
	}
	if _, ok := req.Inputs["assume"]; ok {
		writeError(w, http.StatusBadRequest, `what-if events go in "assume", beside "inputs"`, "inputs.assume", nil)
		return
	}
	params := url.Values{}
	for k, v := range req.Inputs {
		params.Set(k, v)
	}
	if err := checkParams(spec, params); err != nil {
		var ae *ask.Error
		if errors.As(err, &ae) {
			ae.Field = "inputs." + ae.Field
		}
		fail(w, err)
		return
	}
	assume := make([]string, 0, len(req.Assume))
	for i, raw := range req.Assume {
		var str string
		if err := json.Unmarshal(raw, &str); err == nil {
			assume = append(assume, str)
			continue
		}
		var ev assumedEvent
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&ev); err != nil {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("assume[%d]: want \"PARTY:EVENT:DATE[:TREATY]\" or {party, event, date, treaty}: %s", i, oneLine(err.Error())), "assume", nil)
			return
		}
		str = ev.Party + ":" + ev.Event + ":" + ev.Date
		if ev.Treaty != "" {
			str += ":" + ev.Treaty
		}
		assume = append(assume, str)
	}
	s.answer(w, r, spec, func(n string) string { return req.Inputs[n] }, assume, false)
}

// decodeBody reads a JSON body of at most maxBody bytes, refusing unknown
// fields and trailing data.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return fmt.Errorf("request body larger than %d bytes: %w", maxBody, err)
		}
		field := ""
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			field = te.Field
		} else if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			field = strings.Trim(f, `"`)
		}
		return &ask.Error{Field: field, Err: fmt.Errorf("malformed request body: %w", err)}
	}
	if dec.More() {
		return &ask.Error{Err: errors.New("malformed request body: more than one JSON value")}
	}
	return nil
}

// testReport is the body of POST /v1/test: each case's outcome, the rules
// no case exercised, and the report `cis test` prints.
type testReport struct {
	Passed    int          `json:"passed"`
	Failed    int          `json:"failed"`
	Cases     []testResult `json:"cases"`
	Uncovered []string     `json:"uncovered"`
	Report    string       `json:"report"`
}

type testResult struct {
	Name   string   `json:"name"`
	Line   int      `json:"line,omitempty"`
	Passed bool     `json:"passed"`
	Want   string   `json:"want"`
	Got    string   `json:"got"`
	Diff   string   `json:"diff,omitempty"`
	Rules  []string `json:"rules"`
}

// test runs POST /v1/test: the body is one case file (YAML, rules/verify);
// the answer is its report. A file with problems is 400, each problem in the
// message; a case the engine cannot answer is a failed case, not an error.
// The request's deadline covers loading the file (building its overlay's
// engine) as well as running its cases: past it, the answer is 422.
func (s *server) test(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		fail(w, fmt.Errorf("request body larger than %d bytes: %w", maxBody, err))
		return
	}
	f, err := verify.LoadContext(r.Context(), "request.yaml", data)
	if err != nil {
		if ask.IsRuleFailure(err) {
			// The deadline passed while the file's engine was built.
			fail(w, s.late(err))
			return
		}
		var ps verify.Problems
		field := ""
		if errors.As(err, &ps) && len(ps) > 0 {
			field = ps[0].Field
		}
		writeError(w, http.StatusBadRequest, oneLine(err.Error()), field, nil)
		return
	}
	results, err := f.Run(r.Context())
	if err != nil {
		fail(w, s.late(err))
		return
	}
	files := []*verify.File{f}
	rep := testReport{Cases: []testResult{}, Uncovered: verify.Coverage(files, results)}
	if rep.Uncovered == nil {
		rep.Uncovered = []string{}
	}
	for _, res := range results {
		if res.Passed {
			rep.Passed++
		} else {
			rep.Failed++
		}
		rules := res.Rules
		if rules == nil {
			rules = []string{}
		}
		rep.Cases = append(rep.Cases, testResult{Name: res.Name, Line: res.Pos.Line, Passed: res.Passed,
			Want: res.Want, Got: res.Got, Diff: res.Diff, Rules: rules})
	}
	var b strings.Builder
	if err := verify.Report(&b, files, results); err != nil {
		fail(w, err)
		return
	}
	rep.Report = b.String()
	writeJSONValue(w, http.StatusOK, rep)
}

func (s *server) treaties(w http.ResponseWriter, r *http.Request) {
	if !s.noParams(w, r) || notModified(w, r, s.etagFor("")) {
		return
	}
	writeJSONValue(w, http.StatusOK, ask.Treaties(s.eng))
}

func (s *server) parties(w http.ResponseWriter, r *http.Request) {
	if !s.noParams(w, r) || notModified(w, r, s.etagFor("")) {
		return
	}
	writeJSONValue(w, http.StatusOK, ask.Parties(s.eng))
}

// noParams refuses query parameters where an endpoint takes none.
func (s *server) noParams(w http.ResponseWriter, r *http.Request) bool {
	for k := range r.URL.Query() {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("%s takes no parameter %q", r.URL.Path, clip(k)), k, nil)
		return false
	}
	return true
}

// health is the body of GET /healthz.
type health struct {
	Status  string            `json:"status"`
	Version string            `json:"version"`
	Dataset rules.DatasetInfo `json:"dataset"`
}

func (s *server) healthz(w http.ResponseWriter, r *http.Request) {
	ds := s.eng.Dataset()
	writeJSONValue(w, http.StatusOK, health{Status: "ok", Version: release.Version,
		Dataset: rules.DatasetInfo{Name: ds.Name(), Version: ds.Version(), RecordAsOf: ds.RecordAsOf()}})
}
