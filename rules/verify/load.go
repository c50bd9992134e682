package verify

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/yamlfile"
	"github.com/pacta-law/pacta/rules"
)

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
//
// Load builds under context.Background(): use LoadContext to bound the
// build by a deadline.
func Load(name string, data []byte) (*File, error) {
	return LoadContext(context.Background(), name, data)
}

// LoadContext is Load under ctx: it builds the file's engine (its overlay
// compiled and its timelines built, its assumptions applied) under ctx, and
// checks ctx before it starts and between the file's cases. When ctx ends
// it stops and returns a nil File and an error that names the file and
// wraps ctx's error (errors.Is(err, context.Canceled) or
// context.DeadlineExceeded holds; ErrInvalidCaseFile does not: the file may
// be sound). A nil ctx means context.Background().
func LoadContext(ctx context.Context, name string, data []byte) (f *File, err error) {
	if ctx == nil {
		ctx = context.Background()
	}
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, Problems{{Pos: cistreaty.Pos{File: name},
				Message: fmt.Sprintf("cannot read the case file (internal error: %v)", r)}}
		}
	}()
	if err := ctx.Err(); err != nil {
		return nil, stopped(name, err)
	}
	p := newParser(ctx, name, data)
	f = p.file()
	if p.stopped != nil {
		return nil, stopped(name, p.stopped)
	}
	if len(p.probs) > 0 {
		return nil, capped(compact(p.probs))
	}
	return f, nil
}

// stopped is the error of a load that ctx ended: err is ctx's error.
func stopped(name string, err error) error {
	return fmt.Errorf("%s: loading the case file stopped: %w", clip(name), err)
}

// LoadFS loads the case files of fsys that match the patterns (fs.Glob
// syntax; "*.yaml" when none is given), in sorted name order. It reports the
// problems of every file at once, as Load does; a pattern that matches no
// file is a problem.
//
// LoadFS builds under context.Background(): use LoadFSContext to bound it
// by a deadline.
func LoadFS(fsys fs.FS, patterns ...string) ([]*File, error) {
	return LoadFSContext(context.Background(), fsys, patterns...)
}

// LoadFSContext is LoadFS under ctx: each file loads as LoadContext loads
// it, and ctx is checked before each file. When ctx ends it stops and
// returns no files and an error that names the file it stopped at and
// wraps ctx's error, instead of the problems found so far. A nil ctx means
// context.Background().
func LoadFSContext(ctx context.Context, fsys fs.FS, patterns ...string) ([]*File, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if fsys == nil {
		return nil, Problems{{Message: "no file system to load from"}}
	}
	var probs Problems
	names, bad := yamlfile.Glob(fsys, patterns...)
	for _, msg := range bad {
		probs = append(probs, cistreaty.Problem{Message: msg})
	}
	var files []*File
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return nil, stopped(name, err)
		}
		data, err := yamlfile.ReadFS(fsys, name, "a case file")
		if err != nil {
			probs = append(probs, cistreaty.Problem{Pos: cistreaty.Pos{File: name}, Message: err.Error()})
			continue
		}
		f, err := loadInto(ctx, &probs, name, data)
		if err != nil {
			return nil, err
		}
		if f != nil {
			files = append(files, f)
		}
	}
	if len(probs) > 0 {
		return nil, capped(compact(probs))
	}
	return files, nil
}

// loadInto loads one case file under ctx, adding its problems (every error
// of LoadContext but ctx's lists them) to probs. Its error is that of a
// load ctx ended.
func loadInto(ctx context.Context, probs *Problems, name string, data []byte) (*File, error) {
	f, err := LoadContext(ctx, name, data)
	var ps Problems
	if errors.As(err, &ps) {
		*probs = append(*probs, ps...)
		return nil, nil
	}
	return f, err
}

// parser reads one case file, gathering every problem.
type parser struct {
	ctx   context.Context // the engine is built under it; it is checked between cases
	name  string
	data  []byte
	r     *yamlfile.Reader
	probs Problems
	// stopped is ctx's error once ctx has ended: the file is not read on.
	stopped error
}

func newParser(ctx context.Context, name string, data []byte) *parser {
	p := &parser{ctx: ctx, name: name, data: data}
	p.r = yamlfile.New(data, "a case file", func(q yamlfile.Problem) {
		p.probs = append(p.probs, cistreaty.Problem{Pos: cistreaty.Pos{File: name, Line: q.Line, Col: q.Col},
			Field: q.Field, Code: q.Code, Message: q.Message})
	})
	return p
}

