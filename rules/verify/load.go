package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/textfile"
	"github.com/pacta-law/pacta/internal/yamlnode"
	"github.com/pacta-law/pacta/rules"
)

// maxFileSize bounds each case file, as cistreaty bounds dataset files.
const maxFileSize = 16 << 20

// File is a loaded case file: its cases and the engine they run against
// (the base dataset with the file's overlay, compiled, with its what-if
// assumptions applied). A File is immutable and safe for concurrent use.
type File struct {
	name  string
	eng   *rules.Engine
	cases []testCase
}

// Name returns the name the file was loaded under, used in every message
// about it.
func (f *File) Name() string { return f.name }

// Engine returns the engine the file's cases run against: the shared engine
// of the embedded CIS dataset for a file with base cis and no overlay (a
// what-if of it, with the file's assumptions), otherwise one of the file's
// own.
func (f *File) Engine() *rules.Engine { return f.eng }

// Cases returns the names of the file's cases, in file order.
func (f *File) Cases() []string {
	out := make([]string, len(f.cases))
	for i, c := range f.cases {
		out[i] = c.name
	}
	return out
}

// testCase is one case: a question and what its verdict must say.
type testCase struct {
	name   string
	why    string
	pos    cistreaty.Pos
	q      rules.Question
	expect expectation
}

// expectation is what a case checks of a verdict. Unset optional parts
// (founding, rng, grade) are not checked.
type expectation struct {
	answer      rules.Value
	determinate bool
	reason      string // with a null answer
	founding    *rules.Truth
	rng         *rules.Range
	rules       []string
	grade       cistreaty.Grade
	// checkRange: compare the verdict's range (none, when rng is nil).
	checkRange bool
}

// Load reads one case file (the format is in the package documentation),
// builds the engine its cases run against, and checks every case against
// that engine's dataset: the questions' treaties, parties, organisations,
// articles and statuses, and the rule IDs an expectation names.
//
// On any problem Load returns a nil File and one error, of type Problems,
// that lists every problem at once, sorted, each with file:line:col and the
// field it concerns; errors.Is(err, ErrInvalidCaseFile) holds. Problems of
// the overlay are the dataset loader's and the rule compiler's, at the case
// file's own lines. Load is safe for untrusted input: it never panics,
// refuses files larger than 16 MiB, and refuses YAML anchors and aliases.
func Load(name string, data []byte) (f *File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, Problems{{Pos: cistreaty.Pos{File: name},
				Message: fmt.Sprintf("cannot read the case file (internal error: %v)", r)}}
		}
	}()
	p := &parser{name: name, data: data}
	f = p.file()
	if len(p.probs) > 0 {
		return nil, compact(p.probs)
	}
	return f, nil
}

