package rules_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/rules"
)

// startupEnv names the environment variable under which this test binary
// is a child of BenchmarkNewFirstInProcess: it builds one engine as the
// first thing the process does, prints how long that took, and exits.
const startupEnv = "PACTA_STARTUP_CHILD"

func TestMain(m *testing.M) {
	if mode := os.Getenv(startupEnv); mode != "" {
		os.Exit(startupChild(mode))
	}
	os.Exit(m.Run())
}

// startupChild builds an engine over the embedded dataset the way mode
// says (eager: rules.New; lazy: Compile and LazyEngine; floor: nothing)
// and prints the nanoseconds it took, from loading the dataset to the
// engine.
func startupChild(mode string) int {
	ctx := context.Background()
	start := time.Now()
	switch mode {
	case "eager":
		ds, err := cistreaty.Default()
		if err == nil {
			_, err = rules.New(ctx, ds)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	case "lazy":
		ds, err := cistreaty.Default()
		var law *rules.Law
		if err == nil {
			law, err = rules.Compile()
		}
		if err == nil {
			_, err = law.LazyEngine(ctx, ds)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	case "floor":
	default:
		fmt.Fprintf(os.Stderr, "unknown mode %q\n", mode)
		return 2
	}
	fmt.Println(time.Since(start).Nanoseconds())
	return 0
}

// benchStartup runs this test binary afresh once per iteration, as a
// child that builds an engine first thing (see startupChild), and reports
// the child's own time for it (new-ns/op) besides the whole process's
// (ns/op).
func benchStartup(b *testing.B, mode string) {
	self, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	var total int64
	for b.Loop() {
		cmd := exec.Command(self)
		cmd.Env = append(os.Environ(), startupEnv+"="+mode)
		out, err := cmd.Output()
		if err != nil {
			b.Fatalf("child %s: %v", mode, err)
		}
		ns, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
		if err != nil {
			b.Fatalf("child %s printed %q", mode, out)
		}
		total += ns
	}
	b.ReportMetric(float64(total)/float64(b.N), "new-ns/op")
}

// BenchmarkNewFirstInProcess is rules.New on the embedded dataset as the
// first thing a process does: cel-go's parser is cold, the law is not yet
// compiled, nothing is cached. BenchmarkNewEngine measures a later New.
func BenchmarkNewFirstInProcess(b *testing.B) { benchStartup(b, "eager") }

// BenchmarkLazyEngineFirstInProcess is Compile and LazyEngine on the
// embedded dataset as the first thing a process does (what the cis
// command does before it asks its question).
func BenchmarkLazyEngineFirstInProcess(b *testing.B) { benchStartup(b, "lazy") }

// BenchmarkFirstInProcessBaseline is the same child doing nothing: the cost
// of starting this test binary, which the other two include in ns/op.
func BenchmarkFirstInProcessBaseline(b *testing.B) { benchStartup(b, "floor") }
