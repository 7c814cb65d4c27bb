package history

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"crypto/sha1"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/handover-dev/handover/lint/history/pack"
)

// Every object is read whole into memory, so every read has a limit, and
// the memory it takes is bounded by that limit and by what the object's
// stream holds, never by the size its header declares: a corrupt or hostile
// object can declare any size.
const (
	// MaxFileSize bounds a file read from a tree (Tree.ReadFile), as the
	// linter bounds files on disk.
	MaxFileSize = 1 << 20
	// maxObjectBytes bounds commits, trees and tags. The largest trees of
	// real repositories are a few MiB.
	maxObjectBytes = 64 << 20
	// maxSymlinkBytes bounds the target of a symbolic link, as PATH_MAX
	// does.
	maxSymlinkBytes = 4096
	// largeObjectBytes: go-git inflates smaller packed objects when it
	// finds them, and streams bigger ones.
	largeObjectBytes = 1 << 20
	// maxAlternatesDepth is how deep git follows objects/info/alternates.
	maxAlternatesDepth = 5
	// deltaBaseCacheBytes bounds the cache of delta bases of the packs.
	// A check of git/git (82k commits) is as fast with 2 MiB as with 8
	// and peaks 14 MiB lower (scripts/bench-history); hugo, prometheus
	// and go-git 5-8 MiB lower. Only reading every commit and tree of
	// git/git in walk order, which no check does, is faster with more
	// (BenchmarkPack in lint/history/pack: 30 µs an object with 2 MiB, 24
	// with 8).
	deltaBaseCacheBytes = 2 << 20
)

// ErrTooLarge is returned for an object over the limit of its read.
var ErrTooLarge = errors.New("over the size limit")

// wrongTypeError reports an object of another type than asked for.
type wrongTypeError struct {
	hash      plumbing.Hash
	is, wants plumbing.ObjectType
}

func (e *wrongTypeError) Error() string {
	return fmt.Sprintf("object %s is a %s, not a %s", e.hash, e.is, e.wants)
}

// objectReader reads objects with bounded memory. It reads loose objects
// itself, because go-git inflates a loose object whole, whatever its header
// declares, and packed ones with package pack, which maps each pack and
// its index once and looks objects up in the index itself. Where pack
// cannot open the packs (a corrupt index), it reads them through go-git,
// which bounds a pack entry by the size its header declares, and reports
// what is wrong when it reads an object. Its methods may be called from
// several goroutines at once.
type objectReader struct {
	// goGit serializes the reads through packed: go-git's storage is not
	// safe for concurrent use.
	goGit  sync.Mutex
	packed *filesystem.Storage
	// dirs are the objects directories: the repository's, then its
	// alternates'.
	dirs []string
	// packedObjects is how many objects their packs hold, which sizes the
	// caches.
	packedObjects int
	// packs is opened on the first read of an object that is not loose,
	// so that a check needing no history maps no pack. nil with packsErr
	// set: go-git reads the packs.
	packs    *pack.Set
	packsErr error
	// loose maps the id of every loose object to its file, listed once:
	// looking for the file of each object read would cost a system call
	// per object, and most objects are packed.
	loose map[plumbing.Hash]string
	// mu guards packs, packsErr and loose once the reader is shared.
	mu sync.Mutex
}

func newObjectReader(packed *filesystem.Storage, objectsDir string) *objectReader {
	o := &objectReader{packed: packed, loose: map[plumbing.Hash]string{}}
	// The repository's own objects first, then its alternates', as git
	// looks them up.
	o.dirs = withAlternates([]string{objectsDir}, objectsDir, 0)
	for i := len(o.dirs) - 1; i >= 0; i-- {
		o.listLoose(o.dirs[i])
	}
	o.packedObjects = pack.Objects(o.dirs)
	return o
}

// packSet returns the packs, opening them on first use; nil when package
// pack cannot read them and go-git is to.
func (o *objectReader) packSet() *pack.Set {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.packs == nil && o.packsErr == nil {
		o.packs, o.packsErr = pack.Open(o.dirs, pack.Options{
			MaxObjectBytes: maxObjectBytes,
			CacheBytes:     scaled(deltaBaseCacheBytes, cacheFloor, o.packedObjects),
			ResidentBytes:  int64(scaled(pack.ResidentBytes, residentFloor, o.packedObjects)),
		})
	}
	return o.packs
}

