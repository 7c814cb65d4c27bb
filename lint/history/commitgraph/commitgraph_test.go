package commitgraph

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/handover-dev/handover/lint/history/wildmatch"
)

const t0 = 1700000000

// Paths with bytes >= 0x80 of every length modulo 4, where git's version 1
// hash reads them as signed chars; deep paths; a symlink.
var firstFiles = map[string]string{
	"README.md":         "hello",
	"a/b/c/d/e/f.txt":   "deep",
	"src/main.go":       "package main",
	"src/util/str.go":   "package util",
	"doc/ünïcödé.md":    "unicode",
	"日本/ファイル.txt":       "japanese",
	"€":                 "euro, three bytes",
	"é":                 "two bytes",
	"x/€€/y":            "two euros",
	"café":              "five bytes",
	"naïve/ö.txt":       "o umlaut",
	"mixed/𝄞clef/notes": "four-byte rune",
}

// history is the repository every test reads, built once by
// sharedHistory and removed by TestMain; tests write graphs into it in
// turn (none runs in parallel).
var history struct {
	once  sync.Once
	dir   string
	heads [4]string // the head after each of the four stages
}

func TestMain(m *testing.M) {
	code := m.Run()
	if history.dir != "" {
		os.RemoveAll(history.dir)
	}
	os.Exit(code)
}

// sharedHistory returns the fixture repository, without a commit-graph,
// and the heads of its four stages: a graph written from an earlier head
// is older than HEAD.
func sharedHistory(t testing.TB) (string, [4]string) {
	t.Helper()
	history.once.Do(func() {
		dir, err := os.MkdirTemp("", "commitgraph-test")
		if err != nil {
			t.Fatal(err)
		}
		history.heads = buildHistory(t, dir)
		history.dir = dir
	})
	if history.heads[3] == "" {
		t.Fatal("the fixture history could not be built")
	}
	removeGraphs(t, history.dir)
	return history.dir, history.heads
}

func removeGraphs(t testing.TB, dir string) {
	info := filepath.Join(dir, ".git", "objects", "info")
	for _, name := range []string{"commit-graph", "commit-graphs"} {
		if err := os.RemoveAll(filepath.Join(info, name)); err != nil {
			t.Fatal(err)
		}
	}
}

// buildHistory imports the fixture history in four stages.
func buildHistory(t testing.TB, dir string) [4]string {
	im := newImports(t, dir)
	// Stage 1: a root, edits, a rename, a mode change and a symlink, a
	// branch merged back, an empty commit.
	m1 := im.commit(t0+1, nil, firstFiles)
	m2 := im.commit(t0+2, []int{m1}, map[string]string{"src/main.go": "package main // 2", "src/util/€.go": "euro"})
	m3 := im.commit(t0+3, []int{m2}, map[string]string{"a/b/c/d/e/f.txt": "", "a/b/g.txt": "deep"})
	m4 := im.commit(t0+4, []int{m3}, map[string]string{"src/main.go": "755:package main // 2", "link": "link:src/main.go"})
	m5 := im.commit(t0+5, []int{m2}, map[string]string{"doc/ünïcödé.md": "unicode 2", "feature/x.go": "x"})
	m6 := im.commit(t0+6, []int{m4, m5}, map[string]string{"doc/ünïcödé.md": "unicode 2", "feature/x.go": "x"})
	m7 := im.commit(t0+7, []int{m6}, nil)

	// Stage 2: more than 512 changes; 511 files in one directory (512
	// paths with it: the largest filter git writes); 512 files (513: too
	// large); an octopus merge.
	m8 := im.commit(t0+8, []int{m7}, manyFiles("big/f", 600))
	m9 := im.commit(t0+9, []int{m8}, manyFiles("edge511/f", 511))
	m10 := im.commit(t0+10, []int{m9}, manyFiles("edge512/f", 512))
	m11 := im.commit(t0+11, []int{m10}, map[string]string{"octo/one": "1"})
	m12 := im.commit(t0+12, []int{m10}, map[string]string{"octo/two": "2", "日本/二": "2"})
	m13 := im.commit(t0+13, []int{m10, m11, m12}, map[string]string{"octo/one": "1", "octo/two": "2", "日本/二": "2"})

	// Stage 3: a committer clock far ahead, then far behind, so the
	// corrected commit date offset needs GDO2; a second root merged in
	// while deleting 600 files; a directory deleted.
	m14 := im.commit(5000000000, []int{m13}, map[string]string{"future.txt": "2128"})
	m15 := im.commit(1000000000, []int{m14}, map[string]string{"past.txt": "2001"})
	m16 := im.commit(t0+16, nil, map[string]string{"other/root.txt": "second root"})
	gone := map[string]string{"other/root.txt": "second root"}
	for path := range manyFiles("big/f", 600) {
		gone[path] = ""
	}
	m17 := im.commit(t0+17, []int{m15, m16}, gone)
	m18 := im.commit(t0+18, []int{m17}, map[string]string{"src/util/str.go": "", "src/util/€.go": ""})

	// Stage 4: commits made after the last graph was written.
	m19 := im.commit(t0+19, []int{m18}, map[string]string{"after/graph.txt": "new"})
	m20 := im.commit(t0+20, []int{m19, m16}, map[string]string{"é": "changed"})
	hashes := im.run(t, m20)
	return [4]string{hashes[m7], hashes[m13], hashes[m18], hashes[m20]}
}

