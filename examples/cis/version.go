package main

import (
	"bytes"
	"fmt"

	"github.com/pacta-law/pacta/internal/release"
	"github.com/pacta-law/pacta/rules"
)

// versionInfo is `cis version -json`: the module's version and the
// dataset's, as the service's /healthz gives them.
type versionInfo struct {
	Version string            `json:"version"`
	Dataset rules.DatasetInfo `json:"dataset"`
}

// runVersion prints pacta's version (internal/release, recorded in
// CHANGELOG.md) and the dataset's name, version and record date.
func runVersion(c *cli, out *bytes.Buffer, args []string) error {
	q, eng, err := listFlags(c, "version", args)
	if err != nil {
		return err
	}
	ds := eng.Dataset()
	if q.json {
		return writeJSON(out, versionInfo{Version: release.Version,
			Dataset: rules.DatasetInfo{Name: ds.Name(), Version: ds.Version(), RecordAsOf: ds.RecordAsOf()}})
	}
	fmt.Fprintf(out, "pacta %s; dataset %s %s, record as of %s\n", release.Version, ds.Name(), ds.Version(), ds.RecordAsOf())
	return nil
}
