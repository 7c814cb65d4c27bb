package history

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"

	"github.com/handover-dev/handover/lint/history/commitgraph"
)

// The history walks read commits and trees as raw objects and parse only what
// they need (tree, parents, committer time; entry names, modes and hashes).
// go-git's object.Commit and object.Tree decode everything, and that decoding
// is most of the cost of a walk over many thousands of commits.

// commitNode is what a history walk needs to know about one commit.
type commitNode struct {
	hash    plumbing.Hash
	tree    plumbing.Hash
	parents []plumbing.Hash
	time    int64           // committer time, seconds since the epoch
	pos     commitgraph.Pos // the commit's place in the commit-graph
	inGraph bool            // pos is set: the commit-graph holds the commit
}

// rawTree is the undecoded body of a tree object: repeated
// "<octal mode> <name>\x00<20-byte hash>" entries in git's sort order.
type rawTree []byte

type treeEntry struct {
	name string
	mode filemode.FileMode
	hash plumbing.Hash
}

func (e treeEntry) isTree() bool { return e.mode == filemode.Dir }

// sameAs reports whether two entries are TREESAME in git's sense:
// same object and same mode.
func (e treeEntry) sameAs(o treeEntry) bool { return e.hash == o.hash && e.mode == o.mode }

// peek returns the name of the first entry, whether it is a directory and
// the entry's length, without allocating.
func (t rawTree) peek() (name []byte, dir bool, size int, err error) {
	sp := bytes.IndexByte(t, ' ')
	if sp < 0 {
		return nil, false, 0, errBadTree
	}
	nul := bytes.IndexByte(t[sp+1:], 0)
	if nul < 0 || sp+1+nul+1+20 > len(t) {
		return nil, false, 0, errBadTree
	}
	return t[sp+1 : sp+1+nul], string(t[:sp]) == "40000", sp + 1 + nul + 21, nil
}

// next decodes the entry at the start of t and returns the rest.
func (t rawTree) next() (treeEntry, rawTree, error) {
	name, _, size, err := t.peek()
	if err != nil {
		return treeEntry{}, nil, err
	}
	mode, ok := parseMode(t[:bytes.IndexByte(t, ' ')])
	if !ok {
		return treeEntry{}, nil, errBadTree
	}
	e := treeEntry{name: string(name), mode: mode}
	copy(e.hash[:], t[size-20:size])
	return e, t[size:], nil
}

// parseMode parses an entry's octal mode, as strconv.ParseUint(s, 8, 32)
// does but without making s a string.
func parseMode(s []byte) (filemode.FileMode, bool) {
	var m uint64
	for _, c := range s {
		if c < '0' || c > '7' {
			return 0, false
		}
		if m = m<<3 | uint64(c-'0'); m > math.MaxUint32 {
			return 0, false
		}
	}
	return filemode.FileMode(m), len(s) > 0
}

// find looks name up without allocating for the entries it skips.
func (t rawTree) find(name string) (treeEntry, bool, error) {
	for len(t) > 0 {
		n, _, size, err := t.peek()
		if err != nil {
			return treeEntry{}, false, err
		}
		if string(n) == name {
			e, _, err := t.next()
			return e, err == nil, err
		}
		t = t[size:]
	}
	return treeEntry{}, false, nil
}

// entries decodes every entry.
func (t rawTree) entries() ([]treeEntry, error) {
	var out []treeEntry
	for len(t) > 0 {
		e, rest, err := t.next()
		if err != nil {
			return nil, err
		}
		out = append(out, e)
		t = rest
	}
	return out, nil
}

var errBadTree = errors.New("malformed tree object")

// parseCommit reads the headers of a raw commit up to the committer line.
func parseCommit(h plumbing.Hash, data []byte) (*commitNode, error) {
	n := &commitNode{hash: h}
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		switch {
		case len(line) == 0:
			return nil, fmt.Errorf("commit %s is corrupt: it has no committer", h)
		case bytes.HasPrefix(line, []byte("tree ")):
			n.tree = plumbing.NewHash(string(line[5:]))
		case bytes.HasPrefix(line, []byte("parent ")):
			n.parents = append(n.parents, plumbing.NewHash(string(line[7:])))
		case bytes.HasPrefix(line, []byte("committer ")):
			n.time = signatureTime(line)
			return n, nil
		}
	}
	return nil, fmt.Errorf("commit %s is corrupt: its headers end early", h)
}

