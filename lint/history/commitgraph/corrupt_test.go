package commitgraph

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
	v2 "github.com/go-git/go-git/v5/plumbing/format/commitgraph/v2"
)

// chunk is where a chunk lies in a commit-graph file, for tests that
// damage one.
type chunk struct {
	entry      int // offset of its chunk table entry
	start, end int
}

func chunkTable(t testing.TB, data []byte) map[string]chunk {
	t.Helper()
	chunks := map[string]chunk{}
	for i := 0; i < int(data[6]); i++ {
		entry := headerLen + i*tocEntryLen
		chunks[string(data[entry:entry+4])] = chunk{
			entry: entry,
			start: int(binary.BigEndian.Uint64(data[entry+4:])),
			end:   int(binary.BigEndian.Uint64(data[entry+16:])),
		}
	}
	return chunks
}

// fixtureGraph writes the single-file graph of the whole fixture and
// returns its bytes and the fixture.
func fixtureGraph(t testing.TB, args ...string) ([]byte, string, [4]string) {
	t.Helper()
	dir, heads := sharedHistory(t)
	writeGraph(t, dir, heads[3], args...)
	data, err := os.ReadFile(filepath.Join(dir, ".git", "objects", "info", "commit-graph"))
	if err != nil {
		t.Fatal(err)
	}
	return data, dir, heads
}

// openBytes opens data as the commit-graph of a new object directory.
func openBytes(t testing.TB, data []byte) (*Graph, string, error) {
	t.Helper()
	objects := t.TempDir()
	path := filepath.Join(objects, "info", "commit-graph")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := Open(objects)
	if g != nil {
		t.Cleanup(func() { g.Close() })
	}
	return g, path, err
}

// openDamaged opens a copy of good damaged by mutate, which must still
// open.
func openDamaged(t *testing.T, good []byte, mutate func([]byte)) (*Graph, string) {
	t.Helper()
	data := append([]byte(nil), good...)
	mutate(data)
	g, path, err := openBytes(t, data)
	if err != nil {
		t.Fatal(err)
	}
	return g, path
}

// Every damaged file gives an error that names it and what is wrong.
func TestCorruptFile(t *testing.T) {
	good, _, _ := fixtureGraph(t, "--changed-paths")
	toc := chunkTable(t, good)
	put32 := func(at int, v uint32) func([]byte) []byte {
		return func(d []byte) []byte { binary.BigEndian.PutUint32(d[at:], v); return d }
	}
	put64 := func(at int, v uint64) func([]byte) []byte {
		return func(d []byte) []byte { binary.BigEndian.PutUint64(d[at:], v); return d }
	}
	rename := func(id, to string) func([]byte) []byte {
		return func(d []byte) []byte { copy(d[toc[id].entry:], to); return d }
	}
	n := binary.BigEndian.Uint32(good[toc["OIDF"].start+255*4:])
	tests := []struct {
		name, damage string
		mutate       func([]byte) []byte
	}{
		{"empty", "truncated", func(d []byte) []byte { return d[:0] }},
		{"header only", "truncated", func(d []byte) []byte { return d[:10] }},
		{"cut in half", "truncated or damaged", func(d []byte) []byte { return d[:len(d)/2] }},
		{"signature", "not a commit-graph file", func(d []byte) []byte { d[0] = 'X'; return d }},
		{"file version", "file version 2", func(d []byte) []byte { d[4] = 2; return d }},
		{"SHA-256", "SHA-256", func(d []byte) []byte { d[5] = 2; return d }},
		{"hash version", "unknown hash version 3", func(d []byte) []byte { d[5] = 3; return d }},
		{"chunk count", "cannot hold a table of 255 chunks", func(d []byte) []byte { d[6] = 255; return d[:3000] }},
		{"chunk count past the chunks", "truncated or damaged", func(d []byte) []byte { d[6] = 255; return d }},
		{"early terminator", "terminating id 0", rename("CDAT", "\x00\x00\x00\x00")},
		{"no terminator", "does not end with id 0", func(d []byte) []byte { copy(d[headerLen+int(d[6])*tocEntryLen:], "XXXX"); return d }},
		{"duplicate chunk", `"OIDL" appears twice`, rename("CDAT", "OIDL")},
		{"no fanout", "OIDF) is 0 bytes", rename("OIDF", "XXXX")},
		{"fanout decreasing", "OID fanout entry 1", put32(toc["OIDF"].start, 0xffffffff)},
		{"fanout counts more", "OIDL) is", put32(toc["OIDF"].start+255*4, n+1)},
		{"offset before the table", "truncated or damaged", put64(toc["OIDF"].entry+4, 0)},
		{"offset past the end", "truncated or damaged", put64(toc["BDAT"].entry+4, 1<<62)},
		{"chunks overlap", "truncated or damaged", put64(toc["CDAT"].entry+4, uint64(toc["CDAT"].end+1))},
		{"bases in a single file", "base", func(d []byte) []byte { d[7] = 1; return d }},
		{"bloom index size", "BIDX", put64(toc["BIDX"].entry+4, uint64(toc["BIDX"].start+4))},
		{"bloom data header", "BDAT", put64(headerLen+int(good[6])*tocEntryLen+4, uint64(toc["BDAT"].start+4))},
		{"generation data size", "GDA2", put64(toc["GDO2"].entry+4, uint64(toc["GDO2"].start+4))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, path, err := openBytes(t, tt.mutate(append([]byte(nil), good...)))
			if err == nil {
				t.Fatalf("Open of a damaged file = %v, no error", g)
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.damage) {
				t.Errorf("error %q should name %s and say %q", err, path, tt.damage)
			}
		})
	}
	t.Run("directory", func(t *testing.T) {
		objects := t.TempDir()
		if err := os.MkdirAll(filepath.Join(objects, "info", "commit-graph"), 0o755); err != nil {
			t.Fatal(err)
		}
		if _, err := Open(objects); err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("Open with a directory for the graph: %v", err)
		}
	})
}

