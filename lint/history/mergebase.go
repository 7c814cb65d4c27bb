package history

import (
	"math"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"
)

// The marks of git's merge-base walk (commit-reach.c).
const (
	parent1 uint8 = 1 << iota // reached from the first commit
	parent2                   // reached from the others
	stale                     // below a merge base already found
	found                     // a merge base candidate (RESULT)
)

// mergeWalk finds merge bases as git's get_merge_bases does, in its
// order: its result is what git merge-base prints, the first of them what
// git diff A...B measures from.
type mergeWalk struct {
	repo  *Repo
	marks map[plumbing.Hash]uint8
	// queued counts each commit's entries in the queue (a commit is queued
	// again when it gains marks), and nonStale the entries of commits
	// not marked stale: git scans its whole queue for one after each
	// step, which this count spares.
	queued   map[plumbing.Hash]int
	nonStale int
	// corrected is set when the commit-graph has corrected commit dates:
	// git's walk then orders commits by them first, then by date.
	corrected bool
}

// mbCommit is a commit in the merge-base walk's queue.
type mbCommit struct {
	*commitNode
	gen int64
}

func (c *mbCommit) generation() int64 { return c.gen }

func (r *Repo) newMergeWalk() *mergeWalk {
	g := r.commitGraph()
	return &mergeWalk{repo: r, marks: map[plumbing.Hash]uint8{}, queued: map[plumbing.Hash]int{}, corrected: g != nil && g.HasCorrectedDates()}
}

// commit loads a commit for the walk, with the generation git's queue
// orders it by: its corrected commit date when the graph has them
// (infinity for a commit the graph lacks), else none.
func (w *mergeWalk) commit(h plumbing.Hash) (*mbCommit, error) {
	n, err := w.repo.commit(h)
	if err != nil {
		return nil, err
	}
	c := &mbCommit{commitNode: n}
	if w.corrected {
		c.gen = math.MaxInt64
		if n.inGraph {
			if gc, err := w.repo.commitGraph().Commit(n.pos); err == nil {
				c.gen = gc.CorrectedDate
			}
		}
	}
	return c, nil
}

// mergeBases returns the merge bases of one and two, newest first, as
// git's get_merge_bases(one, two).
func (r *Repo) mergeBases(one, two plumbing.Hash) ([]*commitNode, error) {
	if one == two {
		n, err := r.commit(one)
		return []*commitNode{n}, err
	}
	w := r.newMergeWalk()
	o, err := w.commit(one)
	if err != nil {
		return nil, err
	}
	t, err := w.commit(two)
	if err != nil {
		return nil, err
	}
	candidates, err := w.paint(o, []*mbCommit{t})
	if err != nil {
		return nil, err
	}
	// The candidates come by date; git sorts them by date again after
	// dropping the stale ones and the redundant ones, which keeps that
	// order.
	bases := slices.DeleteFunc(candidates, func(c *mbCommit) bool { return w.marks[c.hash]&stale != 0 })
	if len(bases) > 1 {
		if bases, err = r.removeRedundant(bases); err != nil {
			return nil, err
		}
	}
	out := make([]*commitNode, len(bases))
	for i, c := range bases {
		out[i] = c.commitNode
	}
	return out, nil
}

// paint is git's paint_down_to_common: it walks down from one and twos in
// git's queue order, marking each commit with the sides that reach it.
// A commit both sides reach is a candidate, and what lies below it is
// stale; the walk ends when only stale commits are queued. It returns
// the candidates by date, in the order met among equal dates.
func (w *mergeWalk) paint(one *mbCommit, twos []*mbCommit) ([]*mbCommit, error) {
	queue := &commitHeap[*mbCommit]{}
	w.mark(one, parent1, queue)
	for _, t := range twos {
		w.mark(t, parent2, queue)
	}
	var candidates []*mbCommit
	for w.nonStale > 0 {
		c := queue.pop()
		w.queued[c.hash]--
		if w.marks[c.hash]&stale == 0 {
			w.nonStale--
		}
		flags := w.marks[c.hash] & (parent1 | parent2 | stale)
		if flags == parent1|parent2 {
			if w.marks[c.hash]&found == 0 {
				w.marks[c.hash] |= found
				candidates = insertByDate(candidates, c)
			}
			flags |= stale
		}
		for _, ph := range c.parents {
			if w.marks[ph]&flags == flags {
				continue
			}
			p, err := w.commit(ph)
			if err != nil {
				return nil, err
			}
			w.mark(p, flags, queue)
		}
	}
	return candidates, nil
}

// mark adds flags to c's marks and queues it, keeping the count of
// queued entries that are not stale.
func (w *mergeWalk) mark(c *mbCommit, flags uint8, q *commitHeap[*mbCommit]) {
	if w.marks[c.hash]&stale == 0 && flags&stale != 0 {
		w.nonStale -= w.queued[c.hash]
	}
	w.marks[c.hash] |= flags
	q.push(c)
	w.queued[c.hash]++
	if w.marks[c.hash]&stale == 0 {
		w.nonStale++
	}
}

// removeRedundant drops every candidate that another one reaches, keeping
// the order of the rest, as git's remove_redundant: for each, a fresh
// walk from it and the others tells which reach which.
func (r *Repo) removeRedundant(cs []*mbCommit) ([]*mbCommit, error) {
	redundant := make([]bool, len(cs))
	for i := range cs {
		if redundant[i] {
			continue
		}
		var others []*mbCommit
		var index []int
		for j := range cs {
			if j != i && !redundant[j] {
				others = append(others, cs[j])
				index = append(index, j)
			}
		}
		w := r.newMergeWalk()
		if _, err := w.paint(cs[i], others); err != nil {
			return nil, err
		}
		if w.marks[cs[i].hash]&parent2 != 0 {
			redundant[i] = true
		}
		for k, j := range index {
			if w.marks[others[k].hash]&parent1 != 0 {
				redundant[j] = true
			}
		}
	}
	var kept []*mbCommit
	for i, c := range cs {
		if !redundant[i] {
			kept = append(kept, c)
		}
	}
	return kept, nil
}

// insertByDate inserts c after every commit at least as new, as git's
// commit_list_insert_by_date.
func insertByDate(list []*mbCommit, c *mbCommit) []*mbCommit {
	i := 0
	for i < len(list) && list[i].time >= c.time {
		i++
	}
	list = append(list, nil)
	copy(list[i+1:], list[i:])
	list[i] = c
	return list
}
