package release

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// CHANGELOG.md records Version as its latest release: the first "## [x.y.z]"
// heading after [Unreleased].
func TestChangelogRecordsVersion(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "CHANGELOG.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^## \[(\d+\.\d+\.\d+)\] - \d{4}-\d{2}-\d{2}$`).FindSubmatch(b)
	if m == nil {
		t.Fatal("CHANGELOG.md records no release (## [x.y.z] - YYYY-MM-DD)")
	}
	if got := "v" + string(m[1]); got != Version {
		t.Errorf("CHANGELOG.md's latest release is %s; Version is %s", got, Version)
	}
	if !regexp.MustCompile(`(?m)^## \[Unreleased\]$`).Match(b) {
		t.Error("CHANGELOG.md has no [Unreleased] section")
	}
}
