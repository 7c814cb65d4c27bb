package integration

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/handover-dev/handover/internal/github/githubtest"
)

// actionYAML is the part of action.yml the tests read.
type actionYAML struct {
	Inputs map[string]struct {
		Default string `yaml:"default"`
	} `yaml:"inputs"`
	Runs struct {
		Using string `yaml:"using"`
		Steps []struct {
			ID   string            `yaml:"id"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			Env  map[string]string `yaml:"env"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"runs"`
}

func readAction(t *testing.T) actionYAML {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionYAML
	if err := yaml.Unmarshal(b, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return a
}

// actionRun is one simulated run of the action's script.
type actionRun struct {
	event  string            // GITHUB_EVENT_NAME
	inputs map[string]string // the workflow's with:, by input name
	// noBinary makes the script build handover itself, as on a runner.
	noBinary bool
	// github is the API the runner points at (GITHUB_API_URL), with the
	// repository GITHUB_REPOSITORY and github.token; nil for none.
	github *githubtest.Server
	// fork makes the pull request come from a fork of the repository.
	fork bool
}

type actionResult struct {
	code                   int
	stdout, summary, outpt string
	workspace              string
}

// logHas fails the test for each of wants the action's log does not hold.
func (res actionResult) logHas(t *testing.T, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(res.stdout, want) {
			t.Errorf("the log lacks %q:\n%s", want, res.stdout)
		}
	}
}

var expression = regexp.MustCompile(`^\$\{\{ *([a-z0-9_.-]+) *\}\}$`)

// runAction runs scripts/action.sh in the workspace the way the runner
// runs the composite step: its env: evaluated from the inputs (defaults
// from action.yml) and from the pull_request event payload, and the
// runner's GITHUB_* variables.
func runAction(t *testing.T, workspace string, base string, run actionRun) actionResult {
	t.Helper()
	a := readAction(t)
	tmp := t.TempDir()
	event := map[string]any{}
	repository := "acme/shop"
	if run.github != nil {
		repository = run.github.Owner + "/" + run.github.Repo
	}
	if run.event == "pull_request" {
		head := repository
		if run.fork {
			head = "mallory/shop"
		}
		event["pull_request"] = map[string]any{
			"number": 7, "base": map[string]any{"sha": base, "ref": "main"},
			"head": map[string]any{"repo": map[string]any{"full_name": head}},
		}
	}
	github := map[string]any{"event": event, "token": ""}
	payload, _ := json.Marshal(event)
	eventPath := filepath.Join(tmp, "event.json")
	summary, output := filepath.Join(tmp, "summary.md"), filepath.Join(tmp, "output")
	for _, p := range []string{eventPath, summary, output} {
		content := []byte{}
		if p == eventPath {
			content = payload
		}
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	env := append(cleanEnv(tmp),
		"CI=true", "GITHUB_ACTIONS=true", "GITHUB_WORKSPACE="+workspace,
		"GITHUB_EVENT_NAME="+run.event, "GITHUB_EVENT_PATH="+eventPath,
		"GITHUB_STEP_SUMMARY="+summary, "GITHUB_OUTPUT="+output,
		"GITHUB_ACTION_PATH="+repoRoot, "RUNNER_TEMP="+tmp, "GITHUB_REPOSITORY="+repository,
	)
	if run.github != nil {
		env = append(env, "GITHUB_API_URL="+run.github.URL)
		github["token"] = run.github.Token
	}
	if !run.noBinary {
		env = append(env, "HANDOVER_BIN="+handoverBin)
	}
	var script string
	for _, step := range a.Runs.Steps {
		if step.Run == "" {
			continue
		}
		script = step.Run
		for name, value := range step.Env {
			env = append(env, name+"="+evaluate(t, a, value, run.inputs, github))
		}
	}
	// A hung step fails with its output rather than a goroutine dump at
	// the test binary's timeout.
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-c", script)
	cmd.WaitDelay = 10 * time.Second
	cmd.Dir = workspace
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	res := actionResult{stdout: string(out), workspace: workspace}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		res.code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	s, _ := os.ReadFile(summary)
	o, _ := os.ReadFile(output)
	res.summary, res.outpt = string(s), string(o)
	return res
}

// evaluate computes a step's env value as the runner would, for the
// expressions action.yml may use: inputs (their defaults evaluated in
// turn) and the github context (github.token, github.event.…).
func evaluate(t *testing.T, a actionYAML, value string, inputs map[string]string, github map[string]any) string {
	t.Helper()
	m := expression.FindStringSubmatch(value)
	if m == nil {
		if strings.Contains(value, "${{") {
			t.Fatalf("action.yml: env value %q is not a single expression", value)
		}
		return value
	}
	switch expr := m[1]; {
	case strings.HasPrefix(expr, "inputs."):
		name := strings.TrimPrefix(expr, "inputs.")
		in, ok := a.Inputs[name]
		if !ok {
			t.Fatalf("action.yml: env uses undeclared input %q", name)
		}
		if v, ok := inputs[name]; ok {
			return v
		}
		return evaluate(t, a, in.Default, inputs, github)
	case strings.HasPrefix(expr, "github."):
		// A property missing on the way is the empty string, as on the
		// runner (github.event.pull_request on a push).
		var v any = github
		for _, key := range strings.Split(strings.TrimPrefix(expr, "github."), ".") {
			obj, _ := v.(map[string]any)
			v = obj[key]
		}
		if v == nil {
			return ""
		}
		return fmt.Sprint(v)
	}
	t.Fatalf("action.yml: the test does not know the expression %q", value)
	return ""
}

func TestActionPullRequest(t *testing.T) {
	r, base := pullRequestRepo(t)
	res := runAction(t, r.dir, base, actionRun{event: "pull_request", inputs: map[string]string{"sarif-file": "handover.sarif"}})
	if res.code != 1 {
		t.Fatalf("exit %d, want 1 (errors at fail-on error):\n%s", res.code, res.stdout)
	}
	res.logHas(t,
		"::error file=handover/tech.md,line=15,col=57,title=handover broken-link::link to runbook.md",
		"::error file=handover/team.md,title=handover missing-doc::",
		// pr-drift proves the base came from the pull_request payload.
		"::warning file=infra/a net%2C v2%3A edge.tf,title=handover pr-drift::",
		"::notice file=handover/tech.md,line=4,col=20,title=handover dead-cover::",
	)
	for _, want := range []string{"## handover: 2 errors, 2 warnings, 1 info", "| tech | handover/tech.md | Ana Lima |", "| error | handover/tech.md:15:57 |"} {
		if !strings.Contains(res.summary, want) {
			t.Errorf("the step summary lacks %q:\n%s", want, res.summary)
		}
	}
	if want := "exit-code=1\nsarif-file=handover.sarif\n"; res.outpt != want {
		t.Errorf("GITHUB_OUTPUT is %q, want %q", res.outpt, want)
	}
	sarif, err := os.ReadFile(filepath.Join(r.dir, "handover.sarif"))
	if err != nil {
		t.Fatalf("no SARIF file: %v", err)
	}
	if got := parseSARIF(t, string(sarif)); len(got) != 5 {
		t.Errorf("SARIF has %d results, want the 5 findings", len(got))
	}
}

// TestActionPush: without a pull request there is no base, so no pr-drift;
// fail-on never passes the step despite the errors.
func TestActionPush(t *testing.T) {
	r, base := pullRequestRepo(t)
	res := runAction(t, r.dir, base, actionRun{event: "push", inputs: map[string]string{"fail-on": "never"}})
	if res.code != 0 {
		t.Fatalf("exit %d, want 0 with fail-on never:\n%s", res.code, res.stdout)
	}
	if strings.Contains(res.stdout, "pr-drift") {
		t.Errorf("pr-drift on a push, without a base:\n%s", res.stdout)
	}
	if !strings.Contains(res.stdout, "title=handover broken-link") || !strings.Contains(res.summary, "## handover: 2 errors, 1 warning, 1 info") {
		t.Errorf("missing annotations or summary:\n%s\n%s", res.stdout, res.summary)
	}
}

// TestActionBuildsFromSource runs the script as on a runner: it builds
// handover from the action's directory, and a clean repository passes.
func TestActionBuildsFromSource(t *testing.T) {
	res := runAction(t, techRepo(t, "").dir, "", actionRun{event: "push", noBinary: true})
	if res.code != 0 || strings.Contains(res.stdout, "::") {
		t.Fatalf("exit %d, want 0 and no annotation:\n%s", res.code, res.stdout)
	}
	if !strings.Contains(res.summary, "No findings.") {
		t.Errorf("summary:\n%s", res.summary)
	}
}

// TestActionHostileInputs: inputs are values, never shell code. Each
// hostile value is passed as one argument: handover rejects it (exit 2) or
// reports what it leads to, and nothing it says is executed.
func TestActionHostileInputs(t *testing.T) {
	r, base := pullRequestRepo(t)
	r.write(map[string]string{"keep": "must survive\n"})
	const touch, rm = "$(touch x)", `"; rm -rf keep; echo "`
	for _, tc := range []struct {
		input, value string
		code         int
	}{
		{"fail-on", touch, 2},
		{"fail-on", rm, 2},
		{"base", rm, 2},
		{"base", touch, 2},
		{"path", touch, 2},
		{"config", rm, 2},
		{"version", touch, 2},
		{"version", rm, 2},
		{"dir", touch, 1}, // a folder of that name has no documents: missing-doc
		{"sarif-file", touch, 1},
	} {
		run := actionRun{event: "pull_request", inputs: map[string]string{tc.input: tc.value}, noBinary: tc.input == "version"}
		res := runAction(t, r.dir, base, run)
		if res.code != tc.code {
			t.Errorf("%s=%q: exit %d, want %d:\n%s", tc.input, tc.value, res.code, tc.code, res.stdout)
		}
		if tc.code == 2 && !strings.Contains(res.stdout, "::error title=handover action::") {
			t.Errorf("%s=%q: no error annotation saying the action failed:\n%s", tc.input, tc.value, res.stdout)
		}
		for _, dir := range []string{r.dir, repoRoot} {
			if _, err := os.Stat(filepath.Join(dir, "x")); err == nil {
				t.Fatalf("%s=%q ran as shell code: %s/x exists", tc.input, tc.value, dir)
			}
		}
		if _, err := os.Stat(filepath.Join(r.dir, "keep")); err != nil {
			t.Fatalf("%s=%q ran as shell code: keep was removed", tc.input, tc.value)
		}
	}
	// The sarif-file value is a file name like any other.
	if _, err := os.Stat(filepath.Join(r.dir, touch)); err != nil {
		t.Errorf("sarif-file %q: the SARIF file of that literal name was not written: %v", touch, err)
	}
}

// TestActionInputsAreData: an input is never read as a flag, and never
// printed raw in a workflow command. A path starting with "--" is a path
// (before, "--help" printed the help and passed the step), and a version
// with a line break cannot start a workflow command of its own.
func TestActionInputsAreData(t *testing.T) {
	r, base := pullRequestRepo(t)
	injected := "::error title=injected::the input ran a workflow command"
	for _, tc := range []struct {
		input, value string
		log          string // the log must hold this
	}{
		{"path", "--help", "handover: cannot check --help: no such file or directory"},
		{"path", "--output=stolen.json", "handover: cannot check --output=stolen.json: no such file or directory"},
		{"dir", "--help", "::error file=--help/team.md,title=handover missing-doc::"},
		{"version", "v1.0.0\n" + injected, `::error title=handover action::input version: "v1.0.0%0A::error title=injected::`},
		{"version", "v1.0.0\r" + injected, `::error title=handover action::input version: "v1.0.0%0D::error`},
		{"version", "100%\n" + injected, `input version: "100%25%0A::error`},
		{"sarif-file", "a.sarif\n" + injected, "::error title=handover action::input sarif-file: the file name has a line break"},
	} {
		run := actionRun{event: "pull_request", inputs: map[string]string{tc.input: tc.value}, noBinary: tc.input == "version"}
		res := runAction(t, r.dir, base, run)
		where := fmt.Sprintf("%s=%q", tc.input, tc.value)
		want := 2
		if tc.input == "dir" {
			want = 1 // a folder named --help, with no documents
		}
		if res.code != want {
			t.Errorf("%s: exit %d, want %d:\n%s", where, res.code, want, res.stdout)
		}
		if !strings.Contains(res.stdout, tc.log) {
			t.Errorf("%s: the log lacks %q:\n%s", where, tc.log, res.stdout)
		}
		for _, line := range strings.Split(res.stdout, "\n") {
			if strings.HasPrefix(strings.TrimLeft(line, "\r"), "::error title=injected") {
				t.Errorf("%s: the input started a workflow command:\n%s", where, res.stdout)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(r.dir, "stolen.json")); err == nil {
		t.Error(`path "--output=stolen.json" was read as a flag: stolen.json was written`)
	}
}

// TestActionSARIFSymlink: a sarif-file that the repository commits as a
// symbolic link is not written through; the step fails with one line.
func TestActionSARIFSymlink(t *testing.T) {
	r, base := pullRequestRepo(t)
	outside := filepath.Join(t.TempDir(), "outside.txt")
	if err := os.WriteFile(outside, []byte("not the action's\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(r.dir, "handover.sarif")); err != nil {
		t.Fatal(err)
	}
	res := runAction(t, r.dir, base, actionRun{event: "pull_request", inputs: map[string]string{"sarif-file": "handover.sarif", "fail-on": "never"}})
	if res.code != 2 {
		t.Errorf("exit %d, want 2:\n%s", res.code, res.stdout)
	}
	res.logHas(t,
		"handover: --output handover.sarif is a symbolic link",
		"::error title=handover action::could not write the SARIF file",
	)
	if b, _ := os.ReadFile(outside); string(b) != "not the action's\n" {
		t.Errorf("the link's target was overwritten:\n%s", b)
	}
}
