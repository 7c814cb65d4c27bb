package commitgraph

import (
	"slices"
	"testing"
)

// The vectors of git's t/t0095-bloom.sh (test-tool bloom get_murmur3 uses
// version 2).
func TestMurmur3(t *testing.T) {
	tests := []struct {
		in   string
		want uint32
	}{
		{"", 0x00000000},
		{"Hello world!", 0x627b0c2c},
		{"The quick brown fox jumps over the lazy dog", 0x2e4ff723},
		{"\x99\xaa\xbb\xcc\xdd\xee\xff", 0xa183ccfd}, // get_murmur3_seven_highbit
	}
	for _, tt := range tests {
		if got := murmur3(0, tt.in, false); got != tt.want {
			t.Errorf("murmur3 v2 of %q = %#08x, want %#08x", tt.in, got, tt.want)
		}
		// Version 1 differs exactly when a byte is >= 0x80.
		highBit := slices.ContainsFunc([]byte(tt.in), func(b byte) bool { return b >= 0x80 })
		if v1 := murmur3(0, tt.in, true); (v1 != tt.want) != highBit {
			t.Errorf("murmur3 v1 of %q = %#08x, v2 %#08x: they should differ only for bytes >= 0x80", tt.in, v1, tt.want)
		}
	}
}

// The keys and one-key filters of t0095-bloom.sh (default settings: 7
// hashes, 10 bits per entry, so two bytes), and t4216-log-bloom.sh's
// version 2 filter of the path "¢".
func TestKeysAndFilters(t *testing.T) {
	tests := []struct {
		path    string
		version uint32
		hashes  []uint32
		filter  []byte
	}{
		{"", 1, []uint32{0x5615800c, 0x5b966560, 0x61174ab4, 0x66983008, 0x6c19155c, 0x7199fab0, 0x771ae004}, []byte{0x11, 0x11}},
		{" ", 1, []uint32{0xf178874c, 0x5f3d6eb6, 0xcd025620, 0x3ac73d8a, 0xa88c24f4, 0x16510c5e, 0x8415f3c8}, []byte{0x51, 0x55}},
		{"Hello world!", 1, []uint32{0xb270de9b, 0x1bb6f26e, 0x84fd0641, 0xee431a14, 0x57892de7, 0xc0cf41ba, 0x2a15558d}, []byte{0x92, 0x6c}},
		{"file.txt", 1, []uint32{0x20ab385b, 0xf5237fe2, 0xc99bc769, 0x9e140ef0, 0x728c5677, 0x47049dfe, 0x1b7ce585}, []byte{0xa5, 0x4a}},
		{"\xc2\xa2", 2, nil, []byte{0xc0, 0x1f}},
	}
	for _, tt := range tests {
		k := NewKey(tt.path)
		if tt.hashes != nil {
			if got := keyHashes(k, tt.version, 7); !slices.Equal(got, tt.hashes) {
				t.Errorf("hashes of %q = %x, want %x", tt.path, got, tt.hashes)
			}
		}
		f := Filter{data: make([]byte, 2), version: tt.version, numHashes: 7}
		addKey(f, k)
		if !slices.Equal(f.data, tt.filter) {
			t.Errorf("filter of %q = %x, want %x", tt.path, f.data, tt.filter)
		}
		if !f.MayContain(k) || !f.MayContainAll([]Key{k}) {
			t.Errorf("the filter of %q does not contain it", tt.path)
		}
	}
	// The same path in a version 1 filter sets other bits: the bug
	// version 2 fixes.
	v1 := Filter{data: make([]byte, 2), version: 1, numHashes: 7}
	addKey(v1, NewKey("\xc2\xa2"))
	if slices.Equal(v1.data, []byte{0xc0, 0x1f}) {
		t.Errorf("version 1 filter of \"\\xc2\\xa2\" = %x, the same as version 2", v1.data)
	}
}

// keyHashes are the bit positions before the modulo: git's
// bloom_key_fill.
func keyHashes(k Key, version, n uint32) []uint32 {
	h := k.v2
	if version == 1 {
		h = k.v1
	}
	hashes := make([]uint32, n)
	for i := range hashes {
		hashes[i] = h[0] + uint32(i)*h[1]
	}
	return hashes
}

