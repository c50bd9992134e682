package verify

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestDocExample loads and runs the case file the package documentation
// shows, so that the documentation cannot drift from the format.
func TestDocExample(t *testing.T) {
	src, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	in := false
	for _, line := range strings.Split(string(src), "\n") {
		switch {
		case line == "// # Example":
			in = true
		case in && strings.HasPrefix(line, "// testdata/cases/user-example.yaml"):
			in = false
		case in && strings.HasPrefix(line, "//\t"):
			b.WriteString(strings.TrimPrefix(line, "//\t") + "\n")
		}
	}
	if b.Len() == 0 {
		t.Fatal("no example found in doc.go")
	}
	f, err := Load("doc.go example", []byte(b.String()))
	if err != nil {
		t.Fatalf("the documented example does not load:\n%v", err)
	}
	rs, err := f.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if !r.Passed {
			t.Errorf("the documented example's case %q fails: want %s, got %s", r.Name, r.Want, r.Got)
		}
	}
	if len(rs) != 4 {
		t.Errorf("%d cases in the documented example, want 4", len(rs))
	}
}
