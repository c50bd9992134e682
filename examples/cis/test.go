package main

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/pacta-law/pacta/rules/verify"
)

// runTest runs case files (`cis test FILE…`, a directory standing for its
// *.yaml files) with package rules/verify, under the cli's context. It
// writes each failure, the rules no case exercised, and a last line
// "N passed, M failed" to out, and returns &testFailures{} when some failed
// (exit status 1), an error wrapping the context's when it ended before
// every case ran (3), an error for an unreadable or malformed file (2), or
// nil.
func runTest(c *cli, out *bytes.Buffer, args []string) error {
	q := newFlags("test", "FILE...", false)
	q.files = true
	if err := q.parse(c, args); err != nil {
		return err
	}
	var stderr bytes.Buffer
	status := verify.MainContext(c.ctx, out, &stderr, q.fs.Args())
	switch status {
	case 0:
		return nil
	case 1:
		return &testFailures{}
	}
	msg := strings.TrimSpace(stderr.String())
	if msg == "" {
		msg = "the case files could not be run"
	}
	if err := c.ctx.Err(); status == 3 && err != nil {
		return &stoppedError{msg: msg, err: err}
	}
	return errors.New(msg)
}

// stoppedError is a run of case files that its context ended: its message
// is verify's line, which names the context's error; it wraps that error,
// so that its exit status is 3.
type stoppedError struct {
	msg string
	err error
}

func (e *stoppedError) Error() string { return e.msg }
func (e *stoppedError) Unwrap() error { return e.err }

// testFailures reports that `test` ran and some cases failed: run writes what
// the command printed and exits with status 1.
type testFailures struct{ passed, failed int }

func (f *testFailures) Error() string { return fmt.Sprintf("%d passed, %d failed", f.passed, f.failed) }
