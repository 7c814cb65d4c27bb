package architecture

import (
	"encoding/json"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/handover-dev/handover"

// allowed lists, for every package of the module, the packages of the
// module it may import (ARCHITECTURE.md draws the same arrows). A package
// missing here fails the test: a new package states its place.
var allowed = map[string][]string{
	"cmd/handover":               {"internal/github", "lint", "lint/format", "lint/report", "lint/result", "portfolio", "schemas"},
	"portfolio":                  {"lint", "lint/result", "lint/yamldoc", "schemas"},
	"lint":                       {"internal/repopath", "lint/codeowners", "lint/history", "lint/markdown", "lint/result", "lint/saas", "lint/secret", "lint/yamldoc", "schemas"},
	"lint/format":                {"lint/result"},
	"lint/report":                {"lint/format", "lint/result"},
	"lint/result":                {},
	"lint/history":               {"internal/repopath", "lint/history/commitgraph", "lint/history/gitattributes", "lint/history/pack", "lint/history/wildmatch"},
	"lint/history/commitgraph":   {"internal/mmap", "lint/history/wildmatch"},
	"lint/history/gitattributes": {"lint/history/wildmatch"},
	"lint/history/wildmatch":     {},
	"lint/history/pack":          {"internal/mmap"},
	"lint/codeowners":            {},
	"lint/markdown":              {},
	"lint/saas":                  {},
	"lint/secret":                {},
	"lint/yamldoc":               {},
	"schemas":                    {},
	"internal/github":            {"lint/report", "lint/result"},
	"internal/github/githubtest": {},
	"internal/golden":            {},
	"internal/gittest":           {},
	"internal/mmap":              {},
	"internal/inertmd":           {},
	"internal/repopath":          {},
	"internal/architecture":      {},
	"integration":                {},
}

// leaves must not depend, even indirectly, on anything that reads git: a
// change to an output format compiles without go-git and the core.
var leaves = []string{"lint/result", "lint/format", "lint/report"}

type listed struct {
	ImportPath string
	Imports    []string
	Deps       []string
}

func goList(t *testing.T, args ...string) []listed {
	t.Helper()
	out, err := exec.Command("go", append([]string{"list", "-json"}, args...)...).Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var pkgs []listed
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p listed
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func TestImports(t *testing.T) {
	for _, p := range goList(t, module+"/...") {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		want, ok := allowed[rel]
		if !ok {
			t.Errorf("package %s is not in ARCHITECTURE.md's map (and this test's): say what it is for and what it may import", rel)
			continue
		}
		for _, imp := range p.Imports {
			dep, inModule := strings.CutPrefix(imp, module+"/")
			if inModule && !slices.Contains(want, dep) {
				t.Errorf("%s imports %s: ARCHITECTURE.md does not allow that arrow", rel, dep)
			}
		}
	}
}

func TestLeavesDoNotReadGit(t *testing.T) {
	var args []string
	for _, l := range leaves {
		args = append(args, module+"/"+l)
	}
	for _, p := range goList(t, args...) {
		for _, d := range p.Deps {
			if strings.Contains(d, "go-git") || d == module+"/lint" || d == module+"/lint/history" {
				t.Errorf("%s depends on %s: output packages must not read git", p.ImportPath, d)
			}
		}
	}
}