func manyFiles(prefix string, n int) map[string]string {
	files := map[string]string{}
	for i := 0; i < n; i++ {
		files[fmt.Sprintf("%s%03d", prefix, i)] = fmt.Sprint(i)
	}
	return files
}

// writeGraph writes a graph of the commits reachable from head, the way
// --reachable would have when head was HEAD; options before "commit-graph"
// ("-c", "x=y") go to git itself.
func writeGraph(t testing.TB, dir, head string, args ...string) {
	t.Helper()
	var before []string
	for len(args) >= 2 && args[0] == "-c" {
		before, args = append(before, args[:2]...), args[2:]
	}
	git(t, dir, head+"\n", append(append(before, "commit-graph", "write", "--stdin-commits"), args...)...)
}

// expect is what a variant's graph must show beyond agreeing with git.
type expect struct {
	layers       int
	absent       map[string]bool // commits the graph does not hold
	generationV2 bool
	// filters: whether a commit with at most 512 changed paths and
	// directories has a filter, by the layer (1-based) holding it.
	filters func(layer int) bool
	// maxFilters bounds the number of filters (--max-new-filters).
	maxFilters int
}

func TestOracle(t *testing.T) {
	write := func(args ...string) func(dir, head string) {
		return func(dir, head string) { writeGraph(t, dir, head, args...) }
	}
	writeV1 := func(args ...string) func(dir, head string) {
		return func(dir, head string) {
			writeGraph(t, dir, head, append([]string{"-c", "commitGraph.generationVersion=1"}, args...)...)
		}
	}
	all := func(int) bool { return true }
	tests := []struct {
		name string
		// writes[i] writes a graph of the commits of stages 1 to i+1.
		writes [4]func(dir, head string)
		expect expect
	}{
		{"single file", [4]func(string, string){2: write("--changed-paths")},
			expect{layers: 1, generationV2: true, filters: all}},
		{"split chain", [4]func(string, string){write("--split=no-merge", "--changed-paths"), write("--split=no-merge", "--changed-paths"), write("--split=no-merge", "--changed-paths")},
			expect{layers: 3, generationV2: true, filters: all}},
		// The base layer has neither Bloom filters nor generation data;
		// the top one has no filters.
		{"split chain, mixed layers", [4]func(string, string){writeV1("--split=no-merge"), write("--split=no-merge", "--changed-paths"), write("--split=no-merge", "--no-changed-paths")},
			expect{layers: 3, generationV2: false, filters: func(layer int) bool { return layer == 2 }}},
		{"graph older than HEAD", [4]func(string, string){1: write("--changed-paths")},
			expect{layers: 1, generationV2: true, filters: all}},
		{"no Bloom filters", [4]func(string, string){2: write()},
			expect{layers: 1, generationV2: true, filters: func(int) bool { return false }}},
		{"max new filters", [4]func(string, string){2: write("--changed-paths", "--max-new-filters=5")},
			expect{layers: 1, generationV2: true, maxFilters: 5}},
		{"generation v1", [4]func(string, string){2: writeV1("--changed-paths")},
			expect{layers: 1, generationV2: false, filters: all}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, heads := sharedHistory(t)
			last := -1
			for stage, w := range tt.writes {
				if w != nil {
					w(dir, heads[stage])
					last = stage
				}
			}
			inGraph := map[string]bool{}
			for _, h := range strings.Fields(git(t, dir, "", "rev-list", heads[last])) {
				inGraph[h] = true
			}
			tt.expect.absent = map[string]bool{}
			for _, c := range logAll(t, dir) {
				if !inGraph[c.hash] {
					tt.expect.absent[c.hash] = true
				}
			}
			if tt.name == "graph older than HEAD" && len(tt.expect.absent) < 5 {
				t.Fatalf("the fixture made %d commits after the graph", len(tt.expect.absent))
			}
			if tt.name == "split chain, mixed layers" {
				base := filepath.Join(dir, ".git", "objects", "info", "commit-graphs", "graph-"+chainLines(t, dir)[0]+".graph")
				if data, err := os.ReadFile(base); err != nil || bytes.Contains(data[:200], []byte("GDA2")) {
					t.Fatalf("the base layer should lack GDA2 (err %v)", err)
				}
			}
			checkGraph(t, dir, tt.expect)
		})
	}
}