// Damage that only some commits reach is found when they are read: the
// other commits still read, and the damaged one gives an error, where
// go-git's reader returns garbage.
func TestCorruptCommit(t *testing.T) {
	good, dir, heads := fixtureGraph(t, "--changed-paths")
	toc := chunkTable(t, good)
	octopus := git(t, dir, "", "rev-list", "-1", "--min-parents=3", heads[3])
	skewed := git(t, dir, "", "rev-list", "-1", "--before=1000000001", heads[3])
	tests := []struct {
		name, commit, damage string
		mutate               func([]byte)
		goGitSilent          bool // go-git returns a wrong answer without error
	}{
		{"octopus without EDGE", octopus, "extra edge list", func(d []byte) { copy(d[toc["EDGE"].entry:], "XXXX") }, false},
		{"octopus list without end", octopus, "extra edge list", func(d []byte) {
			last := toc["EDGE"].end - 4
			binary.BigEndian.PutUint32(d[last:], binary.BigEndian.Uint32(d[last:])&positionMask)
		}, false},
		{"overflow without GDO2", skewed, "GDO2", func(d []byte) { copy(d[toc["GDO2"].entry:], "XXXX") }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, path := openDamaged(t, good, tt.mutate)
			pos, ok := g.Lookup(hash20(t, tt.commit))
			if !ok {
				t.Fatalf("%s is not in the graph", tt.commit)
			}
			if _, err := g.Commit(pos); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.damage) {
				t.Errorf("Commit of the damaged entry: error %v, want one naming %s and %q", err, path, tt.damage)
			}
			if _, err := g.Commit(pos - 1); err != nil {
				t.Errorf("Commit of an undamaged entry: %v", err)
			}
			if tt.goGitSilent {
				data := append([]byte(nil), good...)
				tt.mutate(data)
				if gen, err := goGitCorrectedDate(data, tt.commit); err == nil {
					t.Logf("go-git reads corrected date %d, no error", gen)
				} else {
					t.Errorf("go-git now reports this damage (%v): reconsider it (see the package comment)", err)
				}
			}
		})
	}
	t.Run("parent out of range", func(t *testing.T) {
		g, path := openDamaged(t, good, func(d []byte) {
			binary.BigEndian.PutUint32(d[toc["CDAT"].start+hashLen:], binary.BigEndian.Uint32(d[toc["OIDF"].start+255*4:]))
		})
		if _, err := g.Commit(0); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "parent position") {
			t.Errorf("Commit with a parent out of range: %v", err)
		}
	})
}

