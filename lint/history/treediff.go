package history

import (
	"bytes"

	"github.com/go-git/go-git/v5/plumbing"
)

// samePath reports whether the entry at parts is TREESAME in the trees a and
// b: same hash and mode, or absent from both. It descends only while the
// entries on the way differ, so unchanged subtrees cost one lookup.
func (r *Repo) samePath(a, b plumbing.Hash, parts []string) (bool, error) {
	for i, name := range parts {
		if a == b {
			return true, nil
		}
		ta, err := r.tree(a)
		if err != nil {
			return false, err
		}
		tb, err := r.tree(b)
		if err != nil {
			return false, err
		}
		ea, oka, err := ta.find(name)
		if err != nil {
			return false, err
		}
		eb, okb, err := tb.find(name)
		if err != nil {
			return false, err
		}
		switch {
		case !oka && !okb:
			return true, nil
		case oka && okb && ea.sameAs(eb):
			return true, nil
		case i == len(parts)-1:
			return false, nil
		}
		// An absent entry, or a file where the path needs a directory, holds
		// nothing below it: compare with the empty tree.
		a, b = subtree(ea), subtree(eb)
	}
	return a == b, nil
}

func subtree(e treeEntry) plumbing.Hash {
	if e.isTree() {
		return e.hash
	}
	return plumbing.ZeroHash
}

// diffFunc receives a differing non-directory entry; a or b is the zero
// entry when the path is absent on that side. Returning errStop ends the
// diff early.
type diffFunc func(path string, a, b treeEntry) error

type stopDiff struct{}

func (stopDiff) Error() string { return "stop" }

var errStop error = stopDiff{}

// diffTrees calls fn for every file that differs between trees a and b and
// is selected by spec (nil selects everything). It descends only into
// subtrees that differ and that the spec can reach.
func (r *Repo) diffTrees(a, b plumbing.Hash, prefix string, spec *Pathspec, fn diffFunc) error {
	if a == b {
		return nil
	}
	ta, err := r.tree(a)
	if err != nil {
		return reading(err, dirPath(prefix))
	}
	tb, err := r.tree(b)
	if err != nil {
		return reading(err, dirPath(prefix))
	}
	for len(ta) > 0 || len(tb) > 0 {
		var ea, eb treeEntry
		c, sa, sb, err := compareNext(ta, tb)
		if err != nil {
			return err
		}
		// Most entries of two versions of a tree are the same bytes: they
		// are skipped without decoding.
		if c == 0 && sa == sb && bytes.Equal(ta[:sa], tb[:sb]) {
			ta, tb = ta[sa:], tb[sb:]
			continue
		}
		switch {
		case c < 0:
			if ea, ta, err = ta.next(); err != nil {
				return err
			}
		case c > 0:
			if eb, tb, err = tb.next(); err != nil {
				return err
			}
		default:
			if ea, ta, err = ta.next(); err != nil {
				return err
			}
			if eb, tb, err = tb.next(); err != nil {
				return err
			}
			if ea.sameAs(eb) {
				continue
			}
		}
		if err := r.diffEntries(prefix, ea, eb, spec, fn); err != nil {
			return err
		}
	}
	return nil
}

func (r *Repo) diffEntries(prefix string, ea, eb treeEntry, spec *Pathspec, fn diffFunc) error {
	name := ea.name
	if name == "" {
		name = eb.name
	}
	p := joinPath(prefix, name)
	if ea.isTree() || eb.isTree() {
		if spec != nil && spec.selectsDir(p) {
			spec = nil
		}
		if spec != nil && !spec.mayMatchBelow(p) {
			return nil
		}
		return r.diffTrees(subtree(ea), subtree(eb), p, spec, fn)
	}
	if spec != nil && !spec.Matches(p) {
		return nil
	}
	return fn(p, ea, eb)
}

// compareNext orders the next entries of two trees the way git sorts tree
// entries (a directory sorts as if its name ended in '/'); an exhausted tree
// sorts last. It also returns the length of each next entry (0 when
// exhausted).
func compareNext(a, b rawTree) (c, sizeA, sizeB int, err error) {
	var na, nb []byte
	var da, db bool
	if len(a) > 0 {
		if na, da, sizeA, err = a.peek(); err != nil {
			return 0, 0, 0, err
		}
	}
	if len(b) > 0 {
		if nb, db, sizeB, err = b.peek(); err != nil {
			return 0, 0, 0, err
		}
	}
	switch {
	case len(a) == 0:
		return 1, sizeA, sizeB, nil
	case len(b) == 0:
		return -1, sizeA, sizeB, nil
	}
	n := min(len(na), len(nb))
	if c := bytes.Compare(na[:n], nb[:n]); c != 0 {
		return c, sizeA, sizeB, nil
	}
	return nameEnd(na, n, da) - nameEnd(nb, n, db), sizeA, sizeB, nil
}

// nameEnd is the byte after the common prefix of length n, as git's
// base_name_compare sees it.
func nameEnd(name []byte, n int, dir bool) int {
	switch {
	case n < len(name):
		return int(name[n])
	case dir:
		return '/'
	}
	return 0
}
