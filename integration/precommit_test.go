package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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

// hookInstall is a repository with the handover hook installed as a user
// installs it: pre-commit install, with the hook's repository at a commit
// of this work tree and hooks, the YAML list of the config's hooks.
type hookInstall struct {
	*repo
	env []string
}

func installHook(t *testing.T, r *repo, hookRepo, rev, home, hooks string) *hookInstall {
	t.Helper()
	config := filepath.Join(t.TempDir(), "pre-commit-config.yaml")
	writeFile(t, config, "repos:\n  - repo: "+hookRepo+"\n    rev: "+rev+"\n    hooks:\n"+hooks)
	h := &hookInstall{repo: r, env: append(gitEnv(r.dir, "2026-11-25"), "PRE_COMMIT_HOME="+home)}
	install := exec.Command("pre-commit", "install", "--config", config)
	install.Dir, install.Env = r.dir, h.env
	if out, err := install.CombinedOutput(); err != nil {
		t.Fatalf("pre-commit install: %v\n%s", err, out)
	}
	return h
}

// commit writes one file and commits it, running the hook, which must not
// fail; it returns git's output.
func (h *hookInstall) commit(name, content string) string {
	h.t.Helper()
	h.write(map[string]string{name: content})
	h.git("2026-11-25", "add", "-A")
	cmd := exec.Command("git", "commit", "-q", "--no-gpg-sign", "-m", "change "+name)
	cmd.Dir, cmd.Env = h.dir, h.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		h.t.Fatalf("git commit of %s: %v\n%s", name, err, out)
	}
	return string(out)
}

var hookPassed = regexp.MustCompile(`(?m)^handover\.+Passed`)

// TestPreCommitOnCommit commits with the hook installed. A passing run
// shows its warnings; a commit touching only a file that changes findings
// (.handover.yml, .mailmap, CODEOWNERS, a dependency manifest, a workflow)
// runs the hook; a commit touching none skips it. The README's recipe for
// a folder elsewhere works as written.
func TestPreCommitOnCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds handover through pre-commit; skipped with -short")
	}
	needTool(t, "pre-commit")
	hookRepo, rev := snapshotRepo(t)
	home := filepath.Join(t.TempDir(), "pre-commit") // the hook is built once
	// The hook's own args, with a fixed date for the check.
	const hook = "      - id: handover\n        args: [check, --now, \"2026-11-25\"]\n"

	// A placeholder is a warning: the check passes, and says so.
	h := installHook(t, techRepo(t, " TODO: draw the diagram."), hookRepo, rev, home, hook)
	const warning = "handover/tech.md:15:49: warning: placeholder \"TODO\""
	out := h.commit("README.md", "# acme api\n")
	if !strings.Contains(out, "(no files to check)Skipped") {
		t.Errorf("a commit of README.md alone ran the hook:\n%s", out)
	}
	for _, f := range []struct{ name, content string }{
		{"handover/tech.md", techDoc("2026-11-20", " TODO: draw the diagram.")},
		{".handover.yml", "require: [tech]\nreview_every: 120d\n"},
		{".mailmap", "Ana Lima <ana@acme.example> <ana@old.example>\n"},
		{"CODEOWNERS", "* @ana-lima\n"},
		{".github/CODEOWNERS", "* @ana-lima\n"},
		{"docs/CODEOWNERS", "* @ana-lima\n"},
		{"go.mod", "module example.com/acme\n\ngo 1.26\n"},
		{"web/package.json", `{"dependencies": {"left-pad": "1.3.0"}}` + "\n"},
		{"requirements.txt", "requests==2.32.0\n"},
		{".github/workflows/deploy.yml", "on: push\n"},
	} {
		out := h.commit(f.name, f.content)
		if !hookPassed.MatchString(out) {
			t.Errorf("a commit of %s alone did not run the hook:\n%s", f.name, out)
			continue
		}
		if !strings.Contains(out, warning) {
			t.Errorf("the passing run of a commit of %s hides the warning %q:\n%s", f.name, warning, out)
		}
	}

	// The README's hook entry for docs/handover, with a fixed date.
	readme, err := os.ReadFile(filepath.Join(repoRoot, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)For a handover folder elsewhere.*?```yaml\n(.*?)```").FindSubmatch(readme)
	if m == nil {
		t.Fatal("README.md has no pre-commit entry for a folder elsewhere")
	}
	entry := strings.Replace(string(m[1]), "args: [check, ", "args: [check, --now, \"2026-11-25\", ", 1)
	r := newRepo(t)
	r.write(map[string]string{".handover.yml": "require: [tech]\n", "infra/main.tf": "x\n", "Dockerfile": "FROM scratch\n"})
	r.commit("2026-11-01", "start")
	h = installHook(t, r, hookRepo, rev, home, entry)
	out = h.commit("docs/handover/tech.md", techDoc("2026-11-20", " TODO: draw the diagram."))
	if !hookPassed.MatchString(out) || !strings.Contains(out, "docs/handover/tech.md:15:49: warning: placeholder") {
		t.Errorf("the README's entry for docs/handover did not check docs/handover:\n%s", out)
	}
	if out := h.commit("src/main.go", "package main\n"); !strings.Contains(out, "(no files to check)Skipped") {
		t.Errorf("with the README's entry, a commit of src/main.go alone ran the hook:\n%s", out)
	}
}

func writeFile(t *testing.T, name, content string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
