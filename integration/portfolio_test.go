package integration

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/handover-dev/handover/internal/gittest"
	"github.com/handover-dev/handover/lint/result"
)

// needActionlint returns actionlint from PATH or from go install's folder,
// or skips the test (fails it in CI).
func needActionlint(t *testing.T) string {
	t.Helper()
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		bin := filepath.Join(strings.TrimSpace(string(out)), "bin", "actionlint")
		if _, err := os.Stat(bin); err == nil {
			if _, err := exec.LookPath("actionlint"); err != nil {
				return bin
			}
		}
	}
	return needTool(t, "actionlint")
}

// TestPortfolioWorkflowLint runs actionlint, with shellcheck on the run:
// scripts, on the reusable portfolio workflow; and on a broken copy, to
// show that it would see a mistake.
func TestPortfolioWorkflowLint(t *testing.T) {
	actionlint := needActionlint(t)
	shellcheck := needTool(t, "shellcheck")
	lint := func(file string) (string, error) {
		cmd := exec.Command(actionlint, "-shellcheck", shellcheck, "-no-color", file)
		cmd.Dir = repoRoot
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	workflow := filepath.Join(".github", "workflows", "portfolio.yml")
	if out, err := lint(workflow); err != nil {
		t.Errorf("actionlint %s: %v\n%s", workflow, err, out)
	}
	b, err := os.ReadFile(filepath.Join(repoRoot, workflow))
	if err != nil {
		t.Fatal(err)
	}
	broken := filepath.Join(t.TempDir(), ".github", "workflows", "broken.yml")
	if err := os.MkdirAll(filepath.Dir(broken), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, broken, strings.Replace(string(b), "${{ inputs.fail-on }}", "${{ inputs.fail_on }}", 1))
	if out, err := lint(broken); err == nil || !strings.Contains(out, `property "fail_on" is not defined`) {
		t.Errorf("actionlint did not see an undefined input in a broken copy: %v\n%s", err, out)
	}
}

// portfolioRepos are the repositories of the simulated portfolio: api
// (complete, private: only the list's token reads it), web (the templates
// of handover init) and platform (findings of every severity, cloned by
// handover from a file:// URL). It returns their folders by name.
func portfolioRepos(t *testing.T) map[string]string {
	t.Helper()
	web := newRepo(t)
	init := exec.Command(handoverBin, "init", web.dir, "--now", "2026-11-01")
	init.Env = cleanEnv(web.dir)
	if out, err := init.CombinedOutput(); err != nil {
		t.Fatalf("handover init: %v\n%s", err, out)
	}
	web.commit("2026-11-01", "handover init")
	pr, _ := pullRequestRepo(t)
	platform := filepath.Join(t.TempDir(), "platform")
	gittest.Git(t, t.TempDir(), nil, "clone", "-q", pr.dir, platform)
	return map[string]string{"api": techRepo(t, "").dir, "web": web.dir, "platform": platform}
}

// handover runs the built binary and returns its standard output.
func handover(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(handoverBin, args...)
	cmd.Dir = dir
	cmd.Env = cleanEnv(dir)
	out, err := cmd.Output()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("handover %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// TestPortfolioWorkflow runs the reusable workflow under the simulated
// runner: the list job builds handover from the workflow's own commit and
// turns the list into a matrix; a job per repository checks it out with the
// list's token (or, for a URL elsewhere, lets handover clone it) and
// uploads its row; the page job merges the rows into the job summary and
// uploads the HTML and JSON. A repository the token cannot read is a row
// with the reason; each row's figures are those of the repository's own
// handover check, and the page of the rows is the page handover portfolio
// gives on one machine for the same repositories and day, byte for byte.
func TestPortfolioWorkflow(t *testing.T) {
	needTool(t, "jq")
	if testing.Short() {
		t.Skip("builds handover from source and runs the workflow's eight jobs")
	}
	source, commit := snapshotRepo(t)
	repos := portfolioRepos(t)
	caller := newRepo(t)
	caller.write(map[string]string{".github/handover-portfolio.yml": `# acme's clients
- url: https://github.com/acme/api
- {url: https://github.com/acme/web, name: Acme Web}
- url: file://` + filepath.ToSlash(repos["platform"]) + `
- url: https://github.com/acme/secret
`})
	caller.commit("2026-11-20", "the portfolio list")

	wf := readWorkflow(t, "portfolio.yml")
	inputs := map[string]any{"now": "2026-11-25"}
	for name, in := range wf.On.WorkflowCall.Inputs {
		if _, ok := inputs[name]; !ok {
			inputs[name] = in.Default
		}
	}
	run := &workflowRun{
		t: t, workflow: wf, inputs: inputs,
		secrets: map[string]any{"token": "portfolio-token"},
		github:  map[string]any{"server_url": "https://github.com", "repository": "acme/portfolio", "token": "runner-token"},
		job:     map[string]any{"status": "success", "workflow_repository": "handover-dev/handover", "workflow_sha": commit},
		repos: map[string]string{
			"handover-dev/handover": source, "acme/portfolio": caller.dir,
			"acme/api": repos["api"], "acme/web": repos["web"],
		},
		tokens:    map[string]string{"acme/api": "portfolio-token", "acme/web": "portfolio-token"},
		artifacts: t.TempDir(),
	}
	run.run()

	list, checks, page := run.jobs["list"], run.jobs["check"], run.jobs["page"]
	if len(list) != 1 || list[0].result != "success" || list[0].outputs["now"] != "2026-11-25" {
		t.Fatalf("the list job: %+v\n%s", list, list[0].log.String())
	}
	if len(checks) != 4 {
		t.Fatalf("%d check jobs, want one per repository of the list: 4", len(checks))
	}
	for i, c := range checks {
		if c.result != "success" {
			t.Errorf("check job %d failed (a repository's findings or failure are its row, not the job's):\n%s", i, c.log.String())
		}
	}
	if len(page) != 1 {
		t.Fatalf("%d page jobs, want 1", len(page))
	}
	// fail-on error: platform has errors, and secret could not be checked.
	if page[0].result != "failure" {
		t.Errorf("the page job passed, want it failed at fail-on error:\n%s", page[0].log.String())
	}
	summary := page[0].summary
	for _, want := range []string{
		"# Handover portfolio\n\n4 repositories, checked on 2026-11-25: ",
		"| secret | ✖ not checked: could not check out acme/secret: the token cannot read it, or it does not exist",
		"\n| Acme Web | ",
		"\n| api | ",
		"\n| platform | ",
	} {
		if !strings.Contains(summary, want) {
			t.Errorf("the job summary lacks %q:\n%s", want, summary)
		}
	}

	// Each row's result is its repository's own check.
	rows := filepath.Join(run.artifacts, "handover-portfolio")
	var portfolio result.Portfolio
	b, err := os.ReadFile(filepath.Join(rows, "portfolio.json"))
	if err != nil {
		t.Fatalf("the page's artifact: %v", err)
	}
	if err := json.Unmarshal(b, &portfolio); err != nil {
		t.Fatal(err)
	}
	byName := map[string]*result.Result{}
	for _, r := range portfolio.Repositories {
		byName[r.Name] = r.Result
	}
	for name, dir := range map[string]string{"api": repos["api"], "Acme Web": repos["web"], "platform": repos["platform"]} {
		var own result.Result
		if err := json.Unmarshal([]byte(handover(t, dir, "check", "--now", "2026-11-25", "--format", "json", "--fail-on", "never")), &own); err != nil {
			t.Fatal(err)
		}
		got := byName[name]
		if got == nil {
			t.Errorf("%s: no result in portfolio.json", name)
			continue
		}
		if g, w := mustMarshal(t, got.Findings, got.Readiness, got.Summary), mustMarshal(t, own.Findings, own.Readiness, own.Summary); g != w {
			t.Errorf("%s: the workflow's findings and readiness differ from handover check's:\n got %s\nwant %s", name, g, w)
		}
	}

	// The page of the checked rows is the page of handover portfolio on one
	// machine, in Markdown and in HTML.
	local := t.TempDir()
	writeFile(t, filepath.Join(local, "list.yml"), "- {url: file://"+filepath.ToSlash(repos["api"])+", name: api}\n"+
		"- {url: file://"+filepath.ToSlash(repos["web"])+", name: Acme Web}\n"+
		"- url: file://"+filepath.ToSlash(repos["platform"])+"\n")
	var checked []string
	for i := range 3 {
		n := strconv.Itoa(i)
		checked = append(checked, filepath.Join(run.artifacts, "handover-portfolio-row-"+n, "row-"+n+".json"))
	}
	for _, format := range []string{"markdown", "html"} {
		want := handover(t, local, "portfolio", "list.yml", "--now", "2026-11-25", "--format", format, "--fail-on", "never")
		got := handover(t, local, append([]string{"portfolio", "merge", "--format", format, "--fail-on", "never"}, checked...)...)
		if got != want {
			t.Errorf("%s: the workflow's rows give another page than handover portfolio on one machine:\n%s\nwant\n%s", format, got, want)
		}
	}
	html, err := os.ReadFile(filepath.Join(rows, "portfolio.html"))
	if err != nil || !strings.Contains(string(html), "<!DOCTYPE html>") || !strings.Contains(string(html), "✖ not checked: could not check out acme/secret") {
		t.Errorf("the page's artifact has no HTML page with every row: %v", err)
	}
}

func mustMarshal(t *testing.T, v ...any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