// LoadFS loads the case files of fsys that match the patterns (fs.Glob
// syntax; "*.yaml" when none is given), in sorted name order. It reports the
// problems of every file at once, as Load does; a pattern that matches no
// file is a problem.
func LoadFS(fsys fs.FS, patterns ...string) ([]*File, error) {
	if fsys == nil {
		return nil, Problems{{Message: "no file system to load from"}}
	}
	if len(patterns) == 0 {
		patterns = []string{"*.yaml"}
	}
	var probs Problems
	var names []string
	for _, pat := range patterns {
		m, err := fs.Glob(fsys, pat)
		switch {
		case err != nil:
			probs = append(probs, cistreaty.Problem{Message: fmt.Sprintf("pattern %q: %v", clip(pat), err)})
		case len(m) == 0:
			probs = append(probs, cistreaty.Problem{Message: fmt.Sprintf("pattern %q matches no file", clip(pat))})
		}
		names = append(names, m...)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	var files []*File
	for _, name := range names {
		data, err := textfile.Read(fsys, name, maxFileSize, "a case file")
		if err != nil {
			probs = append(probs, cistreaty.Problem{Pos: cistreaty.Pos{File: name}, Message: err.Error()})
			continue
		}
		f, err := Load(name, data)
		if err != nil {
			var ps Problems
			if errors.As(err, &ps) {
				probs = append(probs, ps...)
			} else {
				probs = append(probs, cistreaty.Problem{Pos: cistreaty.Pos{File: name}, Message: err.Error()})
			}
			continue
		}
		files = append(files, f)
	}
	if len(probs) > 0 {
		return nil, compact(probs)
	}
	return files, nil
}

// parser reads one case file, gathering every problem.
type parser struct {
	name  string
	data  []byte
	probs Problems
}

func (p *parser) pos(n *yaml.Node) cistreaty.Pos {
	if n == nil {
		return cistreaty.Pos{File: p.name}
	}
	return cistreaty.Pos{File: p.name, Line: n.Line, Col: n.Column}
}

func (p *parser) add(n *yaml.Node, field, format string, args ...any) {
	p.probs = append(p.probs, cistreaty.Problem{Pos: p.pos(n), Field: field, Message: fmt.Sprintf(format, args...)})
}

var yamlLineRe = regexp.MustCompile(`(?s)^yaml: line (\d+): (.*)$`)

func (p *parser) syntax(err error) {
	msg := err.Error()
	pos := cistreaty.Pos{File: p.name}
	if m := yamlLineRe.FindStringSubmatch(msg); m != nil {
		if n, err := strconv.Atoi(m[1]); err == nil {
			pos.Line = n
		}
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	p.probs = append(p.probs, cistreaty.Problem{Pos: pos, Message: "YAML syntax: " + msg})
}

// file reads the whole case file.
func (p *parser) file() *File {
	if len(p.data) > maxFileSize {
		p.add(nil, "", "file is larger than %d MiB", maxFileSize>>20)
		return nil
	}
	if !utf8.Valid(p.data) {
		p.add(nil, "", "a case file is UTF-8 text; this one is not")
		return nil
	}
	if yamlnode.TooManyNodes(p.data, yamlnode.MaxNodes) {
		p.add(nil, "", "file holds more than %d YAML values", yamlnode.MaxNodes)
		return nil
	}
	dec := yaml.NewDecoder(bytes.NewReader(p.data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if err == io.EOF {
			p.add(nil, "", "the case file is empty: it needs cases")
		} else {
			p.syntax(err)
		}
		return nil
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		p.add(&next, "", "a case file holds one YAML document; this is another")
		return nil
	case err != io.EOF:
		p.syntax(err)
		return nil
	}
	if p.anchors(&doc) {
		return nil
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			p.add(nil, "", "the case file is empty: it needs cases")
			return nil
		}
		root = root.Content[0]
	}
	top, ok := p.fields(root, "", "base", "overlay", "assume", "cases")
	if !ok {
		return nil
	}
	f := &File{name: p.name}

	base := BaseCIS
	if n := top["base"]; n != nil {
		switch s := p.text(n, "base"); s {
		case BaseCIS, BaseNone:
			base = s
		default:
			p.add(n, "base", "unknown base %q (want cis or none)%s", clip(s), didYouMean(s, []string{BaseCIS, BaseNone}))
			base = ""
		}
	}

	if base != "" {
		f.eng = p.engine(root, base, top)
	}
	if f.eng != nil && top["assume"] != nil {
		f.eng = p.assume(f.eng, top["assume"])
	}

	seen := map[string]*yaml.Node{}
	items := p.seq(top["cases"], "cases")
	switch cn := top["cases"]; {
	case cn == nil:
		p.add(root, "cases", "missing cases: a case file needs at least one case")
	case len(items) == 0 && (isNull(cn) || cn.Kind == yaml.SequenceNode):
		p.add(cn, "cases", "a case file needs at least one case")
	}
	for _, n := range items {
		c, nameNode, ok := p.testCase(n, f.eng)
		if c.name != "" {
			if first, dup := seen[c.name]; dup {
				p.add(nameNode, "cases.name", "case %q given twice (first at line %d)", clip(c.name), first.Line)
				continue
			}
			seen[c.name] = nameNode
		}
		if ok {
			f.cases = append(f.cases, c)
		}
	}
	return f
}

// anchors reports every anchor and alias: an alias can make a small file
// expand enormously, and a case file has no need of them.
func (p *parser) anchors(root *yaml.Node) bool {
	found := yamlnode.Anchors(root, 1000)
	for _, n := range found {
		p.add(n, "", "anchors and aliases are not allowed")
	}
	return len(found) > 0
}

// engine builds the engine the cases run against: the shared CIS engine, or
// one over the base files and the overlay.
func (p *parser) engine(root *yaml.Node, base string, top map[string]*yaml.Node) *rules.Engine {
	ov := top["overlay"]
	if ov != nil && !isNull(ov) && ov.Kind != yaml.MappingNode {
		p.add(ov, "overlay", "want a mapping holding a dataset document (parties, treaties, events, rules, organisations), got %s", kindOf(ov))
		return nil
	}
	if ov == nil || len(ov.Content) == 0 {
		if base == BaseNone {
			p.add(root, "overlay", "with base none the overlay is the whole dataset: give one, with its header (dataset: {name, version, record_as_of})")
			return nil
		}
		eng, err := cisEngine()
		if err != nil {
			p.absorb(err, nil)
			return nil
		}
		return eng
	}
	if root.Style&yaml.FlowStyle != 0 {
		p.add(ov, "overlay", "a case file with an overlay is written in block style, one top-level key a line")
		return nil
	}
	endLine := 0
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i+1] == ov && i+2 < len(root.Content) {
			endLine = root.Content[i+2].Line
		}
	}
	hasHeader := false
	for i := 0; i+1 < len(ov.Content); i += 2 {
		if ov.Content[i].Value == "dataset" {
			hasHeader = true
		}
	}
	var files []cistreaty.File
	if base == BaseCIS {
		var err error
		if files, err = cistreaty.DefaultFiles(); err != nil {
			p.absorb(err, ov)
			return nil
		}
	} else if !hasHeader {
		p.add(ov, "overlay", "with base none the overlay is the whole dataset and needs its header (dataset: {name, version, record_as_of})")
	}
	files = append(files, cistreaty.File{Name: p.name, Data: overlayText(p.data, ov.Line, ov.Column, endLine)})
	ds, err := cistreaty.Load(files...)
	if err != nil {
		p.absorb(err, ov, func(q cistreaty.Problem) bool {
			// Reported above, at the overlay.
			return base == BaseNone && !hasHeader && q.Field == "dataset" && q.Pos == cistreaty.Pos{}
		})
		return nil
	}
	eng, err := rules.New(context.Background(), ds)
	if err != nil {
		p.absorb(err, ov)
		return nil
	}
	return eng
}