// checkGraph compares the graph of the repository at dir with git.
func checkGraph(t *testing.T, dir string, want expect) {
	t.Helper()
	g, err := Open(filepath.Join(dir, ".git", "objects"))
	if err != nil || g == nil {
		t.Fatalf("Open = %v, %v", g, err)
	}
	defer g.Close()
	if want.layers > 0 && len(g.layers) != want.layers {
		t.Errorf("%d layers, want %d", len(g.layers), want.layers)
	}
	commits := logAll(t, dir)
	if g.Len() != len(commits)-len(want.absent) {
		t.Errorf("Len() = %d, git log lists %d commits, %d of them not in the graph", g.Len(), len(commits), len(want.absent))
	}
	// Every position round-trips through its hash.
	for p := 0; p < g.Len(); p++ {
		c, err := g.Commit(Pos(p))
		if err != nil {
			t.Fatal(err)
		}
		if back, ok := g.Lookup(c.Hash); !ok || back != Pos(p) {
			t.Errorf("Lookup(Commit(%d).Hash) = %d, %v", p, back, ok)
		}
	}
	if _, err := g.Commit(Pos(g.Len())); err == nil {
		t.Errorf("Commit(Len()) gives no error")
	}

	byHash := map[string]commitInfo{}
	for _, c := range commits {
		byHash[c.hash] = c
	}
	levels, corrected := generations(byHash)
	changes := firstParentChanges(t, dir, commits)
	universe := newUniverse(changes)
	var stats bloomStats
	for _, c := range commits {
		pos, ok := g.Lookup(hash20(t, c.hash))
		if ok == want.absent[c.hash] {
			t.Errorf("Lookup(%.7s) found = %v, want %v", c.hash, ok, !want.absent[c.hash])
		}
		if !ok {
			continue
		}
		got, err := g.Commit(pos)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprintf("%x", got.Hash) != c.hash || fmt.Sprintf("%x", got.Tree) != c.tree || got.Time != c.time {
			t.Errorf("Commit(%.7s) = hash %x tree %x time %d, git log says tree %s time %d", c.hash, got.Hash, got.Tree, got.Time, c.tree, c.time)
		}
		var parents []string
		for _, p := range got.Parents {
			pc, err := g.Commit(p)
			if err != nil {
				t.Fatal(err)
			}
			parents = append(parents, fmt.Sprintf("%x", pc.Hash))
		}
		if strings.Join(parents, " ") != strings.Join(c.parents, " ") {
			t.Errorf("Commit(%.7s).Parents = %v, git log says %v", c.hash, parents, c.parents)
		}
		if got.Level != levels[c.hash] {
			t.Errorf("Commit(%.7s).Level = %d, want %d", c.hash, got.Level, levels[c.hash])
		}
		wantCorrected := int64(0)
		if want.generationV2 {
			wantCorrected = corrected[c.hash]
		}
		if got.CorrectedDate != wantCorrected {
			t.Errorf("Commit(%.7s).CorrectedDate = %d, want %d", c.hash, got.CorrectedDate, wantCorrected)
		}
		stats.check(t, g, pos, c.hash, changes[c.hash], universe, want)
	}
	checkGitStatistics(t, dir, g, universe.paths)
	checkGlobs(t, g, commits, changes, universe.paths)
	if want.maxFilters > 0 && (stats.filters == 0 || stats.filters > want.maxFilters) {
		t.Errorf("%d filters, want 1 to %d (--max-new-filters)", stats.filters, want.maxFilters)
	}
	stats.report(t)
}

