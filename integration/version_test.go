package integration

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handover-dev/handover/internal/gittest"
)

// TestVersion builds handover the ways users get it and runs handover
// version and a JSON check: from a clone at the release tag (what go
// install …@v0.1.0 records too: the module version), with -ldflags, and
// without version control information (as go run builds it).
func TestVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("builds handover three times; skipped with -short")
	}
	src, _ := snapshotRepo(t)
	gittest.Git(t, src, gittest.Date("2026-11-01", gittest.Name, gittest.Email), "tag", "-a", "v0.1.0", "-m", "handover v0.1.0")
	target := techRepo(t, "")
	for _, tc := range []struct {
		name  string
		flags []string
		want  string
	}{
		{"the release tag", []string{"-buildvcs=true"}, "v0.1.0"},
		{"-ldflags", []string{"-buildvcs=true", "-ldflags=-X main.version=v9.8.7-rc.1"}, "v9.8.7-rc.1"},
		{"no version control", []string{"-buildvcs=false"}, "devel"},
	} {
		bin := filepath.Join(t.TempDir(), "handover")
		build := exec.Command("go", append(append([]string{"build", "-trimpath", "-o", bin}, tc.flags...), "./cmd/handover")...)
		build.Dir = src
		build.Env = append(cleanEnv(t.TempDir()), "GOFLAGS=", "GOWORK=off")
		if out, err := build.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(build.Args, " "), err, out)
		}
		out, err := exec.Command(bin, "version").Output()
		if got := strings.TrimSpace(string(out)); err != nil || got != "handover "+tc.want {
			t.Errorf("%s: handover version printed %q (%v), want %q", tc.name, got, err, "handover "+tc.want)
		}
		out, err = exec.Command(bin, "check", target.dir, "--format", "json", "--now", "2026-11-25").Output()
		if err != nil {
			t.Fatalf("%s: handover check: %v", tc.name, err)
		}
		var res struct {
			Tool struct{ Version string }
		}
		if err := json.Unmarshal(out, &res); err != nil || res.Tool.Version != tc.want {
			t.Errorf("%s: tool.version %q (%v), want %q", tc.name, res.Tool.Version, err, tc.want)
		}
	}
}
