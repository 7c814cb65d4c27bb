package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/handover-dev/handover/internal/gittest"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"handover": main})
}

// TestScripts runs the CLI end to end: testdata/script/*.txtar, each a
// repository, commands and their expected output and exit codes.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		Setup:               scriptEnv,
		RequireExplicitExec: true,
	})
}

// scriptEnv is the environment of every script: git as internal/gittest
// runs it (no system or user configuration, branch main, no signing, a
// fixed identity, commits on 2026-11-01), so that commits (and their
// hashes) are the same on every run; no colour and no token. testscript
// keeps its own PATH and TMPDIR.
func scriptEnv(env *testscript.Env) error {
	env.Setenv("HOME", env.WorkDir)
	for _, kv := range gittest.Vars("2026-11-01") {
		name, value, _ := strings.Cut(kv, "=")
		env.Setenv(name, value)
	}
	env.Setenv("NO_COLOR", "1")
	env.Setenv("GITHUB_TOKEN", "")
	env.Setenv("HANDOVER_TOKEN", "")
	return nil
}

// TestNoTemplates: the program links neither text/template nor
// html/template. A program that runs a template keeps every exported
// method of every type it links, which made the binary 6 MB and every run
// 2 MiB larger; the pages are written by code (lint/report/page.go).
func TestNoTemplates(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/handover-dev/handover/lint/report") {
		t.Fatalf("go list -deps does not list the report package: %q", deps)
	}
	for _, pkg := range []string{"text/template", "html/template"} {
		if slices.Contains(deps, pkg) {
			t.Errorf("the program links %s", pkg)
		}
	}
}
