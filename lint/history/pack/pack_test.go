package pack

import (
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/handover-dev/handover/internal/gittest"
)

// packings store the objects of a repository made by buildRepo the ways
// git does, and say which kinds of entries the result must hold, so that
// each case is known to test what it names.
var packings = []struct {
	name string
	pack func(t *testing.T, dir string)
	// want lists the entry types the packs must hold, none lists those they
	// must not.
	want, none []Type
	large      bool // the index has large offsets
	v1         bool // the index is of version 1
}{{
	name: "one pack, deltas against offsets",
	pack: func(t *testing.T, dir string) {
		git(t, dir, "", "repack", "-adfq", "--depth=50", "--window=250")
	},
	want: []Type{Commit, Tree, Blob, Tag, ofsDelta}, none: []Type{refDelta},
}, {
	name: "one pack, deltas against ids",
	pack: func(t *testing.T, dir string) {
		git(t, dir, "", "-c", "repack.useDeltaBaseOffset=false", "repack", "-adfq", "--depth=50", "--window=250")
	},
	want: []Type{refDelta}, none: []Type{ofsDelta},
}, {
	name: "large offsets (index-pack --index-version=2,16)",
	pack: reindex("2,16"),
	want: []Type{ofsDelta}, large: true,
}, {
	name: "version 1 index (index-pack --index-version=1)",
	pack: reindex("1"),
	want: []Type{ofsDelta}, v1: true,
}, {
	name: "three packs, and an index without its pack",
	pack: func(t *testing.T, dir string) {
		git(t, dir, "main~40\n", "pack-objects", "-q", "--revs", "objects/pack/pack")
		git(t, dir, "main~10\n^main~40\n", "-c", "pack.depth=3", "pack-objects", "-q", "--revs", "objects/pack/pack")
		git(t, dir, "--not\nmain~10\n", "pack-objects", "-q", "--revs", "--all", "objects/pack/pack")
		git(t, dir, "", "prune-packed")
		if n := len(packFiles(t, dir, "pack")); n != 3 {
			t.Fatalf("%d packs, want 3", n)
		}
		// git skips an index whose pack is gone.
		if err := os.WriteFile(filepath.Join(dir, "objects", "pack", "pack-0000000000000000000000000000000000000000.idx"), []byte("stale"), 0o644); err != nil {
			t.Fatal(err)
		}
	},
	want: []Type{refDelta},
}}

// reindex packs every object with deltas and indexes the pack again with
// git index-pack --index-version=version.
func reindex(version string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		git(t, dir, "", "repack", "-adfq", "--depth=50", "--window=250")
		for _, idx := range packFiles(t, dir, "idx") {
			os.Remove(idx)
			git(t, dir, "", "index-pack", "--index-version="+version, strings.TrimSuffix(idx, ".idx")+".pack")
		}
	}
}

// TestObjectsAsGitReadsThem: every object of the packs has the type, size
// and content git cat-file --batch gives, read by Read and sized by Info,
// in every way git packs objects, through mmap and through ReadAt, with
// the delta base cache and with none (a cache too small to keep a base),
// with the pages of the mappings dropped after every read, in the index's
// order and backwards; and Objects counts them as git does, and Position
// numbers them.
func TestObjectsAsGitReadsThem(t *testing.T) {
	for _, packing := range packings {
		t.Run(packing.name, func(t *testing.T) {
			dir := buildRepo(t, 60, 6000)
			packing.pack(t, dir)
			checkObjectCount(t, dir)
			want := allObjects(t, dir)
			checkPositions(t, openSet(t, dir, Options{}), want, Objects([]string{filepath.Join(dir, "objects")}))
			for _, how := range []struct {
				name string
				opts Options
			}{
				{"mapped", Options{}},
				{"ReadAt", Options{readAt: true}},
				{"no cache", Options{CacheBytes: 1}},
				{"mapped pages dropped after every read", Options{ResidentBytes: 1}},
			} {
				t.Run(how.name, func(t *testing.T) {
					s := openSet(t, dir, how.opts)
					types := entryTypes(t, s)
					for _, typ := range packing.want {
						if types[typ] == 0 {
							t.Errorf("no entry of %s in the packs (%v): the case does not test what it says", typ, types)
						}
					}
					for _, typ := range packing.none {
						if types[typ] != 0 {
							t.Errorf("%d entries of %s in the packs, want none", types[typ], typ)
						}
					}
					if packing.large && !slices.ContainsFunc(*s.packs.Load(), func(p *packFile) bool { return len(p.idx.large) > 0 }) {
						t.Error("no index has large offsets")
					}
					if v1 := slices.ContainsFunc(*s.packs.Load(), func(p *packFile) bool { return p.idx.v1 }); v1 != packing.v1 {
						t.Errorf("an index of version 1: %v, want %v", v1, packing.v1)
					}
					var ids []Hash
					for _, p := range *s.packs.Load() {
						for i := range p.idx.count {
							ids = append(ids, p.idx.id(i))
						}
					}
					for _, order := range []string{"index", "backwards"} {
						if order == "backwards" {
							slices.Reverse(ids)
						}
						for _, id := range ids {
							checkObject(t, s, id, want)
						}
					}
					for id := range want {
						if _, _, err := s.Info(id); err != nil {
							t.Errorf("Info(%s), an object git reads: %v", id, err)
						}
					}
				})
			}
		})
	}
}

