package verify_test

import (
	"context"
	"os"
	"testing"

	"github.com/pacta-law/pacta/rules/verify"
)

// casesDir holds the project's own case files.
const casesDir = "../../testdata/cases"

func loadCases(t *testing.T) []*verify.File {
	t.Helper()
	files, err := verify.LoadFS(os.DirFS(casesDir), "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestCases runs every case of testdata/cases as a subtest:
// go test ./rules/verify -run 'TestCases/cis-charter-1993.yaml/Georgia'.
func TestCases(t *testing.T) {
	verify.RunT(t, loadCases(t)...)
}

// TestCasesCoverEveryUsedRule checks that the project's cases exercise every
// rule their engines use: every rule of the CIS dataset, and the templates
// and Vienna Convention rules of the made-up regimes.
func TestCasesCoverEveryUsedRule(t *testing.T) {
	files := loadCases(t)
	var results []verify.Result
	for _, f := range files {
		rs, err := f.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d cases", f.Name(), len(rs))
		results = append(results, rs...)
	}
	if un := verify.Coverage(files, results); len(un) > 0 {
		t.Errorf("rules no case exercises: %q", un)
	}
	t.Logf("%d cases in all", len(results))
}