// absorb adds the problems an error of package cistreaty or rules lists;
// any other error becomes one problem at n. Problems that skip reports are
// left out.
func (p *parser) absorb(err error, n *yaml.Node, skip ...func(cistreaty.Problem) bool) {
	var ps cistreaty.Problems
	var ce *rules.CompileError
	switch {
	case errors.As(err, &ce):
		ps = ce.Problems
	case errors.As(err, &ps):
	default:
		p.add(n, "", "%v", err)
		return
	}
outer:
	for _, q := range ps {
		for _, s := range skip {
			if s(q) {
				continue outer
			}
		}
		if q.Pos.File == "" {
			q.Pos.File = p.name
		}
		p.probs = append(p.probs, q)
	}
}

// assume reads the what-if events and applies them to eng.
func (p *parser) assume(eng *rules.Engine, n *yaml.Node) *rules.Engine {
	before := len(p.probs)
	var events []cistreaty.Event
	for _, item := range p.seq(n, "assume") {
		if ev, ok := p.event(item, eng.Dataset()); ok {
			events = append(events, ev)
		}
	}
	if len(p.probs) > before || len(events) == 0 {
		return eng
	}
	w, err := eng.With(context.Background(), events...)
	if err != nil {
		p.absorb(err, n)
		return eng
	}
	return w
}