// checkObjectCount: Objects gives git count-objects' in-pack count (an
// index without its pack, "stale", holds no fanout table and counts none).
func checkObjectCount(t *testing.T, dir string) {
	t.Helper()
	var want int
	for line := range strings.Lines(git(t, dir, "", "count-objects", "-v")) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "in-pack: "); ok {
			want, _ = strconv.Atoi(v)
		}
	}
	if want == 0 {
		t.Fatal("git count-objects counts no packed object")
	}
	if got := Objects([]string{filepath.Join(dir, "objects"), filepath.Join(dir, "no such folder")}); got != want {
		t.Errorf("Objects = %d, want git's %d", got, want)
	}
}

// checkPositions: every object of want has a Position below count, and no
// two share one.
func checkPositions(t *testing.T, s *Set, want map[Hash]object, count int) {
	t.Helper()
	of := map[int]Hash{}
	for id := range want {
		pos, ok := s.Position(id)
		if !ok || pos < 0 || pos >= count {
			t.Errorf("Position(%s) = %d, %v; want one below %d", id, pos, ok, count)
			continue
		}
		if other, dup := of[pos]; dup {
			t.Errorf("%s and %s share position %d", id, other, pos)
		}
		of[pos] = id
	}
	if _, ok := s.Position(Hash{}); ok {
		t.Error("Position of an object in no pack: ok")
	}
}

