package history

import (
	"runtime"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// TestCommitCacheHoldsItsBound fills a commit cache bounded at 1 MiB to the
// brim (both generations full, the next commit would drop the old one) and
// checks what it keeps on the heap: the bound is in real bytes only if
// commitBytes counts what a cached commit costs (its node, its parents, its
// map entry). Counting the node and its parents alone let the cache hold
// twice its bound.
func TestCommitCacheHoldsItsBound(t *testing.T) {
	const bound = 1 << 20
	for _, parents := range []int{1, 2} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		c := newCache[*commitNode](bound)
		perGeneration := bound / 2 / commitBytes(&commitNode{parents: make([]plumbing.Hash, parents)})
		for i := range 2 * perGeneration {
			var h plumbing.Hash
			h[0], h[1], h[2] = byte(i), byte(i>>8), byte(i>>16)
			n := &commitNode{hash: h, parents: make([]plumbing.Hash, parents)}
			c.put(h, n, commitBytes(n))
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		held := int(after.HeapAlloc) - int(before.HeapAlloc)
		runtime.KeepAlive(c)
		// A map grows by doubling, so its share per entry varies with the
		// count; a quarter either side of the bound is the slack.
		t.Logf("%d parents: %d commits in %d KiB", parents, 2*perGeneration, held>>10)
		if held > bound*5/4 {
			t.Errorf("with %d parents the cache holds %d KiB, want at most %d KiB (its bound and a quarter)", parents, held>>10, bound*5/4>>10)
		}
		if held < bound*3/4 {
			t.Errorf("with %d parents the cache holds %d KiB, want at least %d KiB: commitBytes overcounts", parents, held>>10, bound*3/4>>10)
		}
	}
}

// TestScaledBounds: a cache's bound is its limit for a history of
// fullObjects objects or more, in proportion below, never under its floor,
// whatever count the indexes claim (fanout tables of hostile indexes sum
// to billions).
func TestScaledBounds(t *testing.T) {
	const limit, floor = 4 << 20, 1 << 20
	for _, c := range []struct{ objects, want int }{
		{0, floor},
		{-1, floor},
		{fullObjects / 8, floor},
		{fullObjects / 2, limit / 2},
		{fullObjects * 3 / 4, limit * 3 / 4},
		{fullObjects, limit},
		{1 << 40, limit},
	} {
		if got := scaled(limit, floor, c.objects); got != c.want {
			t.Errorf("scaled(%d, %d, %d) = %d, want %d", limit, floor, c.objects, got, c.want)
		}
	}
}
