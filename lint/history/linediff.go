package history

import (
	"bytes"
	"hash/maphash"
	"slices"
	"sync"
)

// lineCounts counts the lines added and removed between two texts as
// `git diff --numstat` does. Two texts have many minimal diffs and git does
// not always find a minimal one: its xdiff (xdiff/xprepare.c, xdiffi.c)
// first sets aside lines without a match on the other side, and lines with
// very many matches when they sit among such lines, then runs Myers's
// divide and conquer with heuristics that give up on an expensive search.
// The counts depend on all of that, so this is a port of those steps, with
// git's constants; the hunk compaction that follows moves changes around
// but does not change their number, and is left out.
func lineCounts(a, b []byte) (added, removed int) {
	// A file added or deleted (or emptied, or filled) is all one side.
	if len(a) == 0 || len(b) == 0 {
		return countLines(b), countLines(a)
	}
	d := lineDiffs.Get().(*lineDiff)
	defer lineDiffs.Put(d)
	d.prepare(a, b)
	d.run()
	for _, c := range d.changed[0] {
		if c {
			removed++
		}
	}
	for _, c := range d.changed[1] {
		if c {
			added++
		}
	}
	// The pool keeps the diff's memory, not the blobs.
	d.table.a, d.table.b = nil, nil
	return added, removed
}

// lineDiffs keeps the memory of a diff for the next: a drift check counts
// hundreds of files on a few goroutines, and allocating it anew for each
// was a quarter of what a check of hugo allocated.
var lineDiffs = sync.Pool{New: func() any { return new(lineDiff) }}

// reuse returns s with length n, reusing its array when it is big enough.
// The elements are not cleared.
func reuse[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// The constants of xdiff/xdiffi.h and xprepare.c.
const (
	xdlMaxCostMin   = 256
	xdlHeurMinCost  = 256
	xdlSnakeCnt     = 20
	xdlKHeur        = 4
	xdlMaxEqLimit   = 1024
	xdlSimscanWin   = 100
	xdlKPDisRun     = 4
	xdlLineMax      = int(^uint(0) >> 1)
	discardNoMatch  = 0
	keepMatch       = 1
	discardMultiple = 2
)

type lineDiff struct {
	table   lineTable // holds the two texts while they are diffed
	recs    [2][]int  // every line's class: equal lines, equal classes
	changed [2][]bool // by line
	// ha and index are the lines left for the Myers search: their classes
	// and their line numbers.
	ha, index [2][]int
	dis       []byte // cleanup's verdict on each line of one side
	kvdf      []int
	kvdb      []int
	koff      int // index of diagonal 0 in kvdf and kvdb
	mxcost    int
}

// prepare classifies the lines of a and b and sets aside those that need
// no search.
func (d *lineDiff) prepare(a, b []byte) {
	n := [2]int{countLines(a), countLines(b)}
	t := &d.table
	t.reset(a, b, n[0]+n[1])
	for side, text := range [2][]byte{a, b} {
		recs := d.recs[side][:0]
		at := 0
		if side == 1 {
			at = len(a)
		}
		for len(text) > 0 {
			line := text
			if i := bytes.IndexByte(text, '\n'); i >= 0 {
				line = text[:i+1]
			}
			text = text[len(line):]
			c := t.class(line, at)
			at += len(line)
			t.counts[c][side]++
			recs = append(recs, c)
		}
		d.recs[side] = recs
		d.changed[side] = reuse(d.changed[side], len(recs))
		clear(d.changed[side])
	}
	d.cleanup(t.counts)
}

// countLines counts the lines of text, the last one with or without its
// newline.
func countLines(text []byte) int {
	n := bytes.Count(text, []byte{'\n'})
	if len(text) > 0 && text[len(text)-1] != '\n' {
		n++
	}
	return n
}

// lineTable gives equal lines equal classes, numbered from 0 in the order
// they first appear, and counts each class's lines on either side. It is
// an open-addressed table of classes by the lines' hashes (xdiff's
// xdlclassifier_t does the same): a Go map of strings would copy every
// line, and was a fifth of a check of hugo.
type lineTable struct {
	seed    maphash.Seed
	a, b    []byte
	slots   []int32 // a class plus one; 0 is empty
	classes []lineClass
	counts  [][2]int // lines of the class in a and in b
}

// lineClass is where the first line of a class is: offsets in a, then
// in b after len(a). Offsets rather than slices keep the table free of
// pointers, so the garbage collector does not scan it.
type lineClass struct {
	hash       uint64
	start, end int32
}

// reset empties the table for the n lines of a and b, and makes it at most
// half full.
func (t *lineTable) reset(a, b []byte, n int) {
	if t.slots == nil {
		t.seed = maphash.MakeSeed()
	}
	size := 16
	for size < 2*n {
		size <<= 1
	}
	t.a, t.b = a, b
	t.slots = reuse(t.slots, size)
	clear(t.slots)
	// Two versions of a file share most lines: about n/2 classes.
	t.classes = slices.Grow(t.classes[:0], n/2+1)
	t.counts = slices.Grow(t.counts[:0], n/2+1)
}

// line is the text of the line at offset start: in a, or in b after len(a).
func (t *lineTable) line(c lineClass) []byte {
	if int(c.start) < len(t.a) {
		return t.a[c.start:c.end]
	}
	return t.b[int(c.start)-len(t.a) : int(c.end)-len(t.a)]
}

// class returns the class of line, which is at offset at.
func (t *lineTable) class(line []byte, at int) int {
	h := maphash.Bytes(t.seed, line)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		c := int(t.slots[i]) - 1
		if c < 0 {
			c = len(t.classes)
			t.slots[i] = int32(c + 1)
			t.classes = append(t.classes, lineClass{h, int32(at), int32(at + len(line))})
			t.counts = append(t.counts, [2]int{})
			return c
		}
		if t.classes[c].hash == h && bytes.Equal(t.line(t.classes[c]), line) {
			return c
		}
	}
}

