package history

import (
	"errors"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/handover-dev/handover/lint/history/commitgraph"
)

// touches decides, for the drift queries of one DriftAll, which queries'
// paths a commit changes against a parent. Each commit and parent is
// decided once for all queries: the queries' walks cover mostly the same
// commits, and one tree diff restricted to the union of their globs costs
// about as much as a diff for one of them. Before diffing against the
// first parent, the commit's changed-path Bloom filter may rule queries
// out; when it rules out all of them there is no diff at all.
type touches struct {
	repo  *Repo
	specs []*Pathspec
	// keys are each query's Bloom filter keys, nil where no filter can
	// answer for the query.
	keys [][][]commitgraph.Key
	// union selects every path some query selects (its excludes aside), so
	// that the diff descends only into subtrees some query reaches.
	union Pathspec
	all   querySet
	done  map[commitPair]querySet
}

// commitPair is a commit and one of its parents; the zero parent stands
// for the empty tree a root commit is compared with.
type commitPair struct{ commit, parent plumbing.Hash }

func newTouches(r *Repo, specs []*Pathspec) *touches {
	t := &touches{repo: r, specs: specs, keys: make([][][]commitgraph.Key, len(specs)), all: newQuerySet(len(specs)), done: map[commitPair]querySet{}}
	for i, spec := range specs {
		t.keys[i] = bloomKeys(spec)
		t.union.include = append(t.union.include, spec.include...)
		t.all.add(i)
	}
	return t
}

// treesame reports whether commit n is TREESAME to parent p (nil for a root
// commit) for query q.
func (t *touches) treesame(q int, n, p *commitNode) (bool, error) {
	set, err := t.touched(n, p)
	return !set.has(q), err
}

// touched returns the queries with a selected file that differs between
// the trees of n and p.
func (t *touches) touched(n, p *commitNode) (querySet, error) {
	key := commitPair{commit: n.hash}
	parentTree := plumbing.ZeroHash
	if p != nil {
		key.parent, parentTree = p.hash, p.tree
	}
	if set, ok := t.done[key]; ok {
		return set, nil
	}
	want := t.all
	if p != nil && n.parents[0] == p.hash {
		if f, ok := t.repo.bloom(n); ok {
			want = t.all.clone()
			for q, keys := range t.keys {
				if ruledOut(f, keys) {
					want.remove(q)
				}
			}
		}
	}
	set := newQuerySet(len(t.specs))
	if !want.empty() {
		err := t.repo.diffTrees(n.tree, parentTree, "", &t.union, func(path string, _, _ treeEntry) error {
			for q := range t.specs {
				if want.has(q) && !set.has(q) && t.specs[q].Matches(path) {
					set.add(q)
				}
			}
			if set.equal(want) {
				return errStop
			}
			return nil
		})
		if err != nil && !errors.Is(err, errStop) {
			return nil, err
		}
	}
	t.done[key] = set
	return set, nil
}

// querySet is a set of query indexes.
type querySet []uint64

func newQuerySet(n int) querySet { return make(querySet, (n+63)/64) }

func (s querySet) has(q int) bool { return s[q/64]&(1<<(q%64)) != 0 }
func (s querySet) add(q int)      { s[q/64] |= 1 << (q % 64) }
func (s querySet) remove(q int)   { s[q/64] &^= 1 << (q % 64) }
func (s querySet) clone() querySet {
	return append(querySet(nil), s...)
}

func (s querySet) empty() bool {
	for _, w := range s {
		if w != 0 {
			return false
		}
	}
	return true
}

func (s querySet) equal(o querySet) bool {
	for i, w := range s {
		if w != o[i] {
			return false
		}
	}
	return true
}
