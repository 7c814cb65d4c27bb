// Package commitgraph reads git's commit-graph: commit data without
// inflating commit objects, and changed-path Bloom filters.
//
// A repository has either one file, objects/info/commit-graph, or a split
// chain: objects/info/commit-graphs/commit-graph-chain lists graph-*.graph
// files, base first, each holding the commits the ones below it lack.
// Positions (Pos) number the commits of the whole chain, base first, as
// git's graph positions do. A commit newer than the graph is not in it:
// Lookup says so and the caller reads the commit object.
//
// The files are mapped, not read, so that opening a large graph costs
// nothing until a walk touches it; every offset is checked against its
// chunk, so a corrupt file gives an error naming it, never a panic or a
// read past its end. Like git, the reader does not verify the trailing
// checksum (git commit-graph verify does).
//
// # Why not go-git
//
// go-git v5's plumbing/format/commitgraph/v2 reads OIDF, OIDL, CDAT, EDGE,
// GDA2 and GDO2, but this package reads them itself, for speed and for
// soundness:
//   - go-git reads through io.ReaderAt, one call per step of the binary
//     search and per field, and allocates about ten times per commit. Over
//     the files, as go-git opens them, that is a system call each: reading
//     every commit of a real repository then costs as much as inflating the
//     commit objects, which is what the graph is for avoiding. Even over a
//     copy in memory it is several times slower than this package, which
//     allocates once per commit (its parents). BenchmarkGraph and
//     BenchmarkGoGit measure both.
//   - go-git trusts chunk offsets: a GDA2 entry that overflows into a
//     missing GDO2 chunk is read from offset 0 of the file and gives a
//     garbage generation without error (TestCorruptCommit), and an EDGE list
//     without its end is followed into the next chunk.
//
// go-git cannot read BIDX and BDAT either, so this package reads the chunk
// table itself, checks every chunk's size against the commit count as git
// does, and reads the commit chunks from it.
//
// # Using the Bloom filters
//
// A commit's filter holds every path its tree diff against its FIRST
// parent changed (against the empty tree for a root), and every leading
// directory of those paths: "a/b/c" changed puts "a/b/c", "a/b" and "a" in
// it. A filter answers "maybe" or "certainly not"; it says nothing about a
// merge's other parents, which a walk must still diff. For a path, key it
// and its leading directories once with PathKeys, for a glob its literal
// leading directories with GlobKeys, and ask MayContainAll for each commit:
// git does the same (revision.c, bloom_keyvec_new). A commit may have
// changed a set of globs when MayContainAll holds for any of them; a glob
// with no literal directory ("**/*.md"), or an exclude-only set, cannot be
// answered by a filter. Bloom is false for a commit without a usable
// filter: then, too, the walk diffs.
package commitgraph

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Pos is a commit's position in the graph: its index in the OID lookup
// table of its layer plus the commits of the layers below.
type Pos uint32

// Graph is an open commit-graph. Its methods may be called from several
// goroutines at once; Close must come after all of them.
type Graph struct {
	layers []*layer // base first
	// generationV2 is set when every layer has corrected commit dates:
	// git reads them only then (validate_mixed_generation_chain).
	generationV2 bool
}

// Commit is what the graph stores of a commit.
type Commit struct {
	Hash, Tree [20]byte
	Parents    []Pos
	// Time is the committer time, in seconds since the epoch.
	Time int64
	// Level is the topological level (generation number v1): 1 for a
	// root, one more than the highest of the parents otherwise.
	Level uint32
	// CorrectedDate is the corrected commit date (generation number v2):
	// at least Time and more than every parent's. 0 when some layer of
	// the graph lacks the GDA2 chunk, which git then ignores too.
	CorrectedDate int64
}

