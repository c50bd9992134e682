package jsonschema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Schema is a compiled schema. It is immutable and safe for concurrent use.
type Schema struct {
	root *node
}

// node is one compiled schema object, or a boolean schema.
type node struct {
	path    string // where it is in the schema document, as a JSON pointer fragment
	boolean *bool  // for the schemas true and false

	ref   string
	refTo *node

	types      []string
	enum       []any
	hasConst   bool
	constValue any
	pattern    *regexp.Regexp

	minLength, maxLength, minItems, maxItems int // -1: absent

	required   []string
	properties map[string]*node
	additional *node // nil: any additional property is allowed
	items      *node

	allOf, anyOf, oneOf []*node
	not                 *node
}

// annotations are keywords that carry no assertion in this subset.
var annotations = []string{
	"$schema", "$id", "$comment", "title", "description", "examples", "default",
	"deprecated", "readOnly", "writeOnly", "format",
}

var typeNames = []string{"null", "boolean", "object", "array", "number", "integer", "string"}

// maxDepth bounds how deeply validation descends through $ref, so that a
// schema that refers to itself without consuming the instance ({"$ref": "#"})
// is an error, not a hang.
const maxDepth = 256

// Compile reads a schema document. It reports every problem of the schema
// at once, each with its place in the document.
func Compile(data []byte) (*Schema, error) {
	doc, err := decode(data)
	if err != nil {
		return nil, fmt.Errorf("jsonschema: reading the schema: %w", err)
	}
	c := &compiler{doc: doc, byPath: map[string]*node{}}
	root := c.compile(doc, "#")
	// $ref targets are compiled as they are met; resolving may meet more.
	for i := 0; i < len(c.refs); i++ {
		n := c.refs[i]
		target, err := pointer(doc, n.ref)
		if err != nil {
			c.errorf(n.path+"/$ref", "%v", err)
			continue
		}
		n.refTo = c.compile(target, n.ref)
	}
	if len(c.errs) > 0 {
		slices.Sort(c.errs)
		return nil, errors.New("jsonschema: invalid schema:\n" + strings.Join(c.errs, "\n"))
	}
	return &Schema{root: root}, nil
}

// MustCompile is Compile for schemas that are part of the program or its
// tests: it panics on an invalid schema.
func MustCompile(data []byte) *Schema {
	s, err := Compile(data)
	if err != nil {
		panic(err)
	}
	return s
}

type compiler struct {
	doc    any
	byPath map[string]*node
	refs   []*node
	errs   []string
}

func (c *compiler) errorf(path, format string, a ...any) {
	c.errs = append(c.errs, path+": "+fmt.Sprintf(format, a...))
}

func (c *compiler) compile(v any, path string) *node {
	if n, ok := c.byPath[path]; ok {
		return n
	}
	n := &node{path: path, minLength: -1, maxLength: -1, minItems: -1, maxItems: -1}
	c.byPath[path] = n
	switch s := v.(type) {
	case bool:
		n.boolean = &s
		return n
	case map[string]any:
		keys := make([]string, 0, len(s))
		for k := range s {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			c.keyword(n, k, s[k], path+"/"+escape(k))
		}
	default:
		c.errorf(path, "a schema must be an object or a boolean, not %s", kind(v))
	}
	return n
}

func (c *compiler) keyword(n *node, k string, v any, path string) {
	switch k {
	case "$ref":
		s, ok := v.(string)
		if !ok || !strings.HasPrefix(s, "#") {
			c.errorf(path, "$ref must be a reference within this document (\"#…\")")
			return
		}
		n.ref = s
		c.refs = append(c.refs, n)
	case "type":
		switch t := v.(type) {
		case string:
			n.types = []string{t}
		case []any:
			for _, e := range t {
				s, ok := e.(string)
				if !ok {
					c.errorf(path, "type names must be strings")
					return
				}
				n.types = append(n.types, s)
			}
		default:
			c.errorf(path, "type must be a string or an array of strings")
			return
		}
		for _, t := range n.types {
			if !slices.Contains(typeNames, t) {
				c.errorf(path, "unknown type %q", t)
			}
		}
	case "enum":
		a, ok := v.([]any)
		if !ok {
			c.errorf(path, "enum must be an array")
			return
		}
		n.enum = a
	case "const":
		n.hasConst, n.constValue = true, v
	case "pattern":
		s, ok := v.(string)
		if !ok {
			c.errorf(path, "pattern must be a string")
			return
		}
		re, err := regexp.Compile(s)
		if err != nil {
			c.errorf(path, "pattern: %v", err)
			return
		}
		n.pattern = re
	case "minLength", "maxLength", "minItems", "maxItems":
		i, ok := count(v)
		if !ok {
			c.errorf(path, "%s must be a non-negative integer", k)
			return
		}
		switch k {
		case "minLength":
			n.minLength = i
		case "maxLength":
			n.maxLength = i
		case "minItems":
			n.minItems = i
		case "maxItems":
			n.maxItems = i
		}
	case "required":
		a, ok := v.([]any)
		if !ok {
			c.errorf(path, "required must be an array of strings")
			return
		}
		for _, e := range a {
			s, ok := e.(string)
			if !ok {
				c.errorf(path, "required must be an array of strings")
				return
			}
			n.required = append(n.required, s)
		}
	case "properties":
		m, ok := v.(map[string]any)
		if !ok {
			c.errorf(path, "properties must be an object")
			return
		}
		n.properties = map[string]*node{}
		for name, sub := range m {
			n.properties[name] = c.compile(sub, path+"/"+escape(name))
		}
	case "additionalProperties":
		n.additional = c.compile(v, path)
	case "items":
		if _, ok := v.([]any); ok {
			c.errorf(path, "items must be one schema (the array form is prefixItems, which is not supported)")
			return
		}
		n.items = c.compile(v, path)
	case "allOf", "anyOf", "oneOf":
		a, ok := v.([]any)
		if !ok || len(a) == 0 {
			c.errorf(path, "%s must be a non-empty array of schemas", k)
			return
		}
		subs := make([]*node, len(a))
		for i, e := range a {
			subs[i] = c.compile(e, path+"/"+strconv.Itoa(i))
		}
		switch k {
		case "allOf":
			n.allOf = subs
		case "anyOf":
			n.anyOf = subs
		default:
			n.oneOf = subs
		}
	case "not":
		n.not = c.compile(v, path)
	case "$defs":
		// Compiled so that their mistakes are reported even if no $ref
		// reaches them; a $ref to one finds it by its path.
		m, ok := v.(map[string]any)
		if !ok {
			c.errorf(path, "$defs must be an object")
			return
		}
		for name, sub := range m {
			c.compile(sub, path+"/"+escape(name))
		}
	default:
		if !slices.Contains(annotations, k) {
			c.errorf(path, "keyword %q is not supported", k)
		}
	}
}

