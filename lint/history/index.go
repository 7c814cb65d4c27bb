package history

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// The index is read here rather than by go-git, whose decoder refuses the
// layouts git writes for big repositories: a sparse index (git
// sparse-checkout --sparse-index: directory entries stand for the files of
// their tree), a split index (core.splitIndex: a shared index plus the
// changes since) and an index without a checksum (index.skipHash). Only
// what ls-files prints is read: paths, and for directories their trees.

// indexEntry is one path of the index.
type indexEntry struct {
	name string
	mode filemode.FileMode
	hash plumbing.Hash
}

// gitIndex is a decoded index file.
type gitIndex struct {
	entries []indexEntry
	// link is the split index's "link" extension, nil for a whole index.
	link *splitLink
}

type splitLink struct {
	shared           plumbing.Hash
	deleted, replace []bool // by position in the shared index
}

var errBadIndex = errors.New("malformed index")

// maxIndexEntries bounds the bitmaps of a split index, which hold a bit per
// entry of the shared index: the largest repositories have a few million.
const maxIndexEntries = 1 << 26

// indexFiles lists the paths the index of the work tree at gitDir holds,
// sorted, each once, like git ls-files: directories of a sparse index are
// listed file by file.
func (r *Repo) indexFiles(gitDir string) ([]string, error) {
	idx, err := readIndexFile(filepath.Join(gitDir, "index"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	entries := idx.entries
	if idx.link != nil {
		shared, err := readIndexFile(filepath.Join(gitDir, "sharedindex."+idx.link.shared.String()))
		if err != nil {
			return nil, fmt.Errorf("split index: %w", err)
		}
		if entries, err = idx.link.apply(shared.entries, entries); err != nil {
			return nil, err
		}
	}
	var files []string
	for _, e := range entries {
		if e.mode != filemode.Dir {
			files = append(files, e.name)
			continue
		}
		dir := e.name[:len(e.name)-1]
		err := r.walkTree(e.hash, dir, func(p string, _ treeEntry) error {
			files = append(files, p)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("sparse index entry %s: %w", e.name, err)
		}
	}
	sort.Strings(files)
	// Entries in conflict appear once per stage.
	out := files[:0]
	for _, f := range files {
		if n := len(out); n == 0 || out[n-1] != f {
			out = append(out, f)
		}
	}
	return out, nil
}

// apply merges a split index's entries into the shared index's: deleted
// entries go, replaced ones take the new entry under the old name, and the
// entries left are added.
func (l *splitLink) apply(shared, split []indexEntry) ([]indexEntry, error) {
	var out []indexEntry
	next := 0
	for i, e := range shared {
		if i < len(l.replace) && l.replace[i] {
			if next == len(split) {
				return nil, fmt.Errorf("split index: %w: more replaced entries than entries", errBadIndex)
			}
			split[next].name = e.name
			e = split[next]
			next++
		}
		if i >= len(l.deleted) || !l.deleted[i] {
			out = append(out, e)
		}
	}
	return append(out, split[next:]...), nil
}

// Sizes in the on-disk format (gitformat-index(5)).
const (
	indexHeaderBytes = 12
	entryFixedBytes  = 62 // ctime, mtime, dev, ino, mode, uid, gid, size, hash, flags
	hashBytes        = 20
	flagExtended     = 0x4000
	flagNameMask     = 0x0fff
)

func readIndexFile(name string) (*gitIndex, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	idx, err := parseIndex(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return idx, nil
}

func parseIndex(data []byte) (*gitIndex, error) {
	if len(data) < indexHeaderBytes+hashBytes || !bytes.Equal(data[:4], []byte("DIRC")) {
		return nil, fmt.Errorf("%w: no DIRC header", errBadIndex)
	}
	version := binary.BigEndian.Uint32(data[4:])
	if version < 2 || version > 4 {
		return nil, fmt.Errorf("%w: version %d", errBadIndex, version)
	}
	count := binary.BigEndian.Uint32(data[8:])
	end := len(data) - hashBytes
	pos := indexHeaderBytes
	idx := &gitIndex{}
	var prev []byte
	for range count {
		if pos+entryFixedBytes > end {
			return nil, fmt.Errorf("%w: truncated entry", errBadIndex)
		}
		e := indexEntry{mode: filemode.FileMode(binary.BigEndian.Uint32(data[pos+24:]))}
		copy(e.hash[:], data[pos+40:pos+60])
		flags := binary.BigEndian.Uint16(data[pos+60:])
		start := pos
		pos += entryFixedBytes
		if version >= 3 && flags&flagExtended != 0 {
			pos += 2
		}
		if pos > end {
			return nil, fmt.Errorf("%w: truncated entry", errBadIndex)
		}
		var name []byte
		if version == 4 {
			strip, n := readOffsetVarint(data[pos:end])
			if n == 0 || strip > uint64(len(prev)) {
				return nil, fmt.Errorf("%w: bad path prefix", errBadIndex)
			}
			pos += n
			nul := bytes.IndexByte(data[pos:end], 0)
			if nul < 0 {
				return nil, fmt.Errorf("%w: unterminated path", errBadIndex)
			}
			name = append(prev[:len(prev)-int(strip):len(prev)-int(strip)], data[pos:pos+nul]...)
			pos += nul + 1
		} else {
			n := int(flags & flagNameMask)
			if n == flagNameMask {
				n = bytes.IndexByte(data[min(pos, end):end], 0)
			}
			if n < 0 || pos+n > end {
				return nil, fmt.Errorf("%w: bad path length", errBadIndex)
			}
			name = data[pos : pos+n]
			// Entries are padded with NULs to a multiple of 8 bytes.
			pos = start + (pos-start+n+8)&^7
		}
		e.name = string(name)
		prev = name
		idx.entries = append(idx.entries, e)
	}
	for pos+8 <= end {
		sig, size := data[pos:pos+4], int(binary.BigEndian.Uint32(data[pos+4:]))
		pos += 8
		if size < 0 || pos+size > end {
			return nil, fmt.Errorf("%w: extension %q overruns the file", errBadIndex, sig)
		}
		if string(sig) == "link" {
			link, err := parseLink(data[pos : pos+size])
			if err != nil {
				return nil, err
			}
			idx.link = link
		}
		pos += size
	}
	return idx, nil
}

// readOffsetVarint decodes git's offset varint (varint.c); n is 0 when b
// ends first.
func readOffsetVarint(b []byte) (v uint64, n int) {
	for n < len(b) && n < 10 {
		c := b[n]
		n++
		v = v<<7 | uint64(c&0x7f)
		if c&0x80 == 0 {
			return v, n
		}
		v++
	}
	return 0, 0
}

// parseLink reads a split index's link extension: the shared index's hash
// and two EWAH bitmaps, deleted and replaced entries.
func parseLink(b []byte) (*splitLink, error) {
	if len(b) < hashBytes {
		return nil, fmt.Errorf("%w: short link extension", errBadIndex)
	}
	l := &splitLink{}
	copy(l.shared[:], b[:hashBytes])
	rest := b[hashBytes:]
	if len(rest) == 0 {
		return l, nil
	}
	var err error
	if l.deleted, rest, err = parseEWAH(rest); err != nil {
		return nil, err
	}
	if l.replace, _, err = parseEWAH(rest); err != nil {
		return nil, err
	}
	return l, nil
}

// parseEWAH decodes a bitmap as git's ewah_io.c writes it: the bit count,
// the word count, the 64-bit words, the position of the last run marker.
// Each marker holds a run of identical words (bit 0 the value, bits 1-32
// the length) and the number of literal words that follow (bits 33-63).
func parseEWAH(b []byte) (bits []bool, rest []byte, err error) {
	if len(b) < 8 {
		return nil, nil, fmt.Errorf("%w: short bitmap", errBadIndex)
	}
	size, words := int(binary.BigEndian.Uint32(b)), int(binary.BigEndian.Uint32(b[4:]))
	if size > maxIndexEntries || len(b) < 8+words*8+4 {
		return nil, nil, fmt.Errorf("%w: truncated bitmap", errBadIndex)
	}
	body := b[8 : 8+words*8]
	bits = make([]bool, 0, min(size, len(body)*8))
	word := func(i int) uint64 { return binary.BigEndian.Uint64(body[i*8:]) }
	for i := 0; i < words && len(bits) < size; {
		marker := word(i)
		i++
		run, literals := int(marker>>1&0xffffffff), int(marker>>33)
		for range min(run*64, size-len(bits)) {
			bits = append(bits, marker&1 == 1)
		}
		for ; literals > 0 && i < words; literals-- {
			w := word(i)
			i++
			for j := 0; j < 64 && len(bits) < size; j++ {
				bits = append(bits, w>>j&1 == 1)
			}
		}
	}
	return bits, b[8+words*8+4:], nil
}
