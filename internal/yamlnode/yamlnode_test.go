package yamlnode

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestKinds(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("a: ~\nb: ''\nc: [1]\nd: {x: 1}\ne: text\n"), &doc); err != nil {
		t.Fatal(err)
	}
	m := doc.Content[0]
	val := func(k string) *yaml.Node {
		for i := 0; i+1 < len(m.Content); i += 2 {
			if m.Content[i].Value == k {
				return m.Content[i+1]
			}
		}
		return nil
	}
	cases := []struct {
		key          string
		null, absent bool
		kind         string
	}{
		{"a", true, true, "nothing"},
		{"b", false, true, "a scalar"},
		{"c", false, false, "a sequence"},
		{"d", false, false, "a mapping"},
		{"e", false, false, "a scalar"},
	}
	for _, c := range cases {
		n := val(c.key)
		if IsNull(n) != c.null || Absent(n) != c.absent || KindOf(n) != c.kind {
			t.Errorf("%s: IsNull %v Absent %v KindOf %q, want %v %v %q", c.key, IsNull(n), Absent(n), KindOf(n), c.null, c.absent, c.kind)
		}
	}
	if !IsNull(nil) || !Absent(nil) {
		t.Error("a missing node is null and absent")
	}
}

func TestTooManyNodes(t *testing.T) {
	small := []byte("a: [1, 2, 3]\nb: {x: 1}\n")
	if TooManyNodes(small, 100) {
		t.Error("a small file is refused")
	}
	many := []byte("[" + strings.Repeat("1,", 1000) + "1]")
	if !TooManyNodes(many, 100) {
		t.Error("1001 items pass a bound of 100")
	}
	// The count is an upper bound: a file with fewer nodes than the bound
	// is never refused.
	var doc yaml.Node
	if err := yaml.Unmarshal(many, &doc); err != nil {
		t.Fatal(err)
	}
	if TooManyNodes(many, 2000) {
		t.Error("1001 items refused under a bound of 2000")
	}
}

func TestAnchors(t *testing.T) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("a: &x 1\nb: *x\nc: 2\n"), &doc); err != nil {
		t.Fatal(err)
	}
	got := Anchors(&doc, 10)
	if len(got) != 2 || got[0].Line != 1 || got[1].Line != 2 {
		t.Errorf("Anchors = %d nodes, want the anchor on line 1 and the alias on line 2", len(got))
	}
	if n := len(Anchors(&doc, 1)); n != 1 {
		t.Errorf("Anchors with max 1 = %d nodes", n)
	}
}
