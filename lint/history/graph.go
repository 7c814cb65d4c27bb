package history

import (
	"path/filepath"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/handover-dev/handover/lint/history/commitgraph"
)

// The commit-graph (objects/info/commit-graph or a split chain) holds each
// commit's parents, root tree and committer time, so that a walk need not
// inflate the commit, and changed-path Bloom filters, which rule out a
// commit for a path without diffing its trees. The walks read both when the
// repository has a graph and git itself would use it; a commit made after
// the graph was written is read from its object.

// commitGraph opens the repository's commit-graph on first use. It is nil
// when there is none, when it cannot be read (git warns and walks without
// it, and so do the walks) and where git ignores it: core.commitGraph is
// false, the repository is shallow, or replace refs or grafts give commits
// other parents than the graph holds.
func (r *Repo) commitGraph() *commitgraph.Graph {
	if r.graphOpened {
		return r.graph
	}
	r.graphOpened = true
	common := commonDir(r.gitDir)
	g, err := commitgraph.Open(filepath.Join(common, "objects"))
	if err != nil || g == nil {
		return nil
	}
	if len(r.shallow) > 0 || !r.graphEnabled() || r.rewrites().any() {
		g.Close()
		return nil
	}
	r.graph = g
	return g
}

// commonDir is the directory holding the objects of the git directory
// gitDir: gitDir itself, or the one its commondir file names (linked
// worktrees).
func commonDir(gitDir string) string {
	data, err := readSmallFile(filepath.Join(gitDir, "commondir"))
	if err != nil {
		return gitDir
	}
	common := strings.TrimSpace(string(data))
	if !filepath.IsAbs(common) {
		common = filepath.Join(gitDir, common)
	}
	return filepath.Clean(common)
}

// graphEnabled reads core.commitGraph.
func (r *Repo) graphEnabled() bool { return r.coreFlag("commitgraph") }

// coreFlag reads a core.NAME git boolean of the repository's config that
// defaults to true: only false, no, off or 0 turn it off.
func (r *Repo) coreFlag(name string) bool {
	cfg, err := r.git.Config()
	if err != nil || cfg.Raw == nil {
		return true
	}
	switch strings.ToLower(strings.TrimSpace(cfg.Raw.Section("core").Option(name))) {
	case "false", "no", "off", "0":
		return false
	}
	return true
}

// graphCommit reads a commit from the graph; false when the graph does not
// hold it or its entry is inconsistent (then the object is read instead).
func (r *Repo) graphCommit(h plumbing.Hash) (*commitNode, bool) {
	g := r.commitGraph()
	if g == nil {
		return nil, false
	}
	pos, ok := g.Lookup(h)
	if !ok {
		return nil, false
	}
	c, err := g.Commit(pos)
	if err != nil {
		return nil, false
	}
	n := &commitNode{hash: h, tree: c.Tree, time: c.Time, pos: pos, inGraph: true}
	if len(c.Parents) > 0 {
		n.parents = make([]plumbing.Hash, len(c.Parents))
	}
	for i, pp := range c.Parents {
		pc, err := g.Commit(pp)
		if err != nil {
			return nil, false
		}
		n.parents[i] = pc.Hash
	}
	return n, true
}

// bloom returns the changed-path filter of a commit against its first
// parent; false when the graph has none for it.
func (r *Repo) bloom(n *commitNode) (commitgraph.Filter, bool) {
	if !n.inGraph || len(n.parents) == 0 {
		return commitgraph.Filter{}, false
	}
	return r.graph.Bloom(n.pos)
}

// bloomKeys are the filter keys of a pathspec: one key list per include
// glob, any of which may match a changed path. It is nil when no filter can
// answer for the pathspec: a glob without a literal leading part ("**/*.md",
// or the "**" an exclude-only pathspec includes).
func bloomKeys(spec *Pathspec) [][]commitgraph.Key {
	keys := make([][]commitgraph.Key, 0, len(spec.include))
	for _, g := range spec.include {
		k := commitgraph.GlobKeys(g.pattern)
		if k == nil {
			return nil
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		return nil
	}
	return keys
}

// ruledOut reports whether filter f says for certain that no path of any
// key list changed.
func ruledOut(f commitgraph.Filter, keys [][]commitgraph.Key) bool {
	if keys == nil {
		return false
	}
	for _, k := range keys {
		if f.MayContainAll(k) {
			return false
		}
	}
	return true
}
