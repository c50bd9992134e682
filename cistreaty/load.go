package cistreaty

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pacta-law/pacta/internal/textfile"
	"github.com/pacta-law/pacta/internal/yamlnode"
	"go.yaml.in/yaml/v3"
)

// maxFileSize bounds each dataset file, so that an untrusted file cannot make
// the loader hold an unbounded amount of memory.
const maxFileSize = 16 << 20

// File is one dataset file: its name, used in every message about it, and
// its contents.
type File struct {
	Name string
	Data []byte
}

// Load reads a dataset from the given files, in the order given, and
// validates it (see Dataset.Validate). The file format is described in the
// package documentation.
//
// On any problem Load returns a nil Dataset and one error, of type Problems,
// that lists every problem of every file, sorted, each with file:line:col and
// the field it concerns; errors.Is(err, ErrInvalidDataset) holds. Keys the
// format does not know are problems, so that a typo never passes silently.
//
// Load is safe for untrusted input: it never panics, refuses files larger
// than 16 MiB, and refuses YAML anchors and aliases, so that no document can
// expand beyond its size.
func Load(files ...File) (*Dataset, error) {
	l := newLoader()
	for _, f := range files {
		if l.full {
			break
		}
		if len(f.Data) > maxFileSize {
			l.unreadable(f.Name, fmt.Sprintf("file is larger than %d MiB", maxFileSize>>20))
			continue
		}
		l.file(f.Name, f.Data)
	}
	return l.finish()
}

// LoadFS reads a dataset from the files of fsys that match the patterns
// (fs.Glob syntax; "*.yaml" when none is given), in sorted name order, and
// validates it as Load does. A pattern that matches no file is a problem.
func LoadFS(fsys fs.FS, patterns ...string) (*Dataset, error) {
	if fsys == nil {
		return nil, Problems{{Message: "no file system to load from"}}
	}
	if len(patterns) == 0 {
		patterns = []string{"*.yaml"}
	}
	l := newLoader()
	var names []string
	for _, pat := range patterns {
		m, err := fs.Glob(fsys, pat)
		switch {
		case err != nil:
			l.unreadableAt(Pos{}, fmt.Sprintf("pattern %q: %v", clip(pat), err))
		case len(m) == 0:
			l.unreadableAt(Pos{}, fmt.Sprintf("pattern %q matches no file", clip(pat)))
		}
		names = append(names, m...)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	for _, name := range names {
		if l.full {
			break
		}
		data, err := textfile.Read(fsys, name, maxFileSize, "a dataset file")
		if err != nil {
			l.unreadable(name, err.Error())
			continue
		}
		l.file(name, data)
	}
	return l.finish()
}

// loader gathers the files of one dataset and the problems found in them.
type loader struct {
	ds    Dataset
	probs Problems
	// sup holds, by the position validation reports them at, the fields whose
	// problems decoding has already reported (a date that did not parse is
	// not also a missing date).
	sup        map[Pos][]string
	haveHeader bool
	headerPos  Pos
	// full is set once maxProblems problems are listed: decoding stops
	// there, and validation is not run.
	full bool
}

func newLoader() *loader { return &loader{sup: make(map[Pos][]string)} }

func (l *loader) add(pos Pos, field, msg string) {
	if len(l.probs) >= maxProblems {
		l.full = true
		return
	}
	l.probs = append(l.probs, Problem{Pos: pos, Field: field, Message: msg})
}

// unreadable reports a file that could not be read or decoded at all. The
// header may have been in it, so its absence is not reported as well.
func (l *loader) unreadable(file, msg string) { l.unreadableAt(Pos{File: file}, msg) }

func (l *loader) unreadableAt(pos Pos, msg string) {
	l.add(pos, "", msg)
	l.suppress(Pos{}, "dataset")
}

func (l *loader) suppress(pos Pos, field string) { l.sup[pos] = append(l.sup[pos], field) }

// suppressed reports whether validation's p repeats a problem decoding
// already reported for the same field, or a field inside it.
func (l *loader) suppressed(p Problem) bool {
	for _, f := range l.sup[p.Pos] {
		if f == "" || p.Field == f || strings.HasPrefix(p.Field, f+".") {
			return true
		}
	}
	return false
}

func (l *loader) finish() (*Dataset, error) {
	if l.full {
		l.probs = append(l.probs, Problem{Message: fmt.Sprintf("too many problems: stopped after %d", maxProblems)})
		sortProblems(l.probs)
		return nil, l.probs
	}
	ds := &l.ds
	ds.index()
	ps, more := ds.validate(l.suppressed, maxProblems-len(l.probs))
	l.probs = append(l.probs, ps...)
	if more > 0 {
		l.probs = append(l.probs, tooMany(more))
	}
	if len(l.probs) > 0 {
		sortProblems(l.probs)
		return nil, l.probs
	}
	return ds, nil
}

var yamlLineRe = regexp.MustCompile(`(?s)^yaml: line (\d+): (.*)$`)

// file decodes one file into the loader's dataset.
func (l *loader) file(name string, data []byte) {
	d := &decoder{l: l, name: name, data: data}
	defer func() {
		// The YAML library and this decoder are not known to panic, but a
		// loader of untrusted files must not take its caller down if they do.
		if r := recover(); r != nil {
			l.unreadable(name, fmt.Sprintf("cannot read the file (internal error: %v)", r))
		}
	}()
	if yamlnode.TooManyNodes(data, yamlnode.MaxNodes) {
		l.unreadable(name, fmt.Sprintf("file holds more than %d YAML values", yamlnode.MaxNodes))
		return
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err != io.EOF {
			d.syntax(err)
		}
		return
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		d.l.unreadableAt(d.pos(&next), "a dataset file holds one YAML document; this is another")
		return
	case err != io.EOF:
		d.syntax(err)
		return
	}
	if d.anchors(&doc) {
		d.l.suppress(Pos{}, "dataset")
		return
	}
	d.document(&doc)
}

// decoder walks the node tree of one file by hand, so that every value keeps
// its line and column and every unknown key is seen.
type decoder struct {
	l     *loader
	name  string
	data  []byte
	lines [][]byte // split on first use
}

func (d *decoder) pos(n *yaml.Node) Pos { return Pos{File: d.name, Line: n.Line, Col: n.Column} }

func (d *decoder) problem(n *yaml.Node, field, format string, args ...any) {
	d.l.add(d.pos(n), field, fmt.Sprintf(format, args...))
}

// fail reports a problem at n and marks field of the value at owner as
// reported, so that validation does not report it again.
func (d *decoder) fail(owner Pos, field string, n *yaml.Node, format string, args ...any) {
	d.problem(n, field, format, args...)
	d.l.suppress(owner, field)
}

func (d *decoder) syntax(err error) {
	msg := err.Error()
	pos := Pos{File: d.name}
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			pos.Line = n
		}
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	d.l.unreadableAt(pos, "YAML syntax: "+msg)
}