// TestObjectsSkipsOddIndexes: an "index" that is a named pipe, which would
// block whoever opens it until a writer comes, or a folder, counts no
// objects and is never opened; the real index beside them is counted.
func TestObjectsSkipsOddIndexes(t *testing.T) {
	dir := buildRepo(t, 3, 10)
	git(t, dir, "", "repack", "-adq")
	packDir := filepath.Join(dir, "objects", "pack")
	if err := syscall.Mkfifo(filepath.Join(packDir, "pack-fifo.idx"), 0o644); err != nil {
		t.Skip("cannot make a named pipe here:", err)
	}
	if err := os.Mkdir(filepath.Join(packDir, "pack-dir.idx"), 0o755); err != nil {
		t.Fatal(err)
	}
	done := make(chan int, 1)
	go func() { done <- Objects([]string{filepath.Join(dir, "objects")}) }()
	select {
	case n := <-done:
		if want := len(allObjects(t, dir)); n != want {
			t.Errorf("Objects = %d, want the %d objects of the real index", n, want)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Objects blocks on a named pipe")
	}
}

// checkObject compares Read and Info of id with git's answer.
func checkObject(t *testing.T, s *Set, id Hash, want map[Hash]object) {
	t.Helper()
	w, ok := want[id]
	if !ok {
		t.Fatalf("%s is in a pack but git cat-file --batch-all-objects does not list it", id)
	}
	typ, data, err := s.Read(id, int64(len(w.data)))
	if err != nil || typ.String() != w.typ || !bytes.Equal(data, w.data) {
		t.Fatalf("Read(%s) = %s, %d bytes, %v; git: %s, %d bytes", id, typ, len(data), err, w.typ, len(w.data))
	}
	typ, size, err := s.Info(id)
	if err != nil || typ.String() != w.typ || size != int64(len(w.data)) {
		t.Fatalf("Info(%s) = %s, %d, %v; git: %s, %d", id, typ, size, err, w.typ, len(w.data))
	}
}

// TestReadLimits: an object over the limit of its read is a
// *TooLargeError before it is built, whether it is whole or a delta, or
// one byte under; a delta base over MaxObjectBytes too.
func TestReadLimits(t *testing.T) {
	dir := buildRepo(t, 20, 6000)
	git(t, dir, "", "repack", "-adfq", "--depth=50", "--window=250")
	big := hash(t, git(t, dir, "", "rev-parse", "main:big.txt"))
	old := hash(t, git(t, dir, "", "rev-parse", "main~10:big.txt"))
	s := openSet(t, dir, Options{})
	for _, id := range []Hash{big, old} {
		_, size, err := s.Info(id)
		if err != nil {
			t.Fatal(err)
		}
		var tooLarge *TooLargeError
		if _, _, err := s.Read(id, size-1); !errors.As(err, &tooLarge) || tooLarge.Size != size {
			t.Errorf("Read(%s, %d) of a %d-byte object: %v, want a *TooLargeError", id, size-1, size, err)
		}
		if _, data, err := s.Read(id, size); err != nil || int64(len(data)) != size {
			t.Errorf("Read(%s, %d) of a %d-byte object: %d bytes, %v", id, size, size, len(data), err)
		}
	}
	small := openSet(t, dir, Options{MaxObjectBytes: 1000})
	_, _, err := small.Read(old, 1<<30)
	var tooLarge *TooLargeError
	if !errors.As(err, &tooLarge) || tooLarge.Limit != 1000 {
		t.Errorf("Read of a delta on a base over MaxObjectBytes: %v, want a *TooLargeError", err)
	}
}

// TestNotFound: an object in no pack is ErrNotFound; one packed after the
// set was opened is found (git gc, git fetch).
func TestNotFound(t *testing.T) {
	dir := buildRepo(t, 10, 6000)
	git(t, dir, "main~5\n", "pack-objects", "-q", "--revs", "objects/pack/pack")
	s := openSet(t, dir, Options{})
	head := hash(t, git(t, dir, "", "rev-parse", "main"))
	if _, _, err := s.Read(head, 1<<20); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Read of a loose object: %v, want ErrNotFound", err)
	}
	if _, _, err := s.Info(head); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Info of a loose object: %v, want ErrNotFound", err)
	}
	git(t, dir, "", "repack", "-dq")
	if typ, _, err := s.Read(head, 1<<20); err != nil || typ != Commit {
		t.Errorf("Read after git repack: %s, %v", typ, err)
	}
}

// TestOpenErrors: an index Open cannot read gives an error naming it.
func TestOpenErrors(t *testing.T) {
	dir := buildRepo(t, 5, 6000)
	git(t, dir, "", "repack", "-adq")
	idx := packFiles(t, dir, "idx")[0]
	pack := strings.TrimSuffix(idx, ".idx") + ".pack"
	good := readFile(t, idx)
	for name, damage := range map[string]func(){
		"truncated": func() { os.WriteFile(idx, good[:len(good)-1], 0o644) },
		"empty":     func() { os.WriteFile(idx, nil, 0o644) },
		"fanout decreasing": func() {
			bad := bytes.Clone(good)
			bad[8+4*10+3] = 0xff
			os.WriteFile(idx, bad, 0o644)
		},
		"version 3": func() {
			bad := bytes.Clone(good)
			bad[7] = 3
			os.WriteFile(idx, bad, 0o644)
		},
		"another pack's checksum": func() {
			bad := bytes.Clone(good)
			bad[len(bad)-40] ^= 1
			os.WriteFile(idx, bad, 0o644)
		},
	} {
		t.Run(name, func(t *testing.T) {
			os.Remove(idx)
			damage()
			t.Cleanup(func() { os.Remove(idx); os.WriteFile(idx, good, 0o644) })
			s, err := Open([]string{filepath.Join(dir, "objects")}, Options{MaxObjectBytes: 1 << 20, CacheBytes: 1 << 20})
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if !strings.Contains(err.Error(), filepath.Base(idx)) && !strings.Contains(err.Error(), filepath.Base(pack)) {
				t.Errorf("Open: %v, want an error naming %s", err, idx)
			}
		})
	}
}

