package commitgraph

import (
	"encoding/binary"
	"strings"

	"github.com/handover-dev/handover/lint/history/wildmatch"
)

// Filter is one commit's changed-path Bloom filter: the paths changed
// against its first parent and their leading directories. It points into
// the mapped file; it is valid until the Graph is closed.
type Filter struct {
	data      []byte
	version   uint32 // the layer's hash version
	numHashes uint32
}

// Bloom returns the filter of the commit at pos. It is false when the
// layer holding the commit has no filters (written without
// --changed-paths), when its filters use a hash version or number of
// hashes this package does not read, when the commit's filter was not
// computed (length 0: git commit-graph write --max-new-filters), when it is
// git's "too large" marker (one byte, all bits set: more than 512 changed
// paths and directories), or when its offsets are inconsistent (git warns
// and ignores those). A commit that changed nothing has a one-byte filter
// of zeros, which is returned: it contains nothing.
func (g *Graph) Bloom(pos Pos) (Filter, bool) {
	l, lex, ok := g.layerOf(pos)
	if !ok || l.bloomIndex == nil {
		return Filter{}, false
	}
	end := binary.BigEndian.Uint32(l.bloomIndex[uint64(lex)*4:])
	var start uint32
	if lex > 0 {
		start = binary.BigEndian.Uint32(l.bloomIndex[uint64(lex-1)*4:])
	}
	if start > end || uint64(end) > uint64(len(l.bloomData)) {
		return Filter{}, false
	}
	data := l.bloomData[start:end:end]
	if len(data) == 0 || len(data) == 1 && data[0] == 0xff {
		return Filter{}, false
	}
	return Filter{data: data, version: l.bloom.HashVersion, numHashes: l.bloom.NumHashes}, true
}

// Settings returns the Bloom filter parameters of the layer holding pos,
// from its BDAT header; false when that layer has no BDAT chunk.
func (g *Graph) Settings(pos Pos) (Settings, bool) {
	l, _, ok := g.layerOf(pos)
	if !ok || l.bloom == (Settings{}) {
		return Settings{}, false
	}
	return l.bloom, true
}

// Key is a path hashed once for every filter it will be tested against.
// It holds the two murmur3 hashes git's double hashing starts from (hash i
// is h0 + i*h1), for both hash versions, so one Key serves every layer
// whatever its number of hashes or version.
type Key struct {
	v1, v2 [2]uint32 // they differ when the path has a byte >= 0x80
}

// The seeds of git's bloom_key_fill.
const seed0, seed1 = 0x293ae76f, 0x7e646e2c

// NewKey hashes a path as git stores it in the filters: relative to the
// repository root, '/'-separated, without a leading or trailing slash.
func NewKey(path string) Key {
	return Key{
		v1: [2]uint32{murmur3(seed0, path, true), murmur3(seed1, path, true)},
		v2: [2]uint32{murmur3(seed0, path, false), murmur3(seed1, path, false)},
	}
}

// PathKeys returns the keys git tests for a literal pathspec: the path and
// every leading directory, longest first ("a/b/c": "a/b/c", "a/b", "a").
// One trailing slash is dropped, as git does; an empty path has no keys,
// and git then does not use the filters at all.
func PathKeys(path string) []Key {
	path = strings.TrimSuffix(path, "/")
	if path == "" {
		return nil
	}
	keys := []Key{NewKey(path)}
	for i := len(path) - 1; i > 0; i-- {
		if path[i] == '/' {
			keys = append(keys, NewKey(path[:i]))
		}
	}
	return keys
}

// GlobKeys returns the keys that answer for a covers glob (without its
// exclude magic, as lint/history's Pathspec keeps it): those of its
// literal leading directories, cut before the first wildcard (as
// wildmatch.LiteralLen finds it) and back to a slash, as git keys a
// pathspec's literal part ("src/api/**" and "src/api/*.go": "src/api" and
// "src"); a glob without wildcards is keyed whole ("docs", "go.mod").
// It returns nil when the glob starts with a wildcard ("**/*.md"): no
// filter answers for it, and a walk must diff. A file the glob selects
// has its literal directories as leading directories, so a filter that
// rules them out rules the glob out.
func GlobKeys(glob string) []Key {
	glob = strings.Trim(glob, "/")
	if i := wildmatch.LiteralLen(glob); i < len(glob) {
		glob = glob[:max(strings.LastIndexByte(glob[:i], '/'), 0)]
	}
	return PathKeys(glob)
}

// MayContain reports whether the path of k may have changed in the commit;
// false means it certainly did not (against the first parent).
//
// Version 1 filters were hashed with bytes read as C chars, which are
// signed on x86 and unsigned on ARM: a path with a byte >= 0x80 hashes
// differently depending on the machine that wrote the graph. For such a
// path both readings are tried, so no filter gives a false negative; git
// itself tries only its own machine's.
func (f Filter) MayContain(k Key) bool {
	if f.version == 1 {
		return f.contains(k.v1) || k.v1 != k.v2 && f.contains(k.v2)
	}
	return f.contains(k.v2)
}

// MayContainAll reports whether every key may be in the filter, as git's
// bloom_filter_contains_vec: with PathKeys, whether a path may have changed
// (its directories must be in the filter too). It is true for no keys.
func (f Filter) MayContainAll(keys []Key) bool {
	for _, k := range keys {
		if !f.MayContain(k) {
			return false
		}
	}
	return true
}

func (f Filter) contains(h [2]uint32) bool {
	bits := uint64(len(f.data)) * 8
	if bits == 0 {
		return true
	}
	for i := uint32(0); i < f.numHashes; i++ {
		bit := uint64(h[0]+i*h[1]) % bits
		if f.data[bit/8]&(1<<(bit%8)) == 0 {
			return false
		}
	}
	return true
}

// murmur3 is git's murmur3_seeded_v2, or with signed set murmur3_seeded_v1,
// which widens each byte as a signed char (bloom.c).
func murmur3(seed uint32, data string, signed bool) uint32 {
	const (
		c1 = 0xcc9e2d51
		c2 = 0x1b873593
		r1 = 15
		r2 = 13
		m  = 5
		n  = 0xe6546b64
	)
	widen := func(b byte) uint32 {
		if signed {
			return uint32(int32(int8(b)))
		}
		return uint32(b)
	}
	h := seed
	body := len(data) / 4 * 4
	for i := 0; i < body; i += 4 {
		k := widen(data[i]) | widen(data[i+1])<<8 | widen(data[i+2])<<16 | widen(data[i+3])<<24
		k *= c1
		k = k<<r1 | k>>(32-r1)
		k *= c2
		h ^= k
		h = (h<<r2|h>>(32-r2))*m + n
	}
	var k uint32
	switch len(data) - body {
	case 3:
		k ^= widen(data[body+2]) << 16
		fallthrough
	case 2:
		k ^= widen(data[body+1]) << 8
		fallthrough
	case 1:
		k ^= widen(data[body])
		k *= c1
		k = k<<r1 | k>>(32-r1)
		k *= c2
		h ^= k
	}
	h ^= uint32(len(data))
	h ^= h >> 16
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return h
}