// anchors reports every anchor and alias. They are refused outright: an
// alias can make a small document expand enormously, and a dataset has no
// need of them.
func (d *decoder) anchors(root *yaml.Node) bool {
	found := yamlnode.Anchors(root, maxProblems)
	for _, n := range found {
		d.problem(n, "", "anchors and aliases are not allowed")
	}
	return len(found) > 0
}

func isNull(n *yaml.Node) bool   { return yamlnode.IsNull(n) }
func absent(n *yaml.Node) bool   { return yamlnode.Absent(n) }
func kindOf(n *yaml.Node) string { return yamlnode.KindOf(n) }

// fields reads a mapping whose keys must be among known (any key when known
// is nil). Unknown and repeated keys are problems. A null value is an empty
// mapping. ok is false when n is not a mapping.
func (d *decoder) fields(n *yaml.Node, path string, owner Pos, known ...string) (f map[string]*yaml.Node, ok bool) {
	if isNull(n) {
		return nil, true
	}
	if n.Kind != yaml.MappingNode {
		d.fail(owner, path, n, "want a mapping, got %s", kindOf(n))
		return nil, false
	}
	f = make(map[string]*yaml.Node, len(n.Content)/2)
	keys := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.problem(k, path, "want a key, got %s", kindOf(k))
			continue
		}
		name := k.Value
		if known != nil && !slices.Contains(known, name) {
			d.problem(k, path, "unknown key %q%s", clip(name), didYouMean(name, known))
			continue
		}
		if first, dup := keys[name]; dup {
			d.problem(k, path, "key %q given twice (first at line %d)", clip(name), first.Line)
			continue
		}
		keys[name] = k
		f[name] = v
	}
	return f, true
}