// fixtureGlobs are covers globs over the fixture's paths.
var fixtureGlobs = []string{
	"src", "src/**", "src/*.go", "a/b/**/g.txt", "**/x.go", "doc/*.md", "big/f00?",
	"日本/**", "edge51[12]/f000", "octo/{one,two}", "README.md", "x/€€/*", "never/**",
}

// checkGlobs: a filter never rules out a commit that changed a file a glob
// selects (against the first parent), keyed with GlobKeys; and it rules
// some out. The globs are fixtureGlobs and some made from the paths.
func checkGlobs(t *testing.T, g *Graph, commits []commitInfo, changes map[string][]string, paths []string) {
	t.Helper()
	globs := slices.Clone(fixtureGlobs)
	for _, p := range paths {
		if dir := parentDir(p); dir != "" && len(globs) < len(fixtureGlobs)+20 {
			globs = append(globs, dir+"/**", dir+"/*"+filepath.Ext(p))
		}
	}
	ruledOut := 0
	for _, glob := range globs {
		keys := GlobKeys(glob)
		for _, c := range commits {
			pos, ok := g.Lookup(hash20(t, c.hash))
			if !ok {
				continue
			}
			f, ok := g.Bloom(pos)
			if !ok || keys == nil {
				continue
			}
			selected := slices.ContainsFunc(changes[c.hash], func(p string) bool { return selects(glob, p) })
			switch maybe := f.MayContainAll(keys); {
			case selected && !maybe:
				t.Errorf("%.7s changed a file %q selects, but its filter rules out the glob's literal directories", c.hash, glob)
			case !maybe:
				ruledOut++
			}
		}
	}
	if _, ok := g.Bloom(0); ok && ruledOut == 0 {
		t.Errorf("the filters rule out no commit for any glob")
	}
}

// selects matches a path as lint/history's Pathspec does, by git's
// ':(glob)' rules: the glob as a path selects itself and everything below
// it; otherwise wildmatch matches what follows its literal text (braces
// are plain bytes).
func selects(glob, path string) bool {
	if path == glob || strings.HasPrefix(path, glob+"/") {
		return true
	}
	n := wildmatch.LiteralLen(glob)
	if n == len(glob) || !strings.HasPrefix(path, glob[:n]) {
		return false
	}
	ok, _ := wildmatch.Match(glob[n:], path[n:], true, wildmatch.MaxSteps)
	return ok
}

