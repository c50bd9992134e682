// Package yamlfile is the one reader of pacta's YAML files (datasets, rule
// files, case files): it parses a file of untrusted input within fixed
// limits and walks its node tree by hand, so that every value keeps its
// line and column and every unknown key is seen. It is internal: no promise
// is made about it.
//
// The limits: a file is at most MaxSize bytes of UTF-8 text holding one
// YAML document of at most MaxValues values, with no anchors or aliases (an
// alias can make a small file expand enormously). Every quotation of input
// in a message is clipped (package quote).
package yamlfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/pacta-law/pacta/internal/quote"
	"github.com/pacta-law/pacta/internal/suggest"
)

const (
	// MaxSize bounds each file, so that an untrusted file cannot make a
	// loader hold an unbounded amount of memory.
	MaxSize = 16 << 20
	// MaxValues bounds the YAML values (nodes) of a file. The YAML library
	// builds the whole tree before a loader sees it, at a few hundred bytes a
	// node, so a file of tiny list items would take gigabytes.
	MaxValues = 1_000_000
	// maxAnchors bounds the anchors one file lists.
	maxAnchors = 100
)

// Codes of the problems the reader finds; each package adds its own.
const (
	CodeRead       = "read"        // the file could not be read
	CodeTooLarge   = "too-large"   // more than MaxSize bytes
	CodeTooMany    = "too-many"    // more than MaxValues values
	CodeEncoding   = "encoding"    // not UTF-8
	CodeSyntax     = "syntax"      // not YAML
	CodeDocuments  = "documents"   // more than one document
	CodeAnchor     = "anchor"      // an anchor or alias
	CodeUnknownKey = "unknown-key" // a key the format does not know
	CodeRepeated   = "repeated"    // a key given twice
	CodeType       = "type"        // a value of the wrong kind
)

// Problem is one problem the reader found: where (a line of 0 is the whole
// file), which field, a code and a message.
type Problem struct {
	Line, Col            int
	Field, Code, Message string
}

// Reader reads one file, reporting every problem through its report
// function. Its methods treat a nil node as absent.
type Reader struct {
	data   []byte
	what   string // "a dataset file", for messages
	lines  int    // the file's lines, as the YAML library counts them
	report func(Problem)
}

// New returns a reader of data; what names the kind of file ("a case
// file").
func New(data []byte, what string, report func(Problem)) *Reader {
	r := &Reader{data: data, what: what, report: report, lines: 1}
	for rest := data; len(rest) > 0; {
		_, brk, next := CutLine(rest)
		if len(brk) > 0 {
			r.lines++
		}
		rest = next
	}
	return r
}

// Pos returns a node's line and column. The YAML library places an empty
// value on the line after its document, which can be past the end of the
// file: such a position is the last line's start.
func (r *Reader) Pos(n *yaml.Node) (line, col int) {
	if n == nil {
		return 0, 0
	}
	if n.Line > r.lines {
		return r.lines, 1
	}
	return n.Line, n.Column
}

// Report reports a problem at n (the whole file when n is nil).
func (r *Reader) Report(n *yaml.Node, field, code, format string, args ...any) {
	line, col := r.Pos(n)
	r.report(Problem{Line: line, Col: col, Field: field, Code: code, Message: fmt.Sprintf(format, args...)})
}

var yamlLineRe = regexp.MustCompile(`(?s)^yaml: line (\d+): (.*)$`)

// Parse parses the file's one document and returns its root: nil when the
// file holds no document or an empty one. ok is false when the file could
// not be read; every reason is reported.
func (r *Reader) Parse() (root *yaml.Node, ok bool) {
	switch {
	case len(r.data) > MaxSize:
		r.Report(nil, "", CodeTooLarge, "file is larger than %d MiB", MaxSize>>20)
		return nil, false
	case !utf8.Valid(r.data):
		r.Report(nil, "", CodeEncoding, "%s is UTF-8 text; this one is not", r.what)
		return nil, false
	case CountValues(r.data) > MaxValues:
		r.Report(nil, "", CodeTooMany, "file holds more than %d YAML values", MaxValues)
		return nil, false
	}
	defer func() {
		// The YAML library is not known to panic, but a loader of untrusted
		// files must not take its caller down if it does.
		if p := recover(); p != nil {
			r.Report(nil, "", CodeSyntax, "cannot read the file (internal error: %v)", p)
			root, ok = nil, false
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(r.data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, true
		}
		r.syntax(err)
		return nil, false
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		r.Report(&next, "", CodeDocuments, "%s holds one YAML document; this is another", r.what)
		return nil, false
	case err != io.EOF:
		r.syntax(err)
		return nil, false
	}
	if r.anchors(&doc) {
		return nil, false
	}
	root = &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil, true
		}
		root = root.Content[0]
	}
	if IsNull(root) {
		return nil, true
	}
	return root, true
}