// close unmaps the packs.
func (o *objectReader) close() error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.packs == nil {
		return nil
	}
	err := o.packs.Close()
	o.packs, o.packsErr = nil, errors.New("the repository is closed")
	return err
}

// listLoose adds the loose objects of an objects directory: files named by
// the last 38 hex digits of their id in folders named by the first two.
func (o *objectReader) listLoose(objectsDir string) {
	folders, _ := os.ReadDir(objectsDir)
	for _, folder := range folders {
		if len(folder.Name()) != 2 || !folder.IsDir() {
			continue
		}
		files, _ := os.ReadDir(filepath.Join(objectsDir, folder.Name()))
		for _, f := range files {
			if id := folder.Name() + f.Name(); plumbing.IsHash(id) {
				o.loose[plumbing.NewHash(id)] = filepath.Join(objectsDir, folder.Name(), f.Name())
			}
		}
	}
}

// withAlternates appends the object directories that objectsDir borrows
// from (objects/info/alternates, one per line, relative to objectsDir), and
// theirs, as git does.
func withAlternates(dirs []string, objectsDir string, depth int) []string {
	if depth >= maxAlternatesDepth {
		return dirs
	}
	data, err := readSmallFile(filepath.Join(objectsDir, "info", "alternates"))
	if err != nil {
		return dirs
	}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if !filepath.IsAbs(line) {
			line = filepath.Join(objectsDir, line)
		}
		if line = filepath.Clean(line); !slices.Contains(dirs, line) {
			dirs = withAlternates(append(dirs, line), line, depth+1)
		}
	}
	return dirs
}

// read returns the type and body of object h. want is the type asked for
// (AnyObject for any); another type gives a *wrongTypeError, an object over
// limit bytes ErrTooLarge, an absent one plumbing.ErrObjectNotFound.
func (o *objectReader) read(want plumbing.ObjectType, h plumbing.Hash, limit int64) (plumbing.ObjectType, []byte, error) {
	typ, size, body, loose, err := o.openLoose(h)
	if err != nil {
		return 0, nil, err
	}
	if !loose {
		if packs := o.packSet(); packs != nil {
			return o.readPacked(packs, want, h, limit)
		}
		if typ, size, body, err = o.openGoGit(h); err != nil {
			return 0, nil, err
		}
	}
	defer body.Close()
	switch {
	case want != plumbing.AnyObject && typ != want:
		return typ, nil, &wrongTypeError{hash: h, is: typ, wants: want}
	case size > limit:
		return typ, nil, tooLarge(typ, h, size, limit)
	}
	data, err := readBody(body, size)
	if err == nil {
		err = checkContent(typ, h, data)
	}
	if err != nil {
		return typ, nil, fmt.Errorf("%s %s is corrupt: %w (git fsck reports such objects)", typ, h, err)
	}
	return typ, data, nil
}

func tooLarge(typ plumbing.ObjectType, h plumbing.Hash, size, limit int64) error {
	return fmt.Errorf("%s %s is %s, over the %s limit: %w", typ, h, byteSize(size), byteSize(limit), ErrTooLarge)
}

// checkContent checks a loose blob against its id. Blobs reach the user,
// and a loose object is a file anyone can write. Packed objects are not
// checked, as git does not check them when it reads them: git index-pack
// computed every id of a pack from its content when the pack came in, and
// zlib's checksum still guards each object's data (hashing every blob of
// drift's line counts again was a twentieth of a check of hugo). Commits
// and trees, read by the thousand in walks, are checked by their parsers.
// The id is computed with crypto/sha1, not go-git's collision-detecting
// SHA-1 (plumbing.ComputeHash), which is several times slower: the check
// finds corrupt objects, and the objects are already in the repository,
// so there is no collision attack to detect.
func checkContent(typ plumbing.ObjectType, h plumbing.Hash, data []byte) error {
	if typ != plumbing.BlobObject {
		return nil
	}
	sum := sha1.New()
	fmt.Fprintf(sum, "blob %d\x00", len(data))
	sum.Write(data)
	if !bytes.Equal(sum.Sum(nil), h[:]) {
		return errors.New("its content does not match its id")
	}
	return nil
}