// cleanup is xdl_trim_ends and xdl_cleanup_records: the common head and
// tail are left alone; of the lines between, those without a match are
// changed, and so are those with many matches that sit in a run of such
// lines; the rest go to the search.
func (d *lineDiff) cleanup(counts [][2]int) {
	r1, r2 := d.recs[0], d.recs[1]
	start := 0
	for start < min(len(r1), len(r2)) && r1[start] == r2[start] {
		start++
	}
	tail := 0
	for tail < min(len(r1), len(r2))-start && r1[len(r1)-1-tail] == r2[len(r2)-1-tail] {
		tail++
	}
	for side := range 2 {
		recs, other := d.recs[side], 1-side
		end := len(recs) - tail - 1
		mlim := min(bogosqrt(len(recs)), xdlMaxEqLimit)
		d.dis = reuse(d.dis, len(recs)+1)
		dis := d.dis
		clear(dis)
		d.index[side] = slices.Grow(d.index[side][:0], max(end-start+1, 0))
		d.ha[side] = slices.Grow(d.ha[side][:0], max(end-start+1, 0))
		for i := start; i <= end; i++ {
			switch nm := counts[recs[i]][other]; {
			case nm == 0:
				dis[i] = discardNoMatch
			case nm >= mlim:
				dis[i] = discardMultiple
			default:
				dis[i] = keepMatch
			}
		}
		for i := start; i <= end; i++ {
			if dis[i] == keepMatch || dis[i] == discardMultiple && !cleanMatch(dis, i, start, end) {
				d.index[side] = append(d.index[side], i)
				d.ha[side] = append(d.ha[side], recs[i])
			} else {
				d.changed[side][i] = true
			}
		}
	}
}

// bogosqrt is xdl_bogosqrt: a power of two near the square root.
func bogosqrt(n int) int {
	i := 1
	for ; n > 0; n >>= 2 {
		i <<= 1
	}
	return i
}

