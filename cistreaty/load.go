package cistreaty

import (
	"fmt"
	"io/fs"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pacta-law/pacta/internal/yamlfile"
)

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
	l := newLoader()
	names, bad := yamlfile.Glob(fsys, patterns...)
	for _, msg := range bad {
		l.unreadableAt(Pos{}, msg)
	}
	for _, name := range names {
		if l.full {
			break
		}
		data, err := yamlfile.ReadFS(fsys, name, "a dataset file")
		if err != nil {
			l.unreadable(name, err.Error())
			continue
		}
		l.file(name, data)
	}
	return l.finish()
}

// ReadEvents reads events in the dataset's own format from a file whose
// root is a sequence of events (or nothing), for assumptions a program
// reads from YAML: each event keeps its file position, and each field is
// decoded and checked as Load does. What needs a dataset (known treaties
// and parties, dates that fit the record) is checked when the events are
// added to one with Dataset.With. On any problem ReadEvents returns nil and
// Problems, as Load does.
func ReadEvents(f File) ([]Event, error) {
	l := newLoader()
	d := newDecoder(l, f.Name, f.Data)
	root, _ := d.r.Parse()
	var events []Event
	decodeAll(d, root, "events", &events, d.event)
	if len(l.probs) > 0 {
		if l.full {
			l.probs = append(l.probs, Problem{Message: fmt.Sprintf("too many problems: stopped after %d", maxProblems)})
		}
		sortProblems(l.probs)
		return nil, l.probs
	}
	return events, nil
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

func (l *loader) add(p Problem) {
	if len(l.probs) >= maxProblems {
		l.full = true
		return
	}
	l.probs = append(l.probs, p)
}

// unreadable reports a file that could not be read or decoded at all. The
// header may have been in it, so its absence is not reported as well.
func (l *loader) unreadable(file, msg string) { l.unreadableAt(Pos{File: file}, msg) }

func (l *loader) unreadableAt(pos Pos, msg string) {
	l.add(Problem{Pos: pos, Code: yamlfile.CodeRead, Message: msg})
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
	ds.checked = true
	return ds, nil
}

// file decodes one file into the loader's dataset.
func (l *loader) file(name string, data []byte) {
	d := newDecoder(l, name, data)
	root, ok := d.r.Parse()
	if !ok {
		l.suppress(Pos{}, "dataset")
		return
	}
	if root != nil {
		d.document(root)
	}
}

// decoder walks the node tree of one file by hand, so that every value keeps
// its line and column and every unknown key is seen.
type decoder struct {
	l    *loader
	name string
	r    *yamlfile.Reader
	// owner is the position of the value being decoded, at which
	// validation reports its problems: a field that fails to decode is not
	// reported again there.
	owner Pos
}

func newDecoder(l *loader, name string, data []byte) *decoder {
	d := &decoder{l: l, name: name}
	d.r = yamlfile.New(data, "a dataset file", func(p yamlfile.Problem) {
		l.add(Problem{Pos: Pos{File: name, Line: p.Line, Col: p.Col}, Field: p.Field, Code: p.Code, Message: p.Message})
		if p.Code == yamlfile.CodeType {
			l.suppress(d.owner, p.Field)
		}
	})
	return d
}

func (d *decoder) pos(n *yaml.Node) Pos {
	line, col := d.r.Pos(n)
	return Pos{File: d.name, Line: line, Col: col}
}

func (d *decoder) problem(n *yaml.Node, field, code, format string, args ...any) {
	d.r.Report(n, field, code, format, args...)
}

// fail reports a problem at n and marks field of the value at owner as
// reported, so that validation does not report it again.
func (d *decoder) fail(owner Pos, field string, n *yaml.Node, format string, args ...any) {
	d.owner = owner
	d.r.Report(n, field, yamlfile.CodeType, format, args...)
}

func (d *decoder) fields(n *yaml.Node, path string, owner Pos, known ...string) (map[string]*yaml.Node, bool) {
	d.owner = owner
	return d.r.Fields(n, path, known...)
}

func (d *decoder) seq(n *yaml.Node, path string, owner Pos) []*yaml.Node {
	d.owner = owner
	return d.r.Seq(n, path)
}

func (d *decoder) text(n *yaml.Node, owner Pos, field string) string {
	d.owner = owner
	return d.r.Text(n, field)
}

func (d *decoder) texts(n *yaml.Node, owner Pos, field string) []string {
	d.owner = owner
	return d.r.Texts(n, field)
}

func (d *decoder) boolean(n *yaml.Node, owner Pos, field string) bool {
	d.owner = owner
	return d.r.Bool(n, field)
}

func (d *decoder) date(n *yaml.Node, owner Pos, field string) Date {
	return parsed(d, n, owner, field, ParseDate)
}

// parsed reads a text and parses it; a text that does not parse is a
// problem, and the zero value.
func parsed[T any](d *decoder, n *yaml.Node, owner Pos, field string, parse func(string) (T, error)) T {
	var zero T
	s := d.text(n, owner, field)
	if s == "" {
		return zero
	}
	v, err := parse(s)
	if err != nil {
		d.fail(owner, field, n, "%v", err)
		return zero
	}
	return v
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
	s.Grade = parsed(d, f["grade"], owner, field+".grade", ParseGrade)
	return s
}

// document decodes the top-level keys of one file.
func (d *decoder) document(root *yaml.Node) {
	f, ok := d.fields(root, "", Pos{File: d.name}, "dataset", "parties", "treaties", "events", "rules", "organisations")
	if !ok {
		d.l.suppress(Pos{}, "dataset")
		return
	}
	if n := f["dataset"]; n != nil {
		d.header(n)
	}
	ds := &d.l.ds
	decodeAll(d, f["parties"], "parties", &ds.parties, d.party)
	decodeAll(d, f["treaties"], "treaties", &ds.treaties, d.treaty)
	decodeAll(d, f["events"], "events", &ds.events, d.event)
	decodeAll(d, f["rules"], "rules", &ds.rules, d.rule)
	decodeAll(d, f["organisations"], "organisations", &ds.orgs, d.organisation)
}

// decodeAll decodes the items of a top-level list into out. A hostile file
// can hold millions of broken entries: it stops once the list of problems
// is full.
func decodeAll[T any](d *decoder, n *yaml.Node, field string, out *[]T, one func(*yaml.Node) T) {
	for _, item := range d.seq(n, field, Pos{File: d.name}) {
		if d.l.full {
			return
		}
		*out = append(*out, one(item))
	}
}

// header decodes the dataset header. Validation knows no position for it,
// so the checks that need one are made here.
func (d *decoder) header(n *yaml.Node) {
	l := d.l
	pos := d.pos(n)
	if l.haveHeader {
		d.problem(n, "dataset", yamlfile.CodeRepeated, "dataset header given twice (first at %s)", l.headerPos)
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
		if yamlfile.Absent(f[k]) {
			d.problem(n, "dataset."+k, codeMissing, "missing %s", k)
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
	p.Kind = parsed(d, f["kind"], p.Pos, "parties.kind", ParsePartyKind)
	p.Continues = d.text(f["continues"], p.Pos, "parties.continues")
	p.ContinuitySource = d.source(f["continuity_source"], p.Pos, "parties.continuity_source")
	return p
}

func (d *decoder) treaty(n *yaml.Node) Treaty {
	t := Treaty{Pos: d.pos(n)}
	f, ok := d.fields(n, "treaties", t.Pos, "id", "title", "title_ru", "concluded", "place", "depositary",
		"domains", "participation", "source", "clauses", "obligations", "displaces", "not_parties", "applies", "note")
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
	t.Participation = parsed(d, f["participation"], t.Pos, "treaties.participation", ParseParticipation)
	t.Source = d.source(f["source"], t.Pos, "treaties.source")
	t.Note = d.text(f["note"], t.Pos, "treaties.note")
	t.Applies = d.text(f["applies"], t.Pos, "treaties.applies")

	if cf, ok := d.fields(f["clauses"], "treaties.clauses", t.Pos,
		"entry_into_force", "later_parties", "withdrawal", "term"); ok {
		t.Clauses.EntryIntoForce = d.clause(cf["entry_into_force"], "treaties.clauses.entry_into_force")
		t.Clauses.LaterParties = d.clause(cf["later_parties"], "treaties.clauses.later_parties")
		t.Clauses.Withdrawal = d.clause(cf["withdrawal"], "treaties.clauses.withdrawal")
		t.Clauses.Term = d.clause(cf["term"], "treaties.clauses.term")
	}
	for _, on := range d.seq(f["obligations"], "treaties.obligations", t.Pos) {
		o := Obligation{Pos: d.pos(on)}
		of, ok := d.fields(on, "treaties.obligations", o.Pos, "article", "text", "lang", "text_en", "source", "condition")
		if ok {
			o.Article = d.text(of["article"], o.Pos, "treaties.obligations.article")
			o.Text = d.text(of["text"], o.Pos, "treaties.obligations.text")
			o.Lang = d.text(of["lang"], o.Pos, "treaties.obligations.lang")
			o.TextEN = d.text(of["text_en"], o.Pos, "treaties.obligations.text_en")
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
	for _, nn := range d.seq(f["not_parties"], "treaties.not_parties", t.Pos) {
		x := NotParty{Pos: d.pos(nn)}
		nf, ok := d.fields(nn, "treaties.not_parties", x.Pos, "party", "source", "note")
		if ok {
			x.Party = d.text(nf["party"], x.Pos, "treaties.not_parties.party")
			x.Source = d.source(nf["source"], x.Pos, "treaties.not_parties.source")
			x.Note = d.text(nf["note"], x.Pos, "treaties.not_parties.note")
		}
		t.NotParties = append(t.NotParties, x)
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
	f, ok := d.fields(n, field, c.Pos, "template", "params", "rule", "cites", "says", "lang", "says_en", "reading", "source")
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
	c.Lang = d.text(f["lang"], c.Pos, field+".lang")
	c.SaysEN = d.text(f["says_en"], c.Pos, field+".says_en")
	c.Reading = d.text(f["reading"], c.Pos, field+".reading")
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
					d.fail(owner, field, item, "parameter %q: want a scalar or a list of scalars, got a list holding %s", clip(name), yamlfile.KindOf(item))
					continue
				}
				p.List = append(p.List, d.text(item, owner, field))
			}
		case yaml.ScalarNode:
			p.Scalar = d.text(v, owner, field)
		default:
			d.fail(owner, field, v, "parameter %q: want a scalar or a list of scalars, got %s", clip(name), yamlfile.KindOf(v))
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
		d.problem(f["date"], "events.date", codeDate, "date together with earliest or latest: give one or the other")
	case f["date"] != nil && expected:
		d.problem(f["date"], "events.date", codeDate, "an expected event has earliest (and perhaps latest), not date")
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
	f, ok := d.fields(n, "rules", r.Pos, "id", "cites", "says", "lang", "says_en", "reading", "source", "expr")
	if !ok {
		return r
	}
	r.ID = d.text(f["id"], r.Pos, "rules.id")
	r.Cites = d.text(f["cites"], r.Pos, "rules.cites")
	r.Says = d.text(f["says"], r.Pos, "rules.says")
	r.Lang = d.text(f["lang"], r.Pos, "rules.lang")
	r.SaysEN = d.text(f["says_en"], r.Pos, "rules.says_en")
	r.Reading = d.text(f["reading"], r.Pos, "rules.reading")
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
	line, col := d.r.TextStart(n)
	return Pos{File: d.name, Line: line, Col: col}
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
