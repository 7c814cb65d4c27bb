package main

import "runtime/debug"

// version is the version given at build time, if any:
//
//	go build -ldflags "-X main.version=v1.2.3" ./cmd/handover
var version string

// buildVersion returns the version handover reports (handover version, and
// tool.version in the output): the one given with -ldflags; else the
// module version Go recorded, which is the release for go install
// …@v0.1.0 and a version computed from the git tag and commit for go build
// in a clone; else, for a build without a module version ("(devel)", as
// from go run or -buildvcs=false), "devel" and the commit if Go recorded
// one.
func buildVersion(ldflags string, info *debug.BuildInfo) string {
	if ldflags != "" {
		return ldflags
	}
	if info == nil {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch {
		case s.Key == "vcs.revision":
			rev = "-" + s.Value[:min(12, len(s.Value))]
		case s.Key == "vcs.modified" && s.Value == "true":
			dirty = "-dirty"
		}
	}
	if rev == "" {
		return "devel"
	}
	return "devel" + rev + dirty
}
