package verify

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRunReportsFailures: each part of an expectation that the verdict
// contradicts shows in the result's Want, Got and Diff.
func TestRunReportsFailures(t *testing.T) {
	f, err := loadTestdata(t, "failing.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := f.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		Name      string
		Passed    bool
		Want, Got string
		Diff      string
	}
	var got []row
	for _, r := range rs {
		got = append(got, row{r.Name, r.Passed, r.Want, r.Got, r.Diff})
	}
	// The verdicts come from the CIS dataset (legal-facts.md): the Charter
	// in force for Russia on 22 Jan 1994 (Art. 41); Georgia's accession
	// between 8 Oct and 9 Dec 1993; Moldova's founding status open; the
	// Vienna Convention's Armenian date resting on primary sources.
	want := []row{
		{"passes", true, "true (rules cis-charter-1993/art-41)", "true", ""},
		{"wrong answer", false, "true", "false", "-want +got:\n- answer: true\n+ answer: false\n"},
		{"wrong determinate", false, "null (unknown, determinate)", "null (unknown)",
			"-want +got:\n- determinate: true\n+ determinate: false\n"},
		{"a rule not cited", false, "1994-01-22 (rules cis-charter-1993/art-41, cis-charter-1993/practice-later-deposit)",
			"1994-01-22 (missing rules cis-charter-1993/practice-later-deposit)",
			"-want +got:\n- rule: cis-charter-1993/practice-later-deposit\n"},
		{"wrong founding", false, "member-state (founding true)", "member-state (founding null)",
			"-want +got:\n- founding: true\n+ founding: null\n"},
		{"wrong range", false, "null (unknown, range 1993-10-08..1993-12-08)", "null (unknown, range 1993-10-08..1993-12-09)",
			"-want +got:\n- range: 1993-10-08..1993-12-08\n+ range: 1993-10-08..1993-12-09\n"},
		{"wrong grade", false, "2005-06-16 (grade S)", "2005-06-16 (grade P)", "-want +got:\n- grade: S\n+ grade: P\n"},
		{"an answer where the record settles nothing", false, "member-state", "null (unknown)",
			"-want +got:\n- answer: member-state\n+ answer: null\n- reason: \"\"\n+ reason: unknown\n- determinate: true\n+ determinate: false\n"},
	}
	if len(got) != len(want)+1 {
		t.Fatalf("%d results, want %d", len(got), len(want)+1)
	}
	if d := cmp.Diff(want, got[:len(want)]); d != "" {
		t.Errorf("results (-want +got):\n%s", d)
	}
	// A rule that fails at run time (9999-06-01 + 12 months is past the
	// last supported day) fails its case, with the engine's error.
	last := rs[len(rs)-1]
	if last.Passed || last.Verdict != nil || !strings.HasPrefix(last.Got, "error: ") || !strings.Contains(last.Diff, "+ error: ") {
		t.Errorf("run-time failure: %+v", last)
	}
}

// Run's error wraps the context's and names the case it stopped at.
func TestRunCancelled(t *testing.T) {
	f, err := loadTestdata(t, "failing.yaml")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	rs, err := f.Run(ctx)
	if !errors.Is(err, context.Canceled) || len(rs) != 0 {
		t.Fatalf("Run(cancelled) = %d results, %v; want none, context.Canceled", len(rs), err)
	}
	// The first case of failing.yaml, at its line.
	if want := `failing.yaml:4:5: running the cases stopped at "passes": context canceled`; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

// TestReport: one line per failure, the rules no case exercised, and last
// "N passed, M failed".
func TestReport(t *testing.T) {
	f, err := loadTestdata(t, "failing.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := f.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Report(&b, []*File{f}, rs); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	golden(t, "failing.report.golden", out)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if last := lines[len(lines)-1]; last != "1 passed, 8 failed" {
		t.Errorf("last line %q, want %q", last, "1 passed, 8 failed")
	}
}

// TestMainExitStatus: the CLI's exit statuses and outputs.
func TestMainExitStatus(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "missing.yaml")
	for _, c := range []struct {
		name       string
		paths      []string
		status     int
		stdoutLast string // the last line of stdout; "" for none
		stderr     string // a part of stderr; "" for none
	}{
		{"all passed", []string{"../../testdata/cases/user-example.yaml"}, 0, "22 passed, 0 failed", ""},
		{"a directory", []string{"testdata/dir"}, 0, "2 passed, 0 failed", ""},
		{"failures", []string{"testdata/failing.yaml"}, 1, "1 passed, 8 failed", ""},
		{"no path", nil, 2, "", "no case file given"},
		{"a missing file", []string{missing}, 2, "", "missing.yaml: no such file or directory"},
		{"a broken file", []string{"testdata/broken.yaml", "testdata/failing.yaml"}, 2, "", "testdata/broken.yaml:2:1: unknown key \"bse\""},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := Main(&stdout, &stderr, c.paths); got != c.status {
				t.Errorf("Main = %d, want %d; stderr: %s", got, c.status, stderr.String())
			}
			out := strings.TrimSuffix(stdout.String(), "\n")
			if c.stdoutLast == "" && out != "" {
				t.Errorf("stdout = %q, want nothing", out)
			}
			if c.stdoutLast != "" && out[strings.LastIndex(out, "\n")+1:] != c.stdoutLast {
				t.Errorf("stdout ends %q, want %q", out, c.stdoutLast)
			}
			if c.stderr == "" && stderr.Len() > 0 || !strings.Contains(stderr.String(), c.stderr) {
				t.Errorf("stderr = %q, want it to hold %q", stderr.String(), c.stderr)
			}
		})
	}
}

// TestRunConcurrently: a File is safe for concurrent use (run with -race).
func TestRunConcurrently(t *testing.T) {
	f, err := loadTestdata(t, "failing.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want, err := f.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan string, 8)
	for range 8 {
		go func() {
			got, err := f.Run(context.Background())
			msg := ""
			switch {
			case err != nil:
				msg = err.Error()
			case len(got) != len(want):
				msg = "a different number of results"
			default:
				for i := range got {
					if got[i].Got != want[i].Got || got[i].Passed != want[i].Passed {
						msg = "case " + got[i].Name + ": " + got[i].Got + ", alone " + want[i].Got
					}
				}
			}
			errs <- msg
		}()
	}
	for range 8 {
		if msg := <-errs; msg != "" {
			t.Error(msg)
		}
	}
}