// readPacked reads object h from the packs.
func (o *objectReader) readPacked(packs *pack.Set, want plumbing.ObjectType, h plumbing.Hash, limit int64) (plumbing.ObjectType, []byte, error) {
	t, data, err := packs.Read(pack.Hash(h), limit)
	typ := plumbing.ObjectType(t)
	var over *pack.TooLargeError
	switch {
	case errors.As(err, &over):
		// Over the limit before it was built: its type says whether it was
		// the object asked for.
		t, size, infoErr := packs.Info(pack.Hash(h))
		if typ = plumbing.ObjectType(t); infoErr == nil && want != plumbing.AnyObject && typ != want {
			return typ, nil, &wrongTypeError{hash: h, is: typ, wants: want}
		}
		if infoErr == nil && size > limit {
			return typ, nil, tooLarge(typ, h, size, limit)
		}
		return 0, nil, fmt.Errorf("object %s: %v: %w", h, err, ErrTooLarge)
	case err != nil:
		return 0, nil, packedError(h, err)
	case want != plumbing.AnyObject && typ != want:
		return typ, nil, &wrongTypeError{hash: h, is: typ, wants: want}
	}
	return typ, data, nil
}

// packedError turns an error of package pack into this package's.
func packedError(h plumbing.Hash, err error) error {
	if errors.Is(err, pack.ErrNotFound) {
		return plumbing.ErrObjectNotFound
	}
	return fmt.Errorf("object %s is corrupt: %w (git fsck reports such objects)", h, err)
}

// size returns the size object h declares, without reading it.
func (o *objectReader) size(h plumbing.Hash) (int64, error) {
	_, size, body, loose, err := o.openLoose(h)
	if err != nil {
		return 0, err
	}
	if !loose {
		if packs := o.packSet(); packs != nil {
			_, size, err := packs.Info(pack.Hash(h))
			if err != nil {
				return 0, packedError(h, err)
			}
			return size, nil
		}
		if _, size, body, err = o.openGoGit(h); err != nil {
			return 0, err
		}
	}
	body.Close()
	return size, nil
}

// openLoose opens object h if it is loose, and returns its declared type
// and size and a reader of its body; loose is false for an object that
// is not (any more: git gc packs loose objects).
func (o *objectReader) openLoose(h plumbing.Hash) (typ plumbing.ObjectType, size int64, body io.ReadCloser, loose bool, err error) {
	o.mu.Lock()
	name, ok := o.loose[h]
	o.mu.Unlock()
	if !ok {
		return 0, 0, nil, false, nil
	}
	typ, size, body, err = openLooseFile(name)
	if err == nil {
		return typ, size, body, true, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return 0, 0, nil, false, fmt.Errorf("object %s: %w", h, err)
	}
	// Packed since it was listed: look in the packs.
	o.mu.Lock()
	delete(o.loose, h)
	o.mu.Unlock()
	return 0, 0, nil, false, nil
}

// openGoGit reads packed object h through go-git. It holds o.goGit until
// the body it returns is closed, or until it fails.
func (o *objectReader) openGoGit(h plumbing.Hash) (plumbing.ObjectType, int64, io.ReadCloser, error) {
	o.goGit.Lock()
	obj, err := o.packed.EncodedObject(plumbing.AnyObject, h)
	var body io.ReadCloser
	switch {
	case errors.Is(err, plumbing.ErrObjectNotFound):
	case err != nil:
		err = fmt.Errorf("object %s is corrupt: %w (git fsck reports such objects)", h, err)
	default:
		if body, err = obj.Reader(); err != nil {
			err = fmt.Errorf("object %s: %w", h, err)
		}
	}
	if err != nil {
		o.goGit.Unlock()
		return 0, 0, nil, err
	}
	return obj.Type(), obj.Size(), &unlockOnClose{ReadCloser: body, mu: &o.goGit}, nil
}

// unlockOnClose releases a lock when the body it wraps is closed.
type unlockOnClose struct {
	io.ReadCloser
	mu *sync.Mutex
}

func (u *unlockOnClose) Close() error {
	defer u.mu.Unlock()
	return u.ReadCloser.Close()
}

// maxHeaderBytes bounds a loose object's "<type> <size>\x00" header.
const maxHeaderBytes = 32

