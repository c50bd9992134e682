package jsonschema

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A schema in the shape of pacta's answer schema, small enough to read.
const answerLike = `{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "test",
  "type": "object",
  "required": ["answer", "facts"],
  "additionalProperties": false,
  "properties": {
    "answer": {"oneOf": [{"type": "boolean"}, {"$ref": "#/$defs/date"}, {"type": "null"}]},
    "grade": {"enum": ["P", "S", "U"]},
    "kind": {"const": "bound"},
    "facts": {"type": "array", "items": {"$ref": "#/$defs/fact"}, "maxItems": 3},
    "count": {"type": "integer"},
    "name": {"type": "string", "minLength": 2, "maxLength": 4, "format": "ignored"},
    "tags": {"type": "array", "minItems": 1},
    "extra": {"additionalProperties": {"type": "string"}}
  },
  "$defs": {
    "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    "fact": {
      "type": "object",
      "required": ["event"],
      "properties": {"event": {"type": "string"}, "date": {"$ref": "#/$defs/date"}, "earliest": {"$ref": "#/$defs/date"}},
      "anyOf": [{"required": ["date"]}, {"required": ["earliest"]}],
      "not": {"required": ["date", "earliest"]}
    }
  }
}`

func TestValidate(t *testing.T) {
	s, err := Compile([]byte(answerLike))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, doc string
		want      []Problem // nil: valid
	}{
		{name: "boolean answer", doc: `{"answer": true, "facts": []}`},
		{name: "date answer", doc: `{"answer": "1994-01-22", "facts": [{"event": "deposit", "date": "1993-07-20"}]}`},
		{name: "null answer", doc: `{"answer": null, "facts": [{"event": "accession", "earliest": "1993-10-08"}]}`},
		{name: "integer as 2.0", doc: `{"answer": true, "facts": [], "count": 2.0}`},
		{name: "enum and const", doc: `{"answer": true, "facts": [], "grade": "P", "kind": "bound"}`},
		{name: "string lengths count code points", doc: `{"answer": true, "facts": [], "name": "Русь"}`},
		{name: "additionalProperties schema", doc: `{"answer": true, "facts": [], "extra": {"a": "b"}}`},
		{
			name: "missing required",
			doc:  `{"answer": true}`,
			want: []Problem{{Path: "#", Keyword: "#/required", Message: `missing property "facts"`}},
		},
		{
			name: "additional property",
			doc:  `{"answer": true, "facts": [], "why": 1}`,
			want: []Problem{{Path: "#", Keyword: "#/additionalProperties", Message: `property "why" is not allowed`}},
		},
		{
			name: "answer of no allowed type",
			doc:  `{"answer": "soon", "facts": []}`,
			want: []Problem{{Path: "#/answer", Keyword: "#/properties/answer/oneOf", Message: `"soon" matches 0 of 3 schemas, want exactly 1`}},
		},
		{
			name: "impossible pattern",
			doc:  `{"answer": true, "facts": [{"event": "deposit", "date": "1993-7-20"}]}`,
			want: []Problem{{Path: "#/facts/0/date", Keyword: "#/$defs/date/pattern", Message: `"1993-7-20" does not match ^[0-9]{4}-[0-9]{2}-[0-9]{2}$`}},
		},
		{
			name: "fact with neither date nor earliest",
			doc:  `{"answer": true, "facts": [{"event": "deposit"}]}`,
			want: []Problem{{Path: "#/facts/0", Keyword: "#/$defs/fact/anyOf", Message: `{"event":"deposit"} matches none of 2 schemas`}},
		},
		{
			name: "fact with both",
			doc:  `{"answer": true, "facts": [{"event": "deposit", "date": "1993-07-20", "earliest": "1993-07-20"}]}`,
			want: []Problem{{Path: "#/facts/0", Keyword: "#/$defs/fact/not", Message: `{"date":"1993-07-20","earliest":"1993-07-20","event":"deposi… matches a schema it must not match`}},
		},
		{
			name: "wrong types, every problem at once",
			doc:  `{"answer": true, "facts": {}, "count": 1.5, "grade": "X", "kind": "eif", "name": "a", "tags": []}`,
			want: []Problem{
				{Path: "#/count", Keyword: "#/properties/count/type", Message: "want integer, got number"},
				{Path: "#/facts", Keyword: "#/properties/facts/type", Message: "want array, got object"},
				{Path: "#/grade", Keyword: "#/properties/grade/enum", Message: `"X" is not one of ["P","S","U"]`},
				{Path: "#/kind", Keyword: "#/properties/kind/const", Message: `want "bound", got "eif"`},
				{Path: "#/name", Keyword: "#/properties/name/minLength", Message: "want at least 2 characters, got 1"},
				{Path: "#/tags", Keyword: "#/properties/tags/minItems", Message: "want at least 1 items, got 0"},
			},
		},
		{
			name: "too many items and too long",
			doc:  `{"answer": false, "facts": [{"event":"a","date":"2000-01-01"},{"event":"a","date":"2000-01-01"},{"event":"a","date":"2000-01-01"},{"event":"a","date":"2000-01-01"}], "name": "abcde"}`,
			want: []Problem{
				{Path: "#/facts", Keyword: "#/properties/facts/maxItems", Message: "want at most 3 items, got 4"},
				{Path: "#/name", Keyword: "#/properties/name/maxLength", Message: "want at most 4 characters, got 5"},
			},
		},
		{
			name: "additionalProperties schema fails",
			doc:  `{"answer": true, "facts": [], "extra": {"a": 1}}`,
			want: []Problem{{Path: "#/extra/a", Keyword: "#/properties/extra/additionalProperties/type", Message: "want string, got number"}},
		},
		{
			name: "not an object",
			doc:  `[]`,
			want: []Problem{{Path: "#", Keyword: "#/type", Message: "want object, got array"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := s.Validate([]byte(tt.doc))
			var got []Problem
			if err != nil {
				var ve *ValidationError
				if !errors.As(err, &ve) {
					t.Fatalf("Validate: %v, want a *ValidationError", err)
				}
				got = ve.Problems
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

func TestOneOfCountsMatches(t *testing.T) {
	s := MustCompile([]byte(`{"oneOf": [{"type": "integer"}, {"type": "number"}]}`))
	if err := s.Validate([]byte(`1.5`)); err != nil {
		t.Errorf("1.5 matches only number: %v", err)
	}
	err := s.Validate([]byte(`2`))
	if err == nil || !strings.Contains(err.Error(), "matches 2 of 2 schemas") {
		t.Errorf("2 matches integer and number, so oneOf must fail; got %v", err)
	}
}

func TestBooleanSchemas(t *testing.T) {
	s := MustCompile([]byte(`{"properties": {"yes": true, "no": false}}`))
	if err := s.Validate([]byte(`{"yes": [1, {"a": null}]}`)); err != nil {
		t.Errorf("true accepts anything: %v", err)
	}
	err := s.Validate([]byte(`{"no": 1}`))
	want := &ValidationError{Problems: []Problem{{Path: "#/no", Keyword: "#/properties/no", Message: "no value is allowed here"}}}
	if diff := cmp.Diff(error(want), err, cmp.Comparer(func(a, b error) bool { return a.Error() == b.Error() })); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestEqualityOfJSONValues(t *testing.T) {
	s := MustCompile([]byte(`{"enum": [1, {"a": [true, null]}, "x"]}`))
	for _, ok := range []string{`1.0`, `1e0`, `{"a": [true, null]}`, `"x"`} {
		if err := s.Validate([]byte(ok)); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{`"1"`, `{"a": [true]}`, `{"a": [true, null], "b": 1}`, `true`, `null`} {
		if err := s.Validate([]byte(bad)); err == nil {
			t.Errorf("%s: valid, want an enum problem", bad)
		}
	}
}

func TestRefs(t *testing.T) {
	// A tree: a node's children are nodes. The $ref to "#" recurses through
	// the instance, so it terminates.
	s := MustCompile([]byte(`{"type": "object", "properties": {"v": {"type": "integer"}, "kids": {"type": "array", "items": {"$ref": "#"}}}}`))
	if err := s.Validate([]byte(`{"v": 1, "kids": [{"v": 2, "kids": [{"v": 3}]}]}`)); err != nil {
		t.Error(err)
	}
	err := s.Validate([]byte(`{"v": 1, "kids": [{"v": 2, "kids": [{"v": "3"}]}]}`))
	if err == nil || !strings.Contains(err.Error(), "#/kids/0/kids/0/v: want integer, got string") {
		t.Errorf("got %v", err)
	}
	// A $ref that never consumes the instance is reported, not a hang.
	loop := MustCompile([]byte(`{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}`))
	if err := loop.Validate([]byte(`1`)); err == nil || !strings.Contains(err.Error(), "refers to itself") {
		t.Errorf("got %v", err)
	}
	// JSON pointer escapes: "a/b" is spelt a~1b.
	esc := MustCompile([]byte(`{"$defs": {"a/b": {"type": "string"}}, "$ref": "#/$defs/a~1b"}`))
	if err := esc.Validate([]byte(`1`)); err == nil {
		t.Error("1 is not a string")
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct{ name, schema, want string }{
		{"misspelt keyword", `{"propertes": {}}`, `#/propertes: keyword "propertes" is not supported`},
		{"unknown type", `{"type": "date"}`, `#/type: unknown type "date"`},
		{"bad pattern", `{"pattern": "("}`, "#/pattern: pattern: error parsing regexp"},
		{"required not strings", `{"required": [1]}`, "#/required: required must be an array of strings"},
		{"remote ref", `{"$ref": "other.json#/a"}`, `#/$ref: $ref must be a reference within this document`},
		{"dangling ref", `{"$ref": "#/$defs/none"}`, `#/$ref: $ref "#/$defs/none": no "$defs"`},
		{"items array", `{"items": [{}]}`, "#/items: items must be one schema"},
		{"empty anyOf", `{"anyOf": []}`, "#/anyOf: anyOf must be a non-empty array of schemas"},
		{"schema is a number", `{"not": 1}`, "#/not: a schema must be an object or a boolean, not number"},
		{"negative minLength", `{"minLength": -1}`, "#/minLength: minLength must be a non-negative integer"},
		{"mistake inside an unused $defs", `{"$defs": {"x": {"type": 1}}}`, "#/$defs/x/type: type must be a string or an array of strings"},
		{"not JSON", `{`, "reading the schema"},
		{"two values", `{} {}`, "data after the JSON value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile([]byte(tt.schema))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Compile(%s) = %v, want an error containing %q", tt.schema, err, tt.want)
			}
		})
	}
}

func TestCompileReportsEveryProblem(t *testing.T) {
	_, err := Compile([]byte(`{"type": "date", "minItems": "1", "x": 1}`))
	if err == nil {
		t.Fatal("no error")
	}
	want := "jsonschema: invalid schema:\n" +
		"#/minItems: minItems must be a non-negative integer\n" +
		"#/type: unknown type \"date\"\n" +
		"#/x: keyword \"x\" is not supported"
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestInstanceMustBeOneValue(t *testing.T) {
	s := MustCompile([]byte(`true`))
	for _, doc := range []string{``, `{`, `1 2`} {
		if err := s.Validate([]byte(doc)); err == nil {
			t.Errorf("%q: no error", doc)
		}
	}
}
