package pack

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/klauspost/compress/zlib"

	"github.com/handover-dev/handover/internal/mmap"
)

// packFile is one pack and its index, open until Close.
type packFile struct {
	name, idxName string
	idx           *index
	unmapIdx      func() error
	// data is the mapped pack; nil when it is read through file.
	data   []byte
	res    *residency
	mapped *mapping // data's share of res
	file   *os.File
	size   int64
	unmap  func() error
}

// packHeaderBytes is "PACK", the version and the object count.
const packHeaderBytes = 12

// openPack opens the index idxName and its pack. A missing pack is an
// fs.ErrNotExist.
func openPack(idxName string, readAt bool, res *residency) (*packFile, error) {
	p := &packFile{idxName: idxName, name: strings.TrimSuffix(idxName, ".idx") + ".pack", res: res}
	if _, err := os.Stat(p.name); err != nil {
		return nil, err
	}
	idxData, unmapIdx, err := mapWhole(idxName, readAt)
	if err != nil {
		return nil, err
	}
	// The index's pages are not dropped with the pack's: every lookup
	// searches it, so dropping them made each lookup fault its pages in
	// again (a third of a check's time on a history of 80k commits, for no
	// lower peak). Like git, which keeps its indexes mapped, a run holds
	// at most the pages of the index it searched.
	p.unmapIdx = unmapIdx
	if p.idx, err = parseIndex(idxData); err != nil {
		p.close()
		return nil, &Error{File: idxName, Offset: -1, Err: err}
	}
	if err := p.openData(readAt); err != nil {
		p.close()
		return nil, err
	}
	return p, nil
}

// openData opens the pack and checks it against its index, as git does
// (open_packed_git_1): the object count and the checksum in its trailer.
func (p *packFile) openData(readAt bool) error {
	f, size, err := openRegular(p.name)
	if err != nil {
		return err
	}
	p.size = size
	if size < packHeaderBytes+HashBytes {
		f.Close()
		return &Error{File: p.name, Offset: -1, Err: fmt.Errorf("is %d bytes, too short for a pack", size)}
	}
	if !readAt {
		p.data, p.unmap, err = mmap.Map(f, int(size))
	}
	if readAt || err != nil {
		p.file = f
	} else {
		f.Close()
		p.mapped = p.res.register(p.data)
	}
	var head [packHeaderBytes]byte
	var sum [HashBytes]byte
	if err := p.readFull(0, head[:]); err != nil {
		return err
	}
	if err := p.readFull(size-HashBytes, sum[:]); err != nil {
		return err
	}
	switch v := binary.BigEndian.Uint32(head[4:8]); {
	case string(head[:4]) != "PACK":
		return &Error{File: p.name, Offset: -1, Err: errors.New("does not start with PACK")}
	case v != 2 && v != 3:
		return &Error{File: p.name, Offset: -1, Err: fmt.Errorf("is a pack of version %d; git writes versions 2 and 3", v)}
	}
	if n := binary.BigEndian.Uint32(head[8:]); int64(n) != int64(p.idx.count) {
		return &Error{File: p.name, Offset: -1, Err: fmt.Errorf("holds %d objects but its index %s lists %d", n, p.idxName, p.idx.count)}
	}
	if !bytes.Equal(sum[:], p.idx.packSum) {
		return &Error{File: p.name, Offset: -1, Err: fmt.Errorf("does not match its index %s (their pack checksums differ)", p.idxName)}
	}
	return nil
}

// openRegular opens a regular file; anything else (a named pipe would
// block) is refused before it is opened.
func openRegular(name string) (*os.File, int64, error) {
	fi, err := os.Stat(name)
	if err != nil {
		return nil, 0, err
	}
	if !fi.Mode().IsRegular() {
		return nil, 0, fmt.Errorf("%s is not a regular file", name)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, 0, err
	}
	return f, fi.Size(), nil
}

