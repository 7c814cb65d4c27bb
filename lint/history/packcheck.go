package history

import (
	"bufio"
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/go-git/go-git/v5/storage/filesystem"
)

// checkedStorage is the storage of a clone. It holds back the pack a
// server sends until checkPack has read it: go-git's pack parser reserves
// memory for the size an entry declares (up to 1 GiB an entry), so a
// hostile server could make a clone take gigabytes with a few bytes.
type checkedStorage struct {
	*filesystem.Storage
	dir      string // where the pack waits
	maxBytes int64  // the largest object a delta may build
}

func (s *checkedStorage) PackfileWriter() (io.WriteCloser, error) {
	f, err := os.CreateTemp(s.dir, "incoming-*.pack")
	if err != nil {
		return nil, err
	}
	return &checkedPackWriter{File: f, storage: s}, nil
}

type checkedPackWriter struct {
	*os.File
	storage *checkedStorage
}

// Close checks the pack and only then hands it to go-git.
func (w *checkedPackWriter) Close() (err error) {
	defer os.Remove(w.Name())
	defer func() { err = errors.Join(err, w.File.Close()) }()
	if _, err := w.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if err := checkPack(bufio.NewReader(w.File), w.storage.maxBytes); err != nil {
		return fmt.Errorf("the server sent a corrupt pack: %w", err)
	}
	if _, err := w.Seek(0, io.SeekStart); err != nil {
		return err
	}
	pw, err := w.storage.Storage.PackfileWriter()
	if err != nil {
		return err
	}
	if _, err := io.Copy(pw, w.File); err != nil {
		pw.Close()
		return err
	}
	return pw.Close()
}

// Pack entry types (gitformat-pack(5)).
const (
	packOfsDelta = 6
	packRefDelta = 7
)

// checkPack reads a pack entry by entry and inflates each, without keeping
// it, to check that it holds exactly the bytes its header declares, and
// that no delta declares an object larger than maxBytes.
func checkPack(r *bufio.Reader, maxBytes int64) error {
	var header [12]byte
	if _, err := io.ReadFull(r, header[:]); err != nil || !bytes.Equal(header[:4], []byte("PACK")) {
		return errors.New("no pack header")
	}
	count := binary.BigEndian.Uint32(header[8:])
	for i := range count {
		typ, size, err := readEntryHeader(r)
		if err != nil {
			return fmt.Errorf("entry %d: %w", i, err)
		}
		switch typ {
		case 1, 2, 3, 4:
		case packOfsDelta:
			if _, err := readPackVarint(r); err != nil {
				return fmt.Errorf("entry %d: %w", i, err)
			}
		case packRefDelta:
			if _, err := io.ReadFull(r, make([]byte, hashBytes)); err != nil {
				return fmt.Errorf("entry %d: %w", i, err)
			}
		default:
			return fmt.Errorf("entry %d: unknown type %d", i, typ)
		}
		if err := checkEntryBody(r, typ, size, maxBytes); err != nil {
			return fmt.Errorf("entry %d: %w", i, err)
		}
	}
	return nil
}

// readEntryHeader reads an entry's type and size: three bits of type and
// four of size, then seven bits of size a byte.
func readEntryHeader(r io.ByteReader) (typ byte, size int64, err error) {
	c, err := r.ReadByte()
	if err != nil {
		return 0, 0, err
	}
	typ, size = c>>4&7, int64(c&0x0f)
	for shift := 4; c&0x80 != 0; shift += 7 {
		if shift > 56 {
			return 0, 0, errors.New("size overflows")
		}
		if c, err = r.ReadByte(); err != nil {
			return 0, 0, err
		}
		size |= int64(c&0x7f) << shift
	}
	return typ, size, nil
}

// readPackVarint reads the offset of an OFS_DELTA entry.
func readPackVarint(r io.ByteReader) (int64, error) {
	var v int64
	for i := 0; ; i++ {
		c, err := r.ReadByte()
		if err != nil {
			return 0, err
		}
		if i > 8 {
			return 0, errors.New("delta offset overflows")
		}
		v = v<<7 | int64(c&0x7f)
		if c&0x80 == 0 {
			return v, nil
		}
		v++
	}
}

// checkEntryBody inflates one entry's zlib stream, which must hold exactly
// size bytes. r must be a ByteReader so that zlib reads no further than
// its stream.
func checkEntryBody(r *bufio.Reader, typ byte, size int64, maxBytes int64) error {
	z, err := zlib.NewReader(r)
	if err != nil {
		return err
	}
	defer z.Close()
	inflated := &countingReader{r: io.LimitReader(z, size+1)}
	body := bufio.NewReader(inflated)
	if typ == packOfsDelta || typ == packRefDelta {
		// A delta starts with the sizes of its base and of its result.
		for range 2 {
			n, err := readLEB128(body)
			if err != nil {
				return fmt.Errorf("delta header: %w", err)
			}
			if n > uint64(maxBytes) {
				return fmt.Errorf("a delta declares an object of %s: %w", byteSize(int64(min(n, 1<<62))), ErrTooLarge)
			}
		}
	}
	// Reading to the end also checks the stream's checksum.
	if _, err := io.Copy(io.Discard, body); err != nil {
		return err
	}
	switch {
	case inflated.n > size:
		return fmt.Errorf("it declares %d bytes but holds more", size)
	case inflated.n < size:
		return fmt.Errorf("it declares %d bytes but holds %d", size, inflated.n)
	}
	return nil
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readLEB128 reads a delta's size: seven bits a byte, least significant
// first.
func readLEB128(r io.ByteReader) (uint64, error) {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		c, err := r.ReadByte()
		if err != nil {
			return 0, err
		}
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 {
			return v, nil
		}
	}
	return 0, errors.New("size overflows")
}
