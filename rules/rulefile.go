package rules

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/yamlnode"
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

// ParseRuleFile reads a rule file. Every problem is reported at once, each
// with file:line:col and the field it concerns; nothing in it panics.
func ParseRuleFile(name string, data []byte) (rf RuleFile, err error) {
	var probs cistreaty.Problems
	defer func() {
		if r := recover(); r != nil {
			probs = append(probs, cistreaty.Problem{Pos: cistreaty.Pos{File: name, Line: 1, Col: 1}, Message: fmt.Sprintf("unreadable rule file: %v", r)})
			rf, err = RuleFile{}, sortProblems(probs)
		}
	}()
	if yamlnode.TooManyNodes(data, yamlnode.MaxNodes) {
		probs = append(probs, cistreaty.Problem{Pos: cistreaty.Pos{File: name, Line: 1, Col: 1}, Message: fmt.Sprintf("file holds more than %d YAML values", yamlnode.MaxNodes)})
		return RuleFile{}, sortProblems(probs)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line := 1
		msg := err.Error()
		var n int
		if _, e := fmt.Sscanf(msg, "yaml: line %d:", &n); e == nil {
			line = n
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		}
		probs = append(probs, cistreaty.Problem{Pos: cistreaty.Pos{File: name, Line: line, Col: 1}, Message: "YAML: " + msg})
		return RuleFile{}, sortProblems(probs)
	}
	if len(root.Content) == 0 {
		return RuleFile{}, nil
	}
	p := &rfParser{file: name}
	doc := root.Content[0]
	if doc.Kind != yaml.MappingNode {
		p.errorf(doc, "", "a rule file is a mapping with the keys templates and rules")
		return RuleFile{}, sortProblems(p.probs)
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		k, v := doc.Content[i], doc.Content[i+1]
		switch k.Value {
		case "templates":
			for _, n := range p.seq(v, "templates") {
				if t, ok := p.template(n); ok {
					rf.Templates = append(rf.Templates, t)
				}
			}
		case "rules":
			for _, n := range p.seq(v, "rules") {
				if r, ok := p.rule(n, "rules"); ok {
					rf.Rules = append(rf.Rules, r)
				}
			}
		default:
			p.errorf(k, k.Value, "unknown key (want templates or rules)")
		}
	}
	if len(p.probs) > 0 {
		return RuleFile{}, sortProblems(p.probs)
	}
	return rf, nil
}

func sortProblems(ps cistreaty.Problems) error {
	copy(ps, ps.Sorted())
	return ps
}

type rfParser struct {
	file  string
	probs cistreaty.Problems
}

func (p *rfParser) pos(n *yaml.Node) cistreaty.Pos {
	return cistreaty.Pos{File: p.file, Line: n.Line, Col: n.Column}
}

func (p *rfParser) errorf(n *yaml.Node, field, format string, args ...any) {
	p.probs = append(p.probs, cistreaty.Problem{Pos: p.pos(n), Field: field, Message: fmt.Sprintf(format, args...)})
}

func (p *rfParser) seq(n *yaml.Node, field string) []*yaml.Node {
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, field, "want a list")
		return nil
	}
	return n.Content
}

func (p *rfParser) scalar(n *yaml.Node, field string) string {
	if n.Kind != yaml.ScalarNode {
		p.errorf(n, field, "want a single value")
		return ""
	}
	return n.Value
}

// exprPos is where the expression's text starts in the file, so that a CEL
// error's line and column can be mapped back.
func (p *rfParser) exprPos(n *yaml.Node) cistreaty.Pos {
	pos := p.pos(n)
	switch n.Style {
	case yaml.LiteralStyle, yaml.FoldedStyle:
		pos.Line++
		pos.Col = n.Column + 2 // block content is indented under its key
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		pos.Col++
	}
	return pos
}

func (p *rfParser) rule(n *yaml.Node, field string) (cistreaty.Rule, bool) {
	if n.Kind != yaml.MappingNode {
		p.errorf(n, field, "want a mapping")
		return cistreaty.Rule{}, false
	}
	r := cistreaty.Rule{Pos: p.pos(n)}
	before := len(p.probs)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "id":
			r.ID = p.scalar(v, "id")
		case "cites":
			r.Cites = p.scalar(v, "cites")
		case "says":
			r.Says = strings.TrimSpace(p.scalar(v, "says"))
		case "expr":
			r.Expr = p.scalar(v, "expr")
			r.ExprPos = p.exprPos(v)
		case "source":
			r.Source = p.source(v)
		case "name", "params", "decides":
			if field != "templates" {
				p.errorf(k, k.Value, "only a template has %s", k.Value)
			}
		default:
			p.errorf(k, k.Value, "unknown key")
		}
	}
	if r.ID == "" {
		p.errorf(n, "id", "missing")
	} else if a, b, ok := strings.Cut(r.ID, "/"); !ok || a == "" || b == "" {
		p.errorf(n, "id", "rule id %q is not of the form <treaty-or-template>/<slug>", r.ID)
	}
	if r.Cites == "" {
		p.errorf(n, "cites", "missing")
	}
	if strings.TrimSpace(r.Expr) == "" {
		p.errorf(n, "expr", "missing")
	}
	return r, len(p.probs) == before
}

func (p *rfParser) source(n *yaml.Node) cistreaty.Source {
	var s cistreaty.Source
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "source", "want {cite, url, grade}")
		return s
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "cite":
			s.Citation = p.scalar(v, "source.cite")
		case "url":
			s.URL = p.scalar(v, "source.url")
		case "grade":
			g, err := cistreaty.ParseGrade(p.scalar(v, "source.grade"))
			if err != nil {
				p.errorf(v, "source.grade", "%v", err)
			}
			s.Grade = g
		default:
			p.errorf(k, "source."+k.Value, "unknown key")
		}
	}
	return s
}

func (p *rfParser) template(n *yaml.Node) (Template, bool) {
	r, ok := p.rule(n, "templates")
	t := Template{Rule: r}
	before := len(p.probs)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch k.Value {
		case "name":
			t.Name = p.scalar(v, "name")
		case "decides":
			t.Decides = p.scalar(v, "decides")
			switch t.Decides {
			case "entry-into-force", "withdrawal", "term":
			default:
				p.errorf(v, "decides", "unknown clause %q (want entry-into-force, withdrawal or term)", t.Decides)
			}
		case "params":
			if v.Kind != yaml.MappingNode {
				p.errorf(v, "params", "want a mapping of name: type")
				continue
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				pk, pv := v.Content[j], v.Content[j+1]
				d := ParamDecl{Name: pk.Value}
				typ, def, hasDef := strings.Cut(p.scalar(pv, "params."+pk.Value), "=")
				d.Type = ParamType(strings.TrimSpace(typ))
				if hasDef {
					d.Default, d.Optional = strings.TrimSpace(def), true
				}
				switch d.Type {
				case ParamInt, ParamString, ParamDate, ParamKinds, ParamMonthEnd:
				default:
					p.errorf(pv, "params."+pk.Value, "unknown parameter type %q", d.Type)
				}
				t.Params = append(t.Params, d)
			}
		}
	}
	if t.Name == "" {
		p.errorf(n, "name", "missing")
	}
	if t.Decides == "" {
		p.errorf(n, "decides", "missing")
	}
	return t, ok && len(p.probs) == before
}
