// Package release names the version of pacta that this source tree is: the
// one constant that `cis version` and the service's /healthz print, and
// that CHANGELOG.md records as the latest release.
package release

// Version is pacta's module version, as tagged and recorded in
// CHANGELOG.md.
const Version = "v0.1.0"