func (r *Reader) syntax(err error) {
	msg := err.Error()
	line := 0
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			line = min(n, r.lines)
		}
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	r.report(Problem{Line: line, Code: CodeSyntax, Message: "YAML syntax: " + Clip(msg)})
}

// anchors reports every anchor and alias (up to a bound), in document order.
func (r *Reader) anchors(root *yaml.Node) bool {
	found := 0
	stack := []*yaml.Node{root}
	for len(stack) > 0 && found < maxAnchors {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Anchor != "" || n.Kind == yaml.AliasNode {
			r.Report(n, "", CodeAnchor, "anchors and aliases are not allowed")
			found++
		}
		if n.Kind != yaml.AliasNode {
			for i := len(n.Content) - 1; i >= 0; i-- {
				stack = append(stack, n.Content[i])
			}
		}
	}
	return found > 0
}

// IsNull reports a missing node or an explicit null.
func IsNull(n *yaml.Node) bool {
	return n == nil || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

// Absent reports a value that is not there or says nothing.
func Absent(n *yaml.Node) bool {
	return IsNull(n) || (n.Kind == yaml.ScalarNode && n.Value == "")
}

// KindOf names a node's kind for a message: "a scalar", "a mapping"…
func KindOf(n *yaml.Node) string {
	switch {
	case IsNull(n):
		return "nothing"
	case n.Kind == yaml.ScalarNode:
		return "a scalar"
	case n.Kind == yaml.SequenceNode:
		return "a sequence"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.AliasNode:
		return "an alias"
	}
	return "an unknown node"
}

// Fields reads a mapping whose keys must be among known (any key when known
// is empty). Unknown and repeated keys are problems. A null value is an
// empty mapping. ok is false when n is not a mapping.
func (r *Reader) Fields(n *yaml.Node, path string, known ...string) (f map[string]*yaml.Node, ok bool) {
	if IsNull(n) {
		return nil, true
	}
	if n.Kind != yaml.MappingNode {
		if path == "" {
			r.Report(n, path, CodeType, "%s is a mapping, not %s", r.what, KindOf(n))
		} else {
			r.Report(n, path, CodeType, "want a mapping, got %s", KindOf(n))
		}
		return nil, false
	}
	f = make(map[string]*yaml.Node, len(n.Content)/2)
	keys := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			r.Report(k, path, CodeType, "want a key, got %s", KindOf(k))
			continue
		}
		name := k.Value
		if len(known) > 0 && !slices.Contains(known, name) {
			r.Report(k, path, CodeUnknownKey, "unknown key %q%s", Clip(name), suggest.DidYouMean(name, known))
			continue
		}
		if first, dup := keys[name]; dup {
			r.Report(k, path, CodeRepeated, "key %q given twice (first at line %d)", Clip(name), first.Line)
			continue
		}
		keys[name] = k
		f[name] = v
	}
	return f, true
}

// Seq reads a sequence; null is an empty one.
func (r *Reader) Seq(n *yaml.Node, path string) []*yaml.Node {
	if IsNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		r.Report(n, path, CodeType, "want a sequence, got %s", KindOf(n))
		return nil
	}
	return n.Content
}

// Text reads a scalar as written: "2" stays "2", 1.10 stays "1.10".
func (r *Reader) Text(n *yaml.Node, field string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		r.Report(n, field, CodeType, "want a text, got %s", KindOf(n))
		return ""
	}
	switch tag := n.ShortTag(); tag {
	case "!!null":
		return ""
	case "!!str", "!!int", "!!float", "!!bool", "!!timestamp":
		return n.Value
	default:
		r.Report(n, field, CodeType, "want a text, got a value tagged %s", Clip(tag))
		return ""
	}
}

