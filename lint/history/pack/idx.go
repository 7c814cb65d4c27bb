package pack

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
)

// A pack index (gitformat-pack(5)), version 2:
//
//	magic "\377tOc", version 2
//	fanout: 256 big-endian uint32, fanout[b] = number of ids whose first byte is <= b
//	N object ids, sorted
//	N CRC-32s of the packed entries
//	N 31-bit offsets; an offset with the high bit set is an index into
//	the large-offset table instead
//	K 64-bit offsets (the large-offset table)
//	the pack's checksum, the index's checksum
//
// Version 1, which git wrote before 1.5.2 and still reads, has no magic:
// the fanout table, then N entries of a 32-bit offset and an id, then the
// two checksums.
//
// The index is the only table: lookups search the ids within their fanout
// bucket and read the offset at the same position, so opening an index
// allocates nothing per object.
const (
	idxHeaderBytes = 8
	fanoutBytes    = 256 * 4
	idxTrailer     = 2 * HashBytes
	// idxEntryBytes is what each object takes in the fixed tables of
	// version 2: its id, CRC and 32-bit offset.
	idxEntryBytes = HashBytes + 4 + 4
	// v1EntryBytes is an entry of version 1: offset and id.
	v1EntryBytes = 4 + HashBytes
	largeOffset  = 0x80000000
)

var idxMagic = []byte{0xff, 't', 'O', 'c'}

// index is a parsed pack index. Its slices point into the mapped (or read)
// file: the id of object i is at ids[i*idStride:], its offset at
// offsets[i*offStride:].
type index struct {
	fanout, ids, offsets, large []byte
	idStride, offStride         int
	packSum                     []byte
	count                       int
	v1                          bool
}

// parseIndex checks the layout of an index: its size must match the
// object count of its fanout table, as git checks it
// (check_packed_git_idx).
func parseIndex(data []byte) (*index, error) {
	if len(data) < fanoutBytes+idxTrailer {
		return nil, fmt.Errorf("is %d bytes, too short for a pack index", len(data))
	}
	x := &index{}
	header := 0
	if bytes.Equal(data[:4], idxMagic) {
		if len(data) < idxHeaderBytes+fanoutBytes+idxTrailer {
			return nil, fmt.Errorf("is %d bytes, too short for a pack index", len(data))
		}
		if v := binary.BigEndian.Uint32(data[4:8]); v != 2 {
			return nil, fmt.Errorf("is a pack index of version %d; git writes versions 1 and 2", v)
		}
		header = idxHeaderBytes
	} else {
		x.v1 = true
	}
	x.fanout = data[header : header+fanoutBytes]
	prev := uint32(0)
	for b := range 256 {
		n := binary.BigEndian.Uint32(x.fanout[4*b:])
		if n < prev {
			return nil, fmt.Errorf("has a fanout table that decreases at byte %#02x", b)
		}
		prev = n
	}
	count := int64(prev)
	size := int64(len(data))
	at := int64(header + fanoutBytes)
	if x.v1 {
		if size != at+count*v1EntryBytes+idxTrailer {
			return nil, fmt.Errorf("is %d bytes, which does not fit the %d objects its fanout table counts (version 1)", size, count)
		}
		x.count = int(count)
		x.offsets, x.offStride = data[at:size-idxTrailer], v1EntryBytes
		x.ids, x.idStride = data[at+4:size-idxTrailer], v1EntryBytes
		x.packSum = data[size-idxTrailer : size-HashBytes]
		return x, nil
	}
	fixed := at + idxTrailer + count*idxEntryBytes
	// At most one large offset per object but the first.
	most := fixed + max(count-1, 0)*8
	if size < fixed || size > most || (size-fixed)%8 != 0 {
		return nil, fmt.Errorf("is %d bytes, which does not fit the %d objects its fanout table counts", size, count)
	}
	x.count = int(count)
	x.ids, x.idStride = data[at:at+count*HashBytes], HashBytes
	at += count * (HashBytes + 4) // ids, then CRCs
	x.offsets, x.offStride = data[at:at+count*4], 4
	at += count * 4
	x.large = data[at : size-idxTrailer]
	x.packSum = data[size-idxTrailer : size-HashBytes]
	return x, nil
}

// find returns the position of id in the index.
func (x *index) find(id Hash) (int, bool) {
	lo := 0
	if id[0] > 0 {
		lo = int(binary.BigEndian.Uint32(x.fanout[4*(int(id[0])-1):]))
	}
	hi := int(binary.BigEndian.Uint32(x.fanout[4*int(id[0]):]))
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		switch bytes.Compare(x.ids[mid*x.idStride:mid*x.idStride+HashBytes], id[:]) {
		case 0:
			return mid, true
		case -1:
			lo = mid + 1
		default:
			hi = mid
		}
	}
	return 0, false
}

// id returns the object id at position i.
func (x *index) id(i int) Hash {
	var h Hash
	copy(h[:], x.ids[i*x.idStride:])
	return h
}

// offset returns the pack offset of the object at position i.
func (x *index) offset(i int) (int64, error) {
	v := binary.BigEndian.Uint32(x.offsets[i*x.offStride:])
	if x.v1 || v&largeOffset == 0 {
		return int64(v), nil
	}
	j := int(v &^ largeOffset)
	if j >= len(x.large)/8 {
		return 0, fmt.Errorf("object %d has large offset %d, past the %d of its large-offset table", i, j, len(x.large)/8)
	}
	o := binary.BigEndian.Uint64(x.large[8*j:])
	if o > math.MaxInt64 {
		return 0, fmt.Errorf("object %d has offset %d, past any pack", i, o)
	}
	return int64(o), nil
}
