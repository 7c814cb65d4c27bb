package history

import (
	"errors"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/config"
)

// driftGlobs cover the pathspec cases: a directory name, '*' that must not
// cross '/', '**' that does, several globs at once, and globs matching
// nothing.
var driftGlobs = [][]string{
	{"infra"},
	{"infra/*"},
	{"infra/**"},
	{"**/*.tf"},
	{"*.txt"},
	{"g/*.txt", "f.txt"},
	{"dir/**/*.go"},
	{"src/**", "README.md"},
	{"x", "y"},
	{"old/*.md"},
	{"docs"},
	{"nothing/**"},
	{"**"},
	{"infra/**", "!infra/*.tf"},
	{"src", "docs", ":(exclude)src/**/*_test.go"},
	{"!docs/**"},
	// A trailing slash: a literal selects what lies below, a glob with
	// wildcards nothing, and neither a file of that name.
	{"infra/"}, {"infra/**/"}, {"README.md/"}, {"src/", "!src/*/"},
}

func TestDriftAgreesWithGit(t *testing.T) {
	eachScenario(t, func(t *testing.T, dir string, r *Repo, head string, commits []string) {
		checkDrift(t, dir, r, head, commits, driftGlobs)
	})
}

func TestDriftPaths(t *testing.T) {
	h := &history{}
	since := h.on(nil, set("infra/main.tf", "a\nb\nc\n"), set("infra/gone.tf", "x\n"), set("infra/logo.png", "\x00PNG"), set("app.go", "1\n"))
	c := h.on(p(since), set("infra/main.tf", "a\nB\nc\nd\n"), del("infra/gone.tf"), set("infra/new/vpc.tf", "1\n2\n3\n"))
	c = h.on(p(c), set("infra/logo.png", "\x00PNG2"), set("app.go", "2\n"))
	dir, marks := h.build(t, c)
	r := openRepo(t, dir)
	drifts, err := r.DriftAll(marks[c], []DriftQuery{{Since: marks[since], Globs: []string{"infra/**"}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []PathStat{
		{Path: "infra/main.tf", Added: 2, Removed: 1},
		{Path: "infra/new/vpc.tf", Added: 3},
		{Path: "infra/gone.tf", Removed: 1},
		{Path: "infra/logo.png", Binary: true},
	}
	if got := drifts[0].Paths; !reflect.DeepEqual(got, want) {
		t.Errorf("Paths =\n%+v\nwant\n%+v", got, want)
	}
	if drifts[0].Commits != 2 || drifts[0].Newest.Hash != marks[c] {
		t.Errorf("Commits = %d, Newest = %+v; want 2 and the head", drifts[0].Commits, drifts[0].Newest)
	}
	// Compare with git's own numstat.
	numstat := gitRun(t, dir, "diff", "--numstat", "--no-renames", marks[since], marks[c], "--", ":(glob)infra/**")
	for _, line := range strings.Split(numstat, "\n") {
		f := strings.Fields(line)
		for _, st := range want {
			if st.Path == f[2] && !st.Binary && (f[0] != itoa(st.Added) || f[1] != itoa(st.Removed)) {
				t.Errorf("git numstat %q disagrees with %+v", line, st)
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }

func timeAt(unix int64) time.Time { return time.Unix(unix, 0) }

// randomHistory builds a seeded history of n commits over a fixed set of
// paths, with branches forking from recent commits and merges whose tree
// takes each path from one side, the other, or something new.
func randomHistory(seed int64, n int, jitter bool) (*history, int, []string) {
	rng := rand.New(rand.NewSource(seed))
	files := []string{
		"README.md", "go.mod", "handover/tech.md", "handover/team.md", "handover/product.md",
		"infra/main.tf", "infra/vars.tf", "infra/modules/vpc/main.tf", "infra/modules/db/main.tf",
		"src/app.go", "src/app_test.go", "src/api/handler.go", "src/api/v2/handler.go",
		"docs/index.md", "docs/guide/setup.md", "scripts/deploy.sh", "x.txt", "y.txt",
	}
	h := &history{}
	if jitter {
		h.jitter = rand.New(rand.NewSource(seed))
	}
	states := map[int]map[string]string{}
	var marks []int
	apply := func(parents []int, state map[string]string, edits int) int {
		base := map[string]string{}
		if len(parents) > 0 {
			for k, v := range states[parents[0]] {
				base[k] = v
			}
		}
		for i := 0; i < edits; i++ {
			f := files[rng.Intn(len(files))]
			if rng.Intn(6) == 0 {
				delete(state, f)
			} else {
				state[f] = randomContent(rng)
			}
		}
		var changes []change
		for _, f := range union(base, state) {
			switch v, ok := state[f]; {
			case !ok && base[f] != "":
				changes = append(changes, del(f))
			case ok && v != base[f]:
				changes = append(changes, set(f, v))
			}
		}
		sort.Slice(changes, func(i, j int) bool { return changes[i].path < changes[j].path })
		m := h.on(parents, changes...)
		states[m] = state
		marks = append(marks, m)
		return m
	}
	head := apply(nil, map[string]string{"README.md": "root"}, 5)
	tips := []int{head}
	for len(marks) < n {
		switch r := rng.Intn(10); {
		case r < 2 && len(marks) > 3:
			// Fork a branch from a recent commit.
			from := marks[len(marks)-1-rng.Intn(min(len(marks), 15))]
			tips = append(tips, apply(p(from), clone(states[from]), 1+rng.Intn(2)))
		case r < 4 && len(tips) > 1:
			// Merge another tip into the main line.
			i := 1 + rng.Intn(len(tips)-1)
			other := tips[i]
			tips = append(tips[:i], tips[i+1:]...)
			merged := map[string]string{}
			for _, f := range union(states[head], states[other]) {
				src := states[head]
				if rng.Intn(2) == 0 {
					src = states[other]
				}
				if v, ok := src[f]; ok {
					merged[f] = v
				}
			}
			head = apply(p(head, other), merged, rng.Intn(2))
			tips[0] = head
		case r < 6 && len(tips) > 1:
			i := 1 + rng.Intn(len(tips)-1)
			tips[i] = apply(p(tips[i]), clone(states[tips[i]]), 1+rng.Intn(2))
		default:
			head = apply(p(head), clone(states[head]), 1+rng.Intn(3))
			tips[0] = head
		}
	}
	return h, head, files
}

func randomContent(rng *rand.Rand) string {
	return strings.Repeat("line\n", rng.Intn(3)) + string(rune('a'+rng.Intn(4))) + "\n"
}

func clone(m map[string]string) map[string]string {
	c := make(map[string]string, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// union lists the keys of a and b, sorted so that seeded histories are
// reproducible.
func union(a, b map[string]string) []string {
	var keys []string
	for k := range a {
		keys = append(keys, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	return keys
}

func TestRandomHistoriesAgreeWithGit(t *testing.T) {
	for _, seed := range []int64{1, 2, 3} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			t.Parallel()
			checkRandomHistory(t, seed, false)
		})
	}
	// Commits dated at random within 50 seconds: git's walks order them by
	// date, break ties by when they were queued, and the committer count
	// stops at commits older than its window.
	for _, seed := range []int64{6, 7} {
		t.Run(fmt.Sprint("seed ", seed, ", ties and clock skew"), func(t *testing.T) {
			t.Parallel()
			checkRandomHistory(t, seed, true)
		})
	}
}

// TestDriftThroughGoGit: where package pack cannot open the packs and
// go-git reads them, the line counts, read on several goroutines, are
// still git's.
func TestDriftThroughGoGit(t *testing.T) {
	h, head, _ := randomHistory(4, 120, false)
	dir, marks := h.build(t, head)
	r := openRepo(t, dir)
	r.objects.packsErr = errors.New("the packs are left to go-git")
	sinces := []string{marks[1], marks[len(marks)/2]}
	checkDrift(t, dir, r, marks[head], sinces, [][]string{{"**"}, {"infra/**"}, {"src", "docs"}})
	if r.objects.packs != nil {
		t.Error("package pack opened the packs")
	}
}

// TestDriftOnOneProcessor: the line counts are jobs that other goroutines
// start on while the walk runs and that the walk's goroutine finishes; on
// one processor there are no others, and the walk's does them all.
func TestDriftOnOneProcessor(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	h, head, _ := randomHistory(5, 120, false)
	dir, marks := h.build(t, head)
	r := openRepo(t, dir)
	sinces := []string{marks[1], marks[len(marks)/2]}
	checkDrift(t, dir, r, marks[head], sinces, [][]string{{"**"}, {"infra/**"}, {"src", "docs"}})
}

func checkRandomHistory(t *testing.T, seed int64, jitter bool) {
	h, head, files := randomHistory(seed, 300, jitter)
	dir, marks := h.build(t, head)
	commits := make([]string, 0, len(marks))
	for m := 1; m <= len(marks); m++ {
		commits = append(commits, marks[m])
	}
	eachGraph(t, dir, marks[head], commits, func(t *testing.T, r *Repo) {
		paths := append(files, "infra", "infra/modules", "src/api", "docs", "handover", "nope")
		checkLastChanges(t, dir, r, marks[head], paths)

		rng := rand.New(rand.NewSource(seed))
		var sinces []string
		for i := 0; i < 12; i++ {
			sinces = append(sinces, marks[1+rng.Intn(len(marks))])
		}
		last, err := r.LastChanges(marks[head], []string{"handover/tech.md", "handover/team.md"})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range last {
			if c != nil {
				sinces = append(sinces, c.Hash)
			}
		}
		checkDrift(t, dir, r, marks[head], sinces, [][]string{
			{"infra/**"}, {"infra/*"}, {"src"}, {"src/**/*.go", "docs/**"}, {"*.txt"}, {"**/main.tf"}, {"handover/*.md"},
			{"src", "!src/api"}, {"infra/**", ":(exclude)infra/modules/**", ":!**/*.md"}, {"!handover"},
		})
		for _, since := range []int64{startTime + 25, h.time - 2} {
			checkAuthors(t, dir, r, marks[head], since, nil)
		}
	})
}

// TestDriftCountsBigFilesAsGit holds the line counts of files bigger than
// the ones counted side by side (smallDiffBytes) to git's: counted up to
// core.bigFileThreshold, binary past it.
func TestDriftCountsBigFilesAsGit(t *testing.T) {
	var before, after strings.Builder
	for i := 0; before.Len() <= smallDiffBytes; i++ {
		line := fmt.Sprintf("row %d,value %d\n", i, i*7)
		before.WriteString(line)
		switch {
		case i%1000 == 0:
			after.WriteString("changed " + line)
		case i%1500 == 0:
		default:
			after.WriteString(line)
		}
	}
	// A file between the threshold and smallDiffBytes is binary too.
	medium := before.String()[:2<<20]
	h := &history{}
	// A big file with a NUL byte is binary, whatever the threshold.
	since := h.on(nil, set("data/big.csv", before.String()), set("data/medium.csv", medium), set("data/small.csv", "a\n"), set("data/big.bin", "\x00"+before.String()))
	c := h.on(p(since), set("data/big.csv", after.String()), set("data/medium.csv", medium+"more\n"), set("data/small.csv", "b\n"), set("data/big.bin", "\x00"+after.String()))
	dir, marks := h.build(t, c)
	for _, threshold := range []string{"", "1m", "5M"} {
		if threshold != "" {
			gitRun(t, dir, "config", "core.bigFileThreshold", threshold)
		}
		r := openRepo(t, dir)
		drifts, err := r.DriftAll(marks[c], []DriftQuery{{Since: marks[since], Globs: []string{"data"}}})
		if err != nil {
			t.Fatal(err)
		}
		want := gitRun(t, dir, "diff", "--numstat", "--no-renames", marks[since], marks[c], "--", "data")
		if got := numstat(drifts[0].Paths); got != want {
			t.Errorf("core.bigFileThreshold %q: DriftAll counts\n%s\ngit diff --numstat:\n%s", threshold, got, want)
		}
		binary := 0
		for _, st := range drifts[0].Paths {
			if st.Binary {
				binary++
			}
		}
		if wantBinary := map[string]int{"": 1, "1m": 3, "5M": 1}[threshold]; binary != wantBinary {
			t.Errorf("core.bigFileThreshold %q: %d binary paths in %+v, want %d", threshold, binary, drifts[0].Paths, wantBinary)
		}
	}
}

func TestBigFileThreshold(t *testing.T) {
	for value, want := range map[string]int64{
		"":            512 << 20,
		"100":         100,
		"0":           0,
		"64k":         64 << 10,
		"3M":          3 << 20,
		" 2g ":        2 << 30,
		"lots":        512 << 20,
		"-1":          512 << 20,
		"9999999999g": 512 << 20,
		"k":           512 << 20,
	} {
		cfg := config.NewConfig()
		if value != "" {
			cfg.Raw.Section("core").SetOption("bigFileThreshold", value)
		}
		if got := bigFileThreshold(cfg); got != want {
			t.Errorf("core.bigFileThreshold %q = %d, want %d", value, got, want)
		}
	}
}

// TestDriftCountsByAttributes holds the line counts to git's where
// gitattributes decide: -diff and the binary macro make a file binary, a
// set diff attribute counts a file with NUL bytes as text, and so do the
// drivers the config defines (diff.NAME.binary); the work tree's files,
// each folder's, and $GIT_DIR/info/attributes are read, a symlinked one is
// not. A bare clone reads HEAD's, as git does since 2.43: the same counts.
func TestDriftCountsByAttributes(t *testing.T) {
	attrs := "*.lock -diff\n*.bin diff\n*.foo diff=foo\n*.bar diff=bar\n*.cc diff=cpp\n[attr]nodiff -diff\n*.nd nodiff\n"
	files := []string{"yarn.lock", "data.bin", "x.foo", "x.bar", "x.cc", "x.nd", "sub/x.txt", "sub/y.lock", "info.txt", "plain.dat", "link/x.lock"}
	h := &history{}
	var before, after []change
	for _, f := range files {
		before = append(before, set(f, "a\n\x00b\nc\n"))
		after = append(after, set(f, "a\n\x00B\nc\nd\n"))
	}
	for i := range after {
		if strings.HasSuffix(files[i], ".lock") || strings.HasSuffix(files[i], ".txt") {
			before[i], after[i] = set(files[i], "a\nb\n"), set(files[i], "a\nB\nc\n")
		}
	}
	gitattributes := []change{set(".gitattributes", attrs), set("sub/.gitattributes", "x.txt binary\n*.lock diff\n"), set("evil", "*.lock diff\n"), link("link/.gitattributes", "../evil")}
	since := h.on(nil, append(before, gitattributes...)...)
	c := h.on(p(since), after...)
	dir, marks := h.build(t, c)
	gitRun(t, dir, "config", "diff.foo.binary", "true")
	gitRun(t, dir, "config", "diff.bar.binary", "false")
	info := "info.txt -diff\n"
	if err := os.WriteFile(filepath.Join(dir, ".git", "info", "attributes"), []byte(info), 0o644); err != nil {
		t.Fatal(err)
	}
	want := gitRun(t, dir, "diff", "--numstat", "--no-renames", marks[since], marks[c], "--", ":!.gitattributes", ":!*/.gitattributes", ":!evil")
	for _, must := range []string{"-\t-\tyarn.lock", "2\t1\tdata.bin", "-\t-\tx.foo", "2\t1\tx.bar", "-\t-\tx.cc", "-\t-\tx.nd", "-\t-\tsub/x.txt", "2\t1\tsub/y.lock", "-\t-\tinfo.txt", "-\t-\tlink/x.lock"} {
		if !strings.Contains(want, must+"\n") && !strings.HasSuffix(want, must) {
			t.Fatalf("git diff --numstat lacks %q: the test no longer holds what it means to:\n%s", must, want)
		}
	}
	bare := filepath.Join(t.TempDir(), "bare.git")
	gitRun(t, dir, "clone", "-q", "--bare", dir, bare)
	gitRun(t, bare, "config", "diff.foo.binary", "true")
	gitRun(t, bare, "config", "diff.bar.binary", "false")
	if err := os.WriteFile(filepath.Join(bare, "info", "attributes"), []byte(info), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, repo := range []string{dir, bare} {
		r := openRepo(t, repo)
		drifts, err := r.DriftAll(marks[c], []DriftQuery{{Since: marks[since], Globs: []string{"**", "!.gitattributes", "!*/.gitattributes", "!evil"}}})
		if err != nil {
			t.Fatal(err)
		}
		if got := numstat(drifts[0].Paths); got != want {
			t.Errorf("%s: DriftAll counts\n%s\ngit diff --numstat:\n%s", filepath.Base(repo), got, want)
		}
	}
}
