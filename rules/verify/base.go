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

// cisEngine returns the engine over the embedded CIS dataset, built once per
// process and shared by every case file that adds no overlay of its own (an
// Engine is immutable and safe for concurrent use; what-ifs derive from it
// with Engine.With and leave it unchanged). It is built under the context
// of the caller that first needs it; a build that context ends is not kept,
// and the next caller builds again.
func cisEngine(ctx context.Context) (*rules.Engine, error) {
	return cisShared.get(ctx, func(ctx context.Context) (*rules.Engine, error) {
		ds, err := cistreaty.Default()
		if err != nil {
			return nil, err
		}
		return rules.New(ctx, ds)
	})
}

var cisShared sharedEngine

// sharedEngine builds an engine once and keeps it (or the error of a build
// that failed of itself). One caller builds at a time, under its own
// context; the others wait for it, each until its own context ends.
type sharedEngine struct {
	mu       sync.Mutex
	eng      *rules.Engine
	err      error
	done     bool
	building chan struct{} // closed when the running build ends; nil when none runs
}

func (s *sharedEngine) get(ctx context.Context, build func(context.Context) (*rules.Engine, error)) (*rules.Engine, error) {
	for {
		s.mu.Lock()
		if s.done {
			eng, err := s.eng, s.err
			s.mu.Unlock()
			return eng, err
		}
		if wait := s.building; wait != nil {
			s.mu.Unlock()
			select {
			case <-wait:
				continue
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		if err := ctx.Err(); err != nil {
			s.mu.Unlock()
			return nil, err
		}
		wait := make(chan struct{})
		s.building = wait
		s.mu.Unlock()
		return s.run(ctx, wait, build)
	}
}

// run builds, keeps what it built unless ctx ended it, and lets the
// waiting callers go on (also if build panics).
func (s *sharedEngine) run(ctx context.Context, wait chan struct{}, build func(context.Context) (*rules.Engine, error)) (eng *rules.Engine, err error) {
	defer func() {
		s.mu.Lock()
		s.building = nil
		s.mu.Unlock()
		close(wait)
	}()
	eng, err = build(ctx)
	if err == nil || ctx.Err() == nil {
		s.mu.Lock()
		s.eng, s.err, s.done = eng, err, true
		s.mu.Unlock()
	}
	return eng, err
}
