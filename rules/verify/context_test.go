package verify

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/pacta-law/pacta/rules"
)

// brokenRuleFile has an overlay whose rule does not compile (addDayz is no
// function of package rules): only building its engine finds that.
const brokenRuleFile = "base: cis\noverlay:\n  treaties:\n" +
	"    - {id: t-mine, title: Mine, concluded: 2020-01-01, participation: complete, source: {cite: made up, grade: P},\n" +
	"       clauses: {entry_into_force: {rule: t-mine/eif}}}\n" +
	"  rules:\n    - id: t-mine/eif\n      expr: |\n        own(['ratification']).hasValue()\n          ? optional.of(own(['ratification']).value().addDayz(1))\n          : optional.none()\n" +
	"cases:\n  - {name: x, question: eif, treaty: t-mine, expect: {answer: null, reason: unknown}}\n"

// A load whose context has ended builds nothing: the compile error that
// building would find is not reported, and the error is the context's.
func TestLoadContextCancelled(t *testing.T) {
	if _, err := Load("mine.yaml", []byte(brokenRuleFile)); !errors.Is(err, ErrInvalidCaseFile) {
		t.Fatalf("Load = %v; want the compile error (ErrInvalidCaseFile)", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, text := range []string{brokenRuleFile, userExample(t)} {
		f, err := LoadContext(ctx, "mine.yaml", []byte(text))
		if f != nil || !errors.Is(err, context.Canceled) {
			t.Fatalf("LoadContext(cancelled) = %v, %v; want nil, an error matching context.Canceled", f, err)
		}
		if errors.Is(err, ErrInvalidCaseFile) || !strings.HasPrefix(err.Error(), "mine.yaml: ") {
			t.Errorf("error %q: want one naming mine.yaml, not matching ErrInvalidCaseFile", err)
		}
	}
}

// userExample is the documented case file, with an overlay and
// assumptions.
func userExample(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "cases", "user-example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// cancelOnOpen is a file system that cancels a context when a file is
// opened: the load of that file starts after the context has ended.
type cancelOnOpen struct {
	fstest.MapFS
	name   string
	cancel context.CancelFunc
}

func (c cancelOnOpen) Open(name string) (fs.File, error) {
	if name == c.name {
		c.cancel()
	}
	return c.MapFS.Open(name)
}

// LoadFSContext checks the context between files: the first file loads,
// the second is read after the context ends and is not built.
func TestLoadFSContextStopsBetweenFiles(t *testing.T) {
	one := "cases:\n  - {name: RU, question: bound, treaty: cis-charter-1993, party: RU, on: 1994-01-22, expect: {answer: true}}\n"
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	fsys := cancelOnOpen{
		MapFS:  fstest.MapFS{"a.yaml": {Data: []byte(one)}, "b.yaml": {Data: []byte(brokenRuleFile)}},
		name:   "b.yaml",
		cancel: cancel,
	}
	files, err := LoadFSContext(ctx, fsys)
	if files != nil || !errors.Is(err, context.Canceled) || errors.Is(err, ErrInvalidCaseFile) {
		t.Fatalf("LoadFSContext = %d files, %v; want none, context.Canceled", len(files), err)
	}
	if !strings.HasPrefix(err.Error(), "b.yaml: ") {
		t.Errorf("error %q does not name b.yaml", err)
	}
	// Without the context's end both files are read, and b.yaml's compile
	// error is reported.
	if _, err := LoadFS(fstest.MapFS(fsys.MapFS)); !errors.Is(err, ErrInvalidCaseFile) {
		t.Errorf("LoadFS = %v; want b.yaml's compile error", err)
	}
}

// MainContext stops when its context ends: status 3, one line on stderr,
// nothing on stdout.
func TestMainContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	if code := MainContext(ctx, &out, &errb, []string{"testdata/dir"}); code != 3 {
		t.Errorf("exit %d, want 3", code)
	}
	if out.Len() != 0 || strings.Count(errb.String(), "\n") != 1 || !strings.Contains(errb.String(), "context canceled") {
		t.Errorf("stdout %q, stderr %q; want nothing, one line naming the cancelled context", out.String(), errb.String())
	}
}

// The shared engine is built under the context of the caller that builds
// it: an ended context builds nothing, and a build the context ended is not
// kept.
func TestSharedEngineContext(t *testing.T) {
	var s sharedEngine
	builds := 0
	build := func(ctx context.Context) (*rules.Engine, error) {
		builds++
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return &rules.Engine{}, nil
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if eng, err := s.get(ctx, build); eng != nil || !errors.Is(err, context.Canceled) || builds != 0 {
		t.Fatalf("get(cancelled) = %v, %v after %d builds; want nil, context.Canceled, no build", eng, err, builds)
	}
	// A build that ends with its context is not kept.
	ctx2, cancel2 := context.WithCancel(context.Background())
	ending := func(ctx context.Context) (*rules.Engine, error) {
		builds++
		cancel2()
		return nil, ctx.Err()
	}
	if _, err := s.get(ctx2, ending); !errors.Is(err, context.Canceled) || builds != 1 {
		t.Fatalf("get(ending) = %v after %d builds; want context.Canceled after 1", err, builds)
	}
	first, err := s.get(context.Background(), build)
	if first == nil || err != nil || builds != 2 {
		t.Fatalf("get = %v, %v after %d builds; want an engine after 2", first, err, builds)
	}
	again, err := s.get(context.Background(), build)
	if again != first || err != nil || builds != 2 {
		t.Errorf("second get = %p, %v after %d builds; want the same engine, no build", again, err, builds)
	}
}

// Callers at once share one build.
func TestSharedEngineOneBuild(t *testing.T) {
	var s sharedEngine
	var builds atomic.Int32
	build := func(context.Context) (*rules.Engine, error) {
		builds.Add(1)
		return &rules.Engine{}, nil
	}
	var wg sync.WaitGroup
	got := make([]*rules.Engine, 8)
	for i := range got {
		wg.Go(func() { got[i], _ = s.get(context.Background(), build) })
	}
	wg.Wait()
	if n := builds.Load(); n != 1 {
		t.Errorf("%d builds, want 1", n)
	}
	for i, e := range got {
		if e == nil || e != got[0] {
			t.Errorf("caller %d got %p, want the one engine %p", i, e, got[0])
		}
	}
}
