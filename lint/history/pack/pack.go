// Package pack reads objects from git's pack files, the way git reads them:
// the pack and its index are mapped read-only and opened once, an
// object is found by the index's fanout table and a binary search over its
// sorted ids, and a delta is applied to its base, which a bounded cache
// keeps for the next delta against it.
//
// # Why not go-git
//
// go-git's filesystem storage builds, for every pack, a map from offset to
// object id of every object (tens of megabytes and a third of a second for
// git/git before the first object is read), opens the pack file again for
// many reads, and hashes again every object it rebuilds from a delta. None
// of that is needed to read an object by its id: the index is already a
// sorted table.
//
// # What it reads
//
// Every objects/pack/*.idx with its .pack, as git lists them: an index
// without its pack is skipped. Indexes of versions 2 and 1 (written by git
// before 1.5.2, or with pack.indexVersion=1; go-git cannot read them). The
// multi-pack-index (objects/pack/multi-pack-index) is not read: git still
// writes an .idx for every pack it covers, and lookups through the .idx
// files give the same objects. Reverse indexes (.rev) are not needed: a
// read goes from id to offset, never back. Entries are whole commits,
// trees, blobs and tags, or deltas against an earlier offset of the pack
// or against an id, whose base, as in git, must be in the same pack.
//
// # Bounds
//
// Every size a pack declares is checked before memory is reserved for it:
// an object over the limit its reader gives, or a delta base over
// Options.MaxObjectBytes, is a *TooLargeError. A corrupt index, entry or
// delta is an *Error naming the file and the offset of the entry, never a
// panic or a read outside the file. Like git, the reader does not verify
// the objects' ids (git fsck does); zlib's checksum of every entry is
// checked.
package pack

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// HashBytes is the size of a SHA-1 object id.
const HashBytes = 20

// Hash is an object id.
type Hash [HashBytes]byte

func (h Hash) String() string { return hex.EncodeToString(h[:]) }

// Type is an object's type, numbered as in pack entries (and as go-git's
// plumbing.ObjectType).
type Type int8

const (
	Commit Type = 1
	Tree   Type = 2
	Blob   Type = 3
	Tag    Type = 4
	// The two kinds of delta entries: against a base at an earlier offset
	// of the same pack, and against a base named by its id.
	ofsDelta Type = 6
	refDelta Type = 7
)

func (t Type) String() string {
	switch t {
	case Commit:
		return "commit"
	case Tree:
		return "tree"
	case Blob:
		return "blob"
	case Tag:
		return "tag"
	case ofsDelta:
		return "delta against an offset"
	case refDelta:
		return "delta against an id"
	}
	return fmt.Sprintf("type %d", t)
}

// ErrNotFound is returned for an object that is in none of the packs.
var ErrNotFound = errors.New("object not found in the packs")

// TooLargeError reports an object, or a delta base, over the limit of its
// read.
type TooLargeError struct {
	Size, Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("an object of %d bytes, over the limit of %d", e.Size, e.Limit)
}

// Error reports a corrupt pack or index.
type Error struct {
	File   string // the .pack or .idx
	Offset int64  // of the entry in the pack; -1 for the file as a whole
	Err    error
}