// ended reports whether ctx has ended, keeping its error in p.stopped. An
// error the engine returns once ctx has ended is ctx's, not the file's.
func (p *parser) ended() bool {
	if p.stopped == nil {
		p.stopped = p.ctx.Err()
	}
	return p.stopped != nil
}

func (p *parser) pos(n *yaml.Node) cistreaty.Pos {
	line, col := p.r.Pos(n)
	return cistreaty.Pos{File: p.name, Line: line, Col: col}
}

func (p *parser) add(n *yaml.Node, field, format string, args ...any) {
	p.r.Report(n, field, "", format, args...)
}

// file reads the whole case file.
func (p *parser) file() *File {
	root, ok := p.r.Parse()
	if !ok {
		return nil
	}
	if root == nil {
		p.add(nil, "", "the case file is empty: it needs cases")
		return nil
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
		f.eng = p.assume(f.eng, root, top["assume"])
	}
	if p.ended() {
		return nil
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
		if p.ended() {
			return nil
		}
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
		eng, err := cisEngine(p.ctx)
		if err != nil {
			if p.ended() {
				return nil
			}
			p.absorb(err, nil)
			return nil
		}
		return eng
	}
	text, ok := p.valueText(root, ov, "overlay")
	if !ok {
		return nil
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
	files = append(files, cistreaty.File{Name: p.name, Data: text})
	ds, err := cistreaty.Load(files...)
	if err != nil {
		p.absorb(err, ov, func(q cistreaty.Problem) bool {
			// Reported above, at the overlay.
			return base == BaseNone && !hasHeader && q.Field == "dataset" && q.Pos == cistreaty.Pos{}
		})
		return nil
	}
	if p.ended() {
		return nil
	}
	eng, err := rules.New(p.ctx, ds)
	if err != nil {
		if p.ended() {
			return nil
		}
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

// valueText returns the case file's text with everything outside the value
// of the top-level key (overlay, assume) blanked out, for a loader that
// reports positions in the case file itself. In a block mapping every key
// starts a line of its own, so the next key's line bounds the value.
func (p *parser) valueText(root, n *yaml.Node, key string) ([]byte, bool) {
	if root.Style&yaml.FlowStyle != 0 {
		p.add(n, key, "a case file with an %s is written in block style, one top-level key a line", key)
		return nil, false
	}
	endLine := 0
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i+1] == n && i+2 < len(root.Content) {
			endLine = root.Content[i+2].Line
		}
	}
	return overlayText(p.data, n.Line, n.Column, endLine), true
}

// assume reads the what-if events, in the dataset's own event format, and
// applies them to eng. Their problems are the dataset loader's, under the
// field assume.
func (p *parser) assume(eng *rules.Engine, root, n *yaml.Node) *rules.Engine {
	if yamlfile.IsNull(n) {
		return eng
	}
	if n.Kind != yaml.SequenceNode {
		p.add(n, "assume", "want a sequence of events, got %s", yamlfile.KindOf(n))
		return eng
	}
	text, ok := p.valueText(root, n, "assume")
	if !ok {
		return eng
	}
	asAssume := func(q cistreaty.Problem) bool {
		if rest, ok := strings.CutPrefix(q.Field, "events"); ok {
			q.Field = "assume" + rest
		}
		if q.Pos.File == "" {
			q.Pos.File = p.name
		}
		p.probs = append(p.probs, q)
		return true
	}
	events, err := cistreaty.ReadEvents(cistreaty.File{Name: p.name, Data: text})
	if err != nil {
		p.absorb(err, n, asAssume)
		return eng
	}
	if len(events) == 0 {
		return eng
	}
	if p.ended() {
		return eng
	}
	w, err := eng.With(p.ctx, events...)
	if err != nil {
		if p.ended() {
			return eng
		}
		p.absorb(err, n, asAssume)
		return eng
	}
	return w
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
				for o := range ds.Organisations() {
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
		for t := range ds.Treaties() {
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
		for q := range ds.Parties() {
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

func isNull(n *yaml.Node) bool   { return yamlfile.IsNull(n) }
func absent(n *yaml.Node) bool   { return yamlfile.Absent(n) }
func kindOf(n *yaml.Node) string { return yamlfile.KindOf(n) }

func (p *parser) fields(n *yaml.Node, path string, known ...string) (map[string]*yaml.Node, bool) {
	return p.r.Fields(n, path, known...)
}
func (p *parser) seq(n *yaml.Node, path string) []*yaml.Node { return p.r.Seq(n, path) }
func (p *parser) text(n *yaml.Node, field string) string     { return p.r.Text(n, field) }
func (p *parser) boolean(n *yaml.Node, field string) bool    { return p.r.Bool(n, field) }

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
