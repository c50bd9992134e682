package rules

import (
	"errors"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/yamlfile"
)

// ParamType is the type of a clause template's parameter.
type ParamType string

const (
	ParamInt      ParamType = "int"
	ParamString   ParamType = "string"
	ParamDate     ParamType = "date"
	ParamKinds    ParamType = "kinds" // a list of event kinds
	ParamMonthEnd ParamType = "month-end"
)

// ParamDecl declares one parameter of a template, with its default when it
// may be left out.
type ParamDecl struct {
	Name     string
	Type     ParamType
	Default  string // empty: required
	Optional bool
}

// Template is a clause template: a rule whose expression reads `params`, so
// that every treaty using it shares one compiled program.
type Template struct {
	Name   string // what a treaty's clause names, e.g. "nth-instrument"
	Rule   cistreaty.Rule
	Params []ParamDecl
	// Decides says which clause the template can stand for:
	// "entry-into-force", "withdrawal" or "term".
	Decides string
}

// RuleFile is a parsed rule file: templates and rules.
type RuleFile struct {
	Templates []Template
	Rules     []cistreaty.Rule
}

// ErrInvalidRuleFile is matched by errors.Is for every error of
// ParseRuleFile: a *RuleFileError.
var ErrInvalidRuleFile = errors.New("invalid rule file")

// RuleFileError lists every problem of a rule file, sorted, each with
// file:line:col and the field it concerns. It matches ErrInvalidRuleFile with
// errors.Is (and not cistreaty.ErrInvalidDataset: a rule file is no
// dataset).
type RuleFileError struct{ Problems []cistreaty.Problem }

// Error lists every problem, one a line.
func (e *RuleFileError) Error() string { return cistreaty.Problems(e.Problems).Error() }

// Is makes errors.Is(err, ErrInvalidRuleFile) hold.
func (e *RuleFileError) Is(target error) bool { return target == ErrInvalidRuleFile }

// ParseRuleFile reads a rule file: a mapping with templates and rules (see
// the law's files for the form). Every problem is reported at once, as a
// *RuleFileError; keys the format does not know are problems. It reads
// untrusted input as the dataset loader does: it never panics, and it
// refuses files larger than 16 MiB, with more than a million YAML values, or
// with anchors and aliases.
func ParseRuleFile(name string, data []byte) (RuleFile, error) {
	p := &rfParser{file: name}
	p.r = yamlfile.New(data, "a rule file", func(q yamlfile.Problem) {
		if len(p.probs) < maxFileProblems {
			p.probs = append(p.probs, cistreaty.Problem{Pos: cistreaty.Pos{File: name, Line: q.Line, Col: q.Col},
				Field: q.Field, Code: q.Code, Message: q.Message})
		} else {
			p.more++
		}
	})
	var rf RuleFile
	if root, ok := p.r.Parse(); ok && root != nil {
		f, _ := p.r.Fields(root, "", "templates", "rules")
		for _, n := range p.r.Seq(f["templates"], "templates") {
			if t, ok := p.template(n); ok {
				rf.Templates = append(rf.Templates, t)
			}
		}
		for _, n := range p.r.Seq(f["rules"], "rules") {
			if r, _, ok := p.rule(n, ruleKeys); ok {
				rf.Rules = append(rf.Rules, r)
			}
		}
	}
	if len(p.probs) > 0 {
		ps := cistreaty.Problems(p.probs).Sorted()
		if p.more > 0 {
			ps = append(ps, cistreaty.Problem{Message: fmt.Sprintf("and %d more problems", p.more)})
		}
		return RuleFile{}, &RuleFileError{Problems: ps}
	}
	return rf, nil
}

// maxFileProblems bounds the problems one rule file lists.
const maxFileProblems = 1000

type rfParser struct {
	file  string
	r     *yamlfile.Reader
	probs []cistreaty.Problem
	more  int
}

func (p *rfParser) pos(n *yaml.Node) cistreaty.Pos {
	line, col := p.r.Pos(n)
	return cistreaty.Pos{File: p.file, Line: line, Col: col}
}

var (
	ruleKeys     = []string{"id", "cites", "says", "lang", "says_en", "reading", "expr", "source"}
	templateKeys = append([]string{"name", "decides", "params"}, ruleKeys...)
)