// seq reads a sequence; null is an empty one.
func (d *decoder) seq(n *yaml.Node, path string, owner Pos) []*yaml.Node {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.fail(owner, path, n, "want a sequence, got %s", kindOf(n))
		return nil
	}
	return n.Content
}

// text reads a scalar as written: "2" stays "2", 1.10 stays "1.10".
func (d *decoder) text(n *yaml.Node, owner Pos, field string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		d.fail(owner, field, n, "want a text, got %s", kindOf(n))
		return ""
	}
	switch tag := n.ShortTag(); tag {
	case "!!null":
		return ""
	case "!!str", "!!int", "!!float", "!!bool", "!!timestamp":
		return n.Value
	default:
		d.fail(owner, field, n, "want a text, got a value tagged %s", tag)
		return ""
	}
}

func (d *decoder) texts(n *yaml.Node, owner Pos, field string) []string {
	var out []string
	for _, item := range d.seq(n, field, owner) {
		out = append(out, d.text(item, owner, field))
	}
	return out
}

func (d *decoder) date(n *yaml.Node, owner Pos, field string) Date {
	s := d.text(n, owner, field)
	if s == "" {
		return Date{}
	}
	t, err := ParseDate(s)
	if err != nil {
		d.fail(owner, field, n, "%v", err)
		return Date{}
	}
	return t
}

func (d *decoder) boolean(n *yaml.Node, owner Pos, field string) bool {
	if isNull(n) {
		return false
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		return strings.EqualFold(n.Value, "true")
	}
	d.fail(owner, field, n, "want true or false")
	return false
}

func (d *decoder) source(n *yaml.Node, owner Pos, field string) Source {
	f, ok := d.fields(n, field, owner, "cite", "url", "grade")
	if !ok {
		return Source{}
	}
	s := Source{
		Citation: d.text(f["cite"], owner, field+".cite"),
		URL:      d.text(f["url"], owner, field+".url"),
	}
	if g := d.text(f["grade"], owner, field+".grade"); g != "" {
		grade, err := ParseGrade(g)
		if err != nil {
			d.fail(owner, field+".grade", f["grade"], "unknown grade %q (want P, S or U)", clip(g))
		}
		s.Grade = grade
	}
	return s
}

// document decodes the top-level keys of one file.
func (d *decoder) document(doc *yaml.Node) {
	root := doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return
		}
		root = root.Content[0]
	}
	f, ok := d.fields(root, "", Pos{File: d.name}, "dataset", "parties", "treaties", "events", "rules", "organisations")
	if !ok {
		d.l.suppress(Pos{}, "dataset")
		return
	}
	if n := f["dataset"]; n != nil {
		d.header(n)
	}
	ds := &d.l.ds
	// A hostile file can hold millions of broken entries; stop once the list
	// of problems is full.
	for _, n := range d.seq(f["parties"], "parties", Pos{File: d.name}) {
		if d.l.full {
			return
		}
		ds.parties = append(ds.parties, d.party(n))
	}
	for _, n := range d.seq(f["treaties"], "treaties", Pos{File: d.name}) {
		if d.l.full {
			return
		}
		ds.treaties = append(ds.treaties, d.treaty(n))
	}
	for _, n := range d.seq(f["events"], "events", Pos{File: d.name}) {
		if d.l.full {
			return
		}
		ds.events = append(ds.events, d.event(n))
	}
	for _, n := range d.seq(f["rules"], "rules", Pos{File: d.name}) {
		if d.l.full {
			return
		}
		ds.rules = append(ds.rules, d.rule(n))
	}
	for _, n := range d.seq(f["organisations"], "organisations", Pos{File: d.name}) {
		if d.l.full {
			return
		}
		ds.orgs = append(ds.orgs, d.organisation(n))
	}
}

// header decodes the dataset header. Validation knows no position for it,
// so the checks that need one are made here.
func (d *decoder) header(n *yaml.Node) {
	l := d.l
	pos := d.pos(n)
	if l.haveHeader {
		d.problem(n, "dataset", "dataset header given twice (first at %s)", l.headerPos)
		return
	}
	l.haveHeader, l.headerPos = true, pos
	l.suppress(Pos{}, "dataset")
	f, ok := d.fields(n, "dataset", pos, "name", "version", "record_as_of")
	if !ok {
		return
	}
	l.ds.name = d.text(f["name"], pos, "dataset.name")
	l.ds.version = d.text(f["version"], pos, "dataset.version")
	l.ds.recordAsOf = d.date(f["record_as_of"], pos, "dataset.record_as_of")
	for _, k := range []string{"name", "version", "record_as_of"} {
		if absent(f[k]) {
			d.problem(n, "dataset."+k, "missing %s", k)
		}
	}
}

