package history

import (
	"bytes"
	"compress/zlib"
	"context"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/handover-dev/handover/internal/gittest"
)

// packObject is one entry of a pack written by writePack.
type packObject struct {
	typ  plumbing.ObjectType
	data []byte
	// declared is the size the entry's header declares, -1 for the true
	// one: a corrupt or hostile pack can declare any size.
	declared int64
}

// writePack writes objs as a pack and its version 2 index into
// objectsDir/pack, as git index-pack would, except that each entry
// declares the size it is given.
func writePack(t *testing.T, objectsDir string, objs []packObject) {
	t.Helper()
	type indexed struct {
		id     [20]byte
		offset uint32
		crc    uint32
	}
	var pack bytes.Buffer
	pack.WriteString("PACK")
	binary.Write(&pack, binary.BigEndian, uint32(2))
	binary.Write(&pack, binary.BigEndian, uint32(len(objs)))
	var index []indexed
	for _, o := range objs {
		size := o.declared
		if size < 0 {
			size = int64(len(o.data))
		}
		var entry bytes.Buffer
		c := byte(o.typ)<<4 | byte(size&0x0f)
		for size >>= 4; size > 0; size >>= 7 {
			entry.WriteByte(c | 0x80)
			c = byte(size & 0x7f)
		}
		entry.WriteByte(c)
		z := zlib.NewWriter(&entry)
		z.Write(o.data)
		z.Close()
		index = append(index, indexed{
			id:     sha1.Sum(append([]byte(fmt.Sprintf("%s %d\x00", o.typ, len(o.data))), o.data...)),
			offset: uint32(pack.Len()),
			crc:    crc32.ChecksumIEEE(entry.Bytes()),
		})
		pack.Write(entry.Bytes())
	}
	packSum := sha1.Sum(pack.Bytes())
	pack.Write(packSum[:])
	sort.Slice(index, func(i, j int) bool { return bytes.Compare(index[i].id[:], index[j].id[:]) < 0 })
	var idx bytes.Buffer
	idx.Write([]byte{0xff, 't', 'O', 'c', 0, 0, 0, 2})
	for b := range 256 {
		n := sort.Search(len(index), func(i int) bool { return int(index[i].id[0]) > b })
		binary.Write(&idx, binary.BigEndian, uint32(n))
	}
	for _, e := range index {
		idx.Write(e.id[:])
	}
	for _, e := range index {
		binary.Write(&idx, binary.BigEndian, e.crc)
	}
	for _, e := range index {
		binary.Write(&idx, binary.BigEndian, e.offset)
	}
	idx.Write(packSum[:])
	idxSum := sha1.Sum(idx.Bytes())
	idx.Write(idxSum[:])
	base := filepath.Join(objectsDir, "pack", "pack-"+hex.EncodeToString(packSum[:]))
	if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
		t.Fatal(err)
	}
	for ext, data := range map[string][]byte{".pack": pack.Bytes(), ".idx": idx.Bytes()} {
		if err := os.WriteFile(base+ext, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// writeLoose writes a loose object whose header declares size bytes.
func writeLoose(t *testing.T, objectsDir string, id string, typ plumbing.ObjectType, size int64, body []byte) {
	t.Helper()
	var b bytes.Buffer
	z := zlib.NewWriter(&b)
	fmt.Fprintf(z, "%s %d\x00", typ, size)
	z.Write(body)
	z.Close()
	name := filepath.Join(objectsDir, id[:2], id[2:])
	os.MkdirAll(filepath.Dir(name), 0o755)
	os.Remove(name)
	if err := os.WriteFile(name, b.Bytes(), 0o444); err != nil {
		t.Fatal(err)
	}
}

// hostileRepo builds a repository whose blob "hostile" (the content of
// handover/tech.md, .mailmap and src/a.go at HEAD) is stored by store,
// given the objects directory and the blob's id; every other object is
// in a pack.
func hostileRepo(t *testing.T, store func(t *testing.T, objectsDir, id string, body []byte)) (dir, since, head string) {
	t.Helper()
	h := &history{}
	c1 := h.on(nil, set("handover/tech.md", "t"), set("src/a.go", "a"))
	c2 := h.on(p(c1), set("handover/tech.md", "hostile"), set(".mailmap", "hostile"), set("src/a.go", "hostile"))
	dir, marks := h.build(t, c2)
	objectsDir := filepath.Join(dir, ".git", "objects")
	target := gitRun(t, dir, "rev-parse", "HEAD:.mailmap")
	var objs []packObject
	for _, line := range strings.Split(gitRun(t, dir, "cat-file", "--batch-all-objects", "--batch-check=%(objectname) %(objecttype)"), "\n") {
		id, typ, _ := strings.Cut(line, " ")
		if id == target {
			continue
		}
		ot, _ := plumbing.ParseObjectType(typ)
		objs = append(objs, packObject{typ: ot, data: []byte(gitRunRaw(t, dir, "cat-file", typ, id)), declared: -1})
	}
	for _, sub := range []string{"pack", "info"} {
		os.RemoveAll(filepath.Join(objectsDir, sub))
	}
	entries, _ := os.ReadDir(objectsDir)
	for _, e := range entries {
		os.RemoveAll(filepath.Join(objectsDir, e.Name()))
	}
	writePack(t, objectsDir, objs)
	store(t, objectsDir, target, []byte("hostile"))
	return dir, marks[c1], marks[c2]
}

// gitRunRaw is gitRun without trimming the output.
func gitRunRaw(t testing.TB, dir string, args ...string) string {
	t.Helper()
	out, err := gitCommand(dir, args...).Output()
	if err != nil {
		t.Fatalf("git %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}

// hostileStores store the blob "hostile" with a lying header.
var hostileStores = map[string]func(t *testing.T, objectsDir, id string, body []byte){
	"packed, declaring 1 TiB": func(t *testing.T, objectsDir, id string, body []byte) {
		writePack(t, objectsDir, []packObject{{typ: plumbing.BlobObject, data: body, declared: 1 << 40}})
	},
	"packed, declaring 4 EiB": func(t *testing.T, objectsDir, id string, body []byte) {
		writePack(t, objectsDir, []packObject{{typ: plumbing.BlobObject, data: body, declared: 1 << 62}})
	},
	"packed, declaring 3 bytes": func(t *testing.T, objectsDir, id string, body []byte) {
		writePack(t, objectsDir, []packObject{{typ: plumbing.BlobObject, data: body, declared: 3}})
	},
	"loose, declaring 4 EiB": func(t *testing.T, objectsDir, id string, body []byte) {
		writeLoose(t, objectsDir, id, plumbing.BlobObject, 1<<62, body)
	},
	"loose, declaring 3 bytes": func(t *testing.T, objectsDir, id string, body []byte) {
		writeLoose(t, objectsDir, id, plumbing.BlobObject, 3, body)
	},
}

// TestCorruptObjectSizes: an object whose header lies about its size gives
// an error naming it (or, where go-git reads past the lie, its true
// content), never a panic or an allocation of the declared size, in every
// read: a file of a tree, .mailmap, drift's line counts.
func TestCorruptObjectSizes(t *testing.T) {
	for name, store := range hostileStores {
		t.Run(name, func(t *testing.T) {
			dir, since, head := hostileRepo(t, store)
			r := openRepo(t, dir)
			tree, err := r.Tree(head)
			if err != nil {
				t.Fatal(err)
			}
			id := gitRun(t, dir, "rev-parse", "HEAD:.mailmap")
			if data, err := tree.ReadFile("handover/tech.md"); err == nil && string(data) != "hostile" || err != nil && !strings.Contains(err.Error(), id) {
				t.Errorf("ReadFile = %q, %v; want an error naming blob %s", data, err, id)
			}
			if data, err := tree.ReadFile(".mailmap"); err == nil && string(data) != "hostile" || err != nil && !strings.Contains(err.Error(), id) {
				t.Errorf("ReadFile(.mailmap) = %q, %v; want an error naming blob %s", data, err, id)
			}
			drifts, err := r.DriftAll(head, []DriftQuery{{Since: since, Globs: []string{"src/**"}}})
			if err == nil && len(drifts[0].Paths) != 1 || err != nil && !strings.Contains(err.Error(), id) {
				t.Errorf("DriftAll = %+v, %v; want src/a.go, or an error naming blob %s", drifts, err, id)
			}
			checkLastChanges(t, dir, r, head, []string{"handover/tech.md", "src/a.go", ".mailmap"})
		})
	}
}

// TestBlobNotMatchingItsID: a blob whose content is not the one its id
// names is reported as corrupt where it is read, in a file of a tree and
// in drift's line counts.
func TestBlobNotMatchingItsID(t *testing.T) {
	dir, since, head := hostileRepo(t, func(t *testing.T, objectsDir, id string, _ []byte) {
		writeLoose(t, objectsDir, id, plumbing.BlobObject, 8, []byte("tampered"))
	})
	r := openRepo(t, dir)
	tree, err := r.Tree(head)
	if err != nil {
		t.Fatal(err)
	}
	const want = "does not match its id"
	if data, err := tree.ReadFile("src/a.go"); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("ReadFile = %q, %v; want an error saying %q", data, err, want)
	}
	if _, err := r.DriftAll(head, []DriftQuery{{Since: since, Globs: []string{"src/**"}}}); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("DriftAll: %v; want an error saying %q", err, want)
	}
}

// TestZlibBombIsBounded: a loose object that inflates to far more than its
// header says is read no further than its limit (go-git inflates a loose
// object whole, whatever its header says).
func TestZlibBombIsBounded(t *testing.T) {
	const inflated = 64 << 20
	dir, _, head := hostileRepo(t, func(t *testing.T, objectsDir, id string, _ []byte) {
		writeLoose(t, objectsDir, id, plumbing.BlobObject, 7, make([]byte, inflated))
	})
	r := openRepo(t, dir)
	tree, err := r.Tree(head)
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = tree.ReadFile(".mailmap")
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "corrupt") {
		t.Errorf("ReadFile of a zlib bomb: %v, want an error saying it is corrupt", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("reading a %d MiB zlib bomb allocated %d MiB", inflated>>20, alloc>>20)
	}
}

// TestCorruptObjectOverHTTPS: the same objects served by a git host end a
// clone with an error, or are read with one, and the clone's directory
// never outlives OpenURL's error or Close. go-git's pack parser would
// reserve 1 GiB for an entry that declares 1 TiB, so the pack is checked
// before it gets it.
func TestCorruptObjectOverHTTPS(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	for name, store := range hostileStores {
		t.Run(name, func(t *testing.T) {
			dir, _, head := hostileRepo(t, store)
			root := t.TempDir()
			if err := os.Rename(filepath.Join(dir, ".git"), filepath.Join(root, "repo.git")); err != nil {
				t.Fatal(err)
			}
			gitRun(t, filepath.Join(root, "repo.git"), "config", "core.bare", "true")
			s := gittest.Serve(t, root, "")
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			r, err := OpenURL(context.Background(), s.URL+"/repo.git", trusting(s.Server))
			runtime.ReadMemStats(&after)
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
				t.Errorf("the clone allocated %d MiB", alloc>>20)
			}
			if err == nil {
				tree, err := r.Tree(head)
				if err == nil {
					_, err = tree.ReadFile("handover/tech.md")
				}
				if err == nil {
					t.Error("a clone of the corrupt blob read it without an error")
				}
				r.Close()
			} else if strings.Contains(err.Error(), "\n") || errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("OpenURL: %q, want one line", err)
			}
			if left, _ := filepath.Glob(filepath.Join(tmp, "handover-clone-*")); len(left) > 0 {
				t.Errorf("clone directories left behind: %q", left)
			}
		})
	}
}

// TestReadBody: a body is read whole, a stream that holds more or less
// than its header declares is refused, and a header that lies about a
// huge size costs what the stream holds (at most four times it, checked
// with room for what the rest of the process allocates), not the 1 GiB it
// declares.
func TestReadBody(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	for _, c := range []struct {
		declared int64
		ok       bool
	}{{int64(len(data)), true}, {int64(len(data)) + 1, false}, {int64(len(data)) - 1, false}, {1 << 30, false}} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		got, err := readBody(bytes.NewReader(data), c.declared)
		runtime.ReadMemStats(&after)
		if c.ok != (err == nil) || c.ok && !bytes.Equal(got, data) {
			t.Errorf("declared %d: err %v, %d bytes", c.declared, err, len(got))
		}
		// Slack for what else the process allocates meanwhile.
		if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 16*uint64(len(data)) {
			t.Errorf("declared %d: %d bytes allocated for a %d-byte stream", c.declared, allocated, len(data))
		}
	}
}