// event reads one assumed event, in the dataset format of events.
func (p *parser) event(n *yaml.Node, ds *cistreaty.Dataset) (cistreaty.Event, bool) {
	ev := cistreaty.Event{Pos: p.pos(n)}
	f, ok := p.fields(n, "assume", "treaty", "party", "kind", "date", "earliest", "latest", "expected",
		"towards", "effective", "source", "note")
	if !ok {
		return ev, false
	}
	before := len(p.probs)
	ev.Treaty = p.text(f["treaty"], "assume.treaty")
	ev.Party = p.text(f["party"], "assume.party")
	ev.Towards = p.text(f["towards"], "assume.towards")
	ev.Note = p.text(f["note"], "assume.note")
	if ev.Treaty != "" {
		p.checkTreaty(ds, f["treaty"], "assume.treaty", ev.Treaty)
	}
	for _, k := range []string{"party", "towards"} {
		if s := p.text(f[k], "assume."+k); s != "" {
			p.checkParty(ds, f[k], "assume."+k, s)
		}
	}
	if s := p.text(f["kind"], "assume.kind"); s != "" {
		k, err := cistreaty.ParseEventKind(s)
		if err != nil {
			var names []string
			for _, k := range cistreaty.EventKinds() {
				names = append(names, k.String())
			}
			p.add(f["kind"], "assume.kind", "unknown event kind %q%s", clip(s), didYouMean(s, names))
		}
		ev.Kind = k
	} else {
		p.add(n, "assume.kind", "missing kind")
	}
	date := p.date(f["date"], "assume.date")
	earliest := p.date(f["earliest"], "assume.earliest")
	latest := p.date(f["latest"], "assume.latest")
	ev.When.Expected = p.boolean(f["expected"], "assume.expected")
	switch {
	case date.IsValid() && (earliest.IsValid() || latest.IsValid()):
		p.add(f["date"], "assume.date", "an event has a date, or earliest and latest, not both")
	case date.IsValid():
		ev.When.Earliest, ev.When.Latest = date, date
	case earliest.IsValid():
		ev.When.Earliest, ev.When.Latest = earliest, latest
	case f["date"] == nil && f["earliest"] == nil:
		p.add(n, "assume.date", "missing date (or earliest and latest)")
	}
	if ev.When.Expected && date.IsValid() {
		// An expected event has no fixed day: it runs from earliest.
		ev.When.Latest = cistreaty.Date{}
	}
	ev.Effective = p.date(f["effective"], "assume.effective")
	if sn := f["source"]; sn != nil {
		sf, ok := p.fields(sn, "assume.source", "cite", "url", "grade")
		if ok {
			ev.Source.Citation = p.text(sf["cite"], "assume.source.cite")
			ev.Source.URL = p.text(sf["url"], "assume.source.url")
			if g := p.text(sf["grade"], "assume.source.grade"); g != "" {
				grade, err := cistreaty.ParseGrade(g)
				if err != nil {
					p.add(sf["grade"], "assume.source.grade", "unknown grade %q (want P, S or U)", clip(g))
				}
				ev.Source.Grade = grade
			}
		}
	}
	return ev, len(p.probs) == before
}

// questionFields says, for each question, the fields it needs and the ones
// it may have (rules.Questions): an input with a default (org) may be left
// out; every date must be given.
func questionFields(kind rules.QuestionKind) (required, optional []string, ok bool) {
	spec, ok := rules.QuestionFor(kind)
	for _, in := range spec.Inputs {
		if in.Required && in.Default == "" {
			required = append(required, in.Name)
		} else {
			optional = append(optional, in.Name)
		}
	}
	return required, optional, ok
}

// a returns the question's name with its article: "a bound", "an eif".
func a(kind rules.QuestionKind) string {
	if strings.ContainsAny(string(kind)[:min(1, len(kind))], "aeiou") {
		return "an " + string(kind)
	}
	return "a " + string(kind)
}

