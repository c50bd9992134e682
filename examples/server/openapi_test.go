package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// openAPISchemas compiles the schema of every response the service's own
// OpenAPI document describes, keyed "METHOD PATH STATUS", from the document
// as GET /v1/openapi.json serves it.
func openAPISchemas(t *testing.T, base string) (map[string]*jsonschema.Schema, map[string]any) {
	t.Helper()
	r := do(t, "GET", base+"/v1/openapi.json", "")
	if r.status != 200 {
		t.Fatalf("openapi.json: status %d", r.status)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	m := doc.(map[string]any)
	if m["openapi"] != "3.1.0" {
		t.Errorf("openapi: %v; want 3.1.0", m["openapi"])
	}
	const loc = "https://pacta.invalid/openapi.json"
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(loc, doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]*jsonschema.Schema{}
	for path, item := range m["paths"].(map[string]any) {
		for method, op := range item.(map[string]any) {
			for status, resp := range op.(map[string]any)["responses"].(map[string]any) {
				content, ok := resp.(map[string]any)["content"].(map[string]any)
				if !ok {
					continue
				}
				ptr := fmt.Sprintf("#/paths/%s/%s/responses/%s/content/application~1json/schema",
					strings.ReplaceAll(strings.ReplaceAll(path, "~", "~0"), "/", "~1"), method, status)
				if _, ok := content["application/json"]; !ok {
					continue
				}
				s, err := c.Compile(loc + ptr)
				if err != nil {
					t.Fatalf("%s %s %s: %v", method, path, status, err)
				}
				out[strings.ToUpper(method)+" "+path+" "+status] = s
			}
		}
	}
	return out, m
}

// Every endpoint's real responses — answers, lists, reports, errors — fit
// the OpenAPI document, and every response it describes with a body is
// exercised.
func TestResponsesFitOpenAPI(t *testing.T) {
	base := startServer(t)
	schemas, _ := openAPISchemas(t, base)
	caseFile := "cases:\n  - name: RU on the day\n    question: bound\n    treaty: cis-charter-1993\n    party: RU\n    on: 1994-01-22\n    expect: {answer: true}\n"
	requests := []struct{ method, url, body string }{
		{"GET", "/v1/bound?treaty=cis-charter-1993&party=RU&on=1994-01-22", ""},
		{"GET", "/v1/bound?treaty=fta-2011&party=RU&towards=UA&on=2016-01-01", ""},
		{"GET", "/v1/bound?treaty=cis-charter-1993&party=MD&on=2027-12-01&assume=MD:withdrawal-notice:2026-12-01", ""},
		{"GET", "/v1/bound?treaty=cis-charter-1992&party=RU", ""},
		{"GET", "/v1/eif?treaty=cis-charter-1993", ""},
		{"GET", "/v1/eif?treaty=vclt-1969&party=MD", ""},
		{"GET", "/v1/eif?treaty=fta-2011&party=XX", ""},
		{"GET", "/v1/withdrawal?treaty=cis-charter-1993&party=MD&notice=2026-12-01", ""},
		{"GET", "/v1/withdrawal?treaty=cis-charter-1993&party=MD", ""},
		{"GET", "/v1/vclt?treaty=cis-agreement-1991&party=BY&towards=UA", ""},
		{"GET", "/v1/vclt?treaty=cis-agreement-1991&party=BY&towards=BY", ""},
		{"GET", "/v1/status?party=GE&on=2009-08-18", ""},
		{"GET", "/v1/status?party=MD&on=2027-06-01", ""},
		{"GET", "/v1/status?party=GE&org=nato", ""},
		{"GET", "/v1/obliged?treaty=cst-1992&article=4&party=KZ&towards=BY&on=1995-01-01", ""},
		{"GET", "/v1/obliged?treaty=cst-1992&article=44&party=KZ&towards=BY&on=1995-01-01", ""},
		{"GET", "/v1/treaties", ""},
		{"GET", "/v1/treaties?json=1", ""},
		{"GET", "/v1/parties", ""},
		{"GET", "/v1/parties?x=1", ""},
		{"POST", "/v1/ask", `{"question":"status","inputs":{"party":"MD","on":"2027-12-01"},"assume":["MD:withdrawal-notice:2026-12-01:cis-charter-1993"]}`},
		{"POST", "/v1/ask", `{"question":"bond"}`},
		{"POST", "/v1/ask", `{"question":"` + strings.Repeat("x", maxBody) + `"}`},
		{"POST", "/v1/test", caseFile},
		{"POST", "/v1/test", "cases: 3\n"},
		{"POST", "/v1/test", strings.Repeat("#", maxBody+1)},
		{"GET", "/v1/openapi.json", ""},
		{"GET", "/healthz", ""},
	}
	seen := map[string]bool{}
	for _, rq := range requests {
		r := do(t, rq.method, base+rq.url, rq.body)
		path, _, _ := strings.Cut(rq.url, "?")
		key := rq.method + " " + path + " " + strconv.Itoa(r.status)
		s, ok := schemas[key]
		if !ok {
			t.Errorf("%s %.80s: status %d, which the document does not describe", rq.method, rq.url, r.status)
			continue
		}
		seen[key] = true
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(r.body))
		if err != nil {
			t.Errorf("%s %.80s: body is not JSON: %v", rq.method, rq.url, err)
			continue
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s %.80s: the response does not fit the document:\n%v\nbody: %.500s", rq.method, rq.url, err, r.body)
		}
	}
	// 422 needs a failing rule (TestDeadlineIs422 checks it); every other
	// response with a body is exercised here.
	var missed []string
	for key := range schemas {
		if !seen[key] && !strings.HasSuffix(key, " 422") {
			missed = append(missed, key)
		}
	}
	slices.Sort(missed)
	if len(missed) > 0 {
		t.Errorf("responses the document describes and no request exercised: %s", strings.Join(missed, "; "))
	}
}

// The schema is not vacuous: an answer that breaks the contract fails it.
func TestOpenAPIRejectsBrokenAnswer(t *testing.T) {
	base := startServer(t)
	schemas, _ := openAPISchemas(t, base)
	r := do(t, "GET", base+"/v1/bound?treaty=cis-charter-1993&party=RU&on=1994-01-22", "")
	for name, mutate := range map[string]func(m map[string]any){
		"answer a number":   func(m map[string]any) { m["answer"] = 1 },
		"grade unknown":     func(m map[string]any) { m["grade"] = "X" },
		"an unknown field":  func(m map[string]any) { m["extra"] = true },
		"no because":        func(m map[string]any) { delete(m, "because") },
		"a date not a date": func(m map[string]any) { m["inputs"].(map[string]any)["on"] = "22 Jan 1994" },
	} {
		var m map[string]any
		if err := json.Unmarshal(r.body, &m); err != nil {
			t.Fatal(err)
		}
		mutate(m)
		b, _ := json.Marshal(m)
		v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err := schemas["GET /v1/bound "+strconv.Itoa(http.StatusOK)].Validate(v); err == nil {
			t.Errorf("%s: the broken answer fits the document", name)
		}
	}
}
