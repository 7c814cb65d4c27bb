// Package gittest builds real git repositories for tests and runs git, the
// oracle of every history test, the same way in every package: with no
// system or user configuration, a home of its own, a fixed identity and
// fixed dates, so that a test gives the same commits on every machine and
// on any day.
package gittest

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Identity is the author and committer of commits made without one.
const (
	Name  = "Ana Lima"
	Email = "ana@acme.example"
)

// Clean is the environment of a hermetic run of any tool: HOME is home,
// LANG is C.UTF-8, NO_COLOR is set, and of the caller's variables only
// PATH, TMPDIR, the Go settings (GO*), the proxies and the trust roots
// (SSL_CERT_FILE, SSL_CERT_DIR) are kept.
func Clean(home string) []string {
	env := []string{"HOME=" + home, "LANG=C.UTF-8", "NO_COLOR=1"}
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case name == "PATH", name == "TMPDIR", strings.HasPrefix(name, "GO"),
			strings.HasSuffix(name, "_proxy"), strings.HasSuffix(name, "_PROXY"),
			name == "SSL_CERT_FILE", name == "SSL_CERT_DIR":
			env = append(env, kv)
		}
	}
	return env
}

// Vars are the variables that make every git run hermetic, whoever starts
// it (a test, a script, a hook): no system or global configuration file is
// read; core.autocrlf and commit.gpgsign are off and init.defaultBranch is
// main (through GIT_CONFIG_COUNT, so no -c flag is needed); commits are
// made by Name <Email> at date (YYYY-MM-DD, noon UTC; "" is 2026-01-01, to
// keep git's clock out).
func Vars(date string) []string {
	if date == "" {
		date = "2026-01-01"
	}
	return append(Date(date, Name, Email),
		"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_CONFIG_COUNT=3",
		"GIT_CONFIG_KEY_0=core.autocrlf", "GIT_CONFIG_VALUE_0=false",
		"GIT_CONFIG_KEY_1=commit.gpgsign", "GIT_CONFIG_VALUE_1=false",
		"GIT_CONFIG_KEY_2=init.defaultBranch", "GIT_CONFIG_VALUE_2=main",
		// glibc returning memory to the system after every commit makes
		// git fast-import many times slower on some machines.
		"MALLOC_TOP_PAD_=67108864", "MALLOC_TRIM_THRESHOLD_=268435456",
	)
}

// Env is the environment of a hermetic git run: Clean(home) and
// Vars(date).
func Env(home, date string) []string {
	return append(Clean(home), Vars(date)...)
}

// Command is git with args in dir, in Env(dir, "") plus extra variables
// (a later value of a variable wins).
func Command(dir string, extra []string, args ...string) *exec.Cmd {
	cmd := exec.Command("git", args...)
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
	return run(t, dir, extra, strings.NewReader(stdin), args...)
}

func run(t testing.TB, dir string, extra []string, stdin io.Reader, args ...string) string {
	t.Helper()
	cmd := Command(dir, extra, args...)
	cmd.Stdin = stdin
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
	return At(date+"T12:00:00Z", name, email)
}

// At is the environment that makes a commit by name <email> at stamp, in
// any form git takes ("1700000000 +0000", an ISO 8601 time).
func At(stamp, name, email string) []string {
	return []string{
		"GIT_AUTHOR_NAME=" + name, "GIT_AUTHOR_EMAIL=" + email, "GIT_AUTHOR_DATE=" + stamp,
		"GIT_COMMITTER_NAME=" + name, "GIT_COMMITTER_EMAIL=" + email, "GIT_COMMITTER_DATE=" + stamp,
	}
}

// Write writes files (slash-separated path: content) below dir, making
// the folders they need.
func Write(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// CommitAll commits the whole work tree of the repository in dir (git add
// -A; a commit even when nothing changed) with message, in Env plus extra
// (Date, for another day or author), and returns the commit's hash.
func CommitAll(t testing.TB, dir string, extra []string, message string) string {
	t.Helper()
	Git(t, dir, extra, "add", "-A")
	Git(t, dir, extra, "commit", "-q", "--allow-empty", "-m", message)
	return Git(t, dir, nil, "rev-parse", "HEAD")
}

// FastImport runs git fast-import in the repository in dir on stream and
// returns the hash of every mark the stream set (mark :N is key N).
// Commits in a stream carry their own identities and dates; fast-import
// leaves the work tree and the index as they were.
func FastImport(t testing.TB, dir string, stream io.Reader) map[int]string {
	t.Helper()
	marks := filepath.Join(t.TempDir(), "marks")
	run(t, dir, nil, stream, "fast-import", "--quiet", "--export-marks="+marks)
	f, err := os.Open(marks)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	hashes := map[int]string{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		mark, hash, ok := strings.Cut(s.Text(), " ")
		n, err := strconv.Atoi(strings.TrimPrefix(mark, ":"))
		if !ok || err != nil || !strings.HasPrefix(mark, ":") {
			t.Fatalf("git fast-import: a marks file line %q is not :MARK HASH", s.Text())
		}
		hashes[n] = hash
	}
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return hashes
}
