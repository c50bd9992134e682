package yamlfile

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/pacta-law/pacta/internal/quote"
	"go.yaml.in/yaml/v3"
)

func read(t *testing.T, src string) (*Reader, *yaml.Node, *[]Problem) {
	t.Helper()
	probs := new([]Problem)
	r := New([]byte(src), "a test file", func(p Problem) { *probs = append(*probs, p) })
	root, _ := r.Parse()
	return r, root, probs
}

func TestParse(t *testing.T) {
	tests := []struct {
		name, src string
		want      []Problem
		empty     bool
	}{
		{"one mapping", "a: 1\n", nil, false},
		{"nothing", "", nil, true},
		{"a document marker alone is empty", "---", nil, true},
		{"a comment alone is empty", "# c\n", nil, true},
		{"two documents", "a: 1\n---\nb: 2\n", []Problem{{Line: 2, Col: 1, Code: CodeDocuments,
			Message: "a test file holds one YAML document; this is another"}}, true},
		{"syntax", "a: [1\n", []Problem{{Line: 1, Code: CodeSyntax,
			Message: "YAML syntax: did not find expected ',' or ']'"}}, true},
		{"anchor and alias", "a: &x 1\nb: *x\n", []Problem{
			{Line: 1, Col: 4, Code: CodeAnchor, Message: "anchors and aliases are not allowed"},
			{Line: 2, Col: 4, Code: CodeAnchor, Message: "anchors and aliases are not allowed"}}, true},
		{"not UTF-8", "a: \xff\n", []Problem{{Code: CodeEncoding, Message: "a test file is UTF-8 text; this one is not"}}, true},
		{"too large", strings.Repeat("#", MaxSize+1), []Problem{{Code: CodeTooLarge, Message: "file is larger than 16 MiB"}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, root, probs := read(t, tt.src)
			if diff := cmp.Diff(tt.want, *probs); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if (root == nil) != tt.empty {
				t.Errorf("root = %v, want empty %v", root, tt.empty)
			}
		})
	}
}

// A 1 MiB flow mapping of single keys holds two values a byte (each key and
// its empty value): a count of one a comma lets four times the limit through.
func TestParseRefusesTooManyValues(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"flow mapping of keys", "{" + strings.Repeat("a,", MaxValues/2) + "a}"},
		{"flow sequence", "[" + strings.Repeat("1,", MaxValues) + "1]"},
		{"block sequence", strings.Repeat("- 1\n", MaxValues)},
		{"block mapping of empty values", strings.Repeat("a:\n", MaxValues/2+1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, probs := read(t, tt.src)
			want := []Problem{{Code: CodeTooMany, Message: "file holds more than 1000000 YAML values"}}
			if diff := cmp.Diff(want, *probs); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// countNodes counts the values of a parsed tree, the document node included.
func countNodes(n *yaml.Node) int {
	c := 1
	for _, k := range n.Content {
		c += countNodes(k)
	}
	return c
}

func TestCountValuesIsAnUpperBound(t *testing.T) {
	for _, src := range countSeeds {
		checkBound(t, []byte(src))
	}
}

var countSeeds = []string{
	"", "a", "---", "{a,b,c}", "{a}", "[a: b]", "[:]", "[? a]", "? a", "- a", "-", "- - a",
	"- ? a", "a:", "a: b\nc: d\n", "{\"a\":1}", "[{a},{b}]", "\ufeffa: b", "a: !!str\n", "[a, , b]",
	"a: \"x #y\"\nb: [1, 2]\n", "- a\u2028- b\u2028- c\n", "a: x\n  'y\nb: [1,1,1]\nc: it's\n",
	"!!map {a: 1}", "a: |\n  b: c\n", "[\"]\", 1, 1]", "{a:1, b:2}", "[a:1]", "?", "[?]", "{?}", "[-]",
}

func checkBound(t *testing.T, data []byte) {
	t.Helper()
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	total := 0
	for {
		var doc yaml.Node
		if err := dec.Decode(&doc); err != nil {
			break
		}
		total += countNodes(&doc)
	}
	if got := CountValues(data); got < total {
		t.Errorf("CountValues(%q) = %d, but the file holds %d values", data, got, total)
	}
}

// FuzzCountValues: the count never falls short of the values the YAML
// library builds.
//
//	go test ./internal/yamlfile -run '^$' -fuzz FuzzCountValues -fuzztime 60s
func FuzzCountValues(f *testing.F) {
	for _, s := range countSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return
		}
		checkBound(t, data)
	})
}

