package history

// commitHeap orders commits newest first by committer time, with equal
// times in insertion order, like git's commit_list_insert_by_date. The walks
// depend on this order to agree with git. The merge-base walk orders by
// generation first, where git does (compare_commits_by_gen_then_commit_date);
// the others' commits all have generation 0.
type commitHeap[T interface {
	commitTime() int64
	generation() int64
}] struct {
	items []heapItem[T]
	seq   int
}

type heapItem[T any] struct {
	v   T
	seq int
}

func (n *commitNode) commitTime() int64 { return n.time }

func (n *commitNode) generation() int64 { return 0 }

func (q *commitHeap[T]) Len() int { return len(q.items) }

func (q *commitHeap[T]) less(i, j int) bool {
	a, b := q.items[i], q.items[j]
	if ga, gb := a.v.generation(), b.v.generation(); ga != gb {
		return ga > gb
	}
	if ta, tb := a.v.commitTime(), b.v.commitTime(); ta != tb {
		return ta > tb
	}
	return a.seq < b.seq
}

func (q *commitHeap[T]) push(v T) {
	q.seq++
	q.items = append(q.items, heapItem[T]{v, q.seq})
	for i := len(q.items) - 1; i > 0; {
		parent := (i - 1) / 2
		if !q.less(i, parent) {
			break
		}
		q.items[i], q.items[parent] = q.items[parent], q.items[i]
		i = parent
	}
}

func (q *commitHeap[T]) peek() T { return q.items[0].v }

func (q *commitHeap[T]) pop() T {
	top := q.items[0].v
	last := len(q.items) - 1
	q.items[0] = q.items[last]
	q.items = q.items[:last]
	for i := 0; ; {
		l, r, min := 2*i+1, 2*i+2, i
		if l < last && q.less(l, min) {
			min = l
		}
		if r < last && q.less(r, min) {
			min = r
		}
		if min == i {
			break
		}
		q.items[i], q.items[min] = q.items[min], q.items[i]
		i = min
	}
	return top
}