// testCase reads one case and checks it against the engine's dataset (when
// there is an engine: without one, only its form is checked).
func (p *parser) testCase(n *yaml.Node, eng *rules.Engine) (testCase, *yaml.Node, bool) {
	c := testCase{pos: p.pos(n)}
	f, ok := p.fields(n, "cases", "name", "why", "question", "treaty", "party", "towards", "org",
		"article", "on", "notice", "effective", "expect")
	if !ok {
		return c, nil, false
	}
	before := len(p.probs)
	var ds *cistreaty.Dataset
	if eng != nil {
		ds = eng.Dataset()
	}
	c.name = p.text(f["name"], "cases.name")
	if c.name == "" {
		p.add(n, "cases.name", "missing name: every case has a name of its own")
	}
	c.why = p.text(f["why"], "cases.why")

	kind := rules.QuestionKind(p.text(f["question"], "cases.question"))
	required, optional, known := questionFields(kind)
	switch {
	case f["question"] == nil || kind == "":
		p.add(n, "cases.question", "missing question (%s)", strings.Join(rules.QuestionKinds(), ", "))
	case !known:
		p.add(f["question"], "cases.question", "unknown question %q (want %s)%s", clip(string(kind)),
			strings.Join(rules.QuestionKinds(), ", "), didYouMean(string(kind), rules.QuestionKinds()))
	}
	q := rules.Question{Kind: kind}
	q.Treaty = p.text(f["treaty"], "cases.treaty")
	q.Article = p.text(f["article"], "cases.article")
	q.Party = p.text(f["party"], "cases.party")
	q.Towards = p.text(f["towards"], "cases.towards")
	q.Org = p.text(f["org"], "cases.org")
	q.On = p.date(f["on"], "cases.on")
	q.Notice = p.date(f["notice"], "cases.notice")
	q.Effective = p.date(f["effective"], "cases.effective")
	if known {
		for _, k := range rules.InputNames() {
			switch {
			case slices.Contains(required, k) && absent(f[k]):
				if f[k] == nil {
					p.add(n, "cases."+k, "missing %s (%s question needs %s)", k, a(kind), strings.Join(required, ", "))
				} else {
					p.add(f[k], "cases."+k, "missing %s (%s question needs %s)", k, a(kind), strings.Join(required, ", "))
				}
			case f[k] != nil && !slices.Contains(required, k) && !slices.Contains(optional, k):
				p.add(f[k], "cases."+k, "%s question has no %s", a(kind), k)
			}
		}
	}
	if spec, ok := rules.QuestionFor(kind); ok && q.Org == "" {
		if in, ok := spec.Input("org"); ok {
			q.Org = in.Default
		}
	}
	if q.Party != "" && q.Party == q.Towards {
		p.add(f["towards"], "cases.towards", "a party is not bound towards itself")
	}
	if q.Notice.IsValid() && q.Effective.IsValid() && q.Effective.Before(q.Notice) {
		p.add(f["effective"], "cases.effective", "the named effective date %s is before the notice %s", q.Effective, q.Notice)
	}
	var statuses []string
	if ds != nil {
		t := p.checkTreaty(ds, f["treaty"], "cases.treaty", q.Treaty)
		p.checkParty(ds, f["party"], "cases.party", q.Party)
		p.checkParty(ds, f["towards"], "cases.towards", q.Towards)
		if t != nil && q.Article != "" && kind == rules.QuestionObliged {
			if _, ok := t.Obligation(q.Article); !ok {
				var arts []string
				for _, o := range t.Obligations {
					arts = append(arts, o.Article)
				}
				p.add(f["article"], "cases.article", "treaty %s has no obligation under article %q%s", t.ID, clip(q.Article), didYouMean(q.Article, arts))
			}
		}
		if kind == rules.QuestionStatus && q.Org != "" {
			if o, ok := ds.Organisation(q.Org); ok {
				for _, m := range o.Statuses {
					statuses = append(statuses, m.Status)
				}
				statuses = append(statuses, o.Default)
				slices.Sort(statuses)
				statuses = slices.Compact(statuses)
			} else {
				var orgs []string
				for _, o := range ds.Organisations() {
					orgs = append(orgs, o.Party)
				}
				at := f["org"]
				if at == nil {
					at = n
				}
				p.add(at, "cases.org", "unknown organisation %q%s", clip(q.Org), didYouMean(q.Org, orgs))
			}
		}
	}
	c.q = q

	if en := f["expect"]; en == nil || isNull(en) {
		p.add(n, "cases.expect", "missing expect: what the verdict must say (at least its answer)")
	} else {
		c.expect = p.expectation(en, kind, known, statuses, eng)
	}
	return c, f["name"], len(p.probs) == before
}

func (p *parser) checkTreaty(ds *cistreaty.Dataset, n *yaml.Node, field, id string) *cistreaty.Treaty {
	if ds == nil || id == "" {
		return nil
	}
	t, ok := ds.Treaty(id)
	if !ok {
		var ids []string
		for _, t := range ds.Treaties() {
			ids = append(ids, t.ID)
		}
		p.add(n, field, "unknown treaty %q%s", clip(id), didYouMean(id, ids))
		return nil
	}
	return &t
}

func (p *parser) checkParty(ds *cistreaty.Dataset, n *yaml.Node, field, id string) {
	if ds == nil || id == "" {
		return
	}
	if _, ok := ds.Party(id); !ok {
		var ids []string
		for _, q := range ds.Parties() {
			ids = append(ids, q.ID)
		}
		p.add(n, field, "unknown party %q%s", clip(id), didYouMean(id, ids))
	}
}

var reasons = []string{rules.ReasonNotParty, rules.ReasonNotYet, rules.ReasonEnded, rules.ReasonUnknown}

