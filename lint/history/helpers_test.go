package history

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/handover-dev/handover/internal/gittest"
)

// history builds a repository with git fast-import: every commit gets its own
// fixed time, a second after the previous one (unless jitter is set), and
// its tree is the first parent's tree plus the given changes.
type history struct {
	stream strings.Builder
	marks  int
	time   int64
	// jitter, when set, dates each commit at random within 50 seconds of
	// startTime instead: many commits share a second, and many are dated
	// before their parents (clock skew).
	jitter *rand.Rand
}

// change is one file operation: content "" deletes; mode "" is 100644;
// a submodule's content is its commit.
type change struct {
	path, content, mode string
}

func set(path, content string) change { return change{path: path, content: content} }
func del(path string) change          { return change{path: path} }
func link(path, target string) change { return change{path: path, content: target, mode: "120000"} }

// gitlink records a submodule at path, checked out at commit (which the
// repository need not hold).
func gitlink(path, commit string) change { return change{path: path, content: commit, mode: "160000"} }

const startTime = 1700000000

// commit adds a commit with parents (marks; none for a root) and returns its
// mark.
func (h *history) commit(author string, parents []int, changes ...change) int {
	if h.time == 0 {
		h.time = startTime
	}
	h.time++
	if h.jitter != nil {
		h.time = startTime + h.jitter.Int63n(50)
	}
	h.marks++
	msg := fmt.Sprintf("commit %d", h.marks)
	fmt.Fprintf(&h.stream, "commit refs/heads/main\nmark :%d\n", h.marks)
	fmt.Fprintf(&h.stream, "author %s %d +0000\n", author, h.time)
	fmt.Fprintf(&h.stream, "committer C O Mitter <c@example.com> %d +0000\n", h.time)
	fmt.Fprintf(&h.stream, "data %d\n%s\n", len(msg), msg)
	if len(parents) == 0 {
		// A root: start from an empty tree whatever the branch holds.
		h.stream.WriteString("deleteall\n")
	}
	for i, p := range parents {
		verb := "merge"
		if i == 0 {
			verb = "from"
		}
		fmt.Fprintf(&h.stream, "%s :%d\n", verb, p)
	}
	for _, c := range changes {
		if c.content == "" {
			fmt.Fprintf(&h.stream, "D %s\n", c.path)
			continue
		}
		mode := c.mode
		if mode == "" {
			mode = "100644"
		}
		if mode == "160000" {
			fmt.Fprintf(&h.stream, "M %s %s %s\n", mode, c.content, c.path)
			continue
		}
		fmt.Fprintf(&h.stream, "M %s inline %s\ndata %d\n%s\n", mode, c.path, len(c.content), c.content)
	}
	return h.marks
}

const defaultAuthor = "A U Thor <a@example.com>"

// on is commit with the default author.
func (h *history) on(parents []int, changes ...change) int {
	return h.commit(defaultAuthor, parents, changes...)
}

func p(marks ...int) []int { return marks }

// build writes the repository with head checked out and returns its
// directory and the hash of every mark.
func (h *history) build(t testing.TB, head int) (string, map[int]string) {
	t.Helper()
	dir := t.TempDir()
	gitRun(t, dir, "init", "-q", "-b", "main")
	fmt.Fprintf(&h.stream, "reset refs/heads/main\nfrom :%d\n\n", head)
	hashes := gittest.FastImport(t, dir, strings.NewReader(h.stream.String()))
	gitRun(t, dir, "reset", "-q", "--hard", "main")
	return dir, hashes
}

// oracleIdentity is who makes the commits the tests make with git itself,
// and when.
var oracleIdentity = gittest.At("1700000000 +0000", "T", "t@example.com")

// gitRun runs the git binary, the oracle, with a fixed environment.
func gitRun(t testing.TB, dir string, args ...string) string {
	t.Helper()
	return gittest.Git(t, dir, oracleIdentity, args...)
}

