package main

import (
	_ "embed"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/pacta-law/pacta/internal/release"
	"github.com/pacta-law/pacta/rules"
)

// answerSchema is testdata/schema/answer.schema.json, the single source of
// the answer's schema, copied here by go generate so that the service
// carries it when installed with go install (go:embed cannot reach ../..);
// TestAnswerSchemaCopy keeps the copy identical.
//
//go:generate cp ../../testdata/schema/answer.schema.json answer.schema.json
//go:embed answer.schema.json
var answerSchema []byte

// openAPI serves GET /v1/openapi.json.
func (s *server) openAPI(w http.ResponseWriter, r *http.Request) {
	if notModified(w, r, s.etagFor("")) {
		return
	}
	writeJSONValue(w, http.StatusOK, openAPIDoc())
}

// obj is a JSON object of the document.
type obj = map[string]any

// openAPIDoc is the OpenAPI 3.1 description of the API, built from the
// question table (rules.Questions) and the answer's schema.
func openAPIDoc() obj {
	ref := func(name string) obj { return obj{"$ref": "#/components/schemas/" + name} }
	content := func(schema obj) obj { return obj{"application/json": obj{"schema": schema}} }
	resp := func(desc string, schema obj) obj { return obj{"description": desc, "content": content(schema)} }
	errResp := func(desc string) obj { return resp(desc, ref("Error")) }
	etag := obj{"ETag": obj{"description": "The module version and the dataset's name and version (and the day, where the answer depends on today's date).", "schema": obj{"type": "string"}}}
	notModified := obj{"description": "The client's copy (If-None-Match) is current.", "headers": etag}

	paths := obj{}
	for _, spec := range rules.Questions() {
		var params []obj
		for _, in := range spec.Inputs {
			schema := obj{"type": "string"}
			if in.Type == rules.InputDate {
				schema["format"] = "date"
			}
			if in.Default != "" {
				schema["default"] = in.Default
			}
			desc := strings.ReplaceAll(in.Doc, "`", "")
			params = append(params, obj{"name": in.Name, "in": "query", "description": desc,
				"required": in.Required && in.Default == "" && !in.Today, "schema": schema})
		}
		params = append(params, obj{"name": "assume", "in": "query", "explode": true,
			"description": "a what-if event PARTY:EVENT:DATE[:TREATY] (repeatable; TREATY defaults to treaty)",
			"schema":      obj{"type": "array", "items": obj{"type": "string"}}})
		ok := resp("The answer, exactly as `cis "+string(spec.Kind)+" -json` prints it.", ref("Answer"))
		ok["headers"] = etag
		ok["content"].(obj)["text/plain"] = obj{"schema": obj{"type": "string", "description": "the answer as the cis command writes it without -json (Accept: text/plain)"}}
		paths["/v1/"+string(spec.Kind)] = obj{"get": obj{
			"operationId": string(spec.Kind),
			"summary":     spec.Synopsis,
			"description": "Answer: " + spec.Answer + ". The CLI's flags are the query parameters: " + spec.Usage() + ".",
			"parameters":  params,
			"responses": obj{"200": ok, "304": notModified,
				"400": errResp("Bad input: a missing or malformed input, an unknown ID (closest names the nearest known ones), an unknown parameter."),
				"422": errResp("A rule failed at run time (budget, evaluation) or the deadline passed.")},
		}}
	}
	list := func(id, summary, item string) obj {
		ok := resp(summary, obj{"type": "array", "items": ref(item)})
		ok["headers"] = etag
		return obj{"get": obj{"operationId": id, "summary": summary,
			"responses": obj{"200": ok, "304": notModified, "400": errResp("A query parameter was given.")}}}
	}
	paths["/v1/treaties"] = list("treaties", "The treaties of the dataset, as `cis treaties -json` lists them.", "Treaty")
	paths["/v1/parties"] = list("parties", "The parties of the dataset, as `cis parties -json` lists them.", "Party")
	paths["/v1/ask"] = obj{"post": obj{
		"operationId": "ask",
		"summary":     "Any question, with what-if events.",
		"requestBody": obj{"required": true, "content": content(ref("AskRequest"))},
		"responses": obj{"200": resp("The answer, as the CLI's -json prints it.", ref("Answer")),
			"400": errResp("Bad input."), "413": errResp("The body is larger than 1 MiB."),
			"422": errResp("A rule failed at run time or the deadline passed.")},
	}}
	paths["/v1/test"] = obj{"post": obj{
		"operationId": "test",
		"summary":     "Run one case file (YAML, as `cis test` reads it) and report its cases.",
		"requestBody": obj{"required": true, "content": obj{"application/yaml": obj{"schema": obj{"type": "string"}}}},
		"responses": obj{"200": resp("Each case's outcome, the rules no case exercised and the text report.", ref("TestReport")),
			"400": errResp("The case file has problems (each one in the message)."), "413": errResp("The body is larger than 1 MiB."),
			"422": errResp("A rule failed at run time or the deadline passed.")},
	}}
	paths["/v1/openapi.json"] = obj{"get": obj{"operationId": "openapi", "summary": "This document.",
		"responses": obj{"200": resp("The OpenAPI 3.1 document.", obj{"type": "object"}), "304": notModified}}}
	paths["/healthz"] = obj{"get": obj{"operationId": "healthz", "summary": "The service is up; the module and dataset versions.",
		"responses": obj{"200": resp("Up.", ref("Health"))}}}

	str := obj{"type": "string"}
	date := obj{"type": "string", "format": "date"}
	strs := obj{"type": "array", "items": str}
	closed := func(required []string, props obj) obj {
		return obj{"type": "object", "required": required, "additionalProperties": false, "properties": props}
	}
	return obj{
		"openapi":           "3.1.0",
		"jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
		"info": obj{"title": "pacta", "version": release.Version,
			"description": "Treaty law as code: is a party bound by a treaty, towards another party, on a day — and why. Every answer is the `cis` command's -json answer object."},
		"servers": []obj{{"url": "http://127.0.0.1:8080"}},
		"paths":   paths,
		"components": obj{"schemas": obj{
			"Answer": json.RawMessage(answerSchema),
			"Error": closed([]string{"error"}, obj{"error": str, "field": obj{"type": "string", "description": "the input the error concerns"},
				"closest": obj{"type": "array", "items": str, "description": "the closest known values"}}),
			"Treaty":     closed([]string{"id", "title", "title_ru", "concluded", "depositary"}, obj{"id": str, "title": str, "title_ru": str, "concluded": date, "depositary": str}),
			"Party":      closed([]string{"id", "name", "name_ru", "kind"}, obj{"id": str, "name": str, "name_ru": str, "kind": str}),
			"AskRequest": closed([]string{"question"}, obj{"question": obj{"enum": rules.QuestionKinds()}, "inputs": obj{"type": "object", "additionalProperties": str}, "assume": obj{"type": "array", "items": obj{"oneOf": []obj{str, closed([]string{"party", "event", "date"}, obj{"party": str, "event": str, "date": date, "treaty": str})}}}}),
			"TestReport": closed([]string{"passed", "failed", "cases", "uncovered", "report"}, obj{
				"passed": obj{"type": "integer", "minimum": 0}, "failed": obj{"type": "integer", "minimum": 0},
				"cases": obj{"type": "array", "items": closed([]string{"name", "passed", "want", "got", "rules"}, obj{
					"name": str, "line": obj{"type": "integer"}, "passed": obj{"type": "boolean"}, "want": str, "got": str, "diff": str, "rules": strs})},
				"uncovered": strs, "report": str}),
			"Health": closed([]string{"status", "version", "dataset"}, obj{"status": obj{"const": "ok"}, "version": str,
				"dataset": closed([]string{"name", "version", "record_as_of"}, obj{"name": str, "version": str, "record_as_of": date})}),
		}},
	}
}