func TestPosIsInTheFile(t *testing.T) {
	// The library places the empty value of "---" on line 2 of a file of one
	// line.
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte("---"), &doc); err != nil {
		t.Fatal(err)
	}
	r := New([]byte("---"), "a test file", func(Problem) {})
	if line, col := r.Pos(doc.Content[0]); line != 1 || col != 1 {
		t.Errorf("Pos = %d:%d, want 1:1", line, col)
	}
}

func TestFields(t *testing.T) {
	r, root, probs := read(t, "id: x\nnmae: y\nid: z\n[a]: 1\n")
	f, ok := r.Fields(root, "parties", "id", "name")
	if !ok || f["id"].Value != "x" {
		t.Fatalf("Fields = %v, %v", f, ok)
	}
	want := []Problem{
		{Line: 2, Col: 1, Field: "parties", Code: CodeUnknownKey, Message: `unknown key "nmae" (did you mean "name"?)`},
		{Line: 3, Col: 1, Field: "parties", Code: CodeRepeated, Message: `key "id" given twice (first at line 1)`},
		{Line: 4, Col: 1, Field: "parties", Code: CodeType, Message: "want a key, got a sequence"},
	}
	if diff := cmp.Diff(want, *probs); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestFieldsClipsUnknownKeys(t *testing.T) {
	key := strings.Repeat("k", 100_000)
	r, root, probs := read(t, key+": 1\n")
	r.Fields(root, "", "id")
	if ps := *probs; len(ps) != 1 || len(ps[0].Message) > 2*quote.Max {
		t.Errorf("a 100 KB key gives %d problems, the first %d bytes long", len(ps), len(ps[0].Message))
	}
}

func TestKinds(t *testing.T) {
	r, root, _ := read(t, "a: ~\nb: ''\nc: [1]\nd: {x: 1}\ne: text\n")
	f, _ := r.Fields(root, "")
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
		n := f[c.key]
		if IsNull(n) != c.null || Absent(n) != c.absent || KindOf(n) != c.kind {
			t.Errorf("%s: IsNull %v Absent %v KindOf %q, want %v %v %q", c.key, IsNull(n), Absent(n), KindOf(n), c.null, c.absent, c.kind)
		}
	}
	if !IsNull(nil) || !Absent(nil) {
		t.Error("a missing node is null and absent")
	}
}

func TestTextStart(t *testing.T) {
	src := "a: plain\nb: \"quoted\"\nc: |\n    block\nd: |2\n     indented\n"
	r, root, _ := read(t, src)
	f, _ := r.Fields(root, "")
	for _, c := range []struct {
		key       string
		line, col int
	}{{"a", 1, 4}, {"b", 2, 5}, {"c", 4, 5}, {"d", 6, 3}} {
		if line, col := r.TextStart(f[c.key]); line != c.line || col != c.col {
			t.Errorf("%s: TextStart = %d:%d, want %d:%d", c.key, line, col, c.line, c.col)
		}
	}
}

func TestReadFS(t *testing.T) {
	fsys := fstest.MapFS{
		"small.yaml": {Data: []byte("a: 1\n")},
		"big.yaml":   {Data: []byte(strings.Repeat("x", MaxSize+1))},
		"dir/x.yaml": {Data: []byte("b: 2\n")},
	}
	if got, err := ReadFS(fsys, "small.yaml", "a dataset file"); err != nil || string(got) != "a: 1\n" {
		t.Errorf("ReadFS(small) = %q, %v", got, err)
	}
	if _, err := ReadFS(fsys, "big.yaml", "a dataset file"); err == nil || err.Error() != "file is larger than 16 MiB" {
		t.Errorf("ReadFS(big) error = %v, want the size limit", err)
	}
	if _, err := ReadFS(fsys, "dir", "a dataset file"); err == nil || err.Error() != "is a directory, not a dataset file" {
		t.Errorf("ReadFS(dir) error = %v", err)
	}
	if _, err := ReadFS(fsys, "missing.yaml", "a dataset file"); err == nil {
		t.Error("ReadFS(missing) succeeded")
	}
}