func openRepo(t testing.TB, dir string) *Repo {
	t.Helper()
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

// gitPathspecs turns covers globs into git's ':(glob)' and
// ':(exclude,glob)' pathspecs.
func gitPathspecs(globs []string) []string {
	specs := make([]string, len(globs))
	for i, g := range globs {
		pattern, exclude, _ := ParseGlob(g)
		if exclude {
			specs[i] = ":(exclude,glob)" + pattern
		} else {
			specs[i] = ":(glob)" + pattern
		}
	}
	return specs
}

// checkLastChanges compares LastChanges with git log -1 for every path.
func checkLastChanges(t *testing.T, dir string, r *Repo, head string, paths []string) {
	t.Helper()
	got, err := r.LastChanges(head, paths)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range paths {
		want := gitOracle(t, dir, "log", "-1", "--format=%H", head, "--", path)
		var have string
		if c := got[path]; c != nil {
			have = c.Hash
		}
		if have != want {
			t.Errorf("LastChanges(%s) = %q, git log -1 says %q", path, have, want)
		}
	}
}

// checkDrift compares DriftAll's counts with git rev-list --count for every
// pair of since and globs.
func checkDrift(t *testing.T, dir string, r *Repo, head string, sinces []string, globSets [][]string) {
	t.Helper()
	var queries []DriftQuery
	for _, since := range sinces {
		for _, globs := range globSets {
			queries = append(queries, DriftQuery{Since: since, Globs: globs})
		}
	}
	drifts, err := r.DriftAll(head, queries)
	if err != nil {
		t.Fatal(err)
	}
	for i, q := range queries {
		args := append([]string{"rev-list", q.Since + ".." + head, "--"}, gitPathspecs(q.Globs)...)
		list := gitOracle(t, dir, args...)
		var want []string
		if list != "" {
			want = strings.Split(list, "\n")
		}
		got := drifts[i]
		if got.Commits != len(want) {
			t.Errorf("DriftAll(since %.7s, %q).Commits = %d, git rev-list counts %d", q.Since, q.Globs, got.Commits, len(want))
			continue
		}
		if len(want) > 0 && (got.Newest == nil || got.Newest.Hash != want[0]) {
			t.Errorf("DriftAll(since %.7s, %q).Newest = %v, git rev-list starts with %s", q.Since, q.Globs, got.Newest, want[0])
		}
		if slices.ContainsFunc(got.Paths, func(st PathStat) bool { return st.Unread }) {
			// A partial clone lacks the blobs git would need to answer.
			continue
		}
		args = append([]string{"diff", "--numstat", "--no-renames", q.Since, head, "--"}, gitPathspecs(q.Globs)...)
		if got, want := numstat(got.Paths), gitOracle(t, dir, args...); got != want {
			t.Errorf("DriftAll(since %.7s, %q).Paths:\n%s\ngit diff --numstat:\n%s", q.Since, q.Globs, got, want)
		}
	}
}

// checkAuthors compares Authors with git shortlog -sne --since, but for
// the line of commits whose author git cannot split ("%aN <%aE>", its
// format left unexpanded), which Authors leaves out.
func checkAuthors(t *testing.T, dir string, r *Repo, head string, since int64, mailmap []byte) {
	t.Helper()
	out := gitOracle(t, dir, "shortlog", "-sne", "--since=@"+itoa64(since), head)
	var want []string
	for line := range strings.Lines(out) {
		if !strings.Contains(line, "\t%aN <%aE>") {
			want = append(want, strings.TrimSpace(line))
		}
	}
	got, err := r.Authors(head, timeAt(since), mailmap)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, a := range got {
		lines = append(lines, itoa(a.Commits)+"\t"+a.Name+" <"+a.Email+">")
	}
	if !slices.Equal(lines, want) {
		t.Errorf("Authors =\n%s\ngit shortlog =\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
}

// numstat prints changed paths as git diff --numstat does: added, removed
// ("-" for a binary file) and path, by path.
func numstat(paths []PathStat) string {
	byPath := slices.SortedFunc(slices.Values(paths), func(a, b PathStat) int { return strings.Compare(a.Path, b.Path) })
	lines := make([]string, len(byPath))
	for i, st := range byPath {
		lines[i] = fmt.Sprintf("%d\t%d\t%s", st.Added, st.Removed, st.Path)
		if st.Binary {
			lines[i] = "-\t-\t" + st.Path
		}
	}
	return strings.Join(lines, "\n")
}

// allPaths lists every file and directory that ever existed in the history
// of dir, plus one that never did.
func allPaths(t testing.TB, dir string) []string {
	t.Helper()
	set := map[string]bool{"never/existed.txt": true}
	for _, f := range strings.Split(gitRun(t, dir, "log", "--all", "--format=", "--name-only", "--no-renames", "-m"), "\n") {
		for f != "" && f != "." {
			set[f] = true
			f = filepath.Dir(f)
		}
	}
	paths := make([]string, 0, len(set))
	for p := range set {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// gitRunInput is gitRun with standard input.
func gitRunInput(t testing.TB, dir, input string, args ...string) string {
	t.Helper()
	return gittest.GitInput(t, dir, oracleIdentity, input, args...)
}

// graphVariants are the commit-graphs the walks must answer the same under
// as git: none; one file with changed-path Bloom filters; a split chain of
// three layers; a graph written before the last commits, which it lacks;
// and one without Bloom filters.
var graphVariants = []string{"no graph", "graph", "split chain", "graph older than HEAD", "no Bloom filters"}

// writeGraph gives the repository at dir the commit-graph of variant.
// commits are its commits, oldest first.
func writeGraph(t testing.TB, dir, variant string, commits []string) {
	t.Helper()
	info := filepath.Join(dir, ".git", "objects", "info")
	for _, name := range []string{"commit-graph", "commit-graphs"} {
		if err := os.RemoveAll(filepath.Join(info, name)); err != nil {
			t.Fatal(err)
		}
	}
	upTo := func(i int) string { return commits[min(max(i, 0), len(commits)-1)] + "\n" }
	switch variant {
	case "no graph":
	case "graph":
		gitRun(t, dir, "commit-graph", "write", "--reachable", "--changed-paths")
	case "split chain":
		gitRunInput(t, dir, upTo(len(commits)/3), "commit-graph", "write", "--stdin-commits", "--split=no-merge", "--changed-paths")
		gitRunInput(t, dir, upTo(2*len(commits)/3), "commit-graph", "write", "--stdin-commits", "--split=no-merge", "--changed-paths")
		gitRun(t, dir, "commit-graph", "write", "--reachable", "--split=no-merge", "--changed-paths")
	case "graph older than HEAD":
		gitRunInput(t, dir, upTo(len(commits)/2), "commit-graph", "write", "--stdin-commits", "--changed-paths")
	case "no Bloom filters":
		gitRun(t, dir, "commit-graph", "write", "--reachable")
	default:
		t.Fatalf("unknown graph variant %q", variant)
	}
}

// eachGraph runs check on the repository at dir under every graph variant,
// opened afresh for each, after checking that the walks see the graph as
// written: present or not, lacking the head when older than it, with or
// without filters.
func eachGraph(t *testing.T, dir, head string, commits []string, check func(t *testing.T, r *Repo)) {
	for _, variant := range graphVariants {
		t.Run(variant, func(t *testing.T) {
			writeGraph(t, dir, variant, commits)
			r := openRepo(t, dir)
			h, err := resolveHash(head)
			if err != nil {
				t.Fatal(err)
			}
			n, err := r.commit(h)
			if err != nil {
				t.Fatal(err)
			}
			if g := r.commitGraph(); (g != nil) != (variant != "no graph") {
				t.Fatalf("commit-graph opened: %v", g != nil)
			}
			if n.inGraph == (variant == "no graph" || variant == "graph older than HEAD" && len(commits) > 2) {
				t.Fatalf("head read from the commit-graph: %v", n.inGraph)
			}
			if _, hasBloom := r.bloom(n); hasBloom && variant == "no Bloom filters" {
				t.Fatal("a Bloom filter in a graph written without --changed-paths")
			}
			check(t, r)
		})
	}
}

// oracleAnswers holds git's answers by directory and arguments.
var oracleAnswers sync.Map

// gitOracle is gitRun for questions whose answer cannot change while a test
// runs: the same repository asked again under another commit-graph variant
// gets the answer git gave first, without a graph.
func gitOracle(t testing.TB, dir string, args ...string) string {
	t.Helper()
	key := dir + "\x00" + strings.Join(args, "\x00")
	if out, ok := oracleAnswers.Load(key); ok {
		return out.(string)
	}
	out := gitRun(t, dir, args...)
	oracleAnswers.Store(key, out)
	return out
}