func (d *decoder) party(n *yaml.Node) Party {
	p := Party{Pos: d.pos(n)}
	f, ok := d.fields(n, "parties", p.Pos, "id", "name", "name_ru", "kind", "continues", "continuity_source")
	if !ok {
		return p
	}
	p.ID = d.text(f["id"], p.Pos, "parties.id")
	p.Name = d.text(f["name"], p.Pos, "parties.name")
	p.NameRU = d.text(f["name_ru"], p.Pos, "parties.name_ru")
	if s := d.text(f["kind"], p.Pos, "parties.kind"); s != "" {
		k, err := ParsePartyKind(s)
		if err != nil {
			d.fail(p.Pos, "parties.kind", f["kind"], "unknown party kind %q (want state or organisation)", clip(s))
		}
		p.Kind = k
	}
	p.Continues = d.text(f["continues"], p.Pos, "parties.continues")
	p.ContinuitySource = d.source(f["continuity_source"], p.Pos, "parties.continuity_source")
	return p
}

func (d *decoder) treaty(n *yaml.Node) Treaty {
	t := Treaty{Pos: d.pos(n)}
	f, ok := d.fields(n, "treaties", t.Pos, "id", "title", "title_ru", "concluded", "place", "depositary",
		"domains", "participation", "source", "clauses", "obligations", "displaces", "note")
	if !ok {
		return t
	}
	t.ID = d.text(f["id"], t.Pos, "treaties.id")
	t.Title = d.text(f["title"], t.Pos, "treaties.title")
	t.TitleRU = d.text(f["title_ru"], t.Pos, "treaties.title_ru")
	t.Concluded = d.date(f["concluded"], t.Pos, "treaties.concluded")
	t.Place = d.text(f["place"], t.Pos, "treaties.place")
	t.Depositary = d.text(f["depositary"], t.Pos, "treaties.depositary")
	t.Domains = d.texts(f["domains"], t.Pos, "treaties.domains")
	if s := d.text(f["participation"], t.Pos, "treaties.participation"); s != "" {
		p, err := ParseParticipation(s)
		if err != nil {
			d.fail(t.Pos, "treaties.participation", f["participation"], "unknown participation %q (want complete or partial)", clip(s))
		}
		t.Participation = p
	}
	t.Source = d.source(f["source"], t.Pos, "treaties.source")
	t.Note = d.text(f["note"], t.Pos, "treaties.note")

	if cf, ok := d.fields(f["clauses"], "treaties.clauses", t.Pos,
		"entry_into_force", "later_parties", "withdrawal", "term"); ok {
		t.Clauses.EntryIntoForce = d.clause(cf["entry_into_force"], "treaties.clauses.entry_into_force")
		t.Clauses.LaterParties = d.clause(cf["later_parties"], "treaties.clauses.later_parties")
		t.Clauses.Withdrawal = d.clause(cf["withdrawal"], "treaties.clauses.withdrawal")
		t.Clauses.Term = d.clause(cf["term"], "treaties.clauses.term")
	}
	for _, on := range d.seq(f["obligations"], "treaties.obligations", t.Pos) {
		o := Obligation{Pos: d.pos(on)}
		of, ok := d.fields(on, "treaties.obligations", o.Pos, "article", "text", "source", "condition")
		if ok {
			o.Article = d.text(of["article"], o.Pos, "treaties.obligations.article")
			o.Text = d.text(of["text"], o.Pos, "treaties.obligations.text")
			o.Source = d.source(of["source"], o.Pos, "treaties.obligations.source")
			o.Condition = d.clause(of["condition"], "treaties.obligations.condition")
		}
		t.Obligations = append(t.Obligations, o)
	}
	for _, dn := range d.seq(f["displaces"], "treaties.displaces", t.Pos) {
		x := Displacement{Pos: d.pos(dn)}
		df, ok := d.fields(dn, "treaties.displaces", x.Pos, "treaty", "clause")
		if ok {
			x.Treaty = d.text(df["treaty"], x.Pos, "treaties.displaces.treaty")
			x.Clause = d.clause(df["clause"], "treaties.displaces.clause")
		}
		t.Displaces = append(t.Displaces, x)
	}
	return t
}

