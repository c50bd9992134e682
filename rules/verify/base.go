package verify

import (
	"context"
	"sync"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// Bases a case file can name.
const (
	BaseCIS  = "cis"  // the embedded CIS dataset (cistreaty.Default)
	BaseNone = "none" // nothing: the overlay is the whole dataset
)

// cisEngine is the engine over the embedded CIS dataset, built once per
// process and shared by every case file that adds no overlay of its own (an
// Engine is immutable and safe for concurrent use; what-ifs derive from it
// with Engine.With and leave it unchanged).
var cisEngine = sync.OnceValues(func() (*rules.Engine, error) {
	ds, err := cistreaty.Default()
	if err != nil {
		return nil, err
	}
	return rules.New(context.Background(), ds)
})
