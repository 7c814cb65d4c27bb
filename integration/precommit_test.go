package integration

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreCommitHook runs the hook of .pre-commit-hooks.yaml with real
// pre-commit (try-repo on this repository: its HEAD plus uncommitted
// changes to tracked files, built with go install) in a repository with a
// defect, which must fail and show the finding, and in a clean one.
func TestPreCommitHook(t *testing.T) {
	if testing.Short() {
		t.Skip("builds handover through pre-commit; skipped with -short")
	}
	needTool(t, "pre-commit")
	// One pre-commit home for both runs: the hook's environment is built once.
	home := t.TempDir()
	tryRepo := func(r *repo) (string, error) {
		cmd := exec.Command("pre-commit", "try-repo", repoRoot, "handover", "--all-files", "--color", "never")
		cmd.Dir = r.dir
		cmd.Env = append(gitEnv(r.dir, "2026-11-25"), "PRE_COMMIT_HOME="+filepath.Join(home, "pre-commit"))
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	if out, err := tryRepo(techRepo(t, "")); err != nil {
		t.Fatalf("the hook fails on a clean repository: %v\n%s", err, out)
	}
	out, err := tryRepo(techRepo(t, " See the [runbook](runbook.md)."))
	if err == nil {
		t.Fatalf("the hook passes despite a broken link:\n%s", out)
	}
	want := "handover/tech.md:15:57: error: link to runbook.md: handover/runbook.md does not exist"
	if !strings.Contains(out, want) {
		t.Errorf("pre-commit output lacks %q:\n%s", want, out)
	}
}
