package cistreaty

import (
	"embed"
	"io/fs"
)

//go:embed cis/*.yaml
var cisFS embed.FS

//go:generate go test -run ^TestEmbeddedDatasetIsTheYAML$ -update-embedded .

// Default returns the embedded dataset of the Commonwealth of Independent
// States. Each call returns a new Dataset; callers that need it often should
// keep one (a Dataset is safe for concurrent use).
//
// The YAML of cis/ is the dataset's source; cis_dataset.go holds it loaded
// and validated, as Go values, so that no program parses it at run time (go
// generate rewrites the file; a test checks that it equals the YAML,
// positions included).
func Default() (*Dataset, error) {
	ds := embeddedDataset()
	ds.index()
	ds.checked = true // it is the YAML, validated (TestEmbeddedDatasetIsTheYAML)
	return ds, nil
}

// DefaultFiles returns the embedded dataset's files, for loading it together
// with files of one's own (an overlay): Load(append(files, mine...)...).
func DefaultFiles() ([]File, error) {
	names, err := fs.Glob(cisFS, "cis/*.yaml")
	if err != nil {
		return nil, err
	}
	out := make([]File, 0, len(names))
	for _, n := range names {
		data, err := cisFS.ReadFile(n)
		if err != nil {
			return nil, err
		}
		out = append(out, File{Name: n, Data: data})
	}
	return out, nil
}
