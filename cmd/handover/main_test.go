package main

import (
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
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

// scriptEnv is the environment of every script: git with a fixed identity
// and dates, and no user config, so that commits (and their hashes) are
// the same on every run; no colour and no token.
func scriptEnv(env *testscript.Env) error {
	for _, kv := range [][2]string{
		{"HOME", env.WorkDir},
		{"GIT_CONFIG_NOSYSTEM", "1"},
		{"GIT_AUTHOR_NAME", "Ana Lima"}, {"GIT_AUTHOR_EMAIL", "ana@acme.example"},
		{"GIT_COMMITTER_NAME", "Ana Lima"}, {"GIT_COMMITTER_EMAIL", "ana@acme.example"},
		{"GIT_AUTHOR_DATE", "2026-11-01T10:00:00Z"}, {"GIT_COMMITTER_DATE", "2026-11-01T10:00:00Z"},
		{"NO_COLOR", "1"},
	} {
		env.Setenv(kv[0], kv[1])
	}
	env.Setenv("GITHUB_TOKEN", "")
	env.Setenv("HANDOVER_TOKEN", "")
	return os.WriteFile(env.WorkDir+"/.gitconfig", []byte("[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n"), 0o644)
}