// expectation reads a case's expect mapping; what its answer may be depends
// on the question.
func (p *parser) expectation(n *yaml.Node, kind rules.QuestionKind, known bool, statuses []string, eng *rules.Engine) expectation {
	var e expectation
	f, ok := p.fields(n, "cases.expect", "answer", "determinate", "reason", "founding", "range", "rules", "grade")
	if !ok {
		return e
	}
	an := f["answer"]
	null := false
	switch {
	case an == nil:
		p.add(n, "cases.expect.answer", "missing answer (true, false, a date, a status, or null)")
	case an.Kind != yaml.ScalarNode:
		p.add(an, "cases.expect.answer", "want true, false, a date, a status or null, got %s", kindOf(an))
	case isNull(an):
		null = true
	case !known:
	default:
		switch kind {
		case rules.QuestionBound, rules.QuestionVCLT, rules.QuestionObliged:
			if an.ShortTag() != "!!bool" {
				p.add(an, "cases.expect.answer", "%s question answers true, false or null, not %q", a(kind), clip(an.Value))
				break
			}
			b := strings.EqualFold(an.Value, "true")
			e.answer.Bool = &b
		case rules.QuestionEIF, rules.QuestionWithdrawal:
			d, err := cistreaty.ParseDate(an.Value)
			if err != nil || an.ShortTag() == "!!bool" {
				p.add(an, "cases.expect.answer", "%s question answers a date (YYYY-MM-DD) or null, not %q", a(kind), clip(an.Value))
				break
			}
			e.answer.Date = d
		case rules.QuestionStatus:
			s := an.Value
			if an.ShortTag() == "!!bool" || s == "" {
				p.add(an, "cases.expect.answer", "a status question answers a status or null, not %q", clip(s))
				break
			}
			if statuses != nil && !slices.Contains(statuses, s) {
				p.add(an, "cases.expect.answer", "unknown status %q (the organisation's are %s)%s", clip(s), strings.Join(statuses, ", "), didYouMean(s, statuses))
			}
			e.answer.Status = s
		}
	}

	if rn := f["reason"]; rn != nil {
		r := p.text(rn, "cases.expect.reason")
		switch {
		case !slices.Contains(reasons, r):
			p.add(rn, "cases.expect.reason", "unknown reason %q (want %s)%s", clip(r), strings.Join(reasons, ", "), didYouMean(r, reasons))
		case !null && an != nil:
			p.add(rn, "cases.expect.reason", "a reason goes with a null answer")
		case r != rules.ReasonUnknown && known && kind != rules.QuestionEIF && kind != rules.QuestionWithdrawal &&
			!(kind == rules.QuestionVCLT && r == rules.ReasonNotParty):
			p.add(rn, "cases.expect.reason", "a null answer to %s question means the record does not settle it: its reason is unknown", a(kind))
		}
		e.reason = r
	} else if null && known {
		switch kind {
		case rules.QuestionEIF, rules.QuestionWithdrawal:
			p.add(n, "cases.expect.reason", "a null answer to %s question needs its reason (%s)", a(kind), strings.Join(reasons, ", "))
		default:
			e.reason = rules.ReasonUnknown
		}
	}
	e.determinate = !(null && e.reason == rules.ReasonUnknown)
	if dn := f["determinate"]; dn != nil {
		e.determinate = p.boolean(dn, "cases.expect.determinate")
	}

	if fn := f["founding"]; fn != nil {
		if known && kind != rules.QuestionStatus {
			p.add(fn, "cases.expect.founding", "founding belongs to status questions")
		}
		t := rules.Indeterminate
		switch {
		case isNull(fn):
		case fn.Kind == yaml.ScalarNode && fn.ShortTag() == "!!bool":
			if strings.EqualFold(fn.Value, "true") {
				t = rules.True
			} else {
				t = rules.False
			}
		default:
			p.add(fn, "cases.expect.founding", "want true, false or null")
		}
		e.founding = &t
	}

	if rn := f["range"]; rn != nil {
		switch {
		case known && kind != rules.QuestionEIF && kind != rules.QuestionWithdrawal:
			p.add(rn, "cases.expect.range", "a range belongs to eif and withdrawal questions")
		case !null && an != nil:
			p.add(rn, "cases.expect.range", "a range goes with a null answer the record does not settle")
		}
		if rf, ok := p.fields(rn, "cases.expect.range", "earliest", "latest"); ok {
			r := rules.Range{
				Earliest: p.date(rf["earliest"], "cases.expect.range.earliest"),
				Latest:   p.date(rf["latest"], "cases.expect.range.latest"),
			}
			if rf["earliest"] == nil {
				p.add(rn, "cases.expect.range.earliest", "missing earliest")
			}
			if r.Earliest.IsValid() && r.Latest.IsValid() && r.Latest.Before(r.Earliest) {
				p.add(rf["latest"], "cases.expect.range.latest", "latest %s is before earliest %s", r.Latest, r.Earliest)
			}
			e.rng = &r
		}
	}
	e.checkRange = e.rng != nil || !null

	if rn := f["rules"]; rn != nil {
		var ids []string
		if eng != nil {
			ids = eng.RuleIDs()
		}
		for _, item := range p.seq(rn, "cases.expect.rules") {
			id := p.text(item, "cases.expect.rules")
			if id == "" {
				continue
			}
			if eng != nil && !strings.HasPrefix(id, "record/") && !slices.Contains(ids, id) {
				p.add(item, "cases.expect.rules", "unknown rule %q%s", clip(id), didYouMean(id, ids))
			}
			e.rules = append(e.rules, id)
		}
	}

	if gn := f["grade"]; gn != nil {
		g := p.text(gn, "cases.expect.grade")
		grade, err := cistreaty.ParseGrade(g)
		if err != nil {
			p.add(gn, "cases.expect.grade", "unknown grade %q (want P, S or U)", clip(g))
		}
		e.grade = grade
	}
	return e
}

