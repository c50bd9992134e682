package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// buildCIS builds the cis command into a temporary directory.
func buildCIS(b *testing.B) string {
	b.Helper()
	bin := filepath.Join(b.TempDir(), "cis")
	cmd := exec.Command(filepath.Join(runtime.GOROOT(), "bin", "go"), "build", "-o", bin, ".")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		b.Fatalf("go build: %v", err)
	}
	return bin
}

func benchProcess(b *testing.B, wantCode int, args ...string) {
	bin := buildCIS(b)
	for b.Loop() {
		err := exec.Command(bin, args...).Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			b.Fatal(err)
		}
		if code != wantCode {
			b.Fatalf("cis %v exited %d, want %d", args, code, wantCode)
		}
	}
}

// BenchmarkProcessBound is the whole cis process answering the README's
// question, as a shell runs it: start, load, compile, answer, exit.
func BenchmarkProcessBound(b *testing.B) {
	benchProcess(b, exitAnswer, "bound", "-treaty", "cis-charter-1993", "-party", "RU", "-on", "1994-01-22")
}

// BenchmarkProcessBoundJSON is the same question answered as JSON.
func BenchmarkProcessBoundJSON(b *testing.B) {
	benchProcess(b, exitAnswer, "bound", "-treaty", "cis-charter-1993", "-party", "RU", "-on", "1994-01-22", "-json")
}

// BenchmarkProcessBaseline is the same binary refusing an unknown question
// before it loads anything: the cost of starting the process.
func BenchmarkProcessBaseline(b *testing.B) {
	benchProcess(b, exitInput, "no-such-question")
}
