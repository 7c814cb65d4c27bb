package main

import (
	"runtime/debug"
	"testing"
)

// TestBuildVersion covers each source of the version; the integration
// tests build the binary each way and run it.
func TestBuildVersion(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	const rev = "0123456789abcdef0123456789abcdef01234567"
	for _, tc := range []struct {
		name, ldflags string
		info          *debug.BuildInfo
		want          string
	}{
		{"go install …@v0.1.0", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.1.0"}}, "v0.1.0"},
		{"ldflags win", "v9.9.9", &debug.BuildInfo{Main: debug.Module{Version: "v0.1.0"}}, "v9.9.9"},
		{"go build in a clone", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.1.1-0.20261101100000-0123456789ab+dirty"}, Settings: vcs(rev, "true")}, "v0.1.1-0.20261101100000-0123456789ab+dirty"},
		{"devel with vcs", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "false")}, "devel-0123456789ab"},
		{"devel modified", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "true")}, "devel-0123456789ab-dirty"},
		{"go run", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
		{"no build info", "", nil, "devel"},
	} {
		if got := buildVersion(tc.ldflags, tc.info); got != tc.want {
			t.Errorf("%s: buildVersion = %q, want %q", tc.name, got, tc.want)
		}
	}
}
