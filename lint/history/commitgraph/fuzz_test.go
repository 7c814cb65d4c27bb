package commitgraph

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// FuzzOpen reads arbitrary bytes as objects/info/commit-graph: Open and
// every method must give errors, never panic, and allocate no more than
// the file's size allows.
func FuzzOpen(f *testing.F) {
	good, _, _ := fixtureGraph(f, "--changed-paths")
	f.Add(good)
	noBloom, _, _ := fixtureGraph(f)
	f.Add(noBloom)
	f.Add(good[:len(good)/2])
	f.Add([]byte("CGPH\x01\x01\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		objects := t.TempDir()
		path := filepath.Join(objects, "info", "commit-graph")
		writeFile(t, path, data)
		before := allocated()
		g, err := Open(objects)
		if used := allocated() - before; used > 64<<10+uint64(len(data)) {
			t.Errorf("Open allocated %d bytes for a %d-byte file", used, len(data))
		}
		if err != nil {
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name %s", err, path)
			}
			return
		}
		defer g.Close()
		exercise(t, g, len(data))
	})
}

// FuzzChain reads arbitrary bytes as a chain file and two layers, each
// named after its last 20 bytes as git names them.
func FuzzChain(f *testing.F) {
	dir, heads := sharedHistory(f)
	for _, head := range heads[:2] {
		writeGraph(f, dir, head, "--split=no-merge", "--changed-paths")
	}
	lines := chainLines(f, dir)
	layers := make([][]byte, 2)
	for i := range layers {
		data, err := os.ReadFile(filepath.Join(dir, ".git", "objects", "info", "commit-graphs", "graph-"+lines[i]+".graph"))
		if err != nil {
			f.Fatal(err)
		}
		layers[i] = data
	}
	chain := lines[0] + "\n" + lines[1] + "\n"
	f.Add(chain, layers[0], layers[1])
	f.Add(lines[1]+"\n"+lines[0]+"\n", layers[0], layers[1])
	f.Add(lines[0]+"\n", layers[0], []byte(nil))
	f.Add("\n\n", []byte(nil), []byte(nil))
	f.Fuzz(func(t *testing.T, chain string, first, second []byte) {
		objects := t.TempDir()
		graphs := filepath.Join(objects, "info", "commit-graphs")
		size := len(chain)
		for _, data := range [][]byte{first, second} {
			name := "short"
			if len(data) >= hashLen {
				name = hex.EncodeToString(data[len(data)-hashLen:])
			}
			writeFile(t, filepath.Join(graphs, "graph-"+name+".graph"), data)
			size += len(data)
		}
		writeFile(t, filepath.Join(graphs, "commit-graph-chain"), []byte(chain))
		before := allocated()
		g, err := Open(objects)
		// The chain names at most one layer per 41 bytes.
		if used := allocated() - before; used > 64<<10+uint64(size)*2+uint64(len(chain)/41)*4096 {
			t.Errorf("Open allocated %d bytes for %d bytes of files", used, size)
		}
		if err != nil {
			if !strings.Contains(err.Error(), graphs) {
				t.Errorf("error %q does not name a file in %s", err, graphs)
			}
			return
		}
		if g == nil {
			return
		}
		defer g.Close()
		exercise(t, g, size)
	})
}

// FuzzFilter: whatever the filter's bits, number of hashes and version, a
// path added with its directories is found.
func FuzzFilter(f *testing.F) {
	f.Add([]byte{0, 0}, uint8(1), uint8(7), "a/b/c\nREADME.md")
	f.Add([]byte{0xff}, uint8(2), uint8(1), "doc/ünïcödé.md\n€")
	f.Add([]byte{}, uint8(1), uint8(32), "")
	f.Fuzz(func(t *testing.T, bits []byte, version, numHashes uint8, paths string) {
		filter := Filter{data: append([]byte(nil), bits...), version: 1 + uint32(version%2), numHashes: 1 + uint32(numHashes%maxHashes)}
		list := strings.Split(paths, "\n")
		if len(filter.data) > 0 {
			for _, p := range list {
				for _, k := range PathKeys(p) {
					addKey(filter, k)
				}
			}
		}
		for _, p := range list {
			if !filter.MayContainAll(PathKeys(p)) {
				t.Errorf("%q added but not found in a version %d filter of %d bytes, %d hashes", p, filter.version, len(filter.data), filter.numHashes)
			}
		}
	})
}

// exercise calls every method on every position and on some out of range;
// allocations stay within what the files' size allows.
func exercise(t *testing.T, g *Graph, size int) {
	keys := PathKeys("a/b/c")
	before := allocated()
	for p := 0; p <= g.Len()+1; p++ {
		c, err := g.Commit(Pos(p))
		if err == nil {
			g.Lookup(c.Hash)
			for _, parent := range c.Parents {
				if int(parent) >= g.Len() {
					t.Errorf("Commit(%d) has parent %d, past the graph's %d commits", p, parent, g.Len())
				}
			}
		}
		if f, ok := g.Bloom(Pos(p)); ok {
			f.MayContainAll(keys)
		}
		g.Settings(Pos(p))
	}
	g.Lookup([20]byte{})
	g.Lookup([20]byte{0xff, 0xff})
	// Commit allocates its parents, at most a quarter of the file's bytes
	// (an EDGE list) each.
	if used := allocated() - before; used > uint64(g.Len()+2)*(1<<10+uint64(size)) {
		t.Errorf("reading %d commits allocated %d bytes for %d bytes of files", g.Len(), used, size)
	}
}

func allocated() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.TotalAlloc
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