// Texts reads a sequence of texts.
func (r *Reader) Texts(n *yaml.Node, field string) []string {
	var out []string
	for _, item := range r.Seq(n, field) {
		out = append(out, r.Text(item, field))
	}
	return out
}

// Bool reads true or false; null is false.
func (r *Reader) Bool(n *yaml.Node, field string) bool {
	if IsNull(n) {
		return false
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		return strings.EqualFold(n.Value, "true")
	}
	r.Report(n, field, CodeType, "want true or false")
	return false
}

// TextStart returns where a scalar's text begins in the file, so that a
// column within the text (a CEL error's) can be mapped back into the file:
// after the quote of a quoted scalar; for a block scalar (| or >), the line
// after its indicator, at the column of its indentation.
func (r *Reader) TextStart(n *yaml.Node) (line, col int) {
	line, col = r.Pos(n)
	switch {
	case n.Kind != yaml.ScalarNode:
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return r.blockStart(n)
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		col++
	}
	return line, col
}

// blockStart finds the indentation of a block scalar's text: the difference
// between the leading spaces of its first non-blank line in the file and in
// the value (an indentation indicator can leave spaces in the value).
func (r *Reader) blockStart(n *yaml.Node) (line, col int) {
	lines := bytes.Split(r.data, []byte("\n"))
	for k, vl := range strings.Split(n.Value, "\n") {
		if strings.TrimSpace(vl) == "" {
			continue
		}
		i := n.Line + k // index of file line n.Line+1+k
		if i < 0 || i >= len(lines) {
			break
		}
		fl := lines[i]
		indent := (len(fl) - len(bytes.TrimLeft(fl, " "))) - (len(vl) - len(strings.TrimLeft(vl, " ")))
		return n.Line + 1, max(indent, 0) + 1
	}
	return r.Pos(n)
}

// Clip shortens a quotation of input in a message (see package quote).
func Clip(s string) string { return quote.Clip(s) }

// ReadFS reads at most MaxSize bytes of a file, checking the size before
// reading where the file system knows it. what names the kind of file
// expected, for the message when name is a directory ("a dataset file").
func ReadFS(fsys fs.FS, name, what string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, errors.New("is a directory, not " + what)
	}
	if st.Size() > MaxSize {
		return nil, errTooLarge
	}
	return readLimited(f)
}

var errTooLarge = fmt.Errorf("file is larger than %d MiB", MaxSize>>20)

// ReadFile reads at most MaxSize bytes of the file at path.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(f)
}

func readLimited(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSize {
		return nil, errTooLarge
	}
	return data, nil
}

// Glob returns the names of fsys that match the patterns (fs.Glob syntax;
// "*.yaml" when none is given), sorted, each once, and a message for each
// pattern that is malformed or matches no file.
func Glob(fsys fs.FS, patterns ...string) (names, problems []string) {
	if len(patterns) == 0 {
		patterns = []string{"*.yaml"}
	}
	for _, pat := range patterns {
		m, err := fs.Glob(fsys, pat)
		switch {
		case err != nil:
			problems = append(problems, fmt.Sprintf("pattern %q: %v", Clip(pat), err))
		case len(m) == 0:
			problems = append(problems, fmt.Sprintf("pattern %q matches no file", Clip(pat)))
		}
		names = append(names, m...)
	}
	slices.Sort(names)
	return slices.Compact(names), problems
}

// CutLine splits off one line and its line break. The breaks are the YAML
// library's, so that line numbers agree with its: CR LF, LF, CR, and (as in
// YAML 1.1) NEL, LS and PS.
func CutLine(data []byte) (text, brk, rest []byte) {
	for i := 0; i < len(data); i++ {
		switch data[i] {
		case '\n':
			return data[:i], data[i : i+1], data[i+1:]
		case '\r':
			if i+1 < len(data) && data[i+1] == '\n' {
				return data[:i], data[i : i+2], data[i+2:]
			}
			return data[:i], data[i : i+1], data[i+1:]
		case 0xC2:
			if i+1 < len(data) && data[i+1] == 0x85 { // NEL
				return data[:i], data[i : i+2], data[i+2:]
			}
		case 0xE2:
			if i+2 < len(data) && data[i+1] == 0x80 && (data[i+2] == 0xA8 || data[i+2] == 0xA9) { // LS, PS
				return data[:i], data[i : i+3], data[i+3:]
			}
		}
	}
	return data, nil, nil
}
