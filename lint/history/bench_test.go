package history

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/handover-dev/handover/internal/gittest"
)

// The benchmark repository: a deterministic history with busy directories,
// feature branches merged back, and the five handover docs changing rarely.
// scripts/bench-history builds a big one and times it against native git;
// the Go benchmarks below build a small one.

// benchDocs are the docs and their covers, as a handover folder would have.
var benchDocs = []struct {
	path   string
	covers []string
}{
	{"handover/product.md", []string{"src/web/**"}},
	{"handover/tech.md", []string{"infra/**", "src/api/**"}},
	{"handover/team.md", []string{"CODEOWNERS", ".github/**"}},
	{"handover/vendors.md", []string{"src/billing/**", "go.mod"}},
	{"handover/transition.md", []string{"src/core/*", "docs"}},
}

var benchDirs = []string{
	"src/api", "src/api/v2", "src/web", "src/web/components", "src/core", "src/core/internal",
	"src/billing", "src/worker", "infra", "infra/modules/vpc", "infra/modules/db", "docs", "docs/guide",
	".github/workflows", "tools", "pkg/util", "pkg/log", "test/e2e", "scripts", "config",
}

// writeBenchStream writes a git fast-import stream of about commits commits
// touching files files.
func writeBenchStream(out io.Writer, commits, files int) error {
	w := bufio.NewWriter(out)
	paths := []string{"CODEOWNERS", "go.mod"}
	for i := 0; len(paths) < files; i++ {
		d := benchDirs[i%len(benchDirs)]
		paths = append(paths, fmt.Sprintf("%s/file%04d.go", d, i))
	}
	rev := map[string]int{}
	blob := func(path string, r int) string {
		var b strings.Builder
		for line := 0; line < 20; line++ {
			fmt.Fprintf(&b, "%s line %d", path, line)
			if line == r%20 {
				fmt.Fprintf(&b, " rev %d", r)
			}
			b.WriteByte('\n')
		}
		return b.String()
	}
	docBlob := func(i, r int) string {
		return fmt.Sprintf("---\nowner: Ana\nreviewed: 2024-01-01\ncovers: [%q]\n---\n# Doc\n\nRevision %d.\n",
			strings.Join(benchDocs[i].covers, `", "`), r)
	}
	mark, when := 0, int64(1600000000)
	// Every 10th path is hot: most changes land on few files, as in real
	// repositories.
	pick := func(n int) string {
		if n%3 == 0 {
			return paths[(n*7)%len(paths)]
		}
		return paths[((n*13)%(len(paths)/10))*10]
	}
	commit := func(from, merge int, changes map[string]string) int {
		mark++
		when += 60
		msg := fmt.Sprintf("change %d", mark)
		fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\nauthor Dev%d <dev%d@example.com> %d +0000\ncommitter Dev%d <dev%d@example.com> %d +0000\ndata %d\n%s\n",
			mark, mark%17, mark%17, when, mark%17, mark%17, when, len(msg), msg)
		if from > 0 {
			fmt.Fprintf(w, "from :%d\n", from)
		}
		if merge > 0 {
			fmt.Fprintf(w, "merge :%d\n", merge)
		}
		for _, p := range sortedKeys(changes) {
			fmt.Fprintf(w, "M 100644 inline %s\ndata %d\n%s\n", p, len(changes[p]), changes[p])
		}
		return mark
	}
	initial := map[string]string{}
	for _, p := range paths {
		initial[p] = blob(p, 0)
	}
	for i := range benchDocs {
		initial[benchDocs[i].path] = docBlob(i, 0)
	}
	head := commit(0, 0, initial)
	for n := 1; mark < commits; n++ {
		if n%25 == 0 {
			// A feature branch of three commits, merged back after one more
			// commit on the main line.
			side, sideChanges := head, map[string]string{}
			for k := 0; k < 3; k++ {
				p := pick(n*5 + k)
				rev[p]++
				sideChanges[p] = blob(p, rev[p])
				side = commit(side, 0, map[string]string{p: sideChanges[p]})
			}
			p := pick(n*11 + 1)
			rev[p]++
			head = commit(head, 0, map[string]string{p: blob(p, rev[p])})
			head = commit(head, side, sideChanges)
			continue
		}
		changes := map[string]string{}
		for k := 0; k < 1+n%3; k++ {
			p := pick(n*3 + k)
			rev[p]++
			changes[p] = blob(p, rev[p])
		}
		if n%2900 == 0 {
			i := (n / 2900) % len(benchDocs)
			changes[benchDocs[i].path] = docBlob(i, n)
		}
		head = commit(head, 0, changes)
	}
	fmt.Fprintf(w, "reset refs/heads/main\nfrom :%d\n\n", head)
	return w.Flush()
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return sorted(keys)
}

