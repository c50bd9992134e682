package main

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/pacta-law/pacta/rules/verify"
)

// runTest runs case files (`cis test FILE…`, a directory standing for its
// *.yaml files) with package rules/verify. It writes each failure, the rules
// no case exercised, and a last line "N passed, M failed" to out, and
// returns &testFailures{} when some failed (exit status 1), an error for an
// unreadable or malformed file (2), or nil.
func runTest(c *cli, out *bytes.Buffer, args []string) error {
	q := newFlags("test", "FILE...", false)
	q.files = true
	if err := q.parse(c, args); err != nil {
		return err
	}
	var stderr bytes.Buffer
	switch verify.Main(out, &stderr, q.fs.Args()) {
	case 0:
		return nil
	case 1:
		return &testFailures{}
	}
	msg := strings.TrimSpace(stderr.String())
	if msg == "" {
		msg = "the case files could not be run"
	}
	return errors.New(msg)
}

// testFailures reports that `test` ran and some cases failed: run writes what
// the command printed and exits with status 1.
type testFailures struct{ passed, failed int }

func (f *testFailures) Error() string { return fmt.Sprintf("%d passed, %d failed", f.passed, f.failed) }
