package integration

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// TestActionInputsReachScriptThroughEnv: no `${{ }}` inside a run: script
// (an input pasted into a script is shell injection), and every input of
// action.yml reaches the script through env:.
func TestActionInputsReachScriptThroughEnv(t *testing.T) {
	a := readAction(t)
	if a.Runs.Using != "composite" {
		t.Errorf("runs.using is %q, want composite", a.Runs.Using)
	}
	passed := map[string]bool{}
	for _, step := range a.Runs.Steps {
		if strings.Contains(step.Run, "${{") {
			t.Errorf("a run: script contains an expression; pass it through env: instead:\n%s", step.Run)
		}
		for _, v := range step.Env {
			if m := expression.FindStringSubmatch(v); m != nil && strings.HasPrefix(m[1], "inputs.") {
				passed[strings.TrimPrefix(m[1], "inputs.")] = true
			}
		}
	}
	for name := range a.Inputs {
		if !passed[name] {
			t.Errorf("input %q never reaches the script", name)
		}
	}
}

var pinned = regexp.MustCompile(`^[^@\s]+@[0-9a-f]{40}$`)

// TestActionsPinned: every third-party action in action.yml and the
// workflows is pinned by a full commit SHA, not a movable tag.
func TestActionsPinned(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(repoRoot, ".github", "workflows", "*.yml"))
	files = append(files, filepath.Join(repoRoot, "action.yml"))
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var doc yaml.Node
		if err := yaml.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, uses := range values(&doc, "uses") {
			if !strings.HasPrefix(uses.Value, "./") && !pinned.MatchString(uses.Value) {
				t.Errorf("%s:%d: uses %s: pin it by a full commit SHA (and name the tag in a comment)", file, uses.Line, uses.Value)
			}
		}
	}
}

// values finds the scalar values of every mapping key named key.
func values(n *yaml.Node, key string) []*yaml.Node {
	var found []*yaml.Node
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key && n.Content[i+1].Kind == yaml.ScalarNode {
				found = append(found, n.Content[i+1])
			}
		}
	}
	for _, c := range n.Content {
		found = append(found, values(c, key)...)
	}
	return found
}

func TestShellcheck(t *testing.T) {
	shellcheck := needTool(t, "shellcheck")
	cmd := exec.Command(shellcheck, "scripts/action.sh")
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("shellcheck scripts/action.sh: %v\n%s", err, out)
	}
}

func TestYamllint(t *testing.T) {
	yamllint := needTool(t, "yamllint")
	cmd := exec.Command(yamllint, "--strict", "action.yml", ".pre-commit-hooks.yaml", ".yamllint.yml", ".github")
	cmd.Dir = repoRoot
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("yamllint: %v\n%s", err, out)
	}
}