// clause reads silent, unknown, or a mapping with a template (and params)
// or a rule. A clause left out is silent and has no position.
func (d *decoder) clause(n *yaml.Node, field string) Clause {
	if n == nil {
		return Clause{}
	}
	c := Clause{Pos: d.pos(n)}
	if n.Kind == yaml.ScalarNode {
		switch s := d.text(n, c.Pos, field); s {
		case "silent":
			c.Form = ClauseSilent
		case "unknown":
			c.Form = ClauseUnknown
		default:
			d.fail(c.Pos, field, n, "want silent, unknown, or a mapping with template or rule; got %q", clip(s))
		}
		return c
	}
	f, ok := d.fields(n, field, c.Pos, "template", "params", "rule", "cites", "says", "source")
	if !ok {
		return c
	}
	tmpl, rule := f["template"], f["rule"]
	switch {
	case tmpl != nil && rule != nil:
		d.fail(c.Pos, field, n, "a clause has a template or a rule, not both")
	case tmpl != nil:
		c.Form = ClauseTemplate
		c.Template = d.text(tmpl, c.Pos, field+".template")
	case rule != nil:
		c.Form = ClauseRule
		c.Rule = d.text(rule, c.Pos, field+".rule")
	default:
		d.fail(c.Pos, field, n, "a clause mapping needs template or rule")
	}
	if pn := f["params"]; pn != nil {
		if tmpl == nil {
			d.fail(c.Pos, field, pn, "params belong to a template")
		} else {
			c.Params = d.params(pn, c.Pos, field+".params")
		}
	}
	c.Cites = d.text(f["cites"], c.Pos, field+".cites")
	c.Says = d.text(f["says"], c.Pos, field+".says")
	c.Source = d.source(f["source"], c.Pos, field+".source")
	return c
}

// params reads a template's parameters: each a scalar or a list of scalars.
func (d *decoder) params(n *yaml.Node, owner Pos, field string) map[string]Param {
	f, ok := d.fields(n, field, owner)
	if !ok || len(f) == 0 {
		return nil
	}
	out := make(map[string]Param, len(f))
	for name, v := range f {
		p := Param{Pos: d.pos(v)}
		switch v.Kind {
		case yaml.SequenceNode:
			p.IsList = true
			p.List = make([]string, 0, len(v.Content))
			for _, item := range v.Content {
				if item.Kind != yaml.ScalarNode {
					d.fail(owner, field, item, "parameter %q: want a scalar or a list of scalars, got a list holding %s", clip(name), kindOf(item))
					continue
				}
				p.List = append(p.List, d.text(item, owner, field))
			}
		case yaml.ScalarNode:
			p.Scalar = d.text(v, owner, field)
		default:
			d.fail(owner, field, v, "parameter %q: want a scalar or a list of scalars, got %s", clip(name), kindOf(v))
			continue
		}
		out[name] = p
	}
	return out
}

var eventKindList = eventKindNames[1:]