// openLooseFile opens a loose object file: zlib-compressed
// "<type> <decimal size>\x00<body>".
func openLooseFile(name string) (plumbing.ObjectType, int64, io.ReadCloser, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return 0, 0, nil, err
	}
	if !fi.Mode().IsRegular() {
		return 0, 0, nil, fmt.Errorf("%s is not a regular file", name)
	}
	f, err := os.Open(name)
	if err != nil {
		return 0, 0, nil, err
	}
	z, err := zlib.NewReader(f)
	if err != nil {
		f.Close()
		return 0, 0, nil, fmt.Errorf("%s: %w", name, err)
	}
	body := &looseBody{Reader: bufio.NewReader(z), file: f, z: z}
	header := make([]byte, 0, maxHeaderBytes)
	for {
		c, err := body.ReadByte()
		if err != nil {
			body.Close()
			return 0, 0, nil, fmt.Errorf("%s: no object header: %w", name, err)
		}
		if c == 0 {
			break
		}
		if len(header) == maxHeaderBytes {
			body.Close()
			return 0, 0, nil, fmt.Errorf("%s: no object header", name)
		}
		header = append(header, c)
	}
	typeName, sizeText, _ := bytes.Cut(header, []byte(" "))
	typ, err := plumbing.ParseObjectType(string(typeName))
	if err != nil {
		body.Close()
		return 0, 0, nil, fmt.Errorf("%s: unknown object type %q", name, typeName)
	}
	size, err := strconv.ParseInt(string(sizeText), 10, 64)
	if err != nil || size < 0 {
		body.Close()
		return 0, 0, nil, fmt.Errorf("%s: bad object size %q", name, sizeText)
	}
	return typ, size, body, nil
}

type looseBody struct {
	*bufio.Reader
	file *os.File
	z    io.ReadCloser
}

func (b *looseBody) Close() error {
	return errors.Join(b.z.Close(), b.file.Close())
}

// readBody reads an object body whose header declares size bytes. The
// buffer starts at the declared size, up to 64 KiB, doubles with what the
// stream holds, and takes the whole declared size once the stream has
// given a quarter of it: a header that lies costs at most four times what
// its stream holds, and a big file is copied a few times, not the thirty
// times append's growth by a quarter copies a 60 MiB one. A stream that
// ends early or holds more than declared is corrupt.
func readBody(r io.Reader, size int64) ([]byte, error) {
	// One byte more than declared, to see a stream that holds more.
	buf := make([]byte, 0, min(size, 64<<10)+1)
	for {
		if len(buf) == cap(buf) {
			next := 2 * int64(cap(buf))
			if int64(len(buf)) >= size/4 {
				next = size + 1
			}
			grown := make([]byte, len(buf), min(size+1, next))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > size {
			return nil, fmt.Errorf("it holds more than the %d bytes its header declares", size)
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if int64(len(buf)) < size {
		return nil, fmt.Errorf("its header declares %d bytes but it holds %d", size, len(buf))
	}
	return buf, nil
}

// byteSize prints a size for people: 512 B, 3 KiB, 1 MiB.
func byteSize(n int64) string {
	for _, u := range []struct {
		shift uint
		name  string
	}{{30, "GiB"}, {20, "MiB"}, {10, "KiB"}} {
		if n >= 1<<u.shift {
			return fmt.Sprintf("%d %s", n>>u.shift, u.name)
		}
	}
	return fmt.Sprintf("%d B", n)
}

// MissingObjectError reports an object the repository lacks. In a partial
// clone that is expected: git fetches such objects from the promisor remote
// when it needs them, and handover, which reads without a network, does
// not. Anywhere else the repository is corrupt.
type MissingObjectError struct {
	Hash string // the object id, 40 hex digits
	Kind string // commit, tree or blob
	// Path is the repository path being read when the object was needed,
	// "" when none.
	Path string
	// Partial reports that the repository is a partial clone.
	Partial bool
}

func (e *MissingObjectError) Error() string {
	what := e.Kind + " " + e.Hash
	if e.Path != "" {
		what += " (reading " + e.Path + ")"
	}
	if e.Partial {
		return what + " is not in this partial clone: fetch the missing objects (git fetch --refetch --no-filter), or clone without --filter"
	}
	return what + " is missing from the repository, which is corrupt: run git fsck, and fetch or clone it again"
}

// reading records the path being read in a MissingObjectError that does
// not name one yet.
func reading(err error, path string) error {
	var m *MissingObjectError
	if errors.As(err, &m) && m.Path == "" {
		m.Path = path
	}
	return err
}

// dirPath names the directory whose tree is read at prefix, "" for the
// root.
func dirPath(prefix string) string {
	if prefix == "" {
		return ""
	}
	return prefix + "/"
}
