package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handover-dev/handover/internal/github/githubtest"
)

// actionToken is github.token in the simulated runs: not shaped like a
// credential, so that only handover's own care keeps it out of the log.
const actionToken = "action-run-token-0c9e41"

func fakeGitHub(t *testing.T) *githubtest.Server {
	t.Helper()
	s := githubtest.NewServer("acme", "shop", actionToken)
	t.Cleanup(s.Close)
	return s
}

// TestActionDashboard: on a schedule, dashboard: true keeps one issue
// with the findings at or above fail-on; the check's annotations and exit
// code stay as they were; the token is in no line of the log.
func TestActionDashboard(t *testing.T) {
	r, base := pullRequestRepo(t)
	gh := fakeGitHub(t)
	run := actionRun{event: "schedule", inputs: map[string]string{"dashboard": "true", "fail-on": "warning"}, github: gh}
	res := runAction(t, r.dir, base, run)
	if res.code != 1 {
		t.Fatalf("exit %d, want 1 (the check's: findings at or above warning):\n%s", res.code, res.stdout)
	}
	res.logHas(t,
		"::error file=handover/tech.md,line=15,col=57,title=handover broken-link::",
		"created dashboard issue #1: https://github.com/acme/shop/issues/1",
	)
	issues := gh.Issues()
	if len(issues) != 1 || issues[0].State != "open" || !strings.HasPrefix(issues[0].Body, "<!-- handover:dashboard -->\n") ||
		!strings.Contains(issues[0].Body, "### handover/tech.md (tech)") || !strings.Contains(issues[0].Body, "Owner: Ana Lima") {
		t.Fatalf("issues: %+v", issues)
	}
	if res := runAction(t, r.dir, base, run); !strings.Contains(res.stdout, "dashboard issue #1 is up to date") || len(gh.Issues()) != 1 {
		t.Errorf("second run: %d issues:\n%s", len(gh.Issues()), res.stdout)
	}
	for _, req := range gh.Requests() {
		if strings.Contains(req.URL, actionToken) {
			t.Errorf("%s %s carries the token", req.Method, req.URL)
		}
	}
	if strings.Contains(res.stdout, actionToken) {
		t.Errorf("the log holds the token:\n%s", res.stdout)
	}
}

// TestActionComment: on a pull request, comment: true comments once with
// the findings on the change, and edits that comment on the next push.
func TestActionComment(t *testing.T) {
	r, base := pullRequestRepo(t)
	gh := fakeGitHub(t)
	for range 6 {
		gh.AddIssue("an issue", "", false)
	}
	gh.AddIssue("Run the API on two machines", "", true) // #7, the event's pull request
	run := actionRun{event: "pull_request", inputs: map[string]string{"comment": "true"}, github: gh}
	res := runAction(t, r.dir, base, run)
	if res.code != 1 || !strings.Contains(res.stdout, "created the comment on pull request #7: https://github.com/acme/shop/pull/7#issuecomment-") {
		t.Fatalf("exit %d, want 1 and a comment created:\n%s", res.code, res.stdout)
	}
	r.write(map[string]string{"infra/main.tf": "resource \"fly_app\" \"api\" {}\n# two machines\n"})
	r.commit("2026-11-21", "Comment the machines")
	res = runAction(t, r.dir, base, run)
	if !strings.Contains(res.stdout, "edited the comment on pull request #7") {
		t.Errorf("second push:\n%s", res.stdout)
	}
	comments := gh.Issues()[6].Comments
	if len(comments) != 1 || !strings.Contains(comments[0].Body, "pr-drift") || !strings.Contains(comments[0].Body, "Findings on the files this pull request changes") {
		t.Errorf("comments on #7: %+v", comments)
	}
}

// TestActionSkips: each of dashboard and comment runs only where it
// means something, and says so with a notice where it does not; a
// pull request from a fork (whose token may not write) gets no comment.
func TestActionSkips(t *testing.T) {
	r, base := pullRequestRepo(t)
	for _, tc := range []struct {
		name string
		run  actionRun
		log  string
	}{
		{"dashboard on a pull request", actionRun{event: "pull_request", inputs: map[string]string{"dashboard": "true"}},
			"::notice title=handover action::dashboard: skipped on pull_request, which checks out the pull request; run it on schedule or workflow_dispatch"},
		{"comment on a push", actionRun{event: "push", inputs: map[string]string{"comment": "true"}},
			"::notice title=handover action::comment: skipped on push, which is not a pull request"},
		{"comment from a fork", actionRun{event: "pull_request", inputs: map[string]string{"comment": "true"}, fork: true},
			"::notice title=handover action::comment: skipped: the pull request comes from the fork mallory/shop, whose token may not write comments"},
	} {
		gh := fakeGitHub(t)
		tc.run.github = gh
		res := runAction(t, r.dir, base, tc.run)
		if res.code != 1 || !strings.Contains(res.stdout, tc.log) {
			t.Errorf("%s: exit %d, want 1 and %q:\n%s", tc.name, res.code, tc.log, res.stdout)
		}
		if n := len(gh.Requests()); n != 0 {
			t.Errorf("%s: %d requests to GitHub, want none", tc.name, n)
		}
	}
}

