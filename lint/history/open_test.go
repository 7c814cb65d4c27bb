package history

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/handover-dev/handover/internal/gittest"
)

// formsHistory is a small history with a merge, files in folders and a
// later change, for the repository forms below.
func formsHistory(t *testing.T) (string, string) {
	t.Helper()
	h := &history{}
	c1 := h.on(nil, set("handover/tech.md", "t1"), set("src/a.go", "a"), set("docs/x.md", "x"))
	c2 := h.on(p(c1), set("src/a.go", "a2"))
	c3 := h.on(p(c1), set("docs/x.md", "x2"), set("src/b.go", "b"))
	c4 := h.on(p(c2, c3), set("handover/tech.md", "t2"))
	c5 := h.on(p(c4), set("src/a.go", "a3"))
	dir, marks := h.build(t, c5)
	return dir, marks[c5]
}

// TestOpenRepositoryForms: every repository layout git reads opens, and
// answers what git answers: HEAD, git log -1 per path, git rev-list
// --count, git ls-files.
func TestOpenRepositoryForms(t *testing.T) {
	for name, make := range map[string]func(t *testing.T, src string) (repo string){
		"linked worktree": func(t *testing.T, src string) string {
			wt := filepath.Join(t.TempDir(), "wt")
			gitRun(t, src, "worktree", "add", "-q", "--detach", wt)
			return wt
		},
		"sparse checkout (extensions.worktreeConfig)": func(t *testing.T, src string) string {
			gitRun(t, src, "sparse-checkout", "set", "handover")
			return src
		},
		"sparse index": func(t *testing.T, src string) string {
			gitRun(t, src, "sparse-checkout", "set", "--sparse-index", "handover")
			return src
		},
		"split commit-graph chain": func(t *testing.T, src string) string {
			gitRun(t, src, "commit-graph", "write", "--split", "--reachable")
			os.WriteFile(filepath.Join(src, "src", "c.go"), []byte("c"), 0o644)
			gitRun(t, src, "add", "-A")
			gitRun(t, src, "commit", "-q", "-m", "c")
			gitRun(t, src, "commit-graph", "write", "--split", "--reachable")
			if chain, err := os.ReadFile(filepath.Join(src, ".git", "objects", "info", "commit-graphs", "commit-graph-chain")); err != nil || strings.Count(string(chain), "\n") < 2 {
				t.Fatalf("no chain of two commit-graphs: %q, %v", chain, err)
			}
			return src
		},
		"split index": func(t *testing.T, src string) string {
			gitRun(t, src, "update-index", "--split-index")
			os.WriteFile(filepath.Join(src, "new.txt"), []byte("n"), 0o644)
			gitRun(t, src, "add", "new.txt")
			gitRun(t, src, "rm", "-q", "--cached", "docs/x.md")
			return src
		},
		"index version 4": func(t *testing.T, src string) string {
			gitRun(t, src, "update-index", "--index-version", "4")
			return src
		},
		"bare":                         cloneForm("repo.git", "--bare"),
		"separate git dir (.git file)": cloneForm("work", "--separate-git-dir", "$DIR-store.git"),
		"alternates (clone --shared)":  cloneForm("shared", "--shared"),
		".git a symbolic link": func(t *testing.T, src string) string {
			store := filepath.Join(t.TempDir(), "store")
			if err := os.Rename(filepath.Join(src, ".git"), store); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(store, filepath.Join(src, ".git")); err != nil {
				t.Fatal(err)
			}
			return src
		},
		"format 1 with reader-safe extensions": func(t *testing.T, src string) string {
			gitRun(t, src, "config", "core.repositoryformatversion", "1")
			gitRun(t, src, "config", "extensions.preciousObjects", "true")
			gitRun(t, src, "config", "extensions.noop", "true")
			gitRun(t, src, "config", "extensions.objectFormat", "sha1")
			return src
		},
		"format 0 with an unknown extension, which git ignores": func(t *testing.T, src string) string {
			gitRun(t, src, "config", "extensions.unknownToAll", "true")
			return src
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src, _ := formsHistory(t)
			dir := make(t, src)
			want := gitRun(t, dir, "rev-parse", "HEAD")
			r := openRepo(t, dir)
			head, err := r.Head()
			if err != nil || head != want {
				t.Fatalf("Head() = %s, %v; git rev-parse HEAD = %s", head, err, want)
			}
			paths := allPaths(t, dir)
			checkLastChanges(t, dir, r, head, paths)
			checkDrift(t, dir, r, head, []string{gitRun(t, dir, "rev-parse", "HEAD~2")}, [][]string{{"src/**"}, {"docs", "handover/*"}})
			got, err := r.TrackedFiles()
			if err != nil {
				t.Fatalf("TrackedFiles: %v", err)
			}
			var files []string
			if r.Bare() {
				files = strings.Split(gitRun(t, dir, "ls-tree", "-r", "--name-only", "HEAD"), "\n")
			} else {
				files = strings.Split(gitRun(t, dir, "-c", "core.quotePath=false", "ls-files"), "\n")
			}
			if !reflect.DeepEqual(got, files) {
				t.Errorf("TrackedFiles = %q, git ls-files = %q", got, files)
			}
		})
	}
}

