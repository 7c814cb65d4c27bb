// Package integration tests where users run handover: the GitHub Action's
// script, the pre-commit hook and the output formats of the built binary,
// each with the real tools on generated git repositories.
package integration

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handover-dev/handover/internal/gittest"
)

var (
	// repoRoot is this repository: the action and the hook under test.
	repoRoot string
	// handoverBin is handover built from repoRoot once for all tests.
	handoverBin string
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	var err error
	if repoRoot, err = filepath.Abs(".."); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	tmp, err := os.MkdirTemp("", "handover-integration-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(tmp)
	handoverBin = filepath.Join(tmp, "handover")
	build := exec.Command("go", "build", "-o", handoverBin, "./cmd/handover")
	build.Dir = repoRoot
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build ./cmd/handover: %v\n%s", err, out)
		return 2
	}
	return m.Run()
}

// needTool skips the test when an external tool is missing, except in CI
// (CI=true), where a missing tool must fail the build rather than silently
// skip what it checks.
func needTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed: install %s: see .ci/run", name, name)
	}
	t.Skipf("%s is not installed (apt-get install %s); CI=true makes this a failure", name, name)
	return ""
}

// repo is a git repository in a temporary directory, built with
// internal/gittest: a fixed identity and fixed dates, so that its history
// is the same on every run.
type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	r := &repo{t: t, dir: t.TempDir()}
	r.git("2026-01-01", "init", "-q")
	return r
}

// gitEnv is the environment of a tool that runs git in generated
// repositories (pre-commit, a simulated runner): cleanEnv's and
// internal/gittest's variables, commits on date.
func gitEnv(home, date string) []string {
	return append(cleanEnv(home), gittest.Vars(date)...)
}

// cleanEnv keeps what tools need to run (PATH, Go's caches, the proxy, the
// trust roots) and drops everything else, GitHub's variables first among
// them.
func cleanEnv(home string) []string {
	env := gittest.Clean(home)
	// Go finds its caches and its configuration (go env -w) from HOME
	// unless told: keep the caller's, so that builds in tests reuse them.
	for _, v := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOENV"} {
		if os.Getenv(v) == "" {
			out, err := exec.Command("go", "env", v).Output()
			if err == nil {
				env = append(env, v+"="+strings.TrimSpace(string(out)))
			}
		}
	}
	return env
}

// git runs git in the repository with commits on date.
func (r *repo) git(date string, args ...string) string {
	r.t.Helper()
	return gittest.Git(r.t, r.dir, gittest.Date(date, gittest.Name, gittest.Email), args...)
}

// write writes files (path: content) into the work tree.
func (r *repo) write(files map[string]string) {
	r.t.Helper()
	gittest.Write(r.t, r.dir, files)
}

// commit commits the whole work tree on date (YYYY-MM-DD) and returns the
// commit hash.
func (r *repo) commit(date, msg string) string {
	r.t.Helper()
	return gittest.CommitAll(r.t, r.dir, gittest.Date(date, gittest.Name, gittest.Email), msg)
}

// techDoc is a complete tech document that covers infra/**, with extra
// Markdown appended to its Architecture section.
func techDoc(reviewed, extra string) string {
	return `---
owner: Ana Lima
reviewed: ` + reviewed + `
covers: [infra/**, Dockerfile]
repositories:
  - {name: api, url: https://github.com/acme/api}
stack: [Go, PostgreSQL]
environments:
  - {name: production, hosting: Fly.io}
---
# Technology

## Architecture

One Go API on Fly.io and a PostgreSQL database.` + extra + `

## Environments

Production only; staging was dropped in June.

## Deployment

Every merge to main deploys with fly deploy.

## Operations

Grafana alerts go to #ops.

## Security

Access through Google Workspace SSO.

## Technical debt

The billing module has no tests.
`
}

// techRepo is a repository that requires only the tech document, whose
// architecture section ends with extra: clean when extra is "".
func techRepo(t *testing.T, extra string) *repo {
	r := newRepo(t)
	r.write(map[string]string{
		".handover.yml":    "require: [tech]\n",
		"handover/tech.md": techDoc("2026-11-01", extra),
		"infra/main.tf":    "x\n",
		"Dockerfile":       "FROM scratch\n",
	})
	r.commit("2026-11-01", "Describe the infrastructure")
	return r
}

// The pull request changes this file, which the tech document covers: a
// name with a comma, a colon and a space, which every format must carry.
const awkwardPath = "infra/a net, v2: edge.tf"

// pullRequestRepo builds a repository with findings of every severity, with
// and without lines: main has the tech document, and HEAD (the pull
// request) changes covered code without updating it (drift, pr-drift), with
// a broken link (an error with a line), a required team document that does
// not exist (an error without a line) and a covers glob that matches nothing
// turned down to info. It returns the repository and the base commit.
func pullRequestRepo(t *testing.T) (*repo, string) {
	r := newRepo(t)
	r.write(map[string]string{
		".handover.yml":    "require: [tech, team]\nrules:\n  dead-cover: info\n",
		"handover/tech.md": techDoc("2026-11-01", " See the [runbook](runbook.md)."),
		"infra/main.tf":    "resource \"fly_app\" \"api\" {}\n",
	})
	base := r.commit("2026-11-01", "Describe the infrastructure")
	r.write(map[string]string{
		"infra/main.tf": "resource \"fly_app\" \"api\" {}\nresource \"fly_machine\" \"api\" { count = 2 }\n",
		awkwardPath:     "edge {}\n",
	})
	r.commit("2026-11-20", "Run the API on two machines")
	return r, base
}

// snapshotRepo copies this repository's work tree (tracked files and new
// ones not ignored, as they are now) into a new git repository with one
// commit on fixed dates, and returns its folder and that commit: the
// handover a user would install from, uncommitted changes included.
func snapshotRepo(t *testing.T) (dir, rev string) {
	t.Helper()
	out := gittest.Git(t, repoRoot, nil, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	r := newRepo(t)
	for _, name := range strings.Split(strings.TrimRight(out, "\x00"), "\x00") {
		b, err := os.ReadFile(filepath.Join(repoRoot, name))
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted, not yet committed
		}
		if err != nil {
			t.Fatal(err)
		}
		r.write(map[string]string{name: string(b)})
	}
	return r.dir, r.commit("2026-11-01", "snapshot")
}
