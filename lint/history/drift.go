package history

import (
	"bytes"
	"errors"
	"math"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// DriftQuery asks what changed in covered code after a doc's last change.
type DriftQuery struct {
	Since string   // 40-hex: the doc's last change
	Globs []string // doublestar globs, repo-relative (the doc's covers)
}

// PathStat is one covered file that differs between Since and head.
type PathStat struct {
	Path           string
	Added, Removed int
	Binary         bool // counted, not diffed
	// Unread reports that the lines were not counted: a partial clone
	// lacks the file's contents at one end.
	Unread bool
}

// Drift answers a DriftQuery.
type Drift struct {
	// Commits equals git rev-list --count SINCE..HEAD -- ':(glob)G1' ...
	Commits int
	// Newest is the newest of those commits, nil when Commits is 0.
	Newest *Commit
	// Paths are the covered files that differ between Since's tree and
	// head's, most lines changed first, then by path.
	Paths []PathStat
}

// smallDiffBytes bounds the files whose line counts run side by side, on
// every processor. A pair with a bigger file is counted alone, holding
// Repo.bigDiff, so that at most one big pair is in memory at once; a file
// over core.bigFileThreshold counts as binary, as in git.
const smallDiffBytes = 4 << 20

// DriftAll answers every query. The queries share one view of the range:
// whether a commit touches a query's paths is decided once for all queries
// by one tree diff per commit and parent (treesame.go), which the Bloom
// filters of a commit-graph often spare; the simplification itself runs per
// query because git's depends on each query's range and paths. The line
// counts need only each query's two trees, so they run while the walks
// count.
func (r *Repo) DriftAll(head string, queries []DriftQuery) ([]Drift, error) {
	h, err := resolveHash(head)
	if err != nil {
		return nil, err
	}
	specs := make([]*Pathspec, len(queries))
	since := make([]plumbing.Hash, len(queries))
	changed := make([][]changedFile, len(queries))
	attrs := r.attributes()
	defer attrs.close()
	for i, q := range queries {
		spec := NewPathspec(q.Globs)
		specs[i] = &spec
		if since[i], err = resolveHash(q.Since); err != nil {
			return nil, err
		}
		if changed[i], err = r.changedFiles(since[i], h, specs[i], attrs); err != nil {
			return nil, err
		}
	}
	// The walk is one goroutine: the others count lines from the start,
	// and the walk's joins them when it is done.
	lines := r.newBlobCounts(changed)
	var wg sync.WaitGroup
	lines.spawn(&wg, runtime.GOMAXPROCS(0)-1)
	out, err := r.countAll(h, since, queries, specs)
	if err != nil {
		lines.stop()
	}
	lines.work()
	wg.Wait()
	if err != nil {
		return nil, err
	}
	if err := lines.err(); err != nil {
		return nil, err
	}
	counts := lines.counts()
	for i := range out {
		out[i].Paths = pathStats(changed[i], counts)
	}
	return out, nil
}

// countAll walks the range of each query, sharing what the walks learn of
// which commits touch which queries' paths.
func (r *Repo) countAll(head plumbing.Hash, since []plumbing.Hash, queries []DriftQuery, specs []*Pathspec) ([]Drift, error) {
	shared := newTouches(r, specs)
	out := make([]Drift, len(queries))
	for i, q := range queries {
		newest, count, err := shared.countChanges(i, since[i], head)
		if err != nil {
			return nil, reading(err, strings.Join(q.Globs, ", "))
		}
		out[i].Commits = count
		if count > 0 {
			if out[i].Newest, err = r.describe(newest); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// Object flags of git's revision walk (revision.h) that the count needs.
const (
	flagSeen = 1 << iota
	flagUninteresting
	flagTreesame
	flagAdded
	flagBottom
)

// simCommit is a commit as git's revision walk sees it: parents are known
// once parsed, and simplification may cut them down to one.
type simCommit struct {
	node    *commitNode
	parents []*simCommit
	flags   uint8
	hash    plumbing.Hash
}

// rangeWalk reproduces git's limit_list() for "rev-list SINCE..HEAD --
// PATHSPEC" (revision.c, git 2.39), flag for flag. The count depends on
// details such as when an ancestor of SINCE becomes known as uninteresting
// while merges are being simplified, so a simpler reachability rule gives
// other answers on merge histories.
type rangeWalk struct {
	repo    *Repo
	touches *touches
	query   int
	commits map[plumbing.Hash]*simCommit
	queue   commitHeap[*simCommit]
}

// slop is how many uninteresting commits git looks at after the last
// interesting one, to tolerate clock skew.
const slop = 5

// countChanges is git rev-list --count SINCE..HEAD for query q, and the
// newest commit it counts.
func (t *touches) countChanges(q int, since, head plumbing.Hash) (newest plumbing.Hash, count int, err error) {
	w := &rangeWalk{repo: t.repo, touches: t, query: q, commits: map[plumbing.Hash]*simCommit{}}
	bottom, top := w.get(since), w.get(head)
	for _, c := range []*simCommit{bottom, top} {
		if err := w.parse(c); err != nil {
			return newest, 0, err
		}
	}
	bottom.flags |= flagUninteresting | flagBottom
	w.markParentsUninteresting(bottom)
	for _, c := range []*simCommit{bottom, top} {
		if c.flags&flagSeen == 0 {
			c.flags |= flagSeen
			w.queue.push(c)
		}
	}

	var list []*simCommit
	date, left := int64(math.MaxInt64), slop
	var interesting *simCommit // git's interesting_cache
	for w.queue.Len() > 0 {
		c := w.queue.pop()
		if c == interesting {
			interesting = nil
		}
		if err := w.processParents(c); err != nil {
			return newest, 0, err
		}
		if c.flags&flagUninteresting != 0 {
			w.markParentsUninteresting(c)
			if left = w.stillInteresting(date, left, &interesting); left == 0 {
				break
			}
			continue
		}
		date = c.node.time
		list = append(list, c)
	}
	for _, c := range list {
		if c.flags&(flagUninteresting|flagTreesame) == 0 {
			if count == 0 {
				newest = c.hash
			}
			count++
		}
	}
	return newest, count, nil
}

func (w *rangeWalk) get(h plumbing.Hash) *simCommit {
	c := w.commits[h]
	if c == nil {
		c = &simCommit{hash: h}
		w.commits[h] = c
	}
	return c
}

func (w *rangeWalk) parse(c *simCommit) error {
	if c.node != nil {
		return nil
	}
	n, err := w.repo.commit(c.hash)
	if err != nil {
		return err
	}
	c.node = n
	for _, p := range n.parents {
		c.parents = append(c.parents, w.get(p))
	}
	return nil
}

// markParentsUninteresting propagates UNINTERESTING through the parents
// known so far, as git's mark_parents_uninteresting does.
func (w *rangeWalk) markParentsUninteresting(c *simCommit) {
	stack := append([]*simCommit(nil), c.parents...)
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if p.flags&flagUninteresting != 0 {
			continue
		}
		p.flags |= flagUninteresting
		stack = append(stack, p.parents...)
	}
}

// processParents is git's process_parents(): uninteresting commits pass the
// flag on; interesting ones are simplified first and queue the parents left.
func (w *rangeWalk) processParents(c *simCommit) error {
	if c.flags&flagAdded != 0 {
		return nil
	}
	c.flags |= flagAdded
	if c.flags&flagUninteresting != 0 {
		for _, p := range c.parents {
			p.flags |= flagUninteresting
			if err := w.parse(p); err != nil {
				return err
			}
			w.markParentsUninteresting(p)
			w.enqueue(p)
		}
		return nil
	}
	if err := w.simplify(c); err != nil {
		return err
	}
	for _, p := range c.parents {
		if err := w.parse(p); err != nil {
			return err
		}
		w.enqueue(p)
	}
	return nil
}

func (w *rangeWalk) enqueue(c *simCommit) {
	if c.flags&flagSeen == 0 {
		c.flags |= flagSeen
		w.queue.push(c)
	}
}

// relevant is git's relevant_commit(): interesting, or the bottom itself.
func relevant(c *simCommit) bool {
	return c.flags&(flagUninteresting|flagBottom) != flagUninteresting
}

// simplify is git's try_to_simplify_commit() with the default
// simplification: a merge TREESAME to a relevant parent keeps only that
// parent.
func (w *rangeWalk) simplify(c *simCommit) error {
	if len(c.parents) == 0 {
		same, err := w.touches.treesame(w.query, c.node, nil)
		if same {
			c.flags |= flagTreesame
		}
		return err
	}
	relevantParents := 0
	relevantChange, irrelevantChange := false, false
	for _, p := range c.parents {
		rel := relevant(p)
		if rel {
			relevantParents++
		}
		if err := w.parse(p); err != nil {
			return err
		}
		same, err := w.touches.treesame(w.query, c.node, p.node)
		if err != nil {
			return err
		}
		switch {
		case same && rel:
			c.parents = []*simCommit{p}
			c.flags |= flagTreesame
			return nil
		case same:
		case rel:
			relevantChange = true
		default:
			irrelevantChange = true
		}
	}
	changed := irrelevantChange
	if relevantParents > 0 {
		changed = relevantChange
	}
	if changed {
		c.flags &^= flagTreesame
	} else {
		c.flags |= flagTreesame
	}
	return nil
}

// stillInteresting is git's still_interesting(): keep going while the queue
// holds interesting commits or dates out of order, then a few more.
func (w *rangeWalk) stillInteresting(date int64, left int, cached **simCommit) int {
	if w.queue.Len() == 0 {
		return 0
	}
	if date <= w.queue.peek().commitTime() {
		return slop
	}
	if c := *cached; c != nil && c.flags&flagUninteresting == 0 {
		return slop
	}
	for _, it := range w.queue.items {
		if it.v.flags&flagUninteresting == 0 {
			*cached = it.v
			return slop
		}
	}
	return left - 1
}

// blobPair is what a line count depends on: the entries at both ends and
// the path's diff attribute.
type blobPair struct {
	a, b treeEntry
	mode diffMode
}

// changedFile is a covered file that differs between a query's ends.
type changedFile struct {
	path string
	pair blobPair
}

// changedFiles lists the covered files that differ between two commits.
func (r *Repo) changedFiles(since, head plumbing.Hash, spec *Pathspec, attrs *attributes) ([]changedFile, error) {
	from, err := r.commit(since)
	if err != nil {
		return nil, err
	}
	to, err := r.commit(head)
	if err != nil {
		return nil, err
	}
	var files []changedFile
	err = r.diffTrees(from.tree, to.tree, "", spec, func(p string, a, b treeEntry) error {
		pair := blobPair{treeEntry{mode: a.mode, hash: a.hash}, treeEntry{mode: b.mode, hash: b.hash}, attrs.diffMode(p)}
		files = append(files, changedFile{p, pair})
		return nil
	})
	return files, err
}

// blobCounts counts the lines of every pair of blobs the queries
// changed, each pair once, as jobs: reading and diffing the blobs is about
// half the work of a drift check on a real history, and each pair is
// counted on its own. Once the jobs are done, counts gives the results.
type blobCounts struct {
	*jobs
	todo  []changedFile
	stats []PathStat
}

func (r *Repo) newBlobCounts(changed [][]changedFile) *blobCounts {
	c := &blobCounts{}
	seen := map[blobPair]bool{}
	for _, files := range changed {
		for _, f := range files {
			if !seen[f.pair] {
				seen[f.pair] = true
				c.todo = append(c.todo, f)
			}
		}
	}
	c.stats = make([]PathStat, len(c.todo))
	c.jobs = newJobs(len(c.todo), func(i int) error {
		var err error
		c.stats[i], err = r.lineStat(c.todo[i].pair)
		return reading(err, c.todo[i].path)
	})
	return c
}

func (c *blobCounts) counts() map[blobPair]PathStat {
	counts := make(map[blobPair]PathStat, len(c.todo))
	for i, f := range c.todo {
		counts[f.pair] = c.stats[i]
	}
	return counts
}

// pathStats gives each changed file its line counts, most lines changed
// first, then by path.
func pathStats(files []changedFile, counts map[blobPair]PathStat) []PathStat {
	stats := make([]PathStat, len(files))
	for i, f := range files {
		stats[i] = counts[f.pair]
		stats[i].Path = f.path
	}
	sort.Slice(stats, func(i, j int) bool {
		ci, cj := stats[i].Added+stats[i].Removed, stats[j].Added+stats[j].Removed
		if ci != cj {
			return ci > cj
		}
		return stats[i].Path < stats[j].Path
	})
	return stats
}

// lineStat counts the lines a pair of blobs adds and removes. A partial
// clone lacking one of them still counts the file as changed; only its
// lines are unknown.
func (r *Repo) lineStat(p blobPair) (PathStat, error) {
	st, err := r.countLines(p)
	var missing *MissingObjectError
	if errors.As(err, &missing) && missing.Partial {
		return PathStat{Unread: true}, nil
	}
	return st, err
}

func (r *Repo) countLines(p blobPair) (PathStat, error) {
	if p.mode == diffBinary {
		return PathStat{Binary: true}, nil
	}
	before, after, binary, err := r.blobTexts(p, min(smallDiffBytes, r.bigFile))
	if errors.Is(err, ErrTooLarge) {
		r.bigDiff.Lock()
		defer r.bigDiff.Unlock()
		before, after, binary, err = r.blobTexts(p, r.bigFile)
		if errors.Is(err, ErrTooLarge) {
			return PathStat{Binary: true}, nil
		}
	}
	if err != nil {
		return PathStat{}, err
	}
	if binary || p.mode == diffAuto && isBinary(after) {
		return PathStat{Binary: true}, nil
	}
	var st PathStat
	st.Added, st.Removed = lineCounts(before, after)
	return st, nil
}

// blobTexts reads the blobs of a pair of file entries, each of at most
// limit bytes. When the first is binary and the diff attribute leaves it
// to the content, binary is set and the second is not read: a big binary
// file costs one read, not two.
func (r *Repo) blobTexts(p blobPair, limit int64) (before, after []byte, binary bool, err error) {
	if before, err = r.blobText(p.a, limit); err != nil {
		return nil, nil, false, err
	}
	if p.mode == diffAuto && isBinary(before) {
		return nil, nil, true, nil
	}
	after, err = r.blobText(p.b, limit)
	return before, after, false, err
}

// blobText reads the blob of a file entry; absent entries read as nil. A
// submodule reads as the line git diffs in its place ("Subproject commit
// HASH"), so that moving it counts one line removed and one added, as in
// git diff --numstat.
func (r *Repo) blobText(e treeEntry, limit int64) ([]byte, error) {
	if e.hash.IsZero() {
		return nil, nil
	}
	if e.mode == filemode.Submodule {
		return []byte("Subproject commit " + e.hash.String() + "\n"), nil
	}
	return r.readObject(plumbing.BlobObject, e.hash, limit)
}

// isBinary uses git's heuristic: a NUL byte in the first 8000 bytes.
func isBinary(b []byte) bool {
	return bytes.IndexByte(b[:min(len(b), 8000)], 0) >= 0
}

func (c *simCommit) commitTime() int64 { return c.node.time }

func (c *simCommit) generation() int64 { return 0 }