// cleanMatch is xdl_clean_mmatch: whether the line i, which has many
// matches, sits among lines without one, so that it is better discarded.
func cleanMatch(dis []byte, i, s, e int) bool {
	s = max(s, i-xdlSimscanWin)
	e = min(e, i+xdlSimscanWin)
	rdis0, rpdis0 := 0, 1
	for r := 1; i-r >= s; r++ {
		if dis[i-r] == discardNoMatch {
			rdis0++
		} else if dis[i-r] == discardMultiple {
			rpdis0++
		} else {
			break
		}
	}
	if rdis0 == 0 {
		return false
	}
	rdis1, rpdis1 := 0, 1
	for r := 1; i+r <= e; r++ {
		if dis[i+r] == discardNoMatch {
			rdis1++
		} else if dis[i+r] == discardMultiple {
			rpdis1++
		} else {
			break
		}
	}
	if rdis1 == 0 {
		return false
	}
	rdis1 += rdis0
	rpdis1 += rpdis0
	return rpdis1*xdlKPDisRun < rpdis1+rdis1
}

// run is xdl_do_diff for the default algorithm.
func (d *lineDiff) run() {
	n1, n2 := len(d.ha[0]), len(d.ha[1])
	ndiags := n1 + n2 + 3
	// Like xdiff's, the arrays are not cleared: the search writes each
	// diagonal before it reads it.
	d.kvdf, d.kvdb = reuse(d.kvdf, ndiags), reuse(d.kvdb, ndiags)
	d.koff = n2 + 1
	d.mxcost = max(bogosqrt(ndiags), xdlMaxCostMin)
	d.compare(0, n1, 0, n2, false)
}

// compare is xdl_recs_cmp: it marks the changed lines of one box.
func (d *lineDiff) compare(off1, lim1, off2, lim2 int, needMin bool) {
	ha1, ha2 := d.ha[0], d.ha[1]
	for off1 < lim1 && off2 < lim2 && ha1[off1] == ha2[off2] {
		off1++
		off2++
	}
	for off1 < lim1 && off2 < lim2 && ha1[lim1-1] == ha2[lim2-1] {
		lim1--
		lim2--
	}
	switch {
	case off1 == lim1:
		for ; off2 < lim2; off2++ {
			d.changed[1][d.index[1][off2]] = true
		}
	case off2 == lim2:
		for ; off1 < lim1; off1++ {
			d.changed[0][d.index[0][off1]] = true
		}
	default:
		i1, i2, minLo, minHi := d.split(off1, lim1, off2, lim2, needMin)
		d.compare(off1, i1, off2, i2, minLo)
		d.compare(i1, lim1, i2, lim2, minHi)
	}
}

// split is xdl_split: the middle snake of the box, or, when the search
// gets expensive, a good enough split point found by git's heuristics.
func (d *lineDiff) split(off1, lim1, off2, lim2 int, needMin bool) (i1, i2 int, minLo, minHi bool) {
	ha1, ha2 := d.ha[0], d.ha[1]
	kvdf, kvdb, o := d.kvdf, d.kvdb, d.koff
	dmin, dmax := off1-lim2, lim1-off2
	fmid, bmid := off1-off2, lim1-lim2
	odd := (fmid-bmid)&1 != 0
	fmin, fmax, bmin, bmax := fmid, fmid, bmid, bmid
	kvdf[o+fmid] = off1
	kvdb[o+bmid] = lim1
	for ec := 1; ; ec++ {
		gotSnake := false
		if fmin > dmin {
			fmin--
			kvdf[o+fmin-1] = -1
		} else {
			fmin++
		}
		if fmax < dmax {
			fmax++
			kvdf[o+fmax+1] = -1
		} else {
			fmax--
		}
		for k := fmax; k >= fmin; k -= 2 {
			if kvdf[o+k-1] >= kvdf[o+k+1] {
				i1 = kvdf[o+k-1] + 1
			} else {
				i1 = kvdf[o+k+1]
			}
			prev := i1
			i2 = i1 - k
			for i1 < lim1 && i2 < lim2 && ha1[i1] == ha2[i2] {
				i1++
				i2++
			}
			if i1-prev > xdlSnakeCnt {
				gotSnake = true
			}
			kvdf[o+k] = i1
			if odd && bmin <= k && k <= bmax && kvdb[o+k] <= i1 {
				return i1, i2, true, true
			}
		}
		if bmin > dmin {
			bmin--
			kvdb[o+bmin-1] = xdlLineMax
		} else {
			bmin++
		}
		if bmax < dmax {
			bmax++
			kvdb[o+bmax+1] = xdlLineMax
		} else {
			bmax--
		}
		for k := bmax; k >= bmin; k -= 2 {
			if kvdb[o+k-1] < kvdb[o+k+1] {
				i1 = kvdb[o+k-1]
			} else {
				i1 = kvdb[o+k+1] - 1
			}
			prev := i1
			i2 = i1 - k
			for i1 > off1 && i2 > off2 && ha1[i1-1] == ha2[i2-1] {
				i1--
				i2--
			}
			if prev-i1 > xdlSnakeCnt {
				gotSnake = true
			}
			kvdb[o+k] = i1
			if !odd && fmin <= k && k <= fmax && i1 <= kvdf[o+k] {
				return i1, i2, true, true
			}
		}
		if needMin {
			continue
		}
		if gotSnake && ec > xdlHeurMinCost {
			if i1, i2, ok := d.goodSnake(off1, lim1, off2, lim2, kvdf, fmin, fmax, fmid, ec, true); ok {
				return i1, i2, true, false
			}
			if i1, i2, ok := d.goodSnake(off1, lim1, off2, lim2, kvdb, bmin, bmax, bmid, ec, false); ok {
				return i1, i2, false, true
			}
		}
		if ec >= d.mxcost {
			return d.furthest(off1, lim1, off2, lim2, fmin, fmax, bmin, bmax)
		}
	}
}

