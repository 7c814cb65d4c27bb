// Package gittest builds real git repositories for tests and runs git, the
// oracle of every history test, the same way in every package: with no
// system or user configuration, a home of its own, a fixed identity and
// fixed dates, so that a test gives the same commits on every machine and
// on any day.
package gittest

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Identity is the author and committer of commits made without one.
const (
	Name  = "Ana Lima"
	Email = "ana@acme.example"
)

// Env is the environment of a hermetic git run: HOME is home, no system or
// global configuration is read, commits are made by Name <Email> at date
// (YYYY-MM-DD, noon UTC; "" keeps git's clock out by using 2026-01-01).
// Only PATH, TMPDIR and the Go and proxy settings of the caller are kept.
func Env(home, date string) []string {
	if date == "" {
		date = "2026-01-01"
	}
	stamp := date + "T12:00:00Z"
	env := []string{
		"HOME=" + home, "LANG=C.UTF-8", "NO_COLOR=1",
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=" + os.DevNull,
		"GIT_AUTHOR_NAME=" + Name, "GIT_AUTHOR_EMAIL=" + Email, "GIT_AUTHOR_DATE=" + stamp,
		"GIT_COMMITTER_NAME=" + Name, "GIT_COMMITTER_EMAIL=" + Email, "GIT_COMMITTER_DATE=" + stamp,
		// glibc returning memory to the system after every commit makes
		// git fast-import many times slower on some machines.
		"MALLOC_TOP_PAD_=67108864", "MALLOC_TRIM_THRESHOLD_=268435456",
	}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case name == "PATH", name == "TMPDIR", strings.HasPrefix(name, "GO"),
			strings.HasSuffix(name, "_proxy"), strings.HasSuffix(name, "_PROXY"):
			env = append(env, kv)
		}
	}
	return env
}

// Command is git with args in dir, in Env(dir, "") plus extra variables.
func Command(dir string, extra []string, args ...string) *exec.Cmd {
	cmd := exec.Command("git", append([]string{"-c", "core.autocrlf=false", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(Env(dir, ""), extra...)
	return cmd
}

// Git runs git with args in dir (see Command) and returns its standard
// output, trimmed; a failure ends the test with git's message.
func Git(t testing.TB, dir string, extra []string, args ...string) string {
	t.Helper()
	return GitInput(t, dir, extra, "", args...)
}

// GitInput is Git with stdin as git's standard input.
func GitInput(t testing.TB, dir string, extra []string, stdin string, args ...string) string {
	t.Helper()
	cmd := Command(dir, extra, args...)
	cmd.Stdin = strings.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return strings.TrimSpace(string(out))
}

// Date is the environment that makes a commit at date (YYYY-MM-DD, noon
// UTC) by name <email>.
func Date(date, name, email string) []string {
	stamp := date + "T12:00:00Z"
	return []string{
		"GIT_AUTHOR_NAME=" + name, "GIT_AUTHOR_EMAIL=" + email, "GIT_AUTHOR_DATE=" + stamp,
		"GIT_COMMITTER_NAME=" + name, "GIT_COMMITTER_EMAIL=" + email, "GIT_COMMITTER_DATE=" + stamp,
	}
}