// checkGitStatistics compares, for up to 20 of the paths, the number of
// commits the filters rule out with the "definitely_not" count of git's
// trace2 Bloom statistics for git rev-list --full-history HEAD -- PATH:
// git reading the same filters. git 2.39 consults them for a single literal
// pathspec, on commits with parents (newer versions on roots too); paths
// with bytes >= 0x80 are left out, where MayContain tries both readings of
// version 1 and git only its own.
func checkGitStatistics(t *testing.T, dir string, g *Graph, paths []string) {
	t.Helper()
	type commit struct {
		pos  Pos
		root bool
	}
	var commits []commit
	for _, line := range strings.Split(git(t, dir, "", "rev-list", "--parents", "HEAD"), "\n") {
		f := strings.Fields(line)
		if pos, ok := g.Lookup(hash20(t, f[0])); ok {
			commits = append(commits, commit{pos, len(f) == 1})
		}
	}
	checked := 0
	for _, path := range paths {
		if checked == 20 || strings.ContainsAny(path, "*?[\\:") || strings.ContainsFunc(path, func(r rune) bool { return r >= 0x80 }) {
			continue
		}
		checked++
		trace := filepath.Join(t.TempDir(), "trace.json")
		gitEnv(t, dir, []string{"GIT_TRACE2_EVENT=" + trace}, "", "rev-list", "--full-history", "HEAD", "--", path)
		stats := bloomStatistics(t, trace)
		keys := PathKeys(path)
		ruledOut, ruledOutRoots := 0, 0
		for _, c := range commits {
			if f, ok := g.Bloom(c.pos); ok && !f.MayContainAll(keys) {
				if c.root {
					ruledOutRoots++
				} else {
					ruledOut++
				}
			}
		}
		if n := stats["definitely_not"]; n != ruledOut && n != ruledOut+ruledOutRoots {
			t.Errorf("-- %s: the filters rule out %d commits (%d more among roots), git rev-list's statistics %v", path, ruledOut, ruledOutRoots, stats)
		}
	}
	if checked == 0 {
		t.Errorf("no path to compare with git's statistics")
	}
}

// bloomStatistics reads the Bloom filter statistics from a trace2 event
// file; none when git had no filters.
func bloomStatistics(t *testing.T, trace string) map[string]int {
	t.Helper()
	data, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		var event struct {
			Category, Key string
			Value         map[string]int
		}
		if json.Unmarshal([]byte(line), &event) == nil && event.Category == "bloom" && event.Key == "statistics" {
			return event.Value
		}
	}
	return nil // git found no filters to use
}

// generations computes the topological level and corrected commit date of
// every commit from git log's parents, as gitformat-commit-graph defines
// them.
func generations(commits map[string]commitInfo) (map[string]uint32, map[string]int64) {
	levels, corrected := map[string]uint32{}, map[string]int64{}
	var visit func(h string)
	visit = func(h string) {
		if _, done := levels[h]; done {
			return
		}
		c := commits[h]
		level, date := uint32(1), c.time
		for _, p := range c.parents {
			visit(p)
			level = max(level, levels[p]+1)
			date = max(date, corrected[p]+1)
		}
		levels[h], corrected[h] = level, date
	}
	for h := range commits {
		visit(h)
	}
	return levels, corrected
}

// universe is a sample of at most 2000 of the paths and directories any
// commit changed, and one that never existed, each with its keys.
type universe struct {
	paths    []string
	key      []Key
	pathKeys [][]Key
}

func newUniverse(changes map[string][]string) universe {
	var files []string
	for _, paths := range changes {
		files = append(files, paths...)
	}
	set := withDirs(files)
	all := sortedKeys(set)
	stride := len(all)/2000 + 1
	u := universe{paths: []string{"never/existed.txt"}}
	for i := 0; i < len(all); i += stride {
		u.paths = append(u.paths, all[i])
	}
	for _, p := range u.paths {
		u.key = append(u.key, NewKey(p))
		u.pathKeys = append(u.pathKeys, PathKeys(p))
	}
	return u
}

// bloomStats checks filters against git's changed paths and counts false
// positives.
type bloomStats struct {
	filters, tooLarge             int
	negatives, falsePositives     int // single keys
	pathNegatives, pathFalsePosit int // PathKeys, as a walk asks
}