// addKey sets the key's bits, as git's add_key_to_filter.
func addKey(f Filter, k Key) {
	bits := uint64(len(f.data)) * 8
	for _, h := range keyHashes(k, f.version, f.numHashes) {
		bit := uint64(h) % bits
		f.data[bit/8] |= 1 << (bit % 8)
	}
}

// PathKeys keys a path and its leading directories; GlobKeys a glob's
// literal leading directories.
func TestPathKeysAndGlobKeys(t *testing.T) {
	keyers := map[string]func(string) []Key{"PathKeys": PathKeys, "GlobKeys": GlobKeys}
	tests := []struct {
		keyer, in string
		want      []string
	}{
		{"PathKeys", "a/b/c", []string{"a/b/c", "a/b", "a"}},
		{"PathKeys", "src/", []string{"src"}},
		{"PathKeys", "README.md", []string{"README.md"}},
		{"PathKeys", "日本/ファイル.txt", []string{"日本/ファイル.txt", "日本"}},
		{"PathKeys", "", nil},
		{"PathKeys", "/", nil},
		{"GlobKeys", "docs", []string{"docs"}},
		{"GlobKeys", "go.mod", []string{"go.mod"}},
		{"GlobKeys", "src/api/**", []string{"src/api", "src"}},
		{"GlobKeys", "src/api/*.go", []string{"src/api", "src"}},
		{"GlobKeys", "src/a*/x", []string{"src"}},
		{"GlobKeys", "/infra/", []string{"infra"}},
		{"GlobKeys", "infra/{a,b}/x", []string{"infra/{a,b}/x", "infra/{a,b}", "infra"}}, // braces are plain bytes to git
		{"GlobKeys", `src/\*x`, []string{"src"}},
		{"GlobKeys", "a/b?/c", []string{"a"}},
		{"GlobKeys", "**/*.md", nil},
		{"GlobKeys", "*.go", nil},
		{"GlobKeys", "[ab]/x", nil},
	}
	for _, tt := range tests {
		var want []Key
		for _, p := range tt.want {
			want = append(want, NewKey(p))
		}
		if got := keyers[tt.keyer](tt.in); !slices.Equal(got, want) {
			t.Errorf("%s(%q) has %d keys, want those of %q", tt.keyer, tt.in, len(got), tt.want)
		}
	}
}

// A path's directories must all be in the filter: a filter holding
// "a/b/c" but not "a" cannot be about a commit that changed "a/b/c".
func TestMayContainAll(t *testing.T) {
	f := Filter{data: make([]byte, 8), version: 2, numHashes: 7}
	addKey(f, NewKey("a/b/c"))
	if !f.MayContain(NewKey("a/b/c")) {
		t.Fatal("the filter lost its key")
	}
	if f.MayContainAll(PathKeys("a/b/c")) {
		t.Errorf("MayContainAll(PathKeys(a/b/c)) is true without a/b and a in the filter")
	}
	addKey(f, NewKey("a/b"))
	addKey(f, NewKey("a"))
	if !f.MayContainAll(PathKeys("a/b/c")) {
		t.Errorf("MayContainAll(PathKeys(a/b/c)) is false with all three in the filter")
	}
	if !(Filter{}).MayContain(NewKey("x")) {
		t.Errorf("the zero Filter says certainly not; it knows nothing")
	}
}

// A version 1 filter written where C chars are unsigned (ARM) holds the
// version 2 hashes of high-bit paths: MayContain must find them too.
func TestVersion1Unsigned(t *testing.T) {
	for _, path := range []string{"\xc2\xa2", "doc/ünïcödé.md", "€"} {
		arm := Filter{data: make([]byte, 4), version: 1, numHashes: 7}
		addKey(Filter{data: arm.data, version: 2, numHashes: 7}, NewKey(path))
		if !arm.MayContain(NewKey(path)) {
			t.Errorf("a version 1 filter of %q hashed with unsigned chars does not contain it", path)
		}
	}
}
