package ask

import (
	"context"
	"fmt"
	"os"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// LoadDataset loads a user's own dataset: every *.yaml file of dir, in name
// order (cistreaty.LoadFS). An empty dir is the embedded CIS dataset.
func LoadDataset(dir string) (*cistreaty.Dataset, error) {
	if dir == "" {
		return cistreaty.Default()
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, &Error{Field: "data", Err: fmt.Errorf("-data: %w", err)}
	}
	if !fi.IsDir() {
		return nil, &Error{Field: "data", Err: fmt.Errorf("-data %s: not a directory", dir)}
	}
	ds, err := cistreaty.LoadFS(os.DirFS(dir), "*.yaml")
	if err != nil {
		return nil, &Error{Field: "data", Err: fmt.Errorf("-data %s: %w", dir, err)}
	}
	return ds, nil
}

// NewEngine builds the engine over the dataset of dir (LoadDataset).
func NewEngine(ctx context.Context, dir string) (*rules.Engine, error) {
	ds, err := LoadDataset(dir)
	if err != nil {
		return nil, err
	}
	eng, err := rules.New(ctx, ds)
	if err != nil {
		if dir == "" {
			return nil, err
		}
		return nil, &Error{Field: "data", Err: fmt.Errorf("-data %s: %w", dir, err)}
	}
	return eng, nil
}