// cloneForm makes the repository a clone of the source with git clone's
// options; $DIR in an option is the clone's directory.
func cloneForm(name string, opts ...string) func(*testing.T, string) string {
	return func(t *testing.T, src string) string {
		dir := filepath.Join(t.TempDir(), name)
		args := []string{"clone", "-q"}
		for _, o := range opts {
			args = append(args, strings.ReplaceAll(o, "$DIR", dir))
		}
		gitRun(t, src, append(args, src, dir)...)
		return dir
	}
}

// TestOpenRefusesWhatItCannotRead: what git refuses, or handover cannot
// read, is one error that names it, never a misreading.
func TestOpenRefusesWhatItCannotRead(t *testing.T) {
	for name, tc := range map[string]struct {
		setup func(t *testing.T, dir string)
		want  string
	}{
		"SHA-256": {func(t *testing.T, dir string) {
			gitRun(t, dir, "init", "-q", "--object-format=sha256", "-b", "main")
			os.WriteFile(filepath.Join(dir, "a.txt"), []byte("a"), 0o644)
			gitRun(t, dir, "add", "-A")
			gitRun(t, dir, "commit", "-q", "-m", "a")
		}, "SHA-256"},
		"unknown extension in format 1": {func(t *testing.T, dir string) {
			gitRun(t, dir, "init", "-q")
			gitRun(t, dir, "config", "core.repositoryformatversion", "1")
			gitRun(t, dir, "config", "extensions.fancyNewThing", "true")
		}, "extensions.fancyNewThing"},
		"reftable": {func(t *testing.T, dir string) {
			gitRun(t, dir, "init", "-q")
			gitRun(t, dir, "config", "core.repositoryformatversion", "1")
			gitRun(t, dir, "config", "extensions.refStorage", "reftable")
		}, "reftable"},
		"format version 2": {func(t *testing.T, dir string) {
			gitRun(t, dir, "init", "-q")
			gitRun(t, dir, "config", "core.repositoryformatversion", "2")
		}, "repositoryformatversion is 2"},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			if name != "SHA-256" {
				if out, err := gitCommand(dir, "rev-parse", "--git-dir").CombinedOutput(); err == nil {
					t.Fatalf("git reads the repository (%s): the case is wrong", out)
				}
			}
			_, err := Open(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Errorf("Open: %v, want one line naming %q", err, tc.want)
			}
		})
	}
}

// gitCommand is the git binary with the tests' fixed environment, for a
// command that is expected to fail.
func gitCommand(dir string, args ...string) *exec.Cmd {
	return gittest.Command(dir, oracleIdentity, args...)
}

// TestOpenSkipsOddDotGit: a .git that is a named pipe or a socket is not
// a repository, as git decides, and is never opened (opening a named pipe
// blocks until a writer comes). Discovery goes on to the folders above.
func TestOpenSkipsOddDotGit(t *testing.T) {
	outer, _ := formsHistory(t)
	for name, mk := range map[string]func(string) error{
		"named pipe": func(p string) error { return syscall.Mkfifo(p, 0o644) },
		"socket": func(p string) error {
			fd, err := syscall.Socket(syscall.AF_UNIX, syscall.SOCK_STREAM, 0)
			if err != nil {
				return err
			}
			defer syscall.Close(fd)
			return syscall.Bind(fd, &syscall.SockaddrUnix{Name: p})
		},
	} {
		t.Run(name, func(t *testing.T) {
			alone := t.TempDir()
			nested := filepath.Join(outer, "docs", strings.ReplaceAll(name, " ", "-"))
			for _, dir := range []string{alone, nested} {
				if err := os.MkdirAll(dir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := mk(filepath.Join(dir, ".git")); err != nil {
					t.Skip("cannot make one here:", err)
				}
			}
			done := make(chan error, 1)
			go func() { _, err := Open(alone); done <- err }()
			select {
			case err := <-done:
				if !errors.Is(err, ErrNotRepository) {
					t.Errorf("Open(folder with a %s .git) = %v, want ErrNotRepository", name, err)
				}
			case <-time.After(20 * time.Second):
				t.Fatalf("Open(folder with a %s .git) blocks", name)
			}
			want := gitRun(t, nested, "rev-parse", "--show-toplevel")
			if r := openRepo(t, nested); r.Root() != want {
				t.Errorf("Open(%s) found %s; git finds %s", nested, r.Root(), want)
			}
		})
	}
}

// TestOpenBadGitFile: a .git file git cannot follow is an error naming it,
// as it is for git.
func TestOpenBadGitFile(t *testing.T) {
	for content, want := range map[string]string{
		"not a gitdir line\n":       "invalid gitfile format",
		"gitdir: \n":                "no path",
		"gitdir: ../nowhere/.git\n": "not a git repository",
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, ".git"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := gitCommand(dir, "rev-parse", "--git-dir").CombinedOutput(); err == nil {
			t.Fatalf("git reads a .git file holding %q", content)
		}
		if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf(".git file %q: Open error %v, want %q", content, err, want)
		}
	}
}
