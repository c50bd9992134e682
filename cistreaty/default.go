package cistreaty

import "embed"

//go:embed cis/*.yaml
var cisFS embed.FS

// Default loads the embedded dataset of the Commonwealth of Independent
// States. Each call returns a new Dataset; callers that need it often should
// keep one (a Dataset is safe for concurrent use).
func Default() (*Dataset, error) {
	return LoadFS(cisFS, "cis/*.yaml")
}
