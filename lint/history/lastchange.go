package history

import (
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/handover-dev/handover/lint/history/commitgraph"
)

// Commit describes a commit found by a walk.
type Commit struct {
	Hash    string    // 40-hex
	Time    time.Time // committer time
	Author  string
	Email   string
	Subject string
}

// LastChanges finds, for every path (a file or a directory), the commit that
// `git log -1 --format=%H -- PATH` prints when started at head; nil when no
// commit reachable from head touched the path.
//
// git's default history simplification makes this a single chain per path:
// from a commit, follow the first parent in which the path is TREESAME; if
// none is, the commit changed the path. Paths are grouped by the commit
// their chain has reached and commits are taken newest first, so chains that
// run together are walked once for all their paths.
func (r *Repo) LastChanges(head string, paths []string) (map[string]*Commit, error) {
	h, err := resolveHash(head)
	if err != nil {
		return nil, err
	}
	out := make(map[string]*Commit, len(paths))
	pending := map[plumbing.Hash][]string{}
	queue := &commitHeap[*commitNode]{}
	add := func(h plumbing.Hash, p string) error {
		if _, ok := pending[h]; !ok {
			n, err := r.commit(h)
			if err != nil {
				return err
			}
			queue.push(n)
		}
		pending[h] = append(pending[h], p)
		return nil
	}
	for _, p := range paths {
		out[p] = nil
		if err := add(h, p); err != nil {
			return nil, err
		}
	}
	keys := map[string][]commitgraph.Key{}
	if r.commitGraph() != nil {
		for _, p := range paths {
			keys[p] = commitgraph.PathKeys(strings.Trim(p, "/"))
		}
	}
	found := map[plumbing.Hash]*Commit{}
	for queue.Len() > 0 {
		n := queue.pop()
		group := pending[n.hash]
		delete(pending, n.hash)
		for _, p := range group {
			next, changed, err := r.followPath(n, p, keys[p])
			if err != nil {
				return nil, reading(err, p)
			}
			switch {
			case changed:
				if found[n.hash] == nil {
					if found[n.hash], err = r.describe(n.hash); err != nil {
						return nil, err
					}
				}
				out[p] = found[n.hash]
			case !next.IsZero():
				if err := add(next, p); err != nil {
					return nil, err
				}
			}
		}
	}
	return out, nil
}

// followPath applies git's simplification for one path at commit n: either
// the commit changed the path, or the walk continues at next (zero when the
// history ends without the path). keys are the path's Bloom filter keys:
// when the commit's filter rules them out, the path is TREESAME to the
// first parent without comparing trees.
func (r *Repo) followPath(n *commitNode, p string, keys []commitgraph.Key) (next plumbing.Hash, changed bool, err error) {
	if f, ok := r.bloom(n); ok && len(keys) > 0 && !f.MayContainAll(keys) {
		return n.parents[0], false, nil
	}
	parts := splitPath(p)
	if len(n.parents) == 0 {
		// A root commit changed every path it contains.
		same, err := r.samePath(n.tree, plumbing.ZeroHash, parts)
		return plumbing.ZeroHash, !same, err
	}
	for _, ph := range n.parents {
		parent, err := r.commit(ph)
		if err != nil {
			return plumbing.ZeroHash, false, err
		}
		same, err := r.samePath(n.tree, parent.tree, parts)
		if err != nil {
			return plumbing.ZeroHash, false, err
		}
		if same {
			return ph, false, nil
		}
	}
	return plumbing.ZeroHash, true, nil
}

func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" || p == "." {
		return nil
	}
	return strings.Split(p, "/")
}

// describe decodes the parts of a commit the caller shows.
func (r *Repo) describe(h plumbing.Hash) (*Commit, error) {
	c, err := r.git.CommitObject(h)
	if err != nil {
		return nil, r.missing(err, plumbing.CommitObject, h)
	}
	subject, _, _ := strings.Cut(strings.TrimLeft(c.Message, "\n"), "\n")
	return &Commit{
		Hash:    h.String(),
		Time:    c.Committer.When,
		Author:  c.Author.Name,
		Email:   c.Author.Email,
		Subject: strings.TrimSpace(subject),
	}, nil
}
