package history

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHeadAgreesWithGitFsck: git is the oracle of what is broken. A
// repository git fsck accepts whose HEAD git rev-parse cannot resolve is on
// an unborn branch (ErrNoCommits, "no commits yet"); one git fsck rejects
// is an error, never "no commits yet" with history silently skipped.
func TestHeadAgreesWithGitFsck(t *testing.T) {
	writeHEAD := func(t *testing.T, dir, content string) {
		if err := os.WriteFile(filepath.Join(dir, ".git", "HEAD"), []byte(content+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, tc := range map[string]struct {
		setup func(t *testing.T, dir string)
		want  string // in the error; "" for ErrNoCommits
	}{
		"fresh git init": {func(t *testing.T, dir string) {
			os.RemoveAll(filepath.Join(dir, ".git"))
			gitRun(t, dir, "init", "-q")
		}, ""},
		"HEAD on a branch without commits": {func(t *testing.T, dir string) {
			gitRun(t, dir, "symbolic-ref", "HEAD", "refs/heads/orphan")
		}, ""},
		"branch names a missing commit": {func(t *testing.T, dir string) {
			gitRun(t, dir, "update-ref", "--no-deref", "-d", "refs/heads/main")
			os.WriteFile(filepath.Join(dir, ".git", "refs", "heads", "main"), []byte(strings.Repeat("1234", 10)+"\n"), 0o644)
		}, "commit " + strings.Repeat("1234", 10) + " is missing"},
		"branch names a corrupt commit": {func(t *testing.T, dir string) {
			bad := gitRunInput(t, dir, "garbage, not a commit\n", "hash-object", "-t", "commit", "--literally", "-w", "--stdin")
			os.WriteFile(filepath.Join(dir, ".git", "refs", "heads", "main"), []byte(bad+"\n"), 0o644)
		}, "is corrupt"},
		"symbolic refs in a loop": {func(t *testing.T, dir string) {
			writeHEAD(t, dir, "ref: refs/heads/a")
			os.WriteFile(filepath.Join(dir, ".git", "refs", "heads", "a"), []byte("ref: refs/heads/b\n"), 0o644)
			os.WriteFile(filepath.Join(dir, ".git", "refs", "heads", "b"), []byte("ref: refs/heads/a\n"), 0o644)
		}, "loop"},
		"HEAD names a tag": {func(t *testing.T, dir string) {
			gitRun(t, dir, "tag", "-a", "-m", "t1", "t1")
			writeHEAD(t, dir, gitRun(t, dir, "rev-parse", "t1"))
		}, "is a tag, not a commit"},
		"HEAD names a tag of a tag": {func(t *testing.T, dir string) {
			gitRun(t, dir, "tag", "-a", "-m", "t1", "t1")
			gitRun(t, dir, "-c", "advice.nestedTag=false", "tag", "-a", "-m", "t2", "t2", "t1")
			writeHEAD(t, dir, gitRun(t, dir, "rev-parse", "t2"))
		}, "is a tag, not a commit"},
		"HEAD names a blob": {func(t *testing.T, dir string) {
			writeHEAD(t, dir, gitRun(t, dir, "rev-parse", "HEAD:a.txt"))
		}, "is a blob, not a commit"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := &history{}
			dir, _ := h.build(t, h.on(nil, set("a.txt", "a")))
			tc.setup(t, dir)
			fsckOK := gitCommand(dir, "fsck").Run() == nil
			revParseOK := gitCommand(dir, "rev-parse", "--verify", "-q", "HEAD^{commit}").Run() == nil
			r := openRepo(t, dir)
			head, err := r.Head()
			switch {
			case tc.want == "":
				if !fsckOK || revParseOK {
					t.Fatalf("git fsck ok %v, rev-parse ok %v: not an unborn branch", fsckOK, revParseOK)
				}
				if !errors.Is(err, ErrNoCommits) {
					t.Errorf("Head() = %q, %v; want ErrNoCommits", head, err)
				}
			default:
				if fsckOK {
					t.Fatal("git fsck accepts the repository: the case is wrong")
				}
				if err == nil || errors.Is(err, ErrNoCommits) || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
					t.Errorf("Head() = %q, %v; want one line saying %q", head, err, tc.want)
				}
			}
		})
	}
}
