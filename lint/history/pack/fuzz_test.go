package pack

import (
	"bytes"
	"strings"
	"testing"
)

// fuzzLimit bounds every object the fuzz targets build: a target that
// allocated by a declared size would run out of memory.
const fuzzLimit = 1 << 20

// fuzzRepo is a small repository packed with deltas against offsets, and
// its pack and index with large offsets, as the fuzz targets' seeds.
func fuzzRepo(f *testing.F) (dir string, pack, idx []byte) {
	f.Helper()
	dir = buildRepo(f, 8, 80)
	git(f, dir, "", "repack", "-adfq", "--depth=50", "--window=250")
	name := packFiles(f, dir, "pack")[0]
	large := f.TempDir() + "/large.idx"
	git(f, dir, "", "index-pack", "--index-version=2,16", "-o", large, name)
	return dir, readFile(f, name), readFile(f, large)
}

// FuzzIndex: any index parses or is refused, and every lookup in one that
// parses stays inside it.
func FuzzIndex(f *testing.F) {
	dir, _, large := fuzzRepo(f)
	name := packFiles(f, dir, "pack")[0]
	f.Add(readFile(f, strings.TrimSuffix(name, ".pack")+".idx"))
	f.Add(large)
	v1 := f.TempDir() + "/v1.idx"
	git(f, dir, "", "index-pack", "--index-version=1", "-o", v1, name)
	f.Add(readFile(f, v1))
	f.Fuzz(func(t *testing.T, data []byte) {
		x, err := parseIndex(data)
		if err != nil {
			return
		}
		for i := range min(x.count, 1000) {
			id := x.id(i)
			x.find(id)
			x.offset(i)
		}
		x.find(Hash{})
		x.find(Hash{0xff, 0xff})
	})
}

// FuzzDelta: any delta applied to any base builds the size it declares or
// is refused, and never builds more than the limit.
func FuzzDelta(f *testing.F) {
	dir, _, _ := fuzzRepo(f)
	s := openSet(f, dir, Options{})
	seeds := 0
	for _, p := range *s.packs.Load() {
		for i := range p.idx.count {
			off, _ := p.idx.offset(i)
			e, err := p.entry(off)
			if err != nil || e.typ != ofsDelta {
				continue
			}
			delta, err := p.inflate(e.data, e.size)
			if err != nil {
				f.Fatal(err)
			}
			_, base, err := s.read(p, e.base, fuzzLimit)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(base, delta)
			seeds++
		}
	}
	if seeds == 0 {
		f.Fatal("no delta in the seed pack")
	}
	f.Fuzz(func(t *testing.T, base, delta []byte) {
		out, err := applyDelta(base, delta, fuzzLimit)
		if err != nil {
			return
		}
		baseSize, size, _, _ := deltaHeader(delta)
		if baseSize != uint64(len(base)) || size != uint64(len(out)) || len(out) > fuzzLimit {
			t.Fatalf("applyDelta built %d bytes from %d; the delta declares %d from %d", len(out), len(base), size, baseSize)
		}
	})
}

// FuzzPack: every object of a damaged pack, looked up through its intact
// index, is read and sized or refused with an error, within the limit.
func FuzzPack(f *testing.F) {
	dir, pack, large := fuzzRepo(f)
	f.Add(pack)
	x, err := parseIndex(large)
	if err != nil {
		f.Fatal(err)
	}
	want := allObjects(f, dir)
	f.Fuzz(func(t *testing.T, data []byte) {
		res := newResidency(ResidentBytes)
		p := &packFile{name: "fuzz.pack", idx: x, data: data, size: int64(len(data)), res: res, mapped: res.register(data)}
		if p.size < packHeaderBytes+HashBytes {
			return
		}
		s := &Set{opts: Options{MaxObjectBytes: fuzzLimit}, cache: newBaseCache(64 << 10)}
		s.packs.Store(&[]*packFile{p})
		intact := bytes.Equal(data, pack)
		for i := range x.count {
			id := x.id(i)
			typ, body, err := s.Read(id, fuzzLimit)
			if len(body) > fuzzLimit {
				t.Fatalf("Read(%s) built %d bytes, over the limit", id, len(body))
			}
			if intact && (err != nil || typ.String() != want[id].typ || !bytes.Equal(body, want[id].data)) {
				t.Fatalf("Read(%s) of the intact pack: %s, %v", id, typ, err)
			}
			s.Info(id)
		}
	})
}