func (e *Error) Error() string {
	if e.Offset < 0 {
		return fmt.Sprintf("%s %v", e.File, e.Err)
	}
	return fmt.Sprintf("%s, entry at offset %d: %v", e.File, e.Offset, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Options configure a Set.
type Options struct {
	// MaxObjectBytes bounds every object a read builds on the way to the
	// one asked for: delta bases, and deltas themselves.
	MaxObjectBytes int64
	// CacheBytes bounds the delta base cache.
	CacheBytes int
	// ResidentBytes bounds the pages of the packs' mappings that reads
	// keep resident; 0 is ResidentBytes.
	ResidentBytes int64

	// readAt makes the packs be read with ReadAt and the indexes whole,
	// as where mmap fails: tests read both ways.
	readAt bool
}

// maxChain bounds a chain of deltas: git writes at most 4095
// (pack.depth), so a longer chain is a corrupt pack, or a cycle of deltas
// by id.
const maxChain = 10000

// Set is the packs of one or more objects directories (a repository's and
// its alternates'). Its methods may be called from several goroutines at
// once; Close must come after all of them.
type Set struct {
	opts  Options
	packs atomic.Pointer[[]*packFile]
	// last is the pack of the last object found, asked first: objects
	// read together are mostly in the same pack.
	last atomic.Pointer[packFile]

	res     *residency
	mu      sync.Mutex // guards what follows
	cache   *baseCache
	dirs    []string             // the objects/pack folders
	scanned map[string]time.Time // each folder's modification time when listed
	names   map[string]bool      // the indexes opened
}

// Open opens the packs of the objects directories, in order. It returns an
// error naming the file when an index or a pack cannot be read: a corrupt
// index, an index of an unknown version, a pack that does not match its
// index.
func Open(objectDirs []string, opts Options) (*Set, error) {
	s := &Set{opts: opts, cache: newBaseCache(opts.CacheBytes), scanned: map[string]time.Time{}, names: map[string]bool{}}
	s.res = newResidency(cmp.Or(opts.ResidentBytes, ResidentBytes))
	s.packs.Store(new([]*packFile))
	for _, dir := range objectDirs {
		s.dirs = append(s.dirs, filepath.Join(dir, "pack"))
	}
	if _, err := s.scan(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Objects returns how many objects the packs of the objects directories
// hold, as their indexes' fanout tables count them, without mapping them:
// for sizing caches to a repository. An index it cannot read counts none,
// and one that is not a regular file (a named pipe would block) is not
// opened.
func Objects(objectDirs []string) int {
	n := 0
	for _, dir := range objectDirs {
		entries, err := os.ReadDir(filepath.Join(dir, "pack"))
		if err != nil {
			continue
		}
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".idx") {
				n += indexCount(filepath.Join(dir, "pack", e.Name()))
			}
		}
	}
	return n
}

// indexCount reads the object count of an index: the last entry of its
// fanout table.
func indexCount(name string) int {
	f, _, err := openRegular(name)
	if err != nil {
		return 0
	}
	defer f.Close()
	var head [idxHeaderBytes + fanoutBytes]byte
	n, _ := io.ReadFull(f, head[:])
	fanout := head[:n]
	if bytes.HasPrefix(fanout, idxMagic) {
		fanout = fanout[idxHeaderBytes:]
	}
	if len(fanout) < fanoutBytes {
		return 0
	}
	return int(binary.BigEndian.Uint32(fanout[fanoutBytes-4:]))
}

// scan opens the indexes of the pack folders it has not opened yet, and
// reports whether it found any. Call it with s.mu held, or before s is
// shared.
func (s *Set) scan() (bool, error) {
	packs := *s.packs.Load()
	added := false
	for _, dir := range s.dirs {
		fi, err := os.Stat(dir)
		if err != nil {
			continue
		}
		if t, ok := s.scanned[dir]; ok && t.Equal(fi.ModTime()) {
			continue
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			name := filepath.Join(dir, e.Name())
			if !strings.HasSuffix(name, ".idx") || s.names[name] {
				continue
			}
			p, err := openPack(name, s.opts.readAt, s.res)
			if errors.Is(err, fs.ErrNotExist) {
				// An index without its pack: git skips it too.
				continue
			}
			if err != nil {
				s.packs.Store(&packs)
				return added, err
			}
			s.names[name] = true
			packs = append(packs, p)
			added = true
		}
		s.scanned[dir] = fi.ModTime()
	}
	s.packs.Store(&packs)
	return added, nil
}

// Close unmaps and closes the packs.
func (s *Set) Close() error {
	var errs []error
	for _, p := range *s.packs.Load() {
		errs = append(errs, p.close())
	}
	s.packs.Store(new([]*packFile))
	s.last.Store(nil)
	return errors.Join(errs...)
}

// Position returns a number for a packed object that no other object of
// the Set shares: its position in its pack's index, after the objects of
// the packs opened before it, so below Objects of the Set's folders. A set
// of objects can then be a bit for each. ok is false for an object in
// none of the packs opened.
func (s *Set) Position(id Hash) (int, bool) {
	base := 0
	for _, p := range *s.packs.Load() {
		if i, ok := p.idx.find(id); ok {
			return base + i, true
		}
		base += p.idx.count
	}
	return 0, false
}

// locate returns the pack and offset of an object, listing the pack
// folders again when it is in none of the packs opened: git gc or a fetch
// may have written a new pack since.
func (s *Set) locate(id Hash) (*packFile, int64, error) {
	p, off, err := s.lookup(id)
	if !errors.Is(err, ErrNotFound) {
		return p, off, err
	}
	s.mu.Lock()
	added, _ := s.scan()
	s.mu.Unlock()
	if added {
		return s.lookup(id)
	}
	return nil, 0, err
}

func (s *Set) lookup(id Hash) (*packFile, int64, error) {
	last := s.last.Load()
	try := func(p *packFile) (int64, bool, error) {
		i, ok := p.idx.find(id)
		if !ok {
			return 0, false, nil
		}
		off, err := p.idx.offset(i)
		if err != nil {
			return 0, true, &Error{File: p.idxName, Offset: -1, Err: err}
		}
		return off, true, nil
	}
	if last != nil {
		if off, ok, err := try(last); ok {
			return last, off, err
		}
	}
	for _, p := range *s.packs.Load() {
		if p == last {
			continue
		}
		if off, ok, err := try(p); ok {
			s.last.Store(p)
			return p, off, err
		}
	}
	return nil, 0, ErrNotFound
}

// Info returns the type and size of an object without building it: the
// size is in the header of its entry, or of its delta, and the type is its
// delta base's, found by following the chain of entry headers.
func (s *Set) Info(id Hash) (Type, int64, error) {
	p, off, err := s.locate(id)
	if err != nil {
		return 0, 0, err
	}
	e, err := p.entry(off)
	if err != nil {
		return 0, 0, &Error{File: p.name, Offset: off, Err: err}
	}
	if !e.delta() {
		return e.typ, e.size, nil
	}
	var buf [maxDeltaHeaderBytes]byte
	head, err := p.inflatePrefix(e.data, buf[:])
	if err == nil {
		var size uint64
		_, size, _, err = deltaHeader(head)
		e.size = int64(min(size, 1<<62))
	}
	if err != nil {
		return 0, 0, &Error{File: p.name, Offset: off, Err: err}
	}
	typ, err := s.baseType(p, off, e)
	return typ, e.size, err
}

// baseType follows a chain of deltas from the entry e at off to its base
// and returns the base's type.
func (s *Set) baseType(p *packFile, off int64, e entry) (Type, error) {
	var err error
	for range maxChain {
		if off, err = p.base(off, e); err != nil {
			return 0, err
		}
		s.mu.Lock()
		typ, _, ok := s.cache.get(location{p, off})
		s.mu.Unlock()
		if ok {
			return typ, nil
		}
		if e, err = p.entry(off); err != nil {
			return 0, &Error{File: p.name, Offset: off, Err: err}
		}
		if !e.delta() {
			return e.typ, nil
		}
	}
	return 0, &Error{File: p.name, Offset: off, Err: fmt.Errorf("a chain of deltas is longer than %d", maxChain)}
}

// base returns the offset of the base of the delta entry e at off. Like
// git (get_delta_base), it looks for the base of a delta by id in the same
// pack only: packs are self-contained (git index-pack --fix-thin completes
// a thin pack with the bases it lacks), and git reports a delta whose base
// is elsewhere as a corrupt object.
func (p *packFile) base(off int64, e entry) (int64, error) {
	if e.typ == ofsDelta {
		return e.base, nil
	}
	i, ok := p.idx.find(e.baseID)
	if !ok {
		return 0, &Error{File: p.name, Offset: off, Err: fmt.Errorf("its delta base %s is not in the pack", e.baseID)}
	}
	base, err := p.idx.offset(i)
	if err != nil {
		return 0, &Error{File: p.idxName, Offset: -1, Err: err}
	}
	return base, nil
}

// Read returns the type and content of an object of at most limit bytes.
func (s *Set) Read(id Hash, limit int64) (Type, []byte, error) {
	p, off, err := s.locate(id)
	if err != nil {
		return 0, nil, err
	}
	s.mu.Lock()
	typ, data, ok := s.cache.get(location{p, off})
	s.mu.Unlock()
	if ok {
		if int64(len(data)) > limit {
			return 0, nil, &Error{File: p.name, Offset: off, Err: &TooLargeError{Size: int64(len(data)), Limit: limit}}
		}
		// The cache keeps its copy unchanged.
		return typ, bytes.Clone(data), nil
	}
	return s.read(p, off, limit)
}

// link is a delta entry on the way to the object asked for.
type link struct {
	off   int64
	entry entry
}

// read builds the object at off: it follows the chain of deltas down to a
// base that is cached or whole, then applies the deltas back up,
// caching each intermediate object as the base it is for the next.
func (s *Set) read(p *packFile, off int64, limit int64) (Type, []byte, error) {
	var (
		chain []link
		typ   Type
		data  []byte
		// cached is set when data came from the cache.
		cached bool
	)
	for {
		if len(chain) > maxChain {
			return 0, nil, &Error{File: p.name, Offset: off, Err: fmt.Errorf("a chain of deltas is longer than %d", maxChain)}
		}
		if len(chain) > 0 {
			s.mu.Lock()
			typ, data, cached = s.cache.get(location{p, off})
			s.mu.Unlock()
			if cached {
				break
			}
		}
		e, err := p.entry(off)
		if err != nil {
			return 0, nil, &Error{File: p.name, Offset: off, Err: err}
		}
		if !e.delta() {
			bound := limit
			if len(chain) > 0 {
				bound = s.opts.MaxObjectBytes
			}
			if e.size > bound {
				return 0, nil, &Error{File: p.name, Offset: off, Err: &TooLargeError{Size: e.size, Limit: bound}}
			}
			if data, err = p.inflate(e.data, e.size); err != nil {
				return 0, nil, &Error{File: p.name, Offset: off, Err: err}
			}
			typ = e.typ
			break
		}
		chain = append(chain, link{off, e})
		if off, err = p.base(off, e); err != nil {
			return 0, nil, err
		}
	}
	for i := len(chain) - 1; i >= 0; i-- {
		if !cached {
			// The base of chain[i] is at (p, off).
			s.mu.Lock()
			s.cache.put(location{p, off}, typ, data)
			s.mu.Unlock()
		}
		l := chain[i]
		bound := s.opts.MaxObjectBytes
		if i == 0 {
			bound = limit
		}
		if l.entry.size > deltaBytes(s.opts.MaxObjectBytes) {
			return 0, nil, &Error{File: p.name, Offset: l.off, Err: &TooLargeError{Size: l.entry.size, Limit: deltaBytes(s.opts.MaxObjectBytes)}}
		}
		buf := deltaBufs.Get().(*[]byte)
		delta, err := p.inflateTo(*buf, l.entry.data, l.entry.size)
		if err == nil {
			data, err = applyDelta(data, delta, bound)
			*buf = delta
		}
		deltaBufs.Put(buf)
		if err != nil {
			return 0, nil, &Error{File: p.name, Offset: l.off, Err: err}
		}
		off, cached = l.off, false
	}
	return typ, data, nil
}

// deltaBufs holds the buffers deltas are inflated into: a delta is done
// with once applied, and reading the blobs of a drift check inflates
// thousands of them.
var deltaBufs = sync.Pool{New: func() any { return new([]byte) }}

// deltaBytes bounds a delta building an object of at most bound bytes: an
// insert instruction takes one byte more for every 127 it inserts.
func deltaBytes(bound int64) int64 {
	return bound + bound/64 + 64
}
