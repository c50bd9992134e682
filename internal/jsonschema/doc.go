// Package jsonschema validates JSON documents against the subset of JSON
// Schema (draft 2020-12) that pacta's own schemas use, with nothing but the
// standard library, so that tests can check every golden answer against
// testdata/schema/answer.schema.json.
//
// It is not a general JSON Schema implementation and is internal to pacta.
// The keywords it applies:
//
//	type (a name or a list; "integer" is a number with no fraction)
//	enum, const (equality of JSON values; numbers compare by value)
//	pattern (a Go RE2 regular expression, unanchored as in JSON Schema)
//	minLength, maxLength (in code points), minItems, maxItems
//	required, properties, additionalProperties (a schema, true or false)
//	items (one schema for every element)
//	allOf, anyOf, oneOf, not
//	$ref to the same document ("#", "#/$defs/date" or any JSON pointer), $defs
//
// Schemas may also be true or false. The annotations $schema, $id,
// $comment, title, description, examples, default, deprecated, readOnly,
// writeOnly and format are accepted and ignored (format is an annotation by
// default in draft 2020-12). Any other keyword is a compile error, so that a
// misspelt keyword cannot silently make a schema accept everything.
//
// A compiled Schema is immutable and safe for concurrent use. Validation
// reports every problem at once, sorted by where it is in the instance.
package jsonschema