// count reads a non-negative integer keyword value.
func count(v any) (int, bool) {
	num, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(num.String())
	return i, err == nil && i >= 0
}

// pointer resolves a "#/a/b" fragment in doc.
func pointer(doc any, ref string) (any, error) {
	frag := strings.TrimPrefix(ref, "#")
	if frag == "" {
		return doc, nil
	}
	if !strings.HasPrefix(frag, "/") {
		return nil, fmt.Errorf("$ref %q: only JSON pointers are supported", ref)
	}
	cur := doc
	for _, tok := range strings.Split(frag[1:], "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch c := cur.(type) {
		case map[string]any:
			v, ok := c[tok]
			if !ok {
				return nil, fmt.Errorf("$ref %q: no %q", ref, tok)
			}
			cur = v
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(c) {
				return nil, fmt.Errorf("$ref %q: no element %q", ref, tok)
			}
			cur = c[i]
		default:
			return nil, fmt.Errorf("$ref %q: %q is inside a %s", ref, tok, kind(cur))
		}
	}
	return cur, nil
}

func escape(tok string) string {
	return strings.ReplaceAll(strings.ReplaceAll(tok, "~", "~0"), "/", "~1")
}

// decode reads exactly one JSON value, numbers as json.Number.
func decode(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("data after the JSON value")
	}
	return v, nil
}

// Problem is one way an instance fails its schema.
type Problem struct {
	// Path is where in the instance, as a JSON pointer fragment ("#" is the
	// whole document, "#/because/0/facts/1" a fact).
	Path string
	// Keyword is the schema keyword that failed, with its place in the
	// schema ("#/$defs/fact/required").
	Keyword string
	Message string
}

func (p Problem) String() string { return p.Path + ": " + p.Message + " (" + p.Keyword + ")" }

// ValidationError lists every problem of an instance, sorted by path.
type ValidationError struct {
	Problems []Problem
}