func (d *decoder) event(n *yaml.Node) Event {
	e := Event{Pos: d.pos(n)}
	f, ok := d.fields(n, "events", e.Pos, "treaty", "party", "kind", "date", "earliest", "latest",
		"expected", "towards", "effective", "source", "note")
	if !ok {
		return e
	}
	e.Treaty = d.text(f["treaty"], e.Pos, "events.treaty")
	e.Party = d.text(f["party"], e.Pos, "events.party")
	if s := d.text(f["kind"], e.Pos, "events.kind"); s != "" {
		k, err := ParseEventKind(s)
		if err != nil {
			d.fail(e.Pos, "events.kind", f["kind"], "unknown event kind %q%s", clip(s), didYouMean(s, eventKindList))
		}
		e.Kind = k
	}

	before := len(d.l.probs)
	date := d.date(f["date"], e.Pos, "events.date")
	earliest := d.date(f["earliest"], e.Pos, "events.earliest")
	latest := d.date(f["latest"], e.Pos, "events.latest")
	expected := d.boolean(f["expected"], e.Pos, "events.expected")
	switch {
	case f["date"] != nil && (f["earliest"] != nil || f["latest"] != nil):
		d.problem(f["date"], "events.date", "date together with earliest or latest: give one or the other")
	case f["date"] != nil && expected:
		d.problem(f["date"], "events.date", "an expected event has earliest (and perhaps latest), not date")
	case f["date"] != nil:
		if date.IsValid() {
			e.When = On(date)
		}
	default:
		e.When = When{Earliest: earliest, Latest: latest, Expected: expected}
	}
	if len(d.l.probs) > before {
		// One problem with the date is enough: a date that did not parse is
		// not also a missing or out-of-order date.
		for _, fld := range []string{"events.date", "events.earliest", "events.latest"} {
			d.l.suppress(e.Pos, fld)
		}
	}

	e.Towards = d.text(f["towards"], e.Pos, "events.towards")
	e.Effective = d.date(f["effective"], e.Pos, "events.effective")
	e.Source = d.source(f["source"], e.Pos, "events.source")
	e.Note = d.text(f["note"], e.Pos, "events.note")
	return e
}

func (d *decoder) rule(n *yaml.Node) Rule {
	r := Rule{Pos: d.pos(n)}
	f, ok := d.fields(n, "rules", r.Pos, "id", "cites", "says", "source", "expr")
	if !ok {
		return r
	}
	r.ID = d.text(f["id"], r.Pos, "rules.id")
	r.Cites = d.text(f["cites"], r.Pos, "rules.cites")
	r.Says = d.text(f["says"], r.Pos, "rules.says")
	r.Source = d.source(f["source"], r.Pos, "rules.source")
	if x := f["expr"]; x != nil {
		r.Expr = d.text(x, r.Pos, "rules.expr")
		r.ExprPos = d.exprPos(x)
	}
	return r
}

// exprPos is the position of the first character of a scalar's text, so
// that package rules can map a column of the expression back into the file.
func (d *decoder) exprPos(n *yaml.Node) Pos {
	p := d.pos(n)
	switch {
	case n.Kind != yaml.ScalarNode:
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return d.blockStart(n)
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		p.Col++
	}
	return p
}

// blockStart finds where the text of a block scalar (| or >) begins: the
// line after its indicator, at the column of its indentation. The
// indentation is the difference between the leading spaces of the first
// non-blank line in the file and in the value (an indentation indicator can
// leave spaces in the value).
func (d *decoder) blockStart(n *yaml.Node) Pos {
	p := Pos{File: d.name, Line: n.Line + 1, Col: 1}
	if d.lines == nil {
		d.lines = bytes.Split(d.data, []byte("\n"))
	}
	for k, vl := range strings.Split(n.Value, "\n") {
		if strings.TrimSpace(vl) == "" {
			continue
		}
		i := n.Line + k // index of file line n.Line+1+k
		if i < 0 || i >= len(d.lines) {
			break
		}
		fl := d.lines[i]
		indent := (len(fl) - len(bytes.TrimLeft(fl, " "))) - (len(vl) - len(strings.TrimLeft(vl, " ")))
		p.Col = max(indent, 0) + 1
		return p
	}
	return d.pos(n)
}

func (d *decoder) organisation(n *yaml.Node) Organisation {
	o := Organisation{Pos: d.pos(n)}
	f, ok := d.fields(n, "organisations", o.Pos, "party", "constituent", "default", "founding", "statuses")
	if !ok {
		return o
	}
	o.Party = d.text(f["party"], o.Pos, "organisations.party")
	o.Constituent = d.texts(f["constituent"], o.Pos, "organisations.constituent")
	o.Default = d.text(f["default"], o.Pos, "organisations.default")
	o.Founding = d.text(f["founding"], o.Pos, "organisations.founding")
	for _, sn := range d.seq(f["statuses"], "organisations.statuses", o.Pos) {
		m := Membership{Pos: d.pos(sn)}
		sf, ok := d.fields(sn, "organisations.statuses", m.Pos, "status", "rule")
		if ok {
			m.Status = d.text(sf["status"], m.Pos, "organisations.statuses.status")
			m.Rule = d.text(sf["rule"], m.Pos, "organisations.statuses.rule")
		}
		o.Statuses = append(o.Statuses, m)
	}
	return o
}