// rule reads a rule, or a template's rule with the template's keys known;
// it returns the fields it read.
func (p *rfParser) rule(n *yaml.Node, known []string) (r cistreaty.Rule, f map[string]*yaml.Node, ok bool) {
	before := len(p.probs)
	r = cistreaty.Rule{Pos: p.pos(n)}
	if f, ok = p.r.Fields(n, "rules", known...); !ok {
		return r, nil, false
	}
	r.ID = p.r.Text(f["id"], "id")
	r.Cites = p.r.Text(f["cites"], "cites")
	r.Says = strings.TrimSpace(p.r.Text(f["says"], "says"))
	r.Lang = p.r.Text(f["lang"], "lang")
	r.SaysEN = strings.TrimSpace(p.r.Text(f["says_en"], "says_en"))
	r.Reading = strings.TrimSpace(p.r.Text(f["reading"], "reading"))
	if x := f["expr"]; x != nil {
		r.Expr = p.r.Text(x, "expr")
		line, col := p.r.TextStart(x)
		r.ExprPos = cistreaty.Pos{File: p.file, Line: line, Col: col}
	}
	r.Source = p.source(f["source"])
	if r.ID == "" {
		p.r.Report(n, "id", "missing", "missing")
	} else if a, b, ok := strings.Cut(r.ID, "/"); !ok || a == "" || b == "" {
		p.r.Report(f["id"], "id", "form", "rule id %q is not of the form <treaty-or-template>/<slug>", yamlfile.Clip(r.ID))
	}
	if r.Cites == "" {
		p.r.Report(n, "cites", "missing", "missing")
	}
	if strings.TrimSpace(r.Expr) == "" {
		p.r.Report(n, "expr", "missing", "missing")
	}
	return r, f, len(p.probs) == before
}

func (p *rfParser) source(n *yaml.Node) cistreaty.Source {
	var s cistreaty.Source
	f, ok := p.r.Fields(n, "source", "cite", "url", "grade")
	if !ok || f == nil {
		return s
	}
	s.Citation = p.r.Text(f["cite"], "source.cite")
	s.URL = p.r.Text(f["url"], "source.url")
	g, err := cistreaty.ParseGrade(p.r.Text(f["grade"], "source.grade"))
	if err != nil {
		p.r.Report(f["grade"], "source.grade", "form", "%v", err)
	}
	s.Grade = g
	return s
}

func (p *rfParser) template(n *yaml.Node) (Template, bool) {
	before := len(p.probs)
	r, f, ok := p.rule(n, templateKeys)
	t := Template{Rule: r}
	if f == nil {
		return t, false
	}
	t.Name = p.r.Text(f["name"], "name")
	t.Decides = p.r.Text(f["decides"], "decides")
	switch t.Decides {
	case "entry-into-force", "withdrawal", "term", "":
	default:
		p.r.Report(f["decides"], "decides", "form", "unknown clause %q (want entry-into-force, withdrawal or term)", yamlfile.Clip(t.Decides))
	}
	if v := f["params"]; v != nil && v.Kind != yaml.MappingNode {
		p.r.Report(v, "params", yamlfile.CodeType, "want a mapping of name: type")
	} else if v != nil {
		for j := 0; j+1 < len(v.Content); j += 2 {
			pk, pv := v.Content[j], v.Content[j+1]
			d := ParamDecl{Name: pk.Value}
			typ, def, hasDef := strings.Cut(p.r.Text(pv, "params."+yamlfile.Clip(pk.Value)), "=")
			d.Type = ParamType(strings.TrimSpace(typ))
			if hasDef {
				d.Default, d.Optional = strings.TrimSpace(def), true
			}
			switch d.Type {
			case ParamInt, ParamString, ParamDate, ParamKinds, ParamMonthEnd:
			default:
				p.r.Report(pv, "params."+yamlfile.Clip(pk.Value), "form", "unknown parameter type %q", yamlfile.Clip(string(d.Type)))
			}
			t.Params = append(t.Params, d)
		}
	}
	if t.Name == "" {
		p.r.Report(n, "name", "missing", "missing")
	}
	if t.Decides == "" {
		p.r.Report(n, "decides", "missing", "missing")
	}
	return t, ok && len(p.probs) == before
}
