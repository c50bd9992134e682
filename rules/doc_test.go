package rules_test

import (
	"os"
	"strings"
	"testing"

	"github.com/pacta-law/pacta/rules"
)

// The package documentation lists every clause template a treaty can name,
// with its parameters, so that `go doc rules` is enough to write a clause.
func TestDocListsEveryTemplate(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	start := strings.Index(text, "// # Clause templates")
	if start < 0 {
		t.Fatal("doc.go has no section \"# Clause templates\"")
	}
	section := text[start:]
	if end := strings.Index(section[1:], "// # "); end >= 0 {
		section = section[:end+1]
	}
	data, err := os.ReadFile("law/templates.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rf, err := rules.ParseRuleFile("law/templates.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(rf.Templates) == 0 {
		t.Fatal("law/templates.yaml declares no template")
	}
	for _, tpl := range rf.Templates {
		var params []string
		for _, p := range tpl.Params {
			params = append(params, p.Name)
		}
		entry := "//\t" + tpl.Name + " {"
		i := strings.Index(section, entry)
		if i < 0 {
			t.Errorf("doc.go's template section does not list %s", tpl.Name)
			continue
		}
		line := section[i+len(entry):]
		line = line[:strings.Index(line, "}")]
		for _, p := range params {
			if !strings.Contains(line, p) {
				t.Errorf("doc.go lists %s without its parameter %s: %q", tpl.Name, p, line)
			}
		}
	}
}