// TestBenchStream writes the benchmark stream for scripts/bench-history.
func TestBenchStream(t *testing.T) {
	out := os.Getenv("HANDOVER_BENCH_STREAM")
	if out == "" {
		t.Skip("set HANDOVER_BENCH_STREAM (scripts/bench-history does)")
	}
	commits, _ := strconv.Atoi(os.Getenv("HANDOVER_BENCH_COMMITS"))
	files, _ := strconv.Atoi(os.Getenv("HANDOVER_BENCH_FILES"))
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := writeBenchStream(f, max(commits, 20000), max(files, 2000)); err != nil {
		t.Fatal(err)
	}
}

// TestBenchRun does what handover check asks of history for the benchmark
// repository and prints one line per doc in the native script's format.
func TestBenchRun(t *testing.T) {
	dir := os.Getenv("HANDOVER_BENCH_REPO")
	if dir == "" {
		t.Skip("set HANDOVER_BENCH_REPO (scripts/bench-history does)")
	}
	start := time.Now()
	lines, err := benchQuestions(dir)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Print(lines)
	fmt.Fprintf(os.Stderr, "history walk: %s\n", time.Since(start).Round(time.Millisecond))
}

func benchQuestions(dir string) (string, error) {
	r, err := Open(dir)
	if err != nil {
		return "", err
	}
	defer r.Close()
	head, err := r.Resolve("HEAD")
	if err != nil {
		return "", err
	}
	var docs []string
	for _, d := range benchDocs {
		docs = append(docs, d.path)
	}
	last, err := r.LastChanges(head, docs)
	if err != nil {
		return "", err
	}
	var queries []DriftQuery
	for _, d := range benchDocs {
		queries = append(queries, DriftQuery{Since: last[d.path].Hash, Globs: d.covers})
	}
	drifts, err := r.DriftAll(head, queries)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for i, d := range benchDocs {
		fmt.Fprintf(&b, "%s %s %d\n", d.path, last[d.path].Hash, drifts[i].Commits)
	}
	return b.String(), nil
}

// benchRepo builds a repository of n commits once per benchmark.
func benchRepo(b *testing.B, commits int) string {
	b.Helper()
	dir := b.TempDir()
	gitRun(b, dir, "init", "-q", "-b", "main")
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(writeBenchStream(pw, commits, 500)) }()
	gittest.FastImport(b, dir, pr)
	return dir
}

func BenchmarkLastChanges(b *testing.B) {
	dir := benchRepo(b, 3000)
	r := openRepo(b, dir)
	head, _ := r.Resolve("HEAD")
	docs := []string{"handover/product.md", "handover/tech.md", "handover/team.md", "handover/vendors.md", "handover/transition.md"}
	for b.Loop() {
		// A fresh Repo each time: the caches would otherwise do the work.
		fresh := openRepo(b, dir)
		if _, err := fresh.LastChanges(head, docs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckHistory(b *testing.B) {
	dir := benchRepo(b, 3000)
	for b.Loop() {
		if _, err := benchQuestions(dir); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNativeGit(b *testing.B) {
	dir := benchRepo(b, 3000)
	for b.Loop() {
		for _, d := range benchDocs {
			last := gitRun(b, dir, "log", "-1", "--format=%H", "--", d.path)
			gitRun(b, dir, append([]string{"rev-list", "--count", last + "..HEAD", "--"}, gitPathspecs(d.covers)...)...)
		}
	}
}