func (s *bloomStats) check(t *testing.T, g *Graph, pos Pos, hash string, changed []string, universe universe, want expect) {
	t.Helper()
	inFilter := withDirs(changed)
	f, ok := g.Bloom(pos)
	l, _, _ := g.layerOf(pos)
	layerNo := 0
	for i, each := range g.layers {
		if each == l {
			layerNo = i + 1
		}
	}
	switch {
	case len(inFilter) > 512:
		s.tooLarge++
		if ok {
			t.Errorf("Bloom(%.7s) is a filter for %d changed paths, more than git's 512", hash, len(inFilter))
		}
		return
	case want.filters != nil && ok != want.filters(layerNo):
		t.Errorf("Bloom(%.7s) in layer %d = %v, want %v", hash, layerNo, ok, want.filters(layerNo))
	}
	if !ok {
		return
	}
	s.filters++
	for p := range inFilter {
		if !f.MayContain(NewKey(p)) {
			t.Errorf("Bloom(%.7s) says %q certainly did not change, git diff-tree lists it", hash, p)
		}
		if !f.MayContainAll(PathKeys(p)) {
			t.Errorf("Bloom(%.7s).MayContainAll(PathKeys(%q)) is false, git diff-tree lists it", hash, p)
		}
	}
	for i, p := range universe.paths {
		if inFilter[p] {
			continue
		}
		s.negatives++
		if f.MayContain(universe.key[i]) {
			s.falsePositives++
		}
		s.pathNegatives++
		if f.MayContainAll(universe.pathKeys[i]) {
			s.pathFalsePosit++
		}
	}
	if len(inFilter) == 0 && len(f.data) != 1 {
		t.Errorf("Bloom(%.7s) of a commit that changed nothing is %d bytes, git writes 1", hash, len(f.data))
	}
}

func (s *bloomStats) report(t *testing.T) {
	t.Helper()
	if s.negatives == 0 {
		return
	}
	rate := float64(s.falsePositives) / float64(s.negatives)
	pathRate := float64(s.pathFalsePosit) / float64(s.pathNegatives)
	t.Logf("%d filters, %d too large; false positives: %d of %d unchanged paths (%.2f%%), %.2f%% with their leading directories",
		s.filters, s.tooLarge, s.falsePositives, s.negatives, 100*rate, 100*pathRate)
	if rate > 0.10 {
		t.Errorf("false positive rate %.1f%%, git's filters give about 1%%", 100*rate)
	}
}

// TestRealRepository runs the oracle on the repository HANDOVER_BENCH_REPO
// names, with whatever graph it has.
func TestRealRepository(t *testing.T) {
	repo := os.Getenv("HANDOVER_BENCH_REPO")
	if repo == "" {
		t.Skip("HANDOVER_BENCH_REPO is not set")
	}
	// A graph written by git >= 2.31 has corrected commit dates.
	checkGraph(t, repo, expect{absent: map[string]bool{}, generationV2: true})
}

// TestVersion1HighBit shows that git (on x86, where C chars are signed)
// wrote version 1 filters that only the signed reading of murmur3 finds
// for paths with bytes >= 0x80: without it MayContain would say "certainly
// not" for a path that changed.
func TestVersion1HighBit(t *testing.T) {
	if runtime.GOARCH != "amd64" && runtime.GOARCH != "386" {
		t.Skip("git hashes version 1 paths with the machine's char signedness; this test knows x86's")
	}
	dir, heads := sharedHistory(t)
	writeGraph(t, dir, heads[3], "--changed-paths")
	g, err := Open(filepath.Join(dir, ".git", "objects"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	pos, _ := g.Lookup(hash20(t, git(t, dir, "", "rev-list", "--max-parents=0", "main", "--", "README.md")))
	f, ok := g.Bloom(pos)
	if !ok || f.version != 1 {
		t.Fatalf("root filter: %v, version %d; git 2.39 writes version 1", ok, f.version)
	}
	onlySigned := 0
	for path := range withDirs(sortedKeys(firstFiles)) {
		k := NewKey(path)
		if k.v1 != k.v2 && f.contains(k.v1) && !f.contains(k.v2) {
			onlySigned++
		}
	}
	if onlySigned == 0 {
		t.Errorf("no high-bit path of the root commit is found only by the signed hash: the fixture does not exercise git's version 1 bug")
	}
}