// writeThinPack writes a pack of one entry, a delta against the id of
// base, and its version 2 index, into the objects of the bare repository
// dir: a thin pack, which git index-pack would complete with the base
// (--fix-thin). It returns the id of the object the delta builds.
func writeThinPack(t *testing.T, dir string, base Hash, delta, result []byte) Hash {
	t.Helper()
	var entry bytes.Buffer
	size := len(delta)
	c := byte(refDelta)<<4 | byte(size&0x0f)
	for size >>= 4; size > 0; size >>= 7 {
		entry.WriteByte(c | 0x80)
		c = byte(size & 0x7f)
	}
	entry.WriteByte(c)
	entry.Write(base[:])
	z := zlib.NewWriter(&entry)
	z.Write(delta)
	z.Close()
	var pack bytes.Buffer
	pack.WriteString("PACK\x00\x00\x00\x02\x00\x00\x00\x01")
	pack.Write(entry.Bytes())
	packSum := sha1.Sum(pack.Bytes())
	pack.Write(packSum[:])
	id := Hash(sha1.Sum(append(fmt.Appendf(nil, "blob %d\x00", len(result)), result...)))
	var idx bytes.Buffer
	idx.Write(idxMagic)
	binary.Write(&idx, binary.BigEndian, uint32(2))
	for b := range 256 {
		binary.Write(&idx, binary.BigEndian, uint32(min(1, max(0, b-int(id[0])+1))))
	}
	idx.Write(id[:])
	binary.Write(&idx, binary.BigEndian, crc32.ChecksumIEEE(entry.Bytes()))
	binary.Write(&idx, binary.BigEndian, uint32(packHeaderBytes))
	idx.Write(packSum[:])
	idxSum := sha1.Sum(idx.Bytes())
	idx.Write(idxSum[:])
	name := filepath.Join(dir, "objects", "pack", "pack-"+hex.EncodeToString(packSum[:]))
	if err := os.WriteFile(name+".pack", pack.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name+".idx", idx.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestDeltaBaseOutsideItsPack: git reads the base of a delta from the
// delta's own pack only, and reports a delta whose base is loose as a
// corrupt object; so does Read, naming the pack and the base, where
// applying the delta to the loose base would give an object git does not
// have.
func TestDeltaBaseOutsideItsPack(t *testing.T) {
	dir := t.TempDir()
	git(t, dir, "", "init", "-q", "--bare")
	content := strings.Repeat("the base of a delta, loose in the repository\n", 10)
	base := hash(t, git(t, dir, content, "hash-object", "-w", "--stdin"))
	ending := "and a new ending\n"
	result := content[:100] + ending
	// Sizes 450 and 117, then copy 100 bytes from offset 0 and insert the
	// new ending.
	delta := append([]byte{450&0x7f | 0x80, 450 >> 7, byte(len(result)), 0x80 | 0x10, 100, byte(len(ending))}, ending...)
	id := writeThinPack(t, dir, base, delta, []byte(result))
	if out, err := gittest.Command(dir, nil, "cat-file", "blob", id.String()).CombinedOutput(); err == nil || !strings.Contains(string(out), "corrupt") {
		t.Fatalf("git cat-file of an object whose delta base is loose: %q, %v; the test expects git to say it is corrupt", out, err)
	}
	s := openSet(t, dir, Options{})
	for name, err := range map[string]error{"Read": second(s.Read(id, 1<<20)), "Info": second(s.Info(id))} {
		if err == nil || !strings.Contains(err.Error(), ".pack") || !strings.Contains(err.Error(), base.String()) {
			t.Errorf("%s of an object whose delta base is loose: %v, want an error naming the pack and %s", name, err, base)
		}
	}
}

func second[A, B any](_ A, _ B, err error) error { return err }

// TestConcurrentReads: goroutines reading the same objects at once, with
// a cache that evicts and mapped pages dropped often, read what git reads
// (go test -race checks the sharing).
func TestConcurrentReads(t *testing.T) {
	dir := buildRepo(t, 30, 600)
	git(t, dir, "", "repack", "-adfq", "--depth=50", "--window=250")
	want := allObjects(t, dir)
	s := openSet(t, dir, Options{CacheBytes: 64 << 10, ResidentBytes: 64 << 10})
	var ids []Hash
	for id := range want {
		ids = append(ids, id)
	}
	errs := make(chan error, 4)
	for g := range 4 {
		go func() {
			for i := range ids {
				id := ids[(i*7+g*13)%len(ids)]
				typ, data, err := s.Read(id, 1<<20)
				if err == nil && (typ.String() != want[id].typ || !bytes.Equal(data, want[id].data)) {
					err = fmt.Errorf("Read(%s) = %s, %d bytes; git: %s, %d bytes", id, typ, len(data), want[id].typ, len(want[id].data))
				}
				if err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