func isNull(n *yaml.Node) bool   { return yamlnode.IsNull(n) }
func absent(n *yaml.Node) bool   { return yamlnode.Absent(n) }
func kindOf(n *yaml.Node) string { return yamlnode.KindOf(n) }

// fields reads a mapping whose keys must be among known. Unknown and
// repeated keys are problems. ok is false when n is not a mapping.
func (p *parser) fields(n *yaml.Node, path string, known ...string) (map[string]*yaml.Node, bool) {
	if n.Kind != yaml.MappingNode {
		if path == "" {
			p.add(n, path, "the case file: want a mapping, got %s", kindOf(n))
		} else {
			p.add(n, path, "want a mapping, got %s", kindOf(n))
		}
		return nil, false
	}
	f := make(map[string]*yaml.Node, len(n.Content)/2)
	keys := make(map[string]*yaml.Node, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.add(k, path, "want a key, got %s", kindOf(k))
			continue
		}
		name := k.Value
		if !slices.Contains(known, name) {
			p.add(k, path, "unknown key %q%s", clip(name), didYouMean(name, known))
			continue
		}
		if first, dup := keys[name]; dup {
			p.add(k, path, "key %q given twice (first at line %d)", clip(name), first.Line)
			continue
		}
		keys[name] = k
		f[name] = v
	}
	return f, true
}

// seq reads a sequence; null is an empty one.
func (p *parser) seq(n *yaml.Node, path string) []*yaml.Node {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		p.add(n, path, "want a sequence, got %s", kindOf(n))
		return nil
	}
	return n.Content
}

// text reads a scalar as written: "2" stays "2".
func (p *parser) text(n *yaml.Node, field string) string {
	if n == nil {
		return ""
	}
	if n.Kind != yaml.ScalarNode {
		p.add(n, field, "want a text, got %s", kindOf(n))
		return ""
	}
	switch tag := n.ShortTag(); tag {
	case "!!null":
		return ""
	case "!!str", "!!int", "!!float", "!!bool", "!!timestamp":
		return n.Value
	default:
		p.add(n, field, "want a text, got a value tagged %s", clip(tag))
		return ""
	}
}

func (p *parser) date(n *yaml.Node, field string) cistreaty.Date {
	s := p.text(n, field)
	if s == "" {
		return cistreaty.Date{}
	}
	d, err := cistreaty.ParseDate(s)
	if err != nil {
		p.add(n, field, "%v", err)
		return cistreaty.Date{}
	}
	return d
}

func (p *parser) boolean(n *yaml.Node, field string) bool {
	if isNull(n) {
		return false
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!bool" {
		return strings.EqualFold(n.Value, "true")
	}
	p.add(n, field, "want true or false")
	return false
}
