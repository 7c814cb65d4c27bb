package gittest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEnvIgnoresTheMachine: a global configuration that signs commits,
// names the first branch master and sets another identity (named by the
// caller's GIT_CONFIG_GLOBAL, or in the home, which is the repository), and
// a date and a GIT_DIR in the caller's environment (as in a git hook),
// change nothing: the commit is made on main by
// the identity and at the date the test asked for, and the same files and
// message give the same hash in another repository.
func TestEnvIgnoresTheMachine(t *testing.T) {
	global := filepath.Join(t.TempDir(), "gitconfig")
	config := "[user]\n\tname = Other\n\temail = other@example.com\n[commit]\n\tgpgsign = true\n[init]\n\tdefaultBranch = master\n[core]\n\tautocrlf = true\n"
	if err := os.WriteFile(global, []byte(config), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_CONFIG_GLOBAL", global)
	t.Setenv("GIT_AUTHOR_DATE", "2001-02-03T04:05:06Z")
	t.Setenv("GIT_COMMITTER_NAME", "Other")
	elsewhere := filepath.Join(t.TempDir(), "elsewhere.git")
	t.Setenv("GIT_DIR", elsewhere)

	var hashes []string
	for range 2 {
		dir := t.TempDir()
		Git(t, dir, nil, "init", "-q")
		Write(t, dir, map[string]string{"docs/a.md": "# A\r\n", ".gitconfig": config, ".git/info/exclude": ".gitconfig\n"})
		hashes = append(hashes, CommitAll(t, dir, Date("2026-11-01", "Bo Ek", "bo@acme.example"), "Add a"))
		if out, err := Command(dir, nil, "config", "user.name").Output(); err == nil {
			t.Errorf("git read a configuration file: user.name is %s", out)
		}
		if _, err := os.Stat(filepath.Join(dir, ".git", "HEAD")); err != nil {
			t.Errorf("no repository in the folder git was run in: %v", err)
		}
		if got := Git(t, dir, nil, "symbolic-ref", "--short", "HEAD"); got != "main" {
			t.Errorf("branch %q, want main", got)
		}
		want := "Bo Ek <bo@acme.example> 2026-11-01T12:00:00Z|Bo Ek <bo@acme.example> 2026-11-01T12:00:00Z|Add a"
		if got := Git(t, dir, []string{"TZ=UTC"}, "log", "-1", "--date=format-local:%Y-%m-%dT%H:%M:%SZ", "--format=%an <%ae> %ad|%cn <%ce> %cd|%s"); got != want {
			t.Errorf("commit\n%s\nwant\n%s", got, want)
		}
		if got := Git(t, dir, nil, "cat-file", "-s", "HEAD:docs/a.md"); got != "5" {
			t.Errorf("committed %s bytes of 5: the CRLF was not kept", got)
		}
	}
	if hashes[0] != hashes[1] {
		t.Errorf("the same commit in two repositories has two hashes: %s, %s", hashes[0], hashes[1])
	}
	if _, err := os.Stat(elsewhere); err == nil {
		t.Errorf("git wrote to the caller's GIT_DIR %s", elsewhere)
	}
}

// TestFastImport: every mark of the stream comes back with the hash git
// gives the commit it marked.
func TestFastImport(t *testing.T) {
	dir := t.TempDir()
	Git(t, dir, nil, "init", "-q")
	stream := "commit refs/heads/main\nmark :1\ncommitter C <c@example.com> 1700000000 +0000\ndata 3\none\nM 100644 inline a\ndata 2\na\n\n" +
		"commit refs/heads/main\nmark :7\ncommitter C <c@example.com> 1700000001 +0000\ndata 3\ntwo\nfrom :1\nD a\n\n"
	marks := FastImport(t, dir, strings.NewReader(stream))
	want := map[int]string{1: Git(t, dir, nil, "rev-parse", "main~1"), 7: Git(t, dir, nil, "rev-parse", "main")}
	if len(marks) != len(want) || marks[1] != want[1] || marks[7] != want[7] {
		t.Errorf("marks %v, want %v", marks, want)
	}
}