// goodSnake looks for a path, forward (kv is kvdf) or backward (kvdb),
// that got far from its corner of the box and ends in a snake of
// xdlSnakeCnt matching lines, as the heuristic of xdl_split does.
func (d *lineDiff) goodSnake(off1, lim1, off2, lim2 int, kv []int, kmin, kmax, mid, ec int, forward bool) (s1, s2 int, ok bool) {
	best := 0
	for k := kmax; k >= kmin; k -= 2 {
		i1 := kv[d.koff+k]
		i2 := i1 - k
		var v, from1, from2 int
		var inside bool
		if forward {
			v = (i1 - off1) + (i2 - off2)
			inside = off1+xdlSnakeCnt <= i1 && i1 < lim1 && off2+xdlSnakeCnt <= i2 && i2 < lim2
			from1, from2 = i1-xdlSnakeCnt, i2-xdlSnakeCnt
		} else {
			v = (lim1 - i1) + (lim2 - i2)
			inside = off1 < i1 && i1 <= lim1-xdlSnakeCnt && off2 < i2 && i2 <= lim2-xdlSnakeCnt
			from1, from2 = i1, i2
		}
		v -= max(k-mid, mid-k)
		if v > xdlKHeur*ec && v > best && inside &&
			slices.Equal(d.ha[0][from1:from1+xdlSnakeCnt], d.ha[1][from2:from2+xdlSnakeCnt]) {
			best, s1, s2 = v, i1, i2
		}
	}
	return s1, s2, best > 0
}

// furthest gives up on a minimal diff: it splits at the furthest reaching
// forward or backward path.
func (d *lineDiff) furthest(off1, lim1, off2, lim2, fmin, fmax, bmin, bmax int) (i1, i2 int, minLo, minHi bool) {
	o := d.koff
	fbest, fbest1 := -1, -1
	for k := fmax; k >= fmin; k -= 2 {
		i1 := min(d.kvdf[o+k], lim1)
		i2 := i1 - k
		if lim2 < i2 {
			i1, i2 = lim2+k, lim2
		}
		if fbest < i1+i2 {
			fbest, fbest1 = i1+i2, i1
		}
	}
	bbest, bbest1 := xdlLineMax, xdlLineMax
	for k := bmax; k >= bmin; k -= 2 {
		i1 := max(off1, d.kvdb[o+k])
		i2 := i1 - k
		if i2 < off2 {
			i1, i2 = off2+k, off2
		}
		if i1+i2 < bbest {
			bbest, bbest1 = i1+i2, i1
		}
	}
	if (lim1+lim2)-bbest < fbest-(off1+off2) {
		return fbest1, fbest - fbest1, true, false
	}
	return bbest1, bbest - bbest1, false, true
}
