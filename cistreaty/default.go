package cistreaty

import (
	"embed"
	"io/fs"
)

//go:embed cis/*.yaml
var cisFS embed.FS

// Default loads the embedded dataset of the Commonwealth of Independent
// States. Each call returns a new Dataset; callers that need it often should
// keep one (a Dataset is safe for concurrent use).
func Default() (*Dataset, error) {
	return LoadFS(cisFS, "cis/*.yaml")
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
