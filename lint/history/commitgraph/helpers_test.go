package commitgraph

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/handover-dev/handover/internal/gittest"
)

// git runs the oracle with a fixed environment: no system or user config,
// fixed identities and dates.
func git(t testing.TB, dir, stdin string, args ...string) string {
	t.Helper()
	return gitEnv(t, dir, nil, stdin, args...)
}

// gitEnv is git with more environment variables.
func gitEnv(t testing.TB, dir string, env []string, stdin string, args ...string) string {
	t.Helper()
	identity := gittest.At("1700000000 +0000", "T", "t@example.com")
	return gittest.GitInput(t, dir, append(identity, env...), stdin, args...)
}

// imports writes a git fast-import stream: every commit goes to
// refs/heads/main, which run then resets to the head.
type imports struct {
	dir   string
	next  strings.Builder
	marks int
}

func newImports(t testing.TB, dir string) *imports {
	git(t, dir, "", "init", "-q", "-b", "main")
	return &imports{dir: dir}
}

// commit adds a commit at committer time when, on top of its first
// parent's tree (an empty tree without parents), with the files of set
// ("" deletes; a mode prefix "755:" or "link:" sets the mode).
func (im *imports) commit(when int64, parents []int, set map[string]string) int {
	im.marks++
	msg := fmt.Sprintf("commit %d", im.marks)
	if len(parents) == 0 {
		// without it the branch's tip would become the parent
		im.next.WriteString("reset refs/heads/main\n")
	}
	fmt.Fprintf(&im.next, "commit refs/heads/main\nmark :%d\n", im.marks)
	fmt.Fprintf(&im.next, "committer C <c@example.com> %d +0000\ndata %d\n%s\n", when, len(msg), msg)
	for i, p := range parents {
		verb := "merge"
		if i == 0 {
			verb = "from"
		}
		fmt.Fprintf(&im.next, "%s :%d\n", verb, p)
	}
	for _, path := range sortedKeys(set) {
		content := set[path]
		mode := "100644"
		switch {
		case content == "":
			fmt.Fprintf(&im.next, "D %s\n", path)
			continue
		case strings.HasPrefix(content, "755:"):
			mode, content = "100755", content[4:]
		case strings.HasPrefix(content, "link:"):
			mode, content = "120000", content[5:]
		}
		fmt.Fprintf(&im.next, "M %s inline %s\ndata %d\n%s\n", mode, path, len(content), content)
	}
	return im.marks
}

// run imports the stream, points main at head and returns the hash of
// every mark.
func (im *imports) run(t testing.TB, head int) map[int]string {
	t.Helper()
	fmt.Fprintf(&im.next, "reset refs/heads/main\nfrom :%d\n\n", head)
	return gittest.FastImport(t, im.dir, strings.NewReader(im.next.String()))
}

// commitInfo is what git log says of a commit.
type commitInfo struct {
	hash, tree string
	parents    []string
	time       int64
}

// logAll lists every commit reachable from a ref, as git log prints it.
func logAll(t testing.TB, dir string) []commitInfo {
	t.Helper()
	var commits []commitInfo
	for _, line := range strings.Split(git(t, dir, "", "log", "--all", "--format=%H %T %ct %P"), "\n") {
		f := strings.Fields(line)
		when, err := strconv.ParseInt(f[2], 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		commits = append(commits, commitInfo{hash: f[0], tree: f[1], time: when, parents: f[3:]})
	}
	return commits
}

// firstParentChanges returns, for every commit, the files git diff-tree
// lists against its first parent (against the empty tree for a root),
// without rename detection: what git puts in the commit's Bloom filter.
func firstParentChanges(t testing.TB, dir string, commits []commitInfo) map[string][]string {
	t.Helper()
	var stdin strings.Builder
	for _, c := range commits {
		stdin.WriteString(c.hash)
		if len(c.parents) > 0 {
			stdin.WriteString(" " + c.parents[0])
		}
		stdin.WriteString("\n")
	}
	out := git(t, dir, stdin.String(), "-c", "core.quotePath=false", "diff-tree", "--stdin", "-r", "--root", "--name-only", "--no-renames", "-z")
	changes := map[string][]string{}
	isCommit := map[string]bool{}
	for _, c := range commits {
		isCommit[c.hash] = true
		changes[c.hash] = nil
	}
	var current string
	for _, field := range strings.Split(out, "\x00") {
		field = strings.TrimSpace(field)
		if isCommit[field] {
			current = field
			continue
		}
		if field != "" {
			changes[current] = append(changes[current], field)
		}
	}
	return changes
}

// withDirs adds every leading directory of the paths, as git's filters
// hold them.
func withDirs(paths []string) map[string]bool {
	set := map[string]bool{}
	for _, p := range paths {
		for ; p != ""; p = parentDir(p) {
			set[p] = true
		}
	}
	return set
}

func parentDir(p string) string {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return ""
	}
	return p[:i]
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

func hash20(t testing.TB, s string) [20]byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != 20 {
		t.Fatalf("not a SHA-1: %q", s)
	}
	return [20]byte(b)
}

// chainLines reads the commit-graph-chain file.
func chainLines(t testing.TB, dir string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, ".git", "objects", "info", "commit-graphs", "commit-graph-chain"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		lines = append(lines, s.Text())
	}
	return lines
}