func (e *ValidationError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Validate checks a JSON document against the schema. It returns a
// *ValidationError listing every problem, or an error if data is not one
// JSON value.
func (s *Schema) Validate(data []byte) error {
	v, err := decode(data)
	if err != nil {
		return fmt.Errorf("jsonschema: reading the instance: %w", err)
	}
	return s.ValidateValue(v)
}

// ValidateValue checks a decoded JSON value: nil, bool, string,
// json.Number or float64, []any and map[string]any.
func (s *Schema) ValidateValue(v any) error {
	var probs []Problem
	s.root.validate(v, "#", 0, &probs)
	if len(probs) == 0 {
		return nil
	}
	sort.SliceStable(probs, func(i, j int) bool {
		if probs[i].Path != probs[j].Path {
			return probs[i].Path < probs[j].Path
		}
		return probs[i].Message < probs[j].Message
	})
	return &ValidationError{Problems: slices.Compact(probs)}
}

func (n *node) fail(probs *[]Problem, path, keyword, format string, a ...any) {
	*probs = append(*probs, Problem{Path: path, Keyword: n.path + "/" + keyword, Message: fmt.Sprintf(format, a...)})
}

// validate appends v's problems against n to probs.
func (n *node) validate(v any, path string, depth int, probs *[]Problem) {
	if depth > maxDepth {
		n.fail(probs, path, "$ref", "the schema refers to itself more than %d times deep", maxDepth)
		return
	}
	if n.boolean != nil {
		if !*n.boolean {
			*probs = append(*probs, Problem{Path: path, Keyword: n.path, Message: "no value is allowed here"})
		}
		return
	}
	if n.refTo != nil {
		n.refTo.validate(v, path, depth+1, probs)
	}
	if len(n.types) > 0 && !slices.ContainsFunc(n.types, func(t string) bool { return hasType(v, t) }) {
		n.fail(probs, path, "type", "want %s, got %s", strings.Join(n.types, " or "), kind(v))
	}
	if n.enum != nil && !slices.ContainsFunc(n.enum, func(e any) bool { return equal(e, v) }) {
		n.fail(probs, path, "enum", "%s is not one of %s", show(v), show(n.enum))
	}
	if n.hasConst && !equal(n.constValue, v) {
		n.fail(probs, path, "const", "want %s, got %s", show(n.constValue), show(v))
	}
	switch x := v.(type) {
	case string:
		if n.pattern != nil && !n.pattern.MatchString(x) {
			n.fail(probs, path, "pattern", "%s does not match %s", show(x), n.pattern)
		}
		l := utf8.RuneCountInString(x)
		if n.minLength >= 0 && l < n.minLength {
			n.fail(probs, path, "minLength", "want at least %d characters, got %d", n.minLength, l)
		}
		if n.maxLength >= 0 && l > n.maxLength {
			n.fail(probs, path, "maxLength", "want at most %d characters, got %d", n.maxLength, l)
		}
	case []any:
		if n.minItems >= 0 && len(x) < n.minItems {
			n.fail(probs, path, "minItems", "want at least %d items, got %d", n.minItems, len(x))
		}
		if n.maxItems >= 0 && len(x) > n.maxItems {
			n.fail(probs, path, "maxItems", "want at most %d items, got %d", n.maxItems, len(x))
		}
		if n.items != nil {
			for i, e := range x {
				n.items.validate(e, path+"/"+strconv.Itoa(i), depth, probs)
			}
		}
	case map[string]any:
		for _, r := range n.required {
			if _, ok := x[r]; !ok {
				n.fail(probs, path, "required", "missing property %q", r)
			}
		}
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			sub, ok := n.properties[k]
			switch {
			case ok:
				sub.validate(x[k], path+"/"+escape(k), depth, probs)
			case n.additional != nil:
				if n.additional.boolean != nil && !*n.additional.boolean {
					n.fail(probs, path, "additionalProperties", "property %q is not allowed", k)
					continue
				}
				n.additional.validate(x[k], path+"/"+escape(k), depth, probs)
			}
		}
	}
	for _, sub := range n.allOf {
		sub.validate(v, path, depth, probs)
	}
	if n.anyOf != nil {
		ok := false
		for _, sub := range n.anyOf {
			if sub.valid(v, path, depth) {
				ok = true
				break
			}
		}
		if !ok {
			n.fail(probs, path, "anyOf", "%s matches none of %d schemas", show(v), len(n.anyOf))
		}
	}
	if n.oneOf != nil {
		matched := 0
		for _, sub := range n.oneOf {
			if sub.valid(v, path, depth) {
				matched++
			}
		}
		if matched != 1 {
			n.fail(probs, path, "oneOf", "%s matches %d of %d schemas, want exactly 1", show(v), matched, len(n.oneOf))
		}
	}
	if n.not != nil && n.not.valid(v, path, depth) {
		n.fail(probs, path, "not", "%s matches a schema it must not match", show(v))
	}
}

func (n *node) valid(v any, path string, depth int) bool {
	var probs []Problem
	n.validate(v, path, depth, &probs)
	return len(probs) == 0
}

func hasType(v any, t string) bool {
	switch x := v.(type) {
	case nil:
		return t == "null"
	case bool:
		return t == "boolean"
	case string:
		return t == "string"
	case []any:
		return t == "array"
	case map[string]any:
		return t == "object"
	case json.Number, float64:
		if t == "number" {
			return true
		}
		if t == "integer" {
			r, ok := number(x)
			return ok && r.IsInt()
		}
	}
	return false
}

// kind names a JSON value's type for messages.
func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case json.Number, float64:
		return "number"
	}
	return fmt.Sprintf("%T", v)
}

func number(v any) (*big.Rat, bool) {
	switch x := v.(type) {
	case json.Number:
		return new(big.Rat).SetString(x.String())
	case float64:
		r := new(big.Rat)
		if r.SetFloat64(x) == nil {
			return nil, false
		}
		return r, true
	}
	return nil, false
}

// equal is JSON equality: numbers by value, objects regardless of order.
func equal(a, b any) bool {
	switch x := a.(type) {
	case nil, bool, string:
		return a == b
	case json.Number, float64:
		ra, ok1 := number(x)
		rb, ok2 := number(b)
		return ok1 && ok2 && ra.Cmp(rb) == 0
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok || !equal(xv, yv) {
				return false
			}
		}
		return true
	}
	return false
}

// show renders a value for a message, shortened.
func show(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return kind(v)
	}
	s := string(b)
	if utf8.RuneCountInString(s) > 60 {
		r := []rune(s)
		s = string(r[:60]) + "…"
	}
	return s
}