// mapWhole maps a file, or reads it whole where it cannot be mapped; then
// there is nothing to unmap, and unmap is nil.
func mapWhole(name string, readAt bool) ([]byte, func() error, error) {
	f, size, err := openRegular(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if size == 0 {
		return nil, nil, nil
	}
	if !readAt {
		if data, unmap, err := mmap.Map(f, int(size)); err == nil {
			return data, unmap, nil
		}
	}
	data := make([]byte, size)
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	return data, nil, nil
}

func (p *packFile) close() error {
	var errs []error
	if p.unmapIdx != nil {
		errs = append(errs, p.unmapIdx())
	}
	if p.unmap != nil {
		errs = append(errs, p.unmap())
	}
	if p.file != nil {
		errs = append(errs, p.file.Close())
	}
	return errors.Join(errs...)
}

// end is where the entries end and the trailer begins.
func (p *packFile) end() int64 { return p.size - HashBytes }

// readFull reads len(buf) bytes at off.
func (p *packFile) readFull(off int64, buf []byte) error {
	if p.data != nil {
		copy(buf, p.data[off:])
		return nil
	}
	_, err := p.file.ReadAt(buf, off)
	return err
}

// at returns up to len(buf) bytes at off, fewer where the entries end.
func (p *packFile) at(off int64, buf []byte) ([]byte, error) {
	n := min(int64(len(buf)), p.end()-off)
	if p.data != nil {
		return p.data[off : off+n], nil
	}
	if err := p.readFull(off, buf[:n]); err != nil {
		return nil, err
	}
	return buf[:n], nil
}

// entry is the header of a pack entry.
type entry struct {
	typ  Type
	size int64 // of its inflated data: the object, or the delta
	data int64 // offset of its zlib stream
	// base is the offset of the base of an ofsDelta, baseID the id of the
	// base of a refDelta.
	base   int64
	baseID Hash
}

func (e entry) delta() bool { return e.typ == ofsDelta || e.typ == refDelta }

// maxEntryHeaderBytes: a 64-bit size takes 10 bytes, then an offset 10 or
// an id 20.
const maxEntryHeaderBytes = 32

// entry reads the header of the entry at off: three bits of type and four
// of size, then seven bits of size a byte; then, for an ofsDelta, its base's
// distance back, big-endian seven bits a byte, each continuation adding one
// (so that every value has one encoding); for a refDelta, its base's id.
func (p *packFile) entry(off int64) (entry, error) {
	if off < packHeaderBytes || off >= p.end() {
		return entry{}, fmt.Errorf("the offset is outside the pack's entries (%d to %d)", packHeaderBytes, p.end())
	}
	var buf [maxEntryHeaderBytes]byte
	b, err := p.at(off, buf[:])
	if err != nil {
		return entry{}, err
	}
	truncated := errors.New("the entry's header is truncated")
	i := 0
	c := b[i]
	i++
	e := entry{typ: Type(c >> 4 & 7), size: int64(c & 0x0f)}
	for shift := 4; c&0x80 != 0; shift += 7 {
		if shift > 56 {
			return entry{}, errors.New("the entry's size overflows")
		}
		if i == len(b) {
			return entry{}, truncated
		}
		c = b[i]
		i++
		e.size |= int64(c&0x7f) << shift
	}
	switch e.typ {
	case Commit, Tree, Blob, Tag:
	case ofsDelta:
		if i == len(b) {
			return entry{}, truncated
		}
		c = b[i]
		i++
		back := int64(c & 0x7f)
		for c&0x80 != 0 {
			if i == len(b) {
				return entry{}, truncated
			}
			if back >= 1<<55 {
				return entry{}, errors.New("the delta's base offset overflows")
			}
			c = b[i]
			i++
			back = (back+1)<<7 | int64(c&0x7f)
		}
		if back <= 0 || back > off-packHeaderBytes {
			return entry{}, fmt.Errorf("the delta's base is %d bytes back, outside the pack's entries", back)
		}
		e.base = off - back
	case refDelta:
		if len(b)-i < HashBytes {
			return entry{}, truncated
		}
		copy(e.baseID[:], b[i:])
		i += HashBytes
	default:
		return entry{}, fmt.Errorf("the entry has the unknown type %d", e.typ)
	}
	e.data = off + int64(i)
	return e, nil
}

// inflater inflates one zlib stream of a pack at a time; inflaters are
// reused, zlib's state and all.
type inflater struct {
	z   io.ReadCloser
	src bytes.Reader
	buf *bufio.Reader
}

var inflaters = sync.Pool{New: func() any { return new(inflater) }}

// stream starts inflating the zlib stream at off. Give the inflater back
// to inflaters when done.
func (p *packFile) stream(off int64) (*inflater, error) {
	in := inflaters.Get().(*inflater)
	var src io.Reader
	if p.data != nil {
		in.src.Reset(p.data[off:p.end()])
		src = &in.src
	} else {
		// A ByteReader, so that zlib reads no further than its stream.
		section := io.NewSectionReader(p.file, off, p.end()-off)
		if in.buf == nil {
			in.buf = bufio.NewReaderSize(section, 16<<10)
		} else {
			in.buf.Reset(section)
		}
		src = in.buf
	}
	var err error
	if in.z == nil {
		in.z, err = zlib.NewReader(src)
	} else {
		err = in.z.(zlib.Resetter).Reset(src, nil)
	}
	if err != nil {
		inflaters.Put(in)
		return nil, fmt.Errorf("its data is not a zlib stream: %w", err)
	}
	return in, nil
}

// done gives the inflater of the stream at off back, and counts what it
// read of the mapping.
func (p *packFile) done(in *inflater, off int64) {
	if p.data != nil {
		// The entry's header, just before its stream, was read too.
		head := min(off, maxEntryHeaderBytes)
		p.res.add(p.mapped, off-head, head+p.end()-off-int64(in.src.Len()))
	}
	inflaters.Put(in)
}

// inflate returns the zlib stream at off, which must hold exactly size
// bytes: the caller has checked size against its limit.
func (p *packFile) inflate(off, size int64) ([]byte, error) {
	return p.inflateTo(nil, off, size)
}

// inflateTo is inflate into buf's array when it holds size bytes.
func (p *packFile) inflateTo(buf []byte, off, size int64) ([]byte, error) {
	in, err := p.stream(off)
	if err != nil {
		return nil, err
	}
	defer p.done(in, off)
	out := buf[:0]
	if int64(cap(out)) < size {
		out = make([]byte, size)
	}
	out = out[:size]
	if _, err := io.ReadFull(in.z, out); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("its data ends before the %d bytes its header declares", size)
		}
		return nil, fmt.Errorf("its data does not inflate: %w", err)
	}
	// Reading to the end checks zlib's checksum.
	var one [1]byte
	switch _, err := io.ReadFull(in.z, one[:]); {
	case err == nil:
		return nil, fmt.Errorf("its data holds more than the %d bytes its header declares", size)
	case !errors.Is(err, io.EOF):
		return nil, fmt.Errorf("its data does not inflate: %w", err)
	}
	return out, nil
}

// inflatePrefix returns the first len(buf) bytes of the zlib stream at
// off, fewer if it holds fewer.
func (p *packFile) inflatePrefix(off int64, buf []byte) ([]byte, error) {
	in, err := p.stream(off)
	if err != nil {
		return nil, err
	}
	defer p.done(in, off)
	n, err := io.ReadFull(in.z, buf)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("its data does not inflate: %w", err)
	}
	return buf[:n], nil
}