// TestActionGitHubFailure: a dashboard that cannot be written fails the
// step with exit 2 and says why, without the token; the switches take
// only true or false.
func TestActionGitHubFailure(t *testing.T) {
	r, base := pullRequestRepo(t)
	gh := fakeGitHub(t)
	gh.Fail(githubtest.Fault{Method: "POST", Status: 403, Message: "Resource not accessible by integration"})
	res := runAction(t, r.dir, base, actionRun{event: "schedule", inputs: map[string]string{"dashboard": "true"}, github: gh})
	for _, want := range []string{
		"handover: cannot create the dashboard issue in acme/shop: GitHub answered 403 Resource not accessible by integration: the token needs Issues: read and write (in a workflow: permissions: issues: write)",
		"::error title=handover action::handover dashboard could not update the dashboard issue",
	} {
		if res.code != 2 || !strings.Contains(res.stdout, want) {
			t.Errorf("exit %d, want 2 and %q:\n%s", res.code, want, res.stdout)
		}
	}
	if strings.Contains(res.stdout, actionToken) {
		t.Errorf("the log holds the token:\n%s", res.stdout)
	}
	res = runAction(t, r.dir, base, actionRun{event: "schedule", inputs: map[string]string{"dashboard": "yes"}, github: gh})
	if want := `::error title=handover action::input dashboard: "yes" is not true or false`; res.code != 2 || !strings.Contains(res.stdout, want) {
		t.Errorf("dashboard: yes: exit %d, want 2 and %q:\n%s", res.code, want, res.stdout)
	}
}

// TestActionlint runs actionlint on this repository's workflows (the
// scheduled dashboard among them, which uses the action from ./) and on
// a workflow that uses the action with its new inputs; a workflow with a
// misspelt input must fail, so that the check is known to read
// action.yml.
func TestActionlint(t *testing.T) {
	actionlint := goTool(t, "actionlint")
	files, _ := filepath.Glob(filepath.Join(repoRoot, ".github", "workflows", "*.yml"))
	if len(files) < 2 {
		t.Fatalf("workflows: %q, want ci.yml and the dashboard's", files)
	}
	cmd := exec.Command(actionlint, files...)
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("actionlint on .github/workflows: %v\n%s", err, out)
	}

	uses := func(with string) string {
		return `name: handover
on:
  pull_request:
  schedule:
    - cron: "0 6 * * 1"
permissions:
  contents: read
  issues: write
  pull-requests: write
jobs:
  handover:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1  # v7.0.1
        with:
          fetch-depth: 0
          persist-credentials: false
      - uses: ./
        with:
` + with
	}
	for _, tc := range []struct {
		with string
		ok   bool
	}{
		{"          dashboard: ${{ github.event_name == 'schedule' }}\n          comment: ${{ github.event_name == 'pull_request' }}\n          fail-on: warning\n          token: ${{ secrets.GITHUB_TOKEN }}\n", true},
		{"          dashbaord: true\n", false},
	} {
		// actionlint finds the action of "uses: ./" from the root of the
		// git repository the workflow is in.
		dir := newRepo(t).dir
		b, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
		if err != nil {
			t.Fatal(err)
		}
		workflow := filepath.Join(dir, ".github", "workflows", "handover.yml")
		if err := os.MkdirAll(filepath.Dir(workflow), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "action.yml"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(workflow, []byte(uses(tc.with)), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(actionlint, workflow)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		switch {
		case tc.ok && err != nil:
			t.Errorf("actionlint on a workflow using the action's new inputs: %v\n%s", err, out)
		case !tc.ok && (err == nil || !strings.Contains(string(out), `input "dashbaord" is not defined in action "handover" defined at "./"`)):
			t.Errorf("actionlint accepted a misspelt input (%v):\n%s", err, out)
		}
	}
}

// goTool finds a tool installed with go install: on the PATH, else in
// $(go env GOPATH)/bin, where go install puts it (.ci/run does).
func goTool(t *testing.T, name string) string {
	t.Helper()
	if path, err := exec.LookPath(name); err == nil {
		return path
	}
	if gopath, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		path := filepath.Join(strings.TrimSpace(string(gopath)), "bin", name)
		if _, err := os.Stat(path); err == nil {
			return path
		}
	}
	return needTool(t, name)
}