// goGitCorrectedDate reads the commit's corrected commit date with go-git.
func goGitCorrectedDate(data []byte, commit string) (uint64, error) {
	index, err := v2.OpenFileIndex(nopCloser{bytes.NewReader(data)})
	if err != nil {
		return 0, err
	}
	i, err := index.GetIndexByHash(plumbing.NewHash(commit))
	if err != nil {
		return 0, err
	}
	c, err := index.GetCommitDataByIndex(i)
	if err != nil {
		return 0, err
	}
	return c.GenerationV2, nil
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// A layer's filters are read only with a header this package knows;
// damaged offsets lose the filters they touch, as in git.
func TestBloomHeader(t *testing.T) {
	good, _, _ := fixtureGraph(t, "--changed-paths")
	toc := chunkTable(t, good)
	bdat := toc["BDAT"].start
	g, _, err := openBytes(t, good)
	if err != nil {
		t.Fatal(err)
	}
	n := g.Len()
	var had []bool
	for p := 0; p < n; p++ {
		_, ok := g.Bloom(Pos(p))
		had = append(had, ok)
	}
	tests := []struct {
		name   string
		mutate func([]byte)
		// lost: which positions lose their filter
		lost func(p int) bool
	}{
		{"hash version 3", func(d []byte) { binary.BigEndian.PutUint32(d[bdat:], 3) }, func(int) bool { return true }},
		{"no hashes", func(d []byte) { binary.BigEndian.PutUint32(d[bdat+4:], 0) }, func(int) bool { return true }},
		{"too many hashes", func(d []byte) { binary.BigEndian.PutUint32(d[bdat+4:], 1<<31) }, func(int) bool { return true }},
		{"no BIDX", func(d []byte) { copy(d[toc["BIDX"].entry:], "XXXX") }, func(int) bool { return true }},
		// The end of entry n-2 and the start of entry n-1.
		{"index past the data", func(d []byte) { binary.BigEndian.PutUint32(d[toc["BIDX"].end-8:], 1<<31) }, func(p int) bool { return p >= n-2 }},
		{"index decreasing", func(d []byte) { binary.BigEndian.PutUint32(d[toc["BIDX"].end-8:], 0) }, func(p int) bool { return p == n-2 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, _ := openDamaged(t, good, tt.mutate)
			for p := 0; p < n; p++ {
				if _, ok := g.Bloom(Pos(p)); ok != (had[p] && !tt.lost(p)) {
					t.Errorf("Bloom(%d) = %v; undamaged %v", p, ok, had[p])
				}
			}
		})
	}
}

// Version 2 filters are read with the fixed murmur3: a graph relabelled
// version 2 answers for ASCII paths as before, but misses high-bit paths
// hashed the version 1 way; the version is not ignored.
func TestBloomVersion2(t *testing.T) {
	good, dir, _ := fixtureGraph(t, "--changed-paths")
	g, _ := openDamaged(t, good, func(d []byte) { binary.BigEndian.PutUint32(d[chunkTable(t, d)["BDAT"].start:], 2) })
	commits := logAll(t, dir)
	changes := firstParentChanges(t, dir, commits)
	missedHighBit := 0
	for _, c := range commits {
		pos, _ := g.Lookup(hash20(t, c.hash))
		f, ok := g.Bloom(pos)
		if !ok {
			continue
		}
		if s, _ := g.Settings(pos); s.HashVersion != 2 || f.version != 2 {
			t.Fatalf("Settings = %+v, filter version %d; want 2", s, f.version)
		}
		for p := range withDirs(changes[c.hash]) {
			switch k := NewKey(p); {
			case k.v1 == k.v2 && !f.MayContain(k):
				t.Errorf("%.7s: ASCII path %q not found in the relabelled filter", c.hash, p)
			case k.v1 != k.v2 && !f.MayContain(k):
				missedHighBit++
			}
		}
	}
	if missedHighBit == 0 {
		t.Errorf("every high-bit path was found with version 2 hashing in version 1 filters: the version makes no difference")
	}
}

func TestNoGraph(t *testing.T) {
	objects := t.TempDir()
	for _, setup := range []func(){
		func() {},
		func() { os.MkdirAll(filepath.Join(objects, "info", "commit-graphs"), 0o755) },
		func() {
			os.WriteFile(filepath.Join(objects, "info", "commit-graphs", "commit-graph-chain"), nil, 0o644)
		},
	} {
		setup()
		if g, err := Open(objects); g != nil || err != nil {
			t.Errorf("Open without a graph = %v, %v; want nil, nil", g, err)
		}
	}
	if g, err := Open(filepath.Join(objects, "missing")); g != nil || err != nil {
		t.Errorf("Open of a missing directory = %v, %v; want nil, nil", g, err)
	}
}

// A chain that does not hold together is an error naming the file.
func TestCorruptChain(t *testing.T) {
	dir, heads := sharedHistory(t)
	for _, head := range heads[:3] {
		writeGraph(t, dir, head, "--split=no-merge", "--changed-paths")
	}
	graphs := filepath.Join(dir, ".git", "objects", "info", "commit-graphs")
	lines := chainLines(t, dir)
	layer := func(i int) string { return filepath.Join(graphs, "graph-"+lines[i]+".graph") }
	read := func(path string) []byte {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	files := map[string][]byte{}
	for i := range lines {
		files[filepath.Base(layer(i))] = read(layer(i))
	}
	tests := []struct {
		name, chain string
		files       func(map[string][]byte)
		damage      string
		notExist    bool
	}{
		{"not hex", "zz\n", nil, "not the 40 hex digits", false},
		{"SHA-256", strings.Repeat("ab", 32) + "\n", nil, "SHA-256", false},
		{"missing layer", lines[0] + "\n" + strings.Repeat("0", 40) + "\n", nil, "graph-0000", true},
		{"layers swapped", lines[1] + "\n" + lines[0] + "\n", nil, "base graphs", false},
		{"base skipped", lines[0] + "\n" + lines[2] + "\n", nil, "base graphs", false},
		{"wrong base", lines[0] + "\n" + lines[1] + "\n", func(f map[string][]byte) {
			second := f["graph-"+lines[1]+".graph"]
			base := chunkTable(t, second)["BASE"].start
			second[base] ^= 0xff
		}, "base graph 0", false},
		{"renamed layer", lines[0] + "\n" + lines[1] + "\n", func(f map[string][]byte) {
			f["graph-"+lines[1]+".graph"] = f["graph-"+lines[2]+".graph"]
		}, "checksum", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			objects := t.TempDir()
			dir := filepath.Join(objects, "info", "commit-graphs")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			copies := map[string][]byte{}
			for name, data := range files {
				copies[name] = append([]byte(nil), data...)
			}
			if tt.files != nil {
				tt.files(copies)
			}
			for name, data := range copies {
				if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(filepath.Join(dir, "commit-graph-chain"), []byte(tt.chain), 0o644); err != nil {
				t.Fatal(err)
			}
			g, err := Open(objects)
			if err == nil {
				t.Fatalf("Open = %v, no error", g)
			}
			if !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), tt.damage) {
				t.Errorf("error %q should name a file in %s and say %q", err, dir, tt.damage)
			}
			if errors.Is(err, fs.ErrNotExist) != tt.notExist {
				t.Errorf("errors.Is(%v, fs.ErrNotExist) = %v", err, !tt.notExist)
			}
		})
	}
}

// Corrected commit dates are read only when every layer has them, as in
// git: a chain whose base lacks GDA2 has none, and reading its commits
// does not touch the missing chunk.
func TestGenerationDataInEveryLayer(t *testing.T) {
	dir, heads := sharedHistory(t)
	for _, head := range heads[:2] {
		writeGraph(t, dir, head, "--split=no-merge")
	}
	base := filepath.Join(dir, ".git", "objects", "info", "commit-graphs", "graph-"+chainLines(t, dir)[0]+".graph")
	data, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	copy(data[chunkTable(t, data)["GDA2"].entry:], "XXXX")
	if err := os.WriteFile(base, data, 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := Open(filepath.Join(dir, ".git", "objects"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for p := 0; p < g.Len(); p++ {
		if c, err := g.Commit(Pos(p)); err != nil || c.CorrectedDate != 0 {
			t.Errorf("Commit(%d) = corrected date %d, error %v; want 0 and no error", p, c.CorrectedDate, err)
		}
	}
}
