package cistreaty

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary bytes to Load as one file. Load must never panic;
// a dataset it returns must validate clean; a refusal must be Problems that
// match ErrInvalidDataset, each placed in the file or in no file; and the
// answer must be the same every time.
func FuzzLoad(f *testing.F) {
	var all []byte
	for _, name := range []string{"valid/dataset.yaml", "valid/treaties.yaml", "broken/broken.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		if filepath.Dir(name) == "valid" {
			all = append(all, data...)
		}
	}
	f.Add(all) // the two valid files are one valid file together
	f.Add([]byte("dataset: &a {name: x}\nparties: *a\n"))
	f.Add([]byte("rules:\n  - id: a/b\n    expr: |2\n        x\n"))

	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := Load(File{Name: "fuzz.yaml", Data: data})
		if err == nil {
			if ds == nil {
				t.Fatal("Load returned neither a dataset nor an error")
			}
			if err := ds.Validate(); err != nil {
				t.Fatalf("a loaded dataset does not validate: %v", err)
			}
			return
		}
		if ds != nil {
			t.Fatal("Load returned a dataset along with an error")
		}
		if !errors.Is(err, ErrInvalidDataset) {
			t.Fatalf("error %T does not match ErrInvalidDataset", err)
		}
		var ps Problems
		if !errors.As(err, &ps) || len(ps) == 0 {
			t.Fatalf("error %T is not a non-empty Problems", err)
		}
		for _, p := range ps {
			if p.Pos.File != "" && p.Pos.File != "fuzz.yaml" {
				t.Fatalf("problem placed in another file: %v", p)
			}
			if p.Message == "" {
				t.Fatalf("problem without a message: %v", p)
			}
		}
		_, again := Load(File{Name: "fuzz.yaml", Data: data})
		if again == nil || again.Error() != err.Error() {
			t.Fatalf("Load is not deterministic:\n%v\n---\n%v", err, again)
		}
	})
}