// Open opens the commit-graph of the object directory objectsDir (the
// repository's .git/objects). It returns nil and no error when there is
// none. Where both exist, the single file is read, as git tries it first.
// Graphs in alternate object directories are not read.
//
// Open looks only at the object directory. git ignores the graph when
// core.commitGraph is false, in a shallow repository, and with replace
// refs or grafts, whose parents are not the graph's: the caller must not
// use it then either.
func Open(objectsDir string) (*Graph, error) {
	info := filepath.Join(objectsDir, "info")
	l, err := openLayer(filepath.Join(info, "commit-graph"))
	switch {
	case err == nil:
		if l.numBases != 0 {
			l.unmap()
			return nil, corrupt(l.path, "the header counts %d base graphs, but only a file of a split chain has bases", l.numBases)
		}
		return newGraph([]*layer{l}), nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	return openChain(filepath.Join(info, "commit-graphs"))
}

// openChain opens the layers commit-graph-chain lists, base first, and
// checks that each names the ones below it in its BASE chunk.
func openChain(dir string) (*Graph, error) {
	chainPath := filepath.Join(dir, "commit-graph-chain")
	chain, err := os.ReadFile(chainPath)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(chain) == 0 {
		return nil, nil // git treats an empty chain file as missing
	}
	if err != nil {
		return nil, err
	}
	var layers []*layer
	fail := func(err error) (*Graph, error) {
		for _, l := range layers {
			l.unmap()
		}
		return nil, err
	}
	lines := bufio.NewScanner(bytes.NewReader(chain))
	lines.Buffer(nil, len(chain)+1)
	var total uint64
	for lineNo := 1; lines.Scan(); lineNo++ {
		name := lines.Text()
		hash, err := hex.DecodeString(name)
		switch {
		case err == nil && len(hash) == 32:
			return fail(fmt.Errorf("commit-graph chain %s: line %d names a SHA-256 graph; only SHA-1 repositories are read, so history is read from the commits", chainPath, lineNo))
		case err != nil || len(hash) != hashLen:
			return fail(corrupt(chainPath, "line %d is %q, not the 40 hex digits of a graph file's hash", lineNo, name))
		}
		l, err := openLayer(filepath.Join(dir, "graph-"+name+".graph"))
		if err != nil {
			return fail(err)
		}
		layers = append(layers, l)
		if !bytes.Equal(l.trailer(), hash) {
			return fail(corrupt(l.path, "its checksum %x is not the hash in its name", l.trailer()))
		}
		if l.numBases != len(layers)-1 {
			return fail(corrupt(l.path, "the header counts %d base graphs, but the chain lists %d before it", l.numBases, len(layers)-1))
		}
		for i, below := range layers[:len(layers)-1] {
			if !bytes.Equal(l.baseGraphs[i*hashLen:(i+1)*hashLen], below.trailer()) {
				return fail(corrupt(l.path, "base graph %d is %x, but the chain lists %x", i, l.baseGraphs[i*hashLen:(i+1)*hashLen], below.trailer()))
			}
		}
		l.base = uint32(total)
		total += uint64(l.commits)
		if total > parentNone {
			return fail(corrupt(l.path, "the chain holds %d commits, more than the format's %d", total, parentNone))
		}
	}
	if err := lines.Err(); err != nil {
		return fail(fmt.Errorf("commit-graph chain %s: %w", chainPath, err))
	}
	if len(layers) == 0 {
		return nil, nil
	}
	return newGraph(layers), nil
}

func newGraph(layers []*layer) *Graph {
	g := &Graph{layers: layers, generationV2: true}
	for _, l := range layers {
		g.generationV2 = g.generationV2 && l.generation != nil
	}
	return g
}

// Close unmaps the files. The Graph finds nothing afterwards.
func (g *Graph) Close() error {
	var first error
	for _, l := range g.layers {
		if err := l.unmap(); err != nil && first == nil {
			first = err
		}
	}
	g.layers = nil
	return first
}

// Len is the number of commits in the graph.
func (g *Graph) Len() int {
	if len(g.layers) == 0 {
		return 0
	}
	top := g.layers[len(g.layers)-1]
	return int(top.base) + int(top.commits)
}

// Lookup finds a commit's position. It is false for a commit the graph
// does not hold, such as one made after the graph was written.
func (g *Graph) Lookup(hash [20]byte) (Pos, bool) {
	for i := len(g.layers) - 1; i >= 0; i-- {
		l := g.layers[i]
		if lex, ok := l.find(&hash); ok {
			return Pos(l.base + lex), true
		}
	}
	return 0, false
}

// layerOf finds the layer holding pos and pos's index in it.
func (g *Graph) layerOf(pos Pos) (*layer, uint32, bool) {
	for i := len(g.layers) - 1; i >= 0; i-- {
		l := g.layers[i]
		if uint32(pos) >= l.base {
			if uint32(pos)-l.base < l.commits {
				return l, uint32(pos) - l.base, true
			}
			return nil, 0, false
		}
	}
	return nil, 0, false
}

// HasCorrectedDates reports whether the commits have corrected commit
// dates (generation number v2): git orders some walks by them then.
func (g *Graph) HasCorrectedDates() bool { return g.generationV2 }

// Commit reads the commit at pos. The error names the file when its data
// is inconsistent (a parent out of range, an octopus list without end).
func (g *Graph) Commit(pos Pos) (Commit, error) {
	l, lex, ok := g.layerOf(pos)
	if !ok {
		return Commit{}, fmt.Errorf("commit-graph: position %d is out of range: the graph holds %d commits", pos, g.Len())
	}
	entry := l.commitData[uint64(lex)*commitWidth:]
	levelAndTime := binary.BigEndian.Uint64(entry[hashLen+8:])
	c := Commit{
		Hash:  [20]byte(l.lookup[uint64(lex)*hashLen:]),
		Tree:  [20]byte(entry),
		Time:  int64(levelAndTime & (1<<34 - 1)),
		Level: uint32(levelAndTime >> 34),
	}
	parents, err := l.parents(entry, lex)
	if err != nil {
		return Commit{}, err
	}
	c.Parents = parents
	if g.generationV2 {
		offset, err := l.correctedDateOffset(lex)
		if err != nil {
			return Commit{}, err
		}
		c.CorrectedDate = c.Time + offset
	}
	return c, nil
}

// parents decodes the two CDAT parent fields and, for an octopus merge,
// the rest from EDGE. A parent must sit in this layer or one below.
func (l *layer) parents(entry []byte, lex uint32) ([]Pos, error) {
	first := binary.BigEndian.Uint32(entry[hashLen:])
	second := binary.BigEndian.Uint32(entry[hashLen+4:])
	if first == parentNone {
		return nil, nil
	}
	limit := l.base + l.commits
	check := func(p uint32) (Pos, error) {
		if p >= limit {
			return 0, corrupt(l.path, "commit %x has parent position %d, beyond the %d commits of this file and the ones below", l.lookup[uint64(lex)*hashLen:uint64(lex+1)*hashLen], p, limit)
		}
		return Pos(p), nil
	}
	p1, err := check(first)
	if err != nil {
		return nil, err
	}
	switch {
	case second == parentNone:
		return []Pos{p1}, nil
	case second&edgesNeeded == 0:
		p2, err := check(second)
		return []Pos{p1, p2}, err
	}
	parents := []Pos{p1}
	for i := uint64(second & positionMask); ; i++ {
		if (i+1)*4 > uint64(len(l.extraEdges)) {
			return nil, corrupt(l.path, "commit %x lists octopus parents past the end of the extra edge list (EDGE, %d bytes)", l.lookup[uint64(lex)*hashLen:uint64(lex+1)*hashLen], len(l.extraEdges))
		}
		edge := binary.BigEndian.Uint32(l.extraEdges[i*4:])
		p, err := check(edge & positionMask)
		if err != nil {
			return nil, err
		}
		parents = append(parents, p)
		if edge&lastEdge != 0 {
			return parents, nil
		}
	}
}

// correctedDateOffset reads GDA2, and GDO2 for an offset too large for 31
// bits.
func (l *layer) correctedDateOffset(lex uint32) (int64, error) {
	offset := binary.BigEndian.Uint32(l.generation[uint64(lex)*4:])
	if offset&generationOverflow == 0 {
		return int64(offset), nil
	}
	i := uint64(offset ^ generationOverflow)
	if (i+1)*8 > uint64(len(l.generationOver)) {
		return 0, corrupt(l.path, "generation data overflow entry %d is past the end of the GDO2 chunk (%d bytes)", i, len(l.generationOver))
	}
	return int64(binary.BigEndian.Uint64(l.generationOver[i*8:])), nil
}