// signatureTime extracts the seconds from "name <email> 1700000000 +0100".
func signatureTime(line []byte) int64 {
	gt := bytes.LastIndexByte(line, '>')
	if gt < 0 {
		return 0
	}
	fields := bytes.Fields(line[gt+1:])
	if len(fields) == 0 {
		return 0
	}
	t, _ := strconv.ParseInt(string(fields[0]), 10, 64)
	return t
}

// readObject returns the body of an object of type t, of at most limit
// bytes: the object a replace ref names in its place, if any, as git
// reads it. An object the repository lacks is a *MissingObjectError.
func (r *Repo) readObject(t plumbing.ObjectType, h plumbing.Hash, limit int64) ([]byte, error) {
	h = r.rewrites().replaced(h)
	_, data, err := r.objects.read(t, h, limit)
	return data, r.missing(err, t, h)
}

// missing turns go-git's "object not found" into a MissingObjectError that
// names the object and says whether a partial clone explains it.
func (r *Repo) missing(err error, t plumbing.ObjectType, h plumbing.Hash) error {
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return &MissingObjectError{Hash: h.String(), Kind: t.String(), Partial: r.partial != nil}
	}
	return err
}

// commit loads the walk's view of a commit, through a bounded cache because
// merges and several queries visit the same commits again.
func (r *Repo) commit(h plumbing.Hash) (*commitNode, error) {
	n, _, err := r.commitAndObject(h)
	return n, err
}

// commitAndObject is commit, also returning the commit object when it
// read it: nil when the cache or the commit-graph had the commit.
func (r *Repo) commitAndObject(h plumbing.Hash) (*commitNode, []byte, error) {
	if n, ok := r.commits.get(h); ok {
		return n, nil, nil
	}
	if n, ok := r.graphCommit(h); ok {
		r.commits.put(h, n, commitBytes(n))
		return n, nil, nil
	}
	data, err := r.readObject(plumbing.CommitObject, h, maxObjectBytes)
	if err != nil {
		return nil, nil, err
	}
	n, err := parseCommit(h, data)
	if err != nil {
		return nil, nil, err
	}
	if parents, ok := r.rewrites().grafts[h]; ok {
		n.parents = parents
	}
	if r.shallow[h] {
		// A shallow boundary behaves like a root, as in git: its parents are
		// not in the repository.
		n.parents = nil
	}
	r.commits.put(h, n, commitBytes(n))
	return n, data, nil
}

// commitBytes is what a cached commit costs the heap: its node, its
// parents and its share of the cache's map, as measured with 100k cached
// commits (166 bytes with one parent, 190 with two).
func commitBytes(n *commitNode) int { return 144 + 24*len(n.parents) }

// tree loads a tree; the zero hash stands for the empty tree, which is how
// the walks treat a path that is absent or is not a directory.
func (r *Repo) tree(h plumbing.Hash) (rawTree, error) {
	if h.IsZero() {
		return nil, nil
	}
	if t, ok := r.trees.get(h); ok {
		return t, nil
	}
	data, err := r.readObject(plumbing.TreeObject, h, maxObjectBytes)
	if err != nil {
		return nil, err
	}
	r.trees.put(h, rawTree(data), len(data)+64)
	return data, nil
}

// objectCache is a two-generation cache bounded in bytes: when the young
// generation is full it becomes the old one and the previous old one is
// dropped. Lookups promote old entries. Cheaper than an LRU list and just as
// good for walks, whose working set moves steadily back in time.
type objectCache[V any] struct {
	young, old map[plumbing.Hash]cached[V]
	size, max  int
}

type cached[V any] struct {
	v    V
	size int
}

func newCache[V any](max int) *objectCache[V] {
	return &objectCache[V]{young: map[plumbing.Hash]cached[V]{}, max: max}
}

func (c *objectCache[V]) get(h plumbing.Hash) (V, bool) {
	if e, ok := c.young[h]; ok {
		return e.v, true
	}
	e, ok := c.old[h]
	if ok {
		c.put(h, e.v, e.size)
	}
	return e.v, ok
}

func (c *objectCache[V]) put(h plumbing.Hash, v V, size int) {
	if c.size+size > c.max/2 {
		c.old, c.young, c.size = c.young, map[plumbing.Hash]cached[V]{}, 0
	}
	c.young[h] = cached[V]{v, size}
	c.size += size
}
